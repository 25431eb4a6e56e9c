/**
 * The host-side families the eighth held-out set showed missing, swept from their producing
 * sources: the set-up steps people run before any VM starts (shell scripts that word-split kernel
 * options into file names, boot-loader tools that are not on this distribution, Pop!_OS's
 * kernelstub, /etc/default/grub that the shell cannot parse, systemd units a driver installer
 * should have shipped, tools missing from a script's PATH, PCI addresses in bash arithmetic,
 * proxmox-boot-tool without its ESP list or /etc/kernel/cmdline, SPDK's memlock report, Proxmox
 * and Harvester finding no IOMMU groups), Xen's IOMMU set-up reading the firmware's IVRS and DMAR
 * tables (IO-APIC entries, IVMD/RMRR ranges outside reserved memory, malformed entries) and the
 * initialisation failure it ends in, guest drivers whose interrupts do not work (MSI-X refused
 * to the Coral Edge TPU's gasket driver or a NIC, NVMe completions found only by polling), an
 * AMD GPU's VBIOS hanging after a missing reset, and the errors QEMU reports from a config file a
 * VM manager generated.
 * Fixes to older entries of the same families (segment-qualified VT-d fault addresses, dash's
 * "not found" from grub-mkconfig, libvirt's header type 127 and Qubes' reset refusal, a cut-off
 * vfio_dma_map line, -readconfig property errors, EACCES from VFIO_GROUP_GET_DEVICE_FD) are in the
 * files holding those entries. HOST_MISSES_ALSO and HOST_MISSES_LEFT_OUT are this sweep's ledger
 * for docs/diagnose-coverage.md.
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { ex, render } from './build.js';

const XEN_IVRS = 'xen-project/xen xen/drivers/passthrough/amd/iommu_acpi.c';
const XEN_UNITY = 'xen-project/xen xen/drivers/passthrough/x86/iommu.c iommu_unity_region_ok()';
const KERNELSTUB = 'pop-os/kernelstub kernelstub/application.py Kernelstub.main()';
const KERNELSTUB_INSTALLER = 'pop-os/kernelstub kernelstub/installer.py Installer.setup_kernel()';
const GASKET = 'google/gasket-driver src/gasket_interrupt.c gasket_interrupt_init()';
const SYSTEMD =
  'systemd/systemd src/shared/install.c install_changes_dump() and src/systemctl/systemctl-start.c';

/** Kernel options whose loss matters for passthrough, by the name before "=". */
const PASSTHROUGH_OPTION =
  /^(?:intel_iommu|amd_iommu|iommu|vfio-pci\.|vfio_pci\.|pci-stub\.|pci_stub\.|pcie_acs_override|video|initcall_blacklist|modprobe\.blacklist|rd\.driver\.|vfio_iommu_type1\.|kvm\.|i915\.enable_gvt|pcie_aspm|pci=|nofb|nomodeset|efifb)/;

/** What losing a kernel option means, for the entries that saw one fall out of a command line. */
function optionLoss(opt: string): string {
  return PASSTHROUGH_OPTION.test(opt)
    ? `"${opt}" is a kernel option for IOMMU/VFIO passthrough, so it is not on the kernel command line and the setting it carries is not in effect`
    : `"${opt}" never reached the kernel command line`;
}

/** A word that a shell split out of a quoted list of kernel options. */
const OPTION_WORD = '(?<opt>[a-z][\\w.-]{1,48}=[^\\s:\'"]{0,120}(?::[^\\s:\'"]{1,40}){0,8})';

/** Which boot tools belong to which systems, for "command not found". */
const BOOT_TOOLS: Record<string, string> = {
  'update-grub':
    'update-grub is a Debian/Ubuntu wrapper for grub-mkconfig: Fedora and RHEL have grub2-mkconfig -o /boot/grub2/grub.cfg (or grubby --update-kernel=ALL --args="…"), Arch has grub-mkconfig -o /boot/grub/grub.cfg, and a system booting with systemd-boot has no GRUB at all (Pop!_OS: kernelstub -a "…"; Proxmox on ZFS or UEFI: /etc/kernel/cmdline then proxmox-boot-tool refresh)',
  'update-grub2': 'update-grub2 is the same Debian wrapper as update-grub',
  'grub-mkconfig':
    'Fedora, RHEL and openSUSE name it grub2-mkconfig; a system booting with systemd-boot has no GRUB at all (Pop!_OS: kernelstub; Proxmox on ZFS/UEFI: proxmox-boot-tool)',
  'grub2-mkconfig':
    'grub2-mkconfig is the Fedora/RHEL/openSUSE name; Debian, Ubuntu and Arch call it grub-mkconfig (Debian/Ubuntu also update-grub)',
  'update-initramfs':
    'update-initramfs is Debian/Ubuntu initramfs-tools; Fedora and RHEL rebuild the initramfs with dracut -f, Arch with mkinitcpio -P',
  dracut:
    'dracut is the Fedora/RHEL initramfs builder; Debian/Ubuntu use update-initramfs -u, Arch mkinitcpio -P',
  mkinitcpio:
    'mkinitcpio is Arch’s initramfs builder; Debian/Ubuntu use update-initramfs -u, Fedora dracut -f',
  kernelstub:
    'kernelstub exists only on Pop!_OS (it writes the kernel options into its systemd-boot entries); elsewhere the options go into the boot loader the system uses (GRUB: GRUB_CMDLINE_LINUX_DEFAULT in /etc/default/grub, then regenerate grub.cfg)',
  'proxmox-boot-tool':
    'proxmox-boot-tool exists only on Proxmox VE (proxmox-kernel-helper); a Proxmox host booting with GRUB from an ext4/LVM root uses /etc/default/grub and update-grub instead',
  grubby: 'grubby is Fedora/RHEL’s tool; Debian/Ubuntu edit /etc/default/grub and run update-grub',
  bootctl: 'bootctl is part of systemd-boot; a system booting with GRUB has its options in /etc/default/grub',
};

/** Xen's IO-APIC checks of the IVRS table, by what it found. */
function refineIoapic(f: Facts): Refinement | undefined {
  if (f.sb)
    return {
      cause:
        "the firmware's IVRS table has no IVHD special-device entry for the southbridge IO-APIC, which on AMD systems sits at 00:14.0; Xen needs it to remap that IO-APIC's interrupts, and with per-device interrupt remapping (the default) it gives up on the AMD IOMMU: AMD-Vi initialisation fails and I/O virtualisation is disabled, so there is no PCI passthrough",
      fix: 'update the firmware; meanwhile tell Xen where the IO-APIC is: ivrs_ioapic[ID]=00:14.0 on the Xen command line (ID from `xl dmesg | grep -i ioapic`)',
    };
  if (f.kind === 'Conflicting')
    return {
      cause: `the firmware's IVRS table lists IO-APIC ${f.apic} twice with different PCI addresses; Xen cannot tell which requester ID its interrupts come from and, with per-device interrupt remapping (the default), rejects the table: AMD-Vi initialisation fails and I/O virtualisation is disabled`,
      fix: `update the firmware; override the entry on the Xen command line with ivrs_ioapic[${f.apic}]=BB:DD.F (the address of the IO-APIC, from the firmware vendor or the Linux kernel's own "AMD-Vi" lines)`,
    };
  if (f.kind === 'Invalid' || f.kind === 'beyond')
    return {
      cause: `the firmware's IVRS table has an IVHD entry for IO-APIC ${f.apic}, but no IO-APIC with that ID exists in the MADT (or the ID is out of range): the two ACPI tables disagree, and Xen stops parsing the IOMMU's device entries — AMD-Vi initialisation fails and I/O virtualisation is disabled`,
      fix: 'update the firmware; give the real IO-APIC IDs and their addresses with ivrs_ioapic[ID]=BB:DD.F on the Xen command line',
    };
  return undefined;
}

/** IVMD/RMRR ranges outside reserved memory: a warning, unless Xen could not fix the map. */
function refineUnity(f: Facts): Refinement | undefined {
  if (f.range)
    return {
      cause: `the firmware's DMAR table has an RMRR (a range a device, most often the integrated GPU at 00:02.0 or a USB controller, keeps using for DMA) at ${f.range}, which the E820 map does not mark reserved: a firmware bug. Xen of this generation maps the range for the device anyway, so the device keeps working; the "iommu_inclusive_mapping=1" hint was dropped from Xen because the range is mapped regardless of it`,
      fix: 'nothing is needed unless the named endpoint faults (DMAR "[DMA Read] Request device [0000:00:02.0]" lines); then update the firmware, and for the integrated GPU try iommu=no-igfx on the Xen command line',
      severity: 'info',
      title: 'A firmware RMRR lies outside reserved memory (Xen maps it anyway)',
    };
  const table = f.table === 'RMRR' ? 'DMAR table (an RMRR)' : 'IVRS table (an IVMD entry)';
  if (f.bad === "can't be converted" || f.bad === "couldn't be reserved")
    return {
      severity: 'error',
      title: `Xen rejected a firmware ${f.table ?? 'IVMD'} range and its IOMMU set-up failed`,
      cause: `the firmware's ${table} asks for a range that must stay identity-mapped for a device, and every such range must lie in memory the firmware marked reserved in the E820 map; page ${f.page} is ordinary RAM (or otherwise in use), so Xen could not convert it to reserved and abandons the IOMMU initialisation: "AMD-Vi: Error initialization" / I/O virtualisation disabled follows, and no device can be passed through. A range starting at 0 or a one-page range is typical of a malformed (broken) firmware entry`,
      fix: 'update the firmware (report the malformed IVRS/DMAR entry to the vendor); Xen releases before the stricter check (4.17.2 and older) accepted such ranges; booting without the IOMMU (iommu=0) only trades this for no passthrough at all',
    };
  return undefined;
}

