/**
 * Checks of a VM definition against this host (`vfiokit doctor --vm FILE`): what was read from
 * it, and whether the devices it assigns exist and can be assigned together: every endpoint of
 * their IOMMU groups must be in the VM or on vfio-pci/pci-stub/no driver when it starts (the
 * kernel's viability rule), and a GPU goes with the other functions of its slot.
 */

import { isDisplay } from '../../pci/domain.js';
import type { PciDevice } from '../../pci/types.js';
import { formatName, type VmDefinition } from '../../vm/definition.js';
import type { Check } from '../check.js';
import { formatBytes } from '../memory-size.js';
import { type DeviceContext, freeForVfio } from './gpu.js';

export function vmDefinitionCheck(vm: VmDefinition): Check {
  const base = { id: 'vm.definition' as const, group: 'vm' as const, title: 'VM definition' };
  const evidence = [
    `${formatName(vm.format)} ${vm.file}${vm.name ? ` (${vm.name})` : ''}`,
    `memory: ${vm.memoryBytes === undefined ? 'not given' : formatBytes(vm.memoryBytes)}; hugepages: ${vm.hugepages ? vm.hugepages.evidence : 'no'}`,
    `firmware: ${vm.firmware.kind === 'ovmf' ? 'OVMF (UEFI)' : 'SeaBIOS'} (${vm.firmware.evidence})`,
    `assigned PCI devices: ${vm.devices.map((d) => d.address ?? d.ref).join(' ') || 'none'}`,
  ];
  if (vm.kvmHidden || vm.hypervVendorId)
    evidence.push(
      `KVM hidden from the guest: ${vm.kvmHidden ? 'yes' : 'no'}${vm.hypervVendorId ? `; Hyper-V vendor_id ${vm.hypervVendorId}` : ''}`,
    );
  if (!vm.notes.length && vm.devices.length) return { ...base, verdict: 'ok', evidence };
  return {
    ...base,
    verdict: 'warn',
    evidence: [...evidence, ...vm.notes],
    fix: vm.devices.length
      ? 'vfiokit could not resolve everything in the definition: pass the devices with --device BDF and the memory with --memory SIZE'
      : 'the definition assigns no host PCI device: add a <hostdev> (libvirt) or -device vfio-pci,host=BDF (QEMU), or pass --device BDF',
  };
}

/** What the devices check has found so far; `verdict` only ever gets worse. */
interface Findings {
  verdict: Check['verdict'];
  evidence: string[];
  fixes: string[];
  /** Groups that could not be judged: the check cannot be "ok" while one of them is in play. */
  unknownWhy: string[];
}

function worsen(found: Findings, v: 'warn' | 'fail'): void {
  if (v === 'fail' || found.verdict === 'ok') found.verdict = v;
}

/** The VM's devices on this host: present, and their groups and slots complete. */
export function vmDevicesCheck(vm: VmDefinition, devices: PciDevice[], contexts: DeviceContext[]): Check {
  const base = {
    id: 'vm.devices' as const,
    group: 'vm' as const,
    title: 'Assigned devices and their groups',
  };
  const inVm = new Set(vm.devices.map((d) => d.address).filter((a): a is string => a !== undefined));
  const found: Findings = { verdict: 'ok', evidence: [], fixes: [], unknownWhy: [] };
  noteMissingDevices(vm, inVm, new Set(devices.map((d) => d.address)), found);
  const seenGroups = new Set<number>();
  const leftOut = new Set<string>();
  for (const c of contexts) {
    const vmDev = vm.devices.find((x) => x.address === c.device.address);
    if (vmDev) noteDriver(vm, vmDev, c.device, found);
    noteLeftOutFunctions(c, inVm, leftOut, found);
    if (!c.group || seenGroups.has(c.group.group)) continue;
    seenGroups.add(c.group.group);
    noteGroupViability(c, c.group, inVm, leftOut, found);
  }
  const { verdict, evidence, fixes, unknownWhy } = found;
  if (!vm.devices.length) return { ...base, verdict: 'ok', evidence: ['the VM assigns no host PCI device'] };
  if (verdict === 'ok' && unknownWhy.length)
    return { ...base, verdict: 'unknown', evidence: [...evidence, ...unknownWhy] };
  return verdict === 'ok'
    ? { ...base, verdict, evidence }
    : { ...base, verdict, evidence, fix: fixes.join('; ') };
}

