// `vfiokit export nfd` against Node Feature Discovery's documented local feature file format
// (kubernetes-sigs/node-feature-discovery docs/usage/customization-guide.md, "Local feature
// source"), and the DaemonSet in deploy/kubernetes/ against the Kubernetes OpenAPI schema as the
// kubernetes-models package generates validators from it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { parseAllDocuments } from 'yaml';
import { nfdFile } from '../../src/export/nfd.js';
import { readHost } from '../../src/fleet/read-host.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { buildGpuHost } from '../helpers/fleet-hosts.js';
import { assertValidJson } from '../helpers/json-schema.js';

/**
 * The guide's rules, as a reader: `#` lines are comments, `# +expiry-time=RFC3339` sets the expiry
 * of the lines after it, `<key>[=<value>]` with "true" as the default value, unprefixed names get
 * `feature.node.kubernetes.io/`, files over 64 kB are ignored.
 */
function readNfd(text: string, now: Date): Map<string, string> {
  const out = new Map<string, string>();
  if (Buffer.byteLength(text) > 64 * 1024) return out;
  let expiry: Date | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const dir = /^#\s*\+expiry-time=(\S+)$/.exec(line);
    if (dir) {
      assert.match(dir[1], /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, 'RFC 3339');
      expiry = new Date(dir[1]);
      continue;
    }
    if (line.startsWith('#')) continue;
    if (expiry && expiry < now) continue;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    const value = eq < 0 ? 'true' : line.slice(eq + 1);
    out.set(key.includes('/') ? key : `feature.node.kubernetes.io/${key}`, value);
  }
  return out;
}

/** Kubernetes label syntax (concepts/overview/working-with-objects/labels). */
const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
function assertLabel(key: string, value: string): void {
  const [prefix, name] = key.split('/');
  assert.ok(prefix.length <= 253 && DNS1123_SUBDOMAIN.test(prefix), `prefix ${prefix}`);
  assert.ok(name.length <= 63 && NAME.test(name), `name ${name}`);
  assert.ok(value === '' || (value.length <= 63 && NAME.test(value)), `value ${value}`);
}

test("the reader follows the guide's own examples", () => {
  const now = new Date('2026-01-01T00:00:00Z');
  assert.deepEqual(
    Object.fromEntries(
      readNfd(
        'feature.node.kubernetes.io/my-feature.1\nfeature.node.kubernetes.io/my-feature.2=myvalue\nvendor.io/my-feature.3=456\n',
        now,
      ),
    ),
    {
      'feature.node.kubernetes.io/my-feature.1': 'true',
      'feature.node.kubernetes.io/my-feature.2': 'myvalue',
      'vendor.io/my-feature.3': '456',
    },
  );
  const expiring = [
    '# +expiry-time=2012-07-28T11:22:33Z',
    'vendor.io/feature1=featureValue',
    '',
    '# +expiry-time=2080-07-28T11:22:33Z',
    'vendor.io/feature2=featureValue2',
    '',
    '# +expiry-time=2070-07-28T11:22:33Z',
    'vendor.io/feature3=featureValue3',
    '',
    '# +expiry-time=2002-07-28T11:22:33Z',
    'vendor.io/feature4=featureValue4',
  ].join('\n');
  // "only vendor.io/feature2 and vendor.io/feature3 would be included"
  assert.deepEqual([...readNfd(expiring, now).keys()], ['vendor.io/feature2', 'vendor.io/feature3']);
});

