import * as v from 'valibot';
import { idPair } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';
import { planStepJson } from '../plan-step.js';

const bootPart = (kinds: string[], meaning: string) =>
  field(
    v.strictObject({
      kind: field(v.picklist(kinds), 'what was detected'),
      name: field(v.string(), 'human name, e.g. "GRUB (Debian: update-grub)"'),
      evidence: field(v.array(v.string()), 'the files that show it'),
    }),
    meaning,
  );

export const setupJson = v.strictObject({
  schema: schemaId('vfiokit.setup/1'),
  root: field(v.string(), 'the root changed: "/" for the live host, else the directory'),
  mode: field(v.picklist(['setup', 'undo']), 'setup, or undo (--undo)'),
  applied: field(v.boolean(), 'the plan was applied (--apply); false for a dry run'),
  bootLoader: v.optional(
    bootPart(['grub', 'systemd-boot', 'proxmox', 'kernelstub', 'grubby'], 'the boot loader detected'),
  ),
  initramfs: v.optional(
    bootPart(['initramfs-tools', 'dracut', 'mkinitcpio'], 'the initramfs generator detected'),
  ),
  devices: field(
    v.array(
      v.strictObject({
        address: v.string(),
        id: idPair('IDs'),
        driver: v.optional(field(v.string(), 'the driver bound now')),
        why: v.string(),
        bindBy: field(
          v.picklist(['id', 'address']),
          'id: vfio-pci.ids (no other device has the ID); address: driver_override at boot',
        ),
      }),
    ),
    'the devices to bind to vfio-pci at every boot (undo: those set up)',
  ),
  ids: field(v.array(v.string()), 'entries of vfio-pci.ids (vendor:device[:subvendor:subdevice])'),
  overrides: field(v.array(v.string()), 'addresses bound by driver_override at boot'),
  cmdline: field(
    v.array(v.strictObject({ word: field(v.string(), 'e.g. "iommu=pt"'), why: v.string() })),
    'kernel command line words wanted',
  ),
  initramfsModules: field(v.array(v.string()), 'modules the initramfs must load'),
  steps: field(v.array(planStepJson), 'the plan, in order'),
  notes: field(v.array(v.string()), 'remarks, one line each'),
  result: v.optional(
    field(
      v.strictObject({
        ok: v.boolean(),
        done: field(v.array(v.string()), 'steps taken, one line each'),
        undone: field(v.array(v.string()), 'steps undone after a failure or signal, in order'),
        undoFailed: field(v.array(v.string()), 'undo steps that failed in turn'),
        commands: field(
          v.array(
            v.strictObject({
              argv: v.array(v.string()),
              ran: field(v.boolean(), 'false when the root is not "/": only recorded'),
              status: v.optional(field(v.number(), 'exit status')),
              note: v.optional(v.string()),
            }),
          ),
          'commands with their outcome',
        ),
        error: v.optional(field(v.string(), 'why the apply failed')),
        signal: v.optional(field(v.string(), 'the signal that interrupted it')),
      }),
      'with --apply: what happened',
    ),
  ),
});
export type SetupJson = v.InferOutput<typeof setupJson>;

export default defineOutput({
  id: 'vfiokit.setup/1',
  title: 'the plan (and result) of binding devices to vfio-pci at boot',
  producedBy: ['vfiokit setup --json', 'vfiokit setup --undo --json', 'vfiokit setup --apply --json'],
  schema: setupJson,
});
