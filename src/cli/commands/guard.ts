/**
 * `vfiokit guard ADDRESS...`: what the host uses of these devices, with the evidence; exit 1 when
 * it uses any (or could not tell), the answer every command that takes devices from the host
 * refuses on without --force. `--json` prints vfiokit.guard/1 (docs/handover.md).
 */
import { formatFindings, guardDevices } from '../../actions/guard.js';
import { ExitCode, UsageError } from '../../errors.js';
import { readHostUsage } from '../../host/usage.js';
import { formatPciAddress, parsePciAddress } from '../../pci/address.js';
import type { GuardJson } from '../../schema/outputs/guard.js';
import type { CliContext } from '../context.js';

export function runGuard(ctx: CliContext, devices: string[]): number {
  const root = ctx.root();
  const targets = devices.map((d) => {
    const address = formatPciAddress(parsePciAddress(d));
    if (!root.exists(`/sys/bus/pci/devices/${address}`))
      throw new UsageError(`no PCI device ${address}`, {
        hint: 'see `vfiokit devices`',
        code: 'guard.no-device',
      });
    const cls = root.readAttr(`/sys/bus/pci/devices/${address}/class`);
    return { address, classCode: cls && /^0x[0-9a-f]{6}$/i.test(cls) ? Number.parseInt(cls, 16) : undefined };
  });
  const usage = readHostUsage(root, root.live ? { env: process.env, pid: process.pid } : {});
  const findings = guardDevices(usage, targets);
  if (ctx.json) {
    const doc: GuardJson = {
      schema: 'vfiokit.guard/1',
      root: root.name,
      devices: targets.map((t) => t.address),
      verdict: findings.some((f) => f.verdict === 'in-use') ? 'in-use' : findings.length ? 'unknown' : 'free',
      findings: findings.map((f) => ({
        address: f.address,
        verdict: f.verdict,
        kind: f.kind,
        what: f.what,
        why: f.why,
        evidence: f.evidence,
      })),
    };
    ctx.printJson(doc);
  } else if (!findings.length) {
    ctx.out(
      `${targets.map((t) => t.address).join(', ')}: the host does not use ${targets.length > 1 ? 'them' : 'it'}`,
    );
  } else {
    for (const l of formatFindings(findings)) ctx.out(l);
  }
  ctx.flushNotes();
  return findings.length ? ExitCode.problem : ExitCode.ok;
}
