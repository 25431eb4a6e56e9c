/**
 * Which PCI devices the host itself is using, with the evidence: the controllers behind mounted
 * filesystems, active swap and the members of active dm/md/LVM/dm-crypt devices; the NICs of the
 * default routes and of the SSH connection the user is logged in over; the boot GPU while a
 * console, a framebuffer or a display server uses it. The guard (src/actions/guard.ts) judges these
 * records; nothing here decides.
 *
 * Everything is read through the HostRoot, so a snapshot or a fixture tree answers exactly as `/`.
 * What cannot be read or traced becomes an `UntracedUse` with the reason, never silence: a guard
 * that could not see a mount's disk must not call that disk's controller free.
 */
import { VfiokitError } from '../errors.js';
import {
  defaultRoutes,
  type MountEntry,
  type ParsedTable,
  parseIpAddress,
  parseIpv4Route,
  parseIpv6Route,
  parseMountinfo,
  parseProcMounts,
  parseProcSwaps,
  type RouteEntry,
  routeFor,
} from './proc-tables.js';
import type { HostRoot } from './root.js';

export type UseKind =
  | 'mount'
  | 'network-mount'
  | 'swap'
  | 'block-member'
  | 'route'
  | 'ssh'
  | 'console'
  | 'framebuffer'
  | 'display';

/** Which kind of device an untraced use could be on: the guard applies it to devices of that class. */
export type UseScope = 'storage' | 'network' | 'display';

export interface DeviceUse {
  kind: UseKind;
  /** One line: what uses the device, e.g. "filesystem / (ext4) from /dev/nvme0n1p2". */
  what: string;
  /**
   * The PCI functions the use goes through, nearest first: the function itself, then each bridge
   * above it up to the root port. Taking a bridge takes everything below it.
   */
  pciPath: string[];
  /** The files and lines that show it, one per line. */
  evidence: string[];
  /** The root filesystem's device. */
  root?: boolean;
}

export interface UntracedUse {
  scope: UseScope;
  what: string;
  reason: string;
}

export interface HostUsage {
  uses: DeviceUse[];
  untraced: UntracedUse[];
  /** PCI functions whose boot_vga is 1 (the firmware's console device). */
  bootVga: string[];
}

export interface UsageOptions {
  /** The environment of the command (SSH_CONNECTION). Default: none. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The process whose ancestors' environments are searched for SSH_CONNECTION (sudo drops it). */
  pid?: number;
}

