/**
 * A host for the VM spec tests: an Intel boot GPU, an Nvidia GK107 (10de:0fc6, the card of the
 * corpus ROM nv-GK107-turbo.rom) with its HDMI audio in IOMMU group 1, an AMD RX 580 (1002:67df,
 * the card of the corpus ROM amd-micron_msi_armor_rx580_8gb_rx580-default.rom) with its audio in
 * group 2, each behind a root port with ACS; and the helpers that turn a spec into both outputs
 * with the same functions the CLI uses.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readPciDevices } from '../../src/host/pci-sysfs.js';
import { readFirmwareDescriptors } from '../../src/host/qemu-firmware.js';
import { chooseOvmf } from '../../src/vm/firmware.js';
import { buildVmModel, type VmModel } from '../../src/vm/model.js';
import { renderLibvirt } from '../../src/vm/render-libvirt.js';
import { formatQemuShell, renderQemu } from '../../src/vm/render-qemu.js';
import { resolveDevices } from '../../src/vm/resolve-devices.js';
import { parseVmSpec } from '../../src/vm/spec/parse-spec.js';
import type { VmSpec } from '../../src/vm/spec/schema.js';
import { repoRoot } from './cli.js';
import { buildFixture, CLASS, type Fixture, gpuWithAudio, type HostSpec } from './fixture-builder.js';

export const SPEC_DIR = path.join(repoRoot, 'test/fixtures/vm-spec/spec');
export const GOLDEN_DIR = path.join(repoRoot, 'test/fixtures/vm-spec/golden');
/** Debian bookworm's ovmf descriptors, copied so the goldens do not depend on what is installed. */
export const FIRMWARE_DIR = path.join(repoRoot, 'test/fixtures/vm-spec/firmware');

/** The golden matrix (test/fixtures/vm-spec/spec/NAME.yaml → test/fixtures/vm-spec/golden/NAME.*). */
export const MATRIX = [
  'nvidia-legacy-free',
  'amd-romfile',
  'vga-seabios',
  'i440fx',
  'hugepages-1g-pinned',
  'looking-glass',
] as const;

export const vmHostPci: HostSpec = {
  rootComplexes: [
    {
      devices: [
        { kind: 'endpoint', class: CLASS.hostBridge, vendor: 0x8086, device: 0x3e30, group: 0, pcie: false },
        {
          kind: 'endpoint',
          dev: 2,
          class: CLASS.vga,
          vendor: 0x8086,
          device: 0x3e92,
          group: 3,
          driver: 'i915',
          bootVga: true,
        },
        {
          kind: 'root-port',
          dev: 1,
          acs: true,
          group: 4,
          driver: 'pcieport',
          children: [
            gpuWithAudio({
              groups: 1,
              vendor: 0x10de,
              device: 0x0fc6,
              audioDevice: 0x0e1b,
              driver: 'vfio-pci',
              audioDriver: 'vfio-pci',
            }),
          ],
        },
        {
          kind: 'root-port',
          dev: 3,
          acs: true,
          group: 5,
          driver: 'pcieport',
          children: [
            gpuWithAudio({
              groups: 2,
              vendor: 0x1002,
              device: 0x67df,
              audioDevice: 0xaaf0,
              driver: 'vfio-pci',
              audioDriver: 'vfio-pci',
            }),
          ],
        },
      ],
    },
  ],
};

let shared: Fixture | undefined;
export function vmHost(): Fixture {
  shared ??= buildFixture(vmHostPci);
  return shared;
}

export function specText(name: string): string {
  return fs.readFileSync(path.join(SPEC_DIR, `${name}.yaml`), 'utf8');
}

export function modelFor(spec: VmSpec, fx: Fixture = vmHost()): VmModel {
  const host = spec.devices?.length ? readPciDevices(fx.root) : [];
  const slots = resolveDevices(spec.devices ?? [], host);
  const fw = spec.firmware?.type ?? 'ovmf';
  const scan = readFirmwareDescriptors([FIRMWARE_DIR]);
  const ovmf =
    fw === 'ovmf'
      ? chooseOvmf(
          scan.descriptors,
          { machine: spec.machine ?? 'q35', secureBoot: spec.firmware?.secureBoot ?? false },
          scan.searched,
        )
      : undefined;
  return buildVmModel({ spec, slots, ovmf });
}

export function renderSpec(name: string): {
  spec: VmSpec;
  model: VmModel;
  qemu: string[];
  shell: string;
  xml: string;
} {
  const spec = parseVmSpec(specText(name), `${name}.yaml`);
  const model = modelFor(spec);
  const qemu = renderQemu(model).argv;
  return { spec, model, qemu, shell: formatQemuShell(qemu), xml: renderLibvirt(model) };
}
