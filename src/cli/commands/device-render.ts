/**
 * Human output for PCI devices: the one-line form of `vfiokit devices` (like `lspci -nn`) and the
 * full form of `vfiokit device BDF` (like `lspci -vvv`, ACS bits as +/-).
 */
import type { Colors } from 'picocolors/types.js';
import { hex } from '../../pci/config-view.js';
import type { AcsInfo, Capability, PciDevice } from '../../pci/types.js';

const PORT_NAMES: Record<string, string> = {
  endpoint: 'Endpoint',
  'legacy-endpoint': 'Legacy Endpoint',
  'rc-integrated-endpoint': 'Root Complex Integrated Endpoint',
  'rc-event-collector': 'Root Complex Event Collector',
  'root-port': 'Root Port',
  'upstream-port': 'Upstream Port',
  'downstream-port': 'Downstream Port',
  'pcie-to-pci-bridge': 'PCI-Express to PCI/PCI-X Bridge',
  'pci-to-pcie-bridge': 'PCI/PCI-X to PCI-Express Bridge',
  unknown: 'Unknown type',
};

/** "VGA compatible controller [0300]: NVIDIA Corporation GP104 [10de:1b80] (rev a1)" */
export function describeDevice(d: PciDevice): string {
  const cls = `${d.names?.class ?? 'Class'} [${hex(d.classCode >> 8, 4)}]`;
  const vendor = d.names?.vendor ?? `Vendor ${hex(d.vendorId, 4)}`;
  const name = d.names?.device ?? `Device ${hex(d.deviceId, 4)}`;
  const rev = d.revision ? ` (rev ${hex(d.revision, 2)})` : '';
  return `${cls}: ${vendor} ${name} [${hex(d.vendorId, 4)}:${hex(d.deviceId, 4)}]${rev}`;
}

export function deviceLine(d: PciDevice, c: Colors): string {
  const extra: string[] = [];
  const unknownDriver = d.unknownFacts?.some((f) => f.fact === 'driver');
  extra.push(
    d.driver ? `driver ${d.driver}` : unknownDriver ? c.yellow('driver unknown') : c.dim('no driver'),
  );
  extra.push(d.iommuGroup !== undefined ? `group ${d.iommuGroup}` : c.dim('no group'));
  if (d.bootVga) extra.push(c.yellow('boot VGA'));
  if (d.physfn) extra.push(`VF of ${d.physfn}`);
  return `${c.bold(d.address)} ${describeDevice(d)}  ${c.dim('·')} ${extra.join(', ')}`;
}

const pm = (b: boolean) => (b ? '+' : '-');

function acsLines(a: AcsInfo): string[] {
  const bits: [string, keyof AcsInfo][] = [
    ['SrcValid', 'sourceValidation'],
    ['TransBlk', 'translationBlocking'],
    ['ReqRedir', 'requestRedirect'],
    ['CmpltRedir', 'completionRedirect'],
    ['UpstreamFwd', 'upstreamForwarding'],
    ['EgressCtrl', 'egressControl'],
    ['DirectTrans', 'directTranslatedP2P'],
  ];
  const line = (which: 'capable' | 'enabled') =>
    bits.map(([n, k]) => `${n}${pm((a[k] as { capable: boolean; enabled: boolean })[which])}`).join(' ');
  return [
    `ACSCap: ${line('capable')}  (0x${hex(a.capRegister, 4)})`,
    `ACSCtl: ${line('enabled')}  (0x${hex(a.ctrlRegister, 4)})`,
  ];
}

function value(v: unknown): string {
  if (Array.isArray(v)) return v.length ? v.map(value).join(' ') : 'none';
  if (v && typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => (typeof x === 'boolean' ? `${k}${pm(x)}` : `${k}=${value(x)}`))
      .join(' ');
  }
  if (typeof v === 'number') return String(v);
  return String(v);
}

/** Lines describing one capability, indented by the caller. */
export function capabilityLines(cap: Capability, d: PciDevice): string[] {
  const at = cap.extended ? `[${hex(cap.offset, 3)} v${cap.version ?? 0}]` : `[${hex(cap.offset, 2)}]`;
  const head = `${at} ${cap.name}`;
  if (!cap.extended && cap.id === 0x10 && d.pcie && d.pcie.offset === cap.offset) {
    const p = d.pcie;
    const parts = [`v${p.version}`, PORT_NAMES[p.portType] ?? p.portType];
    if (p.slotImplemented) parts.push('Slot+');
    parts.push(`FLReset${pm(p.flr)}`);
    if (p.ariForwarding !== undefined) parts.push(`ARIFwd${pm(p.ariForwarding)}`);
    const out = [`${head}: ${parts.join(', ')}`];
    const det = cap.details ?? {};
    if (det.maxPayload !== undefined) {
      out.push(
        `    MaxPayload ${det.maxPayload} bytes (supported ${det.maxPayloadSupported}), MaxReadReq ${det.maxReadRequest} bytes`,
      );
    }
    if (p.link) {
      const s = (g?: number) => (g === undefined ? '?' : `${g}GT/s`);
      out.push(
        `    Link: Speed ${s(p.link.speedGTs)}, Width x${p.link.width ?? '?'} (capable ${s(p.link.maxSpeedGTs)} x${p.link.maxWidth ?? '?'})`,
      );
    }
    return out;
  }
  if (cap.extended && cap.id === 0x0d && d.acs && d.acs.offset === cap.offset) {
    return [head, ...acsLines(d.acs).map((l) => `    ${l}`)];
  }
  if (!cap.details) return [head];
  const det = cap.details;
  if (Array.isArray(det.bars)) {
    return [
      head,
      ...(det.bars as Record<string, unknown>[]).map(
        (b) => `    BAR ${b.bar}: current ${b.current}, supported ${value(b.supported)}`,
      ),
    ];
  }
  return [`${head}: ${value(det)}`];
}

