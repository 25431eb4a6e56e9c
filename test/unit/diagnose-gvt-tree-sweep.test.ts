// The GVT-g sweep (catalogue/gvt-tree-sweep.ts): the facts in a message change the explanation the
// way the producing source says. Expected meanings come from the sources the entries cite, in
// torvalds/linux drivers/gpu/drm/i915/gvt/: gtt.c (ppgtt_populate_shadow_entry() refuses a
// GTT_TYPE_PPGTT_PTE_1G_ENTRY with -EINVAL; ppgtt_alloc_spt() prints "fail to allocate ppgtt shadow
// page" only after reclaim_one_ppgtt_mm() found nothing to drop, i.e. out of host memory;
// ppgtt_invalidate_spt_by_shadow_entry() and ppgtt_handle_guest_entry_removal() print "fail to find
// shadow page"/"fail to find guest page" when GVT-g's own radix tree has no shadow for an mfn it
// wrote; intel_vgpu_put_ppgtt_mm() prints "fail to find ppgtt instance." for a guest PV destroy of
// an unknown PPGTT and only returns -EINVAL; emulate_ggtt_mmio_write() points the entry at the
// scratch page after "fail to populate guest ggtt entry"), execlist.c intel_vgpu_submit_execlist()
// (a valid descriptor without privilege_access, a GGTT context, is refused with "unexpected GGTT
// elsp submission"), dmabuf.c intel_vgpu_get_dmabuf() (dma_buf_fd() failing prints the errno, -24
// being EMFILE in include/uapi/asm-generic/errno-base.h), fb_decoder.c (the plane name in
// "Translate … plane gma … to gpa fail"), edid.c edid_get_byte() (a read on a port with no virtual
// monitor returns 0), opregion.c intel_vgpu_emulate_opregion_request() (a non-capability SWSCI
// call is answered as unsupported and returns 0; a request without SCI select is "SMI") and
// opregion.c intel_gvt_init_opregion() (an unmappable host OpRegion fails GVT-g's set-up),
// scheduler.c prepare_mm() (only addressing modes 1 and 3, legacy 32/64-bit PPGTT, are shadowed;
// anything else is "Advanced Context mode(SVM)") and intel_gvt_workload_req_alloc() (the request
// comes from the host i915), and aperture_gm.c alloc_resource() (avail = max - taken; the fence
// counts go through BYTES_TO_MB and print as 0MB), and kvmgt.c (intel_vgpu_open_device() refuses
// an open without the caller's KVM; gvt_pin_guest_page() prints "The pages are not continuous" for
// a multi-page pin whose host pages are not consecutive, which only the 2M path of gtt.c
// ppgtt_populate_shadow_entry() asks for and then splits the entry into 4K ones; handle_edid_regs()
// checks the EDID QEMU writes with drm_edid_block_valid()), and handlers.c
// (sanitize_fence_mmio_access() enters failsafe for an out-of-range fence only when the guest never
// read the PV info page; intel_vgpu_mmio_reg_rw() ignores a write to a fully read-only register and
// returns 0; dma_ctrl_write() warns on START_DMA, the microcontroller firmware upload; pf_write()
// warns when a pipe scaler is bound to a plane).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GVT_TREE_ENTRIES } from '../../src/readiness/diagnose/catalogue/gvt-tree-sweep.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

const SHADOW = 'kernel.gvt-shadow-ppgtt-failed';

test('gvt sweep: every entry is registered, safe, and claims its examples alone', () => {
  assert.equal(checkSweepEntries(GVT_TREE_ENTRIES, ['kernel.gvt-']), GVT_TREE_ENTRIES.length);
});

