/**
 * QEMU's vfio-user client (QEMU 10.1+, hw/vfio-user/): a PCI device emulated by a server process
 * (SPDK's NVMe or virtio controllers, libvfio-user's samples) and reached over a UNIX socket
 * instead of the kernel's VFIO. Connecting to the socket, the version and capability handshake,
 * replies that never come, a stream the client stops trusting, and errors the server returns for
 * requests QEMU did not wait on (DMA map and unmap, posted writes). Read in qemu/qemu
 * hw/vfio-user/pci.c, proxy.c, device.c and container.c and util/qemu-sockets.c; the examples are
 * built from those format strings, with the "vfio vfio-user:SOCKET: " prefix the realize error
 * gets (VFIO_MSG_PREFIX and the device name vfio_user_pci_realize() gives it).
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { ex, render } from './build.js';

const QEMU = 'qemu/qemu';
const DEV = 'qemu-system-x86_64: -device vfio-user-pci,socket=/run/spdk/vfu0/cntrl: ';
const PREFIX = `${DEV}vfio vfio-user:/run/spdk/vfu0/cntrl: `;

function refineConnect(f: Facts): Refinement | undefined {
  if (f.long !== undefined)
    return {
      cause:
        'the socket path is longer than a UNIX socket address can hold (sun_path, 108 bytes on Linux): unix_connect_saddr() refuses it before trying, so no server at that path could ever be reached',
      fix: 'give the server a shorter socket path (a short directory such as /run/vfu/ or a symlinked directory) and pass the same path to socket=',
    };
  if (f.errno === 'ENOENT')
    return {
      cause:
        'no socket exists at that path: the vfio-user server is not running, has not created its socket yet (QEMU was started first, or before the server finished setting up the controller), or listens on another path (SPDK creates `cntrl` inside the directory given to nvmf_subsystem_add_listener -a)',
      fix: 'start the server and create the endpoint first (for SPDK: nvmf_create_transport -t VFIOUSER, then add the listener with -a DIR), check that DIR/cntrl exists, then start QEMU with socket=DIR/cntrl',
    };
  if (f.errno === 'ECONNREFUSED')
    return {
      cause:
        'a socket file exists at that path but no process listens on it: the server exited or crashed and left its socket file behind (a UNIX socket refuses connections once nothing listens on it)',
      fix: "restart the server (it creates its socket anew) or remove the stale socket file, then start QEMU again; the server's log says why it stopped",
    };
  if (f.errno === 'EACCES' || f.errno === 'EPERM')
    return {
      cause:
        "QEMU's process may not open the socket: the server created it (and its directory) for another user, or SELinux/AppArmor confines QEMU away from that path — under libvirt QEMU runs as its own user with its own label",
      fix: "give the QEMU user access to the socket and its directory (owner, group or mode), or place it where QEMU's confinement allows; check `ausearch -m avc` / the AppArmor log for a denial",
    };
  return undefined;
}

/** What each refusal of the version reply means (proxy.c vfio_user_validate_version, caps_check). */
function refineVersion(f: Facts): Refinement | undefined {
  const what = f.what ?? '';
  if (what.startsWith('version reply'))
    return {
      cause: `the server answered QEMU's VFIO_USER_VERSION request with an error${f.errno ? ` (${f.errno})` : ''}: it rejected the client's version or capability list. That happens when QEMU and the server implement different revisions of the vfio-user protocol — the pre-merge QEMU branches (Oracle's vfio-user-v0.x, rfc) and libvfio-user/SPDK releases changed the message layouts several times before QEMU 10.1 merged the client`,
      fix: "use QEMU 10.1 or later with a current server (libvfio-user, SPDK), or the exact QEMU branch the server's documentation names; the server's log says what it rejected",
    };
  if (what === 'incompatible server version')
    return {
      cause:
        'the server replied with a protocol version QEMU does not speak: a different major version, or a minor version newer than the client (QEMU 10.1 speaks 0.0)',
      fix: 'update QEMU, or run a server release that speaks the version this QEMU does',
    };
  return undefined;
}

