// `vfiokit snapshot` on fixture-built hosts: round trip through --root, .tar.gz, redaction,
// read-only capture, and output-directory rules.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { DirHostRoot } from '../../src/host/root.js';
import { takeSnapshot } from '../../src/host/snapshot.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { buildFixture, CLASS, desktop, fixtureManifest, type HostSpec } from '../helpers/fixture-builder.js';
import { legacyRomImage } from '../helpers/rom-image.js';

const MAC = '52:54:00:ab:cd:ef';
const HOST = 'gpu-workstation';
const spec: HostSpec = {
  ...desktop,
  rootComplexes: [
    {
      ...desktop.rootComplexes[0],
      devices: [
        ...desktop.rootComplexes[0].devices,
        {
          kind: 'endpoint',
          dev: 0x1f,
          class: CLASS.ethernet,
          vendor: 0x8086,
          device: 0x15b8,
          driver: 'e1000e',
          group: 30,
          dsn: 'a1b2c3fffe445566',
          attrs: { 'net/enp0s31f6/address': `${MAC}\n` },
        },
        {
          kind: 'endpoint',
          dev: 0x1d,
          class: CLASS.nvme,
          vendor: 0x144d,
          device: 0xa80a,
          driver: 'nvme',
          group: 31,
          attrs: { 'nvme/nvme0/serial': 'S4EWNX0R123456\n', 'nvme/nvme0/model': 'Samsung SSD 980 PRO 1TB\n' },
        },
      ],
    },
    desktop.rootComplexes[1],
  ],
  files: {
    'proc/cmdline':
      'BOOT_IMAGE=/vmlinuz root=/dev/nvme0n1p2 intel_iommu=on iommu=pt vfio-pci.ids=10de:1b80,10de:10f0\n',
    'proc/sys/kernel/osrelease': '6.1.0-18-amd64\n',
    'proc/sys/kernel/hostname': `${HOST}\n`,
    'etc/hostname': `${HOST}\n`,
    'proc/cpuinfo': 'processor\t: 0\nflags\t\t: fpu vme vmx ept\n',
    'proc/modules': 'vfio_pci 16384 0 - Live 0x0000000000000000\n',
    'etc/modprobe.d/vfio.conf': 'options vfio-pci ids=10de:1b80,10de:10f0\nsoftdep nvidia pre: vfio-pci\n',
    'etc/modprobe.d/bond.conf': `# bond0 primary slave has ${MAC}\noptions bonding mode=1\n`,
    'lib/modules/6.1.0-18-amd64/modules.builtin': 'kernel/drivers/vfio/vfio.ko\n',
    'sys/module/vfio_pci/parameters/ids': '10de:1b80,10de:10f0\n',
    'sys/module/vfio_pci/parameters/disable_vga': 'Y\n',
    'sys/module/ext4/uevent': '',
    'vfiokit/dmesg.txt': [
      '[    0.000000] Linux version 6.1.0-18-amd64',
      '[    0.120000] DMAR: IOMMU enabled',
      '[    0.130000] DMAR-IR: Enabled IRQ remapping in x2apic mode',
      `[    2.000000] e1000e 0000:00:1f.0 eth0: (PCI Express:2.5GT/s:Width x1) ${MAC}`,
      `[    3.000000] systemd[1]: Hostname set to <${HOST}>.`,
      '[    4.000000] vfio-pci 0000:01:00.0: vgaarb: deactivate vga console',
      '[    5.000000] usb 1-1: new high-speed USB device',
      '',
    ].join('\n'),
  },
};

