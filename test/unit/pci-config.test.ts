// Config space decoding on its own: capability walks follow the kernel's rules, hostile bytes

// never throw or read outside the buffer, and pci.ids parsing.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeConfig } from '../../src/pci/decode-config.js';
import { parsePciIds } from '../../src/pci/ids.js';

function header(size: number, opts: { capPtr?: number; status?: number; type?: number } = {}): Uint8Array {
  const b = new Uint8Array(size);
  b[0] = 0x86;
  b[1] = 0x80;
  b[6] = opts.status ?? 0x10;
  b[0x0e] = opts.type ?? 0;
  b[0x34] = opts.capPtr ?? 0x40;
  return b;
}

test('a looping standard chain is cut and reported, not followed forever', () => {
  const b = header(256);
  b[0x40] = 0x01;
  b[0x41] = 0x50;
  b[0x50] = 0x05;
  b[0x51] = 0x40; // back to 0x40
  const d = decodeConfig(b);
  assert.deepEqual(
    d.capabilities.map((c) => c.offset),
    [0x40, 0x50],
  );
  assert.match(d.problems[0], /loops back to 0x40/);
});

test('a scan for grouping shares frozen capability records and lists; a full decode gives each device its own', () => {
  // Two functions of one model (PM at 0x40, PCIe at 0x50; AER and ACS extended) and a third whose
  // PM capability sits elsewhere (0x60): the kind and the offset decide what may be shared.
  const dev = (pm: number) => {
    const b = header(4096, { capPtr: pm });
    b[pm] = 0x01; // Power Management (pci_regs.h PCI_CAP_ID_PM)
    b[pm + 1] = 0x70;
    b[0x70] = 0x10; // PCI Express (PCI_CAP_ID_EXP), a root port: type 4 in bits 7:4 of byte 2
    b[0x72] = 0x42;
    new DataView(b.buffer).setUint32(0x100, (0x140 << 20) | (1 << 16) | 0x0001, true); // AER v1
    new DataView(b.buffer).setUint32(0x140, (1 << 16) | 0x000d, true); // ACS v1, end of list
    return b;
  };
  const [a, b, c] = [dev(0x40), dev(0x40), dev(0x60)].map((x) => decodeConfig(x, { details: false }));
  const shape = (d: typeof a) => d.capabilities.map((x) => [x.extended, x.id, x.offset, x.name]);
  assert.deepEqual(shape(a), [
    [false, 0x01, 0x40, 'Power Management'],
    [false, 0x10, 0x70, 'PCI Express'],
    [true, 0x0001, 0x100, 'Advanced Error Reporting'],
    [true, 0x000d, 0x140, 'Access Control Services'],
  ]);
  assert.deepEqual(shape(b), shape(a));
  for (let i = 0; i < 4; i++) {
    assert.equal(a.capabilities[i], b.capabilities[i], `capability ${i} is one record`);
    assert.ok(Object.isFrozen(a.capabilities[i]));
  }
  assert.notEqual(c.capabilities[0], a.capabilities[0], 'PM at another offset is another record');
  assert.equal(c.capabilities[0].offset, 0x60);
  assert.equal(a.capabilities, b.capabilities, 'one model, one list');
  assert.ok(Object.isFrozen(a.capabilities));
  assert.notEqual(c.capabilities, a.capabilities);
  // The full decode (vfiokit device) adds registers to each record: never shared.
  const [x, y] = [dev(0x40), dev(0x40)].map((d) => decodeConfig(d));
  assert.notEqual(x.capabilities[0], y.capabilities[0]);
  assert.ok(!Object.isFrozen(x.capabilities[0]));
  assert.deepEqual(
    x.capabilities.map((k) => [k.extended, k.id, k.offset, k.name]),
    shape(a),
  );
});

test('pointers into the header end the list; the low two bits of a pointer are ignored', () => {
  const b = header(256, { capPtr: 0x43 });
  b[0x40] = 0x10;
  b[0x41] = 0x3c; // < 0x40: end
  b[0x42] = 0x02; // PCIe flags v2, endpoint
  const d = decodeConfig(b);
  assert.deepEqual(
    d.capabilities.map((c) => [c.offset, c.id]),
    [[0x40, 0x10]],
  );
  assert.equal(d.pcie?.portType, 'endpoint');
  assert.equal(d.pcie?.version, 2);
});

test('no capability-list bit in status: no standard walk even with a pointer', () => {
  const b = header(256, { status: 0 });
  b[0x40] = 0x01;
  assert.deepEqual(decodeConfig(b).capabilities, []);
});

test('extended list: zero or all-ones header ends it; a looping chain is cut', () => {
  const b = header(4096, { status: 0 });
  const put32 = (o: number, v: number) => new DataView(b.buffer).setUint32(o, v >>> 0, true);
  put32(0x100, 0x0d | (1 << 16) | (0x148 << 20)); // ACS -> 0x148
  new DataView(b.buffer).setUint16(0x104, 0x1f, true);
  new DataView(b.buffer).setUint16(0x106, 0x05, true);
  put32(0x148, 0x03 | (1 << 16) | (0x100 << 20)); // DSN -> back to 0x100
  const d = decodeConfig(b);
  assert.deepEqual(
    d.capabilities.map((c) => [c.offset, c.id, c.extended]),
    [
      [0x100, 0x0d, true],
      [0x148, 0x03, true],
    ],
  );
  assert.match(d.problems[0], /loops back to 0x100/);
  assert.equal(d.acs?.capRegister, 0x1f);
  assert.deepEqual(d.acs?.sourceValidation, { capable: true, enabled: true });
  assert.deepEqual(d.acs?.requestRedirect, { capable: true, enabled: true });
  assert.deepEqual(d.acs?.translationBlocking, { capable: true, enabled: false });
  put32(0x100, 0xffffffff);
  assert.deepEqual(decodeConfig(b).capabilities, []);
});

