/**
 * Boots one topology: QEMU q35 with an emulated Intel VT-d (intel-iommu), Debian's kernel, the
 * lab initramfs, the host's root over 9p and a per-boot output directory. The guest runs one
 * command and powers off; its exit status comes back on the serial console ("=== lab: exit N").
 * A guest that does not finish in time is killed and reported as exit 255.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, createWriteStream, renameSync } from 'node:fs';
import { join } from 'node:path';
import { EnvironmentError } from '../src/errors.js';
import { ensureInitramfs } from './initramfs.js';
import { ensureKernel } from './kernel.js';
import { type LabTopology, qemuDeviceArgs } from './topology.js';

export interface BootOptions {
  topology: LabTopology;
  /** Shell command run as root in the guest (/bin/sh -c), with $LAB_OUT set to outDir. */
  command: string;
  outDir: string;
  timeoutMs?: number;
  /** Attach the console to this terminal (for --shell); otherwise it goes to console.log. */
  interactive?: boolean;
  /** Called with each console chunk (progress output). */
  onConsole?: (chunk: string) => void;
  /** More QEMU arguments, e.g. ['-fw_cfg', 'name=etc/igd-opregion,file=...']. */
  qemuExtra?: string[];
}

export interface BootResult {
  exitCode: number;
  timedOut: boolean;
  wallMs: number;
  /** Guest uptime (s) when init handed over to the command: the boot time proper. */
  readySeconds?: number;
  /** Guest uptime (s) when the command finished. */
  doneSeconds?: number;
  accel: 'kvm' | 'tcg';
  consoleLog: string;
  /** The first boot died before init handed over and this is the second attempt. */
  retried?: boolean;
}

let probed: 'kvm' | 'tcg' | undefined;

/**
 * VFIOKIT_LAB_ACCEL=kvm|tcg|auto. auto takes KVM only when a paused KVM machine stays up for two
 * seconds: an openable /dev/kvm is not enough (under some nested hypervisors QEMU aborts at vCPU
 * reset with "failed to set MSR 0x10a"), and a probe costs far less than a failed boot.
 */
function accelerator(): 'kvm' | 'tcg' {
  const want = process.env.VFIOKIT_LAB_ACCEL || 'auto';
  if (want === 'kvm' || want === 'tcg') return want;
  if (probed) return probed;
  probed = 'tcg';
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
    const r = spawnSync(
      'qemu-system-x86_64',
      [
        '-accel',
        'kvm',
        '-cpu',
        'host',
        '-M',
        'q35',
        '-nodefaults',
        '-display',
        'none',
        '-S',
        '-serial',
        'none',
        '-monitor',
        'none',
      ],
      { stdio: 'ignore', timeout: 2000 },
    );
    if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') probed = 'kvm';
  } catch {
    probed = 'tcg';
  }
  return probed;
}

