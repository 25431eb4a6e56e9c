// The facts of every ROM in test/fixtures/rom/corpus/ (its README lists them, offsets included)
// and of Debian's ipxe-qemu and seabios ROMs (as the versions in test/helpers/debian-packages.ts
// ship them), checked against vfiokit's model.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, test } from 'node:test';
import type { RomImage, RomModel } from '../../src/rom/model.js';
import { parseRom } from '../../src/rom/parse-rom.js';
import { checkIds, uefiVerdict } from '../../src/rom/verdict.js';
import { recordedVersionNote, withVersionNote } from '../helpers/debian-packages.js';
import {
  corpus,
  corpusDir,
  corpusManifest,
  corpusRoms,
  ipxeRoms,
  load,
  recordedRomNames,
  seabiosRoms,
} from './rom-fixtures.js';

test('the corpus holds exactly the files its README lists, each with its recorded SHA-256', () => {
  const manifest = corpusManifest();
  assert.equal(manifest.size, 8, 'rows in the README table');
  assert.deepEqual(
    readdirSync(corpusDir)
      .filter((f) => f.endsWith('.rom'))
      .sort(),
    [...manifest.keys()].sort(),
  );
  for (const [name, sha] of manifest)
    assert.equal(
      createHash('sha256')
        .update(readFileSync(join(corpusDir, name)))
        .digest('hex'),
      sha,
      name,
    );
});

test('the installed Debian ROMs are exactly those the recorded outputs cover', () => {
  const note = recordedVersionNote('ipxe-qemu', 'seabios');
  withVersionNote(note, () => {
    assert.deepEqual(
      ipxeRoms().map((f) => basename(f)),
      recordedRomNames('ipxe-qemu'),
    );
    assert.deepEqual(
      seabiosRoms().map((f) => basename(f)),
      recordedRomNames('seabios'),
    );
  });
});

const at = (m: RomModel, offset: number): RomImage => {
  const img = m.images.find((i) => i.offset === offset);
  assert.ok(
    img,
    `an image at 0x${offset.toString(16)} (have ${m.images.map((i) => i.offset.toString(16)).join(',')})`,
  );
  return img;
};
const codes = (m: RomModel) => m.findings.map((f) => f.code);

function assertGoodCompressedEfi(img: RomImage, subsystem = 11): void {
  assert.equal(img.pcir.codeType, 3);
  const efi = img.efi!;
  assert.equal(efi.header.signature, 0x0ef1);
  assert.equal(efi.header.compressed, true);
  assert.equal(efi.header.machine, 0x8664);
  assert.equal(efi.header.subsystem, subsystem);
  assert.equal(efi.error, undefined);
  const pe = efi.pe!;
  assert.deepEqual(pe.problems, []);
  assert.equal(pe.valid, true);
  assert.equal(pe.machine, 0x8664);
  assert.equal(pe.optionalHeaderMagic, 0x20b);
  assert.equal(pe.format, 'PE32+');
  assert.equal(pe.subsystem, subsystem);
  assert.ok(pe.sizeOfImage! > 0 && pe.sections.length > 0);
  for (const s of pe.sections) {
    assert.ok(s.virtualAddress + s.virtualSize <= pe.sizeOfImage!, `section ${s.name} fits SizeOfImage`);
    assert.ok(s.rawOffset + s.rawSize <= efi.decompressedSize!, `section ${s.name} fits the file`);
  }
  // The legacy rule does not apply: a non-zero sum over an EFI image is normal.
  assert.equal(img.checksum.required, false);
  assert.equal(img.checksum.ok, true);
}

