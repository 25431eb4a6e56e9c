/** Diagnose: paste a kernel, QEMU or libvirt log; the catalogue's explanations (vfiokit diagnose --json). */
import { useState } from 'preact/hooks';
import { errorText, post } from './api';

interface Finding {
  id: string;
  severity: 'error' | 'warning' | 'info';
  harmless: boolean;
  title: string;
  count: number;
  lines: { n: number; text: string }[];
  device?: string;
  cause: string;
  fix: string;
  host?: { notes?: string[] };
}

interface DiagnoseDoc {
  lines: number;
  findings: Finding[];
}

export function Diagnose() {
  const [text, setText] = useState('');
  const [doc, setDoc] = useState<DiagnoseDoc | null>(null);
  const [error, setError] = useState('');
  const run = () => {
    setError('');
    post<DiagnoseDoc>('/diagnose', { text })
      .then(setDoc)
      .catch((e) => {
        setDoc(null);
        setError(errorText(e));
      });
  };
  return (
    <div class="diagnose">
      <textarea
        aria-label="log"
        placeholder="Paste dmesg, journalctl -k, a QEMU error or libvirt's log here"
        spellcheck={false}
        value={text}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
      />
      <div class="row">
        <button type="button" class="primary" onClick={run}>
          Diagnose
        </button>
      </div>
      {error && <p class="error">{error}</p>}
      {doc && (
        <>
          <p class="summary">
            {doc.findings.length} finding{doc.findings.length === 1 ? '' : 's'} in {doc.lines} line
            {doc.lines === 1 ? '' : 's'}
          </p>
          <ul class="findings">
            {doc.findings.map((f) => (
              <li class={`finding ${f.severity}`} data-finding={f.id}>
                <div class="head">
                  <b>{f.title}</b>{' '}
                  <span class="dim">
                    ({f.severity}
                    {f.harmless ? ', harmless' : ''}, {f.count}×{f.device ? `, ${f.device}` : ''})
                  </span>
                </div>
                <pre>{f.lines.map((l) => `${l.n}: ${l.text}`).join('\n')}</pre>
                <p>cause: {f.cause}</p>
                <p class="fix">fix: {f.fix}</p>
                {(f.host?.notes ?? []).map((n) => (
                  <p class="dim">{n}</p>
                ))}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
