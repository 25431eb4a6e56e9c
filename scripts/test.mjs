#!/usr/bin/env node
// The test command (`npm test`): builds the bundle, then runs every test file under test/ with
// node's test runner through tsx. Lab tests (test/lab/) boot a real kernel under QEMU; they run
// when qemu-system-x86_64 is present and are skipped loudly otherwise. Under CI (CI=true) a
// missing QEMU is a failure, not a skip. The dashboard's browser tests (test/unit/ui-e2e.test.ts)
// drive Debian's /usr/bin/chromium and follow the same rule (test/helpers/browser.ts).
//   --unit   unit tests only      --lab   lab tests only
// The lab files run in one process (test/lab-suite.ts: one guest at a time) on one of the test
// runner's two slots while the unit files take turns on the other, which roughly halves the wall
// time on a two-core machine without two TCG guests competing.
// Every file (the lab suite is one) and every test in it has a time limit (TEST_LIMIT_MS): a test
// that hangs — a child process that never answers — fails with "test timed out" and the run goes
// on, instead of waiting until CI's own limit ends the job with no result. The limit covers the
// lab suite whole, the longest file: about 12 minutes on an idle two-core machine, but 20 minutes
// was passed on one whose other core was busy (its 50 bind cycles under TCG alone took 11). At
// 45 minutes a hang still leaves CI (90 minutes) time to finish and report; VFIOKIT_TEST_LIMIT_S
// overrides.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const top = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const only = args.includes('--unit') ? 'unit' : args.includes('--lab') ? 'lab' : 'all';
const extra = args.filter((a) => !a.startsWith('--'));

function find(dir) {
  let out = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out = out.concat(find(p));
    else if (e.name.endsWith('.test.ts')) out.push(relative(top, p));
  }
  return out.sort();
}

function hasQemu() {
  return spawnSync('sh', ['-c', 'command -v qemu-system-x86_64'], { stdio: 'ignore' }).status === 0;
}

const build = spawnSync(process.execPath, [join(top, 'scripts/build.mjs')], { stdio: 'inherit', cwd: top });
if (build.status !== 0) process.exit(build.status ?? 1);

let files = [];
const all = find(join(top, 'test'));
if (only !== 'lab') files = files.concat(all.filter((f) => !f.startsWith('test/lab/')));
if (only !== 'unit') {
  const lab = all.filter((f) => f.startsWith('test/lab/'));
  if (lab.length && hasQemu()) files = files.concat(lab);
  else if (lab.length && process.env.CI === 'true') {
    console.error('lab: FAILED (no qemu-system-x86_64 under CI; .ci/run must install qemu-system-x86)');
    process.exit(1);
  } else if (lab.length) {
    console.error(
      '\n*** lab: SKIPPED (no qemu-system-x86_64) — install qemu-system-x86 to run the real-kernel tests ***\n',
    );
  }
}
if (extra.length) files = files.filter((f) => extra.some((x) => f.includes(x)));
if (!files.length) {
  // `npm run lab` without QEMU has said SKIPPED above; that is not an error outside CI.
  if (only === 'lab' && !hasQemu()) process.exit(0);
  console.error('no test files found');
  process.exit(1);
}
const labFiles = files.filter((f) => f.startsWith('test/lab/'));
const unitFiles = files.filter((f) => !f.startsWith('test/lab/'));
// The lab suite first, so it takes a slot at once: it is the longest single piece.
const runList = labFiles.length ? ['test/lab-suite.ts', ...unitFiles] : unitFiles;
const TEST_LIMIT_MS = Number(process.env.VFIOKIT_TEST_LIMIT_S ?? 2700) * 1000;
// node's TAP goes to standard output as before; a second reporter collects the failures, printed
// again after the summary so that the end of a long log names them.
const failuresFile = join(mkdtempSync(join(tmpdir(), 'vfiokit-test-')), 'failures.txt');
const r = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    `--test-timeout=${TEST_LIMIT_MS}`,
    '--test-reporter=tap',
    '--test-reporter-destination=stdout',
    `--test-reporter=${join(top, 'scripts/failures-reporter.mjs')}`,
    `--test-reporter-destination=${failuresFile}`,
    ...runList,
  ],
  {
    stdio: 'inherit',
    cwd: top,
    env: { ...process.env, VFIOKIT_LAB_FILES: labFiles.join(',') },
  },
);
let failures = '';
try {
  failures = readFileSync(failuresFile, 'utf8');
} catch {
  // No file: the runner did not start; its own message says why.
}
rmSync(dirname(failuresFile), { recursive: true, force: true });
if (failures.trim()) console.log(`\n# failed tests (also above, where they ran):\n${failures}`);
process.exit(r.status ?? 1);