function refineAsync(f: Facts): Refinement | undefined {
  const cmd = Number.parseInt(f.cmd ?? '', 16);
  if (cmd === 2)
    return {
      cause: `the server refused a DMA map (command 2, VFIO_USER_DMA_MAP)${f.errno ? ` with ${f.errno}` : ''} that QEMU sent without waiting while the guest's memory map changed. The server could not map that piece of guest memory: QEMU sends a file descriptor only for RAM backed by a file or memfd (container.c vfio_user_dma_map: memory_region_get_fd()), so a server that maps guest memory itself — SPDK's controllers — cannot use anonymous guest RAM; or the server's limit on mappings (max_dma_maps) was reached`,
      fix: 'back guest RAM with a shared memory backend (-object memory-backend-memfd,id=mem,size=…,share=on with -machine memory-backend=mem, or memory-backend-file on hugetlbfs with share=on) and read the server log for the rejected region',
    };
  if (cmd === 3)
    return {
      cause: `the server refused to unmap a region (command 3, VFIO_USER_DMA_UNMAP)${f.errno ? ` with ${f.errno}` : ''}: it has no mapping at that address and size — its view of guest memory and QEMU's have drifted apart (an earlier map it rejected, or a protocol revision mismatch)`,
      fix: 'look for an earlier DMA map error from the same server; check that QEMU and the server are matching versions',
    };
  if (cmd === 10 || cmd === 15)
    return {
      cause: `the server refused a posted write to a device region (command ${cmd}, ${cmd === 10 ? 'VFIO_USER_REGION_WRITE' : 'VFIO_USER_REGION_WRITE_MULTI'})${f.errno ? ` with ${f.errno}` : ''}: the guest's driver wrote a register the emulated device rejects; QEMU had already told the guest the write was done`,
      fix: "read the server's log for the write it rejected; x-no-posted-writes=on makes QEMU wait for each write, so the failure reaches the guest at the write itself",
    };
  return undefined;
}

