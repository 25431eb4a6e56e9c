// The guard over fixture hosts: each use the issue names (a mounted filesystem's controller, md
// RAID members, dm-crypt under LVM, swap on a partition and in a file, the default route's NIC
// through a bridge, the SSH session's NIC, the boot GPU under fbcon, efifb, vgacon and a display
// server) is found with its evidence, bridges above a used device count, devices nothing uses get
// no finding, and damaged or unreadable tables give `unknown` for the devices they could concern.
// The expected answers come from the kernel's sysfs layout (which device's directory holds which
// disk or interface), written into each fixture by hand.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { type GuardFinding, guardDevices } from '../../src/actions/guard.js';
import { DirHostRoot } from '../../src/host/root.js';
import { readHostUsage } from '../../src/host/usage.js';
import {
  buildFixture,
  CLASS,
  type Fixture,
  gpuWithAudio,
  type HostSpec,
} from '../helpers/fixture-builder.js';
import { ROUTE_HEADER, routeLine, UsageTree } from '../helpers/usage-host.js';

const spec: HostSpec = {
  sequentialGroups: true,
  rootComplexes: [
    {
      devices: [
        { kind: 'endpoint', class: CLASS.hostBridge, vendor: 0x8086, device: 0x29c0, pcie: false },
        {
          kind: 'root-port',
          acs: true,
          children: [
            gpuWithAudio({ driver: 'amdgpu', audioDriver: 'snd_hda_intel', bootVga: true, vendor: 0x1002 }),
          ],
        },
        {
          kind: 'root-port',
          acs: true,
          children: [gpuWithAudio({ driver: 'vfio-pci', audioDriver: 'vfio-pci' })],
        },
        { kind: 'root-port', acs: true, children: [{ kind: 'endpoint', class: CLASS.nvme, driver: 'nvme' }] },
        { kind: 'root-port', acs: true, children: [{ kind: 'endpoint', class: CLASS.nvme, driver: 'nvme' }] },
        { kind: 'root-port', acs: true, children: [{ kind: 'endpoint', class: CLASS.nvme, driver: 'nvme' }] },
        { kind: 'root-port', acs: true, children: [{ kind: 'endpoint', class: CLASS.nvme, driver: 'nvme' }] },
        {
          kind: 'root-port',
          acs: true,
          children: [{ kind: 'endpoint', class: CLASS.ethernet, driver: 'igb' }],
        },
        { kind: 'endpoint', dev: 0x17, class: CLASS.sata, driver: 'ahci' },
        { kind: 'endpoint', dev: 0x1f, class: CLASS.ethernet, driver: 'e1000e' },
      ],
    },
  ],
};

const A = {
  gpu: '0000:01:00.0',
  gpuAudio: '0000:01:00.1',
  gpuPort: '0000:00:01.0',
  freeGpu: '0000:02:00.0',
  nvmeRoot: '0000:03:00.0',
  nvmeRootPort: '0000:00:03.0',
  nvmeMd1: '0000:04:00.0',
  nvmeMd2: '0000:05:00.0',
  nvmeFree: '0000:06:00.0',
  nvmeFreePort: '0000:00:06.0',
  nicBridged: '0000:07:00.0',
  sata: '0000:00:17.0',
  nicDefault: '0000:00:1f.0',
};

const cls: Record<string, number> = {
  [A.gpu]: CLASS.vga,
  [A.freeGpu]: CLASS.vga,
  [A.gpuAudio]: CLASS.hdAudio,
  [A.gpuPort]: CLASS.pciBridge,
  [A.nvmeRootPort]: CLASS.pciBridge,
  [A.nvmeFreePort]: CLASS.pciBridge,
  [A.sata]: CLASS.sata,
  [A.nicDefault]: CLASS.ethernet,
  [A.nicBridged]: CLASS.ethernet,
};
for (const k of [A.nvmeRoot, A.nvmeMd1, A.nvmeMd2, A.nvmeFree]) cls[k] = CLASS.nvme;