/** Addresses the VM names that this host does not have: a failure. */
function noteMissingDevices(vm: VmDefinition, inVm: Set<string>, known: Set<string>, found: Findings): void {
  const missing = [...inVm].filter((a) => !known.has(a));
  for (const a of missing) {
    const line = vm.devices.find((d) => d.address === a)?.line;
    found.evidence.push(`${a} (line ${line}): no such PCI device on this host`);
  }
  if (missing.length) {
    worsen(found, 'fail');
    found.fixes.push(
      `the VM names ${missing.join(', ')}, which this host does not have: a card moved slots or the definition is from another host (see vfiokit devices)`,
    );
  }
}

/**
 * An assigned device's driver and who binds it to vfio-pci: a libvirt hostdev with managed='no'
 * on another driver fails, since libvirt will not bind it.
 */
function noteDriver(
  vm: VmDefinition,
  vmDev: VmDefinition['devices'][number],
  d: PciDevice,
  found: Findings,
): void {
  const how =
    vm.format === 'libvirt'
      ? vmDev.managed
        ? "managed='yes': libvirt binds it to vfio-pci at start"
        : "managed='no': it must be on vfio-pci before start"
      : 'QEMU needs it on vfio-pci before start';
  found.evidence.push(`${d.address} driver ${d.driver ?? 'none'} (${how})`);
  if (vm.format === 'libvirt' && !vmDev.managed && !freeForVfio(d)) {
    worsen(found, 'fail');
    found.fixes.push(
      `bind ${d.address} to vfio-pci before starting the VM, or set managed='yes' on its <hostdev>`,
    );
  }
}

/**
 * The other functions of a GPU's slot (HDMI audio, USB-C) that the VM leaves out: reset together,
 * so assigned together. Records them in `leftOut` for the group step.
 */
function noteLeftOutFunctions(
  c: DeviceContext,
  inVm: Set<string>,
  leftOut: Set<string>,
  found: Findings,
): void {
  const d = c.device;
  const left = c.companions.filter((o) => !inVm.has(o.address));
  if (!left.length || !isDisplay(d)) return;
  worsen(found, 'warn');
  for (const o of left) leftOut.add(o.address);
  found.evidence.push(
    `${d.address}: the VM leaves out ${left.map((o) => o.address).join(', ')} of the same card`,
  );
  found.fixes.push(
    `assign ${left.map((o) => o.address).join(', ')} too (the GPU's other functions, e.g. HDMI audio; same slot, reset together)`,
  );
}

/**
 * The kernel's viability rule for one group: endpoints outside the VM must be on vfio-pci,
 * pci-stub or no driver when it starts.
 */
function noteGroupViability(
  c: DeviceContext,
  group: NonNullable<DeviceContext['group']>,
  inVm: Set<string>,
  leftOut: Set<string>,
  found: Findings,
): void {
  if (group.verdict === 'unknown')
    found.unknownWhy.push(...group.unknownReasons.map((r) => `IOMMU group ${group.group}: ${r}`));
  const blocking = group.members.filter((m) => m.blocks && !inVm.has(m.address));
  if (blocking.length) worsen(found, 'fail');
  // A left-out function of the card is fixed by assigning it (above); others need binding.
  const blockers = blocking.filter((m) => !leftOut.has(m.address));
  for (const m of blocking.filter((x) => leftOut.has(x.address)))
    found.evidence.push(
      `IOMMU group ${group.group}: ${m.address} on ${m.driver ?? 'none'} is left out, so the group is not viable`,
    );
  if (blockers.length) {
    found.evidence.push(
      `IOMMU group ${group.group}: ${blockers.map((b) => `${b.address} on ${b.driver ?? 'none'}${b.hostCritical ? ` (${b.hostCritical})` : ''}`).join(', ')} not in the VM`,
    );
    found.fixes.push(
      `group ${group.group} is not viable while ${blockers.map((b) => `${b.address} is on ${b.driver}`).join(', ')}: ${blockers.map((b) => (b.action === 'unbind' ? `unbind ${b.address}` : `bind ${b.address} to vfio-pci`)).join(', ')} (they need not be assigned), or move the card to a slot with its own group (vfiokit explain ${c.device.address})`,
    );
  } else if (!blocking.length && group.verdict !== 'unknown') {
    found.evidence.push(`IOMMU group ${group.group}: every other endpoint is free for VFIO or in the VM`);
  }
}
