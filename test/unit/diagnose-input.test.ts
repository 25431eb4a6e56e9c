// `vfiokit diagnose` input the way people have it, through the bundled CLI: a 40 MB log read to
// its last line, a slow writer on a pipe, /dev/zero in bounded memory, messages starting with '-',
// the --json schema (docs/readiness.md, vfiokit.diagnose/2) checked field by field, the host
// facts that must not describe another machine's device, and harmless messages said so.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { binPath, runCli } from '../helpers/cli.js';
import { CLASS, gpuWithAudio } from '../helpers/fixture-builder.js';
import { buildHost, type HostFixture } from '../helpers/host-fixture.js';

const NOT_VIABLE_TAIL =
  '-device vfio-pci,host=0000:01:00.0,id=hostdev0,bus=pci.3,addr=0x0: vfio 0000:01:00.0: group 4 is not viable';
let tmp: string;
let fx: HostFixture;

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-diag-'));
  fx = buildHost(
    {},
    {
      rootComplexes: [
        {
          devices: [
            { kind: 'endpoint', dev: 0, class: CLASS.hostBridge, group: 0 },
            {
              kind: 'root-port',
              dev: 1,
              acs: true,
              group: 1,
              driver: 'pcieport',
              children: [gpuWithAudio({ groups: 4, driver: 'vfio-pci', audioDriver: 'snd_hda_intel' })],
            },
          ],
        },
      ],
    },
  );
});
after(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  fx.cleanup();
});

test('a 40 MB log: the message on its last line is found, every line counted', () => {
  const file = path.join(tmp, 'big.log');
  const line = '[ 1234.567890] usb 1-1: new high-speed USB device number 2 using xhci_hcd\n';
  const n = Math.ceil((40 * 1024 * 1024) / line.length);
  const fd = fs.openSync(file, 'w');
  const block = line.repeat(10_000);
  for (let i = 0; i < n; i += 10_000) fs.writeSync(fd, i + 10_000 <= n ? block : line.repeat(n - i));
  fs.writeSync(fd, `qemu-system-x86_64: ${NOT_VIABLE_TAIL}\n`);
  fs.closeSync(fd);
  assert.ok(fs.statSync(file).size > 40 * 1024 * 1024);
  const r = runCli(['--json', 'diagnose', '-f', file]);
  assert.equal(r.status, 1, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.lines, n + 1);
  assert.equal(j.findings[0].id, 'qemu.group-not-viable');
  assert.equal(j.findings[0].lines[0].n, n + 1);
  assert.equal(j.stopped, undefined);
});

test("a message starting with '-' is text: after -- and without it; a mistyped option is still refused", () => {
  for (const args of [
    ['diagnose', '--', NOT_VIABLE_TAIL],
    ['diagnose', NOT_VIABLE_TAIL],
  ]) {
    const r = runCli(args);
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stdout, /IOMMU group not viable/);
  }
  const typo = runCli(['diagnose', '--jsn']);
  assert.equal(typo.status, 2);
  assert.match(typo.stderr, /unknown option '--jsn'/);
});