/** The gasket driver's interrupt set-up, by the errno it printed. */
function refineGasketIrq(f: Facts): Refinement | undefined {
  if (f.errno === 'ENOSPC')
    return {
      cause:
        'the kernel could not allocate as many MSI-X vectors as the device asks for (the Coral Edge TPU wants 13): the platform\'s MSI controller, or the interrupt domain the guest\'s virtual IOMMU or hypervisor gives it, ran out. The driver loads anyway but marks the device "lamed" (it cannot signal completions), so inference never runs',
      fix: "give the device an interrupt controller with enough vectors (on a Raspberry Pi 5 the device-tree overlay that routes PCIe MSIs to the controller's own MSI block); in a VM, check `lspci -vv` in the guest shows MSI-X with Count=13 or more",
    };
  if (f.errno === 'EINVAL')
    return {
      cause:
        "pci_enable_msix_exact() refused: as this kernel sees the device it has no usable MSI-X capability, or MSI is turned off (pci=nomsi, or a host bridge/bridge without MSI). In a VM the capability the guest sees is the one the hypervisor's device model emulates: a device model that does not expose or cannot enable MSI-X for the passed-through device gives exactly this. Under Xen with the device model (QEMU) in a stub domain, MSI-X for passed-through devices needed extra Xen/QEMU/stubdom patches (Qubes shipped them in 2022-2023); without them the guest driver's MSI-X set-up fails",
      fix: 'in the guest, `lspci -vv -s ADDR` must show "MSI-X: Enable+" once the driver loaded; check the VM manager gives the device MSI-X (under Xen, update to a Xen/stubdomain with MSI-X support for passthrough, or run the device model in dom0), and that pci=nomsi is not on the guest kernel command line',
    };
  return undefined;
}

/** systemd's unit look-ups, by the unit the step asked for. */
function refineUnit(f: Facts): Refinement | undefined {
  const unit = f.unit ?? '';
  // systemctl appends ".service" to a name without a known unit suffix (unit_name_mangle()), so a
  // misspelled suffix shows up doubled: "foo.servic.service", "foo.serivce.service".
  const typed = /^(?<base>[\w@:-]{1,200})\.(?<suffix>[a-z]{3,9})\.service$/.exec(unit)?.groups;
  if (typed && /^s/.test(typed.suffix) && !['service', 'socket', 'slice', 'swap'].includes(typed.suffix))
    return {
      cause: `the unit name was mistyped: "${typed.base}.${typed.suffix}" does not end in a unit type systemd knows (.service, .socket, .timer, ...), so systemctl appended ".service" and looked for ${unit}, which no package installs — the wrong name, not a missing package`,
      fix: `run the command again with the unit name spelled right (${typed.base}.service); \`systemctl list-unit-files '${typed.base}*'\` shows the units of that name`,
    };
  if (f.what === 'is masked')
    return {
      cause: `${unit} is masked (linked to /dev/null), so systemd refuses to enable or start it: someone (or a set-up script) ran systemctl mask on it`,
      fix: `systemctl unmask ${unit}, then enable or start it again`,
    };
  if (f.what === 'Interactive authentication required' || f.what === 'Access denied')
    return {
      cause: `systemctl could not ${f.verb ?? 'change'} ${unit}: it ran as a user who is not root, and polkit refused (a script has no agent to ask for a password). The unit's state did not change`,
      fix: 'run the step as root (libvirt hooks and Proxmox hookscripts already run as root); by hand, use sudo',
    };
  if (unit === 'display-manager.service')
    return {
      cause:
        'display-manager.service is only an alias, which systemd creates when a display manager is enabled (`systemctl enable gdm`, sddm, lightdm…): this host has none enabled — the desktop is started with startx or from a TTY session, the display manager is started some other way, or there is no graphical session. A passthrough hook that stops "display-manager" therefore stopped nothing, and the desktop may still hold the GPU',
      fix: 'enable the display manager so that the alias exists (`systemctl enable --force gdm`), or stop the real unit in the script (`systemctl list-units | grep -Ei "gdm|sddm|lightdm|lxdm|greetd"`); with startx, end the X session instead',
    };
  if (f.what === 'not loaded')
    return {
      cause: `systemctl was asked to ${f.verb ?? 'stop'} ${unit}, which is not loaded on this host: no unit of that name is running or installed. In passthrough hooks the unit names come from the guide the hook was copied from (a display manager, nvidia-persistenced, a desktop's services); on another distribution or desktop they differ, so the service that holds the GPU was not stopped`,
      fix: 'find the real unit (`systemctl list-units --type=service | grep -Ei "dm|display|nvidia"`) and use its name in the script',
    };
  if (/^nvidia-vgpu/.test(unit))
    return {
      cause: `${unit} is one of the NVIDIA vGPU host services, and its unit file is installed by NVIDIA's vGPU host (KVM) driver package, not by the ordinary GeForce/data-centre driver. systemd found no such unit file: the vGPU host driver is not installed, not installed yet at the step that enables it, or its installation failed (a script enabling the services before installing the driver, or after an installer error it did not stop on). Without these services no vGPU (mdev) types appear`,
      fix: 'install the vGPU host driver first and check it succeeded (nvidia-smi vgpu answers; `ls /lib/systemd/system/nvidia-vgpu*`); then `systemctl daemon-reload` and `systemctl enable --now nvidia-vgpud.service nvidia-vgpu-mgr.service`',
    };
  if (/^(?:libvirtd|virtqemud|virtproxyd)/.test(unit))
    return {
      cause: `${unit} is libvirt's daemon and systemd has no unit file for it: libvirt is not installed, or this distribution uses the modular daemons (virtqemud) instead of libvirtd, or the other way round`,
      fix: 'install libvirt (libvirt-daemon-system on Debian/Ubuntu, libvirt on Fedora/Arch) and enable the daemon the distribution ships: `systemctl list-unit-files | grep -E "libvirtd|virtqemud"`',
    };
  return undefined;
}

