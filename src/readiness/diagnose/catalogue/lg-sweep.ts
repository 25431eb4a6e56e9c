/**
 * Looking Glass, kvmfr and vendor-reset, from their sources: what vmm-hugepage-sweep.ts (the
 * shared-memory file, its size, the host's IVSHMEM lookup) and other.ts (vendor-reset's reset
 * sequence) left unrecognised.
 *
 * - The Looking Glass client (gnif/LookingGlass client/src/main.c, the EGL renderer, the LGMP
 *   library it talks through): the host application not running or of another release, LGMP
 *   failures by status, SPICE, renderer, display server and DMA-BUF failures.
 * - The host application in the Windows guest (host/src/app.c, the DXGI and NvFBC capture
 *   backends, common/src/platform/windows/ivshmem.c): no capture interface, no output, the
 *   desktop-duplication HRESULTs, the IVSHMEM driver handle.
 * - The kvmfr module (module/kvmfr.c): its printk lines.
 * - vendor-reset (gnif/vendor-reset src/ftrace.c, src/amd/*.c): the ftrace/kprobe hook failing on
 *   a kernel without it, the MMIO/VBIOS/SOL/SMU steps of the AMD resets, and the step lines that
 *   are only progress. Since Linux 5.15 the hook is used only when the GPU's reset_method is
 *   device_specific (kernel.reset-method-invalid explains the refusal when vendor-reset is not
 *   loaded).
 *
 * The log lines are built from the format strings; the Looking Glass examples carry the log columns
 * its DEBUG_* macros print (time, level, file:line, function). DEBUG_WINERROR appends
 * ": 0x%08x (%s)", the Windows error code and its text.
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { ex, render } from './build.js';

const LG = 'gnif/LookingGlass';
const LGMP = 'gnif/LGMP lgmp/src/status.c lgmpStatusString()';
const VR = 'gnif/vendor-reset';
/** Where the guest's host application writes its log, said once. */
const HOST_LOG = 'the host log in the guest (%ProgramData%\\Looking Glass (host)\\looking-glass-host.txt)';
/** The matching-release advice, said once. */
const SAME_RELEASE =
  'install the host application (looking-glass-host-setup.exe in the guest) and the client from the same release (e.g. both B7), and restart the host service in the guest';

/** What an LGMP status means for the client (lgmp/src/client.c). */
function refineLgmpClient(f: Facts): Refinement | undefined {
  switch (f.status) {
    case 'LGMP_ERR_INVALID_SIZE':
      return {
        cause:
          'the shared memory the client mapped is too small for the LGMP headers, usually empty: /dev/shm/looking-glass exists (a tmpfiles rule made it) but the VM is not running, so QEMU has not sized it, or the client opened another file or kvmfr device than the VM uses',
        fix: 'start the VM first and point the client at the same file or kvmfr device the VM uses (-f PATH); with kvmfr, the static_size_mb= size must equal the ivshmem size of the VM',
      };
    case 'LGMP_ERR_INVALID_VERSION':
      return {
        title: 'Looking Glass: the host application speaks another LGMP version',
        cause:
          'the host application in the guest and this client were built with different versions of LGMP, the shared-memory protocol: they are from different Looking Glass releases',
        fix: SAME_RELEASE,
      };
    case 'LGMP_ERR_QUEUE_TIMEOUT':
    case 'LGMP_ERR_QUEUE_UNSUBSCRIBED':
      return {
        title: 'Looking Glass: the host dropped this client for being too slow',
        cause:
          'the host application removes a client that has not taken a message within its timeout (one second): the client stalled (suspended, starved of CPU, a stuck GPU driver), and the host gave up on it',
        fix: 'restart the client; if it recurs, look at what stalls it (CPU pinning that leaves the client no core, a compositor or GPU hang on the host)',
      };
    default:
      return undefined;
  }
}

/** What an LGMP status means for the host application in the guest (lgmp/src/host.c). */
function refineLgmpHost(f: Facts): Refinement | undefined {
  if (f.status === 'LGMP_ERR_NO_SHARED_MEM' || f.status === 'LGMP_ERR_INVALID_SIZE')
    return {
      cause:
        'the IVSHMEM shared memory is too small for the LGMP queues and frame buffers the host allocates in it: the ivshmem device of the VM is too small for the guest resolution, or the host opened a small IVSHMEM device of another program (Scream audio uses one)',
      fix: 'size the ivshmem device for two frames plus 10 MiB, rounded up to a power of two (32 MiB for 1080p, 128 MiB for 4K), restart the VM; with several ivshmem devices set [os] shmDevice= in looking-glass-host.ini',
    };
  return undefined;
}

/** Which version is older, from "Expected KVMFR version %d, got %d". */
function refineKvmfrVersion(f: Facts): Refinement | undefined {
  const expected = Number(f.expected);
  const got = Number(f.got);
  if (!Number.isFinite(expected) || !Number.isFinite(got) || f.expected === undefined) return undefined;
  if (got < expected)
    return {
      cause: `the host application in the guest writes KVMFR version ${got}, this client reads version ${expected}: the host application is older than the client`,
      fix: `update the host application in the guest to the client's release (${SAME_RELEASE})`,
    };
  if (got > expected)
    return {
      cause: `the host application in the guest writes KVMFR version ${got}, this client reads version ${expected}: the client is older than the host application`,
      fix: `update the client on the Linux side to the host application's release, or install the older host application (${SAME_RELEASE})`,
    };
  return undefined;
}

/** Windows HRESULTs of desktop duplication (DXGI_ERROR_* in winerror.h). */
function refineDuplicate(f: Facts): Refinement | undefined {
  const hr = (f.hr ?? '').toLowerCase();
  if (hr === '0x80070005')
    return {
      cause:
        'E_ACCESSDENIED: Windows refuses desktop duplication while the secure desktop is shown (UAC prompt, lock or sign-in screen) to a program that is not running as SYSTEM',
      fix: 'run the host application as the service its installer sets up (looking-glass-host.exe InstallService), not from a user session',
    };
  if (hr === '0x887a0004')
    return {
      cause:
        'DXGI_ERROR_UNSUPPORTED: the output cannot be duplicated by this adapter: the desktop is on the Microsoft Basic Display Adapter (no GPU driver installed in the guest, or the passed-through GPU has no display attached), or the output belongs to another GPU than the one the host uses',
      fix: 'install the GPU driver in the guest, attach a monitor or a dummy plug (or a virtual display driver) to the passed-through GPU, and disable the emulated display (QXL/VGA) as the primary one',
    };
  if (hr === '0x887a0022')
    return {
      cause:
        'DXGI_ERROR_NOT_CURRENTLY_AVAILABLE: Windows allows a limited number of desktop-duplication users per output and another program (OBS, Parsec, a second looking-glass-host) already holds it',
      fix: 'stop the other capture program or the second host application, then restart the Looking Glass host service',
    };
  return undefined;
}

function refineAcquire(f: Facts): Refinement | undefined {
  const hr = (f.hr ?? '').toLowerCase();
  if (hr === '0x887a0005' || hr === '0x887a0007')
    return {
      cause:
        'DXGI_ERROR_DEVICE_REMOVED/RESET: the guest GPU driver crashed or was reset (a TDR), so the capture device is gone; with a passed-through GPU this follows a driver hang, a GPU that was not reset between VM runs, or power management of the card',
      fix: 'read the Windows System log for "Display driver … stopped responding"; update the GPU driver in the guest; for AMD GPUs reset the card between VM runs (vendor-reset) and check the host log for reset errors',
    };
  return undefined;
}

