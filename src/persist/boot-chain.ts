/**
 * Which boot loader and which initramfs generator this machine uses, worked out from the files
 * under the root (never guessed): each answer carries the files it rests on, and a machine where
 * nothing fits, or two initramfs generators fit, is an error saying what was looked for.
 *
 * Boot loaders, in the order they are recognised (a more specific tool wraps a more general one):
 * - Proxmox VE (`proxmox-boot-tool`): with /etc/kernel/proxmox-boot-uuids the ESPs are synced by
 *   `proxmox-boot-tool refresh`; the command line is /etc/kernel/cmdline on systemd-boot (ZFS/UEFI
 *   installs) and /etc/default/grub on GRUB. Without it, plain GRUB and `update-grub`.
 * - kernelstub (Pop!_OS): /etc/kernelstub/configuration; options are changed with
 *   `kernelstub --add-options` / `--delete-options`, never by editing the loader entries.
 * - grubby (Fedora, RHEL and relatives with Boot Loader Specification entries,
 *   GRUB_ENABLE_BLSCFG=true): the options live in /boot/loader/entries/*.conf and are changed
 *   with `grubby --update-kernel=ALL --args=...` (new kernels inherit them).
 * - GRUB: /etc/default/grub, then `update-grub` on Debian and Ubuntu, `grub2-mkconfig -o
 *   /boot/grub2/grub.cfg` where GRUB is packaged as grub2 (Fedora without BLS, openSUSE), and
 *   `grub-mkconfig -o /boot/grub/grub.cfg` elsewhere (Arch).
 * - systemd-boot with kernel-install: /etc/kernel/cmdline, then `kernel-install add` for each
 *   installed kernel to rewrite its loader entry.
 *
 * Initramfs generators: initramfs-tools (/etc/initramfs-tools, `update-initramfs -u -k all`),
 * dracut (/etc/dracut.conf.d, `dracut -f --regenerate-all`), mkinitcpio (/etc/mkinitcpio.conf,
 * `mkinitcpio -P`). A generator counts when both its configuration and its program are present.
 */
import { VfiokitError } from '../errors.js';
import type { HostRoot } from '../host/root.js';

export type LoaderKind = 'grub' | 'systemd-boot' | 'proxmox' | 'kernelstub' | 'grubby';
export type InitramfsKind = 'initramfs-tools' | 'dracut' | 'mkinitcpio';

export type CmdlineStore =
  /** A shell variable in /etc/default/grub. */
  | { kind: 'grub-default'; file: string }
  /** The whole command line in one file (/etc/kernel/cmdline). */
  | { kind: 'plain-file'; file: string }
  /** A tool owns it: grubby or kernelstub. */
  | { kind: 'tool'; tool: 'grubby' | 'kernelstub' };

export interface BootLoader {
  kind: LoaderKind;
  /** Human name, e.g. "GRUB (Debian: update-grub)". */
  name: string;
  evidence: string[];
  cmdline: CmdlineStore;
  /** Commands that bring the boot entries up to date after the command line file changed. */
  regenerate: string[][];
}

export interface Initramfs {
  kind: InitramfsKind;
  name: string;
  evidence: string[];
  regenerate: string[];
}

export interface OsRelease {
  id?: string;
  idLike: string[];
  prettyName?: string;
}

export interface BootChain {
  os: OsRelease;
  loader: BootLoader;
  initramfs: Initramfs;
}

export function parseOsRelease(text: string): OsRelease {
  const v = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) v.set(m[1], m[2].replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1'));
  }
  return {
    id: v.get('ID'),
    idLike: (v.get('ID_LIKE') ?? '').split(/\s+/).filter(Boolean),
    prettyName: v.get('PRETTY_NAME'),
  };
}

const BIN_DIRS = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Where a program is installed under the root, or undefined. */
export function findProgram(root: HostRoot, name: string): string | undefined {
  for (const d of BIN_DIRS) if (root.exists(`${d}/${name}`)) return `${d}/${name}`;
  return undefined;
}

