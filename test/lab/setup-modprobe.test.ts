// The lab part of `vfiokit setup`: in a real kernel (Debian's, under QEMU) with two identical
// e1000e NICs and an e1000, the modprobe.d file and override script setup writes, loaded by kmod's
// modprobe the way udev's coldplug loads drivers (by modalias), put the chosen e1000e (bound by
// address through driver_override) and the e1000 (bound by ID) on vfio-pci before e1000e and
// e1000 load, and leave the other e1000e on e1000e. The kernel's driver links are the oracle.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { boot } from '../../lab/boot.js';
import { newOutDir, repoRoot } from '../../lab/paths.js';
import { inLabSlot } from '../../lab/pool.js';
import { twinNics } from '../../lab/topologies/twin-nics.js';

test('lab twin-nics: setup’s modprobe.d binds the chosen one of two identical NICs, and a NIC by ID, before their drivers', async (t) => {
  const outDir = newOutDir(twinNics.name);
  const wrapper = `printf '#!/bin/sh\\nexec ${process.execPath} ${join(repoRoot, 'bin/vfiokit')} "$@"\\n' > /usr/local/bin/vfiokit; chmod +x /usr/local/bin/vfiokit`;
  const r = await inLabSlot(() =>
    boot({
      topology: twinNics,
      command: `${wrapper}; sh ${join(repoRoot, 'lab/guest/setup-modprobe.sh')}`,
      outDir,
      timeoutMs: 240_000,
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
    `guest exit ${r.exitCode}\n${read('setup-apply.txt')}\n${read('console.log').slice(-3000)}`,
  );
  const lines = read('setup-lab.txt').trim().split('\n');
  assert.equal(lines.length, 4, lines.join('\n'));
  const [before, first, chosen, e1000] = lines.map((l) => l.split(' '));
  // Before: the kernel's own choice, both e1000e on e1000e, the e1000 on e1000.
  assert.deepEqual([before[2], before[4], before[6]], ['e1000e', 'e1000e', 'e1000'], lines[0]);
  assert.deepEqual(first.slice(1), ['e1000e', '(null)'], `the NIC not chosen keeps its driver: ${lines[1]}`);
  assert.deepEqual(
    chosen.slice(1),
    ['vfio-pci', 'vfio-pci'],
    `the chosen twin goes to vfio-pci by address: ${lines[2]}`,
  );
  assert.deepEqual(e1000.slice(1), ['vfio-pci', '(null)'], `the e1000 goes to vfio-pci by ID: ${lines[3]}`);
  const conf = read('vfiokit.conf');
  assert.match(conf, /^options vfio-pci ids=8086:100e$/m);
  assert.match(conf, /^softdep e1000e pre: vfio-pci$/m);
  assert.match(conf, /^softdep e1000 pre: vfio-pci$/m);
  assert.match(
    conf,
    /^install vfio-pci \/bin\/sh \/usr\/local\/lib\/vfiokit\/vfio-pci-override.sh \$CMDLINE_OPTS$/m,
  );
  if (!process.env.VFIOKIT_LAB_KEEP) rmSync(outDir, { recursive: true, force: true });
});
