/**
 * `vfiokit down NAME`: stop a VM that `vfiokit up` runs, from another terminal: the guest's power
 * button, QMP quit after --timeout, then wait for up's clean-up and report it (src/actions/up.ts).
 * `--json` prints vfiokit.down/1.
 */
import { downVm } from '../../actions/up.js';
import { ExitCode, UsageError } from '../../errors.js';
import { DirHostWriter, type HostWriter } from '../../host/host-writer.js';
import type { DownJson } from '../../schema/outputs/down.js';
import type { CliContext } from '../context.js';

export interface DownCliOptions {
  timeout?: string;
  cleanupWait?: string;
}

function seconds(v: string | undefined, name: string, dflt: number): number {
  const n = Number(v ?? dflt);
  if (!Number.isFinite(n) || n < 0 || n > 86_400) throw new UsageError(`${name} wants a number of seconds`);
  return n;
}

export async function runDown(
  ctx: CliContext,
  name: string,
  opts: DownCliOptions,
  deps: { writer?: HostWriter } = {},
): Promise<number> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/.test(name))
    throw new UsageError(`${JSON.stringify(name.slice(0, 70))} is not a VM name`, {
      hint: "the spec's name: letters, digits, . _ -",
    });
  const timeoutMs = seconds(opts.timeout, '--timeout', 60) * 1000;
  const cleanupWaitMs = seconds(opts.cleanupWait, '--cleanup-wait', 120) * 1000;
  const writer = deps.writer ?? new DirHostWriter(ctx.root().dir);
  const r = await downVm(writer, name, {
    timeoutMs,
    cleanupWaitMs,
    onProgress: ctx.json ? undefined : (l) => ctx.out(l),
  });
  const ok = r.ended?.cleanup?.ok === true;
  if (ctx.json) {
    const doc: DownJson = {
      schema: 'vfiokit.down/1',
      name,
      powerdown: r.powerdown,
      ...(r.stoppedBy ? { stoppedBy: r.stoppedBy } : {}),
      state: r.state,
      ...(r.ended ? { ended: r.ended } : {}),
    };
    ctx.printJson(doc);
  } else if (!r.ended) {
    ctx.out(
      ctx.c.red(
        `vfiokit up (pid ${r.state.pid}) did not finish its clean-up within ${cleanupWaitMs / 1000} s; its record is /run/vfiokit/vm/${name}.json`,
      ),
    );
  } else {
    const e = r.ended;
    ctx.out(
      `${name} stopped (${r.stoppedBy === 'guest' ? 'the guest powered off' : 'QMP quit after the timeout'}); QEMU ${e.qemuExit ? (e.qemuExit.signal ? `killed by ${e.qemuExit.signal}` : `exit status ${e.qemuExit.code}`) : 'ended'}`,
    );
    if (e.cleanup?.undone.length) ctx.out(`Given back: ${e.cleanup.undone.join('; ')}`);
    if (e.cleanup?.undoFailed.length)
      ctx.out(ctx.c.red(`Could not undo (vfiokit restore retries): ${e.cleanup.undoFailed.join('; ')}`));
  }
  return ok ? ExitCode.ok : ExitCode.problem;
}
