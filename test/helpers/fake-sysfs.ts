/**
 * A simulated sysfs for the binding engine: a copy of a lab snapshot tree (a real kernel's /sys as
 * captured), kept up to date on disk as writes change it, with the kernel's binding rules behind
 * the writes. A mock, because a kernel that binds and unbinds cannot run in a unit test; the lab
 * (test/lab/bind.test.ts) checks the same engine against the real one.
 *
 * The rules, from drivers/pci/pci-driver.c and drivers/base/bus.c, dd.c (Linux 6.1):
 * - a driver matches a device when driver_override names it (and then only that driver matches,
 *   whatever the IDs), otherwise when one of its dynamic IDs (new_id) or its static table matches
 *   (pci_match_device). vfio-pci's static table matches only through driver_override
 *   (PCI_DRIVER_OVERRIDE_DEVICE_VFIO), and its probe refuses bridges (non-zero header type) and
 *   devices without an IOMMU group (vfio_pci_probe, vfio_group_find_or_alloc).
 * - writing a driver's `unbind` detaches the device when that driver has it, else ENODEV;
 *   `bind` attaches when the driver matches and the device has no driver (EBUSY when it has one,
 *   ENODEV when the driver does not match), the probe's error otherwise.
 * - writing an address to /sys/bus/pci/drivers_probe attaches a driverless device to the first
 *   matching driver whose probe succeeds (bus order, here the drivers' registration order); a
 *   device with a driver is left alone; no match is not an error (bus_rescan_devices_helper).
 * - driver_override: one trailing newline is dropped; empty clears; a page or more is EINVAL
 *   (driver_set_override). Setting it binds nothing.
 * - new_id "VVVV DDDD [SV SD CLASS MASK]" adds a dynamic ID and probes every driverless device
 *   (EEXIST when the ID is there already); remove_id removes it (ENODEV when absent).
 *
 * Fault injection: the n-th write (counting from 0, undo writes included) can fail (EIO) or
 * block (never return: the caller's timeout fires; the write has no effect, as when a driver's
 * remove() waits for a user who never lets go).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CommandRunner, DirHostWriter } from '../../src/host/host-writer.js';
import { type HostRoot, openRoot } from '../../src/host/root.js';
import type { DeviceBinding, SysfsIo, SysfsWriteResult } from '../../src/host/sysfs-io.js';

const repoRootDir = fileURLToPath(new URL('../..', import.meta.url));

interface Dev {
  address: string;
  vendor: number;
  device: number;
  subVendor: number;
  subDevice: number;
  cls: number;
  headerType: number;
  group: boolean;
  driver: string | null;
  override: string | null;
  /** Absolute path of the device directory in the tree. */
  dir: string;
}

interface Id {
  vendor: number;
  device: number;
}

interface Drv {
  name: string;
  /** Static table: IDs; vfio-pci's matches only through driver_override. */
  ids: Id[];
  dyn: Id[];
  overrideOnly: boolean;
}

export type Fault = { at: number; kind: 'fail' | 'block' } | undefined;

const hex = (s: string) => Number.parseInt(s.trim(), 16);

export class FakeSysfs implements SysfsIo {
  readonly live = false;
  readonly devs = new Map<string, Dev>();
  readonly drivers: Drv[] = [];
  /** Every write attempted, in order: "path <- value". */
  readonly log: string[] = [];
  fault: Fault;
  /** Writes to fail regardless of position (path suffixes). */
  failPaths: string[] = [];

  /**
   * dir: a copy of a snapshot (the tree's sys/ and run/ change). tablesFrom: the snapshot whose
   * bindings teach each driver its IDs (default dir; a tree saved mid-run has devices on
   * vfio-pci whose old driver must still match them).
   */
  constructor(
    readonly dir: string,
    tablesFrom?: string,
  ) {
    const bus = path.join(dir, 'sys/bus/pci');
    for (const name of fs.readdirSync(path.join(bus, 'drivers')).sort()) {
      this.drivers.push({
        name,
        ids: [],
        dyn: [],
        overrideOnly: name === 'vfio-pci' || name === 'pci-stub',
      });
    }
    for (const a of fs.readdirSync(path.join(bus, 'devices')).sort()) {
      const d = path.resolve(path.join(bus, 'devices'), fs.readlinkSync(path.join(bus, 'devices', a)));
      const attr = (n: string) => fs.readFileSync(path.join(d, n), 'utf8');
      let driver: string | null = null;
      try {
        driver = path.basename(fs.readlinkSync(path.join(d, 'driver')));
      } catch {}
      const ov = attr('driver_override').replace(/\n$/, '');
      const cfg = fs.readFileSync(path.join(d, 'config'));
      const dev: Dev = {
        address: a,
        vendor: hex(attr('vendor')),
        device: hex(attr('device')),
        subVendor: hex(attr('subsystem_vendor')),
        subDevice: hex(attr('subsystem_device')),
        cls: hex(attr('class')),
        headerType: cfg[0x0e] & 0x7f,
        group: fs.existsSync(path.join(d, 'iommu_group')),
        driver,
        override: ov === '(null)' ? null : ov,
        dir: d,
      };
      this.devs.set(a, dev);
    }
    // The driver a device was bound to at capture matches its ID: the kernel chose it.
    const tb = path.join(tablesFrom ?? dir, 'sys/bus/pci/devices');
    for (const a of fs.readdirSync(tb)) {
      const dev = this.devs.get(a);
      let name: string | undefined;
      try {
        name = path.basename(
          fs.readlinkSync(path.join(path.resolve(tb, fs.readlinkSync(path.join(tb, a))), 'driver')),
        );
      } catch {}
      const drv = name ? this.drv(name) : undefined;
      if (dev && drv && !drv.overrideOnly) drv.ids.push({ vendor: dev.vendor, device: dev.device });
    }
  }

