/**
 * The dashboard's API reads a root once and keeps the answers (src/ui/api.ts, "reading"): what it
 * keeps must be what the CLI prints (byte for byte, against `vfiokit … --json` run as a separate
 * process over the same root), and on a root that changes (bind through the dashboard, or a
 * driver change by another tool) the next answer must show the change. The bind runs over the
 * simulated sysfs (test/helpers/fake-sysfs.ts: a mock, as a kernel that binds cannot run in a
 * unit test). No browser: the API functions are called directly.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { type ApiState, apiGet, apiPost, RawJson } from '../../src/ui/api.js';
import { runCli } from '../helpers/cli.js';
import { fakeHost, type Lab, labSnapshot } from '../helpers/fake-sysfs.js';
import { assertValidJson } from '../helpers/json-schema.js';

const LABS: Lab[] = ['desktop', 'legacy', 'noacs', 'server'];

function state(root: string, extra: Partial<ApiState> = {}): ApiState {
  return {
    roots: [{ id: 'r', label: 'r', source: { root }, live: false }],
    readOnly: 'serving a snapshot',
    version: 'test',
    ...extra,
  };
}

const q = new URLSearchParams();

async function text(s: ApiState, route: string): Promise<string> {
  const a = await apiGet(s, route, q);
  assert.equal(a.status, 200, route);
  assert.ok(a.body instanceof RawJson, route);
  return a.body.text;
}

interface TopologyDoc {
  devices: { address: string; driver?: string; iommuGroup?: number; sysfsPath: string }[];
  groups: { groups: { id: number; devices: { address: string }[] }[] } | { error: { code: string } };
}

async function topology(s: ApiState): Promise<TopologyDoc> {
  const a = await apiGet(s, '/topology', q);
  assert.equal(a.status, 200);
  const doc = JSON.parse((a.body as RawJson).text) as TopologyDoc;
  assertValidJson(doc, 'vfiokit.ui-topology/1');
  return doc;
}

test('devices and groups from one shared reading are byte-equal to the CLI, for every lab snapshot', async () => {
  let compared = 0;
  for (const lab of LABS) {
    const root = labSnapshot(lab);
    const s = state(root);
    // The topology first: it reads devices and groups through the one reading, as a page does.
    const topo = await topology(s);
    const cli = (cmd: string) => runCli(['--root', root, '--json', cmd]);
    const devices = cli('devices');
    assert.equal(devices.status, 0, devices.stderr);
    assert.equal(await text(s, '/devices'), devices.stdout.trimEnd(), `${lab} devices`);
    const groups = cli('groups');
    if (groups.status === 0) {
      assert.equal(await text(s, '/groups'), groups.stdout.trimEnd(), `${lab} groups`);
      const doc = JSON.parse(groups.stdout) as { groups: { id: number }[] };
      assert.ok('groups' in topo.groups, lab);
      assert.deepEqual(
        topo.groups.groups.map((g) => g.id),
        doc.groups.map((g) => g.id),
      );
    } else {
      // IOMMU off: the same refusal (exit 3, iommu.off), which the page answers with --simulate.
      assert.equal(groups.status, 3, `${lab}: ${groups.stderr}`);
      await assert.rejects(apiGet(s, '/groups', q), { code: 'iommu.off' });
      assert.ok('error' in topo.groups && topo.groups.error.code === 'iommu.off', lab);
    }
    // Every function of the snapshot (the kernel's listing) is in the topology.
    const listed = fs.readdirSync(path.join(root, 'sys/bus/pci/devices')).sort();
    assert.deepEqual(
      topo.devices.map((d) => d.address),
      listed,
    );
    // A snapshot is kept: the second look is the same answer, not a second scan.
    assert.equal((await apiGet(s, '/devices', q)).body, (await apiGet(s, '/devices', q)).body);
    compared++;
  }
  assert.equal(compared, LABS.length);
});

test('after a bind through the dashboard, and after a driver change by another tool, the kept answers change', async () => {
  const h = fakeHost('desktop');
  try {
    const s = state(h.dir, { readOnly: undefined, bindDeps: { io: h.fake, writer: h.writer } });
    const driverOf = async (bdf: string) =>
      (await topology(s)).devices.find((d) => d.address === bdf)?.driver;
    const gpu = '0000:01:00.0';
    const audio = '0000:01:00.1';
    const before = h.fake.binding(gpu)?.driver;
    assert.notEqual(before, 'vfio-pci');
    assert.equal(await driverOf(gpu), before);
    const kept = (await apiGet(s, '/devices', q)).body;
    // Unchanged root: the kept answer.
    assert.equal((await apiGet(s, '/devices', q)).body, kept);

    const bound = await apiPost(s, '/bind/apply', q, { targets: [gpu], force: true });
    assert.equal(bound.status, 200);
    assert.equal(h.fake.binding(gpu)?.driver, 'vfio-pci');
    assert.equal(await driverOf(gpu), 'vfio-pci');
    assert.equal(await driverOf(audio), 'vfio-pci');
    const devices = JSON.parse(await text(s, '/devices')) as {
      devices: { address: string; driver?: string }[];
    };
    assert.equal(devices.devices.find((d) => d.address === gpu)?.driver, 'vfio-pci');
    // The groups document agrees with the CLI run over the changed tree.
    const cli = runCli(['--root', h.dir, '--json', 'groups']);
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(await text(s, '/groups'), cli.stdout.trimEnd());

    // Another tool unbinds the audio function (the dashboard did not do it): the signature of
    // the root changed, so the next answer is read anew.
    const unbind = await h.fake.write('/sys/bus/pci/drivers/vfio-pci/unbind', audio, { timeoutMs: 5000 });
    assert.deepEqual(unbind, { ok: true });
    assert.equal(h.fake.binding(audio)?.driver ?? null, null);
    assert.equal(await driverOf(audio), undefined);

    const restored = await apiPost(s, '/bind/apply', q, { mode: 'release', targets: [gpu], force: true });
    assert.equal(restored.status, 200);
    assert.equal(await driverOf(gpu), before);
  } finally {
    h.cleanup();
  }
});