export const HOST_MISSES_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---------------------------------------------------------------- set-up scripts and boot tools
  {
    id: 'shell.kernel-option-as-file',
    source: 'userspace tool',
    cite: 'GNU grep src/grep.c suppressible_error() ("%s: %s" with the file name); GNU sed sed/execute.c open_next_file() ("can\'t read %s: %s"); GNU coreutils cat/head/tail (quotef(file) and strerror); the splitting is the shell\'s (POSIX field splitting of an unquoted $VAR)',
    format: 'grep: %s: No such file or directory',
    versions:
      'grep and coreutils print "TOOL: FILE: No such file or directory"; GNU sed prints "sed: can\'t read FILE: No such file or directory"; a localized or hand-typed paste may be lower case',
    patterns: [
      new RegExp(
        `(?<tool>grep|egrep|sed|awk|cat|head|tail|tee|cp|ls|perl): (?:can't read )?${OPTION_WORD}: [Nn]o such file or directory`,
      ),
    ],
    severity: 'error',
    title: 'A script passed kernel options where a file name belongs (unquoted variable)',
    cause:
      'a set-up script (a passthrough helper, an installer, a hand-written step) keeps several kernel options in one shell variable and used it unquoted, as in grep $OPTS /etc/default/grub: the shell split the value at its spaces, the tool took the first word as its pattern and every further word as a file name, and found no such file. The check or edit the script meant to make on /etc/default/grub (or /etc/kernel/cmdline) therefore went wrong, and the options were usually never written to the kernel command line',
    fix: 'quote the variable in the script ("$OPTS", grep -q -- "$OPTS" FILE; a bug to report to the script\'s project), or add the options by hand: GRUB_CMDLINE_LINUX_DEFAULT="… intel_iommu=on iommu=pt" in /etc/default/grub, then update-grub (or /etc/kernel/cmdline and proxmox-boot-tool refresh); reboot and check /proc/cmdline',
    refine: (f) =>
      f.opt
        ? {
            cause: `${f.tool ?? 'the tool'} was given "${f.opt}" as a file name: a script used a variable holding several kernel options unquoted, so the shell split it at its spaces and every word after the first became a file argument (a script bug: word splitting). The step meant to check or write the options on the kernel command line failed, so ${optionLoss(f.opt)}`,
          }
        : undefined,
    render: render('grep: ', 'amd_iommu=on'),
    examples: [
      ex('grep: amd_iommu=on: No such file or directory', { tool: 'grep', opt: 'amd_iommu=on' }),
      ex("sed: can't read vfio-pci.ids=10de:1f08,10de:10f9: No such file or directory", {
        tool: 'sed',
        opt: 'vfio-pci.ids=10de:1f08,10de:10f9',
      }),
      ex('cat: video=efifb:off: No such file or directory', { tool: 'cat', opt: 'video=efifb:off' }),
    ],
  },
  {
    id: 'boot.tool-not-found',
    source: 'userspace tool',
    cite: 'the shell\'s command look-up: GNU bash execute_cmd.c ("%s: command not found"), dash src/exec.c ("%s: not found"), sudo ("sudo: %s: command not found"); the tools: GNU GRUB util/grub-mkconfig.in, Debian grub2 update-grub, initramfs-tools update-initramfs, dracut, mkinitcpio, pop-os/kernelstub, proxmox-kernel-helper proxmox-boot-tool',
    format: '%s: command not found',
    versions:
      'bash: "bash: update-grub: command not found"; sudo: "sudo: update-grub: command not found"; dash: "sh: 1: update-grub: not found"',
    patterns: [
      /(?<tool>update-grub2?|grub2?-mkconfig|update-initramfs|dracut|mkinitcpio|kernelstub|proxmox-boot-tool|grubby|bootctl): (?:command )?not found/,
    ],
    severity: 'error',
    title: 'The boot-loader or initramfs tool a guide names is not on this system',
    cause:
      'the step comes from a guide written for another distribution or boot loader, and this system has no such command: the kernel options (intel_iommu=on, vfio-pci.ids=…) or the initramfs with vfio-pci were therefore not updated',
    fix: 'use the tool of the boot loader this system actually boots with (`bootctl status` tells systemd-boot from GRUB), then reboot and check /proc/cmdline',
    refine: (f) => {
      const t = f.tool ? BOOT_TOOLS[f.tool] : undefined;
      return t
        ? {
            cause: `${f.tool} is not installed here, so the step did nothing: ${t}. The kernel options or the initramfs this step was meant to update are unchanged`,
          }
        : undefined;
    },
    render: render('bash: ', 'update-grub'),
    examples: [
      ex('bash: update-grub: command not found', { tool: 'update-grub' }),
      ex('sudo: kernelstub: command not found', { tool: 'kernelstub' }),
      ex('sh: 1: update-initramfs: not found', { tool: 'update-initramfs' }),
    ],
  },
  {
    id: 'grub.default-syntax-error',
    source: 'userspace tool',
    cite: 'GNU GRUB util/grub-mkconfig.in (". $sysconfdir/default/grub": the file is read by the shell); the messages are the shell\'s: GNU bash parse.y ("syntax error near unexpected token", "unexpected EOF while looking for matching"), dash src/parser.c ("Syntax error: %s")',
    format: "%s: line %d: unexpected EOF while looking for matching `%c'",
    versions:
      'bash: "/etc/default/grub: line N: unexpected EOF while looking for matching `"\'" and "syntax error near unexpected token `…\'"; dash (Debian\'s /bin/sh, which grub-mkconfig uses): "/etc/default/grub: N: Syntax error: Unterminated quoted string"',
    patterns: [
      /\/etc\/default\/grub(?:\.d\/[\w.-]{1,64})?: (?:line )?(?<line>\d{1,5}): (?:(?<eof>unexpected EOF while looking for matching)|(?<token>syntax error near unexpected token)|Syntax error: (?<dash>[^\n]{1,80}))/,
    ],
    severity: 'error',
    title: '/etc/default/grub does not parse as a shell script; grub.cfg was not regenerated',
    cause:
      'grub-mkconfig (update-grub) reads /etc/default/grub with the shell, and the file has unbalanced quotes or a stray character: typically a kernel option list with a missing closing quote, a quote inside GRUB_CMDLINE_LINUX_DEFAULT="…", typographic quotes (“ ”) pasted from a web page, or parentheses outside quotes. The shell stops, grub-mkconfig fails, and the kernel options (intel_iommu=on, vfio-pci.ids=…) are not in the new grub.cfg',
    fix: 'open /etc/default/grub at the line named (and the lines before it: an unterminated quote is reported where the file ends), make each assignment one pair of plain double quotes — GRUB_CMDLINE_LINUX_DEFAULT="quiet intel_iommu=on iommu=pt" — check with `sh -n /etc/default/grub`, then update-grub and reboot',
    render: render('', '/etc/default/grub', 12, '"'),
    examples: [
      ex('/etc/default/grub: line 12: unexpected EOF while looking for matching `"\'', {
        line: '12',
        eof: 'unexpected EOF while looking for matching',
      }),
      ex('/etc/default/grub: 9: Syntax error: Unterminated quoted string', {
        line: '9',
        dash: 'Unterminated quoted string',
      }),
      ex("/etc/default/grub: line 6: syntax error near unexpected token `('", {
        line: '6',
        token: 'syntax error near unexpected token',
      }),
    ],
  },
  {
    id: 'kernelstub.image-not-found',
    source: 'userspace tool',
    cite: KERNELSTUB,
    format:
      "Can't find the kernel image '%s'! \n\nPlease use the --kernel-path option to specify the path to the kernel image",
    versions:
      'older kernelstub: "Can\'t find the kernel image!" and "Can\'t find the initrd image!" without the path; the same check for the initrd ("Can\'t find the initrd image …")',
    patterns: [/Can't find the (?<what>kernel|initrd) image(?: '(?<path>[^'\n]{1,200})')?!/],
    severity: 'error',
    title: 'kernelstub could not find the kernel or initrd it manages',
    cause:
      "kernelstub is Pop!_OS's tool that copies the kernel and initrd to the EFI system partition and writes the kernel options into its systemd-boot entry; it looks for them at /boot/vmlinuz and /boot/initrd.img (the links Pop!_OS and Ubuntu keep) or the newest /boot/vmlinuz-* pair. Not finding them means this is not the layout it was written for: another distribution, which names its kernel and initramfs differently (Arch: /boot/vmlinuz-linux and /boot/initramfs-linux.img; Manjaro: /boot/vmlinuz-X.Y-x86_64), a missing link after a kernel change, or a live/ISO environment. It exits without adding the options, so the kernel command line is unchanged",
    fix: 'on Pop!_OS, recreate the /boot/vmlinuz and /boot/initrd.img links (reinstalling the current kernel package does) or point kernelstub at the files with --kernel-path/--initrd-path; on any other distribution do not use kernelstub: add the options to the boot loader it uses (GRUB: GRUB_CMDLINE_LINUX_DEFAULT in /etc/default/grub and grub-mkconfig; systemd-boot: the options line of its entry), then reboot and check /proc/cmdline',
    refine: (f) =>
      f.what === 'initrd'
        ? {
            title: 'kernelstub could not find the initrd image',
            cause: `kernelstub found the kernel but no initrd${f.path ? ` at ${f.path}` : ''}: the initramfs was not generated for this kernel (a failed update-initramfs, or a distribution naming it differently), so kernelstub exits without changing the boot entry or its kernel options`,
          }
        : undefined,
    render: render('kernelstub           : ERROR    ', '/boot/vmlinuz'),
    examples: [
      ex("kernelstub           : ERROR    Can't find the kernel image '/boot/vmlinuz'! ", {
        what: 'kernel',
        path: '/boot/vmlinuz',
      }),
      ex("kernelstub           : ERROR    Can't find the initrd image '/boot/initrd.img'! ", {
        what: 'initrd',
        path: '/boot/initrd.img',
      }),
    ],
  },
  {
    id: 'kernelstub.copy-failed',
    source: 'userspace tool',
    cite: KERNELSTUB_INSTALLER,
    format:
      "Couldn't copy the kernel onto the ESP!\nThis is a critical error and we cannot continue. Check your settings to see if there is a typo. Otherwise, check permissions and try again.",
    versions:
      'the same for the initrd: "Couldn\'t copy the initrd onto the ESP!" (exit codes 170 and 171); creating its directories on the ESP first: "Couldn\'t make sure %s exists." (Installer.ensure_dir())',
    patterns: [
      /Couldn't copy the (?<what>kernel|initrd) onto the ESP!/,
      /Couldn't make sure (?<dir>\/[^\s]{1,200}) exists\./,
    ],
    severity: 'error',
    title: 'kernelstub could not copy the kernel to the EFI system partition',
    cause:
      'kernelstub copies the kernel and initrd to the EFI system partition (ESP, /boot/efi) before it writes the boot entry with the new kernel options; the copy failed: the ESP is full (old kernels left on it are the usual reason), not mounted at the path kernelstub uses, or read-only. Nothing was changed: the new kernel options are not in effect',
    fix: 'check `df -h /boot/efi` and that it is mounted read-write; remove old kernel copies from /boot/efi/EFI/Pop_OS-*/ if it is full; run the kernelstub command again and reboot',
    render: render('kernelstub.Installer  : ERROR    '),
    examples: [
      ex("kernelstub.Installer  : ERROR    Couldn't copy the kernel onto the ESP!", { what: 'kernel' }),
      ex("kernelstub.Installer  : ERROR    Couldn't make sure /boot/efi/loader/entries exists.", {
        dir: '/boot/efi/loader/entries',
      }),
    ],
  },
  {
    id: 'kernelstub.config-invalid',
    source: 'userspace tool',
    cite: KERNELSTUB,
    format: "Malformed configuration! \nThe configuration we got is bad, and we can'nt continue.",
    versions:
      'also "cmdline was \'InvalidConfig\'" with "Could not find any valid configuration. This probably means that the configuration file is corrupt." when no kernel options could be read',
    patterns: [/(?<malformed>Malformed configuration!)|cmdline was '(?<invalid>InvalidConfig)'/],
    severity: 'error',
    title: "kernelstub's configuration file is unreadable",
    cause:
      'kernelstub keeps the kernel options in /etc/kernelstub/configuration (JSON) and could not read a valid configuration from it: the file was edited by hand and no longer parses, or a key is missing. It stops before touching the boot entry, so options added in this run are not applied',
    fix: 'fix the JSON in /etc/kernelstub/configuration (or move it away: kernelstub regenerates it from /etc/default/kernelstub), then add the options again with kernelstub -a "…" and check with kernelstub -p',
    render: render('kernelstub           : ERROR    '),
    examples: [
      ex('kernelstub           : ERROR    Malformed configuration! ', {
        malformed: 'Malformed configuration!',
      }),
      ex("kernelstub           : ERROR    cmdline was 'InvalidConfig'", { invalid: 'InvalidConfig' }),
    ],
  },
  {
    id: 'systemd.unit-not-found',
    source: 'userspace tool',
    cite: SYSTEMD,
    format: 'Failed to enable unit: Unit file %s does not exist.',
    versions:
      'systemctl enable/disable: "Failed to enable unit: Unit file X does not exist." (older: "Failed to execute operation: No such file or directory"); systemctl start: "Failed to start X: Unit X not found."; stop of a unit that is not loaded: "Failed to stop X: Unit X not loaded."; a masked unit: "Unit file X is masked." / "Unit X is masked."; without root: "Failed to stop X: Interactive authentication required." (polkit)',
    patterns: [
      /Failed to (?<verb>enable|disable|reenable|preset|mask|unmask) unit: Unit file (?<unit>[\w@.:\\/-]{1,200}?) (?<what>does not exist|is masked)/,
      /Failed to (?<verb>start|restart|stop|reload|try-restart) (?<unit>[\w@.:\\-]{1,200}): Unit [\w@.:\\-]{1,200} (?<what>not found|is masked|not loaded)/,
      /Failed to (?<verb>start|restart|stop|reload|try-restart|enable|disable) (?<unit>[\w@.:\\-]{1,200}): (?<what>Interactive authentication required|Access denied)/,
    ],
    severity: 'error',
    title: 'systemd has no such unit: the service a set-up step expects is not installed',
    cause:
      "systemctl looks units up in systemd's unit directories (/etc/systemd/system, /run/systemd/system, /usr/lib/systemd/system) and found no unit file of that name: the package or installer that ships it has not run yet at this step, failed, or is not the one installed (a different driver or edition). Whatever that service was meant to do at boot does not happen",
    fix: 'install the software that ships the unit (and check the install succeeded), run `systemctl daemon-reload`, then enable/start it; `systemctl list-unit-files | grep NAME` shows what is installed',
    refine: refineUnit,
    render: render('', 'nvidia-vgpu-mgr.service'),
    examples: [
      ex('Failed to disable unit: Unit file nvidia-vgpu-mgr.service does not exist.', {
        verb: 'disable',
        unit: 'nvidia-vgpu-mgr.service',
        what: 'does not exist',
      }),
      ex('Failed to stop display-manager.service: Unit display-manager.service not loaded.', {
        verb: 'stop',
        unit: 'display-manager.service',
        what: 'not loaded',
      }),
      ex('Failed to stop sddm.service: Interactive authentication required.', {
        verb: 'stop',
        unit: 'sddm.service',
        what: 'Interactive authentication required',
      }),
      ex('Failed to start libvirtd.service: Unit libvirtd.service not found.', {
        verb: 'start',
        unit: 'libvirtd.service',
        what: 'not found',
      }),
      ex('Failed to enable unit: Unit file /etc/systemd/system/nvidia-persistenced.service is masked.', {
        what: 'is masked',
      }),
    ],
  },

  {
    id: 'proxmox.boot-uuids-missing',
    source: 'proxmox',
    cite: 'proxmox/proxmox-kernel-helper (older: pve-kernel-helper) proxmox-boot-tool and its functions file (the ESP list /etc/kernel/proxmox-boot-uuids)',
    format: 'E: /etc/kernel/proxmox-boot-uuids does not exist.',
    versions:
      'printed by `proxmox-boot-tool status` and `proxmox-boot-tool refresh`, after "Re-executing \'/usr/sbin/proxmox-boot-tool\' in new private mount namespace.."',
    patterns: [/E: \/etc\/kernel\/proxmox-boot-uuids does not exist/],
    severity: 'info',
    title: "proxmox-boot-tool does not manage this host's boot (GRUB is used)",
    cause:
      'proxmox-boot-tool keeps the EFI system partitions it syncs kernels and the kernel command line to in /etc/kernel/proxmox-boot-uuids; without that file it manages nothing. That is the normal state of a Proxmox VE host installed on ext4/LVM that boots with GRUB: there /etc/kernel/cmdline and `proxmox-boot-tool refresh` have no effect, and kernel options (intel_iommu=on, iommu=pt, vfio-pci.ids=…) belong in /etc/default/grub',
    fix: 'put the options in GRUB_CMDLINE_LINUX_DEFAULT in /etc/default/grub and run update-grub; reboot and check /proc/cmdline. Only a host installed on ZFS with UEFI (systemd-boot) uses /etc/kernel/cmdline and proxmox-boot-tool refresh; if that is this host, its ESPs need `proxmox-boot-tool init /dev/ESP-PARTITION` again',
    render: render(''),
    examples: [ex('E: /etc/kernel/proxmox-boot-uuids does not exist.')],
  },

  {
    id: 'shell.setup-tool-not-found',
    source: 'userspace tool',
    cite: 'the shell\'s command look-up: GNU bash execute_cmd.c ("%s: command not found", with "SCRIPT: line N: " in a script), dash src/exec.c ("%s: not found"); the tools\' packages: kmod (modprobe), pciutils (lspci, setpci), driverctl, libvirt-clients (virsh), mdevctl',
    format: '%s: command not found',
    versions: 'inside a script bash prefixes "SCRIPT: line N: "; dash says "SCRIPT: N: TOOL: not found"',
    patterns: [
      /(?<tool>modprobe|insmod|rmmod|lsmod|lspci|setpci|driverctl|virsh|virt-install|mdevctl|dpdk-devbind(?:\.py)?|nvidia-smi|qemu-system-[\w]{2,16}): (?:command )?not found/,
    ],
    severity: 'error',
    title: 'A passthrough script calls a tool that is not on its PATH',
    cause:
      "the script (a VFIO bind helper, a VM start script, a systemd unit's script, a container's entrypoint) runs a command the system it runs on does not have, or not on that script's PATH: a minimal container image without the package, a systemd unit whose PATH holds only what the unit declares (NixOS builds unit PATHs from the packages listed), or a PATH without /sbin and /usr/sbin (a non-root shell on Debian, sudo's secure_path). Every call to it fails, so the step it served (loading vfio-pci, finding the devices, binding them) did not happen",
    fix: "install the package providing the command, or call it by its full path; for a systemd unit add the package to the unit's path (NixOS: the service's path = [ pkgs.kmod pkgs.pciutils ]), for a container add it to the image",
    refine: (f) => {
      const pkg: Record<string, string> = {
        modprobe: 'kmod',
        insmod: 'kmod',
        rmmod: 'kmod',
        lsmod: 'kmod',
        lspci: 'pciutils',
        setpci: 'pciutils',
        driverctl: 'driverctl',
        virsh: 'libvirt-clients (Debian/Ubuntu) or libvirt-client (Fedora)',
        mdevctl: 'mdevctl',
        'dpdk-devbind': 'dpdk (usertools)',
        'dpdk-devbind.py': 'dpdk (usertools)',
        'nvidia-smi': "the NVIDIA driver's user-space utilities",
        'virt-install': 'virtinst (Debian/Ubuntu) or virt-install (Fedora)',
      };
      const p = f.tool
        ? (pkg[f.tool] ??
          (f.tool.startsWith('qemu-system-')
            ? 'qemu-system-x86 (Debian/Ubuntu) or qemu-kvm (Fedora/RHEL)'
            : undefined))
        : undefined;
      return p
        ? {
            cause: `${f.tool} (from ${p}) is not installed or not on this script's PATH: a minimal container image without it, a systemd unit whose PATH does not include it (NixOS unit scripts get only the packages listed for the unit), or a PATH without /sbin and /usr/sbin. Every ${f.tool} call failed, so the step it served${/modprobe|insmod/.test(f.tool ?? '') ? ' (loading vfio-pci and the VFIO modules)' : /lspci|setpci/.test(f.tool ?? '') ? ' (finding or reading the devices to bind)' : ''} did not happen`,
          }
        : undefined;
    },
    render: render('bash: ', 'lspci'),
    examples: [
      ex('bash: lspci: command not found', { tool: 'lspci' }),
      ex('/usr/local/bin/vfio-bind.sh: line 12: modprobe: command not found', { tool: 'modprobe' }),
      ex('/etc/libvirt/hooks/qemu: 8: driverctl: not found', { tool: 'driverctl' }),
    ],
  },
  {
    id: 'shell.pci-address-in-arithmetic',
    source: 'userspace tool',
    cite: 'GNU bash expr.c evalerror() ("%s: %s (error token is \\"%s\\")") and test.c integer_expected_error() ("%s: integer expression expected")',
    format: '%s: syntax error in expression (error token is "%s")',
    versions:
      'other expr.c messages of the same form: "syntax error: invalid arithmetic operator", "syntax error: operand expected", "invalid arithmetic operator", "value too great for base"; the test builtin: "[: 01:00.0: integer expression expected"',
    patterns: [
      /(?<addr>(?:[0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])[^\n]{0,40}?: (?<msg>syntax error in expression|syntax error: operand expected|syntax error: invalid arithmetic operator|invalid arithmetic operator|value too great for base|integer expression expected)/,
    ],
    severity: 'error',
    title: 'A script put a PCI address where bash expects a number (script bug)',
    cause:
      'a bash script evaluated a PCI address (BB:DD.F, or a list of them) as an arithmetic expression — $(( … )), (( … )), an array index, let, or a numeric test such as [ "$x" -eq … ] — and bash cannot read "01:00.0" as a number, so the expression fails at the colon. Typical causes: a variable expected to hold one index or count holds the output of lspci/grep (one or several addresses, on several lines), or an unquoted variable meant as a string compared with -eq. The step that used it (selecting or binding the devices) went wrong',
    fix: 'report it to the script\'s author with the line number; locally, compare addresses as strings ([[ "$a" == "$b" ]]), keep lists in arrays (mapfile -t DEVS < <(lspci -D -n -d …)), and run the script with bash -x to see which variable held the addresses',
    refine: (f) =>
      f.addr
        ? {
            cause: `bash tried to evaluate "${f.addr}" as a number (${f.msg}): a variable holding one PCI address or a newline-separated list of them ended up in an arithmetic context ($(( )), (( )), an array index, let, or a numeric test such as -eq); the colon in the address is not a valid operator. A script bug: the variable was meant to be a count or an index, or should have been compared as a string. The device selection or binding it was part of went wrong`,
          }
        : undefined,
    render: render('./bind.sh: line 40: ', '01:00.0', ':00.0'),
    examples: [
      ex('./bind.sh: line 40: 01:00.0: syntax error in expression (error token is ":00.0")', {
        addr: '01:00.0',
        msg: 'syntax error in expression',
      }),
      ex('./gpu-passthrough.sh: line 22: [: 0000:0a:00.0: integer expression expected', {
        addr: '0000:0a:00.0',
        msg: 'integer expression expected',
      }),
    ],
  },
  {
    id: 'spdk.memlock-limit-report',
    source: 'spdk',
    cite: "spdk/spdk scripts/setup.sh configure_linux(); the same lines in DPDK's former usertools/dpdk-setup.sh set_vfio_permissions() and xNVMe's xnvme-driver",
    format: 'Current user memlock limit: %d MB',
    versions:
      'followed by "This is the maximum amount of memory you will be able to use with DPDK and VFIO if run as current user." and, below 64 MB, "## WARNING: memlock limit is less than 64MB" / "## DPDK with VFIO may not be able to initialize if run as current user."',
    patterns: [/Current user memlock limit: (?<mb>\d{1,9}) MB/],
    severity: 'info',
    title: "SPDK/DPDK set-up reports the current user's locked-memory limit",
    cause:
      "the set-up script (SPDK's scripts/setup.sh, run for vfio-pci) prints the current user's RLIMIT_MEMLOCK (ulimit -l, shown in MB): VFIO pins every DMA buffer and charges it to this limit, so an application run as this user can map at most this much memory for its devices. Root, or a limit of unlimited, is not limited",
    fix: 'nothing if the application runs as root; for an unprivileged user raise the limit in /etc/security/limits.conf (USER hard memlock unlimited / soft memlock unlimited), or LimitMEMLOCK= for a service, and log in again',
    refine: (f) => {
      const mb = f.mb === undefined ? undefined : Number(f.mb);
      if (mb !== undefined && mb < 64)
        return {
          severity: 'warning',
          title: 'The locked-memory limit is too low for DPDK/SPDK with VFIO as this user',
          cause: `the current user may lock only ${mb === 0 ? 'under 1' : mb} MB (RLIMIT_MEMLOCK; the script rounds down, so 0 MB means below 1 MB): VFIO pins all DMA memory (the hugepages of the application) and charges it to this limit, so an SPDK or DPDK application run as this user will fail to map its memory (VFIO_IOMMU_MAP_DMA: Cannot allocate memory) and not initialise`,
          fix: 'raise the memlock limit for that user (/etc/security/limits.conf: USER hard memlock unlimited and soft memlock unlimited, or LimitMEMLOCK=infinity for a systemd service, --ulimit memlock=-1 for a container), log in again and check `ulimit -l`; or run the application as root',
        };
      return undefined;
    },
    render: render('', 16),
    examples: [
      ex('Current user memlock limit: 16 MB', { mb: '16' }),
      ex('Current user memlock limit: 4031 MB', { mb: '4031' }),
    ],
  },
  {
    id: 'proxmox.no-iommu-detected',
    source: 'proxmox',
    cite: 'proxmox/pve-manager www/manager6/qemu/PCIEdit.js (the hint when every PCI device has iommugroup -1; the same text in the mapping editor)',
    format: 'No IOMMU detected, please activate it.See Documentation for further information.',
    versions: 'newer releases put a space after the first full stop',
    patterns: [/No IOMMU detected, please activate it\. ?See Documentation/],
    severity: 'error',
    title: 'Proxmox sees no IOMMU: no PCI device has an IOMMU group',
    cause:
      "Proxmox's PCI dialog shows this when every PCI device of the host has no IOMMU group: the kernel runs without an active IOMMU, so PCI passthrough is impossible. The IOMMU (Intel VT-d, AMD-Vi/IOMMU, or an Arm SMMU on Arm servers) is disabled in the firmware (BIOS/UEFI), or not turned on by the kernel: on Intel, a kernel built without CONFIG_INTEL_IOMMU_DEFAULT_ON needs intel_iommu=on on its command line",
    fix: 'enable VT-d / AMD IOMMU (SMMU on Arm) in the firmware; on Intel add intel_iommu=on unless the kernel enables VT-d by default (GRUB: /etc/default/grub then update-grub; systemd-boot: /etc/kernel/cmdline then proxmox-boot-tool refresh); reboot and check `dmesg | grep -e DMAR -e IOMMU -e AMD-Vi` and that /sys/kernel/iommu_groups/ is populated',
    render: render(''),
    examples: [ex('No IOMMU detected, please activate it. See Documentation for further information.')],
  },
  {
    id: 'mgmt.harvester-no-iommu-group',
    source: 'kubernetes',
    cite: 'harvester/pcidevices pkg/webhook/pcideviceclaim.go pciDeviceClaimValidator.Create()',
    format: 'pcidevice %s has no iommuGroup available',
    versions:
      'the webhook\'s wording; Harvester\'s UI shows it after "Error enabling passthrough on NAME, admission webhook … denied the request:", and posted denials also read "pci device NAME has no iommuGroup available"',
    patterns: [/pci ?device (?<name>[\w.-]{1,128}) has no iommuGroup available/],
    severity: 'error',
    title: 'Harvester refuses to claim a PCI device without an IOMMU group',
    cause:
      "Harvester's PCI device controller records each device's IOMMU group from sysfs, and its admission webhook refuses a PCIDeviceClaim for a device whose group is empty: the node's kernel has no active IOMMU (VT-d/AMD-Vi disabled in the firmware, or intel_iommu=on missing on a kernel that does not enable VT-d by default), so no device can be bound to vfio-pci for a VM",
    fix: "enable VT-d / AMD IOMMU in the node's firmware (and intel_iommu=on on kernels that need it), reboot the node, check /sys/kernel/iommu_groups/ is populated, then claim the device again",
    render: render('admission webhook "pcidevices.harvesterhci.io" denied the request: ', 'node1-000001000'),
    examples: [
      ex(
        'admission webhook "pcidevices.harvesterhci.io" denied the request: pcidevice node1-000001000 has no iommuGroup available',
        { name: 'node1-000001000' },
      ),
    ],
  },
  {
    id: 'kernel.amdgpu-atombios-stuck',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/atom.c amdgpu_atom_execute_table_locked() / atom_execute_table_locked() (radeon: drivers/gpu/drm/radeon/atom.c)',
    format: 'atombios stuck in loop for more than %dsecs aborting\n',
    versions:
      'followed by "atombios stuck executing %04X (len %d, WS %d, PS %d) @ 0x%04X"; the seconds are the driver\'s command timeout',
    patterns: [
      /atombios stuck (?:in loop for more than (?<secs>\d{1,3}) ?secs aborting|executing (?<table>[0-9A-F]{4}))/,
    ],
    severity: 'error',
    title: "The GPU's VBIOS (ATOM) code hung: the card is in a state it does not expect",
    cause:
      'amdgpu (or radeon) runs the command tables of the card\'s ATOM BIOS to initialise it, and one of them looped for the whole timeout waiting on the hardware: the GPU is not in the power-on state the VBIOS code assumes. In passthrough this is the classic sign of an AMD GPU that was not reset between uses — initialised by the host driver or a previous VM run and handed over without a working reset (the "AMD reset bug" of Polaris, Vega, Navi and Instinct cards), so the guest driver finds it half-initialised and the restart of the VM fails',
    fix: 'give the card a real reset between uses: vendor-reset for the supported generations (then reset_method device_specific), or a host reboot / power cycle between VM starts; keep the host driver from initialising it first (bind to vfio-pci at boot); a VBIOS ROM file (romfile=) that does not match the card produces the same',
    render: render('amdgpu 0000:01:00.0: ', 20),
    examples: [
      ex(
        '[drm:atom_execute_table_locked [radeon]] *ERROR* atombios stuck in loop for more than 5secs aborting',
        {
          secs: '5',
        },
      ),
      ex(
        '[drm:amdgpu_atom_execute_table_locked [amdgpu]] *ERROR* atombios stuck executing B29A (len 3291, WS 8, PS 0) @ 0x6D26',
        {
          table: 'B29A',
        },
      ),
    ],
  },

  {
    id: 'proxmox.kernel-cmdline-fallback',
    source: 'proxmox',
    cite: 'proxmox/proxmox-kernel-helper (older: pve-kernel-helper) the zz-proxmox-boot kernel hook run by proxmox-boot-tool refresh',
    format: 'No /etc/kernel/cmdline found - falling back to /proc/cmdline',
    patterns: [/No \/etc\/kernel\/cmdline found - falling back to \/proc\/cmdline/],
    severity: 'warning',
    title: 'proxmox-boot-tool copied the running kernel command line, not a configured one',
    cause:
      'proxmox-boot-tool writes the kernel command line into the boot entries of the ESPs it manages from /etc/kernel/cmdline; that file does not exist, so it reused the command line of the kernel running now (/proc/cmdline). Options added anywhere else since this boot (for example to /etc/default/grub on a host whose ESPs proxmox-boot-tool manages with systemd-boot) are not in the new entries, and options of this boot stay there even if removed elsewhere',
    fix: 'on a host booting with systemd-boot (ZFS on UEFI), create /etc/kernel/cmdline with the full command line on one line (e.g. root=ZFS=rpool/ROOT/pve-1 boot=zfs intel_iommu=on iommu=pt), run proxmox-boot-tool refresh and reboot; on a GRUB host the options go in /etc/default/grub and this line is only informational',
    render: render(''),
    examples: [
      ex(
        "Running hook script 'zz-proxmox-boot'..\nNo /etc/kernel/cmdline found - falling back to /proc/cmdline\nCopying and configuring kernels on /dev/disk/by-uuid/5A1C-3F02",
      ),
    ],
  },

  // ---------------------------------------------------------------- Xen's AMD IOMMU set-up (IVRS)
  {
    id: 'xen.ivrs-ioapic-missing',
    source: 'xen',
    cite: `${XEN_IVRS} parse_ivrs_table() and parse_ivhd_device_special()`,
    format: 'IVHD Error: no information for IO-APIC %#x\n',
    versions:
      'siblings of the same checks: "No southbridge IO-APIC found in IVRS table", "IVHD Error: Invalid IO-APIC %#x", "IVHD Error: Conflicting IO-APIC %#x entries", "IVHD Error: IO-APIC %#x entry beyond bounds"; printed by the hypervisor at boot (read with `xl dmesg`)',
    patterns: [
      /IVHD Error: no information for IO-APIC (?<apic>0x[0-9a-fA-F]{1,4}|\d{1,4})/,
      /(?<sb>No southbridge IO-APIC found in IVRS table)/,
      /IVHD Error: (?<kind>Invalid|Conflicting) IO-APIC (?<apic>0x[0-9a-fA-F]{1,4}|\d{1,4})/,
      /IVHD Error: IO-APIC (?<apic>0x[0-9a-fA-F]{1,4}|\d{1,4}) entry (?<kind>beyond) bounds/,
    ],
    severity: 'error',
    title: "The firmware's IVRS table does not describe an IO-APIC: Xen turns the AMD IOMMU off",
    cause:
      "Xen's AMD IOMMU driver remaps every IO-APIC's interrupts and needs the firmware's IVRS table to name each IO-APIC's PCI requester ID in an IVHD special-device entry; the table has no entry for this IO-APIC, and with per-device interrupt remapping (Xen's default) that is fatal: AMD-Vi initialisation fails (\"AMD-Vi: Error initialization\") and I/O virtualisation is disabled, so no device can be passed through. The firmware (ACPI table) is at fault",
    fix: "update the BIOS; meanwhile give Xen the missing entry on its command line: ivrs_ioapic[ID]=BB:DD.F (the IO-APIC ID from this line; its address from the vendor, or the Linux kernel's AMD-Vi lines when booted without Xen; the southbridge IO-APIC is 00:14.0)",
    refine: (f) =>
      refineIoapic(f) ??
      (f.apic
        ? {
            fix: `update the BIOS; meanwhile give Xen the missing entry on its command line: ivrs_ioapic[${f.apic}]=BB:DD.F (the IO-APIC's PCI address, from the vendor or the Linux kernel's AMD-Vi lines; the southbridge IO-APIC is 00:14.0), then check \`xl dmesg\` says I/O virtualisation enabled`,
          }
        : undefined),
    render: render('(XEN) ', 0x21),
    examples: [
      ex('(XEN) IVHD Error: no information for IO-APIC 0x21', { apic: '0x21' }),
      ex('(XEN) No southbridge IO-APIC found in IVRS table', {
        sb: 'No southbridge IO-APIC found in IVRS table',
      }),
      ex('(XEN) IVHD Error: Conflicting IO-APIC 0x9 entries', { kind: 'Conflicting', apic: '0x9' }),
    ],
  },
  {
    id: 'xen.unity-range-not-reserved',
    source: 'xen',
    cite: `${XEN_UNITY} (Xen 4.19+, for IVMD and RMRR ranges alike); older: ${XEN_IVRS} parse_ivmd_block()`,
    format: '%s: [%#lx, %#lx] is not (entirely) in reserved memory\n',
    versions:
      'Xen 4.19+: "IVMD: [0x…, 0x…] is not (entirely) in reserved memory" (prefix IVMD or RMRR), then "%s: page at %#lx couldn\'t be reserved" or "%s: page at %#lx can\'t be converted"; Xen 4.13–4.18: "AMD-Vi: Warning: IVMD: [%lx,%lx) is not (entirely) in reserved memory" and "AMD-Vi: Error: IVMD: page at %lx can\'t be converted"',
    patterns: [
      /(?<table>IVMD|RMRR): \[[0-9a-fA-Fx, ]{1,48}[\])] is not \(entirely\) in reserved memory/,
      /(?<table>IVMD|RMRR)(?: Error)?: [Pp]age at (?<page>[0-9a-fA-Fx]{1,18}) (?<bad>can't be converted|couldn't be reserved)/,
      // Xen ≤ 4.18's VT-d wording, with a hint later dropped
      /(?<table>RMRR) address range (?<range>[0-9a-fA-F]{1,16}\.\.[0-9a-fA-F]{1,16}) not in reserved memory(?<hint>; need "iommu_inclusive_mapping=1"\?)?/,
    ],
    severity: 'warning',
    title: 'A firmware IOMMU range lies outside reserved memory',
    cause:
      "the firmware's ACPI table asks the IOMMU to keep a memory range identity-mapped for a device (an IVMD entry in AMD's IVRS, an RMRR in Intel's DMAR), and such ranges must lie in memory the E820 map marks reserved. This one does not (entirely): Xen now checks each page and marks unknown ones reserved; a page that is ordinary RAM cannot be converted, and then the IOMMU set-up fails (the next line says so)",
    fix: 'if no "can\'t be converted" / "couldn\'t be reserved" line follows, Xen fixed the map and nothing is to be done; otherwise see that line',
    refine: refineUnity,
    render: render('(XEN) ', 'IVMD', '0x0', '0x0'),
    examples: [
      ex('(XEN) AMD-Vi: Warning: IVMD: [9d000000,9d001000) is not (entirely) in reserved memory', {
        table: 'IVMD',
      }),
      ex("(XEN) AMD-Vi: Error: IVMD: page at 9d000000 can't be converted", {
        table: 'IVMD',
        page: '9d000000',
        bad: "can't be converted",
      }),
      ex('(XEN) RMRR: [0xe8000, 0xe8fff] is not (entirely) in reserved memory', { table: 'RMRR' }),
      ex(
        '(XEN) [VT-D]  RMRR address range 7d800000..7fffffff not in reserved memory; need "iommu_inclusive_mapping=1"?',
        { table: 'RMRR', range: '7d800000..7fffffff' },
      ),
    ],
  },
  {
    id: 'xen.vtd-dmar-parse-failed',
    source: 'xen',
    cite: 'xen-project/xen xen/drivers/passthrough/vtd/dmar.c acpi_parse_dmar()',
    format: 'Failed to parse ACPI DMAR.  Disabling VT-d.\n',
    patterns: [/Failed to parse ACPI DMAR\. {1,2}Disabling VT-d/],
    severity: 'error',
    title: "Xen could not read the firmware's DMAR table and turned VT-d off",
    cause:
      "Xen parses the firmware's DMAR ACPI table for the IOMMU units (DRHD), their reserved ranges (RMRR), ATS and affinity entries, and one entry failed its checks (a unit with no devices in scope, a device scope naming a bus that does not exist, an RMRR whose end precedes its start, an entry overrunning the table); the `xl dmesg` lines just before name it. Xen then disables every VT-d unit (the DMAR table is hidden from dom0 as always under Xen), so the host runs without an IOMMU: I/O virtualisation is disabled and no device can be passed through",
    fix: 'update the firmware; read the preceding `xl dmesg` lines (with iommu=verbose on the Xen command line for more); a broken RMRR can sometimes be replaced with the rmrr= option of Xen, and a bad device scope reported to the vendor',
    render: render('(XEN) '),
    examples: [ex('(XEN) [    1.204466] Failed to parse ACPI DMAR.  Disabling VT-d.')],
  },
  {
    id: 'xen.amd-vi-init-error',
    source: 'xen',
    cite: 'xen-project/xen xen/drivers/passthrough/amd/iommu_init.c amd_iommu_init() (the error path)',
    format: 'AMD-Vi: Error initialization\n',
    patterns: [/AMD-Vi: Error initialization/],
    severity: 'error',
    title: 'Xen could not initialise the AMD IOMMU: no passthrough',
    cause:
      'Xen\'s AMD IOMMU set-up failed and was abandoned, so the hypervisor runs without an IOMMU ("I/O virtualisation disabled" follows) and cannot assign PCI devices to guests. The reason is in the `xl dmesg` lines just before: almost always the firmware\'s IVRS ACPI table (an IO-APIC or HPET without an IVHD entry, an IVMD range outside reserved memory, an invalid device entry); less often no memory for the tables',
    fix: 'read the preceding `xl dmesg` lines (IVHD/IVMD/IVRS errors are explained on their own); update the BIOS; Xen takes ivrs_ioapic[]= and ivrs_hpet[]= overrides on its command line for missing entries',
    render: render('(XEN) '),
    examples: [ex('(XEN) [    2.914357] AMD-Vi: Error initialization')],
  },
  {
    id: 'xen.ivrs-table-error',
    source: 'xen',
    cite: `${XEN_IVRS} parse_ivhd_block(), parse_ivhd_device_*(), parse_ivmd_block(), parse_ivrs_table()`,
    format: 'IVHD Error: Invalid Device_Entry Dev_Id %#x\n',
    versions:
      'AMD_IOMMU_DEBUG lines (shown with iommu=debug, some always): "IVHD Error: Invalid Device_Entry Length!", "IVHD Error: Invalid Range: First Dev_Id %#x", "IVHD Error: Invalid Range: Last Dev_Id %#x", "IVHD Error: Invalid Alias Dev_Id %#x", "IVHD Error: Invalid Device Type!", "IVHD Error: No IOMMU for Dev_Id %#x Cap %#x", "IVMD Error: Invalid Flag Field!", "IVRS Error: Invalid Block Type!", "IVRS Error: Table Length Exceeded: %#x -> %#lx"; newer Xen words some of them "IVMD: invalid block length"',
    patterns: [
      /(?<block>IVHD|IVMD|IVRS) Error: (?<what>Invalid \w{1,24}|No IOMMU|Table Length Exceeded)/,
      /(?<what>Unrecognized) (?<block>IVHD) special variety (?<variety>0x[0-9a-fA-F]{1,2})/,
    ],
    severity: 'error',
    title: "Xen found a malformed entry in the firmware's IVRS table",
    cause:
      'Xen parses the firmware\'s IVRS ACPI table to learn which IOMMU covers which PCI device (IVHD blocks), which memory ranges devices need (IVMD) and where the IO-APICs and HPET are; an entry is malformed (a device ID beyond the last bus, a range whose end precedes its start, a length that overruns the table, an unknown type). Xen stops parsing that block, and the AMD IOMMU set-up usually fails after it ("AMD-Vi: Error initialization"), leaving no passthrough',
    fix: "update the BIOS (the IVRS table is the firmware's); boot with iommu=debug on the Xen command line to see every entry it read, and report the entry to the board vendor",
    render: render('(XEN) AMD-Vi: ', 0x1234),
    examples: [
      ex('(XEN) AMD-Vi: IVHD Error: Invalid Device_Entry Dev_Id 0x1234', {
        block: 'IVHD',
        what: 'Invalid Device_Entry',
      }),
      ex('(XEN) AMD-Vi: IVRS Error: Invalid Block Type!', { block: 'IVRS', what: 'Invalid Block' }),
    ],
  },

  // ---------------------------------------------------------------- a guest driver's interrupts
  {
    id: 'kernel.nic-msi-fallback',
    source: 'kernel',
    cite: 'torvalds/linux drivers/net/ethernet/intel/e1000e/netdev.c e1000e_set_interrupt_capability(); drivers/net/ethernet/intel/igb/igb_main.c igb_set_interrupt_capability(); drivers/net/ethernet/chelsio/cxgb4vf/cxgb4vf_main.c cxgb4vf_pci_probe() (the errno path: drivers/pci/msi/api.c)',
    format: 'Failed to initialize MSI-X interrupts.  Falling back to MSI interrupts.\n',
    versions:
      'the next step down: "Failed to initialize MSI interrupts.  Falling back to legacy interrupts." (one or two spaces after the full stop, by driver and version); cxgb4vf: "Unable to use MSI-X Interrupts; falling back to MSI Interrupts"',
    patterns: [
      /Failed to initialize (?<from>MSI-X|MSI) interrupts\. {1,2}Falling back to (?<to>MSI|legacy) interrupts/,
      /Unable to use (?<from>MSI-X) Interrupts; falling back to (?<to>MSI) Interrupts/,
    ],
    severity: 'warning',
    title: 'The NIC driver could not enable MSI-X and fell back to a slower interrupt mode',
    cause:
      "the driver asked for its MSI-X vectors (pci_enable_msix_range()) and the kernel refused, so it runs with fewer, shared interrupts (one MSI, or a legacy INTx line) and lower throughput. In a VM with a passed-through NIC or VF the MSI-X capability the guest sees is emulated by the hypervisor's device model: a device model that does not expose or cannot enable MSI-X for the device (some Xen set-ups with a stub-domain device model, a VMM without MSI-X support for VFIO devices), or pci=nomsi on the guest's command line, gives exactly this; on bare metal it is the vector budget or a platform without MSI",
    fix: 'in the guest, check `lspci -vv -s ADDR` shows the MSI-X capability and that pci=nomsi is not on its command line; on the host, check the VMM gives the device MSI-X (QEMU does for vfio-pci; under Xen with a stub domain update Xen/its stubdom); the NIC works meanwhile, only slower',
    refine: (f) =>
      f.from === 'MSI'
        ? {
            title: 'The NIC driver could not enable MSI either and uses a legacy (INTx) interrupt',
            cause:
              "after MSI-X, MSI failed too (pci_enable_msi()), so the NIC shares a legacy INTx line. In a guest, passthrough of INTx needs the host to mask the line on every interrupt (vfio-pci's INTx emulation), which is slow and fails for devices that cannot mask INTx (no DisINTx support); the device model not exposing MSI, or pci=nomsi on the guest's command line, leads here",
          }
        : undefined,
    render: render('e1000e 0000:00:06.0 0000:00:06.0 (uninitialized): '),
    examples: [
      ex(
        'e1000e 0000:00:05.0 0000:00:05.0 (uninitialized): Failed to initialize MSI-X interrupts.  Falling back to MSI interrupts.',
        { from: 'MSI-X', to: 'MSI' },
      ),
      ex('igb 0000:01:00.1: Failed to initialize MSI interrupts.  Falling back to legacy interrupts.', {
        from: 'MSI',
        to: 'legacy',
      }),
    ],
  },
  {
    id: 'kernel.nvme-io-timeout',
    source: 'kernel',
    cite: 'torvalds/linux drivers/nvme/host/pci.c nvme_timeout()',
    format: 'I/O tag %d (%04x) QID %d timeout, completion polled\n',
    versions:
      'older kernels: "I/O %d QID %d timeout, completion polled"; the other outcomes of the same handler: "…timeout, aborting" (newer kernels add "opcode %#x (%s)" and "req_op:%s(%u) size:%u"), "…timeout, reset controller", "…timeout, disable controller"',
    patterns: [
      /I\/O (?:tag )?(?<tag>\d{1,6})(?: \([0-9a-fA-F]{4}\))?(?: opcode 0x[0-9a-fA-F]{1,2} \([^)\n]{1,40}\))? QID (?<qid>\d{1,4}) timeout(?:, (?<action>completion polled|aborting|reset controller|disable controller))?/,
    ],
    severity: 'warning',
    title: 'An NVMe command timed out',
    cause:
      "the NVMe driver's timeout handler ran for a command that had not completed within nvme_core.io_timeout (30 s by default) and the action it took is named at the end",
    fix: 'read the action: "completion polled" means lost interrupts, the others a controller that stopped answering',
    refine: (f) =>
      f.action === undefined
        ? {
            cause:
              'the NVMe driver\'s timeout handler ran for a command that had not completed within nvme_core.io_timeout (30 s by default); the line is cut before the words after "timeout, " that say what the handler found. "completion polled" means the command had completed but its completion interrupt never reached the driver — in a VM with a passed-through NVMe drive, the MSI-X interrupts the guest programmed are not delivered (the VMM\'s MSI-X emulation or the host\'s interrupt remapping for the device); "aborting", "reset controller" or "disable controller" mean the controller did not complete it at all. A timeout on QID 0 (the admin queue) while the driver probes the controller is typical of interrupts that never arrive',
            fix: 'read the whole line (dmesg | grep nvme); in the guest check `lspci -vv -s ADDR` shows "MSI-X: Enable+" and /proc/interrupts counts rising for the nvme queues; on the host look for interrupt-remapping or IOMMU faults for the drive at the same moment',
          }
        : f.action === 'completion polled'
          ? {
              title: 'NVMe completions arrive without their interrupts (found by polling)',
              cause:
                "the controller had completed the command, but its completion interrupt never reached the driver: the timeout handler polled the queue and found it done. So I/O stalls for the whole timeout each time. The interrupt path is broken: in a VM with a passed-through NVMe drive, the MSI-X vectors the guest programmed are not delivered (the VMM's MSI-X emulation or interrupt remapping for the device, a guest on pin-based interrupts because MSI-X was not exposed); elsewhere a drive with broken MSI (the kernel has quirks for some), a VMD controller erratum, or MSI-X masked after resume",
              fix: 'in the guest check `lspci -vv -s ADDR` shows "MSI-X: Enable+" and /proc/interrupts counts rising for the nvme queues; on the host check dmesg for interrupt-remapping faults (DMAR INTR-REMAP, AMD-Vi INVALID_DEVICE_REQUEST) at the same time; lowering nvme_core.io_timeout only shortens the stalls',
            }
          : {
              cause: `the controller did not complete the command at all, so the driver is ${f.action === 'aborting' ? 'aborting it' : f.action === 'reset controller' ? 'resetting the controller' : 'disabling the controller'}. For a passed-through drive this follows a controller that stopped answering: a power-state transition it does not survive (APST; nvme_core.default_ps_max_latency_us=0 in the guest rules it out), a reset or FLR it did not recover from, or a DMA fault on the host (look for DMAR/AMD-Vi faults naming the drive)`,
              fix: 'check host dmesg for IOMMU faults or AER errors on the drive at the same moment; in the guest try nvme_core.default_ps_max_latency_us=0; update the drive firmware',
            },
    render: render('nvme nvme0: ', 13, 0x100d, 0),
    examples: [
      ex('nvme nvme0: I/O tag 13 (100d) QID 0 timeout, completion polled', {
        tag: '13',
        qid: '0',
        action: 'completion polled',
      }),
      ex('nvme nvme1: I/O 412 QID 5 timeout, aborting', { tag: '412', qid: '5', action: 'aborting' }),
      ex('nvme nvme0: I/O 7 QID 0 timeout, reset controller', { action: 'reset controller' }),
    ],
  },
  {
    id: 'kernel.gasket-interrupts-failed',
    source: 'kernel',
    cite: `torvalds/linux drivers/staging/gasket/gasket_interrupt.c gasket_interrupt_init() (in staging during Linux 4.19–5.x; carried on out of tree as ${GASKET}); the errno from torvalds/linux drivers/pci/msi/api.c pci_enable_msix_range(); the stub-domain MSI-X patches: QubesOS/qubes-vmm-xen#143`,
    format: "Couldn't initialize interrupts: %d\n",
    versions:
      'the same text in the staging driver and Google\'s out-of-tree gasket-dkms; its sibling "Cannot handle unsupported interrupt type %d" (-EINVAL) comes first when the device descriptor names no MSI-X',
    patterns: [
      /Couldn't initialize interrupts: (?<err>-?\d{1,4})/,
      /Cannot handle unsupported interrupt type (?<type>\d{1,4})/,
    ],
    severity: 'error',
    title: 'The Coral Edge TPU (apex/gasket) driver could not set up its MSI-X interrupts',
    cause:
      'the gasket driver (apex, Google Coral Edge TPU on PCIe/M.2) asks for one MSI-X vector per interrupt the TPU raises and could not get them; it still loads but marks the device "lamed", so it never signals completions and inference hangs or fails. The errno says why',
    fix: 'read the errno; in a VM check the guest sees the device with MSI-X (`lspci -vv -s ADDR` in the guest)',
    refine: (f) =>
      f.type
        ? {
            cause: `the driver's device description names interrupt type ${f.type}, which this gasket build does not handle, so no interrupts are set up (Couldn't initialize interrupts: -22 follows)`,
            fix: "use the gasket/apex driver version that matches the device (gasket-dkms from Google's repository, or its maintained forks for newer kernels)",
          }
        : refineGasketIrq(f),
    render: render('apex 0000:03:00.0: ', -28),
    examples: [
      ex("apex 0000:03:00.0: Couldn't initialize interrupts: -28", { errno: 'ENOSPC' }),
      ex("apex 0000:00:05.0: Couldn't initialize interrupts: -22", { errno: 'EINVAL' }),
    ],
  },

  // ---------------------------------------------------------------- QEMU's config files
  {
    id: 'qemu.readconfig-error',
    source: 'qemu',
    cite: 'qemu/qemu util/qemu-config.c qemu_config_foreach() (loc_set_file() puts FILE:LINE before the message) and find_list()',
    format: 'parse error',
    versions:
      'the location is printed after the program name: "qemu-system-x86_64:/path/qemu.conf:12: parse error"; siblings from the same parser: "no group defined", "There is no option group \'%s\'", "Cannot read config file"',
    patterns: [
      /:(?<conf>\/[^\s:]{1,200}):(?<confLine>\d{1,6}): (?<what>parse error|no group defined|There is no option group '(?<optgroup>[\w-]{1,40})')/,
    ],
    severity: 'error',
    title: 'QEMU could not read its config file (-readconfig)',
    cause:
      'QEMU was given a config file (-readconfig FILE, the INI-like [device "id"] / key = "value" format) and the line named is not valid in it: "parse error" for a line that is neither a [group] header nor key = "value" (a missing quote, a value with a double quote in it), "no group defined" for a key before any [group], "There is no option group" for a section this QEMU does not know (a newer QEMU\'s group). VM managers such as LXD and Incus generate this file at every start, so an error in it usually means the manager and its QEMU disagree on the format',
    fix: "look at the named line of the file; if a VM manager generated it (a path under /var/log/lxd, /run/incus, /var/snap/lxd), update the manager and QEMU together rather than editing the file, or remove the key with the instance's raw.qemu.conf override",
    refine: (f) =>
      /\/lxd\/|\/incus\//.test(f.conf ?? '')
        ? {
            cause: `the QEMU config file ${f.conf} is generated by ${/incus/.test(f.conf ?? '') ? 'Incus' : 'LXD'} at every VM start, and QEMU rejects line ${f.confLine} of it (${f.what}): the management tool wrote something this QEMU does not read, usually after one of the two was updated without the other`,
          }
        : undefined,
    render: render('qemu-system-x86_64:/run/vm/qemu.conf:12: '),
    examples: [
      ex('qemu-system-x86_64:/var/snap/lxd/common/lxd/logs/vm1/qemu.conf:88: parse error', {
        conf: '/var/snap/lxd/common/lxd/logs/vm1/qemu.conf',
        confLine: '88',
        what: 'parse error',
      }),
      ex("qemu-system-x86_64:/etc/qemu/vm.conf:3: There is no option group 'spice'", {
        optgroup: 'spice',
      }),
    ],
  },
];

