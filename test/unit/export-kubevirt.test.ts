// `vfiokit export kubevirt` against KubeVirt's API schema. No npm package carries KubeVirt's
// OpenAPI document or CRD schema itself; @kubevirt-ui-ext/kubevirt-api is generated from that
// OpenAPI document (openapi-generator, "KubeVirt API", kubevirt-dev), as TypeScript types and
// per-type JSON converters. The CR is checked three ways with it: its required-field checks
// (instanceOfV1*), a round trip through its converters (which keep only the schema's fields, so an
// unknown or misplaced field is lost and the round trip differs), and TypeScript type-checking
// of spec.configuration as a V1KubeVirtConfiguration (types, required fields, excess properties).
// The types are the generator's in-memory models, which rename KubeVirtSpec's `configuration` to
// `_configuration` (a name the generator reserves); the converters map it to the wire name, so
// the levels above the configuration are checked by the round trip only.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import * as kv from '@kubevirt-ui-ext/kubevirt-api/kubevirt';
import ts from 'typescript';
import { parse } from 'yaml';
import { kubevirtExport, kubevirtYaml } from '../../src/export/kubevirt.js';
import { readHosts } from '../../src/fleet/pool.js';
import { buildFleetReport } from '../../src/fleet/report.js';
import { loadPciIds } from '../../src/host/pci-ids.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { buildGpuHost } from '../helpers/fleet-hosts.js';
import { assertDocumented } from '../helpers/json-docs.js';

/** The CR's shape down to the device list, loose enough to hold a wrong field for the tests. */
interface Cr {
  spec: { configuration: { permittedHostDevices: { pciHostDevices?: Record<string, unknown>[] } } };
}

function schemaErrors(cr: unknown): string[] {
  const errors: string[] = [];
  const c = cr as Cr & object;
  if (!kv.instanceOfV1KubeVirt(c)) errors.push('V1KubeVirt: required fields');
  if (!kv.instanceOfV1KubeVirtSpec(c.spec)) errors.push('V1KubeVirtSpec: required fields');
  if (!kv.instanceOfV1KubeVirtConfiguration(c.spec.configuration)) errors.push('V1KubeVirtConfiguration');
  const p = c.spec.configuration.permittedHostDevices;
  if (!kv.instanceOfV1PermittedHostDevices(p)) errors.push('V1PermittedHostDevices');
  for (const d of p.pciHostDevices ?? [])
    if (!kv.instanceOfV1PciHostDevice(d)) errors.push(`V1PciHostDevice ${JSON.stringify(d)}`);
  const back = JSON.parse(JSON.stringify(kv.V1KubeVirtToJSON(kv.V1KubeVirtFromJSON(c))));
  try {
    assert.deepEqual(back, cr);
  } catch {
    errors.push(`fields outside the schema: ${JSON.stringify(cr)} → ${JSON.stringify(back)}`);
  }
  return errors;
}

