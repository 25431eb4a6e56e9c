// Never a confident verdict from data that could not be read. Each verdict type (group viability,
// doctor's checks, the host report, explain, ROM boot support) is run on a copy of a real kernel's
// snapshot (lab-desktop: a GPU 0000:01:00.0 with its HDMI audio 0000:01:00.1 in group 6, behind
// the root port 0000:00:02.0) with one input it rests on removed, emptied, replaced by a directory
// (or a file where it is a directory), made unreadable for a non-root user, flattened from a link
// into a file, made inconsistent or set to all ones. The verdict must be unknown with a reason
// naming the damage, and nothing may crash. Where an input is not there to damage (a symlink has
// no permissions of its own: symlink(7)), the test says so instead of skipping silently.
import assert from 'node:assert/strict';
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { compareWithKernel } from '../../src/iommu/compare.js';
import type { Explanation } from '../../src/iommu/explain.js';
import type { GroupsReport } from '../../src/iommu/groups-report.js';
import { simulateGroups } from '../../src/iommu/simulate.js';
import type { DoctorReport } from '../../src/readiness/doctor.js';
import type { HostReport } from '../../src/report/host-report.js';
import type { UefiVerdict } from '../../src/rom/verdict.js';
import { binPath, repoRoot } from '../helpers/cli.js';

const SNAPSHOT = path.join(repoRoot, 'test/fixtures/lab-desktop/snapshot');
const GPU = '0000:01:00.0';
const AUDIO = '0000:01:00.1';
const PORT_DIR = 'sys/devices/pci0000:00/0000:00:02.0';
const GPU_DIR = `${PORT_DIR}/${GPU}`;
const AUDIO_DIR = `${PORT_DIR}/${AUDIO}`;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-damage-'));
// World-traversable, so that a child running as nobody reaches the copies.
fs.chmodSync(work, 0o755);
after(() => {
  // chmod 000 entries first, or rmSync cannot descend as a non-root user.
  spawnSync('chmod', ['-R', 'u+rwx', work]);
  fs.rmSync(work, { recursive: true, force: true });
});

let copies = 0;
function copy(from = SNAPSHOT): string {
  const dir = path.join(work, `s${copies++}`);
  // cp -a keeps the kernel's relative links as links (fs.cpSync would too, but not its modes).
  const r = spawnSync('cp', ['-a', from, dir]);
  assert.equal(r.status, 0, String(r.stderr));
  return dir;
}

