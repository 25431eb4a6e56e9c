// Units in the generic plan machinery (plan.ts `unit`, apply.ts): consecutive steps that share a
// unit are not split by a signal — a signal that arrives inside one is acted on after its last
// step, then everything is undone — while a failure inside a unit still stops the run at once.
// Plans of file steps over a scratch tree; the signal is a real SIGTERM sent to this process
// (processSignals), so the path from the kernel's delivery to the check between steps is the one
// the CLI takes.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { applyPlan, processSignals, readJournal } from '../../src/actions/apply.js';
import type { FileStep, Plan } from '../../src/actions/plan.js';
import { DirHostWriter } from '../../src/host/host-writer.js';
import { scratch } from '../helpers/fake-sysfs.js';

const enc = new TextEncoder();

function fileStep(name: string, unit?: string): FileStep {
  return {
    kind: 'file',
    path: `/etc/${name}`,
    action: 'create',
    after: enc.encode(`${name}\n`),
    mode: 0o644,
    why: 'test',
    ...(unit ? { unit } : {}),
  };
}

// Steps 2-4 form one unit.
const plan: Plan = {
  steps: [fileStep('a'), fileStep('b', 'u'), fileStep('c', 'u'), fileStep('d', 'u'), fileStep('e')],
};

function tree(): { dir: string; files: () => string[]; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(scratch(), 'vfiokit-unit-'));
  fs.mkdirSync(path.join(dir, 'etc'));
  return {
    dir,
    files: () => fs.readdirSync(path.join(dir, 'etc')).sort(),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

test('a real SIGTERM after each step: outside a unit the run stops there, inside one at its end; all undone', async () => {
  const stopsAfter = [1, 4, 4, 4];
  let cases = 0;
  for (let k = 0; k < plan.steps.length - 1; k++) {
    const t = tree();
    const signals = processSignals();
    try {
      const r = await applyPlan(new DirHostWriter(t.dir), plan, {
        command: 'test',
        interrupts: signals,
        betweenSteps: (i) => {
          if (i === k) process.kill(process.pid, 'SIGTERM');
        },
      });
      cases++;
      assert.equal(r.signal, 'SIGTERM', `after step ${k + 1}`);
      assert.equal(r.done.length, stopsAfter[k], `after step ${k + 1}: ${r.done.join(', ')}`);
      assert.equal(r.undone.length, stopsAfter[k]);
      assert.deepEqual(t.files(), []);
      assert.equal(readJournal(new DirHostWriter(t.dir))?.state, 'rolled-back');
    } finally {
      signals.dispose();
      t.cleanup();
    }
  }
  assert.equal(cases, plan.steps.length - 1);
});

test('a failure inside a unit stops at once and undoes the unit steps taken', async () => {
  const t = tree();
  try {
    // The third step's file is in the way: create refuses, as the plan found it absent.
    fs.writeFileSync(path.join(t.dir, 'etc/c'), 'there\n');
    const r = await applyPlan(new DirHostWriter(t.dir), plan, { command: 'test' });
    assert.equal(r.ok, false);
    assert.deepEqual(r.done, ['create /etc/a', 'create /etc/b']);
    assert.deepEqual(r.undone, ['removed /etc/b', 'removed /etc/a']);
    assert.deepEqual(t.files(), ['c']);
  } finally {
    t.cleanup();
  }
});
