// The layering rule (.dependency-cruiser.cjs, part of `npm run lint`): the real dependency-cruiser
// run on the real tree passes, and on a tiny tree that breaks each rule it fails, naming the rule.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const top = fileURLToPath(new URL('../..', import.meta.url));
const CONFIG = path.join(top, '.dependency-cruiser.cjs');

function depcruise(cwd: string) {
  const r = spawnSync(
    path.join(top, 'node_modules', '.bin', 'depcruise'),
    ['--config', CONFIG, '--output-type', 'err', 'src'],
    // Generous, as for tsc (static.test.ts): the other core may be running the lab's guest.
    { cwd, encoding: 'utf8', timeout: 600_000 },
  );
  const killed =
    r.status === null ? `depcruise did not finish: ${r.error?.message ?? `killed by ${r.signal}`}\n` : '';
  return { status: r.status, out: `${killed}${r.stdout}${r.stderr}` };
}

test('the tree keeps its layers: no violations', () => {
  const r = depcruise(top);
  assert.equal(r.status, 0, r.out.split('\n').slice(0, 40).join('\n'));
  assert.match(r.out, /no dependency violations found/);
});

test('each rule fails on a tree that breaks it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-layers-'));
  try {
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' },
      }),
      // A model file reading the file system, and one importing an analysis.
      'src/pci/reads.ts': "import * as fs from 'node:fs';\nexport const x = fs.existsSync('/');\n",
      'src/rom/upward.ts': "import { y } from '../readiness/check.js';\nexport const r = y;\n",
      'src/readiness/check.ts': 'export const y = 1;\n',
      // An analysis importing host/ and spawning a process.
      'src/iommu/rooted.ts':
        "import { h } from '../host/root.js';\nimport { spawnSync } from 'node:child_process';\nexport const z = [h, spawnSync];\n",
      'src/host/root.ts': 'export const h = 1;\n',
      // host/ calling an analysis; an analysis importing the CLI.
      'src/host/calls-up.ts': "import { v } from '../vm/argv.js';\nexport const c = v;\n",
      'src/vm/argv.ts': "import { m } from '../cli/main.js';\nexport const v = m;\n",
      'src/cli/main.ts': 'export const m = 1;\n',
      // A cycle between two files of one layer.
      'src/report/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
      'src/report/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
    };
    for (const [f, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), text);
    }
    const r = depcruise(dir);
    assert.notEqual(r.status, 0, r.out);
    const found = [...r.out.matchAll(/error ([a-z-]+): (\S+) → (\S+)/g)].map(
      (m) => `${m[1]} ${m[2]} ${m[3]}`,
    );
    const expected = [
      'pure-layers-no-io src/pci/reads.ts fs',
      'model-is-the-floor src/rom/upward.ts src/readiness/check.ts',
      'pure-layers-no-host src/iommu/rooted.ts src/host/root.ts',
      'pure-layers-no-io src/iommu/rooted.ts child_process',
      'host-below-analysis src/host/calls-up.ts src/vm/argv.ts',
      'analysis-below-actions src/vm/argv.ts src/cli/main.ts',
    ];
    for (const e of expected) assert.ok(found.includes(e), `missing "${e}" in:\n${r.out}`);
    assert.match(r.out, /error no-cycles: src\/report\/(a|b)\.ts/);
    // Exactly these: six import violations plus the cycle (reported once per file in it).
    assert.equal(found.length, expected.length, r.out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
