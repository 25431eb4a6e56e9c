// Kernel messages: /dev/kmsg records formatted as dmesg prints them, where a snapshot's copy is
// looked for, and the live fallback to /dev/kmsg when dmesg cannot run (reading the ring buffer
// needs CAP_SYSLOG where kernel.dmesg_restrict=1; the lab's doctor suite reads it in a guest).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { readKernelLog } from '../../src/host/kernel-log.js';
import { DirHostRoot } from '../../src/host/root.js';
import { formatKmsgRecord, grepLog } from '../../src/system/kernel-log.js';
import { repoRoot } from '../helpers/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-klog-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('a /dev/kmsg record reads as dmesg prints it; dictionary lines are dropped', () => {
  // Record layout from the kernel's Documentation/ABI/testing/dev-kmsg.
  const rec =
    '6,339,5140900,-;DMAR-IR: Enabled IRQ remapping in x2apic mode\n SUBSYSTEM=dmar\n DEVICE=+dmar:dmar0\n';
  assert.equal(formatKmsgRecord(rec), '[    5.140900] DMAR-IR: Enabled IRQ remapping in x2apic mode');
  assert.equal(
    formatKmsgRecord(
      "4,1023,123456789012,c,caller=T1;vfio-pci 0000:01:00.0: BAR 3: can't reserve [mem 0xc0000000-0xc1ffffff 64bit pref]\n",
    ),
    "[123456.789012] vfio-pci 0000:01:00.0: BAR 3: can't reserve [mem 0xc0000000-0xc1ffffff 64bit pref]",
  );
  assert.equal(formatKmsgRecord('no separator here\nsecond'), 'no separator here');
  assert.equal(formatKmsgRecord('6,1,notanumber,-;text'), 'text');
});

test('formatKmsgRecord never throws and never returns a newline', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (s) => {
      const out = formatKmsgRecord(s);
      assert.equal(typeof out, 'string');
      assert.ok(!out.includes('\n'));
    }),
    { numRuns: 5000, seed: 29 },
  );
});

function snapshotWith(files: Record<string, string>): DirHostRoot {
  const dir = fs.mkdtempSync(path.join(tmp, 's-'));
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), text);
  }
  return new DirHostRoot(dir);
}

test("a snapshot's own copy wins over Debian's boot-time /var/log/dmesg", () => {
  const r = readKernelLog(
    snapshotWith({
      'vfiokit/dmesg.txt': '[    0.5] DMAR: IOMMU enabled\n',
      'var/log/dmesg': '[    0.1] old boot\n',
    }),
  );
  assert.ok('log' in r);
  assert.equal(r.log.source, '/vfiokit/dmesg.txt');
  assert.deepEqual(grepLog(r.log, /IOMMU enabled/), ['[    0.5] DMAR: IOMMU enabled']);
  const boot = readKernelLog(
    snapshotWith({ 'var/log/dmesg': '[    0.1] AMD-Vi: Interrupt remapping enabled\n' }),
  );
  assert.ok('log' in boot);
  assert.equal(boot.log.source, '/var/log/dmesg');
});

test('a snapshot without kernel messages says which files it looked for', () => {
  const r = readKernelLog(snapshotWith({ 'proc/cmdline': 'quiet\n' }));
  assert.ok('unreadable' in r);
  assert.match(r.unreadable, /no kernel messages .*\/vfiokit\/dmesg\.txt.*\/var\/log\/dmesg/);
});

test('live host without dmesg: /dev/kmsg is read without blocking, or both failures are named', () => {
  // A child with no dmesg on its PATH takes the /dev/kmsg route on this very machine.
  const script = `
    import { readKernelLog } from ${JSON.stringify(path.join(repoRoot, 'src/host/kernel-log.ts'))};
    import { DirHostRoot } from ${JSON.stringify(path.join(repoRoot, 'src/host/root.ts'))};
    console.log(JSON.stringify(readKernelLog(new DirHostRoot('/'))));
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, PATH: '/nonexistent' },
    cwd: repoRoot,
    timeout: 30_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { log?: { source: string; lines: string[] }; unreadable?: string };
  if (out.log) {
    assert.ok(['/dev/kmsg', '/var/log/dmesg'].includes(out.log.source), out.log.source);
    if (out.log.source === '/dev/kmsg') {
      assert.ok(out.log.lines.length > 0);
      assert.match(out.log.lines[0], /^\[\s*\d+\.\d{6}\] /);
    }
  } else {
    assert.match(out.unreadable ?? '', /dmesg could not run \(ENOENT\); \/dev\/kmsg: /);
  }
});
