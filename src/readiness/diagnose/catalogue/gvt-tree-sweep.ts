/**
 * Intel GVT-g, the mediated vGPU of Broadwell to Comet Lake iGPUs (drivers/gpu/drm/i915/gvt/),
 * swept for what the earlier GVT-g entries (mdev.ts, mdev-guest-sweep.ts, virt-misses-sweep.ts,
 * kernel-iommu.ts, virt-stack-extra.ts) left unrecognised: the shadow page tables of gtt.c (the
 * guest's GPU page tables that GVT-g follows and mirrors), the virtual execlist submission port
 * (execlist.c), the display plane decoding and dma-buf export behind QEMU's display=on
 * (fb_decoder.c, dmabuf.c), the virtual EDID/GMBUS emulation (edid.c), the OpRegion SWSCI calls
 * of a guest driver (opregion.c) and the one-time set-up of GVT-g on the host (gvt.c, gtt.c,
 * opregion.c). Messages come from gvt_vgpu_err() ("gvt: vgpu N: " before the text; "gvt: " when
 * no vGPU is known) and gvt_err() ("gvt: "); gvt_dbg_*() lines are debug-only. Every entry cites
 * the file and function printing its format; GVT_TREE_ALSO and GVT_TREE_LEFT_OUT are this
 * sweep's ledger for docs/diagnose-coverage.md.
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { ex, render } from './build.js';

const GVT = 'torvalds/linux drivers/gpu/drm/i915/gvt';

/** The "gvt: vgpu N: " prefix of gvt_vgpu_err() (just "gvt: " when the vGPU is not known). */
const VGPU = 'gvt: (?:vgpu (?<vgpu>\\d{1,4}): )?';

/** What each step of the shadow page-table code that failed means for the guest. */
const SHADOW_STEPS: [RegExp, Refinement][] = [
  [
    /1GB/,
    {
      title: 'GVT-g cannot shadow a 1 GB page the guest put in its GPU page tables',
      cause:
        "the guest graphics driver mapped a 1 GB page in a per-process GPU page table; GVT-g mirrors 4K, 64K (split to 4K) and 2M entries only and refuses 1 GB ones, so the page table write or the workload using it fails. The guest driver is newer than this host's GVT-g or is not one GVT-g was written for",
      fix: 'use a guest graphics driver that GVT-g supports (the guest i915 of a kernel close to the host one, or the Intel Windows driver of the GPU generation); update the host kernel',
    },
  ],
  [
    /allocate ppgtt shadow page|map dma addr/,
    {
      title: 'GVT-g could not allocate or DMA-map a shadow page-table page on the host',
      cause:
        'to mirror a guest GPU page table GVT-g needs a host page mapped for the iGPU; allocating it failed even after GVT-g dropped the least recently used shadow page tables (host memory exhausted), or mapping it through the IOMMU failed. The guest workload that needed it fails',
      severity: 'error',
      fix: 'free host memory (the VM itself, other guests, hugepage reservations); check the host log for IOMMU/DMA mapping errors on 0000:00:02.0; restart the VM',
    },
  ],
  [
    /find shadow page|find guest page/,
    {
      title: "GVT-g lost track of one of the guest's shadow page tables (a host GVT-g bug)",
      cause:
        'while tearing down or replacing an entry, GVT-g looked up the shadow page it had built for the next level and found none: its own bookkeeping is inconsistent, not something the guest did wrong. It is seen around guest resets, suspend/resume and driver reloads in the guest',
      fix: 'restart the VM; update the host kernel (GVT-g shadow page-table fixes went into 5.x stable releases); report it to intel-gvt-dev with the lines around it',
    },
  ],
  [
    /root pointer|shadow ppgtt mm|create mm/,
    {
      title: 'GVT-g could not shadow a new GPU address space of the guest',
      cause:
        'the guest submitted work for a context whose per-process GPU page table (PPGTT) GVT-g had not seen before; building the shadow of its root failed at a lower level (the lines before name the entry), so the workload using it is not submitted: the guest sees that work hang and its driver may reset the GPU',
      fix: 'read the "fail: shadow page …" line before it for the entry that could not be shadowed; restart the VM; update the host kernel, or use a guest driver GVT-g supports',
    },
  ],
  [
    /ppgtt instance/,
    {
      severity: 'warning',
      title: 'The guest asked GVT-g to drop a GPU address space it does not know',
      cause:
        'the guest i915 announces the creation and destruction of its per-process GPU page tables to GVT-g through the PV info page; a destroy for a table GVT-g never created (a guest driver reloaded or reset after GVT-g had already dropped its state) is refused. Nothing else fails because of it',
      fix: 'nothing if the guest graphics keep working; if they do not, restart the VM',
    },
  ],
  [
    /invalid mm type/,
    {
      title: 'GVT-g could not translate a graphics address the guest used',
      cause:
        "a guest graphics address (in the global GTT or a per-process table) is not mapped in the guest's page tables, or lies outside the graphics memory this vGPU was given; GVT-g needed it to read a command buffer, a context or a display surface. The operation that needed it fails (a rejected workload, a blank display plane)",
      fix: 'usually follows a guest driver fault or reset; restart the VM; if it repeats, use a guest driver GVT-g supports and update the host kernel',
    },
  ],
  [
    /invalid range gmadr/,
    {
      title: 'The guest used graphics memory outside the share its vGPU was given',
      cause:
        'each vGPU owns a slice of the aperture ("low GM") and of the hidden graphics memory ("high GM"), which the guest i915 learns from the PV info page and keeps to (ballooning). An address outside that slice in a command buffer or a display surface is refused: the guest driver does not honour the GVT-g ballooning (not a GVT-g aware driver) or the address is corrupted',
      fix: 'use a GVT-g aware guest driver (the guest i915 detects the vGPU and balloons; "Virtual GPU for Intel GVT-g detected" in the guest log); restart the VM',
    },
  ],
  [
    /ggtt entry/,
    {
      severity: 'warning',
      title: 'GVT-g could not map a guest page the guest put in its global GTT',
      cause:
        "the guest wrote a global GTT entry pointing at one of its pages and kvmgt could not pin and DMA-map that page (an address outside the guest's RAM, or a half-written 64-bit entry during which the address is not yet valid); GVT-g points the entry at a scratch page instead. Occasional lines are harmless; when display or rendering then shows garbage, that page is the one",
      fix: 'nothing for an occasional line; if the guest display is corrupted, restart the VM and update the host kernel',
    },
  ],
];

function refineShadow(f: Facts): Refinement | undefined {
  const step = f.step ?? '';
  return SHADOW_STEPS.find(([re]) => re.test(step))?.[1];
}

