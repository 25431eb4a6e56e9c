// Every command's --json output validated against its published schema (src/schema/outputs/,
// docs/json.md), over real inputs: the lab's snapshots of real kernels, the setup host, the ROM
// corpus, the held-out diagnose messages and the catalogue's own examples, a fleet of the lab
// hosts, and the VM specs of the config tests on the VM test host. Each loop asserts how many
// documents it validated, counted from the inputs themselves; the last test asserts that every
// defined schema was met at least once.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, describe, test } from 'node:test';
import { applyPlan } from '../../src/actions/apply.js';
import { planHandback, planHandover } from '../../src/actions/handover.js';
import { hugepageNeed, hugepageRecordStep, planHugepages } from '../../src/actions/hugepages.js';
import { type UpPlan, vmPaths, writeState } from '../../src/actions/up.js';
import { runBind, runRestore } from '../../src/cli/commands/bind.js';
import { runDown } from '../../src/cli/commands/down.js';
import { handoverJson } from '../../src/cli/commands/handover.js';
import { makeContext } from '../../src/cli/context.js';
import { DirHostWriter } from '../../src/host/host-writer.js';
import { DirHostRoot } from '../../src/host/root.js';
import { readHostUsage } from '../../src/host/usage.js';
import { CATALOGUE } from '../../src/readiness/diagnose/catalogue.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { capture as captureContext } from '../helpers/cli-context.js';
import { I5_9600K, I7_8700, RYZEN_3900X, writeCpuLayout, XEON_2S_E5_2620V3 } from '../helpers/cpu-layouts.js';
import { displayHost, GPU } from '../helpers/display-host.js';
import { fakeHost } from '../helpers/fake-sysfs.js';
import { buildFixture, fixtureManifest } from '../helpers/fixture-builder.js';
import { hugepageHost } from '../helpers/hugepage-host.js';
import { buildIgdHost, IGD_HOSTS, PREPARED_HOST } from '../helpers/igd-hosts.js';
import { assertValidJson, OUTPUTS, validatedCount } from '../helpers/json-schema.js';
import { buildOpRegion } from '../helpers/opregion-image.js';
import { FIRMWARE_DIR, SPEC_DIR, vmHostPci } from '../helpers/vm-host.js';

const LABS = ['lab-desktop', 'lab-legacy', 'lab-noacs', 'lab-server'];
const snapshotOf = (lab: string) => path.join(repoRoot, 'test/fixtures', lab, 'snapshot');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-json-schema-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/**
 * Runs a --json command that must succeed (exit 0, or 1 for "found a problem"). runCli has
 * validated the document against the schema it names (and counted it); this checks it names the
 * schema the command must print.
 */
