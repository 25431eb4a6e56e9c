/**
 * What the host knows about the devices and groups a message names: the device's IDs, class and
 * driver; its group's members and what to bind for the group to become viable; the /proc/iomem
 * ranges inside a BAR. Read through the run's HostState, so `--root SNAPSHOT` explains a message from
 * another machine with that machine's facts.
 */

import { joinGroups } from '../../iommu/groups.js';
import { type GroupVerdict, groupViability } from '../../iommu/viability.js';
import { formatClassCode, formatIdPair } from '../../pci/id.js';
import type { PciDevice } from '../../pci/types.js';
import type { HostState } from '../../system/host-state.js';
import { entriesWithin, parseIomem } from '../../system/iomem.js';
import { barName, hexRange } from '../../system/pci-resources.js';
import type { Finding } from './matcher.js';

export interface HostNotes {
  /**
   * Set when the device the log names is not this host's device at that address (absent, or of
   * another kind than the message implies): the log seems to come from another machine, and the
   * host's device and group are then not described as if they were the one.
   */
  foreign?: string;
  device?: { address: string; ids: string; class: string; driver?: string; group?: number };
  group?: {
    id: number;
    /** True only when the group is known to be viable (see verdict). */
    viable: boolean;
    verdict: 'viable' | 'not-viable' | 'unknown';
    members: { address: string; driver?: string; blocks: boolean }[];
    mustBind: string[];
    mustUnbind: string[];
  };
  /** Human lines for the text output. */
  notes: string[];
  /** A fix made from the host's own facts, replacing the catalogue's generic one. */
  fix?: string;
}

const cls = (d: PciDevice) => formatClassCode(d.classCode);

/**
 * What the driver named in a kernel dev_printk prefix says about the device it printed for: the
 * vendor(s) the driver supports (its pci_device_id table) and the class prefix it binds. Only
 * drivers whose tables are narrow enough to tell one device from another are listed.
 */
const DRIVER_IMPLIES: Record<string, { what: string; vendors?: number[]; classes: string[] }> = {
  amdgpu: { what: 'an AMD GPU', vendors: [0x1002], classes: ['03'] },
  radeon: { what: 'an AMD GPU', vendors: [0x1002], classes: ['03'] },
  nouveau: { what: 'an NVIDIA GPU', vendors: [0x10de, 0x12d2], classes: ['03'] },
  nvidia: { what: 'an NVIDIA GPU', vendors: [0x10de], classes: ['03'] },
  i915: { what: 'an Intel GPU', vendors: [0x8086], classes: ['03'] },
  xe: { what: 'an Intel GPU', vendors: [0x8086], classes: ['03'] },
  snd_hda_intel: { what: 'an HD Audio controller', classes: ['0403'] },
  nvme: { what: 'an NVMe controller', classes: ['0108'] },
  xhci_hcd: { what: 'a USB 3 controller', classes: ['0c03'] },
  ahci: { what: 'a SATA controller', classes: ['0106'] },
  pcieport: { what: 'a PCIe port', classes: ['0604'] },
  igb: { what: 'an Intel network controller', vendors: [0x8086], classes: ['02'] },
  e1000e: { what: 'an Intel network controller', vendors: [0x8086], classes: ['02'] },
  ixgbe: { what: 'an Intel network controller', vendors: [0x8086], classes: ['02'] },
  r8169: { what: 'a Realtek network controller', vendors: [0x10ec], classes: ['02'] },
  iwlwifi: { what: 'an Intel wireless controller', vendors: [0x8086], classes: ['0280'] },
};

