// `rom fix` and `rom extract`: the pure transformations over real ROMs, then the CLI's file
// handling (temp + rename, never overwriting the input, --in-place keeps FILE.bak).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { efiDecompress } from '../../src/rom/efi-decompress.js';
import { extractEfiDriver, extractImage } from '../../src/rom/extract-rom.js';
import { fixRom } from '../../src/rom/fix-rom.js';
import { parseRom } from '../../src/rom/parse-rom.js';
import { peFacts } from '../../src/rom/pe-image.js';
import { uefiVerdict } from '../../src/rom/verdict.js';
import { runCli } from '../helpers/cli.js';
import { corpus, corpusDir, ipxeDir, load, syntheticDir } from './rom-fixtures.js';

const sum8 = (b: Uint8Array) => b.reduce((a, x) => (a + x) & 0xff, 0);

describe('fixRom', () => {
  test('strips the GK107 vendor header: the file then starts with its first image and OVMF can boot it', () => {
    const input = corpus('nv-GK107-turbo.rom');
    const copy = input.slice();
    const r = fixRom(input);
    assert.deepEqual(input, copy, 'the input buffer is untouched');
    assert.deepEqual(
      r.changes.map((c) => c.kind),
      ['strip-header'],
    );
    assert.deepEqual(r.output, input.subarray(0x400));
    const m = parseRom(r.output);
    assert.equal(m.romStart, 0);
    assert.deepEqual(
      m.images.map((i) => i.offset),
      [0, 0x10000 - 0x400],
    );
    assert.equal(uefiVerdict(m).uefiBoot, true);
  });

  test('sets IDs in legacy and EFI images and recomputes only the legacy checksum', () => {
    const input = corpus('nv-GK107-turbo.rom');
    const r = fixRom(input, { vendor: 0x10de, device: 0x1280 });
    const m = parseRom(r.output);
    for (const img of m.images) assert.deepEqual([img.pcir.vendorId, img.pcir.deviceId], [0x10de, 0x1280]);
    const [legacy, efi] = m.images;
    assert.equal(sum8(r.output.subarray(legacy.offset, legacy.offset + legacy.length)), 0);
    const ck = r.changes.find((c) => c.kind === 'checksum');
    assert.ok(ck && ck.kind === 'checksum');
    assert.equal(ck.offset, legacy.offset + legacy.length - 1, 'the last byte of the legacy image');
    // The EFI image differs from the original only in its two ID fields (4 bytes).
    const before = input.subarray(0x10000, 0x10000 + efi.length);
    const afterFix = r.output.subarray(efi.offset, efi.offset + efi.length);
    let diff = 0;
    for (let i = 0; i < before.length; i++) if (before[i] !== afterFix[i]) diff++;
    assert.ok(diff <= 4 && diff > 0, `${diff} bytes differ`);
    assert.equal(efi.efi!.pe!.valid, true);
  });

  test('leaves an EFI image with a non-zero sum alone (AMD RX 580)', () => {
    const input = corpus('amd-micron_msi_armor_rx580_8gb_rx580-default.rom');
    const r = fixRom(input);
    assert.deepEqual(r.changes, []);
    assert.deepEqual(r.output, input);
    assert.match(r.notes.join('\n'), /image 1 \(EFI\) sums to 0x4: normal for EFI images/);
  });

  test('repairs a legacy image with a bad checksum', () => {
    const input = load(join(syntheticDir, 'synthetic-bad-checksum.rom'));
    assert.notEqual(parseRom(input).images[0].checksum.sum, 0);
    const r = fixRom(input);
    assert.equal(parseRom(r.output).images[0].checksum.ok, true);
    const r6 = fixRom(input, { checksumByte: 6 });
    const ck = r6.changes.find((c) => c.kind === 'checksum');
    assert.ok(ck && ck.kind === 'checksum' && ck.offset === 6);
    assert.equal(parseRom(r6.output).images[0].checksum.ok, true);
  });

  test('refuses a file without an image', () => {
    assert.throws(() => fixRom(load('/usr/share/seabios/vgabios-isavga.bin')), { code: 'rom.no-image' });
  });
});