const MOUNTINFO = [
  '22 1 253:1 / / rw,relatime shared:1 - ext4 /dev/mapper/vg0-root rw,errors=remount-ro',
  '23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw',
  '24 22 0:22 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw',
  '25 22 0:5 / /dev rw,nosuid,relatime shared:2 - devtmpfs udev rw,size=8000000k,nr_inodes=2000000,mode=755',
  '30 22 259:1 / /boot/efi rw,relatime shared:30 - vfat /dev/nvme0n1p1 rw,fmask=0077,dmask=0077',
  '31 22 9:0 / /srv rw,relatime shared:31 - ext4 /dev/md0 rw',
  '32 22 8:2 / /home\\040dir rw,relatime shared:32 - xfs /dev/disk/by-uuid/1b2c3d4e rw,attr2,inode64',
  '33 22 0:40 / /run rw,nosuid,nodev,noexec,relatime shared:5 - tmpfs tmpfs rw,size=1600000k,mode=755',
  '',
].join('\n');

const SWAPS = [
  'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority',
  '/dev/dm-2                               partition\t8388604\t\t0\t\t-2',
  '/dev/sda1                               partition\t1048572\t\t0\t\t-3',
  '',
].join('\n');

function dev(fx: Fixture, a: string): string {
  const d = fx.byAddress.get(a);
  assert.ok(d, a);
  return d.sysfsPath;
}

/** The workstation: every kind of use the issue names, on its own device. */
function workstation(): { fx: Fixture; t: UsageTree } {
  const fx = buildFixture(spec);
  const t = new UsageTree(fx.dir);
  // Root disk: nvme0n1p2 → dm-crypt (dm-0) → LVM volume group vg0 (dm-1 root, dm-2 swap).
  t.disk(dev(fx, A.nvmeRoot), 'nvme/nvme0', 'nvme0n1', '259:0', [
    ['nvme0n1p1', '259:1'],
    ['nvme0n1p2', '259:2'],
  ]);
  t.virtualBlock('dm-0', '253:0', ['nvme0n1p2'], { dmName: 'nvme0n1p2_crypt' });
  t.virtualBlock('dm-1', '253:1', ['dm-0'], { dmName: 'vg0-root' });
  t.virtualBlock('dm-2', '253:2', ['dm-0'], { dmName: 'vg0-swap' });
  // RAID 1 over two NVMe drives.
  t.disk(dev(fx, A.nvmeMd1), 'nvme/nvme1', 'nvme1n1', '259:3');
  t.disk(dev(fx, A.nvmeMd2), 'nvme/nvme2', 'nvme2n1', '259:4');
  t.virtualBlock('md0', '9:0', ['nvme1n1', 'nvme2n1']);
  // A drive nothing uses.
  t.disk(dev(fx, A.nvmeFree), 'nvme/nvme3', 'nvme3n1', '259:5', [['nvme3n1p1', '259:6']]);
  // SATA: swap on sda1, /home on sda2.
  t.disk(dev(fx, A.sata), 'ata1/host0/target0:0:0/0:0:0:0/block', 'sda', '8:0', [
    ['sda1', '8:1'],
    ['sda2', '8:2'],
  ]);
  // A loop device (snap) with nothing under it: not on a PCI device.
  t.virtualBlock('loop0', '7:0', []);
  t.write('/proc/self/mountinfo', MOUNTINFO);
  t.write('/proc/swaps', SWAPS);
  // eno1 carries the IPv4 default route; br0 (over enp7s0) carries 10.0.5.0/24 and the IPv6 default.
  t.netIface('eno1', dev(fx, A.nicDefault));
  t.netIface('enp7s0', dev(fx, A.nicBridged));
  t.netIface('br0', undefined, ['enp7s0']);
  t.netIface('lo');
  t.write(
    '/proc/net/route',
    [
      ROUTE_HEADER,
      routeLine('eno1', '0.0.0.0', '192.168.1.1', 0x3, 100, 0),
      routeLine('eno1', '192.168.1.0', '0.0.0.0', 0x1, 100, 24),
      routeLine('br0', '10.0.5.0', '0.0.0.0', 0x1, 0, 24),
      '',
    ].join('\n'),
  );
  t.write(
    '/proc/net/ipv6_route',
    [
      '20010db8000000050000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001      br0',
      '00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003      br0',
      '00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo',
      '',
    ].join('\n'),
  );
  // The boot GPU: amdgpu's framebuffer with fbcon bound, Xorg holding card0.
  t.vtconsole(0, '(S) dummy device', false);
  t.vtconsole(1, '(M) frame buffer device', true);
  t.framebuffer('fb0', dev(fx, A.gpu), 'amdgpudrmfb');
  t.drm('card0', dev(fx, A.gpu));
  t.process(1, 'systemd');
  t.process(1234, 'Xorg', { fds: ['/dev/null', '/dev/dri/card0', 'socket:[4321]'] });
  // A login over SSH to the bridge's address; sudo dropped the variable, the shell has it.
  t.process(2000, 'bash', { environ: ['HOME=/root', 'SSH_CONNECTION=10.0.5.77 50022 10.0.5.2 22'] });
  t.process(2100, 'sudo', { ppid: 2000, environ: ['HOME=/root'] });
  return { fx, t };
}