/** Why the host's device at the log's address cannot be the one the log is about, if it cannot. */
function mismatch(
  d: PciDevice,
  facts: Readonly<Record<string, string>>,
  loggedGroup?: number,
): string | undefined {
  const here = `${d.address} here is [${formatIdPair(d.vendorId, d.deviceId)}] class ${cls(d)}${d.driver ? ` on ${d.driver}` : ''}`;
  const drv = facts.logDriver;
  const implied = drv ? (DRIVER_IMPLIES[drv.replace(/-/g, '_')] ?? DRIVER_IMPLIES[drv]) : undefined;
  if (implied) {
    const vendorOk = !implied.vendors || implied.vendors.includes(d.vendorId);
    const classOk = implied.classes.some((c) => cls(d).startsWith(c));
    if (!vendorOk || !classOk)
      return `in the log ${d.address} was driven by ${drv} (${implied.what}); ${here}`;
  }
  // vfio-pci binds only header type 0 functions (vfio_pci_probe() refuses bridges).
  if ((drv === 'vfio-pci' || drv === 'vfio_pci') && cls(d).startsWith('0604'))
    return `in the log ${d.address} was on vfio-pci, which never binds a bridge; ${here}`;
  const ids = facts.ids ?? (facts.vendor && facts.deviceId ? `${facts.vendor}:${facts.deviceId}` : undefined);
  if (
    ids &&
    /^[0-9a-f]{4}:[0-9a-f]{4}$/i.test(ids) &&
    ids.toLowerCase() !== `${formatIdPair(d.vendorId, d.deviceId)}`
  )
    return `in the log ${d.address} is [${ids.toLowerCase()}]; ${here}`;
  if (loggedGroup !== undefined && d.iommuGroup !== undefined && d.iommuGroup !== loggedGroup)
    return `in the log ${d.address} is in IOMMU group ${loggedGroup}; here it is in group ${d.iommuGroup}`;
  return undefined;
}

export class HostIndex {
  private groups?: Map<number, GroupVerdict>;
  private byAddress: Map<string, PciDevice>;
  constructor(
    private readonly host: HostState,
    private readonly devices: PciDevice[],
  ) {
    this.byAddress = new Map(devices.map((d) => [d.address, d]));
  }

  group(id: number): GroupVerdict | undefined {
    if (!this.groups) {
      this.groups = new Map();
      for (const g of joinGroups(this.host.kernelGroups(), this.devices))
        this.groups.set(g.id, groupViability(g));
    }
    return this.groups.get(id);
  }

  device(address: string): PciDevice | undefined {
    return this.byAddress.get(address);
  }

