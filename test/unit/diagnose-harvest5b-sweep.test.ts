// The fifth harvest's part b (catalogue/harvest5b-sweep.ts): kernel WARN/BUG splats quoted in patch
// threads, syzbot reports and stable reviews on the kernel's lists — vfio_iommu_type1, vfio-pci's
// config space, the VFIO core, iommufd, the Intel IOMMU driver and pci_disable_device() — plus the
// entry this harvest mended (kernel.probe-failed for a vfio variant driver's -22).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILT } from '../../src/readiness/diagnose/catalogue/build.js';
import { HARVEST5B_SWEEP_ENTRIES } from '../../src/readiness/diagnose/catalogue/harvest5b-sweep.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

test('every entry is registered, cites its source and claims its examples alone', () => {
  const n = checkSweepEntries(HARVEST5B_SWEEP_ENTRIES, ['kernel.'], (e, x, f) => {
    for (const [k, v] of Object.entries(x.facts ?? {}))
      assert.equal(f.facts[k], v, `${e.id} fact ${k}: ${x.text}`);
  });
  assert.equal(n, HARVEST5B_SWEEP_ENTRIES.length);
  assert.equal(n, 16);
});

test('every harvested example names the public thread it came from', () => {
  let posted = 0;
  for (const e of HARVEST5B_SWEEP_ENTRIES)
    for (const x of e.examples ?? []) {
      if (x.origin === BUILT) continue;
      posted++;
      assert.match(
        x.origin,
        /^(?:https:\/\/lore\.kernel\.org\/all\/[\w.=+-]+@[\w.-]+\/|https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/(?:issues|pull)\/\d+|https:\/\/osv\.dev\/vulnerability\/CVE-\d{4}-\d{4,7})$/,
        e.id,
      );
    }
  assert.equal(posted, 32);
});

test('vfio_iommu_type1 WARN: pins left by an mdev driver; unpin of an unmapped IOVA', () => {
  const id = 'kernel.warn-vfio-type1-pinned';
  const removed = onlyFinding(
    '[  215.671893] WARNING: CPU: 10 PID: 6210 at drivers/vfio/vfio_iommu_type1.c:1204',
    id,
  );
  assert.equal(removed.explanation.severity, 'error');
  assert.match(removed.explanation.cause, /still pinned through vfio_pin_pages/);
  assert.match(removed.explanation.cause, /492d1e9f0df7/);
  assert.match(removed.explanation.fix, /kvm@vger\.kernel\.org/);
  const unpin = onlyFinding(
    'WARNING: CPU: 3 PID: 501 at drivers/vfio/vfio_iommu_type1.c:978 vfio_iommu_type1_unpin_pages+0x7b/0x100 [vfio_iommu_type1]',
    id,
  );
  assert.match(unpin.explanation.cause, /no DMA mapping covers/);
  assert.match(unpin.explanation.cause, /no release carried it/);
  assert.match(unpin.explanation.fix, /mdev driver/);
});

test('vfio_iommu_type1 BUG: a driver never dropped its pins during an unmap', () => {
  const f = onlyFinding(
    '[  207.412488] kernel BUG at drivers/vfio/vfio_iommu_type1.c:953!',
    'kernel.bug-vfio-type1-unmap',
  );
  assert.equal(f.explanation.severity, 'error');
  assert.match(f.explanation.cause, /after 10 rounds/);
  assert.match(f.explanation.cause, /vendor-driver bug/);
  assert.match(f.explanation.fix, /reboot the host/);
});

test('vfio-pci config WARN: a hidden first extended capability, fixed in 6.13', () => {
  const f = onlyFinding(
    'WARNING: CPU: 7 PID: 2211 at drivers/vfio/pci/vfio_pci_config.c:1894 vfio_pci_config_rw+0x395/0x430 [vfio_pci_core]',
    'kernel.warn-vfio-pci-config-ecap',
  );
  assert.equal(f.explanation.severity, 'warning');
  assert.match(f.explanation.cause, /first PCIe extended capability/);
  assert.match(f.explanation.cause, /fe4bf8d0b671/);
  assert.match(f.explanation.fix, /6\.13\+/);
});

