// The IGD guest and IOMMU initialisation sweep (catalogue/igd-iommu-init-sweep.ts): the facts in a
// message change the explanation the way the producing source says. Expected causes come from the
// sources the entries cite: i915 intel_uc_fw_fetch() marks the firmware MISSING only for -ENOENT
// (any other error is INTEL_UC_FIRMWARE_ERROR); i915_gem_init_stolen() prints "iGVT-g active" for
// a vGPU guest and "DMAR active" for VT-d on Gen<8; xe_sriov_probe_early() prints the mode string
// of xe_sriov_mode_to_string() ("SR-IOV PF" / "SR-IOV VF"); drivers/pci/rom.c pci_get_rom_size()
// changed "Invalid ROM contents" into "Invalid PCI ROM header signature: …".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyFinding } from '../helpers/diagnose-entry.js';

test('a GuC/HuC firmware fetch failure: ENOENT (in either printed form) is a missing file, other errors are not', () => {
  for (const line of [
    'i915 0000:00:02.0: [drm] *ERROR* GT0: GuC firmware i915/adlp_guc_70.bin: fetch failed -ENOENT',
    'i915 0000:00:02.0: HuC firmware i915/kbl_huc_4.0.0.bin: fetch failed with error -2',
  ]) {
    const f = onlyFinding(line, 'kernel.i915-uc-fw-fetch-failed');
    assert.match(f.explanation.cause, /not on the system/, line);
    assert.match(f.explanation.fix, /linux-firmware/);
  }
  const other = onlyFinding(
    'i915 0000:00:02.0: [drm] *ERROR* GT0: GuC firmware i915/tgl_guc_70.bin: fetch failed -EINVAL',
    'kernel.i915-uc-fw-fetch-failed',
  );
  assert.doesNotMatch(other.explanation.cause, /not on the system/);
  assert.equal(other.facts.fw, 'GuC');
  assert.equal(other.facts.path, 'i915/tgl_guc_70.bin');
});

test('stolen memory disabled is harmless, and the iGVT-g form says the kernel is a GVT-g guest', () => {
  const dmar = onlyFinding(
    '[    5.728472] i915 0000:00:02.0: DMAR active, disabling use of stolen memory',
    'kernel.i915-stolen-disabled',
  );
  assert.equal(dmar.explanation.severity, 'info');
  assert.equal(dmar.facts.bdf, '0000:00:02.0');
  assert.match(dmar.explanation.cause, /Gen8/);
  const gvt = onlyFinding(
    'i915 0000:00:02.0: [drm] iGVT-g active, disabling use of stolen memory',
    'kernel.i915-stolen-disabled',
  );
  assert.equal(gvt.explanation.severity, 'info');
  assert.match(gvt.explanation.cause, /GVT-g guest/);
});

test('SR-IOV mode: PF on the host, VF in a guest; both harmless, from i915 and from xe', () => {
  const pf = onlyFinding('xe 0000:00:02.0: [drm] Running in SR-IOV PF mode', 'kernel.igpu-sriov-mode');
  assert.equal(pf.explanation.severity, 'info');
  assert.equal(pf.facts.driver, 'xe');
  assert.doesNotMatch(pf.explanation.cause, /guest given a VF/);
  const vf = onlyFinding(
    '[    4.634038] i915 0000:00:02.1: Running in SR-IOV VF mode',
    'kernel.igpu-sriov-mode',
  );
  assert.equal(vf.facts.bdf, '0000:00:02.1');
  assert.match(vf.explanation.cause, /guest given a VF/);
  // Other programs print "Running in … mode" too: only the SR-IOV wording is this entry's.
  const ids = diagnoseText('Running in TAP mode').findings.map((f) => f.entry.id);
  assert.ok(!ids.includes('kernel.igpu-sriov-mode'), ids.join(','));
});

test('the old and new PCI ROM wordings go to their own entries', () => {
  onlyFinding('[   12.741620] i915 0000:00:02.0: Invalid ROM contents', 'kernel.pci-rom-invalid-contents');
  const newer = diagnoseText(
    '[    5.263588] i915 0000:00:02.0: Invalid PCI ROM header signature: expecting 0xaa55, got 0xffff',
  ).findings.map((f) => f.entry.id);
  assert.deepEqual(newer, ['kernel.rom-header-signature']);
});

