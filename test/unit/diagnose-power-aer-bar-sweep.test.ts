// The power/AER/BAR sweep (catalogue/power-aer-bar-sweep.ts): the facts in a message change the
// explanation the way the producing source says. Expected meanings come from the sources the
// entries cite: drivers/pci/pcie/pme.c pcie_pme_handle_request() (the "non-existent device" line
// carries the requester's bus:dev.fn; "Spurious" means no device had PME status), pciehp_ctrl.c
// pciehp_handle_button_press() (a press announces power-off of a powered slot or power-on of an
// empty one; a second press within 5 s cancels), pciehp_hpc.c pciehp_check_link_status() ("No
// device found" is printed after the link came up), arch/x86/mm/pat/memtype.c (the task name is
// the current thread: "CPU n/KVM" for a vCPU of QEMU), kernel/resource.c with x86 ioremap.c (the
// legacy video ROM window 0xc0000-0xdffff read by pci_map_rom()), drivers/pci/setup-res.c
// pci_resize_resource() (-ENOSPC when the bridge window has no room, -16 is EBUSY per
// include/uapi/asm-generic/errno-base.h), fbmem.c (fix.id of efifb is "EFI VGA", of vesafb
// "VESA VGA", of simplefb "simple"), amdgpu_kms.c (BOCO and ATPX are platform power-off) and
// nv-pci.c nv_pci_remove() (the address printed %04x:%02x:%02x.%x).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyFinding } from '../helpers/diagnose-entry.js';

test('PME: a spurious interrupt is harmless; an unknown requester says the device may have left the bus', () => {
  const spurious = onlyFinding(
    '[   50.141126] pcieport 0000:00:01.1: PME: Spurious native interrupt!',
    'kernel.pcie-pme-spurious',
  );
  assert.equal(spurious.explanation.severity, 'info');
  assert.match(spurious.explanation.title, /harmless/);
  assert.match(spurious.explanation.cause, /storm|without end/);
  const unknown = onlyFinding(
    'pcieport 0000:00:1c.0: PME: interrupt generated for non-existent device 03:00.1',
    'kernel.pcie-pme-spurious',
  );
  assert.equal(unknown.facts.requester, '03:00.1');
  assert.match(unknown.explanation.cause, /03:00\.1/);
  assert.match(unknown.explanation.cause, /dropped off the bus/);
});

test('pciehp: the attention button powers a slot off, an empty one on, and a second press cancels', () => {
  const pressed = onlyFinding(
    'pcieport 0003:00:00.0: pciehp: Slot(31): Attention button pressed',
    'kernel.pciehp-button-press',
  );
  assert.equal(pressed.facts.slot, '31');
  assert.match(pressed.explanation.cause, /device_del/);
  assert.doesNotMatch(pressed.explanation.cause, /empty, powered-off slot/);
  const off = onlyFinding(
    'pcieport 0003:00:00.0: pciehp: Slot(31): Powering off due to button press',
    'kernel.pciehp-button-press',
  );
  assert.equal(off.explanation.cause, pressed.explanation.cause);
  for (const line of [
    'pcieport 0000:00:1c.0: pciehp: Slot(0) Powering on due to button press',
    'pcieport 0000:02:01.0: pciehp: Slot(0): Button press: will power on in 5 sec',
  ])
    assert.match(
      onlyFinding(line, 'kernel.pciehp-button-press').explanation.cause,
      /empty, powered-off slot/,
      line,
    );
  for (const line of [
    'pcieport 0000:00:02.0: pciehp: Slot(0): Action canceled due to button press',
    'pcieport 0000:00:02.0: pciehp: Slot(0): Button cancel',
  ])
    assert.match(onlyFinding(line, 'kernel.pciehp-button-press').explanation.cause, /cancelled/, line);
});