test('a slow writer on a pipe (journalctl -f, ssh) is read as it comes, not refused with EAGAIN', async () => {
  // A shell pipe from a writer that pauses between lines: the reader sees an empty pipe.
  const sh = spawnSync(
    'sh',
    [
      '-c',
      `(printf 'Dec 01 10:00:00 h kernel: starting\\n'; sleep 1; printf 'Dec 01 10:00:01 h kernel: vfio-pci 0000:02:00.0: Invalid PCI ROM header signature: expecting 0xaa55, got 0xffff\\n') | "${process.execPath}" "${binPath}" diagnose`,
    ],
    { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 30_000 },
  );
  assert.equal(sh.status, 0, sh.stderr);
  assert.match(sh.stdout, /The ROM BAR holds no option ROM/);
  assert.match(sh.stdout, /in 2 lines \(standard input\)/);
  // A writer that is itself a node process (its end of the pipe non-blocking), line by line.
  const child = spawn(process.execPath, [binPath, 'diagnose', '-f', '-'], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  const lines = ['first line', `qemu-system-x86_64: ${NOT_VIABLE_TAIL}`, 'last line'];
  for (const l of lines) {
    child.stdin.write(`${l}\n`);
    await new Promise((r) => setTimeout(r, 300));
  }
  child.stdin.end();
  const code = await new Promise<number | null>((r) => child.on('close', r));
  assert.equal(code, 1, err);
  assert.match(out, /1 known message in 3 lines \(standard input\)/);
});

test('/dev/zero: reading stops with the reason, in bounded memory', () => {
  // With the old whole-input read this grew to gigabytes; a 128 MB heap limit makes any
  // unbounded growth fail here.
  const r = spawnSync(
    'sh',
    ['-c', `"${process.execPath}" --max-old-space-size=128 "${binPath}" --json diagnose < /dev/zero`],
    { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000, maxBuffer: 1 << 20 },
  );
  assert.equal(r.status, 0, r.stderr.slice(0, 500));
  const j = JSON.parse(r.stdout);
  assert.equal(j.findings.length, 0);
  assert.match(j.stopped.reason, /no line break in 16 MiB/);
  assert.equal(j.stopped.atLine, 1);
});

/** The documented schema (docs/readiness.md), checked field by field. */
function checkSchema(j: Record<string, unknown>): void {
  assert.equal(j.schema, 'vfiokit.diagnose/2');
  assert.equal(typeof j.input, 'string');
  for (const k of ['lines', 'chars', 'cutLines'])
    assert.ok(Number.isInteger(j[k]) && (j[k] as number) >= 0, k);
  if (j.stopped !== undefined) {
    const s = j.stopped as Record<string, unknown>;
    assert.ok(Number.isInteger(s.atLine) && Number.isInteger(s.atChar) && typeof s.reason === 'string');
  }
  assert.ok(Array.isArray(j.findings));
  const allowed = new Set([
    'id',
    'severity',
    'harmless',
    'title',
    'source',
    'cite',
    'count',
    'lines',
    'device',
    'group',
    'values',
    'facts',
    'cause',
    'fix',
    'host',
  ]);
  for (const f of j.findings as Record<string, unknown>[]) {
    for (const k of Object.keys(f)) assert.ok(allowed.has(k), `undocumented field ${k}`);
    assert.match(f.id as string, /^[a-z]+\.[a-z0-9-]+$/);
    assert.ok(['error', 'warning', 'info'].includes(f.severity as string));
    assert.equal(f.harmless, f.severity === 'info');
    assert.ok(
      ['kernel', 'qemu', 'libvirt', 'pciutils', 'acs-override patch', 'windows'].includes(f.source as string),
    );
    for (const k of ['title', 'cite', 'cause', 'fix'])
      assert.ok(typeof f[k] === 'string' && (f[k] as string).length > 0, k);
    assert.ok(Number.isInteger(f.count) && (f.count as number) >= 1);
    const lines = f.lines as { n: number; text: string }[];
    assert.ok(lines.length >= 1 && lines.length <= 5);
    for (const l of lines) assert.ok(Number.isInteger(l.n) && typeof l.text === 'string');
    if (f.device !== undefined)
      assert.match(f.device as string, /^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/);
    if (f.group !== undefined) assert.ok(Number.isInteger(f.group));
    for (const k of ['values', 'facts'])
      for (const v of Object.values(f[k] as object)) assert.equal(typeof v, 'string', k);
    const facts = f.facts as Record<string, string>;
    if (f.device !== undefined) assert.equal(facts.bdf, f.device);
    if (facts.errno !== undefined) assert.match(facts.errno, /^E[A-Z0-9]+$/);
    if (f.host !== undefined) {
      const h = f.host as Record<string, unknown>;
      assert.ok(Array.isArray(h.notes));
      for (const k of Object.keys(h)) assert.ok(['notes', 'foreign', 'device', 'group'].includes(k), k);
      if (h.foreign !== undefined) {
        assert.equal(typeof h.foreign, 'string');
        assert.equal(h.device, undefined, 'a foreign device is not described');
      }
    }
  }
}

test('--json: every match with id, facts (errno normalised), cause and fix after refine, severity, source; schema checked', () => {
  const log = [
    `2022-07-12T22:08:31.781466Z qemu-system-x86_64: ${NOT_VIABLE_TAIL}`,
    'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: failed to setup container for group 4: Failed to set iommu for container: Device or resource busy',
    "[    0.032766] AMD-Vi: Unknown option - 'on'",
    '[  412.553010] amdgpu 0000:01:00.0: Unable to change power state from D3cold to D0, device inaccessible',
    '[  412.553010] vfio-pci 0000:0c:00.0: not ready 65535ms after FLR; giving up',
  ].join('\n');
  const r = runCli(['--root', fx.dir, '--json', 'diagnose'], { input: `${log}\n` });
  assert.equal(r.status, 1, r.stderr);
  const j = JSON.parse(r.stdout);
  checkSchema(j);
  assert.equal(j.lines, 5);
  const by = (id: string) => j.findings.find((f: { id: string }) => f.id === id);
  const set = by('qemu.set-iommu-container');
  assert.equal(set.facts.errno, 'EBUSY');
  assert.equal(set.values.err, 'Device or resource busy');
  assert.match(set.cause, /already attached to another IOMMU domain/);
  assert.equal(set.source, 'qemu');
  const opt = by('kernel.iommu-unknown-option');
  assert.equal(opt.severity, 'info');
  assert.equal(opt.harmless, true);
  // amdgpu in the log, an NVIDIA GPU at that address here: another machine's log.
  const power = by('kernel.power-state-inaccessible');
  assert.match(power.host.foreign, /driven by amdgpu \(an AMD GPU\); 0000:01:00\.0 here is \[10de:/);
  // An address this host does not have.
  const reset = by('kernel.reset-timeout');
  assert.match(reset.host.foreign, /^no 0000:0c:00\.0 here/);
  // The QEMU line is about this host's device (same address, group and a vfio-pci GPU).
  const nv = by('qemu.group-not-viable');
  assert.equal(nv.host.foreign, undefined);
  assert.equal(nv.host.device.address, '0000:01:00.0');
});

test('human output: harmless messages say so; a foreign device is not described as the local one', () => {
  const r = runCli(['--root', fx.dir, 'diagnose'], {
    input:
      "[    0.032766] AMD-Vi: Unknown option - 'on'\n[  4.0] vfio-pci 0000:01:00.0: probe with driver vfio-pci failed with error -22\n[ 5.0] nvme 0000:01:00.0: Unable to change power state from D3hot to D0, device inaccessible\n",
  });
  assert.match(r.stdout, /i IOMMU option not understood \(harmless\)/);
  assert.match(r.stdout, /harmless: an informational message/);
  assert.match(
    r.stdout,
    /on this host: in the log 0000:01:00\.0 was driven by nvme \(an NVMe controller\); 0000:01:00\.0 here is \[10de:1b80\] class 030000 on vfio-pci: the log seems to come from another machine/,
  );
  assert.doesNotMatch(
    r.stdout,
    /on this host: 0000:01:00\.0 \[10de:1b80\] class 030000, driver vfio-pci, IOMMU group 4\n(?:.*\n)*?.*D3hot/,
  );
});

test('typography a forum, a chat client or a word processor put into a paste is read as the ASCII it replaced', () => {
  // h4-14 of the fourth held-out set came as "can’t reserve": the kernel prints an ASCII apostrophe
  // (drivers/pci/pci.c __pci_request_region: "BAR %d: can't reserve %pR"), and QEMU's "-device"
  // comes back from a word processor with an en dash.
  const pasted = [
    'vfio-pci 0000:b3:00.0: BAR 1: can’t reserve [mem 0xe0000000-0xefffffff 64bit pref]',
    'qemu-system-x86_64: –device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: group 1 is not viable',
  ];
  const r = runCli(['diagnose', '--json'], { input: `${pasted.join('\n')}\n` });
  // Exit 1: a message of error severity was found (as in the other diagnose tests).
  assert.equal(r.status, 1, r.stderr);
  const doc = JSON.parse(r.stdout) as { findings: { id: string; lines: { text: string }[] }[] };
  assert.deepEqual(
    doc.findings.map((f) => f.id),
    ['kernel.bar-cant-reserve', 'qemu.group-not-viable'],
  );
  // The lines are quoted as pasted.
  assert.equal(doc.findings[0].lines[0].text, pasted[0]);
});