test('gtt.c: the step that failed decides whether the guest, the host memory or GVT-g itself is at fault', () => {
  const entry = onlyFinding(
    'gvt: vgpu 1: fail: shadow page 00000000f3c5a2b1 guest entry 0x12a3c5067 type 12',
    SHADOW,
  );
  assert.equal(entry.facts.vgpu, '1');
  assert.equal(entry.facts.which, 'guest');
  assert.equal(entry.facts.entry, '12a3c5067');
  assert.equal(entry.explanation.severity, 'error');
  assert.match(entry.explanation.cause, /pinned and DMA-mapped/);

  const huge = onlyFinding("gvt: vgpu 1: GVT doesn't support 1GB entry", SHADOW);
  assert.match(huge.explanation.title, /1 GB page/);
  assert.notEqual(huge.explanation.cause, entry.explanation.cause);

  const oom = onlyFinding('gvt: vgpu 1: fail to allocate ppgtt shadow page', SHADOW);
  assert.match(oom.explanation.cause, /host memory exhausted/);

  for (const line of [
    'gvt: vgpu 3: fail to find shadow page: mfn: 0x3a4f21',
    'gvt: vgpu 3: fail to find guest page',
  ])
    assert.match(onlyFinding(line, SHADOW).explanation.title, /host GVT-g bug/, line);

  const unknown = onlyFinding('gvt: vgpu 1: fail to find ppgtt instance.', SHADOW);
  assert.equal(unknown.explanation.severity, 'warning');

  const ggtt = onlyFinding('gvt: vgpu 2: fail to populate guest ggtt entry', SHADOW);
  assert.equal(ggtt.explanation.severity, 'warning');
  assert.match(ggtt.explanation.cause, /scratch page/);

  const range = onlyFinding('gvt: vgpu 1: invalid range gmadr 0x90000000 size 0x7e9000', SHADOW);
  assert.equal(range.facts.gma, '90000000');
  assert.equal(range.facts.size, '7e9000');
  assert.match(range.explanation.cause, /ballooning/);
});

test('gtt.c: the vGPU creation failure "fail to create mm for ggtt." is not the per-workload "fail to create mm"', () => {
  onlyFinding('gvt: vgpu 1: fail to create mm', SHADOW);
  assert.equal(
    GVT_TREE_ENTRIES.some((e) => e.patterns.some((p) => p.test('gvt: vgpu 1: fail to create mm for ggtt.'))),
    false,
  );
});

test('execlist.c: a GGTT context is the guest running without full PPGTT', () => {
  const ggtt = onlyFinding(
    'gvt: vgpu 2: unexpected GGTT elsp submission',
    'kernel.gvt-execlist-submission-rejected',
  );
  assert.match(ggtt.explanation.title, /full PPGTT/);
  assert.match(ggtt.explanation.fix, /enable_ppgtt/);
  const invalid = onlyFinding(
    'gvt: vgpu 1: invalid elsp submission, desc0 is invalid',
    'kernel.gvt-execlist-submission-rejected',
  );
  assert.doesNotMatch(invalid.explanation.title, /PPGTT/);
  const full = onlyFinding(
    'gvt: vgpu 1: virtual execlist slots are full',
    'kernel.gvt-execlist-submission-rejected',
  );
  assert.match(full.explanation.cause, /two virtual execlist slots|both virtual execlist slots/);
});