  private drv(name: string): Drv | undefined {
    return this.drivers.find((d) => d.name === name);
  }

  /** A driver that also matches an ID (a second driver for the same chip, like 8139too and 8139cp). */
  addMatch(driver: string, vendor: number, device: number): void {
    const d = this.drv(driver);
    if (!d) throw new Error(`no driver ${driver}`);
    d.ids.push({ vendor, device });
  }

  /** modprobe: register a driver (and probe driverless devices, as driver_register does). */
  loadDriver(name: string): void {
    if (this.drv(name)) return;
    this.drivers.push({ name, ids: [], dyn: [], overrideOnly: name === 'vfio-pci' || name === 'pci-stub' });
    fs.mkdirSync(path.join(this.dir, 'sys/bus/pci/drivers', name), { recursive: true });
    this.attachAll(name);
  }

  /** The state that must come back after a rollback: every device's driver and driver_override. */
  state(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.devs.values()) out[d.address] = `${d.driver ?? '-'} ${d.override ?? '(null)'}`;
    return out;
  }

  binding(address: string): DeviceBinding | undefined {
    const d = this.devs.get(address);
    return d ? { driver: d.driver, override: d.override } : undefined;
  }

  driverLoaded(name: string): boolean {
    return this.drv(name) !== undefined;
  }

  async write(hostPath: string, value: string, opts: { timeoutMs: number }): Promise<SysfsWriteResult> {
    const n = this.log.length;
    this.log.push(`${hostPath} <- ${JSON.stringify(value)}`);
    if (this.fault?.at === n) {
      if (this.fault.kind === 'fail') return { ok: false, error: 'EIO' };
      return { ok: false, timedOut: true, error: `no answer after ${opts.timeoutMs} ms` };
    }
    if (this.failPaths.some((p) => hostPath.endsWith(p))) return { ok: false, error: 'EIO' };
    const err = this.apply(hostPath, value);
    return err ? { ok: false, error: err } : { ok: true };
  }

  private match(drv: Drv, d: Dev): boolean {
    if (d.override !== null) return d.override === drv.name;
    const hit = (i: Id) => i.vendor === d.vendor && i.device === d.device;
    return drv.dyn.some(hit) || (!drv.overrideOnly && drv.ids.some(hit));
  }

  /** The probe: vfio-pci takes endpoints with an IOMMU group only; others take what matches. */
  private probe(drv: Drv, d: Dev): string | undefined {
    if (drv.name === 'vfio-pci' && (d.headerType !== 0 || !d.group)) return 'EINVAL';
    this.setDriver(d, drv.name);
    return undefined;
  }

  private attach(d: Dev): void {
    if (d.driver !== null) return;
    for (const drv of this.drivers) if (this.match(drv, d) && this.probe(drv, d) === undefined) return;
  }

  private attachAll(name: string): void {
    const drv = this.drv(name);
    if (!drv) return;
    for (const d of this.devs.values()) if (d.driver === null && this.match(drv, d)) this.probe(drv, d);
  }

  private apply(hostPath: string, value: string): string | undefined {
    let m = /^\/sys\/bus\/pci\/drivers\/([^/]+)\/(unbind|bind|new_id|remove_id)$/.exec(hostPath);
    if (m) {
      const drv = this.drv(m[1]);
      if (!drv) return 'ENOENT';
      const op = m[2];
      if (op === 'new_id' || op === 'remove_id') {
        const f = value.trim().split(/\s+/);
        if (f.length < 2 || !f.every((x) => /^[0-9a-fA-F]+$/.test(x))) return 'EINVAL';
        const id = { vendor: hex(f[0]), device: hex(f[1]) };
        const i = drv.dyn.findIndex((x) => x.vendor === id.vendor && x.device === id.device);
        if (op === 'remove_id') {
          if (i < 0) return 'ENODEV';
          drv.dyn.splice(i, 1);
          return undefined;
        }
        if (i >= 0) return 'EEXIST';
        drv.dyn.push(id);
        this.attachAll(drv.name);
        return undefined;
      }
      const d = this.devs.get(value.trim());
      if (!d) return 'ENODEV';
      if (op === 'unbind') {
        if (d.driver !== drv.name) return 'ENODEV';
        this.setDriver(d, null);
        return undefined;
      }
      if (!this.match(drv, d)) return 'ENODEV';
      if (d.driver !== null) return 'EBUSY';
      return this.probe(drv, d);
    }
    if (hostPath === '/sys/bus/pci/drivers_probe') {
      const d = this.devs.get(value.trim());
      if (!d) return 'ENODEV';
      this.attach(d);
      return undefined;
    }
    m = /^\/sys\/bus\/pci\/devices\/([^/]+)\/driver_override$/.exec(hostPath);
    if (m) {
      const d = this.devs.get(m[1]);
      if (!d) return 'ENOENT';
      if (value.length >= 4096) return 'EINVAL';
      const v = value.replace(/\n$/, '');
      d.override = v === '' ? null : v;
      fs.writeFileSync(path.join(d.dir, 'driver_override'), `${d.override ?? '(null)'}\n`);
      return undefined;
    }
    return 'EACCES';
  }

  /** The driver link and the driver's device link, as the kernel keeps them (driver_sysfs_add). */
  private setDriver(d: Dev, name: string | null): void {
    const bus = path.join(this.dir, 'sys/bus/pci/drivers');
    if (d.driver) fs.rmSync(path.join(bus, d.driver, d.address), { force: true });
    fs.rmSync(path.join(d.dir, 'driver'), { force: true });
    d.driver = name;
    if (!name) return;
    fs.mkdirSync(path.join(bus, name), { recursive: true });
    fs.symlinkSync(path.relative(d.dir, path.join(bus, name)), path.join(d.dir, 'driver'));
    fs.symlinkSync(path.relative(path.join(bus, name), d.dir), path.join(bus, name, d.address));
  }
}

