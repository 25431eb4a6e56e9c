// CPU pinning from the host topology. The topologies are real machines' sysfs layouts
// (test/helpers/cpu-layouts.ts names each); the expected pinnings were worked out by hand from
// those layouts and the rules in src/vm/pinning.ts (CPU 0's core kept for the host, guest threads
// on one host core's siblings, the GPU's node, one L3 where it fits), not read from the planner.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { planForHost, QEMU_PIN_NOTE } from '../../src/cli/commands/config.js';
import { VfiokitError } from '../../src/errors.js';
import { formatCpuList, parseCpuList, readCpuTopology } from '../../src/host/cpu-topology.js';
import { readPciDevices } from '../../src/host/pci-sysfs.js';
import { readFirmwareDescriptors } from '../../src/host/qemu-firmware.js';
import { openRoot } from '../../src/host/root.js';
import { chooseOvmf } from '../../src/vm/firmware.js';
import { buildVmModel } from '../../src/vm/model.js';
import { planPinning } from '../../src/vm/pinning.js';
import { renderLibvirt } from '../../src/vm/render-libvirt.js';
import { formatQemuShell, renderQemu } from '../../src/vm/render-qemu.js';
import { resolveDevices } from '../../src/vm/resolve-devices.js';
import { parseVmSpec } from '../../src/vm/spec/parse-spec.js';
import { runCli } from '../helpers/cli.js';
import {
  type CpuLayout,
  I5_9600K,
  I7_8700,
  RYZEN_3900X,
  writeCpuLayout,
  XEON_2S_E5_2620V3,
} from '../helpers/cpu-layouts.js';
import { buildFixture, fixtureManifest } from '../helpers/fixture-builder.js';
import { mutateText, seededRandom } from '../helpers/mutate-text.js';
import { FIRMWARE_DIR, GOLDEN_DIR, SPEC_DIR, specText, vmHostPci } from '../helpers/vm-host.js';

function hostWith(layout: CpuLayout, gpuNode = -1) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-pin-'));
  buildFixture(vmHostPci, dir);
  fs.writeFileSync(path.join(dir, 'manifest.json'), fixtureManifest());
  const n = writeCpuLayout(dir, layout);
  fs.writeFileSync(path.join(dir, 'sys/bus/pci/devices/0000:01:00.0/numa_node'), `${gpuNode}\n`);
  return { dir, root: openRoot(dir), n };
}

function topo(layout: CpuLayout) {
  const h = hostWith(layout);
  const t = readCpuTopology(h.root);
  assert.ok(t.ok, t.ok ? '' : t.reason);
  assert.equal(t.topology.cpus.length, h.n);
  return t.topology;
}

const req = (cores: number, threads: number, more: object = {}) => ({
  sockets: 1,
  cores,
  threads,
  iothreads: 1,
  ...more,
});

test('CPU lists: the kernel format both ways', () => {
  assert.deepEqual(parseCpuList('0-3,8,10-11\n'), [0, 1, 2, 3, 8, 10, 11]);
  assert.deepEqual(parseCpuList(''), []);
  for (const bad of ['3-1', '1,,2', 'a', '0-99999', '-1']) assert.equal(parseCpuList(bad), undefined, bad);
  assert.equal(formatCpuList([11, 0, 1, 2, 3, 8, 10]), '0-3,8,10-11');
});

test('reader: each layout gives its cores, L3 groups and nodes', () => {
  const cases: [CpuLayout, number, number, number][] = [
    [I7_8700, 12, 1, 1],
    [I5_9600K, 6, 1, 1],
    [RYZEN_3900X, 24, 4, 1],
    [XEON_2S_E5_2620V3, 24, 2, 2],
  ];
  for (const [layout, cpus, l3, nodes] of cases) {
    const t = topo(layout);
    assert.equal(t.cpus.length, cpus, layout.source);
    assert.equal(t.l3.length, l3, layout.source);
    assert.equal(t.nodes.length, nodes, layout.source);
  }
  const r = topo(RYZEN_3900X);
  assert.deepEqual(
    r.l3.map((g) => formatCpuList(g)),
    ['0-2,12-14', '3-5,15-17', '6-8,18-20', '9-11,21-23'],
  );
  assert.deepEqual(r.cpus.find((c) => c.cpu === 15)?.siblings, [3, 15]);
  const x = topo(XEON_2S_E5_2620V3);
  assert.deepEqual(
    x.nodes.map((nd) => formatCpuList(nd.cpus)),
    ['0-5,12-17', '6-11,18-23'],
  );
});

