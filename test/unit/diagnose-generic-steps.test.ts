// The generic tier by VFIO step (catalogue/generic.ts generic.vfio-context-errno with the step
// tables of catalogue/vfio-errno.ts): a line from a program vfiokit does not know that names a VFIO
// step and an errno gets what that errno means for that step.
//
// Expected meanings are read from the code that returns each errno (torvalds/linux):
// - drivers/vfio/group.c vfio_group_ioctl_set_container(): -EINVAL when the group already has a
//   container or iommufd, -ENODEV when its iommu_group is gone; vfio_group_fops_unl_ioctl() answers
//   -ENOTTY to a request code it does not know (VFIO_GROUP_SET_CONTAINER is _IO(';', 104));
// - drivers/vfio/pci/vfio_pci_intrs.c vfio_pci_set_irqs_ioctl(): -ENOTTY for MSI/MSI-X mask and
//   unmask; vfio_pci_set_msi_trigger(): -EINVAL while another interrupt type is enabled;
//   vfio_intx_set_signal(): request_irq() without IRQF_SHARED when the device cannot mask INTx
//   (!pci_2_3), so a shared line gives -EBUSY; vfio_msi_enable(): pci_alloc_irq_vectors()' error;
// - drivers/vfio/pci/vfio_pci_core.c vfio_pci_core_ioctl(): VFIO_DEVICE_RESET is -EINVAL when
//   !reset_works; GET_PCI_HOT_RESET_INFO is -ENOSPC with the count when the buffer is short and
//   -EPERM when an affected device has no IOMMU group (vfio_pci_fill_devs()); GET_REGION_INFO is
//   -EINVAL for an index past the device's regions; vfio_pci_core_mmap(): -EINVAL for a BAR
//   without mmap support, pci_request_selected_regions()' -EBUSY for a claimed BAR;
//   vfio_pci_dev_set_hot_reset(): -EINVAL when an affected device is not in the groups given;
// - drivers/pci/pci.c pci_try_reset_function(): -EAGAIN when the device lock is held elsewhere;
// - drivers/vfio/vfio_iommu_type1.c vfio_dma_do_map(): -ENOSPC when dma_avail (dma_entry_limit)
//   is used up, -EEXIST for an overlap; vfio_dma_do_unmap(): -EINVAL for a v2 unmap that bisects a
//   mapping; vfio_pin_pages_remote(): -ENOMEM past RLIMIT_MEMLOCK;
// - drivers/vfio/vfio_main.c vfio_ioctl_device_feature_mig_device_state(): -ENOTTY without
//   mig_ops; vfio_mig_get_next_state(): -EINVAL for an arc the device's flags do not allow;
// - drivers/vfio/device_cdev.c vfio_df_ioctl_bind_iommufd(): -EINVAL for a second bind;
// - nutanix/libvfio-user lib/dma.c dma_controller_add_region(): EINVAL for an overlapping region;
//   dma_controller_remove_region(): ENOENT without an exact match.
// Errno numbers: include/uapi/asm-generic/errno-base.h and errno.h.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOGUE } from '../../src/readiness/diagnose/catalogue.js';
import { diagnoseText, type Finding } from '../../src/readiness/diagnose/matcher.js';
import { planPattern } from '../../src/readiness/diagnose/regex-safety.js';

const ID = 'generic.vfio-context-errno';

function findings(text: string): Finding[] {
  return diagnoseText(text).findings;
}
function generic(text: string): Finding {
  const fs = findings(text);
  assert.equal(fs.length, 1, `${text}: ${fs.map((f) => f.entry.id)}`);
  assert.equal(fs[0].entry.id, ID, text);
  return fs[0];
}
const said = (f: Finding) =>
  `${f.explanation.title}\n${f.explanation.cause}\n${f.explanation.fix}`.toLowerCase();

test('real reports: vfio-user DMA add and remove, a Python tool linking a group to a container', () => {
  // https://github.com/nutanix/libvfio-user/issues/463: QEMU sent an overlapping region.
  const add = generic(
    '[2021-05-04 10:25:25.312248] vfio_user.c:1484:vfio_user_log: *ERROR*: /var/tmp: failed to add DMA region [0xc4000, 0xe8000) offset=0xc4000 prot=0x1 flags=0x1: Invalid argument',
  );
  assert.equal(add.facts.errno, 'EINVAL');
  assert.match(said(add), /overlaps/);
  assert.match(said(add), /vfio-user/);
  // https://github.com/nutanix/libvfio-user/issues/218: removing a region the server lacks.
  const remove = generic(
    '[2021-05-04 10:25:25.306594] vfio_user.c:1484:vfio_user_log: *ERROR*: /var/tmp: failed to remove DMA region [0xc0000, 0xe0000) offset=0 prot=0 flags=0: No such file or directory',
  );
  assert.equal(remove.facts.errno, 'ENOENT');
  assert.match(said(remove), /exact/);
  assert.equal(remove.explanation.severity, 'warning');
  // https://github.com/VoltCyclone/PCILeechFWGenerator/issues/152: ENOTTY is the request code.
  const link = generic(
    '2025-07-21 23:04:06,017 ERROR src.cli.vfio_handler:   23:04:06 │ ERROR  │ [VFIO] Failed to link group 14 to container: [Errno 25] Inappropriate ioctl for device',
  );
  assert.equal(link.facts.errno, 'ENOTTY');
  assert.match(said(link), /vfio_group_set_container/);
  assert.match(said(link), /0x3b68/);
  assert.match(said(link), /not at fault/);
});

