/**
 * `vfiokit config qemu|libvirt SPEC`: read the spec (from the working directory), resolve its
 * devices against the host (--root or /), choose OVMF from QEMU's firmware descriptors, check
 * romfiles with the ROM toolkit, build the one model and render it.
 */
import * as fs from 'node:fs';
import { EnvironmentError, ExitCode, errnoCode, showPath, UsageError, VfiokitError } from '../../errors.js';
import { readCpuTopology } from '../../host/cpu-topology.js';
import { readPciDevices } from '../../host/pci-sysfs.js';
import { FIRMWARE_DIRS, readFirmwareDescriptors } from '../../host/qemu-firmware.js';
import type { HostRoot } from '../../host/root.js';
import type { ConfigLibvirtJson } from '../../schema/outputs/config-libvirt.js';
import type { ConfigQemuJson } from '../../schema/outputs/config-qemu.js';
import { chooseOvmf } from '../../vm/firmware.js';
import { buildVmModel, type VmModel } from '../../vm/model.js';
import { patchLibvirtDomain } from '../../vm/patch-libvirt.js';
import { type PinningPlan, planPinning } from '../../vm/pinning.js';
import { renderLibvirt } from '../../vm/render-libvirt.js';
import { formatQemuShell, renderQemu } from '../../vm/render-qemu.js';
import { type ResolvedSlot, resolveDevices } from '../../vm/resolve-devices.js';
import { checkRomfile } from '../../vm/romfile-check.js';
import { parseVmSpec } from '../../vm/spec/parse-spec.js';
import type { VmSpec } from '../../vm/spec/schema.js';
import type { CliContext } from '../context.js';

export interface ConfigOptions {
  firmwareDir?: string[];
  patch?: string;
}

/** Far above any spec or domain XML; keeps a wrong argument (a disk image) cheap. */
const MAX_TEXT = 4 * 1024 * 1024;
/** ROM BARs are at most 16 MiB; full-flash dumps stay below that too. */
const MAX_ROM = 32 * 1024 * 1024;

function readUserFile(file: string, what: string, max: number): Buffer {
  try {
    const st = fs.statSync(file);
    if (!st.isFile())
      throw new UsageError(`${showPath(file)} is not a regular file`, { code: 'vm.not-file' });
    if (st.size > max)
      throw new UsageError(`${showPath(file)} is ${st.size} bytes, too large for ${what}`, {
        code: 'vm.too-large',
      });
    return fs.readFileSync(file);
  } catch (e) {
    if (e instanceof VfiokitError) throw e;
    const code = errnoCode(e);
    throw new EnvironmentError(
      code === 'ENOENT'
        ? `${what} ${showPath(file)} does not exist`
        : `cannot read ${showPath(file)}: ${code ?? String(e)}`,
      { code: 'vm.no-file' },
    );
  }
}

export function readSpecFile(file: string): VmSpec {
  const bytes = readUserFile(file, 'VM spec', MAX_TEXT);
  if (bytes.includes(0))
    throw new UsageError(`${showPath(file)} is a binary file, not a VM spec`, {
      code: 'vm.spec',
      hint: 'see docs/vm.md',
    });
  return parseVmSpec(bytes.toString('utf8').replace(/^\uFEFF/, ''), file);
}

export interface BuiltModel {
  model: VmModel;
  /** Things to say besides the output: romfile verdicts that could not be decided. */
  notes: string[];
}

export function buildModelForHost(ctx: CliContext, spec: VmSpec, opts: ConfigOptions): BuiltModel {
  const notes: string[] = [];
  const host = spec.devices?.length ? readPciDevices(ctx.root()) : [];
  const slots = resolveDevices(spec.devices ?? [], host);
  const fw = spec.firmware?.type ?? 'ovmf';
  const ovmf =
    fw === 'ovmf'
      ? (() => {
          const scan = readFirmwareDescriptors(opts.firmwareDir?.length ? opts.firmwareDir : FIRMWARE_DIRS);
          return chooseOvmf(
            scan.descriptors,
            { machine: spec.machine ?? 'q35', secureBoot: spec.firmware?.secureBoot ?? false },
            scan.searched,
          );
        })()
      : undefined;
  const plan = spec.cpu.pin === 'auto' ? planForHost(ctx.root(), spec, slots) : undefined;
  if (plan) notes.push(...plan.reasons.map((r) => `pinning: ${r}`), ...plan.advice.map((a) => `host: ${a}`));
  const model = buildVmModel({ spec, slots, ovmf, ...(plan ? { autoPin: plan } : {}) });
  for (const h of model.hostdevs) {
    if (h.romfile === undefined) continue;
    const bytes = readUserFile(h.romfile, 'romfile', MAX_ROM);
    const v = checkRomfile(
      new Uint8Array(bytes),
      { vendor: h.vendorId, device: h.deviceId },
      fw === 'ovmf',
      h.igd?.mode === 'legacy' && fw === 'seabios',
    );
    if (v.problems.length)
      throw new VfiokitError(`romfile ${showPath(h.romfile)} for ${h.host}: ${v.problems.join('; ')}`, {
        code: 'vm.romfile',
        hint: `check it with vfiokit rom parse ${h.romfile} --for ${h.host}; or dump the card's own ROM with vfiokit rom dump`,
      });
    notes.push(...v.unknown.map((u) => `romfile ${h.romfile}: ${u}`));
  }
  return { model, notes };
}

