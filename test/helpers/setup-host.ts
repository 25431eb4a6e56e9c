/**
 * Hosts for `vfiokit setup` tests: a PCI topology from the fixture builder, the kernel facts from
 * the host-file builder, and a distribution's /etc and /boot copied from
 * test/fixtures/setup/CASE/root (hand-written from each distribution's defaults). Helpers to hash
 * a whole tree, so an undo can be checked byte for byte.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DirHostRoot, type HostRoot } from '../../src/host/root.js';
import { repoRoot } from './cli.js';
import { buildFixture, CLASS, type FunctionSpec, gpuWithAudio, type HostSpec } from './fixture-builder.js';
import { type HostFilesSpec, writeHostFiles } from './host-fixture.js';

export const SETUP_FIXTURES = path.join(repoRoot, 'test/fixtures/setup');

function withModalias(f: FunctionSpec): FunctionSpec {
  const [sv, sd] = f.subsystem ?? [f.vendor ?? 0, f.device ?? 0];
  return {
    ...f,
    attrs: { ...f.attrs, modalias: `${modalias(f.vendor ?? 0, f.device ?? 0, sv, sd, f.class ?? 0)}\n` },
  };
}

/**
 * An Intel desktop: the iGPU is the boot GPU (i915), a discrete GPU with its HDMI audio in group 1
 * (nouveau, snd_hda_intel), an NVMe disk and a NIC, each in its own group.
 */
/** The host bridge and the Intel IGD (host graphics on i915, the boot GPU) both setup hosts have. */
const intelHostGraphics = [
  { kind: 'endpoint', class: CLASS.hostBridge, vendor: 0x8086, device: 0x3e30, group: 0, pcie: false },
  {
    kind: 'endpoint',
    dev: 2,
    class: CLASS.vga,
    vendor: 0x8086,
    device: 0x3e92,
    group: 2,
    driver: 'i915',
    bootVga: true,
  },
] as const;

export const desktopPci: HostSpec = {
  rootComplexes: [
    {
      devices: [
        ...intelHostGraphics,
        {
          kind: 'root-port',
          dev: 1,
          acs: true,
          group: 1,
          driver: 'pcieport',
          children: [
            {
              ...gpuWithAudio({ groups: 1, driver: 'nouveau', audioDriver: 'snd_hda_intel' }),
              functions: gpuWithAudio({
                groups: 1,
                driver: 'nouveau',
                audioDriver: 'snd_hda_intel',
              }).functions.map((f) =>
                withModalias({ ...f, subsystem: [0x1458, 0x3702] as [number, number] }),
              ),
            },
          ],
        },
        {
          kind: 'root-port',
          dev: 0x1b,
          acs: true,
          group: 3,
          driver: 'pcieport',
          children: [
            { kind: 'endpoint', class: CLASS.nvme, vendor: 0x144d, device: 0xa808, group: 4, driver: 'nvme' },
          ],
        },
        {
          kind: 'root-port',
          dev: 0x1c,
          acs: true,
          group: 5,
          driver: 'pcieport',
          children: [
            {
              kind: 'endpoint',
              class: CLASS.ethernet,
              vendor: 0x8086,
              device: 0x10d3,
              group: 6,
              driver: 'e1000e',
            },
          ],
        },
      ],
    },
  ],
};

/** Two identical GPUs (same IDs, same subsystem IDs), each with its audio, in groups 1 and 7. */
export function twinGpuPci(subsystems: [[number, number], [number, number]]): HostSpec {
  const card = (group: number, sub: [number, number]) => {
    const m = gpuWithAudio({ groups: group, driver: 'nouveau', audioDriver: 'snd_hda_intel' });
    return { ...m, functions: m.functions.map((f) => withModalias({ ...f, subsystem: sub })) };
  };
  return {
    rootComplexes: [
      {
        devices: [
          ...intelHostGraphics,
          {
            kind: 'root-port',
            dev: 1,
            acs: true,
            group: 3,
            driver: 'pcieport',
            children: [card(1, subsystems[0])],
          },
          {
            kind: 'root-port',
            dev: 3,
            acs: true,
            group: 4,
            driver: 'pcieport',
            children: [card(7, subsystems[1])],
          },
        ],
      },
    ],
  };
}

