/**
 * The single-GPU desktop of the README and docs/handover.md, committed as
 * test/fixtures/single-gpu/ (a test checks the committed tree is what this builds): one GPU
 * (amdgpu, boot VGA) with its HDMI audio in one IOMMU group, the root filesystem on an NVMe drive,
 * the default route on an Intel NIC, gdm3 running, fbcon on amdgpu's framebuffer and Xorg holding
 * /dev/dri/card0.
 */
import { buildFixture, CLASS, type Fixture, gpuWithAudio } from './fixture-builder.js';
import { ROUTE_HEADER, routeLine, UsageTree } from './usage-host.js';

export function buildSingleGpu(dir?: string): Fixture {
  const fx = buildFixture(
    {
      rootComplexes: [
        {
          devices: [
            {
              kind: 'endpoint',
              class: CLASS.hostBridge,
              vendor: 0x8086,
              device: 0x4660,
              group: 0,
              pcie: false,
            },
            {
              kind: 'root-port',
              acs: true,
              group: 1,
              children: [
                gpuWithAudio({
                  vendor: 0x1002,
                  device: 0x73bf,
                  audioDevice: 0xab28,
                  driver: 'amdgpu',
                  audioDriver: 'snd_hda_intel',
                  bootVga: true,
                  groups: 12,
                }),
              ],
            },
            {
              kind: 'root-port',
              acs: true,
              group: 2,
              children: [
                {
                  kind: 'endpoint',
                  class: CLASS.nvme,
                  vendor: 0x144d,
                  device: 0xa80a,
                  driver: 'nvme',
                  group: 13,
                },
              ],
            },
            {
              kind: 'endpoint',
              dev: 0x1f,
              fn: 6,
              class: CLASS.ethernet,
              vendor: 0x8086,
              device: 0x1a1e,
              driver: 'e1000e',
              group: 14,
            },
          ],
        },
      ],
      files: { 'proc/cmdline': 'BOOT_IMAGE=/vmlinuz root=/dev/nvme0n1p2 ro quiet amd_iommu=on\n' },
    },
    dir,
  );
  const dev = (a: string) => fx.byAddress.get(a)?.sysfsPath ?? '';
  const t = new UsageTree(fx.dir);
  t.disk(dev('0000:02:00.0'), 'nvme/nvme0', 'nvme0n1', '259:0', [
    ['nvme0n1p1', '259:1'],
    ['nvme0n1p2', '259:2'],
  ]);
  t.write(
    '/proc/self/mountinfo',
    [
      '26 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw,errors=remount-ro',
      '27 26 259:1 / /boot/efi rw,relatime shared:2 - vfat /dev/nvme0n1p1 rw,fmask=0077,dmask=0077',
      '28 26 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:3 - proc proc rw',
      '',
    ].join('\n'),
  );
  t.write('/proc/swaps', 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n');
  t.netIface('eno1', dev('0000:00:1f.6'));
  t.write(
    '/proc/net/route',
    [
      ROUTE_HEADER,
      routeLine('eno1', '0.0.0.0', '192.168.1.1', 0x3, 100, 0),
      routeLine('eno1', '192.168.1.0', '0.0.0.0', 0x1, 100, 24),
      '',
    ].join('\n'),
  );
  t.rawLink('/etc/systemd/system/display-manager.service', '/lib/systemd/system/gdm3.service');
  t.write('/sys/fs/cgroup/system.slice/gdm3.service/cgroup.procs', '1021\n1187\n');
  t.vtconsole(0, '(S) dummy device', false);
  t.vtconsole(1, '(M) frame buffer device', true);
  t.framebuffer('fb0', dev('0000:01:00.0'), 'amdgpudrmfb');
  t.drm('card0', dev('0000:01:00.0'));
  t.process(1, 'systemd');
  t.process(1187, 'Xorg', { ppid: 1021, fds: ['/dev/null', '/dev/dri/card0', '/dev/dri/renderD128'] });
  return fx;
}