const PCI_NAME = /^[0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/;

/** PCI functions in a sysfs device path, nearest (last component) first. */
export function pciFunctionsInPath(sysPath: string): string[] {
  return sysPath
    .split('/')
    .filter((c) => PCI_NAME.test(c))
    .reverse();
}

/** A read that may fail: the error's message becomes the reason of an untraced use. */
function attempt<T>(f: () => T): { value: T } | { error: string } {
  try {
    return { value: f() };
  } catch (e) {
    if (e instanceof VfiokitError) return { error: e.message };
    throw e;
  }
}

/** Bound on links followed through slaves/ and multipath/ (nested dm stacks are a few deep). */
const MAX_STACK_DEPTH = 16;
/** Bound on processes and open files examined for display servers. */
const MAX_PROCESSES = 65536;
const MAX_FDS_PER_PROCESS = 65536;
/** Bound on the ancestors searched for SSH_CONNECTION. */
const MAX_ANCESTORS = 64;

interface Leaf {
  /** Host path of the block device's directory after links. */
  path: string;
  pci: string[];
  evidence: string[];
}

type Trace = { leaves: Leaf[]; untraced?: string };

/** Block device directory of a sysfs block name (/sys/class/block/NAME). */
function blockDirByName(root: HostRoot, name: string): string | undefined {
  if (!/^[^/\s]{1,255}$/.test(name) || name === '.' || name === '..') return undefined;
  return root.realPath(`/sys/class/block/${name}`);
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/**
 * Trace a block device's sysfs directory down to the PCI functions under it: a partition is its
 * disk's child directory, so its path already contains the controller; a dm or md device has no
 * PCI parent (it lives under /sys/devices/virtual/block) and lists what it is built on in
 * `slaves/` (Documentation/ABI/stable/sysfs-block); a native NVMe multipath head disk lists its
 * per-controller path disks in `multipath/` (drivers/nvme/host/sysfs.c nvme_ns_mpath_attr_group).
 */
function traceBlock(root: HostRoot, dir: string, via: string[], depth: number): Trace {
  const pci = pciFunctionsInPath(dir);
  const name = baseName(dir);
  if (pci.length > 0) return { leaves: [{ path: dir, pci, evidence: [...via, `${name}: ${dir}`] }] };
  if (depth > MAX_STACK_DEPTH)
    return { leaves: [], untraced: `${name}: block devices stacked deeper than ${MAX_STACK_DEPTH}` };
  const dm = root.readAttr(`${dir}/dm/name`);
  const label = dm !== undefined ? `${name} (device-mapper ${dm})` : name;
  const leaves: Leaf[] = [];
  let lower = 0;
  for (const sub of ['slaves', 'multipath']) {
    for (const entry of root.list(`${dir}/${sub}`)) {
      const target = root.realPath(`${dir}/${sub}/${entry}`);
      if (!target) return { leaves, untraced: `${dir}/${sub}/${entry} leads nowhere` };
      lower++;
      const t = traceBlock(root, target, [...via, `${label}: ${dir}/${sub}/${entry}`], depth + 1);
      leaves.push(...t.leaves);
      if (t.untraced) return { leaves, untraced: t.untraced };
    }
  }
  // A virtual device with nothing below it (loop, zram, ram, nbd) is not on a PCI device: a loop
  // device's backing file is on some other mount, which is traced as a mount of its own.
  if (lower === 0 && !dir.startsWith('/sys/devices/virtual/'))
    return { leaves, untraced: `${name} (${dir}) is neither on a PCI device nor a virtual block device` };
  return { leaves };
}

/** Block device directory of a device number, through /sys/dev/block/MAJ:MIN. */
function blockDirByNumber(root: HostRoot, major: number, minor: number): string | undefined {
  return root.realPath(`/sys/dev/block/${major}:${minor}`);
}

/** The dm device whose dm/name is `name` (/dev/mapper/NAME), its directory. */
function dmByName(root: HostRoot, name: string): string | undefined {
  for (const b of root.list('/sys/class/block')) {
    if (!b.startsWith('dm-')) continue;
    if (root.readAttr(`/sys/class/block/${b}/dm/name`) === name)
      return root.realPath(`/sys/class/block/${b}`);
  }
  return undefined;
}

/**
 * Resolve a /dev path to its block device directory without /dev (a snapshot has none): the
 * kernel's own name (/dev/nvme0n1p2), /dev/mapper/NAME, /dev/VG/LV (device-mapper names it
 * VG-LV with each '-' inside a name doubled, lvm2's dm naming), or, on the live host, any other
 * link under /dev followed.
 */
function blockDirByDevPath(root: HostRoot, source: string): string | undefined {
  if (!source.startsWith('/dev/')) return undefined;
  const rest = source.slice(5);
  if (!rest.includes('/')) return blockDirByName(root, rest);
  const mapper = /^mapper\/(.+)$/.exec(rest);
  if (mapper) return dmByName(root, mapper[1]);
  const vgLv = /^([^/]+)\/([^/]+)$/.exec(rest);
  if (vgLv && !['disk', 'md', 'block'].includes(vgLv[1])) {
    const d = dmByName(root, `${vgLv[1].replace(/-/g, '--')}-${vgLv[2].replace(/-/g, '--')}`);
    if (d) return d;
  }
  if (root.live) {
    const real = root.realPath(source);
    if (real?.startsWith('/dev/') && !real.slice(5).includes('/')) return blockDirByName(root, real.slice(5));
  }
  return undefined;
}

/** Filesystem types whose data is on a network server, not a local disk (the NIC carries them). */
const NETWORK_FS = /^(nfs4?|cifs|smb3|ceph|glusterfs|fuse\.glusterfs|9p|afs|ocfs2|gfs2|fuse\.sshfs)$/;
/** Filesystems that name a pool, not a device: their disks are not visible in sysfs or procfs. */
const POOL_FS = /^(zfs|bcachefs)$/;

interface MountsRead {
  table: ParsedTable<MountEntry>;
  file: string;
}

function readMounts(root: HostRoot): MountsRead | { error: string } {
  for (const file of ['/proc/self/mountinfo', '/proc/mounts']) {
    const r = attempt(() => root.readText(file));
    if ('error' in r) return { error: r.error };
    if (r.value === undefined) continue;
    const table = file.endsWith('mountinfo') ? parseMountinfo(r.value) : parseProcMounts(r.value);
    return { table, file };
  }
  return { error: 'neither /proc/self/mountinfo nor /proc/mounts exists' };
}

/** btrfs spreads one filesystem over several devices: /sys/fs/btrfs/FSID/devices/* lists them. */
function btrfsMembers(root: HostRoot, dir: string): string[] | undefined {
  const name = baseName(dir);
  for (const fsid of root.list('/sys/fs/btrfs')) {
    const devs = root.list(`/sys/fs/btrfs/${fsid}/devices`);
    if (!devs.includes(name)) continue;
    return devs
      .map((d) => root.realPath(`/sys/fs/btrfs/${fsid}/devices/${d}`))
      .filter((d): d is string => d !== undefined);
  }
  return undefined;
}

class UsageReader {
  readonly uses: DeviceUse[] = [];
  readonly untraced: UntracedUse[] = [];
  private routes: RouteEntry[] | undefined;

  constructor(
    private readonly root: HostRoot,
    private readonly opts: UsageOptions,
  ) {}

  private addBlockUses(kind: UseKind, what: string, dir: string, evidence: string[], isRoot: boolean): void {
    const t = attempt(() => traceBlock(this.root, dir, evidence, 0));
    if ('error' in t) {
      this.untraced.push({ scope: 'storage', what, reason: t.error });
      return;
    }
    for (const leaf of t.value.leaves) {
      this.uses.push({
        kind,
        what,
        pciPath: leaf.pci,
        evidence: leaf.evidence,
        ...(isRoot ? { root: true } : {}),
      });
    }
    if (t.value.untraced) this.untraced.push({ scope: 'storage', what, reason: t.value.untraced });
  }

  readMountsAndSwap(): void {
    const m = readMounts(this.root);
    let mounts: MountEntry[] = [];
    if ('error' in m) {
      this.untraced.push({ scope: 'storage', what: 'mounted filesystems', reason: m.error });
    } else {
      mounts = m.table.entries;
      if (m.table.badLines > 0)
        this.untraced.push({
          scope: 'storage',
          what: 'mounted filesystems',
          reason: `${m.table.badLines} line(s) of ${m.file} are not in the kernel's format`,
        });
      for (const e of mounts) this.mount(e, m.file);
    }
    this.swaps(mounts);
    this.members();
  }

  private mount(e: MountEntry, file: string): void {
    const isRoot = e.mountPoint === '/';
    const what = `${isRoot ? 'root filesystem' : 'filesystem'} ${e.mountPoint} (${e.fsType}) from ${e.source}`;
    const evidence = [`${file}: ${e.line}`];
    if ((e.fsType === '9p' || e.fsType === 'virtiofs') && this.virtioMount(e, what, evidence)) return;
    if (NETWORK_FS.test(e.fsType)) {
      this.networkMount(e, what, evidence);
      return;
    }
    if (POOL_FS.test(e.fsType)) {
      this.untraced.push({
        scope: 'storage',
        what,
        reason: `the disks of a ${e.fsType} pool are not listed in sysfs`,
      });
      return;
    }
    let dir: string | undefined;
    if (e.major !== undefined && e.major !== 0) dir = blockDirByNumber(this.root, e.major, e.minor ?? 0);
    if (dir === undefined) {
      const r = attempt(() => blockDirByDevPath(this.root, e.source));
      if ('error' in r) {
        this.untraced.push({ scope: 'storage', what, reason: r.error });
        return;
      }
      dir = r.value;
    }
    if (dir === undefined) {
      // A source outside /dev with an anonymous device number is a virtual filesystem (proc,
      // tmpfs, overlay, cgroup2): no disk. A /dev source that does not resolve is a disk not seen.
      if (e.source.startsWith('/dev/') && !e.source.startsWith('/dev/loop'))
        this.untraced.push({
          scope: 'storage',
          what,
          reason: `${e.source} does not resolve to a block device in /sys`,
        });
      return;
    }
    const members = e.fsType === 'btrfs' ? btrfsMembers(this.root, dir) : undefined;
    for (const d of members ?? [dir]) this.addBlockUses('mount', what, d, evidence, isRoot);
  }

  /**
   * A filesystem shared by the hypervisor over virtio (9p with trans=virtio, virtiofs): the source
   * is the share's tag, which the virtio device names in sysfs (9p: the virtio device's mount_tag,
   * net/9p/trans_virtio.c; virtiofs: /sys/fs/virtiofs/N/tag with a device link,
   * fs/fuse/virtio_fs.c), and that device sits on a PCI function. False when it is not such a mount.
   */
  private virtioMount(e: MountEntry, what: string, evidence: string[]): boolean {
    const opts = [...e.superOptions, ...e.options];
    const tagOf = (p: string) => this.root.readAttr(p)?.replace(/\0+$/, '').trim();
    let dev: string | undefined;
    let via: string | undefined;
    if (e.fsType === '9p') {
      if (!opts.includes('trans=virtio')) return false;
      for (const v of this.root.list('/sys/bus/virtio/devices'))
        if (tagOf(`/sys/bus/virtio/devices/${v}/mount_tag`) === e.source) {
          dev = this.root.realPath(`/sys/bus/virtio/devices/${v}`);
          via = `/sys/bus/virtio/devices/${v}/mount_tag: ${e.source}`;
        }
    } else {
      for (const n of this.root.list('/sys/fs/virtiofs'))
        if (tagOf(`/sys/fs/virtiofs/${n}/tag`) === e.source) {
          dev = this.root.realPath(`/sys/fs/virtiofs/${n}/device`);
          via = `/sys/fs/virtiofs/${n}/tag: ${e.source}`;
        }
    }
    const pci = dev ? pciFunctionsInPath(dev) : [];
    if (!dev || !pci.length) {
      this.untraced.push({
        scope: 'storage',
        what,
        reason: `no virtio device in sysfs carries the share ${e.source}`,
      });
      return true;
    }
    this.uses.push({ kind: 'mount', what, pciPath: pci, evidence: [...evidence, `${via} (${dev})`] });
    return true;
  }

  private networkMount(e: MountEntry, what: string, evidence: string[]): void {
    const addr = [...e.superOptions, ...e.options].find((o) => o.startsWith('addr='))?.slice(5);
    const ip = addr === undefined ? undefined : parseIpAddress(addr);
    if (!ip) {
      this.untraced.push({
        scope: 'network',
        what,
        reason: 'the server address is not in the mount options',
      });
      return;
    }
    this.addRouteUse('network-mount', what, ip, evidence);
  }

  private swaps(mounts: MountEntry[]): void {
    const r = attempt(() => this.root.readText('/proc/swaps'));
    if ('error' in r) {
      this.untraced.push({ scope: 'storage', what: 'swap', reason: r.error });
      return;
    }
    if (r.value === undefined) return; // no swap support in the kernel: nothing to guard
    const t = parseProcSwaps(r.value);
    if (t.badLines > 0)
      this.untraced.push({
        scope: 'storage',
        what: 'swap',
        reason: `${t.badLines} line(s) of /proc/swaps are not in the kernel's format`,
      });
    for (const s of t.entries) {
      const what = `swap ${s.type} ${s.file}`;
      const evidence = [`/proc/swaps: ${s.line.trim()}`];
      if (s.type === 'partition') {
        const d = attempt(() => blockDirByDevPath(this.root, s.file));
        if ('error' in d || d.value === undefined) {
          this.untraced.push({
            scope: 'storage',
            what,
            reason: 'error' in d ? d.error : `${s.file} does not resolve to a block device in /sys`,
          });
          continue;
        }
        this.addBlockUses('swap', what, d.value, evidence, false);
        continue;
      }
      // A swap file lives on the filesystem of the longest mount point that contains it.
      const m = mounts
        .filter(
          (x) =>
            s.file === x.mountPoint || s.file.startsWith(x.mountPoint === '/' ? '/' : `${x.mountPoint}/`),
        )
        .sort((a, b) => b.mountPoint.length - a.mountPoint.length)[0];
      if (!m) {
        this.untraced.push({
          scope: 'storage',
          what,
          reason: 'no mounted filesystem contains the swap file',
        });
        continue;
      }
      const before = this.uses.length;
      this.mount(m, 'mounts');
      for (const u of this.uses.slice(before)) {
        u.kind = 'swap';
        u.what = `${what} on ${m.mountPoint}`;
        u.evidence = [...evidence, ...u.evidence];
        delete u.root;
      }
    }
  }

  /**
   * Members of active stacked devices, mounted or not: a disk with entries in `holders/` is part
   * of an assembled md array, an open LVM volume group or a dm-crypt mapping, and pulling it from
   * under them fails the array or the volume.
   */
  private members(): void {
    const r = attempt(() => this.root.list('/sys/class/block'));
    if ('error' in r) {
      this.untraced.push({ scope: 'storage', what: 'stacked block devices', reason: r.error });
      return;
    }
    for (const b of r.value) {
      const dir = this.root.realPath(`/sys/class/block/${b}`);
      if (!dir) continue;
      const holders = attempt(() => this.root.list(`${dir}/holders`));
      if ('error' in holders) {
        this.untraced.push({ scope: 'storage', what: `holders of ${b}`, reason: holders.error });
        continue;
      }
      if (holders.value.length === 0) continue;
      const names = holders.value.map((h) => {
        const dm = this.root.readAttr(`${dir}/holders/${h}/dm/name`);
        return dm !== undefined ? `${h} (${dm})` : h;
      });
      const pci = pciFunctionsInPath(dir);
      if (pci.length === 0) continue; // a dm device over another dm device: its own disks are traced
      this.uses.push({
        kind: 'block-member',
        what: `${b} is a member of ${names.join(', ')}`,
        pciPath: pci,
        evidence: [`${dir}/holders: ${holders.value.join(' ')}`],
      });
    }
  }

  private readRoutes(): RouteEntry[] | undefined {
    if (this.routes) return this.routes;
    const all: RouteEntry[] = [];
    for (const [file, parse] of [
      ['/proc/net/route', parseIpv4Route],
      ['/proc/net/ipv6_route', parseIpv6Route],
    ] as const) {
      const r = attempt(() => this.root.readText(file));
      if ('error' in r) {
        this.untraced.push({ scope: 'network', what: 'routes', reason: r.error });
        continue;
      }
      if (r.value === undefined) continue; // no IPv6 in the kernel
      const t = parse(r.value);
      if (t.badLines > 0)
        this.untraced.push({
          scope: 'network',
          what: 'routes',
          reason: `${t.badLines} line(s) of ${file} are not in the kernel's format`,
        });
      all.push(...t.entries);
    }
    this.routes = all;
    return all;
  }

  /**
   * The PCI functions under a network interface: its own `device` when it has one, else those of
   * its lower devices (`lower_*` links: the ports of a bridge, the slaves of a bond, the parent
   * of a VLAN or macvlan; net/core/dev.c netdev_adjacent_sysfs_add).
   */
  private nicPaths(iface: string, via: string[], depth = 0): { pci: string[]; evidence: string[] }[] {
    if (!/^[^/\s]{1,15}$/.test(iface) || depth > MAX_STACK_DEPTH) return [];
    const dir = this.root.realPath(`/sys/class/net/${iface}`);
    if (!dir) return [];
    const pci = pciFunctionsInPath(dir);
    if (pci.length > 0) return [{ pci, evidence: [...via, `/sys/class/net/${iface} -> ${dir}`] }];
    const out: { pci: string[]; evidence: string[] }[] = [];
    for (const e of this.root.list(dir)) {
      if (!e.startsWith('lower_')) continue;
      out.push(...this.nicPaths(e.slice(6), [...via, `${iface}: ${dir}/${e}`], depth + 1));
    }
    return out;
  }

  private addIfaceUse(kind: UseKind, what: string, iface: string, evidence: string[]): void {
    const r = attempt(() => this.nicPaths(iface, evidence));
    if ('error' in r) {
      this.untraced.push({ scope: 'network', what, reason: r.error });
      return;
    }
    for (const p of r.value) this.uses.push({ kind, what, pciPath: p.pci, evidence: p.evidence });
  }

  private addRouteUse(
    kind: UseKind,
    what: string,
    ip: { family: 4 | 6; value: bigint },
    evidence: string[],
  ): void {
    const routes = this.readRoutes();
    const r = routes ? routeFor(routes, ip.family, ip.value) : undefined;
    if (!r) {
      this.untraced.push({
        scope: 'network',
        what,
        reason: 'no route in the main table reaches the address',
      });
      return;
    }
    this.addIfaceUse(kind, `${what} via ${r.iface}`, r.iface, [
      ...evidence,
      `${r.family === 4 ? '/proc/net/route' : '/proc/net/ipv6_route'}: ${r.line.trim().replace(/\s+/g, ' ')}`,
    ]);
  }

  readNetwork(): void {
    const routes = this.readRoutes() ?? [];
    for (const r of defaultRoutes(routes)) {
      const file = r.family === 4 ? '/proc/net/route' : '/proc/net/ipv6_route';
      this.addIfaceUse('route', `IPv${r.family} default route via ${r.iface}`, r.iface, [
        `${file}: ${r.line.trim().replace(/\s+/g, ' ')}`,
      ]);
    }
    this.ssh();
  }

  /** SSH_CONNECTION of this process or, since sudo resets the environment, of an ancestor. */
  private sshConnection(): { value: string; from: string } | undefined {
    const own = this.opts.env?.SSH_CONNECTION;
    if (own) return { value: own, from: 'SSH_CONNECTION' };
    let pid = this.opts.pid;
    for (let i = 0; pid !== undefined && pid > 1 && i < MAX_ANCESTORS; i++) {
      const env = attempt(() => this.root.readText(`/proc/${pid}/environ`, 1024 * 1024));
      if ('value' in env && env.value) {
        const hit = env.value.split('\0').find((v) => v.startsWith('SSH_CONNECTION='));
        if (hit) return { value: hit.slice(15), from: `/proc/${pid}/environ SSH_CONNECTION` };
      }
      const status = attempt(() => this.root.readText(`/proc/${pid}/status`, 64 * 1024));
      const pp = 'value' in status ? /^PPid:\s+(\d+)$/m.exec(status.value ?? '') : null;
      pid = pp ? Number(pp[1]) : undefined;
    }
    return undefined;
  }

  private ssh(): void {
    const s = this.sshConnection();
    if (!s) return;
    const f = s.value.trim().split(/\s+/);
    const client = parseIpAddress(f[0] ?? '');
    const local = parseIpAddress(f[2] ?? '');
    const what = `the SSH connection you are logged in over (${s.value.trim().slice(0, 120)})`;
    if (f.length !== 4 || !client || !local) {
      this.untraced.push({ scope: 'network', what, reason: `${s.from} is not "CLIENT PORT SERVER PORT"` });
      return;
    }
    // The local address's own subnet route names the interface that carries it; the route back to
    // the client names the one replies leave by. Both carry the session.
    const evidence = [`${s.from}=${s.value.trim()}`];
    const routes = this.readRoutes() ?? [];
    const seen = new Set<string>();
    for (const ip of [local, client]) {
      const r = routeFor(routes, ip.family, ip.value);
      if (!r || seen.has(r.iface)) continue;
      seen.add(r.iface);
      this.addIfaceUse('ssh', `${what} via ${r.iface}`, r.iface, [
        ...evidence,
        `${r.family === 4 ? '/proc/net/route' : '/proc/net/ipv6_route'}: ${r.line.trim().replace(/\s+/g, ' ')}`,
      ]);
    }
    if (seen.size === 0)
      this.untraced.push({
        scope: 'network',
        what,
        reason: 'no route in the main table reaches its addresses',
      });
  }

  readBootVga(): string[] {
    const out: string[] = [];
    const r = attempt(() => this.root.list('/sys/bus/pci/devices'));
    if ('error' in r) {
      this.untraced.push({ scope: 'display', what: 'the boot GPU', reason: r.error });
      return out;
    }
    for (const a of r.value) {
      const v = attempt(() => this.root.readAttr(`/sys/bus/pci/devices/${a}/boot_vga`));
      if ('error' in v) this.untraced.push({ scope: 'display', what: `boot_vga of ${a}`, reason: v.error });
      else if (v.value === '1') out.push(a);
    }
    return out;
  }

  /**
   * Consoles and framebuffers. A framebuffer of a platform device (efi-framebuffer, simple-
   * framebuffer, vesa-framebuffer: efifb, simplefb, simpledrm, vesafb) scans out of memory the
   * firmware set up on the boot GPU, so it is the boot GPU's; a DRM driver's framebuffer names its
   * PCI device. fbcon draws the text consoles on every framebuffer while a vtconsole named
   * "frame buffer device" is bound; vgacon ("VGA+") uses the boot GPU's legacy VGA ranges
   * (Documentation/driver-api/console.rst, Documentation/fb/fbcon.rst).
   */
  // long: one reader of the display facts, each a few lines, in the order they are reported
  readDisplay(bootVga: string[]): void {
    const consoles: { name: string; evidence: string }[] = [];
    const vt = attempt(() => this.root.list('/sys/class/vtconsole'));
    if ('error' in vt) this.untraced.push({ scope: 'display', what: 'virtual consoles', reason: vt.error });
    else
      for (const c of vt.value) {
        const name = attempt(() => this.root.readAttr(`/sys/class/vtconsole/${c}/name`));
        const bind = attempt(() => this.root.readAttr(`/sys/class/vtconsole/${c}/bind`));
        if ('error' in name || 'error' in bind) {
          this.untraced.push({
            scope: 'display',
            what: `virtual console ${c}`,
            reason: 'error' in name ? name.error : (bind as { error: string }).error,
          });
          continue;
        }
        if (bind.value === '1' && name.value !== undefined)
          consoles.push({
            name: name.value,
            evidence: `/sys/class/vtconsole/${c}: bind=1 name=${name.value}`,
          });
        else if (bind.value !== '0' && bind.value !== '1')
          this.untraced.push({
            scope: 'display',
            what: `virtual console ${c}`,
            reason: 'its bind file is not 0 or 1',
          });
      }
    const fbcon = consoles.find((c) => /frame buffer/i.test(c.name));
    const vgacon = consoles.find((c) => /VGA/.test(c.name));
    const forBoot = (kind: UseKind, what: string, evidence: string[]) => {
      if (bootVga.length === 0) {
        this.untraced.push({
          scope: 'display',
          what,
          reason: 'no PCI device has boot_vga=1, so its GPU is not known',
        });
        return;
      }
      for (const a of bootVga) {
        const dir = this.root.realPath(`/sys/bus/pci/devices/${a}`) ?? a;
        this.uses.push({
          kind,
          what,
          pciPath: pciFunctionsInPath(dir),
          evidence: [...evidence, `${a}/boot_vga: 1`],
        });
      }
    };
    if (vgacon) forBoot('console', 'the VGA text console (vgacon)', [vgacon.evidence]);

    const fbs = attempt(() => this.root.list('/sys/class/graphics'));
    if ('error' in fbs) {
      this.untraced.push({ scope: 'display', what: 'framebuffers', reason: fbs.error });
      return;
    }
    for (const fb of fbs.value) {
      if (!/^fb\d+$/.test(fb)) continue;
      const dev = this.root.realPath(`/sys/class/graphics/${fb}/device`);
      const name = this.root.readAttr(`/sys/class/graphics/${fb}/name`) ?? '?';
      const what = fbcon ? `the text console (fbcon) on ${fb} (${name})` : `framebuffer ${fb} (${name})`;
      const kind: UseKind = fbcon ? 'console' : 'framebuffer';
      const evidence = [
        `/sys/class/graphics/${fb}/device -> ${dev ?? '(none)'}`,
        ...(fbcon ? [fbcon.evidence] : []),
      ];
      const pci = dev ? pciFunctionsInPath(dev) : [];
      if (pci.length > 0) this.uses.push({ kind, what, pciPath: pci, evidence });
      else if (dev && /\/platform\/(efi-framebuffer|simple-framebuffer|vesa-framebuffer)[.\d]*$/.test(dev))
        forBoot(kind, what, evidence);
      else
        this.untraced.push({
          scope: 'display',
          what,
          reason: `its device (${dev ?? 'none'}) is not a known GPU`,
        });
    }
  }

  /**
   * Display servers and other programs drawing on a GPU: processes with a DRM node
   * (/dev/dri/cardN, renderDN: /sys/class/drm/NAME/device) or an Nvidia node open
   * (/dev/nvidiaN: the GPU whose /proc/driver/nvidia/gpus/ADDR/information says "Device Minor: N";
   * /dev/nvidiactl and nvidia-modeset: every Nvidia GPU).
   */
  readDisplayHolders(): void {
    const pids = attempt(() => this.root.list('/proc').filter((p) => /^\d+$/.test(p)));
    if ('error' in pids) {
      this.untraced.push({ scope: 'display', what: 'display servers', reason: pids.error });
      return;
    }
    const nvidia = new Map<string, string>(); // minor → address
    for (const a of this.root.list('/proc/driver/nvidia/gpus')) {
      const info = attempt(() => this.root.readText(`/proc/driver/nvidia/gpus/${a}/information`, 64 * 1024));
      const m = 'value' in info ? /^Device Minor:\s*(\d+)/m.exec(info.value ?? '') : null;
      if (m) nvidia.set(m[1], a);
    }
    let unreadable = 0;
    const seen = new Set<string>();
    for (const pid of pids.value.slice(0, MAX_PROCESSES)) {
      const fds = attempt(() => this.root.list(`/proc/${pid}/fd`));
      if ('error' in fds) {
        unreadable++;
        continue;
      }
      let comm: string | undefined;
      for (const fd of fds.value.slice(0, MAX_FDS_PER_PROCESS)) {
        const t = attempt(() => this.root.readLink(`/proc/${pid}/fd/${fd}`));
        const target = 'value' in t ? t.value : undefined;
        if (!target || !(target.startsWith('/dev/dri/') || target.startsWith('/dev/nvidia'))) continue;
        const addrs: string[] = [];
        const drm = /^\/dev\/dri\/((?:card|renderD)\d+)$/.exec(target);
        const nv = /^\/dev\/nvidia(\d+)$/.exec(target);
        if (drm) {
          const dev = this.root.realPath(`/sys/class/drm/${drm[1]}/device`);
          if (dev) addrs.push(dev);
        } else if (nv) {
          const a = nvidia.get(nv[1]);
          if (a) addrs.push(this.root.realPath(`/sys/bus/pci/devices/${a}`) ?? a);
        } else if (/^\/dev\/nvidia(ctl|-modeset)$/.test(target)) {
          for (const a of nvidia.values()) addrs.push(this.root.realPath(`/sys/bus/pci/devices/${a}`) ?? a);
        }
        comm ??= this.root.readAttr(`/proc/${pid}/comm`) ?? '?';
        for (const dev of addrs) {
          const pci = pciFunctionsInPath(dev);
          const key = `${pid} ${pci[0]}`;
          if (pci.length === 0 || seen.has(key)) continue;
          seen.add(key);
          this.uses.push({
            kind: 'display',
            what: `process ${comm} (pid ${pid}) has ${target} open`,
            pciPath: pci,
            evidence: [`/proc/${pid}/fd/${fd} -> ${target}`, `/proc/${pid}/comm: ${comm}`],
          });
        }
      }
    }
    if (unreadable > 0)
      this.untraced.push({
        scope: 'display',
        what: 'display servers',
        reason: `the open files of ${unreadable} process(es) could not be read (run as root)`,
      });
  }
}

/** Read everything the guard needs to know about what the host is using. */
export function readHostUsage(root: HostRoot, opts: UsageOptions = {}): HostUsage {
  const r = new UsageReader(root, opts);
  r.readMountsAndSwap();
  r.readNetwork();
  const bootVga = r.readBootVga();
  r.readDisplay(bootVga);
  r.readDisplayHolders();
  return { uses: r.uses, untraced: r.untraced, bootVga };
}
