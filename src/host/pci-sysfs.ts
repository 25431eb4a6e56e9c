/**
 * Reads PCI devices from sysfs under a HostRoot into PciDevice records
 * (Documentation/ABI/testing/sysfs-bus-pci; drivers/pci/pci-sysfs.c). Decoding of config bytes
 * is left to src/pci/; this module only knows where the kernel puts things.
 *
 * Kernel conventions honoured here:
 * - /sys/bus/pci/devices/X is a symlink into /sys/devices/pciDDDD:BB/...; the real path's
 *   components are the bridge chain from the root complex down (upstream).
 * - driver_override reads "(null)" when unset; numa_node reads -1 when unknown.
 * - `config` gives only 64 bytes (128 for CardBus) to readers without CAP_SYS_ADMIN
 *   (pci_read_config), so a short read is marked truncated and what it hides is listed.
 * - A device may be removed between listing the bus and reading its directory (hot unplug, VF
 *   teardown); such a device is skipped by the scan.
 */
import { VfiokitError } from '../errors.js';
import { compareBdf, formatPciAddress, parsePciAddress, tryParsePciAddress } from '../pci/address.js';
import { decodeConfig } from '../pci/decode-config.js';
import type { PciDevice } from '../pci/types.js';
import type { HostRoot } from './root.js';

export const PCI_DEVICES_DIR = '/sys/bus/pci/devices';

/** Largest config space (PCIe extended): 4096 bytes. */
const CONFIG_MAX = 4096;