test('reader: missing or inconsistent sysfs gives unknown with the reason', () => {
  const h = hostWith(I7_8700);
  const cpu = path.join(h.dir, 'sys/devices/system/cpu');
  fs.writeFileSync(path.join(cpu, 'cpu7/topology/core_cpus_list'), '7\n');
  fs.writeFileSync(path.join(cpu, 'cpu7/topology/thread_siblings_list'), '7\n');
  let t = readCpuTopology(h.root);
  assert.ok(!t.ok);
  assert.match(t.reason, /cpu1 and cpu7 disagree about their core/);
  fs.writeFileSync(path.join(cpu, 'online'), 'garbage\n');
  t = readCpuTopology(openRoot(h.dir));
  assert.ok(!t.ok);
  assert.match(t.reason, /not a CPU list/);
  fs.rmSync(path.join(cpu, 'online'));
  t = readCpuTopology(openRoot(h.dir));
  assert.ok(!t.ok);
  assert.match(t.reason, /online is missing/);

  const h2 = hostWith(RYZEN_3900X);
  fs.rmSync(path.join(h2.dir, 'sys/devices/system/cpu/cpu5/cache'), { recursive: true });
  fs.rmSync(path.join(h2.dir, 'sys/devices/system/node'), { recursive: true });
  const t2 = readCpuTopology(h2.root);
  assert.ok(t2.ok);
  assert.equal(t2.topology.l3.length, 0);
  assert.equal(t2.topology.notes.length, 2);
});

test('Intel SMT desktop (i7-8700): guest cores on host cores 1-4, threads on their siblings', () => {
  const t = topo(I7_8700);
  const p = planPinning(t, req(2, 2));
  assert.deepEqual(p.vcpus, ['1', '7', '2', '8']);
  assert.equal(p.emulator, '0,3-6,9-11');
  assert.deepEqual(p.iothreads, ['0,3-6,9-11']);
  // One thread per guest core: a whole host core each, the sibling left idle.
  const one = planPinning(t, req(4, 1));
  assert.deepEqual(one.vcpus, ['1', '2', '3', '4']);
  assert.equal(one.hostCpus, '0,5-6,11');
  assert.ok(one.reasons.some((r) => /whole host core/.test(r)));
  assert.match(
    one.advice.join('\n'),
    /isolcpus=managed_irq,domain,1-4,7-10 nohz_full=1-4,7-10 rcu_nocbs=1-4,7-10/,
  );
  assert.match(one.advice.join('\n'), /system\.slice AllowedCPUs=0,5-6,11/);
  assert.throws(
    () => planPinning(t, req(6, 2)),
    (e: unknown) =>
      e instanceof VfiokitError &&
      /6 guest cores .* 5 cores to give/.test(e.message) &&
      !e.message.includes('\n'),
  );
});

test('non-SMT host (i5-9600K): one vCPU per core; two threads per core refused', () => {
  const t = topo(I5_9600K);
  const p = planPinning(t, req(4, 1));
  assert.deepEqual(p.vcpus, ['1', '2', '3', '4']);
  assert.equal(p.emulator, '0,5');
  assert.throws(
    () => planPinning(t, req(2, 2)),
    /threads: 2 cannot map onto this host: its cores have no SMT siblings/,
  );
});

test("AMD Ryzen 9 3900X: one CCX where it fits, not CPU 0's; two CCX when it does not", () => {
  const t = topo(RYZEN_3900X);
  const p = planPinning(t, req(3, 2));
  assert.deepEqual(p.vcpus, ['3', '15', '4', '16', '5', '17']);
  assert.equal(p.emulator, '0-2,6-14,18-23');
  assert.ok(p.reasons.some((r) => /L3 3-5,15-17: all 3 guest cores share one L3/.test(r)));
  // 2 cores would fit in CPU 0's CCX (cores 1, 2) too; the CCX without CPU 0 is preferred.
  assert.deepEqual(planPinning(t, req(2, 2)).vcpus, ['3', '15', '4', '16']);
  const six = planPinning(t, req(6, 2));
  assert.deepEqual(six.vcpus, ['3', '15', '4', '16', '5', '17', '6', '18', '7', '19', '8', '20']);
  assert.ok(six.reasons.some((r) => /spans L3 3-5,15-17, L3 6-8,18-20/.test(r)));
});