export const LG_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---------------------------------------------------------------- Looking Glass client
  {
    id: 'lg.host-not-running',
    source: 'looking-glass',
    cite: `${LG} client/src/main.c lg_run() (the A-series clients' run() in client/main.c compared the shared memory's KVMFR header magic with KVMFR_HEADER_MAGIC and printed "Invalid header magic, is the host running?" on a mismatch; the OBS plugin of that time, obs/lg.c, printed the same line followed by the shared-memory file)`,
    format: 'The host application seems to not be running',
    versions:
      'followed by "Waiting for the host application to start..."; after 30 s "Please check the host application is running and is the correct version" (older clients) and "Check the host log in your guest at …"; the A-series clients said "Invalid header magic, is the host running?" when the shared memory held no header the host had written',
    patterns: [
      /The host application seems to not be running/,
      /Waiting for the host application to start\.\.\./,
      /Please check the host application is running and is the correct version/,
      /Invalid header magic, is the host running\?/,
    ],
    severity: 'warning',
    title: 'Looking Glass client: no host application is writing to the shared memory',
    cause:
      'the client mapped the shared memory but found no live LGMP session in it: the VM is still booting, the host application (looking-glass-host) is not running in the Windows guest, it failed at start-up, or the client and the VM use different shared-memory files or kvmfr devices',
    fix: `wait for the guest to finish booting; in the guest check that the Looking Glass host service runs and read ${HOST_LOG}; check that the client's -f path (or app:shmFile) is the one the VM's ivshmem device uses`,
    render: render('00:00:01.204 [I]              main.c:1582 | lg_run                         | '),
    examples: [
      ex(
        '00:00:01.204 [I]              main.c:1582 | lg_run                         | The host application seems to not be running',
      ),
      ex(
        '00:00:01.204 [I]              main.c:1583 | lg_run                         | Waiting for the host application to start...',
      ),
      ex(
        '[E]               main.c:795  | run                            | Invalid header magic, is the host running?',
      ),
    ],
  },
  {
    id: 'lg.host-incompatible',
    source: 'looking-glass',
    cite: `${LG} client/src/main.c reportBadVersion() (older clients: lg_run())`,
    format: 'The host application is not compatible with this client',
    versions:
      'followed by "This is not a Looking Glass error, do not report this", "Please install the matching host application for this client" and "Waiting for you to upgrade the host application"',
    patterns: [
      /The host application is not compatible with this client/,
      /Please install the matching host application for this client/,
      /Waiting for you to upgrade the host application/,
    ],
    severity: 'error',
    title: 'Looking Glass: the host application and the client are from different releases',
    cause:
      'the host application in the guest writes a KVMFR or LGMP version this client does not read: the two come from different Looking Glass releases (a distribution package of the client next to a host installer of another release is the usual way). Nothing is shown until they match',
    fix: `${SAME_RELEASE}; the lines after it ("Expected KVMFR version …, got …", "Host version: …") say which side is older`,
    render: render('00:00:01.300 [E]              main.c:1472 | reportBadVersion               | '),
    examples: [
      ex(
        '00:00:01.300 [E]              main.c:1472 | reportBadVersion               | The host application is not compatible with this client',
      ),
      ex(
        '00:00:01.300 [E]              main.c:1474 | reportBadVersion               | Please install the matching host application for this client',
      ),
    ],
  },
  {
    id: 'lg.kvmfr-version-mismatch',
    source: 'looking-glass',
    cite: `${LG} client/src/main.c lg_run()`,
    format: 'Expected KVMFR version %d, got %d',
    versions:
      'when the KVMFR magic itself differs: "Invalid KVMFR magic"; the clients of 2018-2019 (alpha to B1) printed "KVMFR version missmatch, expected %u but got %u" (sic)',
    patterns: [
      /Expected KVMFR version (?<expected>\d{1,4}), got (?<got>\d{1,10})/,
      /Invalid KVMFR magic/,
      /KVMFR version mis{1,2}match, expected (?<expected>\d{1,4}) but got (?<got>\d{1,10})/,
    ],
    severity: 'error',
    title: 'Looking Glass: the host application writes another KVMFR version',
    cause:
      'the host application in the guest and the client use different versions of the KVMFR frame format: they are from different releases. "Invalid KVMFR magic" means what is in the shared memory is not a Looking Glass host at all (a very old host, or another program using the same ivshmem device)',
    fix: SAME_RELEASE,
    refine: refineKvmfrVersion,
    render: render('00:00:01.301 [E]              main.c:1625 | lg_run                         | ', 20, 19),
    examples: [
      ex(
        '00:00:01.301 [E]              main.c:1625 | lg_run                         | Expected KVMFR version 20, got 19',
        {
          expected: '20',
          got: '19',
        },
      ),
      ex(
        '00:00:01.301 [E]              main.c:1625 | lg_run                         | Expected KVMFR version 19, got 20',
        {
          expected: '19',
          got: '20',
        },
      ),
      ex(
        '[E]               main.c:860  | run                            | KVMFR version missmatch, expected 7 but got 6',
        {
          expected: '7',
          got: '6',
        },
      ),
    ],
  },
  {
    id: 'lg.lgmp-client-failed',
    source: 'looking-glass',
    cite: `${LG} client/src/main.c lg_run(), main_frameThread(), main_cursorThread(); status names from ${LGMP}`,
    format: 'lgmpClientInit Failed: %s',
    versions:
      'the same for lgmpClientSessionInit, lgmpClientSubscribe and lgmpClientProcess; later clients (client/src/transport*.c) print "lgmpClientInit failed: %s"',
    patterns: [
      /(?<call>lgmpClient(?:Init|SessionInit|Subscribe|Process)) [Ff]ailed: (?<status>LGMP_[A-Z_]{2,40})/,
    ],
    severity: 'error',
    title: 'Looking Glass client: the shared-memory protocol (LGMP) failed',
    cause:
      'the client could not set up or keep its LGMP session in the shared memory; the status names why (a size, a version, a timeout)',
    fix: 'read the status: INVALID_SIZE is an empty or wrong shared-memory file, INVALID_VERSION a host application of another release, QUEUE_TIMEOUT/UNSUBSCRIBED a client that stalled; restart the client after fixing it',
    refine: refineLgmpClient,
    render: render(
      '00:00:00.101 [E]              main.c:1519 | lg_run                         | ',
      'LGMP_ERR_INVALID_SIZE',
    ),
    examples: [
      ex(
        '00:00:00.101 [E]              main.c:1519 | lg_run                         | lgmpClientInit Failed: LGMP_ERR_INVALID_SIZE',
        { call: 'lgmpClientInit', status: 'LGMP_ERR_INVALID_SIZE' },
      ),
      ex(
        '00:00:01.101 [E]              main.c:1560 | lg_run                         | lgmpClientSessionInit Failed: LGMP_ERR_INVALID_VERSION',
        { call: 'lgmpClientSessionInit', status: 'LGMP_ERR_INVALID_VERSION' },
      ),
      ex(
        '00:10:11.002 [E]              main.c:705  | main_frameThread               | lgmpClientProcess Failed: LGMP_ERR_QUEUE_UNSUBSCRIBED',
        { call: 'lgmpClientProcess', status: 'LGMP_ERR_QUEUE_UNSUBSCRIBED' },
      ),
    ],
  },
  {
    id: 'lg.run-as-root',
    source: 'looking-glass',
    cite: `${LG} client/src/main.c main()`,
    format: 'Do not run looking glass as root!',
    versions: 'later clients also refuse a setuid start: "Do not run looking glass as setuid!"',
    patterns: [/Do not run looking glass as (?<how>root|setuid)!/],
    severity: 'error',
    title: 'Looking Glass client refuses to run as root',
    cause:
      'the client was started as root (sudo) or setuid, which it refuses; people do this when the shared-memory file or /dev/kvmfr0 is not readable by their user',
    fix: 'run the client as your desktop user and fix the permission instead: a tmpfiles rule `f /dev/shm/looking-glass 0660 USER kvm -` for the file, or a udev rule SUBSYSTEM=="kvmfr", OWNER="USER", GROUP="kvm", MODE="0660" for kvmfr',
    render: render('00:00:00.000 [E]              main.c:1801 | main                           | '),
    examples: [
      ex(
        '00:00:00.000 [E]              main.c:1801 | main                           | Do not run looking glass as root!',
        {
          how: 'root',
        },
      ),
    ],
  },
  {
    id: 'lg.map-memory-failed',
    source: 'looking-glass',
    cite: `${LG} client/src/main.c lg_run()`,
    format: 'Failed to map memory',
    patterns: [/lg_run {0,40}\| Failed to map memory/],
    severity: 'error',
    title: 'Looking Glass client gave up: the shared memory could not be opened',
    cause:
      'the summary line after ivshmemOpen() failed; the lines just above it ("Failed to open:", "Failed to stat:", "Failed to map the shared memory device:" and the strerror text) say which file and why',
    fix: 'read the lines above it: a missing file means the VM is not running or uses another path (-f), "Permission denied" a file owned by QEMU\'s user (tmpfiles rule with your user) or a kvmfr node without a udev rule',
    render: render('00:00:00.012 [E]              main.c:1466 | lg_run                         | '),
    examples: [
      ex('00:00:00.012 [E]              main.c:1466 | lg_run                         | Failed to map memory'),
    ],
  },
  {
    id: 'lg.spice-connect-failed',
    source: 'looking-glass',
    cite: `${LG} client/src/main.c spiceThread() (older clients: lg_run())`,
    format: 'Failed to connect to spice server',
    versions:
      'while running: "failed to process spice messages" (older clients: "Failed to process spice messages")',
    patterns: [/Failed to connect to spice server/, /(?<lost>[Ff]ailed to process) spice messages/],
    severity: 'error',
    title: "Looking Glass client cannot reach the VM's SPICE server",
    cause:
      'the client uses SPICE (by default 127.0.0.1:5900) for keyboard, mouse, clipboard and audio; nothing answers there: the VM has no SPICE graphics device, it listens on another port or address (libvirt picks the port when autoport is on) or on a UNIX socket, or the VM is not running',
    fix: 'give the VM a SPICE display (<graphics type="spice" port="5900" autoport="no"><listen type="address" address="127.0.0.1"/></graphics>) and point the client at it (-c HOST -p PORT, or spice:host/spice:port in the client ini); or run without SPICE (-s, spice:enable=no) and pass keyboard and mouse another way',
    refine: (f) =>
      f.lost
        ? {
            title: 'Looking Glass client lost its SPICE connection',
            cause:
              "the client was connected to the VM's SPICE server and the connection broke while it was reading from it: the server closed it because another SPICE client connected to the VM (virt-manager's console window, remote-viewer — SPICE serves one client at a time), the VM shut down or QEMU restarted, or the client does not understand what the server sent (a client much older or newer than the VM's QEMU). The lines just above it say which (\"remote end closd connection\" is the server closing it)",
            fix: 'close other SPICE viewers of the VM while using Looking Glass, restart the client after the VM restarts, and use a client release matching the host application; or run without SPICE (-s) if input goes another way',
          }
        : undefined,
    render: render('00:00:00.210 [E]              main.c:1213 | spiceThread                    | '),
    examples: [
      ex(
        '00:00:00.210 [E]              main.c:1213 | spiceThread                    | Failed to connect to spice server',
      ),
      ex(
        '00:31:02.771 [E]              main.c:1223 | spiceThread                    | failed to process spice messages',
      ),
      ex(
        '44452355817 [E]               main.c:1236 | lg_run                         | Failed to process spice messages',
        { lost: 'Failed to process' },
        'https://github.com/gnif/LookingGlass/issues/267',
      ),
    ],
  },
  {
    id: 'lg.no-renderer',
    source: 'looking-glass',
    cite: `${LG} client/src/main.c lg_run()`,
    format: 'Unable to find a suitable renderer',
    versions: 'with a forced renderer (-g / app:renderer): "Forced renderer failed to iniailize" (sic)',
    patterns: [/Unable to find a suitable renderer/, /Forced renderer failed to iniail?ize/],
    severity: 'error',
    title: 'Looking Glass client found no renderer that works here',
    cause:
      'every renderer (EGL, then OpenGL) failed to initialise: the host session has no working EGL/OpenGL driver for the display (Mesa or the NVIDIA driver missing for this session, a remote/SSH session without GPU access, or a GPU that is itself passed to the VM so the host renders in software)',
    fix: "run the client in the graphical session of the host GPU; check `eglinfo` / `glxinfo -B` there; install the GL/EGL driver (Mesa, or the NVIDIA EGL libraries); the lines above name the renderer's own error",
    render: render('00:00:00.090 [E]              main.c:1366 | lg_run                         | '),
    examples: [
      ex(
        '00:00:00.090 [E]              main.c:1366 | lg_run                         | Unable to find a suitable renderer',
      ),
      ex(
        '00:00:00.090 [E]              main.c:1352 | lg_run                         | Forced renderer failed to iniailize',
      ),
    ],
  },
  {
    id: 'lg.no-display-server',
    source: 'looking-glass',
    cite: `${LG} client/src/main.c lg_run()`,
    format: 'No display servers available, tried:',
    versions:
      'the same function: "Subsystem early init failed", "Failed to initialize the displayserver backend"; a client built without Wayland or X11 support lists only what it has',
    patterns: [
      /No display servers available, tried:/,
      /Subsystem early init failed/,
      /Failed to initialize the displayserver backend/,
    ],
    severity: 'error',
    title: 'Looking Glass client cannot open a window (no Wayland or X11 display)',
    cause:
      'the client probes Wayland (WAYLAND_DISPLAY) and X11 (DISPLAY) and found neither usable: it was started outside the graphical session (SSH, a systemd service, sudo without the environment), or it was built without the backend this session uses (e.g. ENABLE_WAYLAND=OFF on a Wayland desktop without XWayland)',
    fix: 'start it from the desktop session (or export WAYLAND_DISPLAY/DISPLAY and XDG_RUNTIME_DIR of that session); rebuild with -DENABLE_WAYLAND=ON / -DENABLE_X11=ON as needed',
    render: render('00:00:00.020 [E]              main.c:1275 | lg_run                         | '),
    examples: [
      ex(
        '00:00:00.020 [E]              main.c:1275 | lg_run                         | No display servers available, tried:',
      ),
      ex(
        '00:00:00.030 [E]              main.c:1412 | lg_run                         | Failed to initialize the displayserver backend',
      ),
    ],
  },
  {
    id: 'lg.dmabuf-failed',
    source: 'looking-glass',
    cite: `${LG} common/src/platform/linux/ivshmem.c ivshmemGetDMABuf(); client/src/main.c main_frameThread()`,
    format: 'Failed to create the dma buffer',
    versions:
      'then, in the frame thread: "Failed to get the DMA buffer for the frame", after which the client stops',
    patterns: [/Failed to create the dma buffer/, /Failed to get the DMA buffer for the frame/],
    severity: 'error',
    title: 'Looking Glass client: the kvmfr device refused a DMA-BUF',
    cause:
      'with a kvmfr device the client asks the module for a DMA-BUF of each frame (KVMFR_DMABUF_CREATE); the ioctl failed: a kvmfr module from another release than the client (dmesg then shows "kvmfr: buffer not aligned …"), or a frame beyond the device size because static_size_mb= is smaller than the VM\'s ivshmem size',
    fix: "build kvmfr from the same release as the client (dkms), make static_size_mb= equal the VM's ivshmem size; to get going meanwhile, turn DMA off (app:allowDMA=no) and the client copies frames instead",
    render: render('00:00:02.001 [E]           ivshmem.c:262  | ivshmemGetDMABuf               | '),
    examples: [
      ex(
        '00:00:02.001 [E]           ivshmem.c:262  | ivshmemGetDMABuf               | Failed to create the dma buffer',
      ),
      ex(
        '00:00:02.001 [E]              main.c:817  | main_frameThread               | Failed to get the DMA buffer for the frame',
      ),
    ],
  },
  {
    id: 'lg.egl-dmabuf-import',
    source: 'looking-glass',
    cite: `${LG} client/renderers/EGL/texture_dmabuf.c egl_texDMABUFUpdate() (DEBUG_EGL_ERROR appends the EGL error, client/renderers/EGL/egldebug.c egl_getErrorStr())`,
    format: 'Failed to create EGLImage for DMA transfer',
    patterns: [/Failed to create EGLImage for DMA transfer(?:[: (]{1,3}(?<eglerr>EGL_[A-Z_]{3,30}))?/],
    severity: 'error',
    title: 'Looking Glass EGL renderer cannot import the kvmfr DMA-BUF',
    cause:
      'the host GPU driver refused to turn the kvmfr frame buffer into an EGL image (EGL_EXT_image_dma_buf_import): drivers that cannot import system-memory DMA-BUFs (the NVIDIA proprietary driver before its DMA-BUF support, some older Mesa drivers) or a stride/format the driver does not accept',
    fix: 'turn DMA off in the client (app:allowDMA=no) so frames are copied instead; update Mesa or the GPU driver; keep kvmfr and the client from the same release',
    render: render('00:00:02.100 [E]   texture_dmabuf.c:104  | egl_texDMABUFUpdate            | '),
    examples: [
      ex(
        '00:00:02.100 [E]   texture_dmabuf.c:104  | egl_texDMABUFUpdate            | Failed to create EGLImage for DMA transfer: EGL_BAD_MATCH',
        { eglerr: 'EGL_BAD_MATCH' },
      ),
    ],
  },

  // ---------------------------------------------------------------- Looking Glass host (Windows guest)
  {
    id: 'lg.host-no-capture',
    source: 'looking-glass',
    cite: `${LG} host/src/app.c app_main()`,
    format: 'Failed to find a supported capture interface',
    versions: 'with app:capture= set: "Specified capture interface not supported"',
    patterns: [/Failed to find a supported capture interface/, /Specified capture interface not supported/],
    severity: 'error',
    title: 'Looking Glass host: no capture backend works in this guest',
    cause:
      'the host application tried each capture backend (D12, DXGI, NvFBC) and none started; the lines just above it say why each one failed — most often "Failed to locate a valid output device": the passed-through GPU has no display attached or no driver, so there is no desktop on it to capture',
    fix: 'read the lines above it in the host log; attach a monitor or dummy plug (or a virtual display driver) to the GPU, install its driver, and make its output the active desktop; with app:capture= set, name a backend this guest supports',
    render: render('  4214139011 [E]                app.c:812  | app_main                       | '),
    examples: [
      ex(
        '  4214139011 [E]                app.c:812  | app_main                       | Failed to find a supported capture interface',
      ),
      ex(
        '  4214139011 [E]                app.c:810  | app_main                       | Specified capture interface not supported',
      ),
    ],
  },
  {
    id: 'lg.host-no-output',
    source: 'looking-glass',
    cite: `${LG} host/platform/Windows/capture/DXGI/src/dxgi.c dxgi_init() (and D12/d12.c)`,
    format: 'Failed to locate a valid output device',
    patterns: [/Failed to locate a valid output device/],
    severity: 'error',
    title: 'Looking Glass host: the GPU has no active display output to capture',
    cause:
      'the capture backend found no adapter output attached to the Windows desktop: the passed-through GPU has no monitor or dummy plug (and no virtual display driver), its driver is not installed (only the Microsoft Basic Render Driver is there), or the desktop is only on the emulated QXL/VGA display',
    fix: 'attach a monitor, an HDMI/DP dummy plug or a virtual display driver to the passed-through GPU, install its driver in the guest, and make its output part of the desktop (Display settings); with several outputs pick one with dxgi:output= / d12:output=',
    render: render('  4214138901 [E]               dxgi.c:373  | dxgi_init                      | '),
    examples: [
      ex(
        '  4214138901 [E]               dxgi.c:373  | dxgi_init                      | Failed to locate a valid output device',
      ),
    ],
  },
  {
    id: 'lg.host-adapter-skipped',
    source: 'looking-glass',
    cite: `${LG} host/platform/Windows/capture/DXGI/src/dxgi.c dxgi_init() (and D12/d12.c)`,
    format: 'Not using unsupported adapter: %ls',
    patterns: [/Not using unsupported adapter: (?<adapter>[^\n]{1,120})/],
    severity: 'info',
    title: 'Looking Glass host skipped an adapter it does not capture from (harmless)',
    cause:
      'the capture backend lists every display adapter and skips the software ones (the Microsoft Basic Render Driver, present in every Windows guest). Harmless on its own: it only matters when no other adapter follows and "Failed to locate a valid output device" comes next',
    fix: 'nothing to do; if capture fails after it, install the driver of the passed-through GPU in the guest',
    render: render(
      '  4214138800 [I]               dxgi.c:301  | dxgi_init                      | ',
      'Microsoft Basic Render Driver',
    ),
    examples: [
      ex(
        '  4214138800 [I]               dxgi.c:301  | dxgi_init                      | Not using unsupported adapter: Microsoft Basic Render Driver',
        { adapter: 'Microsoft Basic Render Driver' },
      ),
    ],
  },
  {
    id: 'lg.host-duplicate-failed',
    source: 'looking-glass',
    cite: `${LG} host/platform/Windows/capture/DXGI/src/dxgi.c dxgi_init() (DEBUG_WINERROR, common/src/platform/windows/windebug.c)`,
    format: 'DuplicateOutput1 Failed: 0x%08x (%s)',
    versions: 'older Windows without IDXGIOutput5: "DuplicateOutput Failed: 0x%08x (%s)"',
    patterns: [/(?<call>DuplicateOutput1?) Failed: (?<hr>0x[0-9a-fA-F]{8})/],
    severity: 'error',
    title: 'Looking Glass host: Windows refused desktop duplication',
    cause:
      'the DXGI backend could not start duplicating the output; the HRESULT says why (access denied on the secure desktop, an adapter without duplication support, or another program holding it)',
    fix: 'read the code: 0x80070005 run the host as its service; 0x887a0004 install the GPU driver and give the GPU a display; 0x887a0022 stop the other capture program',
    refine: refineDuplicate,
    render: render(
      '  4214138950 [E]               dxgi.c:512  | dxgi_init                      | ',
      0x887a0004,
      'The specified device interface or feature level is not supported on this system.',
    ),
    examples: [
      ex(
        '  4214138950 [E]               dxgi.c:512  | dxgi_init                      | DuplicateOutput1 Failed: 0x80070005 (Access is denied.)',
        { call: 'DuplicateOutput1', hr: '0x80070005' },
      ),
      ex(
        '  4214138950 [E]               dxgi.c:478  | dxgi_init                      | DuplicateOutput Failed: 0x887a0004 (The specified device interface or feature level is not supported on this system.)',
        { call: 'DuplicateOutput', hr: '0x887a0004' },
      ),
    ],
  },
  {
    id: 'lg.host-d3d11-device',
    source: 'looking-glass',
    cite: `${LG} host/platform/Windows/capture/DXGI/src/dxgi.c dxgi_init()`,
    format: 'Failed to create D3D11 device: 0x%08x (%s)',
    patterns: [/Failed to create D3D11 device: (?<hr>0x[0-9a-fA-F]{8})/],
    severity: 'error',
    title: 'Looking Glass host: Direct3D 11 could not open the GPU',
    cause:
      'D3D11CreateDevice failed on the adapter the backend chose: the GPU driver in the guest is missing, crashed or in Code 43 (the passed-through GPU is not working in the guest)',
    fix: "check the GPU in the guest's Device Manager (Code 43 and friends: see the windows.* entries), reinstall its driver, and restart the host service",
    render: render(
      '  4214138930 [E]               dxgi.c:420  | dxgi_init                      | ',
      0x887a0004,
      'The specified device interface or feature level is not supported on this system.',
    ),
    examples: [
      ex(
        '  4214138930 [E]               dxgi.c:420  | dxgi_init                      | Failed to create D3D11 device: 0x887a0005 (The GPU device instance has been suspended.)',
        { hr: '0x887a0005' },
      ),
    ],
  },
  {
    id: 'lg.host-acquire-frame',
    source: 'looking-glass',
    cite: `${LG} host/platform/Windows/capture/DXGI/src/dxgi.c dxgi_capture()`,
    format: 'AcquireNextFrame failed: 0x%08x (%s)',
    patterns: [/AcquireNextFrame failed: (?<hr>0x[0-9a-fA-F]{8})/],
    severity: 'error',
    title: 'Looking Glass host: capturing a frame failed',
    cause:
      'desktop duplication returned an error for a frame (a timeout or a lost duplication is handled without this line): the capture device is gone or broken',
    fix: 'restart the host service; if it repeats, look at the guest GPU driver (System log, driver updates)',
    refine: refineAcquire,
    render: render(
      '  5214138930 [E]               dxgi.c:720  | dxgi_capture                   | ',
      0x887a0005,
      'The GPU device instance has been suspended.',
    ),
    examples: [
      ex(
        '  5214138930 [E]               dxgi.c:720  | dxgi_capture                   | AcquireNextFrame failed: 0x887a0005 (The GPU device instance has been suspended. Use GetDeviceRemovedReason to determine the appropriate action.)',
        { hr: '0x887a0005' },
      ),
    ],
  },
  {
    id: 'lg.host-realtime-priority',
    source: 'looking-glass',
    cite: `${LG} host/platform/Windows/capture/DXGI/src/dxgi.c dxgi_init()`,
    format: 'Failed to set realtime GPU priority.',
    versions:
      'followed by "This is not a failure, please do not report this as an issue." and "To fix this, install and run the Looking Glass host as a service."',
    patterns: [
      /Failed to set realtime GPU priority\./,
      /This is not a failure, please do not report this as an issue\./,
    ],
    severity: 'info',
    title: 'Looking Glass host runs without realtime GPU priority (harmless)',
    cause:
      'the host application is running in a user session rather than as its SYSTEM service, so Windows did not give it realtime GPU scheduling priority. Harmless: capture works, with a little more latency under GPU load',
    fix: 'nothing is required; to get the priority, install and run the host as a service (looking-glass-host.exe InstallService)',
    render: render('  4214138960 [W]               dxgi.c:452  | dxgi_init                      | '),
    examples: [
      ex(
        '  4214138960 [W]               dxgi.c:452  | dxgi_init                      | Failed to set realtime GPU priority.',
      ),
    ],
  },
  {
    id: 'lg.host-nvfbc',
    source: 'looking-glass',
    cite: `${LG} host/platform/Windows/capture/NVFBC/src/wrapper.cpp NvFBCInit(), NvFBCToSysSetup(), NvFBCToSysCapture()`,
    format: 'Failed to enable the NvFBC interface',
    versions:
      'the same file: "Failed to load NvFBC64.dll: 0x%08x (%s)", "Failed to setup NVFBCToSys", "NvFBC was disabled by someone else"',
    patterns: [
      /(?<step>Failed to load NvFBC(?:64)?\.dll|Failed to enable the NvFBC interface|Failed to setup NVFBCToSys|NvFBC was disabled by someone else)/,
    ],
    severity: 'warning',
    title: 'Looking Glass host: NVIDIA frame buffer capture (NvFBC) is not available',
    cause:
      "NvFBC is NVIDIA's capture API; NVIDIA enables it only on professional cards (Quadro, RTX A-series, Tesla/GRID), so on a GeForce card the enable or setup call fails. The host then uses DXGI or D12 capture",
    fix: 'nothing to do when another backend is used (the host log says "Using : DXGI" or "D12"); remove app:capture=nvfbc from looking-glass-host.ini on a GeForce card',
    refine: (f) =>
      f.step?.startsWith('Failed to load')
        ? {
            severity: 'info',
            title: 'Looking Glass host: no NVIDIA driver for NvFBC (harmless)',
            cause:
              'NvFBC64.dll comes with the NVIDIA driver; it is absent on a guest with an AMD or Intel GPU, or before the NVIDIA driver is installed. Harmless: the host goes on to another capture backend',
            fix: 'nothing to do unless capture fails altogether; then install the GPU driver in the guest',
          }
        : f.step === 'NvFBC was disabled by someone else'
          ? {
              cause:
                'another program turned NvFBC off while the host was capturing (NvFBC_Enable is global to the driver): another capture tool, or a driver update or reset',
              fix: 'restart the host service; stop the program that disables NvFBC, or use DXGI/D12 capture',
            }
          : undefined,
    render: render('  4214138700 [E]            wrapper.cpp:96   | NvFBCInit                      | '),
    examples: [
      ex(
        '  4214138700 [E]            wrapper.cpp:96   | NvFBCInit                      | Failed to enable the NvFBC interface',
        {
          step: 'Failed to enable the NvFBC interface',
        },
      ),
      ex(
        '  4214138650 [E]            wrapper.cpp:64   | NvFBCInit                      | Failed to load NvFBC64.dll: 0x0000007e (The specified module could not be found.)',
        { step: 'Failed to load NvFBC64.dll' },
      ),
    ],
  },
  {
    id: 'lg.host-ivshmem-handle',
    source: 'looking-glass',
    cite: `${LG} common/src/platform/windows/ivshmem.c ivshmemInit(), ivshmemOpen()`,
    format: 'CreateFile returned INVALID_HANDLE_VALUE: 0x%08x (%s)',
    versions:
      'ivshmemOpen(): "DeviceIoControl Failed: 0x%08x (%s)" (the size or mapping request to the IVSHMEM driver); hosts before B3 print the same from host/platform/Windows/src/platform.c os_shmemMmap() / os_shmemSize(); the error text is in the guest\'s language',
    patterns: [
      /CreateFile returned INVALID_HANDLE_VALUE(?:: (?<hr>0x[0-9a-fA-F]{8}))?/,
      /(?:ivshmemOpen|os_shmemMmap|os_shmemSize) {0,40}\| DeviceIoControl Failed(?:: (?<ioctlhr>0x[0-9a-fA-F]{8}))?/,
    ],
    severity: 'error',
    title: 'Looking Glass host: the IVSHMEM driver would not hand over the shared memory',
    cause:
      'the host found the IVSHMEM device but could not open it or map its memory: another program already holds it (a second looking-glass-host, e.g. the service plus a copy started by hand; the driver gives the mapping to one process), or the IVSHMEM driver is too old for the mapping request of this host',
    fix: 'run one host application only (stop the manual copy, or the service); update the IVSHMEM driver from a current virtio-win; reboot the guest if a crashed host left the mapping held',
    refine: (f) => {
      if (f.hr === '0x00000005')
        return {
          cause:
            'access denied opening the IVSHMEM device: another process has it open, typically a second looking-glass-host (the service plus a copy started by hand)',
        };
      // ERROR_DEVICE_ALREADY_ATTACHED (548): the driver's IOCTL_IVSHMEM_REQUEST_MMAP answers
      // STATUS_DEVICE_ALREADY_ATTACHED while another file object holds the mapping.
      if (f.ioctlhr?.toLowerCase() === '0x00000224')
        return {
          cause:
            'the IVSHMEM driver refused the mapping request with ERROR_DEVICE_ALREADY_ATTACHED (0x224): it allows one mapping of the shared memory at a time (virtio-win ivshmem Queue.c, IOCTL_IVSHMEM_REQUEST_MMAP), and another process already holds it — a second looking-glass-host instance (the service plus a copy started by hand, or an instance that did not exit) or another IVSHMEM user in the guest',
          fix: 'stop the other instance (Task Manager: every looking-glass-host.exe; keep only the service), or reboot the guest if a crashed instance left the mapping held, then start the host once',
        };
      return undefined;
    },
    render: render(
      '  4214137300 [E]            ivshmem.c:151  | ivshmemInit                    | ',
      5,
      'Access is denied.',
    ),
    examples: [
      ex(
        '  4214137300 [E]            ivshmem.c:151  | ivshmemInit                    | CreateFile returned INVALID_HANDLE_VALUE: 0x00000005 (Access is denied.)',
        { hr: '0x00000005' },
      ),
      ex(
        '  4214137390 [E]            ivshmem.c:180  | ivshmemOpen                    | DeviceIoControl Failed: 0x0000001f (A device attached to the system is not functioning.)',
        { ioctlhr: '0x0000001f' },
      ),
      ex(
        '[E]    platform.c:361  | os_shmemMmap                   | DeviceIoControl Failed: 0x00000224 (An attempt was made to attach to a device that was already attached to another device.)',
        { ioctlhr: '0x00000224' },
      ),
    ],
  },
  {
    id: 'lg.lgmp-host-failed',
    source: 'looking-glass',
    cite: `${LG} host/src/app.c app_main(), lgmpTimer(); status names from ${LGMP}`,
    format: 'lgmpHostInit Failed: %s',
    versions:
      'the same function: "lgmpHostQueueNew Failed (Pointer): %s", "lgmpHostMemAlloc Failed (Frame): %s", "lgmpHostProcess Failed: %s"; later hosts write "failed"',
    patterns: [
      /(?<call>lgmpHost(?:Init|QueueNew|QueueCreate|MemAlloc(?:Aligned)?|Process|QueuePost)) [Ff]ailed(?: \((?<what>[A-Za-z ]{1,20})\))?: (?<status>LGMP_[A-Z_]{2,40})/,
    ],
    severity: 'error',
    title: 'Looking Glass host: setting up the shared-memory protocol (LGMP) failed',
    cause:
      'the host application in the guest could not lay out its LGMP queues and frame buffers in the IVSHMEM memory; the status names why, most often the memory is too small',
    fix: 'size the ivshmem device for the guest resolution (two frames plus 10 MiB, a power of two) and restart the VM; with several ivshmem devices set [os] shmDevice=',
    refine: refineLgmpHost,
    render: render(
      '  4214138392 [E]                app.c:460  | app_main                       | ',
      'LGMP_ERR_NO_SHARED_MEM',
    ),
    examples: [
      ex(
        '  4214138392 [E]                app.c:460  | app_main                       | lgmpHostInit Failed: LGMP_ERR_INVALID_SIZE',
        { call: 'lgmpHostInit', status: 'LGMP_ERR_INVALID_SIZE' },
      ),
      ex(
        '  4214138395 [E]                app.c:500  | app_main                       | lgmpHostMemAlloc Failed (Frame): LGMP_ERR_NO_SHARED_MEM',
        { call: 'lgmpHostMemAlloc', what: 'Frame', status: 'LGMP_ERR_NO_SHARED_MEM' },
      ),
    ],
  },
  {
    id: 'lg.host-shm-corrupted',
    source: 'looking-glass',
    cite: `${LG} host/src/app.c lgmpTimer()`,
    format: 'LGMP reported the shared memory has been corrrupted, attempting to recover',
    versions: 'the misspelling "corrrupted" is in the source; later hosts spell it "corrupted"',
    patterns: [/LGMP reported the shared memory has been corr{1,3}upted/],
    severity: 'warning',
    title: 'Looking Glass host: something else wrote into the shared memory',
    cause:
      'the LGMP headers in the IVSHMEM memory changed under the host: another writer shares that memory — two VMs (or a second client-side tool) pointed at the same /dev/shm file or kvmfr device, another ivshmem user such as Scream sharing the backend, or the host application started twice',
    fix: 'give each VM its own shared-memory file or kvmfr device (its own memory-backend-file mem-path or kvmfr minor), keep Scream on a separate ivshmem device, run one host application per guest',
    render: render('  6214138392 [E]                app.c:170  | lgmpTimer                      | '),
    examples: [
      ex(
        '  6214138392 [E]                app.c:170  | lgmpTimer                      | LGMP reported the shared memory has been corrrupted, attempting to recover',
      ),
    ],
  },

  // ---------------------------------------------------------------- kvmfr kernel module
  {
    id: 'kvmfr.static-alloc-failed',
    source: 'looking-glass',
    cite: `${LG} module/kvmfr.c create_static_device_unlocked()`,
    format: 'kvmfr: failed to allocate memory for static device: %d MiB\n',
    patterns: [/kvmfr: failed to allocate memory for static device: (?<mib>-?\d{1,7}) MiB/],
    severity: 'error',
    title: 'kvmfr could not allocate a static device',
    cause:
      'the module allocates each static_size_mb= device with vmalloc when it loads; the allocation failed, so the module load failed and no /dev/kvmfr device exists: the size is larger than the host can spare, or was mistyped (a size in bytes or KiB instead of MiB)',
    fix: 'give static_size_mb= the ivshmem size in MiB (32, 64 or 128 for most resolutions) in /etc/modprobe.d/kvmfr.conf and reload the module',
    refine: (f) => {
      const mib = Number(f.mib);
      if (!Number.isFinite(mib)) return undefined;
      if (mib <= 0)
        return {
          cause: `static_size_mb= holds ${mib}: the size is missing or negative (an empty value between commas, or an overflow of a huge value), so there is nothing valid to allocate`,
          fix: 'write one positive size in MiB per device, separated by commas (static_size_mb=64 or static_size_mb=64,32), then reload kvmfr',
        };
      if (mib > 4096)
        return {
          cause: `static_size_mb=${mib} asks for ${mib} MiB: far more than a frame relay needs, and more than vmalloc could find (a size given in KiB or bytes instead of MiB?)`,
          fix: "use the ivshmem size in MiB (e.g. static_size_mb=128 for 4K), the same as the VM's ivshmem device, then reload kvmfr",
        };
      return undefined;
    },
    render: render('', 128),
    examples: [
      ex('[   12.401233] kvmfr: failed to allocate memory for static device: 131072 MiB', { mib: '131072' }),
      ex('kvmfr: failed to allocate memory for static device: 128 MiB', { mib: '128' }),
    ],
  },
  {
    id: 'kvmfr.buffer-not-aligned',
    source: 'looking-glass',
    cite: `${LG} module/kvmfr.c kvmfr_dmabuf_create()`,
    format: 'kvmfr: buffer not aligned to 0x%lx bytes',
    patterns: [/kvmfr: buffer not aligned to (?<page>0x[0-9a-fA-F]{1,8}) bytes/],
    severity: 'error',
    title: 'kvmfr refused a DMA-BUF that is not page-aligned',
    cause:
      'the client asked for a DMA-BUF whose offset or size is not a multiple of the page size; current clients round both, so this is a client and kvmfr module from different releases (or a third-party reader of /dev/kvmfr0)',
    fix: 'rebuild kvmfr from the same Looking Glass release as the client (its dkms package), or turn DMA off in the client (app:allowDMA=no)',
    render: render('', 4096),
    examples: [ex('[  801.112233] kvmfr: buffer not aligned to 0x1000 bytes', { page: '0x1000' })],
  },
  {
    id: 'kvmfr.dmabuf-create',
    source: 'looking-glass',
    cite: `${LG} module/kvmfr.c kvmfr_dmabuf_create()`,
    format: 'kvmfr_dmabuf_create: offset: %llu, size: %llu\n',
    patterns: [/kvmfr_dmabuf_create: offset: (?<offset>\d{1,20}), size: (?<size>\d{1,20})/],
    severity: 'info',
    title: 'kvmfr handed a frame buffer to the client as DMA-BUF (harmless)',
    cause:
      'the module logs each DMA-BUF it exports to the Looking Glass client (one per frame buffer, at start and after a resolution change). Harmless: it is what DMA-BUF mode does',
    fix: 'nothing to do',
    render: render('', 4096, 33177600),
    examples: [
      ex('[  802.001122] kvmfr_dmabuf_create: offset: 4096, size: 33177600', {
        offset: '4096',
        size: '33177600',
      }),
    ],
  },
  {
    id: 'kvmfr.mmap',
    source: 'looking-glass',
    cite: `${LG} module/kvmfr.c device_mmap()`,
    format: 'mmap kvmfr%d: %lx-%lx with size %lu offset %lu\n',
    patterns: [
      /mmap kvmfr(?<minor>\d{1,2}): [0-9a-f]{1,16}-[0-9a-f]{1,16} with size (?<size>\d{1,20}) offset (?<offset>\d{1,20})/,
    ],
    severity: 'info',
    title: 'A program mapped a kvmfr device (harmless)',
    cause:
      "the module logs each mmap() of /dev/kvmfrN: QEMU mapping it as the VM's ivshmem memory and the client mapping it to read frames. Harmless; the size is how much was mapped",
    fix: "nothing to do; if QEMU and the client map different sizes, the VM's ivshmem size and static_size_mb= disagree",
    render: render('', 0, 0x7f3a1c000000, 0x7f3a20000000, 67108864, 0),
    examples: [
      ex('[  700.010203] mmap kvmfr0: 7f3a1c000000-7f3a20000000 with size 67108864 offset 0', {
        minor: '0',
        size: '67108864',
      }),
    ],
  },

  // ---------------------------------------------------------------- vendor-reset
  {
    id: 'vendor-reset.unresolved-symbol',
    source: 'vendor-reset',
    cite: `${VR} src/ftrace.c resolve_hook_address()`,
    format: 'unresolved symbol %s\n',
    versions: 'then "vendor_reset_hook: install failed" and the module does not load',
    patterns: [/unresolved symbol (?<symbol>pci_dev_specific_reset|pci_[a-z_]{3,40})/],
    severity: 'error',
    title: 'vendor-reset cannot find the kernel function it hooks',
    cause:
      'vendor-reset looks up pci_dev_specific_reset through a kprobe and hooks it with ftrace; the lookup failed: the kernel is built without CONFIG_KPROBES (or KALLSYMS), or the function is not probeable in this kernel',
    fix: "use a kernel with CONFIG_KPROBES=y, CONFIG_KALLSYMS=y, CONFIG_FTRACE=y, CONFIG_FUNCTION_TRACER=y (the distribution kernels of Debian, Ubuntu, Fedora, Arch and Proxmox have them); then, on Linux 5.15+, set the GPU's reset_method to device_specific after the module loads",
    render: render('', 'pci_dev_specific_reset'),
    examples: [
      ex('[    4.611021] unresolved symbol pci_dev_specific_reset', { symbol: 'pci_dev_specific_reset' }),
    ],
  },
  {
    id: 'vendor-reset.ftrace-failed',
    source: 'vendor-reset',
    cite: `${VR} src/ftrace.c fh_install_hook()`,
    format: 'ftrace_set_filter_ip() failed: %d\n',
    versions: 'the same function: "register_ftrace_function() failed in fh_install_hook: %d"',
    patterns: [
      /(?<call>ftrace_set_filter_ip\(\)|register_ftrace_function\(\)) failed(?: in fh_install_hook)?: (?<err>-?\d{1,5})/,
    ],
    severity: 'error',
    title: 'vendor-reset could not install its ftrace hook',
    cause:
      "vendor-reset found pci_dev_specific_reset but ftrace refused to hook it, so the module does not load and AMD GPUs get the kernel's own resets",
    fix: 'use a kernel with dynamic ftrace (CONFIG_FUNCTION_TRACER, CONFIG_DYNAMIC_FTRACE_WITH_REGS); if the kernel is locked down (Secure Boot lockdown), ftrace hooking by modules may be refused',
    refine: (f) => {
      if (f.errno === 'ENODEV' || f.errno === 'EINVAL')
        return {
          cause: `ftrace cannot trace pci_dev_specific_reset in this kernel (${f.err}): the kernel lacks dynamic ftrace for it (CONFIG_DYNAMIC_FTRACE_WITH_REGS off, or the function is inlined/notrace in this build)`,
          fix: 'use a distribution kernel with CONFIG_FUNCTION_TRACER and CONFIG_DYNAMIC_FTRACE_WITH_REGS, or one where pci_dev_specific_reset is traceable (it is listed in /sys/kernel/tracing/available_filter_functions)',
        };
      if (f.errno === 'EBUSY')
        return {
          cause: `another ftrace user already modifies pci_dev_specific_reset (${f.err}): vendor-reset loaded twice (two builds of the module), or a live patch of that function`,
          fix: 'unload the other copy (lsmod | grep vendor; remove a duplicate DKMS build), then load vendor-reset once',
        };
      return undefined;
    },
    render: render('', -19),
    examples: [
      ex('[    4.611021] ftrace_set_filter_ip() failed: -19', { call: 'ftrace_set_filter_ip()', err: '-19' }),
      ex('[    4.611021] register_ftrace_function() failed in fh_install_hook: -16', {
        call: 'register_ftrace_function()',
        err: '-16',
      }),
    ],
  },
  {
    id: 'vendor-reset.mmio-map-failed',
    source: 'vendor-reset',
    cite: `${VR} src/amd/common.c amd_common_pre_reset()`,
    format: 'Could not mmap device\n',
    versions:
      'the same function warns "%s: Could not map I/O" (with the ASIC name) when the GPU has no I/O BAR mapped',
    patterns: [
      /[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]: (?<what>Could not mmap device)/,
      /AMD_[A-Z0-9_]{2,24}: (?<what>Could not map I\/O)/,
    ],
    severity: 'error',
    title: "vendor-reset could not map the GPU's registers",
    cause:
      'before resetting, vendor-reset maps the GPU\'s register BAR (BAR 5); ioremap failed, so it cannot reset the card: the BAR has no address assigned (the firmware or kernel left it unassigned, e.g. "BAR 5: no space"), or the device is already dead (reads all ones)',
    fix: 'check `lspci -vvs BDF` for the BAR 5 memory region and dmesg for "BAR 5: no space/failed to assign"; enable Above 4G decoding / resizable BAR handling in the firmware or use pci=realloc; a dead card needs a host power cycle',
    refine: (f) =>
      f.what === 'Could not map I/O'
        ? {
            severity: 'info',
            title: 'vendor-reset found no I/O BAR to map (usually harmless)',
            cause:
              "the GPU's I/O port BAR is not mapped (many boards assign no I/O space to GPUs behind bridges). Usually harmless: the reset uses the memory BAR; only the VBIOS fallback through I/O ports is unavailable",
            fix: 'nothing to do when the "reset result" is 0',
          }
        : undefined,
    render: render('vfio-pci 0000:0c:00.0: '),
    examples: [
      ex('[  300.100000] vfio-pci 0000:0c:00.0: Could not mmap device', {
        bdf: '0000:0c:00.0',
        what: 'Could not mmap device',
      }),
      ex('[  300.100000] vfio-pci 0000:0c:00.0: AMD_NAVI10: Could not map I/O', {
        what: 'Could not map I/O',
      }),
    ],
  },
  {
    id: 'vendor-reset.atom-bios-init-failed',
    source: 'vendor-reset',
    cite: `${VR} src/amd/navi10.c amd_navi10_reset() (and vega10.c, vega20.c)`,
    format: '%s: atom_bios_init failed: %d\n',
    patterns: [/atom_bios_init failed: (?<err>-?\d{1,5})/],
    severity: 'error',
    title: "vendor-reset could not parse the GPU's VBIOS",
    cause:
      "vendor-reset read the VBIOS but could not initialise its ATOM tables, so it stops the reset: the ROM it read is not the card's real VBIOS (a shadow copy, a truncated read, a ROM of another card) or the card is already wedged",
    fix: 'power-cycle the host so the ROM reads cleanly; bind the GPU to vfio-pci at boot so no host driver touches it; update vendor-reset',
    render: render('vfio-pci 0000:0c:00.0: ', 'AMD_NAVI10', -22),
    examples: [
      ex('[  300.200000] vfio-pci 0000:0c:00.0: AMD_NAVI10: atom_bios_init failed: -22', { err: '-22' }),
    ],
  },
  {
    id: 'vendor-reset.sol-timeout',
    source: 'vendor-reset',
    cite: `${VR} src/amd/navi10.c amd_navi10_reset(); src/amd/vega10.c amd_vega10_reset()`,
    format: '%s: Timed out waiting for SOL to be valid\n',
    versions: 'Vega 10 prints it as "Vega10: Timed out waiting for SOL to be valid" and stops the reset',
    patterns: [/(?<asic>AMD_[A-Z0-9_]{2,24}|Vega10): Timed out waiting for SOL to be valid/],
    severity: 'warning',
    title: "The GPU's firmware showed no sign of life before the reset",
    cause:
      "vendor-reset waits for the GPU's sign-of-life register before resetting it; it never became valid. On Navi vendor-reset carries on (a reset can still work from there); the card is in a bad state",
    fix: 'check the "reset result" line; if the reset fails or the guest shows no display, power-cycle the host',
    refine: (f) =>
      f.asic === 'Vega10'
        ? {
            severity: 'error',
            cause:
              'on Vega 10 vendor-reset gives up when the sign-of-life register stays invalid and the card is not in BACO: the GPU is hung hard enough that its firmware does not answer, so the reset is not attempted',
            fix: 'power-cycle the host (a reboot may not be enough); let no host driver initialise the card before the VM',
          }
        : undefined,
    render: render('vfio-pci 0000:0c:00.0: ', 'AMD_NAVI10'),
    examples: [
      ex('[  300.300000] vfio-pci 0000:0c:00.0: AMD_NAVI10: Timed out waiting for SOL to be valid', {
        asic: 'AMD_NAVI10',
      }),
      ex('[  300.300000] vfio-pci 0000:43:00.0: Vega10: Timed out waiting for SOL to be valid', {
        asic: 'Vega10',
      }),
    ],
  },
  {
    id: 'vendor-reset.unknown-navi',
    source: 'vendor-reset',
    cite: `${VR} src/amd/navi10.c amd_navi10_reset()`,
    format: '%s: Unknown Navi type device: [%04x:%04x]\n',
    patterns: [/Unknown Navi type device: \[(?<vendor>[0-9a-fA-F]{4}):(?<device>[0-9a-fA-F]{4})\]/],
    severity: 'error',
    title: 'vendor-reset does not know this Navi GPU',
    cause:
      "the GPU matched vendor-reset's device table but its IP discovery failed and the legacy register layout it falls back to covers only Navi 10/12/14; this card (e.g. a Navi 2x listed by mistake, or a renamed ID) is not supported, so it is not reset",
    fix: "check the card against vendor-reset's supported list (Polaris, Vega 10/20, Navi 10/12/14); Navi 2x and later usually reset without it (remove any udev rule setting device_specific for them)",
    render: render('vfio-pci 0000:0c:00.0: ', 'AMD_NAVI10', 0x1002, 0x73bf),
    examples: [
      ex('[  300.400000] vfio-pci 0000:0c:00.0: AMD_NAVI10: Unknown Navi type device: [1002:73bf]', {
        vendor: '1002',
        device: '73bf',
      }),
    ],
  },
  {
    id: 'vendor-reset.state-dump',
    source: 'vendor-reset',
    cite: `${VR} src/amd/navi10.c amd_navi10_reset(); src/amd/vega10.c amd_vega10_reset()`,
    format: '%s: SMU response reg: %x, sol reg: %x, mp1 intr enabled? %s, bl ready? %s\n',
    versions: 'before it "%s: bus reset disabled? %s"; Vega 10 prefixes "Vega10:" and adds ", baco? %s"',
    patterns: [
      /SMU response reg: (?<smu>[0-9a-fA-F]{1,8}), sol reg: (?<sol>[0-9a-fA-F]{1,8}), mp1 intr enabled\? (?<mp1>yes|no)/,
      /(?:AMD_[A-Z0-9_]{2,24}|Vega10): bus reset disabled\? (?<busreset>yes|no)/,
    ],
    severity: 'info',
    title: "vendor-reset logged the GPU's state before resetting it (harmless)",
    cause:
      'diagnostic lines vendor-reset prints before each reset: the SMU response, the sign-of-life (SOL) register, whether MP1 interrupts and the PSP bootloader are up, and that it disabled bus resets for the card. Harmless on their own; a SOL of 0 with the bootloader ready means the card already looks reset and vendor-reset skips it',
    fix: 'nothing to do; the "reset result" line says how the reset went',
    render: render('vfio-pci 0000:0c:00.0: ', 'AMD_NAVI10', 1, 0x9f0bb, 'yes', 'yes'),
    examples: [
      ex(
        '[  300.500000] vfio-pci 0000:0c:00.0: AMD_NAVI10: SMU response reg: 1, sol reg: 9f0bb, mp1 intr enabled? yes, bl ready? yes',
        { smu: '1', sol: '9f0bb', mp1: 'yes' },
      ),
      ex('[  300.500000] vfio-pci 0000:0c:00.0: AMD_NAVI10: bus reset disabled? yes', { busreset: 'yes' }),
    ],
  },
  {
    id: 'vendor-reset.reset-step',
    source: 'vendor-reset',
    cite: `${VR} src/amd/navi10.c amd_navi10_reset(), vega10.c amd_vega10_reset(), polaris10.c vi_gpu_pci_config_reset()`,
    format: '%s: begin psp mode 1 reset\n',
    versions:
      'the other progress lines: "Clearing scratch regs 6 and 7", "MP1 reset", "wait for MP1", "amdgpu_discovery_reg_base_init failed, using legacy method", Vega 10\'s "Enabled features: %x", "Disabling features", "Driver reset", "Entering BACO", "Exiting BACO", Polaris\'s "GPU pci config reset"',
    patterns: [
      /(?:AMD_[A-Z0-9_]{2,24}|[Vv]ega10): (?<step>begin psp mode 1 reset|Clearing scratch regs 6 and 7|MP1 reset|wait for MP1|amdgpu_discovery_reg_base_init failed, using legacy method|Enabled features: [0-9a-fA-F]{1,8}|Disabling features|Driver reset|Entering BACO|Exiting BACO)\s*$/,
      /vfio-pci [0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]: (?<step>GPU pci config reset)/,
    ],
    severity: 'info',
    title: 'vendor-reset is working through its reset sequence (harmless)',
    cause:
      'progress lines of vendor-reset\'s AMD reset: PSP mode-1 reset on Navi, SMU feature shutdown and BACO on Vega 10, a PCI config reset on Polaris. Harmless: they only say which step ran; "amdgpu_discovery_reg_base_init failed, using legacy method" too is expected on Navi 1x',
    fix: 'nothing to do; the "reset result" line says how it went',
    render: render('vfio-pci 0000:0c:00.0: ', 'AMD_NAVI10'),
    examples: [
      ex('[  300.600000] vfio-pci 0000:0c:00.0: AMD_NAVI10: begin psp mode 1 reset', {
        step: 'begin psp mode 1 reset',
      }),
      ex('[  184.390000] vfio-pci 0000:43:00.0: Vega10: Entering BACO', { step: 'Entering BACO' }),
      ex('[  120.010000] vfio-pci 0000:01:00.0: GPU pci config reset', { step: 'GPU pci config reset' }),
    ],
  },
  {
    id: 'vendor-reset.mp1-timeout',
    source: 'vendor-reset',
    cite: `${VR} src/amd/navi10.c amd_navi10_reset()`,
    format: '%s: timed out waiting for MP1 reset\n',
    patterns: [/timed out waiting for MP1 reset/],
    severity: 'warning',
    title: "The GPU's SMU (MP1) did not come back after vendor-reset restarted it",
    cause:
      'vendor-reset restarts MP1, the SMU processor, when it does not answer, and waited in vain for it; it goes on with the PSP mode-1 reset anyway. The card was left hung by its last user',
    fix: 'check the "reset result"; if it is not 0, or the guest gets no display, power-cycle the host',
    render: render('vfio-pci 0000:0c:00.0: ', 'AMD_NAVI10'),
    examples: [ex('[  300.700000] vfio-pci 0000:0c:00.0: AMD_NAVI10: timed out waiting for MP1 reset')],
  },
  {
    id: 'vendor-reset.vega10-smu-features',
    source: 'vendor-reset',
    cite: `${VR} src/amd/vega10.c amd_vega10_reset()`,
    format: 'vega10: Could not get enabled SMU features, trying BACO reset anyway [ret %d]\n',
    versions: 'the same function: "vega10: Could not reset w/ PPSMC_MSG_GfxDeviceDriverReset: %d"',
    patterns: [
      /Could not get enabled SMU features, trying BACO reset anyway \[ret (?<err>-?\d{1,5})\]/,
      /Could not reset w\/ PPSMC_MSG_GfxDeviceDriverReset: (?<err>-?\d{1,5})/,
    ],
    severity: 'warning',
    title: "Vega 10: the SMU did not take vendor-reset's commands, BACO reset follows",
    cause:
      'vendor-reset could not talk to the Vega 10 SMU (feature query or driver-reset command); it goes straight to a BACO power cycle of the chip, which often still works',
    fix: 'check "reset result"; if the card stays dead, power-cycle the host',
    render: render('vfio-pci 0000:43:00.0: ', -62),
    examples: [
      ex(
        '[  184.380000] vfio-pci 0000:43:00.0: vega10: Could not get enabled SMU features, trying BACO reset anyway [ret -62]',
        { err: '-62' },
      ),
      ex(
        '[  184.390000] vfio-pci 0000:43:00.0: vega10: Could not reset w/ PPSMC_MSG_GfxDeviceDriverReset: 1',
        {
          err: '1',
        },
      ),
    ],
  },
];