test('the feature file of GPU hosts: labels valid, values as the fleet verdicts say', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-nfd-'));
  try {
    buildGpuHost({ sharedFirstGpu: true }, path.join(dir, 'shared'));
    buildGpuHost({ driver: 'nvidia' }, path.join(dir, 'hostdrv'));
    const now = new Date('2026-06-01T00:00:00Z');
    const shared = readNfd(
      nfdFile(readHost({ name: 's', path: path.join(dir, 'shared') }), {
        expiry: new Date('2026-06-01T00:15:00Z'),
      }),
      now,
    );
    const P = 'feature.node.kubernetes.io/';
    assert.deepEqual(Object.fromEntries(shared), {
      [`${P}vfiokit.iommu`]: 'true',
      [`${P}vfiokit.interrupt-remapping`]: 'true',
      [`${P}vfiokit-pci-10de_1eb8.present`]: 'true',
      [`${P}vfiokit-pci-10de_1eb8.count`]: '2',
      [`${P}vfiokit-pci-10de_1eb8.isolated`]: 'false',
      [`${P}vfiokit-pci-10de_1eb8.vfio`]: 'false',
      [`${P}vfiokit-pci-10de_1eb8.assignable`]: 'false',
      [`${P}vfiokit-pci-10de_1eb8.assignable-count`]: '1',
    });
    for (const [k, v] of shared) assertLabel(k, v);
    // After the expiry time NFD drops every label of the file.
    assert.equal(
      readNfd(
        nfdFile(readHost({ name: 's', path: path.join(dir, 'shared') }), { expiry: now }),
        new Date('2026-06-02T00:00:00Z'),
      ).size,
      0,
    );
    const hd = readNfd(nfdFile(readHost({ name: 'h', path: path.join(dir, 'hostdrv') })), now);
    assert.equal(hd.get(`${P}vfiokit-pci-10de_1eb8.isolated`), 'true');
    assert.equal(hd.get(`${P}vfiokit-pci-10de_1eb8.vfio`), 'false');
    assert.equal(hd.get(`${P}vfiokit-pci-10de_1eb8.assignable`), 'true');

    // The CLI: -o writes atomically (no dot file left), --json is documented.
    const out = path.join(dir, 'features.d');
    fs.mkdirSync(out);
    const r = runCli([
      '--root',
      path.join(dir, 'shared'),
      'export',
      'nfd',
      '--ttl',
      '600',
      '-o',
      path.join(out, 'vfiokit'),
    ]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(fs.readdirSync(out), ['vfiokit']);
    const written = fs.readFileSync(path.join(out, 'vfiokit'), 'utf8');
    assert.match(written, /^# \+expiry-time=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/m);
    assert.equal(readNfd(written, new Date()).size, 8);
    const j = runCli(['--root', path.join(dir, 'shared'), 'export', 'nfd', '--json']);
    const doc = JSON.parse(j.stdout);
    assert.equal(doc.schema, 'vfiokit.export-nfd/1');
    assertValidJson(doc, 'vfiokit.export-nfd/1');
    const bad = runCli(['--root', path.join(dir, 'shared'), 'export', 'nfd', '--ttl', 'soon']);
    assert.equal(bad.status, 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('deploy/kubernetes/vfiokit-nfd.yaml is a valid DaemonSet: privileged, host mounts read-only', () => {
  const docs = parseAllDocuments(
    fs.readFileSync(path.join(repoRoot, 'deploy/kubernetes/vfiokit-nfd.yaml'), 'utf8'),
  );
  assert.equal(docs.length, 1);
  const obj = docs[0].toJS();
  // Throws with the first schema violation (generated from the Kubernetes OpenAPI definitions).
  new DaemonSet(obj).validate();
  // A mistake the schema catches, so the check above is not vacuous.
  const broken = structuredClone(obj);
  broken.spec.template.spec.containers[0].securityContext.privileged = 'yes';
  assert.throws(() => new DaemonSet(broken).validate(), /privileged must be boolean/);
  const pod = obj.spec.template.spec;
  const c = pod.containers[0];
  assert.equal(c.securityContext.privileged, true);
  const hostPaths = new Map<string, string>(
    pod.volumes
      .filter((v: { hostPath?: unknown }) => v.hostPath)
      .map((v: { name: string; hostPath: { path: string } }) => [v.name, v.hostPath.path]),
  );
  const mounts = c.volumeMounts as { name: string; mountPath: string; readOnly?: boolean }[];
  let readOnly = 0;
  for (const m of mounts) {
    const host = hostPaths.get(m.name);
    if (host === '/etc/kubernetes/node-feature-discovery/features.d') {
      assert.equal(m.mountPath, host);
      assert.notEqual(m.readOnly, true);
    } else if (host) {
      assert.equal(m.readOnly, true, `${host} must be mounted read-only`);
      assert.equal(m.mountPath, `/host${host}`);
      readOnly++;
    }
  }
  assert.equal(readOnly, 5);
  assert.ok([...hostPaths.values()].includes('/sys') && [...hostPaths.values()].includes('/proc'));
  assert.match(
    c.args[0],
    /vfiokit --root \/host export nfd --ttl \d+ \\\n\s+-o \/etc\/kubernetes\/node-feature-discovery\/features\.d\/vfiokit/,
  );
});