test('a guest boot of an IGD without OpRegion is read line by line', () => {
  const log = [
    '[    0.655490] i915 0000:00:02.0: [drm:intel_opregion_setup [i915]] ACPI OpRegion not supported!',
    '[    0.656462] i915 0000:00:02.0: [drm] Failed to find VBIOS tables (VBT)',
  ].join('\n');
  const ids = diagnoseText(log).findings.map((f) => f.entry.id);
  assert.ok(ids.includes('kernel.i915-opregion-absent'), ids.join(','));
  assert.ok(ids.includes('kernel.i915-vbt-missing'), ids.join(','));
  const vbt = onlyFinding(log, 'kernel.i915-vbt-missing');
  assert.match(vbt.explanation.fix, /x-igd-opregion=on/);
});

test('IOMMU init notes: tboot forcing VT-d on and a feature mismatch are informational', () => {
  const tboot = onlyFinding(
    '[    0.102030] DMAR: Forcing Intel-IOMMU to enabled',
    'kernel.tboot-force-iommu',
  );
  assert.equal(tboot.explanation.severity, 'info');
  const feat = onlyFinding('DMAR: IOMMU feature nest inconsistent', 'kernel.dmar-feature-inconsistent');
  assert.equal(feat.facts.feature, 'nest');
  assert.equal(feat.explanation.severity, 'info');
});

test('a failed i915 memory region: type= (intel_memory_type) names which memory was refused', () => {
  const local = onlyFinding(
    'i915 0000:01:00.0: [drm] *ERROR* Failed to setup region(-5) type=1',
    'kernel.i915-region-setup-failed',
  );
  assert.match(local.explanation.cause, /device-local memory/);
  assert.equal(local.facts.errno, 'EIO');
  const stolen = onlyFinding(
    'i915 0000:00:02.0: [drm] *ERROR* Failed to setup region(-16) type=2',
    'kernel.i915-region-setup-failed',
  );
  assert.match(stolen.explanation.cause, /stolen system memory/);
  assert.match(stolen.explanation.fix, /IgdAssignmentDxe/);
  const system = onlyFinding(
    'i915 0000:00:02.0: [drm] *ERROR* Failed to setup region(-12) type=0',
    'kernel.i915-region-setup-failed',
  );
  assert.match(system.explanation.cause, /^a memory region of the GPU/);
});

test('the guest firmware and display lines of an IGD assignment are harmless notes', () => {
  const op = onlyFinding(
    'Intel IGD OpRegion enabled at 0xbfffe000, size 8KB, dev 00:02.0',
    'seabios.igd-setup',
  );
  assert.equal(op.entry.source, 'seabios');
  assert.equal(op.explanation.severity, 'info');
  assert.equal(op.facts.what, 'OpRegion');
  const bdsm = onlyFinding(
    'Intel IGD BDSM enabled at 0xbd700000, size 40MB, dev 00:02.0',
    'seabios.igd-setup',
  );
  assert.equal(bdsm.facts.size, '40MB');
  const edp = onlyFinding(
    'i915 0000:00:02.0: [drm] [ENCODER:78:DP A] failed to retrieve link info, disabling eDP',
    'kernel.i915-edp-ghost',
  );
  assert.equal(edp.explanation.severity, 'info');
  assert.equal(edp.facts.encoder, 'DP A');
  const conflict = onlyFinding(
    '[drm:i915_gem_init_stolen [i915]] *ERROR* conflict detected with stolen region: [mem 0x7c000000-0x7fffffff]',
    'kernel.i915-stolen-conflict',
  );
  assert.equal(conflict.explanation.severity, 'warning');
  assert.equal(conflict.facts.range, '[mem 0x7c000000-0x7fffffff]');
});

test('a DMC firmware load failure: ENOENT names the missing file; without an error the general cause stays', () => {
  const missing = onlyFinding(
    'xe 0000:01:00.0: [drm] Failed to load DMC firmware i915/bmg_dmc.bin (-ENOENT). Disabling runtime power management.',
    'kernel.i915-dmc-load-failed',
  );
  assert.match(missing.explanation.cause, /i915\/bmg_dmc\.bin is not on the system/);
  const old = onlyFinding(
    'i915 0000:00:02.0: Failed to load DMC firmware i915/icl_dmc_ver1_07.bin. Disabling runtime power management.',
    'kernel.i915-dmc-load-failed',
  );
  assert.doesNotMatch(old.explanation.cause, /is not on the system/);
  assert.equal(old.explanation.severity, 'warning');
  const wedged = onlyFinding(
    '[drm] *ERROR* GT1: Failed to initialize GPU, declaring it wedged!',
    'kernel.i915-gpu-wedged-init',
  );
  assert.equal(wedged.explanation.severity, 'error');
});
