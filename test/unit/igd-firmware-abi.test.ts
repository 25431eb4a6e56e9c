// The IGD firmware ABI (QEMU docs/igd-assign.txt "Developer ABI"): `igd plan` against the ABI's
// own rules (below 4 GiB, 4 KiB-aligned OpRegion at least the file's size, 1 MiB-aligned stolen
// memory of exactly the size in the 8-byte little-endian file, no overlap), and `igd verify` on
// guest trees: honoured, broken in each way, files nobody consumed, no files, no fw_cfg at all.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { VfiokitError } from '../../src/errors.js';
import { defaultLowRam, FOUR_GIB, parseBdsmSize, planIgd } from '../../src/igd/plan.js';
import { runCli } from '../helpers/cli.js';
import { buildFixture, CLASS, type FunctionSpec } from '../helpers/fixture-builder.js';
import { igdRegisters } from '../helpers/igd-hosts.js';
import { buildOpRegion } from '../helpers/opregion-image.js';

const le64 = (v: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(v);
  return b;
};

test('plan: the ABI rules hold for any sizes that fit', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 256, max: 64 * 1024 }),
      fc.integer({ min: 0, max: 1024 }).map((m) => BigInt(m) * 1024n * 1024n),
      fc.integer({ min: 1, max: 16 }).map((g) => BigInt(g) * 512n * 1024n * 1024n),
      fc.constantFrom<'pc' | 'q35'>('pc', 'q35'),
      fc.boolean(),
      (op, stolen, mem, machine, b64) => {
        const ram = defaultLowRam(machine, mem);
        let p: ReturnType<typeof planIgd>;
        try {
          p = planIgd(op, stolen, ram, b64);
        } catch (e) {
          assert.ok(e instanceof VfiokitError && e.code === 'igd.plan');
          assert.ok(stolen + BigInt(op) + 2n * 1048576n > ram.end + 1n, 'refused only when it cannot fit');
          return;
        }
        const o = p.regions.find((r) => r.what === 'opregion')!;
        const s = p.regions.find((r) => r.what === 'stolen');
        assert.equal(BigInt(o.start) % 0x1000n, 0n);
        assert.ok(BigInt(o.end) - BigInt(o.start) + 1n >= BigInt(op));
        assert.ok(BigInt(o.end) <= ram.end && BigInt(o.end) < FOUR_GIB);
        assert.equal(o.register.value, o.start);
        if (stolen === 0n) assert.equal(s, undefined);
        else {
          assert.ok(s);
          assert.equal(BigInt(s.start) % 0x100000n, 0n);
          assert.equal(BigInt(s.end) - BigInt(s.start) + 1n, stolen);
          assert.ok(BigInt(s.end) <= ram.end);
          assert.ok(BigInt(o.end) < BigInt(s.start) || BigInt(s.end) < BigInt(o.start), 'no overlap');
          assert.equal(s.register.offset, b64 ? '0xc0' : '0x5c');
          assert.equal(BigInt(s.register.value), BigInt(s.start));
        }
      },
    ),
    { numRuns: 400, seed: 15 },
  );
});

test('plan: one case by hand (4 GiB i440fx guest: low RAM ends at 3 GiB)', () => {
  const p = planIgd(8192, 64n * 1024n * 1024n, defaultLowRam('pc', 4n << 30n));
  assert.deepEqual(p.ram, { start: '0x00000000', end: '0xbfffffff' });
  // Stolen: 0xc0000000 - 64 MiB = 0xbc000000; OpRegion: 0xbc000000 - 8 KiB = 0xbbffe000.
  assert.deepEqual(
    p.regions.map((r) => [r.what, r.start, r.end, r.register.name, r.register.value]),
    [
      ['stolen', '0xbc000000', '0xbfffffff', 'BDSM', '0xbc000000'],
      ['opregion', '0xbbffe000', '0xbbffffff', 'ASLS', '0xbbffe000'],
    ],
  );
});

test('etc/igd-bdsm-size is exactly 8 bytes, little-endian', () => {
  assert.equal(parseBdsmSize(le64(0x4000000n)), 0x4000000n);
  for (const n of [0, 4, 7, 9]) assert.throws(() => parseBdsmSize(new Uint8Array(n)), /must be 8 bytes/);
});