/** `advice`: what to do about config space cut short (rootAdvice of the root read). */
// long: the device page top to bottom, one section after another, each a few lines of output
export function deviceDetailLines(d: PciDevice, c: Colors, advice = 'run as root'): string[] {
  const out: string[] = [`${c.bold(d.address)} ${describeDevice(d)}`];
  for (const f of d.unknownFacts ?? []) if (f.fact !== 'driver') out.push(c.yellow(`  Unknown: ${f.reason}`));
  const kv = (k: string, v: string) => out.push(`  ${`${k}:`.padEnd(16)}${v}`);
  if (d.subsystemVendorId && d.subsystemDeviceId !== undefined) {
    const name = d.names?.subsystem ? `${d.names.subsystem} ` : '';
    kv('Subsystem', `${name}[${hex(d.subsystemVendorId, 4)}:${hex(d.subsystemDeviceId, 4)}]`);
  }
  const unknownDriver = d.unknownFacts?.find((f) => f.fact === 'driver');
  kv('Driver', d.driver ?? (unknownDriver ? c.yellow(`unknown: ${unknownDriver.reason}`) : c.dim('none')));
  if (d.driverOverride) kv('Driver override', d.driverOverride);
  kv(
    'IOMMU group',
    d.iommuGroup !== undefined ? String(d.iommuGroup) : c.dim('none (IOMMU off or device not translated)'),
  );
  if (d.headerType !== undefined) {
    const kind = ['endpoint (type 0)', 'PCI-PCI bridge (type 1)', 'CardBus bridge (type 2)'][d.headerType];
    kv('Header', `${kind ?? `type ${d.headerType}`}${d.multifunction ? ', multifunction' : ''}`);
  }
  if (d.bridge) {
    kv(
      'Buses',
      `primary ${hex(d.bridge.primaryBus, 2)}, secondary ${hex(d.bridge.secondaryBus, 2)}, subordinate ${hex(d.bridge.subordinateBus, 2)}`,
    );
  }
  kv('Upstream', d.upstream.length ? d.upstream.join(' → ') : 'root bus');
  if (d.bootVga !== undefined)
    kv('Boot VGA', d.bootVga ? c.yellow('yes (the firmware console runs on it)') : 'no');
  if (d.resetMethods)
    kv('Reset methods', d.resetMethods.length ? d.resetMethods.join(', ') : c.yellow('none'));
  if (d.numaNode !== undefined) kv('NUMA node', String(d.numaNode));
  if (d.link) {
    kv(
      'Link',
      `${d.link.currentSpeed ?? '?'} x${d.link.currentWidth ?? '?'} (max ${d.link.maxSpeed ?? '?'} x${d.link.maxWidth ?? '?'})`,
    );
  }
  if (d.sriov) {
    kv(
      'SR-IOV',
      `${d.sriov.numVfs} of ${d.sriov.totalVfs} VFs enabled${d.sriov.vfs.length ? `: ${d.sriov.vfs.join(', ')}` : ''}`,
    );
  }
  if (d.physfn) kv('Physical fn', d.physfn);
  kv('ROM', d.hasRom ? 'present (rom attribute)' : 'none');
  kv('Sysfs', d.sysfsPath);
  if (!d.config) {
    kv('Config space', c.yellow('unreadable'));
    return out;
  }
  kv('Config space', `${d.config.bytes.length} bytes${d.config.truncated ? c.yellow(' (truncated)') : ''}`);
  if (d.config.unknown?.length) {
    out.push(
      c.yellow(
        `  Unknown: ${d.config.unknown.join(', ')}: only ${d.config.bytes.length} bytes of config space were readable (reads by non-root users stop at 64 bytes); ${advice}`,
      ),
    );
  }
  if (d.config.problems?.length) {
    out.push(
      c.yellow(
        `  Corrupt: ${d.config.problems.join('; ')}: the list is cut there, capabilities past it are unknown`,
      ),
    );
  }
  if (d.capabilities.length) {
    out.push('  Capabilities:');
    for (const cap of d.capabilities) {
      const [first, ...rest] = capabilityLines(cap, d);
      out.push(`    ${first}`);
      for (const r of rest) out.push(`    ${r}`);
    }
  } else if (!d.config.unknown?.includes('capabilities')) {
    out.push('  Capabilities:   none');
  }
  return out;
}