const fx = buildFixture(spec);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-snaptest-'));
after(() => {
  fx.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Hash of every path, link target and file content: proves the capture wrote nothing to its source. */
function treeHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      h.update(p);
      if (e.isSymbolicLink()) h.update(`->${fs.readlinkSync(p)}`);
      else if (e.isDirectory()) walk(p);
      else h.update(fs.readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

const devicesJson = (root: string) => {
  const r = runCli(['--root', root, '--json', 'devices']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  delete j.root;
  return j;
};

test('snapshot of a fixture host reads back identically (devices --json), and the source is untouched', () => {
  const before = treeHash(fx.dir);
  const out = path.join(tmp, 'snap');
  const r = runCli(['--root', fx.dir, '--no-color', 'snapshot', '-o', out, '--no-redact']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /PCI devices +22/);
  assert.equal(treeHash(fx.dir), before, 'capture must only read');
  assert.deepEqual(devicesJson(out), devicesJson(fx.dir));
  // The layout is the kernel's: relative links that resolve inside the snapshot.
  assert.equal(
    fs.readlinkSync(path.join(out, 'sys/bus/pci/devices/0000:04:00.0')),
    '../../../devices/pci0000:00/0000:00:02.0/0000:02:00.0/0000:03:00.0/0000:04:00.0',
  );
  assert.equal(
    fs.readlinkSync(path.join(out, 'sys/kernel/iommu_groups/7/devices/0000:04:00.0')),
    '../../../../devices/pci0000:00/0000:00:02.0/0000:02:00.0/0000:03:00.0/0000:04:00.0',
  );
  // Groups and host report agree through the snapshot too.
  for (const args of [['groups'], []]) {
    const a = runCli(['--root', fx.dir, '--json', ...args]);
    const b = runCli(['--root', out, '--json', ...args]);
    assert.equal(a.status, b.status, args.join(' '));
    const strip = (s: string) => s.split(fx.dir).join('ROOT').split(out).join('ROOT');
    assert.deepEqual(JSON.parse(strip(b.stdout)), JSON.parse(strip(a.stdout)), `vfiokit ${args.join(' ')}`);
  }
  for (const f of [
    'proc/cmdline',
    'etc/modprobe.d/vfio.conf',
    'lib/modules/6.1.0-18-amd64/modules.builtin',
    'sys/module/vfio_pci/parameters/ids',
  ]) {
    assert.equal(
      fs.readFileSync(path.join(out, f), 'utf8'),
      fs.readFileSync(path.join(fx.dir, f), 'utf8'),
      f,
    );
  }
  assert.ok(fs.statSync(path.join(out, 'sys/module/ext4')).isDirectory(), 'module names are kept');
  const m = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
  assert.equal(m.schema, 'vfiokit.snapshot/1');
  assert.equal(m.pciDevices, 22);
  assert.equal(m.kernel, '6.1.0-18-amd64');
  assert.equal(m.redacted, false);
  assert.match(m.createdAt, /^\d{4}-\d\d-\d\dT/);
});

test('redaction by default: DSN bytes, serial attributes, MAC addresses and the host name', () => {
  const out = path.join(tmp, 'redacted');
  const r = runCli(['--root', fx.dir, '--json', 'snapshot', '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  const m = JSON.parse(r.stdout);
  assert.equal(m.redacted, true);
  // DSN: the e1000e and the desktop NVMe; MACs: the net address attribute and a modprobe.d comment; host names: the two hostname files
  // (the systemd line naming the host is not an IOMMU/VFIO/PCI message, so it is not captured).
  assert.deepEqual(m.redactions, { macAddresses: 2, serialNumbers: 1, deviceSerialCaps: 2, hostNames: 2 });
  const all = execFind(out);
  assert.ok(!all.includes(MAC), 'no MAC address anywhere');
  assert.ok(!all.includes(HOST), 'no host name anywhere');
  assert.ok(!all.includes('S4EWNX0R123456'), 'no NVMe serial');
  const dev = 'sys/devices/pci0000:00/0000:00:1f.0';
  assert.equal(fs.readFileSync(path.join(out, dev, 'net/enp0s31f6/address'), 'utf8'), 'xx:xx:xx:xx:xx:xx\n');
  const kmsg = fs.readFileSync(path.join(out, 'vfiokit/dmesg.txt'), 'utf8');
  assert.match(kmsg, /DMAR-IR: Enabled IRQ remapping in x2apic mode/);
  assert.match(kmsg, /vfio-pci 0000:01:00\.0: vgaarb: deactivate vga console/);
  assert.doesNotMatch(kmsg, /usb 1-1|Hostname set/, 'only IOMMU/VFIO/PCI lines are kept');
  assert.equal(
    fs.readFileSync(path.join(out, 'etc/modprobe.d/bond.conf'), 'utf8'),
    '# bond0 primary slave has xx:xx:xx:xx:xx:xx\noptions bonding mode=1\n',
  );
  // The DSN capability stays (lspci still lists it) but its 8 serial bytes are zero.
  const cfg = fs.readFileSync(path.join(out, dev, 'config'));
  const orig = fs.readFileSync(path.join(fx.dir, dev, 'config'));
  const dsnAt = 0x100; // the only extended capability of this function
  assert.equal(cfg.readUInt16LE(dsnAt), 0x0003);
  assert.deepEqual([...cfg.subarray(dsnAt + 4, dsnAt + 12)], [0, 0, 0, 0, 0, 0, 0, 0]);
  assert.notDeepEqual([...orig.subarray(dsnAt + 4, dsnAt + 12)], [0, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(cfg.subarray(0, dsnAt), orig.subarray(0, dsnAt), 'nothing else in config changes');
  // Redaction does not change what the analyses see.
  assert.deepEqual(devicesJson(out), devicesJson(fx.dir));
});

function execFind(dir: string): string {
  let s = '';
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) s += fs.readFileSync(p, 'latin1');
    }
  };
  walk(dir);
  return s;
}

test('.tar.gz output unpacks to the same tree, symlinks included', async () => {
  const file = path.join(tmp, 'host.tar.gz');
  const r = runCli(['--root', fx.dir, 'snapshot', '-o', file]);
  assert.equal(r.status, 0, r.stderr);
  const unpacked = path.join(tmp, 'unpacked');
  fs.mkdirSync(unpacked);
  const tar = await import('tar');
  await tar.extract({ file, cwd: unpacked });
  assert.ok(fs.lstatSync(path.join(unpacked, 'sys/bus/pci/devices/0000:01:00.0')).isSymbolicLink());
  assert.deepEqual(devicesJson(unpacked), devicesJson(fx.dir));
});

test('--root FILE.tar.gz reads the archive directly and leaves no unpacked copy behind', async () => {
  const file = path.join(tmp, 'report.tar.gz');
  assert.equal(runCli(['--root', fx.dir, 'snapshot', '-o', file]).status, 0);
  // The CLI unpacks into TMPDIR: a private one shows whether it cleans up.
  const scratch = fs.mkdtempSync(path.join(tmp, 'scratch-'));
  const env = { TMPDIR: scratch };
  const fromArchive = runCli(['--root', file, 'devices', '--json'], { env });
  assert.equal(fromArchive.status, 0, fromArchive.stderr);
  const j = JSON.parse(fromArchive.stdout);
  assert.equal(j.root, file, 'output names the archive, not the temporary directory');
  assert.deepEqual({ ...j, root: '' }, { ...devicesJson(fx.dir), root: '' });
  const report = runCli(['--root', file], { env });
  assert.match(
    report.stdout,
    new RegExp(`^vfiokit host report \\(snapshot ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)$`, 'm'),
  );
  assert.deepEqual(fs.readdirSync(scratch), []);

  const broken = path.join(tmp, 'broken.tar.gz');
  fs.writeFileSync(broken, fs.readFileSync(file).subarray(0, 300));
  const r = runCli(['--root', broken, 'groups'], { env });
  assert.equal(r.status, 3);
  assert.match(r.stderr, /^vfiokit: cannot unpack .*broken\.tar\.gz: .*\(hint: [^\n]*\n$/);
  assert.deepEqual(fs.readdirSync(scratch), []);
});

test('a hostile archive cannot reach outside its snapshot: escaping symlinks are dropped', async () => {
  const stage = fs.mkdtempSync(path.join(tmp, 'hostile-'));
  fs.mkdirSync(path.join(stage, 'sys/bus/pci/devices'), { recursive: true });
  fs.mkdirSync(path.join(stage, 'proc'));
  fs.mkdirSync(path.join(stage, 'etc'));
  fs.symlinkSync('/etc/passwd', path.join(stage, 'proc/cmdline'));
  fs.symlinkSync('../../../../../../../etc/passwd', path.join(stage, 'etc/hostname'));
  fs.writeFileSync(path.join(stage, 'proc/cpuinfo'), 'flags\t\t: vmx\n');
  fs.writeFileSync(path.join(stage, 'manifest.json'), fixtureManifest());
  const file = path.join(tmp, 'hostile.tar.gz');
  const tar = await import('tar');
  await tar.create({ gzip: true, file, cwd: stage, portable: true }, ['sys', 'proc', 'etc', 'manifest.json']);
  const scratch = fs.mkdtempSync(path.join(tmp, 'scratch-'));
  const r = runCli(['--root', file, '--json'], { env: { TMPDIR: scratch } });
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.cmdline, undefined, 'the absolute symlink to /etc/passwd was not unpacked');
  assert.doesNotMatch(r.stdout, /root:x:0:0/);
  assert.deepEqual(fs.readdirSync(scratch), []);
});

test('a non-root capture (64-byte config) is recorded as such in the manifest', () => {
  const nr = buildFixture({ ...desktop, nonRoot: true });
  try {
    const out = path.join(tmp, 'nonroot');
    fs.mkdirSync(out);
    const m = takeSnapshot(new DirHostRoot(nr.dir), out, { redact: true, version: 'test' });
    assert.equal(m.privileged, false);
    assert.equal(m.truncatedConfig.length, 20);
    assert.match(m.notes[0], /readable only in part \(64 bytes without root\)/);
    assert.equal(fs.statSync(path.join(out, 'sys/devices/pci0000:00/0000:00:01.0/config')).size, 64);
  } finally {
    nr.cleanup();
  }
});

test('output rules: a non-empty directory is refused (exit 2, one line), -o is required', () => {
  const busy = path.join(tmp, 'busy');
  fs.mkdirSync(busy);
  fs.writeFileSync(path.join(busy, 'x'), 'keep');
  const r = runCli(['--root', fx.dir, 'snapshot', '-o', busy]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /not empty.*hint:/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.equal(fs.readFileSync(path.join(busy, 'x'), 'utf8'), 'keep');
  assert.equal(runCli(['--root', fx.dir, 'snapshot']).status, 2);
});

test('an output where nothing can be created (procfs) is an environment error, not a hang', () => {
  // Node 20's recursive mkdir spins forever when mkdir answers ENOENT under an existing parent.
  const r = runCli(['--root', fx.dir, 'snapshot', '-o', `/proc/vfiokit-test-${process.pid}`]);
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stderr, /cannot write the snapshot to \/proc\/vfiokit-test-\d+: ENOENT \(hint:/);
});

test('redaction: MACs behind command-line prefixes (BOOTIF, ifname) and in dotted form; look-alikes stay', async () => {
  const { Redactor } = await import('../../src/host/snapshot-redact.js');
  const red = new Redactor(true, []);
  const cmdline =
    'BOOT_IMAGE=/vmlinuz BOOTIF=01-52-54-00-ab-cd-ef ifname=lan0:52:54:00:AB:CD:EF ip=dhcp intel_iommu=on';
  assert.equal(
    red.text(cmdline),
    'BOOT_IMAGE=/vmlinuz BOOTIF=01-xx:xx:xx:xx:xx:xx ifname=lan0:xx:xx:xx:xx:xx:xx ip=dhcp intel_iommu=on',
  );
  assert.equal(red.text('port 5254.00ab.cdef up'), 'port xx:xx:xx:xx:xx:xx up');
  // PCI addresses, IPv6 and kernel timestamps are not MACs.
  const keep = '[ 1234.567890] pci 0000:00:1f.3: fe80::5054:ff:feab:cdef 2001:db8:0:0:1:0:0:1';
  assert.equal(red.text(keep), keep);
  assert.equal(red.counts.macAddresses, 3);
});

test('--roms / --rom BDF carry option ROMs into the snapshot, where doctor reads them', () => {
  // The source is a snapshot whose GPU rom file holds a ROM (as `snapshot --roms` leaves it): the
  // copy is read through the same sysfs reader, without the enable/disable writes.
  const src = buildFixture(desktop);
  try {
    const gpu = src.byAddress.get('0000:01:00.0');
    assert.ok(gpu);
    const rom = legacyRomImage(0x10de, 0x1b80);
    fs.writeFileSync(path.join(src.dir, gpu.sysfsPath, 'rom'), rom);

    const out = path.join(tmp, 'with-roms');
    const r = runCli(['--root', src.dir, 'snapshot', '--roms', '--rom', '00:00.0', '-o', out, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const m = JSON.parse(r.stdout);
    assert.deepEqual(m.roms[0], { device: '0000:01:00.0', bytes: 512 });
    assert.equal(m.roms.length, 2);
    assert.match(m.roms[1].error, /0000:00:00\.0 has no expansion ROM BAR/);
    assert.ok(
      m.notes.includes(
        'rom files hold the ROMs read for 1 of 2 requested device(s); the others are placeholders',
      ),
    );
    assert.ok(fs.readFileSync(path.join(out, gpu.sysfsPath, 'rom')).equals(rom));

    // doctor --roms judges the ROM from the snapshot: a legacy image only, so no UEFI (OVMF) support.
    const romCheck = (args: string[]) =>
      JSON.parse(runCli(['--root', out, 'doctor', '--json', ...args]).stdout).checks.find(
        (c: { id: string; device?: string }) => c.id === 'gpu.rom' && c.device === '0000:01:00.0',
      );
    const check = romCheck(['--roms']);
    assert.equal(check.verdict, 'warn');
    assert.match(check.evidence[0], /: 512 bytes; images: x86 BIOS at 0x0$/);
    // Without --roms doctor reads no ROM (a read enables the ROM BAR) and says how to ask.
    const unread = romCheck([]);
    assert.equal(unread.verdict, 'unknown');
    assert.match(unread.evidence[0], /only with --roms/);

    // Without --roms the snapshot keeps placeholders, and says so.
    const plain = JSON.parse(
      runCli(['--root', src.dir, 'snapshot', '-o', path.join(tmp, 'no-roms'), '--json']).stdout,
    );
    assert.equal(plain.roms, undefined);
    assert.ok(plain.notes.some((n: string) => /rom files are placeholders/.test(n)));
    // An address the host does not have is a usage error before anything is written.
    const bad = runCli(['--root', src.dir, 'snapshot', '--rom', '09:00.0', '-o', path.join(tmp, 'never')]);
    assert.equal(bad.status, 2);
    assert.ok(!fs.existsSync(path.join(tmp, 'never')));
  } finally {
    src.cleanup();
  }
});

test('an unpacked --root archive is removed when a signal ends the process', async () => {
  const file = path.join(tmp, 'sig.tar.gz');
  assert.equal(runCli(['--root', fx.dir, 'snapshot', '-o', file]).status, 0);
  const scratch = fs.mkdtempSync(path.join(tmp, 'scratch-sig-'));
  const script = `
    import { unpackSnapshot } from ${JSON.stringify(path.join(repoRoot, 'src/host/snapshot-archive.ts'))};
    const a = await unpackSnapshot(${JSON.stringify(file)});
    console.log(a.dir);
    process.kill(process.pid, 'SIGTERM');
    setTimeout(() => {}, 5000);
  `;
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: scratch },
    cwd: repoRoot,
  });
  assert.equal(r.signal, 'SIGTERM', r.stderr);
  assert.match(r.stdout, /vfiokit-root-/);
  // (tsx keeps its own cache in TMPDIR too.)
  assert.deepEqual(
    fs.readdirSync(scratch).filter((n) => n.startsWith('vfiokit-')),
    [],
  );
});