test('each step reads its errno from the kernel code of that step', () => {
  const cases: [line: string, errno: string, step: RegExp, keywords: RegExp][] = [
    // container/group attach: a second attach, and a group whose devices went away.
    [
      'vmm: vfio: attach group 7 to the container failed: Invalid argument',
      'EINVAL',
      /set_container/,
      /already attached/,
    ],
    ['vfio: set container for group 12: No such device', 'ENODEV', /set_container/, /unbound|removed/],
    // IOMMU type: the type1 backend refusing the group without interrupt remapping.
    [
      'vfio: set IOMMU type for the container: Operation not permitted',
      'EPERM',
      /set_iommu/,
      /interrupt remapping/,
    ],
    // iommufd: a second bind of the same device file.
    ['vfio: bind iommufd for vfio0 failed: Invalid argument', 'EINVAL', /bind_iommufd/, /already bound/],
    // interrupts: another type enabled; no masking of MSI; a shared line without INTx masking.
    [
      'vfio: failed to enable MSI-X for 0000:3b:00.0: errno 22',
      'EINVAL',
      /set_irqs/,
      /another interrupt type/,
    ],
    ['vmm: vfio: set irqs (MSI mask) failed: Inappropriate ioctl for device', 'ENOTTY', /set_irqs/, /mask/],
    ['vfio: enable INTx for 0000:05:00.0: Device or resource busy', 'EBUSY', /set_irqs/, /shares|share/],
    ['Error: failed to enable MSI-X for the VFIO device: errno 28', 'ENOSPC', /set_irqs/, /vectors/],
    // regions and BARs.
    [
      'vfio: failed to read region info for index 9: Invalid argument',
      'EINVAL',
      /get_region_info/,
      /region index/,
    ],
    ['vmm: vfio: mmap BAR2 failed: Invalid argument', 'EINVAL', /mmap/, /not mmap-capable|flag_mmap/],
    ['vmm: vfio: region write to BAR0 failed: Input/output error', 'EIO', /region/, /memory decoding/],
    // DMA: the entry limit on map, a bisecting unmap.
    ['vfio: DMA map of 0x7f00000000 failed: No space left on device', 'ENOSPC', /map_dma/, /dma_entry_limit/],
    [
      'vfio_dma_unmap(iova=0x100000000, size=0x1000) failed: Invalid argument',
      'EINVAL',
      /unmap_dma/,
      /cuts through a mapping/,
    ],
    // reset: no reset method, and a lock held elsewhere.
    ['vfio: device reset failed: Invalid argument', 'EINVAL', /vfio_device_reset/, /reset_works/],
    ['vfio: device reset failed: Resource temporarily unavailable', 'EAGAIN', /vfio_device_reset/, /locked/],
    // hot reset: the size query, a non-isolated neighbour, devices outside the user's groups.
    ['vfio: get hot reset info returned ENOSPC (os error 28)', 'ENOSPC', /hot_reset_info/, /call again/],
    [
      'vfio: hot reset info for 0000:65:00.0: Operation not permitted',
      'EPERM',
      /hot_reset_info/,
      /no iommu group/,
    ],
    ['vfio 0000:65:00.0: hot reset failed: Invalid argument', 'EINVAL', /pci_hot_reset/, /does not own/],
    // migration: plain vfio-pci has no migration operations; an arc the device lacks.
    [
      'vfio: set migration state STOP_COPY: Inappropriate ioctl for device (os error 25)',
      'ENOTTY',
      /mig_device_state/,
      /no migration support/,
    ],
    [
      'vfio: migration state change to PRE_COPY failed: Invalid argument',
      'EINVAL',
      /mig_device_state/,
      /arc/,
    ],
  ];
  for (const [line, errno, step, keywords] of cases) {
    const f = generic(line);
    assert.equal(f.facts.errno, errno, line);
    assert.match(f.explanation.title.toLowerCase(), step, line);
    assert.match(said(f), keywords, line);
  }
});