describe('corpus: nv-GK107-turbo.rom', () => {
  const m = parseRom(corpus('nv-GK107-turbo.rom'));
  test('vendor flash header before the ROM: first 55 AA at 0x400', () => {
    assert.equal(m.romStart, 0x400);
    assert.equal(m.vendorHeaderLength, 0x400);
    assert.ok(codes(m).includes('rom.vendor-header'));
  });
  test('legacy image at 0x400 for 10de:0fc6 with a good checksum', () => {
    const img = at(m, 0x400);
    assert.equal(img.index, 0);
    assert.equal(img.pcir.codeType, 0);
    assert.equal(img.pcir.vendorId, 0x10de);
    assert.equal(img.pcir.deviceId, 0x0fc6);
    assert.equal(img.pcir.classCode, 0x030000);
    assert.equal(img.pcirPointer, 0x190);
    assert.equal(img.pcir.offset, 0x590);
    assert.equal(img.length, 64512);
    assert.equal(img.pcir.last, false);
    assert.deepEqual(img.checksum, { sum: 0, required: true, ok: true });
  });
  test('compressed X64 boot service driver at 0x10000, last image', () => {
    const img = at(m, 0x10000);
    assert.equal(img.pcir.last, true);
    assert.equal(img.pcir.revision, 3);
    assertGoodCompressedEfi(img);
  });
  test('35,328 trailing bytes after the last image', () => {
    assert.equal(m.romEnd, 0x10000 + 70656);
    assert.equal(m.trailing?.length, 35328);
    assert.equal(m.size - m.romEnd, 35328);
  });
  test('verdict: no as it is (vendor header), fixable', () => {
    const v = uefiVerdict(m);
    assert.equal(v.uefiBoot, false);
    assert.equal(v.fixable, true);
    assert.equal(v.image, 1);
    assert.match(v.reasons.join('\n'), /vendor header/);
  });
  test('IDs: matches 10de:0fc6, not 10de:1280', () => {
    assert.equal(checkIds(m, { vendor: 0x10de, device: 0x0fc6 }).matches, true);
    const ids = checkIds(m, { vendor: 0x10de, device: 0x1280 });
    assert.equal(ids.matches, false);
    assert.deepEqual(ids.mismatchingImages, [0, 1]);
    assert.match(uefiVerdict(m, ids).reasons.join('\n'), /another card/);
  });
});

describe('corpus: nv-Asus.RTX5060Ti full-flash dump', () => {
  const m = parseRom(corpus('nv-Asus.RTX5060Ti.16384.250318_2.rom'));
  test('stray 55 AA at 0x7b0a without PCIR, blank 55 AA at 0x33c00', () => {
    assert.deepEqual(
      m.strays.find((s) => s.offset === 0x7b0a),
      { offset: 0x7b0a, kind: 'stray' },
    );
    assert.deepEqual(
      m.strays.find((s) => s.offset === 0x33c00),
      { offset: 0x33c00, kind: 'blank' },
    );
    assert.ok(m.images.every((i) => i.offset !== 0x7b0a && i.offset !== 0x33c00));
    assert.ok(codes(m).includes('rom.stray-signature') && codes(m).includes('rom.blank-signature'));
  });
  test('legacy image at 0x35400, compressed EFI at 0x44e00 with PCIR IDs 0000:0000', () => {
    const legacy = at(m, 0x35400);
    assert.equal(legacy.pcir.codeType, 0);
    assert.equal(legacy.pcir.vendorId, 0x10de);
    assert.equal(legacy.checksum.ok, true);
    const efi = at(m, 0x44e00);
    assert.equal(efi.pcir.vendorId, 0);
    assert.equal(efi.pcir.deviceId, 0);
    assert.equal(efi.pcir.last, true);
    assertGoodCompressedEfi(efi);
  });
  test('vendor-specific type e0 images, some after the image marked last', () => {
    const e0 = m.images.filter((i) => i.pcir.codeType === 0xe0);
    assert.ok(e0.length >= 3);
    assert.ok(e0.every((i) => i.pcir.codeTypeName === 'vendor-specific'));
    const after = m.images.filter((i) => i.afterLast).map((i) => i.offset);
    assert.deepEqual(after, [0x5ce00, 0x10b400, 0x118a00]);
    assert.ok(after.every((o) => at(m, o).pcir.codeType === 0xe0));
    assert.equal(m.romEnd, 0x44e00 + 98304);
    assert.ok(codes(m).includes('rom.after-last'));
  });
  test('the real ROM starts at the first image, after the flash contents', () => {
    assert.equal(m.romStart, 0x34200);
    assert.equal(uefiVerdict(m).fixable, true);
  });
});

