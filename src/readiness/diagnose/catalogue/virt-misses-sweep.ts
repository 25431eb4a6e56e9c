/**
 * The virtualisation-side families the eighth held-out set showed missing, each swept from its
 * producing source rather than patched message by message:
 * - QEMU's OpenGL displays (ui/egl-helpers.c, ui/spice-core.c) that a dma-buf VFIO display
 *   (display=on on a GVT-g vGPU) needs, and libepoxy's abort when the host's GL/EGL lacks a
 *   function QEMU calls;
 * - Intel GVT-g on the host: i915's platform check (intel_gvt.c), the command parser that scans
 *   every guest workload (gvt/cmd_parser.c), and kvmgt refusing to load (its reading is in
 *   bind-setup.ts refineInsert(), which uses KVMGT_NO_GVT from here);
 * - KubeVirt's mediated-device type reconciliation (virt-handler mediated_devices_types.go);
 * - SR-IOV: bnx2x's VF configuration refusals (bnx2x_sriov.c) and the i915 SR-IOV VF's version
 *   handshake with the GuC (Intel's i915 SR-IOV backport, gt/iov/intel_iov_query.c);
 * - Xen: QEMU's PCI passthrough (hw/xen/xen_pt.c, xen_pt_config_init.c: the routine attach lines
 *   and the failures), libxl writing pciback's sysfs attributes (libxl_pci.c sysfs_write_bdf()),
 *   the hypervisor's HVM emulation failure and triple fault;
 * - vBIOS tools: NVIDIA-vBIOS-VFIO-Patcher's offset detection and sanity checks, and rom-parser.
 * VIRT_MISSES_ALSO and VIRT_MISSES_LEFT_OUT are this sweep's ledger for docs/diagnose-coverage.md.
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { ex, render } from './build.js';

const EGL = 'qemu/qemu ui/egl-helpers.c';
const SPICE = 'qemu/qemu ui/spice-core.c qemu_spice_init()';
const EPOXY = 'anholt/libepoxy src/gen_dispatch.py (the generated *_provider_resolver())';
const INTEL_GVT = 'torvalds/linux drivers/gpu/drm/i915/intel_gvt.c';
const GVT_CMD = 'torvalds/linux drivers/gpu/drm/i915/gvt/cmd_parser.c';
const KV_MDEV = 'kubevirt/kubevirt pkg/virt-handler/device-manager/mediated_devices_types.go';
const BNX2X = 'torvalds/linux drivers/net/ethernet/broadcom/bnx2x/bnx2x_sriov.c';
const I915_IOV =
  "strongtz/i915-sriov-dkms drivers/gpu/drm/i915/gt/iov/intel_iov_query.c (Intel's i915 SR-IOV backport)";
const XEN_PT = 'qemu/qemu hw/xen/xen_pt.c';
const XEN_PT_CONFIG = 'qemu/qemu hw/xen/xen_pt_config_init.c xen_pt_config_reg_init()';
const LIBXL_PCI = 'xen-project/xen tools/libs/light/libxl_pci.c (older: tools/libxl/libxl_pci.c)';
const HVM_EMULATE = 'xen-project/xen xen/arch/x86/hvm/emulate.c hvm_dump_emulation_state()';
const PATCHER = 'Matoking/NVIDIA-vBIOS-VFIO-Patcher nvidia_vbios_vfio_patcher.py';
const ROM_PARSER = 'awilliam/rom-parser rom-parser.c main()';

/** Where a libvirt-started QEMU may open a render node: the one libvirt was told about. */
const RENDER_NODE_ACCESS =
  'started by libvirt, QEMU runs as an unprivileged user (qemu, libvirt-qemu) inside its own /dev namespace and device cgroup, where libvirt makes available only the render node named in the domain XML (<gl enable="yes" rendernode="/dev/dri/renderD128"/> under <graphics type="spice"> or <graphics type="egl-headless">); a display added through <qemu:commandline> gets none';

// ------------------------------------------------------------------------------------ display

/** Which EGL call failed, and what that step needs from the host. */
function refineEglStep(f: Facts): Refinement | undefined {
  const step = f.step ?? '';
  const gles = f.mode === 'gles';
  if (step === 'eglGetDisplay' || step === 'eglInitialize')
    return {
      cause: `${step} failed: QEMU could not open an EGL display on the GPU it picked (through GBM on a render node for egl-headless and SPICE, on the X11/Wayland display for gtk,gl=on). The host's EGL is missing or broken for that GPU: no Mesa EGL/GBM driver for it (a proprietary driver without GBM support, a container without the host's GL libraries), or the display server runs on another GPU than the render node`,
      fix: 'check `eglinfo` (mesa-utils) on the host as the user QEMU runs as; install the Mesa EGL/GBM packages for the GPU, or name a render node of a Mesa-driven GPU with rendernode=',
    };
  if (step === 'eglChooseConfig' || step === 'eglBindAPI' || step === 'eglCreateContext')
    return {
      cause: `${step} failed${f.mode ? ` in ${f.mode} mode` : ''}: the host's EGL has no ${gles ? 'OpenGL ES 2' : 'desktop OpenGL (core profile)'} configuration or context QEMU can use on this GPU — a software or minimal EGL (llvmpipe without the API, an embedded driver with GLES only) or a GPU driver that does not offer it`,
      fix: gles
        ? 'use a GPU whose EGL offers OpenGL ES 2 (any Mesa driver), or gl=core'
        : 'try gl=es (QEMU then asks for OpenGL ES), or use a Mesa-driven GPU for the display',
    };
  if (step === 'eglMakeCurrent' || step === 'eglCreateWindowSurface')
    return {
      cause: `${step} failed: the EGL context QEMU created cannot be bound to its window or to no surface; typical of a GL stack mixing vendors (the X server on one GPU's driver, EGL from another) or of a driver without surfaceless contexts`,
      fix: 'run the display on one GPU whose driver provides EGL for it (DRI_PRIME / __EGL_VENDOR_LIBRARY_FILENAMES select the vendor); or use egl-headless with a render node and view through SPICE or VNC',
    };
  return undefined;
}

