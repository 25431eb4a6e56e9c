// `rom dump`: the enable/read/disable sequence and its explanations. Real sysfs semantics
// (EINVAL before the enable write, the BAR-sized file, EIO when the kernel sees no ROM) cannot
// run here: the lab checks them inside a real kernel by dumping an e1000e's ROM and comparing it
// with Debian's efi-e1000e.rom. These tests use a fake RomBarAccess for the sequence (say so:
// it is a mock), and a temporary snapshot tree as --root for the CLI path.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { EnvironmentError } from '../../src/errors.js';
import { dumpRomBar, type RomBarAccess, sysfsRomAccess } from '../../src/host/rom-sysfs.js';
import { DirHostRoot, type HostRoot } from '../../src/host/root.js';
import { romReadRisk } from '../../src/iommu/viability.js';
import { runCli } from '../helpers/cli.js';
import { fixtureManifest } from '../helpers/fixture-builder.js';
import { ipxeDir, load, repoRoot } from './rom-fixtures.js';

const BDF = '0000:01:00.0';

/** Mock of the sysfs rom attribute: records the sequence, reads what the test decides. */
function fakeAccess(read: () => Promise<Uint8Array>, log: string[]): RomBarAccess {
  return {
    hostPath: `/sys/bus/pci/devices/${BDF}/rom`,
    writes: true,
    enable: () => log.push('enable'),
    disable: () => log.push('disable'),
    barSize: () => 256 * 1024,
    read: async () => {
      log.push('read');
      return read();
    },
  };
}

const eio = () => Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });

describe('enable, read, disable on every exit path (mock access)', () => {
  test('a good read', async () => {
    const log: string[] = [];
    const rom = load(join(ipxeDir, 'efi-e1000e.rom'));
    const r = await dumpRomBar(
      fakeAccess(async () => rom, log),
      BDF,
    );
    assert.deepEqual(log, ['enable', 'read', 'disable']);
    assert.equal(r.bytes.length, rom.length);
    assert.equal(r.barSize, 256 * 1024);
  });
  test('EIO is explained and the BAR is still disabled', async () => {
    const log: string[] = [];
    await assert.rejects(
      dumpRomBar(
        fakeAccess(async () => {
          throw eio();
        }, log),
        BDF,
      ),
      (e: unknown) => {
        assert.ok(e instanceof EnvironmentError);
        assert.equal(e.code, 'rom.eio');
        assert.match(e.hint!, /host driver/);
        assert.match(e.hint!, /boot GPU/);
        assert.match(e.hint!, /pci-stub\.ids= or vfio-pci\.ids=/);
        return true;
      },
    );
    assert.deepEqual(log, ['enable', 'read', 'disable']);
  });
  test('a zero-size read is explained and the BAR is still disabled', async () => {
    const log: string[] = [];
    await assert.rejects(
      dumpRomBar(
        fakeAccess(async () => new Uint8Array(0), log),
        BDF,
      ),
      { code: 'rom.empty-read' },
    );
    assert.deepEqual(log, ['enable', 'read', 'disable']);
  });
  test('no signal handler is left behind', async () => {
    const before = process.listenerCount('SIGTERM');
    await dumpRomBar(
      fakeAccess(async () => new Uint8Array(512), []),
      BDF,
    ).catch(() => undefined);
    assert.equal(process.listenerCount('SIGTERM'), before);
  });
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    test(`${sig} during the read disables the BAR before the process exits`, async () => {
      // A child process blocks in read(); the parent signals it once the read has started.
      const script = `
        import { dumpRomBar } from ${JSON.stringify(join(repoRoot, 'src/host/rom-sysfs.ts'))};
        const access = {
          hostPath: 'fake', writes: true,
          enable: () => process.stdout.write('enable\\n'),
          disable: () => process.stdout.write('disable\\n'),
          barSize: () => undefined,
          read: () => { process.stdout.write('read\\n'); setInterval(() => {}, 1000); return new Promise(() => {}); },
        };
        await dumpRomBar(access, '0000:01:00.0');
      `;
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('read\n')) child.kill(sig);
      });
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      assert.equal(out, 'enable\nread\ndisable\n');
      assert.equal(code, sig === 'SIGTERM' ? 143 : 130);
    });
  }
});