test('VFIO core WARN: a variant driver missing iommufd ops; the no-IOMMU close', () => {
  const id = 'kernel.warn-vfio-main';
  const reg = onlyFinding(
    'WARNING: CPU: 0 PID: 5040 at drivers/vfio/vfio_main.c:317 __vfio_register_dev+0x130/0x140 [vfio]',
    id,
  );
  assert.match(reg.explanation.cause, /detach_ioas/);
  assert.match(reg.explanation.cause, /fe24d5bc635e/);
  assert.match(reg.explanation.fix, /plain vfio-pci/);
  const close = onlyFinding(
    'WARNING: CPU: 1 PID: 164 at drivers/vfio/vfio_main.c:487 vfio_df_close+0xac/0xb4',
    id,
  );
  assert.match(close.explanation.cause, /no-IOMMU/);
  assert.match(close.explanation.cause, /6086efe73498/);
  assert.match(close.explanation.fix, /CONFIG_VFIO_CONTAINER=y/);
  const other = onlyFinding(
    'WARNING: CPU: 2 PID: 99 at drivers/vfio/vfio_main.c:600 vfio_unregister_group_dev+0x10/0x20 [vfio]',
    id,
  );
  assert.match(other.explanation.cause, /consistency check in the VFIO core/);
});

test('iommufd WARN: each known check names its fix; others stay general', () => {
  const id = 'kernel.warn-iommufd';
  const cases: [string, RegExp, RegExp][] = [
    [
      'WARNING: CPU: 4 PID: 1736 at drivers/iommu/iommufd/io_pagetable.c:660 iopt_destroy_table+0x91/0xc0 [iommufd]',
      /accounting has gone wrong/,
      /newest stable release/,
    ],
    [
      '  WARNING: CPU: 1 PID: 4738 at drivers/iommu/iommufd/io_pagetable.c:1360',
      /aeb004c0cd69/,
      /6\.6\.21\+/,
    ],
    [
      'WARNING: CPU: 0 PID: 557 at drivers/iommu/iommufd/pages.c:294 __iopt_area_unfill_domain+0x152/0x560',
      /727c28c1cef2/,
      /6\.2\.y/,
    ],
    [
      'WARNING: CPU: 0 PID: 3076 at drivers/iommu/iommufd/device.c:477 iommufd_access_destroy+0x18/0x20',
      /CVE-2023-53795/,
      /6\.4\.8\+/,
    ],
    [
      'WARNING: CPU: 1 PID: 6050 at drivers/iommu/iommufd/iommufd_private.h:208 iommufd_device_unbind+0x81/0xa0 drivers/iommu/iommufd/device.c:280',
      /short-term reference/,
      /d9df72c6acd6/,
    ],
    [
      'WARNING: CPU: 0 PID: 5834 at drivers/iommu/iommufd/io_pagetable.c:283 iopt_map_pages+0xce7/0xda0 drivers/iommu/iommufd/io_pagetable.c:367',
      /internal consistency checks/,
      /iommu@lists\.linux\.dev/,
    ],
  ];
  for (const [line, cause, fix] of cases) {
    const f = onlyFinding(line, id);
    assert.equal(f.explanation.severity, 'error', line);
    assert.match(f.explanation.cause, cause, line);
    assert.match(f.explanation.fix, fix, line);
  }
});

test('iommufd destroy timeout: a reference still held, the wait raised to 60 s', () => {
  const f = onlyFinding(
    'iommufd: Time out waiting for iommufd object to become free',
    'kernel.iommufd-destroy-timeout',
  );
  assert.equal(f.explanation.severity, 'error');
  assert.match(f.explanation.cause, /short-term users/);
  assert.match(f.explanation.cause, /60 s/);
  assert.match(f.explanation.fix, /blocked in an iommufd ioctl/);
});

test('late IOMMU probe: a 6.15+ ordering warning, usually harmless', () => {
  const f = onlyFinding(
    'reg-dummy reg-dummy: late IOMMU probe at driver bind, something fishy here!',
    'kernel.iommu-late-probe',
  );
  assert.equal(f.explanation.severity, 'warning');
  assert.match(f.explanation.cause, /Linux 6\.15/);
  assert.match(f.explanation.cause, /73d2f10957f5/);
  assert.match(f.explanation.fix, /iommu_group/);
});