const DISPLAY: CatalogueEntry[] = [
  {
    id: 'qemu.egl-no-render-node',
    source: 'qemu',
    cite: `${EGL} egl_rendernode_init() (the search: qemu/qemu util/drm.c qemu_drm_rendernode_open())`,
    format: 'egl: no drm render node available',
    versions:
      'followed by "egl: render node init failed" in QEMU versions with egl_init(); earlier the display stopped with only this line',
    patterns: [/egl: no drm render node available/],
    severity: 'error',
    title: "QEMU's OpenGL display found no DRM render node it could open",
    cause: `the OpenGL displays that show a dma-buf (egl-headless, spice with gl=on) render on a GPU through its DRM render node: QEMU opens the rendernode= it was given or the first /dev/dri/renderD* it can open, and none opened. Either the host has no render node (no GPU driver with DRM rendering loaded: the only GPU is bound to vfio-pci, or a proprietary driver without its DRM module, e.g. nvidia without nvidia-drm), or QEMU may not open it: ${RENDER_NODE_ACCESS}`,
    fix: 'check `ls -l /dev/dri` on the host; give the render node explicitly (libvirt: <gl enable="yes" rendernode="/dev/dri/renderD128"/>, which also lets libvirt add it to the namespace and cgroup; QEMU: -display egl-headless,rendernode=/dev/dri/renderD128) and make it readable by the QEMU user (the render group)',
    render: render('qemu-system-x86_64: '),
    examples: [ex('qemu-kvm: egl: no drm render node available'), ex('egl: no drm render node available')],
  },
  {
    id: 'qemu.egl-render-node-init-failed',
    source: 'qemu',
    cite: `${EGL} egl_init()`,
    format: 'egl: render node init failed',
    versions:
      'QEMU versions with egl_init(); before it, SPICE printed "Failed to initialize EGL render node for SPICE GL" (ui/spice-core.c) and egl-headless exited without a summary line',
    patterns: [/egl: render node init failed/, /Failed to initialize EGL render node for SPICE GL/],
    severity: 'error',
    title: "QEMU's OpenGL display could not start on the render node",
    cause:
      'the summary of a failed EGL set-up on the render node (egl-headless, or spice with gl=on): the "egl:" line printed just before names the step (no render node, gbm_create_device, eglInitialize, a missing EGL extension), and the VM does not start because its display cannot',
    fix: 'read the "egl:" line before it; without an OpenGL display a dma-buf VFIO display (display=on on a vGPU) cannot be shown: drop display=on or use a host GPU with a working Mesa EGL',
    render: render('qemu-system-x86_64: -display egl-headless: '),
    examples: [
      ex('qemu-system-x86_64: -display egl-headless: egl: render node init failed'),
      ex('qemu-system-x86_64: Failed to initialize EGL render node for SPICE GL'),
    ],
  },
  {
    id: 'qemu.egl-gbm-failed',
    source: 'qemu',
    cite: `${EGL} egl_rendernode_init()`,
    format: 'egl: gbm_create_device failed',
    patterns: [/egl: gbm_create_device failed/],
    severity: 'error',
    title: 'QEMU opened the render node but GBM could not use it',
    cause:
      "libgbm has no backend for the driver behind the render node QEMU opened: the node belongs to a GPU whose driver ships no GBM implementation (older NVIDIA proprietary drivers before 495, a virtual or display-only DRM driver), or Mesa's GBM/DRI driver for it is not installed in QEMU's environment",
    fix: 'point rendernode= at a render node of a Mesa-driven GPU (Intel, AMD), install the Mesa DRI/GBM packages, or update the NVIDIA driver to one providing GBM',
    render: render('qemu-system-x86_64: '),
    examples: [ex('qemu-system-x86_64: egl: gbm_create_device failed')],
  },
  {
    id: 'qemu.egl-extension-missing',
    source: 'qemu',
    cite: `${EGL} egl_rendernode_init()`,
    format: 'egl: EGL_MESA_image_dma_buf_export not supported',
    versions:
      'the same check for EGL_KHR_surfaceless_context prints "egl: EGL_KHR_surfaceless_context not supported"',
    patterns: [/egl: (?<ext>EGL_(?:MESA_image_dma_buf_export|KHR_surfaceless_context)) not supported/],
    severity: 'error',
    title: "The host's EGL lacks an extension QEMU's render-node display needs",
    cause:
      'QEMU renders headless on a render node and exports its frames as dma-bufs, which needs EGL_KHR_surfaceless_context and EGL_MESA_image_dma_buf_export from the EGL driver of that GPU; this one lacks the extension named — an EGL that is not Mesa (the NVIDIA proprietary EGL offers no EGL_MESA_image_dma_buf_export) or a software renderer',
    fix: 'name a render node of a Mesa-driven GPU with rendernode= (an Intel or AMD GPU of the host), or use a display that does not need the render node (gtk,gl=on on a desktop session)',
    refine: (f) =>
      f.ext === 'EGL_KHR_surfaceless_context'
        ? {
            cause:
              "the EGL driver of the render node's GPU cannot make a context current without a surface (EGL_KHR_surfaceless_context), which headless rendering needs: a very old Mesa or a non-Mesa EGL",
          }
        : undefined,
    render: render('qemu-system-x86_64: '),
    examples: [
      ex('qemu-system-x86_64: egl: EGL_MESA_image_dma_buf_export not supported', {
        ext: 'EGL_MESA_image_dma_buf_export',
      }),
      ex('qemu-system-x86_64: egl: EGL_KHR_surfaceless_context not supported', {
        ext: 'EGL_KHR_surfaceless_context',
      }),
    ],
  },
  {
    id: 'qemu.egl-init-step-failed',
    source: 'qemu',
    cite: `${EGL} qemu_egl_init_dpy(), qemu_egl_init_ctx(), qemu_egl_init_surface_x11()`,
    format: 'egl: eglInitialize failed: %s',
    versions:
      'newer QEMU appends the EGL error (": EGL_NOT_INITIALIZED"); older: "egl: eglInitialize failed"; siblings: eglGetDisplay, eglBindAPI/eglChooseConfig "failed (%s mode)" with core or gles, eglCreateContext, eglMakeCurrent, eglCreateWindowSurface',
    patterns: [
      /egl: (?<step>eglGetDisplay|eglInitialize|eglBindAPI|eglChooseConfig|eglCreateContext|eglMakeCurrent|eglCreateWindowSurface) failed(?: \((?<mode>core|gles) mode\))?(?:: (?<eglerr>EGL_\w{1,40}))?/,
    ],
    severity: 'error',
    title: "QEMU's OpenGL display could not set up EGL",
    cause:
      'a step of the EGL set-up failed for the OpenGL display (gtk,gl=on, egl-headless, spice gl=on, dbus gl); the step named says which part of the host GL stack is missing',
    fix: 'check the host GL stack with `eglinfo` as the user QEMU runs as; without an OpenGL display, drop gl=on (and display=on on a vGPU, whose dma-buf display needs it)',
    refine: refineEglStep,
    render: render('qemu-system-x86_64: ', 'EGL_NOT_INITIALIZED'),
    examples: [
      ex('qemu-system-x86_64: egl: eglInitialize failed: EGL_NOT_INITIALIZED', {
        step: 'eglInitialize',
        eglerr: 'EGL_NOT_INITIALIZED',
      }),
      ex('qemu-system-x86_64: egl: eglChooseConfig failed (core mode)', {
        step: 'eglChooseConfig',
        mode: 'core',
      }),
      ex('qemu-system-x86_64: egl: eglMakeCurrent failed', { step: 'eglMakeCurrent' }),
    ],
  },
  {
    id: 'qemu.egl-dmabuf-import-failed',
    source: 'qemu',
    cite: `${EGL} egl_dmabuf_import_texture()`,
    format: 'eglCreateImageKHR failed',
    patterns: [/eglCreateImageKHR failed/],
    severity: 'warning',
    title: 'QEMU could not import a guest frame (dma-buf) into its OpenGL display',
    cause:
      "each frame of a dma-buf display (a vGPU's display=on, virtio-gpu with blob resources) is imported into the host's GL as an EGL image; the host EGL refused this buffer: its format or modifier (tiling) is not one the GPU doing the display can sample, typically when the frame comes from one GPU (the Intel iGPU behind GVT-g, or a VF) and the display runs on another vendor's GPU, or the EGL lacks EGL_EXT_image_dma_buf_import. The guest runs but its screen stays black or frozen",
    fix: 'run the QEMU display on the same GPU that produces the frames (rendernode= of the Intel render node for GVT-g, or a desktop session on that GPU), or update Mesa; a remote viewer (SPICE with gl=on, egl-headless with VNC) avoids the local import',
    render: render('qemu-system-x86_64: '),
    examples: [ex('qemu-system-x86_64: eglCreateImageKHR failed')],
  },
  {
    id: 'epoxy.no-provider',
    source: 'userspace tool',
    cite: EPOXY,
    format: 'No provider of %s found.  Requires one of:\n',
    versions:
      'one line per GL version or extension that would provide the function follows (e.g. "    EGL_KHR_image"), then libepoxy calls abort(): the process dies with SIGABRT ("Aborted (core dumped)", a shell prints "IOT instruction")',
    patterns: [/No provider of (?<fn>(?:egl|glX|gl|wgl)\w{1,60}) found\. {1,2}Requires one of:/],
    severity: 'error',
    title: 'libepoxy aborted QEMU: the host GL/EGL lacks a function QEMU called',
    cause:
      "QEMU resolves OpenGL and EGL through libepoxy, which aborts the whole process when the GL or EGL implementation it ended up on offers neither a GL version nor an extension providing the function; the lines after it list what would have. It happens in QEMU's OpenGL display (gtk,gl=on, egl-headless, spice gl=on), not in the passed-through device",
    fix: 'check the host GL stack with `eglinfo`/`glxinfo` as the user running QEMU; run the display on a GPU with a full Mesa or vendor GL, or drop gl=on (and display=on of a vGPU, whose dma-buf display needs it)',
    refine: (f) => {
      const fn = f.fn ?? '';
      if (/^egl/.test(fn))
        return {
          cause: `the EGL display QEMU opened (on the X11/Wayland session for gtk,gl=on, or on a render node for egl-headless and spice gl=on) does not provide ${fn}: the host's EGL for that display lacks the extension listed after this line${/Image/.test(fn) ? " (EGL images are how QEMU imports the guest's dma-buf frames into its GL display)" : ''} — a software renderer, a session on another vendor's GPU, or a stripped GL stack (a container, a remote X session). libepoxy then aborts QEMU`,
          fix: "run QEMU's display on a GPU whose EGL offers the listed extension (`eglinfo` lists them per display; Mesa drivers have EGL_KHR_image_base), e.g. a local session on the Intel/AMD GPU; or use -display egl-headless with rendernode= and view over SPICE/VNC; or drop gl=on",
        };
      return {
        cause: `the OpenGL context QEMU got does not provide ${fn} (neither its GL version nor a listed extension): an old or software GL, or a context of another GPU than expected; libepoxy then aborts QEMU`,
      };
    },
    render: render('', 'eglCreateImageKHR'),
    examples: [
      ex(
        'No provider of eglExportDMABUFImageQueryMESA found.  Requires one of:\n    EGL_MESA_image_dma_buf_export',
        {
          fn: 'eglExportDMABUFImageQueryMESA',
        },
      ),
      ex('No provider of glEGLImageTargetTexture2DOES found.  Requires one of:', {
        fn: 'glEGLImageTargetTexture2DOES',
      }),
    ],
  },
  {
    id: 'qemu.spice-gl-local-only',
    source: 'qemu',
    cite: SPICE,
    format: 'SPICE GL support is local-only for now and incompatible with -spice port/tls-port',
    versions:
      'a recent QEMU built with spice-server 0.15.3 or later streams GL over a port instead of refusing; older QEMU or spice-server exit with this line',
    patterns: [/SPICE GL support is local-only for now and incompatible with -spice port\/tls-port/],
    severity: 'error',
    title: 'SPICE with gl=on was asked to listen on a network port',
    cause:
      "SPICE's OpenGL mode hands frames (dma-bufs) to a client on the same host through a UNIX socket; this QEMU/spice-server cannot send GL frames over the network, so gl=on together with port= or tls-port= is refused and the VM does not start. libvirt sets a port for <graphics type='spice'> unless it is told to listen on a socket",
    fix: 'listen on a UNIX socket: libvirt <graphics type="spice"><listen type="socket"/><gl enable="yes"/></graphics> (or listen type="none"), QEMU -spice unix=on,addr=/run/spice.sock,gl=on,disable-ticketing=on; for remote viewing use egl-headless with VNC, or a QEMU/spice-server new enough to stream GL',
    render: render('qemu-system-x86_64: '),
    examples: [
      ex(
        'qemu-system-x86_64: SPICE GL support is local-only for now and incompatible with -spice port/tls-port',
      ),
    ],
  },
];

// ------------------------------------------------------------------------------------- GVT-g

/** Which platforms i915 runs GVT-g on (is_supported_device(), later intel_gvt_get_device_type()). */
const GVT_PLATFORMS =
  'i915 offers GVT-g only on the Gen8/Gen9 platforms its GVT-g code knows: Broadwell, Skylake, Kaby Lake, Broxton (Apollo Lake), Coffee Lake and Comet Lake (with their Xeon E3 parts). Every other platform is unsupported — Haswell and older, the Atom/Celeron Gemini Lake, and Ice Lake (Gen11), Tiger Lake, Alder Lake and later, which have no GVT-g at all (the newer ones split the iGPU with SR-IOV instead)';

/** kvmgt's init returning ENODEV, read by bind-setup.ts refineInsert(). */
export const KVMGT_NO_GVT: Refinement = {
  cause: `kvmgt plugs into i915's GVT-g and its init returned ENODEV because i915 set up no GVT-g device (before the 2022 GVT-g rework: intel_gvt_register_hypervisor() failed): i915.enable_gvt=1 is not on the kernel command line, the GPU's platform is unsupported (${GVT_PLATFORMS}), or GuC submission is on (i915.enable_guc must not enable submission). With no GVT-g device there is nothing for kvmgt to serve and no mdev_supported_types appear`,
  fix: '`dmesg | grep -i gvt` says which ("Unsupported device. GVT-g is disabled" is the platform); on a supported platform boot with i915.enable_gvt=1 (and i915.enable_guc=0), then modprobe kvmgt; on Ice Lake and later use SR-IOV (i915-sriov or xe) or pass the whole iGPU',
};

