// Real QEMU as the oracle for `config qemu`: every golden command line is started under TCG with
// -S (no guest code runs) and inspected over QMP: the PCI devices are where the model put them,
// the RAM backend has the spec's size, the vCPU count is sockets × cores × threads.
//
// Changes made to the command line for this machine, each said here: accel=kvm → tcg and -cpu
// host → max (no /dev/kvm); hv_vpindex dropped (QEMU asks the KVM module to set the VP index:
// "kernel doesn't allow setting HyperV VP_INDEX" under TCG; every other hv_* flag stays);
// each vfio-pci device replaced by a stand-in pci-testdev at the same bus, slot and function
// (vfio-pci needs the real device bound to vfio-pci; the lab tests that part); hugetlb= and
// prealloc= dropped from the RAM backend (no hugepages reserved here); the OVMF variable store,
// disks and the Looking Glass file pointed at temporary files; a bridge NIC made a user NIC (no
// br0 here); evdev input objects dropped (no input devices here).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { qemuBytes } from '../../src/vm/definition.js';
import { shellCommands } from '../../src/vm/shell-words.js';
import { parseVmSpec } from '../../src/vm/spec/parse-spec.js';
import { GOLDEN_DIR, MATRIX, renderSpec, specText } from '../helpers/vm-host.js';

const QEMU = 'qemu-system-x86_64';
const haveQemu = spawnSync(QEMU, ['--version']).status === 0;
const haveOvmf = fs.existsSync('/usr/share/OVMF/OVMF_CODE_4M.fd');

type Qmp = (cmd: string, args?: Record<string, unknown>) => Promise<unknown>;

/**
 * QEMU paused under -S answers QMP at once; a run once waited forever on an answer (QEMU had used
 * no CPU time in six minutes), so every wait has a limit and such a start is tried again, twice at
 * most. What is asserted on the answers is unchanged.
 */
async function withQmp<T>(argv: string[], sock: string, fn: (qmp: Qmp) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await withQmpOnce(argv, sock, fn);
    } catch (e) {
      if (!(e instanceof QmpTimeout) || attempt === 3) throw e;
      fs.rmSync(sock, { force: true });
    }
  }
}

class QmpTimeout extends Error {}

async function withQmpOnce<T>(argv: string[], sock: string, fn: (qmp: Qmp) => Promise<T>): Promise<T> {
  const child = spawn(argv[0], [...argv.slice(1), '-S', '-qmp', `unix:${sock},server=on,wait=off`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  try {
    for (let i = 0; i < 200 && !fs.existsSync(sock); i++) {
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!fs.existsSync(sock)) throw new Error(`QEMU did not start: ${stderr.trim()}`);
    const s = net.connect(sock);
    // A reset when QEMU is killed after a timeout: the timeout is the error reported.
    s.on('error', () => undefined);
    let buf = '';
    const waiters: ((v: Record<string, unknown>) => void)[] = [];
    s.on('data', (d) => {
      buf += d;
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        const msg = JSON.parse(line) as Record<string, unknown>;
        if ('event' in msg) continue;
        waiters.shift()?.(msg);
      }
    });
    const next = () =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new QmpTimeout(`no QMP answer in 60 s: ${stderr.trim()}`)),
          60_000,
        );
        waiters.push((v) => {
          clearTimeout(timer);
          resolve(v);
        });
      });
    await next(); // greeting
    const qmp: Qmp = async (cmd, args) => {
      const p = next();
      s.write(`${JSON.stringify({ execute: cmd, ...(args ? { arguments: args } : {}) })}\n`);
      const r = await p;
      if ('error' in r) throw new Error(`${cmd}: ${JSON.stringify(r.error)}`);
      return r.return;
    };
    await qmp('qmp_capabilities');
    const out = await fn(qmp);
    await qmp('quit').catch(() => undefined);
    s.destroy();
    return out;
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
  }
}

