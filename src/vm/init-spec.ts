/**
 * A starting VM spec for this host (`vfiokit vm init`). Pure: host facts and answers in, the spec
 * and the reasons for its values out. The split rules:
 * - GPU: a display controller that is not the boot VGA device (the host keeps the console GPU),
 *   preferring one whose IOMMU group holds only its own slot's functions (bridges aside), since
 *   every device of a group must go to vfio-pci together; its other functions come along
 *   (`functions: all`, the default).
 * - Memory: the host keeps the larger of 4 GiB and a quarter of MemTotal; the guest gets the rest,
 *   in whole GiB.
 * - CPUs: the host keeps CPU 0's core and at least a quarter of the cores (rounded up); the guest
 *   gets the rest (within the GPU's NUMA node when the host has several), with as many threads per
 *   core as the host has SMT siblings, and `cpu.pin: auto`.
 */

import type { CpuTopology } from '../cpu/topology.js';
import { VfiokitError } from '../errors.js';
import type { PciDevice } from '../pci/types.js';
import type { VmSpec } from './spec/schema.js';

export interface InitAnswers {
  name: string;
  /** Absolute path of the guest's disk image. */
  disk: string;
  windows: boolean;
}

export interface InitInputs {
  devices: PciDevice[];
  memTotalBytes?: number;
  topology?: CpuTopology;
  answers: InitAnswers;
}

export interface InitResult {
  spec: VmSpec;
  reasons: string[];
}

const GIB = 1024 ** 3;
const slotOf = (a: string) => a.replace(/\.[0-7]$/, '');
const isBridge = (d: PciDevice) => d.classCode >> 16 === 0x06;

/** The GPU to assign, or why there is none. */
export function chooseGpu(devices: PciDevice[]): { gpu?: PciDevice; reasons: string[] } {
  const reasons: string[] = [];
  const gpus = devices.filter((d) => d.classCode >> 16 === 0x03 && !d.physfn);
  const candidates = gpus.filter((d) => d.bootVga !== true);
  for (const d of gpus)
    if (d.bootVga) reasons.push(`${d.address} is the boot VGA device: the host keeps it for its console`);
  const clean = (d: PciDevice) =>
    d.iommuGroup !== undefined &&
    devices.every(
      (o) => o.iommuGroup !== d.iommuGroup || slotOf(o.address) === slotOf(d.address) || isBridge(o),
    );
  const ranked = [...candidates].sort((a, b) => Number(clean(b)) - Number(clean(a)));
  const gpu = ranked[0];
  if (!gpu) {
    reasons.push(
      gpus.length
        ? 'no display controller besides the boot VGA device: no GPU assigned'
        : 'no display controller on this host: no GPU assigned',
    );
    return { reasons };
  }
  if (gpu.iommuGroup === undefined)
    reasons.push(`${gpu.address}: no IOMMU group (IOMMU off?): check with vfiokit doctor before starting`);
  else if (!clean(gpu))
    reasons.push(
      `${gpu.address}: IOMMU group ${gpu.iommuGroup} holds other devices too; they all must be bound to vfio-pci (vfiokit explain ${gpu.address})`,
    );
  else reasons.push(`${gpu.address}: IOMMU group ${gpu.iommuGroup} holds only its own functions`);
  return { gpu, reasons };
}

export function initSpec({ devices, memTotalBytes, topology, answers }: InitInputs): InitResult {
  const { gpu, reasons } = chooseGpu(devices);
  const guestGib = guestMemoryGib(memTotalBytes, reasons);
  const { cores: guestCores, threads: smt } = guestCpus(topology, gpu?.numaNode, reasons);
  const spec: VmSpec = {
    name: answers.name,
    memory: `${guestGib}G`,
    cpu: { sockets: 1, cores: guestCores, threads: smt, pin: 'auto' },
    firmware: { type: 'ovmf', secureBoot: answers.windows },
    ...(gpu ? { devices: [{ address: gpu.address, display: 'primary' as const }] } : {}),
    ...(answers.windows ? { hyperv: {} } : {}),
    disks: [{ file: answers.disk, format: 'qcow2' as const }],
    network: [{ type: 'user' as const }],
  };
  if (answers.windows)
    reasons.push('Windows: Hyper-V enlightenments and OVMF with secure boot (Windows 11 asks for it)');
  return { spec, reasons };
}

/** The guest's whole GiB: what is left after the host keeps the larger of 4 GiB and a quarter. */
function guestMemoryGib(memTotalBytes: number | undefined, reasons: string[]): number {
  if (memTotalBytes === undefined || memTotalBytes < 2 * GIB)
    throw new VfiokitError(
      memTotalBytes === undefined
        ? 'the host memory size is unknown (/proc/meminfo MemTotal unreadable)'
        : `the host has ${Math.round(memTotalBytes / 1024 ** 2)} MiB of memory: too little to share with a guest`,
      { code: 'vm.init-memory', exitCode: 3 },
    );
  const hostKeeps = Math.max(4 * GIB, memTotalBytes / 4);
  const guestGib = Math.floor((memTotalBytes - hostKeeps) / GIB);
  if (guestGib < 1)
    throw new VfiokitError(
      `the host has ${(memTotalBytes / GIB).toFixed(1)} GiB of memory; keeping 4 GiB for the host leaves less than 1 GiB for a guest`,
      { code: 'vm.init-memory', exitCode: 3 },
    );
  reasons.push(
    `memory ${guestGib}G: the host keeps the larger of 4 GiB and a quarter of its ${(memTotalBytes / GIB).toFixed(1)} GiB`,
  );
  return guestGib;
}

/**
 * The guest's cores and threads per core: the host keeps CPU 0's core and at least a quarter of
 * the cores; a GPU on a NUMA node keeps the guest in that node.
 */
function guestCpus(
  topology: InitInputs['topology'],
  node: number | undefined,
  reasons: string[],
): { cores: number; threads: number } {
  if (!topology)
    throw new VfiokitError('the host CPU topology is unknown: cannot split the CPUs', {
      code: 'vm.init-cpu',
      exitCode: 3,
    });
  const cores = new Map<string, { node?: number; cpus: number[] }>();
  for (const c of topology.cpus) cores.set(c.siblings.join(','), { node: c.node, cpus: c.siblings });
  const all = [...cores.values()];
  const smt = Math.max(...all.map((c) => c.cpus.length));
  const pool = node !== undefined && topology.nodes.length > 1 ? all.filter((c) => c.node === node) : all;
  const hostShare = Math.max(1, Math.ceil(all.length / 4));
  // CPU 0's core is among the host's share; in another node than the GPU's the pool has all its cores.
  const cpu0InPool = pool.some((c) => c.cpus.includes(0));
  const guestCores = Math.min(pool.length - (cpu0InPool ? 1 : 0), all.length - hostShare);
  if (guestCores < 1)
    throw new VfiokitError(
      `the host has ${all.length} core(s): none left for a guest after the host's share`,
      {
        code: 'vm.init-cpu',
        exitCode: 3,
      },
    );
  reasons.push(
    `cpu ${guestCores} core${guestCores === 1 ? '' : 's'} × ${smt} thread${smt === 1 ? '' : 's'}: the host keeps CPU 0's core and at least a quarter of its ${all.length} cores (${hostShare})${pool !== all ? `; the guest stays in the GPU's NUMA node ${node}` : ''}`,
  );
  return { cores: guestCores, threads: smt };
}