test('IOMMU core WARN: late probe, a detach racing removal, pSeries default domain; both splat forms', () => {
  const id = 'kernel.warn-iommu-core';
  for (const line of [
    'WARNING: CPU: 0 PID: 1 at drivers/iommu/iommu.c:449 __iommu_probe_device+0x140/0x570',
    '[    2.361153][    T1] WARNING: drivers/iommu/iommu.c:650 at __iommu_probe_device+0x3a0/0x608, CPU#7: init/1',
  ]) {
    const f = onlyFinding(line, id);
    assert.equal(f.explanation.severity, 'warning', line);
    assert.match(f.explanation.cause, /late-probe warning/, line);
  }
  const detach = onlyFinding(
    'WARNING: CPU: 0 PID: 5082 at drivers/iommu/iommu.c:1961 iommu_detach_group+0x6c/0x80',
    id,
  );
  assert.equal(detach.explanation.severity, 'error');
  assert.match(detach.explanation.cause, /9ac8545199a1/);
  assert.match(detach.explanation.fix, /hot-unplug/);
  const pseries = onlyFinding(
    'WARNING: CPU: 5 PID: 185612 at drivers/iommu/iommu.c:3049 iommu_setup_default_domain+0x410/0x680',
    id,
  );
  assert.match(pseries.explanation.cause, /2ad56efa80db/);
  const other = onlyFinding(
    'WARNING: CPU: 1 PID: 2 at drivers/iommu/iommu.c:100 iommu_group_alloc+0x1/0x2',
    id,
  );
  assert.match(other.explanation.cause, /consistency checks/);
});

test('Intel IOMMU WARN at probe: duplicate source IDs on 6.8; other functions stay general', () => {
  const id = 'kernel.warn-intel-iommu-probe';
  const probe = onlyFinding(
    'WARNING: CPU: 3 PID: 166 at drivers/iommu/intel/iommu.c:158 intel_iommu_probe_device+0x319/0xd90',
    id,
  );
  assert.match(probe.explanation.cause, /1a75cc710b95/);
  assert.match(probe.explanation.cause, /no IOMMU group/);
  assert.match(probe.explanation.fix, /Linux 6\.9/);
  const other = onlyFinding(
    'WARNING: CPU: 0 PID: 1 at drivers/iommu/intel/iommu.c:4000 intel_iommu_init+0x1/0x2',
    id,
  );
  assert.match(other.explanation.cause, /intel_iommu_init\(\)/);
  assert.match(other.explanation.fix, /iommu@lists\.linux\.dev/);
});

test('Intel IOMMU BUG: an unmap beyond the domain, from the caller in the trace', () => {
  const f = onlyFinding(
    '[  647.820848] kernel BUG at drivers/iommu/intel/iommu.c:1174!',
    'kernel.bug-intel-iommu',
  );
  assert.equal(f.explanation.severity, 'error');
  assert.match(f.explanation.cause, /vhost-vdpa/);
  assert.match(f.explanation.cause, /address/);
  assert.match(f.explanation.fix, /rebooted/);
});

test('AMD IOMMU GA log WARN: kdump, a slow start, a log that will not stop', () => {
  const id = 'kernel.warn-amd-iommu-galog';
  const kdump = onlyFinding(
    'WARNING: CPU: 0 PID: 1 at drivers/iommu/amd/init.c:829 iommu_ga_log_enable.isra.0+0x16f/0x190',
    id,
  );
  assert.equal(kdump.explanation.severity, 'warning');
  assert.match(kdump.explanation.cause, /kdump/);
  assert.match(kdump.explanation.cause, /a8d4a37d1bb9/);
  const slow = onlyFinding(
    'WARNING: CPU: 0 PID: 1 at drivers/iommu/amd/init.c:839 amd_iommu_enable_interrupts+0x1da/0x440',
    id,
  );
  assert.match(slow.explanation.cause, /Increase timeout waiting for GA log enablement/);
  const stall = onlyFinding(
    'WARNING: CPU: 2 PID: 1 at drivers/iommu/amd/init.c:980 enable_iommus_vapic+0x343/0x3a0',
    id,
  );
  assert.match(stall.explanation.cause, /20 s/);
  assert.match(stall.explanation.fix, /amd_iommu_intr=legacy/);
  const bare = onlyFinding('[    0.398835] WARNING: CPU: 0 PID: 1 at drivers/iommu/amd/init.c:839', id);
  assert.match(bare.explanation.cause, /guest virtual APIC \(GA\) log/);
});