/** Kernel releases with a module tree under the root (/lib/modules or /usr/lib/modules). */
export function installedKernels(root: HostRoot): string[] {
  const out = new Set<string>();
  for (const d of ['/lib/modules', '/usr/lib/modules'])
    for (const k of root.list(d))
      if (root.exists(`${d}/${k}/modules.dep`) || root.isDir(`${d}/${k}/kernel`)) out.add(k);
  return [...out].sort();
}

const isDebianLike = (os: OsRelease) => [os.id, ...os.idLike].some((x) => x === 'debian' || x === 'ubuntu');

// long: one list of boot loaders probed in order of precedence, each a few lines
function detectLoader(root: HostRoot, os: OsRelease): BootLoader {
  const looked: string[] = [];
  const grubDefault = root.readText('/etc/default/grub');
  const kernelCmdline = root.exists('/etc/kernel/cmdline');

  // Proxmox VE.
  const pbt = findProgram(root, 'proxmox-boot-tool');
  looked.push('proxmox-boot-tool');
  if (pbt) {
    const managed = root.exists('/etc/kernel/proxmox-boot-uuids');
    if (managed && kernelCmdline) {
      return {
        kind: 'proxmox',
        name: 'Proxmox VE, systemd-boot (proxmox-boot-tool)',
        evidence: [pbt, '/etc/kernel/proxmox-boot-uuids', '/etc/kernel/cmdline'],
        cmdline: { kind: 'plain-file', file: '/etc/kernel/cmdline' },
        regenerate: [['proxmox-boot-tool', 'refresh']],
      };
    }
    if (grubDefault !== undefined) {
      return {
        kind: 'proxmox',
        name: managed ? 'Proxmox VE, GRUB (proxmox-boot-tool)' : 'Proxmox VE, GRUB',
        evidence: [pbt, ...(managed ? ['/etc/kernel/proxmox-boot-uuids'] : []), '/etc/default/grub'],
        cmdline: { kind: 'grub-default', file: '/etc/default/grub' },
        regenerate: [managed ? ['proxmox-boot-tool', 'refresh'] : ['update-grub']],
      };
    }
  }

  // Pop!_OS kernelstub.
  looked.push('/etc/kernelstub/configuration');
  const ks = findProgram(root, 'kernelstub');
  if (root.exists('/etc/kernelstub/configuration') && ks) {
    return {
      kind: 'kernelstub',
      name: 'kernelstub (systemd-boot)',
      evidence: ['/etc/kernelstub/configuration', ks],
      cmdline: { kind: 'tool', tool: 'kernelstub' },
      regenerate: [],
    };
  }

  // grubby on Boot Loader Specification entries.
  looked.push('/etc/default/grub');
  const grubby = findProgram(root, 'grubby');
  if (grubDefault !== undefined && grubby && /^\s*GRUB_ENABLE_BLSCFG=["']?true/m.test(grubDefault)) {
    return {
      kind: 'grubby',
      name: 'GRUB with BLS entries (grubby)',
      evidence: ['/etc/default/grub: GRUB_ENABLE_BLSCFG=true', grubby],
      cmdline: { kind: 'tool', tool: 'grubby' },
      regenerate: [],
    };
  }

  if (grubDefault !== undefined) {
    const ev = ['/etc/default/grub'];
    const updateGrub = findProgram(root, 'update-grub');
    if (isDebianLike(os) && updateGrub) {
      return {
        kind: 'grub',
        name: 'GRUB (update-grub)',
        evidence: [...ev, updateGrub, `/etc/os-release: ${os.id}`],
        cmdline: { kind: 'grub-default', file: '/etc/default/grub' },
        regenerate: [['update-grub']],
      };
    }
    const g2 = findProgram(root, 'grub2-mkconfig');
    const g1 = findProgram(root, 'grub-mkconfig');
    const cfg = root.exists('/boot/grub2/grub.cfg')
      ? '/boot/grub2/grub.cfg'
      : root.exists('/boot/grub/grub.cfg')
        ? '/boot/grub/grub.cfg'
        : undefined;
    const prog = g2 ?? g1;
    if (prog && cfg) {
      const name = prog.slice(prog.lastIndexOf('/') + 1);
      return {
        kind: 'grub',
        name: `GRUB (${name})`,
        evidence: [...ev, prog, cfg],
        cmdline: { kind: 'grub-default', file: '/etc/default/grub' },
        regenerate: [[name, '-o', cfg]],
      };
    }
    throw new VfiokitError('found /etc/default/grub but not the program that turns it into grub.cfg', {
      hint: 'looked for update-grub (Debian/Ubuntu), grub2-mkconfig or grub-mkconfig with /boot/grub2/grub.cfg or /boot/grub/grub.cfg',
      code: 'setup.boot-loader',
    });
  }

  looked.push('/etc/kernel/cmdline with kernel-install');
  const ki = findProgram(root, 'kernel-install');
  if (ki && (kernelCmdline || root.isDir('/boot/loader/entries') || root.isDir('/efi/loader/entries'))) {
    return {
      kind: 'systemd-boot',
      name: 'systemd-boot (kernel-install)',
      evidence: [kernelCmdline ? '/etc/kernel/cmdline' : 'loader entries', ki],
      cmdline: { kind: 'plain-file', file: '/etc/kernel/cmdline' },
      regenerate: installedKernels(root).map((k) => ['kernel-install', 'add', k, kernelImage(root, k)]),
    };
  }
  throw new VfiokitError('cannot tell which boot loader this machine uses', {
    hint: `looked for ${looked.join(', ')}; set the kernel command line by hand (see docs/setup.md)`,
    code: 'setup.boot-loader',
  });
}

/** The kernel image kernel-install takes for a release: the module tree's vmlinuz, else /boot's. */
function kernelImage(root: HostRoot, release: string): string {
  for (const p of [`/usr/lib/modules/${release}/vmlinuz`, `/lib/modules/${release}/vmlinuz`])
    if (root.exists(p)) return p;
  return `/boot/vmlinuz-${release}`;
}

function detectInitramfs(root: HostRoot): Initramfs {
  const found: Initramfs[] = [];
  const ut = findProgram(root, 'update-initramfs');
  if (root.isDir('/etc/initramfs-tools') && ut) {
    found.push({
      kind: 'initramfs-tools',
      name: 'initramfs-tools',
      evidence: ['/etc/initramfs-tools', ut],
      regenerate: ['update-initramfs', '-u', '-k', 'all'],
    });
  }
  const dr = findProgram(root, 'dracut');
  if ((root.isDir('/etc/dracut.conf.d') || root.exists('/etc/dracut.conf')) && dr) {
    found.push({
      kind: 'dracut',
      name: 'dracut',
      evidence: [root.isDir('/etc/dracut.conf.d') ? '/etc/dracut.conf.d' : '/etc/dracut.conf', dr],
      regenerate: ['dracut', '-f', '--regenerate-all'],
    });
  }
  const mk = findProgram(root, 'mkinitcpio');
  if (root.exists('/etc/mkinitcpio.conf') && mk) {
    found.push({
      kind: 'mkinitcpio',
      name: 'mkinitcpio',
      evidence: ['/etc/mkinitcpio.conf', mk],
      regenerate: ['mkinitcpio', '-P'],
    });
  }
  if (found.length === 1) return found[0];
  if (!found.length) {
    throw new VfiokitError('cannot tell which initramfs generator this machine uses', {
      hint: 'looked for /etc/initramfs-tools with update-initramfs, /etc/dracut.conf(.d) with dracut, /etc/mkinitcpio.conf with mkinitcpio',
      code: 'setup.initramfs',
    });
  }
  throw new VfiokitError(
    `more than one initramfs generator is installed: ${found.map((f) => `${f.name} (${f.evidence.join(', ')})`).join('; ')}`,
    { hint: 'remove the one not in use, so vfiokit knows which to configure', code: 'setup.initramfs' },
  );
}

export function detectBootChain(root: HostRoot): BootChain {
  const osText = root.readText('/etc/os-release') ?? root.readText('/usr/lib/os-release');
  const os = osText === undefined ? { idLike: [] } : parseOsRelease(osText);
  return { os, loader: detectLoader(root, os), initramfs: detectInitramfs(root) };
}
