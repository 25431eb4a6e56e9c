/** A device's details: capabilities, reset methods, the group's explanation and ACS what-if, ROM facts. */
import { useEffect, useState } from 'preact/hooks';
import { errorText, get } from './api';

interface Step {
  address: string;
  role: string;
  isolates: boolean | null;
  why: string;
  evidence?: { capRegister?: string; ctrlRegister?: string; quirk?: string; requesterId?: string };
}

interface Explain {
  kernelGroup: { id: number; members: string[] } | null;
  simulatedGroup: string[];
  path: Step[];
  firstBreak: Step | null;
  members: { address: string; reason: string }[];
  whatIf: { override: string; group: string[]; isolated: boolean; changed: boolean }[];
  overrideCannotHelp?: string;
  unknownReasons: string[];
  risk: string;
}

interface DeviceDoc {
  device: {
    address: string;
    vendor: string;
    device: string;
    class: string;
    revision?: string;
    names?: { vendor?: string; device?: string; subsystem?: string; class?: string };
    driver?: string;
    iommuGroup?: number;
    bootVga?: boolean;
    resetMethods?: string[];
    hasRom: boolean;
    capabilities: { id: string; offset: string; extended: boolean; name?: string; version?: number }[];
    config?: { size: number; truncated: boolean };
  };
}

interface RomDoc {
  bytesRead: number;
  rom: { images: { codeType?: number; codeTypeName?: string; length?: number; offset?: number }[] };
  verdict: { uefi: string; reasons: string[] };
}

type Part<T> = T | { error: { message: string; hint?: string } } | null;

interface DetailsDoc {
  device: DeviceDoc;
  explain: Part<Explain>;
  rom: Part<RomDoc>;
}

function failed<T>(p: Part<T>): p is { error: { message: string; hint?: string } } {
  return p !== null && typeof p === 'object' && 'error' in p;
}

export function Details(props: { bdf: string; onClose(): void }) {
  const [doc, setDoc] = useState<DetailsDoc | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    setDoc(null);
    setError('');
    get<DetailsDoc>(`/device/${encodeURIComponent(props.bdf)}`)
      .then(setDoc)
      .catch((e) => setError(errorText(e)));
  }, [props.bdf]);
  return (
    <aside class="details" data-details={props.bdf}>
      <button type="button" class="close" onClick={props.onClose} aria-label="close">
        ×
      </button>
      <h2>{props.bdf}</h2>
      {error && <p class="error">{error}</p>}
      {!doc && !error && <p class="loading">Reading…</p>}
      {doc && <DeviceFacts d={doc.device.device} />}
      {doc && <ExplainPart e={doc.explain} />}
      {doc && doc.rom !== null && <RomPart r={doc.rom} />}
    </aside>
  );
}

function DeviceFacts({ d }: { d: DeviceDoc['device'] }) {
  return (
    <section>
      <p class="name">
        {d.names?.vendor ?? d.vendor} {d.names?.device ?? d.device}
      </p>
      <dl>
        <dt>IDs</dt>
        <dd>
          [{d.vendor}:{d.device}] rev {d.revision ?? '?'}
          {d.names?.subsystem ? `, ${d.names.subsystem}` : ''}
        </dd>
        <dt>class</dt>
        <dd>
          {d.class} {d.names?.class ?? ''}
        </dd>
        <dt>driver</dt>
        <dd class="driver-now">{d.driver ?? 'none'}</dd>
        <dt>IOMMU group</dt>
        <dd>{d.iommuGroup ?? 'none'}</dd>
        <dt>reset methods</dt>
        <dd>{d.resetMethods ? (d.resetMethods.length ? d.resetMethods.join(', ') : 'none') : 'unknown'}</dd>
        <dt>ROM BAR</dt>
        <dd>{d.hasRom ? 'yes' : 'no'}</dd>
        {d.bootVga && (
          <>
            <dt>boot VGA</dt>
            <dd>yes: the firmware's display</dd>
          </>
        )}
      </dl>
      {d.config?.truncated && <p class="warn">Config space read in part (not root): capabilities unknown.</p>}
      <h3>Capabilities</h3>
      <ul class="caps">
        {d.capabilities.map((c) => (
          <li>
            {c.extended ? 'ext ' : ''}[{c.offset}] {c.name ?? `id ${c.id}`}
            {c.version !== undefined ? ` v${c.version}` : ''}
          </li>
        ))}
        {!d.capabilities.length && <li>none listed</li>}
      </ul>
    </section>
  );
}

function ExplainPart({ e }: { e: Part<Explain> }) {
  if (e === null) return null;
  if (failed(e)) return <p class="warn">Group explanation unknown: {e.error.message}</p>;
  const group = e.kernelGroup ? e.kernelGroup.members : e.simulatedGroup;
  return (
    <section class="explain">
      <h3>Its group</h3>
      <p>
        {group.length <= 1
          ? 'Alone in its group: it can be assigned by itself.'
          : `Shares ${e.kernelGroup ? `IOMMU group ${e.kernelGroup.id}` : 'its simulated group'} with ${group.length - 1} other device(s).`}
      </p>
      {e.unknownReasons.map((r) => (
        <p class="warn">Cannot tell where isolation breaks: {r}</p>
      ))}
      <h3>ACS on the path to the root complex</h3>
      <ol class="path">
        {e.path.map((s) => (
          <li class={s.isolates === null ? 'unk' : s.isolates ? 'ok' : 'no'}>
            <b>{s.isolates === null ? '?' : s.isolates ? 'ok' : 'BREAK'}</b> {s.address} ({s.role}): {s.why}
            {s.evidence && (
              <span class="evidence">
                {' '}
                [
                {[
                  s.evidence.capRegister && `cap ${s.evidence.capRegister}`,
                  s.evidence.ctrlRegister && `ctrl ${s.evidence.ctrlRegister}`,
                  s.evidence.quirk && `quirk ${s.evidence.quirk}`,
                  s.evidence.requesterId && `requester ID ${s.evidence.requesterId}`,
                ]
                  .filter(Boolean)
                  .join(', ')}
                ]
              </span>
            )}
          </li>
        ))}
      </ol>
      {e.members.length > 0 && (
        <>
          <h3>Why the others are in the group</h3>
          <ul>
            {e.members.map((m) => (
              <li>
                {m.address}: {m.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>What if (pcie_acs_override=…)</h3>
      <table class="whatif">
        <tbody>
          {e.whatIf.map((w) => (
            <tr>
              <td>{w.override}</td>
              <td>
                {w.isolated ? 'alone in its group' : `group of ${w.group.length}: ${w.group.join(' ')}`}
              </td>
              <td>{w.changed ? '' : '(no change)'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {e.overrideCannotHelp && <p>No override can help here: {e.overrideCannotHelp}.</p>}
      <p class="warn">Risk: {e.risk}</p>
    </section>
  );
}

function RomPart({ r }: { r: Part<RomDoc> }) {
  if (r === null) return null;
  if (failed(r)) return <p class="warn">ROM in the snapshot unreadable: {r.error.message}</p>;
  return (
    <section class="rom">
      <h3>Option ROM (the snapshot's copy)</h3>
      <p>
        {r.bytesRead} bytes, {r.rom.images.length} image(s); UEFI: {r.verdict.uefi}
      </p>
      <ul>
        {r.verdict.reasons.map((x) => (
          <li>{x}</li>
        ))}
      </ul>
    </section>
  );
}
