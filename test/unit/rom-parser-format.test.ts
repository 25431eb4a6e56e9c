// `--format rom-parser` against the real awilliam/rom-parser: its outputs over every corpus,
// Debian and synthetic ROM were recorded by building and running the upstream tool (see
// test/fixtures/rom-parser/README.md), so the expected bytes do not come from vfiokit.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, test } from 'node:test';
import { parseRom } from '../../src/rom/parse-rom.js';
import { formatRomParser } from '../../src/rom/rom-parser-format.js';
import { binPath } from '../helpers/cli.js';
import { type RecordedPackage, recordedVersionNote, withVersionNote } from '../helpers/debian-packages.js';
import {
  allRealRoms,
  corpusDir,
  goldenDir,
  load,
  recordedRomNames,
  repoRoot,
  syntheticRoms,
} from './rom-fixtures.js';

function golden(group: string, file: string): { text: Buffer; status: number } {
  const name = basename(file);
  const statuses = readFileSync(join(goldenDir, group, 'status.txt'), 'utf8');
  const line = statuses.split('\n').find((l) => l.startsWith(`${name} `));
  assert.ok(line, `a recorded rom-parser status for ${group}/${name}`);
  return { text: readFileSync(join(goldenDir, group, `${name}.out`)), status: Number(line.split(' ')[1]) };
}

const roms = [...allRealRoms(), ...syntheticRoms().map((path) => ({ group: 'synthetic', path }))];

/** The Debian package whose files a golden group was recorded from (its outputs hold for that version). */
const packageOf = (group: string): RecordedPackage[] =>
  group === 'ipxe-qemu' || group === 'seabios' ? [group] : [];

describe('byte-for-byte equal to upstream rom-parser', () => {
  test('every recorded output has its ROM here, and every ROM its recorded output', () => {
    for (const group of ['corpus', 'ipxe-qemu', 'seabios', 'synthetic']) {
      withVersionNote(recordedVersionNote(...packageOf(group)), () =>
        assert.deepEqual(
          roms
            .filter((r) => r.group === group)
            .map((r) => basename(r.path))
            .sort(),
          recordedRomNames(group),
          group,
        ),
      );
    }
    assert.equal(roms.length, 43);
  });
  for (const { group, path } of roms) {
    test(`${group}/${basename(path)}`, () => {
      withVersionNote(recordedVersionNote(...packageOf(group)), () => {
        const want = golden(group, path);
        const got = formatRomParser(load(path));
        assert.equal(Buffer.from(got.text, 'latin1').toString('latin1'), want.text.toString('latin1'));
        assert.equal(got.ok, want.status === 0);
      });
    });
  }
});

test('the model agrees with rom-parser on image offsets and PCIR fields where both walk the same chain', () => {
  // rom-parser scans at 512-byte steps; on ROMs whose images are contiguous it meets exactly the
  // chain vfiokit walks, so its printed offsets and IDs are an independent check of the model.
  let compared = 0;
  for (const { group, path } of roms) {
    const want = golden(group, path);
    if (want.status !== 0) continue;
    const lines = want.text.toString('latin1').split('\n');
    const fromTool: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const sig = /^Valid ROM signature found @([0-9a-f]+)h, PCIR offset ([0-9a-f]+)h$/.exec(lines[i]);
      const pcir =
        /^\tPCIR: type ([0-9a-f]+).*, vendor: ([0-9a-f]{4}), device: ([0-9a-f]{4}), class: ([0-9a-f]{6})$/.exec(
          lines[i + 1] ?? '',
        );
      if (sig && pcir) fromTool.push([sig[1], sig[2], pcir[1], pcir[2], pcir[3], pcir[4]].join(' '));
    }
    const m = parseRom(load(path), { decompress: 'none' });
    const chain = m.images.filter((img) => !img.afterLast && img.inChain);
    if (
      basename(path) === 'synthetic-nested-signature.rom' ||
      basename(path) === 'synthetic-indicator-bit0.rom'
    ) {
      // rom-parser finds a 55 AA inside an image body / stops at indicator bit 0: the model does not.
      assert.notEqual(chain.length, fromTool.length);
      continue;
    }
    const fromModel = chain.map((img) =>
      [
        img.offset.toString(16),
        img.pcirPointer.toString(16),
        img.pcir.codeType.toString(16),
        img.pcir.vendorId.toString(16).padStart(4, '0'),
        img.pcir.deviceId.toString(16).padStart(4, '0'),
        img.pcir.classCode.toString(16).padStart(6, '0'),
      ].join(' '),
    );
    // rom-parser starts printing at the first 55 AA it meets, which may be a vendor-header one.
    assert.deepEqual(fromModel, fromTool, `${group}/${basename(path)}`);
    compared++;
  }
  assert.ok(compared >= 25, `compared ${compared} ROMs`);
});

describe('where rom-parser would read outside the file, a clear error line instead', () => {
  const base = () => {
    const b = new Uint8Array(1024).fill(0xff);
    b[0] = 0x55;
    b[1] = 0xaa;
    return b;
  };
  test('PCIR pointer past the end of the file', () => {
    const b = base();
    b[0x18] = 0xf0;
    b[0x19] = 0xff;
    const r = formatRomParser(b);
    assert.equal(r.ok, false);
    assert.equal(
      r.text,
      'Valid ROM signature found @0h, PCIR offset fff0h\nError, PCIR offset fff0h points past the end of the file (size 400h)\n',
    );
  });
  test('PCIR signature fits but its fields are cut off', () => {
    const b = base();
    b[0x18] = 0xf8;
    b[0x19] = 0x03;
    b.set([0x50, 0x43, 0x49, 0x52], 0x3f8);
    const r = formatRomParser(b);
    assert.equal(r.ok, false);
    assert.match(
      r.text,
      /\nError, PCI data structure at 3f8h is cut off by the end of the file \(size 400h\)\n$/,
    );
  });
  test('55 AA too close to the end for a ROM header', () => {
    const b = new Uint8Array(0x210);
    b[0x200] = 0x55;
    b[0x201] = 0xaa;
    assert.equal(
      formatRomParser(b).text,
      'Error, ROM header at 200h is cut off by the end of the file (size 210h)\n',
    );
  });
  test('a 55 at the very last byte is not a signature (rom-parser reads zero fill)', () => {
    const b = new Uint8Array(0x201);
    b[0x200] = 0x55;
    assert.equal(formatRomParser(b).text, 'Error, ran off the end\n');
  });
  test('an empty file', () => {
    assert.equal(formatRomParser(new Uint8Array(0)).text, 'Error, zero sized ROM file\n');
  });
});

test('the CLI writes the same bytes (NULs included) and exit status', () => {
  for (const name of ['nv-Asus.RTX5060Ti.16384.250318_2.rom', 'efirom-pxe+ec-e1000.rom']) {
    const file = join(corpusDir, name);
    const r = spawnSync(process.execPath, [binPath, 'rom', 'parse', '--format', 'rom-parser', file], {
      cwd: repoRoot,
    });
    const want = golden('corpus', file);
    assert.ok(r.stdout.equals(want.text), name);
    assert.equal(r.status === 0, want.status === 0);
  }
});
