// Robustness of the tables the guard reads (/proc/self/mountinfo, /proc/mounts, /proc/swaps,
// /proc/net/route, /proc/net/ipv6_route): seeded mutation of samples in the kernel's format (the
// route tables as a Linux 6.x guest printed them) and fast-check over arbitrary text. Parsers only
// return; what they keep has the kernel's shape; every line they drop is counted, and a counted
// line makes the guard say `unknown` for the devices it could concern instead of calling them free.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { guardDevices } from '../../src/actions/guard.js';
import { VfiokitError } from '../../src/errors.js';
import {
  parseIpAddress,
  parseIpv4Route,
  parseIpv6Route,
  parseMountinfo,
  parseProcMounts,
  parseProcSwaps,
  type RouteEntry,
} from '../../src/host/proc-tables.js';
import { DirHostRoot } from '../../src/host/root.js';
import { readHostUsage } from '../../src/host/usage.js';
import { buildFixture, CLASS } from '../helpers/fixture-builder.js';
import { mutateOnce, mutateText, seededRandom } from '../helpers/mutate-text.js';
import { ROUTE_HEADER, routeLine, UsageTree } from '../helpers/usage-host.js';

const SEED = Number(process.env.USAGE_FUZZ_SEED ?? 0x9a4d);
const ROUNDS = 400;

const MOUNTINFO = [
  '21 26 0:20 / /proc rw,relatime - proc proc rw',
  '22 26 0:21 / /sys rw,relatime - sysfs sysfs rw',
  '23 26 0:6 / /dev rw,relatime - devtmpfs devtmpfs rw,size=12334172k,nr_inodes=3083543,mode=755',
  '26 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard',
  '30 26 259:1 / /boot/efi rw,relatime shared:30 - vfat /dev/nvme0n1p1 rw,fmask=0077,dmask=0077',
  '32 26 8:2 / /home\\040dir rw,relatime shared:32 master:4 - xfs /dev/disk/by-uuid/1b2c rw,attr2',
  '51 26 0:51 / /mnt rw - nfs4 srv:/x rw,vers=4.2,addr=192.168.1.5',
  '',
].join('\n');
const MOUNTS = [
  'proc /proc proc rw,relatime 0 0',
  '/dev/vda / ext4 rw,relatime,discard 0 0',
  '/dev/nvme0n1p1 /boot/efi vfat rw,relatime,fmask=0077 0 0',
  '/dev/sda2 /home\\040dir xfs rw 0 0',
  '',
].join('\n');
const SWAPS = [
  'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority',
  '/dev/dm-2                               partition\t8388604\t\t0\t\t-2',
  '/swap\\040file                          file\t\t1048572\t\t0\t\t-3',
  '',
].join('\n');
const ROUTE = [
  ROUTE_HEADER,
  routeLine('eth0', '0.0.0.0', '192.0.2.1', 0x3, 0, 0),
  routeLine('eth0', '192.0.2.0', '0.0.0.0', 0x1, 0, 24),
  '',
].join('\n');
const IPV6_ROUTE = [
  'fd000000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0',
  '00000000000000000000000000000000 00 00000000000000000000000000000000 00 fd000000000000000000000000000001 00000400 00000002 00000000 00000003     eth0',
  '00000000000000000000000000000001 80 00000000000000000000000000000000 00 00000000000000000000000000000000 00000000 00000002 00000000 80200001       lo',
  '00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo',
  '',
].join('\n');

const ALPHABET = ' \t\n-:/\\0123456789abcdefABCDEF,=.';
const POOL = [MOUNTINFO, MOUNTS, SWAPS, ROUTE, IPV6_ROUTE];

function routeOk(r: RouteEntry): void {
  assert.ok(r.prefixLength >= 0 && r.prefixLength <= (r.family === 4 ? 32 : 128));
  assert.ok(r.dest >= 0n && r.dest < 1n << (r.family === 4 ? 32n : 128n));
  assert.ok(/^[^\s/:]{1,15}$/.test(r.iface));
}

test('the samples parse whole, as the kernel means them', () => {
  const mi = parseMountinfo(MOUNTINFO);
  assert.equal(mi.badLines, 0);
  assert.equal(mi.entries.length, 7);
  assert.deepEqual(
    mi.entries.map((e) => [e.mountPoint, e.source, e.major, e.minor]),
    [
      ['/proc', 'proc', 0, 20],
      ['/sys', 'sysfs', 0, 21],
      ['/dev', 'devtmpfs', 0, 6],
      ['/', '/dev/vda', 254, 0],
      ['/boot/efi', '/dev/nvme0n1p1', 259, 1],
      ['/home dir', '/dev/disk/by-uuid/1b2c', 8, 2],
      ['/mnt', 'srv:/x', 0, 51],
    ],
  );
  assert.deepEqual(parseProcMounts(MOUNTS).entries[3].mountPoint, '/home dir');
  assert.deepEqual(
    parseProcSwaps(SWAPS).entries.map((s) => [s.file, s.type]),
    [
      ['/dev/dm-2', 'partition'],
      ['/swap file', 'file'],
    ],
  );
  const v4 = parseIpv4Route(ROUTE);
  assert.equal(v4.badLines, 0);
  // 192.0.2.0/24 printed little-endian as 000200C0 reads back as network order c0000200.
  assert.deepEqual(
    v4.entries.map((r) => [r.dest.toString(16), r.prefixLength, r.flags]),
    [
      ['0', 0, 3],
      ['c0000200', 24, 1],
    ],
  );
  const v6 = parseIpv6Route(IPV6_ROUTE);
  assert.equal(v6.badLines, 0);
  assert.deepEqual(
    v6.entries.map((r) => [r.iface, r.prefixLength, r.flags]),
    [
      ['eth0', 64, 1],
      ['eth0', 0, 3],
      ['lo', 128, 0x80200001],
      ['lo', 0, 0x200200],
    ],
  );
  assert.deepEqual(parseIpAddress('::ffff:192.0.2.7'), { family: 4, value: 0xc0000207n });
  assert.deepEqual(parseIpAddress('fd00::1%eth0'), { family: 6, value: (0xfd00n << 112n) | 1n });
  assert.equal(parseIpAddress('1::2::3'), undefined);
  assert.equal(parseIpAddress('256.1.1.1'), undefined);
});