function findings(fx: Fixture, addresses: string[], pid = 2100): GuardFinding[] {
  const usage = readHostUsage(new DirHostRoot(fx.dir), { pid, env: {} });
  return guardDevices(
    usage,
    addresses.map((a) => ({ address: a, classCode: cls[a] })),
  );
}

const summary = (fs: GuardFinding[]) => fs.map((f) => `${f.address} ${f.verdict} ${f.what} | ${f.why}`);

test('the root disk behind dm-crypt and LVM: root filesystem, /boot/efi, swap on an LV and membership', () => {
  const { fx } = workstation();
  try {
    const f = findings(fx, [A.nvmeRoot]);
    assert.deepEqual(summary(f), [
      `${A.nvmeRoot} in-use root filesystem / (ext4) from /dev/mapper/vg0-root | it is the controller of the root filesystem`,
      `${A.nvmeRoot} in-use filesystem /boot/efi (vfat) from /dev/nvme0n1p1 | it is the controller of a mounted filesystem`,
      `${A.nvmeRoot} in-use swap partition /dev/dm-2 | it is the controller of active swap`,
      `${A.nvmeRoot} in-use nvme0n1p2 is a member of dm-0 (nvme0n1p2_crypt) | it is the controller of a disk in an active RAID, volume group or encrypted mapping`,
    ]);
    // The evidence walks the stack down to the controller's directory.
    assert.deepEqual(f[0].evidence, [
      `/proc/self/mountinfo: ${MOUNTINFO.split('\n')[0]}`,
      'dm-1 (device-mapper vg0-root): /sys/devices/virtual/block/dm-1/slaves/dm-0',
      'dm-0 (device-mapper nvme0n1p2_crypt): /sys/devices/virtual/block/dm-0/slaves/nvme0n1p2',
      `nvme0n1p2: ${dev(fx, A.nvmeRoot)}/nvme/nvme0/nvme0n1/nvme0n1p2`,
    ]);
    // The root port above it carries the same uses.
    const port = findings(fx, [A.nvmeRootPort]);
    assert.equal(port.length, 4);
    for (const p of port) assert.equal(p.why, `it is a bridge above ${A.nvmeRoot}, the disk of this use`);
  } finally {
    fx.cleanup();
  }
});

test('md RAID over two controllers: both are refused, each with its leg of the array', () => {
  const { fx } = workstation();
  try {
    const f = findings(fx, [A.nvmeMd1, A.nvmeMd2]);
    assert.deepEqual(summary(f), [
      `${A.nvmeMd1} in-use filesystem /srv (ext4) from /dev/md0 | it is the controller of a mounted filesystem`,
      `${A.nvmeMd1} in-use nvme1n1 is a member of md0 | it is the controller of a disk in an active RAID, volume group or encrypted mapping`,
      `${A.nvmeMd2} in-use filesystem /srv (ext4) from /dev/md0 | it is the controller of a mounted filesystem`,
      `${A.nvmeMd2} in-use nvme2n1 is a member of md0 | it is the controller of a disk in an active RAID, volume group or encrypted mapping`,
    ]);
    assert.ok(f[0].evidence.includes('md0: /sys/devices/virtual/block/md0/slaves/nvme1n1'));
  } finally {
    fx.cleanup();
  }
});