test('a 256-byte config is complete (conventional); under 64 bytes even the header is unknown', () => {
  const conv = decodeConfig(header(256, { status: 0 }));
  assert.equal(conv.config.truncated, false);
  assert.equal(conv.config.unknown, undefined);
  const tiny = decodeConfig(new Uint8Array(10));
  assert.equal(tiny.header, undefined);
  assert.deepEqual(tiny.config.unknown, ['header', 'capabilities', 'extended capabilities']);
});

test('a capability that runs past a short read is unknown, never read outside the buffer', () => {
  const b = header(128, { type: 2, capPtr: 0x7e }); // CardBus non-root reads give 128 bytes
  b[0x14] = 0x7e; // low two bits ignored: the list starts at 0x7c
  b[0x7c] = 0x01;
  b[0x7d] = 0x90; // next points beyond the 128 bytes read
  const d = decodeConfig(b);
  assert.deepEqual(
    d.capabilities.map((c) => c.offset),
    [0x7c],
  );
  assert.ok(d.config.unknown?.includes('capabilities'));
});

test('random config bytes of any length never throw and keep every offset inside the buffer', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 0, maxLength: 4096 }), (bytes) => {
      const d = decodeConfig(bytes);
      for (const c of d.capabilities) {
        assert.ok(c.offset + 2 <= bytes.length, `cap at ${c.offset} in ${bytes.length} bytes`);
        assert.ok(c.extended ? c.offset >= 0x100 : c.offset >= 0x40 && c.offset < 0x100);
      }
      assert.ok(d.capabilities.filter((c) => !c.extended).length <= 48);
      JSON.stringify(d.capabilities);
    }),
    { numRuns: 300 },
  );
});

test('pci.ids: vendor, device, subsystem, class at subclass level and prog-if', () => {
  const ids = parsePciIds(
    [
      '# comment',
      '10de  NVIDIA Corporation',
      '\t1b80  GP104 [GeForce GTX 1080]',
      '\t\t1043 8591  ROG Strix GTX 1080',
      '\t10f0  GP104 High Definition Audio Controller',
      '8086  Intel Corporation',
      'C 03  Display controller',
      '\t00  VGA compatible controller',
      '\t\t00  VGA controller',
      'C 0c  Serial bus controller',
      '\t03  USB controller',
      '\t\t30  XHCI',
      '',
    ].join('\n'),
  );
  assert.equal(ids.vendor(0x10de), 'NVIDIA Corporation');
  assert.equal(ids.device(0x10de, 0x1b80), 'GP104 [GeForce GTX 1080]');
  assert.equal(ids.subsystem(0x10de, 0x1b80, 0x1043, 0x8591), 'ROG Strix GTX 1080');
  assert.equal(ids.device(0x8086, 0x1b80), undefined);
  assert.equal(ids.className(0x030000), 'VGA compatible controller');
  assert.equal(ids.className(0x038000), 'Display controller');
  assert.equal(ids.className(0x0c0330), 'USB controller');
  assert.equal(ids.progIfName(0x0c0330), 'XHCI');
  assert.equal(ids.className(0xff0000), undefined);
});

test('pci.ids: every vendor, device and subsystem line of the real database is found by the lazy lookups', (t) => {
  const file = '/usr/share/misc/pci.ids';
  if (!fs.existsSync(file)) {
    assert.ok(process.env.CI !== 'true', 'CI installs pci.ids');
    t.skip('pci.ids is not installed');
    return;
  }
  const raw = fs.readFileSync(file);
  const ids = parsePciIds(raw, file);
  // The expected names come from the file's documented line format, read line by line here.
  let vendor = -1;
  let device = -1;
  let checked = 0;
  const wrong: string[] = [];
  for (const line of raw.toString('utf8').split('\n')) {
    if (line.startsWith('C ')) break; // the class section follows the vendors
    const v = /^([0-9a-f]{4}) {2}(.*)$/.exec(line);
    const d = /^\t([0-9a-f]{4}) {2}(.*)$/.exec(line);
    const s = /^\t\t([0-9a-f]{4}) ([0-9a-f]{4}) {2}(.*)$/.exec(line);
    if (v) {
      vendor = parseInt(v[1], 16);
      if (ids.vendor(vendor) !== v[2].trim()) wrong.push(line);
    } else if (d) {
      device = parseInt(d[1], 16);
      if (ids.device(vendor, device) !== d[2]) wrong.push(line);
    } else if (s) {
      if (ids.subsystem(vendor, device, parseInt(s[1], 16), parseInt(s[2], 16)) !== s[3]) wrong.push(line);
    } else continue;
    checked++;
  }
  assert.deepEqual(wrong.slice(0, 5), []);
  assert.ok(checked > 30_000, `only ${checked} entries read from ${file}`);
  assert.equal(ids.device(0x10de, 0xfffe), undefined);
  assert.equal(ids.vendor(0x0002), undefined);
});
