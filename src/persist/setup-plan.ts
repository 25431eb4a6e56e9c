/**
 * `vfiokit setup`: from the host's devices, groups, kernel and boot chain, the plan that makes the
 * chosen devices bind to vfio-pci at every boot — and the plan that takes it all back (`--undo`).
 *
 * Decisions, each with its source:
 * - IDs: `vfio-pci.ids` takes every device with the ID, so an ID is used only when no device that
 *   was not chosen has it; subsystem IDs are added when they tell identical chips apart
 *   (vendor:device:subvendor:subdevice, vfio_pci_fill_ids). Otherwise the device is bound by
 *   address with driver_override (setup-files.ts).
 * - Kernel command line: `intel_iommu=on` only on Intel when the kernel's config does not turn
 *   the IOMMU on by itself (CONFIG_INTEL_IOMMU_DEFAULT_ON, drivers/iommu/intel/Kconfig); AMD-Vi is
 *   on by default and `amd_iommu=` has no "on" value (Documentation/admin-guide/kernel-parameters.txt),
 *   so nothing is added there. `iommu=pt` (identity-map host DMA, the usual choice for a host that
 *   assigns devices), `vfio-pci.ids=` (for a vfio-pci built in or loaded before modprobe.d is read),
 *   `video=efifb:off` when the boot GPU is assigned (the EFI framebuffer holds its memory).
 * - Initramfs modules: vfio, vfio_iommu_type1, vfio_pci; vfio_virqfd only for kernels before 6.2,
 *   where it was folded into vfio (commit "vfio: Fold vfio_virqfd.ko into vfio.ko").
 * - Idempotent: files are written only when their content differs; the record keeps the original
 *   bytes from the first run, so a second run computes the same record and plans nothing.
 */
import * as fs from 'node:fs';
import { type CommandStep, type FileStep, type Plan, sha256 } from '../actions/plan.js';
import { VfiokitError } from '../errors.js';
import { readKernelConfig } from '../host/kernel-config.js';
import { readKernelGroups } from '../host/kernel-groups.js';
import { scanPciDevices } from '../host/pci-sysfs.js';
import type { HostRoot } from '../host/root.js';
import { type IommuGroup, joinGroups } from '../iommu/groups.js';
import { formatClassCode, formatIdPair } from '../pci/id.js';
import type { PciDevice } from '../pci/types.js';
import { competingDrivers } from '../readiness/checks/early-binding.js';
import { type BootChain, detectBootChain, installedKernels } from './boot-chain.js';
import {
  type CmdlineEdit,
  cmdlineFromProc,
  editGrubDefault,
  editPlainCmdline,
  editWords,
  splitCmdline,
  type WantedParam,
} from './cmdline-edit.js';
import {
  DRACUT_CONF,
  dracutConf,
  editMkinitcpio,
  INITRAMFS_TOOLS_HOOK,
  INITRAMFS_TOOLS_MODULES,
  initramfsToolsHook,
  initramfsToolsModules,
  MKINITCPIO_CONF,
  MODPROBE_CONF,
  modprobeConf,
  OVERRIDE_SCRIPT,
  overrideScript,
} from './setup-files.js';
import {
  RECORD_PATH,
  type RecordedDevice,
  type RecordedFile,
  readSetupRecord,
  type SetupRecord,
} from './setup-record.js';
import {
  type ChosenDevice,
  idOf,
  refuseHostCritical,
  resolveTargets,
  type TargetSpec,
} from './setup-targets.js';

export interface SetupOptions {
  force?: boolean;
}

export interface SetupDevice {
  address: string;
  id: string;
  driver?: string;
  why: string;
  bindBy: 'id' | 'address';
}

