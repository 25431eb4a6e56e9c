/** The dashboard's shell: the root being looked at, read-only status, and the five pages. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { errorText, get, setRoot } from './api';
import { Binding } from './bind';
import { Diagnose } from './diagnose';
import { Doctor } from './doctor';
import { Topology } from './topology';
import { VmBuilder } from './vm';
import './style.css';

interface Info {
  version: string;
  roots: { id: string; label: string; live: boolean }[];
  readOnly: string | null;
}

const PAGES = [
  ['topology', 'Topology'],
  ['doctor', 'Doctor'],
  ['vm', 'VM builder'],
  ['bind', 'Binding'],
  ['diagnose', 'Diagnose'],
] as const;
type Page = (typeof PAGES)[number][0];

function pageFromHash(): Page {
  const h = location.hash.slice(1);
  return (PAGES.find(([id]) => id === h)?.[0] ?? 'topology') as Page;
}

function App() {
  const [info, setInfo] = useState<Info | null>(null);
  const [error, setError] = useState('');
  const [page, setPage] = useState<Page>(pageFromHash());
  const [rootId, setRootId] = useState('');
  useEffect(() => {
    get<Info>('/info')
      .then((i) => {
        setInfo(i);
        setRoot(i.roots[0].id);
        setRootId(i.roots[0].id);
      })
      .catch((e) => setError(errorText(e)));
    const onHash = () => setPage(pageFromHash());
    window.addEventListener('hashchange', onHash);
    // Effects run after the first paint: a hash that changed between the first render and this
    // subscription (a link followed while the page loads) is read here, not lost.
    onHash();
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  if (error) return <p class="error">{error}</p>;
  if (!info || !rootId) return <p class="loading">Connecting…</p>;
  return (
    <>
      <header>
        <h1>vfiokit</h1>
        <nav>
          {PAGES.map(([id, title]) => (
            <a href={`#${id}`} class={page === id ? 'active' : ''} data-page={id}>
              {title}
            </a>
          ))}
        </nav>
        <select
          aria-label="root"
          value={rootId}
          onChange={(e) => {
            const id = (e.target as HTMLSelectElement).value;
            setRoot(id);
            setRootId(id);
          }}
        >
          {info.roots.map((r) => (
            <option value={r.id}>{r.label}</option>
          ))}
        </select>
        <span class={info.readOnly ? 'mode ro' : 'mode rw'} title={info.readOnly ?? 'binding allowed'}>
          {info.readOnly ? 'read-only' : 'can bind'}
        </span>
      </header>
      <main data-root={rootId}>
        {page === 'topology' && <Topology rootId={rootId} />}
        {page === 'doctor' && <Doctor rootId={rootId} />}
        {page === 'vm' && <VmBuilder rootId={rootId} />}
        {page === 'bind' && <Binding rootId={rootId} readOnly={info.readOnly} />}
        {page === 'diagnose' && <Diagnose />}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
