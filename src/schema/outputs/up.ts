import * as v from 'valibot';
import { CHECK_IDS } from '../check-ids.js';
import { checkVerdict, pciAddress, verdictCounts } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';
import { planStepJson } from '../plan-step.js';
import { applyResultEntries, plannedDeviceEntries } from '../runtime.js';

const doctorCheck = v.strictObject({
  id: field(v.picklist(CHECK_IDS), "the doctor's check id"),
  title: v.string(),
  verdict: checkVerdict,
  device: v.optional(field(v.string(), 'the PCI address a per-device check is about')),
  fix: v.optional(field(v.string(), 'what to do')),
});

const pciIdNumber = (meaning: string) =>
  field(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffff)), meaning);

export const qemuExitJson = field(
  v.strictObject({
    code: field(v.nullable(v.number()), 'exit status (null: ended by a signal)'),
    signal: field(v.nullable(v.string()), 'the signal that ended it (null: it exited)'),
  }),
  'how QEMU ended',
);

export const upOutcome = field(
  v.picklist(['exited', 'crashed', 'start-failed', 'check-failed', 'signal', 'prepare-failed']),
  'exited: QEMU ended with status 0 (the guest powered off, or down/quit); crashed: it ended otherwise after the checks; start-failed: it ended (or never answered) before its QMP greeting; check-failed: query-status/query-pci did not show the VM as expected, QEMU was stopped; signal: a signal to vfiokit ended the run, QEMU was stopped; prepare-failed: hugepages or binding failed, QEMU was not started',
);

export const upJson = v.strictObject({
  schema: schemaId('vfiokit.up/1'),
  root: field(v.string(), 'the root read: "/" for the live host, else the snapshot'),
  name: field(v.string(), "the spec's name"),
  applied: field(v.boolean(), 'the steps ran and QEMU was started (false for --dry-run and a refusal)'),
  doctor: field(
    v.strictObject({
      summary: verdictCounts,
      refusals: field(v.array(doctorCheck), 'failures that refuse the run (without --force)'),
      handled: field(v.array(doctorCheck), 'failures the run fixes itself (the hugepage pool)'),
    }),
    "the doctor's checks for this spec (doctor --vm SPEC)",
  ),
  devices: field(
    v.array(v.strictObject(plannedDeviceEntries)),
    "the assigned devices' IOMMU groups without their bridges, and what happens to each",
  ),
  steps: field(
    v.array(planStepJson),
    'the journaled plan: the OVMF variable store (when it is created), the hugepage steps, then the binding steps',
  ),
  vars: v.optional(
    field(
      v.strictObject({
        path: field(v.string(), "the VM's OVMF variable store"),
        template: field(v.string(), "the firmware descriptor's template it is copied from"),
        create: field(
          v.boolean(),
          'true: this run creates it (kept after the VM stops); false: it exists and is kept as it is',
        ),
      }),
      'with OVMF: the variable store',
    ),
  ),
  pinning: field(
    v.array(v.string()),
    'the CPU pinning applied once QEMU runs and is checked, one line per thread (empty: the spec does not pin)',
  ),
  qemu: field(
    v.strictObject({
      argv: field(
        v.array(v.string()),
        "the command started: config qemu's, with --accel applied, two QMP monitors and a pidfile",
      ),
      qmp: field(v.string(), 'the QMP socket vfiokit up uses'),
      control: field(v.string(), 'the second QMP socket, for vfiokit down and the user'),
      pidfile: field(v.string(), "QEMU's -pidfile"),
      state: field(v.string(), 'the record of the run (vfiokit.vm-state/1)'),
    }),
    'how QEMU is run',
  ),
  expect: field(
    v.array(
      v.strictObject({
        alias: field(v.string(), 'the qdev id of the assigned function'),
        host: pciAddress,
        vendor: pciIdNumber('the vendor ID query-pci must show'),
        device: pciIdNumber('the device ID query-pci must show'),
      }),
    ),
    'what the QMP check expects to see in the VM',
  ),
  cleanup: field(
    v.array(v.string()),
    'what happens when QEMU ends, a signal comes or a step fails, in order',
  ),
  notes: field(v.array(v.string()), 'remarks, one line each'),
  result: v.optional(
    field(
      v.strictObject({
        ...applyResultEntries,
        outcome: upOutcome,
        qemuPid: v.optional(field(v.number(), "QEMU's process id")),
        qemuExit: v.optional(qemuExitJson),
        stoppedBy: v.optional(
          field(v.picklist(['quit', 'SIGTERM', 'SIGKILL']), 'how vfiokit stopped QEMU, when it did'),
        ),
        checks: field(
          v.array(
            v.strictObject({
              alias: v.string(),
              host: pciAddress,
              ok: field(v.boolean(), 'listed by query-pci with the expected IDs'),
              where: v.optional(field(v.string(), 'where query-pci lists it: "bus 1 slot 0 fn 0"')),
              seen: v.optional(
                field(
                  v.strictObject({ vendor: pciIdNumber('vendor ID'), device: pciIdNumber('device ID') }),
                  'the IDs query-pci shows',
                ),
              ),
            }),
          ),
          'the QMP checks of the assigned devices',
        ),
        signal: v.optional(field(v.string(), 'the signal that ended the run')),
        pinned: v.optional(
          field(
            v.array(
              v.strictObject({
                thread: field(
                  v.string(),
                  '"vCPU N", "iothreadN", "emulator (main thread)" or "emulator thread"',
                ),
                tid: field(v.number(), 'the host thread id'),
                cpus: field(v.string(), 'the CPU list asked for'),
                allowed: field(v.string(), 'Cpus_allowed_list read back from /proc/PID/task/TID/status'),
              }),
            ),
            'the threads pinned, each verified',
          ),
        ),
      }),
      'after a run (not with --dry-run)',
    ),
  ),
});
export type UpJson = v.InferOutput<typeof upJson>;

export default defineOutput({
  id: 'vfiokit.up/1',
  title: 'the plan and the outcome of running a VM from its spec: doctor, hugepages, binding, QEMU, clean-up',
  producedBy: ['vfiokit up SPEC --json', 'vfiokit up SPEC --dry-run --json'],
  schema: upJson,
});
