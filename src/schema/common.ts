/**
 * Pieces every document shares, so a PCI address or an ID has one form in every schema.
 *
 * IDs are lowercase hexadecimal without `0x`, zero-padded to their register width, exactly as
 * `lspci -n` and sysfs print them once the `0x` is cut: vendor and device IDs 4 digits ("10de"),
 * the class code all 24 bits, base class, subclass and programming interface ("030000"; sysfs
 * `class` holds "0x030000"). Register values (ACS capability/control) are not IDs: they keep `0x`
 * where a document prints them as text, so a reader can tell a register dump from an ID.
 */
import * as v from 'valibot';
import { field } from './define.js';

/** A PCI function address as sysfs names it: domain (4+ hex digits), bus, device, function. */
export const pciAddress = field(
  v.pipe(v.string(), v.regex(/^[0-9a-f]{4,8}:[0-9a-f]{2}:[0-1][0-9a-f]\.[0-7]$/)),
  'PCI address DOMAIN:BUS:DEVICE.FUNCTION in lowercase hex, as sysfs names it ("0000:01:00.0")',
);

/** A 16-bit PCI ID (vendor, device, subsystem vendor, subsystem device). */
export const pciId = (meaning: string) =>
  field(v.pipe(v.string(), v.regex(/^[0-9a-f]{4}$/)), `${meaning}: 4 lowercase hex digits, no 0x ("10de")`);

/** "vendor:device" (or with subsystem IDs, "vendor:device" of the subsystem). */
export const idPair = (meaning: string) =>
  field(
    v.pipe(v.string(), v.regex(/^[0-9a-f]{4}:[0-9a-f]{4}$/)),
    `${meaning}: VENDOR:DEVICE, 4 lowercase hex digits each ("10de:1b80")`,
  );

/** The 24-bit class code: base class, subclass, programming interface. */
export const classCode = (meaning = 'PCI class code') =>
  field(
    v.pipe(v.string(), v.regex(/^[0-9a-f]{6}$/)),
    `${meaning}: base class, subclass and programming interface, 6 lowercase hex digits ("030000" VGA, "040300" HD audio)`,
  );

export const unknownReasons = (what: string) =>
  field(v.array(v.string()), `why ${what} is unknown, one line each; empty when it is known`);

export const lines = (meaning: string) => field(v.array(v.string()), meaning);

/** The tri-state verdict of a readiness check. */
export const checkVerdict = field(
  v.picklist(['ok', 'warn', 'fail', 'unknown']),
  'ok, warn, fail, or unknown (the input it rests on could not be read or is implausible)',
);

/** Counts of check verdicts. */
export const verdictCounts = field(
  v.strictObject({ ok: v.number(), warn: v.number(), fail: v.number(), unknown: v.number() }),
  'how many checks have each verdict',
);

/** The kernel's group viability, tri-state. */
export const viability = field(
  v.picklist(['viable', 'not-viable', 'unknown']),
  'whether the kernel would let VFIO open the group: every member on vfio-pci, pci-stub or no driver (bridges on pcieport do not count); unknown when a member could not be read',
);

/** pci.ids names of a device. */
export const deviceNames = field(
  v.strictObject({
    vendor: v.optional(field(v.string(), 'vendor name')),
    device: v.optional(field(v.string(), 'device name')),
    subsystem: v.optional(field(v.string(), 'subsystem (board) name')),
    class: v.optional(field(v.string(), 'class or subclass name')),
  }),
  'names from the pci.ids database of the machine running vfiokit; a name it lacks is left out',
);

/** A non-negative integer. */
export const count = (meaning: string) => field(v.pipe(v.number(), v.integer(), v.minValue(0)), meaning);