export function qemuArgs(opts: BootOptions, kernel: { vmlinuz: string; modulesDir: string }, initrd: string) {
  const accel = accelerator();
  const cmd64 = Buffer.from(opts.command).toString('base64');
  // x86 truncates the kernel command line at 2048 bytes; a longer command belongs in a script.
  if (cmd64.length > 1500) throw new Error('lab: guest command too long for the kernel command line');
  // Both paths travel on the kernel command line, which splits at whitespace.
  for (const p of [opts.outDir, kernel.modulesDir]) {
    if (/\s/.test(p)) {
      throw new EnvironmentError(`lab: path with whitespace cannot be passed to the guest: ${p}`, {
        hint: 'set VFIOKIT_LAB_OUT and VFIOKIT_LAB_CACHE to directories without spaces',
      });
    }
  }
  const append = [
    'console=ttyS0',
    'intel_iommu=on',
    'iommu=pt',
    'panic=-1',
    // Under TCG on a loaded host the IO-APIC timer self-test can miss its ticks and panic with
    // "timer doesn't work through Interrupt-remapped IO-APIC"; the emulated timer is known good.
    'no_timer_check',
    'loglevel=4',
    `lab_cmd64=${cmd64}`,
    `lab_out=${opts.outDir}`,
    `lab_kmods=${kernel.modulesDir}`,
  ].join(' ');
  const args = [
    ...(accel === 'kvm' ? ['-accel', 'kvm', '-cpu', 'host'] : ['-accel', 'tcg,thread=multi', '-cpu', 'max']),
    '-smp',
    process.env.VFIOKIT_LAB_SMP || '1',
    '-m',
    String(opts.topology.memMiB ?? 1024),
    '-nodefaults',
    '-nographic',
    '-no-reboot',
    '-serial',
    opts.interactive ? 'mon:stdio' : 'stdio',
    // Interrupt remapping needs the split irqchip; caching-mode lets the guest's vfio map DMA.
    '-machine',
    'q35,kernel-irqchip=split',
    '-device',
    'intel-iommu,intremap=on,caching-mode=on',
    '-kernel',
    kernel.vmlinuz,
    '-initrd',
    initrd,
    '-append',
    append,
    '-fsdev',
    'local,id=fsroot,path=/,security_model=none,readonly=on,multidevs=remap',
    '-device',
    'virtio-9p-pci,fsdev=fsroot,mount_tag=hostroot,bus=pcie.0,addr=0x10',
    '-fsdev',
    `local,id=fsout,path=${opts.outDir.replaceAll(',', ',,')},security_model=none`,
    '-device',
    'virtio-9p-pci,fsdev=fsout,mount_tag=labout,bus=pcie.0,addr=0x11',
    ...qemuDeviceArgs(opts.topology),
    ...(opts.qemuExtra ?? []),
  ];
  return { accel, args };
}

/**
 * Boots once more when the kernel never reached the lab's init hand-over (a boot-time panic is the
 * emulator's luck under load, not the suite's result); a failure after hand-over is the suite's.
 */
export async function boot(opts: BootOptions): Promise<BootResult> {
  const first = await bootOnce(opts, 'console.log');
  if (opts.interactive || first.timedOut || first.readySeconds !== undefined) return first;
  renameSync(first.consoleLog, join(opts.outDir, 'console-failed-boot.log'));
  opts.onConsole?.('\n=== lab: the kernel did not come up; booting once more\n');
  const second = await bootOnce(opts, 'console.log');
  return { ...second, wallMs: first.wallMs + second.wallMs, retried: true };
}

async function bootOnce(opts: BootOptions, logName: string): Promise<BootResult> {
  const kernel = ensureKernel();
  const initrd = ensureInitramfs(kernel);
  const { accel, args } = qemuArgs(opts, kernel, initrd);
  const logPath = join(opts.outDir, logName);
  const log = createWriteStream(logPath);
  const t0 = performance.now();
  const child = spawn('qemu-system-x86_64', args, {
    // Interactive: the terminal drives the guest (QEMU puts stdin in raw mode), while the console
    // output still passes through here so the exit status can be read from it.
    stdio: opts.interactive ? ['inherit', 'pipe', 'inherit'] : ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const take = (b: Buffer) => {
    const s = b.toString('utf8');
    text += s;
    log.write(b);
    if (opts.interactive) process.stdout.write(b);
    else opts.onConsole?.(s);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  let timedOut = false;
  const timer = opts.timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, opts.timeoutMs)
    : undefined;
  const status = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  if (timer) clearTimeout(timer);
  const wallMs = performance.now() - t0;
  if (timedOut) {
    const line = `\n=== lab: killed after ${opts.timeoutMs} ms (timeout)\n`;
    text += line;
    log.write(line);
  }
  await new Promise<void>((r) => log.end(r));
  const exit = [...text.matchAll(/=== lab: exit (\d+) at ([\d.]+)s/gm)].pop();
  const ready = /=== lab: ready at ([\d.]+)s/m.exec(text);
  if (!exit && !timedOut && status !== 0 && !opts.interactive) {
    text += `\n=== lab: qemu exited with status ${status} before the guest reported\n`;
  }
  return {
    exitCode: exit && !timedOut ? Number(exit[1]) : 255,
    timedOut,
    wallMs,
    readySeconds: ready ? Number(ready[1]) : undefined,
    doneSeconds: exit ? Number(exit[2]) : undefined,
    accel,
    consoleLog: logPath,
  };
}