/** TypeScript diagnostics per CR (by index), all in one program: creating one takes seconds. */
function typeErrors(crs: unknown[]): string[][] {
  const dir = fs.mkdtempSync(path.join(repoRoot, '.kubevirt-typecheck-'));
  try {
    const file = path.join(dir, 'cr.ts');
    fs.writeFileSync(
      file,
      `import type { V1KubeVirtConfiguration } from '@kubevirt-ui-ext/kubevirt-api/kubevirt';\n${crs
        .map(
          (cr, i) =>
            `export const c${i}: V1KubeVirtConfiguration = ${JSON.stringify((cr as Cr).spec.configuration)};`,
        )
        .join('\n')}\n`,
    );
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      skipLibCheck: true,
    });
    const out: string[][] = crs.map(() => []);
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
      (out[line - 1] ?? out[0]).push(ts.flattenDiagnosticMessageText(d.messageText, ' '));
    }
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('the KubeVirt CR part validates against the KubeVirt API schema; unassignable hosts are warnings', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-kv-'));
  try {
    buildGpuHost({}, path.join(dir, 'node-a'));
    buildGpuHost({ sharedFirstGpu: true }, path.join(dir, 'node-b'));
    // A second model (an AMD card, 1002:73bf) that is assignable nowhere: no IOMMU.
    buildGpuHost(
      { vendor: 0x1002, device: 0x73bf, subsystem: [0x1002, 0x0e3a], iommu: false },
      path.join(dir, 'node-c'),
    );
    const report = buildFleetReport(
      await readHosts(
        [
          { name: 'node-a', path: path.join(dir, 'node-a') },
          { name: 'node-b', path: path.join(dir, 'node-b') },
          { name: 'node-c', path: path.join(dir, 'node-c') },
        ],
        { jobs: 1 },
      ),
    );
    const e = kubevirtExport(report);
    const list = e.cr.spec.configuration.permittedHostDevices.pciHostDevices;
    assert.equal(list.length, 1);
    assert.equal(list[0].pciVendorSelector, '10de:1eb8');
    // KubeVirt's own documentation names this device's resource nvidia.com/TU104GL_Tesla_T4, from
    // the pci.ids name "TU104GL [Tesla T4]".
    if (loadPciIds().device(0x10de, 0x1eb8) === 'TU104GL [Tesla T4]')
      assert.equal(list[0].resourceName, 'nvidia.com/TU104GL_Tesla_T4');
    assert.deepEqual(e.warnings.length, 2);
    assert.match(e.warnings[0], /^1002:73bf left out: assignable on no host \(node-c: .*IOMMU off/);
    assert.match(
      e.warnings[1],
      /^10de:1eb8 is not assignable on node-b: 0000:01:00\.0: group 1 is shared with 0000:01:01\.0/,
    );
    assert.deepEqual(schemaErrors(e.cr), []);
    // The YAML says the same as the object.
    assert.deepEqual(parse(kubevirtYaml(e)), e.cr);
    const ext = kubevirtExport(report, { externalResourceProvider: true, resourceDomain: 'example.com' });
    assert.deepEqual(schemaErrors(ext.cr), []);
    assert.match(
      ext.cr.spec.configuration.permittedHostDevices.pciHostDevices[0].resourceName,
      /^example\.com\//,
    );
    // The checks catch a wrong CR: a misplaced field and a wrong type.
    const wrong = structuredClone(e.cr) as unknown as Cr;
    (wrong.spec.configuration.permittedHostDevices.pciHostDevices ?? [])[0].vendorSelector = '10de:1eb8';
    assert.equal(schemaErrors(wrong).length, 1);
    const typed = structuredClone(e.cr) as unknown as Cr;
    (typed.spec.configuration.permittedHostDevices.pciHostDevices ?? [])[0].externalResourceProvider = 'yes';
    const [good, goodExt, te1, te2] = typeErrors([e.cr, ext.cr, wrong, typed]);
    assert.deepEqual([good, goodExt], [[], []]);
    assert.ok(
      te1.some((m) => /'"vendorSelector"' does not exist in type 'V1PciHostDevice'/.test(m)),
      te1.join('; '),
    );
    assert.ok(
      te2.some((m) => /Type 'string' is not assignable to type 'boolean/.test(m)),
      te2.join('; '),
    );

    const r = runCli([
      'export',
      'kubevirt',
      '--json',
      `node-a=${path.join(dir, 'node-a')}`,
      `node-b=${path.join(dir, 'node-b')}`,
    ]);
    assert.equal(r.status, 1);
    const j = JSON.parse(r.stdout);
    assert.equal(j.schema, 'vfiokit.export-kubevirt/1');
    assert.deepEqual(schemaErrors(j.kubevirt), []);
    assertDocumented('export-kubevirt', j);
    const y = runCli([
      'export',
      'kubevirt',
      `node-a=${path.join(dir, 'node-a')}`,
      `node-b=${path.join(dir, 'node-b')}`,
    ]);
    assert.deepEqual(parse(y.stdout), j.kubevirt);
    assert.match(y.stderr, /^vfiokit: warning: 10de:1eb8 is not assignable on node-b: /);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
