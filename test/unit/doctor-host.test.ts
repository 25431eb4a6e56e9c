// Host-level doctor checks on snapshot fixtures (host-fixture builder + PCI fixture builder):
// each check driven through every verdict it can give. Permission denial is simulated with a
// wrapping root because the tests run as root (see denyingRoot).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openHostState } from '../../src/host/host-state.js';
import type { HostRoot } from '../../src/host/root.js';
import type { Check, Verdict } from '../../src/readiness/check.js';
import { buildDoctorReport, type DoctorOptions } from '../../src/readiness/doctor.js';
import { parseVmDefinition } from '../../src/vm/parse.js';
import { CLASS, gpuWithAudio, type HostSpec } from '../helpers/fixture-builder.js';
import { buildHost, denyingRoot, type HostFilesSpec } from '../helpers/host-fixture.js';

/** A desktop: Intel CPU, GPU + audio behind an ACS root port, IOMMU on (groups 1 and 4). */
export function desktop(opts: { gpuDriver?: string; audioDriver?: string; vga2?: boolean } = {}): HostSpec {
  return {
    rootComplexes: [
      {
        devices: [
          { kind: 'endpoint', dev: 0, class: CLASS.hostBridge, group: 0 },
          ...(opts.vga2
            ? [
                {
                  kind: 'endpoint' as const,
                  dev: 2,
                  vendor: 0x8086,
                  device: 0x3e92,
                  class: CLASS.vga,
                  driver: 'i915',
                  group: 2,
                  bootVga: true,
                },
              ]
            : []),
          {
            kind: 'root-port',
            dev: 1,
            acs: true,
            group: 1,
            driver: 'pcieport',
            children: [
              gpuWithAudio({
                groups: 4,
                driver: opts.gpuDriver ?? 'vfio-pci',
                audioDriver: opts.audioDriver ?? 'vfio-pci',
              }),
            ],
          },
        ],
      },
    ],
  };
}

export async function doctor(
  spec: HostFilesSpec,
  pci?: HostSpec | null,
  opts: DoctorOptions = {},
  wrap?: (r: HostRoot) => HostRoot,
) {
  const fx = buildHost(spec, pci === null ? undefined : (pci ?? desktop()));
  try {
    return await buildDoctorReport(openHostState(wrap ? wrap(fx.root) : fx.root), opts);
  } finally {
    fx.cleanup();
  }
}

export async function check(
  id: string,
  spec: HostFilesSpec,
  pci?: HostSpec | null,
  opts: DoctorOptions = {},
  wrap?: (r: HostRoot) => HostRoot,
): Promise<Check> {
  const r = await doctor(spec, pci, opts, wrap);
  const c = r.checks.find((x) => x.id === id);
  assert.ok(c, `no check ${id}: ${r.checks.map((x) => x.id).join(' ')}`);
  return c;
}

async function expectVerdict(
  v: Verdict,
  id: string,
  spec: HostFilesSpec,
  pci?: HostSpec | null,
  opts?: DoctorOptions,
  wrap?: (r: HostRoot) => HostRoot,
) {
  const c = await check(id, spec, pci, opts, wrap);
  assert.equal(c.verdict, v, `${id}: ${JSON.stringify(c, null, 1)}`);
  if (v === 'fail' || v === 'warn') assert.ok(c.fix, `${id} ${v} has a fix`);
  assert.ok(c.evidence.length > 0, `${id} shows evidence`);
  return c;
}

const IR_INTEL = '[    0.811209] DMAR-IR: Enabled IRQ remapping in x2apic mode';

test('cpu.virtualization: ok, warn (no /dev/kvm; nested guest), fail, unknown', async () => {
  await expectVerdict('ok', 'cpu.virtualization', {});
  const noKvm = await expectVerdict('warn', 'cpu.virtualization', { kvm: false });
  assert.match(noKvm.fix!, /modprobe kvm_intel/);
  const amd = await expectVerdict('warn', 'cpu.virtualization', { cpu: { vendor: 'amd' }, kvm: false });
  assert.match(amd.fix!, /kvm_amd/);
  await expectVerdict('warn', 'cpu.virtualization', {
    cpu: { vendor: 'intel', flags: ['vmx', 'hypervisor'] },
  });
  const fail = await expectVerdict('fail', 'cpu.virtualization', {
    cpu: { vendor: 'intel', flags: ['fpu', 'sse2'] },
  });
  assert.match(fail.fix!, /VT-x/);
  await expectVerdict('unknown', 'cpu.virtualization', { cpu: false });
});

