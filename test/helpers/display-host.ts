/**
 * A single-GPU desktop for handover tests: the lab's desktop snapshot (its boot GPU 0000:01:00.0 on
 * bochs-drm with HDMI audio 0000:01:00.1 on snd_hda_intel, as the real kernel bound them) with the
 * display stack added around it. Two consoles layouts, both real:
 *
 * - `simplefb` (the default): a display manager running in its systemd cgroup with an X server
 *   holding /dev/dri/card0; the dummy console registered at boot ("(S) dummy device", vtcon0, as
 *   con_init() registers the boot console) and fbcon after it (vtcon1, bound); the firmware
 *   framebuffer (simple-framebuffer.0 on the simple-framebuffer platform driver) as fb0 and
 *   bochs-drm's own framebuffer as fb1.
 * - `lab`: what the lab's real 6.1 kernel shows (test/lab/handover.test.ts, README): no display
 *   manager, no firmware framebuffer left, bochs-drm's fb0, and fbcon as vtcon0 next to an "(M)
 *   dummy device" vtcon1. bochs-drm replaced vgacon, the boot console, by an (M) dummy console
 *   (vga_remove_vgacon, drivers/pci/vgaarb.c: do_take_over_console(&dummy_con), then
 *   do_unregister_con_driver(&vga_con)) and fbcon registered in the slot vgacon left, so no
 *   console driver without CON_DRIVER_FLAG_MODULE is registered.
 *
 * The simulated sysfs extends the binding one (fake-sysfs.ts) with the files handover writes, by
 * the kernel's rules (Linux 6.1). A mock, because a kernel cannot run in a unit test; the lab runs
 * the same plans on the real one.
 * - vtconsole `bind` (drivers/tty/vt/vt.c, store_bind: the value is read by simple_strtoul and
 *   the write never fails): non-zero is vt_bind(), which binds an (M) driver only to the VTs held
 *   by the first registered driver without CON_DRIVER_FLAG_MODULE and does nothing when there is
 *   none; zero is vt_unbind(), which hands an (M) driver's VTs to the first registered driver other
 *   than it (do_unbind_con_driver). An (S) driver ignores both. `bind` reads 1 while the driver
 *   holds VTs (con_is_bound). All console drivers here cover every VT, so one driver holds them.
 * - framebuffers follow their drivers: bochs-drm's while the GPU is bound to it, the firmware
 *   one's while simple-framebuffer.0 is bound, each registered at the lowest free fb number. When a
 *   framebuffer goes and none is left, fbcon gives its VTs to the first other registered driver
 *   (fbcon_fb_unbind -> fbcon_unbind) and unregisters (fbcon_fb_unregistered ->
 *   do_unregister_con_driver), so its vtconsole disappears; when fb0 registers and fbcon does not
 *   hold the VTs, fbcon registers in the lowest free slot if it is not registered and takes the VTs
 *   over (fbcon_fb_registered -> do_fbcon_takeover / set_con2fb_map; con2fb_map_boot maps every
 *   VT to fb0), drivers/video/fbdev/core/fbcon.c.
 * - a platform driver's `unbind` detaches the device it names when that driver has it (ENODEV
 *   otherwise), `bind` attaches a driverless device (EBUSY when it has a driver),
 *   drivers/base/bus.c.
 * Commands are recorded; systemctl start/stop and modprobe change the simulated state.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CommandRunner, DirHostWriter } from '../../src/host/host-writer.js';
import type { SysfsWriteResult } from '../../src/host/sysfs-io.js';
import { AttrFakeSysfs } from './attr-fake-sysfs.js';
import { fakeHost } from './fake-sysfs.js';
import { UsageTree } from './usage-host.js';

export const GPU = '0000:01:00.0';
export const AUDIO = '0000:01:00.1';
const GPU_DIR = '/sys/devices/pci0000:00/0000:00:02.0/0000:01:00.0';
const FB_DEV = '/sys/devices/platform/simple-framebuffer.0';
/** The GPU's DRM driver in the lab snapshot; its fbdev emulation registers a framebuffer. */
const DRM_DRIVER = 'bochs-drm';

/** A registered console driver (registered_con_driver[] in vt.c). */
interface ConDriver {
  desc: string;
  /** CON_DRIVER_FLAG_MODULE: "(M)" in the vtconsole's name; a boot console has it clear, "(S)". */
  module: boolean;
}

type FbOwner = 'gpu' | 'firmware';
export class DisplayFakeSysfs extends AttrFakeSysfs {
  /** registered_con_driver[]: the index is the N of vtconN. */
  readonly slots: (ConDriver | undefined)[] = [];
  /** The driver that holds the VTs (con_driver_map[]). */
  holder: ConDriver | undefined;
  /** Registered framebuffers by number (registered_fb[]). */
  readonly fbs: (FbOwner | undefined)[] = [];
  readonly fbcon: ConDriver = { desc: 'frame buffer device', module: true };

