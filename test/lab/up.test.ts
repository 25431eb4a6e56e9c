// `vfiokit up` and `vfiokit down` in a real kernel (Debian's, under QEMU with an emulated VT-d):
// nested QEMU inside the lab guest (the host's qemu-system-x86_64, its libraries and SeaBIOS reach
// the guest through its 9p root) runs a tiny VM (64 MiB in 2 MiB hugepages, TCG, no OS: the
// firmware runs and finds nothing to boot) with the desktop topology's e1000e NIC assigned through
// vfio-pci. The oracles: the nested QEMU's own QMP answers, read by an independent client
// (lab/guest/qmp_pci.py) over the control socket; the guest kernel's driver link, driver_override
// and hugepage pool (nr_hugepages, free_hugepages), read by lab/guest/up.sh after each phase.
// Faults: too few free hugepages (one 1 GiB page asked of a 1.5 GiB guest, which has no 1 GiB-aligned
// range inside one zone to give), QEMU dying at start (--accel kvm where the guest has no
// /dev/kvm), SIGTERM to `vfiokit up` while the VM runs.
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { boot } from '../../lab/boot.js';
import { newOutDir, repoRoot } from '../../lab/paths.js';
import { inLabSlot } from '../../lab/pool.js';
import { desktop } from '../../lab/topologies/desktop.js';
import { assertValidJsonText } from '../helpers/json-schema.js';

const NIC = '0000:02:00.0';

interface KernelState {
  driver: string;
  override: string;
  nr: number;
  free: number;
  nr1g: string;
  journal: string;
  qemu: number;
}

function parseState(text: string): KernelState {
  const m = new Map<string, string>();
  for (const l of text.split('\n')) {
    const i = l.indexOf(' ');
    if (i > 0) m.set(l.slice(0, i), l.slice(i + 1));
  }
  assert.equal(m.size, 7, `state file:\n${text}`);
  return {
    driver: m.get('driver') ?? '',
    override: m.get('override') ?? '',
    nr: Number(m.get('nr')),
    free: Number(m.get('free')),
    nr1g: m.get('nr1g') ?? '',
    journal: m.get('journal') ?? '',
    qemu: Number(m.get('qemu')),
  };
}

interface QPciDev {
  bus: number;
  slot: number;
  function: number;
  id: { vendor: number; device: number };
  qdev_id: string;
  pci_bridge?: { devices?: QPciDev[] };
}

