/**
 * Adds to a fixture tree what the kernel shows about the host's own use of its devices: block
 * devices (disks, partitions, device-mapper and md devices with their slaves/ and holders/
 * links), network interfaces (with lower_* links for bridges and bonds), framebuffers, virtual
 * consoles, DRM nodes, processes with open files and /proc tables. The links are relative, as
 * sysfs makes them; the layouts follow Documentation/ABI/stable/sysfs-block, sysfs-class-net and
 * what a Debian 6.1 kernel shows (the lab's).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export class UsageTree {
  constructor(readonly top: string) {}

  private abs(rel: string): string {
    return path.join(this.top, rel.replace(/^\/+/, ''));
  }

  write(rel: string, data: string): void {
    fs.mkdirSync(path.dirname(this.abs(rel)), { recursive: true });
    fs.writeFileSync(this.abs(rel), data);
  }

  /** A relative link at `from` to `to` (both host paths), as sysfs makes them. */
  link(from: string, to: string): void {
    fs.mkdirSync(path.dirname(this.abs(from)), { recursive: true });
    fs.symlinkSync(path.relative(path.dirname(`/${from.replace(/^\/+/, '')}`), to), this.abs(from));
  }

  /** A raw link (absolute targets such as /proc/PID/fd/N -> /dev/dri/card0). */
  rawLink(from: string, target: string): void {
    fs.mkdirSync(path.dirname(this.abs(from)), { recursive: true });
    fs.symlinkSync(target, this.abs(from));
  }

  private registerBlock(name: string, dir: string, devno: string, whole: boolean): void {
    fs.mkdirSync(this.abs(dir), { recursive: true });
    this.write(`${dir}/dev`, `${devno}\n`);
    fs.mkdirSync(this.abs(`${dir}/holders`), { recursive: true });
    if (whole) {
      fs.mkdirSync(this.abs(`${dir}/slaves`), { recursive: true });
      this.link(`/sys/block/${name}`, dir);
    }
    this.link(`/sys/class/block/${name}`, dir);
    this.link(`/sys/dev/block/${devno}`, dir);
  }

  /** A disk under a device directory (`sub`: e.g. "nvme/nvme0"), with partitions. Returns its dir. */
  disk(
    deviceDir: string,
    sub: string,
    name: string,
    devno: string,
    partitions: [string, string][] = [],
  ): string {
    const dir = `${deviceDir}/${sub}/${name}`;
    this.registerBlock(name, dir, devno, true);
    partitions.forEach(([p, n], i) => {
      this.registerBlock(p, `${dir}/${p}`, n, false);
      this.write(`${dir}/${p}/partition`, `${i + 1}\n`);
    });
    return dir;
  }

  /** A virtual block device (dm-N, mdN) built on `slaves` (block device names). */
  virtualBlock(name: string, devno: string, slaves: string[], opts: { dmName?: string } = {}): string {
    const dir = `/sys/devices/virtual/block/${name}`;
    this.registerBlock(name, dir, devno, true);
    if (opts.dmName !== undefined) this.write(`${dir}/dm/name`, `${opts.dmName}\n`);
    for (const s of slaves) {
      const sdir = fs.realpathSync(this.abs(`/sys/class/block/${s}`)).slice(fs.realpathSync(this.top).length);
      this.link(`${dir}/slaves/${s}`, sdir);
      this.link(`${sdir}/holders/${name}`, dir);
    }
    return dir;
  }

  /** A network interface on a PCI device, or virtual (bridge, bond) with lower devices. */
  netIface(name: string, deviceDir?: string, lowers: string[] = []): void {
    const dir = deviceDir ? `${deviceDir}/net/${name}` : `/sys/devices/virtual/net/${name}`;
    fs.mkdirSync(this.abs(dir), { recursive: true });
    if (deviceDir) this.link(`${dir}/device`, deviceDir);
    this.link(`/sys/class/net/${name}`, dir);
    for (const l of lowers) {
      const ldir = fs.realpathSync(this.abs(`/sys/class/net/${l}`)).slice(fs.realpathSync(this.top).length);
      this.link(`${dir}/lower_${l}`, ldir);
      this.link(`${ldir}/upper_${name}`, dir);
    }
  }

  /** A framebuffer: `deviceDir` is a PCI device directory or /sys/devices/platform/efi-framebuffer.0. */
  framebuffer(fb: string, deviceDir: string, name: string): void {
    const dir = `${deviceDir}/graphics/${fb}`;
    this.write(`${dir}/name`, `${name}\n`);
    this.link(`${dir}/device`, deviceDir);
    this.link(`/sys/class/graphics/${fb}`, dir);
  }

  vtconsole(n: number, name: string, bound: boolean): void {
    const dir = `/sys/devices/virtual/vtconsole/vtcon${n}`;
    this.write(`${dir}/name`, `${name}\n`);
    this.write(`${dir}/bind`, bound ? '1\n' : '0\n');
    this.link(`/sys/class/vtconsole/vtcon${n}`, dir);
  }

  drm(card: string, deviceDir: string): void {
    const dir = `${deviceDir}/drm/${card}`;
    this.write(`${dir}/dev`, '226:0\n');
    this.link(`${dir}/device`, deviceDir);
    this.link(`/sys/class/drm/${card}`, dir);
  }

  process(pid: number, comm: string, opts: { ppid?: number; fds?: string[]; environ?: string[] } = {}): void {
    this.write(`/proc/${pid}/comm`, `${comm}\n`);
    this.write(`/proc/${pid}/status`, `Name:\t${comm}\nPid:\t${pid}\nPPid:\t${opts.ppid ?? 1}\n`);
    this.write(`/proc/${pid}/environ`, (opts.environ ?? []).map((e) => `${e}\0`).join(''));
    fs.mkdirSync(this.abs(`/proc/${pid}/fd`), { recursive: true });
    for (const [i, t] of (opts.fds ?? []).entries()) this.rawLink(`/proc/${pid}/fd/${i}`, t);
  }
}

/** An IPv4 address and prefix as /proc/net/route prints them on a little-endian host (%08X of __be32). */
export function routeHex(ip: string): string {
  const b = ip.split('.').map(Number);
  return ((b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0)
    .toString(16)
    .toUpperCase()
    .padStart(8, '0');
}

export function maskHex(len: number): string {
  const m = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return routeHex([m >>> 24, (m >> 16) & 255, (m >> 8) & 255, m & 255].join('.'));
}

/** One /proc/net/route line (fib_route_seq_show's format: tab-separated, %-127s padded). */
export function routeLine(
  iface: string,
  dest: string,
  gw: string,
  flags: number,
  metric: number,
  len: number,
): string {
  const l = `${iface}\t${routeHex(dest)}\t${routeHex(gw)}\t${flags.toString(16).toUpperCase().padStart(4, '0')}\t0\t0\t${metric}\t${maskHex(len)}\t0\t0\t0`;
  return l.padEnd(127);
}

export const ROUTE_HEADER =
  'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT'.padEnd(127);
