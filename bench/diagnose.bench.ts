// `vfiokit diagnose` on large and hostile input, through the built CLI: a 50 MB realistic log
// (kernel, journal and libvirt/QEMU lines in their usual prefixes, VFIO messages among them) with
// -f, with --dmesg from a snapshot, and on standard input; adversarial input: 4 MB and 50 MB of
// 4,096-character words (18 s and >120 s before patterns were made linear), 50 MB of lines that
// repeat a catalogue literal (every occurrence starts a match attempt), and /dev/zero.
// Prints wall time and peak memory (the child's max RSS, from GNU time). Target: seconds, and
// memory that does not grow with the input.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MB, realisticLine, writeLog } from './diagnose-logs.js';

const bin = fileURLToPath(new URL('../bin/vfiokit', import.meta.url));
const TIME = '/usr/bin/time';
function run(label: string, shell: string): void {
  const r = spawnSync(TIME, ['-f', '%e %M', 'sh', '-c', shell], { encoding: 'utf8', maxBuffer: 64 * MB });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [secs, kb] = last.split(' ').map(Number);
  let summary = '';
  try {
    const j = JSON.parse(r.stdout);
    summary = `${j.lines} lines, ${j.findings.length} findings${j.cutLines ? `, ${j.cutLines} cut` : ''}${j.stopped ? `, stopped: ${j.stopped.reason}` : ''}`;
  } catch {
    summary = `exit ${r.status}: ${r.stderr.slice(0, 200)}`;
  }
  console.log(
    `${label.padEnd(52)} ${secs.toFixed(2).padStart(7)} s  ${(kb / 1024).toFixed(0).padStart(5)} MB RSS  (${summary})`,
  );
}

if (!fs.existsSync(TIME)) {
  console.log(`${TIME} (GNU time) not found: cannot measure peak memory`);
  process.exit(0);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-diagnose-bench-'));
try {
  const cli = `"${process.execPath}" "${bin}" --json`;
  const realistic = path.join(dir, 'realistic.log');
  writeLog(realistic, 50 * MB, realisticLine);
  const snap = path.join(dir, 'snap');
  fs.mkdirSync(path.join(snap, 'vfiokit'), { recursive: true });
  fs.linkSync(realistic, path.join(snap, 'vfiokit', 'dmesg.txt'));
  // --root reads only finished snapshots: the manifest is what `vfiokit snapshot` writes last.
  fs.writeFileSync(
    path.join(snap, 'manifest.json'),
    `${JSON.stringify({ schema: 'vfiokit.snapshot/1', source: 'bench', privileged: true })}\n`,
  );
  const word = (c: string) => c.repeat(4096);
  const words4 = path.join(dir, 'words-4mb.txt');
  writeLog(words4, 4 * MB, (i) => word('abcdefgh'[i % 8]));
  const words50 = path.join(dir, 'words-50mb.txt');
  writeLog(words50, 50 * MB, (i) => word('abcdefgh'[i % 8]));
  const probe = path.join(dir, 'probe-50mb.txt');
  writeLog(probe, 50 * MB, () => `${'a'.repeat(4000)}: probe of x`);
  const repeat = path.join(dir, 'repeat-50mb.txt');
  writeLog(repeat, 50 * MB, () => 'not ready 1ms after '.repeat(200));
  const spaces = path.join(dir, 'spaces-50mb.txt');
  writeLog(spaces, 50 * MB, () => `No interrupt remapping support.${' '.repeat(4000)}x`);

  console.log(`input                                                  time      peak memory`);
  run('50 MB realistic log, -f FILE', `${cli} diagnose -f "${realistic}"`);
  run('50 MB realistic log, --dmesg from a snapshot', `${cli} --root "${snap}" diagnose --dmesg`);
  run('50 MB realistic log, standard input (pipe)', `cat "${realistic}" | ${cli} diagnose`);
  run('4 MB of 4,096-character words', `${cli} diagnose -f "${words4}"`);
  run('50 MB of 4,096-character words', `${cli} diagnose -f "${words50}"`);
  run('50 MB of 4,000-char words + ": probe of"', `${cli} diagnose -f "${probe}"`);
  run('50 MB of lines repeating "not ready 1ms after "', `${cli} diagnose -f "${repeat}"`);
  run('50 MB of a literal then 4,000 spaces', `${cli} diagnose -f "${spaces}"`);
  run('/dev/zero', `${cli} diagnose < /dev/zero`);
  run('50 MB without a line break', `head -c ${50 * MB} /dev/zero | tr '\\0' a | ${cli} diagnose`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
