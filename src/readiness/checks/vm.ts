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

/** The VM's devices on this host: present, and their groups and slots complete. */
// long: one check: its evidence branches in order, each a verdict with its evidence and fix
export function vmDevicesCheck(vm: VmDefinition, devices: PciDevice[], contexts: DeviceContext[]): Check {
  const base = {
    id: 'vm.devices' as const,
    group: 'vm' as const,
    title: 'Assigned devices and their groups',
  };
  const inVm = new Set(vm.devices.map((d) => d.address).filter((a): a is string => a !== undefined));
  const known = new Map(devices.map((d) => [d.address, d]));
  const evidence: string[] = [];
  const fixes: string[] = [];
  let verdict: Check['verdict'] = 'ok';
  const worse = (v: 'warn' | 'fail') => {
    if (v === 'fail' || verdict === 'ok') verdict = v;
  };

  const missing = [...inVm].filter((a) => !known.has(a));
  for (const a of missing) {
    const line = vm.devices.find((d) => d.address === a)?.line;
    evidence.push(`${a} (line ${line}): no such PCI device on this host`);
  }
  if (missing.length) {
    worse('fail');
    fixes.push(
      `the VM names ${missing.join(', ')}, which this host does not have: a card moved slots or the definition is from another host (see vfiokit devices)`,
    );
  }

  const seenGroups = new Set<number>();
  // Groups that could not be judged: the check cannot be "ok" while one of them is in play.
  const unknownWhy: string[] = [];
  const leftOut = new Set<string>();
  for (const c of contexts) {
    const d = c.device;
    const vmDev = vm.devices.find((x) => x.address === d.address);
    if (vmDev) {
      const how =
        vm.format === 'libvirt'
          ? vmDev.managed
            ? "managed='yes': libvirt binds it to vfio-pci at start"
            : "managed='no': it must be on vfio-pci before start"
          : 'QEMU needs it on vfio-pci before start';
      evidence.push(`${d.address} driver ${d.driver ?? 'none'} (${how})`);
      if (vm.format === 'libvirt' && !vmDev.managed && !freeForVfio(d)) {
        worse('fail');
        fixes.push(
          `bind ${d.address} to vfio-pci before starting the VM, or set managed='yes' on its <hostdev>`,
        );
      }
    }
    // The other functions of the slot (HDMI audio, USB-C): reset together, assigned together.
    const left = c.companions.filter((o) => !inVm.has(o.address));
    if (left.length && isDisplay(d)) {
      worse('warn');
      for (const o of left) leftOut.add(o.address);
      evidence.push(
        `${d.address}: the VM leaves out ${left.map((o) => o.address).join(', ')} of the same card`,
      );
      fixes.push(
        `assign ${left.map((o) => o.address).join(', ')} too (the GPU's other functions, e.g. HDMI audio; same slot, reset together)`,
      );
    }
    if (!c.group || seenGroups.has(c.group.group)) continue;
    seenGroups.add(c.group.group);
    if (c.group.verdict === 'unknown')
      unknownWhy.push(...c.group.unknownReasons.map((r) => `IOMMU group ${c.group!.group}: ${r}`));
    // Endpoints outside the VM must be on vfio-pci, pci-stub or no driver when it starts.
    const blocking = c.group.members.filter((m) => m.blocks && !inVm.has(m.address));
    if (blocking.length) worse('fail');
    // A left-out function of the card is fixed by assigning it (above); others need binding.
    const blockers = blocking.filter((m) => !leftOut.has(m.address));
    for (const m of blocking.filter((x) => leftOut.has(x.address)))
      evidence.push(
        `IOMMU group ${c.group.group}: ${m.address} on ${m.driver ?? 'none'} is left out, so the group is not viable`,
      );
    if (blockers.length) {
      evidence.push(
        `IOMMU group ${c.group.group}: ${blockers.map((b) => `${b.address} on ${b.driver ?? 'none'}${b.hostCritical ? ` (${b.hostCritical})` : ''}`).join(', ')} not in the VM`,
      );
      fixes.push(
        `group ${c.group.group} is not viable while ${blockers.map((b) => `${b.address} is on ${b.driver}`).join(', ')}: ${blockers.map((b) => (b.action === 'unbind' ? `unbind ${b.address}` : `bind ${b.address} to vfio-pci`)).join(', ')} (they need not be assigned), or move the card to a slot with its own group (vfiokit explain ${d.address})`,
      );
    } else if (!blocking.length && c.group.verdict !== 'unknown') {
      evidence.push(`IOMMU group ${c.group.group}: every other endpoint is free for VFIO or in the VM`);
    }
  }
  if (!vm.devices.length) return { ...base, verdict: 'ok', evidence: ['the VM assigns no host PCI device'] };
  if (verdict === 'ok' && unknownWhy.length)
    return { ...base, verdict: 'unknown', evidence: [...evidence, ...unknownWhy] };
  return verdict === 'ok'
    ? { ...base, verdict, evidence }
    : { ...base, verdict, evidence, fix: fixes.join('; ') };
}
