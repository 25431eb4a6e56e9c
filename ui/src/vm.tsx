/** VM builder: a spec (docs/vm.md) in, `vfiokit config qemu` and `config libvirt` out, side by side. */
import { useEffect, useState } from 'preact/hooks';
import { errorText, post } from './api';

const EXAMPLE = `# A VM spec (docs/vm.md). Edit, or load a file, then Render.
name: win11
memory: 16G
cpu:
  cores: 4
firmware:
  type: ovmf
# devices:
#   - gpuOfGroup: 6
disks:
  - file: /var/lib/vfiokit/win11.qcow2
    format: qcow2
`;

interface VmDoc {
  qemu: { argv: string[]; notes: string[]; warnings: string[] };
  qemuShell: string;
  libvirt: { xml: string; notes: string[]; warnings: string[] };
}

function useDownload(text: string | undefined, type: string): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (text === undefined) return;
    const u = URL.createObjectURL(new Blob([text], { type }));
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [text]);
  return url;
}

// long: one component: its state hooks and the markup they drive
export function VmBuilder(props: { rootId: string }) {
  const [spec, setSpec] = useState(EXAMPLE);
  const [doc, setDoc] = useState<VmDoc | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const render = () => {
    setBusy(true);
    setError('');
    post<VmDoc>('/vm/render', { spec })
      .then(setDoc)
      .catch((e) => {
        setDoc(null);
        setError(errorText(e));
      })
      .finally(() => setBusy(false));
  };
  const load = (e: Event) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (!f) return;
    if (f.size > 1024 * 1024) {
      setError(`${f.name} is ${f.size} bytes: not a VM spec`);
      return;
    }
    f.text().then(setSpec);
  };
  const qemuText = doc ? `${doc.qemuShell}\n` : undefined;
  const qemuUrl = useDownload(qemuText, 'text/x-shellscript');
  const xmlUrl = useDownload(doc?.libvirt.xml, 'application/xml');
  const name = (doc && /^\S+/.exec(spec.match(/^name:\s*(\S+)/m)?.[1] ?? 'vm')?.[0]) || 'vm';
  useEffect(() => setDoc(null), [props.rootId]);
  return (
    <div class="vm">
      <div class="spec">
        <textarea
          aria-label="VM spec"
          spellcheck={false}
          value={spec}
          onInput={(e) => setSpec((e.target as HTMLTextAreaElement).value)}
        />
        <div class="row">
          <button type="button" class="primary" onClick={render} disabled={busy}>
            Render
          </button>
          <label class="file">
            Load spec… <input type="file" accept=".yaml,.yml,.json,text/*" onChange={load} />
          </label>
        </div>
        {error && <p class="error">{error}</p>}
        {doc &&
          [
            ...doc.qemu.warnings,
            ...doc.qemu.notes,
            ...doc.libvirt.notes.filter((n) => !doc.qemu.notes.includes(n)),
          ].map((n) => <p class="warn">{n}</p>)}
      </div>
      {doc && (
        <div class="outputs">
          <section>
            <h3>
              QEMU command line{' '}
              <a href={qemuUrl} download={`${name}.sh`}>
                download
              </a>
            </h3>
            <pre class="qemu">{doc.qemuShell}</pre>
          </section>
          <section>
            <h3>
              libvirt domain XML{' '}
              <a href={xmlUrl} download={`${name}.xml`}>
                download
              </a>
            </h3>
            <pre class="libvirt">{doc.libvirt.xml.replace(/\n$/, '')}</pre>
          </section>
        </div>
      )}
    </div>
  );
}