  // long: one list of host-fact notes, each a few lines, in the order they are shown
  notesFor(f: Finding): HostNotes {
    const notes: string[] = [];
    const out: HostNotes = { notes };
    const where = this.host.live ? 'this host' : `this host (${this.host.name})`;
    const here = this.host.live ? 'here' : `here (${this.host.name})`;
    const d = f.device ? this.device(f.device) : undefined;
    if (f.device && !d) {
      out.foreign = `no ${f.device} ${here}`;
      notes.push(
        `${out.foreign}: the log seems to come from another machine, or the device has dropped off the bus (after a failed reset a device can vanish until a power cycle)`,
      );
      return this.countNotes(f, out, undefined);
    }
    const why = d ? mismatch(d, f.facts, f.group) : undefined;
    if (why) {
      out.foreign = why;
      notes.push(
        `${why}: the log seems to come from another machine (or the hardware changed), so ${where}'s ${f.device} is not described as if it were the one`,
      );
      return this.countNotes(f, out, undefined);
    }
    if (d) {
      out.device = {
        address: d.address,
        ids: formatIdPair(d.vendorId, d.deviceId),
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
    if (gid !== undefined && !g && f.group !== undefined) {
      out.foreign = `no IOMMU group ${gid} ${here}`;
      notes.push(`${out.foreign}: the log seems to come from another machine or another boot`);
      return this.countNotes(f, out, d);
    }
    if (g) {
      out.group = {
        id: g.group,
        viable: g.viable,
        verdict: g.verdict,
        members: g.members.map((m) => ({ address: m.address, driver: m.driver, blocks: m.blocks })),
        mustBind: g.mustBind,
        mustUnbind: g.mustUnbind,
      };
      const state =
        g.verdict === 'viable'
          ? 'viable now'
          : g.verdict === 'not-viable'
            ? 'not viable now'
            : `of unknown viability (${g.unknownReasons.join('; ')})`;
      notes.push(
        `group ${g.group} is ${state}: ${g.members.map((m) => `${m.address} on ${m.driver ?? 'no driver'}${m.blocks ? ' (blocks)' : ''}`).join(', ')}`,
      );
      if (
        g.verdict === 'not-viable' &&
        (f.entry.id === 'qemu.group-not-viable' || f.entry.id === 'qemu.device-from-group')
      ) {
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
      const bars = this.host.bars(d.address).filter((b) => bar === undefined || b.index === bar);
      const iomemText = this.host.iomemText();
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
      const groups = this.host.kernelGroups();
      notes.push(
        groups.enabled
          ? `this host has ${groups.groups.size} IOMMU groups`
          : 'this host has no IOMMU groups: the IOMMU is off',
      );
      if (!groups.enabled)
        out.fix =
          'enable the IOMMU (run `vfiokit doctor` for the steps); vfio-pci cannot bind a device without an IOMMU group';
    }
    if ((f.entry.id === 'kernel.power-state-inaccessible' || f.entry.id === 'qemu.stuck-in-d3') && d)
      this.powerNotes(d, out);
    return this.countNotes(f, out, d);
  }

  /**
   * Whether the host's runtime power management may suspend the device: power/control "auto"
   * allows it (Documentation/power/runtime_pm.rst), vfio-pci suspends idle devices unless
   * disable_idle_d3=Y, and d3cold_allowed lets the platform remove power.
   */
  private powerNotes(d: PciDevice, out: HostNotes): void {
    const {
      control,
      runtimeStatus: status,
      powerState: state,
      d3coldAllowed: d3cold,
    } = this.host.devicePower(d.address);
    const idle = this.host.moduleParam('vfio_pci', 'disable_idle_d3');
    const dev = `/sys/bus/pci/devices/${d.address}`;
    const parts = [
      control && `power/control=${control}`,
      status && `runtime_status=${status}`,
      state && `power_state=${state}`,
      d3cold && `d3cold_allowed=${d3cold}`,
      idle && `vfio_pci disable_idle_d3=${idle}`,
    ].filter(Boolean);
    if (!parts.length) return;
    out.notes.push(`${d.address} power management: ${parts.join(', ')}`);
    const vfioIdle =
      (d.driver === 'vfio-pci' || d.driver === 'vfio_pci') &&
      idle !== undefined &&
      idle !== 'Y' &&
      idle !== '1';
    if (control === 'auto' || vfioIdle) {
      const steps = [
        control === 'auto' && `echo on > ${dev}/power/control`,
        vfioIdle && 'options vfio_pci disable_idle_d3=1 in /etc/modprobe.d/',
        d3cold === '1' && `echo 0 > ${dev}/d3cold_allowed`,
      ].filter(Boolean);
      out.fix = `the host may suspend this device while it is idle: ${steps.join('; ')}; a device already lost needs a host power cycle`;
    }
  }

  /** Notes from the log alone (how often, how many), kept whatever the host has. */
  private countNotes(f: Finding, out: HostNotes, d: PciDevice | undefined): HostNotes {
    if (f.entry.id === 'kernel.dmar-fault') {
      // The IGD transient applies to an Intel display controller at 00:02.0, not to the address alone.
      const igd = f.device === '0000:00:02.0' && d?.vendorId === 0x8086 && cls(d).startsWith('03');
      out.notes.push(
        f.count <= 8
          ? `${f.count} fault${f.count === 1 ? '' : 's'} from ${f.device ?? 'the device'}${igd ? ' (Intel IGD): a few right after assignment are expected' : ''}`
          : `${f.count} faults from ${f.device ?? 'the device'}: ongoing, not the start-up transient`,
      );
    }
    return out;
  }
}
