/**
 * JSON output written in pieces: the text `JSON.stringify(value, null, 2)` gives, byte for byte,
 * without building it whole. `vfiokit groups --json` on a host of 4,096 functions prints about
 * 3 MB; as one string plus its UTF-8 copy for the write that was 6 MB of a run's peak memory.
 * The top-level object's array members (groups, devices) are serialised an element at a time;
 * anything else is left to JSON.stringify, which nests indentation the same way (a nested value
 * is its own two-space text with every line after the first indented by its depth; JSON text
 * holds no raw newline inside a string, so indenting after each newline is exact).
 */

/** A plain object whose members can be written one by one (no toJSON to consult). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return (
    (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function'
  );
}

/** JSON.stringify omits members whose value is undefined, a function or a symbol. */
const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

const indented = (text: string, pad: string) => text.replaceAll('\n', `\n${pad}`);

/** The pieces of `JSON.stringify(value, null, 2)`, in order. */
export function* jsonPieces(value: unknown): Generator<string> {
  if (!isPlainObject(value)) {
    yield JSON.stringify(value, null, 2);
    return;
  }
  const keys = Object.keys(value).filter((k) => !omitted(value[k]));
  if (!keys.length) {
    yield '{}';
    return;
  }
  yield '{';
  for (const [i, k] of keys.entries()) {
    const v = value[k];
    yield `${i ? ',' : ''}\n  ${JSON.stringify(k)}: `;
    if (Array.isArray(v) && v.length && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
      yield '[';
      for (const [j, e] of v.entries()) {
        // In an array, JSON.stringify writes null for what it omits from an object.
        const text = omitted(e) ? 'null' : JSON.stringify(e, null, 2);
        yield `${j ? ',' : ''}\n    ${indented(text, '    ')}`;
      }
      yield '\n  ]';
    } else {
      const text = JSON.stringify(v, null, 2);
      yield text === undefined ? 'null' : indented(text, '  ');
    }
  }
  yield '\n}';
}

/** Pieces are gathered into writes of about this many characters. */
const WRITE_CHARS = 64 * 1024;

/** Write `value` as two-space JSON and a newline, in writes of about 64 KiB. */
export function writeJson(write: (text: string) => void, value: unknown): void {
  let buf = '';
  for (const piece of jsonPieces(value)) {
    buf += piece;
    if (buf.length >= WRITE_CHARS) {
      write(buf);
      buf = '';
    }
  }
  write(`${buf}\n`);
}