test('an ioeventfd is a BAR write trigger, not an interrupt', () => {
  // vfio_pci_ioeventfd(): -EINVAL for a trigger outside a BAR or over the MSI-X table.
  const f = generic('vfio: failed to set up ioeventfd for BAR0+0x2000: Invalid argument');
  assert.match(f.explanation.title, /VFIO_DEVICE_IOEVENTFD/);
  assert.match(said(f), /msi-x table/);
  // -EEXIST for the same trigger twice.
  assert.match(said(generic('vfio: ioeventfd add failed: File exists')), /twice/);
});

test('ENOTTY on a VFIO line naming no step: the request code or the descriptor', () => {
  // Every VFIO fops ioctl handler ends in -ENOTTY for a request it does not handle.
  const f = generic('vfio: ioctl on the device failed: Inappropriate ioctl for device');
  assert.match(said(f), /ioctl number|request code/);
});

test('the hot-reset size query is information, not an error', () => {
  const f = generic('vfio: get hot reset info returned ENOSPC (os error 28)');
  assert.equal(f.explanation.severity, 'info');
  // The same errno from a map is an error (the entry limit).
  assert.equal(
    generic('vfio: DMA map of 0x7f00000000 failed: No space left on device').explanation.severity,
    'error',
  );
});

test('a step and errno the tables do not know fall back to what the errno means in general', () => {
  // VFIO_DEVICE_RESET has no -EIO of its own: the general meaning, with the step in the title.
  const f = generic('vfio: device reset failed: errno 5');
  assert.equal(f.facts.errno, 'EIO');
  assert.match(f.explanation.title, /VFIO_DEVICE_RESET/);
  assert.match(f.explanation.cause, /failed the operation/);
});

test('words only VFIO uses need no VFIO on the line', () => {
  // DPDK's pci_vfio.c: "%s cannot get device region info error %i (%s)" under its "EAL: " tag;
  // GET_REGION_INFO is -EINVAL for an index past the device's regions (vfio_pci_core_ioctl()).
  const f = generic('EAL: 0000:01:00.0 cannot get device region info error 22 (Invalid argument)');
  assert.equal(f.facts.errno, 'EINVAL');
  assert.match(f.explanation.title, /VFIO_DEVICE_GET_REGION_INFO/);
  assert.match(said(f), /region index/);
  // rust-vmm's VfioDeviceGetIrqInfo(Error(22)): GET_IRQ_INFO's -EINVAL, the index the device lacks.
  const irq = findings('Error: VfioDeviceGetIrqInfo(Error(22))');
  assert.deepEqual(
    irq.map((x) => x.entry.id),
    ['generic.vfio-ioctl-errno'],
  );
  assert.match(said(irq[0]), /not pci express/);
});

test('a step word without VFIO on the line is not taken for a VFIO step', () => {
  // MSI-X and resets belong to every PCI driver: nothing VFIO here.
  assert.equal(findings('nvme 0000:01:00.0: failed to enable MSI-X: errno 22').length, 0);
  assert.equal(findings('mlx5_core 0000:3b:00.0: device reset failed: -5').length, 0);
});

test('specific entries still win over the step tier', () => {
  // QEMU's own wordings have their entries; the generic tier runs only on lines nothing matched.
  const cases: [line: string, id: string][] = [
    [
      'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: failed to setup container for group 1: Failed to set iommu for container: Operation not permitted',
      'qemu.set-iommu-container',
    ],
    ['qemu-system-x86_64: vfio: Error: Failed to setup MSI fds: Invalid argument', 'qemu.msi-setup-failed'],
    [
      'qemu-system-x86_64: vfio_region_write(0000:01:00.0:region0+0x0, 0x0,4) failed: Input/output error',
      'qemu.region-access-failed',
    ],
  ];
  for (const [line, id] of cases) {
    const fs = findings(line);
    assert.deepEqual(
      fs.map((f) => f.entry.id),
      [id],
      line,
    );
  }
});

test('the step patterns stay linear and carry a literal for the prefilter', () => {
  const entry = CATALOGUE.find((e) => e.id === ID);
  assert.ok(entry);
  for (const re of entry.patterns) {
    const plan = planPattern(re);
    assert.deepEqual(plan.hazards, [], re.source);
    assert.ok(plan.literals.length > 0, re.source);
  }
  // A long line of step words with no VFIO word answers quickly (the gap is bounded).
  const line = `${'set irqs eventfd reset '.repeat(4000)}: errno 22`;
  const t0 = performance.now();
  assert.equal(findings(line).length, 0);
  assert.ok(performance.now() - t0 < 2000);
});