/** The lines of Debian 6.1's modules.alias that match this file's devices (depmod output). */
export const MODULES_ALIAS = `# Aliases extracted from modules themselves.
alias pci:v00008086d00003E92sv*sd*bc03sc*i* i915
alias pci:v000010DEd*sv*sd*bc03sc*i* nouveau
alias pci:v00008086d000010D3sv*sd*bc*sc*i* e1000e
alias pci:v000010DEd*sv*sd*bc04sc03i00* snd_hda_intel
`;

/** The modalias sysfs gives a function (drivers/pci/pci-sysfs.c modalias_show). */
export function modalias(v: number, d: number, sv: number, sd: number, cls: number): string {
  const h = (n: number, w: number) => n.toString(16).toUpperCase().padStart(w, '0');
  return `pci:v${h(v, 8)}d${h(d, 8)}sv${h(sv, 8)}sd${h(sd, 8)}bc${h(cls >> 16, 2)}sc${h((cls >> 8) & 0xff, 2)}i${h(cls & 0xff, 2)}`;
}

export interface SetupHost {
  dir: string;
  root: HostRoot;
  cleanup(): void;
}

/** Kernel facts: Intel CPU, CONFIG_INTEL_IOMMU_DEFAULT_ON not set, the given release installed. */
export function kernelFacts(release: string, extra: Partial<HostFilesSpec> = {}): HostFilesSpec {
  return {
    cpu: { vendor: 'intel' },
    release,
    available: ['vfio', 'vfio_iommu_type1', 'vfio_pci', 'vfio_pci_core'],
    kernelConfig: { CONFIG_INTEL_IOMMU: 'y', CONFIG_INTEL_IOMMU_DEFAULT_ON: 'n' },
    cmdline: `BOOT_IMAGE=/vmlinuz-${release} root=UUID=6e0b3a4c-1f0e-4a43-9d4e-2b5c1d7a9f10 ro quiet`,
    ...extra,
    files: { [`lib/modules/${release}/modules.alias`]: MODULES_ALIAS, ...extra.files },
  };
}

function copyTree(from: string, to: string): void {
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const s = path.join(from, e.name);
    const d = path.join(to, e.name);
    if (e.isDirectory()) {
      fs.mkdirSync(d, { recursive: true });
      copyTree(s, d);
    } else {
      fs.mkdirSync(path.dirname(d), { recursive: true });
      fs.copyFileSync(s, d);
      // Programs are marked by the executable bit in the fixture tree's usr/ and sbin/.
      if (/\/(usr\/)?s?bin\//.test(d)) fs.chmodSync(d, 0o755);
    }
  }
}

export function buildSetupHost(
  caseName: string,
  facts: HostFilesSpec,
  pci: HostSpec = desktopPci,
): SetupHost {
  const fx = buildFixture(pci);
  writeHostFiles(fx.dir, facts);
  copyTree(path.join(SETUP_FIXTURES, caseName, 'root'), fx.dir);
  fs.mkdirSync(path.join(fx.dir, 'run'), { recursive: true });
  return { dir: fx.dir, root: new DirHostRoot(fx.dir), cleanup: fx.cleanup };
}

/**
 * Every file, link and directory below dir (except skip) → its sha256 with mode, link target or
 * "dir": a whole tree compared in one deepEqual.
 */
export function treeHashes(
  dir: string,
  skip: (rel: string) => boolean = () => false,
): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (skip(rel)) continue;
      const st = fs.lstatSync(p);
      if (e.isSymbolicLink()) out[rel] = `link ${fs.readlinkSync(p)}`;
      else if (e.isDirectory()) {
        out[rel] = `dir ${(st.mode & 0o7777).toString(8)}`;
        walk(p);
      } else
        out[rel] =
          `${(st.mode & 0o7777).toString(8)} ${createHash('sha256').update(fs.readFileSync(p)).digest('hex')}`;
    }
  };
  walk(dir);
  return out;
}

/** The journal directory is vfiokit's own run state, not part of the host's files. */
export const skipRunState = (rel: string) => rel === 'run/vfiokit' || rel.startsWith('run/vfiokit/');
