// `doctor --vm SPEC` weighs the guest's memory and vCPUs against the host: the lab desktop
// snapshot is a real capture whose /proc/meminfo says MemTotal 981724 kB (958.71 MiB) and
// MemAvailable 811540 kB (792.52 MiB), and whose /proc/cpuinfo lists one processor. Those files
// are the oracle for the numbers below.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { gatherHostFacts } from '../../src/host/host-facts.js';
import { openRoot } from '../../src/host/root.js';
import { vmMemoryCheck } from '../../src/readiness/checks/vm-memory.js';
import type { VmDefinition } from '../../src/vm/definition.js';
import { repoRoot, runCli } from '../helpers/cli.js';

const ROOT = path.join(repoRoot, 'test/fixtures/lab-desktop/snapshot');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-vm-memory-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const meminfo = fs.readFileSync(path.join(ROOT, 'proc/meminfo'), 'utf8');
const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(meminfo)?.[1]);

function spec(name: string, memory: string, cores: number, extra = ''): string {
  const f = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(
    f,
    `name: ${name}\nmemory: ${memory}\ncpu:\n  cores: ${cores}\nfirmware:\n  type: seabios\n${extra}`,
  );
  return f;
}

function memoryCheck(file: string) {
  const r = runCli(['--root', ROOT, '--json', 'doctor', '--vm', file]);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const doc = JSON.parse(r.stdout);
  const c = doc.checks.filter((x: { id: string }) => x.id === 'vm.memory');
  assert.equal(c.length, 1);
  return { check: c[0], doc };
}

test('the snapshot holds the numbers the tests rely on', () => {
  assert.equal(kb('MemTotal'), 981724);
  assert.equal(kb('MemAvailable'), 811540);
  assert.equal(fs.readFileSync(path.join(ROOT, 'proc/cpuinfo'), 'utf8').match(/^processor\s*:/gm)?.length, 1);
});

test('a 64G guest on the 958 MiB host fails, naming both numbers; up refuses it', () => {
  const f = spec('big', '64G', 1);
  const { check, doc } = memoryCheck(f);
  assert.equal(check.verdict, 'fail');
  assert.match(check.fix, /64 GiB/);
  assert.match(check.fix, /958\.71 MiB/);
  assert.ok(check.evidence.some((e: string) => /MemTotal 958\.71 MiB/.test(e)));
  assert.equal(doc.mostImportant.id === 'vm.memory' || doc.summary.fail >= 1, true);
  const up = runCli(['--root', ROOT, '--json', 'up', '--dry-run', f]);
  assert.equal(up.status, 1, up.stderr);
  const u = JSON.parse(up.stdout);
  assert.ok(u.doctor.refusals.some((x: { id: string }) => x.id === 'vm.memory'));
});

test('more than MemAvailable warns; more vCPUs than host CPUs warns', () => {
  const tight = memoryCheck(spec('tight', '900M', 1)).check;
  assert.equal(tight.verdict, 'warn');
  assert.match(tight.fix, /900 MiB is more than the 792\.52 MiB/);
  const wide = memoryCheck(spec('wide', '256M', 4)).check;
  assert.equal(wide.verdict, 'warn');
  assert.match(wide.fix, /4 vCPUs on 1 host CPUs/);
  const fits = memoryCheck(spec('fits', '256M', 1)).check;
  assert.equal(fits.verdict, 'ok', fits.evidence.join('\n'));
});

test('hugepage guests count the free pages of their size plus MemAvailable', () => {
  const facts = gatherHostFacts(openRoot(ROOT));
  const vm: VmDefinition = {
    format: 'spec',
    file: 'x.yaml',
    memoryBytes: 900 * 2 ** 20,
    vcpus: 1,
    hugepages: { pageSizeBytes: 2 * 2 ** 20, evidence: 'hugepages: 2M' },
    firmware: { kind: 'seabios', evidence: '' },
    devices: [],
    kvmHidden: false,
    notes: [],
  };
  const withFree = {
    ...facts,
    hugepagePools: [{ sizeKb: 2048, total: 100, free: 100 }],
  } as typeof facts;
  const c = vmMemoryCheck(withFree, vm);
  // 100 free 2 MiB pages (200 MiB) + 792.52 MiB available ≥ 900 MiB.
  assert.equal(c.verdict, 'ok', c.evidence.join('\n'));
  assert.ok(
    c.evidence.some((e) => /100 free 2 MiB hugepages \(200 MiB\) \+ MemAvailable 792\.52 MiB/.test(e)),
  );
  const none = vmMemoryCheck(
    { ...facts, hugepagePools: [{ sizeKb: 2048, total: 0, free: 0 }] } as typeof facts,
    vm,
  );
  assert.equal(none.verdict, 'warn');
});

test('unreadable /proc/meminfo or CPU count: unknown with the reason, never ok', () => {
  const facts = gatherHostFacts(openRoot(ROOT));
  const vm: VmDefinition = {
    format: 'spec',
    file: 'x.yaml',
    memoryBytes: 256 * 2 ** 20,
    vcpus: 1,
    firmware: { kind: 'seabios', evidence: '' },
    devices: [],
    kvmHidden: false,
    notes: [],
  };
  const noMem = vmMemoryCheck({ ...facts, meminfo: undefined }, vm);
  assert.equal(noMem.verdict, 'unknown');
  assert.ok(noMem.evidence.some((e) => /\/proc\/meminfo unreadable/.test(e)));
  const { onlineCpus: _, ...noCpus } = facts;
  const c = vmMemoryCheck(noCpus, vm);
  assert.equal(c.verdict, 'unknown');
  assert.ok(c.evidence.some((e) => /CPU count is unreadable/.test(e)));
  const noSize = vmMemoryCheck(facts, { ...vm, memoryBytes: undefined });
  assert.equal(noSize.verdict, 'unknown');
});
