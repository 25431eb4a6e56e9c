/** A readiness check as `doctor` prints it: what was looked at, what it means, what to do. */
import * as v from 'valibot';
import { CHECK_IDS } from './check-ids.js';
import { checkVerdict } from './common.js';
import { field } from './define.js';

export const checkJson = v.strictObject({
  id: field(
    v.picklist(CHECK_IDS),
    'stable id, e.g. "iommu.active" or "gpu.reset" (per-device checks carry `device`)',
  ),
  group: field(
    v.picklist(['cpu', 'iommu', 'interrupts', 'vfio', 'acs', 'vm', 'gpu', 'vga', 'igd', 'hugepages']),
    'the family the check belongs to, in the order a user has to fix them',
  ),
  title: v.string(),
  verdict: checkVerdict,
  evidence: field(
    v.array(v.string()),
    'the files, values and kernel messages the verdict rests on, one line each',
  ),
  fix: v.optional(
    field(v.string(), 'what to do, when the verdict is not ok (or advice worth giving anyway)'),
  ),
  device: v.optional(field(v.string(), 'the PCI address a per-device check is about')),
});
export type CheckJson = v.InferOutput<typeof checkJson>;