test('iommu.firmware: ok (DMAR/IVRS), warn (units without ACPI table), fail, unknown', async () => {
  await expectVerdict('ok', 'iommu.firmware', {});
  await expectVerdict('ok', 'iommu.firmware', { cpu: { vendor: 'amd' } });
  await expectVerdict(
    'warn',
    'iommu.firmware',
    { acpiTables: ['APIC', 'DSDT'], iommuUnits: ['virtio-iommu0'] },
    null,
  );
  const fail = await expectVerdict('fail', 'iommu.firmware', { acpiTables: ['APIC', 'DSDT'] }, null);
  assert.match(fail.fix!, /VT-d/);
  await expectVerdict('unknown', 'iommu.firmware', { acpiTables: false }, null);
});

test('iommu.cmdline: Intel default from the kernel config, AMD needs no option', async () => {
  const cfgOff = { CONFIG_INTEL_IOMMU: 'y', CONFIG_INTEL_IOMMU_DEFAULT_ON: 'n' };
  const off = await expectVerdict('fail', 'iommu.cmdline', { kernelConfig: cfgOff }, null);
  assert.match(off.fix!, /intel_iommu=on/);
  assert.ok(off.evidence.some((e) => e.includes('CONFIG_INTEL_IOMMU_DEFAULT_ON is not set')));
  await expectVerdict(
    'ok',
    'iommu.cmdline',
    { kernelConfig: cfgOff, cmdline: 'root=/dev/sda1 intel_iommu=on iommu=pt' },
    null,
  );
  const def = await expectVerdict('ok', 'iommu.cmdline', {
    kernelConfig: { CONFIG_INTEL_IOMMU_DEFAULT_ON: 'y' },
  });
  assert.ok(def.evidence.some((e) => /on by default/.test(e)));
  await expectVerdict('fail', 'iommu.cmdline', { cmdline: 'root=/dev/sda1 intel_iommu=off' });
  await expectVerdict('fail', 'iommu.cmdline', { cmdline: 'root=/dev/sda1 iommu=off' });
  const amdOn = await expectVerdict('warn', 'iommu.cmdline', {
    cpu: { vendor: 'amd' },
    cmdline: 'quiet amd_iommu=on iommu=pt',
  });
  assert.match(amdOn.fix!, /not a kernel option/);
  await expectVerdict('ok', 'iommu.cmdline', { cpu: { vendor: 'amd' }, cmdline: 'quiet iommu=pt' });
  // Without a kernel config the groups say whether VT-d is on.
  await expectVerdict('ok', 'iommu.cmdline', {});
  await expectVerdict('warn', 'iommu.cmdline', {}, null);
  await expectVerdict('unknown', 'iommu.cmdline', {}, null, {}, (r) =>
    denyingRoot(r, (p) => p === '/proc/cmdline'),
  );
  // Words after "--" belong to init, not the kernel.
  await expectVerdict(
    'ok',
    'iommu.cmdline',
    { kernelConfig: cfgOff, cmdline: 'intel_iommu=on -- intel_iommu=off' },
    null,
  );
});

test('iommu.active: ok with groups, warn in VFIO no-IOMMU mode, fail without groups (and names the missing driver)', async () => {
  await expectVerdict('ok', 'iommu.active', {});
  await expectVerdict(
    'warn',
    'iommu.active',
    { moduleParams: { 'vfio.enable_unsafe_noiommu_mode': 'Y' } },
    null,
  );
  const fail = await expectVerdict('fail', 'iommu.active', {}, null);
  assert.match(fail.fix!, /VT-d/);
  const noDriver = await expectVerdict(
    'fail',
    'iommu.active',
    { cpu: { vendor: 'amd' }, kernelConfig: { CONFIG_AMD_IOMMU: 'n' } },
    null,
  );
  assert.match(noDriver.fix!, /CONFIG_AMD_IOMMU=y/);
});