  /** Set the consoles and framebuffers up (before the first write), and write their files. */
  setup(slots: ConDriver[], holder: ConDriver, fbs: FbOwner[]): void {
    this.slots.push(...slots);
    this.holder = holder;
    this.fbs.push(...fbs);
    this.syncFiles();
  }

  override async write(
    hostPath: string,
    value: string,
    opts: { timeoutMs: number },
  ): Promise<SysfsWriteResult> {
    const vt = /^\/sys\/class\/vtconsole\/vtcon(\d+)\/bind$/.exec(hostPath);
    const pf = /^\/sys\/bus\/platform\/drivers\/([^/]+)\/(bind|unbind)$/.exec(hostPath);
    if (!vt && !pf) {
      const r = await super.write(hostPath, value, opts);
      this.framebuffersFollow();
      return r;
    }
    const failed = this.injected(hostPath, value, opts.timeoutMs);
    if (failed) return failed;
    if (vt) {
      const con = this.slots[Number(vt[1])];
      if (!con) return { ok: false, error: 'ENOENT' };
      // simple_strtoul(buf, NULL, 0): leading digits, 0 when there are none.
      const n = Number.parseInt(value.trim(), 10);
      if (Number.isFinite(n) && n !== 0) this.vtBind(con);
      else this.vtUnbind(con);
      this.syncFiles();
      return { ok: true };
    }
    const [, driver, op] = pf as RegExpExecArray;
    const dev = `/sys/bus/platform/devices/${value.trim()}`;
    const link = path.join(this.dir, dev, 'driver');
    if (!fs.existsSync(path.join(this.dir, dev))) return { ok: false, error: 'ENODEV' };
    const cur = fs.existsSync(link) ? path.basename(fs.readlinkSync(link)) : null;
    if (op === 'unbind') {
      if (cur !== driver) return { ok: false, error: 'ENODEV' };
      fs.rmSync(link);
    } else {
      if (cur !== null) return { ok: false, error: 'EBUSY' };
      fs.symlinkSync(
        path.relative(
          fs.realpathSync(path.join(this.dir, dev)),
          path.join(this.dir, 'sys/bus/platform/drivers', driver),
        ),
        link,
      );
    }
    this.framebuffersFollow();
    return { ok: true };
  }

  /** vt_bind(): only the VTs of the first registered driver without CON_DRIVER_FLAG_MODULE. */
  private vtBind(con: ConDriver): void {
    if (!con.module) return;
    const defcsw = this.slots.find((c) => c !== undefined && !c.module);
    if (defcsw && this.holder === defcsw) this.holder = con;
  }

  /** vt_unbind() -> do_unbind_con_driver(): the VTs go to the first registered driver other than it. */
  private vtUnbind(con: ConDriver): void {
    if (!con.module || this.holder !== con) return;
    const back = this.slots.find((c) => c !== undefined && c !== con);
    if (back) this.holder = back;
  }

  /** Register and unregister framebuffers as their drivers come and go, and fbcon with them. */
  private framebuffersFollow(): void {
    const gpu = this.binding(GPU)?.driver === DRM_DRIVER;
    const firmware = fs.existsSync(path.join(this.dir, FB_DEV, 'driver'));
    const want: FbOwner[] = [...(gpu ? ['gpu' as const] : []), ...(firmware ? ['firmware' as const] : [])];
    for (let i = 0; i < this.fbs.length; i++) {
      const owner = this.fbs[i];
      if (owner && !want.includes(owner)) this.fbUnregister(i);
    }
    for (const owner of want) if (!this.fbs.includes(owner)) this.fbRegister(owner);
    this.syncFiles();
  }

  private fbUnregister(i: number): void {
    this.fbs[i] = undefined;
    if (this.fbs.some((f) => f !== undefined)) return;
    // The last one: fbcon_fb_unbind() -> fbcon_unbind(), then do_unregister_con_driver(&fb_con).
    const slot = this.slots.indexOf(this.fbcon);
    if (slot < 0) return;
    if (this.holder === this.fbcon) this.vtUnbind(this.fbcon);
    if (this.holder !== this.fbcon) this.slots[slot] = undefined;
  }

  private fbRegister(owner: FbOwner): void {
    let i = this.fbs.indexOf(undefined);
    if (i < 0) i = this.fbs.length;
    this.fbs[i] = owner;
    if (i !== 0 || this.holder === this.fbcon) return;
    // do_fbcon_takeover(): do_take_over_console(&fb_con) registers fbcon where it is not (the
    // lowest free slot, do_register_con_driver) and binds every VT to it.
    if (!this.slots.includes(this.fbcon)) {
      let s = this.slots.indexOf(undefined);
      if (s < 0) s = this.slots.length;
      this.slots[s] = this.fbcon;
    }
    this.holder = this.fbcon;
  }