describe('corpus: AMD RX 580', () => {
  const m = parseRom(corpus('amd-micron_msi_armor_rx580_8gb_rx580-default.rom'));
  test('legacy image at 0 with checksum 0', () => {
    const img = at(m, 0);
    assert.equal(img.pcir.codeType, 0);
    assert.deepEqual([img.pcir.vendorId, img.pcir.deviceId], [0x1002, 0x67df]);
    assert.deepEqual(img.checksum, { sum: 0, required: true, ok: true });
  });
  test('compressed EFI image at 0xee00 with a non-zero 8-bit sum, which is normal', () => {
    const img = at(m, 0xee00);
    assert.notEqual(img.checksum.sum, 0);
    assertGoodCompressedEfi(img);
    assert.ok(!codes(m).includes('rom.checksum'));
  });
  test('404,480 trailing bytes; UEFI boot yes', () => {
    assert.equal(m.trailing?.length, 404480);
    assert.equal(m.romStart, 0);
    assert.equal(uefiVerdict(m).uefiBoot, true);
    assert.equal(m.findings.filter((f) => f.severity === 'error').length, 0);
  });
});

describe('corpus: QEMU and EfiRom builds', () => {
  test('qemu-upstream-efi-e1000.rom: legacy at 0, compressed EFI at 0x10c00', () => {
    const m = parseRom(corpus('qemu-upstream-efi-e1000.rom'));
    assert.equal(at(m, 0).pcir.codeType, 0);
    assert.equal(at(m, 0).checksum.ok, true);
    assertGoodCompressedEfi(at(m, 0x10c00));
    assert.equal(m.images.length, 2);
    assert.equal(uefiVerdict(m).uefiBoot, true);
  });
  test('efirom-ec-devlist.rom: one compressed EFI image with a PCI 3.0 device list of three IDs', () => {
    const m = parseRom(corpus('efirom-ec-devlist.rom'));
    assert.equal(m.images.length, 1);
    const img = at(m, 0);
    assertGoodCompressedEfi(img);
    assert.equal(img.pcir.revision, 3);
    assert.equal(img.pcir.length, 0x1c);
    assert.equal(img.pcir.pci30?.deviceListPointer, 0x1c);
    assert.deepEqual(img.pcir.pci30?.deviceList, [0x100e, 0x100f, 0x1004]);
    // A device list ID is a match for --device.
    assert.equal(checkIds(m, { vendor: 0x8086, device: 0x1004 }).matches, true);
    assert.equal(checkIds(m, { vendor: 0x8086, device: 0x10d3 }).matches, false);
  });
  test('efirom-ec-pci23.rom: PCI 2.3 data structure without 3.0 fields', () => {
    const m = parseRom(corpus('efirom-ec-pci23.rom'));
    assert.equal(m.images.length, 1);
    const img = at(m, 0);
    assertGoodCompressedEfi(img);
    assert.equal(img.pcir.revision, 0);
    assert.equal(img.pcir.length, 0x18);
    assert.equal(img.pcir.pci30, undefined);
  });
  test('efirom-ec-snponly-app.rom: an EFI application, which OVMF does not run from a ROM', () => {
    const m = parseRom(corpus('efirom-ec-snponly-app.rom'));
    assertGoodCompressedEfi(at(m, 0), 10);
    assert.equal(at(m, 0).efi!.header.subsystemName, 'EFI application');
    const v = uefiVerdict(m);
    assert.equal(v.uefiBoot, false);
    assert.match(v.reasons.join('\n'), /application/);
  });
  test('efirom-pxe+ec-e1000.rom: legacy image + compressed EFI image', () => {
    const m = parseRom(corpus('efirom-pxe+ec-e1000.rom'));
    assert.equal(at(m, 0).pcir.codeType, 0);
    assert.equal(at(m, 0).checksum.ok, true);
    assertGoodCompressedEfi(at(m, 0x12600));
    assert.equal(uefiVerdict(m).uefiBoot, true);
  });
  test('every compressed EFI image in the corpus decompresses to a valid PE32+ image', () => {
    let n = 0;
    for (const f of corpusRoms()) {
      const headers = parseRom(load(f), { decompress: 'headers' });
      for (const img of parseRom(load(f)).images) {
        if (img.efi?.header.compressed) {
          assert.equal(img.efi.decompression, 'full');
          assertGoodCompressedEfi(img, img.efi.header.subsystem);
          // Decoding only up to the PE headers gives the same PE facts (but no boot verdict).
          const quick = headers.images[img.index].efi!;
          assert.equal(quick.decompression, 'headers');
          assert.deepEqual(quick.pe, img.efi.pe);
          assert.equal(quick.decompressedSize, img.efi.decompressedSize);
          assert.notEqual(uefiVerdict(headers).uefi, 'yes');
          n++;
        }
      }
    }
    assert.equal(n, 8);
  });
});