export interface SetupPlan {
  mode: 'setup' | 'undo';
  chain?: BootChain;
  devices: SetupDevice[];
  ids: string[];
  overrides: string[];
  cmdline: WantedParam[];
  initramfsModules: string[];
  notes: string[];
  plan: Plan;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** "6.1.0-18-amd64" → [6, 1]; undefined when it does not start with a version. */
export function kernelVersion(release: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)/.exec(release);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** The vfio modules the initramfs needs for these kernels, with why vfio_virqfd is in or out. */
export function vfioModules(kernels: string[]): { modules: string[]; note?: string } {
  const mods = ['vfio', 'vfio_iommu_type1', 'vfio_pci'];
  const versions = kernels.map((k) => ({ k, v: kernelVersion(k) }));
  const unknown = versions.filter((x) => !x.v).map((x) => x.k);
  const old = versions.filter((x) => x.v && (x.v[0] < 6 || (x.v[0] === 6 && x.v[1] < 2))).map((x) => x.k);
  if (!kernels.length)
    return {
      modules: mods,
      note: 'no installed kernel found under /lib/modules: vfio_virqfd left out (needed only before 6.2)',
    };
  if (old.length)
    return {
      modules: [...mods, 'vfio_virqfd'],
      note: `vfio_virqfd included for kernel${old.length > 1 ? 's' : ''} before 6.2: ${old.join(', ')}`,
    };
  if (unknown.length)
    return { modules: mods, note: `cannot read the version of ${unknown.join(', ')}: vfio_virqfd left out` };
  return { modules: mods };
}

/** The module that provides a PCI driver: /sys/bus/pci/drivers/NAME/module → /sys/module/MODULE. */
function moduleOf(root: HostRoot, driver: string): string {
  const link = root.readLink(`/sys/bus/pci/drivers/${driver}/module`);
  const m = link?.slice(link.lastIndexOf('/') + 1);
  // xhci_hcd is the PCI driver name of module xhci_pci (drivers/usb/host/xhci-pci.c).
  return (m ?? (driver === 'xhci_hcd' ? 'xhci_pci' : driver)).replace(/-/g, '_');
}

export interface PciAlias {
  pattern: RegExp;
  module: string;
}

/** The `alias pci:…` lines of modules.alias (written by depmod from each module's device table). */
export function parsePciAliases(text: string): PciAlias[] {
  const out: PciAlias[] = [];
  for (const line of text.split('\n')) {
    const m = /^alias (pci:\S+) (\S+)$/.exec(line);
    if (!m) continue;
    const re = fnmatchToRegex(m[1]);
    out.push({ pattern: new RegExp(`^${re}$`), module: m[2].replace(/-/g, '_') });
  }
  return out;
}

/** fnmatch(3) as kmod matches aliases: * and ? wildcards, [...] sets ([!...] negated); else literal. */
export function fnmatchToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      let set = glob.slice(i + 1, end);
      const neg = set.startsWith('!');
      if (neg) set = set.slice(1);
      out += `[${neg ? '^' : ''}${set.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else out += c.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
  }
  return out;
}

function readPciAliases(root: HostRoot, release: string): PciAlias[] | undefined {
  const b = root.readBytes(`/lib/modules/${release}/modules.alias`, 32 * 1024 * 1024);
  return b === undefined ? undefined : parsePciAliases(dec.decode(b));
}

/** Modules whose alias matches a device's modalias (pci:v…d…sv…sd…bc…sc…i…). */
export function aliasModules(aliases: PciAlias[], modalias: string): string[] {
  return [...new Set(aliases.filter((a) => a.pattern.test(modalias)).map((a) => a.module))];
}

/** IDs that bind exactly the chosen devices, and the devices that need driver_override. */
export function chooseBinding(
  all: PciDevice[],
  chosen: PciDevice[],
): { ids: string[]; overrides: string[]; bindBy: Map<string, 'id' | 'address'> } {
  const ids: string[] = [];
  const overrides: string[] = [];
  const bindBy = new Map<string, 'id' | 'address'>();
  const chosenSet = new Set(chosen.map((d) => d.address));
  const others = all.filter((d) => !chosenSet.has(d.address));
  for (const d of chosen) {
    const same = others.filter((o) => o.vendorId === d.vendorId && o.deviceId === d.deviceId);
    let id: string | undefined;
    if (!same.length) id = idOf(d);
    else if (
      d.subsystemVendorId !== undefined &&
      d.subsystemDeviceId !== undefined &&
      !same.some(
        (o) => o.subsystemVendorId === d.subsystemVendorId && o.subsystemDeviceId === d.subsystemDeviceId,
      )
    )
      id = `${idOf(d)}:${formatIdPair(d.subsystemVendorId, d.subsystemDeviceId)}`;
    if (id) {
      if (!ids.includes(id)) ids.push(id);
      bindBy.set(d.address, 'id');
    } else {
      overrides.push(d.address);
      bindBy.set(d.address, 'address');
    }
  }
  return { ids, overrides, bindBy };
}

/**
 * Which IOMMU the machine has: the ACPI table the firmware gives (DMAR for Intel VT-d, IVRS for
 * AMD-Vi) decides, since that is what the kernel's IOMMU driver binds to; the CPU vendor only when
 * the tables are not readable. (They disagree under emulation: QEMU's intel-iommu on a TCG CPU
 * that reports AuthenticAMD.)
 */
function iommuVendor(root: HostRoot): 'intel' | 'amd' | undefined {
  if (root.exists('/sys/firmware/acpi/tables/DMAR')) return 'intel';
  if (root.exists('/sys/firmware/acpi/tables/IVRS')) return 'amd';
  const v = /^vendor_id\s*:\s*(\S+)/m.exec(root.readText('/proc/cpuinfo') ?? '')?.[1];
  if (v === 'GenuineIntel') return 'intel';
  if (v === 'AuthenticAMD') return 'amd';
  return undefined;
}

export function wantedCmdline(
  root: HostRoot,
  ids: string[],
  bootGpu: string | undefined,
): { params: WantedParam[]; notes: string[] } {
  const params: WantedParam[] = [];
  const notes: string[] = [];
  const release = root.readAttr('/proc/sys/kernel/osrelease');
  const vendor = iommuVendor(root);
  if (vendor === 'intel') {
    const cfg = readKernelConfig(root, release);
    const on = cfg?.values.get('CONFIG_INTEL_IOMMU_DEFAULT_ON');
    if (on === 'y')
      notes.push(`intel_iommu=on not needed: CONFIG_INTEL_IOMMU_DEFAULT_ON=y in ${cfg?.source}`);
    else
      params.push({
        word: 'intel_iommu=on',
        policy: 'option',
        why: cfg
          ? `the kernel leaves the Intel IOMMU off by default (CONFIG_INTEL_IOMMU_DEFAULT_ON ${on === undefined ? 'absent' : `is ${on}`} in ${cfg.source})`
          : `the kernel config (/boot/config-${release ?? 'KVER'}, /proc/config.gz) is not readable, so the default is not known; intel_iommu=on is harmless when the IOMMU is on already`,
      });
  } else if (vendor === 'amd') {
    notes.push('amd_iommu: nothing to add, the AMD IOMMU is on by default (amd_iommu= has no "on" value)');
  } else {
    notes.push(
      'IOMMU vendor unknown (no ACPI DMAR or IVRS table, /proc/cpuinfo unreadable): no IOMMU switch added',
    );
  }
  params.push({
    word: 'iommu=pt',
    policy: 'keep',
    why: 'identity-map host devices: no DMA translation cost for what the host keeps',
  });
  if (ids.length)
    params.push({
      word: `vfio-pci.ids=${ids.join(',')}`,
      policy: 'set',
      why: 'vfio-pci claims the IDs even when it is built in or loaded before /etc/modprobe.d is read',
    });
  if (bootGpu)
    params.push({
      word: 'video=efifb:off',
      policy: 'word',
      why: `${bootGpu} is the boot GPU: keep the EFI framebuffer off its memory`,
    });
  return { params, notes };
}

interface Draft {
  files: Map<string, { after: string; mode: number; why: string; showDiff?: boolean }>;
  commands: CommandStep[];
}

function readBytes(root: HostRoot, p: string): Uint8Array | undefined {
  return root.readBytes(p, 16 * 1024 * 1024);
}

/** Permission bits of a file under the root (HostRoot has no stat), or the fallback when absent. */
function modeOf(root: HostRoot, p: string, fallback: number): number {
  try {
    return fs.statSync(root.resolve(p)).mode & 0o7777;
  } catch {
    return fallback;
  }
}

/** Directories above `p` that do not exist yet under the root, outermost first. */
function missingDirs(root: HostRoot, p: string): string[] {
  const out: string[] = [];
  let d = p.slice(0, p.lastIndexOf('/'));
  while (d && !root.exists(d)) {
    out.unshift(d);
    d = d.slice(0, d.lastIndexOf('/'));
  }
  return out;
}

/**
 * Which devices must go with a target is read from its IOMMU group; when that group could not be
 * read soundly (a member unreadable, links disagreeing with the group directory), the set bound
 * at boot could leave the group non-viable or take a device nobody chose: refuse.
 */
function refuseUnknownGroups(chosen: { device: PciDevice }[], groups: IommuGroup[]): void {
  const doubtful = groups.filter((g) => g.unknown.length && chosen.some((c) => g.devices.includes(c.device)));
  if (!doubtful.length) return;
  throw new VfiokitError(
    `cannot tell which devices must be bound together: ${doubtful.map((g) => `group ${g.id}: ${g.unknown.join('; ')}`).join('; ')}`,
    {
      hint: 'fix or re-read the host data (`vfiokit groups` shows the group as unknown), then run setup again',
      code: 'setup.group-unknown',
    },
  );
}

/** Lines to drop from the record compare: none; the record is deterministic (no clock). */
function recordText(r: SetupRecord): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/** The current text of a file under the root, or undefined when it does not exist. */
function currentText(root: HostRoot, p: string): string | undefined {
  const b = readBytes(root, p);
  return b === undefined ? undefined : dec.decode(b);
}

/**
 * The modules to soft-depend vfio-pci before: those whose aliases match each device (what udev
 * would load for it), the bound driver's module, and the drivers known to claim such devices
 * (nvidia has no alias file entry until it is installed). A module built into the kernel cannot
 * be ordered by a softdep, which the notes say.
 */
function softdepModules(root: HostRoot, chosenDevs: PciDevice[], notes: string[]): string[] {
  const release = root.readAttr('/proc/sys/kernel/osrelease');
  const aliases = release ? readPciAliases(root, release) : undefined;
  if (!aliases)
    notes.push(
      `modules.alias of ${release ?? 'the running kernel'} not readable: softdeps only for the known drivers`,
    );
  const softdeps = [
    ...new Set(
      chosenDevs.flatMap((d) => {
        const modalias = root.readAttr(`/sys/bus/pci/devices/${d.address}/modalias`);
        const byAlias = aliases && modalias ? aliasModules(aliases, modalias) : [];
        const known = competingDrivers(d).map((x) =>
          moduleOf(root, d.driver && x === d.driver.replace(/-/g, '_') ? d.driver : x),
        );
        return [...known, ...byAlias].filter((x) => !/vfio/.test(x) && x !== 'pci_stub');
      }),
    ),
  ];
  const builtin = release ? root.readText(`/lib/modules/${release}/modules.builtin`) : undefined;
  if (builtin !== undefined) {
    const names = new Set(
      builtin.split('\n').map((l) =>
        l
          .slice(l.lastIndexOf('/') + 1)
          .replace(/\.ko.*$/, '')
          .replace(/-/g, '_'),
      ),
    );
    const fixed = softdeps.filter((m) => names.has(m));
    if (fixed.length)
      notes.push(
        `${fixed.join(', ')} ${fixed.length > 1 ? 'are' : 'is'} built into ${release}: a softdep cannot make vfio-pci load first; vfio-pci.ids on the command line works only with vfio-pci built in too`,
      );
  }
  return softdeps;
}

/** modprobe.d's vfio-pci options and softdeps, and the driver_override script when IDs are shared. */
function draftModprobe(draft: Draft, conf: Parameters<typeof modprobeConf>[0]): void {
  draft.files.set(MODPROBE_CONF, {
    after: modprobeConf(conf),
    mode: 0o644,
    why: 'vfio-pci options, and softdeps so vfio-pci loads before the host drivers',
  });
  if (conf.overrides.length)
    draft.files.set(OVERRIDE_SCRIPT, {
      after: overrideScript(conf.overrides),
      mode: 0o755,
      why: 'sets driver_override for the devices IDs cannot tell apart, before vfio-pci loads',
    });
}

/** The initramfs generator's configuration: load the vfio modules before other drivers. */
function draftInitramfs(
  root: HostRoot,
  draft: Draft,
  ir: BootChain['initramfs'],
  modules: string[],
  overrides: string[],
  notes: string[],
): void {
  if (ir.kind === 'initramfs-tools') {
    draft.files.set(INITRAMFS_TOOLS_MODULES, {
      after: initramfsToolsModules(currentText(root, INITRAMFS_TOOLS_MODULES) ?? '', modules),
      mode: 0o644,
      why: 'load the vfio modules in the initramfs, before other drivers',
    });
    if (overrides.length)
      draft.files.set(INITRAMFS_TOOLS_HOOK, {
        after: initramfsToolsHook(),
        mode: 0o755,
        why: 'copy the driver_override script into the initramfs',
      });
  } else if (ir.kind === 'dracut') {
    draft.files.set(DRACUT_CONF, {
      after: dracutConf(modules, overrides.length > 0),
      mode: 0o644,
      why: 'load the vfio modules in the initramfs, before other drivers',
    });
  } else {
    const e = editMkinitcpio(
      currentText(root, MKINITCPIO_CONF) ?? '',
      modules,
      overrides.length ? [OVERRIDE_SCRIPT] : [],
    );
    notes.push(...e.notes);
    draft.files.set(MKINITCPIO_CONF, {
      after: e.text,
      mode: 0o644,
      why: 'load the vfio modules first in the initramfs',
    });
  }
}

/**
 * The kernel command line where the boot chain keeps it: a file setup edits (GRUB's defaults,
 * systemd-boot's /etc/kernel/cmdline), or a tool that owns it (grubby, kernelstub), whose
 * commands, and the commands that undo them, are returned.
 */
function draftCmdline(
  root: HostRoot,
  draft: Draft,
  store: BootChain['loader']['cmdline'],
  params: readonly WantedParam[],
  notes: string[],
): { toolCommands: CommandStep[]; toolUndo: string[][] } {
  let cmdEdit: CmdlineEdit;
  const toolCommands: CommandStep[] = [];
  const toolUndo: string[][] = [];
  if (store.kind === 'grub-default') {
    const e = editGrubDefault(currentText(root, store.file) ?? '', params);
    cmdEdit = e;
    draft.files.set(store.file, { after: e.text, mode: 0o644, why: `kernel command line (${e.variable})` });
  } else if (store.kind === 'plain-file') {
    const existing = currentText(root, store.file);
    const basis = existing ?? cmdlineFromProc(root.readText('/proc/cmdline') ?? '');
    if (existing === undefined && root.readText('/proc/cmdline') === undefined)
      throw new VfiokitError(
        `${store.file} does not exist and /proc/cmdline is not readable to start it from`,
        {
          code: 'setup.cmdline',
        },
      );
    const e = editPlainCmdline(basis, params);
    cmdEdit = e;
    draft.files.set(store.file, {
      after: e.text,
      mode: 0o644,
      why:
        existing === undefined
          ? 'kernel command line (started from /proc/cmdline, as kernel-install does)'
          : 'kernel command line',
    });
  } else {
    const current = toolWords(root, store.tool);
    const e = editWords(current.words, params);
    cmdEdit = e;
    if (current.note) notes.push(current.note);
    toolCommands.push(...toolCmdlineCommands(store.tool, current.words, e.words, toolUndo));
  }
  notes.push(...cmdEdit.notes);
  return { toolCommands, toolUndo };
}

/** grubby's or kernelstub's commands from the current words to the wanted ones; `undo` gets their undo. */
function toolCmdlineCommands(
  tool: 'grubby' | 'kernelstub',
  current: string[],
  wanted: string[],
  undo: string[][],
): CommandStep[] {
  const added = wanted.filter((w) => !current.includes(w));
  const removed = current.filter((w) => !wanted.includes(w));
  const [addArgv, delArgv] =
    tool === 'grubby'
      ? [
          (ws: string[]) => ['grubby', '--update-kernel=ALL', `--args=${ws.join(' ')}`],
          (ws: string[]) => ['grubby', '--update-kernel=ALL', `--remove-args=${ws.join(' ')}`],
        ]
      : [
          (ws: string[]) => ['kernelstub', '--add-options', ws.join(' ')],
          (ws: string[]) => ['kernelstub', '--delete-options', ws.join(' ')],
        ];
  const own: string[][] = [];
  if (added.length) own.push(delArgv(added));
  if (removed.length) own.push(addArgv(removed));
  const commands: CommandStep[] = [];
  if (removed.length)
    commands.push({
      kind: 'command',
      argv: delArgv(removed),
      why: 'replace parameters with other values',
      undo: own,
    });
  if (added.length)
    commands.push({
      kind: 'command',
      argv: addArgv(added),
      why: `kernel command line (${tool} owns it)`,
      undo: removed.length ? [] : own,
    });
  undo.push(...own);
  return commands;
}

/** The files the tool will rewrite, as they are before it runs, so --undo is exact. */
function keepToolOriginals(root: HostRoot, tool: 'grubby' | 'kernelstub', recordFiles: RecordedFile[]): void {
  for (const p of toolStateFiles(root, tool)) {
    const b = readBytes(root, p);
    if (b && !recordFiles.some((r) => r.path === p))
      recordFiles.push({
        path: p,
        existed: true,
        mode: modeOf(root, p, 0o644),
        original: Buffer.from(b).toString('base64'),
        tool: true,
      });
  }
}

/** The drafted files that differ from what is there, with the originals kept for --undo. */
function fileSteps(
  root: HostRoot,
  draft: Draft,
  store: BootChain['loader']['cmdline'],
  existing: SetupRecord | undefined,
  toolRewrites: boolean,
): {
  steps: FileStep[];
  recordFiles: RecordedFile[];
  createdDirs: string[];
  initramfsChanged: boolean;
  cmdlineChanged: boolean;
} {
  const steps: FileStep[] = [];
  const recordFiles: RecordedFile[] = existing ? [...existing.files] : [];
  if (toolRewrites && store.kind === 'tool') keepToolOriginals(root, store.tool, recordFiles);
  const createdDirs: string[] = existing ? [...existing.createdDirs] : [];
  let initramfsChanged = false;
  let cmdlineChanged = false;
  for (const [p, f] of draft.files) {
    const before = readBytes(root, p);
    const after = enc.encode(f.after);
    if (before && sha256(before) === sha256(after)) continue;
    if (!recordFiles.some((r) => r.path === p)) {
      recordFiles.push(
        before
          ? {
              path: p,
              existed: true,
              mode: modeOf(root, p, 0o644),
              original: Buffer.from(before).toString('base64'),
            }
          : { path: p, existed: false },
      );
      if (!before) for (const d of missingDirs(root, p)) if (!createdDirs.includes(d)) createdDirs.push(d);
    }
    // What setup leaves in the file, so --undo can tell a later edit by hand from its own.
    const i = recordFiles.findIndex((r) => r.path === p);
    recordFiles[i] = { ...recordFiles[i], writtenSha256: sha256(after) };
    steps.push({
      kind: 'file',
      path: p,
      action: before ? 'modify' : 'create',
      before,
      after,
      mode: before ? modeOf(root, p, f.mode) : f.mode,
      why: f.why,
    });
    if (store.kind !== 'tool' && p === store.file) cmdlineChanged = true;
    else initramfsChanged = true;
  }
  return { steps, recordFiles, createdDirs, initramfsChanged, cmdlineChanged };
}

/** The tool commands, then the initramfs rebuild and the boot entries' update that the changes need. */
function regenerateCommands(
  chain: BootChain,
  toolCommands: CommandStep[],
  changed: { initramfs: boolean; cmdline: boolean },
): CommandStep[] {
  const commands: CommandStep[] = [...toolCommands];
  const cmdlineChanged = changed.cmdline || toolCommands.length > 0;
  if (changed.initramfs)
    commands.push({
      kind: 'command',
      argv: chain.initramfs.regenerate,
      why: `rebuild the initramfs (${chain.initramfs.name})`,
      regenerates: true,
    });
  if (cmdlineChanged || (changed.initramfs && chain.loader.kind === 'proxmox'))
    for (const r of chain.loader.regenerate)
      commands.push({
        kind: 'command',
        argv: r,
        why: `update the boot entries (${chain.loader.name})`,
        regenerates: true,
      });
  return commands;
}

function recordedDevices(
  chosen: ChosenDevice[],
  groups: IommuGroup[],
  bindBy: ReadonlyMap<string, RecordedDevice['bindBy']>,
): RecordedDevice[] {
  return chosen.map((c: ChosenDevice) => {
    const d = c.device;
    const g = d.iommuGroup === undefined ? undefined : groups.find((x) => x.id === d.iommuGroup);
    return {
      address: d.address,
      id: idOf(d),
      ...(d.subsystemVendorId !== undefined && d.subsystemDeviceId !== undefined
        ? { subsystem: formatIdPair(d.subsystemVendorId, d.subsystemDeviceId) }
        : {}),
      classCode: formatClassCode(d.classCode),
      ...(g ? { group: g.id, groupMembers: [...g.devices.map((x) => x.address), ...g.others] } : {}),
      bindBy: bindBy.get(d.address) ?? 'id',
      why: c.why,
    };
  });
}

/**
 * The record's file step, when the record changes. Its own directory joins createdDirs (which the
 * record lists) only when it is created, so the bytes written are computed again with it.
 */
function recordStep(root: HostRoot, record: SetupRecord, createdDirs: string[]): FileStep | undefined {
  const recBytes = enc.encode(recordText(record));
  const recBefore = readBytes(root, RECORD_PATH);
  if (recBefore && sha256(recBefore) === sha256(recBytes)) return undefined;
  if (!recBefore)
    for (const d of missingDirs(root, RECORD_PATH)) if (!createdDirs.includes(d)) createdDirs.push(d);
  const finalBytes = enc.encode(recordText({ ...record, createdDirs }));
  if (recBefore && sha256(recBefore) === sha256(finalBytes)) return undefined;
  return {
    kind: 'file',
    path: RECORD_PATH,
    action: recBefore ? 'modify' : 'create',
    before: recBefore,
    after: finalBytes,
    mode: 0o600,
    why: 'what was set up, with the original files (for --undo, --verify and doctor)',
    showDiff: false,
  };
}

/** The vfio modules the initramfs must load, for the kernels installed (else the running one). */
function initramfsVfioModules(root: HostRoot, notes: string[]): ReturnType<typeof vfioModules> {
  const kernels = installedKernels(root);
  const release = root.readAttr('/proc/sys/kernel/osrelease');
  const vm = vfioModules(kernels.length ? kernels : release ? [release] : []);
  if (vm.note) notes.push(vm.note);
  return vm;
}

function setupRecordOf(
  spec: TargetSpec,
  chain: BootChain,
  parts: Omit<SetupRecord, 'schema' | 'targets' | 'bootLoader' | 'initramfs' | 'regenerate'>,
): SetupRecord {
  const ir = chain.initramfs;
  return {
    schema: 'vfiokit.setup-record/1',
    targets: [...spec.items, ...spec.groups.map((g) => `--group ${g}`), ...(spec.gpu ? ['--gpu'] : [])],
    devices: parts.devices,
    ids: parts.ids,
    overrides: parts.overrides,
    cmdline: parts.cmdline,
    initramfsModules: parts.initramfsModules,
    bootLoader: chain.loader.kind,
    initramfs: ir.kind,
    files: parts.files,
    createdDirs: parts.createdDirs,
    undoCommands: parts.undoCommands,
    regenerate: [
      ir.regenerate,
      ...chain.loader.regenerate.filter((r) => r.join(' ') !== ir.regenerate.join(' ')),
    ],
  };
}

function planDevices(chosen: ChosenDevice[], bindBy: ReadonlyMap<string, RecordedDevice['bindBy']>) {
  return chosen.map((c) => ({
    address: c.device.address,
    id: idOf(c.device),
    driver: c.device.driver,
    why: c.why,
    bindBy: bindBy.get(c.device.address) ?? 'id',
  }));
}

export function planSetup(root: HostRoot, spec: TargetSpec, opts: SetupOptions = {}): SetupPlan {
  const scan = scanPciDevices(root);
  const devices = scan.devices;
  const groups = joinGroups(readKernelGroups(root), devices, scan.unreadable);
  const { chosen, notes } = resolveTargets(devices, groups, spec);
  refuseUnknownGroups(chosen, groups);
  notes.push(...refuseHostCritical(chosen, Boolean(opts.force)));
  const chain = detectBootChain(root);
  const chosenDevs = chosen.map((c) => c.device);
  const { ids, overrides, bindBy } = chooseBinding(devices, chosenDevs);
  const bootGpu = chosenDevs.find((d) => d.bootVga)?.address;
  const softdeps = softdepModules(root, chosenDevs, notes);
  const cmd = wantedCmdline(root, ids, bootGpu);
  notes.push(...cmd.notes);
  const vm = initramfsVfioModules(root, notes);
  if (overrides.length)
    notes.push(
      `bound by address (driver_override), because another device has the same ID: ${overrides.join(', ')}`,
    );

  const draft: Draft = { files: new Map(), commands: [] };
  draftModprobe(draft, { ids, overrides, softdeps, addresses: chosenDevs.map((d) => d.address) });
  draftInitramfs(root, draft, chain.initramfs, vm.modules, overrides, notes);
  const store = chain.loader.cmdline;
  const { toolCommands, toolUndo } = draftCmdline(root, draft, store, cmd.params, notes);

  const existing = readSetupRecord(root);
  const files = fileSteps(root, draft, store, existing, toolCommands.length > 0);
  const commands = regenerateCommands(chain, toolCommands, {
    initramfs: files.initramfsChanged,
    cmdline: files.cmdlineChanged,
  });
  const record = setupRecordOf(spec, chain, {
    devices: recordedDevices(chosen, groups, bindBy),
    ids,
    overrides,
    cmdline: cmd.params,
    initramfsModules: vm.modules,
    files: files.recordFiles,
    createdDirs: files.createdDirs,
    undoCommands: existing ? mergeUndo(existing.undoCommands, toolUndo) : toolUndo,
  });
  const recStep = recordStep(root, record, files.createdDirs);
  const allSteps: (FileStep | CommandStep)[] = [...files.steps, ...(recStep ? [recStep] : []), ...commands];
  return {
    mode: 'setup',
    chain,
    devices: planDevices(chosen, bindBy),
    ids,
    overrides,
    cmdline: cmd.params,
    initramfsModules: vm.modules,
    notes,
    plan: { steps: allSteps },
  };
}

function mergeUndo(old: string[][], add: string[][]): string[][] {
  const out = [...old];
  for (const a of add) if (!out.some((o) => o.join('\0') === a.join('\0'))) out.push(a);
  return out;
}

/** The files a command-line tool rewrites: kernelstub's configuration, grubby's BLS entries. */
function toolStateFiles(root: HostRoot, tool: 'grubby' | 'kernelstub'): string[] {
  if (tool === 'kernelstub') return ['/etc/kernelstub/configuration'];
  return root
    .list('/boot/loader/entries')
    .filter((f) => f.endsWith('.conf'))
    .map((f) => `/boot/loader/entries/${f}`);
}

/** The words a tool holds now: kernelstub's user kernel_options, or grubby's BLS entries' options. */
function toolWords(root: HostRoot, tool: 'grubby' | 'kernelstub'): { words: string[]; note?: string } {
  if (tool === 'kernelstub') {
    const t = root.readText('/etc/kernelstub/configuration');
    try {
      const v = JSON.parse(t ?? '') as { user?: { kernel_options?: unknown } };
      const o = v.user?.kernel_options;
      if (Array.isArray(o)) return { words: o.filter((x): x is string => typeof x === 'string') };
      if (typeof o === 'string') return { words: splitCmdline(o) };
    } catch {
      // fall through
    }
    throw new VfiokitError('cannot read the kernel options in /etc/kernelstub/configuration', {
      hint: 'check the file with `kernelstub -p`',
      code: 'setup.kernelstub',
    });
  }
  const dir = '/boot/loader/entries';
  const lists: string[][] = [];
  for (const f of root.list(dir)) {
    if (!f.endsWith('.conf')) continue;
    const t = root.readText(`${dir}/${f}`) ?? '';
    const m = /^options\s+(.*)$/m.exec(t);
    lists.push(m ? splitCmdline(m[1]) : []);
  }
  if (!lists.length)
    return {
      words: [],
      note: 'no BLS entries in /boot/loader/entries: grubby is asked to add every parameter',
    };
  // Words every entry has; grubby --update-kernel=ALL gives the rest to every entry.
  const words = lists[0].filter((w) => lists.every((l) => l.includes(w)));
  if (lists.some((l) => l.some((w) => w.startsWith('$'))))
    return {
      words,
      note: 'some BLS entries take their options from a variable ($kernelopts): grubby resolves it',
    };
  return { words };
}

/**
 * Files edited since setup wrote them: undo would lose those edits, so it asks for --force, and
 * with it says which edits go.
 */
function refuseEditedSince(root: HostRoot, record: SetupRecord, force: boolean): string[] {
  const notes: string[] = [];
  const editedSince = record.files.filter((f) => {
    if (f.tool || !f.writtenSha256) return false;
    const now = readBytes(root, f.path);
    return now !== undefined && sha256(now) !== f.writtenSha256;
  });
  if (editedSince.length && !force) {
    throw new VfiokitError(
      `changed since vfiokit setup wrote ${editedSince.length > 1 ? 'them' : 'it'}: ${editedSince.map((f) => f.path).join(', ')}`,
      {
        hint: 'undo puts back the file as it was before setup and would lose those edits; see them with `vfiokit setup --undo --force --dry-run`, then add --force',
        code: 'setup.edited-since',
      },
    );
  }
  for (const f of editedSince) notes.push(`--force: the edits made to ${f.path} after setup are undone too`);
  return notes;
}

/** Each file setup touched back as it was (tool-owned files apart: they follow the tool's undo). */
function restoreFileSteps(
  root: HostRoot,
  record: SetupRecord,
): { steps: (FileStep | CommandStep)[]; toolSteps: FileStep[] } {
  const steps: (FileStep | CommandStep)[] = [];
  const toolSteps: FileStep[] = [];
  for (const f of record.files) {
    const now = readBytes(root, f.path);
    if (f.existed) {
      const orig = new Uint8Array(Buffer.from(f.original ?? '', 'base64'));
      const mode = f.mode ?? 0o644;
      if (now && sha256(now) === sha256(orig) && modeOf(root, f.path, mode) === mode) continue;
      (f.tool ? toolSteps : steps).push({
        kind: 'file',
        path: f.path,
        action: now ? 'modify' : 'create',
        before: now,
        after: orig,
        mode,
        why: 'back to the file as it was before vfiokit setup',
        ...(f.tool ? { rewrittenBefore: true } : {}),
      });
    } else if (now) {
      steps.push({
        kind: 'file',
        path: f.path,
        action: 'remove',
        before: now,
        mode: 0o644,
        why: 'vfiokit setup created it',
        removeEmptyDirs: [...record.createdDirs].reverse().filter((d) => f.path.startsWith(`${d}/`)),
      });
    }
  }
  return { steps, toolSteps };
}

/** The plan that takes setup back: every file as it was, commands undone, boot files rebuilt. */
export function planUndo(root: HostRoot, opts: SetupOptions = {}): SetupPlan {
  const record = readSetupRecord(root);
  if (!record) {
    throw new VfiokitError(`nothing to undo: ${RECORD_PATH} does not exist`, {
      hint: 'setup --undo takes back what `vfiokit setup --apply` did on this machine',
      code: 'setup.no-record',
    });
  }
  const notes = refuseEditedSince(root, record, Boolean(opts.force));
  const { steps, toolSteps } = restoreFileSteps(root, record);
  const cmds: CommandStep[] = record.undoCommands.map((argv) => ({
    kind: 'command',
    argv,
    why: 'take the kernel parameters back out',
  }));
  const regen: CommandStep[] = record.regenerate.map((argv) => ({
    kind: 'command',
    argv,
    why: 'rebuild from the restored files',
    regenerates: true,
  }));
  const recBytes = readBytes(root, RECORD_PATH);
  steps.push(...cmds, ...toolSteps, ...regen);
  steps.push({
    kind: 'file',
    path: RECORD_PATH,
    action: 'remove',
    before: recBytes,
    mode: 0o600,
    why: 'setup is undone',
    showDiff: false,
    removeEmptyDirs: [...record.createdDirs].reverse(),
  });
  return {
    mode: 'undo',
    devices: record.devices.map((d) => ({ address: d.address, id: d.id, why: d.why, bindBy: d.bindBy })),
    ids: record.ids,
    overrides: record.overrides,
    cmdline: record.cmdline,
    initramfsModules: record.initramfsModules,
    notes,
    plan: { steps },
  };
}
