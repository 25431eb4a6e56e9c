// pci.ids cut to the lines some devices' names need (src/pci/ids.ts PciIdsCut), read a piece at a
// time (src/host/pci-ids.ts loadPciIdsFor). The oracle for the real database is its documented
// line format read line by line here; for generated databases, the lookups over the whole text.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { loadPciIdsFor } from '../../src/host/pci-ids.js';
import { PciIdsCut, parsePciIds, type WantedId } from '../../src/pci/ids.js';

const FILE = '/usr/share/misc/pci.ids';

/** The cut of `text` for `want`, fed in pieces of `size` bytes. */
function cut(text: Uint8Array, want: WantedId[], size: number): Uint8Array {
  const c = new PciIdsCut(want);
  for (let i = 0; i < text.length; i += size) c.push(text.slice(i, i + size));
  return c.end().slice();
}

interface Entry {
  vendor: number;
  device: number;
  vendorName: string;
  deviceName: string;
  subsystems: [number, number, string][];
}

/** Every device of the real database with its names, read by the documented line format. */
function entries(raw: Buffer): Entry[] {
  const out: Entry[] = [];
  let vendor = -1;
  let vendorName = '';
  let current: Entry | undefined;
  for (const line of raw.toString('utf8').split('\n')) {
    if (line.startsWith('C ')) break;
    const v = /^([0-9a-f]{4}) {2}(.*)$/.exec(line);
    const d = /^\t([0-9a-f]{4}) {2}(.*)$/.exec(line);
    const s = /^\t\t([0-9a-f]{4}) ([0-9a-f]{4}) {2}(.*)$/.exec(line);
    if (v) {
      vendor = parseInt(v[1], 16);
      vendorName = v[2].trim();
      current = undefined;
    } else if (d) {
      current = { vendor, device: parseInt(d[1], 16), vendorName, deviceName: d[2], subsystems: [] };
      out.push(current);
    } else if (s && current) current.subsystems.push([parseInt(s[1], 16), parseInt(s[2], 16), s[3]]);
  }
  return out;
}

test('the real database: a cut answers every lookup of its devices as the file says, and is small', (t) => {
  if (!fs.existsSync(FILE)) {
    assert.ok(process.env.CI !== 'true', 'CI installs pci.ids');
    t.skip('pci.ids is not installed');
    return;
  }
  const raw = fs.readFileSync(FILE);
  const all = entries(raw);
  assert.ok(all.length > 15_000, `${all.length} devices read from ${FILE}`);
  // Every 97th device (a few hundred, from every part of the file), and IDs the file lacks.
  const picked = all.filter((_, i) => i % 97 === 0);
  const want: WantedId[] = [
    ...picked.map((e) => ({ vendorId: e.vendor, deviceId: e.device })),
    { vendorId: 0x10de, deviceId: 0xfffe },
    { vendorId: 0x0002, deviceId: 0x0001 },
  ];
  const bytes = cut(raw, want, 64 * 1024);
  assert.ok(bytes.length < raw.length / 10, `${bytes.length} of ${raw.length} bytes kept`);
  const ids = parsePciIds(bytes);
  const whole = parsePciIds(raw);
  let subsystems = 0;
  for (const e of picked) {
    assert.equal(ids.vendor(e.vendor), e.vendorName);
    assert.equal(ids.device(e.vendor, e.device), e.deviceName);
    for (const [sv, sd, name] of e.subsystems) {
      assert.equal(ids.subsystem(e.vendor, e.device, sv, sd), name);
      subsystems++;
    }
  }
  assert.ok(subsystems > 50, `${subsystems} subsystem lines checked`);
  assert.equal(ids.device(0x10de, 0xfffe), undefined);
  assert.equal(ids.vendor(0x0002), undefined);
  // Every class, subclass and programming interface, as over the whole file.
  let classes = 0;
  for (let c = 0; c <= 0xff; c++)
    for (let s = 0; s <= 0xff; s += 1) {
      const code = (c << 16) | (s << 8) | (s === 0x03 ? 0x30 : 0);
      if (whole.className(code) === undefined) continue;
      assert.equal(ids.className(code), whole.className(code));
      assert.equal(ids.progIfName(code), whole.progIfName(code));
      classes++;
    }
  assert.ok(classes > 100, `${classes} classes checked`);
  // A vendor no wanted device has is not in the cut.
  const other = all.find((e) => !want.some((w) => w.vendorId === e.vendor));
  assert.ok(other);
  assert.equal(ids.vendor(other.vendor), undefined);
  // The pieces' size changes nothing.
  for (const size of [1, 7, 4096, raw.length])
    assert.deepEqual(cut(raw, want, size), bytes, `pieces of ${size}`);
});

