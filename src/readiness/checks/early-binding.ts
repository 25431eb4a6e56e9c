import { onHostDriver, sameSlot } from '../../pci/domain.js';
import { formatIdPair } from '../../pci/id.js';
import type { PciDevice } from '../../pci/types.js';
import type { HostFacts } from '../../system/host-facts.js';
import { paramValues } from '../../system/kernel-cmdline.js';
import { moduleOptions } from '../../system/modprobe-config.js';
import type { Check } from '../check.js';
import { driverText, driverUnknown } from './gpu.js';
import { moduleState } from './vfio-modules.js';

export interface IdEntry {
  text: string;
  vendor?: number;
  device?: number;
  subvendor?: number;
  subdevice?: number;
  valid: boolean;
  /** "vfio_pci.ids" or "pci_stub.ids" */
  param: string;
  /** Where it was set: "kernel command line" or a modprobe.d file. */
  source: string;
}

const ANY = 0xffffffff;

export function parseIdList(value: string, param: string, source: string): IdEntry[] {
  return value
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((text) => {
      const parts = text.split(':');
      const nums = parts.map((p) => (/^[0-9a-fA-F]{1,8}$/.test(p) ? parseInt(p, 16) : Number.NaN));
      const valid = parts.length >= 2 && parts.length <= 6 && nums.every((n) => !Number.isNaN(n));
      return {
        text,
        vendor: nums[0],
        device: nums[1],
        subvendor: parts.length > 2 ? nums[2] : undefined,
        subdevice: parts.length > 3 ? nums[3] : undefined,
        valid,
        param,
        source,
      };
    });
}

export function configuredIds(f: HostFacts): IdEntry[] {
  const out: IdEntry[] = [];
  for (const mod of ['vfio_pci', 'pci_stub']) {
    const param = `${mod}.ids`;
    for (const v of f.cmdline ? paramValues(f.cmdline, param) : [])
      out.push(...parseIdList(v, param, 'kernel command line'));
    for (const o of moduleOptions(f.modprobe, mod, 'ids'))
      out.push(...parseIdList(o.value ?? '', param, o.file));
  }
  return out;
}

export function idMatches(id: IdEntry, d: PciDevice): boolean {
  if (!id.valid) return false;
  const eq = (want: number | undefined, have: number | undefined) =>
    want === undefined || want === ANY || want === have;
  return (
    eq(id.vendor, d.vendorId) &&
    eq(id.device, d.deviceId) &&
    eq(id.subvendor, d.subsystemVendorId) &&
    eq(id.subdevice, d.subsystemDeviceId)
  );
}

const idOf = (d: PciDevice) => formatIdPair(d.vendorId, d.deviceId);

export function earlyBindingCheck(f: HostFacts, devices: PciDevice[], targets: PciDevice[]): Check {
  const base = {
    id: 'vfio.early-binding' as const,
    group: 'vfio' as const,
    title: 'vfio-pci.ids / pci-stub.ids',
  };
  const ids = configuredIds(f);
  const evidence = ids.length
    ? ids.map((i) => `${i.param}=${i.text} (${i.source})`)
    : ['no vfio-pci.ids or pci-stub.ids on the command line or in modprobe.d'];
  const bad = ids.filter((i) => !i.valid);
  if (bad.length) {
    return {
      ...base,
      verdict: 'fail',
      evidence,
      fix: `malformed id${bad.length > 1 ? 's' : ''} ${bad.map((b) => `"${b.text}"`).join(', ')}: use vendor:device in hex, e.g. 10de:1b80 (see lspci -nn)`,
    };
  }
  // A card's other functions (HDMI audio) go with it, so IDs catching them are intended.
  const targetSet = new Set(devices.filter((d) => targets.some((t) => sameSlot(t, d))).map((d) => d.address));
  const problems: string[] = [];
  for (const id of ids) {
    const hits = devices.filter((d) => idMatches(id, d));
    if (!hits.length) {
      problems.push(`${id.text} matches no device on this host (stale after a hardware change?)`);
      continue;
    }
    const extra = targetSet.size ? hits.filter((d) => !targetSet.has(d.address)) : [];
    if (extra.length) {
      problems.push(
        `${id.text} also catches ${extra.map((d) => d.address).join(', ')}, which you did not select: IDs bind every identical device; bind by address (driver_override) instead`,
      );
    }
  }
  for (const t of targets) {
    const listed = ids.some((i) => idMatches(i, t));
    evidence.push(`${t.address} [${idOf(t)}] driver ${driverText(t)}${listed ? ', listed' : ', not listed'}`);
  }
  if (problems.length)
    return { ...base, verdict: 'warn', evidence: [...evidence, ...problems], fix: problems[0] };
  const unlisted = targets.filter((t) => !ids.some((i) => idMatches(i, t)) && onHostDriver(t.driver));
  if (unlisted.length && ids.length) {
    return {
      ...base,
      verdict: 'warn',
      evidence,
      fix: `add ${[...new Set(unlisted.map(idOf))].join(',')} to vfio-pci.ids, or bind ${unlisted.map((d) => d.address).join(' ')} by address at VM start`,
    };
  }
  return { ...base, verdict: 'ok', evidence };
}