/**
 * QEMU's own options cannot place vCPU, emulator or I/O threads: -object thread-context
 * (QEMU 7.2, cpu-affinity/node-affinity) is used only through a memory backend's
 * prealloc-context, for the threads that preallocate guest RAM. libvirt pins through cgroups
 * and sched_setaffinity when it starts the domain.
 */
export const QEMU_PIN_NOTE =
  'QEMU has no option that pins vCPU, emulator or I/O threads (-object thread-context pins only the threads that preallocate memory): pin them after start as above, or use the libvirt domain, whose <cputune> libvirt applies when it starts QEMU';

/** cpu.pin: auto → a plan from the host's (or the --root snapshot's) /sys/devices/system/cpu. */
export function planForHost(root: HostRoot, spec: VmSpec, slots: ResolvedSlot[]): PinningPlan {
  const topo = readCpuTopology(root);
  if (!topo.ok)
    throw new EnvironmentError(`cpu.pin: auto: the CPU topology of ${root.name} is unknown: ${topo.reason}`, {
      code: 'vm.pin-topology',
      hint: 'give the host CPU lists in cpu.pin (vcpus, emulator) by hand',
    });
  const gpu = slots.find((s) => s.functions[0].device.classCode >> 16 === 0x03) ?? slots[0];
  const node = gpu?.functions[0].device.numaNode;
  const virtioDisks = (spec.disks ?? []).filter((d) => !d.cdrom && d.bus !== 'sata').length;
  return planPinning(topo.topology, {
    sockets: spec.cpu.sockets ?? 1,
    cores: spec.cpu.cores,
    threads: spec.cpu.threads ?? 1,
    iothreads: virtioDisks ? 1 : 0,
    ...(node !== undefined ? { gpuNode: node } : {}),
    ...(gpu && node === undefined
      ? { gpuNodeUnknown: `${gpu.functions[0].device.address} numa_node is -1 or missing` }
      : {}),
  });
}

export async function runConfig(
  ctx: CliContext,
  kind: 'qemu' | 'libvirt',
  specFile: string,
  opts: ConfigOptions,
): Promise<number> {
  const spec = readSpecFile(specFile);
  const { model, notes } = buildModelForHost(ctx, spec, opts);
  if (kind === 'qemu') {
    const cmd = renderQemu(model);
    const allNotes = [...notes, ...cmd.notes];
    if (spec.cpu.pin === 'auto') allNotes.push(QEMU_PIN_NOTE);
    if (ctx.json) {
      const doc: ConfigQemuJson = {
        schema: 'vfiokit.config-qemu/1',
        name: model.name,
        argv: cmd.argv,
        notes: allNotes,
        warnings: model.warnings,
      };
      ctx.printJson(doc);
    } else {
      for (const w of model.warnings) ctx.err(`vfiokit: warning: ${w}`);
      for (const n of allNotes) ctx.err(`vfiokit: note: ${n}`);
      ctx.out(formatQemuShell(cmd.argv));
    }
    return ExitCode.ok;
  }
  let xml: string;
  const patchNotes: string[] = [];
  if (opts.patch !== undefined) {
    const text = readUserFile(opts.patch, 'domain XML', MAX_TEXT).toString('utf8');
    const r = patchLibvirtDomain(text, opts.patch, model);
    xml = r.xml;
    patchNotes.push(...r.notes);
  } else xml = renderLibvirt(model);
  const allNotes = [...notes, ...patchNotes];
  if (ctx.json) {
    const doc: ConfigLibvirtJson = {
      schema: 'vfiokit.config-libvirt/1',
      name: model.name,
      xml,
      ...(opts.patch !== undefined ? { patched: opts.patch } : {}),
      notes: allNotes,
      warnings: model.warnings,
    };
    ctx.printJson(doc);
  } else {
    for (const w of model.warnings) ctx.err(`vfiokit: warning: ${w}`);
    for (const n of allNotes) ctx.err(`vfiokit: note: ${n}`);
    ctx.out(xml.replace(/\n$/, ''));
  }
  return ExitCode.ok;
}
