// `vfiokit groups` prints the same bytes as before the scan was made faster: the expected outputs
// in test/fixtures/groups-output/ were printed by the version before that work (commit 30dc3e8)
// on the lab's snapshots (whose groups the lab kernel formed) and on seeded mixed trees of every
// shape the groups bench builds (whose groups are the kernel's rules, checked here against the
// simulator). JSON, the group list, --tree and --gpu; names from no pci.ids, so that the output
// does not depend on this machine's copy. The mixed trees' outputs are kept as SHA-256 digests
// (hundreds of KB each as text).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { buildFixture } from '../helpers/fixture-builder.js';
import { hostOf, SHAPES } from '../helpers/mixed-host.js';

const expected = new URL('../fixtures/groups-output/', import.meta.url);
const fixtures = new URL('../fixtures/', import.meta.url);
const env = { VFIOKIT_PCI_IDS: '/nonexistent/pci.ids' };

const MODES: [string, string[]][] = [
  ['json', ['--json']],
  ['text', []],
  ['tree', ['--tree']],
  ['gpu', ['--gpu']],
];

/** Exit status, then stdout and stderr, with the root directory written as ROOT. */
function groups(args: string[], dir: string): string {
  const r = runCli(['groups', ...args, '--root', dir], { env });
  return `${r.status}\n${r.stdout}${r.stderr}`.split(dir).join('ROOT');
}

const LAB = [
  'lab-desktop/snapshot',
  'lab-legacy/snapshot',
  'lab-noacs/snapshot',
  'lab-server/snapshot',
  'single-gpu',
  'igd/haswell-i915',
];

test('groups output of the lab snapshots is unchanged', () => {
  let compared = 0;
  for (const l of LAB) {
    const dir = new URL(l, fixtures).pathname;
    for (const [mode, args] of MODES) {
      const want = fs.readFileSync(new URL(`${l.split('/')[0]}.${mode}.txt`, expected), 'utf8');
      assert.equal(groups(args, dir), want, `${l} groups ${args.join(' ')}`);
      compared++;
    }
  }
  assert.equal(compared, LAB.length * MODES.length);
});

test('groups output of mixed trees (every bench shape) is unchanged', () => {
  const digests = JSON.parse(fs.readFileSync(new URL('mixed.sha256.json', expected), 'utf8'));
  assert.equal(Object.keys(digests).length, SHAPES.length * MODES.length);
  let compared = 0;
  for (const shape of SHAPES) {
    const fx = buildFixture({ rootComplexes: hostOf(shape, 300) });
    try {
      assert.equal(fx.devices.length, 300);
      for (const [mode, args] of MODES) {
        const out = groups(args, fx.dir);
        if (mode === 'json') assert.equal(JSON.parse(out.slice(2)).simulation.status, 'agrees', shape.name);
        const digest = createHash('sha256').update(out).digest('hex');
        assert.equal(digest, digests[`${shape.name}.${mode}`], `${shape.name} groups ${args.join(' ')}`);
        compared++;
      }
    } finally {
      fx.cleanup();
    }
  }
  assert.equal(compared, SHAPES.length * MODES.length);
});