test('dmabuf.c / fb_decoder.c: a decode failure blanks the display, an export failure is about the dma-buf', () => {
  const id = 'kernel.gvt-dmabuf-plane-failed';
  const plane = onlyFinding('gvt: vgpu 2: Translate cursor plane gma 0x2000000 to gpa fail', id);
  assert.equal(plane.facts.plane, 'cursor');
  assert.match(plane.explanation.cause, /guest's cursor plane/);
  const fd = onlyFinding('gvt: vgpu 1: create dma-buf fd failed ret:-24', id);
  assert.equal(fd.facts.ret, '-24');
  assert.equal(fd.facts.errno, 'EMFILE');
  assert.match(fd.explanation.title, /export/);
  const fmt = onlyFinding('gvt: vgpu 1: Non-supported pixel format (0x7)', id);
  assert.match(fmt.explanation.fix, /XRGB/);
});

test('edid.c: reading an absent EDID is harmless, breaking the I2C sequence is a warning', () => {
  const id = 'kernel.gvt-edid-emulation';
  assert.equal(onlyFinding('gvt: Reading EDID but EDID is not available!', id).explanation.severity, 'info');
  const seq = onlyFinding('gvt: Driver tries to read EDID without proper sequence!', id);
  assert.equal(seq.explanation.severity, 'warning');
  assert.doesNotMatch(seq.explanation.title, /harmless/);
});

test('opregion.c: SWSCI calls are answered as unsupported (harmless); an unmappable host OpRegion stops GVT-g', () => {
  const id = 'kernel.gvt-opregion-service-request';
  const call = onlyFinding(
    'gvt: vgpu 1: requesting runtime service: func "System BIOS Callbacks", subfunc "Unknown"',
    id,
  );
  assert.equal(call.explanation.severity, 'info');
  assert.equal(call.facts.func, 'System BIOS Callbacks');
  const old = onlyFinding(
    'gvt: vgpu1: requesting runtime service: func "Get BIOS Data", subfunc "Boot Display"',
    id,
  );
  assert.equal(old.facts.vgpu, '1');
  assert.match(onlyFinding('gvt: vgpu 2: requesting SMI service', id).explanation.cause, /SMI/);
  // intel_vgpu_emulate_opregion_request() reads SCIC/PARM from the guest OpRegion GPA on KVM
  const rd = onlyFinding('gvt: vgpu 1: guest opregion read error -14, gpa 0x7ffc6018, len 4', id);
  assert.equal(rd.facts.errno, 'EFAULT');
  assert.equal(rd.explanation.severity, 'warning');
  assert.match(rd.explanation.cause, /0x7ffc6018/);

  const host = onlyFinding('gvt: fail to map host opregion', 'kernel.gvt-host-setup-failed');
  assert.match(host.explanation.cause, /ASLS/);
  assert.match(host.explanation.fix, /0xfc/);
  const dma = onlyFinding('gvt: fail to dmamap scratch ggtt page', 'kernel.gvt-host-setup-failed');
  assert.match(dma.explanation.cause, /IOMMU/);
  assert.doesNotMatch(dma.explanation.cause, /OpRegion/);
});

test('scheduler.c: SVM contexts, bad context addresses, host i915 shortages and page-table failures read apart', () => {
  const id = 'kernel.gvt-workload-dispatch-failed';
  const svm = onlyFinding('gvt: vgpu 2: Advanced Context mode(SVM) is not supported!', id);
  assert.match(svm.explanation.title, /SVM/);
  const lrca = onlyFinding('gvt: vgpu 1: invalid guest context LRCA: 1f3a0', id);
  assert.equal(lrca.facts.lrca, '1f3a0');
  assert.match(lrca.explanation.cause, /not mapped in the vGPU's global GTT/);
  const host = onlyFinding('gvt: vgpu 1: fail to allocate gem request', id);
  assert.match(host.explanation.cause, /Every vGPU on the host/);
  const mm = onlyFinding("gvt: vgpu 1: workload shadow ppgtt isn't ready", id);
  assert.match(mm.explanation.fix, /kernel\.gvt-shadow-ppgtt-failed/);
  const skip = onlyFinding('gvt: vgpu 1: fail to dispatch workload, skip', id);
  assert.match(skip.explanation.cause, /failsafe/);
  for (const f of [svm, lrca, host, mm]) assert.notEqual(f.explanation.cause, skip.explanation.cause);
});

test('aperture_gm.c: the request line says whether the firmware aperture is too small or the other vGPUs hold it', () => {
  const id = 'kernel.gvt-resource-request-detail';
  const shared = onlyFinding('gvt: request 128MB avail 64MB max 448MB taken 384MB', id);
  assert.equal(shared.facts.request, '128');
  assert.equal(shared.facts.taken, '384');
  assert.doesNotMatch(shared.explanation.cause, /even for the first one/);
  const first = onlyFinding('gvt: request 512MB avail 192MB max 192MB taken 0MB', id);
  assert.match(first.explanation.cause, /even for the first one/);
  assert.match(first.explanation.fix, /aperture size/);
  const fences = onlyFinding('gvt: request 0MB avail 0MB max 0MB taken 0MB', id);
  assert.match(fences.explanation.cause, /fence line/);
  assert.doesNotMatch(fences.explanation.cause, /even for the first one/);
  const old = onlyFinding('gvt: vgpu1: request 128MB avail 64MB max 448MB taken 384MB', id);
  assert.equal(old.facts.vgpu, '1');
  assert.match(onlyFinding('gvt: vgpu 3: Failed to alloc fences', id).explanation.title, /fence registers/);
});

test('kvmgt.c: no KVM, pin failures by errno, the harmless 2M fallback, and QEMU requests it refuses', () => {
  const kvm = onlyFinding('gvt: vgpu 1: KVM is required to use Intel vGPU', 'kernel.gvt-kvm-required');
  assert.match(kvm.explanation.fix, /accel kvm|type="kvm"/);

  const id = 'kernel.gvt-guest-page-pin-failed';
  const inval = onlyFinding('gvt: vgpu 1: vfio_pin_pages failed for iova 0x00000001f2e4d000, ret -22', id);
  assert.equal(inval.facts.errno, 'EINVAL');
  assert.match(inval.explanation.cause, /outside its RAM/);
  const nomem = onlyFinding('gvt: vgpu 2: vfio_pin_pages failed for gfn 0x1f2e4d, ret -12', id);
  assert.equal(nomem.facts.unit, 'gfn');
  assert.match(nomem.explanation.cause, /RLIMIT_MEMLOCK/);
  const split = onlyFinding('gvt: vgpu 1: The pages are not continuous', id);
  assert.equal(split.explanation.severity, 'info');
  assert.match(split.explanation.fix, /hugepages/);
  assert.match(
    onlyFinding('gvt: vgpu 1: DMA mapping failed for pfn 0x3a4f21, ret 0', id).explanation.cause,
    /IOMMU/,
  );

  const edid = onlyFinding('gvt: vgpu 1: invalid EDID blob', 'kernel.gvt-vfio-request-rejected');
  assert.match(edid.explanation.title, /EDID/);
  const other = onlyFinding(
    'gvt: vgpu 1: Invalid aperture offset 268435456',
    'kernel.gvt-vfio-request-rejected',
  );
  assert.doesNotMatch(other.explanation.title, /EDID/);
});

test('handlers.c: fence, PV info, HWSP, read-only and display refusals, and the GuC/scaler warnings', () => {
  const id = 'kernel.gvt-guest-register-refused';
  const fence = onlyFinding('gvt: vgpu 1: access oob fence reg 4/4', id);
  assert.equal(fence.facts.fence, '4');
  assert.equal(fence.facts.max, '4');
  assert.match(fence.explanation.cause, /failsafe/);
  const ro = onlyFinding('gvt: vgpu 1: try to write RO reg 9140', id);
  assert.equal(ro.explanation.severity, 'info');
  assert.match(
    onlyFinding('gvt: vgpu 1: write invalid HWSP address, reg:0x2080, value:0x7ff000', id).explanation.cause,
    /resum/,
  );
  assert.match(onlyFinding('gvt: vgpu 2: Invalid PV notification 9', id).explanation.cause, /PV info page/);
  const dp = onlyFinding('gvt: vgpu 1: Unsupported DP port access!', id);
  assert.equal(dp.explanation.severity, 'info');
  assert.match(
    onlyFinding('gvt: vgpu(1) Invalid FORCE_NONPRIV write 7304 at offset 24d0', id).explanation.cause,
    /allow list/,
  );

  const feat = 'kernel.gvt-guest-unsupported-feature';
  const guc = onlyFinding("i915 0000:00:02.0: VM(1): iGVT-g doesn't support GuC", feat);
  assert.equal(guc.facts.vm, '1');
  assert.match(guc.explanation.fix, /enable_guc=0/);
  const scaler = onlyFinding('i915 0000:00:02.0: VM(2): guest is trying to scaling a plane', feat);
  assert.match(scaler.explanation.title, /scaler/);
  assert.doesNotMatch(scaler.explanation.fix, /enable_guc/);
  assert.equal(
    onlyFinding('gvt: vgpu 1: fail submit workload on ring rcs0', 'kernel.gvt-execlist-submission-rejected')
      .facts.ring,
    'rcs0',
  );
});

// cmd_parser.c: unexpected_cmd() rejects a whole list of commands with -EBADRQC and names the command;
// find_bb_size() prints the raw dword and the ring number of a command missing from cmd_info[].
test('cmd_parser.c: an address outside the share, a forbidden command and an unknown command read apart', () => {
  const id = 'kernel.gvt-cmd-buffer-rejected';
  const audit = onlyFinding(
    'gvt: vgpu 1: cmd_parser: Malicious MI_STORE_DATA_IMM detected, addr=0x7ff0000, len=8!',
    id,
  );
  assert.equal(audit.facts.cmd, 'MI_STORE_DATA_IMM');
  assert.match(audit.explanation.cause, /rather than an attack/);
  const sem = onlyFinding('gvt: vgpu 2: Unexpected MI_SEMAPHORE_WAIT in command buffer!', id);
  assert.match(sem.explanation.title, /MI_SEMAPHORE_WAIT/);
  const unknown = onlyFinding(
    'gvt: vgpu 1: unknown cmd 0x7a000004, opcode=0x7a00, addr_type=ppgtt, ring 0, workload=0000000012345678',
    id,
  );
  assert.equal(unknown.facts.ring, '0');
  assert.match(unknown.explanation.cause, /0x7a000004/);
  const len = onlyFinding('gvt: len is not valid:  len=2  valid_len=3', id);
  assert.match(len.explanation.cause, /expected 3/);
  assert.equal(onlyFinding('gvt: vgpu 1: unknown plane code 9', id).explanation.severity, 'warning');
  assert.match(
    onlyFinding('gvt: vgpu 1: fail to shadow indirect ctx', id).explanation.cause,
    /could not follow or copy/,
  );
  // force_nonpriv_reg_handler() patches a refused FORCE_NONPRIV LRI to the NOPID register
  assert.match(
    onlyFinding(
      'gvt: Unexpected forcenonpriv 0x24d0 LRI write, value=0x7304',
      'kernel.gvt-guest-register-refused',
    ).explanation.cause,
    /allow list/,
  );
});