test('seeded mutation: parsers only return, keep well-formed records and count what they drop', () => {
  const rnd = seededRandom(SEED);
  const parsers = [
    { name: 'mountinfo', text: MOUNTINFO, run: parseMountinfo },
    { name: 'mounts', text: MOUNTS, run: parseProcMounts },
    { name: 'swaps', text: SWAPS, run: parseProcSwaps },
    { name: 'route', text: ROUTE, run: parseIpv4Route },
    { name: 'ipv6_route', text: IPV6_ROUTE, run: parseIpv6Route },
  ];
  let dropped = 0;
  for (const p of parsers) {
    for (let i = 0; i < ROUNDS; i++) {
      const input = i % 2 ? mutateOnce(p.text, rnd, POOL, ALPHABET) : mutateText(p.text, rnd, POOL, ALPHABET);
      const t = p.run(input) as { entries: object[]; badLines: number };
      const lines = input.split('\n').filter((l) => l.trim() !== '').length;
      // Every non-empty line is either an entry, a counted bad line or a header.
      assert.ok(t.entries.length + t.badLines <= lines, `${p.name}: more records than lines`);
      assert.ok(t.entries.length + t.badLines >= lines - 1, `${p.name}: a line vanished uncounted`);
      dropped += t.badLines;
      for (const e of t.entries) {
        if ('family' in e) routeOk(e as RouteEntry);
        for (const v of Object.values(e)) if (typeof v === 'string') assert.ok(v.length <= 4096 * 4 + 200);
      }
    }
  }
  assert.ok(
    dropped > ROUNDS,
    `the mutations produced only ${dropped} bad lines: they do not exercise the parsers`,
  );
});

test('fast-check: arbitrary text never throws from a parser', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), (s) => {
      parseMountinfo(s);
      parseProcMounts(s);
      parseProcSwaps(s);
      for (const r of parseIpv4Route(s).entries) routeOk(r);
      for (const r of parseIpv6Route(s).entries) routeOk(r);
      parseIpAddress(s);
    }),
    { numRuns: 500, seed: SEED },
  );
});

test('mutated tables on a fixture host: the reader returns or throws its own errors; a dropped line is unknown', () => {
  const fx = buildFixture({
    rootComplexes: [
      {
        devices: [
          {
            kind: 'root-port',
            acs: true,
            children: [{ kind: 'endpoint', class: CLASS.nvme, driver: 'nvme' }],
          },
          {
            kind: 'root-port',
            acs: true,
            children: [{ kind: 'endpoint', class: CLASS.ethernet, driver: 'igb' }],
          },
        ],
      },
    ],
    sequentialGroups: true,
  });
  const nvme = fx.devices.find((d) => d.address === '0000:01:00.0');
  const nic = fx.devices.find((d) => d.address === '0000:02:00.0');
  assert.ok(nvme && nic);
  const t = new UsageTree(fx.dir);
  t.disk(nvme.sysfsPath, 'nvme/nvme0', 'nvme0n1', '259:0', [['nvme0n1p1', '259:1']]);
  t.netIface('eth0', nic.sysfsPath);
  const files: [string, string][] = [
    ['/proc/self/mountinfo', '26 1 259:1 / / rw,relatime - ext4 /dev/nvme0n1p1 rw\n'],
    [
      '/proc/swaps',
      'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/dev/nvme0n1p1 partition\t8388604\t0\t-2\n',
    ],
    ['/proc/net/route', ROUTE],
    ['/proc/net/ipv6_route', IPV6_ROUTE],
  ];
  const targets = [
    { address: '0000:01:00.0', classCode: CLASS.nvme },
    { address: '0000:02:00.0', classCode: CLASS.ethernet },
  ];
  const rnd = seededRandom(SEED + 1);
  let unknowns = 0;
  try {
    for (const [file, text] of files) {
      for (let i = 0; i < 60; i++) {
        for (const [f, x] of files) t.write(f, x);
        const mutated = mutateOnce(text, rnd, POOL, ALPHABET);
        t.write(file, mutated);
        let findings: ReturnType<typeof guardDevices>;
        try {
          findings = guardDevices(readHostUsage(new DirHostRoot(fx.dir)), targets);
        } catch (e) {
          assert.ok(e instanceof VfiokitError, `${file}: ${(e as Error).stack}`);
          continue;
        }
        for (const f of findings) {
          for (const s of [f.what, f.why, ...f.evidence]) assert.ok(!s.includes('\n'), JSON.stringify(s));
        }
        const parse = file.endsWith('mountinfo')
          ? parseMountinfo
          : file.endsWith('swaps')
            ? parseProcSwaps
            : file.endsWith('ipv6_route')
              ? parseIpv6Route
              : parseIpv4Route;
        if (parse(mutated).badLines > 0) {
          const scope = file.includes('route') ? '0000:02:00.0' : '0000:01:00.0';
          assert.ok(
            findings.some((f) => f.address === scope && f.verdict === 'unknown'),
            `${file}: a dropped line gave no unknown for ${scope}: ${JSON.stringify(mutated)}`,
          );
          unknowns++;
        }
      }
    }
    assert.ok(unknowns > 20, `only ${unknowns} mutations damaged a line`);
  } finally {
    fx.cleanup();
  }
});