  /** /sys/class/vtconsole as the kernel shows the driver table. */
  private syncFiles(): void {
    const cls = path.join(this.dir, 'sys/class/vtconsole');
    fs.mkdirSync(cls, { recursive: true });
    for (const e of fs.readdirSync(cls)) {
      const m = /^vtcon(\d+)$/.exec(e);
      if (m && !this.slots[Number(m[1])]) {
        fs.rmSync(path.join(this.dir, 'sys/devices/virtual/vtconsole', e), { recursive: true, force: true });
        fs.rmSync(path.join(cls, e));
      }
    }
    this.slots.forEach((c, i) => {
      if (!c) return;
      const dir = path.join(this.dir, 'sys/devices/virtual/vtconsole', `vtcon${i}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'name'), `${c.module ? '(M)' : '(S)'} ${c.desc}\n`);
      fs.writeFileSync(path.join(dir, 'bind'), this.holder === c ? '1\n' : '0\n');
      const link = path.join(cls, `vtcon${i}`);
      if (!fs.existsSync(link)) fs.symlinkSync(path.relative(cls, dir), link);
    });
  }

  /** The consoles and framebuffers, comparable across runs (fb numbers may change, owners not). */
  consoleState(): { vtconsoles: string[]; framebuffers: string[] } {
    return {
      vtconsoles: this.slots.flatMap((c, i) =>
        c ? [`vtcon${i} ${c.module ? '(M)' : '(S)'} ${c.desc} bind=${this.holder === c ? 1 : 0}`] : [],
      ),
      framebuffers: this.fbs.filter((f): f is FbOwner => f !== undefined).sort(),
    };
  }
}

export interface DisplayHost {
  dir: string;
  fake: DisplayFakeSysfs;
  writer: DirHostWriter;
  ran: string[][];
  /** Whether the display manager runs (systemctl start/stop change it). */
  dm: { running: boolean };
  /** Fail the n-th command (0-based), once. */
  failCommandAt?: number;
  /** Everything handover and handback change, as one comparable record. */
  state(): Record<string, unknown>;
  cleanup(): void;
}

export type ConsoleLayout = 'simplefb' | 'lab';

export function displayHost(layout: ConsoleLayout = 'simplefb'): DisplayHost {
  const base = fakeHost('desktop');
  const dir = base.dir;
  const t = new UsageTree(dir);
  const fake = new DisplayFakeSysfs(dir);
  const dm = { running: layout === 'simplefb' };
  if (layout === 'simplefb') {
    t.rawLink('/etc/systemd/system/display-manager.service', '/lib/systemd/system/gdm3.service');
    t.write('/sys/fs/cgroup/system.slice/gdm3.service/cgroup.procs', '790\n812\n');
    // The firmware framebuffer: a platform device on its driver, with its framebuffer fb0.
    fs.mkdirSync(path.join(dir, 'sys/bus/platform/drivers/simple-framebuffer'), { recursive: true });
    t.write('/sys/bus/platform/drivers/simple-framebuffer/bind', '');
    t.write('/sys/bus/platform/drivers/simple-framebuffer/unbind', '');
    t.write(`${FB_DEV}/modalias`, 'platform:simple-framebuffer\n');
    t.link(`${FB_DEV}/driver`, '/sys/bus/platform/drivers/simple-framebuffer');
    t.link('/sys/bus/platform/devices/simple-framebuffer.0', FB_DEV);
    t.framebuffer('fb0', FB_DEV, 'simple');
    t.process(812, 'Xorg', { fds: ['/dev/null', '/dev/dri/card0'] });
    const dummy = { desc: 'dummy device', module: false };
    fake.setup([dummy, fake.fbcon], fake.fbcon, ['firmware', 'gpu']);
  } else {
    t.framebuffer('fb0', GPU_DIR, 'bochs-drmdrmfb');
    const dummy = { desc: 'dummy device', module: true };
    fake.setup([fake.fbcon, dummy], fake.fbcon, ['gpu']);
  }
  t.drm('card0', GPU_DIR);
  t.process(1, 'systemd');
  const ran: string[][] = [];
  const host: DisplayHost = {
    dir,
    fake,
    ran,
    dm,
    writer: undefined as unknown as DirHostWriter,
    state: () => ({
      pci: fake.state(),
      ...fake.consoleState(),
      fb: fs.existsSync(path.join(dir, FB_DEV, 'driver')),
      dm: dm.running,
      bound: fs.existsSync(path.join(dir, 'run/vfiokit/bound.json')),
      handover: fs.existsSync(path.join(dir, 'run/vfiokit/handover.json')),
    }),
    cleanup: base.cleanup,
  };
  const runner: CommandRunner = async (argv) => {
    const n = ran.length;
    ran.push([...argv]);
    if (host.failCommandAt === n) return { ran: true, status: 1, stdout: '', stderr: 'simulated failure' };
    if (argv[0] === 'systemctl' && argv[1] === 'stop') dm.running = false;
    if (argv[0] === 'systemctl' && argv[1] === 'start') dm.running = true;
    if (argv[0] === 'modprobe' && argv[1] && argv[1] !== '-r') fake.loadDriver(argv[1].replace(/_/g, '-'));
    return { ran: true, status: 0, stdout: '', stderr: '' };
  };
  host.writer = new DirHostWriter(dir, runner);
  return host;
}