/** The further wordings these entries recognise, each rendered as printed. */
export const HOST_MISSES_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'shell.kernel-option-as-file',
    file: 'GNU sed sed/execute.c',
    format: "can't read %s: %s",
    text: "sed: can't read intel_iommu=on: No such file or directory",
  },
  {
    id: 'boot.tool-not-found',
    file: 'dash src/exec.c',
    format: '%s: not found',
    text: 'sh: 1: grub-mkconfig: not found',
  },
  {
    id: 'kernelstub.image-not-found',
    file: 'pop-os/kernelstub kernelstub/application.py',
    format: "Can't find the initrd image '%s'!",
    text: "kernelstub           : ERROR    Can't find the initrd image '/boot/initrd.img'! ",
  },
  {
    id: 'kernelstub.copy-failed',
    file: 'pop-os/kernelstub kernelstub/installer.py',
    format: "Couldn't copy the initrd onto the ESP!",
    text: "kernelstub.Installer  : ERROR    Couldn't copy the initrd onto the ESP!",
  },
  {
    id: 'systemd.unit-not-found',
    file: 'systemd/systemd src/systemctl/systemctl-start.c',
    format: 'Failed to %s %s: Unit %s not found.',
    text: 'Failed to start nvidia-vgpud.service: Unit nvidia-vgpud.service not found.',
  },
  {
    id: 'xen.ivrs-ioapic-missing',
    file: XEN_IVRS,
    format: 'IVHD Error: Invalid IO-APIC %#x',
    text: '(XEN) IVHD Error: Invalid IO-APIC 0xf0',
  },
  {
    id: 'xen.ivrs-ioapic-missing',
    file: XEN_IVRS,
    format: 'IVHD Error: IO-APIC %#x entry beyond bounds',
    text: '(XEN) IVHD Error: IO-APIC 0x1ff entry beyond bounds',
  },
  {
    id: 'xen.unity-range-not-reserved',
    file: XEN_UNITY,
    format: "%s: page at %#lx couldn't be reserved",
    text: "(XEN) IVMD: page at 0x9d000 couldn't be reserved",
  },
  {
    id: 'xen.ivrs-table-error',
    file: XEN_IVRS,
    format: 'IVHD Error: No IOMMU for Dev_Id %#x Cap %#x',
    text: '(XEN) AMD-Vi: IVHD Error: No IOMMU for Dev_Id 0x2 Cap 0x40',
  },
  {
    id: 'xen.ivrs-table-error',
    file: XEN_IVRS,
    format: 'IVRS Error: Table Length Exceeded: %#x -> %#lx',
    text: '(XEN) AMD-Vi: IVRS Error: Table Length Exceeded: 0x100 -> 0x140',
  },
  {
    id: 'kernel.gasket-interrupts-failed',
    file: GASKET,
    format: 'Cannot handle unsupported interrupt type %d',
    text: 'apex 0000:03:00.0: Cannot handle unsupported interrupt type 2',
  },
  {
    id: 'shell.pci-address-in-arithmetic',
    file: 'GNU bash test.c',
    format: '%s: integer expression expected',
    text: './bind.sh: line 9: [: 01:00.1: integer expression expected',
  },
  {
    id: 'kernel.amdgpu-atombios-stuck',
    file: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/atom.c',
    format: 'atombios stuck executing %04X (len %d, WS %d, PS %d) @ 0x%04X',
    text: '[drm:amdgpu_atom_execute_table_locked [amdgpu]] *ERROR* atombios stuck executing C1A4 (len 62, WS 0, PS 4) @ 0xC1CA',
  },
  {
    id: 'spdk.memlock-limit-report',
    file: 'DPDK usertools/dpdk-setup.sh (removed in DPDK 20.11)',
    format: 'Current user memlock limit: %d MB',
    text: 'Current user memlock limit: 64 MB',
  },
  {
    id: 'qemu.readconfig-error',
    file: 'qemu/qemu util/qemu-config.c',
    format: 'no group defined',
    text: 'qemu-system-x86_64:/etc/qemu/vm.conf:1: no group defined',
  },
];

