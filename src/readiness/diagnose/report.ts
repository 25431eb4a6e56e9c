/** The diagnose result as data (schema vfiokit.diagnose/1), findings explained with host facts. */

import { readPciDevices } from '../../host/pci-sysfs.js';
import type { HostRoot } from '../../host/root.js';
import { deviceNames, loadPciIds } from '../../pci/ids.js';
import type { Severity, Source } from './catalogue.js';
import { HostIndex, type HostNotes } from './host-context.js';
import { diagnoseText, type MatchedLine } from './matcher.js';

export interface DiagnoseFinding {
  id: string;
  severity: Severity;
  title: string;
  source: Source;
  cite: string;
  count: number;
  lines: MatchedLine[];
  device?: string;
  group?: number;
  values: Record<string, string>;
  cause: string;
  fix: string;
  host?: Omit<HostNotes, 'fix'>;
}

export interface DiagnoseReport {
  schema: 'vfiokit.diagnose/1';
  input: string;
  lines: number;
  findings: DiagnoseFinding[];
}

export function buildDiagnoseReport(text: string, input: string, root?: HostRoot): DiagnoseReport {
  const { findings, lines } = diagnoseText(text);
  let index: HostIndex | undefined;
  if (
    root &&
    findings.some((f) => f.device || f.group !== undefined || f.entry.id === 'kernel.probe-failed')
  ) {
    try {
      const devices = readPciDevices(root);
      const ids = loadPciIds();
      for (const d of devices) d.names = deviceNames(ids, d);
      index = new HostIndex(root, devices);
    } catch {
      index = undefined;
    }
  }
  return {
    schema: 'vfiokit.diagnose/1',
    input,
    lines,
    findings: findings.map((f) => {
      const notes = index?.notesFor(f);
      const { fix: hostFix, ...host } = notes ?? { notes: [] };
      return {
        id: f.entry.id,
        severity: f.entry.severity,
        title: f.entry.title,
        source: f.entry.source,
        cite: f.entry.cite,
        count: f.count,
        lines: f.lines,
        device: f.device,
        group: f.group,
        values: f.values,
        cause: f.entry.cause,
        fix: hostFix ?? f.entry.fix,
        host: notes && host.notes.length ? host : undefined,
      };
    }),
  };
}
