// Fault injection over the setup plan: each step in turn fails (a file write with EIO, a command
// with a non-zero exit), or a signal arrives between each pair of steps; after every case the tree
// equals the starting tree byte for byte and the journal is closed (rolled back). Then the lock: a
// second vfiokit is refused, naming the holder, and a lock left by a dead process is taken over.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { applyPlan, type InterruptSource, readJournal } from '../../src/actions/apply.js';
import { acquireLock, LOCK_PATH } from '../../src/actions/lock.js';
import type { Plan } from '../../src/actions/plan.js';
import { type CommandRunner, DirHostWriter } from '../../src/host/host-writer.js';
import { planSetup } from '../../src/persist/setup-plan.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { buildSetupHost, kernelFacts, skipRunState, treeHashes, twinGpuPci } from '../helpers/setup-host.js';

const twins = twinGpuPci([
  [0x1458, 0x3702],
  [0x1458, 0x3702],
]);
const target = { items: ['0000:02:00.0'], groups: [], gpu: false };

/**
 * A writer whose first write or remove of one path fails with EIO (a transient disk error; the
 * rollback's own write of that path then succeeds).
 */
class FailingWriter extends DirHostWriter {
  constructor(
    dir: string,
    runner: CommandRunner,
    private readonly failPath: string | undefined,
  ) {
    super(dir, runner);
  }
  private failed = false;
  private check(p: string) {
    if (p === this.failPath && !this.failed) {
      this.failed = true;
      const e = new Error(`EIO: i/o error, write '${p}'`) as NodeJS.ErrnoException;
      e.code = 'EIO';
      throw e;
    }
  }
  override writeFile(p: string, data: string | Uint8Array, mode?: number): void {
    this.check(p);
    super.writeFile(p, data, mode);
  }
  override remove(p: string): void {
    this.check(p);
    super.remove(p);
  }
}

/** A command double that fails the first run of one command line (exit 1), records every run. */
function runnerFailing(argv0: string | undefined, ran: string[][]): CommandRunner {
  let failed = false;
  return async (argv) => {
    ran.push([...argv]);
    const fail = !failed && argv.join(' ') === argv0;
    if (fail) failed = true;
    return { ran: true, status: fail ? 1 : 0, stdout: '', stderr: fail ? 'E: simulated failure' : '' };
  };
}

function planFor(root: ReturnType<typeof buildSetupHost>['root']): Plan {
  return planSetup(root, target).plan;
}

test('setup: a failure at each step in turn leaves the tree as it was and the journal rolled back', async () => {
  const h = buildSetupHost('twin-gpus', kernelFacts('6.1.0-18-amd64'), twins);
  try {
    const before = treeHashes(h.dir, skipRunState);
    const steps = planFor(h.root).steps;
    // Six files (modprobe.d, script, modules, hook, grub, record) and two commands.
    assert.equal(steps.length, 8);
    for (let k = 0; k < steps.length; k++) {
      const s = steps[k];
      const ran: string[][] = [];
      const w =
        s.kind === 'command'
          ? new FailingWriter(h.dir, runnerFailing(s.argv.join(' '), ran), undefined)
          : new FailingWriter(h.dir, runnerFailing(undefined, ran), s.kind === 'verify' ? undefined : s.path);
      const r = await applyPlan(w, planFor(h.root), { command: `fault at step ${k}` });
      assert.equal(r.ok, false, `step ${k}`);
      assert.ok(r.error, `step ${k}: an error`);
      assert.deepEqual(treeHashes(h.dir, skipRunState), before, `step ${k}: tree restored`);
      assert.equal(readJournal(w)?.state, 'rolled-back', `step ${k}: ${r.undoFailed}`);
      assert.equal(r.undoFailed.length, 0);
      // Everything taken before the failing step is listed as undone.
      const files = steps.slice(0, k + 1).filter((x) => x.kind === 'file').length;
      assert.equal(
        r.undone.filter((u) => /^(restored|removed) /.test(u)).length,
        files,
        `step ${k}: ${r.undone}`,
      );
      // A regeneration command that ran (or failed halfway) runs again once the files are back.
      const regen = steps.slice(0, k + 1).filter((x) => x.kind === 'command');
      for (const c of regen)
        assert.ok(
          r.undone.includes(`ran ${c.kind === 'command' ? c.argv.join(' ') : ''} again`),
          `step ${k}`,
        );
      assert.equal(fs.existsSync(path.join(h.dir, LOCK_PATH)), false, 'lock released');
    }
  } finally {
    h.cleanup();
  }
});

test('setup: a signal between each pair of steps undoes what was done', async () => {
  const h = buildSetupHost('debian-grub', kernelFacts('6.1.0-18-amd64'));
  try {
    const before = treeHashes(h.dir, skipRunState);
    const n = planSetup(h.root, { items: ['0000:01:00.0'], groups: [], gpu: false }).plan.steps.length;
    assert.equal(n, 6);
    for (let k = 0; k < n - 1; k++) {
      let got: string | undefined;
      const interrupts: InterruptSource = { received: () => got, dispose: () => {} };
      const w = new DirHostWriter(h.dir, runnerFailing(undefined, []));
      const r = await applyPlan(
        w,
        planSetup(h.root, { items: ['0000:01:00.0'], groups: [], gpu: false }).plan,
        {
          command: 'signal test',
          interrupts,
          betweenSteps: (i) => {
            if (i === k) got = 'SIGTERM';
          },
        },
      );
      assert.equal(r.ok, false);
      assert.equal(r.signal, 'SIGTERM');
      assert.equal(r.done.length, k + 1);
      assert.ok(r.undone.length >= 1);
      assert.deepEqual(treeHashes(h.dir, skipRunState), before, `signal after step ${k}`);
      assert.equal(readJournal(w)?.state, 'rolled-back');
    }
  } finally {
    h.cleanup();
  }
});