/** The command line with this machine's substitutions (see the header). */
function forThisMachine(argv: string[], dir: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const opt = argv[i];
    let v = argv[i + 1];
    if (opt === '-machine') v = v.replace('accel=kvm', 'accel=tcg');
    else if (opt === '-cpu')
      v = [
        'max',
        ...v
          .split(',')
          .slice(1)
          .filter((f) => f !== 'hv_vpindex'),
      ].join(',');
    else if (opt === '-device' && v.startsWith('vfio-pci,'))
      v = v
        .split(',')
        .filter((p) => /^(id|bus|addr|multifunction)=/.test(p))
        .reduce((acc, p) => `${acc},${p}`, 'pci-testdev');
    else if (opt === '-object' && v.startsWith('memory-backend-memfd'))
      v = v
        .split(',')
        .filter((p) => !/^(hugetlb|hugetlbsize|prealloc)=/.test(p))
        .join(',');
    else if (opt === '-object' && v.startsWith('input-linux')) {
      i++;
      continue;
    } else if (opt === '-object' && v.startsWith('memory-backend-file'))
      v = v.replace(/mem-path=[^,]+/, `mem-path=${path.join(dir, 'looking-glass')}`);
    else if (opt === '-netdev' && v.startsWith('bridge,'))
      v = v.replace(/^bridge,(id=[^,]+),br=[^,]+/, 'user,$1');
    else if (opt === '-drive' && v.startsWith('if=pflash') && v.includes('unit=1')) {
      const vars = path.join(dir, 'VARS.fd');
      fs.copyFileSync('/usr/share/OVMF/OVMF_VARS_4M.fd', vars);
      v = v.replace(/file=[^,]+/, `file=${vars}`);
    } else if (opt === '-drive' && v.startsWith('file=')) {
      const f = path.join(dir, `disk${i}.img`);
      fs.writeFileSync(f, Buffer.alloc(1024 * 1024));
      v = v.replace(/file=[^,]+/, `file=${f}`).replace('format=qcow2', 'format=raw');
    } else if (opt === '-spice') v = v.replace(/port=\d+/, 'port=0');
    else {
      out.push(opt);
      continue;
    }
    out.push(opt, v);
    i++;
  }
  return out;
}

interface QPciDev {
  bus: number;
  slot: number;
  function: number;
  id: { vendor: number; device: number };
  qdev_id: string;
  pci_bridge?: { devices?: QPciDev[] };
}