/** Host drivers that may claim a device before vfio-pci, by what the device is. */
export function competingDrivers(d: PciDevice): string[] {
  const base = d.classCode >> 16;
  const out: string[] = [];
  if (d.driver && onHostDriver(d.driver)) out.push(d.driver);
  if (base === 0x03) {
    if (d.vendorId === 0x10de) out.push('nouveau', 'nvidia');
    if (d.vendorId === 0x1002) out.push('amdgpu', 'radeon');
    if (d.vendorId === 0x8086) out.push('i915', 'xe');
  }
  if (base === 0x04 && ((d.classCode >> 8) & 0xff) === 0x03) out.push('snd_hda_intel');
  if (base === 0x0c && ((d.classCode >> 8) & 0xff) === 0x03) out.push('xhci_hcd');
  return [...new Set(out.map((n) => n.replace(/-/g, '_')))];
}

export function softdepCheck(f: HostFacts, devices: PciDevice[]): Check {
  const base = {
    id: 'vfio.softdep' as const,
    group: 'vfio' as const,
    title: 'vfio-pci loads before the GPU driver',
  };
  const ids = configuredIds(f).filter((i) => i.param === 'vfio_pci.ids' && i.valid);
  if (!ids.length)
    return { ...base, verdict: 'ok', evidence: ['no vfio-pci.ids configured: nothing to order'] };
  const vfio = moduleState(f, 'vfio_pci');
  if (vfio === 'built-in') {
    return {
      ...base,
      verdict: 'ok',
      evidence: ['vfio_pci is built into the kernel: it claims its ids before any module loads'],
    };
  }
  const listed = devices.filter((d) => ids.some((i) => idMatches(i, d)));
  const evidence: string[] = [];
  const stolen = listed.filter((d) => onHostDriver(d.driver));
  const uncovered = new Set<string>();
  for (const d of listed) {
    for (const drv of competingDrivers(d)) {
      const soft = f.modprobe.softdeps.find((s) => s.module === drv && s.pre.includes('vfio_pci'));
      const black = f.modprobe.blacklist.find((b) => b.module === drv);
      if (soft) evidence.push(`${soft.file}: softdep ${drv} pre: vfio-pci`);
      else if (black) evidence.push(`${black.file}: blacklist ${drv}`);
      else uncovered.add(drv);
    }
  }
  for (const d of listed) evidence.push(`${d.address} driver ${driverText(d)}`);
  const fixText = `add to /etc/modprobe.d/vfio.conf: ${[...uncovered].map((m) => `"softdep ${m} pre: vfio-pci"`).join(', ') || '"softdep <driver> pre: vfio-pci"'} (then rebuild the initramfs)`;
  if (stolen.length) {
    return {
      ...base,
      verdict: 'fail',
      evidence: [
        ...evidence,
        `${stolen.map((d) => `${d.address} is on ${d.driver}`).join(', ')} although its id is in vfio-pci.ids`,
      ],
      fix: fixText,
    };
  }
  if (uncovered.size) {
    return {
      ...base,
      verdict: 'warn',
      evidence: [
        ...evidence,
        `no softdep or blacklist for ${[...uncovered].join(', ')}: vfio-pci won this boot, but the order is not guaranteed`,
      ],
      fix: fixText,
    };
  }
  // "vfio-pci won" rests on the drivers read: one that could not be read leaves it open.
  const unread = listed.map(driverUnknown).filter((r): r is string => r !== undefined);
  if (unread.length) return { ...base, verdict: 'unknown', evidence: [...evidence, ...unread] };
  return { ...base, verdict: 'ok', evidence };
}
