// `vfiokit rom parse` as a user runs it: human output ending in the verdict line, --json with the
// whole model, --device / --for ID checks (reading the device through --root), exit codes and
// one-line errors.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { fixtureManifest } from '../helpers/fixture-builder.js';
import { corpusDir, ipxeDir, syntheticDir } from './rom-fixtures.js';

const gk = join(corpusDir, 'nv-GK107-turbo.rom');
const amd = join(corpusDir, 'amd-micron_msi_armor_rx580_8gb_rx580-default.rom');
const lastLine = (s: string) => s.trimEnd().split('\n').at(-1);

describe('human output', () => {
  test('ends with the verdict and why', () => {
    const r = runCli(['rom', 'parse', gk]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(lastLine(r.stdout), 'UEFI (OVMF) boot support: no');
    assert.match(
      r.stdout,
      /image 0 @ 0x400: x86 PC-AT \(legacy BIOS\) \(type 0x0\), 10de:0fc6, class 030000, 64512 bytes/,
    );
    assert.match(r.stdout, /image 1 @ 0x10000: EFI \(type 0x3\), 10de:0fc6, class 030000, 70656 bytes, last/);
    assert.match(r.stdout, /EFI compression: 70346 bytes → 136480 bytes/);
    assert.match(r.stdout, /PE: PE32\+, machine X64, subsystem EFI boot service driver, SizeOfImage 134336/);
    assert.match(r.stdout, /warning: 1024 bytes \(0x400\) precede the first image/);
    assert.match(r.stdout, /note: 35328 trailing bytes after the last image/);
    assert.match(r.stdout, /why:\n {4}- image 1 at 0x10000 is an EFI boot service driver for X64/);
    assert.equal(lastLine(runCli(['rom', 'parse', amd]).stdout), 'UEFI (OVMF) boot support: yes');
  });
  test('several files, and a problem ROM exits 1', () => {
    const bad = join(syntheticDir, 'synthetic-bad-checksum.rom');
    const r = runCli(['rom', 'parse', amd, bad]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /error: image 0 at 0x0 is a legacy image whose 8-bit checksum is 0x/);
    assert.match(r.stdout, /error: no image at 0x400 where the previous image ends/);
    assert.equal(r.stdout.match(/^UEFI \(OVMF\) boot support: /gm)?.length, 2);
  });
});

describe('--json', () => {
  test('the whole model with numeric offsets', () => {
    const r = runCli([
      '--json',
      'rom',
      'parse',
      join(corpusDir, 'efirom-ec-devlist.rom'),
      join(ipxeDir, 'pxe-e1000.rom'),
    ]);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.schema, 'vfiokit.rom.parse/3');
    assert.equal(j.roms.length, 2);
    const [dev, pxe] = j.roms;
    assert.equal(dev.rom.romStart, 0);
    const img = dev.rom.images[0];
    assert.equal(img.offset, 0);
    assert.equal(img.pcir.offset, 0x1c);
    // IDs are hex strings, as in every document (docs/json.md).
    assert.equal(img.pcir.vendorId, '8086');
    assert.deepEqual(img.pcir.pci30.deviceList, ['100e', '100f', '1004']);
    assert.equal(img.efi.header.machine, 0x8664);
    assert.equal(img.efi.pe.format, 'PE32+');
    assert.equal(dev.verdict.uefiBoot, true);
    assert.equal(dev.verdict.uefi, 'yes');
    assert.equal(img.efi.decompression, 'full');
    assert.equal(pxe.verdict.uefiBoot, false);
    assert.equal(pxe.verdict.uefi, 'no');
    assert.equal(pxe.rom.images[0].checksum.required, true);
  });
});

describe('--device and --for', () => {
  const root = mkdtempSync(join(tmpdir(), 'vfiokit-romids-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, 'manifest.json'), fixtureManifest());
  const dev = (bdf: string, vendor: string, device: string) => {
    const d = join(root, 'sys/bus/pci/devices', bdf);
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'vendor'), `${vendor}\n`);
    writeFileSync(join(d, 'device'), `${device}\n`);
  };
  dev('0000:01:00.0', '0x10de', '0x0fc6');
  dev('0000:02:00.0', '0x10de', '0x1280');

  test('--device with a mismatching ID: verdict no, exit 1', () => {
    const r = runCli(['rom', 'parse', '--device', '10de:1280', gk]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /IDs: no image matches 10de:1280/);
    assert.match(r.stdout, /no image of this ROM is for 10de:1280: it belongs to another card/);
  });
  test('--for reads the device IDs through --root', () => {
    let r = runCli(['--root', root, 'rom', 'parse', '--for', '01:00.0', gk]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /IDs: images 0, 1 match 10de:0fc6/);
    r = runCli(['--json', '--root', root, 'rom', 'parse', '--for', '0000:02:00.0', gk]);
    assert.equal(r.status, 1);
    assert.equal(JSON.parse(r.stdout).roms[0].ids.matches, false);
  });
  test('bad arguments are one-line usage errors; a missing file is an environment error', () => {
    for (const args of [
      ['rom', 'parse', '--device', 'nvidia', gk],
      ['rom', 'parse', '--device', '10de:1280', '--for', '01:00.0', gk],
      ['rom', 'parse', '--for', 'zz', gk],
      ['--json', 'rom', 'parse', '--format', 'rom-parser', gk],
      ['rom', 'parse', '--format', 'xml', gk],
    ]) {
      const r = runCli(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
    for (const notRom of ['/dev/zero', corpusDir]) {
      const r = runCli(['rom', 'parse', notRom]);
      assert.equal(r.status, 2, notRom);
      assert.match(r.stderr, /is (not a regular file|a directory)/);
    }
    const r = runCli(['rom', 'parse', join(corpusDir, 'no-such.rom')]);
    assert.equal(r.status, 3);
    assert.match(r.stderr, /^vfiokit: ROM file .*no-such.rom does not exist \(hint: check the path\)\n$/);
  });
});
