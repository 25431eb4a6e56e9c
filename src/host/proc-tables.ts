/**
 * Parsers for the procfs tables that say what the host is using: mounts, swap areas and routes.
 * Pure functions from text to records; a line that does not have the kernel's shape is skipped and
 * counted, never guessed at, so a reader can say the table was damaged instead of trusting it.
 */

/**
 * Undo the octal escapes the kernel writes in mount points and device names: seq_file's
 * mangle_path() turns each space, tab, newline and backslash into \ooo (fs/proc_namespace.c and
 * mm/swapfile.c call seq_path/seq_file_path with " \t\n\\").
 */
export function unescapeOctal(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8) & 0xff));
}

export interface MountEntry {
  source: string;
  mountPoint: string;
  fsType: string;
  /** Per-mount options (ro, rw, ...). */
  options: string[];
  /** Superblock options (mountinfo only): nfs and cifs name the server here as addr=. */
  superOptions: string[];
  /** Device number st_dev of the filesystem (mountinfo only); major 0 is an anonymous device. */
  major?: number;
  minor?: number;
  /** The line as read, for evidence. */
  line: string;
}

export interface ParsedTable<T> {
  entries: T[];
  /** Lines that did not have the kernel's shape (empty lines are not counted). */
  badLines: number;
}

const MAX_FIELD = 4096; // PATH_MAX: a longer path or name is not one the kernel printed

function ok(fields: string[]): boolean {
  return fields.every((f) => f.length > 0 && f.length <= MAX_FIELD);
}

/** /proc/mounts (= /proc/self/mounts): "SOURCE MOUNTPOINT FSTYPE OPTIONS 0 0" (proc(5)). */
export function parseProcMounts(text: string): ParsedTable<MountEntry> {
  const entries: MountEntry[] = [];
  let badLines = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const f = line.split(' ');
    if (f.length !== 6 || !ok(f) || !/^\d+$/.test(f[4]) || !/^\d+$/.test(f[5])) {
      badLines++;
      continue;
    }
    entries.push({
      source: unescapeOctal(f[0]),
      mountPoint: unescapeOctal(f[1]),
      fsType: unescapeOctal(f[2]),
      options: f[3].split(','),
      superOptions: [],
      line,
    });
  }
  return { entries, badLines };
}

/**
 * /proc/self/mountinfo (proc(5), Documentation/filesystems/proc.rst 3.5):
 * "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS".
 * The device number is what makes it better than /proc/mounts: "/dev/root" or a by-uuid name
 * resolves without /dev.
 */
export function parseMountinfo(text: string): ParsedTable<MountEntry> {
  const entries: MountEntry[] = [];
  let badLines = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const f = line.split(' ');
    const dash = f.indexOf('-', 6);
    const dev = /^(\d{1,10}):(\d{1,10})$/.exec(f[2] ?? '');
    if (
      f.length < 10 ||
      dash < 0 ||
      f.length !== dash + 4 ||
      !ok(f) ||
      !dev ||
      !/^\d+$/.test(f[0]) ||
      !/^\d+$/.test(f[1])
    ) {
      badLines++;
      continue;
    }
    entries.push({
      source: unescapeOctal(f[dash + 2]),
      mountPoint: unescapeOctal(f[4]),
      fsType: unescapeOctal(f[dash + 1]),
      options: f[5].split(','),
      superOptions: f[dash + 3].split(','),
      major: Number(dev[1]),
      minor: Number(dev[2]),
      line,
    });
  }
  return { entries, badLines };
}

export interface SwapEntry {
  /** Block device or file path, unescaped. */
  file: string;
  type: 'partition' | 'file';
  line: string;
}

/** /proc/swaps: a header, then "FILENAME TYPE SIZE USED PRIORITY" (mm/swapfile.c swap_show). */
export function parseProcSwaps(text: string): ParsedTable<SwapEntry> {
  const entries: SwapEntry[] = [];
  let badLines = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    if (i === 0 && line.startsWith('Filename')) continue;
    const f = line.trim().split(/\s+/);
    if (f.length !== 5 || !ok(f) || (f[1] !== 'partition' && f[1] !== 'file') || !/^\d+$/.test(f[2])) {
      badLines++;
      continue;
    }
    entries.push({ file: unescapeOctal(f[0]), type: f[1], line });
  }
  return { entries, badLines };
}

/** A route of the main table, IPv4 or IPv6, as the two procfs files give it. */
export interface RouteEntry {
  family: 4 | 6;
  iface: string;
  /** Destination as a bigint over 32 or 128 bits (host order for IPv4, see parseIpv4Route). */
  dest: bigint;
  prefixLength: number;
  metric: number;
  flags: number;
  line: string;
}

/** RTF_UP and RTF_REJECT (include/uapi/linux/route.h, ipv6_route.h). */
export const RTF_UP = 0x1;
export const RTF_REJECT = 0x200;

const IFNAME = /^[^\s/:]{1,15}$/; // IFNAMSIZ-1, no '/' or whitespace (dev_valid_name)

