/** The readiness checklist (vfiokit doctor --json), failures first, each with evidence and fix. */
import { useEffect, useState } from 'preact/hooks';
import { errorText, get } from './api';

interface Check {
  id: string;
  group: string;
  title: string;
  verdict: 'ok' | 'warn' | 'fail' | 'unknown';
  evidence: string[];
  fix?: string;
  device?: string;
}

interface DoctorDoc {
  kernel?: string;
  checks: Check[];
  summary: { ok: number; warn: number; fail: number; unknown: number };
  mostImportant?: { title: string; fix: string; device?: string; verdict: string } | null;
  blind: { what: string; why: string }[];
  warnings: string[];
  names: Record<string, string>;
}

const RANK = { fail: 0, warn: 1, unknown: 2, ok: 3 } as const;
const SYMBOL = { ok: '✓', warn: '!', fail: '✗', unknown: '?' } as const;

export function Doctor(props: { rootId: string }) {
  const [doc, setDoc] = useState<DoctorDoc | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    setDoc(null);
    setError('');
    get<DoctorDoc>('/doctor')
      .then(setDoc)
      .catch((e) => setError(errorText(e)));
  }, [props.rootId]);
  if (error) return <p class="error">{error}</p>;
  if (!doc) return <p class="loading">Checking…</p>;
  // Most important first: failures, then warnings, then what could not be told; the doctor's own
  // order within each verdict.
  const checks = doc.checks
    .map((c, i) => ({ c, i }))
    .sort((a, b) => RANK[a.c.verdict] - RANK[b.c.verdict] || a.i - b.i)
    .map((x) => x.c);
  const s = doc.summary;
  return (
    <div class="doctor">
      <p class="summary">
        {s.ok} ok, {s.warn} warning{s.warn === 1 ? '' : 's'}, {s.fail} failure{s.fail === 1 ? '' : 's'},{' '}
        {s.unknown} unknown{doc.kernel ? ` — kernel ${doc.kernel}` : ''}
      </p>
      {doc.warnings.map((w) => (
        <p class="warn">warning: {w}</p>
      ))}
      {doc.mostImportant ? (
        <p class={`most ${doc.mostImportant.verdict}`}>
          <b>Most important:</b> {doc.mostImportant.fix}{' '}
          <span class="dim">
            (from: {doc.mostImportant.title}
            {doc.mostImportant.device ? `, ${doc.mostImportant.device}` : ''})
          </span>
        </p>
      ) : (
        <p class="most ok">Nothing to fix.</p>
      )}
      <ul class="checks">
        {checks.map((c) => (
          <li class={`check ${c.verdict}`} data-check={c.id} data-device={c.device ?? ''}>
            <div class="head">
              <span class={`sym ${c.verdict}`}>{SYMBOL[c.verdict]}</span> <b>{c.title}</b>
              {c.device && (
                <span class="dim">
                  {' '}
                  {c.device} {doc.names[c.device] ?? ''}
                </span>
              )}
            </div>
            <ul class="evidence">
              {c.evidence.map((e) => (
                <li>{e}</li>
              ))}
            </ul>
            {c.fix && c.verdict !== 'ok' && <p class="fix">fix: {c.fix}</p>}
          </li>
        ))}
      </ul>
      {doc.blind.length > 0 && (
        <>
          <h3>Could not see</h3>
          <ul>
            {doc.blind.map((b) => (
              <li>
                ? {b.what}: {b.why}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
