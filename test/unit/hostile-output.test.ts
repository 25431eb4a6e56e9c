// Output files never destroy what is there: `-o` on a device node or FIFO is refused even with
// --force (the write renames a file over the path), `snapshot -o` does not replace an archive
// without --force, and a directory snapshot that fails midway leaves nothing --root would read.
// Regression tests for issue 10 section 3, plus the one-line messages it lists.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { captureDirAtomically } from '../../src/host/snapshot.js';
import { parseMemorySize } from '../../src/readiness/memory-size.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { buildFixture, desktop, fixtureManifest } from '../helpers/fixture-builder.js';
import { legacyRomImage } from '../helpers/rom-image.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-hostile-out-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const lab = path.join(repoRoot, 'test/fixtures/lab-desktop/snapshot');
const rom = path.join(tmp, 'in.rom');
fs.writeFileSync(rom, legacyRomImage(0x10de, 0x1b80));

function fifo(name: string): string {
  const p = path.join(tmp, name);
  assert.equal(spawnSync('mkfifo', [p]).status, 0);
  return p;
}

test('rom extract and rom fix never replace a device node or a FIFO, even with --force', () => {
  const targets = ['/dev/null', fifo('out.fifo')];
  for (const out of targets) {
    for (const args of [
      ['rom', 'extract', rom, '--image', '0', '-o', out, '--force'],
      ['rom', 'fix', rom, '-o', out, '--force'],
    ]) {
      const r = runCli(args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(
        r.stderr,
        /^vfiokit: \S+ is a (device node|FIFO): refusing to replace it \(hint: give -o the path of a regular file[^\n]*\)\n$/,
      );
    }
  }
  assert.ok(fs.statSync('/dev/null').isCharacterDevice());
  assert.ok(fs.statSync(targets[1]).isFIFO());
  // A regular file is still replaced with --force, and refused without.
  const file = path.join(tmp, 'old.rom');
  fs.writeFileSync(file, 'old');
  assert.equal(runCli(['rom', 'fix', rom, '-o', file]).status, 2);
  assert.equal(runCli(['rom', 'fix', rom, '-o', file, '--force']).status, 0);
  assert.deepEqual(fs.readFileSync(file), fs.readFileSync(rom));
});

test('snapshot -o does not replace an existing .tar.gz without --force, nor a FIFO ever', () => {
  const out = path.join(tmp, 'snap.tar.gz');
  fs.writeFileSync(out, 'an earlier report');
  const r = runCli(['--root', lab, 'snapshot', '-o', out]);
  assert.equal(r.status, 2);
  assert.match(
    r.stderr,
    /^vfiokit: \S+snap\.tar\.gz already exists \(hint: choose another name, or add --force to replace it\)\n$/,
  );
  assert.equal(fs.readFileSync(out, 'utf8'), 'an earlier report');
  const f = runCli(['--root', lab, 'snapshot', '-o', out, '--force']);
  assert.equal(f.status, 0, f.stderr);
  assert.equal(runCli(['--root', out, 'devices']).status, 0);
  const p = fifo('snap-fifo.tar.gz');
  const s = runCli(['--root', lab, 'snapshot', '-o', p, '--force']);
  assert.equal(s.status, 2);
  assert.match(s.stderr, /is a FIFO: refusing to replace it/);
  assert.ok(fs.statSync(p).isFIFO());
});

test('a directory snapshot that fails midway leaves no tree, and --root refuses partial trees', async () => {
  const out = path.join(tmp, 'partial');
  const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  await assert.rejects(
    captureDirAtomically(out, async (dir) => {
      // What a capture has written when the disk fills: a tree without its manifest.
      fs.mkdirSync(path.join(dir, 'sys/bus/pci/devices'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'proc-cmdline'), 'x');
      throw enospc;
    }),
    /ENOSPC/,
  );
  assert.equal(fs.existsSync(out), false);
  assert.deepEqual(
    fs.readdirSync(tmp).filter((n) => n.includes('partial')),
    [],
  );
  // The same tree made by hand (or by an older, interrupted capture): refused by --root.
  fs.mkdirSync(path.join(out, 'sys/bus/pci/devices'), { recursive: true });
  const r = runCli(['--root', out, 'doctor']);
  assert.equal(r.status, 3);
  assert.match(r.stderr, /has no manifest\.json: not a complete vfiokit snapshot/);
  // A successful capture appears complete, into an empty directory given as -o too.
  const empty = path.join(tmp, 'empty');
  fs.mkdirSync(empty);
  const ok = runCli(['--root', lab, 'snapshot', '-o', empty]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.ok(fs.existsSync(path.join(empty, 'manifest.json')));
  assert.deepEqual(
    fs.readdirSync(tmp).filter((n) => n.includes('.partial-')),
    [],
  );
});

test('doctor --device for a missing device: the words and exit code of `device`, naming the snapshot', () => {
  const d = runCli(['--root', lab, 'device', '0000:09:00.0']);
  const doc = runCli(['--root', lab, 'doctor', '--device', '09:00.0']);
  assert.equal(d.status, 1);
  assert.equal(doc.status, d.status);
  assert.equal(doc.stderr, d.stderr);
  assert.match(
    doc.stderr,
    new RegExp(
      `^vfiokit: no PCI device 0000:09:00\\.0 in ${lab.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(hint: `,
    ),
  );
  assert.doesNotMatch(doc.stderr, /on this host/);
});

test('an implausible --memory is refused as a usage error, not turned into pages', () => {
  const r = runCli(['--root', lab, 'doctor', '--memory', '99999999999999999999T']);
  assert.equal(r.status, 2);
  assert.match(
    r.stderr,
    /^vfiokit: "99999999999999999999T" is not a plausible memory size \(more than 4 PiB\) \(hint: /,
  );
  assert.doesNotMatch(r.stdout, /e\+\d+ pages/);
  // The largest plausible sizes still parse (x86-64: 52 physical address bits).
  assert.equal(parseMemorySize('4096T'), 2 ** 52);
  assert.throws(() => parseMemorySize('4097T'), /not a plausible memory size/);
});

test('a zero-length image marked last is that problem, not "no image is marked last"', () => {
  const b = Buffer.from(legacyRomImage(0x10de, 0x1b80));
  b.writeUInt16LE(0, 0x2c); // PCIR image length 0, indicator still 0x80 (last)
  const f = path.join(tmp, 'zero-last.rom');
  fs.writeFileSync(f, b);
  const r = runCli(['rom', 'parse', f, '--json']);
  const j = JSON.parse(r.stdout);
  const codes = j.roms[0].rom.findings.map((x: { code: string }) => x.code);
  assert.ok(codes.includes('rom.zero-length'), codes.join(' '));
  assert.ok(!codes.includes('rom.no-last'), codes.join(' '));
  const human = runCli(['rom', 'parse', f]);
  assert.match(human.stdout, /has an image length of 0 \(it is marked last: firmware stops there\)/);
  assert.doesNotMatch(human.stdout, /no image is marked last/);
});

test('a capability-list loop is reported as a corrupt list, not as an unmodelled kernel quirk', () => {
  const fx = buildFixture(desktop);
  try {
    // The kernel's walk (__pci_find_next_cap_ttl) stops a loop after 48 steps; the bytes here
    // point the first capability back at itself.
    const gpu = fx.devices.find((d) => d.address === '0000:01:00.0')!;
    const cfgFile = path.join(fx.dir, gpu.sysfsPath, 'config');
    const cfg = fs.readFileSync(cfgFile);
    const first = cfg[0x34] & ~3;
    cfg[first + 1] = first;
    fs.writeFileSync(cfgFile, cfg);
    const j = JSON.parse(runCli(['--root', fx.dir, '--json', 'groups']).stdout);
    assert.equal(j.simulation.status, 'unknown');
    assert.deepEqual(j.simulation.corrupt, [
      `${gpu.address}: capability chain loops back to 0x${first.toString(16)}`,
    ]);
    const h = runCli(['--root', fx.dir, 'groups']);
    assert.match(
      h.stdout,
      /^Simulator: cannot check its groups against the kernel: damaged capability lists: 0000:01:00\.0: capability chain loops back to 0x40\.$/m,
    );
    assert.doesNotMatch(h.stdout, /does not model/);
    const dev = runCli(['--root', fx.dir, 'device', gpu.address]);
    assert.match(
      dev.stdout,
      /^ {2}Corrupt: capability chain loops back to 0x40: the list is cut there, capabilities past it are unknown$/m,
    );
    const e = runCli(['--root', fx.dir, 'explain', gpu.address]);
    assert.doesNotMatch(e.stdout, /does not model/);
    assert.match(
      e.stdout,
      /A corrupt capability list \(damaged config space, not a quirk\) hides the ACS registers of 0000:01:00\.0/,
    );
  } finally {
    fx.cleanup();
  }
});

test('a snapshot taken as root never advises "run as root" for a short config space', () => {
  const fx = buildFixture(desktop);
  try {
    const dev = fx.devices.find((d) => !d.gone && d.sysfsPath)!;
    const cfgFile = path.join(fx.dir, dev.sysfsPath, 'config');
    fs.writeFileSync(cfgFile, fs.readFileSync(cfgFile).subarray(0, 64));
    // Taken as root (the builder's manifest says privileged): the copy is damaged.
    const a = runCli(['--root', fx.dir, 'devices']);
    assert.match(a.stderr, /the snapshot was taken as root, so its copy is short: it is damaged/);
    assert.doesNotMatch(a.stderr + a.stdout, /run as root/);
    const d = runCli(['--root', fx.dir, 'device', dev.address]);
    assert.doesNotMatch(d.stdout, /run as root/);
    // Taken without root: take it again as root.
    fs.writeFileSync(path.join(fx.dir, 'manifest.json'), fixtureManifest(false));
    const b = runCli(['--root', fx.dir, 'devices']);
    assert.match(b.stderr, /take the snapshot again as root/);
    assert.doesNotMatch(b.stderr, /run as root/);
  } finally {
    fx.cleanup();
  }
});
