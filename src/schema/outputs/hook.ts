import * as v from 'valibot';
import { pciAddress } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';
import { planStepJson } from '../plan-step.js';
import { applyResultEntries } from '../runtime.js';

export const hookJson = v.strictObject({
  schema: schemaId('vfiokit.hook/1'),
  root: field(v.string(), 'the root changed: "/" for the live host, else the directory'),
  mode: field(v.picklist(['install', 'undo']), 'install, or undo (--undo: remove the hook)'),
  applied: field(v.boolean(), 'the steps ran and succeeded (--apply)'),
  gpu: v.optional(field(pciAddress, 'the GPU the hook hands over (install only)')),
  domains: field(
    v.array(
      v.strictObject({
        name: field(v.string(), 'the libvirt domain'),
        why: field(
          v.string(),
          'why it was chosen, e.g. "/etc/libvirt/qemu/win11.xml passes 0000:01:00.0 through"',
        ),
      }),
    ),
    'the domains whose start hands the GPU over',
  ),
  steps: field(
    v.array(planStepJson),
    'the plan: the file /etc/libvirt/hooks/qemu.d/vfiokit (and with --undo the directory) with its diff',
  ),
  notes: field(v.array(v.string()), 'remarks, one line each'),
  result: v.optional(field(v.strictObject(applyResultEntries), 'after --apply')),
});
export type HookJson = v.InferOutput<typeof hookJson>;

export default defineOutput({
  id: 'vfiokit.hook/1',
  title: 'the plan (and result) of installing or removing the libvirt hook',
  producedBy: ['vfiokit hook install [GPU] --json', 'vfiokit hook install --undo --json'],
  schema: hookJson,
});
