// Writes dist's V8 code cache (see bin/bundle-loader.cjs): loads the fresh bundle, runs the
// commands whose start-up matters most (help, version, rom parse of a legacy ROM and, when
// Debian's ipxe-qemu is installed, of a real EFI ROM), then saves what V8 compiled.
// Usage: node scripts/warm-code-cache.cjs DIST_DIR
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { loadBundle, writeCache } = require('../bin/bundle-loader.cjs');

/** A 512-byte legacy x86 option ROM image with a PCI 3.0 data structure and a zero sum. */
function legacyRom() {
  const b = Buffer.alloc(512);
  b[0] = 0x55;
  b[1] = 0xaa;
  b[2] = 1; // 1 × 512 bytes
  b.writeUInt16LE(0x1c, 0x18);
  b.write('PCIR', 0x1c, 'latin1');
  b.writeUInt16LE(0x8086, 0x20);
  b.writeUInt16LE(0x100e, 0x22);
  b.writeUInt16LE(0x18, 0x26); // PCIR length
  b[0x28] = 3; // PCIR revision
  b.writeUIntLE(0x020000, 0x29, 3); // class code
  b.writeUInt16LE(1, 0x2c); // image length in 512-byte units
  b[0x30] = 0; // code type: x86
  b[0x31] = 0x80; // last image
  let sum = 0;
  for (const x of b) sum = (sum + x) & 0xff;
  b[511] = (0x100 - sum) & 0xff;
  return b;
}

async function main() {
  const file = path.join(path.resolve(process.argv[2]), 'vfiokit.cjs');
  const { exports, script, id } = loadBundle(file, { useCache: false });
  if (!id) throw new Error(`${file} carries no build ID`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-warm-'));
  try {
    const rom = path.join(tmp, 'legacy.rom');
    fs.writeFileSync(rom, legacyRom());
    const runs = [['--help'], ['--version'], ['rom', 'parse', rom], ['rom', 'parse', '--json', rom]];
    const efi = '/usr/lib/ipxe/qemu/efi-e1000.rom';
    if (fs.existsSync(efi)) runs.push(['rom', 'parse', efi]);
    // Output goes nowhere: the warm-up only has to run the code.
    process.stdout.write = () => true;
    process.stderr.write = () => true;
    for (const args of runs) {
      await exports.main(['node', 'vfiokit', ...args]);
      process.exitCode = undefined;
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  writeCache(file, script, id);
}

main().catch((e) => {
  console.error(`warm-code-cache: ${e.message}`);
  process.exit(1);
});