test('PCI MSI WARN: no MSI domain — a vIOMMU with intremap and bypass_iommu', () => {
  const f = onlyFinding(
    'WARNING: CPU: 3 PID: 1 at drivers/pci/msi/msi.h:121 pci_msi_setup_msi_irqs+0x27/0x40',
    'kernel.warn-pci-msi-no-domain',
  );
  assert.equal(f.explanation.severity, 'warning');
  assert.match(f.explanation.cause, /bypass_iommu/);
  assert.match(f.explanation.cause, /legacy INTx/);
  assert.match(f.explanation.fix, /intremap=off/);
});

test('PCIe bwctrl WARN: the retrain quirk restoring an unknown speed, fixed by 9989e0ca7462', () => {
  const f = onlyFinding(
    '[    2.1] WARNING: drivers/pci/pcie/bwctrl.c:168 at pcie_set_target_speed+0x1a/0x40, CPU#1: swapper/0/1',
    'kernel.warn-pcie-bwctrl-speed',
  );
  assert.equal(f.explanation.severity, 'warning');
  assert.match(f.explanation.cause, /9989e0ca7462/);
  assert.match(f.explanation.cause, /retraining failed/);
  assert.match(f.explanation.fix, /6\.17\+/);
});

test('dma-iommu WARN: a driver unmapping what it does not own; after DPC a storm', () => {
  const f = onlyFinding(
    'WARNING: CPU: 7 PID: 59 at drivers/iommu/dma-iommu.c:1198 iommu_dma_unmap_page+0xd5/0x100',
    'kernel.warn-dma-iommu-unmap',
  );
  assert.equal(f.explanation.severity, 'error');
  assert.match(f.explanation.cause, /double unmap/);
  assert.match(f.explanation.cause, /8baeef7616d5/);
  assert.match(f.explanation.fix, /DPC: containment event/);
});

test('Arm SMMUv3 WARN: the Grace CMDQV queue alignment (6.12.0-6.12.1)', () => {
  const f = onlyFinding(
    '    WARNING: at drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c:3646',
    'kernel.warn-arm-smmu-v3',
  );
  assert.equal(f.explanation.severity, 'error');
  assert.match(f.explanation.cause, /Tegra241 CMDQV/);
  assert.match(f.explanation.fix, /6\.12\.2\+/);
});

test('pci_disable_device WARN: a driver bookkeeping bug, common since 6.11', () => {
  const id = 'kernel.pci-disable-already-disabled';
  for (const line of [
    '[70633.628490] ice 0000:af:00.7: disabling already-disabled device',
    '[70633.628512] WARNING: CPU: 52 PID: 33890 at drivers/pci/pci.c:2250 pci_disable_device+0xf4/0x100',
  ]) {
    const f = onlyFinding(line, id);
    assert.equal(f.explanation.severity, 'warning', line);
    assert.match(f.explanation.cause, /pcim_enable_device/, line);
    assert.match(f.explanation.cause, /f748a07a0b64/, line);
    assert.match(f.explanation.fix, /nothing to do for the device/, line);
  }
});

test('kernel.probe-failed (mended): a vfio variant driver refused by the VFIO core', () => {
  const f = onlyFinding(
    'pds_vfio_pci 0000:08:00.1: probe with driver pds_vfio_pci failed with error -22',
    'kernel.probe-failed',
  );
  assert.match(f.explanation.cause, /variant driver pds_vfio_pci/);
  assert.match(f.explanation.cause, /__vfio_register_dev/);
  assert.match(f.explanation.cause, /fe24d5bc635e/);
  assert.match(f.explanation.fix, /plain vfio-pci/);
});

test('kernel.dpc-containment (mended): the 6.16 one-line forms, and the source device named', () => {
  const id = 'kernel.dpc-containment';
  const from = onlyFinding(
    '>    + pci 0000:00:01.0: DPC: containment event, status:0x000d, ERR_FATAL received from 0000:02:00.0',
    id,
  );
  assert.equal(from.facts.status, '0x000d');
  assert.match(
    from.explanation.cause,
    /device at 0000:02:00\.0 reported an uncorrectable error \(ERR_FATAL\)/,
  );
  const unmasked = onlyFinding(
    '>    + pci 0000:00:01.0: DPC: containment event, status:0x0009: unmasked uncorrectable error detected',
    id,
  );
  assert.equal(unmasked.facts.reason, 'unmasked uncorrectable error');
  assert.match(unmasked.explanation.cause, /Downstream Port Containment/);
  const bare = onlyFinding('>      pcieport 0007:00:00.0: DPC: containment event, status:0x2009', id);
  assert.equal(bare.facts.status, '0x2009');
});