describe("Debian's ipxe-qemu ROMs", () => {
  for (const f of ipxeRoms()) {
    const name = basename(f);
    test(name, () =>
      withVersionNote(recordedVersionNote('ipxe-qemu'), () => {
        const m = parseRom(load(f));
        assert.equal(m.romStart, 0);
        const legacy = m.images[0];
        assert.equal(legacy.pcir.codeType, 0);
        assert.deepEqual(legacy.checksum, { sum: 0, required: true, ok: true });
        assert.equal(m.findings.filter((x) => x.severity === 'error').length, 0);
        if (name.startsWith('pxe-')) {
          // Legacy only, PCI 3.0 data structure with a device list.
          assert.equal(m.images.length, 1);
          assert.equal(legacy.pcir.last, true);
          assert.equal(legacy.pcir.revision, 3);
          const pci30 = legacy.pcir.pci30!;
          assert.notEqual(pci30.deviceListPointer, 0);
          assert.deepEqual(legacy.pcir.problems, []);
          // iPXE's ne2k_pci ROM names no device (0000:0000) and lists none; the others list theirs.
          if (legacy.pcir.deviceId !== 0) assert.ok(pci30.deviceList.includes(legacy.pcir.deviceId));
          assert.equal(uefiVerdict(m).uefiBoot, false);
        } else {
          // Legacy + uncompressed X64 EFI image.
          assert.equal(m.images.length, 2);
          const efi = m.images[1];
          assert.equal(efi.pcir.codeType, 3);
          assert.equal(efi.offset, legacy.length);
          assert.equal(efi.efi!.header.compressionType, 0);
          assert.equal(efi.efi!.pe!.valid, true);
          assert.equal(efi.efi!.pe!.format, 'PE32+');
          assert.equal(efi.efi!.pe!.machine, 0x8664);
          assert.equal(efi.efi!.pe!.subsystem, 11);
          assert.equal(uefiVerdict(m).uefiBoot, true);
        }
      }),
    );
  }
});

describe("Debian's seabios ROMs", () => {
  for (const f of seabiosRoms()) {
    const name = basename(f);
    test(name, () =>
      withVersionNote(recordedVersionNote('seabios'), () => {
        const m = parseRom(load(f));
        if (/^vgabios-(?!isavga|ramfb)/.test(name)) {
          assert.equal(m.images.length, 1);
          const img = m.images[0];
          assert.equal(img.offset, 0);
          assert.equal(img.pcir.codeType, 0);
          assert.equal(img.pcir.classCode, 0x030000);
          assert.equal(img.pcir.last, true);
          assert.equal(img.checksum.ok, true);
          assert.equal(uefiVerdict(m).uefiBoot, false);
        } else {
          // vgabios.bin, vgabios-isavga.bin, vgabios-ramfb.bin: no PCI data structure at all;
          // bios*.bin are system BIOS images, acpi-dsdt.aml is not a ROM.
          assert.equal(m.images.length, 0);
          assert.equal(m.romStart, null);
          assert.ok(codes(m).includes('rom.no-image'));
          if (name.startsWith('vgabios')) assert.deepEqual(m.strays[0], { offset: 0, kind: 'stray' });
        }
      }),
    );
  }
});
