import * as v from 'valibot';
import { pciAddress } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';

const breakKind = field(
  v.picklist([
    'requester-id-alias',
    'dma-alias-quirk',
    'multifunction-no-acs',
    'port-no-acs',
    'conventional-pci',
    'quirk',
  ]),
  "requester-id-alias: a bridge forwards the DMA under its own requester ID; dma-alias-quirk: the device DMAs with another function's ID; multifunction-no-acs: functions of one slot can talk to each other; port-no-acs: a port does not redirect peer-to-peer traffic; conventional-pci: a shared bus; quirk: a kernel quirk declares it non-isolating",
);

export const pathStepJson = v.strictObject({
  address: v.string(),
  role: field(
    v.string(),
    '"device", or the port type of a bridge on the way up; "unknown" when its config space is',
  ),
  isolates: field(
    v.nullable(v.boolean()),
    'this step isolates the device; null when the registers that decide it could not be read',
  ),
  kind: v.optional(breakKind),
  why: field(v.string(), 'one line'),
  evidence: v.optional(
    field(
      v.strictObject({
        capRegister: v.optional(field(v.string(), 'ACS capability register, "0x" and 4 hex digits')),
        ctrlRegister: v.optional(field(v.string(), 'ACS control register, "0x" and 4 hex digits')),
        quirk: v.optional(field(v.string(), 'the kernel quirk')),
        requesterId: v.optional(field(v.string(), 'the requester ID the DMA carries')),
      }),
      'the register values or quirk the step rests on',
    ),
  ),
});

export const explainJson = v.strictObject({
  schema: schemaId('vfiokit.explain/2'),
  root: field(v.string(), 'the root read: "/" for the live host, else the snapshot path'),
  device: pciAddress,
  kernelGroup: field(
    v.nullable(v.strictObject({ id: v.number(), members: v.array(v.string()) })),
    "the kernel's group, or null with the IOMMU off",
  ),
  simulatedGroup: field(v.array(v.string()), "the simulator's group for the device"),
  simulationAgrees: field(
    v.nullable(v.boolean()),
    "the simulator put the device with exactly the kernel's members; null without kernel groups",
  ),
  path: field(v.array(pathStepJson), 'from the device up to the root complex'),
  firstBreak: field(
    v.nullable(pathStepJson),
    'the first step that does not isolate; null when none or unknown',
  ),
  members: field(
    v.array(v.strictObject({ address: v.string(), reason: v.string() })),
    'why each other member is in the group',
  ),
  whatIf: field(
    v.array(
      v.strictObject({
        override: field(v.string(), 'the pcie_acs_override value'),
        group: field(v.array(v.string()), 'the group the device would be in'),
        isolated: field(v.boolean(), 'the device would be alone'),
        changed: field(v.boolean(), 'the group differs from the simulated one'),
      }),
    ),
    'what each ACS override mode would change (an out-of-tree patch; see risk)',
  ),
  overrideCannotHelp: field(
    v.nullable(v.string()),
    'why no override mode can help (isolation breaks where the patch never applies), or null',
  ),
  incomplete: field(v.array(v.string()), 'devices on the path whose config space was cut short (not root)'),
  unknownReasons: field(
    v.array(v.string()),
    'why no cause can be named with confidence (a device or bridge on the path unreadable or reading all ones); when not empty, firstBreak and overrideCannotHelp are null',
  ),
  corrupt: field(
    v.array(v.string()),
    'devices on the path whose capability list is damaged, "ADDRESS: problem"',
  ),
  risk: field(v.string(), 'what an ACS override risks'),
});
export type ExplainJson = v.InferOutput<typeof explainJson>;
export type PathStepJson = v.InferOutput<typeof pathStepJson>;

export default defineOutput({
  id: 'vfiokit.explain/2',
  title: 'why a device shares its IOMMU group',
  producedBy: ['vfiokit explain BDF --json'],
  changes:
    "explain/2 (was /1): a path step's isolates may be null (its role then unknown when its registers are); unknownReasons added, and when it is not empty firstBreak and overrideCannotHelp are null.",
  schema: explainJson,
});
