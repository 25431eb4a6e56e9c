/**
 * The guard: before vfiokit takes a device from the host, it checks the host is not using it.
 * Given what the host uses (src/host/usage.ts) and the PCI functions an action would take, it
 * returns one finding per function and use: the boot disk's controller, a swap partition's, a
 * member of an active RAID or volume group, the NIC of a default route or of the SSH session, the
 * boot GPU while a console, framebuffer or display server draws on it. Taking a bridge counts as
 * taking what is below it. A use that could not be traced gives an `unknown` finding for every
 * device of the kind it could be on: the guard never calls a device free on data it could not read.
 * The caller refuses (exit 1, nothing changed) when there is any finding, unless --force.
 */
import type { DeviceUse, HostUsage, UseKind, UseScope } from '../host/usage.js';

export interface GuardTarget {
  address: string;
  /** 24-bit class code (base, sub, prog-if), when known: it scopes untraced uses. */
  classCode?: number;
}

export interface GuardFinding {
  address: string;
  verdict: 'in-use' | 'unknown';
  /** The kind of use (in-use findings), or the kind of device an untraced use could be on (unknown). */
  kind: UseKind | UseScope;
  /** The finding is about a bridge above the used device, not the device itself. */
  viaBridge?: boolean;
  /** What uses it (the host's use), one line. */
  what: string;
  /** Why that concerns this device, one line. */
  why: string;
  evidence: string[];
}

/** Which untraced uses a device of this class could carry; a bridge carries anything below it. */
export function scopesOfClass(classCode: number | undefined): UseScope[] {
  if (classCode === undefined) return ['storage', 'network', 'display'];
  const base = classCode >> 16;
  const sub = (classCode >> 8) & 0xff;
  if (base === 0x06 && (sub === 0x04 || sub === 0x09)) return ['storage', 'network', 'display']; // PCI-PCI bridge
  const out: UseScope[] = [];
  // Mass storage, and the serial buses disks hang off: USB (0x0c03), Fibre Channel (0x0c04),
  // Thunderbolt (0x0c0a, which tunnels PCIe and so everything).
  if (base === 0x01 || (base === 0x0c && [0x03, 0x04, 0x0a].includes(sub))) out.push('storage');
  // Network controllers, and USB/Thunderbolt controllers that a NIC can sit behind.
  if (base === 0x02 || (base === 0x0c && [0x03, 0x0a].includes(sub))) out.push('network');
  if (base === 0x03) out.push('display');
  return out;
}

function why(use: DeviceUse, address: string): string {
  const at = use.pciPath.indexOf(address);
  const subject =
    use.kind === 'route' || use.kind === 'ssh' || use.kind === 'network-mount'
      ? 'the network interface'
      : use.kind === 'console' || use.kind === 'framebuffer' || use.kind === 'display'
        ? 'the GPU'
        : 'the disk';
  if (at === 0) {
    switch (use.kind) {
      case 'mount':
        return use.root
          ? 'it is the controller of the root filesystem'
          : 'it is the controller of a mounted filesystem';
      case 'network-mount':
        return 'it is the NIC that reaches the server of a mounted network filesystem';
      case 'swap':
        return 'it is the controller of active swap';
      case 'block-member':
        return 'it is the controller of a disk in an active RAID, volume group or encrypted mapping';
      case 'route':
        return 'it is the NIC of a default route';
      case 'ssh':
        return 'it is the NIC of the SSH connection you are logged in over';
      case 'console':
        return 'a text console is drawn on it';
      case 'framebuffer':
        return 'a framebuffer scans out of it';
      case 'display':
        return 'a process draws on it';
    }
  }
  return `it is a bridge above ${use.pciPath[0]}, ${subject} of this use`;
}

/** Findings for each target: an empty list means the host was seen not to use any of them. */
export function guardDevices(usage: HostUsage, targets: readonly GuardTarget[]): GuardFinding[] {
  const out: GuardFinding[] = [];
  for (const t of targets) {
    const seen = new Set<string>();
    for (const use of usage.uses) {
      if (!use.pciPath.includes(t.address)) continue;
      const w = why(use, t.address);
      const key = `${use.what}\n${w}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        address: t.address,
        verdict: 'in-use',
        kind: use.kind,
        ...(use.pciPath[0] !== t.address ? { viaBridge: true } : {}),
        what: use.what,
        why: w,
        evidence: use.evidence,
      });
    }
    const scopes = scopesOfClass(t.classCode);
    for (const u of usage.untraced) {
      if (!scopes.includes(u.scope)) continue;
      out.push({
        address: t.address,
        verdict: 'unknown',
        kind: u.scope,
        what: u.what,
        why: `could not tell whether it is on this device: ${u.reason}`,
        evidence: [],
      });
    }
  }
  return out;
}

/** The lines a refusal prints: one per finding, its evidence indented below it. */
export function formatFindings(findings: readonly GuardFinding[]): string[] {
  const lines: string[] = [];
  for (const f of findings) {
    const tag = f.verdict === 'in-use' ? 'in use' : 'unknown';
    lines.push(`${f.address}: ${tag}: ${f.what}: ${f.why}`);
    for (const e of f.evidence) lines.push(`    ${e}`);
  }
  return lines;
}
