/**
 * Binding: the CLI's plan → confirm → apply flow. The plan is always a dry run first (the steps
 * the host would see); applying needs an explicit confirmation and a dashboard allowed to write.
 * The journal of the last run and `vfiokit restore` for a run that was interrupted.
 */
import { useEffect, useState } from 'preact/hooks';
import { errorText, get, post } from './api';

interface BindDoc {
  command: 'bind' | 'release';
  dryRun: boolean;
  applied: boolean;
  devices: {
    address: string;
    id: string;
    group?: number;
    driver: string | null;
    to: string | null;
    action: string;
    why: string;
  }[];
  steps: { kind: string; path?: string; value?: string; argv?: string[]; action?: string; why?: string }[];
  notes: string[];
  result?: {
    ok: boolean;
    done: string[];
    undone: string[];
    undoFailed: string[];
    after?: { address: string; driver: string | null; override: string | null }[];
    error?: string;
    hint?: string;
  };
}

interface RestoreDoc {
  dryRun: boolean;
  journal: { command: string; pid: number; started: string; state: string; entries: number } | null;
  replayed: boolean;
  result?: { ok: boolean; undone: string[]; undoFailed: string[]; error?: string };
}

/** A step as the CLI's dry run words it (write VALUE to PATH; run COMMAND; edit FILE). */
function stepText(s: BindDoc['steps'][number]): string {
  const what =
    s.kind === 'command'
      ? `run ${(s.argv ?? []).join(' ')}`
      : s.kind === 'file'
        ? `${s.action} ${s.path}`
        : `write ${s.value === '\n' ? "'\\n' (clear)" : s.value} to ${s.path}`;
  return s.why ? `${what} — ${s.why}` : what;
}