test('pciehp: a command timeout is harmless, a link that does not train is an error', () => {
  const timeout = onlyFinding(
    'pcieport 0000:00:03.0: pciehp: Timeout on hotplug command 0x01c0 (issued 2264 msec ago)',
    'kernel.pciehp-command-timeout',
  );
  assert.equal(timeout.explanation.severity, 'info');
  assert.equal(timeout.facts.cmd, '0x01c0');
  const train = onlyFinding(
    'pcieport 0000:08:01.0: pciehp: Slot(2): Cannot train link: status 0x2000',
    'kernel.pciehp-link-training-failed',
  );
  assert.equal(train.explanation.severity, 'error');
  assert.equal(train.facts.status, '0x2000');
  const nothing = onlyFinding(
    'pcieport 0000:00:1c.0: pciehp: Slot(0): No device found',
    'kernel.pciehp-link-training-failed',
  );
  assert.match(nothing.explanation.cause, /link to the slot came up/);
  assert.doesNotMatch(train.explanation.cause, /link to the slot came up/);
});

test('x86 PAT: a refused BAR mapping by a QEMU vCPU thread is named as QEMU; freeing an unknown range is harmless', () => {
  const qemu = onlyFinding(
    'x86/PAT: CPU 0/KVM:2345 map pfn expected mapping type uncached-minus for [mem 0xe0000000-0xefffffff], got write-combining',
    'kernel.pat-map-pfn-expected',
  );
  assert.equal(qemu.facts.proc, 'CPU 0/KVM');
  assert.equal(qemu.explanation.severity, 'error');
  assert.match(qemu.explanation.title, /QEMU/);
  assert.match(qemu.explanation.cause, /reserved as write-combining/);
  const other = onlyFinding(
    '[ 5797.049560] x86/PAT: a.out:1910 map pfn expected mapping type uncached-minus for [mem 0xf8200000-0xf85cbfff], got write-back',
    'kernel.pat-map-pfn-expected',
  );
  assert.equal(other.facts.proc, 'a.out');
  assert.doesNotMatch(other.explanation.title, /QEMU/);
  const freeing = onlyFinding(
    'x86/PAT: qemu-system-x86:4217 freeing invalid memtype [mem 0xf0000000-0xf0ffffff]',
    'kernel.pat-freeing-invalid',
  );
  assert.equal(freeing.explanation.severity, 'info');
  assert.equal(freeing.facts.proc, 'qemu-system-x86');
});

test('resource sanity check: the legacy video ROM window, or pci_map_rom as the caller, is the shadowed VBIOS', () => {
  const rom = onlyFinding(
    'resource sanity check: requesting [mem 0x000c0000-0x000dffff], which spans more than PCI Bus 0000:00 [mem 0x000d0000-0x000dffff window]',
    'kernel.resource-sanity-check',
  );
  assert.equal(rom.facts.owner, 'PCI Bus 0000:00');
  assert.match(rom.explanation.cause, /pci_map_rom\(\) mapped the shadow copy/);
  const caller = onlyFinding(
    '[   37.911775] caller pci_map_rom+0x78/0x1d0 mapping multiple BARs',
    'kernel.resource-sanity-check',
  );
  assert.equal(caller.facts.caller, 'pci_map_rom');
  assert.match(caller.explanation.cause, /pci_map_rom\(\) mapped the shadow copy/);
  const other = onlyFinding(
    'resource sanity check: requesting [mem 0xfed10000-0xfed1ffff], which spans more than reserved [mem 0xfed10000-0xfed17fff]',
    'kernel.resource-sanity-check',
  );
  assert.doesNotMatch(other.explanation.cause, /pci_map_rom\(\) mapped the shadow copy/);
  assert.equal(other.explanation.severity, 'info');
});

