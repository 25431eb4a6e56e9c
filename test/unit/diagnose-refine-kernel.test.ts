// The facts read from kernel, pciutils and vendor-reset messages change their explanation: a D3cold
// state is blamed on the host's power management (not the guest), corrected AER errors are
// harmless, an errno names its own cause. Each case runs the entry's `refine` on the facts its
// patterns read from a real line, so a pattern that stops reading the fact fails here too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Refinement } from '../../src/readiness/diagnose/entry.js';
import { refined } from '../helpers/diagnose-entry.js';

const CASES: [id: string, line: string, check: (r: Refinement | undefined) => void][] = [
  [
    'kernel.power-state-inaccessible',
    'vfio-pci 0000:01:00.0: Unable to change power state from D3cold to D0, device inaccessible',
    (r) => {
      assert.match(r?.cause ?? '', /host/);
      assert.match(r?.cause ?? '', /not do this|guest did not/i);
      assert.match(r?.fix ?? '', /disable_idle_d3=1/);
    },
  ],
  [
    'kernel.power-state-inaccessible',
    'vfio-pci 0000:01:00.0: Unable to change power state from D3hot to D0, device inaccessible',
    (r) => assert.equal(r, undefined),
  ],
  [
    'kernel.power-state-refused',
    'vfio-pci 0000:01:00.0: Refused to change power state from D3hot to D0',
    (r) => {
      assert.equal(r?.severity, 'error');
      assert.match(r?.cause ?? '', /not the guest/);
    },
  ],
  [
    'kernel.power-state-refused',
    'i915 0000:00:02.0: Refused to change power state from D0 to D3hot',
    (r) => assert.equal(r, undefined),
  ],
  [
    'kernel.reset-timeout',
    'nvidia 0000:01:00.0: not ready 65535ms after resume; giving up',
    (r) => assert.match(r?.fix ?? '', /disable_idle_d3/),
  ],
  [
    'kernel.reset-timeout',
    'vfio-pci 0000:0c:00.0: not ready 65535ms after FLR; giving up',
    // pci_dev_wait() names the reset it waited after: a failed FLR is fixed by another reset method
    (r) => {
      assert.match(r?.cause ?? '', /Function Level Reset/);
      assert.match(r?.fix ?? '', /reset_method/);
    },
  ],
  [
    'kernel.aer-error-received',
    'pcieport 0000:00:1c.5: AER: Corrected error received: id=00e5',
    (r) => assert.equal(r?.severity, 'info'),
  ],
  [
    'kernel.aer-error-received',
    'pcieport 0000:00:01.1: AER: Uncorrected (Fatal) error message received from 0000:01:00.0',
    (r) => assert.equal(r?.severity, 'error'),
  ],
  [
    'kernel.aer-error-received',
    'pcieport 0000:80:1b.4: AER: Uncorrectable (Non-Fatal) error message received from 0000:80:1b.4',
    (r) => assert.equal(r, undefined),
  ],
  [
    'kernel.aer-bus-error',
    'pcieport 0000:00:1c.5: PCIe Bus Error: severity=Corrected, type=Physical Layer, (Receiver ID)',
    (r) => assert.equal(r?.severity, 'info'),
  ],
  [
    'kernel.probe-failed',
    'vfio-pci 0000:01:00.0: probe with driver vfio-pci failed with error -22',
    (r) => assert.equal(r, undefined),
  ],
  [
    'kernel.probe-failed',
    'vfio-pci 0000:01:00.0: probe with driver vfio-pci failed with error -16',
    (r) => assert.match(r?.cause ?? '', /EBUSY/),
  ],
  [
    'kernel.probe-failed',
    'simple-framebuffer simple-framebuffer.0: probe with driver simple-framebuffer failed with error -16',
    (r) => assert.equal(r?.severity, 'warning'),
  ],
  [
    'kernel.rom-header-signature',
    'vfio-pci 0000:02:00.0: Invalid PCI ROM header signature: expecting 0xaa55, got 0xffff',
    (r) => assert.match(r?.cause ?? '', /did not answer/),
  ],
  [
    'kernel.rom-header-signature',
    'vfio-pci 0000:02:00.0: Invalid PCI ROM header signature: expecting 0xaa55, got 0x0000',
    (r) => assert.equal(r, undefined),
  ],
  [
    'kernel.dmar-fault',
    'DMAR: [DMA Write NO_PASID] Request device [03:00.0] fault addr 0x0 [fault reason 0x02] Present bit in context entry is clear',
    (r) => assert.match(r?.cause ?? '', /alias/),
  ],
  [
    'kernel.vfio-request-relay',
    'vfio-pci 0000:03:00.0: Relaying device request to user (#10)',
    (r) => assert.equal(r?.severity, 'warning'),
  ],
  [
    'kernel.vfio-request-relay',
    'vfio-pci 0000:03:00.0: Relaying device request to user (#0)',
    (r) => assert.equal(r, undefined),
  ],
  [
    'pciutils.kernel-driver-in-use',
    '\tKernel driver in use: nvidia',
    (r) => assert.match(r?.title ?? '', /host driver \(nvidia\)/),
  ],
  [
    'pciutils.kernel-driver-in-use',
    '\tKernel driver in use: vfio-pci',
    (r) => assert.match(r?.title ?? '', /good/),
  ],
  [
    'pciutils.kernel-driver-in-use',
    '\tKernel driver in use: pcieport',
    (r) => assert.match(r?.title ?? '', /harmless/),
  ],
  [
    'pciutils.link-downgraded',
    '\t\tLnkSta:\tSpeed 8GT/s, Width x4 (downgraded)',
    (r) => assert.equal(r?.severity, 'warning'),
  ],
  [
    'pciutils.link-downgraded',
    '\t\tLnkSta:\tSpeed 2.5GT/s (downgraded), Width x16 (ok)',
    (r) => assert.equal(r, undefined),
  ],
  [
    'vendor-reset.reset-result',
    'vfio-pci 0000:2f:00.0: AMD_NAVI10: reset result = -62',
    (r) => assert.equal(r?.severity, 'error'),
  ],
  [
    'vendor-reset.reset-result',
    'vfio-pci 0000:2f:00.0: AMD_NAVI10: reset result = 0',
    (r) => assert.equal(r, undefined),
  ],
  [
    'kernel.no-interrupt-remapping',
    'kvm_iommu_map_guest: No interrupt remapping support, disallowing device assignment. Re-enble with "allow_unsafe_assigned_interrupts=1" module option.',
    (r) => assert.match(r?.fix ?? '', /vfio-pci/),
  ],
  [
    'kernel.no-interrupt-remapping',
    'vfio_iommu_type1_attach_group: No interrupt remapping support.',
    (r) => assert.equal(r, undefined),
  ],
  [
    'kernel.kvm-unhandled-msr',
    'kvm [52392]: ignored rdmsr: 0xc0011029 data 0x0',
    (r) => assert.equal(r?.severity, 'info'),
  ],
  [
    'kernel.kvm-unhandled-msr',
    'kvm [4212]: vcpu0, guest rIP: 0xfffff80251a0a4b2 Unhandled RDMSR(0x1c9)',
    (r) => assert.equal(r, undefined),
  ],
];

test('refinements: every case ran', () => assert.equal(CASES.length, 29));

for (const [id, line, check] of CASES) {
  test(`${id} refines: ${line.slice(0, 70)}`, () => check(refined(id, line)));
}
