// External oracle: pciutils' lspci reading the same sysfs tree must agree with
// `vfiokit devices --json` on every device's IDs, class and capability list (offsets and IDs).
// lspci's linux-sysfs method takes `sysfs.path` as the directory that holds `devices/`
// (default /sys/bus/pci; pciutils lib/sysfs.c), so a snapshot is read as SNAPSHOT/sys/bus/pci.
// Cases: fixture-built hosts (root and non-root reads), committed real-kernel snapshots under
// test/fixtures/lab-*/, and this machine's own /sys when it has PCI devices.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { recordedVersionNote, withVersionNote } from '../helpers/debian-packages.js';
import { buildFixture, CLASS, desktop, type Fixture, type HostSpec } from '../helpers/fixture-builder.js';

const hasLspci = spawnSync('lspci', ['--version'], { stdio: 'ignore' }).status === 0;
const ci = process.env.CI === 'true';

/** lspci's capability titles (ls-caps.c, ls-ecaps.c) → the IDs they stand for. */
const STANDARD: [RegExp, number[]][] = [
  [/^Power Management version/, [0x01]],
  [/^AGP version/, [0x02]],
  [/^Vital Product Data/, [0x03]],
  [/^Slot ID/, [0x04]],
  [/^MSI:/, [0x05]],
  [/^CompactPCI hot-swap/, [0x06]],
  [/^PCI-X/, [0x07]],
  [/^HyperTransport/, [0x08]],
  [/^Vendor Specific Information/, [0x09]],
  [/^Debug port/, [0x0a]],
  [/^CompactPCI central resource control/, [0x0b]],
  [/^Hot-plug capable/, [0x0c]],
  [/^Subsystem:/, [0x0d]],
  [/^AGP3/, [0x0e]],
  [/^Secure device/, [0x0f]],
  [/^Express/, [0x10]],
  [/^MSI-X/, [0x11]],
  [/^SATA HBA/, [0x12]],
  [/^PCI Advanced Features/, [0x13]],
  [/^Enhanced Allocation/, [0x14]],
];
const EXTENDED: [RegExp, number[]][] = [
  [/^Advanced Error Reporting/, [0x01]],
  [/^Virtual Channel/, [0x02, 0x09]],
  [/^Device Serial Number/, [0x03]],
  [/^Power Budgeting/, [0x04]],
  [/^Root Complex Internal Link/, [0x06]],
  [/^Root Complex Link/, [0x05]],
  [/^Root Complex Event Collector/, [0x07]],
  [/^Multi-Function Virtual Channel/, [0x08]],
  [/^Root Complex Register Block/, [0x0a]],
  [/^Vendor Specific Information/, [0x0b]],
  [/^Access Control Services/, [0x0d]],
  [/^Alternative Routing-ID Interpretation/, [0x0e]],
  [/^Address Translation Service/, [0x0f]],
  [/^Single Root I\/O Virtualization/, [0x10]],
  [/^Multi-Root I\/O Virtualization/, [0x11]],
  [/^Multicast/, [0x12]],
  [/^Page Request Interface/, [0x13]],
  [/^Physical Resizable BAR/, [0x15]],
  [/^Dynamic Power Allocation/, [0x16]],
  [/^Transaction Processing Hints/, [0x17]],
  [/^Latency Tolerance Reporting/, [0x18]],
  [/^Secondary PCI Express/, [0x19]],
  [/^Process Address Space ID/, [0x1b]],
  [/^Downstream Port Containment/, [0x1d]],
  [/^L1 PM Substates/, [0x1e]],
  [/^Precision Time Measurement/, [0x1f]],
  [/^Designated Vendor-Specific/, [0x23]],
  [/^VF Resizable BAR/, [0x24]],
  [/^Data Link Feature/, [0x25]],
  [/^Physical Layer 16.0 GT\/s/, [0x26]],
  [/^Lane Margining at the Receiver/, [0x27]],
  [/^Physical Layer 32.0 GT\/s/, [0x2a]],
  [/^Data Object Exchange/, [0x2e]],
];

interface LspciDevice {
  address: string;
  vendor: string;
  device: string;
  class: string;
  subsystem?: string;
  caps: { offset: number; extended: boolean; ids: number[]; title: string }[];
  accessDenied: boolean;
}

