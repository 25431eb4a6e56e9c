/**
 * `vfiokit setup --verify`, after a reboot: did each part of the setup take effect? The running
 * command line (/proc/cmdline) against the recorded parameters, each recorded device's driver,
 * and whether the initramfs carries vfio-pci — from the generator's own listing tool (lsinitramfs,
 * lsinitrd, lsinitcpio) on the live host; otherwise unknown, with the reason.
 */
import { VfiokitError } from '../errors.js';
import type { CommandRunner } from '../host/host-writer.js';
import { tryReadPciDevice } from '../host/pci-sysfs.js';
import type { HostRoot } from '../host/root.js';
import type { Verdict } from '../readiness/check.js';
import type { SetupVerifyJson } from '../schema/outputs/setup-verify.js';
import { parseKernelCmdline } from '../system/kernel-cmdline.js';
import { findProgram } from './boot-chain.js';
import { editWords, splitCmdline } from './cmdline-edit.js';
import { RECORD_PATH, readSetupRecord, type SetupRecord } from './setup-record.js';
import { idOf } from './setup-targets.js';

export interface VerifyItem {
  part: 'cmdline' | 'driver' | 'initramfs';
  subject: string;
  verdict: Verdict;
  evidence: string;
}

// The printed document's type comes from its schema definition (docs/json.md#setup-verify).
export type VerifyReport = SetupVerifyJson;

/** Initramfs images of a generator under /boot, for the running kernel where the name says so. */
function images(root: HostRoot, kind: SetupRecord['initramfs'], release: string | undefined): string[] {
  if (kind === 'initramfs-tools') return release ? [`/boot/initrd.img-${release}`] : [];
  if (kind === 'dracut') return release ? [`/boot/initramfs-${release}.img`] : [];
  // mkinitcpio names images after presets (initramfs-linux.img); the fallback images carry every module.
  return root
    .list('/boot')
    .filter((f) => /^initramfs-.*\.img$/.test(f) && !f.includes('-fallback'))
    .map((f) => `/boot/${f}`);
}

const LISTER: Record<SetupRecord['initramfs'], string> = {
  'initramfs-tools': 'lsinitramfs',
  dracut: 'lsinitrd',
  mkinitcpio: 'lsinitcpio',
};

/** Each parameter setup put on the command line, looked for on the running one. */
function cmdlineItems(record: SetupRecord, procCmdline: string | undefined): VerifyItem[] {
  const items: VerifyItem[] = [];
  for (const p of record.cmdline) {
    if (procCmdline === undefined) {
      items.push({
        part: 'cmdline',
        subject: p.word,
        verdict: 'unknown',
        evidence: '/proc/cmdline is not readable',
      });
      continue;
    }
    const words = splitCmdline(procCmdline);
    const missing = editWords(words, [p]).changed;
    const name = p.word.split('=')[0];
    const given = parseKernelCmdline(procCmdline).params.filter((x) => x.name === name.replace(/-/g, '_'));
    items.push({
      part: 'cmdline',
      subject: p.word,
      verdict: missing ? 'fail' : 'ok',
      evidence: missing
        ? `not on the running command line${given.length ? ` (it has ${given.map((g) => `${g.raw}=${g.value ?? ''}`).join(' ')})` : ''}: was the boot loader updated, and did the machine boot this entry?`
        : 'on /proc/cmdline',
    });
  }
  return items;
}

/** Each device setup bound: still there, still the same ID, and on vfio-pci. */
function driverItems(root: HostRoot, record: SetupRecord): VerifyItem[] {
  const items: VerifyItem[] = [];
  for (const d of record.devices) {
    const now = tryReadPciDevice(root, d.address);
    if (!now) {
      items.push({
        part: 'driver',
        subject: d.address,
        verdict: 'fail',
        evidence: `no device at ${d.address} any more (moved? vfiokit doctor reports drift)`,
      });
      continue;
    }
    if (idOf(now) !== d.id) {
      items.push({
        part: 'driver',
        subject: d.address,
        verdict: 'fail',
        evidence: `${d.address} is now ${idOf(now)}, setup bound ${d.id} there (vfiokit doctor reports drift)`,
      });
      continue;
    }
    const ok = now.driver === 'vfio-pci';
    items.push({
      part: 'driver',
      subject: d.address,
      verdict: ok ? 'ok' : 'fail',
      evidence: ok
        ? `bound to vfio-pci (by ${d.bindBy === 'id' ? 'ID' : 'driver_override'})`
        : `bound to ${now.driver ?? 'no driver'}${now.driverOverride && now.driverOverride !== '(null)' ? `, driver_override ${now.driverOverride}` : ''}`,
    });
  }
  return items;
}

/**
 * vfio-pci in the initramfs: built into the kernel, or listed by the generator's own lister in
 * each image (which only runs on the live host).
 */
async function initramfsItems(
  root: HostRoot,
  record: SetupRecord,
  run?: CommandRunner,
): Promise<VerifyItem[]> {
  const release = root.readAttr('/proc/sys/kernel/osrelease');
  const builtin = release ? root.readText(`/lib/modules/${release}/modules.builtin`) : undefined;
  if (builtin !== undefined && /\/vfio-pci\.ko/.test(builtin))
    return [{ part: 'initramfs', subject: 'vfio-pci', verdict: 'ok', evidence: `built into ${release}` }];
  const tool = LISTER[record.initramfs];
  const imgs = images(root, record.initramfs, release);
  const cannot = (evidence: string): VerifyItem[] => [
    { part: 'initramfs', subject: 'vfio-pci', verdict: 'unknown', evidence },
  ];
  if (!root.live || !run)
    return cannot(`listing the initramfs needs ${tool} on the live host (this is ${root.name})`);
  if (!findProgram(root, tool)) return cannot(`${tool} is not installed`);
  if (!imgs.length) return cannot('no initramfs image found in /boot');
  const items: VerifyItem[] = [];
  for (const img of imgs) {
    const r = await run([tool, img], { timeoutMs: 120_000 });
    if (!r.ran || r.status !== 0) {
      items.push({
        part: 'initramfs',
        subject: img,
        verdict: 'unknown',
        evidence: `${tool} ${img} failed: ${(r.note ?? r.stderr.trim().split('\n').pop() ?? '').slice(0, 160)}`,
      });
      continue;
    }
    const has = /(^|\/)vfio[-_]pci\.ko/m.test(r.stdout);
    items.push({
      part: 'initramfs',
      subject: img,
      verdict: has ? 'ok' : 'fail',
      evidence: has
        ? `${tool} lists vfio-pci.ko`
        : `${tool} does not list vfio-pci.ko: rebuild it (${record.regenerate[0]?.join(' ') ?? ''})`,
    });
  }
  return items;
}

export async function verifySetup(root: HostRoot, run?: CommandRunner): Promise<VerifyReport> {
  const record = readSetupRecord(root);
  if (!record) {
    throw new VfiokitError(`nothing to verify: ${RECORD_PATH} does not exist`, {
      hint: 'run `vfiokit setup TARGET --apply` first',
      code: 'setup.no-record',
    });
  }
  const items: VerifyItem[] = [
    ...cmdlineItems(record, root.readAttr('/proc/cmdline')),
    ...driverItems(root, record),
    ...(await initramfsItems(root, record, run)),
  ];
  const summary: Record<Verdict, number> = { ok: 0, warn: 0, fail: 0, unknown: 0 };
  for (const i of items) summary[i.verdict]++;
  return { schema: 'vfiokit.setup-verify/1', root: root.name, items, summary };
}
