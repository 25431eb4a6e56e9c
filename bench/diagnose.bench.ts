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

const bin = fileURLToPath(new URL('../bin/vfiokit', import.meta.url));
const TIME = '/usr/bin/time';
const MB = 1024 * 1024;

const REALISTIC = [
  '[ 1234.567890] usb 1-1: new high-speed USB device number 2 using xhci_hcd',
  'Dec 01 10:00:00 host kernel: pci 0000:00:1c.0: [8086:a33c] type 01 class 0x060400',
  'Dec 01 10:00:00 host kernel: pcieport 0000:00:1c.0: PME: Signaling with IRQ 122',
  'Dec 01 10:00:01 host systemd[1]: Started libvirtd.service - libvirt legacy monolithic daemon.',
  '2024-01-01 10:00:00.000+0000: 1234: info : virObjectRef:402 : OBJECT_REF: obj=0x7f1c2c0032b0',
  'Dec 01 10:00:02 host NetworkManager[812]: <info>  [1733047202.1234] device (virbr0): state change: disconnected -> prepare',
  '[    5.140511] vfio-pci 0000:01:00.0: vgaarb: changed VGA decodes: olddecodes=io+mem,decodes=io+mem:owns=none',
  "2022-07-12T22:08:31.781466Z qemu-system-x86_64: warning: host doesn't support requested feature: CPUID.80000001H:ECX.svm [bit 2]",
];
const VFIO = [
  "[    5.140511] vfio-pci 0000:01:00.0: BAR 1: can't reserve [mem 0xe0000000-0xefffffff 64bit pref]",
  'Dec 01 10:00:03 host libvirtd[900]: internal error: qemu unexpectedly closed the monitor: 2022-07-12T22:08:31.781466Z qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,id=hostdev0: vfio 0000:01:00.0: group 1 is not viable',
  '[  201.112233] DMAR: [DMA Read NO_PASID] Request device [00:02.0] fault addr 0x7f800000 [fault reason 0x06] PTE Read access is not set',
];

function writeFile(file: string, size: number, lineAt: (i: number) => string): void {
  const fd = fs.openSync(file, 'w');
  let written = 0;
  let i = 0;
  while (written < size) {
    const chunk: string[] = [];
    for (let k = 0; k < 2000; k++, i++) chunk.push(lineAt(i));
    const s = `${chunk.join('\n')}\n`;
    fs.writeSync(fd, s);
    written += Buffer.byteLength(s);
  }
  fs.closeSync(fd);
}

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
  writeFile(realistic, 50 * MB, (i) =>
    i % 5000 === 4999 ? VFIO[((i / 5000) % VFIO.length) | 0] : REALISTIC[i % REALISTIC.length],
  );
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
  writeFile(words4, 4 * MB, (i) => word('abcdefgh'[i % 8]));
  const words50 = path.join(dir, 'words-50mb.txt');
  writeFile(words50, 50 * MB, (i) => word('abcdefgh'[i % 8]));
  const probe = path.join(dir, 'probe-50mb.txt');
  writeFile(probe, 50 * MB, () => `${'a'.repeat(4000)}: probe of x`);
  const repeat = path.join(dir, 'repeat-50mb.txt');
  writeFile(repeat, 50 * MB, () => 'not ready 1ms after '.repeat(200));
  const spaces = path.join(dir, 'spaces-50mb.txt');
  writeFile(spaces, 50 * MB, () => `No interrupt remapping support.${' '.repeat(4000)}x`);

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
