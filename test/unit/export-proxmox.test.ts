// `vfiokit export proxmox` read back the way Proxmox VE reads /etc/pve/mapping/pci.cfg. The reader
// below re-implements exactly the rules of:
// - pve-common src/PVE/SectionConfig.pm, parse_config: lines split on "\n"; lines matching
//   /^\s*#/ skipped; a section ends at an empty line; option lines /^\s+(\S+)(\s+(.*\S))?\s*$/;
//   array options repeat, any other option twice is "duplicate attribute"; other lines ignored
//   with a warning; check_config with create=1: every non-optional option present;
// - pve-guest-common src/PVE/Mapping/PCI.pm: parse_section_header /^(\S+)\s*$/ with
//   pve_verify_configid (pve-common JSONSchema.pm: $CONFIGID_RE = /[a-z][a-z0-9_-]+/i, anchored);
//   options description (maxLength 4096), mdev (boolean), map (array, required); map items are
//   property strings of $map_fmt: node (pve-node: /^([a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?)$/),
//   id and subsystem-id (/^[0-9A-Fa-f]{4}:[0-9A-Fa-f]{4}$/), path ("(?:PCI_RE;)*PCI_RE" with
//   PCI_RE "[a-f0-9]{4,}:[a-f0-9]{2}:[a-f0-9]{2}(?:\.[a-f0-9])?", anchored by check_prop),
//   iommugroup (integer, /^[+-]?\d+$/), description (maxLength 4096); node, id and path required;
// - JSONSchema.pm parse_property_string: split on ",", "key=value" (/^([^=]+)=(.+)$/), duplicate
//   keys and keys outside the format are errors;
// - PCI.pm assert_valid, run when a VM starts on the node: for each path (a path without a
//   function means function 0), id, subsystem-id and iommugroup must equal the node's sysfs
//   values (0x stripped), present exactly when sysfs has them; iommugroup only for the first path.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pciCfg, proxmoxExport } from '../../src/export/proxmox.js';
import { readHosts } from '../../src/fleet/pool.js';
import { openSnapshot } from '../../src/fleet/read-host.js';
import { buildFleetReport } from '../../src/fleet/report.js';
import type { HostRoot } from '../../src/host/root.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { buildGpuHost } from '../helpers/fleet-hosts.js';
import { assertValidJson } from '../helpers/json-schema.js';