/** Sibling strings of these sources left out on purpose, and why. */
export const HOST_MISSES_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: 'pop-os/kernelstub kernelstub/application.py',
    format: 'Live mode is enabled!',
    why: 'printed only when kernelstub runs from the Pop!_OS live installer, where it is meant to do nothing; it exits 0 and names its own reason',
  },
  {
    file: XEN_IVRS,
    format: 'IVHD Special: %04x:%02x:%02x.%u variety %#x handle %#x',
    why: 'an iommu=debug trace of each special-device entry read, not an error',
  },
  {
    file: XEN_IVRS,
    format: 'Only one IVHD HPET entry is supported.',
    why: 'a warning that Xen ignores a second HPET entry; the IOMMU still comes up and passthrough is unaffected',
  },
  {
    file: XEN_UNITY,
    format: '%s: page at %#lx is not RAM … (the type checks of the range)',
    why: 'the pages Xen accepts (reserved, ACPI, unusable) print nothing; only the two failing outcomes are catalogued',
  },
  {
    file: 'google/gasket-driver src/apex_driver.c',
    format: 'Apex performance not throttled due to temperature / Page table init timed out',
    why: "the TPU's thermal and page-table messages are not about how it is passed through; no passthrough report in the threads searched carried them",
  },
  {
    file: 'systemd/systemd src/systemctl/systemctl-show.c',
    format: 'Unit %s could not be found.',
    why: '`systemctl status NAME` for an absent unit: the same fact as systemd.unit-not-found, but printed by an inspection, not by a step that failed; it would explain every mistyped status query',
  },
];
