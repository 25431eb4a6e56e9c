// The second harvest sweep (catalogue/harvest2-sweep.ts): messages posted in public issue threads
// that the catalogue did not recognise — an amdgpu ring reset that failed, xHCI controllers that
// would not stop or reported a transfer outside the expected TD, HD-audio IRQ-timing and spurious
// responses, a USB port that cannot be enabled, an NVIDIA GPU lost at probe, the Looking Glass
// client's SPICE connection closed by the server and libvirt's abandoned QEMU child — plus the
// entries this harvest mended (APICv features, interface MTU, the client's lost SPICE session).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILT } from '../../src/readiness/diagnose/catalogue/build.js';
import { HARVEST2_SWEEP_ENTRIES } from '../../src/readiness/diagnose/catalogue/harvest2-sweep.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, eachOnlyFinding, onlyFinding } from '../helpers/diagnose-entry.js';

test('every entry is registered, cites its source and claims its examples alone', () => {
  const n = checkSweepEntries(HARVEST2_SWEEP_ENTRIES, ['kernel.', 'libvirt.', 'lg.'], (e, x, f) => {
    for (const [k, v] of Object.entries(x.facts ?? {}))
      assert.equal(f.facts[k], v, `${e.id} fact ${k}: ${x.text}`);
  });
  assert.equal(n, HARVEST2_SWEEP_ENTRIES.length);
  assert.equal(n, 10);
});

test('every example is a posted message with the thread it came from', () => {
  for (const e of HARVEST2_SWEEP_ENTRIES)
    for (const x of e.examples ?? []) {
      assert.notEqual(x.origin, BUILT, `${e.id}: ${x.text}`);
      assert.match(x.origin, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/(?:issues|pull)\/\d+$/, e.id);
    }
});

test('amdgpu ring reset failure: a timed-out job, the per-ring reset failed, a full GPU reset follows', () => {
  const id = 'kernel.amdgpu-ring-reset-failed';
  eachOnlyFinding(
    id,
    [
      '[   75.845873] amdgpu 0000:09:00.0: amdgpu: Ring gfx reset failure',
      'amdgpu 0000:03:00.0: amdgpu: Ring comp_1.0.0 reset failed',
    ],
    (f, line) => {
      assert.match(f.explanation.cause, /did not finish in time/, line);
      assert.match(f.explanation.cause, /whole GPU/, line);
      assert.match(f.explanation.fix, /vendor-reset/, line);
    },
  );
  assert.equal(
    onlyFinding('amdgpu 0000:03:00.0: amdgpu: Ring comp_1.0.0 reset failed', id).facts.ring,
    'comp_1.0.0',
  );
  // Another driver's ring is not amdgpu's.
  assert.ok(!diagnoseText('radeon: Ring gfx reset failure').findings.some((f) => f.entry.id === id));
});

test('xHCI stop timeout: the abort names the command ring, the halt failure names the previous owner', () => {
  const id = 'kernel.xhci-stop-timeout';
  const abort = onlyFinding('xhci_hcd 0000:0b:00.0: Abort failed to stop command ring: -110', id);
  assert.equal(abort.facts.err, '-110');
  assert.match(abort.explanation.cause, /ETIMEDOUT/);
  assert.match(abort.explanation.cause, /handed|between host and VM/);
  const halt = onlyFinding(
    '[   17.020062] xhci_hcd 0001:06:00.0: Host not halted after 16000 microseconds.',
    id,
  );
  assert.equal(halt.facts.us, '16000');
  assert.match(halt.explanation.title, /did not halt/);
  assert.match(halt.explanation.cause, /kexec/);
});

test('xHCI transfer event outside the TD: old and new wordings, read as a ring disagreement', () => {
  const id = 'kernel.xhci-event-outside-td';
  eachOnlyFinding(
    id,
    [
      'xhci_hcd 0000:03:00.0: ERROR Transfer event TRB DMA ptr not part of current TD ep_index 2 comp_code 13',
      'xhci_hcd 0000:00:14.0: ERROR Transfer event TRB DMA ptr not part of current TD',
    ],
    (f, line) => {
      assert.match(f.explanation.cause, /disagree about the ring/, line);
      assert.match(f.explanation.fix, /whole USB controller/, line);
    },
  );
  const f = onlyFinding(
    'xhci_hcd 0000:03:00.0: ERROR Transfer event TRB DMA ptr not part of current TD ep_index 2 comp_code 13',
    id,
  );
  assert.equal(f.facts.ep, '2');
  assert.equal(f.facts.code, '13');
});

test('HD audio: the IRQ timing note is informational, a spurious response points at a powered-off codec', () => {
  const timing = onlyFinding(
    '[   36.413507] hda-intel: IRQ timing workaround is activated for card #0. Suggest a bigger bdl_pos_adj.',
    'kernel.hda-irq-timing-workaround',
  );
  assert.equal(timing.entry.severity, 'info');
  assert.equal(timing.facts.card, '0');
  assert.match(timing.explanation.cause, /Informational/);
  assert.match(timing.explanation.fix, /bdl_pos_adj/);
  eachOnlyFinding(
    'kernel.hda-spurious-response',
    [
      'hda-intel: spurious response 0x0:0x0, last cmd=0x870600',
      'snd_hda_intel 0000:01:00.1: spurious response 0x233:0x0, last cmd=0x12f0d00',
    ],
    (f, line) => {
      assert.match(f.explanation.cause, /no verb was outstanding/, line);
      assert.match(f.explanation.cause, /powered off/, line);
      assert.match(f.explanation.fix, /vfio-pci/, line);
    },
  );
});