/** A fresh copy of a snapshot tree to run a fake sysfs over. */
export function copySnapshot(src: string, dest: string): string {
  fs.cpSync(src, dest, { recursive: true, verbatimSymlinks: true });
  return dest;
}

/** A lab snapshot copied to a temporary directory with a fake sysfs and a writer over it. */
export interface FakeHost {
  dir: string;
  fake: FakeSysfs;
  /** Commands run (modprobe): the fake loads the module's driver. */
  ran: string[][];
  writer: DirHostWriter;
  /** A fresh root over the tree (a root caches what it read; plan from a new one). */
  root(): HostRoot;
  cleanup(): void;
}

/**
 * Where the trees go: a tmpfs when there is one. The journal is fsynced before every step, which
 * on a disk costs a flush per step and makes hundreds of fault cases crawl on a busy machine.
 */
export function scratch(): string {
  return fs.existsSync('/dev/shm') && fs.statSync('/dev/shm').isDirectory() ? '/dev/shm' : os.tmpdir();
}

export type Lab = 'desktop' | 'legacy' | 'server' | 'noacs';
export const labSnapshot = (lab: Lab) => path.join(repoRootDir, `test/fixtures/lab-${lab}/snapshot`);

/**
 * from: a tree saved earlier (a "crash image") to start from instead of the lab snapshot.
 * failCommands: every command exits 1 (modprobe failing).
 */
export function fakeHost(
  lab: Lab,
  opts: { from?: string; failCommands?: boolean; make?: (dir: string) => FakeSysfs } = {},
): FakeHost {
  const dir = fs.mkdtempSync(path.join(scratch(), `vfiokit-bind-${lab}-`));
  copySnapshot(opts.from ?? labSnapshot(lab), dir);
  // make: a subclass with more of the kernel's files (hugepage pools); the runner's modprobe must
  // load drivers into that same simulation.
  const fake = opts.make ? opts.make(dir) : new FakeSysfs(dir, labSnapshot(lab));
  const ran: string[][] = [];
  const runner: CommandRunner = async (argv) => {
    ran.push([...argv]);
    if (opts.failCommands) return { ran: true, status: 1, stdout: '', stderr: `${argv[0]}: failed` };
    if (argv[0] === 'modprobe' && argv[1]) fake.loadDriver(argv[1].replace(/_/g, '-'));
    return { ran: true, status: 0, stdout: '', stderr: '' };
  };
  return {
    dir,
    fake,
    ran,
    writer: new DirHostWriter(dir, runner),
    root: () => openRoot(dir),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