describe('extract', () => {
  test('--efi of a compressed image is the decompressed PE32+ driver', () => {
    const bytes = corpus('nv-GK107-turbo.rom');
    const m = parseRom(bytes, { decompress: 'none' });
    const { image, driver } = extractEfiDriver(bytes, m);
    assert.equal(image.offset, 0x10000);
    assert.equal(driver.length, 136480);
    const pe = peFacts(driver);
    assert.equal(pe.valid, true);
    assert.equal(pe.format, 'PE32+');
    const e = image.efi!;
    assert.deepEqual(
      driver,
      efiDecompress(bytes.subarray(e.payloadOffset, e.payloadOffset + e.payloadLength)),
    );
  });
  test('--efi of an uncompressed image is its payload (Debian efi-e1000e.rom)', () => {
    const bytes = load(join(ipxeDir, 'efi-e1000e.rom'));
    const { driver } = extractEfiDriver(bytes, parseRom(bytes, { decompress: 'none' }));
    assert.equal(String.fromCharCode(driver[0], driver[1]), 'MZ');
    assert.equal(peFacts(driver).machine, 0x8664);
  });
  test('--image N is the image as it is in the file', () => {
    const bytes = load(join(ipxeDir, 'efi-e1000e.rom'));
    const m = parseRom(bytes, { decompress: 'none' });
    assert.deepEqual(extractImage(bytes, m, 0), bytes.subarray(0, 75264));
    assert.deepEqual(extractImage(bytes, m, 1), bytes.subarray(0x12600, 0x12600 + 174592));
    assert.throws(() => extractImage(bytes, m, 2), { code: 'rom.no-such-image' });
  });
  test('--efi on a legacy-only ROM is refused', () => {
    const bytes = load(join(ipxeDir, 'pxe-e1000.rom'));
    assert.throws(() => extractEfiDriver(bytes, parseRom(bytes, { decompress: 'none' })), {
      code: 'rom.no-efi',
    });
  });
});

describe('CLI file handling', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vfiokit-rom-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const gk = join(corpusDir, 'nv-GK107-turbo.rom');

  test('fix -o writes a new file and says what changed', () => {
    const out = join(dir, 'gk.rom');
    const r = runCli(['rom', 'fix', gk, '-o', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /changed: stripped 1024 bytes \(0x400\) of vendor header/);
    assert.deepEqual(new Uint8Array(readFileSync(out)), corpus('nv-GK107-turbo.rom').subarray(0x400));
  });
  test('fix refuses to overwrite its input or an existing file', () => {
    const copy = join(dir, 'in.rom');
    writeFileSync(copy, corpus('nv-GK107-turbo.rom'));
    let r = runCli(['rom', 'fix', copy, '-o', copy]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^vfiokit: refusing to overwrite the input file .* \(hint: .*--in-place/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    const existing = join(dir, 'exists.rom');
    writeFileSync(existing, 'keep me');
    r = runCli(['rom', 'fix', copy, '-o', existing]);
    assert.equal(r.status, 2);
    assert.equal(readFileSync(existing, 'utf8'), 'keep me');
  });
  test('fix --in-place keeps FILE.bak and --json lists the changes', () => {
    const file = join(dir, 'inplace.rom');
    writeFileSync(file, corpus('nv-GK107-turbo.rom'));
    const r = runCli(['--json', 'rom', 'fix', file, '--in-place', '--vendor', '10de', '--device', '1280']);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.schema, 'vfiokit.rom.fix/1');
    assert.equal(j.backup, `${file}.bak`);
    assert.deepEqual(
      j.changes.map((c: { kind: string }) => c.kind),
      ['strip-header', 'ids', 'checksum', 'ids'],
    );
    assert.deepEqual(new Uint8Array(readFileSync(`${file}.bak`)), corpus('nv-GK107-turbo.rom'));
    assert.equal(readFileSync(file).length, 171520 - 0x400);
    // A second run must not clobber the first backup.
    const again = runCli(['rom', 'fix', file, '--in-place', '--device', '1281']);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /\.bak already exists/);
  });
  test('extract --efi and --image write files; wrong options are usage errors', () => {
    const efi = join(dir, 'gk.efi');
    let r = runCli(['rom', 'extract', gk, '--efi', '-o', efi]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /EFI driver of image 1 @ 0x10000, decompressed: 136480 bytes/);
    assert.equal(peFacts(new Uint8Array(readFileSync(efi))).format, 'PE32+');
    r = runCli(['--json', 'rom', 'extract', gk, '--image', '0', '-o', join(dir, 'img0.rom')]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).schema, 'vfiokit.rom.extract/1');
    assert.equal(readFileSync(join(dir, 'img0.rom')).length, 64512);
    r = runCli(['rom', 'extract', gk, '-o', join(dir, 'x')]);
    assert.equal(r.status, 2);
    assert.ok(!existsSync(join(dir, 'x')));
    r = runCli(['rom', 'extract', gk, '--image', '7', '-o', join(dir, 'y')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^vfiokit: there is no image 7; the ROM has 2 \(hint:/);
  });
});
