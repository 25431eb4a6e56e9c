// Initramfs tools around a VFIO set-up (catalogue/bind-setup.ts): dracut stopping on a module the
// kernel no longer has (vfio_virqfd, merged into vfio in Linux 6.2), and the firmware warnings of
// initramfs-tools and mkinitcpio, which are harmless and not why passthrough fails. Messages built
// from the tools' format strings (dracut's dfatal, hook-functions, mkinitcpio's add_firmware).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { eachOnlyFinding, onlyFinding } from '../helpers/diagnose-entry.js';

test("dracut's FATAL on vfio_virqfd is the module-name entry, with the 6.2 merge as its cause", () => {
  for (const line of [
    'dracut: FATAL: Failed to install module vfio_virqfd',
    'dracut[1234]: FATAL: Failed to install module vfio_virqfd',
  ]) {
    const f = onlyFinding(line, 'setup.module-name-not-found');
    assert.match(f.explanation.cause, /6\.2/, line);
  }
});

test('a possibly missing firmware file while building the initramfs is harmless', () => {
  const lines = [
    'W: Possible missing firmware /lib/firmware/amdgpu/ip_discovery.bin for module amdgpu',
    'W: Possible missing firmware /lib/firmware/i915/mtl_gsc_1.bin for built-in driver i915',
    "==> WARNING: Possibly missing firmware for module: 'ast'",
  ];
  eachOnlyFinding('initramfs.possibly-missing-firmware', lines, (f, line) => {
    assert.equal(f.explanation.severity, 'info', line);
    assert.match(f.explanation.cause, /Harmless/, line);
    assert.equal(diagnoseText(line).findings.length, 1, line);
  });
});
