// A minimal legacy x86 option ROM image built from the PCI Firmware spec's layout: 55 AA, the
// size in 512-byte units at 0x02, the PCIR pointer at 0x18, a PCI data structure (revision 3)
// marked last image, and a checksum byte making the image sum to zero. No EFI image. Used by
// the build's code-cache warm-up and by the tests (test/helpers/rom-image.ts).
'use strict';

function legacyRomImage(vendor, device, classCode = 0x030000) {
  const b = Buffer.alloc(512);
  b[0] = 0x55;
  b[1] = 0xaa;
  b[2] = 1;
  b.writeUInt16LE(0x1c, 0x18);
  b.write('PCIR', 0x1c, 'latin1');
  b.writeUInt16LE(vendor, 0x20);
  b.writeUInt16LE(device, 0x22);
  b.writeUInt16LE(0x18, 0x26); // PCIR length
  b[0x28] = 3; // PCIR revision
  b.writeUIntLE(classCode, 0x29, 3);
  b.writeUInt16LE(1, 0x2c); // image length, 512-byte units
  b[0x30] = 0; // code type: x86
  b[0x31] = 0x80; // last image
  let sum = 0;
  for (const x of b) sum = (sum + x) & 0xff;
  b[511] = (0x100 - sum) & 0xff;
  return b;
}

module.exports = { legacyRomImage };