test('setup: a real SIGTERM to the process between steps rolls back and says what was undone', () => {
  const h = buildSetupHost('debian-grub', kernelFacts('6.1.0-18-amd64'));
  try {
    const before = treeHashes(h.dir, skipRunState);
    // The child applies the plan with the CLI's signal handling and sends itself SIGTERM after
    // the second step; its commands go to a recording double (nothing runs on this machine).
    const script = `
      import { applyPlan, processSignals } from ${JSON.stringify(path.join(repoRoot, 'src/actions/apply.ts'))};
      import { DirHostWriter } from ${JSON.stringify(path.join(repoRoot, 'src/host/host-writer.ts'))};
      import { DirHostRoot } from ${JSON.stringify(path.join(repoRoot, 'src/host/root.ts'))};
      import { planSetup } from ${JSON.stringify(path.join(repoRoot, 'src/persist/setup-plan.ts'))};
      const dir = process.argv[2];
      const plan = planSetup(new DirHostRoot(dir), { items: ['0000:01:00.0'], groups: [], gpu: false }).plan;
      const w = new DirHostWriter(dir, async () => ({ ran: true, status: 0, stdout: '', stderr: '' }));
      const sig = processSignals();
      const r = await applyPlan(w, plan, { command: 'child', interrupts: sig, betweenSteps: (i) => {
        if (i === 1) process.kill(process.pid, 'SIGTERM');
      } });
      sig.dispose();
      console.log(JSON.stringify({ ok: r.ok, signal: r.signal, undone: r.undone }));
    `;
    const f = path.join(os.tmpdir(), `vfiokit-sig-${process.pid}.mts`);
    fs.writeFileSync(f, script);
    const r = spawnSync(process.execPath, ['--import', 'tsx', f, h.dir], {
      encoding: 'utf8',
      cwd: repoRoot,
      timeout: 60_000,
    });
    fs.rmSync(f, { force: true });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}');
    assert.equal(out.ok, false);
    assert.equal(out.signal, 'SIGTERM');
    assert.deepEqual(out.undone, [
      'restored /etc/initramfs-tools/modules',
      'removed /etc/modprobe.d/vfiokit.conf',
    ]);
    assert.deepEqual(treeHashes(h.dir, skipRunState), before);
  } finally {
    h.cleanup();
  }
});

test('lock: a second vfiokit is refused after a bounded wait, naming the holder', async () => {
  const h = buildSetupHost('debian-grub', kernelFacts('6.1.0-18-amd64'));
  try {
    const w = new DirHostWriter(h.dir, runnerFailing(undefined, []));
    const held = await acquireLock(w, 'vfiokit setup --apply (first)');
    const before = treeHashes(h.dir, skipRunState);
    await assert.rejects(
      applyPlan(w, planSetup(h.root, { items: ['0000:01:00.0'], groups: [], gpu: false }).plan, {
        command: 'second',
        lockWaitMs: 200,
      }),
      (e: Error) => e.message.includes(`pid ${process.pid} (vfiokit setup --apply (first))`),
    );
    assert.deepEqual(treeHashes(h.dir, skipRunState), before, 'nothing changed');
    held.release();
    assert.equal(fs.existsSync(path.join(h.dir, LOCK_PATH)), false);
  } finally {
    h.cleanup();
  }
});

test('lock: the CLI refuses while another process holds the lock, and takes over a dead holder’s lock', async () => {
  const h = buildSetupHost('debian-grub', kernelFacts('6.1.0-18-amd64'));
  const holder = spawn('sleep', ['30'], { stdio: 'ignore' });
  try {
    fs.mkdirSync(path.join(h.dir, 'run/vfiokit'), { recursive: true });
    const lock = path.join(h.dir, LOCK_PATH);
    fs.writeFileSync(
      lock,
      `${JSON.stringify({ pid: holder.pid, command: 'vfiokit setup --apply', started: 'now' })}\n`,
    );
    const r = runCli(['--root', h.dir, 'setup', '0000:01:00.0', '--apply', '--lock-wait', '0.3']);
    assert.equal(r.status, 3, r.stderr);
    assert.match(
      r.stderr,
      new RegExp(`another vfiokit holds /run/vfiokit/lock: pid ${holder.pid} \\(vfiokit setup --apply\\)`),
    );
    assert.equal(fs.existsSync(path.join(h.dir, 'etc/modprobe.d/vfiokit.conf')), false);

    // The holder dies (SIGKILL leaves its lock behind): the next run takes the stale lock.
    holder.kill('SIGKILL');
    await new Promise((res) => holder.once('exit', res));
    const ok = runCli(['--root', h.dir, 'setup', '0000:01:00.0', '--apply', '--lock-wait', '0.3']);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /would run: update-initramfs -u -k all \(not run: the root is not \/\)/);
    assert.equal(fs.existsSync(lock), false);
  } finally {
    holder.kill('SIGKILL');
    h.cleanup();
  }
});
