/**
 * Families first seen among the misses of the seventeenth held-out set once it was read: the users'
 * side of passthrough — a ROCm guest whose GPU's PCIe atomics the VM's topology drops, a launcher
 * that left an option without its value, a helper script that could not take the GPU from its host
 * driver, a boot held back by module loading, the host's amdgpu re-initialising a card a VM used,
 * and a mediated display without a DMABUF-capable display. Every example is built from the
 * producing source's format string, never taken from the held-out set.
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, render } from './build.js';

export const READ_SET17_ENTRIES: CatalogueEntry[] = [
  {
    id: 'kernel.kfd-pci-atomics',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/amdkfd/kfd_device.c kgd2kfd_probe()/kgd2kfd_device_init() (pci_enable_atomic_ops_to_root() in drivers/pci/pci.c); QEMU c00aac6f1428 ("vfio/pci: Enable AtomicOps completers on root ports", QEMU 8.1, with the host kernel reporting the capability since Linux 6.5)',
    format: 'skipped device %x:%x, PCI rejects atomics %d<%d\n',
    versions:
      'older kernels: "skipped device %x:%x, PCI rejects atomics"; the numbers added later are the firmware version and the one that works without atomics',
    patterns: [
      /skipped device (?<vendor>[0-9a-f]{4}):(?<device>[0-9a-f]{4}), PCI rejects atomics(?: (?<fw>\d{1,6})<(?<need>\d{1,6}))?/,
    ],
    severity: 'error',
    title: "amdkfd (ROCm) skipped the GPU: PCIe atomics don't reach the root port",
    cause:
      "the GPU's compute driver needs PCIe AtomicOps for this ASIC (gfx8 Polaris/Fiji/Tonga, and older firmware of later ones), and pci_enable_atomic_ops_to_root() found that some link on the way to the root port does not route them or the root port does not complete them, so ROCm/OpenCL see no GPU. In a VM the path is the emulated one: a GPU on the i440fx machine's bus (no PCIe at all), behind a PCI bridge, or on a QEMU root port that does not advertise AtomicOp completion; QEMU sets the completer bits on the root port only since 8.1, and only when the host kernel reports that the real path supports them (Linux 6.5+) and the device sits directly on that root port",
    fix: 'use a q35 machine and put the GPU alone on a pcie-root-port (libvirt: a <controller type="pci" model="pcie-root-port"/> with the hostdev on its bus), QEMU 8.1+ on a host kernel 6.5+; check on the host that the real root port completes atomics (`lspci -vv -s ROOTPORT | grep AtomicOpsCap`); a newer GPU (Vega and later) with current firmware does not need them',
    render: render('kfd kfd: amdgpu: ', 0x1002, 0x67df, 0, 1),
    examples: [
      ex('kfd kfd: amdgpu: skipped device 1002:67df, PCI rejects atomics 730<0', {
        vendor: '1002',
        device: '67df',
      }),
      ex('kfd kfd: skipped device 1002:7300, PCI rejects atomics', { device: '7300' }),
    ],
  },
  {
    id: 'qemu.option-took-next-option',
    source: 'qemu',
    cite: 'qemu/qemu chardev/char.c char_get_class() ("\'%s\' is not a valid char driver"), reached from qemu_chr_new_from_opts() for the value of -serial/-monitor/-qmp/-parallel/-chardev',
    format: "'%s' is not a valid char driver",
    versions: 'printed so by QEMU 7.2 (the QEMU the tests run)',
    patterns: [/'(?<driver>[^'\n]{1,60})' is not a valid char driver/],
    severity: 'error',
    title: 'QEMU read a character-device option with the wrong value',
    cause:
      'a -serial, -monitor, -qmp, -parallel or -chardev option was given a backend name QEMU does not know (valid ones: stdio, pty, file:, unix:, tcp:, socket, none, …). When that name is itself an option ("-device", "-drive"), the option before it was left without its value — a launcher script or VM manager built the command line with an empty variable (an unset socket path), so QEMU took the next option as the value and stopped',
    fix: "print the command line the launcher runs (or /var/log/libvirt/qemu/NAME.log) and give the option its value (-qmp unix:/run/vm.qmp,server,nowait); in a VM manager, fill in the setting it left empty or update it if it generated the line; `qemu-system-x86_64 -chardev help` lists this build's backends",
    refine: (f) =>
      f.driver?.startsWith('-')
        ? {
            cause: `"${f.driver}" is an option, not a backend: the option before it (-qmp, -monitor, -serial or -chardev) was left without its value, so QEMU took ${f.driver} as the value. The command line was built with an empty variable — a launcher script or VM manager that generated it without the socket path or backend it meant to pass`,
          }
        : undefined,
    render: render('qemu-system-x86_64: -serial -vga: ', '-vga'),
    examples: [
      ex("qemu-system-x86_64: -monitor -drive: '-drive' is not a valid char driver", { driver: '-drive' }),
      ex("qemu-system-x86_64: -serial telnet:4555: 'telnet' is not a valid char driver", {
        driver: 'telnet',
      }),
    ],
  },
  {
    id: 'tool.gpu-still-bound',
    source: 'userspace tool',
    cite: "passthrough helper scripts' own check after unbinding (the PCI core's /sys/bus/pci/devices/ADDR/driver link still naming the host driver); the reasons from the drivers' teardown: a module in use (kernel/module/main.c delete_module() -EWOULDBLOCK) or an unbind that blocks on open DRM files",
    format: "GPU is still bound to '%s'",
    versions:
      'wordings vary by script ("still bound to amdgpu", "is still using driver nvidia", "failed to unbind"); the driver named is the host one',
    patterns: [
      /(?:GPU|device|card) (?:is )?still (?:bound to|using(?: driver)?|attached to) ['"]?(?<driver>amdgpu|radeon|nvidia|nouveau|i915|xe)['"]?/i,
    ],
    severity: 'error',
    title: 'A passthrough script could not take the GPU from its host driver',
    cause:
      "after the script asked the host driver to let go (rmmod/modprobe -r, or an unbind through sysfs) the GPU was still bound to it: something on the host still used the GPU. The usual holders are the console (fbcon on the efifb/simpledrm or the driver's own framebuffer, bound through /sys/class/vtconsole), the display manager or a compositor still running, or another process with /dev/dri or /dev/nvidia* open (a monitoring tool, a container). With a single GPU, or an APU/integrated GPU that drives the host's own display, it is the host display itself that holds it",
    fix: 'stop the display manager and every user of the GPU before unbinding (`fuser -v /dev/dri/* /dev/nvidia*`), unbind the consoles (`echo 0 > /sys/class/vtconsole/vtconN/bind`), then unload or unbind; an APU or the only GPU that drives the host display can only be passed through with the host running headless (or from another GPU)',
    refine: (f) =>
      f.driver === 'amdgpu' || f.driver === 'i915' || f.driver === 'xe'
        ? {
            cause: `the GPU stayed on ${f.driver} after the script tried to release it: something on the host still used it — the console (fbcon bound through /sys/class/vtconsole), the display manager or compositor, or a process with /dev/dri open. ${f.driver === 'amdgpu' ? 'On an APU (an integrated Radeon) or a single AMD GPU that drives the host display, the host display itself holds it, and amdgpu cannot be unloaded while it does' : 'An Intel integrated GPU usually drives the host display itself, and the driver cannot let go while it does'}`,
          }
        : undefined,
    render: render('ERROR: ', 'amdgpu'),
    examples: [
      ex("ERROR: GPU is still bound to 'amdgpu'", { driver: 'amdgpu' }),
      ex('device still using driver nvidia, aborting', { driver: 'nvidia' }),
    ],
  },
  {
    id: 'systemd.job-held-back',
    source: 'userspace tool',
    cite: 'systemd/systemd src/core/job.c (a job whose unit waits for another job to finish logs "starting held back, waiting for: %s", or "stopping held back, …" at shutdown); systemd-modules-load.service loads /etc/modules-load.d and modules-load=',
    format: 'starting held back, waiting for: %s',
    versions:
      "systemd 252 and later (both strings are in Debian 12's libsystemd-core-252.so); the unit before the colon is the one that waits",
    patterns: [
      /(?:(?<unit>[\w@.:-]{1,60}): )?(?<phase>starting|stopping) held back, waiting for: (?<waiting>[\w@.:-]{1,100})/,
    ],
    severity: 'warning',
    title: 'Boot is waiting on a unit that does not finish',
    cause:
      'systemd holds a unit back until the job it waits for completes, and that job is not completing. Logged once, it is only a note; repeated for minutes, that unit hangs and the boot with it',
    fix: '`systemctl list-jobs` (from a rescue shell) shows what is running; `journalctl -b -u UNIT` shows where it stops',
    refine: (f) =>
      f.waiting === 'systemd-modules-load.service'
        ? {
            cause: `${f.unit ?? 'a unit'} waits for systemd-modules-load.service, which is still loading the modules listed in /etc/modules-load.d (and modules-load=). On a passthrough host that hangs when it loads a GPU driver for a card meant for vfio-pci — nvidia or nouveau probing a GPU that should have been left to vfio-pci, or taking it while vfio-pci.ids binds it — or when a listed module (vfio_virqfd, a vendor module) hangs or does not exist for this kernel`,
            fix: 'boot once with `modules-load=` edited out or with `rd.driver.blacklist=nvidia,nouveau modprobe.blacklist=nvidia,nouveau`, then blacklist the host GPU driver for the passed-through card (or `softdep nvidia pre: vfio-pci` with vfio-pci.ids=VENDOR:DEVICE in /etc/modprobe.d, and the initramfs rebuilt) so vfio-pci binds it first; keep only modules that exist for this kernel in /etc/modules-load.d',
          }
        : undefined,
    render: render('local-fs.target: ', 'systemd-remount-fs.service'),
    examples: [
      ex('systemd-udev-trigger.service: starting held back, waiting for: systemd-modules-load.service', {
        unit: 'systemd-udev-trigger.service',
        waiting: 'systemd-modules-load.service',
      }),
    ],
  },
  {
    id: 'kernel.amdgpu-pci-config-reset',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/vi.c vi_gpu_pci_config_reset() (also cik.c, si.c): the legacy reset of pre-SOC15 ASICs through a write to PCI config space',
    format: 'GPU pci config reset\n',
    versions:
      'amdgpu on SI/CIK/VI ASICs (Tahiti to Polaris); newer ASICs use BACO or mode1 resets with their own messages',
    // vendor-reset prints the same words for its Polaris reset, as vfio-pci (vendor-reset.reset-step):
    // this entry reads amdgpu's line and a line quoted without its driver prefix.
    patterns: [
      /amdgpu (?:[0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]: (?:amdgpu: )?GPU pci config reset/i,
      /^GPU pci config reset/i,
    ],
    severity: 'info',
    title: 'amdgpu reset an older AMD GPU through PCI config space',
    cause:
      'amdgpu reset the GPU with the legacy PCI config reset of SI/CIK/VI ASICs (Polaris RX 400/500 and older) — at driver load, after a hang, or when it takes a card back on the host. The line itself is informational and harmless. With passthrough it matters after a VM used the card: these GPUs are the ones with the AMD reset bug (they do not reset properly through the bus or FLR), so when the host driver takes the card back (rebinding amdgpu after the VM stops) this reset often leaves it unusable until a power cycle. vendor-reset prints the same words for its own Polaris reset (with vfio-pci as the driver), which is expected there',
    fix: 'when the card is passed through repeatedly, load vendor-reset (which supports Polaris) and set reset_method to device_specific, and avoid returning it to amdgpu between VM runs (leave it on vfio-pci); if amdgpu fails right after this line, power-cycle the host',
    render: render('amdgpu 0000:0b:00.0: amdgpu: '),
    examples: [ex('amdgpu 0000:0b:00.0: amdgpu: GPU pci config reset')],
  },
  {
    id: 'qemu.console-dmabuf-required',
    source: 'qemu',
    cite: 'qemu/qemu ui/console.c qemu_console_set_display_gl_ctx()/dpy_compatible_with() ("The console requires display DMABUF support."); hw/vfio/display.c registers a DMABUF console for a vfio-pci device with display=on (GVT-g, NVIDIA vGPU with display)',
    format: 'The console requires display DMABUF support.',
    versions:
      "in QEMU 7.2 (checked in Debian 12's binary) and later; QEMU checks the display backend when the console is set up",
    patterns: [/The console requires display DMABUF support/],
    severity: 'error',
    title: "A mediated device's display needs a display backend with DMABUF (OpenGL)",
    cause:
      'the VM has a vfio-pci device with display=on (a GVT-g or vGPU mdev whose framebuffer is shown through DMABUF), and the display QEMU was started with cannot show DMABUF frames: -display gtk or spice without OpenGL, VNC, or no display at all. QEMU refuses the combination',
    fix: 'start QEMU with an OpenGL display: -display gtk,gl=on, -spice gl=on (libvirt: <graphics type="spice"><gl enable="yes"/></graphics>), or -display egl-headless next to VNC; or set display=off on the vfio-pci device when no display of the mdev is needed',
    render: render('qemu-system-x86_64: '),
    examples: [ex('qemu-system-x86_64: The console requires display DMABUF support.')],
  },
];