/** How to run a child as a user who cannot read a chmod 000 file (root can read anything). */
const asRoot = process.getuid?.() === 0;
const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => fs.existsSync(p));
const dropPrivileges = asRoot && setpriv ? [setpriv, '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
/**
 * The repository may sit where nobody cannot reach it (a 0700 temporary directory), so the child
 * that runs as nobody gets its own copy of the built CLI (bin/ and dist/, nothing else is read).
 */
const nobodyBin = (() => {
  if (!dropPrivileges.length) return binPath;
  const app = path.join(work, 'app');
  for (const d of ['bin', 'dist']) fs.cpSync(path.join(repoRoot, d), path.join(app, d), { recursive: true });
  spawnSync('chmod', ['-R', 'a+rX', app]);
  return path.join(app, 'bin', 'vfiokit');
})();
const probe = dropPrivileges.length
  ? spawnSync(dropPrivileges[0], [...dropPrivileges.slice(1), process.execPath, nobodyBin, '--version'], {
      cwd: work,
      encoding: 'utf8',
    })
  : undefined;
const canTestUnreadable = !asRoot || probe?.status === 0;
const whyNot = !setpriv
  ? 'running as root without setpriv (install util-linux)'
  : `the CLI does not start as nobody: ${probe?.stderr.trim()}`;
if (!canTestUnreadable && process.env.CI) throw new Error(`the unreadable-input tests cannot run: ${whyNot}`);
const unreadableSkip = canTestUnreadable ? false : `CANNOT MAKE A FILE UNREADABLE TO THIS TEST: ${whyNot}`;

function run(args: string[], opts: { nobody?: boolean } = {}): SpawnSyncReturns<string> {
  const cmd = opts.nobody
    ? [...dropPrivileges, process.execPath, nobodyBin, ...args]
    : [process.execPath, binPath, ...args];
  return spawnSync(cmd[0], cmd.slice(1), {
    encoding: 'utf8',
    // No code cache for the copy nobody runs: it may not write beside the bundle.
    env: { ...process.env, NO_COLOR: '1', ...(opts.nobody ? { VFIOKIT_CODE_CACHE: '0' } : {}) },
    cwd: opts.nobody ? work : repoRoot,
    timeout: 60_000,
  });
}

/** A child that finished with a one-line message at most: no trace, no internal error. */
function clean(r: SpawnSyncReturns<string>): void {
  assert.ok([0, 1, 2, 3].includes(r.status ?? -1), `status ${r.status}: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /, r.stderr);
}

function json<T>(args: string[], opts: { nobody?: boolean } = {}): T {
  const r = run(['--json', ...args], opts);
  clean(r);
  assert.ok(r.stdout.length > 0, `no output (status ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

// ---- the kinds of damage ----------------------------------------------------------------------

type Damage = 'removed' | 'emptied' | 'directory' | 'file' | 'unreadable' | 'flattened' | 'all-ones';

function damage(dir: string, rel: string, kind: Damage): void {
  const p = path.join(dir, rel);
  const st = fs.lstatSync(p);
  switch (kind) {
    case 'removed':
      fs.rmSync(p, { recursive: true, force: true });
      return;
    case 'emptied':
      if (st.isDirectory())
        for (const e of fs.readdirSync(p)) fs.rmSync(path.join(p, e), { recursive: true });
      else {
        fs.rmSync(p);
        fs.writeFileSync(p, '');
      }
      return;
    case 'directory':
      fs.rmSync(p, { recursive: true });
      fs.mkdirSync(p);
      return;
    case 'file':
      fs.rmSync(p, { recursive: true });
      fs.writeFileSync(p, 'not what sysfs has here\n');
      return;
    case 'unreadable':
      fs.chmodSync(p, 0);
      return;
    case 'flattened': {
      assert.ok(st.isSymbolicLink(), `${rel} is not a link`);
      const target = fs.readlinkSync(p);
      fs.rmSync(p);
      fs.writeFileSync(p, target);
      return;
    }
    case 'all-ones': {
      const n = st.size;
      fs.writeFileSync(p, Buffer.alloc(n, 0xff));
      return;
    }
  }
}

/** Every link below `dir` turned into a plain file holding its text (what zip does). */
function flattenAll(dir: string, under = ''): number {
  let n = 0;
  for (const e of fs.readdirSync(path.join(dir, under), { withFileTypes: true })) {
    const rel = path.join(under, e.name);
    if (e.isSymbolicLink()) {
      damage(dir, rel, 'flattened');
      n++;
    } else if (e.isDirectory()) n += flattenAll(dir, rel);
  }
  return n;
}

// ---- the inputs of group viability, doctor's group check and the host report's GPU group -------

interface Case {
  name: string;
  /** Damage the copy; returns nothing. */
  apply(dir: string): void;
  /** What a reason must say. */
  reason: RegExp;
  nobody?: boolean;
}

const at = (rel: string, kind: Damage, reason: RegExp, nobody = false): Case => ({
  name: `${rel} ${kind}`,
  apply: (dir) => damage(dir, rel, kind),
  reason,
  nobody,
});

const groupCases: Case[] = [
  // The audio function's device directory (the bus link then dangles, or leads to the wrong thing).
  at(AUDIO_DIR, 'removed', /0000:01:00\.1 could not be read: .*which does not exist/),
  at(AUDIO_DIR, 'emptied', /0000:01:00\.1 could not be read: .*has no vendor attribute/),
  at(AUDIO_DIR, 'file', /0000:01:00\.1 could not be read: .*which is not a directory/),
  at(AUDIO_DIR, 'unreadable', /0000:01:00\.1 could not be read: permission denied/, true),
  // Its entry in /sys/bus/pci/devices.
  at(`sys/bus/pci/devices/${AUDIO}`, 'removed', /lists 0000:01:00\.1, but there is no such PCI device/),
  at(
    `sys/bus/pci/devices/${AUDIO}`,
    'emptied',
    /0000:01:00\.1 could not be read: .* is a plain file, not a link/,
  ),
  // Its class attribute.
  at(`${AUDIO_DIR}/class`, 'removed', /0000:01:00\.1 could not be read: .*has no class attribute/),
  at(`${AUDIO_DIR}/class`, 'emptied', /0000:01:00\.1 could not be read: malformed class attribute/),
  at(`${AUDIO_DIR}/class`, 'directory', /0000:01:00\.1 could not be read: .*(EISDIR|is a directory)/),
  at(`${AUDIO_DIR}/class`, 'unreadable', /0000:01:00\.1 could not be read: permission denied/, true),
  {
    name: `${AUDIO_DIR}/class all-ones`,
    apply: (dir) => fs.writeFileSync(path.join(dir, AUDIO_DIR, 'class'), '0xffffff\n'),
    reason: /0000:01:00\.1 could not be read: .*class reads 0xffffff/,
  },
  // Its driver link (absent is sysfs's own "no driver", so it is not damage).
  at(`${AUDIO_DIR}/driver`, 'flattened', /0000:01:00\.1: driver unknown: .*flattened link .*snd_hda_intel/),
  at(`${AUDIO_DIR}/driver`, 'directory', /0000:01:00\.1: driver unknown: .*is a directory, not a link/),
  at(`${AUDIO_DIR}/driver`, 'emptied', /0000:01:00\.1: driver unknown: .*is a plain file, not a link/),
  // Its config space reading all ones: the device does not answer.
  at(`${AUDIO_DIR}/config`, 'all-ones', /0000:01:00\.1's config space reads all ones/),
  // The kernel's group directory: the truth for membership.
  at('sys/kernel/iommu_groups/6/devices', 'removed', /group 6 has no devices directory/),
  at('sys/kernel/iommu_groups/6/devices', 'emptied', /group 6 directory lists no devices/),
  at('sys/kernel/iommu_groups/6/devices', 'file', /is not a directory/),
  at(
    'sys/kernel/iommu_groups/6/devices',
    'unreadable',
    /its member list cannot be read: permission denied/,
    true,
  ),
  // Inconsistent: a device link that disagrees with the group directories, an entry naming nothing.
  {
    name: `${AUDIO}/iommu_group pointing at group 7`,
    apply: (dir) => {
      const p = path.join(dir, AUDIO_DIR, 'iommu_group');
      fs.rmSync(p);
      fs.symlinkSync('../../../../kernel/iommu_groups/7', p);
    },
    reason: /0000:01:00\.1's iommu_group link points to group 7, but the kernel's group 6 directory lists it/,
  },
  {
    name: 'group 6 naming a device that does not exist',
    apply: (dir) =>
      fs.symlinkSync(
        '../../../../devices/pci0000:00/0000:00:1c.0/0000:05:00.0',
        path.join(dir, 'sys/kernel/iommu_groups/6/devices/0000:05:00.0'),
      ),
    reason: /lists 0000:05:00\.0, but there is no such PCI device/,
  },
  {
    name: `${AUDIO}/iommu_group removed while group 6 lists it`,
    apply: (dir) => fs.rmSync(path.join(dir, AUDIO_DIR, 'iommu_group')),
    reason: /0000:01:00\.1 has no iommu_group link, but the kernel's group 6 directory lists it/,
  },
];

describe('group viability, doctor and the host report on a damaged snapshot: unknown with the reason', () => {
  test('the intact snapshot gives confident verdicts (the baseline the damage changes)', () => {
    const dir = copy();
    const g = json<GroupsReport>(['--root', dir, 'groups']);
    assert.equal(g.groups.length, 8);
    assert.ok(g.groups.every((x) => x.verdict !== 'unknown'));
    assert.equal(g.groups.find((x) => x.id === 6)!.verdict, 'not-viable');
    assert.equal(g.simulation.status, 'agrees');
    const d = json<DoctorReport>(['--root', dir, 'doctor', '--device', GPU]);
    assert.equal(d.checks.find((c) => c.id === 'gpu.group')!.verdict, 'warn');
  });

  assert.equal(groupCases.length, 22);
  for (const c of groupCases) {
    test(c.name, { skip: c.nobody ? unreadableSkip : false }, () => {
      const dir = copy();
      c.apply(dir);
      const g = json<GroupsReport>(['--root', dir, 'groups'], { nobody: c.nobody });
      const six = g.groups.find((x) => x.id === 6)!;
      assert.equal(six.verdict, 'unknown', JSON.stringify(six));
      assert.equal(six.viable, null);
      assert.match(six.unknownReasons.join('\n'), c.reason);

      const d = json<DoctorReport>(['--root', dir, 'doctor', '--device', GPU], { nobody: c.nobody });
      const gc = d.checks.find((x) => x.id === 'gpu.group')!;
      assert.equal(gc.verdict, 'unknown', JSON.stringify(gc));
      assert.match(gc.evidence.join('\n'), c.reason);

      const h = json<HostReport>(['--root', dir], { nobody: c.nobody });
      assert.equal(h.gpuGroups.length, 1);
      assert.equal(h.gpuGroups[0].verdict, 'unknown');
      assert.equal(h.gpuGroups[0].viable, null);
      assert.match(h.gpuGroups[0].unknownReasons.join('\n'), c.reason);
    });
  }
});

describe('doctor checks that rest on other inputs', () => {
  test('gpu.driver and gpu.audio: a flattened or broken driver link is unknown, never "no driver"', () => {
    for (const kind of ['flattened', 'directory'] as const) {
      const dir = copy();
      damage(dir, `${GPU_DIR}/driver`, kind);
      damage(dir, `${AUDIO_DIR}/driver`, kind);
      const d = json<DoctorReport>(['--root', dir, 'doctor', '--device', GPU]);
      for (const id of ['gpu.driver', 'gpu.audio', 'gpu.group']) {
        const c = d.checks.find((x) => x.id === id)!;
        assert.equal(c.verdict, 'unknown', `${kind} ${id}: ${JSON.stringify(c)}`);
        assert.match(c.evidence.join('\n'), /driver unknown/);
      }
    }
  });

  test('gpu.boot-vga and vga.arbitration: a damaged boot_vga or a VGA driver link is unknown', () => {
    const cases: [string, Damage, string[]][] = [
      [`${GPU_DIR}/boot_vga`, 'emptied', ['gpu.boot-vga', 'vga.arbitration']],
      [`${GPU_DIR}/boot_vga`, 'removed', ['gpu.boot-vga', 'vga.arbitration']],
      [`${GPU_DIR}/driver`, 'flattened', ['vga.arbitration']],
    ];
    for (const [file, kind, ids] of cases) {
      const dir = copy();
      damage(dir, file, kind);
      const d = json<DoctorReport>(['--root', dir, 'doctor', '--device', GPU]);
      for (const id of ids) {
        const c = d.checks.find((x) => x.id === id)!;
        assert.equal(c.verdict, 'unknown', `${file} ${kind} ${id}: ${JSON.stringify(c)}`);
      }
    }
  });

  test('iommu.active: /sys/kernel/iommu_groups unreadable or not a directory is unknown, not "IOMMU off"', {
    skip: unreadableSkip,
  }, () => {
    const cases: [Damage, boolean, RegExp][] = [
      ['file', false, /not a directory/],
      ['unreadable', true, /permission denied/],
    ];
    for (const [kind, nobody, why] of cases) {
      const dir = copy();
      damage(dir, 'sys/kernel/iommu_groups', kind);
      const d = json<DoctorReport>(['--root', dir, 'doctor'], { nobody });
      for (const id of ['iommu.active', 'interrupts.remapping']) {
        const c = d.checks.find((x) => x.id === id)!;
        assert.equal(c.verdict, 'unknown', `${kind} ${id}: ${JSON.stringify(c)}`);
        assert.match(c.evidence.join('\n'), why);
      }
    }
  });
});

describe('the host report on a damaged device list', () => {
  const cases: [Damage, boolean][] = [
    ['removed', false],
    ['emptied', false],
    ['file', false],
    ['unreadable', true],
  ];
  for (const [kind, nobody] of cases) {
    test(`/sys/bus/pci/devices ${kind}: PCI devices unknown, not 0`, {
      skip: nobody ? unreadableSkip : false,
    }, () => {
      const dir = copy();
      damage(dir, 'sys/bus/pci/devices', kind);
      const h = json<HostReport>(['--root', dir], { nobody });
      assert.equal(h.pciDevices, null, JSON.stringify(h.warnings));
      assert.ok(h.warnings.length > 0);
      const text = run(['--root', dir], { nobody });
      clean(text);
      assert.match(text.stdout, /PCI devices {3}unknown/);
      // Every group of the kernel now names devices that cannot be read: none may be judged.
      const g = json<GroupsReport>(['--root', dir, 'groups'], { nobody });
      assert.equal(g.groups.length, 8);
      for (const x of g.groups) assert.equal(x.verdict, 'unknown', `group ${x.id}`);
      assert.equal(g.simulation.status, 'unknown');
    });
  }
});

describe('explain on damaged config space: the walk names what it could not read', () => {
  const PORT_CONFIG = `${PORT_DIR}/config`;
  const cases: [Damage, boolean, RegExp][] = [
    ['removed', false, /0000:00:02\.0 has no readable config file/],
    ['emptied', false, /0000:00:02\.0's config file holds 0 bytes/],
    ['directory', false, /0000:00:02\.0 has no readable config file/],
    ['unreadable', true, /the bridge 0000:00:02\.0 above it could not be read: permission denied/],
    ['all-ones', false, /0000:00:02\.0's config space reads all ones/],
  ];
  test('intact: isolation holds all the way (the baseline)', () => {
    const e = json<Explanation>(['--root', copy(), 'explain', GPU]);
    assert.deepEqual(e.unknownReasons, []);
    assert.ok(e.path.every((s) => s.isolates !== null));
  });
  for (const [kind, nobody, why] of cases) {
    test(`the root port's config ${kind}`, { skip: nobody ? unreadableSkip : false }, () => {
      const dir = copy();
      damage(dir, PORT_CONFIG, kind);
      const e = json<Explanation>(['--root', dir, 'explain', GPU], { nobody });
      assert.match(e.unknownReasons.join('\n'), why);
      assert.equal(e.firstBreak, null);
      assert.equal(e.overrideCannotHelp, null);
      const text = run(['--root', dir, 'explain', GPU], { nobody });
      clean(text);
      assert.match(text.stdout, /Where isolation breaks is unknown/);
      assert.doesNotMatch(text.stdout, /Isolation holds all the way/);
    });
  }
  test('flattened links on the path are followed (their target is a real directory) and reported', () => {
    const dir = copy();
    damage(dir, 'sys/bus/pci/devices/0000:00:02.0', 'flattened');
    const g = json<GroupsReport>(['--root', dir, 'groups']);
    assert.match(g.warnings.join('\n'), /1 sysfs link\(s\) are plain files holding the link text/);
    const e = json<Explanation>(['--root', dir, 'explain', GPU]);
    assert.deepEqual(e.unknownReasons, []);
    assert.equal(e.path[1].address, '0000:00:02.0');
    assert.equal(e.path[1].role, 'root-port');
  });
});

// ---- ROM boot support -------------------------------------------------------------------------

describe('rom parse: UEFI "yes" only from a driver that decompressed completely', () => {
  // efirom-ec-devlist.rom: built with edk2's EfiRom -ec from iPXE's e1000 driver (GPL), one
  // EFI-compressed X64 boot service driver; intact, OVMF boots it.
  const ROM = path.join(repoRoot, 'test/fixtures/efi-rom/efirom-ec-devlist.rom');
  const verdict = (file: string, ...flags: string[]) => {
    const r = run(['--json', 'rom', 'parse', ...flags, file]);
    clean(r);
    return (JSON.parse(r.stdout) as { roms: { verdict: UefiVerdict }[] }).roms[0].verdict;
  };
  const file = (name: string, bytes: Uint8Array | string) => {
    const p = path.join(work, name);
    fs.writeFileSync(p, bytes);
    return p;
  };

  test('intact: yes, decoded in full by default', () => {
    const v = verdict(ROM);
    assert.equal(v.uefi, 'yes');
    assert.equal(v.uefiBoot, true);
    assert.match(v.reasons[0], /decoded in full/);
  });

  test('a compressed driver corrupt past its PE headers: no, with or without --full-decompress', () => {
    const bytes = new Uint8Array(fs.readFileSync(ROM));
    const model = JSON.parse(run(['--json', 'rom', 'parse', '--no-decompress', ROM]).stdout).roms[0].rom;
    const efi = model.images[0].efi;
    // Well past the first 4 KiB of output the PE headers need: 60% into the compressed stream.
    const where = efi.payloadOffset + 8 + Math.floor(efi.compressedSize * 0.6);
    for (let i = 0; i < 64; i++) bytes[where + i] ^= 0x5a;
    const bad = file('corrupt-body.rom', bytes);
    for (const flags of [[], ['--full-decompress']]) {
      const v = verdict(bad, ...flags);
      assert.equal(v.uefi, 'no', JSON.stringify(v));
      assert.match(v.reasons.join('\n'), /would not run: EFI decompression/);
    }
    const r = run(['rom', 'parse', bad]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /UEFI \(OVMF\) boot support: no$/m);
  });

  test('a driver not decompressed (--no-decompress): unknown, not no', () => {
    const v = verdict(ROM, '--no-decompress');
    assert.equal(v.uefi, 'unknown');
    assert.match(v.reasons.join('\n'), /not judged: its driver was not decompressed/);
  });

  const unknowns: [string, Uint8Array | string, RegExp][] = [
    ['emptied', '', /the file is empty/],
    [
      'all-ones',
      Buffer.alloc(65536, 0xff),
      /65536 bytes of 0xff: .*ROM BAR was not enabled or the device did not answer/,
    ],
    ['flattened', '../roms/gpu.rom', /a symlink flattened into a file/],
  ];
  for (const [kind, bytes, why] of unknowns) {
    test(`the ROM file ${kind}: unknown`, () => {
      const v = verdict(file(`${kind}.rom`, bytes));
      assert.equal(v.uefi, 'unknown');
      assert.equal(v.uefiBoot, false);
      assert.match(v.reasons.join('\n'), why);
      const text = run(['rom', 'parse', path.join(work, `${kind}.rom`)]);
      clean(text);
      assert.match(text.stdout, /UEFI \(OVMF\) boot support: unknown$/m);
    });
  }

  test('removed, a directory, unreadable: a one-line error and no verdict at all', {
    skip: unreadableSkip,
  }, () => {
    const dir = path.join(work, 'rom-dir.rom');
    fs.mkdirSync(dir);
    const locked = file('locked.rom', fs.readFileSync(ROM));
    fs.chmodSync(locked, 0);
    const cases: [string, boolean][] = [
      [path.join(work, 'absent.rom'), false],
      [dir, false],
      [locked, true],
    ];
    for (const [f, nobody] of cases) {
      const r = run(['rom', 'parse', f], { nobody });
      clean(r);
      // 3 (environment) for a file that is missing or unreadable; a directory is a usage error (2).
      assert.ok(r.status === 3 || r.status === 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^vfiokit: [^\n]+\n$/);
    }
  });
});

// ---- regressions of the reported defects ------------------------------------------------------

describe('regressions', () => {
  test('a snapshot with every link flattened: one line says so, no group with a driver is viable, the simulator does not agree over nothing', () => {
    const dir = copy();
    const n = flattenAll(dir);
    assert.ok(n >= 30, `flattened only ${n} links`);
    const g = json<GroupsReport>(['--root', dir, 'groups']);
    // The links the verdicts read (bus entries, driver, iommu_group) are the ones counted.
    const seen = Number(
      /^(\d+) sysfs link\(s\) are plain files holding the link text/.exec(g.warnings[0])?.[1],
    );
    assert.ok(seen >= 30 && seen <= n, g.warnings[0]);
    assert.equal(g.groups.length, 8);
    for (const x of g.groups) {
      // Group 0 holds only the host bridge, which has no driver link at all in the kernel's tree.
      if (x.id === 0) assert.equal(x.verdict, 'viable');
      else assert.equal(x.verdict, 'unknown', `group ${x.id}`);
    }
    const text = run(['--root', dir, 'groups']);
    clean(text);
    assert.equal(text.stdout.match(/^warning: .*flattened/gm)?.length, 1);
    assert.doesNotMatch(text.stdout, /agrees with the kernel on all 0 groups/);
    const h = run(['--root', dir]);
    assert.match(h.stdout, /PCI devices {3}11\n/);
    assert.match(h.stdout, /symlinks flattened/);
    assert.match(h.stdout, /GPU group {5}6: .* unknown: /);
  });

  test('only the driver links flattened: the GPU group is not called viable', () => {
    const dir = copy();
    for (const rel of [`${GPU_DIR}/driver`, `${AUDIO_DIR}/driver`]) damage(dir, rel, 'flattened');
    const six = json<GroupsReport>(['--root', dir, 'groups']).groups.find((x) => x.id === 6)!;
    assert.equal(six.verdict, 'unknown');
    assert.deepEqual(
      six.devices.map((d) => d.state),
      ['unknown', 'unknown'],
    );
    const text = run(['--root', dir, 'groups']).stdout;
    const lines = text.split('\n').filter((l) => l.startsWith(`  ${GPU}`) || l.startsWith(`  ${AUDIO}`));
    assert.equal(lines.length, 2);
    for (const l of lines) assert.match(l, /driver unknown: cannot tell whether it blocks/);
    const tree = run(['--root', dir, 'groups', '--tree']).stdout;
    const treeLines = tree.split('\n').filter((l) => l.includes(GPU) || l.includes(AUDIO));
    assert.equal(treeLines.length, 2);
    for (const l of treeLines) assert.match(l, /group 6 \(unknown\) {2}driver unknown$/);
  });

  test('doctor counts the member it could not read instead of calling a group of one viable', () => {
    const dir = copy();
    // The GPU on vfio-pci: with its audio dropped the group would look viable.
    const drv = path.join(dir, GPU_DIR, 'driver');
    fs.rmSync(drv);
    fs.symlinkSync('../../../../bus/pci/drivers/vfio-pci', drv);
    fs.writeFileSync(path.join(dir, AUDIO_DIR, 'class'), 'zz\n');
    const r = run(['--root', dir, 'doctor', '--device', GPU]);
    clean(r);
    assert.doesNotMatch(r.stdout, /✓ IOMMU group viability/);
    assert.match(r.stdout, /group 6: 2 devices, viability unknown/);
  });

  test('a comparison over zero groups is unknown, never agreement', () => {
    const none = compareWithKernel({ enabled: true, groups: new Map() }, simulateGroups([]));
    assert.equal(none.status, 'unknown');
    assert.equal(none.groupsCompared, 0);
    assert.match(none.unknownReasons.join('\n'), /no PCI device of the kernel's groups could be compared/);
    // Groups whose members have no records (nothing to simulate) compare nothing either.
    const phantom = compareWithKernel(
      { enabled: true, groups: new Map([[0, ['0000:00:00.0']]]) },
      simulateGroups([]),
      ['0000:00:00.0'],
    );
    assert.equal(phantom.status, 'unknown');
    assert.match(phantom.unknownReasons.join('\n'), /list devices that could not be read \(0000:00:00\.0\)/);
  });

  test('an all-ones downstream port is not a "PCI bridge" and no override verdict is given', () => {
    // lab-server: an XIO3130 switch; downstream port 0000:02:00.0 above an NVMe 0000:03:00.0.
    const dir = copy(path.join(repoRoot, 'test/fixtures/lab-server/snapshot'));
    damage(dir, 'sys/devices/pci0000:00/0000:00:02.0/0000:01:00.0/0000:02:00.0/config', 'all-ones');
    const e = json<Explanation>(['--root', dir, 'explain', '0000:03:00.0']);
    const port = e.path.find((s) => s.address === '0000:02:00.0')!;
    assert.equal(port.role, 'unknown');
    assert.equal(port.isolates, null);
    assert.equal(e.firstBreak, null);
    assert.equal(e.overrideCannotHelp, null);
    const text = run(['--root', dir, 'explain', '0000:03:00.0']).stdout;
    assert.doesNotMatch(text, /PCI bridge|No override can help/);
  });
});