test('interrupts.remapping: ok from the kernel log, warn when unconfirmed, fail, unknown', async () => {
  await expectVerdict('ok', 'interrupts.remapping', { kernelLog: [IR_INTEL] });
  await expectVerdict('ok', 'interrupts.remapping', {
    cpu: { vendor: 'amd' },
    kernelLog: ['[    0.532976] AMD-Vi: Interrupt remapping enabled'],
  });
  await expectVerdict('warn', 'interrupts.remapping', { kernelLog: ['[    0.000000] Linux version 6.1.0'] });
  await expectVerdict('fail', 'interrupts.remapping', {
    kernelLog: [
      '[  112.5] vfio_iommu_type1_attach_group: No interrupt remapping support.  Use the module param "allow_unsafe_interrupts" to enable VFIO IOMMU support on this platform',
    ],
  });
  await expectVerdict('fail', 'interrupts.remapping', {
    cmdline: 'intel_iommu=on intremap=off',
    kernelLog: [IR_INTEL],
  });
  await expectVerdict('fail', 'interrupts.remapping', { kernelLog: [IR_INTEL] }, null);
  const unk = await expectVerdict('unknown', 'interrupts.remapping', {});
  assert.match(unk.evidence[0], /snapshot has no kernel messages/);
});

test('interrupts.unsafe: ok unset, warn when set (unnecessary with remapping; risky without), fail when it was meant but is not in effect', async () => {
  await expectVerdict('ok', 'interrupts.unsafe', {
    moduleParams: { 'vfio_iommu_type1.allow_unsafe_interrupts': 'N' },
  });
  const withIr = await expectVerdict('warn', 'interrupts.unsafe', {
    moduleParams: { 'vfio_iommu_type1.allow_unsafe_interrupts': 'Y' },
    kernelLog: [IR_INTEL],
  });
  assert.match(withIr.fix!, /already protects/);
  const noIr = await expectVerdict('warn', 'interrupts.unsafe', {
    modprobe: { 'vfio.conf': 'options vfio_iommu_type1 allow_unsafe_interrupts=1\n' },
  });
  assert.match(noIr.fix!, /trusted guests/);
  // Configured, but the module was loaded before the option (it reads N): VFIO will refuse.
  const stale = await expectVerdict('fail', 'interrupts.unsafe', {
    modprobe: { 'vfio.conf': 'options vfio_iommu_type1 allow_unsafe_interrupts=1\n' },
    moduleParams: { 'vfio_iommu_type1.allow_unsafe_interrupts': 'N' },
  });
  assert.match(stale.fix!, /loaded without it: reload it .*update-initramfs -u/);
  // The parameter given to vfio (which has no such parameter): silently nothing.
  const misplaced = await expectVerdict('fail', 'interrupts.unsafe', {
    modprobe: { 'vfio.conf': 'options vfio allow_unsafe_interrupts=1\n' },
  });
  assert.ok(
    misplaced.evidence.some((e) =>
      /options vfio allow_unsafe_interrupts=1 \(no such parameter in that module\)/.test(e),
    ),
  );
  assert.match(misplaced.fix!, /belongs to vfio_iommu_type1/);
  // The same slip on a host with interrupt remapping is only noise.
  await expectVerdict('warn', 'interrupts.unsafe', {
    cmdline: 'vfio.allow_unsafe_interrupts=1',
    kernelLog: [IR_INTEL],
  });
});