const CONFIGID = /^[a-z][a-z0-9_-]+$/i;
const NODE = /^([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)$/;
const IDPAIR = /^[0-9A-Fa-f]{4}:[0-9A-Fa-f]{4}$/;
const PCI_RE = '[a-f0-9]{4,}:[a-f0-9]{2}:[a-f0-9]{2}(?:\\.[a-f0-9])?';
const PATH = new RegExp(`^(?:${PCI_RE};)*${PCI_RE}$`);

type MapEntry = Record<string, string>;
interface Section {
  id: string;
  description?: string;
  mdev?: string;
  map: MapEntry[];
}

function parseMap(v: string): MapEntry {
  const res: MapEntry = {};
  const fmt: Record<string, { re?: RegExp; required?: boolean; max?: number }> = {
    node: { re: NODE, required: true },
    id: { re: IDPAIR, required: true },
    'subsystem-id': { re: IDPAIR },
    path: { re: PATH, required: true },
    iommugroup: { re: /^[+-]?\d+$/ },
    description: { max: 4096 },
  };
  for (const part of v.split(',')) {
    if (/^\s*$/.test(part)) continue;
    const m = /^([^=]+)=(.+)$/.exec(part);
    if (!m) throw new Error(`value without key: ${part}`);
    if (m[1] in res) throw new Error(`duplicate key in comma-separated list property: ${m[1]}`);
    if (!fmt[m[1]]) throw new Error(`invalid key in comma-separated list property: ${m[1]}`);
    res[m[1]] = m[2];
  }
  for (const [k, f] of Object.entries(fmt)) {
    const x = res[k];
    if (x === undefined) {
      if (f.required) throw new Error(`${k}: property is missing and it is not optional`);
      continue;
    }
    if (f.re && !f.re.test(x)) throw new Error(`${k}: value does not match the regex pattern`);
    if (f.max && x.length > f.max) throw new Error(`${k}: too long`);
  }
  return res;
}

/** pci.cfg as parse_config reads it; any warning or error throws (Proxmox would skip the data). */
function parsePciCfg(raw: string): Section[] {
  const lines = raw.split('\n');
  const sections: Section[] = [];
  let i = 0;
  const nextline = (): string | undefined => {
    while (i < lines.length) {
      const l = lines[i++];
      if (!/^\s*#/.test(l)) return l;
    }
    return undefined;
  };
  while (i < lines.length) {
    const line = nextline();
    if (!line) continue;
    const h = /^(\S+)\s*$/.exec(line);
    if (!h) throw new Error(`ignore config line: ${line}`);
    if (!CONFIGID.test(h[1])) throw new Error(`invalid configuration ID '${h[1]}'`);
    const s: Section = { id: h[1], map: [] };
    const seen = new Set<string>();
    for (let l = nextline(); l; l = nextline()) {
      const m = /^\s+(\S+)(\s+(.*\S))?\s*$/.exec(l);
      if (!m) throw new Error(`ignore config line: ${l}`);
      const [k, v] = [m[1], m[3] ?? ''];
      if (k === 'map') s.map.push(parseMap(v));
      else if (k === 'description' || k === 'mdev') {
        if (seen.has(k)) throw new Error('duplicate attribute');
        seen.add(k);
        if (k === 'description' && v.length > 4096) throw new Error('description too long');
        if (k === 'mdev' && !/^[01]$/.test(v)) throw new Error('mdev: boolean');
        s[k] = v;
      } else throw new Error(`unknown property ${k}`);
    }
    if (!s.map.length) throw new Error(`missing value for required option 'map'`);
    sections.push(s);
  }
  return sections;
}

/** PCI.pm assert_valid for one map entry, against the node's own sysfs (its snapshot). */
function assertValid(root: HostRoot, e: MapEntry): void {
  e.path.split(';').forEach((p0, idx) => {
    const p = /\.[a-f0-9]/i.test(p0) ? p0 : `${p0}.0`;
    const dir = `/sys/bus/pci/devices/${p}`;
    assert.ok(root.exists(dir), `pci device '${p}' not found`);
    const attr = (n: string) => root.readAttr(`${dir}/${n}`)?.replace(/0x/g, '');
    const link = root.readLink(`${dir}/iommu_group`);
    const correct: Record<string, string | undefined> = {
      id: `${attr('vendor')}:${attr('device')}`,
      iommugroup: link?.split('/').at(-1),
      'subsystem-id': attr('subsystem_vendor') && `${attr('subsystem_vendor')}:${attr('subsystem_device')}`,
    };
    for (const k of Object.keys(correct).sort()) {
      if (k === 'iommugroup' && idx > 0) continue;
      assert.equal(e[k]?.replace(/0x/g, ''), correct[k], `'${k}' does not match for ${p} on ${e.node}`);
    }
  });
}

test('pci.cfg parses as Proxmox parses it and passes assert_valid on every node it names', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-pve-'));
  try {
    // pve1: both cards isolated. pve2: buses shifted (the same cards at other addresses), the
    // first card's group shared with a NIC. pve3: vendor driver (isolated; mapped, binding is
    // Proxmox's job at VM start).
    buildGpuHost({}, path.join(dir, 'pve1'));
    buildGpuHost({ shiftBuses: 2, sharedFirstGpu: true }, path.join(dir, 'pve2'));
    buildGpuHost({ driver: 'nvidia' }, path.join(dir, 'pve3'));
    const hosts = await readHosts(
      ['pve1', 'pve2', 'pve3'].map((n) => ({ name: n, path: path.join(dir, n) })),
      { jobs: 1 },
    );
    const e = proxmoxExport(buildFleetReport(hosts));
    const text = pciCfg(e.mappings);
    const sections = parsePciCfg(text);
    assert.equal(sections.length, 1);
    const maps = sections[0].map;
    assert.deepEqual(
      maps.map((m) => `${m.node} ${m.path} ${m.iommugroup}`),
      // The builder numbers groups in order: host bridge 0, then port and card per root port.
      [
        'pve1 0000:01:00 2',
        'pve1 0000:02:00 4',
        'pve2 0000:04:00 7',
        'pve3 0000:01:00 2',
        'pve3 0000:02:00 4',
      ],
    );
    for (const m of maps) assertValid(openSnapshot(path.join(dir, m.node)), m);
    assert.equal(maps.length, 5);
    assert.deepEqual(e.warnings, [
      '10de:1eb8 on pve2 (0000:03:00.0) left out: not assignable: group 5 is shared with 0000:03:01.0',
    ]);
    // The reader is not vacuous: what Proxmox rejects, it rejects.
    assert.throws(() => parsePciCfg(text.replace('id=10de:1eb8', 'id=10de:1eb8x')), /regex/);
    assert.throws(() => parsePciCfg(text.replace(/node=pve1/, 'node=pve_1')), /regex/);
    assert.throws(
      () => parsePciCfg(`1gpu\n${text.split('\n').slice(1).join('\n')}`),
      /invalid configuration ID/,
    );
    assert.throws(() => parsePciCfg(text.replace(/\tmap .*\n/g, '')), /required option 'map'/);
    assert.throws(
      () => assertValid(openSnapshot(path.join(dir, 'pve1')), { ...maps[0], iommugroup: '9' }),
      /iommugroup/,
    );

    const j = runCli([
      'export',
      'proxmox',
      '--json',
      ...['pve1', 'pve2', 'pve3'].map((n) => `${n}=${path.join(dir, n)}`),
    ]);
    assert.equal(j.status, 1);
    const doc = JSON.parse(j.stdout);
    assert.equal(doc.schema, 'vfiokit.export-proxmox/1');
    assertValidJson(doc, 'vfiokit.export-proxmox/1');
    const out = path.join(dir, 'pci.cfg');
    const w = runCli([
      'export',
      'proxmox',
      '-o',
      out,
      ...['pve1', 'pve3'].map((n) => `${n}=${path.join(dir, n)}`),
    ]);
    assert.equal(w.status, 0, w.stderr);
    assert.equal(parsePciCfg(fs.readFileSync(out, 'utf8'))[0].map.length, 4);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('lab snapshots: the QEMU NVMe is mapped on the server and left out where it shares a group', () => {
  const lab = (n: string) => `${n}=${path.join(repoRoot, `test/fixtures/lab-${n}/snapshot`)}`;
  const r = runCli(['export', 'proxmox', '--model', '1b36:0010', lab('noacs'), lab('server')]);
  assert.equal(r.status, 1);
  const s = parsePciCfg(r.stdout);
  const nvme = s.find((x) => x.map.some((m) => m.id === '1b36:0010'));
  assert.ok(nvme);
  assert.deepEqual(
    nvme.map.map((m) => `${m.node} ${m.path} ${m.iommugroup}`),
    ['server 0000:03:00.0 6'],
  );
  assertValid(openSnapshot(path.join(repoRoot, 'test/fixtures/lab-server/snapshot')), nvme.map[0]);
  assert.match(
    r.stderr,
    /1b36:0010 on noacs \(0000:02:00\.0\) left out: not assignable: group 1 is shared with 0000:01:00\.0, 0000:03:00\.0/,
  );
});