test('vfiokit igd plan with files and --json', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-igdplan-'));
  try {
    fs.writeFileSync(path.join(dir, 'op'), buildOpRegion());
    fs.writeFileSync(path.join(dir, 'sz'), le64(32n * 1024n * 1024n));
    const r = runCli([
      '--json',
      'igd',
      'plan',
      '--opregion',
      path.join(dir, 'op'),
      '--bdsm-size',
      path.join(dir, 'sz'),
      '--memory',
      '2G',
      '--machine',
      'q35',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.schema, 'vfiokit.igd.plan/1');
    // q35 with 2 GiB: all RAM below the hole; stolen 0x7e000000, OpRegion 0x7dffe000.
    assert.equal(doc.regions[0].start, '0x7e000000');
    assert.equal(doc.regions[1].start, '0x7dffe000');
    const bad = runCli([
      'igd',
      'plan',
      '--opregion',
      path.join(dir, 'op'),
      '--bdsm-size',
      path.join(dir, 'op'),
      '--memory',
      '2G',
    ]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^vfiokit: .* is 8192 bytes, too large for etc\/igd-bdsm-size/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// ---- verify ---------------------------------------------------------------------------------

interface GuestSpec {
  files?: boolean;
  fwCfg?: boolean;
  igd?: FunctionSpec;
  iomem?: string;
  memmap?: [string, string, string][];
  bdsmSize?: bigint;
}

const i440fx: FunctionSpec = {
  vendor: 0x8086,
  device: 0x1237,
  class: CLASS.hostBridge,
  pcie: false,
  group: 0,
};

function verify(g: GuestSpec) {
  const files: Record<string, string | Uint8Array> = {};
  if (g.fwCfg !== false) files['sys/firmware/qemu_fw_cfg/rev'] = '3\n';
  if (g.files !== false && g.fwCfg !== false) {
    files['sys/firmware/qemu_fw_cfg/by_name/etc/igd-opregion/raw'] = buildOpRegion();
    files['sys/firmware/qemu_fw_cfg/by_name/etc/igd-bdsm-size/raw'] = le64(g.bdsmSize ?? 64n * 1024n * 1024n);
  } else if (g.fwCfg !== false) files['sys/firmware/qemu_fw_cfg/by_name/etc/boot-fail-wait/raw'] = le64(5n);
  if (g.iomem) files['proc/iomem'] = g.iomem;
  for (const [i, [s, e, t]] of (g.memmap ?? []).entries()) {
    files[`sys/firmware/memmap/${i}/start`] = `${s}\n`;
    files[`sys/firmware/memmap/${i}/end`] = `${e}\n`;
    files[`sys/firmware/memmap/${i}/type`] = `${t}\n`;
  }
  const devices = [{ kind: 'endpoint' as const, dev: 0, ...i440fx }];
  if (g.igd) devices.push({ kind: 'endpoint' as const, dev: 2, ...g.igd } as never);
  const fx = buildFixture({ rootComplexes: [{ devices }], iommu: false, files });
  try {
    const r = runCli(['--root', fx.dir, '--json', 'igd', 'verify']);
    assert.equal(r.stderr, '', r.stderr);
    return { status: r.status, doc: JSON.parse(r.stdout) };
  } finally {
    fx.cleanup();
  }
}

const HONOURED_IOMEM = [
  '00000000-00000fff : Reserved',
  '00001000-0009fbff : System RAM',
  '00100000-bbffdfff : System RAM',
  'bbffe000-bfffffff : Reserved',
  'fd000000-fdffffff : 0000:00:02.0',
  '',
].join('\n');
const HONOURED_MEMMAP: [string, string, string][] = [
  ['0x0', '0x9fbff', 'System RAM'],
  ['0x100000', '0xbbffdfff', 'System RAM'],
  ['0xbbffe000', '0xbfffffff', 'Reserved'],
];
const skl = (asls: number, bdsm: number, b64 = false): FunctionSpec => ({
  vendor: 0x8086,
  device: b64 ? 0x4c8a : 0x1916,
  class: CLASS.vga,
  pcie: false,
  pm: false,
  msi: false,
  group: 1,
  configBytes: igdRegisters(0x02c1, bdsm, asls, b64), // GMS 2: 64 MiB
});

test('verify: a firmware that honoured the ABI (OpRegion and stolen memory reserved, ASLS and BDSM set)', () => {
  const cases = [
    verify({ igd: skl(0xbbffe000, 0xbc000000), iomem: HONOURED_IOMEM, memmap: HONOURED_MEMMAP }),
    // gen 12: BDSM is the qword at 0xC0.
    verify({ igd: skl(0xbbffe000, 0xbc000000, true), iomem: HONOURED_IOMEM }),
    // Only /sys/firmware/memmap (no /proc/iomem readable).
    verify({ igd: skl(0xbbffe000, 0xbc000000), memmap: HONOURED_MEMMAP }),
  ];
  for (const { status, doc } of cases) {
    assert.equal(doc.schema, 'vfiokit.igd.verify/1');
    assert.equal(doc.outcome, 'honoured', JSON.stringify(doc.items, null, 1));
    assert.equal(status, 0);
    assert.deepEqual(
      doc.items.map((i: { id: string; verdict: string }) => [i.id, i.verdict]),
      [
        ['fw-cfg.opregion', 'ok'],
        ['fw-cfg.bdsm-size', 'ok'],
        ['igd.device', 'ok'],
        ['asls', 'ok'],
        ['bdsm', 'ok'],
        ['overlap', 'ok'],
      ],
    );
  }
  assert.equal(cases.length, 3);
});

test('verify: each way a firmware can break the ABI', () => {
  const cases: [string, GuestSpec, string][] = [
    ['BDSM never written', { igd: skl(0xbbffe000, 0), iomem: HONOURED_IOMEM }, 'bdsm'],
    ['ASLS never written', { igd: skl(0, 0xbc000000), iomem: HONOURED_IOMEM }, 'asls'],
    ['OpRegion not in a reserved range', { igd: skl(0x10000000, 0xbc000000), iomem: HONOURED_IOMEM }, 'asls'],
    ['stolen memory not reserved', { igd: skl(0xbbffe000, 0xa0000000), iomem: HONOURED_IOMEM }, 'bdsm'],
    ['stolen memory not 1 MiB aligned', { igd: skl(0xbbffe000, 0xbc080000), iomem: HONOURED_IOMEM }, 'bdsm'],
    [
      'reserved range too small for the requested size',
      { igd: skl(0xbbffe000, 0xbc000000), iomem: HONOURED_IOMEM, bdsmSize: 128n * 1024n * 1024n },
      'bdsm',
    ],
  ];
  for (const [name, g, id] of cases) {
    const { status, doc } = verify(g);
    assert.equal(doc.outcome, 'broken', name);
    assert.equal(status, 1, name);
    const item = doc.items.find((i: { id: string }) => i.id === id);
    assert.equal(item.verdict, 'fail', `${name}: ${JSON.stringify(item)}`);
  }
  assert.equal(cases.length, 6);
});

test('verify: files with no IGD to consume them, no files, no fw_cfg', () => {
  const lab = verify({ iomem: HONOURED_IOMEM });
  assert.equal(lab.doc.outcome, 'not-consumed');
  assert.equal(lab.doc.files.opregion.bytes, 8192);
  assert.equal(lab.doc.files.bdsmSize.value, '0x4000000');
  assert.equal(lab.status, 1);
  const none = verify({ files: false });
  assert.equal(none.doc.outcome, 'no-files');
  const noFwCfg = verify({ fwCfg: false });
  assert.equal(noFwCfg.doc.outcome, 'no-files');
  assert.ok(noFwCfg.doc.items.every((i: { verdict: string }) => i.verdict !== 'ok'));
  // Without a readable memory map a reservation cannot be confirmed: unknown, not honoured.
  const blind = verify({ igd: skl(0xbbffe000, 0xbc000000) });
  assert.equal(blind.doc.outcome, 'unknown');
});