test('SATA: swap on a partition, and a mount named by UUID resolved through its device number', () => {
  const { fx } = workstation();
  try {
    assert.deepEqual(summary(findings(fx, [A.sata])), [
      `${A.sata} in-use filesystem /home dir (xfs) from /dev/disk/by-uuid/1b2c3d4e | it is the controller of a mounted filesystem`,
      `${A.sata} in-use swap partition /dev/sda1 | it is the controller of active swap`,
    ]);
  } finally {
    fx.cleanup();
  }
});

test('NICs: the default route through eno1, the IPv6 default and the SSH session through a bridge', () => {
  const { fx } = workstation();
  try {
    assert.deepEqual(summary(findings(fx, [A.nicDefault])), [
      `${A.nicDefault} in-use IPv4 default route via eno1 | it is the NIC of a default route`,
    ]);
    const bridged = findings(fx, [A.nicBridged]);
    assert.deepEqual(summary(bridged), [
      `${A.nicBridged} in-use IPv6 default route via br0 | it is the NIC of a default route`,
      `${A.nicBridged} in-use the SSH connection you are logged in over (10.0.5.77 50022 10.0.5.2 22) via br0 | it is the NIC of the SSH connection you are logged in over`,
    ]);
    assert.ok(bridged[1].evidence[0].startsWith('/proc/2000/environ SSH_CONNECTION=10.0.5.77'));
    assert.ok(
      bridged[1].evidence.some((e) => e.startsWith('br0: /sys/devices/virtual/net/br0/lower_enp7s0')),
    );
    // Without the process tree (a snapshot), the session is only found from the given environment.
    const usage = readHostUsage(new DirHostRoot(fx.dir), {
      env: { SSH_CONNECTION: '192.168.1.50 40000 192.168.1.10 22' },
    });
    const viaEnv = guardDevices(usage, [{ address: A.nicDefault, classCode: CLASS.ethernet }]);
    assert.equal(viaEnv.filter((x) => x.what.startsWith('the SSH connection')).length, 1);
  } finally {
    fx.cleanup();
  }
});

test('the boot GPU under fbcon and Xorg; its audio function and the passthrough GPU are free', () => {
  const { fx } = workstation();
  try {
    assert.deepEqual(summary(findings(fx, [A.gpu, A.gpuAudio, A.freeGpu])), [
      `${A.gpu} in-use the text console (fbcon) on fb0 (amdgpudrmfb) | a text console is drawn on it`,
      `${A.gpu} in-use process Xorg (pid 1234) has /dev/dri/card0 open | a process draws on it`,
    ]);
  } finally {
    fx.cleanup();
  }
});

test('devices nothing uses get no finding (the free NVMe, its port, the passthrough GPU)', () => {
  const { fx } = workstation();
  try {
    assert.deepEqual(findings(fx, [A.nvmeFree, A.nvmeFreePort, A.freeGpu]), []);
  } finally {
    fx.cleanup();
  }
});

test('a single-GPU host on efifb: the framebuffer is the boot GPU, with or without fbcon; vgacon too', () => {
  for (const [fbcon, vga] of [
    [true, false],
    [false, false],
    [false, true],
  ]) {
    const fx = buildFixture(spec);
    const t = new UsageTree(fx.dir);
    try {
      t.vtconsole(0, vga ? '(S) VGA+' : '(S) dummy device', vga);
      t.vtconsole(1, '(M) frame buffer device', fbcon);
      if (!vga) t.framebuffer('fb0', '/sys/devices/platform/efi-framebuffer.0', 'EFI VGA');
      const f = findings(fx, [A.gpu, A.freeGpu]);
      const want = vga
        ? [`${A.gpu} in-use the VGA text console (vgacon) | a text console is drawn on it`]
        : fbcon
          ? [`${A.gpu} in-use the text console (fbcon) on fb0 (EFI VGA) | a text console is drawn on it`]
          : [`${A.gpu} in-use framebuffer fb0 (EFI VGA) | a framebuffer scans out of it`];
      assert.deepEqual(summary(f), want);
      assert.ok(f[0].evidence.includes(`${A.gpu}/boot_vga: 1`));
    } finally {
      fx.cleanup();
    }
  }
});