test("2-node Xeon server: the GPU's node, another node when it does not fit, both when neither does", () => {
  const t = topo(XEON_2S_E5_2620V3);
  const onNode1 = planPinning(t, req(4, 2, { gpuNode: 1 }));
  assert.deepEqual(onNode1.vcpus, ['6', '18', '7', '19', '8', '20', '9', '21']);
  assert.equal(onNode1.emulator, '10-11,22-23');
  const onNode0 = planPinning(t, req(4, 2, { gpuNode: 0 }));
  assert.deepEqual(onNode0.vcpus, ['1', '13', '2', '14', '3', '15', '4', '16']);
  assert.equal(onNode0.emulator, '0,5,12,17');
  // Node 0 has 5 free cores (CPU 0's kept): 6 go to node 1 whole.
  const six = planPinning(t, req(6, 2, { gpuNode: 0 }));
  assert.deepEqual(six.vcpus, ['6', '18', '7', '19', '8', '20', '9', '21', '10', '22', '11', '23']);
  assert.equal(six.emulator, '0-5,12-17');
  assert.ok(six.reasons.some((r) => /NUMA node 1: the GPU's node 0 has only 5 free cores/.test(r)));
  const eight = planPinning(t, req(8, 2, { gpuNode: 1 }));
  assert.deepEqual(eight.vcpus, [
    '6',
    '18',
    '7',
    '19',
    '8',
    '20',
    '9',
    '21',
    '10',
    '22',
    '11',
    '23',
    '1',
    '13',
    '2',
    '14',
  ]);
  assert.equal(eight.emulator, '0,3-5,12,15-17');
  assert.throws(() => planPinning(t, req(12, 2)), /12 guest cores .* 11 cores to give/);
});

function renderAuto(name: string, layout: CpuLayout) {
  const h = hostWith(layout, 0);
  const spec = parseVmSpec(specText(name), `${name}.yaml`);
  const slots = resolveDevices(spec.devices ?? [], readPciDevices(h.root));
  const plan = planForHost(h.root, spec, slots);
  const scan = readFirmwareDescriptors([FIRMWARE_DIR]);
  const ovmf = chooseOvmf(scan.descriptors, { machine: 'q35', secureBoot: false }, scan.searched);
  const model = buildVmModel({ spec, slots, ovmf, autoPin: plan });
  const q = renderQemu(model);
  return { h, plan, model, shell: formatQemuShell(q.argv), notes: q.notes, xml: renderLibvirt(model) };
}

test('golden outputs: cpu.pin auto on an SMT (i7-8700) and a non-SMT (i5-9600K) host', () => {
  let n = 0;
  for (const [name, layout, vcpus, emulator] of [
    ['pin-auto', I7_8700, ['1', '7', '2', '8', '3', '9', '4', '10'], '0,5-6,11'],
    ['pin-auto-nosmt', I5_9600K, ['1', '2', '3', '4'], '0,5'],
  ] as const) {
    const r = renderAuto(name, layout);
    assert.deepEqual(r.plan.vcpus, vcpus);
    const pins = [...r.xml.matchAll(/<vcpupin vcpu='(\d+)' cpuset='([^']+)'\/>/g)].map((m) => m[2]);
    assert.deepEqual(pins, vcpus);
    assert.match(r.xml, new RegExp(`<emulatorpin cpuset='${emulator}'/>`));
    assert.match(r.xml, new RegExp(`<iothreadpin iothread='1' cpuset='${emulator}'/>`));
    const pinNote = r.notes.find((x) => x.startsWith('pin after start'));
    assert.ok(pinNote);
    assert.ok(pinNote.includes(`"CPU 1/KVM"→${vcpus[1]}`));
    for (const [ext, text] of [
      [
        'qemu.sh',
        `${[...r.plan.reasons.map((x) => `pinning: ${x}`), ...r.plan.advice.map((x) => `host: ${x}`), ...r.notes, QEMU_PIN_NOTE].map((x) => `# note: ${x}`).join('\n')}\n${r.shell}\n`,
      ],
      ['xml', r.xml],
    ] as const) {
      const file = path.join(GOLDEN_DIR, `${name}.${ext}`);
      if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, text);
      assert.equal(text, fs.readFileSync(file, 'utf8'), `${name}.${ext} differs from the golden file`);
      n++;
    }
  }
  assert.equal(n, 4);
});

const haveVirsh = spawnSync('virsh', ['--version']).status === 0;
test('libvirt defines the domains with the planned cputune (virsh -c test:///default define)', {
  skip: !haveVirsh && !process.env.CI && 'virsh not installed',
}, () => {
  let n = 0;
  for (const name of ['pin-auto', 'pin-auto-nosmt']) {
    const file = path.join(GOLDEN_DIR, `${name}.xml`);
    const r = spawnSync('virsh', ['-c', 'test:///default', 'define', file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Domain '[^']+' defined/);
    n++;
  }
  assert.equal(n, 2);
});

test('config libvirt with cpu.pin auto from the command line: reasons and host advice as notes', () => {
  const h = hostWith(RYZEN_3900X, 0);
  const spec = path.join(SPEC_DIR, 'pin-auto.yaml');
  const r = runCli(['--root', h.dir, 'config', 'libvirt', spec, '--firmware-dir', FIRMWARE_DIR]);
  assert.equal(r.status, 0, r.stderr);
  // 4 guest cores do not fit one 3-core CCX: CCX 3-5 then CCX 6-8.
  const pins = [...r.stdout.matchAll(/<vcpupin vcpu='\d+' cpuset='([^']+)'\/>/g)].map((m) => m[1]);
  assert.deepEqual(pins, ['3', '15', '4', '16', '5', '17', '6', '18']);
  assert.match(r.stderr, /note: pinning: CPU 0's core \(0,12\) stays with the host/);
  assert.match(r.stderr, /note: host: .*AllowedCPUs=/);
  // No topology in the root: a one-line error, not a guess.
  fs.rmSync(path.join(h.dir, 'sys/devices/system/cpu'), { recursive: true });
  const bad = runCli(['--root', h.dir, 'config', 'qemu', spec, '--firmware-dir', FIRMWARE_DIR]);
  assert.equal(bad.status, 3);
  assert.match(bad.stderr, /cpu\.pin: auto: the CPU topology of .* is unknown: .*online is missing/);
  assert.equal(bad.stderr.trim().split('\n').length <= 2, true, bad.stderr);
});

test('a snapshot of this machine keeps what cpu.pin auto reads: the same topology as the live /sys', () => {
  const live = readCpuTopology(openRoot('/'));
  assert.ok(live.ok, live.ok ? '' : live.reason);
  // getconf _NPROCESSORS_ONLN (sysconf) counts the online CPUs independently of this reader.
  const count = spawnSync('getconf', ['_NPROCESSORS_ONLN'], { encoding: 'utf8' });
  assert.equal(live.topology.cpus.length, Number(count.stdout.trim()));
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-pin-snap-')), 's');
  const r = runCli(['snapshot', '-o', dir]);
  assert.equal(r.status, 0, r.stderr);
  const snap = readCpuTopology(openRoot(dir));
  assert.deepEqual(snap, live);
  fs.rmSync(path.dirname(dir), { recursive: true, force: true });
});

test('fuzz: mutated topology attributes give a topology or unknown with a reason, never a throw', () => {
  const h = hostWith(RYZEN_3900X);
  const base = path.join(h.dir, 'sys/devices/system');
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }))
      e.isDirectory() ? walk(path.join(d, e.name)) : files.push(path.join(d, e.name));
  };
  walk(base);
  assert.ok(files.length > 24 * 10, `only ${files.length} files`);
  const originals = new Map(files.map((f) => [f, fs.readFileSync(f, 'utf8')]));
  const rnd = seededRandom(13);
  const pool = ['0-23', '-', ',', '\n', '99999', '3', '0-2,12-14', '', '-1', 'Unified'];
  let unknown = 0;
  for (let i = 0; i < 300; i++) {
    const picked = Array.from({ length: 1 + rnd(3) }, () => files[rnd(files.length)]);
    for (const f of picked)
      fs.writeFileSync(f, mutateText(originals.get(f) as string, rnd, pool, '0123456789,-\n'));
    const t = readCpuTopology(openRoot(h.dir));
    if (!t.ok) {
      unknown++;
      assert.ok(t.reason.length > 0 && !t.reason.includes('\n'), t.reason);
    } else {
      // Whatever was accepted is consistent: each CPU is in its own sibling list, once in an L3.
      for (const c of t.topology.cpus) assert.ok(c.siblings.includes(c.cpu));
      try {
        planPinning(t.topology, req(2, 1));
      } catch (e) {
        assert.ok(e instanceof VfiokitError, String(e));
      }
    }
    for (const f of picked) fs.writeFileSync(f, originals.get(f) as string);
  }
  assert.ok(unknown > 0);
});

test('fuzz: CPU lists round-trip (fast-check)', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 300 }), { maxLength: 40 }), (xs) => {
      const sorted = [...xs].sort((a, b) => a - b);
      assert.deepEqual(parseCpuList(formatCpuList(xs)), sorted);
    }),
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 30 }), (s) => {
      const r = parseCpuList(s);
      if (r) assert.ok(r.every((n, i) => i === 0 || n > r[i - 1]));
    }),
  );
});