export const GVT_TREE_ENTRIES: CatalogueEntry[] = [
  // ---------------------------------------------------------------- gvt/gtt.c
  {
    id: 'kernel.gvt-shadow-ppgtt-failed',
    source: 'kernel',
    cite: `${GVT}/gtt.c ppgtt_populate_spt(), ppgtt_handle_guest_entry_add(), ppgtt_handle_guest_entry_removal(), ppgtt_populate_spt_by_guest_entry(), ppgtt_invalidate_spt(), shadow_ppgtt_mm(), intel_vgpu_create_ppgtt_mm(), intel_vgpu_gma_to_gpa(), intel_gvt_ggtt_validate_range()`,
    format: 'fail: shadow page %p guest entry 0x%llx type %d\n',
    versions:
      'gvt_vgpu_err() ("gvt: vgpu N: " first); the same family: "fail: spt %p guest entry 0x%llx type %d", "fail: shadow page %p shadow entry 0x%llx type %d", "fail to populate guest root pointer", "failed to shadow ppgtt mm", "fail to create mm", "GVT doesn\'t support 1GB entry", "fail to allocate ppgtt shadow page", "fail to map dma addr", "fail to find shadow page: mfn: 0x%lx", "fail to find guest page", "fail to find ppgtt instance.", "invalid mm type: %d gma %lx", "invalid range gmadr 0x%llx size 0x%x", "fail to populate guest ggtt entry". The wordings are the same from Linux 4.10 to 6.x; 4.18 added the 2M/64K huge-page shadowing and the 1GB refusal',
    patterns: [
      new RegExp(
        `${VGPU}(?<step>fail: (?:shadow page|spt) [\\w()]{1,24} (?<which>guest|shadow) entry 0x(?<entry>[0-9a-fA-F]{1,16}) type (?<type>\\d{1,2}))`,
      ),
      new RegExp(
        `${VGPU}(?<step>fail to populate guest root pointer|failed to shadow ppgtt mm|fail to create mm\\s{0,3}$|GVT doesn't support 1GB entry|fail to allocate ppgtt shadow page|fail to map dma addr|fail to find shadow page: mfn: 0x[0-9a-fA-F]{1,16}|fail to find guest page|fail to find ppgtt instance|fail to populate guest ggtt entry)`,
      ),
      new RegExp(`${VGPU}(?<step>invalid mm type: (?<mmtype>\\d) gma (?<gma>[0-9a-fA-F]{1,16}))`),
      new RegExp(
        `${VGPU}(?<step>invalid range gmadr 0x(?<gma>[0-9a-fA-F]{1,16}) size 0x(?<size>[0-9a-fA-F]{1,8}))`,
      ),
    ],
    severity: 'error',
    title: "GVT-g could not shadow one of the guest's GPU page-table entries",
    cause:
      "GVT-g does not let the iGPU walk the guest's GPU page tables: it write-protects them, mirrors every entry into a shadow table whose addresses are host pages (pinned and DMA-mapped through kvmgt), and gives the hardware the shadow. This entry could not be mirrored: the page it points to could not be pinned or mapped (an address outside the guest's RAM, a page the host could not pin), or the entry is of a kind GVT-g does not shadow. The guest's page-table write then fails (\"guest page write error\") or the workload that uses it is not submitted; repeated, the guest's graphics hang and the vGPU may enter failsafe mode",
    fix: 'restart the VM; use a guest graphics driver GVT-g supports (the guest i915, or the Intel Windows driver of the GPU generation) and a current host kernel; if it follows a guest reset or resume, report it to intel-gvt-dev with the lines around it',
    refine: refineShadow,
    render: render('gvt: vgpu 1: ', '00000000f3c5a2b1', '0x12a3c5067', 12),
    examples: [
      ex('gvt: vgpu 1: fail: shadow page 00000000f3c5a2b1 guest entry 0x12a3c5067 type 12', {
        vgpu: '1',
        which: 'guest',
        entry: '12a3c5067',
        type: '12',
      }),
      ex('[ 2210.101311] gvt: vgpu 2: fail: spt 000000004e1b77c0 guest entry 0x80000001f2e4d083 type 4', {
        vgpu: '2',
        which: 'guest',
      }),
      ex("gvt: vgpu 1: GVT doesn't support 1GB entry", { step: "GVT doesn't support 1GB entry" }),
      ex('gvt: vgpu 1: fail to populate guest root pointer', { step: 'fail to populate guest root pointer' }),
      ex('gvt: vgpu 3: fail to find shadow page: mfn: 0x3a4f21', { vgpu: '3' }),
      ex('gvt: vgpu 1: invalid mm type: 1 gma 7ffff000', { mmtype: '1', gma: '7ffff000' }),
      ex('gvt: vgpu 1: invalid range gmadr 0x90000000 size 0x7e9000', { gma: '90000000', size: '7e9000' }),
      ex('gvt: vgpu 2: fail to populate guest ggtt entry', { step: 'fail to populate guest ggtt entry' }),
    ],
  },

  // ---------------------------------------------------------------- gvt/execlist.c
  {
    id: 'kernel.gvt-execlist-submission-rejected',
    source: 'kernel',
    cite: `${GVT}/execlist.c intel_vgpu_submit_execlist(), emulate_execlist_schedule_in(), get_next_execlist_slot(), prepare_execlist_workload(), emulate_execlist_ctx_schedule_out()`,
    format: 'invalid elsp submission, desc0 is invalid\n',
    versions:
      'gvt_vgpu_err(); siblings: "unexpected GGTT elsp submission", "descriptors content: desc0 %08x %08x desc1 %08x %08x" (printed after either), "failed to submit desc %d", "virtual execlist slots are full", "no available execlist slot", "fail to emulate execlist schedule in", "schedule out context is not running context,ctx id %x running ctx id %x" (with a WARN); the same since Linux 4.10',
    patterns: [
      new RegExp(
        `${VGPU}(?<what>invalid elsp submission, desc0 is invalid|unexpected GGTT elsp submission|failed to submit desc (?<desc>\\d)|virtual execlist slots are full|no available execlist slot|fail to emulate execlist schedule in|schedule out context is not running context|fail submit workload on ring (?<ring>[\\w]{2,8}))`,
      ),
      new RegExp(
        `${VGPU}descriptors content: desc0 (?<d0hi>[0-9a-fA-F]{8}) (?<d0lo>[0-9a-fA-F]{8}) desc1 [0-9a-fA-F]{8} [0-9a-fA-F]{8}`,
      ),
    ],
    severity: 'error',
    title: "GVT-g refused what the guest wrote to its vGPU's execlist submission port",
    cause:
      "a guest graphics driver submits work by writing context descriptors to an engine's execlist submit port (ELSP); GVT-g emulates that port, turns each descriptor into a workload it shadows and schedules on the real GPU, and emulates the context-switch events back. This submission broke the rules it emulates (no valid first descriptor, more submissions than the two virtual slots hold, a context switch out of order), so it was dropped: the guest sees its GPU hang and its driver resets the engine",
    fix: 'use a guest graphics driver GVT-g supports (the guest i915 of a kernel close to the host one, or the Intel Windows driver of the GPU generation) and a current host kernel; restart the VM',
    refine: (f) =>
      /GGTT/.test(f.what ?? '')
        ? {
            title: 'The guest submitted a context without its own GPU address space (GVT-g needs full PPGTT)',
            cause:
              "the descriptor's privilege bit says the context uses the global GTT instead of a per-process page table. GVT-g only runs contexts with their own address space (full PPGTT), which the guest i915 uses on Broadwell and later unless told otherwise; a guest driver or option that turns per-process GTT off (i915.enable_ppgtt=0 or 1 on old guest kernels), or a guest driver not made for GVT-g, submits such contexts and every one is refused",
            fix: 'drop i915.enable_ppgtt from the guest kernel command line (or set it to 3 on old guest kernels) and use a guest driver GVT-g supports',
          }
        : /slots are full|no available execlist slot/.test(f.what ?? '')
          ? {
              cause:
                "the guest wrote a third submission while both virtual execlist slots were still busy: a real execlist port never accepts that, and a guest i915 does not do it; it happens when GVT-g's emulated context-switch events did not reach the guest (a vGPU reset in progress, a lost interrupt) so the guest thought a slot was free",
            }
          : undefined,
    render: render('gvt: vgpu 1: '),
    examples: [
      ex('gvt: vgpu 1: invalid elsp submission, desc0 is invalid', {
        vgpu: '1',
        what: 'invalid elsp submission, desc0 is invalid',
      }),
      ex('gvt: vgpu 2: unexpected GGTT elsp submission', { what: 'unexpected GGTT elsp submission' }),
      ex('gvt: vgpu 2: descriptors content: desc0 00000000 00001019 desc1 00000000 00000000', {
        d0hi: '00000000',
        d0lo: '00001019',
      }),
      ex('gvt: vgpu 1: virtual execlist slots are full', { what: 'virtual execlist slots are full' }),
    ],
  },

  // ---------------------------------------------------------------- gvt/dmabuf.c, gvt/fb_decoder.c
  {
    id: 'kernel.gvt-dmabuf-plane-failed',
    source: 'kernel',
    cite: `${GVT}/dmabuf.c vgpu_get_plane_info(), intel_vgpu_query_plane(), intel_vgpu_get_dmabuf(); ${GVT}/fb_decoder.c intel_vgpu_decode_primary_plane(), intel_vgpu_decode_cursor_plane(), intel_vgpu_decode_sprite_plane()`,
    format: 'Non-supported pixel format (0x%x)\n',
    versions:
      'gvt_vgpu_err(); fb_decoder.c also prints "Out-of-bounds pixel format index", "Non-supported cursor mode (0x%x)" and "Translate primary/cursor/sprite plane gma 0x%x to gpa fail"; dmabuf.c prints "invalid tiling mode: %x", "invalid plane id:%d", "fb size is zero", "Not aligned fb address:0x%llx", "invalid gma addr", "invalid dmabuf id:%d", "create gvt gem obj failed", "export dma-buf failed", "create dma-buf fd failed ret:%d", "get vfio device failed", "alloc dmabuf_obj failed". Since Linux 4.16 (dma-buf display)',
    patterns: [
      new RegExp(
        `${VGPU}(?<what>Non-supported pixel format|Out-of-bounds pixel format index|Non-supported cursor mode|invalid tiling mode|Translate (?<plane>primary|cursor|sprite) plane gma 0x[0-9a-fA-F]{1,8} to gpa fail|fb size is zero|Not aligned fb address|invalid gma addr|invalid plane id)`,
      ),
      new RegExp(
        `${VGPU}(?<what>invalid dmabuf id|create gvt gem obj failed|export dma-buf failed|create dma-buf fd failed|get vfio device failed|alloc dmabuf_obj failed|allocate intel vgpu fb info failed)(?: ?(?:ret)?:? ?(?<ret>-\\d{1,4}))?`,
      ),
    ],
    severity: 'warning',
    title: "GVT-g could not hand the guest's screen to QEMU's display (display=on)",
    cause:
      "with a vfio-pci-nohotplug/vfio-pci display=on vGPU, QEMU asks GVT-g (VFIO_DEVICE_QUERY_GFX_PLANE) which buffer the guest is scanning out and receives it as a dma-buf, without copying. GVT-g decodes the guest's virtual plane registers for that: this time the plane uses a pixel format, tiling or cursor mode it cannot describe, or its address does not lead to guest memory, so no buffer is exported and QEMU's window shows nothing new (black, or the last frame). The guest itself keeps running",
    fix: 'let the guest use a plain desktop format (32-bit XRGB, linear or X-tiled; no 10-bit/HDR or YUV output); a guest still booting or with its display off is normal; check the QEMU side (gl=on with egl-headless, spice gl or gtk gl) and update the host kernel',
    refine: (f) =>
      /dma-buf|gem obj|vfio device|dmabuf_obj|fb info|dmabuf id/.test(f.what ?? '')
        ? {
            title: "GVT-g could not export the guest's screen buffer as a dma-buf",
            cause:
              "the plane was decoded but creating the buffer object or the dma-buf file descriptor for QEMU failed (host memory or file-descriptor limits, or QEMU asked for a buffer id GVT-g has already released, a race that repeats harmlessly when the guest changes mode). QEMU's display does not update for that frame",
            fix: "if it repeats, check QEMU's open-file limit (LimitNOFILE for the libvirt/QEMU service) and host memory; update the host kernel and QEMU",
          }
        : f.plane
          ? {
              cause: `the guest's ${f.plane} plane points at a graphics address GVT-g cannot translate to guest memory (its global GTT entry is unset or outside the vGPU's share): the guest is switching modes or its driver is resetting. Transient lines are harmless; if QEMU's window stays black, the guest's display driver is not GVT-g aware`,
            }
          : undefined,
    render: render('gvt: vgpu 1: ', 0x7),
    examples: [
      ex('gvt: vgpu 1: Non-supported pixel format (0x7)', { vgpu: '1', what: 'Non-supported pixel format' }),
      ex('gvt: vgpu 2: Translate primary plane gma 0x1000000 to gpa fail', { plane: 'primary' }),
      ex('gvt: vgpu 1: create dma-buf fd failed ret:-24', { what: 'create dma-buf fd failed', ret: '-24' }),
      ex('gvt: vgpu 1: invalid tiling mode: 1400', { what: 'invalid tiling mode' }),
    ],
  },

  // ---------------------------------------------------------------- gvt/edid.c
  {
    id: 'kernel.gvt-edid-emulation',
    source: 'kernel',
    cite: `${GVT}/edid.c edid_get_byte(), gmbus1_mmio_write(), gmbus3_mmio_read()`,
    format: 'Reading EDID but EDID is not available!\n',
    versions:
      'gvt_err() ("gvt: " first); siblings: "Driver tries to read EDID without proper sequence!", "edid_get_byte() exceeds the size of EDID!", "No EDID available during the reading?", "Unknown/reserved GMBUS cycle detected!", "vgpu%d: warning: gmbus3 read with nothing returned"; the same since Linux 4.10',
    patterns: [
      /gvt: (?<what>Reading EDID but EDID is not available!|No EDID available during the reading\?|Driver tries to read EDID without proper sequence!|edid_get_byte\(\) exceeds the size of EDID!|Unknown\/reserved GMBUS cycle detected!)/,
      /gvt: vgpu ?(?<vgpu>\d{1,4}): warning: (?<what>gmbus3 read with nothing returned)/,
    ],
    severity: 'info',
    title: "GVT-g's virtual monitor: the guest read an EDID where there is none (usually harmless)",
    cause:
      "GVT-g gives the vGPU one virtual DisplayPort monitor (port D by default, with a fixed EDID of the type's resolution) and emulates the GMBUS and DP-AUX I2C buses a guest driver reads EDIDs over. The guest probed a port without the virtual monitor, or read past the EDID or out of the I2C sequence GVT-g emulates; it gets zeros and treats the port as empty. Harmless while the guest's display works; it says nothing about the vGPU's rendering",
    fix: 'nothing if the guest shows a desktop (through QEMU display=on or the dma-buf display); if the guest finds no monitor at all, its driver does not use the port GVT-g emulates: update the guest driver and the host kernel',
    refine: (f) =>
      /sequence|exceeds|GMBUS cycle/.test(f.what ?? '')
        ? {
            severity: 'warning',
            title:
              "GVT-g's virtual monitor: the guest drove the virtual EDID bus in a way GVT-g does not emulate",
            cause:
              "the guest driver drove the virtual I2C bus in a way GVT-g's small GMBUS/AUX emulation does not follow (reads without selecting the EDID address, past 128 bytes, a bus cycle it does not know); the read returns zeros. A guest driver newer than this GVT-g, or one probing other I2C devices, does this; if the guest then finds no monitor, its display stays dark",
          }
        : undefined,
    render: render('gvt: '),
    examples: [
      ex('gvt: Reading EDID but EDID is not available!', { what: 'Reading EDID but EDID is not available!' }),
      ex('gvt: vgpu1: warning: gmbus3 read with nothing returned', { vgpu: '1' }),
      ex('gvt: Driver tries to read EDID without proper sequence!', {
        what: 'Driver tries to read EDID without proper sequence!',
      }),
    ],
  },

  // ---------------------------------------------------------------- gvt/opregion.c
  {
    id: 'kernel.gvt-opregion-service-request',
    source: 'kernel',
    cite: `${GVT}/opregion.c intel_vgpu_emulate_opregion_request()`,
    format: 'requesting runtime service: func "%s", subfunc "%s"\n',
    versions:
      'Linux 5.x and later: gvt_vgpu_err() ("gvt: vgpu N: requesting …"); before, gvt_err("vgpu%d: requesting …") ("gvt: vgpu1: requesting …"); the sibling "requesting SMI service" is printed when the guest asks for an SMI instead of an SCI',
    patterns: [
      /gvt: vgpu ?(?<vgpu>\d{1,4}): requesting (?:(?<smi>SMI) service|runtime service: func "(?<func>[^"\n]{1,40})", subfunc "(?<subfunc>[^"\n]{1,40})")/,
      /gvt: vgpu (?<vgpu>\d{1,4}): guest opregion (?<rw>read|write) error (?<ret>-?\d{1,4}), gpa 0x(?<gpa>[0-9a-fA-F]{1,16})/,
    ],
    severity: 'info',
    title:
      "The guest's graphics driver called a firmware (OpRegion) service GVT-g does not provide (harmless)",
    cause:
      "GVT-g gives the vGPU an ACPI OpRegion (the Intel graphics firmware interface: a copy of the host's in Linux 4.x, a virtual one with its own video BIOS table since 5.x) and answers the guest driver's SWSCI requests through the emulated config register. It answers only the capability queries; any other function (System BIOS Callbacks, Get BIOS Data calls, a request for an SMI) is answered as unsupported, which a guest driver, typically the Windows one at boot, accepts and goes on. It is not an error of the vGPU",
    fix: 'nothing to do; look at the other gvt: lines if the guest display misbehaves',
    refine: (f) =>
      f.rw
        ? {
            severity: 'warning',
            title: "GVT-g could not reach the guest's OpRegion to answer a firmware call",
            cause: `the guest raised a SWSCI request and GVT-g could not ${f.rw} the request words in the OpRegion at the guest address the guest programmed (0x${f.gpa}): the address is not guest RAM kvmgt can access (the guest firmware or driver set the OpRegion address register to something else, or the VM is being torn down). The request goes unanswered`,
            fix: 'nothing if the guest graphics work; otherwise update QEMU and the host kernel, and do not combine the vGPU with x-igd-opregion or a passed-through IGD',
          }
        : f.smi
          ? {
              cause:
                'the guest asked the virtual firmware for an SMI (system management interrupt) through SWSCI; GVT-g has no SMI handler and ignores the request. The guest driver falls back without it',
            }
          : undefined,
    render: render('gvt: vgpu 1: ', 'System BIOS Callbacks', 'Unknown'),
    examples: [
      ex('gvt: vgpu 1: requesting runtime service: func "System BIOS Callbacks", subfunc "Unknown"', {
        vgpu: '1',
        func: 'System BIOS Callbacks',
        subfunc: 'Unknown',
      }),
      ex('gvt: vgpu1: requesting runtime service: func "Get BIOS Data", subfunc "Boot Display"', {
        func: 'Get BIOS Data',
      }),
      ex('gvt: vgpu 2: requesting SMI service', { smi: 'SMI' }),
    ],
  },

  // ---------------------------------------------------------------- host set-up: gvt.c, gtt.c, opregion.c
  {
    id: 'kernel.gvt-host-setup-failed',
    source: 'kernel',
    cite: `${GVT}/opregion.c intel_gvt_init_opregion(); ${GVT}/gtt.c intel_gvt_init_gtt(); ${GVT}/gvt.c init_service_thread()`,
    format: 'fail to map host opregion\n',
    versions:
      'gvt_err() ("gvt: " first); siblings printed during the same set-up: "fail to allocate scratch ggtt page", "fail to dmamap scratch ggtt page", "fail to initialize SPT oos" (gtt.c), "fail to start service thread." (gvt.c). Since Linux 4.10; "fail to map host opregion" only in the 4.x kernels that copied the host OpRegion (later ones build a virtual OpRegion per vGPU); since 5.18 the set-up runs when kvmgt registers with i915, before that at i915 probe; kvmgt.c adds "failed to create idle vgpu" and scheduler.c "fail to create workload thread"',
    patterns: [
      /gvt: (?<what>fail to map host opregion|fail to allocate scratch ggtt page|fail to dmamap scratch ggtt page|fail to initialize SPT oos|fail to start service thread|fail to create workload thread|failed to create idle vgpu)/,
    ],
    severity: 'error',
    title: 'GVT-g could not set itself up on the host: no vGPU types will appear',
    cause:
      "setting up GVT-g for the iGPU failed at one of its first steps, so GVT-g is not initialised: /sys/bus/pci/devices/0000:00:02.0/mdev_supported_types does not appear and no vGPU can be created. The host's own graphics are not affected",
    fix: 'read which step failed; after fixing it reload kvmgt (`modprobe -r kvmgt; modprobe kvmgt`) or reboot',
    refine: (f) =>
      /opregion/.test(f.what ?? '')
        ? {
            cause:
              "in Linux 4.x GVT-g copied the host's ACPI OpRegion (whose address the firmware puts in the iGPU's ASLS config register, 0xfc) into every vGPU (later kernels build a virtual OpRegion instead and no longer print this), and it could not map it: the firmware published no OpRegion (ASLS is 0; some server and embedded boards, or a host that is itself a VM with a passed-through iGPU) or an address the kernel cannot map. Without it GVT-g does not start and no vGPU types appear",
            fix: 'check `lspci -s 00:02.0 -xxx` (bytes 0xfc-0xff hold the OpRegion address); enable the iGPU as a display device in the firmware setup (some boards drop the OpRegion when the iGPU is not the primary display); update the firmware; GVT-g inside a VM is not supported',
          }
        : /dmamap/.test(f.what ?? '')
          ? {
              cause:
                'GVT-g could not DMA-map its scratch page for the iGPU through the IOMMU at set-up (an IOMMU mapping failure for 0000:00:02.0), so it did not start',
              fix: 'look for DMAR/IOMMU errors for 0000:00:02.0 in the host log; with intel_iommu=on make sure the iGPU is not left out (intel_iommu=igfx_off makes the iGPU bypass the IOMMU); update the host kernel',
            }
          : undefined,
    render: render('gvt: '),
    examples: [
      ex('gvt: fail to map host opregion', { what: 'fail to map host opregion' }),
      ex('gvt: fail to dmamap scratch ggtt page', { what: 'fail to dmamap scratch ggtt page' }),
    ],
  },
  // ---------------------------------------------------------------- gvt/scheduler.c
  {
    id: 'kernel.gvt-workload-dispatch-failed',
    source: 'kernel',
    cite: `${GVT}/scheduler.c workload_thread(), dispatch_workload(), prepare_workload(), intel_gvt_scan_and_shadow_workload(), populate_shadow_context(), intel_vgpu_create_workload(), prepare_mm()`,
    format: 'fail to dispatch workload, skip\n',
    versions:
      'gvt_vgpu_err(); the steps before it: "workload shadow ppgtt isn\'t ready", "fail to allocate gem request", "fail to pin shadow context", "fail to alloc size =%ld shadow  ring buffer", "fail to vgpu pin mm", "fail to vgpu sync oos pages", "fail to flush post shadow", "fail to generate request", "fail to prepare_shadow_batch_buffer", "fail to prepare_shadow_wa_ctx", "Invalid guest context descriptor"; when the workload is created: "invalid guest context LRCA: %x", "Advanced Context mode(SVM) is not supported!". Read in the Linux 5.2 copy; later kernels keep these wordings and add "scan workload error" (kernel.gvt-cmd-parser-error)',
    patterns: [
      new RegExp(
        `${VGPU}(?<step>fail to dispatch workload, skip|workload shadow ppgtt isn't ready|fail to allocate gem request|fail to pin shadow context|fail to alloc size =-?\\d{1,10} shadow {1,2}ring buffer|fail to vgpu pin mm|fail to vgpu sync oos pages|fail to flush post shadow|fail to generate request|fail to prepare_shadow_batch_buffer|fail to prepare_shadow_wa_ctx)`,
      ),
      new RegExp(
        `${VGPU}(?<step>[Ii]nvalid guest context descriptor|invalid guest context LRCA: (?<lrca>[0-9a-fA-F]{1,8})|Advanced Context mode\\(SVM\\) is not supported!)`,
      ),
    ],
    severity: 'error',
    title: 'GVT-g dropped a workload the guest submitted to its vGPU',
    cause:
      "for every context the guest submits, GVT-g's per-engine scheduler thread builds a shadow on the host (the guest's context image and ring copied, its command buffers scanned, its page tables shadowed), submits that as an i915 request on the real GPU and copies the result back. This workload failed before it reached the GPU and was skipped: the guest never gets its completion, so its driver sees a GPU hang and resets the engine. When the reason is a bad guest address (-EFAULT) or a rejected command, GVT-g also puts the vGPU into failsafe mode",
    fix: 'read the gvt: line before it for the step; restart the VM; use a guest graphics driver GVT-g supports and a current host kernel',
    refine: (f) => {
      const step = f.step ?? '';
      if (/SVM/.test(step))
        return {
          title:
            'The guest submitted a context in advanced (SVM) addressing mode, which GVT-g does not emulate',
          cause:
            'the context descriptor asks for advanced context mode, where the GPU shares the guest process page tables (shared virtual memory, used by some OpenCL/compute stacks); GVT-g only shadows the legacy 32- and 64-bit PPGTT modes, so the workload is refused',
          fix: 'turn SVM off in the guest compute stack, or run that workload on the host or on a passed-through GPU; desktop and media work do not use SVM',
        };
      if (/context (?:descriptor|LRCA)/i.test(step))
        return {
          cause:
            "the guest's context image is at a graphics address that is not mapped in the vGPU's global GTT, so GVT-g cannot read (or write back) the context: the guest driver is resetting, or it placed the context outside the graphics memory GVT-g gave the vGPU. The workload is refused",
          fix: 'restart the VM if the guest graphics stay hung; use a GVT-g aware guest driver (it keeps to the ballooned graphics memory) and a current host kernel',
        };
      if (/gem request|shadow context|ring buffer|generate request|prepare_shadow/.test(step))
        return {
          cause:
            'the host i915 could not give GVT-g what it needs to submit the shadow workload (a request on the engine, a pinned shadow context, ring space, a GGTT slot for the shadowed batch buffer): the host GPU is wedged or hung, or host graphics memory or system memory is exhausted. Every vGPU on the host is affected, not just this guest',
          fix: 'look at the host i915 lines around it (GPU hang, wedged, out of memory); reduce the number of vGPUs or their types; update the host kernel; a wedged host GPU needs a host reboot',
        };
      if (/pin mm|oos pages|post shadow|ppgtt isn't ready/.test(step))
        return {
          cause:
            'the guest\'s GPU page tables for this context could not be shadowed or brought up to date (the "fail: shadow page …" lines before it name the entry), so the workload has no address space to run in and is dropped',
          fix: 'see the shadow page-table lines before it (kernel.gvt-shadow-ppgtt-failed); restart the VM; update the host kernel',
        };
      return undefined;
    },
    render: render('gvt: vgpu 1: '),
    examples: [
      ex('gvt: vgpu 1: fail to dispatch workload, skip', {
        vgpu: '1',
        step: 'fail to dispatch workload, skip',
      }),
      ex('gvt: vgpu 2: Advanced Context mode(SVM) is not supported!', {
        step: 'Advanced Context mode(SVM) is not supported!',
      }),
      ex('gvt: vgpu 1: invalid guest context LRCA: 1f3a0', { lrca: '1f3a0' }),
      ex('gvt: vgpu 1: fail to allocate gem request', { step: 'fail to allocate gem request' }),
      ex("gvt: vgpu 1: workload shadow ppgtt isn't ready", { step: "workload shadow ppgtt isn't ready" }),
    ],
  },

  // ---------------------------------------------------------------- gvt/aperture_gm.c
  {
    id: 'kernel.gvt-resource-request-detail',
    source: 'kernel',
    cite: `${GVT}/aperture_gm.c alloc_resource(), alloc_vgpu_fence()`,
    format: 'request %luMB avail %luMB max %luMB taken %luMB\n',
    versions:
      'gvt_err() right after "fail to allocate resource %s" (kernel.gvt-resource-exhausted); Linux 4.10-4.12 printed it with gvt_err("vgpu%d: request …") and some releases with gvt_vgpu_err() ("gvt: vgpu N: request …"). For the fence resource the numbers are fence counts put through the MB conversion, so they print as 0MB. alloc_vgpu_fence() prints "Failed to alloc fences" (gvt_vgpu_err) when i915 has fewer free fence registers than the type asks for',
    patterns: [
      /gvt: (?:vgpu ?(?<vgpu>\d{1,4}): )?request (?<request>\d{1,10})MB avail (?<avail>\d{1,10})MB max (?<max>\d{1,10})MB taken (?<taken>\d{1,10})MB/,
      new RegExp(`${VGPU}(?<fences>Failed to alloc fences)`),
    ],
    severity: 'error',
    title: "GVT-g: how much of the iGPU's graphics memory the new vGPU asked for and how much is left",
    cause:
      'creating a vGPU reserves for it a fixed slice of the aperture ("low GM", CPU-visible), of the hidden graphics memory ("high GM") and 4 fence registers, from what the host i915 keeps back for itself (the aperture size set in the firmware bounds all of it). This line gives the numbers for the resource named on the line before: the request is larger than what is still available, so the vGPU is not created (-ENOSPC, "failed to create intel vgpu: -28")',
    fix: 'remove vGPUs that are no longer used (`mdevctl list`, then `mdevctl stop`), choose a type with a smaller share (i915-GVTg_V5_8 instead of _V5_4; available_instances under mdev_supported_types says how many fit), or raise the aperture size in the firmware setup',
    refine: (f) => {
      if (f.fences)
        return {
          title: 'GVT-g could not reserve fence registers for the new vGPU',
          cause:
            "each vGPU takes 4 of the iGPU's 32 fence registers (tiled CPU access through the aperture); the host i915 had fewer free, because the host's own display and applications hold them or other vGPUs took them, so the vGPU is not created (-ENOSPC)",
        };
      const request = Number(f.request);
      const avail = Number(f.avail);
      if (request === 0 && Number(f.max) === 0)
        return {
          cause:
            'all four numbers are 0: this is the fence line (the fence counts are printed through the MB conversion and round down to 0). The vGPU type asks for more fence registers than the host leaves for vGPUs, which means the other vGPUs already took them',
          fix: 'remove vGPUs that are no longer used (`mdevctl list`, then `mdevctl stop`); available_instances under mdev_supported_types counts the fences too',
        };
      if (request > avail && f.taken === '0')
        return {
          cause: `no vGPU holds any of it yet (taken 0), and still the request (${f.request}) is larger than what the host leaves for vGPUs (${f.avail}): the firmware's aperture size is too small for this vGPU type, even for the first one`,
          fix: 'raise the aperture size (DVMT pre-allocated / aperture size, 256 MB or more) in the firmware setup, or use the smallest type (i915-GVTg_V5_8)',
        };
      return undefined;
    },
    render: render('gvt: ', 128, 64, 448, 384),
    examples: [
      ex('gvt: request 128MB avail 64MB max 448MB taken 384MB', {
        request: '128',
        avail: '64',
        max: '448',
        taken: '384',
      }),
      ex('gvt: request 512MB avail 192MB max 192MB taken 0MB', { taken: '0' }),
      ex('gvt: vgpu 3: Failed to alloc fences', { fences: 'Failed to alloc fences' }),
    ],
  },
  // ---------------------------------------------------------------- gvt/kvmgt.c
  {
    id: 'kernel.gvt-kvm-required',
    source: 'kernel',
    cite: `${GVT}/kvmgt.c intel_vgpu_open_device() (before 6.1: kvmgt_guest_init())`,
    format: 'KVM is required to use Intel vGPU\n',
    versions:
      'gvt_vgpu_err(); the open fails with -ESRCH ("No such process"), which QEMU reports when it gets the device from its group or binds it',
    patterns: [new RegExp(`${VGPU}KVM is required to use Intel vGPU`)],
    severity: 'error',
    title: 'The GVT-g vGPU was opened by a process that is not a KVM virtual machine',
    cause:
      "kvmgt shadows the guest's GPU page tables by write-protecting guest pages through KVM, so it only lets the vGPU be opened by a process that runs a KVM VM and has registered the device with that VM's kvm-vfio device; here there was no KVM instance attached to the device, or it belongs to another process. QEMU without KVM acceleration (TCG, accel=tcg, a nested guest without /dev/kvm), a QEMU that opened the device before attaching it to KVM, or another program (a test tool, a container runtime) opening the mdev all end here",
    fix: 'run the VM with KVM acceleration (libvirt <domain type="kvm">, QEMU -accel kvm) and make sure /dev/kvm is usable by the QEMU user; open the vGPU only from QEMU; with the iommufd/cdev interface use a QEMU release that supports it for mediated devices',
    render: render('gvt: vgpu 1: '),
    examples: [ex('gvt: vgpu 1: KVM is required to use Intel vGPU', { vgpu: '1' })],
  },
  {
    id: 'kernel.gvt-guest-page-pin-failed',
    source: 'kernel',
    cite: `${GVT}/kvmgt.c gvt_pin_guest_page(), gvt_dma_map_page()`,
    format: 'vfio_pin_pages failed for iova %pad, ret %d\n',
    versions:
      'gvt_vgpu_err(); Linux 6.1 and later print the guest address as an IOVA (%pad), earlier kernels "vfio_pin_pages failed for gfn 0x%lx, ret %d"; the same functions print "The pages are not continuous" and "DMA mapping failed for pfn 0x%lx, ret %d"',
    patterns: [
      new RegExp(
        `${VGPU}vfio_pin_pages failed for (?<unit>iova|gfn) (?<addr>0x[0-9a-fA-F]{1,16}), ret (?<ret>-?\\d{1,4})`,
      ),
      new RegExp(`${VGPU}(?<what>The pages are not continuous)`),
      new RegExp(`${VGPU}DMA mapping failed for pfn (?<pfn>0x[0-9a-fA-F]{1,16}), ret (?<dmaret>-?\\d{1,4})`),
    ],
    severity: 'error',
    title: 'kvmgt could not pin a guest page the vGPU needs',
    cause:
      'whenever the guest points a GPU page-table entry (global GTT or per-process) at one of its pages, kvmgt pins that page through VFIO (vfio_pin_pages) and DMA-maps it for the iGPU so the real GPU can reach it. Pinning failed for this guest address: GVT-g then points the entry at a scratch page or fails the shadowing (the "fail: shadow page …" and "fail to populate guest ggtt entry" lines), and whatever the guest draws or computes there is lost',
    fix: "check the errno; restart the VM; keep QEMU's locked-memory limit large enough for the guest RAM (libvirt does this for mdev hostdevs; for plain QEMU `ulimit -l` or LimitMEMLOCK=)",
    refine: (f) => {
      if (f.what)
        return {
          severity: 'info',
          title: 'A 2 MB guest page is not contiguous on the host: GVT-g maps it as 4 KB pages (harmless)',
          cause:
            "the guest used a 2 MB page in its GPU page tables and GVT-g first tries to map it whole; the guest's 2 MB of RAM is not one physically contiguous block on the host (guest memory not backed by huge pages), so the attempt is undone and GVT-g shadows the entry as 512 small pages instead. Rendering is correct, only a little slower",
          fix: 'nothing needed; backing the guest RAM with huge pages (libvirt <memoryBacking><hugepages/></memoryBacking>) lets GVT-g map such pages whole and stops the lines',
        };
      if (f.pfn)
        return {
          title: 'The guest page was pinned but mapping it for the iGPU through the IOMMU failed',
          cause:
            'kvmgt pinned the guest page but dma_map_page() for the iGPU failed: the IOMMU could not map it (IOVA space or IOMMU page tables exhausted, an IOMMU fault state). GVT-g treats it as out of memory and the shadow entry is not made',
          fix: "look for DMAR/IOMMU errors for 0000:00:02.0 in the host log; update the host kernel; reduce the guests' memory use of the vGPU",
        };
      if (f.errno === 'ENOMEM')
        return {
          cause:
            "pinning the guest page would take QEMU's locked memory over its RLIMIT_MEMLOCK (or the host is out of memory): every page the vGPU uses stays pinned, and they count against the VM's locked-memory limit",
          fix: 'raise the locked-memory limit of the QEMU process to cover the guest RAM (libvirt sets it for hostdevs; <memtune><hard_limit> or LimitMEMLOCK= for a plain QEMU service); free host memory',
        };
      if (f.errno === 'EINVAL' || f.errno === 'ENOENT')
        return {
          cause:
            'the address is not in any guest RAM region QEMU mapped for the device: the guest put an address outside its RAM into a GPU page-table entry (an MMIO address, a stale entry after a guest reset, or a half-written 64-bit entry), so there is nothing to pin. Occasional lines during guest boot or reset are harmless; a stream of them means the guest driver and GVT-g disagree',
          fix: 'nothing for a few lines around guest boot or reset; otherwise use a guest graphics driver GVT-g supports and update the host kernel',
        };
      return undefined;
    },
    // %pad prints a dma_addr_t as 0x + 16 hex digits; the formats test's printf reads it as %p
    // followed by the text "ad", so the argument leaves those two hex digits to the format.
    render: render('gvt: vgpu 1: ', '0x00000001f2e4d0', -22),
    examples: [
      ex('gvt: vgpu 1: vfio_pin_pages failed for iova 0x00000001f2e4d000, ret -22', {
        vgpu: '1',
        addr: '0x00000001f2e4d000',
        ret: '-22',
        errno: 'EINVAL',
      }),
      ex('gvt: vgpu 2: vfio_pin_pages failed for gfn 0x1f2e4d, ret -12', { unit: 'gfn', errno: 'ENOMEM' }),
      ex('gvt: vgpu 1: The pages are not continuous', { what: 'The pages are not continuous' }),
      ex('gvt: vgpu 1: DMA mapping failed for pfn 0x3a4f21, ret 0', { pfn: '0x3a4f21' }),
    ],
  },
  {
    id: 'kernel.gvt-vfio-request-rejected',
    source: 'kernel',
    cite: `${GVT}/kvmgt.c handle_edid_regs(), intel_vgpu_reg_rw_edid(), intel_vgpu_reg_rw_opregion(), intel_vgpu_aperture_rw(), intel_vgpu_rw(), intel_vgpu_ioctl(), intel_vgpu_set_msi_trigger()`,
    format: 'invalid EDID blob\n',
    versions:
      'gvt_vgpu_err(); siblings for the EDID region QEMU writes: "invalid EDID link state %d", "EDID size is bigger than %d!", "write read-only EDID region at offset %d", "failed to access EDID region"; for other requests: "invalid op or offset for Intel vgpu OpRegion", "Invalid aperture offset %llu", "invalid index: %u", "intel:vfio_set_irqs_validate_and_prepare failed", "eventfd_ctx_fdget failed". The EDID region exists since Linux 5.0',
    patterns: [
      new RegExp(
        `${VGPU}(?<what>invalid EDID blob|invalid EDID link state -?\\d{1,10}|EDID size is bigger than \\d{1,6}!|write read-only EDID region at offset \\d{1,6}|failed to access EDID region)`,
      ),
      new RegExp(
        `${VGPU}(?<what>invalid op or offset for Intel vgpu OpRegion|Invalid aperture offset \\d{1,20}|invalid index: \\d{1,6}|intel:vfio_set_irqs_validate_and_prepare failed|eventfd_ctx_fdget failed)`,
      ),
    ],
    severity: 'warning',
    title: "kvmgt refused a request from QEMU (the vGPU's VFIO user)",
    cause:
      'QEMU drives the vGPU through its VFIO device file: config space and BAR reads and writes, the OpRegion and EDID regions, interrupt set-up. This request was outside what kvmgt offers (a region index or aperture offset the vGPU does not have, a write to the read-only OpRegion, an interrupt set-up with a bad eventfd) and was refused with -EINVAL; the guest does not see the access take effect. A QEMU option or QEMU version kvmgt does not expect is the usual cause, not the guest',
    fix: 'check the vfio-pci options on the vGPU (drop x-igd-opregion and romfile, which are for a passed-through IGD, not for a GVT-g vGPU); update QEMU and the host kernel together',
    refine: (f) =>
      /EDID/.test(f.what ?? '')
        ? {
            title: "kvmgt refused the EDID QEMU gave the vGPU's virtual monitor",
            cause:
              "with display=on QEMU writes an EDID for the vGPU's virtual monitor into the EDID region (its size follows the xres/yres options) and raises the link; kvmgt checks it and refused it here (an EDID that fails the checksum, larger than the 128-byte block it supports, an unknown link state or a write to a read-only field). The guest keeps the previous virtual monitor, so a resolution change does not arrive",
            fix: "use xres/yres values within the vGPU type's resolution (1920x1200 for most types, 1024x768 for i915-GVTg_V5_8) or drop them; update QEMU",
          }
        : undefined,
    render: render('gvt: vgpu 1: '),
    examples: [
      ex('gvt: vgpu 1: invalid EDID blob', { vgpu: '1', what: 'invalid EDID blob' }),
      ex('gvt: vgpu 1: EDID size is bigger than 128!', { what: 'EDID size is bigger than 128!' }),
      ex('gvt: vgpu 2: invalid op or offset for Intel vgpu OpRegion', {
        what: 'invalid op or offset for Intel vgpu OpRegion',
      }),
    ],
  },
  // ---------------------------------------------------------------- gvt/handlers.c
  {
    id: 'kernel.gvt-guest-register-refused',
    source: 'kernel',
    cite: `${GVT}/handlers.c sanitize_fence_mmio_access(), pvinfo_mmio_read(), pvinfo_mmio_write(), handle_g2v_notification(), hws_pga_write(), gamw_echo_dev_rw_ia_write(), force_nonpriv_write(), intel_vgpu_mmio_reg_rw(), dp_aux_ch_ctl_mmio_write(), write_virtual_sbi_register(), update_fdi_rx_iir_status(), mul_force_wake_write()`,
    format: 'access oob fence reg %d/%d\n',
    versions:
      'gvt_vgpu_err(), except FORCE_NONPRIV (gvt_err("vgpu(%d) Invalid FORCE_NONPRIV …")); siblings: "invalid pvinfo read: [%x:%x] = %x", "invalid pvinfo write offset %x bytes %x data %x", "Invalid PV notification %d", "write invalid HWSP address, reg:0x%x, value:0x%x", "access unknown hardware status page register:0x%x", "Unsupported IPS setting %x, cannot enable 64K gtt.", "try to write RO reg %x", "vgpu(%d) Invalid FORCE_NONPRIV offset %x(%dB)", "vgpu(%d) Invalid FORCE_NONPRIV write %x at offset %x", and for the virtual display "Unsupported DP port access!", "dp_aux_header: len %d is too large", "SBI caching meets maximum limits", "Invalid train pattern %d", "Unsupported registers %x", "invalid forcewake offset 0x%x". Read in the Linux 6.x copy',
    patterns: [
      new RegExp(`${VGPU}access oob fence reg (?<fence>\\d{1,3})/(?<max>\\d{1,3})`),
      new RegExp(
        `${VGPU}(?<what>invalid pvinfo read: \\[[0-9a-fA-F]{1,8}:[0-9a-fA-F]{1,2}\\]|invalid pvinfo write offset [0-9a-fA-F]{1,8}|Invalid PV notification -?\\d{1,10})`,
      ),
      new RegExp(
        `${VGPU}(?:VM\\(\\d{1,4}\\) )?(?<what>write invalid HWSP address), reg:0x(?<hwspreg>[0-9a-fA-F]{1,8}), ?value:0x(?<hwspvalue>[0-9a-fA-F]{1,8})`,
      ),
      new RegExp(`${VGPU}(?:VM\\(\\d{1,4}\\) )?(?<what>access unknown hardware status page register)`),
      new RegExp(
        `${VGPU}(?<what>Unsupported IPS setting [0-9a-fA-F]{1,8}, cannot enable 64K gtt|try to write RO reg (?<reg>[0-9a-fA-F]{1,8}))`,
      ),
      /gvt: vgpu\((?<vgpu>\d{1,4})\) (?<what>Invalid FORCE_NONPRIV (?:offset|write) [0-9a-fA-F]{1,8})/,
      /gvt: (?<what>Unexpected forcenonpriv 0x[0-9a-fA-F]{1,8} (?:LRI write, value=0x[0-9a-fA-F]{1,8}|write from cmd [\w-]{2,16}))/,
      new RegExp(
        `${VGPU}(?<display>Unsupported DP port access!|dp_aux_header: len -?\\d{1,6} is too large|SBI caching meets maximum limits|Invalid train pattern -?\\d{1,4}|Unsupported registers [0-9a-fA-F]{1,8}|invalid forcewake offset 0x[0-9a-fA-F]{1,8})`,
      ),
    ],
    severity: 'warning',
    title: 'GVT-g refused a register access of the guest graphics driver',
    cause:
      'GVT-g emulates the vGPU\'s registers; for a few of them it checks what the guest writes and refuses accesses the vGPU cannot honour. This one touched a fence register beyond the 4 the vGPU type owns: a guest driver that did not learn its share from the GVT-g PV info page (a driver that is not GVT-g aware) does that, and if the guest never read the PV info page GVT-g also puts the vGPU into failsafe mode ("Detected your guest driver doesn\'t support GVT-g")',
    fix: 'use a GVT-g aware guest driver (the guest i915, which logs "Virtual GPU for Intel GVT-g detected", or the Intel Windows driver of the GPU generation); restart the VM after a failsafe',
    refine: (f) => {
      const what = f.what ?? '';
      if (f.display)
        return {
          severity: 'info',
          title: "GVT-g's virtual display ignored a display register access of the guest (usually harmless)",
          cause:
            "the guest display driver programmed part of the display hardware (a DP AUX transfer on a port or of a length GVT-g does not emulate, the sideband interface, FDI link training, forcewake) that GVT-g's small display emulation does not cover; the access is dropped. The guest keeps its virtual monitor as long as it uses the port GVT-g emulates",
          fix: 'nothing if the guest shows its desktop; otherwise update the host kernel and the guest driver',
        };
      if (/pvinfo|PV notification/.test(what))
        return {
          cause:
            'the guest read or wrote a part of the GVT-g PV info page (the shared page through which a guest i915 learns its graphics memory share and announces its page tables) that this GVT-g does not define: the guest driver speaks another revision of the PV interface than the host kernel. Usually harmless; if the guest graphics fail too, the guest and host kernels are too far apart',
          fix: 'keep the guest kernel close to the host kernel version, or update the host kernel',
        };
      if (f.hwspvalue !== undefined && /^0+$/.test(f.hwspvalue))
        return {
          title:
            "GVT-g refused the guest zeroing an engine's status page address (a guest resuming from suspend)",
          cause: `the guest wrote 0 to an engine's hardware status page address register (0x${f.hwspreg}). The guest i915 clears these registers when it resumes from S3 or D3 (suspend, runtime power management) before it writes the real addresses; GVT-g checked 0 as a graphics address, found it outside the vGPU's share and failed the write ("fail to emulate MMIO write …"), which puts the vGPU into failsafe mode and leaves the guest's graphics dead after the resume. A GVT-g bug, fixed by "drm/i915/gvt: Allow zero out HWSP addr on hws_pga_write" (Linux 5.10), which accepts 0`,
          fix: 'update the host kernel to 5.10 or later (or a distribution kernel carrying that fix); until then keep the guest from suspending (S3) and from powering the vGPU down, and restart the VM once it is in failsafe mode',
        };
      if (/HWSP|hardware status page/.test(what))
        return {
          cause:
            'the guest wrote an engine\'s hardware status page address that lies outside its graphics memory share (or to a status-page register GVT-g does not know). The write fails ("fail to emulate MMIO write …"), which is how guests resuming from suspend ended in failsafe mode on older hosts',
          fix: 'update the host kernel; avoid suspending the guest (S3) on hosts that show this; restart the VM',
        };
      if (/IPS/.test(what))
        return {
          cause:
            'the guest enabled 64 KB GPU pages on some engines and not on others; GVT-g shadows page tables without knowing which engine will use them, so it only accepts all engines on or all off, and refuses the write. The guest keeps running with 4 KB pages',
          fix: 'nothing needed; update the guest or host kernel if the guest misbehaves',
        };
      if (f.reg)
        return {
          severity: 'info',
          cause:
            'the guest wrote a register GVT-g marks read-only for the vGPU; the write is ignored and nothing else happens. Harmless',
          fix: 'nothing to do',
        };
      if (/FORCE_?NONPRIV/i.test(what))
        return {
          cause:
            "the guest driver asked to let unprivileged command buffers write a register (a FORCE_NONPRIV slot, used for hardware workarounds and by user-space drivers) that is not on GVT-g's allow list; GVT-g does not apply it. A guest driver newer than the host's list does this; the guest usually keeps working, a workload needing that register may not",
          fix: 'update the host kernel (the list grows with guest driver releases), or use an older guest driver',
        };
      return undefined;
    },
    render: render('gvt: vgpu 1: ', 4, 4),
    examples: [
      ex('gvt: vgpu 1: access oob fence reg 4/4', { vgpu: '1', fence: '4', max: '4' }),
      ex('gvt: vgpu 2: invalid pvinfo read: [78100:4] = 0', { what: 'invalid pvinfo read: [78100:4]' }),
      ex('gvt: vgpu 1: write invalid HWSP address, reg:0x2080, value:0x7ff000', {
        what: 'write invalid HWSP address',
        hwspreg: '2080',
        hwspvalue: '7ff000',
      }),
      ex('gvt: vgpu 3: write invalid HWSP address, reg:0x12080, value:0x0', {
        hwspreg: '12080',
        hwspvalue: '0',
      }),
      ex('gvt: vgpu(1) Invalid FORCE_NONPRIV write 7304 at offset 24d0', { vgpu: '1' }),
      ex('gvt: vgpu 1: try to write RO reg 9140', { reg: '9140' }),
      ex('gvt: vgpu 1: Unsupported DP port access!', { display: 'Unsupported DP port access!' }),
    ],
  },
  {
    id: 'kernel.gvt-guest-unsupported-feature',
    source: 'kernel',
    cite: `${GVT}/handlers.c dma_ctrl_write(), pf_write(), gen9_trtte_write()`,
    format: "VM(%d): iGVT-g doesn't support GuC\n",
    versions:
      'drm_WARN_ONCE() on the host i915 ("i915 0000:00:02.0: VM(1): …", then a WARNING splat in handlers.c); siblings: "VM(%d): guest is trying to scaling a plane" (WARN_ONCE), "VM(%d): Use physical address for TRTT!" (WARN)',
    patterns: [
      /VM\((?<vm>\d{1,4})\): (?<what>iGVT-g doesn't support GuC|guest is trying to scaling a plane|Use physical address for TRTT!)/,
    ],
    severity: 'warning',
    title: 'The guest used a GPU feature GVT-g does not virtualise: it was ignored',
    cause:
      "the guest's graphics driver started a DMA transfer into the GPU's microcontroller (the way GuC/HuC firmware is uploaded); a vGPU has no GuC of its own, so GVT-g ignores it and prints one warning with a kernel backtrace. The guest driver then finds its firmware did not start and carries on without it (or, if it requires GuC submission, fails to start the GPU)",
    fix: 'in the guest, keep the driver from loading GuC/HuC firmware: boot the guest kernel with i915.enable_guc=0; the host backtrace is harmless',
    refine: (f) =>
      /scaling/.test(f.what ?? '')
        ? {
            title: 'The guest tried to use a display plane scaler, which GVT-g does not virtualise',
            cause:
              "the guest display driver bound a pipe scaler to a plane (to scale a full-screen image or a video overlay); GVT-g's virtual display has no scalers, so the write is dropped and a one-time warning with a backtrace is printed. The guest shows the image unscaled or the mode set fails",
            fix: "use the vGPU type's native resolution in the guest (1920x1200 or 1024x768) and no display scaling; the host backtrace is harmless",
          }
        : /TRTT/.test(f.what ?? '')
          ? {
              title:
                'The guest enabled tiled-resource translation with physical addresses, which GVT-g refuses',
              cause:
                "the guest set up the GPU's tiled-resource translation table (TR-TT, used by some 3D APIs for sparse resources) in physical-address mode; physical addresses of the guest mean nothing to the real GPU, so GVT-g refuses the write with a warning. The guest feature using it fails",
              fix: 'nothing to configure on the host; avoid sparse/tiled resources in that guest application, or update the guest driver',
            }
          : undefined,
    render: render('i915 0000:00:02.0: ', 1),
    examples: [
      ex("i915 0000:00:02.0: VM(1): iGVT-g doesn't support GuC", {
        vm: '1',
        what: "iGVT-g doesn't support GuC",
      }),
      ex('i915 0000:00:02.0: VM(2): guest is trying to scaling a plane', {
        what: 'guest is trying to scaling a plane',
      }),
    ],
  },
  // ---------------------------------------------------------------- gvt/cmd_parser.c (what virt-misses-sweep.ts does not read)
  {
    id: 'kernel.gvt-cmd-buffer-rejected',
    source: 'kernel',
    cite: `${GVT}/cmd_parser.c cmd_address_audit(), unexpected_cmd(), find_bb_size(), copy_gma_to_hva(), perform_bb_shadow(), cmd_handler_mi_batch_buffer_start(), cmd_handler_mi_display_flip(), gvt_check_valid_cmd_length()`,
    format: 'cmd_parser: Malicious %s detected, addr=0x%lx, len=%d!\n',
    versions:
      'gvt_vgpu_err(), followed by a "cmd dump:" of the command and "vgpu%d: aperture 0x%llx - 0x%llx, hidden 0x%llx - 0x%llx" (pr_err); siblings: "command address audit fail name %s", "Unexpected %s in command buffer!", "unknown cmd 0x%x, opcode=0x%x, addr_type=%s, ring %d, workload=%p", "invalid gma address: %lx", "fail to copy guest ring buffer", "Found MI_BATCH_BUFFER_START in 2nd level BB", "Jumping to 2nd level BB from RB is not allowed", "invalid shadow batch buffer", "fail to decode MI display flip command", "invalid MI display flip command", "unknown plane code %d", "len is not valid:  len=%u  valid_len=%u" (gvt_err). Read in the Linux 5.5 copy; the register checks of the same file are kernel.gvt-cmd-register-rejected',
    patterns: [
      new RegExp(
        `${VGPU}cmd_parser: Malicious (?<cmd>[A-Z][A-Z0-9_]{1,40}) detected, addr=0x(?<gma>[0-9a-fA-F]{1,16}), len=(?<len>\\d{1,10})!`,
      ),
      new RegExp(`${VGPU}(?<what>command address audit fail) name (?<cmd>[A-Z][A-Z0-9_]{1,40})`),
      new RegExp(`${VGPU}Unexpected (?<unexpected>[A-Z][A-Z0-9_]{1,40}) in command buffer!`),
      new RegExp(
        `${VGPU}unknown cmd (?<raw>0x[0-9a-fA-F]{1,8}), opcode=0x[0-9a-fA-F]{1,8}, addr_type=(?<addrtype>ppgtt|ggtt), ring (?<ring>\\d{1,2})`,
      ),
      new RegExp(
        `${VGPU}(?<bb>invalid gma address: [0-9a-fA-F]{1,16}|fail to copy guest ring buffer|Found MI_BATCH_BUFFER_START in 2nd level BB|Jumping to 2nd level BB from RB is not allowed|invalid shadow batch buffer|fail to shadow workload ring_buffer|fail to re-alloc ring scan buffer|fail to shadow indirect ctx|fail to copy guest indirect ctx|failed to vmap shadow indirect ctx|failed to set shadow indirect ctx to CPU|[A-Z][A-Z0-9_]{1,40} IP advance error)`,
      ),
      new RegExp(
        `${VGPU}(?<flip>fail to decode MI display flip command|invalid MI display flip command|unknown plane code -?\\d{1,4})`,
      ),
      /gvt: len is not valid: {1,2}len=(?<cmdlen>\d{1,6}) {1,2}valid_len=(?<validlen>\d{1,6})/,
    ],
    severity: 'error',
    title: 'GVT-g refused a command buffer of the guest: it writes outside the memory the vGPU owns',
    cause:
      'GVT-g audits every command the guest submits before it reaches the real GPU. This command writes (or reads) graphics memory outside the vGPU\'s share of the aperture and hidden memory (the "aperture … hidden …" line after the dump gives the share). "Malicious" is GVT-g\'s word for any such access: with a working guest it means the guest driver does not keep to the memory GVT-g assigned (not a GVT-g aware driver, or a guest driver bug) rather than an attack. The workload is dropped and, repeated, the vGPU enters failsafe mode',
    fix: 'use a GVT-g aware guest driver (the guest i915, or the Intel Windows driver of the GPU generation) of a version close to the host kernel; restart the VM; report the command name and the dump to intel-gvt-dev if a supported driver does it',
    refine: (f) => {
      if (f.unexpected)
        return {
          title: `GVT-g does not allow ${f.unexpected} in a guest command buffer`,
          cause: `the guest submitted ${f.unexpected}, one of the commands GVT-g refuses outright from guests (semaphore waits, GTT updates, cache flushes, performance-counter reports and a few others it cannot make safe between vGPUs); the workload is rejected with -EBADRQC and the vGPU may enter failsafe mode. The guest driver (or its user-space driver, e.g. a media or compute stack) uses a feature GVT-g does not support`,
          fix: 'use the guest driver and user-space stack versions GVT-g is known to work with; avoid the application using that command in the guest; report it to intel-gvt-dev',
        };
      if (f.raw)
        return {
          title: 'GVT-g met a command it does not know in a guest command buffer',
          cause: `command ${f.raw} is not in GVT-g's table of commands for ring ${f.ring}: either the guest driver uses a command newer than this host's GVT-g, or the buffer GVT-g read is not a command stream at all (a wrong or stale batch-buffer address). The workload is rejected`,
          fix: 'update the host kernel, or use an older guest driver; restart the VM',
        };
      if (f.bb)
        return {
          cause:
            "GVT-g could not follow or copy a batch buffer the guest's ring points to (an address not mapped in the guest's page tables, or batch buffers chained in a way the hardware does not allow), so it could not shadow the workload, which is dropped",
          fix: 'restart the VM; if it repeats with a supported guest driver, update the host kernel',
        };
      if (f.flip)
        return {
          severity: 'warning',
          cause:
            'the guest queued a display flip through a command (MI_DISPLAY_FLIP) for a plane GVT-g cannot decode; the flip is not applied, so the guest screen may not update. Only old guest drivers flip through the command stream',
          fix: 'update the guest graphics driver',
        };
      if (f.cmdlen)
        return {
          title: "GVT-g's command parser refused a command of the guest by its length",
          cause: `a variable-length command in the guest buffer has a length (${f.cmdlen}) other than the one GVT-g computes for it (expected ${f.validlen}); GVT-g rejects the command, the handler line after it names it ("… handler error"), the workload is dropped and the vGPU may enter failsafe mode. This length check was new in Linux 5.4 ("drm/i915/gvt: Add valid length check for MI variable commands") and got MI_ATOMIC wrong (shown as "MI_OP_2F handler error"): it compared the whole command's length with the operand size instead of looking at the inline-data field, so guest drivers that use MI_ATOMIC (older Windows drivers) failed on 5.4 hosts while 5.3 worked — a GVT-g parser bug fixed by "drm/i915/gvt: Fix cmd length check for MI_ATOMIC" (Linux 5.5, and 5.4.6). With another command, or on a fixed kernel, the buffer is corrupt or not the command stream GVT-g thinks it is`,
          fix: 'update the host kernel (5.5+, or 5.4.6+ for the MI_ATOMIC case), or stay on a 5.3 host kernel, or update the guest graphics driver (newer Windows drivers no longer use MI_ATOMIC there); restart the VM after a failsafe',
        };
      return undefined;
    },
    render: render('gvt: vgpu 1: ', 'MI_STORE_DATA_IMM', 0x7ff0000, 8),
    examples: [
      ex('gvt: vgpu 1: cmd_parser: Malicious MI_STORE_DATA_IMM detected, addr=0x7ff0000, len=8!', {
        vgpu: '1',
        cmd: 'MI_STORE_DATA_IMM',
        gma: '7ff0000',
        len: '8',
      }),
      ex('gvt: vgpu 2: Unexpected MI_SEMAPHORE_WAIT in command buffer!', { unexpected: 'MI_SEMAPHORE_WAIT' }),
      ex(
        'gvt: vgpu 1: unknown cmd 0x7a000004, opcode=0x7a00, addr_type=ppgtt, ring 0, workload=0000000012345678',
        {
          raw: '0x7a000004',
          ring: '0',
        },
      ),
      ex('gvt: vgpu 1: invalid shadow batch buffer', { bb: 'invalid shadow batch buffer' }),
      ex('gvt: len is not valid:  len=2  valid_len=3', { cmdlen: '2', validlen: '3' }),
    ],
  },
];

/** Further wordings the entries above, or earlier entries, recognise, for the coverage ledger. */
export const GVT_TREE_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'kernel.gvt-shadow-ppgtt-failed',
    file: `${GVT}/gtt.c`,
    format: 'fail: spt %p guest entry 0x%llx type %d',
    text: 'gvt: vgpu 1: fail: spt 000000004e1b77c0 guest entry 0x80000001f2e4d083 type 4',
  },
  {
    id: 'kernel.gvt-shadow-ppgtt-failed',
    file: `${GVT}/gtt.c`,
    format: 'fail: shadow page %p shadow entry 0x%llx type %d',
    text: 'gvt: vgpu 1: fail: shadow page 00000000f3c5a2b1 shadow entry 0x3a4f21003 type 12',
  },
  {
    id: 'kernel.gvt-shadow-ppgtt-failed',
    file: `${GVT}/gtt.c`,
    format: 'fail to populate guest root pointer',
    text: 'gvt: vgpu 1: fail to populate guest root pointer',
  },
  {
    id: 'kernel.gvt-shadow-ppgtt-failed',
    file: `${GVT}/gtt.c`,
    format: 'failed to shadow ppgtt mm',
    text: 'gvt: vgpu 1: failed to shadow ppgtt mm',
  },
  {
    id: 'kernel.gvt-shadow-ppgtt-failed',
    file: `${GVT}/gtt.c`,
    format: 'fail to create mm',
    text: 'gvt: vgpu 1: fail to create mm',
  },
  {
    id: 'kernel.gvt-shadow-ppgtt-failed',
    file: `${GVT}/gtt.c`,
    format: "GVT doesn't support 1GB entry",
    text: "gvt: vgpu 1: GVT doesn't support 1GB entry",
  },
  {
    id: 'kernel.gvt-shadow-ppgtt-failed',
    file: `${GVT}/gtt.c`,
    format: 'fail to allocate ppgtt shadow page',
    text: 'gvt: vgpu 1: fail to allocate ppgtt shadow page',
  },
  {
    id: 'kernel.gvt-shadow-ppgtt-failed',
    file: `${GVT}/gtt.c`,
    format: 'fail to map dma addr',
    text: 'gvt: vgpu 1: fail to map dma addr',
  },
  {
    id: 'kernel.gvt-shadow-ppgtt-failed',
    file: `${GVT}/gtt.c`,
    format: 'fail to find shadow page: mfn: 0x%lx',
    text: 'gvt: vgpu 1: fail to find shadow page: mfn: 0x3a4f21',
  },
  {
    id: 'kernel.gvt-shadow-ppgtt-failed',
    file: `${GVT}/gtt.c`,
    format: 'fail to find guest page',
    text: 'gvt: vgpu 1: fail to find guest page',
  },
  {
    id: 'kernel.gvt-shadow-ppgtt-failed',
    file: `${GVT}/gtt.c`,
    format: 'fail to find ppgtt instance.',
    text: 'gvt: vgpu 1: fail to find ppgtt instance.',
  },
  {
    id: 'kernel.gvt-shadow-ppgtt-failed',
    file: `${GVT}/gtt.c`,
    format: 'invalid mm type: %d gma %lx',
    text: 'gvt: vgpu 1: invalid mm type: 1 gma 7ffff000',
  },
  {
    id: 'kernel.gvt-shadow-ppgtt-failed',
    file: `${GVT}/gtt.c`,
    format: 'invalid range gmadr 0x%llx size 0x%x',
    text: 'gvt: vgpu 1: invalid range gmadr 0x90000000 size 0x7e9000',
  },
  {
    id: 'kernel.gvt-shadow-ppgtt-failed',
    file: `${GVT}/gtt.c`,
    format: 'fail to populate guest ggtt entry',
    text: 'gvt: vgpu 2: fail to populate guest ggtt entry',
  },
  {
    id: 'kernel.gvt-host-setup-failed',
    file: `${GVT}/gtt.c`,
    format: 'fail to allocate scratch ggtt page',
    text: 'gvt: fail to allocate scratch ggtt page',
  },
  {
    id: 'kernel.gvt-host-setup-failed',
    file: `${GVT}/gtt.c`,
    format: 'fail to dmamap scratch ggtt page',
    text: 'gvt: fail to dmamap scratch ggtt page',
  },
  {
    id: 'kernel.gvt-host-setup-failed',
    file: `${GVT}/gtt.c`,
    format: 'fail to initialize SPT oos',
    text: 'gvt: fail to initialize SPT oos',
  },
  {
    id: 'kernel.gvt-host-setup-failed',
    file: `${GVT}/gvt.c`,
    format: 'fail to start service thread.',
    text: 'gvt: fail to start service thread.',
  },
  {
    id: 'kernel.gvt-opregion-service-request',
    file: `${GVT}/opregion.c`,
    format: 'requesting SMI service',
    text: 'gvt: vgpu 2: requesting SMI service',
  },
  {
    id: 'kernel.gvt-execlist-submission-rejected',
    file: `${GVT}/execlist.c`,
    format: 'unexpected GGTT elsp submission',
    text: 'gvt: vgpu 2: unexpected GGTT elsp submission',
  },
  {
    id: 'kernel.gvt-execlist-submission-rejected',
    file: `${GVT}/execlist.c`,
    format: 'descriptors content: desc0 %08x %08x desc1 %08x %08x',
    text: 'gvt: vgpu 2: descriptors content: desc0 00000000 00001019 desc1 00000000 00000000',
  },
  {
    id: 'kernel.gvt-execlist-submission-rejected',
    file: `${GVT}/execlist.c`,
    format: 'failed to submit desc %d',
    text: 'gvt: vgpu 1: failed to submit desc 0',
  },
  {
    id: 'kernel.gvt-execlist-submission-rejected',
    file: `${GVT}/execlist.c`,
    format: 'virtual execlist slots are full',
    text: 'gvt: vgpu 1: virtual execlist slots are full',
  },
  {
    id: 'kernel.gvt-execlist-submission-rejected',
    file: `${GVT}/execlist.c`,
    format: 'no available execlist slot',
    text: 'gvt: vgpu 1: no available execlist slot',
  },
  {
    id: 'kernel.gvt-execlist-submission-rejected',
    file: `${GVT}/execlist.c`,
    format: 'fail to emulate execlist schedule in',
    text: 'gvt: vgpu 1: fail to emulate execlist schedule in',
  },
  {
    id: 'kernel.gvt-execlist-submission-rejected',
    file: `${GVT}/execlist.c`,
    format: 'schedule out context is not running context,ctx id %x running ctx id %x',
    text: 'gvt: vgpu 1: schedule out context is not running context,ctx id 3 running ctx id 5',
  },
  {
    id: 'kernel.gvt-dmabuf-plane-failed',
    file: `${GVT}/fb_decoder.c`,
    format: 'Out-of-bounds pixel format index',
    text: 'gvt: vgpu 1: Out-of-bounds pixel format index',
  },
  {
    id: 'kernel.gvt-dmabuf-plane-failed',
    file: `${GVT}/fb_decoder.c`,
    format: 'Non-supported cursor mode (0x%x)',
    text: 'gvt: vgpu 1: Non-supported cursor mode (0x5)',
  },
  {
    id: 'kernel.gvt-dmabuf-plane-failed',
    file: `${GVT}/fb_decoder.c`,
    format: 'Translate primary plane gma 0x%x to gpa fail',
    text: 'gvt: vgpu 1: Translate primary plane gma 0x1000000 to gpa fail',
  },
  {
    id: 'kernel.gvt-dmabuf-plane-failed',
    file: `${GVT}/fb_decoder.c`,
    format: 'Translate cursor plane gma 0x%x to gpa fail',
    text: 'gvt: vgpu 1: Translate cursor plane gma 0x2000000 to gpa fail',
  },
  {
    id: 'kernel.gvt-dmabuf-plane-failed',
    file: `${GVT}/fb_decoder.c`,
    format: 'Translate sprite plane gma 0x%x to gpa fail',
    text: 'gvt: vgpu 1: Translate sprite plane gma 0x3000000 to gpa fail',
  },
  {
    id: 'kernel.gvt-dmabuf-plane-failed',
    file: `${GVT}/dmabuf.c`,
    format: 'invalid tiling mode: %x',
    text: 'gvt: vgpu 1: invalid tiling mode: 1400',
  },
  {
    id: 'kernel.gvt-dmabuf-plane-failed',
    file: `${GVT}/dmabuf.c`,
    format: 'invalid plane id:%d',
    text: 'gvt: vgpu 1: invalid plane id:3',
  },
  {
    id: 'kernel.gvt-dmabuf-plane-failed',
    file: `${GVT}/dmabuf.c`,
    format: 'fb size is zero',
    text: 'gvt: vgpu 1: fb size is zero',
  },
  {
    id: 'kernel.gvt-dmabuf-plane-failed',
    file: `${GVT}/dmabuf.c`,
    format: 'Not aligned fb address:0x%llx',
    text: 'gvt: vgpu 1: Not aligned fb address:0x1000800',
  },
  {
    id: 'kernel.gvt-dmabuf-plane-failed',
    file: `${GVT}/dmabuf.c`,
    format: 'invalid gma addr',
    text: 'gvt: vgpu 1: invalid gma addr',
  },
  {
    id: 'kernel.gvt-dmabuf-plane-failed',
    file: `${GVT}/dmabuf.c`,
    format: 'invalid dmabuf id:%d',
    text: 'gvt: vgpu 1: invalid dmabuf id:4',
  },
  {
    id: 'kernel.gvt-dmabuf-plane-failed',
    file: `${GVT}/dmabuf.c`,
    format: 'create gvt gem obj failed',
    text: 'gvt: vgpu 1: create gvt gem obj failed',
  },
  {
    id: 'kernel.gvt-dmabuf-plane-failed',
    file: `${GVT}/dmabuf.c`,
    format: 'export dma-buf failed',
    text: 'gvt: vgpu 1: export dma-buf failed',
  },
  {
    id: 'kernel.gvt-dmabuf-plane-failed',
    file: `${GVT}/dmabuf.c`,
    format: 'create dma-buf fd failed ret:%d',
    text: 'gvt: vgpu 1: create dma-buf fd failed ret:-24',
  },
  {
    id: 'kernel.gvt-dmabuf-plane-failed',
    file: `${GVT}/dmabuf.c`,
    format: 'get vfio device failed',
    text: 'gvt: vgpu 1: get vfio device failed',
  },
  {
    id: 'kernel.gvt-dmabuf-plane-failed',
    file: `${GVT}/dmabuf.c`,
    format: 'alloc dmabuf_obj failed',
    text: 'gvt: vgpu 1: alloc dmabuf_obj failed',
  },
  {
    id: 'kernel.gvt-dmabuf-plane-failed',
    file: `${GVT}/dmabuf.c`,
    format: 'allocate intel vgpu fb info failed',
    text: 'gvt: vgpu 1: allocate intel vgpu fb info failed',
  },
  {
    id: 'kernel.gvt-edid-emulation',
    file: `${GVT}/edid.c`,
    format: 'Driver tries to read EDID without proper sequence!',
    text: 'gvt: Driver tries to read EDID without proper sequence!',
  },
  {
    id: 'kernel.gvt-edid-emulation',
    file: `${GVT}/edid.c`,
    format: 'edid_get_byte() exceeds the size of EDID!',
    text: 'gvt: edid_get_byte() exceeds the size of EDID!',
  },
  {
    id: 'kernel.gvt-edid-emulation',
    file: `${GVT}/edid.c`,
    format: 'No EDID available during the reading?',
    text: 'gvt: No EDID available during the reading?',
  },
  {
    id: 'kernel.gvt-edid-emulation',
    file: `${GVT}/edid.c`,
    format: 'Unknown/reserved GMBUS cycle detected!',
    text: 'gvt: Unknown/reserved GMBUS cycle detected!',
  },
  {
    id: 'kernel.gvt-edid-emulation',
    file: `${GVT}/edid.c`,
    format: 'vgpu%d: warning: gmbus3 read with nothing returned',
    text: 'gvt: vgpu1: warning: gmbus3 read with nothing returned',
  },
  {
    id: 'kernel.gvt-workload-dispatch-failed',
    file: `${GVT}/scheduler.c`,
    format: "workload shadow ppgtt isn't ready",
    text: "gvt: vgpu 1: workload shadow ppgtt isn't ready",
  },
  {
    id: 'kernel.gvt-workload-dispatch-failed',
    file: `${GVT}/scheduler.c`,
    format: 'fail to allocate gem request',
    text: 'gvt: vgpu 1: fail to allocate gem request',
  },
  {
    id: 'kernel.gvt-workload-dispatch-failed',
    file: `${GVT}/scheduler.c`,
    format: 'fail to pin shadow context',
    text: 'gvt: vgpu 1: fail to pin shadow context',
  },
  {
    id: 'kernel.gvt-workload-dispatch-failed',
    file: `${GVT}/scheduler.c`,
    format: 'fail to vgpu pin mm',
    text: 'gvt: vgpu 1: fail to vgpu pin mm',
  },
  {
    id: 'kernel.gvt-workload-dispatch-failed',
    file: `${GVT}/scheduler.c`,
    format: 'fail to vgpu sync oos pages',
    text: 'gvt: vgpu 1: fail to vgpu sync oos pages',
  },
  {
    id: 'kernel.gvt-workload-dispatch-failed',
    file: `${GVT}/scheduler.c`,
    format: 'fail to flush post shadow',
    text: 'gvt: vgpu 1: fail to flush post shadow',
  },
  {
    id: 'kernel.gvt-workload-dispatch-failed',
    file: `${GVT}/scheduler.c`,
    format: 'fail to generate request',
    text: 'gvt: vgpu 1: fail to generate request',
  },
  {
    id: 'kernel.gvt-workload-dispatch-failed',
    file: `${GVT}/scheduler.c`,
    format: 'fail to prepare_shadow_batch_buffer',
    text: 'gvt: vgpu 1: fail to prepare_shadow_batch_buffer',
  },
  {
    id: 'kernel.gvt-workload-dispatch-failed',
    file: `${GVT}/scheduler.c`,
    format: 'fail to prepare_shadow_wa_ctx',
    text: 'gvt: vgpu 1: fail to prepare_shadow_wa_ctx',
  },
  {
    id: 'kernel.gvt-workload-dispatch-failed',
    file: `${GVT}/scheduler.c`,
    format: 'Invalid guest context descriptor',
    text: 'gvt: vgpu 1: Invalid guest context descriptor',
  },
  {
    id: 'kernel.gvt-workload-dispatch-failed',
    file: `${GVT}/scheduler.c`,
    format: 'invalid guest context descriptor',
    text: 'gvt: vgpu 1: invalid guest context descriptor',
  },
  {
    id: 'kernel.gvt-workload-dispatch-failed',
    file: `${GVT}/scheduler.c`,
    format: 'Advanced Context mode(SVM) is not supported!',
    text: 'gvt: vgpu 1: Advanced Context mode(SVM) is not supported!',
  },
  {
    id: 'kernel.gvt-workload-dispatch-failed',
    file: `${GVT}/scheduler.c`,
    format: 'fail to alloc size =%ld shadow  ring buffer',
    text: 'gvt: vgpu 1: fail to alloc size =4096 shadow  ring buffer',
  },
  {
    id: 'kernel.gvt-workload-dispatch-failed',
    file: `${GVT}/scheduler.c`,
    format: 'invalid guest context LRCA: %x',
    text: 'gvt: vgpu 1: invalid guest context LRCA: 1f3a0',
  },
  {
    id: 'kernel.gvt-host-setup-failed',
    file: `${GVT}/scheduler.c`,
    format: 'fail to create workload thread',
    text: 'gvt: fail to create workload thread',
  },
  {
    id: 'kernel.gvt-resource-request-detail',
    file: `${GVT}/aperture_gm.c`,
    format: 'Failed to alloc fences',
    text: 'gvt: vgpu 3: Failed to alloc fences',
  },
  {
    id: 'kernel.gvt-resource-request-detail',
    file: `${GVT}/aperture_gm.c`,
    format: 'vgpu%d: request %luMB avail %luMB max %luMB taken %luMB',
    text: 'gvt: vgpu1: request 128MB avail 64MB max 448MB taken 384MB',
  },
  {
    id: 'kernel.gvt-create-failed',
    file: `${GVT}/kvmgt.c`,
    format: 'failed to create intel vgpu: %ld',
    text: 'gvt: failed to create intel vgpu: -12',
  },
  {
    id: 'kernel.gvt-host-setup-failed',
    file: `${GVT}/kvmgt.c`,
    format: 'failed to create idle vgpu',
    text: 'gvt: failed to create idle vgpu',
  },
  {
    id: 'kernel.gvt-guest-page-pin-failed',
    file: `${GVT}/kvmgt.c`,
    format: 'The pages are not continuous',
    text: 'gvt: vgpu 1: The pages are not continuous',
  },
  {
    id: 'kernel.gvt-guest-page-pin-failed',
    file: `${GVT}/kvmgt.c`,
    format: 'DMA mapping failed for pfn 0x%lx, ret %d',
    text: 'gvt: vgpu 1: DMA mapping failed for pfn 0x3a4f21, ret 0',
  },
  {
    id: 'kernel.gvt-guest-page-pin-failed',
    file: `${GVT}/kvmgt.c`,
    format: 'vfio_pin_pages failed for gfn 0x%lx, ret %d',
    text: 'gvt: vgpu 2: vfio_pin_pages failed for gfn 0x1f2e4d, ret -12',
  },
  {
    id: 'kernel.gvt-vfio-request-rejected',
    file: `${GVT}/kvmgt.c`,
    format: 'invalid EDID link state %d',
    text: 'gvt: vgpu 1: invalid EDID link state 3',
  },
  {
    id: 'kernel.gvt-vfio-request-rejected',
    file: `${GVT}/kvmgt.c`,
    format: 'EDID size is bigger than %d!',
    text: 'gvt: vgpu 1: EDID size is bigger than 128!',
  },
  {
    id: 'kernel.gvt-vfio-request-rejected',
    file: `${GVT}/kvmgt.c`,
    format: 'write read-only EDID region at offset %d',
    text: 'gvt: vgpu 1: write read-only EDID region at offset 8',
  },
  {
    id: 'kernel.gvt-vfio-request-rejected',
    file: `${GVT}/kvmgt.c`,
    format: 'failed to access EDID region',
    text: 'gvt: vgpu 1: failed to access EDID region',
  },
  {
    id: 'kernel.gvt-vfio-request-rejected',
    file: `${GVT}/kvmgt.c`,
    format: 'invalid op or offset for Intel vgpu OpRegion',
    text: 'gvt: vgpu 1: invalid op or offset for Intel vgpu OpRegion',
  },
  {
    id: 'kernel.gvt-vfio-request-rejected',
    file: `${GVT}/kvmgt.c`,
    format: 'Invalid aperture offset %llu',
    text: 'gvt: vgpu 1: Invalid aperture offset 268435456',
  },
  {
    id: 'kernel.gvt-vfio-request-rejected',
    file: `${GVT}/kvmgt.c`,
    format: 'invalid index: %u',
    text: 'gvt: vgpu 1: invalid index: 12',
  },
  {
    id: 'kernel.gvt-vfio-request-rejected',
    file: `${GVT}/kvmgt.c`,
    format: 'intel:vfio_set_irqs_validate_and_prepare failed',
    text: 'gvt: vgpu 1: intel:vfio_set_irqs_validate_and_prepare failed',
  },
  {
    id: 'kernel.gvt-vfio-request-rejected',
    file: `${GVT}/kvmgt.c`,
    format: 'eventfd_ctx_fdget failed',
    text: 'gvt: vgpu 1: eventfd_ctx_fdget failed',
  },
  {
    id: 'kernel.gvt-guest-register-refused',
    file: `${GVT}/handlers.c`,
    format: 'invalid pvinfo read: [%x:%x] = %x',
    text: 'gvt: vgpu 1: invalid pvinfo read: [78100:4] = 0',
  },
  {
    id: 'kernel.gvt-guest-register-refused',
    file: `${GVT}/handlers.c`,
    format: 'invalid pvinfo write offset %x bytes %x data %x',
    text: 'gvt: vgpu 1: invalid pvinfo write offset 78a00 bytes 4 data 1',
  },
  {
    id: 'kernel.gvt-guest-register-refused',
    file: `${GVT}/handlers.c`,
    format: 'Invalid PV notification %d',
    text: 'gvt: vgpu 1: Invalid PV notification 9',
  },
  {
    id: 'kernel.gvt-guest-register-refused',
    file: `${GVT}/handlers.c`,
    format: 'write invalid HWSP address, reg:0x%x, value:0x%x',
    text: 'gvt: vgpu 1: write invalid HWSP address, reg:0x2080, value:0x7ff000',
  },
  {
    id: 'kernel.gvt-guest-register-refused',
    file: `${GVT}/handlers.c`,
    format: 'access unknown hardware status page register:0x%x',
    text: 'gvt: vgpu 1: access unknown hardware status page register:0x4180',
  },
  {
    id: 'kernel.gvt-guest-register-refused',
    file: `${GVT}/handlers.c`,
    format: 'Unsupported IPS setting %x, cannot enable 64K gtt.',
    text: 'gvt: vgpu 1: Unsupported IPS setting 1000, cannot enable 64K gtt.',
  },
  {
    id: 'kernel.gvt-guest-register-refused',
    file: `${GVT}/handlers.c`,
    format: 'try to write RO reg %x',
    text: 'gvt: vgpu 1: try to write RO reg 9140',
  },
  {
    id: 'kernel.gvt-guest-register-refused',
    file: `${GVT}/handlers.c`,
    format: 'Unsupported DP port access!',
    text: 'gvt: vgpu 1: Unsupported DP port access!',
  },
  {
    id: 'kernel.gvt-guest-register-refused',
    file: `${GVT}/handlers.c`,
    format: 'dp_aux_header: len %d is too large',
    text: 'gvt: vgpu 1: dp_aux_header: len 20 is too large',
  },
  {
    id: 'kernel.gvt-guest-register-refused',
    file: `${GVT}/handlers.c`,
    format: 'SBI caching meets maximum limits',
    text: 'gvt: vgpu 1: SBI caching meets maximum limits',
  },
  {
    id: 'kernel.gvt-guest-register-refused',
    file: `${GVT}/handlers.c`,
    format: 'Invalid train pattern %d',
    text: 'gvt: vgpu 1: Invalid train pattern 3',
  },
  {
    id: 'kernel.gvt-guest-register-refused',
    file: `${GVT}/handlers.c`,
    format: 'Unsupported registers %x',
    text: 'gvt: vgpu 1: Unsupported registers f000c',
  },
  {
    id: 'kernel.gvt-guest-register-refused',
    file: `${GVT}/handlers.c`,
    format: 'invalid forcewake offset 0x%x',
    text: 'gvt: vgpu 1: invalid forcewake offset 0xa188',
  },
  {
    id: 'kernel.gvt-guest-register-refused',
    file: `${GVT}/handlers.c`,
    format: 'vgpu(%d) Invalid FORCE_NONPRIV offset %x(%dB)',
    text: 'gvt: vgpu(1) Invalid FORCE_NONPRIV offset 24d0(2B)',
  },
  {
    id: 'kernel.gvt-guest-unsupported-feature',
    file: `${GVT}/handlers.c`,
    format: 'VM(%d): guest is trying to scaling a plane',
    text: 'i915 0000:00:02.0: VM(2): guest is trying to scaling a plane',
  },
  {
    id: 'kernel.gvt-guest-unsupported-feature',
    file: `${GVT}/handlers.c`,
    format: 'VM(%d): Use physical address for TRTT!',
    text: 'i915 0000:00:02.0: VM(1): Use physical address for TRTT!',
  },
  {
    id: 'kernel.gvt-execlist-submission-rejected',
    file: `${GVT}/handlers.c`,
    format: 'fail submit workload on ring %s',
    text: 'gvt: vgpu 1: fail submit workload on ring rcs0',
  },
  {
    id: 'kernel.gvt-cmd-buffer-rejected',
    file: `${GVT}/cmd_parser.c`,
    format: 'command address audit fail name %s',
    text: 'gvt: vgpu 1: command address audit fail name MI_STORE_DATA_IMM',
  },
  {
    id: 'kernel.gvt-cmd-buffer-rejected',
    file: `${GVT}/cmd_parser.c`,
    format: 'Unexpected %s in command buffer!',
    text: 'gvt: vgpu 1: Unexpected MI_UPDATE_GTT in command buffer!',
  },
  {
    id: 'kernel.gvt-cmd-buffer-rejected',
    file: `${GVT}/cmd_parser.c`,
    format: 'unknown cmd 0x%x, opcode=0x%x, addr_type=%s, ring %d, workload=%p',
    text: 'gvt: vgpu 1: unknown cmd 0x7a000004, opcode=0x7a00, addr_type=ggtt, ring 2, workload=0000000012345678',
  },
  {
    id: 'kernel.gvt-cmd-buffer-rejected',
    file: `${GVT}/cmd_parser.c`,
    format: 'invalid gma address: %lx',
    text: 'gvt: vgpu 1: invalid gma address: 7fffe000',
  },
  {
    id: 'kernel.gvt-cmd-buffer-rejected',
    file: `${GVT}/cmd_parser.c`,
    format: 'fail to copy guest ring buffer',
    text: 'gvt: vgpu 1: fail to copy guest ring buffer',
  },
  {
    id: 'kernel.gvt-cmd-buffer-rejected',
    file: `${GVT}/cmd_parser.c`,
    format: 'Found MI_BATCH_BUFFER_START in 2nd level BB',
    text: 'gvt: vgpu 1: Found MI_BATCH_BUFFER_START in 2nd level BB',
  },
  {
    id: 'kernel.gvt-cmd-buffer-rejected',
    file: `${GVT}/cmd_parser.c`,
    format: 'Jumping to 2nd level BB from RB is not allowed',
    text: 'gvt: vgpu 1: Jumping to 2nd level BB from RB is not allowed',
  },
  {
    id: 'kernel.gvt-cmd-buffer-rejected',
    file: `${GVT}/cmd_parser.c`,
    format: 'invalid shadow batch buffer',
    text: 'gvt: vgpu 1: invalid shadow batch buffer',
  },
  {
    id: 'kernel.gvt-cmd-buffer-rejected',
    file: `${GVT}/cmd_parser.c`,
    format: 'fail to decode MI display flip command',
    text: 'gvt: vgpu 1: fail to decode MI display flip command',
  },
  {
    id: 'kernel.gvt-cmd-buffer-rejected',
    file: `${GVT}/cmd_parser.c`,
    format: 'invalid MI display flip command',
    text: 'gvt: vgpu 1: invalid MI display flip command',
  },
  {
    id: 'kernel.gvt-cmd-buffer-rejected',
    file: `${GVT}/cmd_parser.c`,
    format: 'unknown plane code %d',
    text: 'gvt: vgpu 1: unknown plane code 9',
  },
  {
    id: 'kernel.gvt-cmd-buffer-rejected',
    file: `${GVT}/cmd_parser.c`,
    format: 'len is not valid:  len=%u  valid_len=%u',
    text: 'gvt: len is not valid:  len=2  valid_len=3',
  },
  {
    id: 'kernel.gvt-cmd-buffer-rejected',
    file: `${GVT}/cmd_parser.c`,
    format: 'fail to shadow workload ring_buffer',
    text: 'gvt: vgpu 1: fail to shadow workload ring_buffer',
  },
  {
    id: 'kernel.gvt-cmd-buffer-rejected',
    file: `${GVT}/cmd_parser.c`,
    format: 'fail to re-alloc ring scan buffer',
    text: 'gvt: vgpu 1: fail to re-alloc ring scan buffer',
  },
  {
    id: 'kernel.gvt-cmd-buffer-rejected',
    file: `${GVT}/cmd_parser.c`,
    format: 'fail to shadow indirect ctx',
    text: 'gvt: vgpu 1: fail to shadow indirect ctx',
  },
  {
    id: 'kernel.gvt-cmd-buffer-rejected',
    file: `${GVT}/cmd_parser.c`,
    format: 'fail to copy guest indirect ctx',
    text: 'gvt: vgpu 1: fail to copy guest indirect ctx',
  },
  {
    id: 'kernel.gvt-cmd-buffer-rejected',
    file: `${GVT}/cmd_parser.c`,
    format: 'failed to vmap shadow indirect ctx',
    text: 'gvt: vgpu 1: failed to vmap shadow indirect ctx',
  },
  {
    id: 'kernel.gvt-cmd-buffer-rejected',
    file: `${GVT}/cmd_parser.c`,
    format: 'failed to set shadow indirect ctx to CPU',
    text: 'gvt: vgpu 1: failed to set shadow indirect ctx to CPU',
  },
  {
    id: 'kernel.gvt-cmd-buffer-rejected',
    file: `${GVT}/cmd_parser.c`,
    format: '%s IP advance error',
    text: 'gvt: vgpu 1: MI_BATCH_BUFFER_START IP advance error',
  },
  {
    id: 'kernel.gvt-guest-register-refused',
    file: `${GVT}/cmd_parser.c`,
    format: 'Unexpected forcenonpriv 0x%x LRI write, value=0x%x',
    text: 'gvt: Unexpected forcenonpriv 0x24d0 LRI write, value=0x7304',
  },
  {
    id: 'kernel.gvt-guest-register-refused',
    file: `${GVT}/cmd_parser.c`,
    format: 'Unexpected forcenonpriv 0x%x write from cmd %s',
    text: 'gvt: Unexpected forcenonpriv 0x24d0 write from cmd lrm',
  },
  {
    id: 'kernel.gvt-opregion-service-request',
    file: `${GVT}/opregion.c`,
    format: 'guest opregion read error %d, gpa 0x%llx, len %lu',
    text: 'gvt: vgpu 1: guest opregion read error -14, gpa 0x7ffc6018, len 4',
  },
  {
    id: 'kernel.gvt-opregion-service-request',
    file: `${GVT}/opregion.c`,
    format: 'guest opregion write error %d, gpa 0x%llx, len %lu',
    text: 'gvt: vgpu 1: guest opregion write error -14, gpa 0x7ffc6018, len 4',
  },
];