test('BAR resizing: no room is harmless for amdgpu, -16 is EBUSY, and -ENOSPC names the bridge window', () => {
  const room = onlyFinding(
    'amdgpu 0000:0c:00.0: amdgpu: Not enough PCI address space for a large BAR.',
    'kernel.amdgpu-large-bar-no-space',
  );
  assert.equal(room.explanation.severity, 'info');
  assert.match(room.explanation.fix, /Above 4G Decoding/);
  const busy = onlyFinding(
    'amdgpu 0000:0c:00.0: amdgpu: Problem resizing BAR0 (-16).',
    'kernel.amdgpu-large-bar-no-space',
  );
  assert.equal(busy.facts.errno, 'EBUSY');
  assert.equal(busy.explanation.severity, 'warning');
  assert.match(busy.explanation.cause, /EBUSY/);
  const intel = onlyFinding(
    'i915 0000:03:00.0: [drm] Failed to resize BAR2 to 8192M (-ENOSPC)',
    'kernel.intel-lmem-bar-resize-failed',
  );
  assert.equal(intel.facts.errno, 'ENOSPC');
  assert.equal(intel.facts.size, '8192');
  assert.match(intel.explanation.cause, /bridge window above the GPU has no room/);
  const released = onlyFinding(
    'pci 0000:03:00.0: BAR 0 [mem 0x7c00000000-0x7c0fffffff 64bit pref]: releasing',
    'kernel.pci-bar-releasing',
  );
  assert.equal(released.explanation.severity, 'info');
  assert.equal(released.facts.bar, '0');
});

test('console hand-over: a discrete GPU driver replacing the firmware framebuffer owns that GPU; the iGPU is the usual host console', () => {
  const amd = onlyFinding('fb0: switching to amdgpudrmfb from EFI VGA', 'kernel.fbdev-switching');
  assert.equal(amd.facts.from, 'EFI VGA');
  assert.match(amd.explanation.title, /amdgpudrmfb/);
  assert.match(amd.explanation.fix, /vfio-pci/);
  const intel = onlyFinding(
    '[    0.924442] fb: switching to inteldrmfb from VESA VGA',
    'kernel.fbdev-switching',
  );
  assert.match(intel.explanation.cause, /integrated GPU/);
  assert.doesNotMatch(intel.explanation.title, /host GPU driver/);
  for (const [line, id] of [
    ['[    0.925832] Console: switching to colour dummy device 80x25', 'kernel.console-dummy'],
    ['[    0.926027] [drm] Replacing VGA console driver', 'kernel.drm-replacing-vgacon'],
    [
      '[    0.924441] checking generic (70000000 1fb0000) vs hw (70000000 10000000)',
      'kernel.fbdev-aperture-check',
    ],
    ['[    1.694035] pci 0000:b1:00.0: vgaarb: overriding boot device', 'kernel.vgaarb-overriding-boot'],
  ] as const) {
    const f = onlyFinding(line, id);
    assert.equal(f.explanation.severity, 'info', line);
    assert.equal(diagnoseText(line).findings.length, 1, line);
  }
});

test('amdgpu runtime PM: BOCO and ATPX cut the power (D3cold), BACO keeps the link', () => {
  const baco = onlyFinding(
    'amdgpu 0000:03:00.0: amdgpu: Using BACO for runtime pm',
    'kernel.amdgpu-runtime-pm-mode',
  );
  assert.equal(baco.facts.mode, 'BACO');
  assert.match(baco.explanation.fix, /power\/control/);
  for (const mode of ['BOCO', 'ATPX']) {
    const f = onlyFinding(
      `amdgpu 0000:01:00.0: amdgpu: Using ${mode} for runtime pm`,
      'kernel.amdgpu-runtime-pm-mode',
    );
    assert.match(f.explanation.cause, /D3cold/, mode);
    assert.match(f.explanation.cause, new RegExp(mode), mode);
  }
});

test('NVRM: removing a GPU still in use names the address and the holders to stop', () => {
  const f = onlyFinding(
    'kernel: NVRM: Attempting to remove device 0000:01:00.0 with non-zero usage count!',
    'kernel.nvidia-remove-in-use',
  );
  assert.equal(f.facts.bdf, '0000:01:00.0');
  assert.equal(f.explanation.severity, 'error');
  assert.match(f.explanation.fix, /fuser -v \/dev\/nvidia\*/);
  const minor = onlyFinding(
    'NVRM: Attempting to remove minor device 1 with non-zero usage count!',
    'kernel.nvidia-remove-in-use',
  );
  assert.equal(minor.facts.minor, '1');
});

