// Every command's --json output validated against its published schema (src/schema/outputs/,
// docs/json.md), over real inputs: the lab's snapshots of real kernels, the setup host, the ROM
// corpus, the held-out diagnose messages and the catalogue's own examples, a fleet of the lab
// hosts, and the VM specs of the config tests on the VM test host. Each loop asserts how many
// documents it validated, counted from the inputs themselves; the last test asserts that every
// defined schema was met at least once.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { CATALOGUE } from '../../src/readiness/diagnose/catalogue.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { I5_9600K, I7_8700, RYZEN_3900X, writeCpuLayout, XEON_2S_E5_2620V3 } from '../helpers/cpu-layouts.js';
import { buildFixture, fixtureManifest } from '../helpers/fixture-builder.js';
import { assertValidJson, OUTPUTS, validatedCount } from '../helpers/json-schema.js';
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
      doc(['--root', root, '--json', 'doctor', '--no-rom'], 'vfiokit.doctor/1');
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

test('every defined schema was validated at least once above', () => {
  assert.ok(OUTPUTS.length >= 21, `${OUTPUTS.length} definitions`);
  const missed = OUTPUTS.map((d) => d.id).filter((id) => validatedCount(id) === 0);
  assert.deepEqual(missed, []);
});