test('vfio.modules: loaded, built in, not loaded, vfio_virqfd on 6.2+, missing, unknown', async () => {
  await expectVerdict('ok', 'vfio.modules', {
    loaded: ['vfio', 'vfio_iommu_type1', 'vfio_pci', 'vfio_pci_core'],
  });
  await expectVerdict('ok', 'vfio.modules', {
    builtin: ['vfio', 'vfio_iommu_type1', 'vfio_pci'],
    available: [],
  });
  const notLoaded = await expectVerdict('warn', 'vfio.modules', {
    builtin: [],
    available: ['vfio', 'vfio_iommu_type1', 'vfio_pci'],
  });
  assert.match(notLoaded.fix!, /modprobe vfio-pci/);
  const virqfd = await expectVerdict('warn', 'vfio.modules', {
    release: '6.8.0-40-generic',
    loaded: ['vfio', 'vfio_iommu_type1', 'vfio_pci'],
    files: { 'etc/modules-load.d/vfio.conf': 'vfio\nvfio_iommu_type1\nvfio_pci\nvfio_virqfd\n' },
  });
  assert.match(virqfd.fix!, /vfio_virqfd/);
  // The same file on a 6.1 kernel is right: vfio_virqfd still exists there.
  await expectVerdict('ok', 'vfio.modules', {
    loaded: ['vfio', 'vfio_iommu_type1', 'vfio_pci', 'vfio_virqfd'],
    files: { 'etc/modules-load.d/vfio.conf': 'vfio_virqfd\n' },
  });
  await expectVerdict('fail', 'vfio.modules', { builtin: [], available: ['vfio'] });
  await expectVerdict('fail', 'vfio.modules', { kernelConfig: { CONFIG_VFIO: 'n' } });
  await expectVerdict('unknown', 'vfio.modules', {});
});

/** Two identical GTX 1070s (10de:1b81) plus their audio functions, each behind its own ACS port. */
function twoIdentical(driver = 'vfio-pci'): HostSpec {
  const card = (dev: number, group: number) => ({
    kind: 'root-port' as const,
    dev,
    acs: true,
    group: 100 + dev,
    driver: 'pcieport',
    children: [gpuWithAudio({ device: 0x1b81, groups: group, driver, audioDriver: driver })],
  });
  return { rootComplexes: [{ devices: [card(1, 4), card(3, 5)] }] };
}

test('vfio.early-binding: ok, warn (identical GPUs caught; stale id; target unlisted), fail (malformed)', async () => {
  await expectVerdict('ok', 'vfio.early-binding', {});
  await expectVerdict('ok', 'vfio.early-binding', { cmdline: 'quiet vfio-pci.ids=10de:1b80,10de:10f0' });
  const ident = await expectVerdict(
    'warn',
    'vfio.early-binding',
    { modprobe: { 'vfio.conf': 'options vfio-pci ids=10de:1b81,10de:10f0\n' } },
    twoIdentical(),
    { devices: ['0000:01:00.0'] },
  );
  assert.match(ident.fix!, /10de:1b81 also catches 0000:02:00\.0,.*bind by address/);
  assert.ok(ident.evidence.some((e) => /10de:10f0 also catches 0000:02:00\.1/.test(e)));
  const stale = await expectVerdict('warn', 'vfio.early-binding', { cmdline: 'vfio_pci.ids=1002:67df' });
  assert.match(stale.fix!, /matches no device/);
  const unlisted = await expectVerdict(
    'warn',
    'vfio.early-binding',
    { cmdline: 'pci-stub.ids=10de:10f0' },
    desktop({ gpuDriver: 'nouveau' }),
  );
  assert.match(unlisted.fix!, /add 10de:1b80 to vfio-pci.ids/);
  const bad = await expectVerdict('fail', 'vfio.early-binding', { cmdline: 'vfio-pci.ids=10de-1b80' });
  assert.match(bad.fix!, /malformed/);
});

test('vfio.softdep: ok (built in; softdep present; no ids), warn (no softdep), fail (GPU driver won the race)', async () => {
  const ids = { modprobe: { 'vfio.conf': 'options vfio-pci ids=10de:1b80,10de:10f0\n' } };
  await expectVerdict('ok', 'vfio.softdep', {});
  await expectVerdict('ok', 'vfio.softdep', {
    ...ids,
    builtin: ['vfio', 'vfio_iommu_type1', 'vfio_pci'],
    available: [],
  });
  await expectVerdict('ok', 'vfio.softdep', {
    modprobe: {
      'vfio.conf':
        'options vfio-pci ids=10de:1b80,10de:10f0\nsoftdep nouveau pre: vfio-pci\nsoftdep nvidia pre: vfio-pci\nsoftdep snd_hda_intel pre: vfio-pci\n',
    },
    loaded: ['vfio_pci'],
  });
  const warn = await expectVerdict('warn', 'vfio.softdep', { ...ids, loaded: ['vfio_pci'] });
  assert.match(warn.fix!, /softdep nouveau pre: vfio-pci/);
  const fail = await expectVerdict(
    'fail',
    'vfio.softdep',
    { ...ids, loaded: ['vfio_pci'] },
    desktop({ gpuDriver: 'nouveau', audioDriver: 'snd_hda_intel' }),
  );
  assert.ok(fail.evidence.some((e) => /0000:01:00\.0 is on nouveau/.test(e)));
});

