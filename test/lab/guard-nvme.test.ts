// The guard in a real kernel: an NVMe drive behind a PCIe switch (the server topology) carries an
// ext4 filesystem made on the host; in the guest it is mounted, and `vfiokit guard` must call the
// NVMe controller and the switch port above it in use, with the mount and the kernel's sysfs path
// as evidence; once unmounted, the controller is free. The kernel's /proc/self/mountinfo and
// /sys/dev/block are the oracle.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { boot } from '../../lab/boot.js';
import { newOutDir, repoRoot } from '../../lab/paths.js';
import { inLabSlot } from '../../lab/pool.js';
import { server } from '../../lab/topologies/server.js';
import type { LabTopology } from '../../lab/topology.js';
import type { GuardJson } from '../../src/schema/outputs/guard.js';
import { assertValidJsonText } from '../helpers/json-schema.js';

test('lab server: the guard (and bind with it) refuses the NVMe controller and its switch port while a filesystem on it is mounted', async (t) => {
  const outDir = newOutDir('guard-nvme');
  const image = join(outDir, 'nvme.img');
  // A 32 MiB ext4 image made by the host's mke2fs: the guest needs no mkfs of its own.
  execFileSync('truncate', ['-s', '32M', image]);
  execFileSync('mkfs.ext4', ['-q', '-F', '-L', 'labdata', image]);
  const topology: LabTopology = {
    ...server,
    name: 'guard-nvme',
    devices: server.devices.map((d) => (d.model === 'nvme' ? { ...d, disk: image } : d)),
  };
  const wrapper = `printf '#!/bin/sh\\nexec ${process.execPath} ${join(repoRoot, 'bin/vfiokit')} "$@"\\n' > /usr/local/bin/vfiokit; chmod +x /usr/local/bin/vfiokit`;
  const r = await inLabSlot(() =>
    boot({
      topology,
      command: `${wrapper}; sh ${join(repoRoot, 'lab/guest/guard-nvme.sh')}`,
      outDir,
      timeoutMs: Number(process.env.VFIOKIT_LAB_TIMEOUT_S ?? 240) * 1000,
    }),
  );
  t.diagnostic(
    `accel ${r.accel}, ready ${r.readySeconds}s, wall ${(r.wallMs / 1000).toFixed(1)}s; out dir ${outDir}`,
  );
  const read = (f: string) => {
    try {
      return readFileSync(join(outDir, f), 'utf8');
    } catch {
      return `(no ${f})`;
    }
  };
  assert.equal(
    r.exitCode,
    0,
    `guest exit ${r.exitCode}\n${read('mount.txt')}\n${read('console.log').slice(-3000)}`,
  );
  const [nvme, port] = read('devices.txt').trim().split(' ');
  // The kernel's mount table names the device number the guard traced.
  const mountinfo = read('mountinfo.txt');
  assert.match(mountinfo, / \/mnt\/data .* - ext4 \/dev\/nvme0n1 /);

  assert.equal(read('guard-mounted.rc').trim(), '1');
  const mounted = assertValidJsonText(read('guard-mounted.json'), 'vfiokit.guard/1') as GuardJson;
  assert.equal(mounted.schema, 'vfiokit.guard/1');
  assert.equal(mounted.verdict, 'in-use');
  const use = mounted.findings.filter((f) => f.verdict === 'in-use');
  assert.equal(use.length, 1, JSON.stringify(mounted.findings));
  assert.equal(use[0].address, nvme);
  assert.equal(use[0].kind, 'mount');
  assert.equal(use[0].what, 'filesystem /mnt/data (ext4) from /dev/nvme0n1');
  assert.equal(use[0].why, 'it is the controller of a mounted filesystem');
  assert.ok(use[0].evidence[0].startsWith('/proc/self/mountinfo: '), use[0].evidence[0]);
  assert.ok(use[0].evidence[0].includes(mountinfo.trim().split(' ')[2]), 'the device number of the mount');
  assert.ok(use[0].evidence[1].includes(`/${port}/${nvme}/nvme/nvme0/nvme0n1`), use[0].evidence[1]);

  assert.equal(read('guard-port.rc').trim(), '1');
  const viaPort = assertValidJsonText(read('guard-port.json'), 'vfiokit.guard/1') as GuardJson;
  // Every other mount of the guest (its 9p shares, tmpfs, proc) is traced elsewhere or is no disk.
  assert.deepEqual(
    viaPort.findings.map((f) => [f.address, f.verdict, f.why]),
    [[port, 'in-use', `it is a bridge above ${nvme}, the disk of this use`]],
  );

  // `vfiokit bind` refuses it with the guard's evidence, and the controller stays on nvme.
  assert.equal(read('bind-mounted.rc').trim(), '1', read('bind-mounted.txt'));
  assert.match(read('bind-mounted.txt'), /in use: filesystem \/mnt\/data \(ext4\) from \/dev\/nvme0n1/);
  assert.equal(read('driver-after.txt').trim(), 'nvme');

  // Unmounted: nothing of the host is on it any more.
  assert.equal(read('guard-free.rc').trim(), '0', read('guard-free.json'));
  assert.deepEqual(
    (assertValidJsonText(read('guard-free.json'), 'vfiokit.guard/1') as GuardJson).findings,
    [],
  );
  if (!process.env.VFIOKIT_LAB_KEEP) rmSync(outDir, { recursive: true, force: true });
});
