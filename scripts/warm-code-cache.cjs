// Writes dist's V8 code cache (see bin/bundle-loader.cjs): loads the fresh bundle, runs the
// commands whose start-up matters most (help, version, rom parse of a legacy ROM and, when
// Debian's ipxe-qemu is installed, of a real EFI ROM), then saves what V8 compiled.
// Usage: node scripts/warm-code-cache.cjs DIST_DIR
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { loadBundle, writeCache } = require('../bin/bundle-loader.cjs');
const { legacyRomImage } = require('./legacy-rom.cjs');

async function main() {
  const file = path.join(path.resolve(process.argv[2]), 'vfiokit.cjs');
  const { exports, script, id } = loadBundle(file, { useCache: false });
  if (!id) throw new Error(`${file} carries no build ID`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-warm-'));
  try {
    const rom = path.join(tmp, 'legacy.rom');
    fs.writeFileSync(rom, legacyRomImage(0x8086, 0x100e, 0x020000));
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
