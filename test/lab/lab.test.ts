// The lab: every topology in lab/topologies/ boots a real Debian kernel under QEMU with an emulated
// Intel IOMMU (two boots at a time, see lab/pool.ts), runs the guest suite once, and the tests
// below judge the results: the kernel's own groups and VFIO verdicts against what the topology
// claims, and vfiokit's output against the kernel. Run alone with `npm run lab` or
// `npm test -- test/lab`; VFIOKIT_LAB_TOPOLOGIES=a,b limits the boots, VFIOKIT_LAB_TIMEOUT_S sets the
// per-boot timeout. Timings are printed as
// test diagnostics, never asserted.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, type TestContext, test } from 'node:test';
import { boot } from '../../lab/boot.js';
import { labCommandsFor } from '../../lab/commands.js';
import {
  type DevicesJson,
  type ExplainJson,
  type GroupsJson,
  kernelGroupOf,
  lspciAcsDevices,
  partitionOf,
} from '../../lab/compare.js';
import { newOutDir } from '../../lab/paths.js';
import { inLabSlot, pooled } from '../../lab/pool.js';
import { type CommandResult, runSuite, type ScenarioGroup, type SuiteRun } from '../../lab/suite.js';
import { topologies } from '../../lab/topologies/index.js';
import type { LabTopology } from '../../lab/topology.js';
import { canonicalGroups, groupsByIds } from '../../lab/truth.js';
import type { DoctorJson } from '../../src/schema/outputs/doctor.js';
import { runCli } from '../helpers/cli.js';
import { assertValidJson } from '../helpers/json-schema.js';

// A boot and the whole guest suite take 1-2 minutes under TCG on an idle 2-core machine; 480 s
// leaves room for a machine shared with other work (at load 13 on 2 cores, 240 s was passed and
// every guest was killed as hung). VFIOKIT_LAB_TIMEOUT_S sets it.
const BOOT_TIMEOUT_MS = Number(process.env.VFIOKIT_LAB_TIMEOUT_S ?? 480) * 1000;
const t0 = performance.now();
// VFIOKIT_LAB_TOPOLOGIES=desktop,legacy boots only those (for working on one topology).
const only = process.env.VFIOKIT_LAB_TOPOLOGIES?.split(',').filter(Boolean);
const selected = only ? topologies.filter((t) => only.includes(t.name)) : topologies;
const runs = pooled(
  selected.map((t) => () => runSuite(t, { commands: labCommandsFor(t), timeoutMs: BOOT_TIMEOUT_MS })),
);

// A boot that fails to start (no kernel package, QEMU refusing the machine) rejects long before its
// describe block awaits it; the no-op handlers keep that from being an unhandled rejection, while
// each block's before() still receives the error and fails its tests.
for (const r of runs) r.catch(() => {});

function consoleTail(run: SuiteRun): string {
  try {
    return readFileSync(run.boot.consoleLog, 'utf8').split('\n').slice(-25).join('\n');
  } catch {
    return '(no console log)';
  }
}

function command(run: SuiteRun, name: string, scenario?: string): CommandResult {
  const list = scenario
    ? run.results!.scenarios.find((s) => s.name === scenario)?.vfiokit
    : run.results!.baseline;
  const r = list?.find((c) => c.name === name);
  assert.ok(r, `vfiokit step ${name} did not run${scenario ? ` in scenario ${scenario}` : ''}`);
  return r;
}

/**
 * The devices doctor checks in the lab: lab/commands.ts passes every endpoint the scenarios bind
 * with --device, in that order; their addresses are the kernel's (the guest's scan).
 */
function doctorTargets(topo: LabTopology, r: NonNullable<SuiteRun['results']>): string[] {
  return [...new Set(topo.scenarios.flatMap((s) => s.bind))].map((id) => r.bdfOf[id]);
}

/** The kernel groups of every device bound to vfio-pci up to and including scenario `name`. */
function boundGroups(r: NonNullable<SuiteRun['results']>, name: string): string[] {
  const upTo = r.scenarios.slice(0, r.scenarios.findIndex((s) => s.name === name) + 1);
  const bound = new Set(upTo.flatMap((s) => s.bind).map((id) => r.bdfOf[id]));
  return r.groups
    .filter((g) => g.devices.some((d) => bound.has(d)))
    .map((g) => g.group)
    .sort();
}