test('btrfs over two drives and a swap file: every member drive, and the file’s filesystem', () => {
  const fx = buildFixture(spec);
  const t = new UsageTree(fx.dir);
  try {
    t.disk(dev(fx, A.nvmeMd1), 'nvme/nvme1', 'nvme1n1', '259:3');
    t.disk(dev(fx, A.nvmeMd2), 'nvme/nvme2', 'nvme2n1', '259:4');
    t.link('/sys/fs/btrfs/5f3e/devices/nvme1n1', `${dev(fx, A.nvmeMd1)}/nvme/nvme1/nvme1n1`);
    t.link('/sys/fs/btrfs/5f3e/devices/nvme2n1', `${dev(fx, A.nvmeMd2)}/nvme/nvme2/nvme2n1`);
    // btrfs reports an anonymous device number: the source name is what resolves.
    t.write('/proc/self/mountinfo', '40 1 0:35 / /data rw,relatime - btrfs /dev/nvme1n1 rw,space_cache=v2\n');
    t.write('/proc/swaps', 'Filename\tType\tSize\tUsed\tPriority\n/data/swap\\040file file 4194300 0 -2\n');
    const f = findings(fx, [A.nvmeMd2]);
    assert.deepEqual(summary(f), [
      `${A.nvmeMd2} in-use filesystem /data (btrfs) from /dev/nvme1n1 | it is the controller of a mounted filesystem`,
      `${A.nvmeMd2} in-use swap file /data/swap file on /data | it is the controller of active swap`,
    ]);
  } finally {
    fx.cleanup();
  }
});

test('NVMe native multipath: the head disk under nvme-subsystem is traced through multipath/', () => {
  const fx = buildFixture(spec);
  const t = new UsageTree(fx.dir);
  try {
    // drivers/nvme/host/multipath.c: the head disk's parent is the subsystem device, and its
    // multipath/ group links to the hidden per-controller path disk nvme0c0n1.
    const path0 = t.disk(dev(fx, A.nvmeMd1), 'nvme/nvme0', 'nvme0c0n1', '259:9');
    const head = '/sys/devices/virtual/nvme-subsystem/nvme-subsys0/nvme0n1';
    fs.mkdirSync(path.join(fx.dir, head), { recursive: true });
    t.write(`${head}/dev`, '259:0\n');
    t.link('/sys/class/block/nvme0n1', head);
    t.link('/sys/dev/block/259:0', head);
    t.link(`${head}/multipath/nvme0c0n1`, path0);
    t.write('/proc/self/mountinfo', '40 1 259:0 / /var rw - ext4 /dev/nvme0n1 rw\n');
    assert.deepEqual(summary(findings(fx, [A.nvmeMd1])), [
      `${A.nvmeMd1} in-use filesystem /var (ext4) from /dev/nvme0n1 | it is the controller of a mounted filesystem`,
    ]);
  } finally {
    fx.cleanup();
  }
});