test('acs.override: ok, warn (in effect: the risk), fail (option without the patch)', async () => {
  await expectVerdict('ok', 'acs.override', {});
  const patchOnly = await expectVerdict('ok', 'acs.override', {
    kallsyms: ['pcie_acs_override_setup', 'pcie_acs_overrides'],
  });
  assert.ok(patchOnly.evidence.some((e) => /carries the ACS override patch/.test(e)));
  const on = await expectVerdict('warn', 'acs.override', {
    cmdline: 'quiet pcie_acs_override=downstream,multifunction',
    kernelLog: [
      '[    0.000000] Warning: PCIe ACS overrides enabled; This may allow non-IOMMU protected peer-to-peer DMA',
    ],
  });
  assert.match(on.fix!, /peer-to-peer DMA/);
  const noPatch = await expectVerdict('fail', 'acs.override', {
    cmdline: 'quiet pcie_acs_override=downstream',
    kernelLog: [
      '[    0.08] Unknown kernel command line parameters "BOOT_IMAGE=/vmlinuz pcie_acs_override=downstream", will be passed to user space.',
    ],
  });
  assert.match(noPatch.fix!, /lacks the ACS override patch/);
  await expectVerdict('fail', 'acs.override', {
    cmdline: 'pcie_acs_override=downstream',
    kallsyms: ['start_kernel'],
  });
  await expectVerdict('warn', 'acs.override', { cmdline: 'pcie_acs_override=downstream' });
});

test('facts read for verdicts only (the host report): /proc/kallsyms only when the command line names pcie_acs_override', async () => {
  const patched = ['pcie_acs_override_setup', 'pcie_acs_overrides'];
  const fx = buildHost({ kallsyms: patched }, desktop());
  const on = buildHost({ kallsyms: patched, cmdline: 'ro quiet pcie_acs_override=downstream' }, desktop());
  try {
    // Without the option the answer only adds evidence beside an ok: not read for verdicts.
    const host = openHostState(fx.root);
    assert.equal(host.facts('verdicts').acsOverridePatch, undefined);
    const lean = await buildDoctorReport(host, { verdictsOnly: true });
    const full = await buildDoctorReport(openHostState(fx.root));
    const acs = (r: typeof lean) => r.checks.find((c) => c.id === 'acs.override')!;
    assert.equal(acs(lean).verdict, acs(full).verdict);
    assert.deepEqual(lean.summary, full.summary);
    assert.deepEqual(lean.mostImportant, full.mostImportant);
    // The verdicts-only run did not read kallsyms (no patch evidence); the full one did.
    assert.ok(!acs(lean).evidence.some((e) => /kallsyms/.test(e)));
    assert.ok(acs(full).evidence.some((e) => /carries the ACS override patch/.test(e)));
    // Asked for everything afterwards, the same HostState reads it.
    assert.equal(host.facts('all').acsOverridePatch, true);
    // With the option on the command line the patch decides the verdict: read either way.
    assert.equal(openHostState(on.root).facts('verdicts').acsOverridePatch, true);
  } finally {
    fx.cleanup();
    on.cleanup();
  }
});

test('hugepages.pool: ok (enough for --memory; reserved), warn (none reserved), fail (too few), unknown', async () => {
  const pools = [
    { sizeKb: 2048, total: 0, free: 0 },
    { sizeKb: 1048576, total: 16, free: 16 },
  ];
  await expectVerdict('ok', 'hugepages.pool', { hugepages: pools }, undefined, { memoryBytes: 16 * 2 ** 30 });
  await expectVerdict('ok', 'hugepages.pool', { hugepages: pools });
  await expectVerdict('warn', 'hugepages.pool', {});
  const fail = await expectVerdict('fail', 'hugepages.pool', { hugepages: pools }, undefined, {
    memoryBytes: 24 * 2 ** 30,
  });
  assert.match(fail.fix!, /reserve 12288 pages of 2 MiB/);
  assert.match(fail.fix!, /hugepages=24/);
  await expectVerdict('unknown', 'hugepages.pool', {}, undefined, {}, (r) =>
    denyingRoot(r, (p) => p.startsWith('/sys/kernel/mm/hugepages') || p === '/proc/meminfo'),
  );
});