export const VFIO_USER_SWEEP_ENTRIES: CatalogueEntry[] = [
  {
    id: 'qemu.vfio-user-connect-failed',
    source: 'qemu',
    cite: `${QEMU} hw/vfio-user/pci.c vfio_user_pci_realize() → hw/vfio-user/proxy.c vfio_user_connect_dev() → util/qemu-sockets.c unix_connect_saddr() (error_setg_errno(..., "Failed to connect to '%s'", path); "UNIX socket path '%s' is too long" before trying)`,
    format: "Failed to connect to '%s'",
    versions:
      'QEMU 10.1+ (the client was merged in 10.1); the error is returned before the device gets its name, so it follows the -device option without the "vfio vfio-user:…: " prefix',
    patterns: [
      /vfio-user-pci[^\n]{0,300}?: Failed to connect to '(?<path>[^'\n]{1,200})'(?:: (?<err>[^\n]{1,80}))?/,
      /vfio-user-pci[^\n]{0,300}?: UNIX socket path '(?<long>[^'\n]{100,300})' is too long/,
    ],
    severity: 'error',
    title: "QEMU could not connect to the vfio-user server's socket",
    cause:
      "QEMU's vfio-user-pci device connects to the server process over the UNIX socket given in socket=, and the connection failed, so the device is not created and the guest does not start; the errno says why",
    fix: 'start the vfio-user server first and pass the socket it created to socket=; the errno decides what to check',
    refine: refineConnect,
    render: render(DEV, '/run/spdk/vfu0/cntrl'),
    examples: [
      ex(`${DEV}Failed to connect to '/run/spdk/vfu0/cntrl': No such file or directory`, {
        path: '/run/spdk/vfu0/cntrl',
        errno: 'ENOENT',
      }),
      ex(`${DEV}Failed to connect to '/run/spdk/vfu0/cntrl': Connection refused`, { errno: 'ECONNREFUSED' }),
      ex(
        `qemu-system-x86_64: -device {"driver":"vfio-user-pci","socket":{"path":"/var/lib/vfu/ctrl","type":"unix"}}: Failed to connect to '/var/lib/vfu/ctrl': Permission denied`,
        { errno: 'EACCES' },
      ),
    ],
  },
  {
    id: 'qemu.vfio-user-version-rejected',
    source: 'qemu',
    cite: `${QEMU} hw/vfio-user/proxy.c vfio_user_validate_version() (the VFIO_USER_VERSION exchange) and caps_check()/caps_parse() with the check_*() functions for each capability, called from hw/vfio-user/pci.c vfio_user_pci_realize()`,
    format: 'incompatible server version',
    versions:
      'QEMU 10.1+: "version reply: STRERROR" (the server answered with an error), "incompatible server version", "corrupt version reply", "malformed capabilities %s", "capabilities %s not an object", "malformed %s" and "%s too large" for one capability (max_msg_fds, max_data_xfer_size, pgsizes, max_dma_maps, migration, write_multiple, pgsize, max_bitmap_size), "pgsize 0x%x too small"; the pre-merge branches printed the prefix "vfio VFIO user <SOCKET>: " instead, or "vfio (null): "',
    patterns: [
      /vfio (?:vfio-user:[^\s:]{1,200}|\(null\)|VFIO user <[^>\n]{1,200}>): (?<what>version reply|incompatible server version|corrupt version reply|malformed capabilities|capabilities [^\n]{1,200}? not an object|malformed (?:max_msg_fds|max_data_xfer_size|pgsizes|max_dma_maps|migration|write_multiple|pgsize|max_bitmap_size|capabilities)\b|(?:max_dma_maps|max_bitmap_size) too large|pgsize 0x[0-9a-fA-F]{1,16} too small)(?:: (?<err>[^\n]{1,80}))?/,
    ],
    severity: 'error',
    title: 'QEMU and the vfio-user server did not agree on the protocol',
    cause:
      "right after connecting, QEMU sends the server its protocol version and capabilities (VFIO_USER_VERSION) and checks the reply; this one failed the check — the server's version or one of the capabilities it announced (message FDs, transfer size, page sizes, DMA map limit, migration, multiple writes) is outside what this QEMU accepts, or the reply is malformed. In practice: QEMU and the server implement different revisions of the vfio-user protocol",
    fix: 'run QEMU 10.1 or later with a current server release (libvfio-user, SPDK) — or, for an older setup, the exact QEMU branch the server documents — and read the server log for the same moment',
    refine: refineVersion,
    render: render(PREFIX),
    examples: [
      ex(`${PREFIX}incompatible server version`, { what: 'incompatible server version' }),
      ex(`${PREFIX}version reply: Invalid argument`, { what: 'version reply', errno: 'EINVAL' }),
      ex(`${PREFIX}pgsize 0x200 too small`),
      ex(`${PREFIX}malformed max_msg_fds`),
    ],
  },
  {
    id: 'qemu.vfio-user-reply-timeout',
    source: 'qemu',
    cite: `${QEMU} hw/vfio-user/proxy.c vfio_user_send_wait() (error_setg_errno(errp, ETIMEDOUT, "timed out waiting for reply") after the device's x-msg-timeout) and vfio_user_wait_reqs() ("vfio_wait_reqs - timed out")`,
    format: 'timed out waiting for reply',
    versions:
      'QEMU 10.1+, default x-msg-timeout=5000 (ms); the pre-merge branches waited 1 s and had no option at first. The calling function is prepended when the request is a region access, IRQ set-up or reset ("vfio_user_device_io_region_read: timed out waiting for reply: …")',
    patterns: [
      /(?:vfio[ -]user[^\n]{0,200}?|vfio_user_\w{1,40}: )(?<what>timed out waiting for reply)(?:: (?<err>Connection timed out))?/,
      /(?<what>vfio_wait_reqs - timed out)/,
    ],
    severity: 'error',
    title: 'The vfio-user server did not answer QEMU in time',
    cause:
      "QEMU sent the vfio-user server a request and waited for the reply for x-msg-timeout milliseconds (5,000 by default) without getting one: the server is hung, busy (one reactor thread serving many controllers, a host under load while many VMs start at once), or stopped reading the socket. At device creation the device is not created; later it fails the guest's access",
    fix: 'check that the server process is alive and not stuck (its log, `top -H`); if it is only slow — many VMs starting together, a loaded host — raise the wait with `-device vfio-user-pci,…,x-msg-timeout=15000`',
    render: render(PREFIX),
    examples: [
      ex(`${PREFIX}timed out waiting for reply: Connection timed out`, {
        what: 'timed out waiting for reply',
        errno: 'ETIMEDOUT',
      }),
      ex(
        'qemu-system-x86_64: vfio_user_device_io_region_read: timed out waiting for reply: Connection timed out',
      ),
      ex('vfio_wait_reqs - timed out', { what: 'vfio_wait_reqs - timed out' }),
    ],
  },
  {
    id: 'qemu.vfio-user-stream-closed',
    source: 'qemu',
    cite: `${QEMU} hw/vfio-user/proxy.c vfio_user_recv_one() (a read that returns 0 sets "server closed socket"; a header or reply that cannot be trusted: "short read of header", "bad header size", "unknown message type", "unexpected reply", "unexpected FDs", "reply larger than recv buffer", "vfio_user_recv request larger than max"), reported by vfio_user_recv() with error_report_err()`,
    format: 'server closed socket',
    versions:
      "QEMU 10.1+, printed from the client's I/O thread with only the program name in front; once it is printed the connection is shut down and every later request fails",
    patterns: [
      /qemu[\w.-]{0,40}: (?<what>server closed socket|short read of header|bad header size|unknown message type|unexpected reply|unexpected FDs|reply larger than recv buffer|vfio_user_recv request larger than max)$/,
    ],
    severity: 'error',
    title: 'The vfio-user connection broke',
    cause:
      "QEMU's vfio-user client stopped using the server's socket: the server closed it (it exited, crashed, or dropped the client on an error of its own), or sent data QEMU cannot trust as a message, which happens when the two speak different protocol revisions. The emulated device stops working; the guest sees its driver time out",
    fix: "read the server's log for the same moment (a crash, a rejected request); restart the server and the guest; if it recurs from the first request, check that QEMU and the server are matching versions",
    refine: (f) =>
      f.what === 'server closed socket'
        ? undefined
        : {
            cause: `QEMU received something from the vfio-user server that is not a valid message here ("${f.what}"), so it stopped trusting the stream and shut the connection down: almost always QEMU and the server implementing different revisions of the vfio-user protocol (the pre-merge QEMU branches and libvfio-user/SPDK changed the message layouts several times), otherwise a server bug`,
            fix: 'use QEMU 10.1 or later with a current server release, or the QEMU branch the server documents; report it to the server project if the versions match',
          },
    render: render('qemu-system-x86_64: '),
    examples: [
      ex('qemu-system-x86_64: server closed socket', { what: 'server closed socket' }),
      ex('qemu-system-x86_64: reply larger than recv buffer', { what: 'reply larger than recv buffer' }),
    ],
  },
  {
    id: 'qemu.vfio-user-async-error',
    source: 'qemu',
    cite: `${QEMU} hw/vfio-user/proxy.c vfio_user_process() ("vfio_user_process: error reply on async request command %x error %s") and vfio_user_wait_reqs() ("vfio_user_wait_reqs - error reply on async request: command %x error %s"); the commands are hw/vfio-user/protocol.h enum vfio_user_command, the requests sent without waiting are hw/vfio-user/container.c vfio_user_dma_map()/vfio_user_dma_unmap() during memory transactions and device.c posted region writes`,
    format: 'error reply on async request command %x error %s',
    versions: 'QEMU 10.1+; the command number is printed in hexadecimal',
    patterns: [/error reply on async request:? command (?<cmd>[0-9a-fA-F]{1,4}) error (?<err>[^\n]{1,80})/],
    severity: 'error',
    title: 'The vfio-user server refused a request QEMU did not wait for',
    cause:
      "QEMU sends some vfio-user requests without waiting for the answer — DMA map and unmap while the guest's memory map changes, and posted writes to device registers — and the server answered this one with an error later; the command number says which request",
    fix: "read the server's log for the rejected request; the command number and errno say which",
    refine: refineAsync,
    render: render('', 2, 'Bad address'),
    examples: [
      ex('vfio_user_process: error reply on async request command 2 error Bad address', {
        cmd: '2',
        errno: 'EFAULT',
      }),
      ex('vfio_user_wait_reqs - error reply on async request: command 3 error Invalid argument', {
        cmd: '3',
        errno: 'EINVAL',
      }),
      ex('vfio_user_process: error reply on async request command a error Invalid argument', { cmd: 'a' }),
    ],
  },
];