test('loadPciIdsFor reads the file VFIOKIT_PCI_IDS names; a missing file or a directory gives no names', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-ids-'));
  const saved = process.env.VFIOKIT_PCI_IDS;
  try {
    const file = path.join(dir, 'pci.ids');
    fs.writeFileSync(
      file,
      '10de  NVIDIA Corporation\n\t2684  AD102 [GeForce RTX 4090]\nC 03  Display controller\n\t00  VGA compatible controller\n',
    );
    process.env.VFIOKIT_PCI_IDS = file;
    const ids = loadPciIdsFor([{ vendorId: 0x10de, deviceId: 0x2684 }]);
    assert.equal(ids.source, file);
    assert.equal(ids.device(0x10de, 0x2684), 'AD102 [GeForce RTX 4090]');
    assert.equal(ids.className(0x030000), 'VGA compatible controller');
    for (const p of [path.join(dir, 'missing'), dir]) {
      process.env.VFIOKIT_PCI_IDS = p;
      const none = loadPciIdsFor([{ vendorId: 0x10de, deviceId: 0x2684 }]);
      assert.equal(none.source, undefined);
      assert.equal(none.vendor(0x10de), undefined);
    }
  } finally {
    if (saved === undefined) delete process.env.VFIOKIT_PCI_IDS;
    else process.env.VFIOKIT_PCI_IDS = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Generated databases: the lines the format has, and the damage files carry. */
const hex4 = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16).padStart(4, '0'));
const smallId = fc.integer({ min: 0, max: 5 }).map((n) => (0x1000 + n).toString(16));
const name = fc.stringMatching(/^[ -~]{0,12}$/);
const line = fc.oneof(
  fc.tuple(smallId, name).map(([v, n]) => `${v}  ${n}`),
  fc.tuple(smallId, name).map(([d, n]) => `\t${d}  ${n}`),
  fc.tuple(smallId, smallId, name).map(([a, b, n]) => `\t\t${a} ${b}  ${n}`),
  fc.tuple(fc.integer({ min: 0, max: 3 }), name).map(([c, n]) => `C 0${c}  ${n}`),
  fc.tuple(fc.integer({ min: 0, max: 3 }), name).map(([c, n]) => `\t0${c}  ${n}`),
  fc.constantFrom('', '\r', '# comment', '\t# indented comment', 'ffff  Illegal', 'junk line', '\t\t\tdeep'),
  fc.tuple(hex4, name).map(([v, n]) => `${v.toUpperCase()}  ${n}`),
  fc.tuple(smallId, name).map(([d, n]) => `\t${d} ${n}`),
);

test('generated databases: a cut answers its devices’ lookups as the whole text does, in any pieces', () => {
  const ids = fc.integer({ min: 0x1000, max: 0x1005 });
  fc.assert(
    fc.property(
      fc.array(line, { maxLength: 60 }),
      fc.boolean(),
      fc.array(fc.record({ vendorId: ids, deviceId: ids }), { maxLength: 6 }),
      fc.integer({ min: 1, max: 40 }),
      (lines, crlf, want, size) => {
        const text = Buffer.from(lines.join(crlf ? '\r\n' : '\n'));
        const whole = parsePciIds(text);
        const bytes = cut(text, want, size);
        assert.deepEqual(cut(text, want, text.length + 1), bytes);
        const part = parsePciIds(bytes);
        for (const w of want) {
          assert.equal(part.vendor(w.vendorId), whole.vendor(w.vendorId));
          assert.equal(part.device(w.vendorId, w.deviceId), whole.device(w.vendorId, w.deviceId));
          for (let sv = 0x1000; sv <= 0x1005; sv++)
            for (let sd = 0x1000; sd <= 0x1005; sd++)
              assert.equal(
                part.subsystem(w.vendorId, w.deviceId, sv, sd),
                whole.subsystem(w.vendorId, w.deviceId, sv, sd),
              );
        }
        for (let c = 0; c <= 3; c++)
          for (let s = 0; s <= 3; s++)
            assert.equal(part.className((c << 16) | (s << 8)), whole.className((c << 16) | (s << 8)));
      },
    ),
    { numRuns: 400, seed: 0x1d5 },
  );
});
