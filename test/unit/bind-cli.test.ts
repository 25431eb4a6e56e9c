// The bind, release and restore commands over the simulated sysfs: --json documents valid against
// their schemas (docs/json.md, linked from docs/bind.md), the human output, and --root refusing to act on a snapshot.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { nameOf } from '../../scripts/json-doc.js';
import { runBind, runRestore } from '../../src/cli/commands/bind.js';
import { UsageError } from '../../src/errors.js';
import { repoRoot } from '../helpers/cli.js';
import { capture as captureContext } from '../helpers/cli-context.js';
import { fakeHost, labSnapshot } from '../helpers/fake-sysfs.js';
import { assertValidJson } from '../helpers/json-schema.js';

const capture = (opts: { root: string; json?: boolean }) => captureContext(opts.root, opts.json);

/**
 * The document is valid against its published schema (src/schema/outputs/, whose every field has
 * its meaning in docs/json.md; strict, so a key the schema does not name fails), and docs/bind.md links
 * to its generated section. Returns how many distinct keys it has.
 */
function assertDocumented(schema: string, value: unknown): number {
  assertValidJson(value, schema);
  const doc = fs.readFileSync(path.join(repoRoot, 'docs/bind.md'), 'utf8');
  assert.ok(doc.includes(`(json.md#${nameOf(schema)})`), `docs/bind.md links to json.md#${nameOf(schema)}`);
  const keys = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        keys.add(k);
        walk(x);
      }
  };
  walk(value);
  return keys.size;
}

test('bind and release --json over the simulated sysfs: documented, and the devices back where they were', async () => {
  const h = fakeHost('desktop');
  try {
    const start = h.fake.state();
    const deps = { io: h.fake, writer: h.writer };
    const b = capture({ root: h.dir, json: true });
    assert.equal(await runBind(b.ctx, 'bind', ['0000:01:00.0'], { force: true }, deps), 0, b.err());
    const bj = JSON.parse(b.out());
    assert.equal(bj.schema, 'vfiokit.bind/1');
    assert.equal(bj.applied, true);
    assert.deepEqual(
      bj.result.after.map((a: { driver: string }) => a.driver),
      ['vfio-pci', 'vfio-pci'],
    );
    assert.ok(assertDocumented('vfiokit.bind/1', bj) >= 25);

    const r = capture({ root: h.dir });
    assert.equal(await runBind(r.ctx, 'release', ['0000:01:00.1'], {}, deps), 0, r.err());
    assert.match(r.out(), /^0000:01:00\.0 is on bochs-drm$/m);
    assert.match(r.out(), /^0000:01:00\.1 is on snd_hda_intel$/m);
    assert.deepEqual(h.fake.state(), start);

    const s = capture({ root: h.dir, json: true });
    assert.equal(await runRestore(s.ctx, {}, deps), 0);
    const sj = JSON.parse(s.out());
    assert.equal(sj.replayed, false);
    assert.equal(sj.journal.state, 'closed');
    assertDocumented('vfiokit.restore/1', sj);
  } finally {
    h.cleanup();
  }
});

test('with --root a snapshot is only planned; the dry run prints the steps', async () => {
  const c = capture({ root: labSnapshot('legacy') });
  await assert.rejects(runBind(c.ctx, 'bind', [], { group: ['5'], force: true }), UsageError);
  const d = capture({ root: labSnapshot('legacy') });
  assert.equal(await runBind(d.ctx, 'bind', [], { group: ['5'], force: true, dryRun: true }), 0);
  assert.match(d.out(), /write vfio-pci to \/sys\/bus\/pci\/devices\/0000:02:02\.0\/driver_override/);
  assert.match(d.out(), /0000:01:00\.0 is a bridge in group 5: it stays on no driver/);
  assert.match(d.out(), /Dry run: nothing was changed\./);
});

test('restore undoes a run whose journal was left open (the process killed after its last step)', async () => {
  const h = fakeHost('legacy');
  try {
    const start = h.fake.state();
    const deps = { io: h.fake, writer: h.writer };
    const b = capture({ root: h.dir });
    assert.equal(await runBind(b.ctx, 'bind', [], { group: ['5'], force: true }, deps), 0, b.err());
    assert.notDeepEqual(h.fake.state(), start);
    // What a SIGKILL just before the journal was closed leaves: every step done, the journal open.
    const jp = path.join(h.dir, 'run/vfiokit/journal.json');
    const j = JSON.parse(fs.readFileSync(jp, 'utf8'));
    j.state = 'open';
    fs.writeFileSync(jp, JSON.stringify(j));
    const dry = capture({ root: h.dir });
    assert.equal(await runRestore(dry.ctx, { dryRun: true }, deps), 0);
    assert.match(
      dry.out(),
      /^To restore: the last run \(vfiokit bind --group 5, pid \d+, .*\) ended open, 7 steps in its journal\.$/m,
    );
    const r = capture({ root: h.dir });
    assert.equal(await runRestore(r.ctx, {}, deps), 0, r.err());
    assert.match(r.out(), /undone: bound 0000:02:01\.0 to 8139cp/);
    assert.match(r.out(), /^Restored\.$/m);
    assert.deepEqual(h.fake.state(), start);
    assert.equal(
      fs.existsSync(path.join(h.dir, 'run/vfiokit/bound.json')),
      false,
      'the record is undone too',
    );
  } finally {
    h.cleanup();
  }
});