const GVT: CatalogueEntry[] = [
  {
    id: 'kernel.gvt-unsupported-device',
    source: 'kernel',
    cite: `${INTEL_GVT} intel_gvt_sanitize_options() (5.18+: intel_gvt_init_device())`,
    format: 'Unsupported device. GVT-g is disabled\n',
    versions:
      'drm_info() ("i915 0000:00:02.0: [drm] " before it; before 5.9 DRM_INFO: "[drm] "); only printed when i915.enable_gvt=1 is set; inside a guest the same check prints "GVT-g is disabled for guest"',
    patterns: [/Unsupported device\. GVT-g is disabled/, /GVT-g is disabled for (?<guest>guest)/],
    severity: 'error',
    title: 'i915 does not support GVT-g on this GPU',
    cause: `i915.enable_gvt=1 was given but the GPU's platform is not one GVT-g runs on, so i915 turned GVT-g off: no mediated-device types appear, kvmgt has nothing to serve and the iGPU cannot be split into vGPUs. ${GVT_PLATFORMS}`,
    fix: 'nothing to configure on this platform: check the CPU generation (`lspci -nn -s 00:02.0`, the CPU model); on Ice Lake and later look at SR-IOV of the iGPU (i915-sriov-dkms on 11th–14th gen, the xe driver) or pass the whole iGPU to one guest; drop i915.enable_gvt=1',
    refine: (f) =>
      f.guest
        ? {
            severity: 'info',
            title: 'GVT-g is off inside a guest (harmless)',
            cause:
              "this i915 runs inside a VM on a vGPU (it detected the GVT-g PV info page), and i915.enable_gvt=1 makes no sense there: GVT-g, which creates vGPUs, runs on the host only. Nothing is wrong with the guest's graphics",
            fix: 'drop i915.enable_gvt=1 from the guest kernel command line',
          }
        : undefined,
    render: render('i915 0000:00:02.0: [drm] '),
    examples: [
      ex('[    3.519822] [drm] Unsupported device. GVT-g is disabled'),
      ex('Mar 02 07:44:10 nuc kernel: [drm] Unsupported device. GVT-g is disabled'),
      ex('i915 0000:00:02.0: [drm] GVT-g is disabled for guest', { guest: 'guest' }),
    ],
  },
  {
    id: 'kernel.gvt-guc-submission',
    source: 'kernel',
    cite: `${INTEL_GVT} intel_gvt_init_device() (before 5.18: intel_gvt_init())`,
    format: 'Graphics virtualization is not yet supported with GuC submission\n',
    versions:
      'drm_err(); before 5.9: DRM_ERROR("i915 GVT-g loading failed due to Graphics virtualization is not yet supported with GuC submission")',
    patterns: [/Graphics virtualization is not yet supported with GuC submission/],
    severity: 'error',
    title: 'GVT-g cannot run while i915 uses GuC submission',
    cause:
      "GVT-g schedules the vGPUs' workloads itself through the execlists; with GuC submission on (i915.enable_guc=1 or 3) i915 hands submission to the GuC firmware and GVT-g refuses to start, so no vGPU types appear",
    fix: 'boot with i915.enable_guc=0 (or 2, HuC loading only) together with i915.enable_gvt=1; check /sys/module/i915/parameters/enable_guc',
    render: render('i915 0000:00:02.0: [drm] *ERROR* '),
    examples: [
      ex('i915 0000:00:02.0: [drm] *ERROR* Graphics virtualization is not yet supported with GuC submission'),
      ex(
        '[drm:intel_gvt_init [i915]] *ERROR* i915 GVT-g loading failed due to Graphics virtualization is not yet supported with GuC submission',
      ),
    ],
  },
  {
    id: 'kernel.gvt-cmd-register-rejected',
    source: 'kernel',
    cite: `${GVT_CMD} cmd_reg_handler()`,
    format: '%s access to non-render register (%x)\n',
    versions:
      'printed by gvt_vgpu_err() ("gvt: vgpu N: " first); siblings: "%s access to register (%x)" (an srm/lrm to a register outside its short list), "not allowed cmd %s reg (%x)" (lrr), "%s access to (%x) outside of MMIO range"; older kernels only logged the non-render access and let the command through',
    patterns: [
      /(?<cmd>srm|lrm|lri|lrr-src|lrr-dst|pipe_ctrl|[\w-]{2,16}) access to (?<nonrender>non-render) register \((?<reg>[0-9a-fA-F]{1,8})\)/,
      /(?<cmd>srm|lrm) access to register \((?<reg>[0-9a-fA-F]{1,8})\)/,
      /not allowed cmd (?<cmd>[\w-]{2,16}) reg \((?<reg>[0-9a-fA-F]{1,8})\)/,
      /(?<cmd>srm|lrm|lri|lrr-src|lrr-dst|[\w-]{2,16}) access to \((?<reg>[0-9a-fA-F]{1,8})\) outside of MMIO range/,
    ],
    severity: 'error',
    title: "GVT-g's command parser rejected a register access in a guest command buffer",
    cause:
      'GVT-g scans every command buffer the guest\'s graphics driver submits to the vGPU and lets commands touch only registers on its allow list (registers flagged for command access); this command wrote or read a register that is not on it, so the command is rejected. On current kernels the whole workload then fails ("MI_… handler error", "cmd parser error", "scan workload error") and GVT-g may put the vGPU into failsafe mode: the guest\'s graphics hang or its driver resets. The guest driver uses a register this host kernel\'s GVT-g does not allow: a guest driver release (or a guest set-up such as the emulated chipset) the host\'s allow list does not cover',
    fix: "update the host kernel (GVT-g's allow lists grew with fixes for guest driver releases), or try another guest graphics driver version; if the guest runs on the i440fx machine type try q35, whose chipset the Intel guest drivers expect; report the register and the guest driver version to intel-gvt-dev",
    refine: (f) =>
      f.nonrender && (f.cmd === 'srm' || f.cmd === 'lrm')
        ? {
            cause: `a ${f.cmd === 'srm' ? 'MI_STORE_REGISTER_MEM' : 'MI_LOAD_REGISTER_MEM'} in the guest's command buffer touches register ${f.reg}, which GVT-g's register table does not mark for command access (F_CMD_ACCESS), so the parser rejects it and the workload fails ("${f.cmd === 'srm' ? 'MI_STORE_REGISTER_MEM' : 'MI_LOAD_REGISTER_MEM'} handler error", "cmd parser error"); repeated, the vGPU enters failsafe mode. Guest drivers save and restore their workaround registers this way from the workaround batch (wa context) that runs at every context switch, so a workaround register missing the flag breaks the guest's graphics outright. It is a gap in GVT-g's table, not a guest fault: fixes added the flag for such registers (e.g. "drm/i915/gvt: add F_CMD_ACCESS flag for wa regs", Linux 5.2, and later ones for newer guest drivers and platforms)`,
            fix: "update the host kernel (GVT-g's table gained these registers in later releases); or use a guest driver version the host kernel was validated with; report the register and the guest driver version to intel-gvt-dev",
          }
        : undefined,
    render: render('gvt: vgpu 1: ', 'lri', 0x20d8),
    examples: [
      ex('[  812.442913] gvt: vgpu 2: lri access to non-render register (20d8)', { cmd: 'lri', reg: '20d8' }),
      ex('gvt: vgpu 4: lrm access to non-render register (e194)', {
        cmd: 'lrm',
        reg: 'e194',
        nonrender: 'non-render',
      }),
      ex('gvt: vgpu 1: srm access to register (7010)', { cmd: 'srm', reg: '7010' }),
      ex('gvt: vgpu 3: not allowed cmd lrr-src reg (2358)', { cmd: 'lrr-src', reg: '2358' }),
    ],
  },
  {
    id: 'kernel.gvt-cmd-parser-error',
    source: 'kernel',
    cite: `${GVT_CMD} command_scan() and cmd_parser_exec(); torvalds/linux drivers/gpu/drm/i915/gvt/scheduler.c intel_gvt_scan_and_shadow_workload()`,
    format: 'cmd parser error\n',
    versions:
      'gvt_vgpu_err(); the handler line before it reads "%s handler error" with the command name (MI_LOAD_REGISTER_IMM, MI_STORE_REGISTER_MEM, PIPE_CONTROL, …), and scheduler.c adds "scan workload error" / "scan wa ctx error"; a dump of the command follows',
    patterns: [
      /gvt: vgpu (?<vgpu>\d{1,4}): cmd parser error/,
      /gvt: vgpu (?<vgpu>\d{1,4}): (?<handler>MI_\w{2,40}|PIPE_CONTROL|\w{2,40}) handler error/,
      /gvt: vgpu (?<vgpu>\d{1,4}): scan (?<what>workload|wa ctx) error/,
    ],
    severity: 'error',
    title: 'GVT-g refused a command buffer the guest submitted to its vGPU',
    cause:
      "GVT-g scans and shadows each workload the guest's graphics driver submits before it runs on the real GPU; the scan stopped at a command it does not accept (a register outside its allow list, an address outside the vGPU's graphics memory, a command it does not know), so the workload is dropped. Repeated, the vGPU enters failsafe mode and the guest's graphics stop; the lines just before name the command and the register",
    fix: 'read the line before ("… access to non-render register (…)", "… handler error"); update the host kernel for GVT-g fixes, or use a guest graphics driver version known to work with it; with an i440fx VM try the q35 machine type',
    refine: (f) => {
      if (f.handler === 'MI_OP_2F')
        return {
          cause:
            'the handler of MI_OP_2F (MI_ATOMIC) in GVT-g\'s command parser rejected the command; the line before it ("len is not valid: len=… valid_len=…") gives the length check. Linux 5.4 added that check and computed MI_ATOMIC\'s valid length wrongly when the command carries inline data, so a guest driver using MI_ATOMIC (older Windows drivers) has its workloads dropped and the vGPU goes into failsafe mode: a GVT-g parser bug, fixed by "drm/i915/gvt: Fix cmd length check for MI_ATOMIC" (Linux 5.5, and 5.4.6)',
          fix: 'update the host kernel (5.5+, or 5.4.6+), or use a newer guest graphics driver; restart the VM',
        };
      if (/^MI_(?:LOAD|STORE)_REGISTER_MEM$/.test(f.handler ?? ''))
        return {
          cause: `the handler of ${f.handler} rejected the command: it reads or writes a register (named on the line before, "srm/lrm access to non-render register (…)") that GVT-g's register table does not mark for command access (F_CMD_ACCESS). Guest drivers program some registers this way from their workaround batch (the wa context run at each context switch), so a register missing that flag in the host's table breaks every workload and the vGPU enters failsafe mode: a gap in GVT-g's table, closed in later kernels (e.g. "drm/i915/gvt: add F_CMD_ACCESS flag for wa regs", Linux 5.2)`,
          fix: 'update the host kernel; or use the guest driver version this host kernel was validated with; restart the VM after a failsafe',
        };
      return f.handler
        ? {
            cause: `the handler of ${f.handler} in GVT-g's command parser rejected the command (its operands: usually a register not allowed to commands, or a memory address outside the vGPU's graphics memory); the workload that held it is dropped and a stream of such errors puts the vGPU into failsafe mode`,
          }
        : undefined;
    },
    render: render('gvt: vgpu 2: '),
    examples: [
      ex('[ 1204.118733] gvt: vgpu 2: cmd parser error', { vgpu: '2' }),
      ex('gvt: vgpu 1: MI_LOAD_REGISTER_IMM handler error', { handler: 'MI_LOAD_REGISTER_IMM' }),
      ex('gvt: vgpu 3: scan workload error', { what: 'workload' }),
    ],
  },
];

// ----------------------------------------------------------------------------- KubeVirt mdev