/** A contiguous netmask → its prefix length, or undefined for a mask with holes. */
function maskLength(mask: number): number | undefined {
  let n = 0;
  while (n < 32 && (mask >>> (31 - n)) & 1) n++;
  return ((mask << n) | 0) === 0 || n === 32 ? n : undefined;
}

/**
 * /proc/net/route: "IFACE DEST GATEWAY FLAGS REFCNT USE METRIC MASK MTU WINDOW IRTT", addresses
 * as %08X of the in-memory __be32 (net/ipv4/fib_trie.c fib_route_seq_show), so on a
 * little-endian machine 192.168.1.0 reads 0001A8C0. They are turned back into network order here
 * assuming a little-endian host (x86, arm64, riscv64: every machine VFIO passthrough runs on in
 * practice).
 */
export function parseIpv4Route(text: string): ParsedTable<RouteEntry> {
  const entries: RouteEntry[] = [];
  let badLines = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    if (i === 0 && line.startsWith('Iface')) continue;
    const f = line.trim().split(/\s+/);
    const hex8 = (s: string) => /^[0-9A-Fa-f]{8}$/.test(s);
    if (
      f.length !== 11 ||
      !IFNAME.test(f[0]) ||
      !hex8(f[1]) ||
      !hex8(f[7]) ||
      !/^[0-9A-Fa-f]{4}$/.test(f[3])
    ) {
      badLines++;
      continue;
    }
    const swap = (s: string) => {
      const v = parseInt(s, 16);
      return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
    };
    const mask = swap(f[7]);
    const len = maskLength(mask);
    const metric = Number(f[6]);
    if (len === undefined || !Number.isSafeInteger(metric)) {
      badLines++;
      continue;
    }
    entries.push({
      family: 4,
      iface: f[0],
      dest: BigInt((swap(f[1]) & mask) >>> 0),
      prefixLength: len,
      metric,
      flags: parseInt(f[3], 16),
      line,
    });
  }
  return { entries, badLines };
}

/**
 * /proc/net/ipv6_route: "DEST DESTLEN SRC SRCLEN NEXTHOP METRIC REFCNT USE FLAGS IFACE", addresses
 * as 32 hex digits in network order, lengths and numbers in hex (net/ipv6/route.c
 * ipv6_route_native_seq_show).
 */
export function parseIpv6Route(text: string): ParsedTable<RouteEntry> {
  const entries: RouteEntry[] = [];
  let badLines = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const f = line.trim().split(/\s+/);
    const hex = (s: string, n: number) => s.length === n && /^[0-9a-fA-F]+$/.test(s);
    if (
      f.length !== 10 ||
      !hex(f[0], 32) ||
      !hex(f[1], 2) ||
      !hex(f[5], 8) ||
      !hex(f[8], 8) ||
      !IFNAME.test(f[9]) ||
      parseInt(f[1], 16) > 128
    ) {
      badLines++;
      continue;
    }
    entries.push({
      family: 6,
      iface: f[9],
      dest: BigInt(`0x${f[0]}`),
      prefixLength: parseInt(f[1], 16),
      metric: parseInt(f[5], 16),
      flags: parseInt(f[8], 16),
      line,
    });
  }
  return { entries, badLines };
}

/** A usable route: up and not a reject (unreachable/prohibit) entry such as IPv6's "lo" default. */
export function routeIsLive(r: RouteEntry): boolean {
  return (r.flags & RTF_UP) !== 0 && (r.flags & RTF_REJECT) === 0;
}

/** Default routes: prefix length 0, live. */
export function defaultRoutes(routes: readonly RouteEntry[]): RouteEntry[] {
  return routes.filter((r) => r.prefixLength === 0 && routeIsLive(r));
}

/** An IP address as family and bigint (network order), or undefined when it is not one. */
export function parseIpAddress(s: string): { family: 4 | 6; value: bigint } | undefined {
  const t = s.replace(/%[^%]*$/, ''); // a zone ("fe80::1%eth0") names no address bits
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(t);
  if (v4) {
    const b = v4.slice(1).map(Number);
    if (b.some((x) => x > 255)) return undefined;
    return { family: 4, value: BigInt(((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0) };
  }
  if (!/^[0-9a-fA-F:.]{2,45}$/.test(t)) return undefined;
  // IPv4-mapped (::ffff:a.b.c.d): sshd reports a v4 client of a v6 socket this way.
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(t);
  if (mapped) return parseIpAddress(mapped[1]);
  const halves = t.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (all.length !== 8 || !all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return { family: 6, value: all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n) };
}

/**
 * The route the kernel's main table picks for an address: the longest matching prefix, the lowest
 * metric among equals (policy routing rules are not in procfs and are not modelled).
 */
export function routeFor(routes: readonly RouteEntry[], family: 4 | 6, addr: bigint): RouteEntry | undefined {
  const bits = family === 4 ? 32 : 128;
  let best: RouteEntry | undefined;
  for (const r of routes) {
    if (r.family !== family || !routeIsLive(r)) continue;
    const shift = BigInt(bits - r.prefixLength);
    if (addr >> shift !== r.dest >> shift) continue;
    if (
      !best ||
      r.prefixLength > best.prefixLength ||
      (r.prefixLength === best.prefixLength && r.metric < best.metric)
    )
      best = r;
  }
  return best;
}
