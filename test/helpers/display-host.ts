/**
 * A single-GPU desktop for handover tests: the lab's desktop snapshot (its boot GPU 0000:01:00.0 on
 * bochs-drm with HDMI audio 0000:01:00.1 on snd_hda_intel, as the real kernel bound them) with the
 * display stack added around it: a display manager running in its systemd cgroup, fbcon bound
 * (vtcon1), the firmware framebuffer (simple-framebuffer.0 on the simple-framebuffer platform
 * driver), the GPU's DRM node and framebuffer, and an X server holding /dev/dri/card0.
 *
 * The simulated sysfs extends the binding one (fake-sysfs.ts) with the two other files handover
 * writes, with the kernel's rules: a vtconsole's `bind` takes 0 or 1 (console.rst); a platform
 * driver's `unbind` detaches the device it names when that driver has it (ENODEV otherwise), and
 * `bind` attaches a driverless device (EBUSY when it has a driver), drivers/base/bus.c. Commands
 * are recorded; systemctl start/stop and modprobe change the simulated state.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CommandRunner, DirHostWriter } from '../../src/host/host-writer.js';
import type { SysfsWriteResult } from '../../src/host/sysfs-io.js';
import { FakeSysfs, fakeHost } from './fake-sysfs.js';
import { UsageTree } from './usage-host.js';

export const GPU = '0000:01:00.0';
export const AUDIO = '0000:01:00.1';
const GPU_DIR = '/sys/devices/pci0000:00/0000:00:02.0/0000:01:00.0';
const FB_DEV = '/sys/devices/platform/simple-framebuffer.0';

export class DisplayFakeSysfs extends FakeSysfs {
  attrState(hostPath: string, read: 'text' | 'link'): string | null {
    const f = path.join(this.dir, hostPath);
    try {
      return read === 'link'
        ? path.basename(fs.readlinkSync(f))
        : fs.readFileSync(f, 'utf8').replace(/\n$/, '');
    } catch {
      return null;
    }
  }

  override async write(
    hostPath: string,
    value: string,
    opts: { timeoutMs: number },
  ): Promise<SysfsWriteResult> {
    const vt = /^\/sys\/class\/vtconsole\/(vtcon\d+)\/bind$/.exec(hostPath);
    const pf = /^\/sys\/bus\/platform\/drivers\/([^/]+)\/(bind|unbind)$/.exec(hostPath);
    if (!vt && !pf) return super.write(hostPath, value, opts);
    const n = this.log.length;
    this.log.push(`${hostPath} <- ${JSON.stringify(value)}`);
    if (this.fault?.at === n) {
      if (this.fault.kind === 'fail') return { ok: false, error: 'EIO' };
      return { ok: false, timedOut: true, error: `no answer after ${opts.timeoutMs} ms` };
    }
    if (vt) {
      const v = value.trim();
      if (v !== '0' && v !== '1') return { ok: false, error: 'EINVAL' };
      fs.writeFileSync(path.join(this.dir, hostPath), `${v}\n`);
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
    return { ok: true };
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

export function displayHost(): DisplayHost {
  const base = fakeHost('desktop');
  const dir = base.dir;
  const t = new UsageTree(dir);
  t.rawLink('/etc/systemd/system/display-manager.service', '/lib/systemd/system/gdm3.service');
  t.write('/sys/fs/cgroup/system.slice/gdm3.service/cgroup.procs', '790\n812\n');
  t.vtconsole(0, '(S) dummy device', false);
  t.vtconsole(1, '(M) frame buffer device', true);
  // The firmware framebuffer: a platform device on its driver, with its framebuffer fb0.
  fs.mkdirSync(path.join(dir, 'sys/bus/platform/drivers/simple-framebuffer'), { recursive: true });
  t.write('/sys/bus/platform/drivers/simple-framebuffer/bind', '');
  t.write('/sys/bus/platform/drivers/simple-framebuffer/unbind', '');
  t.write(`${FB_DEV}/modalias`, 'platform:simple-framebuffer\n');
  t.link(`${FB_DEV}/driver`, '/sys/bus/platform/drivers/simple-framebuffer');
  t.link('/sys/bus/platform/devices/simple-framebuffer.0', FB_DEV);
  t.framebuffer('fb0', FB_DEV, 'simple');
  t.drm('card0', GPU_DIR);
  t.process(1, 'systemd');
  t.process(812, 'Xorg', { fds: ['/dev/null', '/dev/dri/card0'] });
  const fake = new DisplayFakeSysfs(dir);
  const dm = { running: true };
  const ran: string[][] = [];
  const host: DisplayHost = {
    dir,
    fake,
    ran,
    dm,
    writer: undefined as unknown as DirHostWriter,
    state: () => ({
      pci: fake.state(),
      vtcon1: fs.readFileSync(path.join(dir, 'sys/class/vtconsole/vtcon1/bind'), 'utf8'),
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