const BDF_COMPONENT = /^[0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/;

const basename = (p: string | undefined) => (p === undefined ? undefined : p.slice(p.lastIndexOf('/') + 1));

function hexAttr(root: HostRoot, p: string): number | undefined {
  const s = root.readAttr(p);
  if (s === undefined || !/^(0x)?[0-9a-fA-F]+$/.test(s)) return undefined;
  return parseInt(s, 16);
}

function intAttr(root: HostRoot, p: string): number | undefined {
  const s = root.readAttr(p);
  if (s === undefined || !/^-?\d+$/.test(s)) return undefined;
  return parseInt(s, 10);
}

/** All PCI devices in kernel enumeration order (domain, bus, device, function). */
export function readPciDevices(root: HostRoot): PciDevice[] {
  const names = root.list(PCI_DEVICES_DIR).filter((n) => tryParsePciAddress(n) !== undefined);
  names.sort(compareBdf);
  const out: PciDevice[] = [];
  for (const n of names) {
    const d = tryReadPciDevice(root, n);
    if (d) out.push(d);
  }
  return out;
}

/** One device by address ("0000:01:00.0" or "01:00.0"); a VfiokitError if there is none. */
export function readPciDevice(root: HostRoot, bdf: string): PciDevice {
  const addr = parsePciAddress(bdf);
  const name = formatPciAddress(addr);
  const d = tryReadPciDevice(root, name);
  if (!d) {
    throw new VfiokitError(`no PCI device ${name}${root.live ? '' : ` in ${root.dir}`}`, {
      hint: 'list the addresses with `vfiokit devices`',
      code: 'pci.no-device',
    });
  }
  return d;
}

/** One device by its sysfs name, or undefined when it is absent or vanished while being read. */
export function tryReadPciDevice(root: HostRoot, name: string): PciDevice | undefined {
  const addr = tryParsePciAddress(name);
  if (!addr) return undefined;
  const p = `${PCI_DEVICES_DIR}/${name}`;
  const sysfsPath = root.realPath(p);
  if (sysfsPath === undefined) return undefined;
  const vendorId = hexAttr(root, `${p}/vendor`);
  const deviceId = hexAttr(root, `${p}/device`);
  const classCode = hexAttr(root, `${p}/class`);
  if (vendorId === undefined || deviceId === undefined || classCode === undefined) return undefined;

  const components = sysfsPath.split('/').filter((c) => BDF_COMPONENT.test(c));
  const dev: PciDevice = {
    address: name,
    addr,
    vendorId,
    deviceId,
    subsystemVendorId: hexAttr(root, `${p}/subsystem_vendor`),
    subsystemDeviceId: hexAttr(root, `${p}/subsystem_device`),
    classCode,
    revision: hexAttr(root, `${p}/revision`),
    hasRom: root.exists(`${p}/rom`),
    upstream: components.slice(0, -1),
    sysfsPath,
    capabilities: [],
  };

  const driver = basename(root.readLink(`${p}/driver`));
  if (driver) dev.driver = driver;
  const override = root.readAttr(`${p}/driver_override`);
  if (override && override !== '(null)') dev.driverOverride = override;
  const group = basename(root.readLink(`${p}/iommu_group`));
  if (group !== undefined && /^\d+$/.test(group)) dev.iommuGroup = Number(group);
  const bootVga = root.readAttr(`${p}/boot_vga`);
  if (bootVga !== undefined) dev.bootVga = bootVga === '1';
  const reset = root.readAttr(`${p}/reset_method`);
  if (reset !== undefined) dev.resetMethods = reset.split(/\s+/).filter(Boolean);
  const numa = intAttr(root, `${p}/numa_node`);
  if (numa !== undefined && numa >= 0) dev.numaNode = numa;
  readLink(root, p, dev);
  readSriov(root, p, dev);

  const bytes = root.readBytes(`${p}/config`, CONFIG_MAX);
  if (bytes !== undefined) {
    const dc = decodeConfig(bytes);
    dev.config = dc.config;
    dev.capabilities = dc.capabilities;
    if (dc.header) {
      dev.headerType = dc.header.headerType;
      dev.multifunction = dc.header.multifunction;
      if (dc.header.bridge) dev.bridge = dc.header.bridge;
      dev.subsystemVendorId ??= dc.header.subsystemVendorId;
      dev.subsystemDeviceId ??= dc.header.subsystemDeviceId;
      dev.revision ??= dc.header.revision;
    }
    if (dc.pcie) dev.pcie = dc.pcie;
    if (dc.acs) dev.acs = dc.acs;
  }
  if (dev.subsystemVendorId === undefined) delete dev.subsystemVendorId;
  if (dev.subsystemDeviceId === undefined) delete dev.subsystemDeviceId;
  if (dev.revision === undefined) delete dev.revision;

  // The directory vanished while we read it: what we have is a mix of before and after.
  if (!root.exists(`${p}/vendor`)) return undefined;
  return dev;
}

function readLink(root: HostRoot, p: string, dev: PciDevice): void {
  const link: NonNullable<PciDevice['link']> = {};
  const cs = root.readAttr(`${p}/current_link_speed`);
  const ms = root.readAttr(`${p}/max_link_speed`);
  const cw = intAttr(root, `${p}/current_link_width`);
  const mw = intAttr(root, `${p}/max_link_width`);
  if (cs !== undefined) link.currentSpeed = cs;
  if (cw !== undefined) link.currentWidth = cw;
  if (ms !== undefined) link.maxSpeed = ms;
  if (mw !== undefined) link.maxWidth = mw;
  if (Object.keys(link).length) dev.link = link;
}

function readSriov(root: HostRoot, p: string, dev: PciDevice): void {
  const total = intAttr(root, `${p}/sriov_totalvfs`);
  if (total !== undefined) {
    const vfs = root
      .list(p)
      .filter((e) => /^virtfn\d+$/.test(e))
      .sort((a, b) => Number(a.slice(6)) - Number(b.slice(6)))
      .map((e) => basename(root.readLink(`${p}/${e}`)))
      .filter((v): v is string => v !== undefined);
    dev.sriov = { totalVfs: total, numVfs: intAttr(root, `${p}/sriov_numvfs`) ?? vfs.length, vfs };
  }
  const pf = basename(root.readLink(`${p}/physfn`));
  if (pf) dev.physfn = pf;
}