test('lab desktop: up runs a nested VM with the NIC through vfio-pci; down, and the faults, give NIC and hugepages back', async (t) => {
  const outDir = newOutDir('up');
  const build = join(outDir, 'build');
  cpSync(join(repoRoot, 'bin'), join(build, 'bin'), { recursive: true });
  cpSync(join(repoRoot, 'dist'), join(build, 'dist'), { recursive: true });
  const wrapper = `printf '#!/bin/sh\\nexec ${process.execPath} ${join(build, 'bin/vfiokit')} "$@"\\n' > /usr/local/bin/vfiokit; chmod +x /usr/local/bin/vfiokit`;
  // Two guest CPUs, so the nested VM's pinning (vCPU 0 → CPU 1, emulator → CPU 0) is not the default.
  process.env.VFIOKIT_LAB_SMP = '2';
  const r = await inLabSlot(() =>
    boot({
      // 1.5 GiB: room for the nested VM, and a RAM size that holds no aligned 1 GiB page.
      topology: { ...desktop, memMiB: 1536 },
      command: `${wrapper}; sh ${join(repoRoot, 'lab/guest/up.sh')} ${join(repoRoot, 'lab/guest/qmp_pci.py')}`,
      outDir,
      // TCG inside TCG: the nested firmware alone takes minutes on a busy machine.
      timeoutMs: Number(process.env.VFIOKIT_LAB_TIMEOUT_S || 900) * 1000,
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
  for (const f of ['dry.txt', 'up.err', 'down.json', 'toobig.err', 'nokvm.json', 'nokvm.err', 'term.err'])
    t.diagnostic(`--- ${f}\n${read(f).slice(-4000)}`);
  assert.equal(r.exitCode, 0, `guest exit ${r.exitCode}\n${read('console.log').slice(-3000)}`);

  const before = parseState(read('before.state'));
  assert.equal(before.driver, 'e1000e');
  assert.equal(before.nr1g, '0', 'the guest has a 1 GiB pool, empty');
  assert.equal(before.override, '(null)');
  const asBefore = (label: string) => {
    const s = parseState(read(`${label}.state`));
    assert.equal(s.driver, before.driver, `${label}: NIC driver`);
    assert.equal(s.override, before.override, `${label}: driver_override`);
    assert.equal(s.nr, before.nr, `${label}: nr_hugepages`);
    assert.equal(s.free, before.free, `${label}: free_hugepages`);
    assert.equal(s.nr1g, before.nr1g, `${label}: 1 GiB nr_hugepages`);
    assert.match(s.journal, /"state":"rolled-back"/, `${label}: journal`);
    assert.equal(s.qemu, 0, `${label}: no QEMU left`);
    return s;
  };
  assert.equal(read('dry.rc').trim(), '0', read('dry.txt'));

  // 1. While the VM ran: the NIC on vfio-pci, 32 more 2 MiB pages, all of them in use by the
  // guest's RAM (prealloc=on), and the nested QEMU showing the NIC behind its root port.
  const running = parseState(read('running.state'));
  assert.equal(running.driver, 'vfio-pci');
  assert.equal(running.override, 'vfio-pci');
  assert.equal(running.nr, before.nr + 32);
  assert.equal(running.free, before.free, 'the 32 new pages back the guest RAM');
  assert.match(running.journal, /"state":"open"/);
  assert.equal(running.qemu, 1);
  assertValidJsonText(read('running-record.json'), 'vfiokit.vm-state/1');
  const q = JSON.parse(read('qmp.json')) as { status: { status: string }; pci: { devices: QPciDev[] }[] };
  assert.equal(q.status.status, 'running');
  const all: QPciDev[] = [];
  const walk = (ds: QPciDev[]) => {
    for (const d of ds) {
      all.push(d);
      if (d.pci_bridge?.devices) walk(d.pci_bridge.devices);
    }
  };
  for (const b of q.pci) walk(b.devices);
  const nic = all.filter((d) => d.qdev_id === 'hostdev0');
  assert.equal(nic.length, 1, `hostdev0 in query-pci:\n${read('qmp.json')}`);
  // The IDs of the host's e1000e (82574L, 8086:10d3), read by QEMU through vfio-pci.
  assert.deepEqual(
    { vendor: nic[0].id.vendor, device: nic[0].id.device },
    { vendor: 0x8086, device: 0x10d3 },
  );
  assert.ok(nic[0].bus > 0, 'behind the root port');
  // The pinning, as the guest kernel's /proc/PID/task/TID/status has it: the vCPU thread ("CPU
  // 0/TCG", named by debug-threads=on) on CPU 1, QEMU's main thread on CPU 0.
  const qpid = read('running-qemu.pid').trim();
  const tasks = read('running-pin.txt')
    .trim()
    .split('\n')
    .map((l) => l.split(' '));
  const vcpu = tasks.filter((x) => x.slice(2).join(' ') === 'CPU 0/TCG');
  assert.equal(vcpu.length, 1, read('running-pin.txt'));
  assert.equal(vcpu[0][1], '1', 'vCPU 0 on CPU 1');
  assert.equal(tasks.find((x) => x[0] === qpid)?.[1], '0', 'the main thread on CPU 0');

  assert.equal(read('down.rc').trim(), '0', read('down.err'));
  const down = assertValidJsonText(read('down.json'), 'vfiokit.down/1') as {
    stoppedBy: string;
    ended: { cleanup: { ok: boolean } };
  };
  // No OS answers the power button: quit after --timeout.
  assert.equal(down.stoppedBy, 'quit');
  assert.equal(down.ended.cleanup.ok, true);
  assert.equal(read('up.rc').trim(), '0', read('up.err').slice(-2000));
  const up = assertValidJsonText(read('up.json'), 'vfiokit.up/1') as {
    result: {
      outcome: string;
      checks: { ok: boolean; seen: unknown }[];
      pinned?: { thread: string; allowed: string }[];
    };
  };
  assert.equal(up.result.outcome, 'exited');
  assert.deepEqual(
    up.result.pinned?.filter((p) => p.thread !== 'emulator thread').map((p) => [p.thread, p.allowed]),
    [
      ['vCPU 0', '1'],
      ['emulator (main thread)', '0'],
    ],
  );
  assert.deepEqual(
    up.result.checks.map((c) => [c.ok, c.seen]),
    [[true, { vendor: 0x8086, device: 0x10d3 }]],
  );
  asBefore('after');

  // 2. Too few hugepages: one line, nr_hugepages back, the NIC never left e1000e.
  assert.equal(read('toobig.rc').trim(), '1', read('toobig.err'));
  const tb = assertValidJsonText(read('toobig.json'), 'vfiokit.up/1') as {
    result: { outcome: string; error: string; done: string[]; undone: string[] };
  };
  assert.equal(tb.result.outcome, 'prepare-failed');
  // The raise was written (the kernel takes the write however many pages it finds), then the check
  // found the page missing; the undo writes the old count back unless the pool still reads it.
  assert.deepEqual(tb.result.done, ['write 1 to /sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages']);
  // Undo takes back what the kernel granted (none here: nothing to write).
  for (const u of tb.result.undone)
    assert.match(u, /^wrote 0 to \/sys\/kernel\/mm\/hugepages\/hugepages-1048576kB\/nr_hugepages/);
  assert.doesNotMatch(tb.result.error, /\n/);
  t.diagnostic(`too few hugepages: ${tb.result.error}`);
  asBefore('toobig');

  // 3. QEMU dying at start: its own message, the NIC and pages back.
  assert.equal(read('nokvm.rc').trim(), '1', read('nokvm.err'));
  const nk = assertValidJsonText(read('nokvm.json'), 'vfiokit.up/1') as {
    result: { outcome: string; error: string; done: string[] };
  };
  assert.equal(nk.result.outcome, 'start-failed');
  assert.ok(
    nk.result.done.some((d) => d.includes(`${NIC} to /sys/bus/pci/drivers_probe`)),
    'the NIC was bound',
  );
  assert.match(nk.result.error, /QEMU exited at start .*kvm/i);
  asBefore('nokvm');

  // 4. SIGTERM to vfiokit up: QEMU quit, the same clean-up, exit 128 + 15.
  assert.equal(parseState(read('term-running.state')).driver, 'vfio-pci');
  assert.equal(read('term.rc').trim(), '143', read('term.err').slice(-2000));
  const term = assertValidJsonText(read('term.json'), 'vfiokit.up/1') as {
    result: { outcome: string; signal: string; stoppedBy: string };
  };
  assert.deepEqual(
    [term.result.outcome, term.result.signal, term.result.stoppedBy],
    ['signal', 'SIGTERM', 'quit'],
  );
  asBefore('term');
});
