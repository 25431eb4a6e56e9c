// Config space read in parts (src/host/config-sparse.ts), which scans use on a real sysfs: it must
// decode to exactly what the whole space decodes to, for the facts those scans read. The oracle is
// the whole read of the same file: on generated trees (regular files, read here through the sparse
// reader as if they were sysfs), on random bytes, and on this machine's own /sys when it has PCI
// devices and the test runs as root (the kernel's config space, the reads the scan really makes).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { readConfigSparse, readsCostCycles } from '../../src/host/config-sparse.js';
import { decodeConfig } from '../../src/pci/decode-config.js';
import { fixtureScope } from '../helpers/fixture-scope.js';
import { hostOf, SHAPES } from '../helpers/mixed-host.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-sparse-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const build = fixtureScope();

function reads(file: string): { whole: Uint8Array; sparse: Uint8Array } {
  const fd = fs.openSync(file, 'r');
  try {
    const w = new Uint8Array(4096);
    const whole = w.subarray(0, fs.readSync(fd, w, 0, 4096, 0));
    const s = new Uint8Array(4096).fill(0xa5); // stale bytes from a previous device
    const sparse = s.subarray(0, readConfigSparse(fd, s));
    return { whole, sparse };
  } finally {
    fs.closeSync(fd);
  }
}

/** What a scan without capability registers reads from config space, as comparable values. */
function facts(bytes: Uint8Array) {
  const dc = decodeConfig(bytes, { details: false });
  const regs = (id: number, len: number) =>
    dc.capabilities
      .filter((c) => c.extended && c.id === id)
      .map((c) => [...bytes.subarray(c.offset, Math.min(c.offset + len, bytes.length))]);
  return {
    length: bytes.length,
    header: dc.header,
    config: { truncated: dc.config.truncated, unknown: dc.config.unknown, problems: dc.config.problems },
    capabilities: dc.capabilities.map((c) => ({ ...c })),
    pcie: dc.pcie,
    acs: dc.acs,
    standard: [...bytes.subarray(0, 256)],
    // The registers the scan reads from the bytes themselves (readIdRegisters, the ACS quirks).
    sriov: regs(0x10, 0x40),
    acsRegisters: regs(0x0d, 12),
  };
}

test('every function of a generated mixed host decodes the same from the parts as from the whole', () => {
  const mixed = SHAPES.find((s) => s.name === 'mixed');
  assert.ok(mixed);
  const fx = build({ rootComplexes: hostOf(mixed, 512) });
  const dir = path.join(fx.dir, 'sys/bus/pci/devices');
  let n = 0;
  let extended = 0;
  let acs = 0;
  let sriov = 0;
  for (const name of fs.readdirSync(dir)) {
    const { whole, sparse } = reads(path.join(dir, name, 'config'));
    assert.deepEqual(facts(sparse), facts(whole), name);
    n++;
    const f = facts(whole);
    if (whole.length > 256) extended++;
    if (f.acs) acs++;
    if (f.sriov.length) sriov++;
  }
  assert.equal(n, 512);
  // The tree exercises what the reader treats specially.
  assert.ok(extended > 100 && acs > 10 && sriov > 0, `${extended} extended, ${acs} ACS, ${sriov} SR-IOV`);
});

test('random config spaces of every size decode the same from the parts as from the whole', () => {
  let i = 0;
  fc.assert(
    fc.property(
      fc.constantFrom(0, 63, 64, 255, 256, 257, 4096),
      fc.uint8Array({ minLength: 4096, maxLength: 4096 }),
      fc.array(fc.tuple(fc.integer({ min: 0x100, max: 0xffc }), fc.constantFrom(0x0d, 0x10, 0x01, 0x03)), {
        maxLength: 12,
      }),
      (size, bytes, caps) => {
        // Chains of real capability IDs through random offsets (loops, pointers below 0x100 and
        // capabilities at the very end of the space included), written over random bytes.
        const b = bytes.slice(0, size);
        let at = 0x100;
        for (const [next, id] of caps) {
          if (at + 4 > b.length) break;
          new DataView(b.buffer).setUint32(at, ((next & ~3) << 20) | (1 << 16) | id, true);
          at = next & ~3;
        }
        const file = path.join(tmp, `c${i++}`);
        fs.writeFileSync(file, b);
        const { whole, sparse } = reads(file);
        fs.rmSync(file);
        assert.deepEqual(facts(sparse), facts(whole));
      },
    ),
    { numRuns: 300, seed: 20261202 },
  );
});

test("this machine's /sys: the parts decode as the whole, for every PCI function", (t) => {
  const dir = '/sys/bus/pci/devices';
  const names = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  if (!names.length) return t.skip('this machine has no PCI devices in /sys');
  if (process.getuid?.() !== 0) return t.skip('config space past 64 bytes needs root');
  assert.equal(readsCostCycles(dir), true, `${dir} is served by sysfs`);
  for (const name of names) {
    const { whole, sparse } = reads(path.join(dir, name, 'config'));
    assert.ok(whole.length >= 256, `${name}: ${whole.length} bytes read as root`);
    assert.deepEqual(facts(sparse), facts(whole), name);
  }
});

test('regular files are not taken for sysfs', () => {
  assert.equal(readsCostCycles(tmp), false);
  assert.equal(readsCostCycles(path.join(tmp, 'no-such-dir')), false);
});
