// The README's examples are real output: every `$ vfiokit …` example that reads a committed
// fixture (--root test/fixtures/…) or a corpus ROM (test/fixtures/rom/corpus/, where the README
// says to run `rom` examples) is run, and each line it shows must appear in the real output, in
// order ("…" alone stands for lines left out; a line ending in " …" for the rest of a long line).
// Device names come from the machine's pci.ids, so the shown names hold for the pci.ids version
// in test/helpers/debian-packages.ts (checked: see there for the CI policy). No example is skipped
// for want of a file: a missing fixture fails.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot, runCli } from '../helpers/cli.js';
import { recordedVersionNote } from '../helpers/debian-packages.js';
import { corpusDir } from './rom-fixtures.js';

interface Example {
  line: number;
  args: string[];
  shown: string[];
}

/** sh-like split of the example's command line: words and "double quotes". */
function words(cmd: string): string[] {
  return [...cmd.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

function examples(): Example[] {
  const lines = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8').split('\n');
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^\$ vfiokit (.*)$/.exec(lines[i]);
    if (!m) continue;
    const shown: string[] = [];
    let k = i + 1;
    for (; k < lines.length && lines[k] !== '```' && !lines[k].startsWith('$ '); k++) shown.push(lines[k]);
    out.push({ line: i + 1, args: words(m[1]), shown });
  }
  return out;
}

test('README examples reproduce from the committed fixtures and the ROM corpus', () => {
  const note = recordedVersionNote('pci.ids');
  const all = examples();
  // Examples that write files or pipe into other programs are shown for the reader only.
  const runnable = all.filter((ex) => !ex.args.some((a) => a === '|' || a === '-o'));
  let ran = 0;
  let roms = 0;
  for (const ex of runnable) {
    const rom = ex.args[0] === 'rom';
    if (rom) {
      const file = ex.args.find((a) => a.endsWith('.rom'));
      assert.ok(
        file && fs.existsSync(path.join(corpusDir, file)),
        `README line ${ex.line}: ${file} is not in ${corpusDir}`,
      );
      roms++;
    }
    const r = runCli(ex.args, { cwd: rom ? corpusDir : repoRoot });
    assert.ok(r.status === 0 || r.status === 1, `README line ${ex.line}: exit ${r.status}: ${r.stderr}`);
    const actual = r.stdout.split('\n');
    let at = 0;
    for (const want of ex.shown) {
      if (want.trim() === '…' || want === '') continue;
      const expected = want.replaceAll('/work/main/', `${repoRoot.replace(/\/$/, '')}/`);
      // A shown line ending in " …" is the start of a longer line.
      const prefix = expected.endsWith(' …') ? expected.slice(0, -2) : undefined;
      let found = -1;
      for (let n = at; n < actual.length && found < 0; n++)
        if (prefix === undefined ? actual[n] === expected : actual[n].startsWith(prefix)) found = n;
      assert.ok(
        found >= 0,
        `README line ${ex.line} (vfiokit ${ex.args.join(' ')}): not in the output (in order):\n${expected}${note}`,
      );
      at = found + 1;
    }
    ran++;
  }
  // The README today: 6 host examples from the lab snapshots and 1 ROM example from the corpus.
  assert.equal(ran, runnable.length);
  assert.ok(ran >= 7, `only ${ran} of ${all.length} examples ran`);
  assert.ok(roms >= 1, 'no ROM example ran');
});

// The catalogue size the README states is the catalogue's: a count written by hand drifted before.
test("the README's diagnose section states the catalogue's real size", async () => {
  const { CATALOGUE } = await import('../../src/readiness/diagnose/catalogue.js');
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const m = /explains ([\d,]+) messages from the kernel/.exec(readme);
  assert.ok(m, 'the diagnose section states how many messages it explains');
  assert.equal(Number(m[1].replace(/,/g, '')), CATALOGUE.length);
});