function idsFor(title: string, extended: boolean): number[] {
  const unknown = extended
    ? /^Extended Capability ID (0x[0-9a-f]+)/.exec(title)
    : /^#([0-9a-f]{2})/.exec(title);
  if (unknown) return [parseInt(unknown[1], 16)];
  const hit = (extended ? EXTENDED : STANDARD).find(([re]) => re.test(title));
  if (!hit) throw new Error(`lspci capability title not in the test's table: "${title}"`);
  return hit[1];
}

/** Parse `lspci -D -n -vvv`: header lines, "Subsystem:" and "Capabilities:" lines. */
export function parseLspci(out: string): LspciDevice[] {
  const devs: LspciDevice[] = [];
  let cur: LspciDevice | undefined;
  for (const line of out.split('\n')) {
    const h =
      /^([0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]) ([0-9a-f]{4}): ([0-9a-f]{4}):([0-9a-f]{4})(.*)$/.exec(
        line,
      );
    if (h) {
      const progIf = /\(prog-if ([0-9a-f]{2})/.exec(h[5]);
      cur = {
        address: h[1],
        class: `${h[2]}${progIf ? progIf[1] : '00'}`,
        vendor: h[3],
        device: h[4],
        caps: [],
        accessDenied: false,
      };
      devs.push(cur);
      continue;
    }
    if (!cur) continue;
    const sub = /^\tSubsystem: ([0-9a-f]{4}:[0-9a-f]{4})/.exec(line);
    if (sub) cur.subsystem = sub[1];
    if (/^\tCapabilities: <access denied>/.test(line)) cur.accessDenied = true;
    const cap = /^\tCapabilities: \[([0-9a-f]+)( v\d+)?\] (.*)$/.exec(line);
    if (cap) {
      const extended = cap[2] !== undefined;
      cur.caps.push({ offset: parseInt(cap[1], 16), extended, ids: idsFor(cap[3], extended), title: cap[3] });
    }
  }
  return devs;
}

interface VfiokitDevice {
  address: string;
  vendor: string;
  device: string;
  class: string;
  subsystemVendor?: string;
  subsystemDevice?: string;
  headerType?: number;
  config?: { unknown?: string[] };
  capabilities: { id: string; offset: string; extended: boolean }[];
}

/** Compares and returns how many devices and capabilities were compared. */
/** agree() with the pciutils version note on failure: the capability titles are pciutils 3.9's. */
function agree(sysBusPci: string, rootArgs: string[], label: string): { devices: number; caps: number } {
  let n = { devices: 0, caps: 0 };
  withVersionNote(recordedVersionNote('pciutils'), () => {
    n = agreeOnce(sysBusPci, rootArgs, label);
  });
  return n;
}

function agreeOnce(sysBusPci: string, rootArgs: string[], label: string): { devices: number; caps: number } {
  const l = spawnSync('lspci', ['-A', 'linux-sysfs', '-O', `sysfs.path=${sysBusPci}`, '-D', '-n', '-vvv'], {
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  assert.equal(l.status, 0, `lspci failed on ${label}: ${l.stderr}`);
  const theirs = parseLspci(l.stdout);
  const r = runCli([...rootArgs, '--json', 'devices']);
  assert.equal(r.status, 0, r.stderr);
  const ours: VfiokitDevice[] = JSON.parse(r.stdout).devices;
  assert.deepEqual(
    ours.map((d) => d.address),
    theirs.map((d) => d.address),
    `${label}: same devices in the same order`,
  );
  let caps = 0;
  theirs.forEach((t, i) => {
    const o = ours[i];
    const where = `${label} ${t.address}`;
    assert.equal(o.vendor, t.vendor, `${where} vendor`);
    assert.equal(o.device, t.device, `${where} device`);
    assert.equal(o.class, t.class, `${where} class`);
    // lspci prints Subsystem for type 0 headers only when the IDs are non-zero.
    if (t.subsystem)
      assert.equal(`${o.subsystemVendor}:${o.subsystemDevice}`, t.subsystem, `${where} subsystem`);
    if (t.accessDenied) {
      assert.ok(
        o.config?.unknown?.includes('capabilities'),
        `${where}: lspci was denied, vfiokit must say unknown`,
      );
      assert.equal(o.capabilities.length, 0, `${where}: no guessed capabilities`);
      return;
    }
    assert.equal(
      o.capabilities.length,
      t.caps.length,
      `${where}: capability count ${JSON.stringify(t.caps.map((c) => c.title))}`,
    );
    t.caps.forEach((tc, k) => {
      const oc = o.capabilities[k];
      assert.equal(parseInt(oc.offset, 16), tc.offset, `${where} capability ${k} offset`);
      assert.equal(oc.extended, tc.extended, `${where} capability at ${oc.offset} list`);
      assert.ok(
        tc.ids.includes(parseInt(oc.id, 16)),
        `${where} capability at ${oc.offset}: id ${oc.id} vs lspci "${tc.title}"`,
      );
      caps++;
    });
  });
  return { devices: theirs.length, caps };
}

const fixtures: Fixture[] = [];
after(() => {
  for (const f of fixtures) f.cleanup();
});

/** Every capability decoder, on several port types, plus conventional devices. */
const rich: HostSpec = {
  rootComplexes: [
    ...desktop.rootComplexes,
    {
      domain: 1,
      devices: [
        {
          kind: 'root-port',
          acs: { cap: 0x7f, ctrl: 0x5d },
          children: [
            {
              kind: 'multi',
              functions: [
                {
                  class: CLASS.nvme,
                  dsn: '0102030405060708',
                  vsec: true,
                  msix: 32,
                  ari: true,
                  pm: { noSoftReset: true },
                },
                { class: CLASS.ethernet, acs: true, msi: false, vendorCap: true },
              ],
            },
          ],
        },
      ],
    },
  ],
};

test('lspci agrees on fixture hosts (root reads): IDs, class, capability lists', {
  skip: !hasLspci && !ci,
}, () => {
  for (const [label, spec] of [
    ['desktop', desktop],
    ['rich', rich],
  ] as const) {
    const fx = buildFixture(spec);
    fixtures.push(fx);
    const n = agree(path.join(fx.dir, 'sys/bus/pci'), ['--root', fx.dir], label);
    assert.ok(
      n.devices >= 20 && n.caps >= 60,
      `${label}: ${n.devices} devices, ${n.caps} capabilities compared`,
    );
  }
});

test('lspci agrees on a non-root fixture: both see no capabilities (64-byte config)', {
  skip: !hasLspci && !ci,
}, () => {
  const fx = buildFixture({ ...desktop, nonRoot: true });
  fixtures.push(fx);
  agree(path.join(fx.dir, 'sys/bus/pci'), ['--root', fx.dir], 'desktop non-root');
});

test('lspci agrees on committed real-kernel snapshots (test/fixtures/lab-*)', {
  skip: !hasLspci && !ci,
}, async () => {
  const base = path.join(import.meta.dirname, '../fixtures');
  const labs = fs.readdirSync(base).filter((n) => n.startsWith('lab-'));
  // The four committed lab fixtures (desktop, legacy, noacs, server).
  assert.equal(labs.length, 4, `lab fixtures: ${labs.join(', ')}`);
  let compared = 0;
  for (const name of labs) {
    // A lab fixture holds the snapshot tree (made by `vfiokit snapshot` in the guest) in
    // snapshot/, or at its top, or as a .tar.gz.
    let dir = [path.join(base, name, 'snapshot'), path.join(base, name)].find((d) =>
      fs.existsSync(path.join(d, 'sys/bus/pci/devices')),
    );
    let tmp: string | undefined;
    if (!dir) {
      const archive = fs.readdirSync(path.join(base, name)).find((f) => /\.(tar\.gz|tgz)$/.test(f));
      if (!archive) continue;
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-lab-'));
      const tar = await import('tar');
      await tar.extract({ file: path.join(base, name, archive), cwd: tmp });
      dir = tmp;
    }
    try {
      const n = agree(path.join(dir, 'sys/bus/pci'), ['--root', dir], name);
      assert.ok(n.devices > 0, `${name}: no devices compared`);
      compared++;
    } finally {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  assert.equal(compared, labs.length, `lab fixtures ${labs.join(', ')}: some hold no snapshot tree`);
});

test('lspci agrees on this machine’s own sysfs', { skip: !hasLspci && !ci }, (t) => {
  if (!fs.existsSync('/sys/bus/pci/devices') || fs.readdirSync('/sys/bus/pci/devices').length === 0) {
    t.skip('no PCI devices in this environment');
    return;
  }
  agree('/sys/bus/pci', [], 'live /sys');
});
