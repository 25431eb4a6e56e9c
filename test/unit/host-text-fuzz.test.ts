// Robustness of every parser of host text (kernel command line, modprobe.d, /proc/iomem, PCI
// resource files, kernel config, pci.ids, ID lists, sizes, addresses, ACS override values, the
// diagnose matcher): fast-check properties plus seeded mutation of real samples. They may only
// return, or throw the project's own one-line errors. Then whole analyses (doctor, groups, the
// host report) on a real lab snapshot whose files are mangled one at a time.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { parseDeviceId, parseHexId } from '../../src/cli/commands/rom-ids.js';
import { VfiokitError } from '../../src/errors.js';
import { gatherHostFacts } from '../../src/host/host-facts.js';
import { openHostState } from '../../src/host/host-state.js';
import { readKernelGroups } from '../../src/host/kernel-groups.js';
import { scanPciDevices } from '../../src/host/pci-sysfs.js';
import { DirHostRoot } from '../../src/host/root.js';
import { parseAcsOverride } from '../../src/iommu/acs-override.js';
import { buildGroupsReport } from '../../src/iommu/groups-report.js';
import { cmdlineOverride, quirkEnvFromHost } from '../../src/iommu/host-env.js';
import { parsePciAddress } from '../../src/pci/address.js';
import { parseDeviceKind, parseVendorId } from '../../src/pci/class-filter.js';
import { parsePciIds } from '../../src/pci/ids.js';
import { parseIdList } from '../../src/readiness/checks/early-binding.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { buildDoctorReport } from '../../src/readiness/doctor.js';
import { parseMemorySize } from '../../src/readiness/memory-size.js';
import { buildHostReport } from '../../src/report/host-report.js';
import { parseIomem } from '../../src/system/iomem.js';
import { parseKernelCmdline } from '../../src/system/kernel-cmdline.js';
import { parseKernelConfig } from '../../src/system/kernel-config.js';
import { parseModprobeFile } from '../../src/system/modprobe-config.js';
import { parseResourceFile } from '../../src/system/pci-resources.js';
import { repoRoot } from '../helpers/cli.js';
import { mutateOnce, mutateText, seededRandom } from '../helpers/mutate-text.js';

const SEED = Number(process.env.HOST_FUZZ_SEED ?? 0x68057);
const lab = path.join(repoRoot, 'test/fixtures/lab-desktop/snapshot');
const readLab = (p: string) => fs.readFileSync(path.join(lab, p), 'utf8');
const gpuDir = 'sys/devices/pci0000:00/0000:00:02.0/0000:01:00.0';

function ownErrorsOnly(label: string, input: string, fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof VfiokitError)) {
      throw new Error(
        `${label} threw ${(e as Error)?.name}: ${(e as Error)?.message} on ${JSON.stringify(input.slice(0, 200))}`,
      );
    }
    assert.ok(!e.message.includes('\n'), `${label}: multi-line error ${JSON.stringify(e.message)}`);
  }
}