selected.forEach((topo, i) => {
  describe(`lab ${topo.name}: ${topo.summary}`, () => {
    let run: SuiteRun;
    // A topology whose checks all pass leaves nothing behind; a failure keeps its output
    // directory (console log, results.json, vfiokit's files) for reading. VFIOKIT_LAB_KEEP=1 keeps all.
    let registered = 0;
    let passed = 0;
    const check = (name: string, fn: (t: TestContext) => void) => {
      registered++;
      test(name, (t) => {
        fn(t);
        passed++;
      });
    };
    before(async () => {
      run = await runs[i];
    });
    after(() => {
      if (run && passed === registered && !process.env.VFIOKIT_LAB_KEEP)
        rmSync(run.outDir, { recursive: true, force: true });
    });

    check('the guest boots, runs the whole suite and reports exit status 0', (t) => {
      const b = run.boot;
      t.diagnostic(
        `${topo.name}: accel ${b.accel}${b.retried ? ' (second boot)' : ''}, kernel ready at ${b.readySeconds}s guest uptime, ` +
          `suite done at ${b.doneSeconds}s, boot wall time ${(b.wallMs / 1000).toFixed(1)}s, ` +
          `lab wall time so far ${((performance.now() - t0) / 1000).toFixed(1)}s; out dir ${run.outDir}`,
      );
      assert.equal(b.timedOut, false, `guest hung and was killed:\n${consoleTail(run)}`);
      assert.ok(run.results, `no results.json:\n${consoleTail(run)}`);
      assert.deepEqual(run.results.errors, []);
      assert.equal(b.exitCode, 0, consoleTail(run));
    });

    check(
      'every --json document vfiokit printed in the guest validates against its published schema',
      (t) => {
        const r = run.results!;
        const cmds = labCommandsFor(topo);
        const jsonNames = (list: { name: string; json?: boolean }[] = []) =>
          list.filter((c) => c.json).map((c) => c.name);
        // What the suite was asked to run with --json, per run: the oracle for the count.
        const expected =
          jsonNames(cmds.baseline).length + r.scenarios.length * jsonNames(cmds.scenario).length;
        const captured = [...r.baseline, ...r.scenarios.flatMap((s) => s.vfiokit)].filter(
          (c) => c.json !== undefined,
        );
        assert.equal(captured.length, expected, 'every --json command printed a document');
        for (const c of captured) {
          try {
            assertValidJson(c.json);
          } catch (e) {
            throw new Error(`${c.name} (${c.argv.join(' ')}): ${(e as Error).message}`);
          }
        }
        // The manifest vfiokit snapshot wrote inside the guest.
        assertValidJson(
          JSON.parse(readFileSync(join(run.outDir, 'snapshot', 'manifest.json'), 'utf8')),
          'vfiokit.snapshot/1',
        );
        t.diagnostic(`${topo.name}: ${captured.length + 1} documents validated`);
      },
    );

    check('the kernel runs with the emulated VT-d and groups every device', () => {
      const r = run.results!;
      assert.match(r.kernel.cmdline, /intel_iommu=on/);
      for (const d of r.devices) assert.ok(d.group !== null, `${d.bdf} has no iommu_group`);
      const listed = r.groups.flatMap((g) => g.devices).sort();
      assert.deepEqual(
        listed,
        r.devices.map((d) => d.bdf),
      );
    });

    check('the kernel forms the groups the topology documents', () => {
      const r = run.results!;
      const expected = (topo.expectGroups ?? [])
        .map((g) => [...g].sort())
        .sort((a, b) => a.join().localeCompare(b.join()));
      assert.deepEqual(groupsByIds(r.devices, r.groups), expected);
    });

    check('vfiokit devices --json lists what sysfs holds, and ACS where lspci decodes it', () => {
      const r = run.results!;
      const c = command(run, 'devices');
      assert.equal(c.status, 0, c.stderr);
      const list = c.json as DevicesJson;
      assert.equal(list.schema, 'vfiokit.devices/1');
      const strip = (h: string) => h.replace(/^0x/, '');
      assert.deepEqual(
        list.devices.map((d) => [
          d.address,
          d.vendor,
          d.device,
          d.class,
          d.driver ?? null,
          String(d.iommuGroup),
        ]),
        r.devices.map((d) => [d.bdf, strip(d.vendor), strip(d.device), strip(d.class), d.driver, d.group]),
      );
      const lspci = readFileSync(join(run.outDir, 'lspci-vvvnn.txt'), 'utf8');
      const acs = list.devices.filter((d) => d.capabilities.some((x) => x.extended && x.id === '000d'));
      assert.deepEqual(
        acs.map((d) => d.address),
        lspciAcsDevices(lspci),
      );
    });

    check("vfiokit snapshot taken in the guest reads back on the host with the kernel's groups", () => {
      const snap = command(run, 'snapshot');
      assert.equal(snap.status, 0, snap.stderr);
      const r = runCli(['groups', '--root', join(run.outDir, 'snapshot'), '--json']);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(
        partitionOf(JSON.parse(r.stdout) as GroupsJson),
        canonicalGroups(run.results!.groups.map((x) => x.devices)),
      );
    });

    check("vfiokit groups --json lists exactly the kernel's groups, numbers and drivers", () => {
      const r = run.results!;
      const g = command(run, 'groups');
      assert.equal(g.status, 0, g.stderr);
      const report = g.json as GroupsJson;
      assert.equal(report.schema, 'vfiokit.groups/3');
      assert.deepEqual(partitionOf(report), canonicalGroups(r.groups.map((x) => x.devices)));
      for (const kg of r.groups) {
        const vg = report.groups.find((x) => x.id === Number(kg.group));
        assert.deepEqual(vg?.devices.map((d) => d.address).sort(), kg.devices, `group ${kg.group}`);
      }
      const driverOf = new Map(r.devices.map((d) => [d.bdf, d.driver]));
      for (const d of report.groups.flatMap((x) => x.devices))
        assert.equal(d.driver, driverOf.get(d.address), d.address);
    });

    check("vfiokit groups --simulate predicts the kernel's groups from config space alone", () => {
      const g = command(run, 'groups-simulate');
      assert.equal(g.status, 0, g.stderr);
      const report = g.json as GroupsJson;
      assert.equal(report.source, 'simulated');
      assert.deepEqual(partitionOf(report), canonicalGroups(run.results!.groups.map((x) => x.devices)));
    });

    check('vfiokit groups reports its own simulator check as agreeing with the kernel', () => {
      const report = command(run, 'groups').json as GroupsJson;
      assert.equal(report.simulation.status, 'agrees', JSON.stringify(report.simulation.differences));
    });

    for (const id of new Set(topo.scenarios.flatMap((s) => s.bind))) {
      check(`vfiokit explain ${id} names the kernel's group, predicted and observed`, () => {
        const r = run.results!;
        const e = command(run, `explain-${id}`);
        assert.equal(e.status, 0, e.stderr);
        const ex = e.json as ExplainJson;
        assert.equal(ex.schema, 'vfiokit.explain/2');
        const kg = kernelGroupOf(r.groups, r.bdfOf[id])!;
        assert.equal(ex.kernelGroup?.id, Number(kg.group));
        assert.deepEqual([...(ex.kernelGroup?.members ?? [])].sort(), kg.devices);
        assert.deepEqual([...ex.simulatedGroup].sort(), kg.devices);
      });
    }

    for (const s of topo.scenarios) {
      check(
        `scenario ${s.name}: bind ${s.bind.join(', ')} → the kernel's VFIO_GROUP_GET_STATUS verdicts`,
        () => {
          const r = run.results!;
          const sc = r.scenarios.find((x) => x.name === s.name);
          assert.ok(sc, `scenario ${s.name} did not run`);
          // The kernel creates /dev/vfio/N when a device of group N binds to vfio-pci, and the
          // scenarios bind cumulatively: exactly the groups of every device bound so far have one.
          assert.deepEqual(
            sc.groups
              .filter((g) => g.vfio?.node)
              .map((g) => g.group)
              .sort(),
            boundGroups(r, s.name),
            'groups with a /dev/vfio node',
          );
          for (const [id, viable] of Object.entries(s.expectViable)) {
            const g: ScenarioGroup | undefined = sc.groups.find((x) => x.devices.some((d) => d.id === id));
            assert.ok(g?.vfio?.node, `${id}: its group has no /dev/vfio node`);
            assert.equal(g.vfio.viable, viable, `${id}: group ${g.group} flags ${g.vfio.flags}`);
            // The flag is not the only evidence: a non-viable group cannot join a container.
            assert.equal(g.vfio.setContainer, viable ? 'ok' : 'EPERM');
          }
        },
      );
    }

    for (const s of topo.scenarios) {
      check(
        `scenario ${s.name}: vfiokit groups gives the kernel's viability and what is left to bind`,
        () => {
          const sc = run.results!.scenarios.find((x) => x.name === s.name)!;
          const g = command(run, 'groups', s.name);
          assert.equal(g.status, 0, g.stderr);
          const report = g.json as GroupsJson;
          // Only groups with a /dev/vfio node can be asked; the kernel creates it at the first bind.
          const asked = sc.groups.filter((x) => x.vfio?.node);
          assert.deepEqual(asked.map((g) => g.group).sort(), boundGroups(run.results!, s.name));
          for (const kg of asked) {
            const vg = report.groups.find((x) => x.id === Number(kg.group));
            assert.ok(vg, `vfiokit has no group ${kg.group}`);
            assert.equal(vg.viable, kg.vfio!.viable, `group ${kg.group}: ${JSON.stringify(kg.devices)}`);
            // What is left to do is empty exactly when the kernel's ioctl says viable, and names
            // only members of the kernel's group that a driver other than vfio-pci holds (the
            // kernel never blocks on a device without a driver or on vfio-pci).
            const todo = [...vg.mustBind, ...vg.mustUnbind];
            assert.equal(
              todo.length === 0,
              kg.vfio!.viable,
              `group ${kg.group}: left to do ${todo.join(', ')}`,
            );
            for (const b of todo) {
              const m = kg.devices.find((d) => d.bdf === b);
              assert.ok(m, `group ${kg.group}: ${b} is not in the kernel's group`);
              assert.ok(m.driver && m.driver !== 'vfio-pci', `group ${kg.group}: ${b} on ${m.driver}`);
            }
          }
        },
      );
    }

    check("vfiokit doctor sees the IOMMU and interrupt remapping on, and each GPU's companions", () => {
      const d = command(run, 'doctor');
      const j = d.json as DoctorJson;
      assert.equal(j.schema, 'vfiokit.doctor/1', d.stderr);
      const verdict = (id: string) => j.checks.find((c) => c.id === id)?.verdict;
      assert.equal(verdict('iommu.active'), 'ok');
      assert.equal(verdict('interrupts.remapping'), 'ok');
      // Every other function in a GPU's slot is named as its companion (HDMI audio on the desktop).
      const r = run.results!;
      const audio = j.checks.filter((x) => x.id === 'gpu.audio');
      assert.deepEqual(
        audio.map((c) => c.device),
        doctorTargets(topo, r),
        'one gpu.audio check per device doctor was asked about',
      );
      for (const c of audio) {
        const slot = c.device!.replace(/\.\d$/, '.');
        const others = r.devices.map((x) => x.bdf).filter((b) => b.startsWith(slot) && b !== c.device);
        for (const o of others) assert.ok(c.evidence.join('\n').includes(o), `${c.device}: ${o} not named`);
      }
    });

    for (const s of topo.scenarios) {
      check(`scenario ${s.name}: vfiokit doctor's group verdicts equal the kernel's viability`, () => {
        const j = command(run, 'doctor', s.name).json as DoctorJson;
        const sc = run.results!.scenarios.find((x) => x.name === s.name)!;
        const checks = j.checks.filter((x) => x.id === 'gpu.group');
        assert.deepEqual(
          checks.map((c) => c.device),
          doctorTargets(topo, run.results!),
          'one gpu.group check per device doctor was asked about',
        );
        // The kernel is only asked once a group has a /dev/vfio node: every checked device whose
        // group has one is compared, and the count says so.
        const asked = doctorTargets(topo, run.results!).filter(
          (bdf) => sc.groups.find((g) => g.devices.some((d) => d.bdf === bdf))?.vfio?.node,
        );
        let compared = 0;
        for (const c of checks) {
          const g = sc.groups.find((x) => x.devices.some((d) => d.bdf === c.device));
          if (!g?.vfio?.node) continue;
          assert.equal(
            c.verdict === 'ok',
            g.vfio.viable,
            `${c.device} in group ${g.group}: ${c.evidence.join('; ')}`,
          );
          compared++;
        }
        assert.equal(compared, asked.length);
      });
    }

    for (const rom of topo.roms ?? []) {
      check(`the sysfs ROM of ${rom.device} is Debian's ${rom.file}`, () => {
        const got = run.results!.roms.find((x) => x.device === rom.device);
        assert.ok(got?.sysfsFile, got?.error ?? 'ROM not read');
        assert.ok(readFileSync(got.sysfsFile).equals(readFileSync(rom.file)));
      });

      check(`vfiokit rom dump of ${rom.device} writes exactly Debian's ${rom.file}`, () => {
        const r = command(run, `rom-dump-${rom.device}`);
        assert.equal(r.status, 0, r.stderr);
        const out = r.argv[r.argv.indexOf('-o') + 1];
        assert.ok(readFileSync(out).equals(readFileSync(rom.file)), `${out} differs from ${rom.file}`);
        assert.equal((r.json as { schema?: string })?.schema, 'vfiokit.rom.dump/2');
      });

      check(`vfiokit rom dump refuses ${rom.device} in use by its driver without --force`, () => {
        const r = command(run, `rom-dump-refused-${rom.device}`);
        assert.equal(r.status, 2, r.stderr);
        assert.match(r.stderr, /is a network controller in use by e1000e: .*not reading it \(hint: /);
        assert.ok(!existsSync(r.argv[r.argv.indexOf('-o') + 1]), 'nothing written');
      });

      check(`vfiokit snapshot --rom carries ${rom.device}'s ROM, byte for byte`, () => {
        const r = command(run, 'snapshot-roms');
        assert.equal(r.status, 0, r.stderr);
        const bdf = r.argv[r.argv.indexOf('--rom') + 1];
        const m = r.json as { roms?: { device: string; bytes?: number; error?: string }[] };
        assert.deepEqual(
          m.roms?.find((x) => x.device === bdf),
          { device: bdf, bytes: readFileSync(rom.file).length },
        );
        const out = r.argv[r.argv.indexOf('-o') + 1];
        const copy = join(out, 'sys/bus/pci/devices', bdf, 'rom');
        assert.ok(readFileSync(copy).equals(readFileSync(rom.file)), `${copy} differs from ${rom.file}`);
      });
    }
  });
});

// The machinery itself, on a machine with no extra devices: the guest's exit status comes back as
// the boot's, files written to $LAB_OUT reach the host, and a guest that never finishes is killed.
const bare: LabTopology = {
  name: 'bare',
  summary: 'q35 + VT-d, no extra devices',
  devices: [],
  scenarios: [],
};
const exitRun = inLabSlot(async () => {
  const outDir = newOutDir('bare-exit');
  const cmd = `${process.execPath} -e "require('fs').writeFileSync(process.env.LAB_OUT + '/from-guest', process.version)"; exit 7`;
  return { outDir, boot: await boot({ topology: bare, command: cmd, outDir, timeoutMs: BOOT_TIMEOUT_MS }) };
});
const hungRun = inLabSlot(async () => {
  const outDir = newOutDir('bare-hung');
  return { outDir, boot: await boot({ topology: bare, command: 'sleep 3600', outDir, timeoutMs: 25_000 }) };
});

exitRun.catch(() => {});
hungRun.catch(() => {});

describe('lab machinery', () => {
  test("the guest command's exit status is the boot's, and its files reach the host", async () => {
    const { outDir, boot: b } = await exitRun;
    assert.equal(b.timedOut, false);
    assert.equal(b.exitCode, 7, readFileSync(b.consoleLog, 'utf8').slice(-2000));
    // The guest ran the host's own node binary over the 9p root.
    assert.equal(readFileSync(join(outDir, 'from-guest'), 'utf8'), process.version);
    rmSync(outDir, { recursive: true, force: true });
  });

  test('a guest that never finishes is killed at the timeout and reported as exit 255', async () => {
    const { outDir, boot: b } = await hungRun;
    assert.equal(b.timedOut, true);
    assert.equal(b.exitCode, 255);
    assert.match(readFileSync(b.consoleLog, 'utf8'), /=== lab: killed after 25000 ms \(timeout\)/);
    rmSync(outDir, { recursive: true, force: true });
  });
});