test('vga.arbitration: ok (one VGA device), warn (IGD host graphics + discrete VGA; several VGA devices)', async () => {
  await expectVerdict('ok', 'vga.arbitration', {});
  const igd = await expectVerdict('warn', 'vga.arbitration', {}, desktop({ vga2: true }));
  assert.match(igd.fix!, /OVMF/);
  assert.match(igd.fix!, /DRI/);
  const two = await expectVerdict('warn', 'vga.arbitration', {}, twoIdentical(), {
    devices: ['0000:02:00.0'],
  });
  assert.match(two.fix!, /x-vga/);
});

test('vga.arbitration with a VM: ok (OVMF, no x-vga), fail (x-vga=on beside i915 IGD host graphics), warn (x-vga with several VGA)', async () => {
  const vm = (script: string) => ({ vm: parseVmDefinition(script, 'run.sh') });
  const ovmf = await expectVerdict(
    'ok',
    'vga.arbitration',
    {},
    desktop({ vga2: true }),
    vm('qemu-system-x86_64 -bios /usr/share/ovmf/OVMF.fd -device vfio-pci,host=01:00.0'),
  );
  assert.match(ovmf.evidence.at(-1)!, /boots OVMF and routes no legacy VGA/);
  const xvga = await expectVerdict(
    'fail',
    'vga.arbitration',
    {},
    desktop({ vga2: true }),
    vm('qemu-system-x86_64 -device vfio-pci,host=01:00.0,x-vga=on'),
  );
  assert.ok(xvga.evidence.some((e) => /i915\.enable_hd_vgaarb patch was never merged/.test(e)));
  assert.match(xvga.fix!, /drop x-vga=on and boot the VM with OVMF/);
  await expectVerdict(
    'warn',
    'vga.arbitration',
    {},
    twoIdentical(),
    vm('qemu-system-x86_64 -device vfio-pci,host=02:00.0,x-vga=on'),
  );
});

test('the most important fix is the most fundamental failure, and the report says what it could not see', async () => {
  const r = await doctor({ cpu: { vendor: 'intel', flags: ['sse2'] }, acpiTables: ['APIC'] }, null);
  assert.equal(r.mostImportant?.id, 'cpu.virtualization');
  const r2 = await doctor({}, null);
  assert.equal(r2.mostImportant?.id, 'iommu.active');
  assert.match(r2.mostImportant!.fix, /VT-d/);
  assert.ok(r2.blind.some((b) => b.what === 'kernel messages'));
  assert.ok(r2.blind.some((b) => b.what === 'kernel config'));
  const denied = await doctor({}, undefined, {}, (root) => denyingRoot(root, (p) => p === '/proc/iomem'));
  assert.ok(denied.blind.some((b) => b.what === '/proc/iomem' && /permission denied/.test(b.why)));
});

test('inside a VM without a virtual IOMMU, the fix is a virtual IOMMU, not a firmware switch', async () => {
  const c = await check(
    'iommu.firmware',
    { cpu: { vendor: 'amd', flags: ['svm', 'hypervisor'] }, acpiTables: ['APIC', 'DSDT'] },
    null,
  );
  assert.equal(c.verdict, 'fail');
  assert.match(c.fix!, /virtual IOMMU/);
});

test('the IOMMU vendor comes from the ACPI table, not the CPU (QEMU VT-d under an AMD CPU model, as in the lab)', async () => {
  const c = await check('iommu.cmdline', {
    cpu: { vendor: 'amd', flags: ['svm'] },
    acpiTables: ['APIC', 'DMAR'],
    cmdline: 'intel_iommu=on iommu=pt',
  });
  assert.equal(c.verdict, 'ok', JSON.stringify(c));
});