/** The parsers, each with real samples to mutate. */
const PARSERS: { name: string; run: (s: string) => unknown; samples: string[] }[] = [
  {
    name: 'parseKernelCmdline',
    run: parseKernelCmdline,
    samples: [
      readLab('proc/cmdline'),
      'BOOT_IMAGE=/vmlinuz-6.1.0 root=UUID=1b2c ro quiet "dyndbg=file drivers/vfio/* +p" vfio-pci.ids=10de:1b80,10de:10f0 pcie_acs_override=downstream,multifunction,id:8086:a110 -- init args\n',
    ],
  },
  {
    name: 'parseModprobeFile',
    run: (s) => parseModprobeFile(s, '/etc/modprobe.d/x.conf'),
    samples: [
      '# vfio\noptions vfio-pci ids=10de:1b80,10de:10f0 disable_vga=1\nsoftdep nvidia pre: vfio-pci\nsoftdep snd_hda_intel pre: vfio-pci post: foo\nblacklist nouveau\ninstall bad /bin/true\noptions vfio_iommu_type1 allow_unsafe_interrupts=1 \\\n  foo=bar\nalias pci:v000010DEd* vfio-pci\n',
    ],
  },
  { name: 'parseIomem', run: parseIomem, samples: [readLab('proc/iomem')] },
  { name: 'parseResourceFile', run: parseResourceFile, samples: [readLab(`${gpuDir}/resource`)] },
  {
    name: 'parseKernelConfig',
    run: (s) => parseKernelConfig(s, '/boot/config-6.1.0'),
    samples: [
      '#\n# Automatically generated file; DO NOT EDIT.\nCONFIG_VFIO=m\nCONFIG_VFIO_PCI=m\n# CONFIG_VFIO_NOIOMMU is not set\nCONFIG_INTEL_IOMMU_DEFAULT_ON=y\nCONFIG_CMDLINE="quiet splash"\n',
    ],
  },
  {
    name: 'parsePciIds',
    run: (s) => parsePciIds(s, 'pci.ids'),
    // The real database where it is installed (CI installs pci.ids, so there it must be).
    samples: [
      fs.existsSync('/usr/share/misc/pci.ids') || process.env.CI === 'true'
        ? fs.readFileSync('/usr/share/misc/pci.ids', 'utf8').slice(0, 60_000)
        : '10de  NVIDIA Corporation\n\t1b80  GP104 [GeForce GTX 1080]\n\t\t1043 8591  GeForce GTX 1080\nC 03  Display controller\n\t00  VGA compatible controller\n\t\t00  VGA controller\n',
    ],
  },
  {
    name: 'parseIdList',
    run: (s) => parseIdList(s, 'vfio-pci.ids', 'cmdline'),
    samples: ['10de:1b80,10de:10f0', '8086:ffff:ffff:ffff:030000:ffff00'],
  },
  { name: 'parseMemorySize', run: parseMemorySize, samples: ['16G', '8192M', '1.5GiB', '17179869184'] },
  {
    name: 'parseAcsOverride',
    run: parseAcsOverride,
    samples: ['downstream,multifunction,id:8086:a110,id:1022:1453'],
  },
  { name: 'parsePciAddress', run: parsePciAddress, samples: ['0000:01:00.0', '10000:e1:00.3', '01:00.1'] },
  { name: 'parseDeviceKind', run: parseDeviceKind, samples: ['gpu', 'audio', 'storage'] },
  { name: 'parseVendorId', run: parseVendorId, samples: ['10de', '0x8086'] },
  { name: 'parseHexId', run: (s) => parseHexId(s, 'vendor'), samples: ['10de', '0x1002'] },
  { name: 'parseDeviceId', run: parseDeviceId, samples: ['10de:1280', '1002:67df'] },
  {
    name: 'diagnoseText',
    run: diagnoseText,
    samples: [
      'vfio-pci 0000:01:00.0: group 6 is not viable\nDMAR: [DMA Read NO_PASID] Request device [00:02.0] fault addr 0x7a7ff000 [fault reason 0x06] PTE Read access is not set\nqemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: Failed to mmap 0000:01:00.0 BAR 3. Performance may be slow\n',
    ],
  },
];

const ALPHABET = ' \t\n=,:;."\'\\#-+*x0fF9zZ\u00e9\u0000\ufffd';
const mutate = (t: string, rnd: (n: number) => number, pool: string[]) => mutateText(t, rnd, pool, ALPHABET);

test('fast-check: arbitrary text into every host-text parser', () => {
  for (const p of PARSERS) {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 120 })),
        (s) => ownErrorsOnly(p.name, s, () => p.run(s)),
      ),
      { numRuns: 1500, seed: SEED },
    );
  }
});

