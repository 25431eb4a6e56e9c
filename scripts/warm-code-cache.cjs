// Writes dist's V8 code cache (see bin/bundle-loader.cjs): loads the fresh bundle, runs the
// commands whose start-up matters most (help, version, rom parse of a legacy ROM and of a real
// EFI ROM with an EFI-compressed driver), then saves what V8 compiled. The EFI run matters:
// `rom parse` decodes every compressed driver in full, and the decompressor is the one hot loop
// of a cold start; with its bytecode in the cache V8 starts running it instead of compiling it.
// Usage: node scripts/warm-code-cache.cjs DIST_DIR
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { loadBundle, writeCache, ONE_SHOT_FLAGS } = require('../bin/bundle-loader.cjs');

// The flags bin/vfiokit runs one-shot commands under: V8 accepts a code cache only under the
// flags it was made with.
require('node:v8').setFlagsFromString(ONE_SHOT_FLAGS);
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
    // The repository's copy of QEMU's iPXE e1000 ROM (a compressed EFI driver); Debian's
    // ipxe-qemu ships the same kind of ROM, for a build from a tree without test fixtures.
    const efi = [
      path.join(__dirname, '..', 'test', 'fixtures', 'rom', 'corpus', 'qemu-upstream-efi-e1000.rom'),
      '/usr/lib/ipxe/qemu/efi-e1000.rom',
    ].find((f) => fs.existsSync(f));
    if (efi) runs.push(['rom', 'parse', efi], ['rom', 'parse', '--json', efi]);
    // The scan and the grouping analysis: `groups`, `devices` and the host report read every PCI
    // function of a host, and compiling that code was a tenth of `groups` on 256 functions. A lab
    // snapshot from the repository's fixtures; a tree without them only misses this warm-up.
    const snap = path.join(__dirname, '..', 'test', 'fixtures', 'lab-server', 'snapshot');
    if (fs.existsSync(path.join(snap, 'manifest.json')))
      for (const args of [['groups'], ['groups', '--json'], ['groups', '--tree'], ['devices'], []])
        runs.push([...args, '--root', snap]);
    // Output goes nowhere: the warm-up only has to run the code (main's second argument takes
    // standard output, src/cli/main.ts).
    const nowhere = { write: () => true };
    process.stderr.write = () => true;
    for (const args of runs) {
      await exports.main(['node', 'vfiokit', ...args], nowhere);
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
