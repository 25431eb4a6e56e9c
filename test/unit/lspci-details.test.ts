// External oracle for the capability decoders: lspci -vvv's decoded text for each capability
// (pciutils ls-caps.c / ls-ecaps.c) must say the same as vfiokit's decoders on the same bytes:
// PCIe port type, FLR, link, ARI forwarding; ACS capability and control bits; PM; MSI; MSI-X;
// SR-IOV; ARI; Resizable BAR; Device Serial Number. Fixture hosts and the lab snapshots.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { readPciDevices } from '../../src/host/pci-sysfs.js';
import { DirHostRoot } from '../../src/host/root.js';
import type { Capability, PciDevice } from '../../src/pci/types.js';
import { recordedVersionNote, withVersionNote } from '../helpers/debian-packages.js';
import { buildFixture, CLASS, desktop, type Fixture, type HostSpec } from '../helpers/fixture-builder.js';

const hasLspci = spawnSync('lspci', ['--version'], { stdio: 'ignore' }).status === 0;
const skip = !hasLspci && process.env.CI !== 'true';

/** lspci -vvv text per device and capability offset: the capability line and its detail lines. */
function lspciBlocks(sysBusPci: string): Map<string, Map<number, string>> {
  const r = spawnSync('lspci', ['-A', 'linux-sysfs', '-O', `sysfs.path=${sysBusPci}`, '-D', '-n', '-vvv'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  assert.equal(r.status, 0, r.stderr);
  const out = new Map<string, Map<number, string>>();
  let caps: Map<number, string> | undefined;
  let at: number | undefined;
  for (const line of r.stdout.split('\n')) {
    const dev = /^([0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]) /.exec(line);
    if (dev) {
      caps = new Map();
      out.set(dev[1], caps);
      at = undefined;
      continue;
    }
    const cap = /^\tCapabilities: \[([0-9a-f]+)/.exec(line);
    if (cap && caps) {
      at = parseInt(cap[1], 16);
      caps.set(at, line);
    } else if (line.startsWith('\t\t') && caps && at !== undefined) {
      caps.set(at, `${caps.get(at)}\n${line}`);
    } else {
      at = undefined;
    }
  }
  return out;
}

const pm = (b: unknown) => (b ? '+' : '-');
/** lspci's +/- flags are regex quantifiers: match them literally. */
const re = (strings: TemplateStringsArray, ...values: unknown[]) =>
  new RegExp(
    strings.raw
      .map((s, i) => s + (i < values.length ? String(values[i]).replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : ''))
      .join(''),
  );
const PORT_TEXT: Record<string, string> = {
  endpoint: 'Endpoint',
  'legacy-endpoint': 'Legacy Endpoint',
  'rc-integrated-endpoint': 'Root Complex Integrated Endpoint',
  'root-port': 'Root Port',
  'upstream-port': 'Upstream Port',
  'downstream-port': 'Downstream Port',
  'pcie-to-pci-bridge': 'PCI-Express to PCI/PCI-X Bridge',
};

/** Returns how many facts were checked for this capability. */
function check(d: PciDevice, cap: Capability, text: string): number {
  const where = `${d.address} [${cap.offset.toString(16)}] ${cap.name}`;
  const has = (re: RegExp, what: string) => assert.match(text, re, `${where}: ${what}\n${text}`);
  const det = cap.details ?? {};
  if (!cap.extended && cap.id === 0x10 && d.pcie) {
    has(re`Express \(v${d.pcie.version}\) ${PORT_TEXT[d.pcie.portType]}`, 'port type');
    if (['endpoint', 'legacy-endpoint', 'rc-integrated-endpoint'].includes(d.pcie.portType)) {
      has(re`FLReset${pm(d.pcie.flr)}`, 'FLR');
    }
    if (d.pcie.link?.width !== undefined)
      has(re`LnkSta:\s+Speed [^,]+, Width x${d.pcie.link.width}\b`, 'width');
    if (d.pcie.link?.speedGTs !== undefined) has(re`LnkSta:\s+Speed ${d.pcie.link.speedGTs}GT/s`, 'speed');
    if (d.pcie.ariForwarding !== undefined && /ARIFwd/.test(text))
      has(re`DevCap2:[^]*ARIFwd${pm(d.pcie.ariForwarding)}`, 'ARI forwarding');
    return 4;
  }
  if (cap.extended && cap.id === 0x0d && d.acs) {
    const a = d.acs;
    const bits = (w: 'capable' | 'enabled') =>
      [
        `SrcValid${pm(a.sourceValidation[w])}`,
        `TransBlk${pm(a.translationBlocking[w])}`,
        `ReqRedir${pm(a.requestRedirect[w])}`,
        `CmpltRedir${pm(a.completionRedirect[w])}`,
        `UpstreamFwd${pm(a.upstreamForwarding[w])}`,
        `EgressCtrl${pm(a.egressControl[w])}`,
        `DirectTrans${pm(a.directTranslatedP2P[w])}`,
      ].join(' ');
    assert.ok(text.includes(`ACSCap:\t${bits('capable')}`), `${where}: ACSCap\n${text}`);
    assert.ok(text.includes(`ACSCtl:\t${bits('enabled')}`), `${where}: ACSCtl\n${text}`);
    return 2;
  }
  if (!cap.extended && cap.id === 0x01) {
    has(re`Power Management version ${det.version}`, 'version');
    has(re`D1${pm(det.d1)} D2${pm(det.d2)}`, 'D1/D2');
    has(re`Status: ${det.powerState} NoSoftRst${pm(det.noSoftReset)}`, 'state, NoSoftRst');
    return 3;
  }
  if (!cap.extended && cap.id === 0x05) {
    has(
      re`MSI: Enable${pm(det.enabled)} Count=${det.vectorsEnabled}/${det.vectorsCapable} Maskable${pm(det.perVectorMasking)} 64bit${pm(det.address64)}`,
      'MSI',
    );
    return 1;
  }
  if (!cap.extended && cap.id === 0x11) {
    has(re`MSI-X: Enable${pm(det.enabled)} Count=${det.tableSize} Masked${pm(det.functionMask)}`, 'MSI-X');
    const [, bar, off] = /^BAR (\d) \+0x([0-9a-f]+)$/.exec(String(det.table)) ?? [];
    has(re`Vector table: BAR=${bar} offset=0*${off}\b`, 'table');
    return 2;
  }
  if (cap.extended && cap.id === 0x10) {
    has(re`IOVCtl:\s+Enable${pm(det.vfEnable)} `, 'VF enable');
    has(re`Total VFs: ${det.totalVfs}, Number of VFs: ${det.numVfs},`, 'VF counts');
    has(
      re`VF offset: ${det.firstVfOffset}, stride: ${det.vfStride}, Device ID: ${det.vfDeviceId}`,
      'VF layout',
    );
    return 3;
  }
  if (cap.extended && cap.id === 0x0e) {
    has(
      re`ARICap:\s+MFVC${pm(det.mfvc)} ACS${pm(det.acsFunctionGroups)}, Next Function: ${det.nextFunction}`,
      'ARI',
    );
    return 1;
  }
  if (cap.extended && (cap.id === 0x15 || cap.id === 0x24)) {
    for (const b of det.bars as { bar: number; current: string; supported: string[] }[]) {
      has(re`BAR ${b.bar}: current size: ${b.current}, supported: ${b.supported.join(' ')}`, 'ReBAR');
    }
    return 1;
  }
  if (cap.extended && cap.id === 0x03) {
    has(re`Device Serial Number ${det.serial}`, 'serial');
    return 1;
  }
  return 0;
}

function agreeDetails(rootDir: string, label: string): number {
  const blocks = lspciBlocks(path.join(rootDir, 'sys/bus/pci'));
  let facts = 0;
  for (const d of readPciDevices(new DirHostRoot(rootDir))) {
    const caps = blocks.get(d.address);
    assert.ok(caps, `${label}: lspci lists ${d.address}`);
    for (const cap of d.capabilities) {
      const text = caps.get(cap.offset);
      assert.ok(text, `${label} ${d.address}: lspci shows a capability at ${cap.offset.toString(16)}`);
      facts += check(d, cap, text);
    }
  }
  return facts;
}

const fixtures: Fixture[] = [];
after(() => {
  for (const f of fixtures) f.cleanup();
});

const rich: HostSpec = {
  rootComplexes: [
    ...desktop.rootComplexes,
    {
      domain: 1,
      devices: [
        {
          kind: 'root-port',
          acs: { cap: 0x7f, ctrl: 0x5d },
          link: { speed: 16, width: 8, maxSpeed: 32, maxWidth: 16 },
          children: [
            {
              kind: 'multi',
              functions: [
                {
                  class: CLASS.nvme,
                  dsn: 'fedcba9876543210',
                  vsec: true,
                  msix: 32,
                  ari: true,
                  pm: { noSoftReset: true },
                },
                {
                  class: CLASS.ethernet,
                  acs: { cap: 0x1d, ctrl: 0x01 },
                  msi: false,
                  vendorCap: true,
                  link: { speed: 2.5, width: 1 },
                },
              ],
            },
          ],
        },
      ],
    },
  ],
};

test('lspci -vvv decodes every capability the same way (fixture hosts)', { skip }, () => {
  // The wording compared is pciutils 3.9's (test/helpers/debian-packages.ts).
  const note = recordedVersionNote('pciutils');
  for (const [label, spec] of [
    ['desktop', desktop],
    ['rich', rich],
  ] as const) {
    const fx = buildFixture(spec);
    fixtures.push(fx);
    withVersionNote(note, () => {
      const facts = agreeDetails(fx.dir, label);
      assert.ok(facts >= 80, `${label}: only ${facts} facts compared`);
    });
  }
});

test('lspci -vvv decodes every capability the same way (real-kernel lab snapshots)', { skip }, () => {
  const note = recordedVersionNote('pciutils');
  const base = path.join(import.meta.dirname, '../fixtures');
  const labs = fs.readdirSync(base).filter((n) => n.startsWith('lab-'));
  // The four committed lab fixtures (desktop, legacy, noacs, server), each with its snapshot.
  assert.equal(labs.length, 4, `lab fixtures: ${labs.join(', ')}`);
  for (const name of labs) {
    assert.ok(fs.existsSync(path.join(base, name, 'snapshot/sys/bus/pci')), `${name}: no snapshot tree`);
    withVersionNote(note, () => {
      const facts = agreeDetails(path.join(base, name, 'snapshot'), name);
      assert.ok(facts > 10, `${name}: only ${facts} facts compared`);
    });
  }
});