test('seeded mutation of real samples into every host-text parser', () => {
  const rnd = seededRandom(SEED);
  const pool = PARSERS.flatMap((p) => p.samples);
  let n = 0;
  for (const p of PARSERS) {
    const runs = p.name === 'parsePciIds' ? 300 : 2000;
    for (let i = 0; i < runs; i++) {
      const input = mutate(p.samples[rnd(p.samples.length)], rnd, pool);
      ownErrorsOnly(`${p.name} (seed ${SEED}, input ${i})`, input, () => p.run(input));
      n++;
    }
  }
  assert.ok(n > 25_000);
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-hostfuzz-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/**
 * The kernel's own format of each mangled file (drivers/pci/pci-sysfs.c for the device
 * attributes, fs/proc/cmdline.c, arch/x86/kernel/cpu/proc.c, kernel/resource.c, fs/proc/meminfo.c,
 * kernel/module/procfs.c): a mangled file that no longer has it is damaged, one that still has it
 * describes another plausible host. The analyses may say anything about a plausible host; from a
 * damaged file they may not draw a confident verdict they did not draw from the intact one.
 */
const line = (re: RegExp) => (t: string) =>
  t.endsWith('\n') &&
  t
    .slice(0, -1)
    .split('\n')
    .every((l) => re.test(l));
const KERNEL_FORMAT: Record<string, (t: string) => boolean> = {
  // "%s\n" of the boot command line: one line, no NUL (a C string).
  'proc/cmdline': (t) => /^[^\n\0]*\n$/.test(t),
  // "name\t: value" lines, one blank line after each processor.
  'proc/cpuinfo': line(/^$|^[A-Za-z0-9 _]+\t*: ?[^\0]*$/),
  // "%0*llx-%0*llx : name", indented two spaces per nesting level.
  'proc/iomem': line(/^(?: {2})*[0-9a-f]{8,16}-[0-9a-f]{8,16} : [^\0]+$/),
  // "Name:  N kB" (or a bare count: HugePages_*).
  'proc/meminfo': line(/^[A-Za-z0-9_()]+: +\d+(?: kB)?$/),
  // "name size refcnt deps state address [taints]", deps "-" or "a,b,".
  'proc/modules': line(
    /^\w+ \d+ \d+ (?:-|(?:\w+,)+) (?:Live|Loading|Unloading) 0x[0-9a-f]+(?: \([A-Z]+\))?$/,
  ),
  // printk records as dmesg prints them: "[seconds.micros] text".
  'vfiokit/dmesg.txt': line(/^\[ *\d+\.\d{6}\] [^\0]*$/),
  class: (t) => /^0x[0-9a-f]{6}\n$/.test(t),
  vendor: (t) => /^0x[0-9a-f]{4}\n$/.test(t),
  device: (t) => /^0x[0-9a-f]{4}\n$/.test(t),
  revision: (t) => /^0x[0-9a-f]{2}\n$/.test(t),
  boot_vga: (t) => /^[01]\n$/.test(t),
  numa_node: (t) => /^-?\d{1,4}\n$/.test(t),
  // "%s\n" of the override, "(null)" when unset.
  driver_override: (t) => /^[^\n\0]*\n$/.test(t),
  // Method names (drivers/pci/pci.c pci_reset_fn_methods) separated by single spaces.
  reset_method: (t) =>
    /^(?:device_specific|acpi|flr|af_flr|pm|bus|cxl_bus)(?: (?:device_specific|acpi|flr|af_flr|pm|bus|cxl_bus))*\n$/.test(
      t,
    ),
  // One "0x%016llx 0x%016llx 0x%016llx" line per resource: PCI_BRIDGE_RESOURCES (13) lines for an
  // endpoint, PCI_NUM_RESOURCES (17) for a bridge.
  resource: (t) =>
    [14, 18].includes(t.split('\n').length) && line(/^0x[0-9a-f]{16} 0x[0-9a-f]{16} 0x[0-9a-f]{16}$/)(t),
};
const formatOf = (target: string) => KERNEL_FORMAT[target] ?? KERNEL_FORMAT[path.basename(target)];

/** A group entry claims viability (a boolean today; a verdict string where a report has one). */
const claimsViable = (g: { viable?: unknown; verdict?: unknown }) =>
  g.viable === true || g.verdict === 'viable';

interface Verdicts {
  /** Every doctor check, keyed "id device". */
  checks: Map<string, string>;
  /** Every group the groups report lists, by number: does it claim viable? */
  groups: Map<number, boolean>;
  /** The host report's GPU groups that claim viable. */
  gpuGroupsViable: number[];
}

async function verdictsOf(root: DirHostRoot): Promise<Verdicts> {
  const scan = scanPciDevices(root, { facts: 'grouping' });
  const devices = scan.devices;
  const groups = buildGroupsReport({
    root: root.dir,
    devices,
    kernel: readKernelGroups(root),
    env: quirkEnvFromHost(openHostState(root)),
    cmdlineOverride: cmdlineOverride(openHostState(root)),
    source: 'kernel',
    unreadable: scan.unreadable,
    flattened: scan.flattened,
  });
  const doctor = await buildDoctorReport(openHostState(root), { readRoms: false });
  const host = buildHostReport(openHostState(root));
  return {
    checks: new Map(doctor.checks.map((c) => [`${c.id} ${c.device ?? ''}`, c.verdict])),
    groups: new Map(groups.groups.map((g) => [g.id, claimsViable(g)])),
    gpuGroupsViable: host.gpuGroups.filter(claimsViable).map((g) => g.group),
  };
}

/**
 * The oracle. The kernel decides viability from drivers and header types alone (drivers/vfio/
 * group.c, vfio_dev_viable), and none of the mangled files is either: whatever a mangled file
 * says, a group the intact snapshot shows non-viable stays non-viable, in the groups report, the
 * host report and doctor's gpu.group. A file damaged in one place (out of the kernel's format) may
 * turn a verdict that depends on it into unknown, or leave a verdict that does not depend on it as
 * it was; it never turns a check that was not ok into ok, and never makes up an ok check that the
 * intact snapshot did not have.
 */
function judge(intact: Verdicts, mangled: Verdicts, damaged: boolean, label: string): Wrong {
  const wrong: Wrong = { viability: [], checks: [] };
  for (const [id, viable] of mangled.groups)
    if (viable && intact.groups.get(id) !== true) wrong.viability.push(`${label}: group ${id} became viable`);
  for (const id of mangled.gpuGroupsViable)
    if (intact.groups.get(id) !== true)
      wrong.viability.push(`${label}: the host report calls GPU group ${id} viable`);
  for (const [key, verdict] of mangled.checks) {
    const was = intact.checks.get(key);
    if (verdict !== 'ok' || was === 'ok') continue;
    if (key.startsWith('gpu.group ')) wrong.viability.push(`${label}: ${key} became ok (intact: ${was})`);
    else if (damaged) wrong.checks.push(`${label}: ${key} became ok (intact: ${was ?? 'no such check'})`);
  }
  return wrong;
}

interface Wrong {
  /** A non-viable group called viable (groups report, host report, doctor's gpu.group). */
  viability: string[];
  /** Any other doctor check turned ok by a damaged file. */
  checks: string[];
}

const MANGLE_RUNS = 240;
let mangledRuns: Promise<Wrong & { damaged: number }> | undefined;

/** The mangled-snapshot runs, once for both tests below; every violation is kept, with its seed and run. */
function runMangled(): Promise<Wrong & { damaged: number }> {
  mangledRuns ??= (async () => {
    const snap = path.join(tmp, 'snapshot');
    fs.cpSync(lab, snap, { recursive: true, verbatimSymlinks: true });
    const root = new DirHostRoot(snap);
    // Both functions of the GPU's group (the VGA function and its HDMI audio) are mangled.
    const audioDir = gpuDir.replace(/0000:01:00\.0$/, '0000:01:00.1');
    const targets = [
      'proc/cmdline',
      'proc/cpuinfo',
      'proc/iomem',
      'proc/meminfo',
      'proc/modules',
      'vfiokit/dmesg.txt',
      ...[
        'class',
        'vendor',
        'device',
        'resource',
        'reset_method',
        'boot_vga',
        'driver_override',
        'numa_node',
        'revision',
      ].map((f) => `${gpuDir}/${f}`),
      ...['class', 'vendor', 'device', 'resource', 'driver_override', 'revision'].map(
        (f) => `${audioDir}/${f}`,
      ),
    ];
    // Every target exists and is in the kernel's format as captured: the validators are checked too.
    for (const p of targets)
      assert.ok(formatOf(p)(fs.readFileSync(path.join(snap, p), 'utf8')), `${p} as captured`);
    assert.equal(targets.length, 21);
    const intact = await verdictsOf(root);
    // What the oracle protects: the lab desktop's GPU group (6) and NIC group (7) are not viable,
    // and doctor has checks that are not ok.
    assert.equal(intact.groups.get(6), false);
    assert.equal(intact.groups.get(7), false);
    assert.ok([...intact.checks.values()].filter((v) => v !== 'ok').length >= 5);

    const rnd = seededRandom(SEED ^ 0x5a5a);
    const pool = targets.map((p) => fs.readFileSync(path.join(snap, p), 'utf8'));
    const out = { viability: [] as string[], checks: [] as string[], damaged: 0 };
    for (let i = 0; i < MANGLE_RUNS; i++) {
      const k = rnd(targets.length);
      const file = path.join(snap, targets[k]);
      // Odd runs change one place only: when that leaves the file out of the kernel's format, the
      // damage is the only change, so a check it turned ok read the damaged part. Even runs stack
      // up to four changes (one may be a plausible new value that rightly changes a verdict).
      const single = i % 2 === 1;
      const mangled = single ? mutateOnce(pool[k], rnd, pool, ALPHABET) : mutate(pool[k], rnd, pool);
      const isDamaged = !formatOf(targets[k])(mangled);
      if (isDamaged && single) out.damaged++;
      fs.writeFileSync(file, mangled);
      try {
        const label = `${targets[k]} (seed ${SEED}, run ${i}, ${isDamaged ? 'damaged' : 'plausible'}${single ? ', one change' : ''})`;
        ownErrorsOnly(`host facts: ${label}`, mangled, () => gatherHostFacts(root));
        let verdicts: Verdicts | undefined;
        try {
          verdicts = await verdictsOf(root);
        } catch (e) {
          ownErrorsOnly(`analyses: ${label}`, mangled, () => {
            throw e;
          });
        }
        if (verdicts) {
          const w = judge(intact, verdicts, isDamaged && single, label);
          out.viability.push(...w.viability);
          out.checks.push(...w.checks);
        }
      } finally {
        fs.writeFileSync(file, pool[k]);
      }
    }
    return out;
  })();
  return mangledRuns;
}

test('whole analyses on a real lab snapshot with one file mangled at a time: one-line errors, and no mangled file makes a group viable', async (t) => {
  const r = await runMangled();
  t.diagnostic(
    `${MANGLE_RUNS} mangled snapshots, ${r.damaged} of the ${MANGLE_RUNS / 2} with one change damaged (not in the kernel's format)`,
  );
  // Most single changes break the format: the strict half of the oracle is exercised.
  assert.ok(r.damaged >= MANGLE_RUNS / 4, `only ${r.damaged} damaged inputs`);
  assert.deepEqual(r.viability, []);
});

test('whole analyses on a real lab snapshot: a damaged file never turns a doctor check ok', async () => {
  const r = await runMangled();
  assert.deepEqual(r.checks, []);
});