/** Strings of the swept files left out, with the reason. */
export const GVT_TREE_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: `${GVT}/gtt.c`,
    format: 'invalid guest gmadr %llx / invalid host gmadr %llx',
    why: 'WARN()s in the address translation helpers, reached only after a range check the callers already made (their own gvt: lines, kernel.gvt-shadow-ppgtt-failed, say what failed); a GVT-g consistency check, not a separate guest event',
  },
  {
    file: `${GVT}/gtt.c`,
    format:
      "suspicious 64K gtt entry / suspicious 64K entry / GVT doesn't support 1GB page / invalid entry type / shadow PPGTT page has already has a oos page / shadow PPGTT page should have a oos page / someone is still using oos page",
    why: 'WARN()s on shadow page-table states GVT-g itself never creates (64K entries are always split, 1 GB ones refused earlier, the out-of-sync mode is compiled off); programming asserts for a GVT-g bug report',
  },
  {
    file: `${GVT}/gtt.c`,
    format:
      'vgpu mm pin count bug detected / vgpu ppgtt mm is not fully destroyed / Why we still has spt not freed?',
    why: "gvt_err() consistency checks while a vGPU's page tables are torn down after the VM stopped; a GVT-g reference-count bug with nothing for the VM's user to do",
  },
  {
    file: `${GVT}/gtt.c`,
    format: 'fail to allocate scratch page / fail to dmamap scratch_pt / fail to create mm for ggtt.',
    why: 'per-vGPU allocation failures while creating the vGPU; they end in "failed to create intel vgpu: -12" (kernel.gvt-create-failed), which explains the creation failure by its errno',
  },
  {
    file: `${GVT}/gtt.c`,
    format:
      'GMA 0x%lx is not present / %d oos pages preallocated / partial PTE update on hold 0x%lx : 0x%llx / vgpu%d create scratch_pt: type %d mfn=0x%lx / reshadow PDE since ips changed / Split 2M gtt entry, index %lu',
    why: 'gvt_dbg_core()/gvt_dbg_mm(): debug-only (dynamic debug of the i915 module)',
  },
  {
    file: `${GVT}/vgpu.c`,
    format: 'vGPU is still active!',
    why: 'WARN() when a vGPU is destroyed while still marked active: a GVT-g ordering bug, nothing the user configures (the read copy of vgpu.c has no other user-visible string; its gvt_dbg_core() lines are debug-only)',
  },
  {
    file: `${GVT}/vgpu.c`,
    format:
      'type[%d]: %s avail %u low %u high %u fence %u weight %u res %s / update type[%d]: %s avail %u low %u high %u fence %u / handle %llu low %llu MB high %llu MB fence %llu',
    why: 'gvt_dbg_core(): debug-only listings of the vGPU types and of each creation (the sizes are also readable in mdev_supported_types/*/description)',
  },
  {
    file: `${GVT}/cfg_space.c`,
    format: 'WARN_ON(bytes > 4) / WARN_ON(offset + bytes > cfg_space_size) / WARN_ON(!IS_ALIGNED(offset, 4))',
    why: 'condition-only WARN_ON()s (no text) on config-space accesses QEMU/kvmgt never issue: programming asserts; the file prints no message of its own',
  },
  {
    file: `${GVT}/opregion.c`,
    format: 'fail to get MFN from VA / fail to map GFN to MFN, errno: %d',
    why: 'the Xen (XenGT) path of OpRegion mapping, removed with XenGT support in Linux 5.x; KVM hosts never print them',
  },
  {
    file: `${GVT}/opregion.c`,
    format: 'vgpu%d: opregion has been initialized already.',
    why: 'WARN() on a second OpRegion set-up of one vGPU: a GVT-g ordering bug, not a guest or configuration problem',
  },
  {
    file: `${GVT}/execlist.c`,
    format:
      'WARN_ON(ring_id < RCS || ring_id >= ARRAY_SIZE(context_switch_events)) / WARN_ON(1) in emulate_execlist_ctx_schedule_out()',
    why: 'condition-only WARN_ON()s (no text) on engine numbers GVT-g itself chose: programming asserts',
  },
  {
    file: `${GVT}/execlist.c`,
    format:
      '[before] running slot %d/context %x pending slot %d / vgpu%d: status reg offset %x ldw %x udw %x / complete workload %p status %d',
    why: 'gvt_dbg_el(): debug-only',
  },
  {
    file: `${GVT}/edid.c`,
    format: 'vgpu%d: unsupported gmbus slave addr(0x%x)\n\tgmbus operations will be ignored.',
    why: 'gvt_dbg_dpy(): debug-only',
  },
  {
    file: `${GVT}/gvt.c`,
    format: 'service thread is waken up by signal.',
    why: 'WARN_ONCE() in the GVT-g kernel thread if a signal wakes it; kernel threads do not take signals, so a programming assert',
  },
  {
    file: `${GVT}/gvt.c`,
    format:
      'Running with hypervisor %s in host mode / init gvt device / gvt device creation is done / service thread start',
    why: 'gvt_dbg_core(): debug-only',
  },
  {
    file: `${GVT}/dmabuf.c`,
    format:
      'invalid drm_format_mod %llx for tiling / vgpu%d: re-use dmabuf_obj ref %d, id %d / vgpu%d: dmabuf:%d, dmabuf ref %d, fd:%d',
    why: 'gvt_dbg_core()/gvt_dbg_dpy(): debug-only',
  },
  {
    file: `${GVT}/fb_decoder.c`,
    format: 'skl: unsupported bpp:%d / skl: unsupported tile format:%x / alpha_plane=0x%x, alpha_force=0x%x',
    why: 'gvt_dbg_core(): debug-only',
  },
  {
    file: `${GVT}/interrupt.c`,
    format: 'only support one MSI format',
    why: 'WARN() if the guest enabled multiple-message MSI on the vGPU, which its MSI capability does not offer; guest drivers do not, so a consistency check',
  },
  {
    file: `${GVT}/interrupt.c`,
    format: '[up] grp %d bit %d -> [down] grp %d bitmask %x / vgpu%d: IRQ receive event %d (%s)',
    why: 'gvt_dbg_irq()/gvt_dbg_core(): debug-only',
  },
  {
    file: `${GVT}/aperture_gm.c`,
    format: 'Invalid vGPU creation params',
    why: 'a vGPU type with a zero memory or fence size; the built-in types never have one, so a programming assert',
  },
  {
    file: `${GVT}/aperture_gm.c`,
    format: 'vgpu%d: alloc low GM start %llx size %llx / vgpu%d: alloc high GM start %llx size %llx',
    why: 'gvt_dbg_core(): debug-only',
  },
  {
    file: `${GVT}/scheduler.c`,
    format:
      'ring id %d prepare to dispatch workload %p / ring id %d pick new workload %p / ring id %d workload lrca %x / wait vgpu idle / vgpu%d: activate ops [ %s ] / ring id %d cur workload == last',
    why: 'gvt_dbg_sched()/gvt_dbg_el()/gvt_dbg_core(): debug-only',
  },
  {
    file: `${GVT}/scheduler.c`,
    format:
      'WARN_ON(!workload->shadow_mm) / WARN_ON(!atomic_read(&workload->shadow_mm->pincount)) / WARN_ON(interface >= ARRAY_SIZE(ops))',
    why: 'condition-only WARN_ON()s (no text) on scheduler states GVT-g itself sets up: programming asserts',
  },
  {
    file: `${GVT}/kvmgt.c`,
    format: 'gfn: 0x%llx',
    why: 'WARN() when a small atomic allocation for the write-protect table fails; an out-of-memory splat whose own lines say so',
  },
  {
    file: `${GVT}/kvmgt.c`,
    format:
      'vgpu%d ioctl, cmd: %d / get region info bar:%d / get region info index:%d / intel_vgpu_create succeeded for mdev: %s / gvt device initialization is done',
    why: 'gvt_dbg_core(): debug-only',
  },
  {
    file: `${GVT}/mmio.c`,
    format:
      'drm_WARN_ON(bytes > 8) / drm_WARN_ON(!IS_ALIGNED(offset, 4)) / drm_WARN_ON_ONCE(!reg_is_mmio(gvt, offset))',
    why: 'condition-only WARNs on access sizes and offsets; the access then fails with "fail to emulate MMIO %s %08x len %d" (kernel.gvt-mmio-emulation-failed), which is the line that explains it; the rest of mmio.c is covered by the earlier entries',
  },
  {
    file: `${GVT}/handlers.c`,
    format: 'fail to assign handlers to mmio block %x',
    why: 'a WARN() while GVT-g builds its register table at set-up (a missing table entry): a kernel build bug that makes GVT-g fail to load; the same situation as kernel.gvt-mmio-table-mismatch, with nothing the user configures (the duplicate-entry WARN beside it is kernel.gvt-dup-mmio)',
  },
  {
    file: `${GVT}/handlers.c`,
    format:
      'vgpu%d: request full GPU reset / vgpu%d: ips enabled / vgpu-%d PORT_%c has invalid clock select 0x%08x / VM(%d) write %x to mailbox, return data0 %x / EXECLIST %s on ring %s / untracked MMIO %08x len %d',
    why: 'gvt_dbg_mmio()/gvt_dbg_dpy()/gvt_dbg_core(): debug-only (the register table part of handlers.c, init_*_mmio_info(), has no messages besides the MMIO_F() failures above)',
  },
  {
    file: `${GVT}/display.c`,
    format: 'drm_WARN_ON(pipe < PIPE_A || pipe >= I915_MAX_PIPES) / drm_WARN_ON(resolution >= GVT_EDID_NUM)',
    why: 'condition-only WARNs on values GVT-g itself passes; display.c has no message of its own (the virtual monitor it sets up is explained through edid.c and dmabuf.c)',
  },
  {
    file: `${GVT}/interrupt.c`,
    format:
      'drm_WARN_ON(!info) / drm_WARN_ON(!handler) / drm_WARN_ON(up_irq_info != irq->info[map->up_irq_group])',
    why: "condition-only WARNs on GVT-g's own interrupt tables: programming asserts",
  },
  {
    file: `${GVT}/cmd_parser.c`,
    format: 'cmd dump: / vgpu%d: aperture 0x%llx - 0x%llx, hidden 0x%llx - 0x%llx',
    why: 'pr_err() continuation lines of the "Malicious %s detected" report (kernel.gvt-cmd-buffer-rejected): the raw command words and the vGPU\'s memory share, read together with that line',
  },
  {
    file: `${GVT}/cmd_parser.c`,
    format:
      'invalid gma bytes %d / fail to update plane mmio / cannot change stride during async flip / cannot change tile during async flip',
    why: 'a WARN-guarded impossible width, a step that cannot fail, and gvt_dbg_cmd() debug lines',
  },
  {
    file: `${GVT}/cmd_parser.c`,
    format: 'found access of shadowed MMIO %x',
    why: 'a command touching the batch-buffer head registers GVT-g itself shadows; the command is let through unchanged (the handler returns 0), so the line has no effect on the guest',
  },
  {
    file: `${GVT}/cmd_parser.c`,
    format: '%s %s duplicated / opcode=0x%x %s sub_ops: / add %-30s op %04x flag %x devs %02x rings %02x',
    why: "a duplicate in GVT-g's own command table at set-up (a kernel build bug that makes GVT-g fail to load), and gvt_dbg_cmd() debug output of the parser state",
  },
  {
    file: `${GVT}/opregion.c`,
    format: 'fail to get memory for vgpu virt opregion / not supported hypervisor',
    why: 'an allocation failure while creating the vGPU (it ends in "failed to create intel vgpu: -12", kernel.gvt-create-failed) and a hypervisor-type check that KVM hosts always pass',
  },
];