const KUBEVIRT_MDEV: CatalogueEntry[] = [
  {
    id: 'kubevirt.mdev-cleanup-unreadable',
    source: 'kubevirt',
    cite: `${KV_MDEV} removeUndesiredMDEVs()`,
    format: 'failed to remove mdev types: failed to read the content of %s directory',
    versions:
      'error level with the Go error in "reason"; later versions log a missing directory (ENOENT) at verbosity 4 only, with "This most likely means that no mdev cleanup is necessary"',
    patterns: [
      /failed to remove mdev types: failed to read the content of (?<path>\/[\w/.-]{1,100}) directory(?<rest>[^\n]{0,300})/,
    ],
    severity: 'warning',
    title: "KubeVirt's virt-handler could not list the node's mediated devices",
    cause:
      'virt-handler reconciles the mediated-device types of every node whenever the KubeVirt configuration (mediatedDevicesConfiguration) is applied, first removing mdevs of types no longer wanted; it could not read /sys/bus/mdev/devices, so nothing was removed',
    fix: 'read the "reason": a permission error means virt-handler lacks access to /sys on the node',
    refine: (f) =>
      /no such file or directory/i.test(f.rest ?? '')
        ? {
            severity: 'info',
            title: 'No mdev bus on this node: nothing to clean up (harmless)',
            cause:
              'the node has no mediated-device bus: /sys/bus/mdev does not exist because no mdev-capable parent driver (NVIDIA vGPU host driver, i915 GVT-g with kvmgt) is loaded there, so there are no mdevs to remove. older virt-handler versions logged this at error level on every reconcile on every such node; newer versions log it only at verbosity 4. It is unrelated to any VM failure',
            fix: 'nothing to do on nodes without vGPUs; on a node meant to serve vGPUs, load the vendor mdev driver so /sys/class/mdev_bus lists the parent',
          }
        : undefined,
    render: render('', '/sys/bus/mdev/devices'),
    examples: [
      ex(
        '{"component":"virt-handler","level":"error","msg":"failed to remove mdev types: failed to read the content of /sys/bus/mdev/devices directory","pos":"mediated_devices_types.go:251","reason":"open /sys/bus/mdev/devices: no such file or directory","timestamp":"2024-02-11T09:12:40.118211Z"}',
        { path: '/sys/bus/mdev/devices' },
      ),
      ex(
        '{"component":"virt-handler","level":"error","msg":"failed to remove mdev types: failed to read the content of /sys/bus/mdev/devices directory","reason":"open /sys/bus/mdev/devices: permission denied"}',
      ),
    ],
  },
  {
    id: 'kubevirt.mdev-create-failed',
    source: 'kubevirt',
    cite: `${KV_MDEV} createMdevTypes()`,
    format: 'failed to create mdevs of type %s',
    versions: 'also "failed to create mdevs of type %s, failed to obtain number of instances"',
    patterns: [
      /failed to create mdevs of type (?<type>[\w.-]{1,60})(?<instances>, failed to obtain number of instances)?/,
    ],
    severity: 'error',
    title: 'KubeVirt could not create the configured mediated devices on a node',
    cause:
      'virt-handler creates, for each type in mediatedDevicesConfiguration, as many mdevs as the parent\'s available_instances allows (writing UUIDs to mdev_supported_types/TYPE/create); the write failed, so the node offers fewer vGPUs than configured. The "reason" carries the kernel\'s errno from the vendor driver',
    fix: "read the reason: EEXIST/EBUSY or no instances usually means another type is already created on the same parent (one type per GPU at a time for NVIDIA time-sliced vGPUs); check `cat /sys/class/mdev_bus/*/mdev_supported_types/TYPE/available_instances` and the vendor driver's log",
    refine: (f) =>
      f.instances
        ? {
            cause:
              "virt-handler could not read available_instances of the type on this parent: the type directory disappeared (the vendor driver was reloaded, or on NVIDIA Ampere+ the VF's types change once another type is created) or sysfs is not readable",
          }
        : undefined,
    render: render('', 'nvidia-222'),
    examples: [
      ex(
        '{"component":"virt-handler","level":"error","msg":"failed to create mdevs of type nvidia-222","reason":"write /sys/class/mdev_bus/0000:3b:00.0/mdev_supported_types/nvidia-222/create: no space left on device"}',
        { type: 'nvidia-222' },
      ),
      ex('failed to create mdevs of type i915-GVTg_V5_4, failed to obtain number of instances', {
        type: 'i915-GVTg_V5_4',
      }),
    ],
  },
  {
    id: 'kubevirt.mdev-remove-type',
    source: 'kubevirt',
    cite: `${KV_MDEV} removeUndesiredMDEVs()`,
    format: 'failed to remove mdev type: %s',
    versions:
      'logged with Warningf for every mdev virt-handler removes, with the removal error as "reason" when there was one',
    patterns: [/failed to remove mdev type: (?<uuid>[0-9a-fA-F-]{36})(?<rest>[^\n]{0,300})/],
    severity: 'info',
    title: 'KubeVirt removed (or tried to remove) an mdev no longer configured (usually harmless)',
    cause:
      'virt-handler removes mdevs whose type is no longer in mediatedDevicesConfiguration; the source logs this warning for every mdev it removes, whether the removal failed or not, so without a "reason" the line only records a successful clean-up after a configuration change',
    fix: 'nothing to do without a reason; with one (e.g. device or resource busy), a VM still uses the mdev: stop it, and the next reconcile removes it',
    refine: (f) =>
      /"reason"/.test(f.rest ?? '')
        ? {
            severity: 'warning',
            cause:
              'virt-handler could not remove an mdev whose type is no longer configured: the kernel refused the write to its remove file (busy: a VM or another process still has it open)',
          }
        : undefined,
    render: render('', '6a9c3b2e-4f1d-4c8a-9e7b-2d5f8a1c0e43'),
    examples: [
      ex(
        '{"component":"virt-handler","level":"warning","msg":"failed to remove mdev type: 6a9c3b2e-4f1d-4c8a-9e7b-2d5f8a1c0e43","timestamp":"2024-05-02T10:01:17.552310Z"}',
        { uuid: '6a9c3b2e-4f1d-4c8a-9e7b-2d5f8a1c0e43' },
      ),
    ],
  },
];

// ------------------------------------------------------------------------------------ SR-IOV

/** bnx2x_vf_op_prep()'s refusals, by which check failed. */
function refineBnx2xPrep(f: Facts): Refinement | undefined {
  const what = f.what ?? '';
  if (what.startsWith('PF is down'))
    return {
      cause:
        'the PF interface is down, and bnx2x serves VF configuration (ip link set PF vf N …) only while its PF is open',
      fix: 'bring the PF up (`ip link set PF up`) before configuring its VFs; make the VF set-up run after the PF is up at boot',
    };
  if (what.startsWith('sriov is disabled'))
    return {
      cause:
        'SR-IOV is not enabled on this PF (no VFs were created, or the firmware/NVRAM has SR-IOV off for the port), so there is no VF to configure',
      fix: "create the VFs first (`echo N > /sys/class/net/PF/device/sriov_numvfs`); if that fails, enable SR-IOV for the port in the adapter's firmware settings",
    };
  if (what.startsWith('VF is uninitialized'))
    return {
      cause: `the VF index asked for (${f.vfidx ?? '?'}) is not below the number of VFs the PF has (${f.nr ?? '?'}): a VF number for more VFs than were created`,
      fix: 'use a VF index below sriov_numvfs, or create more VFs first',
    };
  if (what.startsWith('vfqs struct is null'))
    return {
      cause:
        'the VF was configured before SR-IOV finished coming up on the PF (its queues are not allocated yet): a set-up racing the creation of the VFs',
      fix: 'wait until the VFs exist (their netdevs appear) before `ip link set PF vf N …`, or retry',
    };
  return undefined;
}

const SRIOV: CatalogueEntry[] = [
  {
    id: 'kernel.bnx2x-vf-mac-invalid',
    source: 'kernel',
    cite: `${BNX2X} bnx2x_set_vf_mac()`,
    format: 'mac address invalid\n',
    versions: 'BNX2X_ERR() prints "[bnx2x_set_vf_mac:LINE(PF)]" before the text, with no space',
    patterns: [/\[bnx2x_set_vf_mac:\d{1,5}\((?<pf>[\w.-]{1,20})\)\] ?mac address invalid/],
    severity: 'error',
    title: 'bnx2x refused a MAC address for a VF',
    cause:
      'setting a VF\'s MAC through its PF (`ip link set PF vf N mac …`, which libvirt, LXD, the SR-IOV CNI and others do when they hand a VF to a guest or container) was refused because the address is not a valid unicast MAC (is_valid_ether_addr(): an all-zero 00:00:00:00:00:00 or a multicast address). bnx2x, unlike some drivers, does not accept the all-zero address as "clear the admin MAC", so the tool\'s request fails and the VF is not set up',
    fix: 'give the VF a real unicast MAC (set one on the PF for every VF beforehand, or in the guest/container configuration); a tool that writes 00:00:00:00:00:00 to reset the VF needs a fix or a non-zero address',
    render: render('[bnx2x_set_vf_mac:2704(enp3s0f0)]'),
    examples: [ex('[ 5120.118730] [bnx2x_set_vf_mac:2711(enp4s0f1)]mac address invalid', { pf: 'enp4s0f1' })],
  },
  {
    id: 'kernel.bnx2x-vf-op-refused',
    source: 'kernel',
    cite: `${BNX2X} bnx2x_vf_op_prep()`,
    format: "PF is down - can't utilize iov-related functionality\n",
    versions:
      'BNX2X_ERR() ("[bnx2x_vf_op_prep:LINE(PF)]" first); siblings: "sriov is disabled - can\'t utilize iov-related functionality", "VF is uninitialized - can\'t utilize iov-related functionality. vfidx was %d BNX2X_NR_VIRTFN was %d", "vfqs struct is null. Was this invoked before dynamically enabling SR-IOV? vfidx was %d"',
    patterns: [
      /(?<what>PF is down|sriov is disabled) - can't utilize iov-related functionality/,
      /(?<what>VF is uninitialized) - can't utilize iov-related functionality\. vfidx was (?<vfidx>\d{1,4}) BNX2X_NR_VIRTFN was (?<nr>\d{1,4})/,
      /(?<what>vfqs struct is null)\. Was this invoked before dynamically enabling SR-IOV\? vfidx was (?<vfidx>\d{1,4})/,
    ],
    severity: 'error',
    title: 'bnx2x refused to configure a VF',
    cause: 'a VF setting through the PF (`ip link set PF vf N …`) was refused before it was tried',
    fix: 'read the reason on the line',
    refine: refineBnx2xPrep,
    render: render('[bnx2x_vf_op_prep:2501(eno1)]'),
    examples: [
      ex("[bnx2x_vf_op_prep:2501(eno2)]PF is down - can't utilize iov-related functionality", {
        what: 'PF is down',
      }),
      ex(
        "[bnx2x_vf_op_prep:2512(eno1)]VF is uninitialized - can't utilize iov-related functionality. vfidx was 8 BNX2X_NR_VIRTFN was 8",
        { vfidx: '8', nr: '8' },
      ),
    ],
  },
  {
    id: 'kernel.i915-iov-version',
    source: 'kernel',
    cite: `${I915_IOV} vf_handshake_with_guc()`,
    format: 'Unable to confirm version %u.%u (%pe)\n',
    versions:
      'IOV_PROBE_ERROR() ("i915 BDF: [drm] *ERROR* GT0: IOV: " first), followed by "Found interface version %u.%u.%u.%u"; printed by the i915 driver inside the guest (or on the host for a VF it drives)',
    patterns: [
      // the parenthesised result is left out when the line is quoted from memory (an issue title)
      /IOV: Unable to confirm version (?<major>\d{1,3})\.(?<minor>\d{1,3})(?: \((?<res>[^)\n]{1,40})\))?/,
      /IOV: Found interface version (?<found>\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})/,
    ],
    severity: 'warning',
    title: "An i915 SR-IOV VF's version handshake with the GuC",
    cause:
      'a VF of the Intel iGPU asks the GuC firmware (through the PF) for the VF interface version its driver was built for; the line reports the answer. With an error code in the parentheses the handshake failed and the VF driver stops probing (no GPU in the guest)',
    fix: 'use matching driver versions on both sides: the same i915 SR-IOV (i915-sriov-dkms) release, or kernel, on the host PF and in the guest',
    refine: (f) => {
      if (f.found !== undefined)
        return {
          severity: 'info',
          title: "The GuC's VF interface version, printed after a version mismatch (harmless by itself)",
          cause: `the VF driver asked the GuC again, for any version, after "Unable to confirm version": the GuC offers VF interface ${f.found}. The line itself changes nothing; the line before decides — a zero code in its parentheses means the handshake went on with this version (harmless, printed on every VF probe with these driver versions), an error name means the VF driver stopped`,
          fix: 'read the "Unable to confirm version" line before it',
        };
      if (/^0+$|^\(?null\)?$/i.test(f.res ?? ''))
        return {
          severity: 'info',
          title: "An i915 SR-IOV VF's version handshake answered another version (harmless)",
          cause: `the VF asked for interface ${f.major ? `${f.major}.${f.minor}` : 'version 1.x'} and the GuC answered a different one without an error (the code in parentheses is zero); the driver logs this at error level and goes on with the version found. With a VF driver that knows the GuC's interface it is printed on every probe and harmless. If the guest then has no working GPU, the host's GuC firmware is newer than the VF interface the guest's i915-sriov-dkms was built for: a host firmware update (linux-firmware / pve-firmware with a newer GuC, e.g. 70.20 offering VF ABI 1.9) moved the interface past the ABI an older release expects, so the versions no longer match`,
          fix: 'if the VF works, nothing to do; if not, update i915-sriov-dkms in the guest to a release that knows the GuC interface the host offers (later releases detect it), or build it for that GuC ABI version, or keep the host on the GuC firmware the guest driver supports',
        };
      if (f.res === undefined) return undefined;
      return {
        cause: `the VF's version request to the GuC failed (${f.res}): the PF's GuC/driver on the host does not answer the VF relay (a host PF driver without SR-IOV support, VFs enabled with a different driver, or GuC firmware not loaded in SR-IOV mode); the VF driver gives up and the guest has no GPU`,
      };
    },
    render: render('i915 0000:00:02.1: [drm] *ERROR* GT0: IOV: ', 1, 0, '0000000000000000'),
    examples: [
      ex('i915 0000:00:02.3: [drm] *ERROR* GT0: IOV: Unable to confirm version 1.0 (0000000000000000)', {
        major: '1',
        minor: '0',
        res: '0000000000000000',
      }),
      ex('i915 0000:00:02.3: [drm] *ERROR* GT0: IOV: Unable to confirm version 1.0 (-EIO)', { res: '-EIO' }),
      ex('i915 0000:06:10.0: [drm] *ERROR* GT0: IOV: Found interface version 0.1.4.0', { found: '0.1.4.0' }),
      ex(
        'ERROR GT0: IOV: Unable to confirm version 1.4',
        { major: '1', minor: '4' },
        'https://github.com/strongtz/i915-sriov-dkms/issues/186',
      ),
    ],
  },
];