/** Further wordings the entries above recognise: sibling messages of one function, older texts. */
export const LG_SWEEP_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'lg.host-not-running',
    file: `${LG} client/src/main.c`,
    format: 'Please check the host application is running and is the correct version',
    text: '[I]               main.c:1030 | lg_run                         | Please check the host application is running and is the correct version',
  },
  {
    id: 'lg.host-incompatible',
    file: `${LG} client/src/main.c`,
    format: 'Waiting for you to upgrade the host application',
    text: '00:00:01.302 [I]              main.c:1651 | lg_run                         | Waiting for you to upgrade the host application',
  },
  {
    id: 'lg.kvmfr-version-mismatch',
    file: `${LG} client/src/main.c`,
    format: 'Invalid KVMFR magic',
    text: '00:00:01.301 [E]              main.c:1632 | lg_run                         | Invalid KVMFR magic',
  },
  {
    id: 'lg.lgmp-client-failed',
    file: `${LG} client/src/main.c`,
    format: 'lgmpClientSubscribe Failed: %s',
    text: '00:00:01.500 [E]              main.c:612  | main_frameThread               | lgmpClientSubscribe Failed: LGMP_ERR_QUEUE_FULL',
  },
  {
    id: 'lg.run-as-root',
    file: `${LG} client/src/main.c`,
    format: 'Do not run looking glass as setuid!',
    text: '00:00:00.000 [E]              main.c:1807 | main                           | Do not run looking glass as setuid!',
  },
  {
    id: 'lg.no-display-server',
    file: `${LG} client/src/main.c`,
    format: 'Subsystem early init failed',
    text: '00:00:00.021 [E]              main.c:1297 | lg_run                         | Subsystem early init failed',
  },
  {
    id: 'lg.host-duplicate-failed',
    file: `${LG} host/platform/Windows/capture/DXGI/src/dxgi.c`,
    format: 'DuplicateOutput Failed: 0x%08x (%s)',
    text: '  4214138950 [E]               dxgi.c:478  | dxgi_init                      | DuplicateOutput Failed: 0x887a0022 (The resource is not currently available.)',
  },
  {
    id: 'lg.host-nvfbc',
    file: `${LG} host/platform/Windows/capture/NVFBC/src/wrapper.cpp`,
    format: 'Failed to setup NVFBCToSys',
    text: '  4214138710 [E]            wrapper.cpp:201  | NvFBCToSysSetup                | Failed to setup NVFBCToSys',
  },
  {
    id: 'lg.host-nvfbc',
    file: `${LG} host/platform/Windows/capture/NVFBC/src/wrapper.cpp`,
    format: 'NvFBC was disabled by someone else',
    text: '  5214138710 [E]            wrapper.cpp:251  | NvFBCToSysCapture              | NvFBC was disabled by someone else',
  },
  {
    id: 'lg.lgmp-host-failed',
    file: `${LG} host/src/app.c`,
    format: 'lgmpHostQueueNew Failed (Pointer): %s',
    text: '  4214138393 [E]                app.c:474  | app_main                       | lgmpHostQueueNew Failed (Pointer): LGMP_ERR_NO_SHARED_MEM',
  },
  {
    id: 'vendor-reset.ftrace-failed',
    file: `${VR} src/ftrace.c`,
    format: 'register_ftrace_function() failed in fh_install_hook: %d',
    text: '[    4.611021] register_ftrace_function() failed in fh_install_hook: -16',
  },
  {
    id: 'vendor-reset.state-dump',
    file: `${VR} src/amd/navi10.c`,
    format: '%s: bus reset disabled? %s',
    text: '[  300.500000] vfio-pci 0000:0c:00.0: AMD_NAVI10: bus reset disabled? yes',
  },
  {
    id: 'vendor-reset.reset-step',
    file: `${VR} src/amd/vega10.c`,
    format: 'Vega10: Exiting BACO',
    text: '[  184.600000] vfio-pci 0000:43:00.0: Vega10: Exiting BACO',
  },
];

/** Strings of the swept files that no entry recognises, with the reason. */
export const LG_SWEEP_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: `${LG} module/kvmfr.c`,
    format: 'unmap / release / disable / free',
    why: 'bare printk() words of the first, UIO-based kvmfr (2017-2019) on its probe error path; too generic to tell apart from other modules, and that module is long replaced',
  },
  {
    file: `${LG} client/src/main.c`,
    format: 'Client version: %s / Host version: %s',
    why: 'informational lines after "Expected KVMFR version %d, got %d", which lg.kvmfr-version-mismatch explains; matching "Host version:" alone would catch unrelated programs',
  },
  {
    file: `${LG} host/platform/Windows/capture/DXGI/src/dxgi.c`,
    format: 'IDXGIOutput5 is not available, please update windows for improved performance!',
    why: 'the host falls back to IDXGIOutput1 and captures; a performance note for old Windows 10 builds, not a failure on the passthrough path',
  },
  {
    file: `${VR} src/amd/common.c`,
    format: 'SMU error 0x%x / Failed to send message 0x%x: return 0x%x',
    why: 'already vendor-reset.smu-error and vendor-reset.smc-message-failed (other.ts)',
  },
];
