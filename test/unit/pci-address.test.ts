import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { VfiokitError } from '../../src/errors.js';
import { compareBdf, formatPciAddress, parsePciAddress, tryParsePciAddress } from '../../src/pci/address.js';

test('parses full, short and wide-domain (VMD) addresses', () => {
  assert.deepEqual(parsePciAddress('0000:01:00.1'), { domain: 0, bus: 1, device: 0, fn: 1 });
  assert.deepEqual(parsePciAddress('01:1f.7'), { domain: 0, bus: 1, device: 0x1f, fn: 7 });
  assert.equal(formatPciAddress(parsePciAddress('10000:e1:00.0')), '10000:e1:00.0');
});

test('rejects malformed addresses with a usage error', () => {
  for (const bad of ['', '0000:01:00', '0000:01:20.0', '01:00.8', 'zz:00.0', '0000:01:00.0x']) {
    assert.equal(tryParsePciAddress(bad), undefined, bad);
    assert.throws(
      () => parsePciAddress(bad),
      (e: unknown) => e instanceof VfiokitError && e.exitCode === 2,
    );
  }
});

test('format/parse round-trip and numeric ordering across domain widths', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 0xfffff }),
      fc.integer({ min: 0, max: 255 }),
      fc.integer({ min: 0, max: 31 }),
      fc.integer({ min: 0, max: 7 }),
      (domain, bus, device, fn) => {
        const a = { domain, bus, device, fn };
        assert.deepEqual(parsePciAddress(formatPciAddress(a)), a);
      },
    ),
  );
  assert.ok(compareBdf('0000:ff:00.0', '10000:00:00.0') < 0);
  assert.ok(compareBdf('0000:02:00.0', '0000:10:00.0') < 0);
});
