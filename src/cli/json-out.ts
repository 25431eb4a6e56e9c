/**
 * `--json` output written as it is serialised, in pieces of about 64 KiB, byte for byte what
 * `JSON.stringify(value, null, 2) + "\n"` gives. A large host's JSON is megabytes
 * (`devices --json` on 4,096 functions: 7 MB); built whole, it was held three times over at the
 * end of the command (the string, the string with its newline, the bytes written), most of its
 * peak memory. To a file the pieces are written at once; to a pipe whose reader is slower, Node
 * queues them, so the bytes are held until written, as the whole text was before.
 */

const PIECE = 64 * 1024;

export function writeJson(out: { write(chunk: string | Uint8Array): unknown }, value: unknown): void {
  // Pieces are kept in an array and joined once per write: a string grown by += is a rope of
  // every small piece, which a write to a pipe that is not drained yet keeps whole (several times
  // the text). Each piece is handed over as bytes, the only copy a waiting write then holds.
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    out.write(Buffer.from(parts.join(''), 'utf8'));
    parts = [];
    size = 0;
  };
  const emit = (s: string) => {
    parts.push(s);
    size += s.length;
    if (size >= PIECE) flush();
  };
  const top = resolve(value, '');
  if (omitted(top)) {
    // JSON.stringify gives undefined here, which the template literal printed as "undefined".
    out.write('undefined\n');
    return;
  }
  serialise(top, '', emit, new Set());
  emit('\n');
  flush();
}

/** The value JSON.stringify serialises for `value` under `key`: its toJSON's result, asked once. */
function resolve(value: unknown, key: string): unknown {
  if (value !== null && (typeof value === 'object' || typeof value === 'bigint')) {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return toJSON.call(value, key);
  }
  return value;
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** Elements of an array written by one native JSON.stringify call. */
const CHUNK = 32;

/**
 * Elements start..end of an array at this indent, as JSON.stringify(…, null, 2) writes them inside
 * it (separated by a comma, a line break and the elements' indent; without the brackets), by the
 * native serialiser: several times faster than the walk below and far less garbage (`groups --json`
 * on 4,096 functions writes 3 MB; bench/groups.bench.ts). JSON.stringify indents by depth alone,
 * so the elements are put at their depth by wrapping them in as many one-element arrays, whose
 * brackets are cut off the text afterwards. Undefined (the walk is used) for a chunk with an
 * element that has a toJSON (native asks it with the key in the chunk, not the array's index) or
 * is a long array (kept element by element, so that no piece holds much of a large output).
 */
function nativeChunk(v: unknown[], start: number, end: number, indent: string): string | undefined {
  for (let i = start; i < end; i++) {
    const e = v[i];
    if (e === null || typeof e !== 'object') continue;
    if (typeof (e as { toJSON?: unknown }).toJSON === 'function') return undefined;
    if (Array.isArray(e) && e.length > CHUNK) return undefined;
  }
  const depth = indent.length / 2;
  let wrapped: unknown = v.slice(start, end);
  let head = '';
  let tail = '';
  for (let d = depth; d >= 0; d--) {
    head = `[\n${'  '.repeat(d + 1)}${head}`;
    tail = `${tail}\n${'  '.repeat(d)}]`;
    if (d > 0) wrapped = [wrapped];
  }
  const text = JSON.stringify(wrapped, null, 2);
  if (!text.startsWith(head) || !text.endsWith(tail)) return undefined;
  return text.slice(head.length, text.length - tail.length);
}

/** One resolved, not omitted value as JSON.stringify(…, null, 2) writes it at this indent. */
function serialise(v: unknown, indent: string, emit: (s: string) => void, stack: Set<object>): void {
  if (
    v === null ||
    typeof v !== 'object' ||
    v instanceof Number ||
    v instanceof String ||
    v instanceof Boolean
  ) {
    // Primitives and their boxes (a bigint throws, as JSON.stringify does).
    emit(JSON.stringify(v));
    return;
  }
  if (stack.has(v)) throw new TypeError('Converting circular structure to JSON');
  stack.add(v);
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) emit('[]');
    else {
      for (let i = 0; i < v.length; ) {
        const end = Math.min(v.length, i + CHUNK);
        const native = nativeChunk(v, i, end, indent);
        if (native !== undefined) {
          emit(i === 0 ? `[\n${inner}${native}` : `,\n${inner}${native}`);
          i = end;
          continue;
        }
        emit(i === 0 ? `[\n${inner}` : `,\n${inner}`);
        const item = resolve(v[i], String(i));
        if (omitted(item)) emit('null');
        else serialise(item, inner, emit, stack);
        i++;
      }
      emit(`\n${indent}]`);
    }
  } else {
    let first = true;
    for (const k of Object.keys(v)) {
      const item = resolve((v as Record<string, unknown>)[k], k);
      if (omitted(item)) continue;
      emit(`${first ? '{' : ','}\n${inner}${JSON.stringify(k)}: `);
      first = false;
      serialise(item, inner, emit, stack);
    }
    emit(first ? '{}' : `\n${indent}}`);
  }
  stack.delete(v);
}
