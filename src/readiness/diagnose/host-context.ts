/**
 * What the host knows about the devices and groups a message names: the device's IDs, class and
 * driver; its group's members and what to bind for the group to become viable; the /proc/iomem
 * ranges inside a BAR. Read through the HostRoot, so `--root SNAPSHOT` explains a message from
 * another machine with that machine's facts.
 */
import type { HostRoot } from '../../host/root.js';
import { joinGroups, readKernelGroups } from '../../iommu/groups.js';
import { type GroupVerdict, groupViability } from '../../iommu/viability.js';
import type { PciDevice } from '../../pci/types.js';
import { entriesWithin, parseIomem } from '../iomem.js';
import { barName, hexRange, readBars } from '../pci-resources.js';
import type { Finding } from './matcher.js';

export interface HostNotes {
  device?: { address: string; ids: string; class: string; driver?: string; group?: number };
  group?: {
    id: number;
    viable: boolean;
    members: { address: string; driver?: string; blocks: boolean }[];
    mustBind: string[];
    mustUnbind: string[];
  };
  /** Human lines for the text output. */
  notes: string[];
  /** A fix made from the host's own facts, replacing the catalogue's generic one. */
  fix?: string;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');
const cls = (d: PciDevice) => d.classCode.toString(16).padStart(6, '0');

export class HostIndex {
  private groups?: Map<number, GroupVerdict>;
  private byAddress: Map<string, PciDevice>;
  constructor(
    private readonly root: HostRoot,
    private readonly devices: PciDevice[],
  ) {
    this.byAddress = new Map(devices.map((d) => [d.address, d]));
  }

  group(id: number): GroupVerdict | undefined {
    if (!this.groups) {
      this.groups = new Map();
      for (const g of joinGroups(readKernelGroups(this.root), this.devices))
        this.groups.set(g.id, groupViability(g));
    }
    return this.groups.get(id);
  }

  device(address: string): PciDevice | undefined {
    return this.byAddress.get(address);
  }

  notesFor(f: Finding): HostNotes {
    const notes: string[] = [];
    const out: HostNotes = { notes };
    const d = f.device ? this.device(f.device) : undefined;
    if (f.device && !d)
      notes.push(`${f.device} is not on this host${this.root.live ? '' : ` (${this.root.name})`}`);
    if (d) {
      out.device = {
        address: d.address,
        ids: `${hex4(d.vendorId)}:${hex4(d.deviceId)}`,
        class: cls(d),
        driver: d.driver,
        group: d.iommuGroup,
      };
      notes.push(
        `${d.address} [${out.device.ids}] class ${out.device.class}, driver ${d.driver ?? 'none'}, IOMMU group ${d.iommuGroup ?? 'none'}${d.names?.device ? `: ${[d.names.vendor, d.names.device].filter(Boolean).join(' ')}` : ''}`,
      );
    }
    const gid = f.group ?? d?.iommuGroup;
    const g = gid === undefined ? undefined : this.group(gid);
    if (gid !== undefined && !g && f.group !== undefined)
      notes.push(`group ${gid} does not exist on this host`);
    if (g) {
      out.group = {
        id: g.group,
        viable: g.viable,
        members: g.members.map((m) => ({ address: m.address, driver: m.driver, blocks: m.blocks })),
        mustBind: g.mustBind,
        mustUnbind: g.mustUnbind,
      };
      notes.push(
        `group ${g.group} is ${g.viable ? 'viable now' : 'not viable now'}: ${g.members.map((m) => `${m.address} on ${m.driver ?? 'no driver'}${m.blocks ? ' (blocks)' : ''}`).join(', ')}`,
      );
      if (!g.viable && (f.entry.id === 'qemu.group-not-viable' || f.entry.id === 'qemu.device-from-group')) {
        const parts: string[] = [];
        if (g.mustBind.length) parts.push(`bind ${g.mustBind.join(' ')} to vfio-pci`);
        if (g.mustUnbind.length) parts.push(`unbind ${g.mustUnbind.join(' ')} from their drivers`);
        const critical = g.members.filter((m) => m.blocks && m.hostCritical);
        if (critical.length)
          parts.push(`note: ${critical.map((m) => `${m.address} is ${m.hostCritical}`).join('; ')}`);
        out.fix = `${parts.join('; ')} (by address: driver_override, unbind, drivers_probe), then start the VM again`;
      }
    }
    if ((f.entry.id === 'qemu.bar-mmap-failed' || f.entry.id === 'kernel.bar-cant-reserve') && d) {
      const bar = f.values.bar !== undefined ? Number(f.values.bar) : undefined;
      const bars = readBars(this.root, d.address).filter((b) => bar === undefined || b.index === bar);
      let iomemText: string | undefined;
      try {
        iomemText = this.root.readText('/proc/iomem');
      } catch {
        iomemText = undefined;
      }
      const iomem = iomemText === undefined ? undefined : parseIomem(iomemText);
      for (const b of bars) {
        if (!iomem || iomem.zeroed) {
          notes.push(`${barName(b)} is ${hexRange(b)}; run as root to see who holds it in /proc/iomem`);
          continue;
        }
        const holders = entriesWithin(iomem, b.start, b.end).filter(
          (e) => !e.name.startsWith(d.address) && e.name !== 'vfio-pci',
        );
        notes.push(
          holders.length
            ? `${barName(b)} ${hexRange(b)} holds: ${holders.map((h) => `${h.name} [0x${h.start.toString(16)}-0x${h.end.toString(16)}]`).join(', ')}`
            : `${barName(b)} ${hexRange(b)}: nothing else holds it in /proc/iomem now`,
        );
        if (holders.some((h) => /efifb|vesafb|simple|BOOTFB/i.test(h.name))) {
          out.fix =
            'a firmware framebuffer holds the BAR: boot with video=efifb:off video=vesafb:off and initcall_blacklist=sysfb_init (5.15+), then rebind the GPU';
        }
      }
    }
    if (
      f.entry.id === 'kernel.probe-failed' &&
      (f.values.driver === 'vfio-pci' || f.values.driver === 'vfio_pci') &&
      f.values.err === '-22'
    ) {
      const groups = readKernelGroups(this.root);
      notes.push(
        groups.enabled
          ? `this host has ${groups.groups.size} IOMMU groups`
          : 'this host has no IOMMU groups: the IOMMU is off',
      );
      if (!groups.enabled)
        out.fix =
          'enable the IOMMU (run `vfiokit doctor` for the steps); vfio-pci cannot bind a device without an IOMMU group';
    }
    if (f.entry.id === 'kernel.dmar-fault') {
      const igd = f.device?.endsWith(':00:02.0');
      notes.push(
        f.count <= 8
          ? `${f.count} fault${f.count === 1 ? '' : 's'} from ${f.device ?? 'the device'}${igd ? ' (Intel IGD): a few right after assignment are expected' : ''}`
          : `${f.count} faults from ${f.device ?? 'the device'}: ongoing, not the start-up transient`,
      );
    }
    return out;
  }
}