// long: one component: its state hooks and the markup they drive
export function Binding(props: { rootId: string; readOnly: string | null }) {
  const [mode, setMode] = useState<'bind' | 'release'>('bind');
  const [targets, setTargets] = useState('');
  const [group, setGroup] = useState('');
  const [gpu, setGpu] = useState(false);
  const [force, setForce] = useState(false);
  const [plan, setPlan] = useState<BindDoc | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<BindDoc | null>(null);
  const [journal, setJournal] = useState<RestoreDoc | null>(null);
  const [restored, setRestored] = useState<RestoreDoc | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const request = () => ({
    mode,
    targets: targets.split(/[\s,]+/).filter(Boolean),
    group: group.split(/[\s,]+/).filter(Boolean),
    gpu,
    force,
  });
  const loadJournal = () =>
    get<RestoreDoc>('/journal')
      .then(setJournal)
      .catch((e) => setError(errorText(e)));
  useEffect(() => {
    setPlan(null);
    setResult(null);
    loadJournal();
  }, [props.rootId]);

  const run = (f: () => Promise<void>) => {
    setBusy(true);
    setError('');
    f()
      .catch((e) => setError(errorText(e)))
      .finally(() => setBusy(false));
  };
  const makePlan = () =>
    run(async () => {
      setResult(null);
      setConfirming(false);
      setPlan(await post<BindDoc>('/bind/plan', request()));
    });
  const apply = () =>
    run(async () => {
      setConfirming(false);
      setResult(await post<BindDoc>('/bind/apply', request()));
      setPlan(null);
      await loadJournal();
    });
  const restore = () =>
    run(async () => {
      setRestored(await post<RestoreDoc>('/restore', {}));
      await loadJournal();
    });
  const steps = plan?.steps.length ?? 0;

  return (
    <div class="binding">
      {props.readOnly && <p class="warn readonly">Read-only: {props.readOnly}</p>}
      <div class="form">
        <label>
          <select
            value={mode}
            onChange={(e) => setMode((e.target as HTMLSelectElement).value as 'bind' | 'release')}
            aria-label="mode"
          >
            <option value="bind">bind to vfio-pci</option>
            <option value="release">release (give back)</option>
          </select>
        </label>
        <input
          aria-label="targets"
          placeholder="0000:01:00.0 or 10de:1b80"
          value={targets}
          onInput={(e) => setTargets((e.target as HTMLInputElement).value)}
        />
        <input
          aria-label="groups"
          placeholder="IOMMU group numbers"
          value={group}
          onInput={(e) => setGroup((e.target as HTMLInputElement).value)}
        />
        <label>
          <input
            type="checkbox"
            checked={gpu}
            onChange={(e) => setGpu((e.target as HTMLInputElement).checked)}
          />{' '}
          GPUs (not the boot GPU)
        </label>
        <label>
          <input
            type="checkbox"
            checked={force}
            onChange={(e) => setForce((e.target as HTMLInputElement).checked)}
          />{' '}
          force (take devices the host may need)
        </label>
        <button type="button" class="primary" onClick={makePlan} disabled={busy}>
          Plan (dry run)
        </button>
      </div>
      {error && <p class="error">{error}</p>}
      {plan && (
        <section class="plan">
          <h3>Plan: {plan.command}</h3>
          <table>
            <tbody>
              {plan.devices.map((d) => (
                <tr data-plan-device={d.address}>
                  <td>{d.address}</td>
                  <td>[{d.id}]</td>
                  <td>{d.group !== undefined ? `group ${d.group}` : ''}</td>
                  <td>
                    {d.action === 'keep'
                      ? `stays on ${d.driver ?? 'no driver'}`
                      : `${d.driver ?? 'no driver'} → ${d.to ?? (plan.command === 'release' ? "the kernel's choice" : 'no driver')}`}
                  </td>
                  <td class="dim">{d.why}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {plan.notes.map((n) => (
            <p class="warn">note: {n}</p>
          ))}
          <h4>Steps</h4>
          <ol class="steps">
            {plan.steps.map((s) => (
              <li>{stepText(s)}</li>
            ))}
          </ol>
          {!steps && <p>Nothing to do.</p>}
          {steps > 0 && !confirming && (
            <button
              type="button"
              onClick={() => setConfirming(true)}
              disabled={busy || Boolean(props.readOnly)}
              title={props.readOnly ?? ''}
            >
              Apply…
            </button>
          )}
          {confirming && (
            <p class="confirm">
              Apply these {steps} steps to the running kernel? Every step is journaled and undone on failure.{' '}
              <button type="button" class="danger" onClick={apply} disabled={busy}>
                Confirm: {plan.command}
              </button>{' '}
              <button type="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </p>
          )}
        </section>
      )}
      {result?.result && (
        <section class={`result ${result.result.ok ? 'ok' : 'failed'}`}>
          <h3>
            {result.result.ok
              ? `Done: ${result.command}`
              : `Failed: ${result.result.error ?? 'unknown error'}`}
          </h3>
          <ul>
            {(result.result.after ?? []).map((a) => (
              <li data-after={a.address} data-driver={a.driver ?? ''}>
                {a.address} is on {a.driver ?? 'no driver'}
                {a.override ? ` (driver_override ${a.override})` : ''}
              </li>
            ))}
          </ul>
          {result.result.undone.map((u) => (
            <p>undone: {u}</p>
          ))}
          {result.result.undoFailed.map((u) => (
            <p class="error">could not undo: {u} (run restore)</p>
          ))}
        </section>
      )}
      <section class="journal">
        <h3>Journal</h3>
        {journal?.journal ? (
          <p data-journal-state={journal.journal.state}>
            Last run: {journal.journal.command} (pid {journal.journal.pid}, {journal.journal.started}) ended{' '}
            {journal.journal.state}, {journal.journal.entries} step{journal.journal.entries === 1 ? '' : 's'}.
          </p>
        ) : (
          <p data-journal-state="none">No journal: no run since boot.</p>
        )}
        <button
          type="button"
          onClick={restore}
          disabled={busy || Boolean(props.readOnly)}
          title={props.readOnly ?? ''}
        >
          Restore
        </button>
        {restored && (
          <p class="restored" data-replayed={String(restored.replayed)}>
            {restored.replayed
              ? restored.result?.ok
                ? `Restored: ${restored.result.undone.length} step(s) undone.`
                : `Restore incomplete: ${restored.result?.undoFailed.join('; ')}`
              : 'Nothing to restore: the last run ended cleanly.'}
          </p>
        )}
      </section>
    </div>
  );
}