test('USB port enable: the port-device and the older hub wording', () => {
  eachOnlyFinding(
    'kernel.usb-port-enable-failed',
    [
      '[   83.737413] usb usb5-port1: Cannot enable. Maybe the USB cable is bad?',
      '[17180003.820000] hub 4-0:1.0: Cannot enable port 4.  Maybe the USB cable is bad?',
    ],
    (f, line) => {
      assert.match(f.explanation.cause, /not enumerated/, line);
      assert.match(f.explanation.cause, /virtual hub in a VM/, line);
    },
  );
});

test('NVIDIA GPU lost at probe: registers all ones, split or one-line wording, not the Xid entry', () => {
  const id = 'kernel.nvidia-gpu-lost-at-probe';
  eachOnlyFinding(
    id,
    [
      'NVRM: The NVIDIA GPU 0000:01:00.0\nNVRM: (PCI ID: 10de:13b6) installed in this system has\nNVRM: fallen off the bus and is not responding to commands.',
      'NVRM: The NVIDIA GPU 0000:01:00.0 (PCI ID: 10de:2d04) installed in this system has\nNVRM: fallen off the bus and is not responding to commands.',
    ],
    (f, line) => {
      assert.match(f.explanation.cause, /0xffffffff/, line);
      assert.match(f.explanation.cause, /previous user without a working reset/, line);
      assert.match(f.explanation.fix, /disable_idle_d3=1/, line);
    },
  );
  const xid = diagnoseText('NVRM: Xid (PCI:0000:01:00): 79, pid=1234, GPU has fallen off the bus.').findings;
  assert.deepEqual(
    xid.map((f) => f.entry.id),
    ['kernel.nvidia-xid'],
  );
});

test('Looking Glass: the server closing the SPICE connection names the other viewer', () => {
  const f = onlyFinding(
    '[E]              spice.c:1306 | spice_read_nl                  | remote end closd connection after 0 byte(s)',
    'lg.spice-connection-closed',
  );
  assert.equal(f.facts.bytes, '0');
  assert.match(f.explanation.cause, /another SPICE client connected/);
  assert.match(f.explanation.fix, /virt-manager's console/);
});

test('libvirt child handshake: the real reason is the daemon error, not this line', () => {
  const f = onlyFinding(
    'libvirt:  error : libvirtd quit during handshake: Input/output error',
    'libvirt.child-handshake-aborted',
  );
  assert.match(f.explanation.cause, /closed the pipe instead of confirming/);
  assert.match(f.explanation.cause, /only the child noticing/);
  assert.match(f.explanation.fix, /journalctl/);
});

test('bridge port VLAN init: a VF whose PF refuses the VLAN filter', () => {
  const f = onlyFinding(
    'ixgbevf 0000:03:00.0 eth1: failed to initialize vlan filtering on this port',
    'kernel.bridge-port-vlan-init-failed',
  );
  assert.match(f.explanation.cause, /not added to the bridge/);
  assert.match(f.explanation.cause, /PF's driver on the host/);
  assert.match(f.explanation.fix, /trust on/);
});

// ---- entries this harvest mended ----

test('QEMU feature warning: missing APICv controls are APICv off, not nested off', () => {
  const id = 'qemu.cpu-feature-unsupported';
  eachOnlyFinding(
    id,
    [
      "2023-01-20T14:12:06.028320Z qemu-system-x86_64: warning: host doesn't support requested feature: MSR(48DH).vmx-posted-intr [bit 7]",
      "qemu-system-x86_64: warning: host doesn't support requested feature: MSR(48BH).vmx-apicv-vid [bit 9]",
    ],
    (f, line) => {
      assert.match(f.explanation.cause, /enable_apicv/, line);
      assert.doesNotMatch(f.explanation.cause, /does not offer nested virtualization/, line);
    },
  );
  // Other VMX controls keep the nested reading.
  const other = onlyFinding(
    "qemu-system-x86_64: warning: host doesn't support requested feature: MSR(48FH).vmx-exit-load-perf-global-ctrl [bit 12]",
    id,
  );
  assert.match(other.explanation.cause, /does not offer nested virtualization/);
});

test('libvirt interface errors: the MTU wording is the same family and names the network bridge', () => {
  const f = onlyFinding(
    "Call to virDomainCreateWithFlags failed: Cannot get interface MTU on 'virbr0': No such device",
    'libvirt.netdev-flags-unreadable',
  );
  assert.equal(f.facts.ifname, 'virbr0');
  assert.match(f.explanation.cause, /virsh net-start default/);
});

test('Looking Glass: failing to process SPICE messages is a lost connection, not one never made', () => {
  const id = 'lg.spice-connect-failed';
  const lost = onlyFinding(
    '44452355817 [E]               main.c:1236 | lg_run                         | Failed to process spice messages',
    id,
  );
  assert.match(lost.explanation.cause, /connection broke/);
  assert.match(lost.explanation.cause, /another SPICE client connected/);
  const never = onlyFinding(
    '00:00:00.210 [E]              main.c:1213 | spiceThread                    | Failed to connect to spice server',
    id,
  );
  assert.match(never.explanation.cause, /nothing answers there/);
});
