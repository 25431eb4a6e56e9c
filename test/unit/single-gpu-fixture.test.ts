// test/fixtures/single-gpu/ (the README's and docs/handover.md's single-GPU desktop) is exactly what
// test/helpers/single-gpu-host.ts builds: the committed tree cannot drift from its description.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers/cli.js';
import { buildSingleGpu } from '../helpers/single-gpu-host.js';

function listing(d: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(d, rel)).sort()) {
      const r = path.join(rel, e);
      const st = fs.lstatSync(path.join(d, r));
      if (st.isSymbolicLink()) out.push(`l ${r} -> ${fs.readlinkSync(path.join(d, r))}`);
      else if (st.isDirectory()) {
        // git keeps no empty directories, so a clone lacks the ones the builder leaves empty
        // (a process without fds, a disk without holders): compare directories holding a file or link only.
        const at = out.length;
        walk(r);
        if (out.length > at) out.splice(at, 0, `d ${r}`);
      } else out.push(`f ${r} ${fs.readFileSync(path.join(d, r)).toString('base64')}`);
    }
  };
  walk('');
  return out;
}

test('the committed single-GPU fixture is what its builder makes', () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-single-gpu-'));
  try {
    buildSingleGpu(d);
    const fresh = listing(d);
    assert.ok(fresh.length > 100, `${fresh.length} entries`);
    assert.deepEqual(listing(path.join(repoRoot, 'test/fixtures/single-gpu')), fresh);
  } finally {
    fs.rmSync(d, { recursive: true, force: true });
  }
});