// --------------------------------------------------------------------------------------- Xen

/** Which pciback attribute libxl could not write, and why by errno. */
function refinePcibackWrite(f: Facts): Refinement | undefined {
  const path = f.path ?? '';
  const attr = path.split('/').pop() ?? '';
  const inPciback = path.includes('/drivers/pciback/');
  if (inPciback && (attr === 'allow_interrupt_control' || attr === 'allow_msi_enable'))
    return {
      cause: `libxl lets the device model of an HVM domain that runs in a stub domain set the device's MSI/MSI-X (and INTx) enable bits by writing the device to xen-pciback's ${attr} attribute; the running dom0 kernel's pciback has no such attribute (allow_interrupt_control came with Linux 5.10; allow_msi_enable was the name of an earlier out-of-tree kernel patch), so the write fails and the stub domain's QEMU is not allowed to enable MSI/MSI-X for the passed-through device`,
      fix: 'run a dom0 kernel of Linux 5.10 or later (or with the pciback allow_interrupt_control patch backported), or run the device model in dom0 instead of a stub domain (device_model_stubdomain_override=0)',
    };
  if (inPciback && f.errno === 'ENOENT')
    return {
      cause: `libxl writes the device's address to /sys/bus/pci/drivers/pciback/${attr}, and it does not exist: the xen-pciback driver is not loaded in dom0 (or its sysfs directory has another name)`,
      fix: 'load xen-pciback in dom0 (`modprobe xen-pciback`), then `xl pci-assignable-add BDF`',
    };
  if (attr === 'permissive')
    return {
      cause:
        "libxl could not switch pciback's permissive mode on for the device (pci= entry with permissive=1): the device is not bound to pciback, or pciback is not loaded",
      fix: 'make the device assignable first (`xl pci-assignable-add BDF`), then start the domain',
    };
  if (attr === 'unbind' || attr === 'bind' || attr === 'new_slot' || attr === 'remove_slot')
    return {
      cause: `libxl moves a device between its host driver and pciback by writing its address to sysfs ${attr}; the write failed${f.errno ? ` (${f.errno})` : ''}: the device is gone or already bound elsewhere, the driver refuses it, or dom0 has no pciback`,
      fix: 'check `lspci -k -s BDF` for the bound driver and `xl pci-assignable-list`; bind it to pciback with `xl pci-assignable-add BDF`',
    };
  return undefined;
}

/** Where a failed HVM emulation happened, from the code segment and instruction pointer. */
function refineHvmEmulation(f: Facts): Refinement | undefined {
  const ip = Number.parseInt(f.ip ?? '', 16);
  const mode = f.mode ?? '';
  const firmware =
    (mode === '32bit' || mode === 'Real' || mode === '16bit') &&
    Number.isFinite(ip) &&
    (ip >= 0xfff00000 || (ip >= 0xc0000 && ip <= 0xfffff));
  if (firmware)
    return {
      cause: `the vCPU of domain ${f.dom} was still in the guest firmware (${mode} code at ${f.cs}:${f.ip}, in the BIOS area below 1 MiB or the firmware window just below 4 GiB) and ran into an address where nothing is mapped or an instruction Xen cannot emulate, so it faults and usually triple-faults next (the domain crashes or reboots before its OS starts). The firmware image the domain boots does not fit this Xen and device model: a SeaBIOS/ROMBIOS/OVMF build of another size or layout than hvmloader and QEMU expect, or a firmware build broken by its compiler options (xen-devel 2020: a rombios built with -fcf-protection triple-faulted this way). It typically starts right after an update of Xen, QEMU or the firmware package`,
      fix: 'check which firmware image the domain uses (bios=, firmware= in the xl config; the seabios/ovmf package and the bios.bin the device model loads) and that it is the build your distribution ships for this Xen version; reinstall or downgrade the firmware package to the matching build; `xl dmesg` and the guest console ((dN) lines) show how far the firmware got',
    };
  if (mode === '64bit')
    return {
      cause: `a 64-bit vCPU of domain ${f.dom} executed an instruction that touched emulated memory or I/O which Xen's emulator could not handle (${f.cs}:${f.ip}; the bytes after "->" are the instruction): an instruction the HVM emulator does not implement for MMIO, or an access to an address no device model claims. The guest gets a fault; a guest OS or driver poking at a passed-through device's BAR before it is mapped can cause it`,
      fix: "report the line with `xl dmesg` to xen-devel (the instruction bytes identify it); update Xen, whose emulator gains instructions over releases; check the guest's driver for the device at that address",
    };
  return undefined;
}