test('AER and DPC detail lines are informational', () => {
  for (const [line, id] of [
    ['nvme 0000:01:00.0: AER:   Error of this Agent is reported first', 'kernel.aer-agent-first'],
    ['pcieport 0000:00:07.0: RP PIO log size 0 is invalid', 'kernel.dpc-rp-pio-log-invalid'],
  ] as const) {
    const f = onlyFinding(line, id);
    assert.equal(f.explanation.severity, 'info', line);
  }
});

test('a corrected AER report is explained by its layer, and says when it is not harmless', () => {
  const layer = (type: string) =>
    onlyFinding(
      `pcieport 0000:00:1c.5: PCIe Bus Error: severity=Corrected, type=${type}, (Receiver ID)`,
      'kernel.aer-bus-error',
    ).explanation;
  const physical = layer('Physical Layer');
  assert.equal(physical.severity, 'info');
  assert.match(physical.title, /receiver error/);
  assert.match(physical.cause, /Not harmless when they flood the log/);
  assert.match(physical.fix, /pci=noaer only hides/);
  const link = layer('Data Link Layer');
  assert.match(link.title, /resent/);
  assert.match(link.cause, /Replay Timer Timeout/);
  const transaction = layer('Transaction Layer');
  assert.match(transaction.cause, /Advisory Non-Fatal/);
  assert.notEqual(physical.cause, link.cause);
  // uncorrected reports keep their own explanation
  const fatal = onlyFinding(
    'pcieport 0000:00:01.1: PCIe Bus Error: severity=Uncorrected (Fatal), type=Transaction Layer, (Receiver ID)',
    'kernel.aer-bus-error',
  );
  assert.doesNotMatch(fatal.explanation.cause, /Advisory Non-Fatal/);
});

test('DRM registration: simpledrm holds the boot GPU, a host driver on an address owns that GPU, an emulated display means a guest', () => {
  const simple = onlyFinding(
    '[    1.312000] [drm] Initialized simpledrm 1.0.0 20200625 for simple-framebuffer.0 on minor 0',
    'kernel.drm-initialized',
  );
  assert.equal(simple.facts.target, 'simple-framebuffer.0');
  assert.match(simple.explanation.fix, /initcall_blacklist=sysfb_init/);
  const amd = onlyFinding(
    'amdgpu 0000:03:00.0: [drm] Initialized amdgpu 3.57.0 20150101 for 0000:03:00.0 on minor 1',
    'kernel.drm-initialized',
  );
  assert.equal(amd.facts.bdf, '0000:03:00.0');
  assert.match(amd.explanation.cause, /host driver amdgpu registered the GPU 0000:03:00\.0/);
  // Linux 6.14+ prints no driver date
  const guest = onlyFinding(
    'virtio_gpu virtio0: [drm] Initialized virtio_gpu 0.1.0 for virtio0 on minor 0',
    'kernel.drm-initialized',
  );
  assert.match(guest.explanation.cause, /inside a VM/);
  const fbcon = onlyFinding('fbcon: amdgpudrmfb (fb0) is primary device', 'kernel.fbcon-primary');
  assert.equal(fbcon.facts.fb, 'amdgpudrmfb');
  assert.equal(fbcon.explanation.severity, 'info');
  const sysfb = onlyFinding('sysfb: VRAM smaller than advertised', 'kernel.sysfb-vram-smaller');
  assert.equal(sysfb.explanation.severity, 'warning');
});

test('NVRM: missing auxiliary power is its own finding beside the RmInitAdapter failure that follows it', () => {
  const log = [
    'NVRM: GPU 0000:01:00.0: GPU does not have the necessary power cables connected.',
    'NVRM: GPU 0000:01:00.0: RmInitAdapter failed! (0x24:0x1c:1603)',
  ].join('\n');
  const ids = diagnoseText(log).findings.map((f) => f.entry.id);
  assert.deepEqual([...ids].sort(), ['kernel.nvidia-insufficient-power', 'kernel.nvidia-rm-init-adapter']);
  const power = onlyFinding(log, 'kernel.nvidia-insufficient-power');
  assert.equal(power.facts.bdf, '0000:01:00.0');
  assert.match(power.explanation.fix, /power cables/);
});
