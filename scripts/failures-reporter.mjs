// A second reporter for `npm test` (scripts/test.mjs): it writes one block per failed test —
// file, name and the first lines of the error — to its destination, which scripts/test.mjs prints
// after the run, as TAP comments (so a TAP reader counts nothing twice). node's TAP output names a failure where it happens, hundreds of lines above the
// end; a CI log that keeps only its tail would otherwise say "fail 1" and not which.
const MAX_ERROR_LINES = 12;

function errorText(error) {
  if (!error) return '(no error recorded)';
  // The runner wraps what a test threw; the cause is the test's own error.
  const e = error.cause ?? error;
  const text = typeof e === 'object' && e !== null && 'stack' in e && e.stack ? String(e.stack) : String(e);
  const lines = text.split('\n');
  const shown = lines.slice(0, MAX_ERROR_LINES).map((l) => `#     ${l}`);
  if (lines.length > MAX_ERROR_LINES) shown.push(`#     … ${lines.length - MAX_ERROR_LINES} more lines`);
  return shown.join('\n');
}

export default async function* failures(source) {
  let failed = 0;
  for await (const event of source) {
    if (event.type !== 'test:fail') continue;
    const d = event.data;
    // A file's own entry fails when one of its tests does; the test itself is the one to name.
    if (d.details?.error?.failureType === 'subtestsFailed') continue;
    failed++;
    // The file only: through tsx the reported line is the transformed file's, not the source's.
    const where = d.file ?? '(unknown file)';
    yield `# FAILED: ${d.name}\n#   in ${where}\n${errorText(d.details?.error)}\n`;
  }
  if (failed === 0) yield '';
}