const XEN: CatalogueEntry[] = [
  {
    id: 'qemu.xen-pt-config-sync',
    source: 'qemu',
    cite: XEN_PT_CONFIG,
    format: 'Offset 0x%04x mismatch! Emulated=0x%04x, host=0x%04x, syncing to 0x%04x.\n',
    versions:
      'XEN_PT_LOG() ("[BB:DD.F] xen_pt_config_reg_init: " first; the address is the device in the guest); Qubes logs it in the device-model (stub domain) console with a timestamp',
    patterns: [
      /Offset 0x(?<offset>[0-9a-fA-F]{1,4}) mismatch! Emulated=0x(?<emulated>[0-9a-fA-F]{1,8}), host=0x(?<host>[0-9a-fA-F]{1,8}), syncing to 0x(?<synced>[0-9a-fA-F]{1,8})/,
    ],
    severity: 'info',
    title: "Xen's QEMU synced an emulated config register to the device's value (harmless)",
    cause:
      "informational: while QEMU's Xen PCI passthrough sets up a device it builds the guest's view of its config space; for each register it emulates whose initial emulated value differs from what the physical device holds in the bits passed through, it adopts the host value and logs the difference. The BAR registers (offsets 0x10–0x24) and the command/status and capability registers show up on every attach; it is expected on every successful start and not the cause of a failure",
    fix: 'nothing to do; if the device does not work in the guest, look at the error lines of the same log (xen_pt_realize: Error, pciback, libxl)',
    render: render('[00:05.0] xen_pt_config_reg_init: ', 0x10, 0, 0xf7e00000, 0xf7e00000),
    examples: [
      ex(
        '[2023-11-02 10:41:07] [00:07.0] xen_pt_config_reg_init: Offset 0x0010 mismatch! Emulated=0x0000, host=0xf7d0000c, syncing to 0xf7d0000c.',
        { offset: '0010' },
      ),
      ex(
        '[00:05.0] xen_pt_config_reg_init: Offset 0x0004 mismatch! Emulated=0x0000, host=0x0406, syncing to 0x0406.',
        {
          offset: '0004',
        },
      ),
    ],
  },
  {
    id: 'qemu.xen-pt-attach-progress',
    source: 'qemu',
    cite: `${XEN_PT} xen_pt_realize() and xen_pt_register_regions()`,
    format: 'Assigning real physical device %02x:%02x.%d to devfn 0x%x\n',
    versions:
      'XEN_PT_LOG(); the same attach also logs "IO region %i registered (size=0x%08x base_addr=0x%08x type: 0x%x)" per BAR, "Expansion ROM registered (size=0x%08x base_addr=0x%08x)", "%04x:%02x:%02x.%d is a SR-IOV Virtual Function", "no pin interrupt", "machine irq is 0" and "Real physical device %02x:%02x.%d registered successfully"',
    patterns: [
      /xen_pt_realize: Assigning real physical device (?<host>[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]) to devfn (?<devfn>0x[0-9a-fA-F]{1,2})/,
      /xen_pt_register_regions: (?<what>IO region) (?<bar>\d) registered \(size=0x(?<size>[0-9a-fA-F]{1,16}) base_addr=0x(?<base>[0-9a-fA-F]{1,16})/,
      /xen_pt_register_regions: (?<what>Expansion ROM) registered \(size=0x(?<size>[0-9a-fA-F]{1,16})/,
      /xen_pt_realize: Real physical device (?<host>[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]) registered successfully/,
      /xen_pt_realize: (?<what>no pin interrupt|machine irq is 0)/,
    ],
    severity: 'info',
    title: "Xen's QEMU is attaching a passed-through device (routine)",
    cause:
      'routine output of QEMU\'s Xen PCI passthrough while it attaches a device to an HVM guest: which host device goes to which guest slot, each BAR and the expansion ROM it registers, and at the end that the device was registered. These lines appear on every successful attach and say nothing about a later failure; "no pin interrupt" means the device has no INTx line (it uses MSI/MSI-X only) and "machine irq is 0" that dom0 gave it no legacy IRQ, so INTx is disabled for the guest',
    fix: 'nothing to do; a failure shows as "xen_pt_realize: Error:" lines or libxl errors',
    render: render('[00:06.0] xen_pt_realize: ', 0, 0x14, 3, 0x30),
    examples: [
      ex('[00:06.0] xen_pt_realize: Assigning real physical device 03:00.0 to devfn 0x28', {
        host: '03:00.0',
        devfn: '0x28',
      }),
      ex(
        '[00:06.0] xen_pt_register_regions: IO region 0 registered (size=0x00002000 base_addr=0xf7c00000 type: 0x0)',
        { bar: '0', size: '00002000' },
      ),
      ex('[00:06.0] xen_pt_realize: Real physical device 03:00.0 registered successfully', {
        host: '03:00.0',
      }),
    ],
  },
  {
    id: 'qemu.xen-pt-bar-mapping-failed',
    source: 'qemu',
    cite: `${XEN_PT} xen_pt_region_update()`,
    format: '%s mem mapping failed! (err: %i)\n',
    versions:
      'XEN_PT_ERR() ("[BB:DD.F] xen_pt_region_update: Error: " first); "create new" when mapping a BAR where the guest placed it, "remove old" when unmapping; the I/O-port BARs say "%s ioport mapping failed! (err: %i)"',
    patterns: [
      /(?<op>create new|remove old) (?<space>mem|ioport) mapping failed! \(err: (?<err>-?\d{1,4})\)/,
    ],
    severity: 'error',
    title: "Xen's QEMU could not map a passed-through device's BAR into the guest",
    cause:
      "when the guest (its firmware or OS) places a BAR of the passed-through device, QEMU asks the hypervisor to map the device's real MMIO or I/O ports at that guest address (xc_domain_memory_mapping / xc_domain_ioport_mapping); the hypervisor refused, so guest accesses to that BAR reach nothing and the device's driver fails",
    fix: "read the errno and `xl dmesg` for the hypervisor's reason",
    refine: (f) => {
      if (f.errno === 'EPERM' || f.errno === 'EACCES')
        return {
          cause: `the hypervisor refused to map the device's ${f.space === 'ioport' ? 'I/O ports' : 'MMIO'} for the domain: the domain was not granted access to that range (libxl grants the BARs of an assigned device when it attaches it; a device added outside libxl, or a stub domain without permission over the range, is refused)`,
          fix: 'attach devices through xl/libxl (pci= in the config or xl pci-attach) so the ranges are granted; with a stub domain make sure it may map the device (its libxl log shows the grants)',
        };
      if (f.errno === 'EINVAL' || f.errno === 'E2BIG' || f.errno === 'ENOMEM')
        return {
          cause: `the mapping request was rejected (${f.errno}): a BAR the guest placed overlapping other guest memory or beyond the guest's physical address range, or a BAR larger than the hypervisor maps in one call (older Xen limited a single mapping; large GPU BARs hit it)`,
          fix: 'update Xen; for large BARs raise the guest MMIO hole (mmio_hole= in the xl config) so the firmware places them below 4 GiB, or give the guest a 64-bit MMIO window',
        };
      return undefined;
    },
    render: render('[00:05.0] xen_pt_region_update: Error: ', 'create new', 1),
    examples: [
      ex('[00:05.0] xen_pt_region_update: Error: create new mem mapping failed! (err: 1)', {
        op: 'create new',
        space: 'mem',
        errno: 'EPERM',
      }),
      ex('[00:06.0] xen_pt_region_update: Error: remove old ioport mapping failed! (err: 22)', {
        space: 'ioport',
        errno: 'EINVAL',
      }),
    ],
  },
  {
    id: 'qemu.xen-pt-write-inhibited',
    source: 'qemu',
    cite: `${XEN_PT} xen_pt_pci_write_config()`,
    format: 'Write-back to unknown field 0x%02x (partially) inhibited (0x%0*x)\n',
    versions:
      'logged once per device, followed by "If the device doesn\'t work, try enabling permissive mode" and "(unsafe) and if it helps report the problem to xen-devel"',
    patterns: [
      /Write-back to unknown field 0x(?<field>[0-9a-fA-F]{1,4}) \(partially\) inhibited/,
      /If the device doesn't work, try enabling (?<hint>permissive) mode/,
    ],
    severity: 'warning',
    title: "Xen's QEMU dropped a guest write to a config register it does not know",
    cause:
      "the guest's driver wrote to a config-space register of the passed-through device that QEMU's Xen passthrough neither emulates nor passes through (a vendor-specific register, or a capability QEMU does not know); without permissive mode the write is not forwarded to the device. Many drivers work regardless; a device that needs the write (firmware handshake through vendor registers) malfunctions in the guest",
    fix: 'if the device misbehaves, set permissive=1 for it in the pci= entry of the xl config (e.g. pci=["03:00.0,permissive=1"]) — this lets the guest write any config register and is unsafe with untrusted guests — and report the device to xen-devel',
    render: render('[00:05.0] ', 0x44, 8, 0xff0000),
    examples: [
      ex('[00:05.0] Write-back to unknown field 0x44 (partially) inhibited (0x00ffff00)', { field: '44' }),
      ex("[00:05.0] If the device doesn't work, try enabling permissive mode", { hint: 'permissive' }),
    ],
  },
  {
    id: 'qemu.xen-pt-bar-overlap',
    source: 'qemu',
    cite: `${XEN_PT} xen_pt_region_update() and xen_pt_check_bar_overlap()`,
    format: 'Region: %d (addr: 0x%x, len: 0x%x) is overlapped.\n',
    versions:
      'XEN_PT_WARN() ("[BB:DD.F] xen_pt_region_update: Warning: "); preceded by "Overlapped to device [%02x:%02x.%d] Region: %i (addr: 0x%x, len: 0x%x)" naming the other guest device',
    patterns: [
      /Region: (?<bar>\d) \(addr: 0x(?<addr>[0-9a-fA-F]{1,16}), len: 0x(?<len>[0-9a-fA-F]{1,16})\) is overlapped/,
      /Overlapped to device \[(?<other>[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])\] Region: (?<bar>\d)/,
    ],
    severity: 'warning',
    title: "A passed-through device's BAR overlaps another device's in the guest",
    cause:
      "while the guest moves BARs (its firmware or OS sizing and placing them), QEMU found the passed-through device's BAR at an address another device of the guest also decodes. Transient during BAR sizing and usually harmless; if it stays, both devices answer the same addresses and one of them fails",
    fix: "if a device fails, check the guest's BAR layout (`lspci -v` in the guest) and update the guest firmware; a stub-domain device model and QEMU version updates have fixed such placements",
    render: render('[00:05.0] xen_pt_region_update: Warning: ', 0, 0xf0000000, 0x1000000),
    examples: [
      ex(
        '[00:05.0] xen_pt_region_update: Warning: Region: 1 (addr: 0xe0000000, len: 0x10000000) is overlapped.',
        {
          bar: '1',
        },
      ),
    ],
  },
  {
    id: 'qemu.xen-pt-bar-via-qemu',
    source: 'qemu',
    cite: `${XEN_PT} xen_pt_bar_read() / xen_pt_bar_write()`,
    format: 'Should not read BAR through QEMU. @0x%x\n',
    versions: 'XEN_PT_ERR(); writes say "Should not write BAR through QEMU. @0x%x"',
    patterns: [/Should not (?<op>read|write) BAR through QEMU\. @0x(?<off>[0-9a-fA-F]{1,16})/],
    severity: 'error',
    title: 'A guest access to a passed-through BAR reached QEMU instead of the device',
    cause:
      "QEMU's Xen passthrough maps a device's BARs straight into the guest (the hypervisor forwards accesses to the hardware), so an access should never reach QEMU; this one did, because the mapping of that BAR is missing (its earlier \"mem mapping failed\" or an IOMMU/p2m set-up problem, as the source's comment says). The access reads as zero or is dropped and the device's driver misbehaves",
    fix: 'look for "mem mapping failed" lines of the same device and `xl dmesg` errors when the BAR was mapped; check the IOMMU is enabled for Xen (iommu=1) and update Xen/QEMU',
    render: render('[00:05.0] xen_pt_bar_read: Error: ', 0x100),
    examples: [
      ex('[00:05.0] xen_pt_bar_read: Error: Should not read BAR through QEMU. @0x0000000000000100', {
        op: 'read',
      }),
    ],
  },
  {
    id: 'xen.pciback-sysfs-write-failed',
    source: 'xen',
    cite: `${LIBXL_PCI} sysfs_write_bdf() (callers: pci_add_dm_done(), sysfs_dev_unbind(), pciback_dev_assign())`,
    format: "Couldn't open %s",
    versions:
      'LOGE(): libxl appends ": " and strerror(errno); the write itself failing says "write to %s returned %d"',
    patterns: [
      /Couldn't open (?<path>\/sys\/bus\/pci\/[\w/.:-]{1,160}): (?<err>[^\n]{1,80})/,
      /write to (?<path>\/sys\/bus\/pci\/[\w/.:-]{1,160}) returned (?<rc>-?\d{1,4}): (?<err>[^\n]{1,80})/,
    ],
    severity: 'error',
    title: "libxl could not write a device's address to a PCI sysfs attribute",
    cause:
      "libxl hands devices between dom0's drivers and xen-pciback, and sets pciback's per-device permissions, by writing the device's address into files under /sys/bus/pci (the driver's unbind and bind, pciback's new_slot, permissive, allow_interrupt_control); this write failed, so that step of attaching the device did not happen",
    fix: 'read the path and the error: the last component is the attribute libxl wanted',
    refine: refinePcibackWrite,
    render: render(
      'libxl: error: libxl_pci.c:396:sysfs_write_bdf: ',
      '/sys/bus/pci/drivers/pciback/permissive: No such file or directory',
    ),
    examples: [
      ex(
        "2022-03-14 17:20:41.102+0000: libxl: libxl_pci.c:398:sysfs_write_bdf: Couldn't open /sys/bus/pci/drivers/pciback/allow_interrupt_control: No such file or directory",
        { path: '/sys/bus/pci/drivers/pciback/allow_interrupt_control', errno: 'ENOENT' },
      ),
      ex(
        'libxl: error: libxl_pci.c:417:sysfs_write_bdf: write to /sys/bus/pci/drivers/pciback/new_slot returned -1: No such device',
        { path: '/sys/bus/pci/drivers/pciback/new_slot', errno: 'ENODEV' },
      ),
      ex(
        "libxl: error: libxl_pci.c:396:sysfs_write_bdf: Couldn't open /sys/bus/pci/drivers/pciback/bind: No such file or directory",
        { errno: 'ENOENT' },
      ),
    ],
  },
  {
    id: 'xen.hvm-emulation-failed',
    source: 'xen',
    cite: `${HVM_EMULATE} (callers: hvm/io.c hvm_emulate_one_insn() "MMIO", and the other emulation paths)`,
    format: '%s emulation failed (%d): %pv %s @ %04x:%08lx -> %*ph\n',
    versions:
      'printed in `xl dmesg` as "(XEN) MMIO emulation failed (1): d12v0 32bit @ 0008:…"; before Xen 4.8 "MMIO emulation failed @ %04x:%lx: %02x %02x …"; the return code 1 is X86EMUL_UNHANDLEABLE',
    patterns: [
      /(?<kind>MMIO|I\/O|[A-Z][\w-]{1,15}) emulation failed \((?<rc>\d{1,2})\): d(?<dom>\d{1,5})v\d{0,4} (?<mode>Real|v86|16bit|32bit|64bit|Unknown) @ (?<cs>[0-9a-fA-F]{4}):(?<ip>[0-9a-fA-F]{1,16})/,
    ],
    severity: 'error',
    title: "Xen could not emulate a guest instruction's memory or I/O access",
    cause:
      'an HVM vCPU touched memory or I/O that Xen must emulate (no RAM there, or a device-model range) and the emulator could not complete it: nothing claims the address, or the instruction is one it does not implement for such accesses. The guest gets a fault; where it is in its firmware the domain usually crashes next (a triple fault)',
    fix: 'read the CS:IP and mode: the explanation below names the stage; `xl dmesg` has the instruction bytes after "->"',
    refine: refineHvmEmulation,
    render: render('(XEN) ', 'MMIO', 1, 'd7', '32bit', 8, 0xfffee2a1),
    examples: [
      ex('(XEN) MMIO emulation failed (1): d14v0 32bit @ 0008:fffe1c3d -> ', {
        dom: '14',
        mode: '32bit',
        ip: 'fffe1c3d',
      }),
      ex('(XEN) MMIO emulation failed (1): d3v2 64bit @ 0010:fffff8012a4c3f0e -> 0f 01 d0 48 89 45', {
        mode: '64bit',
      }),
    ],
  },
  {
    id: 'xen.hvm-triple-fault',
    source: 'xen',
    cite: 'xen-project/xen xen/arch/x86/hvm/hvm.c hvm_triple_fault()',
    format: 'Triple fault - invoking HVM shutdown action %d\n',
    versions:
      'gprintk(): "(XEN) d5v0 Triple fault - invoking HVM shutdown action 1"; a register dump of the vCPU follows; the action is the domain\'s HVM_PARAM_TRIPLE_FAULT_REASON (1 = reboot, 2 = poweroff … as set by on_reboot/on_crash)',
    patterns: [/d(?<dom>\d{1,5})v\d{1,4} Triple fault - invoking HVM shutdown action (?<action>\d)/],
    severity: 'error',
    title: 'An HVM guest vCPU triple-faulted and Xen shut the domain down',
    cause:
      "the guest's vCPU took a fault while handling a fault while handling a fault (the x86 triple fault, a CPU reset on real hardware): the guest's firmware, boot loader or kernel crashed so early that it had no working exception handling. Xen applies the domain's shutdown action (a reboot loop, or the crash action). The lines just before say where: the guest console ((dN) lines: the firmware or kernel that was starting) and any \"emulation failed\" line with the instruction pointer",
    fix: 'read the lines before and the RIP in the register dump: an address in the firmware (just below 4 GiB or below 1 MiB) points at the firmware image (see the emulation-failed line); in the kernel, at a guest kernel that does not boot on this Xen (try another kernel or domain type, e.g. HVM instead of PVH)',
    render: render('(XEN) d5v0 ', 1),
    examples: [ex('(XEN) d17v0 Triple fault - invoking HVM shutdown action 1', { dom: '17', action: '1' })],
  },
];

// ------------------------------------------------------------------------------------- vBIOS

const VBIOS: CatalogueEntry[] = [
  {
    id: 'vbios.patcher-sanity-check',
    source: 'userspace tool',
    cite: `${PATCHER} VBIOSROM.run_sanity_tests()`,
    format: "Expected only one 'NPDS' marker between header and footer, found %d",
    versions:
      'raised as CheckException (a Python traceback ends with it); siblings: "Expected only three \'NPDE\' markers between header and footer, found %d" (later versions add ", potential vBIOS without UEFI support!") and "Expected two \'NPDE\' markers after the \'NPDS\' marker"; --ignore-sanity-check turns them into "Encountered error during sanity check: …"',
    patterns: [
      /Expected only (?<want>one|three) '(?<marker>NPDS|NPDE)' markers? between header and footer, found (?<found>\d{1,3})/,
      /Expected two '(?<marker>NPDE)' markers after the 'NPDS' marker/,
    ],
    severity: 'error',
    title: 'The NVIDIA vBIOS patcher does not recognise the layout of this ROM',
    cause:
      "NVIDIA-vBIOS-VFIO-Patcher cuts a full vBIOS dump (as nvflash or GPU-Z save it) down to the PCI option ROM that QEMU's romfile= needs: it looks for the 55AA header, then for a footer by a fixed pattern per GPU generation, and checks the PCI data structures (NPDS) and their ends (NPDE) between the two. The counts found differ from the one layout the tool knows (one NPDS, three NPDE: the legacy and UEFI images of a desktop card), so it refuses to cut the ROM",
    fix: "check the dump is a full ROM of this exact card (nvflash --save, GPU-Z); a ROM that is already the option-ROM part needs no patching (QEMU takes it as is: check it with rom-parser); the sanity checks can be skipped with --ignore-sanity-check only when you can check the result (rom-parser must show a valid PCIR for the card's device ID)",
    refine: (f) => {
      const found = Number(f.found);
      if (f.marker === 'NPDS' && found > 1)
        return {
          cause: `the patcher found ${f.found} NPDS markers between the header and the footer it detected: the footer sits too far into the ROM, because the footer pattern that matched belongs to another GPU generation (the patcher tries its fixed patterns in order, RTX 30XX first, and the first that matches decides the series and the offsets — a ROM of another generation can match a wrong one), or the dump holds several images; the offsets are wrong and cutting there would give a broken ROM`,
          fix: 'look at the "ROM footer for … found!" line above: if the series named is not your card, the detection is wrong — use a version of the patcher that knows your generation, or disable the wrongly matching pattern (the FOOTER_DETECTORS list) so the right one is found, then rerun; or extract the option ROM with another tool and check it with rom-parser',
        };
      if (f.marker === 'NPDE' && Number.isFinite(found) && found < 3)
        return {
          cause: `only ${f.found} NPDE markers lie between the header and the footer where the tool expects three: this ROM is laid out differently from the desktop-card dumps the tool knows — a vBIOS without the UEFI image (legacy only), a mobile (laptop, MXM) GPU's vBIOS, which has another format, or a dump that is already partial; the tool cannot cut it correctly`,
          fix: "for a laptop GPU the vBIOS usually comes from the system firmware, not from a card ROM: extract it from the laptop's BIOS image and pass it as romfile=; for a desktop card without UEFI support, a UEFI guest (OVMF) needs a vBIOS with the UEFI image (update the card's firmware); otherwise check the dump with rom-parser",
        };
      return undefined;
    },
    render: render('__main__.CheckException: ', 2),
    examples: [
      ex(
        'Traceback (most recent call last):\n  File "nvidia_vbios_vfio_patcher.py", line 213, in <module>\nmain.CheckException: Expected only one \'NPDS\' marker between header and footer, found 2',
        { marker: 'NPDS', found: '2' },
      ),
      ex(
        "__main__.CheckException: Expected only three 'NPDE' markers between header and footer, found 1, potential vBIOS without UEFI support!",
        { marker: 'NPDE', found: '1' },
      ),
    ],
  },
  {
    id: 'vbios.patcher-footer-detected',
    source: 'userspace tool',
    cite: `${PATCHER} VBIOSROM.detect_offsets()`,
    format: 'ROM footer for %s found!',
    versions:
      'the series names in the detector list: "RTX 30XX", "RTX 2060", "GTX 16XX / RTX 20XX", "Quadro PXXX", "GTX 10XX", "GTX XXX (400 - 900 Series)" (forks add others)',
    patterns: [/ROM footer for (?<series>[\w /()-]{2,40}?) found!/],
    severity: 'info',
    title: 'The NVIDIA vBIOS patcher guessed the GPU series from the ROM footer (check it)',
    cause:
      "informational: the patcher recognises the footer of a full vBIOS dump by a fixed pattern per generation (the distance between the 'VN' marker and the NPDS/NPDE markers), tries the patterns in a fixed order and takes the first that matches; the series named is that guess, not read from the card. If it is not the generation of your card, a pattern of another generation matched, the offsets are wrong and the sanity checks that follow fail (too many NPDS markers) or the ROM is cut wrongly",
    fix: 'compare the series with your card; if it differs, do not use the output: use a patcher version that knows the card, or remove the wrongly matching pattern from the detector list and rerun',
    render: render('', 'GTX 10XX'),
    examples: [ex('ROM footer for GTX 16XX / RTX 20XX found!', { series: 'GTX 16XX / RTX 20XX' })],
  },
  {
    id: 'vbios.patcher-header-footer-missing',
    source: 'userspace tool',
    cite: `${PATCHER} VBIOSROM.detect_offsets()`,
    format: "Couldn't find the ROM footer!",
    versions: 'raised as CheckException; also "Couldn\'t find the ROM header!"',
    patterns: [/Couldn't find the ROM (?<part>header|footer)!/],
    severity: 'error',
    title: 'The NVIDIA vBIOS patcher found no header or footer it knows in the file',
    cause:
      'the patcher looks for the option-ROM header (55AA followed by the "VIDEO" string NVIDIA ROMs carry) and for a footer by one of its per-generation patterns; neither matched. The file is not a full NVIDIA vBIOS dump: a dump that failed (zeros, a few bytes), an AMD or other vendor\'s ROM, a ROM that is already cut (the output of the tool, or read from sysfs), or a generation newer than the patterns the tool has',
    fix: 'for the footer: an older (GTX 400–900) card may need --disable-footer-strip, a newer generation a newer version of the patcher; check the file size and contents (a full NVIDIA dump is 128 KiB–1 MiB); a ROM read from /sys/bus/pci/devices/BDF/rom is already the option ROM and needs no patching — check it with rom-parser',
    refine: (f) =>
      f.part === 'header'
        ? {
            cause:
              "no option-ROM header with NVIDIA's \"VIDEO\" signature was found anywhere in the file: it is not an NVIDIA vBIOS (empty or failed dump, another vendor's ROM, a file in another format such as a vendor update tool's container)",
          }
        : undefined,
    render: render('__main__.CheckException: '),
    examples: [
      ex("__main__.CheckException: Couldn't find the ROM footer!", { part: 'footer' }),
      ex("main.CheckException: Couldn't find the ROM header!", { part: 'header' }),
    ],
  },
  {
    id: 'vbios.rom-parser-ran-off-end',
    source: 'userspace tool',
    cite: ROM_PARSER,
    format: 'Error, ran off the end\n',
    patterns: [/Error, ran off the end/],
    severity: 'error',
    title: 'rom-parser reached the end of the ROM file without its last image',
    cause:
      'rom-parser walks the option-ROM images (each starting with 55AA at a 512-byte boundary, with a PCIR structure) until one is marked as the last; it ran past the end of the file first. The file has no valid image at all — an NVIDIA full dump whose 55AA header is not at a 512-byte boundary (nvflash/GPU-Z dumps start with an NVIDIA header: cut them with the vBIOS patcher), a dump of zeros or 0xFF, a truncated file — or its last image is cut off',
    fix: 'check the dump: a ROM read from sysfs (`echo 1 > rom; cat rom > file; echo 0 > rom`, with the GPU not in use by a host driver) or a patched full dump; a valid one lists each image ("Valid ROM signature found @0h …") and ends with "Last image"',
    render: render(''),
    examples: [ex('Error, ran off the end')],
  },
  {
    id: 'vbios.rom-parser-invalid-pcir',
    source: 'userspace tool',
    cite: ROM_PARSER,
    format: 'Invalid PCIR signature: %c%c%c%c\n',
    patterns: [/Invalid PCIR signature: (?<sig>[^\n]{0,4})/],
    severity: 'error',
    title: 'rom-parser found an image header whose PCI data structure is invalid',
    cause:
      'an image starts with the 55AA signature but the pointer in it does not lead to a "PCIR" structure: the bytes are not an option ROM at that offset (a full-flash dump with other data, a ROM corrupted in the dump), so QEMU and the guest firmware would reject it too',
    fix: "dump the ROM again (sysfs rom file with the GPU idle, or a full dump cut with the vBIOS patcher) and check that rom-parser lists a PCIR with your card's vendor and device IDs",
    render: render('', 'V', 'I', 'D', 'E'),
    examples: [ex('Invalid PCIR signature: VIDE', { sig: 'VIDE' })],
  },
  {
    id: 'vbios.rom-parser-empty',
    source: 'userspace tool',
    cite: ROM_PARSER,
    format: 'Error, zero sized ROM file\n',
    patterns: [/Error, zero sized ROM file/],
    severity: 'error',
    title: 'The ROM file given to rom-parser is empty',
    cause:
      'the dump produced an empty file: reading the device\'s sysfs rom file failed (the shell created the file and cat wrote nothing) — the ROM was not enabled first (echo 1 > rom), or the kernel could not read it ("Invalid PCI ROM header signature" in dmesg: a GPU in use by a host driver, or the boot GPU whose ROM is shadowed)',
    fix: 'enable the ROM before reading (`echo 1 > /sys/bus/pci/devices/BDF/rom`), read it while no driver uses the GPU (bound to vfio-pci, or not the boot GPU), then `echo 0 > rom`; dmesg tells why a read failed',
    render: render(''),
    examples: [ex('Error, zero sized ROM file')],
  },
];

export const VIRT_MISSES_SWEEP_ENTRIES: CatalogueEntry[] = [
  ...DISPLAY,
  ...GVT,
  ...KUBEVIRT_MDEV,
  ...SRIOV,
  ...XEN,
  ...VBIOS,
];

/** Further wordings the entries above recognise, each rendered as the source prints it. */
export const VIRT_MISSES_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'qemu.egl-render-node-init-failed',
    file: 'qemu/qemu ui/spice-core.c',
    format: 'Failed to initialize EGL render node for SPICE GL',
    text: 'qemu-system-x86_64: Failed to initialize EGL render node for SPICE GL',
  },
  {
    id: 'qemu.egl-extension-missing',
    file: EGL,
    format: 'egl: EGL_KHR_surfaceless_context not supported',
    text: 'qemu-system-x86_64: egl: EGL_KHR_surfaceless_context not supported',
  },
  {
    id: 'qemu.egl-init-step-failed',
    file: EGL,
    format: 'egl: eglChooseConfig failed (%s mode): %s',
    text: 'qemu-system-x86_64: egl: eglChooseConfig failed (gles mode): EGL_BAD_ATTRIBUTE',
  },
  {
    id: 'qemu.egl-init-step-failed',
    file: EGL,
    format: 'egl: eglGetDisplay failed: %s',
    text: 'qemu-system-x86_64: egl: eglGetDisplay failed: EGL_BAD_PARAMETER',
  },
  {
    id: 'qemu.egl-init-step-failed',
    file: EGL,
    format: 'egl: eglCreateContext failed',
    text: 'qemu-system-x86_64: egl: eglCreateContext failed',
  },
  {
    id: 'qemu.egl-init-step-failed',
    file: EGL,
    format: 'egl: eglCreateWindowSurface failed',
    text: 'qemu-system-x86_64: egl: eglCreateWindowSurface failed',
  },
  {
    id: 'kernel.gvt-unsupported-device',
    file: INTEL_GVT,
    format: 'GVT-g is disabled for guest',
    text: 'i915 0000:00:02.0: [drm] GVT-g is disabled for guest',
  },
  {
    id: 'kernel.gvt-guc-submission',
    file: INTEL_GVT,
    format:
      'i915 GVT-g loading failed due to Graphics virtualization is not yet supported with GuC submission',
    text: '[drm:intel_gvt_init [i915]] *ERROR* i915 GVT-g loading failed due to Graphics virtualization is not yet supported with GuC submission',
  },
  {
    id: 'kernel.gvt-cmd-register-rejected',
    file: GVT_CMD,
    format: '%s access to register (%x)',
    text: 'gvt: vgpu 1: lrm access to register (e194)',
  },
  {
    id: 'kernel.gvt-cmd-register-rejected',
    file: GVT_CMD,
    format: 'not allowed cmd %s reg (%x)',
    text: 'gvt: vgpu 2: not allowed cmd lrr-dst reg (2260)',
  },
  {
    id: 'kernel.gvt-cmd-register-rejected',
    file: GVT_CMD,
    format: '%s access to (%x) outside of MMIO range',
    text: 'gvt: vgpu 1: lri access to (200000) outside of MMIO range',
  },
  {
    id: 'kernel.gvt-cmd-parser-error',
    file: GVT_CMD,
    format: '%s handler error',
    text: 'gvt: vgpu 1: MI_STORE_REGISTER_MEM handler error',
  },
  {
    id: 'kernel.gvt-cmd-parser-error',
    file: 'torvalds/linux drivers/gpu/drm/i915/gvt/scheduler.c',
    format: 'scan wa ctx error',
    text: 'gvt: vgpu 2: scan wa ctx error',
  },
  {
    id: 'kubevirt.mdev-create-failed',
    file: KV_MDEV,
    format: 'failed to create mdevs of type %s, failed to obtain number of instances',
    text: 'failed to create mdevs of type nvidia-63, failed to obtain number of instances',
  },
  {
    id: 'kernel.bnx2x-vf-op-refused',
    file: BNX2X,
    format: "sriov is disabled - can't utilize iov-related functionality",
    text: "[bnx2x_vf_op_prep:2505(eno1)]sriov is disabled - can't utilize iov-related functionality",
  },
  {
    id: 'kernel.bnx2x-vf-op-refused',
    file: BNX2X,
    format: 'vfqs struct is null. Was this invoked before dynamically enabling SR-IOV? vfidx was %d',
    text: '[bnx2x_vf_op_prep:2523(eno1)]vfqs struct is null. Was this invoked before dynamically enabling SR-IOV? vfidx was 0',
  },
  {
    id: 'kernel.i915-iov-version',
    file: 'strongtz/i915-sriov-dkms drivers/gpu/drm/i915/gt/iov/intel_iov_query.c',
    format: 'Found interface version %u.%u.%u.%u',
    text: 'i915 0000:00:02.1: [drm] *ERROR* GT0: IOV: Found interface version 0.1.2.0',
  },
  {
    id: 'qemu.xen-pt-attach-progress',
    file: XEN_PT,
    format: 'IO region %i registered (size=0x%08x base_addr=0x%08x type: 0x%x)',
    text: '[00:05.0] xen_pt_register_regions: IO region 2 registered (size=0x00004000 base_addr=0xf7b10000 type: 0x4)',
  },
  {
    id: 'qemu.xen-pt-attach-progress',
    file: XEN_PT,
    format: 'Expansion ROM registered (size=0x%08x base_addr=0x%08x)',
    text: '[00:05.0] xen_pt_register_regions: Expansion ROM registered (size=0x00080000 base_addr=0xf7a80000)',
  },
  {
    id: 'qemu.xen-pt-attach-progress',
    file: XEN_PT,
    format: 'Real physical device %02x:%02x.%d registered successfully',
    text: '[00:05.0] xen_pt_realize: Real physical device 01:00.0 registered successfully',
  },
  {
    id: 'qemu.xen-pt-attach-progress',
    file: XEN_PT,
    format: 'no pin interrupt',
    text: '[00:07.0] xen_pt_realize: no pin interrupt',
  },
  {
    id: 'qemu.xen-pt-bar-mapping-failed',
    file: XEN_PT,
    format: '%s ioport mapping failed! (err: %i)',
    text: '[00:05.0] xen_pt_region_update: Error: create new ioport mapping failed! (err: 1)',
  },
  {
    id: 'qemu.xen-pt-write-inhibited',
    file: XEN_PT,
    format: "If the device doesn't work, try enabling permissive mode",
    text: "[00:05.0] If the device doesn't work, try enabling permissive mode",
  },
  {
    id: 'qemu.xen-pt-bar-overlap',
    file: XEN_PT,
    format: 'Overlapped to device [%02x:%02x.%d] Region: %i (addr: 0x%x, len: 0x%x)',
    text: '[00:05.0] xen_pt_check_bar_overlap: Warning: Overlapped to device [00:02.0] Region: 0 (addr: 0xf0000000, len: 0x2000000)',
  },
  {
    id: 'qemu.xen-pt-bar-via-qemu',
    file: XEN_PT,
    format: 'Should not write BAR through QEMU. @0x%x',
    text: '[00:05.0] xen_pt_bar_write: Error: Should not write BAR through QEMU. @0x0000000000000040',
  },
  {
    id: 'xen.pciback-sysfs-write-failed',
    file: 'xen-project/xen tools/libs/light/libxl_pci.c',
    format: 'write to %s returned %d',
    text: 'libxl: error: libxl_pci.c:417:sysfs_write_bdf: write to /sys/bus/pci/drivers/pciback/bind returned -1: No such device',
  },
  {
    id: 'vbios.patcher-sanity-check',
    file: 'Matoking/NVIDIA-vBIOS-VFIO-Patcher nvidia_vbios_vfio_patcher.py',
    format: "Expected only three 'NPDE' markers between header and footer, found %d",
    text: "__main__.CheckException: Expected only three 'NPDE' markers between header and footer, found 4",
  },
  {
    id: 'vbios.patcher-sanity-check',
    file: 'Matoking/NVIDIA-vBIOS-VFIO-Patcher nvidia_vbios_vfio_patcher.py',
    format: "Expected two 'NPDE' markers after the 'NPDS' marker",
    text: "__main__.CheckException: Expected two 'NPDE' markers after the 'NPDS' marker",
  },
  {
    id: 'vbios.patcher-header-footer-missing',
    file: 'Matoking/NVIDIA-vBIOS-VFIO-Patcher nvidia_vbios_vfio_patcher.py',
    format: "Couldn't find the ROM header!",
    text: "__main__.CheckException: Couldn't find the ROM header!",
  },
];

/** What the sweep read and left out, with the reason. */
export const VIRT_MISSES_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: EGL,
    format: "egl: turning off GL doesn't make sense / egl: not available on this platform",
    why: 'command-line mistakes of -display egl-headless,gl=off and a QEMU built without GBM; QEMU names the option on the same line and nobody meets them on the passthrough path',
  },
  {
    file: EGL,
    format: 'egl: egl_init_ctx failed',
    why: 'the summary after "egl: eglCreateContext failed" or "egl: eglMakeCurrent failed", which qemu.egl-init-step-failed explains with the step',
  },
  {
    file: 'anholt/libepoxy src/gen_dispatch.py',
    format: '    %s (the provider list after "No provider of %s found")',
    why: 'indented extension names with no fixed text; epoxy.no-provider reads the function on the line before, and the extension list only repeats what that function needs',
  },
  {
    file: GVT_CMD,
    format:
      'ip_gma %lx out of range.base 0x%lx head 0x%lx tail 0x%lx / ip_gma %lx out of ring scope.(base:0x%lx, bottom: 0x%lx)',
    why: 'ring-pointer consistency checks of a workload whose head or tail the guest left inconsistent; followed by the workload failure lines (kernel.gvt-cmd-parser-error) and, when repeated, failsafe mode (kernel.gvt-failsafe), which carry the meaning',
  },
  {
    file: INTEL_GVT,
    format: 'GVT-g is disabled by kernel params / Fail to init GVT device',
    why: 'drm_dbg(): printed only with drm.debug set',
  },
  {
    file: KV_MDEV,
    format: 'failed to discover which mdev types are available for configuration',
    why: 'a glob or readlink error over /sys/class/mdev_bus, carrying the Go error as its reason; it has no cause of its own beyond the sysfs access the reason names, and a node without mdev parents globs nothing instead of failing',
  },
  {
    file: BNX2X,
    format: 'Unable to get VF structure for vfidx %d / Bulletin Board struct is null for vfidx %d',
    why: 'internal consistency checks of bnx2x (the VF array exists but an entry is missing): a driver bug, not a set-up step a user can change',
  },
  {
    file: XEN_PT,
    format: 'unbinding of interrupt INT%c failed. (machine irq: %i, err: %d) But bravely continuing on..',
    why: "teardown of a device's INTx binding when the domain is destroyed; it changes nothing for the next start (the binding goes away with the domain) and the source continues",
  },
  {
    file: XEN_PT,
    format: 'xen_host_pci_set_block failed. return value: %d.',
    why: "a failed write of a guest config-space write to the device through sysfs in dom0 (or the stub domain); it repeats the sysfs errno with no device context beyond the guest slot, and the device's own failure is what the user meets",
  },
  {
    file: HVM_EMULATE,
    format: '*** Dumping Dom%d vcpu#%d state: *** (and the register dump lines)',
    why: 'the register dump printed after a triple fault or domain crash; xen.hvm-triple-fault and xen.hvm-emulation-failed explain the event and point at the RIP line to read',
  },
  {
    file: ROM_PARSER,
    format:
      'Valid ROM signature found @%xh, PCIR offset %xh / PCIR: type %x%s, vendor: %04x, device: %04x, class: %06x / Last image',
    why: "rom-parser's normal listing of a valid ROM; whether an EFI image (type 3) is missing shows only from all its lines together, which the engine (one line at a time) cannot judge",
  },
];