function doc(args: string[], schema: string, opts: { input?: string } = {}): Record<string, unknown> {
  const before = validatedCount(schema);
  const r = runCli(args, opts);
  assert.ok(r.status === 0 || r.status === 1, `${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  const j = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.equal(j.schema, schema);
  assert.equal(validatedCount(schema), before + 1, 'runCli validated the document');
  return j;
}

/** PCI functions sysfs lists in a snapshot: the oracle for how many documents to expect. */
const sysfsDevices = (root: string) => fs.readdirSync(path.join(root, 'sys/bus/pci/devices')).sort();

// `device` and `explain` for every function of one lab host: the one without ACS (switches,
// multifunction devices), where explain has the most to say. Each run spawns the CLI, and the
// other lab hosts' devices are run by the tests of those commands (validated there by runCli).
const EVERY_FUNCTION = 'lab-noacs';

describe('the lab snapshots (real kernels)', () => {
  for (const lab of LABS) {
    test(`${lab}: report, devices, groups, doctor, diagnose, the manifest${lab === EVERY_FUNCTION ? ', device and explain for every function' : ''}`, () => {
      const root = snapshotOf(lab);
      const addresses = sysfsDevices(root);
      assert.ok(addresses.length >= 8, `${lab} lists ${addresses.length} devices`);
      const before = validatedCount();
      doc(['--root', root, '--json'], 'vfiokit.report/3');
      const devices = doc(['--root', root, '--json', 'devices'], 'vfiokit.devices/1');
      assert.deepEqual((devices.devices as { address: string }[]).map((d) => d.address).sort(), addresses);
      const groups = doc(['--root', root, '--json', 'groups'], 'vfiokit.groups/3');
      doc(['--root', root, '--json', 'groups', '--gpu'], 'vfiokit.groups/3');
      doc(['--root', root, '--json', 'groups', '--simulate'], 'vfiokit.groups/3');
      doc(['--root', root, '--json', 'doctor'], 'vfiokit.doctor/1');
      doc(['--root', root, '--json', 'diagnose', '--dmesg'], 'vfiokit.diagnose/2');
      // The manifest a real `vfiokit snapshot` wrote inside the guest.
      assertValidJson(
        JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8')),
        'vfiokit.snapshot/1',
      );
      if (lab !== EVERY_FUNCTION) {
        assert.equal(validatedCount() - before, 8);
        return;
      }
      for (const a of addresses) doc(['--root', root, '--json', 'device', a], 'vfiokit.device/1');
      // explain walks from a device in a group; the kernel's groups list which ones are.
      const grouped = (groups.groups as { devices: { address: string }[] }[]).flatMap((g) =>
        g.devices.map((d) => d.address),
      );
      assert.equal(grouped.length, addresses.length, `${lab}: every function is in a kernel group`);
      for (const a of grouped) doc(['explain', a, '--json', '--root', root], 'vfiokit.explain/2');
      assert.equal(validatedCount() - before, 8 + addresses.length * 2);
    });
  }
});

describe('a fleet of the lab hosts', () => {
  const named = LABS.map((l) => `${l}=${snapshotOf(l)}`);
  test('fleet, fleet --diff and the three exports', () => {
    const before = validatedCount();
    const fleet = doc(['fleet', '--json', '--jobs', '2', ...named], 'vfiokit.fleet/2');
    assert.equal((fleet.hosts as unknown[]).length, LABS.length);
    doc(
      ['fleet', '--json', '--diff', snapshotOf('lab-desktop'), snapshotOf('lab-server')],
      'vfiokit.fleet-diff/2',
    );
    doc(['--root', snapshotOf('lab-desktop'), 'export', 'nfd', '--json'], 'vfiokit.export-nfd/1');
    doc(['export', 'kubevirt', '--json', '--jobs', '2', ...named], 'vfiokit.export-kubevirt/1');
    doc(
      ['export', 'proxmox', '--json', '--jobs', '2', ...named.map((n) => n.replace('lab-', 'lab'))],
      'vfiokit.export-proxmox/1',
    );
    assert.equal(validatedCount() - before, 5);
  });
});

describe('option ROMs', () => {
  const files = [
    ...fs
      .readdirSync(path.join(repoRoot, 'test/fixtures/rom/corpus'))
      .filter((f) => f.endsWith('.rom'))
      .map((f) => path.join(repoRoot, 'test/fixtures/rom/corpus', f)),
    ...fs
      .readdirSync(path.join(repoRoot, 'test/fixtures/rom'))
      .filter((f) => f.endsWith('.rom'))
      .map((f) => path.join(repoRoot, 'test/fixtures/rom', f)),
    path.join(repoRoot, 'test/fixtures/efi-rom/efirom-ec-devlist.rom'),
  ];
  test('rom parse over the corpus and the synthetic ROMs, one document listing every file', () => {
    assert.ok(files.length >= 14, `found ${files.length} ROM files`);
    const j = doc(['rom', 'parse', ...files, '--json'], 'vfiokit.rom.parse/3');
    assert.equal((j.roms as unknown[]).length, files.length);
    const d = doc(['rom', 'parse', files[0], '--device', '1002:67df', '--json'], 'vfiokit.rom.parse/3');
    assert.ok((d.roms as { ids?: unknown }[])[0].ids);
  });
  test('rom fix, rom extract (an image and an EFI driver), rom dump from a snapshot', () => {
    const before = validatedCount();
    const efi = path.join(repoRoot, 'test/fixtures/efi-rom/efirom-ec-devlist.rom');
    doc(
      [
        'rom',
        'fix',
        efi,
        '-o',
        path.join(tmp, 'fixed.rom'),
        '--vendor',
        '8086',
        '--device',
        '100f',
        '--json',
      ],
      'vfiokit.rom.fix/1',
    );
    doc(
      ['rom', 'extract', efi, '--image', '0', '-o', path.join(tmp, 'img0.rom'), '--json'],
      'vfiokit.rom.extract/1',
    );
    doc(['rom', 'extract', efi, '--efi', '-o', path.join(tmp, 'drv.efi'), '--json'], 'vfiokit.rom.extract/1');
    // A copy of a lab snapshot whose GPU's rom attribute holds a real ROM (a snapshot has no ROM BAR to toggle).
    const root = path.join(tmp, 'dump-root');
    fs.cpSync(snapshotOf('lab-desktop'), root, { recursive: true, verbatimSymlinks: true });
    fs.writeFileSync(path.join(root, 'sys/bus/pci/devices/0000:01:00.0/rom'), fs.readFileSync(files[0]));
    doc(
      ['--root', root, 'rom', 'dump', '0000:01:00.0', '-o', path.join(tmp, 'dump.rom'), '--json'],
      'vfiokit.rom.dump/2',
    );
    assert.equal(validatedCount() - before, 4);
  });
});

describe('diagnose', () => {
  test('the held-out messages and every catalogue example, as two logs', () => {
    const heldOut = JSON.parse(
      fs.readFileSync(path.join(repoRoot, 'test/fixtures/diagnose/held-out.json'), 'utf8'),
    ) as { messages: { text: string }[] };
    assert.ok(heldOut.messages.length >= 60);
    const a = doc(['--json', 'diagnose'], 'vfiokit.diagnose/2', {
      input: heldOut.messages.map((m) => m.text).join('\n'),
    });
    assert.ok((a.findings as unknown[]).length >= 20, `${(a.findings as unknown[]).length} findings`);
    const examples = CATALOGUE.flatMap((e) => (e.examples ?? []).map((x) => x.text));
    assert.ok(examples.length >= CATALOGUE.length);
    const b = doc(['--root', snapshotOf('lab-desktop'), '--json', 'diagnose'], 'vfiokit.diagnose/2', {
      input: examples.join('\n'),
    });
    // Every catalogue entry with an example is among the findings (an entry may be found once per
    // device its examples name, so there are more findings than entries).
    const found = new Set((b.findings as { id: string }[]).map((f) => f.id));
    const missing = CATALOGUE.filter((e) => e.examples?.length && !found.has(e.id)).map((e) => e.id);
    assert.deepEqual(missing, []);
  });
});

describe('setup', () => {
  test('plan, apply, the record and the journal it leaves, verify, undo', () => {
    const host = path.join(tmp, 'setup-host');
    fs.cpSync(path.join(repoRoot, 'test/fixtures/setup/readme-host'), host, {
      recursive: true,
      verbatimSymlinks: true,
    });
    const before = validatedCount();
    doc(['--root', host, '--json', 'setup', '0000:01:00.0'], 'vfiokit.setup/1');
    doc(['--root', host, '--json', 'setup', '0000:01:00.0', '--apply'], 'vfiokit.setup/1');
    const file = (p: string) => JSON.parse(fs.readFileSync(path.join(host, p), 'utf8'));
    assertValidJson(file('var/lib/vfiokit/setup.json'), 'vfiokit.setup-record/1');
    assertValidJson(file('run/vfiokit/journal.json'), 'vfiokit.journal/1');
    doc(['--root', host, '--json', 'setup', '--verify'], 'vfiokit.setup-verify/1');
    doc(['--root', host, '--json', 'setup', '--undo', '--apply'], 'vfiokit.setup/1');
    assert.equal(validatedCount() - before, 6);
  });
  test('snapshot --json', () => {
    const out = path.join(tmp, 'snap');
    const j = doc(
      ['--root', snapshotOf('lab-server'), '--json', 'snapshot', '-o', out],
      'vfiokit.snapshot/1',
    );
    assert.equal(j.output, out);
    assertValidJson(
      JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')),
      'vfiokit.snapshot/1',
    );
  });
});

/** An in-process command's context whose output is kept (JSON), for the commands that act on a simulated sysfs. */
const capture = (root: string) => captureContext(root, true);

/** The files a run leaves in /run/vfiokit, validated: returns how many there were. */
function runFiles(dir: string, expected: Record<string, string>): number {
  let n = 0;
  for (const [file, schema] of Object.entries(expected)) {
    const p = path.join(dir, 'run/vfiokit', file);
    if (!fs.existsSync(p)) continue;
    assertValidJson(JSON.parse(fs.readFileSync(p, 'utf8')), schema);
    n++;
  }
  return n;
}

// bind, release and restore change the running kernel, so they run in-process over the simulated
// sysfs (test/helpers/fake-sysfs.ts, a copy of the lab desktop's real /sys following the kernel's
// binding rules); their --root dry runs go through the CLI.
describe('runtime binding (the simulated sysfs over the lab desktop)', () => {
  test('bind (dry run and applied), the record and journal it leaves, release, restore', async () => {
    const h = fakeHost('desktop');
    try {
      const deps = { io: h.fake, writer: h.writer };
      const before = validatedCount();
      const docs: Record<string, unknown>[] = [];
      const run = async (f: (ctx: ReturnType<typeof capture>['ctx']) => Promise<number>) => {
        const c = capture(h.dir);
        assert.equal(await f(c.ctx), 0);
        const j = JSON.parse(c.out());
        assertValidJson(j);
        docs.push(j);
        return j;
      };
      await run((ctx) => runBind(ctx, 'bind', ['0000:01:00.0'], { force: true, dryRun: true }, deps));
      const bound = await run((ctx) => runBind(ctx, 'bind', ['0000:01:00.0'], { force: true }, deps));
      assert.equal(bound.applied, true);
      assert.equal(
        runFiles(h.dir, { 'bound.json': 'vfiokit.bound/1', 'journal.json': 'vfiokit.journal/1' }),
        2,
      );
      const released = await run((ctx) => runBind(ctx, 'release', ['0000:01:00.0'], {}, deps));
      assert.equal(released.applied, true);
      assert.equal(runFiles(h.dir, { 'journal.json': 'vfiokit.journal/1' }), 1);
      const restored = await run((ctx) => runRestore(ctx, { dryRun: true }, deps));
      assert.equal((restored.journal as { state: string }).state, 'closed');
      await run((ctx) => runRestore(ctx, {}, deps));
      assert.deepEqual(
        docs.map((d) => d.schema),
        ['vfiokit.bind/1', 'vfiokit.bind/1', 'vfiokit.bind/1', 'vfiokit.restore/1', 'vfiokit.restore/1'],
      );
      assert.equal(validatedCount() - before, docs.length + 3);
    } finally {
      h.cleanup();
    }
  });
  test('bind --dry-run and restore --dry-run on the lab snapshots', () => {
    const before = validatedCount();
    for (const lab of LABS) {
      doc(
        ['--root', snapshotOf(lab), '--json', 'bind', '0000:01:00.0', '--dry-run', '--force'],
        'vfiokit.bind/1',
      );
      doc(['--root', snapshotOf(lab), '--json', 'restore', '--dry-run'], 'vfiokit.restore/1');
    }
    assert.equal(validatedCount() - before, LABS.length * 2);
  });
});

const SINGLE_GPU = path.join(repoRoot, 'test/fixtures/single-gpu');

describe('the guard, handover and the libvirt hook', () => {
  test('guard on every function of the single-GPU fixture, one at a time and all together', () => {
    const addresses = sysfsDevices(SINGLE_GPU);
    assert.ok(addresses.length >= 6, `${addresses.length} devices`);
    const before = validatedCount();
    const verdicts = addresses.map(
      (a) => doc(['--root', SINGLE_GPU, '--json', 'guard', a], 'vfiokit.guard/1').verdict,
    );
    assert.ok(verdicts.includes('in-use') && verdicts.includes('free'), verdicts.join(' '));
    doc(['--root', SINGLE_GPU, '--json', 'guard', ...addresses], 'vfiokit.guard/1');
    assert.equal(validatedCount() - before, addresses.length + 1);
  });
  test('handover and handback applied over the simulated display host: the documents and the records', async () => {
    const h = displayHost();
    try {
      const before = validatedCount();
      const root = () => new DirHostRoot(h.dir);
      const over = planHandover(root(), GPU, { usage: readHostUsage(root()) });
      assertValidJson(handoverJson(h.dir, over, false), 'vfiokit.handover/1');
      const r = await applyPlan(h.writer, over.plan, {
        command: 'test',
        sysfs: { io: h.fake, timeoutMs: 2000 },
      });
      assert.ok(r.ok, r.error?.message);
      assertValidJson(handoverJson(h.dir, over, r.ok, r), 'vfiokit.handover/1');
      assert.equal(
        runFiles(h.dir, {
          'handover.json': 'vfiokit.handover-record/1',
          'bound.json': 'vfiokit.bound/1',
          'journal.json': 'vfiokit.journal/1',
        }),
        3,
      );
      const back = planHandback(root(), GPU);
      assertValidJson(handoverJson(h.dir, back, false), 'vfiokit.handover/1');
      const rb = await applyPlan(h.writer, back.plan, {
        command: 'test',
        sysfs: { io: h.fake, timeoutMs: 2000 },
      });
      assert.ok(rb.ok, rb.error?.message);
      assertValidJson(handoverJson(h.dir, back, rb.ok, rb), 'vfiokit.handover/1');
      assert.equal(validatedCount() - before, 7);
    } finally {
      h.cleanup();
    }
  });
  test('handover --dry-run on the single-GPU fixture; hook install, --apply and --undo --apply on a copy', () => {
    const before = validatedCount();
    doc(['--root', SINGLE_GPU, '--json', 'handover', '0000:01:00.0', '--dry-run'], 'vfiokit.handover/1');
    const d = path.join(tmp, 'hook-host');
    fs.cpSync(SINGLE_GPU, d, { recursive: true, verbatimSymlinks: true });
    fs.mkdirSync(path.join(d, 'etc/libvirt/qemu'), { recursive: true });
    fs.writeFileSync(
      path.join(d, 'etc/libvirt/qemu/win11.xml'),
      "<domain type='kvm'><name>win11</name><devices><hostdev mode='subsystem' type='pci'><source><address domain='0x0000' bus='0x01' slot='0x00' function='0x0'/></source></hostdev></devices></domain>\n",
    );
    const hook = ['--root', d, '--json', 'hook', 'install'];
    doc([...hook, '--vfiokit', '/usr/bin/vfiokit'], 'vfiokit.hook/1');
    const applied = doc([...hook, '--vfiokit', '/usr/bin/vfiokit', '--apply'], 'vfiokit.hook/1');
    assert.equal(applied.applied, true);
    doc([...hook, '--undo'], 'vfiokit.hook/1');
    assert.equal(doc([...hook, '--undo', '--apply'], 'vfiokit.hook/1').applied, true);
    assert.equal(validatedCount() - before, 5);
  });
});

describe('igd', () => {
  test('opregion, check, plan and verify over the IGD hosts and built OpRegions', () => {
    const before = validatedCount();
    const opregions = [buildOpRegion(), buildOpRegion({ extended: true })];
    opregions.forEach((bytes, i) => {
      const f = path.join(tmp, `opregion-${i}`);
      fs.writeFileSync(f, bytes);
      doc(['--json', 'igd', 'opregion', f], 'vfiokit.igd.opregion/1');
    });
    const size = path.join(tmp, 'bdsm-size');
    fs.writeFileSync(size, Buffer.from([0, 0, 0, 4, 0, 0, 0, 0]));
    doc(
      [
        '--json',
        'igd',
        'plan',
        '--opregion',
        path.join(tmp, 'opregion-1'),
        '--bdsm-size',
        size,
        '--memory',
        '4G',
      ],
      'vfiokit.igd.plan/1',
    );
    assert.ok(IGD_HOSTS.length >= 5, `${IGD_HOSTS.length} IGD hosts`);
    for (const c of IGD_HOSTS) {
      const fx = buildIgdHost(c, PREPARED_HOST);
      try {
        const check = doc(['--root', fx.dir, '--json', 'igd', 'check'], 'vfiokit.igd.check/2');
        assert.equal((check.igd as { generation: { gen: number } }).generation.gen, c.expect.gen);
        doc(
          ['--root', fx.dir, '--json', 'igd', 'plan', '--for', '00:02.0', '--memory', '8G'],
          'vfiokit.igd.plan/1',
        );
        doc(['--root', fx.dir, '--json', 'igd', 'verify'], 'vfiokit.igd.verify/1');
      } finally {
        fx.cleanup();
      }
    }
    // A host without an IGD: igd null, every mode unknown or not possible.
    assert.equal(
      doc(['--root', snapshotOf('lab-desktop'), '--json', 'igd', 'check'], 'vfiokit.igd.check/2').igd,
      null,
    );
    assert.equal(validatedCount() - before, opregions.length + 1 + IGD_HOSTS.length * 3 + 1);
  });
});

describe('VM specs', () => {
  // The VM test host (test/helpers/vm-host.ts) written as a snapshot directory, with the CPU layout
  // of an Intel Core i7-8700 and 32 GiB of memory: the host the vm init and cpu.pin: auto tests use.
  const vmRoot = (layout = I7_8700) => {
    const dir = fs.mkdtempSync(path.join(tmp, 'vm-host-'));
    buildFixture(vmHostPci, dir);
    fs.writeFileSync(path.join(dir, 'manifest.json'), fixtureManifest());
    writeCpuLayout(dir, layout);
    fs.mkdirSync(path.join(dir, 'proc'));
    fs.writeFileSync(path.join(dir, 'proc/meminfo'), `MemTotal:       ${32 * 1024 * 1024} kB\n`);
    return dir;
  };
  const AMD_ROM = path.join(
    repoRoot,
    'test/fixtures/rom/corpus/amd-micron_msi_armor_rx580_8gb_rx580-default.rom',
  );

  test('config qemu and config libvirt for every spec in test/fixtures/vm-spec/spec, and --patch', () => {
    const root = vmRoot();
    const specs = fs.readdirSync(SPEC_DIR).filter((f) => f.endsWith('.yaml'));
    assert.ok(specs.length >= 9, `found ${specs.length} specs`);
    const before = validatedCount();
    for (const f of specs) {
      // A spec names its romfile where a host keeps it; here the corpus ROM of the same card
      // stands in (config reads and checks it). lab-desktop.yaml names a group of the lab desktop.
      const text = fs.readFileSync(path.join(SPEC_DIR, f), 'utf8');
      const spec = text.includes('romfile:') ? path.join(tmp, f) : path.join(SPEC_DIR, f);
      if (spec !== path.join(SPEC_DIR, f))
        fs.writeFileSync(spec, text.replace(/romfile: .*/g, `romfile: ${AMD_ROM}`));
      const r = f === 'lab-desktop.yaml' ? snapshotOf('lab-desktop') : root;
      const run = (kind: string) => [
        '--root',
        r,
        '--json',
        'config',
        kind,
        spec,
        '--firmware-dir',
        FIRMWARE_DIR,
      ];
      const q = doc(run('qemu'), 'vfiokit.config-qemu/1');
      assert.equal((q.argv as string[])[0], 'qemu-system-x86_64');
      const l = doc(run('libvirt'), 'vfiokit.config-libvirt/1');
      assert.equal(l.name, q.name);
    }
    const p = doc(
      [
        '--root',
        root,
        '--json',
        'config',
        'libvirt',
        path.join(SPEC_DIR, 'looking-glass.yaml'),
        '--firmware-dir',
        FIRMWARE_DIR,
        '--patch',
        path.join(repoRoot, 'test/fixtures/vm-spec/dumpxml-win10.xml'),
      ],
      'vfiokit.config-libvirt/1',
    );
    assert.ok((p.patched as string).endsWith('dumpxml-win10.xml'));
    assert.equal(validatedCount() - before, specs.length * 2 + 1);
  });

  test('vm init on the VM test host with each CPU layout, with -o and --no-windows', () => {
    const layouts = [I7_8700, I5_9600K, RYZEN_3900X, XEON_2S_E5_2620V3];
    const before = validatedCount();
    for (const layout of layouts) {
      const root = vmRoot(layout);
      const j = doc(['--root', root, '--json', 'vm', 'init'], 'vfiokit.vm-init/1');
      assert.equal(j.file, undefined);
      const out = path.join(root, 'spec.yaml');
      const o = doc(
        ['--root', root, '--json', 'vm', 'init', '-o', out, '--no-windows', '--name', 'deb'],
        'vfiokit.vm-init/1',
      );
      assert.equal(o.file, out);
      assert.equal(fs.readFileSync(out, 'utf8'), o.yaml);
    }
    assert.equal(validatedCount() - before, layouts.length * 2);
  });
});

test('up --dry-run --json, the run record and down --json (a monitor standing in for QEMU)', async () => {
  const before = validatedCount();
  doc(
    [
      '--root',
      snapshotOf('lab-desktop'),
      '--json',
      'up',
      'test/fixtures/up/nested.yaml',
      '--dry-run',
      '--force',
    ],
    'vfiokit.up/1',
  );
  // A run record as up writes it, whose control socket is a QMP monitor that takes the power
  // button and hangs up, as QEMU does when the guest powers off (a mock: no guest here; the
  // real exchange is in test/unit/up.test.ts and the lab).
  const dir = fs.mkdtempSync(path.join(tmp, 'down-'));
  const w = new DirHostWriter(dir);
  const plan = {
    name: 'nested',
    paths: vmPaths('nested'),
    binding: { devices: [{ address: '0000:02:00.0' }] },
  } as unknown as UpPlan;
  const report = { checks: [], stderrTail: [], qemuPid: process.pid, started: '2026-12-02T02:22:05.027Z' };
  writeState(w, plan, report, 'running');
  assertValidJson(
    JSON.parse(fs.readFileSync(path.join(dir, 'run/vfiokit/vm/nested.json'), 'utf8')),
    'vfiokit.vm-state/1',
  );
  fs.mkdirSync(path.join(dir, 'run/vfiokit/vm/nested'), { recursive: true });
  const server = net.createServer((sock) => {
    sock.on('error', () => undefined);
    sock.write('{"QMP": {"version": {}, "capabilities": []}}\n');
    sock.on('data', (d) => {
      for (const l of String(d).split('\n').filter(Boolean)) {
        const cmd = JSON.parse(l).execute;
        sock.write('{"return": {}}\n');
        if (cmd === 'system_powerdown') {
          sock.write('{"event": "SHUTDOWN", "data": {"guest": true, "reason": "guest-shutdown"}}\n');
          sock.end();
          writeState(
            w,
            plan,
            { ...report, outcome: 'exited', qemuExit: { code: 0, signal: null } },
            'ended',
            {
              ok: true,
              undone: ['bound 0000:02:00.0 to e1000e'],
              undoFailed: [],
            },
          );
        }
      }
    });
  });
  await new Promise<void>((r) => server.listen(path.join(dir, 'run/vfiokit/vm/nested/control.sock'), r));
  try {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (c) => {
      out += c;
    });
    const ctx = makeContext({ root: dir, json: true, color: false }, { stdout, stderr: new PassThrough() });
    assert.equal(await runDown(ctx, 'nested', { timeout: '5', cleanupWait: '5' }, { writer: w }), 0);
    const d = JSON.parse(out);
    assertValidJson(d, 'vfiokit.down/1');
    assert.equal(d.stoppedBy, 'guest');
  } finally {
    server.close();
  }
  assert.equal(validatedCount() - before, 3);
});

test("the dashboard API's own documents: ui-info, ui-device, ui-topology, ui-vm (src/ui/api.ts, no server needed)", async () => {
  const { apiGet, apiPost, RawJson } = await import('../../src/ui/api.js');
  const root = path.join(repoRoot, 'test/fixtures/lab-desktop/snapshot');
  const state = {
    roots: [{ id: 'desktop', label: 'lab-desktop', source: { root }, live: false }],
    readOnly: 'serving a snapshot',
    version: 'test',
  };
  const q = new URLSearchParams();
  const before = validatedCount();
  assertValidJson((await apiGet(state, '/info', q)).body, 'vfiokit.ui-info/1');
  assertValidJson((await apiGet(state, '/device/0000:01:00.0', q)).body, 'vfiokit.ui-device/1');
  const topology = (await apiGet(state, '/topology', q)).body;
  assert.ok(topology instanceof RawJson);
  assertValidJson(JSON.parse(topology.text), 'vfiokit.ui-topology/1');
  const spec = 'name: t\nmemory: 2G\ncpu:\n  cores: 2\nfirmware:\n  type: seabios\n';
  assertValidJson((await apiPost(state, '/vm/render', q, { spec })).body, 'vfiokit.ui-vm/1');
  assert.equal(validatedCount() - before, 4);
});

test('hugepages --dry-run --json, and the record a reservation leaves for --release', async () => {
  const before = validatedCount();
  doc(
    [
      '--root',
      snapshotOf('lab-desktop'),
      '--json',
      'hugepages',
      'test/fixtures/hugepages/small-2m.yaml',
      '--dry-run',
    ],
    'vfiokit.hugepages/1',
  );
  // The record, written by a reservation on the simulated pools (the kernel's counts: the lab).
  const h = hugepageHost({ pool2M: { nodes: [{ room: 100 }] } });
  try {
    const need = hugepageNeed({ memoryBytes: 64 * 1024 * 1024, hugepageBytes: 2 * 1024 * 1024 });
    assert.ok(need);
    const p = planHugepages(need, h.root());
    const rec = hugepageRecordStep(h.root(), 'small', p);
    assert.ok(rec);
    const r = await applyPlan(
      h.writer,
      { steps: [...p.plan.steps, rec] },
      {
        command: 'test',
        sysfs: { io: h.fake, timeoutMs: 1000 },
      },
    );
    assert.equal(r.ok, true, r.error?.message);
    assertValidJson(
      JSON.parse(fs.readFileSync(path.join(h.dir, 'run/vfiokit/hugepages-small.json'), 'utf8')),
      'vfiokit.hugepages-record/1',
    );
  } finally {
    h.cleanup();
  }
  assert.equal(validatedCount() - before, 2);
});

test('every defined schema was validated at least once above', () => {
  assert.ok(OUTPUTS.length >= 32, `${OUTPUTS.length} definitions`);
  const missed = OUTPUTS.map((d) => d.id).filter((id) => validatedCount(id) === 0);
  assert.deepEqual(missed, []);
});