test('what cannot be read or traced is unknown for the devices of its kind, never free', () => {
  const { fx, t } = workstation();
  try {
    // A damaged mount table, an NFS mount without addr=, a ZFS pool, an unresolvable /dev name.
    t.write(
      '/proc/self/mountinfo',
      `${MOUNTINFO}garbage line\n50 22 0:50 / /tank rw - zfs tank rw\n51 22 0:51 / /mnt rw - nfs4 srv:/x rw,vers=4.2\n52 22 0:52 / /x rw - ext4 /dev/nosuch rw\n`,
    );
    const f = findings(fx, [A.nvmeFree, A.nicDefault, A.freeGpu]);
    const unknown = f.filter((x) => x.verdict === 'unknown');
    assert.deepEqual(
      unknown.map((x) => `${x.address} ${x.what}`),
      [
        `${A.nvmeFree} mounted filesystems`,
        `${A.nvmeFree} filesystem /tank (zfs) from tank`,
        `${A.nvmeFree} filesystem /x (ext4) from /dev/nosuch`,
        `${A.nicDefault} filesystem /mnt (nfs4) from srv:/x`,
      ],
    );
    assert.match(unknown[0].why, /1 line\(s\) of \/proc\/self\/mountinfo are not in the kernel's format/);
    // An NFS mount that names its server is the NIC of the route to it.
    t.write(
      '/proc/self/mountinfo',
      `${MOUNTINFO}51 22 0:51 / /mnt rw - nfs4 srv:/x rw,vers=4.2,addr=192.168.1.5\n`,
    );
    const nfs = findings(fx, [A.nicDefault]).filter((x) => x.what.startsWith('filesystem /mnt'));
    assert.deepEqual(summary(nfs), [
      `${A.nicDefault} in-use filesystem /mnt (nfs4) from srv:/x via eno1 | it is the NIC that reaches the server of a mounted network filesystem`,
    ]);
    // A table that is a directory (unreadable as a file): unknown, with the reader's message.
    fs.rmSync(path.join(fx.dir, 'proc/swaps'));
    fs.mkdirSync(path.join(fx.dir, 'proc/swaps'));
    const sw = findings(fx, [A.sata]).filter((x) => x.verdict === 'unknown');
    assert.equal(sw.length, 1);
    assert.match(sw[0].why, /\/proc\/swaps is a directory/);
  } finally {
    fx.cleanup();
  }
});

test('a process whose open files cannot be listed makes GPUs unknown, not free', () => {
  const { fx } = workstation();
  try {
    // /proc/PID/fd as a file stands for a directory the reader may not list.
    fs.writeFileSync(path.join(fx.dir, 'proc/77'), '');
    fs.mkdirSync(path.join(fx.dir, 'proc/78'));
    fs.symlinkSync('/nonexistent/outside', path.join(fx.dir, 'proc/78/fd'));
    const f = findings(fx, [A.freeGpu]);
    assert.deepEqual(
      f.map((x) => `${x.verdict} ${x.what} ${x.why}`),
      [
        'unknown display servers could not tell whether it is on this device: the open files of 1 process(es) could not be read (run as root)',
      ],
    );
  } finally {
    fx.cleanup();
  }
});

test('shares over virtio (9p with trans=virtio, virtiofs) are traced to the virtio device’s PCI function', () => {
  const fx = buildFixture(spec);
  const t = new UsageTree(fx.dir);
  try {
    const v9 = `${dev(fx, A.nvmeFree)}/virtio1`;
    t.write(`${v9}/mount_tag`, 'labout\0');
    t.link('/sys/bus/virtio/devices/virtio1', v9);
    const vfs = `${dev(fx, A.nvmeMd1)}/virtio2`;
    fs.mkdirSync(path.join(fx.dir, vfs), { recursive: true });
    t.link('/sys/bus/virtio/devices/virtio2', vfs);
    t.write('/sys/fs/virtiofs/0/tag', 'myfs\n');
    t.link('/sys/fs/virtiofs/0/device', vfs);
    t.write(
      '/proc/self/mountinfo',
      [
        '40 1 0:40 / /out rw,relatime - 9p labout rw,sync,dirsync,access=client,msize=512000,trans=virtio',
        '41 1 0:41 / /tcp rw,relatime - 9p srv rw,access=client,trans=tcp',
        '42 1 0:42 / /vfs rw,relatime - virtiofs myfs rw',
        '',
      ].join('\n'),
    );
    assert.deepEqual(summary(findings(fx, [A.nvmeFree, A.nvmeMd1])), [
      `${A.nvmeFree} in-use filesystem /out (9p) from labout | it is the controller of a mounted filesystem`,
      `${A.nvmeMd1} in-use filesystem /vfs (virtiofs) from myfs | it is the controller of a mounted filesystem`,
    ]);
    // 9p over TCP is a network filesystem whose server is not in the options: NICs are unknown.
    assert.deepEqual(
      findings(fx, [A.nicDefault]).map((f) => `${f.verdict} ${f.what}`),
      ['unknown filesystem /tcp (9p) from srv'],
    );
  } finally {
    fx.cleanup();
  }
});
