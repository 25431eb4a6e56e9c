/**
 * Unified diffs (the `diff -u` format that `patch` reads) of the text files a plan changes, so a
 * user sees exactly what `--apply` will write. Line-based LCS; a hunk carries three lines of
 * context as GNU diff does. A missing file is diffed as empty against /dev/null, as `diff -uN`
 * shows a created or removed file.
 */

export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Marks a last line that has no newline; never part of real text (NUL). */
const NO_EOL = '\u0000no-eol';

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

/** Edit script from a to b by longest common subsequence (files here are small: config files). */
function editScript(a: string[], b: string[]): Op[] {
  // Common prefix and suffix first: most edits touch a few lines of a long file.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf])
    suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const n = am.length;
  const m = bm.length;
  const ops: Op[] = [];
  for (let i = 0; i < pre; i++) ops.push({ kind: ' ', line: a[i], a: i, b: i });
  if (n * m > 4_000_000) {
    // Too large for the table: show it as one replacement (still a correct diff).
    for (let i = 0; i < n; i++) ops.push({ kind: '-', line: am[i], a: pre + i, b: pre });
    for (let j = 0; j < m; j++) ops.push({ kind: '+', line: bm[j], a: pre + n, b: pre + j });
  } else {
    const w = m + 1;
    const t = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        t[i * w + j] =
          am[i] === bm[j] ? t[(i + 1) * w + j + 1] + 1 : Math.max(t[(i + 1) * w + j], t[i * w + j + 1]);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) {
        ops.push({ kind: ' ', line: am[i], a: pre + i, b: pre + j });
        i++;
        j++;
      } else if (i < n && (j === m || t[(i + 1) * w + j] >= t[i * w + j + 1])) {
        // Deletions before insertions, as diff -u prints a changed line.
        ops.push({ kind: '-', line: am[i], a: pre + i, b: pre + j });
        i++;
      } else {
        ops.push({ kind: '+', line: bm[j], a: pre + i, b: pre + j });
        j++;
      }
    }
  }
  for (let k = 0; k < suf; k++) {
    const ai = a.length - suf + k;
    ops.push({ kind: ' ', line: a[ai], a: ai, b: b.length - suf + k });
  }
  return ops;
}

function range(start: number, count: number): string {
  // diff -u: a hunk with no lines of one side names the line before it.
  if (count === 0) return `${start},0`;
  return count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}

/**
 * The unified diff from `before` to `after` ('' when equal). `undefined` stands for a file that
 * does not exist. Labels are the host path, `a/`-less, as `diff -u OLD NEW` would print them.
 */
export function unifiedDiff(
  path: string,
  before: string | undefined,
  after: string | undefined,
  context = 3,
): string {
  if (before === after) return '';
  const noEol = (text: string | undefined) => text !== undefined && text !== '' && !text.endsWith('\n');
  // A last line without its newline differs from the same line with one (diff prints both).
  const mark = (lines: string[], text: string | undefined) => {
    if (noEol(text)) lines[lines.length - 1] += NO_EOL;
    return lines;
  };
  const a = mark(splitLines(before ?? ''), before);
  const b = mark(splitLines(after ?? ''), after);
  const ops = editScript(a, b);
  const changed = ops.map((o, i) => (o.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  const out = [
    `--- ${before === undefined ? '/dev/null' : path}`,
    `+++ ${after === undefined ? '/dev/null' : path}`,
  ];
  let k = 0;
  while (k < changed.length) {
    let start = Math.max(0, changed[k] - context);
    let end = Math.min(ops.length, changed[k] + context + 1);
    k++;
    while (k < changed.length && changed[k] - context <= end) {
      end = Math.min(ops.length, changed[k] + context + 1);
      k++;
    }
    start = Math.max(0, start);
    const hunk = ops.slice(start, end);
    const aStart = hunk[0].a;
    const bStart = hunk[0].b;
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@`);
    for (const o of hunk) {
      if (o.line.endsWith(NO_EOL))
        out.push(`${o.kind}${o.line.slice(0, -NO_EOL.length)}`, '\\ No newline at end of file');
      else out.push(`${o.kind}${o.line}`);
    }
  }
  return `${out.join('\n')}\n`;
}