test('on a live root the enable and disable writes are exactly "1\\n" and "0\\n" (what echo writes)', () => {
  // pci-sysfs.c before its kstrtobool rewrite: disable only when buf is "0" and count == 2, so a
  // bare "0" would leave the ROM enabled. A temp dir stands in for /sys (a regular file records
  // the last write); the live kernel behaviour itself is exercised in the lab.
  const dir = mkdtempSync(join(tmpdir(), 'vfiokit-romlive-'));
  try {
    const devDir = join(dir, 'sys/bus/pci/devices', BDF);
    mkdirSync(devDir, { recursive: true });
    writeFileSync(join(devDir, 'rom'), '');
    const fake = new DirHostRoot(dir);
    const live: HostRoot = Object.assign(Object.create(Object.getPrototypeOf(fake)), fake, {
      live: true,
      resolve: (hostPath: string) => join(dir, hostPath),
    });
    const access = sysfsRomAccess(live, BDF);
    assert.equal(access.writes, true);
    access.enable();
    assert.equal(readFileSync(join(devDir, 'rom'), 'latin1'), '1\n');
    access.disable();
    assert.equal(readFileSync(join(devDir, 'rom'), 'latin1'), '0\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('vfiokit rom dump with a snapshot tree as --root', () => {
  const root = mkdtempSync(join(tmpdir(), 'vfiokit-romdump-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, 'manifest.json'), fixtureManifest());
  const dev = join(root, 'sys/bus/pci/devices', BDF);
  mkdirSync(dev, { recursive: true });
  writeFileSync(join(dev, 'vendor'), '0x8086\n');
  writeFileSync(join(dev, 'device'), '0x10d3\n');
  // What a real e1000e's rom attribute returns: the images, then the rest of the 256 KiB BAR.
  const rom = load(join(ipxeDir, 'efi-e1000e.rom'));
  const bar = new Uint8Array(256 * 1024).fill(0xff);
  bar.set(rom);
  writeFileSync(join(dev, 'rom'), bar);
  const empty = join(root, 'sys/bus/pci/devices/0000:02:00.0');
  mkdirSync(empty, { recursive: true });
  writeFileSync(join(empty, 'vendor'), '0x10de\n');
  writeFileSync(join(empty, 'device'), '0x1280\n');
  writeFileSync(join(empty, 'rom'), '');
  const norom = join(root, 'sys/bus/pci/devices/0000:03:00.0');
  mkdirSync(norom, { recursive: true });
  writeFileSync(join(norom, 'vendor'), '0x1af4\n');
  writeFileSync(join(norom, 'device'), '0x1041\n');

  test('writes what was read (the whole BAR), reports the real image extent and parses it', () => {
    const out = join(root, 'dump.rom');
    const r = runCli(['--root', root, 'rom', 'dump', '01:00.0', '-o', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(out).length, 256 * 1024);
    assert.match(r.stdout, /read 262144 bytes from \/sys\/bus\/pci\/devices\/0000:01:00.0\/rom/);
    assert.match(r.stdout, /the images occupy 0x0\.\.0x3d000 \(249856 bytes\)/);
    assert.match(r.stdout, /UEFI \(OVMF\) boot support: yes\n$/);
    // A snapshot is never written to.
    assert.deepEqual(new Uint8Array(readFileSync(join(dev, 'rom'))), bar);
  });
  test('--json', () => {
    const out = join(root, 'dump2.rom');
    const r = runCli(['--json', '--root', root, 'rom', 'dump', BDF, '-o', out]);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.schema, 'vfiokit.rom.dump/2');
    assert.equal(j.device, BDF);
    assert.equal(j.bytesRead, 262144);
    assert.equal(j.barSize, 262144);
    assert.equal(j.toggledRomBar, false);
    assert.deepEqual(j.extent, { start: 0, end: 0x3d000 });
    assert.equal(j.ids.matches, true);
    assert.equal(j.verdict.uefiBoot, true);
    assert.equal(j.rom.images.length, 2);
  });
  test('an empty read is explained in one line, exit 3', () => {
    const r = runCli(['--root', root, 'rom', 'dump', '0000:02:00.0', '-o', join(root, 'x.rom')]);
    assert.equal(r.status, 3);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /returned 0 bytes.*\(hint: a host driver has probably initialised the device/);
  });
  test('a device without a ROM BAR, and no such device', () => {
    let r = runCli(['--root', root, 'rom', 'dump', '0000:03:00.0', '-o', join(root, 'y.rom')]);
    assert.equal(r.status, 3);
    assert.match(r.stderr, /has no expansion ROM BAR/);
    r = runCli(['--root', root, 'rom', 'dump', '0000:09:00.0', '-o', join(root, 'z.rom')]);
    assert.equal(r.status, 3);
    assert.match(r.stderr, /no PCI device 0000:09:00.0/);
    r = runCli(['--root', root, 'rom', 'dump', 'nonsense', '-o', join(root, 'z.rom')]);
    assert.equal(r.status, 2);
  });
});

test('ROM reads of storage and network controllers in use need --force (the lab checks the refusal live)', () => {
  const dev = (classCode: number, driver?: string) => ({ address: '0000:02:00.0', classCode, driver });
  assert.match(romReadRisk(dev(0x010802, 'nvme')) ?? '', /is a storage controller in use by nvme/);
  assert.match(romReadRisk(dev(0x020000, 'e1000e')) ?? '', /is a network controller in use by e1000e/);
  // Free devices, GPUs and devices already handed to VFIO are read without asking.
  for (const d of [
    dev(0x020000),
    dev(0x010802, 'vfio-pci'),
    dev(0x020000, 'pci-stub'),
    dev(0x030000, 'amdgpu'),
  ])
    assert.equal(romReadRisk(d), undefined, JSON.stringify(d));
});
