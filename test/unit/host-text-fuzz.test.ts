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
import { readPciDevices } from '../../src/host/pci-sysfs.js';
import { DirHostRoot } from '../../src/host/root.js';
import { parseAcsOverride } from '../../src/iommu/acs-override.js';
import { readKernelGroups } from '../../src/iommu/groups.js';
import { buildGroupsReport } from '../../src/iommu/groups-report.js';
import { cmdlineOverride, quirkEnvFromHost } from '../../src/iommu/host-env.js';
import { parsePciAddress } from '../../src/pci/address.js';
import { parseDeviceKind, parseVendorId } from '../../src/pci/class-filter.js';
import { parsePciIds } from '../../src/pci/ids.js';
import { parseIdList } from '../../src/readiness/checks/early-binding.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { buildDoctorReport } from '../../src/readiness/doctor.js';
import { gatherHostFacts } from '../../src/readiness/host-facts.js';
import { parseIomem } from '../../src/readiness/iomem.js';
import { parseKernelCmdline } from '../../src/readiness/kernel-cmdline.js';
import { parseKernelConfig } from '../../src/readiness/kernel-config.js';
import { parseMemorySize } from '../../src/readiness/memory-size.js';
import { parseModprobeFile } from '../../src/readiness/modprobe-config.js';
import { parseResourceFile } from '../../src/readiness/pci-resources.js';
import { buildHostReport } from '../../src/report/host-report.js';
import { repoRoot } from '../helpers/cli.js';
import { mutateText, seededRandom } from '../helpers/mutate-text.js';

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
    samples: [
      fs.existsSync('/usr/share/misc/pci.ids')
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

test('whole analyses on a real lab snapshot with one file mangled at a time', async () => {
  const snap = path.join(tmp, 'snapshot');
  fs.cpSync(lab, snap, { recursive: true, verbatimSymlinks: true });
  const root = new DirHostRoot(snap);
  const targets = [
    'proc/cmdline',
    'proc/cpuinfo',
    'proc/iomem',
    'proc/meminfo',
    'proc/modules',
    'vfiokit/dmesg.txt',
    `${gpuDir}/class`,
    `${gpuDir}/vendor`,
    `${gpuDir}/device`,
    `${gpuDir}/resource`,
    `${gpuDir}/reset_method`,
    `${gpuDir}/boot_vga`,
    `${gpuDir}/driver_override`,
    `${gpuDir}/numa_node`,
    `${gpuDir}/revision`,
  ].filter((p) => fs.existsSync(path.join(snap, p)));
  assert.ok(targets.length >= 12);
  const rnd = seededRandom(SEED ^ 0x5a5a);
  const pool = targets.map((t) => fs.readFileSync(path.join(snap, t), 'utf8'));
  const RUNS = 240;
  for (let i = 0; i < RUNS; i++) {
    const k = rnd(targets.length);
    const file = path.join(snap, targets[k]);
    const mangled = mutate(pool[k], rnd, pool);
    fs.writeFileSync(file, mangled);
    try {
      const label = `${targets[k]} (seed ${SEED}, run ${i})`;
      ownErrorsOnly(`host facts: ${label}`, mangled, () => gatherHostFacts(root));
      ownErrorsOnly(`host report: ${label}`, mangled, () => buildHostReport(root));
      ownErrorsOnly(`groups: ${label}`, mangled, () => {
        const devices = readPciDevices(root, { facts: 'grouping' });
        buildGroupsReport({
          root: root.dir,
          devices,
          kernel: readKernelGroups(root),
          env: quirkEnvFromHost(root),
          cmdlineOverride: cmdlineOverride(root),
          source: 'kernel',
        });
      });
      try {
        await buildDoctorReport(root, { readRoms: false });
      } catch (e) {
        ownErrorsOnly(`doctor: ${label}`, mangled, () => {
          throw e;
        });
      }
    } finally {
      fs.writeFileSync(file, pool[k]);
    }
  }
});