test('restore undoes every dead journal in one call, newest run first; one failing does not stop the rest', async () => {
  const h = fakeHost('desktop');
  try {
    const start = h.fake.state();
    const deps = { io: h.fake, writer: h.writer };
    const run = path.join(h.dir, 'run/vfiokit');
    // A process that has exited: its pid names no process (what a SIGKILLed run leaves).
    const dead = spawnSync(process.execPath, ['-e', '']).pid as number;
    const killed = (file: string, started: string) => {
      const j = JSON.parse(fs.readFileSync(file, 'utf8'));
      Object.assign(j, { state: 'open', pid: dead, started });
      fs.writeFileSync(file, JSON.stringify(j));
    };
    // Run 1: the NIC bound by a VM's `vfiokit up`, killed (its journal is the VM's).
    const one = capture({ root: h.dir });
    assert.equal(await runBind(one.ctx, 'bind', ['0000:02:00.0'], { force: true }, deps), 0, one.err());
    fs.mkdirSync(path.join(run, 'vm'), { recursive: true });
    fs.renameSync(path.join(run, 'journal.json'), path.join(run, 'vm/one.journal.json'));
    killed(path.join(run, 'vm/one.journal.json'), '2026-12-02T01:00:00.000Z');
    // Run 2, later: the GPU and its audio function, killed; its bound.json step edits run 1's record.
    const two = capture({ root: h.dir });
    assert.equal(await runBind(two.ctx, 'bind', ['0000:01:00.0'], { force: true }, deps), 0, two.err());
    killed(path.join(run, 'journal.json'), '2026-12-02T02:00:00.000Z');
    // Run 3, the newest: a file whose undo cannot be written (its directory is a file now).
    fs.mkdirSync(path.join(h.dir, 'etc/vfiokit-test'), { recursive: true });
    fs.writeFileSync(path.join(h.dir, 'etc/vfiokit-test/blocked'), 'not a directory\n');
    fs.writeFileSync(
      path.join(run, 'vm/three.journal.json'),
      JSON.stringify({
        schema: 'vfiokit.journal/1',
        pid: dead,
        command: 'vfiokit up three',
        started: '2026-12-02T03:00:00.000Z',
        state: 'open',
        entries: [
          {
            step: 0,
            kind: 'file',
            path: '/etc/vfiokit-test/blocked/file',
            existed: true,
            backup: Buffer.from('old\n').toString('base64'),
            createdDirs: [],
            state: 'done',
          },
        ],
      }),
    );

    const dry = capture({ root: h.dir, json: true });
    assert.equal(await runRestore(dry.ctx, { dryRun: true }, deps), 0);
    const dj = JSON.parse(dry.out());
    assertDocumented('vfiokit.restore/1', dj);
    assert.deepEqual(
      dj.journals.map((j: { path: string }) => j.path),
      ['/run/vfiokit/vm/three.journal.json', '/run/vfiokit/journal.json', '/run/vfiokit/vm/one.journal.json'],
    );

    const r = capture({ root: h.dir });
    assert.equal(await runRestore(r.ctx, {}, deps), 1, r.err());
    const blocks = r.out().split(/^(?=Restoring after: )/m);
    assert.equal(blocks.length, 3, r.out());
    assert.match(
      blocks[0],
      /^Restoring after: vfiokit up three \(pid \d+, started 2026-12-02T03:00:00\.000Z, open\)\n {2}could not undo: \/etc\/vfiokit-test\/blocked\/file: .*\nRestore incomplete: the journal keeps what is left\.\n$/,
    );
    assert.match(
      blocks[1],
      /^Restoring after: vfiokit bind 0000:01:00\.0 \(pid \d+, started 2026-12-02T02:00:00\.000Z, open\)\n[\s\S]*\nRestored\.\n$/,
    );
    assert.match(
      blocks[2],
      /^Restoring after: vfiokit bind 0000:02:00\.0 \(pid \d+, started 2026-12-02T01:00:00\.000Z, open\)\n[\s\S]*\nRestored\.\n2 of 3 runs restored; 1 not: vfiokit restore retries them\n$/,
    );
    // The oracle: the simulated kernel's bindings as before both binds, and no record left (run 2
    // put run 1's back, then run 1 removed it: the other order would leave run 1's record).
    assert.deepEqual(h.fake.state(), start);
    assert.equal(fs.existsSync(path.join(run, 'bound.json')), false);

    // The one left is retried alone; once its file can be written, restored: exit 0.
    fs.rmSync(path.join(h.dir, 'etc/vfiokit-test/blocked'));
    const again = capture({ root: h.dir, json: true });
    assert.equal(await runRestore(again.ctx, {}, deps), 0, again.err());
    const aj = JSON.parse(again.out());
    assertDocumented('vfiokit.restore/1', aj);
    assert.equal(aj.journals.length, 1);
    assert.equal(aj.journals[0].path, '/run/vfiokit/vm/three.journal.json');
    assert.equal(aj.journal.state, 'rolled-back');
    assert.equal(aj.result.ok, true);
    assert.equal(fs.readFileSync(path.join(h.dir, 'etc/vfiokit-test/blocked/file'), 'utf8'), 'old\n');
    const none = capture({ root: h.dir });
    assert.equal(await runRestore(none.ctx, { dryRun: true }, deps), 0);
    assert.match(
      none.out(),
      /^Nothing to restore: the last run \(vfiokit bind 0000:01:00\.0, .*\) ended rolled-back, \d+ steps in its journal\.\n$/,
    );
  } finally {
    h.cleanup();
  }
});