test("QEMU starts every generated command line; QMP shows the spec's devices, memory and vCPUs", {
  skip: (!haveQemu || !haveOvmf) && !process.env.CI && 'qemu-system-x86 or ovmf not installed',
}, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-qmp-'));
  try {
    let n = 0;
    for (const name of MATRIX) {
      const r = renderSpec(name);
      const argv = forThisMachine(r.qemu, dir);
      const sock = path.join(dir, `${name}.qmp`);
      // query-pci lists what is behind a root port only once firmware has numbered its bus, which
      // never happens under -S; for those devices QOM says which bus they sit on and at which devfn.
      const behindPorts = [
        ...r.model.hostdevs.map((h) => h.alias),
        ...r.model.disks.filter((d) => d.guest).map((d) => d.id),
        ...r.model.nics.map((x) => `nic-${x.id}`),
      ];
      const { pci, memdev, cpus, qom } = await withQmp(argv, sock, async (qmp) => {
        const qom = new Map<string, string>();
        for (const id of behindPorts) {
          const bus = String(
            await qmp('qom-get', { path: `/machine/peripheral/${id}`, property: 'parent_bus' }),
          );
          const devfn = Number(await qmp('qom-get', { path: `/machine/peripheral/${id}`, property: 'addr' }));
          qom.set(id, `${bus.split('/').at(-1)}/${devfn >> 3}.${devfn & 7}`);
        }
        const cpu0 = ((await qmp('query-cpus-fast')) as { 'qom-path': string }[])[0]['qom-path'];
        qom.set('cpu.hv-vendor-id', String(await qmp('qom-get', { path: cpu0, property: 'hv-vendor-id' })));
        qom.set('cpu.hv-relaxed', String(await qmp('qom-get', { path: cpu0, property: 'hv-relaxed' })));
        return {
          pci: (await qmp('query-pci')) as { bus: number; devices: QPciDev[] }[],
          memdev: (await qmp('query-memdev')) as { id: string; size: number }[],
          cpus: (await qmp('query-cpus-fast')) as { 'qom-path': string }[],
          qom,
        };
      });
      // vCPUs and RAM from the spec text, not from the model.
      const c = r.spec.cpu;
      assert.equal(cpus.length, (c.sockets ?? 1) * c.cores * (c.threads ?? 1), `${name}: vCPUs`);
      assert.equal(memdev.find((m) => m.id === 'pc.ram')?.size, qemuBytes(r.spec.memory, 1), `${name}: RAM`);
      // The Hyper-V enlightenments and vendor ID, as the CPU object holds them. (kvm=off cannot be
      // told apart here: under TCG the KVM signature is off anyway.)
      assert.equal(qom.get('cpu.hv-relaxed'), r.spec.hyperv ? 'true' : 'false', `${name}: hv-relaxed`);
      if (r.spec.hyperv?.vendorId) assert.equal(qom.get('cpu.hv-vendor-id'), r.spec.hyperv.vendorId, name);
      // Every device QEMU shows, by qdev id, with its place: root bus slot, or behind a root port.
      const seen = new Map<string, string>();
      const walk = (devs: QPciDev[], where: string) => {
        for (const d of devs) {
          if (d.qdev_id) seen.set(d.qdev_id, `${where}${d.slot}.${d.function}`);
          if (d.pci_bridge?.devices) walk(d.pci_bridge.devices, `${d.qdev_id}/`);
        }
      };
      walk(pci[0].devices, 'root/');
      for (const [id, where] of qom)
        if (!id.startsWith('cpu.') && !where.startsWith('pcie.0/') && !where.startsWith('pci.0/'))
          seen.set(id, where);
      for (const p of r.model.rootPorts)
        assert.equal(seen.get(`pci.${p.index}`), `root/${p.addr.slot}.0`, `${name}: root port ${p.index}`);
      // The assigned functions: as many as the host card has functions (the fixture's GPU has
      // two: VGA and HDMI audio), all in one guest slot, function 0 first.
      const hostdevs = r.model.hostdevs;
      assert.equal(hostdevs.length, (r.spec.devices ?? []).length * 2, `${name}: assigned functions`);
      for (const h of hostdevs) {
        const where =
          r.model.machine === 'q35'
            ? `${h.guest.bus}/${h.guest.slot}.${h.guest.fn}`
            : `root/${h.guest.slot}.${h.guest.fn}`;
        assert.equal(seen.get(h.alias), where, `${name}: ${h.alias} (${h.host})`);
      }
      assert.equal(
        new Set(hostdevs.map((h) => `${h.guest.bus}/${h.guest.slot}`)).size,
        1,
        `${name}: one guest slot`,
      );
      if (r.model.ivshmem) {
        assert.equal(memdev.find((m) => m.id === 'looking-glass')?.size, r.model.ivshmem.sizeBytes);
        assert.equal(seen.get('shmem0'), `root/${r.model.ivshmem.guest.slot}.0`);
      }
      if (r.model.display.type === 'spice') assert.equal(seen.get('video0'), 'root/1.0');
      for (const d of r.model.disks.filter((x) => x.guest))
        assert.equal(
          seen.get(d.id),
          r.model.machine === 'q35' ? `${d.guest?.bus}/0.0` : `root/${d.guest?.slot}.0`,
          `${name}: ${d.id}`,
        );
      n++;
    }
    assert.equal(n, MATRIX.length);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * The pinned specs, each started by QEMU under -S: the golden command lines of cpu.pin auto on an
 * SMT host (i7-8700: 4 cores × 2 threads) and on a non-SMT host (i5-9600K: 4 cores × 1 thread),
 * and the explicit pinning in the matrix. query-cpus-fast gives each vCPU's topology ids; x86
 * numbers vCPUs threads first, then cores, then sockets (QEMU hw/i386/x86.c
 * x86_topo_ids_from_idx: thread = i % threads, core = i / threads % cores, socket = i / (threads ×
 * cores)). The spec's text says what the topology must be. Pinning itself needs the host CPUs the
 * golden names (up-vms.test.ts pins a real QEMU on this machine's CPUs).
 */
test('QEMU runs the pinned specs (SMT and non-SMT goldens) with the spec topology in query-cpus-fast', {
  skip: (!haveQemu || !haveOvmf) && !process.env.CI && 'qemu-system-x86 or ovmf not installed',
}, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-qmp-pin-'));
  try {
    const goldens = ['pin-auto', 'pin-auto-nosmt', 'hugepages-1g-pinned'];
    let n = 0;
    for (const name of goldens) {
      const spec = parseVmSpec(specText(name), `${name}.yaml`);
      const file = path.join(GOLDEN_DIR, `${name}.qemu.sh`);
      const words = shellCommands(fs.readFileSync(file, 'utf8'))
        .flat()
        .map((w) => w.text);
      assert.equal(words[0], QEMU, `${name}: the golden is a QEMU command`);
      assert.ok(spec.cpu.pin, `${name}: the spec pins`);
      const argv = forThisMachine(words, dir);
      const cpus = (await withQmp(argv, path.join(dir, `${name}.qmp`), (qmp) => qmp('query-cpus-fast'))) as {
        'cpu-index': number;
        props: { 'socket-id': number; 'core-id': number; 'thread-id': number };
      }[];
      const sockets = spec.cpu.sockets ?? 1;
      const cores = spec.cpu.cores;
      const threads = spec.cpu.threads ?? 1;
      assert.equal(cpus.length, sockets * cores * threads, `${name}: vCPUs`);
      for (const c of cpus) {
        const i = c['cpu-index'];
        assert.deepEqual(
          c.props,
          {
            'socket-id': Math.floor(i / (threads * cores)),
            'core-id': Math.floor(i / threads) % cores,
            'thread-id': i % threads,
          },
          `${name}: vCPU ${i}`,
        );
      }
      if (name === 'pin-auto') assert.equal(threads, 2, 'the SMT golden has 2 threads per core');
      if (name === 'pin-auto-nosmt') assert.equal(threads, 1, 'the non-SMT golden has 1');
      n++;
    }
    assert.equal(n, goldens.length);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
