/** The diagnose result as data (schema vfiokit.diagnose/2), findings explained with host facts. */

import { deviceNames } from '../../pci/ids.js';
import type { DiagnoseJson } from '../../schema/outputs/diagnose.js';
import type { HostState } from '../../system/host-state.js';
import type { Severity, Source } from './catalogue.js';
import { HostIndex, type HostNotes } from './host-context.js';
import type { LineStats } from './lines.js';
import type { Finding, MatchedLine } from './matcher.js';

/** What `diagnose` says of every harmless (info) finding, beside its cause. */
export const HARMLESS_NOTE = 'an informational message; it does not stop the device from working';

export interface DiagnoseFinding {
  id: string;
  /** After `refine`: a fact in the message can make it more or less serious. */
  severity: Severity;
  /** True for an info message: it reports, it does not stop anything. */
  harmless: boolean;
  title: string;
  source: Source;
  cite: string;
  /** No specific entry knew the line: explained from the object it names and its errno. */
  generic?: boolean;
  count: number;
  lines: MatchedLine[];
  device?: string;
  group?: number;
  /** Named values as the message printed them (bar, err, driver, ...). */
  values: Record<string, string>;
  /** Every fact read: values plus bdf, group, errno (a name: ENOMEM), logDriver. */
  facts: Record<string, string>;
  cause: string;
  fix: string;
  host?: Omit<HostNotes, 'fix'>;
}

// The printed document's type comes from its schema definition (docs/json.md#diagnose).
export type DiagnoseReport = DiagnoseJson;

export function buildDiagnoseReport(
  findings: Finding[],
  stats: LineStats,
  input: string,
  host?: HostState,
): DiagnoseReport {
  let index: HostIndex | undefined;
  if (
    host &&
    findings.some((f) => f.device || f.group !== undefined || f.entry.id === 'kernel.probe-failed')
  ) {
    try {
      const devices = host.pci().devices;
      const ids = host.pciIdsFor(devices);
      for (const d of devices) d.names = deviceNames(ids, d);
      index = new HostIndex(host, devices);
    } catch {
      index = undefined;
    }
  }
  return {
    schema: 'vfiokit.diagnose/2',
    input,
    lines: stats.lines,
    chars: stats.chars,
    cutLines: stats.cutLines,
    ...(stats.stopped ? { stopped: stats.stopped } : {}),
    findings: findings.map((f) => {
      const notes = index?.notesFor(f);
      const { fix: hostFix, ...host } = notes ?? { notes: [] };
      const x = f.explanation;
      return {
        id: f.entry.id,
        severity: x.severity,
        harmless: x.severity === 'info',
        title: x.title,
        source: f.entry.source,
        cite: f.entry.cite,
        ...(f.entry.tier === 'generic' ? { generic: true } : {}),
        count: f.count,
        lines: f.lines,
        device: f.device,
        group: f.group,
        values: f.values,
        facts: f.facts,
        cause: x.cause,
        fix: hostFix ?? x.fix,
        host: notes && (host.notes.length || host.foreign) ? host : undefined,
      };
    }),
  };
}
