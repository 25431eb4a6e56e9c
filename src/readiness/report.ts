/**
 * Doctor's verdict as the host report shows it: the counts, the one fix to make first, and, when
 * the IOMMU is off, the fix of doctor's first failing IOMMU check (it knows the vendor, a missing
 * firmware table, a VM, the command line or a kernel without the driver).
 */
import type { DoctorReport } from './doctor.js';

export interface ReadinessSummary {
  summary: DoctorReport['summary'];
  mostImportant?: DoctorReport['mostImportant'];
  iommuFix?: string;
}

export function readinessSummary(doctor: DoctorReport): ReadinessSummary {
  const iommuFix = doctor.checks.find((ch) => ch.group === 'iommu' && ch.verdict === 'fail' && ch.fix)?.fix;
  return { summary: doctor.summary, mostImportant: doctor.mostImportant, iommuFix };
}
