/**
 * What the `vfiokit up` tests share: the lab desktop snapshot over the simulated sysfs with
 * hugepage pools (hugepage-host.ts: a mock, because a unit test cannot bind devices or resize a
 * kernel's pool), a directory for the specs, removed after each test, an in-process CLI context
 * that keeps what it prints, and the changes to QEMU's command line that let a real QEMU run the
 * plan here:
 * - the vfio-pci device becomes a stand-in pci-testdev with the same id, bus and address
 *   (vfio-pci needs the real device on vfio-pci; the lab does that part), so the QMP check
 *   expects pci-testdev's IDs 1b36:0005 (QEMU hw/misc/pci-testdev.c: PCI_VENDOR_ID_REDHAT,
 *   PCI_DEVICE_ID_REDHAT_TEST);
 * - hugetlb=, hugetlbsize= and prealloc= are dropped from the RAM backend (the simulated pool is
 *   not a kernel's: this machine has no pages reserved).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach } from 'node:test';
import type { UpPlan } from '../../src/actions/up.js';
import { type HugepageHost, hugepageHost, POOL_2M } from './hugepage-host.js';

export const haveQemu = spawnSync('qemu-system-x86_64', ['--version']).status === 0;
/** The skip reason for tests that start QEMU (never skipped on CI: there QEMU must be installed). */
export const qemuSkip = !haveQemu && !process.env.CI && 'qemu-system-x86 not installed';

/** The lab desktop's e1000e NIC, the device the specs assign. */
export const NIC = '0000:02:00.0';

/** QEMU under TCG (no /dev/kvm here), the NIC taken whatever the guard says, short waits. */
export const UP_OPTS = { force: true, accel: 'tcg', startTimeout: '60', checkTimeout: '60', timeout: '5' };

export interface UpHost {
  h: HugepageHost;
  /** A directory for spec files. */
  dir: string;
}

/**
 * The factory of hosts for one test file: each host (room: 2 MiB pages the allocator can find)
 * and its spec directory are removed after the test that made it. Call once, at the top level.
 */
export function upHosts(): (room?: number) => UpHost {
  const hosts: HugepageHost[] = [];
  const dirs: string[] = [];
  afterEach(() => {
    for (const h of hosts.splice(0)) h.cleanup();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  return (room = 256) => {
    const h = hugepageHost({ pool2M: { nodes: [{ room }] } });
    hosts.push(h);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-up-'));
    dirs.push(dir);
    return { h, dir };
  };
}

/** A spec file NAME.yaml in dir: `name: NAME` and the body. */
export function specFile(dir: string, name: string, body: string): string {
  const f = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(f, `name: ${name}\n${body}`);
  return f;
}

export { capture } from './cli-context.js';

/** The stand-in for the assigned device and guest RAM without hugetlb (see the header); `extra` appended. */
export function standIn(plan: UpPlan, extra: string[] = []): void {
  plan.argv = plan.argv.map((a) => {
    if (a.startsWith('vfio-pci,'))
      return a
        .split(',')
        .filter((p) => /^(id|bus|addr|multifunction)=/.test(p))
        .reduce((acc, p) => `${acc},${p}`, 'pci-testdev');
    if (a.startsWith('memory-backend-memfd'))
      return a
        .split(',')
        .filter((p) => !/^(hugetlb|hugetlbsize|prealloc)=/.test(p))
        .join(',');
    return a;
  });
  plan.argv.push(...extra);
  plan.expect = plan.expect.map((e) => ({ ...e, vendor: 0x1b36, device: 0x0005 }));
}

/** A file of the 2 MiB pool (nr_hugepages, free_hugepages…), as the simulated kernel has it. */
export const pool = (h: HugepageHost, f: string) =>
  fs.readFileSync(path.join(h.dir, POOL_2M, f), 'utf8').trim();

/** The driver a device is bound to in the tree, or null. */
export const driverOf = (h: HugepageHost, a: string) => {
  const l = path.join(h.dir, 'sys/bus/pci/devices', a, 'driver');
  return fs.existsSync(l) ? path.basename(fs.readlinkSync(l)) : null;
};
