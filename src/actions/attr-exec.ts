/**
 * Taking and undoing an attribute step (plan.ts AttrStep): a virtual console's bind file, a
 * platform framebuffer driver's unbind/bind. The backup is the attribute's state read just before
 * the write; undo writes the undo value only while the state differs from the backup, and checks
 * it came back, so undo is right after a write that failed half-way and a second undo is a no-op.
 */
import { VfiokitError } from '../errors.js';
import type { JournalJson } from '../schema/outputs/journal.js';
import type { AttrStep, PoolGiveBack } from './plan.js';
import type { SysfsDeps } from './sysfs-exec.js';

const show = (v: string | null) => (v === null ? '(absent)' : JSON.stringify(v));

function stateOf(deps: SysfsDeps, probe: AttrStep['state']): string | null {
  if (!deps.io.attrState)
    throw new VfiokitError('this sysfs access cannot read attributes', { code: 'actions.no-sysfs' });
  return deps.io.attrState(probe.path, probe.read);
}

async function write(deps: SysfsDeps, file: string, value: string, mayBlock: boolean): Promise<void> {
  const r = await deps.io.write(file, value, { timeoutMs: deps.timeoutMs, mayBlock });
  if (r.ok) return;
  if (r.timedOut)
    throw new VfiokitError(
      `writing ${value} to ${file} did not finish in ${Math.round(deps.timeoutMs / 100) / 10} s`,
      { hint: 'the kernel log (dmesg) says what the driver is waiting for', code: 'bind.timeout' },
    );
  throw new VfiokitError(`writing ${value} to ${file} failed: ${r.error ?? 'error'}`, { code: 'bind.write' });
}

/** A sysfs attribute write (plan.ts AttrStep) as journaled: undo writes `undo` until the state is `before` again. */
export type AttrEntry = Extract<JournalJson['entries'][number], { kind: 'attr' }>;

export function attrBackup(deps: SysfsDeps, s: AttrStep): string | null {
  const now = stateOf(deps, s.state);
  if (s.expectBefore !== undefined && now !== s.expectBefore)
    throw new VfiokitError(
      `${s.state.path} is ${show(now)}, not ${show(s.expectBefore)} as when the plan was made`,
      { hint: 'run the command again to plan from the current state', code: 'actions.changed' },
    );
  return now;
}

/** The step taken; a give-back says what it wrote (worked out from the pool as found). */
export async function attrDo(deps: SysfsDeps, s: AttrStep): Promise<string | undefined> {
  if (s.giveBack) {
    const did = await givePagesBack(deps, s.path, s.giveBack);
    return did.written;
  }
  // Already there (fbcon rebinds itself to a framebuffer that registers): nothing to write.
  if (s.expectAfter !== undefined && stateOf(deps, s.state) === s.expectAfter) return undefined;
  await write(deps, s.path, s.value, s.mayBlock);
  if (s.expectAfter === undefined) return undefined;
  const now = stateOf(deps, s.state);
  if (now !== s.expectAfter)
    throw new VfiokitError(`${s.state.path} is ${show(now)} after the write, not ${show(s.expectAfter)}`, {
      code: 'bind.verify',
    });
  return undefined;
}

/**
 * Bring the attribute back to its backup; returns what it did, or undefined when nothing was
 * needed. The undo write first; when the state is still not back (the kernel ignored it), each of
 * `undoElse` in turn, stopping as soon as it is. A route that fails to write is reported only when
 * no later one brings the state back.
 */
export async function attrUndo(deps: SysfsDeps, e: AttrEntry): Promise<string | undefined> {
  if (e.undoRelative) return relativeUndo(deps, e, e.undoRelative);
  if (stateOf(deps, e.probe) === e.before) return undefined;
  const did: string[] = [];
  const errors: string[] = [];
  let now: string | null = null;
  for (const w of [e.undo, ...(e.undoElse ?? [])]) {
    try {
      await write(deps, w.path, w.value, true);
      did.push(`wrote ${w.value} to ${w.path}`);
    } catch (err) {
      errors.push((err as Error).message);
    }
    now = stateOf(deps, e.probe);
    if (now === e.before) return did.join(', then ');
  }
  const tried = e.undoElse?.length ? ` (tried ${did.length + errors.length} writes)` : '';
  throw new VfiokitError(
    `${e.probe.path} is ${show(now)} after the undo, not ${show(e.before)}${tried}${errors.length ? `; ${errors.join('; ')}` : ''}`,
    { code: errors.length && !did.length ? 'bind.write' : 'bind.restore' },
  );
}

const count = (deps: SysfsDeps, file: string): number => {
  const t = stateOf(deps, { path: file, read: 'text' });
  if (t === null || !/^\d{1,15}$/.test(t.trim()))
    throw new VfiokitError(`${file} reads ${show(t)}, not a page count: the pages were not given back`, {
      code: 'bind.restore',
    });
  return Number(t.trim());
};

/** A hugepage raise undone: given back from the pool as found at undo (givePagesBack). */
async function relativeUndo(
  deps: SysfsDeps,
  e: AttrEntry,
  r: NonNullable<AttrEntry['undoRelative']>,
): Promise<string | undefined> {
  // The raise never happened (it failed before the write): the count is still the backup.
  if (e.state === 'pending' && String(count(deps, e.probe.path)) === e.before) return undefined;
  return (await givePagesBack(deps, e.probe.path, r)).said;
}

/**
 * A hugepage raise given back relative to the pool as found now: the pages the raise added are
 * taken off the count, never below the pages in use or reserved (nr − free + resv), so pages
 * another VM raised or holds meanwhile stay (hugepages.ts). Writing below that would turn pages in
 * use into surplus ones (mm/hugetlb.c set_max_huge_pages), freed under the VM as it lets go. The
 * undo of `up`'s raise and `vfiokit hugepages --release` both give back this way.
 */
async function givePagesBack(
  deps: SysfsDeps,
  file: string,
  r: PoolGiveBack,
): Promise<{ said?: string; written?: string }> {
  const nr = count(deps, file);
  let inUse = 0;
  let unread = '';
  try {
    inUse = Math.max(0, nr - count(deps, r.free) + count(deps, r.resv));
  } catch (err) {
    // Without the counts the floor is unknown: the pages this run added are given back all the
    // same (a page still in use becomes surplus and goes when it is let go, mm/hugetlb.c).
    unread = `; pages in use not known: ${(err as Error).message}`;
  }
  const target = Math.max(nr - r.add, inUse);
  if (target >= nr)
    return nr - r.add < inUse ? { said: `left ${file} at ${nr}: every page is in use or reserved` } : {};
  await write(deps, file, String(target), true);
  const now = count(deps, file);
  if (now !== target)
    throw new VfiokitError(`${file} is ${now} after writing ${target}`, { code: 'bind.restore' });
  return {
    said: `wrote ${target} to ${file} (${nr} less the ${r.add} pages this run added${target > nr - r.add ? `, but ${inUse} are in use or reserved` : ''}${unread})`,
    written: String(target),
  };
}
