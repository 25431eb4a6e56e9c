/**
 * One errno fact from the ways messages print it: QEMU's %m and error_setg_errno() give glibc's
 * strerror() text ("Cannot allocate memory"), sometimes with the number; the kernel and QEMU's
 * tracing print negative returns (-12); some tools print the name (ENOMEM) or a positive number.
 * Numbers are Linux's (include/uapi/asm-generic/errno-base.h, errno.h; x86, arm and riscv share
 * them); texts are glibc's strerror (string/_strerror.c, sysdeps/gnu/errlist) plus musl's
 * (src/errno/__strerror.h) where its wording differs, for Alpine-based hosts.
 */

const ERRNO: [name: string, code: number, ...texts: string[]][] = [
  ['EPERM', 1, 'Operation not permitted'],
  // dash (src/error.c errmsg()) words ENOENT on a redirection to a file whose directory is missing
  // as "Directory nonexistent", and on other opens as "No such file".
  ['ENOENT', 2, 'No such file or directory', 'Directory nonexistent', 'No such file'],
  ['ESRCH', 3, 'No such process'],
  ['EINTR', 4, 'Interrupted system call'],
  ['EIO', 5, 'Input/output error', 'I/O error'],
  ['ENXIO', 6, 'No such device or address'],
  ['E2BIG', 7, 'Argument list too long'],
  ['ENOEXEC', 8, 'Exec format error'],
  ['EBADF', 9, 'Bad file descriptor'],
  ['ECHILD', 10, 'No child processes', 'No child process'],
  ['EAGAIN', 11, 'Resource temporarily unavailable'],
  ['ENOMEM', 12, 'Cannot allocate memory', 'Out of memory'],
  ['EACCES', 13, 'Permission denied'],
  ['EFAULT', 14, 'Bad address'],
  ['ENOTBLK', 15, 'Block device required'],
  ['EBUSY', 16, 'Device or resource busy', 'Resource busy'],
  ['EEXIST', 17, 'File exists'],
  ['EXDEV', 18, 'Invalid cross-device link', 'Cross-device link'],
  ['ENODEV', 19, 'No such device'],
  ['ENOTDIR', 20, 'Not a directory'],
  ['EISDIR', 21, 'Is a directory'],
  ['EINVAL', 22, 'Invalid argument'],
  ['ENFILE', 23, 'Too many open files in system'],
  ['EMFILE', 24, 'Too many open files', 'No file descriptors available'],
  ['ENOTTY', 25, 'Inappropriate ioctl for device', 'Not a tty'],
  ['ETXTBSY', 26, 'Text file busy'],
  ['EFBIG', 27, 'File too large'],
  ['ENOSPC', 28, 'No space left on device'],
  ['ESPIPE', 29, 'Illegal seek', 'Invalid seek'],
  ['EROFS', 30, 'Read-only file system'],
  ['EMLINK', 31, 'Too many links'],
  ['EPIPE', 32, 'Broken pipe'],
  ['EDOM', 33, 'Numerical argument out of domain', 'Domain error'],
  ['ERANGE', 34, 'Numerical result out of range', 'Result not representable'],
  ['EDEADLK', 35, 'Resource deadlock avoided', 'Resource deadlock would occur'],
  ['ENAMETOOLONG', 36, 'File name too long'],
  ['ENOLCK', 37, 'No locks available'],
  ['ENOSYS', 38, 'Function not implemented'],
  ['ENOTEMPTY', 39, 'Directory not empty'],
  ['ELOOP', 40, 'Too many levels of symbolic links'],
  ['ENOMSG', 42, 'No message of desired type'],
  ['EIDRM', 43, 'Identifier removed'],
  ['ECHRNG', 44, 'Channel number out of range'],
  ['EL2NSYNC', 45, 'Level 2 not synchronized'],
  ['EL3HLT', 46, 'Level 3 halted'],
  ['EL3RST', 47, 'Level 3 reset'],
  ['ELNRNG', 48, 'Link number out of range'],
  ['EUNATCH', 49, 'Protocol driver not attached'],
  ['ENOCSI', 50, 'No CSI structure available'],
  ['EL2HLT', 51, 'Level 2 halted'],
  ['EBADE', 52, 'Invalid exchange'],
  ['EBADR', 53, 'Invalid request descriptor'],
  ['EXFULL', 54, 'Exchange full'],
  ['ENOANO', 55, 'No anode'],
  ['EBADRQC', 56, 'Invalid request code'],
  ['EBADSLT', 57, 'Invalid slot'],
  ['EBFONT', 59, 'Bad font file format'],
  ['ENOSTR', 60, 'Device not a stream'],
  ['ENODATA', 61, 'No data available'],
  ['ETIME', 62, 'Timer expired', 'Device timeout'],
  ['ENOSR', 63, 'Out of streams resources'],
  ['ENONET', 64, 'Machine is not on the network'],
  ['ENOPKG', 65, 'Package not installed'],
  ['EREMOTE', 66, 'Object is remote'],
  ['ENOLINK', 67, 'Link has been severed'],
  ['EADV', 68, 'Advertise error'],
  ['ESRMNT', 69, 'Srmount error'],
  ['ECOMM', 70, 'Communication error on send'],
  ['EPROTO', 71, 'Protocol error'],
  ['EMULTIHOP', 72, 'Multihop attempted'],
  ['EDOTDOT', 73, 'RFS specific error'],
  ['EBADMSG', 74, 'Bad message'],
  ['EOVERFLOW', 75, 'Value too large for defined data type', 'Value too large for data type'],
  ['ENOTUNIQ', 76, 'Name not unique on network'],
  ['EBADFD', 77, 'File descriptor in bad state'],
  ['EREMCHG', 78, 'Remote address changed'],
  ['ELIBACC', 79, 'Can not access a needed shared library'],
  ['ELIBBAD', 80, 'Accessing a corrupted shared library'],
  ['ELIBSCN', 81, '.lib section in a.out corrupted'],
  ['ELIBMAX', 82, 'Attempting to link in too many shared libraries'],
  ['ELIBEXEC', 83, 'Cannot exec a shared library directly'],
  ['EILSEQ', 84, 'Invalid or incomplete multibyte or wide character'],
  ['ERESTART', 85, 'Interrupted system call should be restarted'],
  ['ESTRPIPE', 86, 'Streams pipe error'],
  ['EUSERS', 87, 'Too many users'],
  ['ENOTSOCK', 88, 'Socket operation on non-socket'],
  ['EDESTADDRREQ', 89, 'Destination address required'],
  ['EMSGSIZE', 90, 'Message too long'],
  ['EPROTOTYPE', 91, 'Protocol wrong type for socket'],
  ['ENOPROTOOPT', 92, 'Protocol not available'],
  ['EPROTONOSUPPORT', 93, 'Protocol not supported'],
  ['ESOCKTNOSUPPORT', 94, 'Socket type not supported'],
  ['EOPNOTSUPP', 95, 'Operation not supported', 'Not supported'],
  ['EPFNOSUPPORT', 96, 'Protocol family not supported'],
  ['EAFNOSUPPORT', 97, 'Address family not supported by protocol'],
  ['EADDRINUSE', 98, 'Address already in use'],
  ['EADDRNOTAVAIL', 99, 'Cannot assign requested address'],
  ['ENETDOWN', 100, 'Network is down'],
  ['ENETUNREACH', 101, 'Network is unreachable'],
  ['ENETRESET', 102, 'Network dropped connection on reset'],
  ['ECONNABORTED', 103, 'Software caused connection abort'],
  ['ECONNRESET', 104, 'Connection reset by peer'],
  ['ENOBUFS', 105, 'No buffer space available'],
  ['EISCONN', 106, 'Transport endpoint is already connected'],
  ['ENOTCONN', 107, 'Transport endpoint is not connected', 'Socket not connected'],
  ['ESHUTDOWN', 108, 'Cannot send after transport endpoint shutdown'],
  ['ETOOMANYREFS', 109, 'Too many references: cannot splice'],
  ['ETIMEDOUT', 110, 'Connection timed out', 'Operation timed out'],
  ['ECONNREFUSED', 111, 'Connection refused'],
  ['EHOSTDOWN', 112, 'Host is down'],
  ['EHOSTUNREACH', 113, 'No route to host'],
  ['EALREADY', 114, 'Operation already in progress'],
  ['EINPROGRESS', 115, 'Operation now in progress'],
  ['ESTALE', 116, 'Stale file handle'],
  ['EUCLEAN', 117, 'Structure needs cleaning'],
  ['ENOTNAM', 118, 'Not a XENIX named type file'],
  ['ENAVAIL', 119, 'No XENIX semaphores available'],
  ['EISNAM', 120, 'Is a named type file'],
  ['EREMOTEIO', 121, 'Remote I/O error'],
  ['EDQUOT', 122, 'Disk quota exceeded'],
  ['ENOMEDIUM', 123, 'No medium found'],
  ['EMEDIUMTYPE', 124, 'Wrong medium type'],
  ['ECANCELED', 125, 'Operation canceled', 'Operation cancelled'],
  ['ENOKEY', 126, 'Required key not available'],
  ['EKEYEXPIRED', 127, 'Key has expired'],
  ['EKEYREVOKED', 128, 'Key has been revoked'],
  ['EKEYREJECTED', 129, 'Key was rejected by service'],
  ['EOWNERDEAD', 130, 'Owner died'],
  ['ENOTRECOVERABLE', 131, 'State not recoverable'],
  ['ERFKILL', 132, 'Operation not possible due to RF-kill'],
  ['EHWPOISON', 133, 'Memory page has hardware error'],
  // Kernel-internal codes that reach logs as numbers only (include/linux/errno.h; 520 is unused).
  ['ERESTARTSYS', 512],
  ['ERESTARTNOINTR', 513],
  ['ERESTARTNOHAND', 514],
  ['ENOIOCTLCMD', 515],
  ['ERESTART_RESTARTBLOCK', 516],
  ['EPROBE_DEFER', 517],
  ['EOPENSTALE', 518],
  ['ENOPARAM', 519],
  ['EBADHANDLE', 521],
  ['ENOTSYNC', 522],
  ['EBADCOOKIE', 523],
  ['ENOTSUPP', 524],
  ['ETOOSMALL', 525],
  ['ESERVERFAULT', 526],
  ['EBADTYPE', 527],
  ['EJUKEBOX', 528],
  ['EIOCBQUEUED', 529],
  ['ERECALLCONFLICT', 530],
  ['ENOGRACE', 531],
];

/** The table, for tests that hold it against the platform's own (glibc's strerror, Node's numbers). */
export const ERRNO_TABLE: readonly (readonly [name: string, code: number, ...texts: string[]])[] = ERRNO;

const BY_CODE = new Map(ERRNO.map(([name, code]) => [code, name]));

/**
 * Every strerror text above as one regular-expression alternation (longest first, so a text that
 * begins another is not taken for it), for patterns that must only match where an error text
 * follows: a shell names the file it could not open, then strerror.
 */
export const ERRNO_TEXT_ALTERNATION = ERRNO.flatMap(([, , ...texts]) => texts)
  .sort((a, b) => b.length - a.length)
  .map((t) => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
  .join('|');
const BY_TEXT = new Map(ERRNO.flatMap(([name, , ...texts]) => texts.map((t) => [t.toLowerCase(), name])));
const NAMES = new Set(ERRNO.map(([name]) => name));

/** The errno name a printed value stands for, or undefined when it names none. */
export function normaliseErrno(value: string): string | undefined {
  const v = value.trim().replace(/[.;,]+$/, '');
  // Rust's io::Error Debug form `Os { code: 16, kind: ResourceBusy, ... }` and Python's
  // `[Errno 16] Device or resource busy` carry the number first.
  const tagged = /^(?:Os \{ code: |\[Errno )(\d{1,4})\b/.exec(v);
  if (tagged) return BY_CODE.get(Number(tagged[1]));
  const num = /^\(?(-?\d{1,4})\)?$/.exec(v) ?? /^(?:errno[ =]?)?(-?\d{1,4})\b/i.exec(v);
  if (num) return BY_CODE.get(Math.abs(Number(num[1])));
  const name = /^-?(E[A-Z0-9]{2,15})\b/.exec(v);
  if (name && NAMES.has(name[1])) return name[1];
  const lower = v.toLowerCase();
  const exact = BY_TEXT.get(lower);
  if (exact) return exact;
  // "Cannot allocate memory (12)", "-12 (Cannot allocate memory)", "Operation not permitted: ...":
  // the longest known text the value starts with, or a number in parentheses.
  let best: string | undefined;
  let bestLen = 0;
  for (const [t, n] of BY_TEXT) {
    if (t.length > bestLen && lower.startsWith(t)) {
      best = n;
      bestLen = t.length;
    }
  }
  if (best) return best;
  const lead = /^(-\d{1,4})\b/.exec(v) ?? /\((-?\d{1,4})\)/.exec(v);
  if (lead) return BY_CODE.get(Math.abs(Number(lead[1])));
  return undefined;
}

/** Named groups that hold an errno, in the order they are consulted. */
export const ERRNO_GROUPS = ['errno', 'err', 'error', 'ret', 'rc'];

/**
 * Spellings that tag a number as an errno wherever it stands in a line: Rust's io::Error Display
 * "(os error 16)" and Debug "Os { code: 16, kind: ... }", vmm-sys-util's "Error(17)", Python's
 * "[Errno 16]", "errno 16" / "errno=16", C's "error -16" / "ret -16" / "returned -16" and QEMU's
 * traced "ioctl(...) = -16". Each alternative starts with a literal, so the scan is linear.
 */
const TAGGED =
  /\(os error (\d{1,4})\)|\bOs \{ code: (\d{1,4})|\bError\((\d{1,4})\)|\[Errno (\d{1,4})\]|\berrno[ =:]{1,2}-?(\d{1,4})\b|\b(?:error|err|ret|rc|returned|returns|status)[ =:]{1,2}(-\d{1,4})\b|= (-\d{1,4})\b/;
/**
 * Texts too generic to stand for an errno inside free text: musl's short forms, and the strerror
 * texts of STREAMS, RFS and other errnos Linux defines but no VFIO path returns, whose words a
 * message may use in their plain sense ("Invalid slot", "Exchange full", "Bad message"). They are
 * still read where a message prints an errno in its place (normaliseErrno).
 */
const LOOSE_TEXTS = new Set([
  'not supported',
  'not a tty',
  'domain error',
  'no such file',
  'out of memory',
  'channel number out of range',
  'level 2 not synchronized',
  'level 3 halted',
  'level 3 reset',
  'link number out of range',
  'level 2 halted',
  'invalid exchange',
  'invalid request descriptor',
  'exchange full',
  'no anode',
  'invalid request code',
  'invalid slot',
  'bad font file format',
  'object is remote',
  'advertise error',
  'srmount error',
  'multihop attempted',
  'rfs specific error',
  'bad message',
  'owner died',
  'host is down',
  'network is down',
  'message too long',
  'is a named type file',
]);
const TEXTS = new RegExp(
  `(?<![\\w])(?:${[...BY_TEXT.keys()]
    .filter((t) => !LOOSE_TEXTS.has(t))
    .sort((a, b) => b.length - a.length)
    .map((t) => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('|')})(?![\\w])`,
  'i',
);
const NAME_IN_TEXT = /(?<![\w-])-?(E[A-Z0-9_]{2,15})(?![\w])/g;

/**
 * The errno a line carries, in whichever spelling it has: a tagged number first (the most exact),
 * then a strerror text, then a name such as EBUSY. `text` is the spelling as printed.
 */
export function findErrno(line: string): { name: string; text: string } | undefined {
  const t = TAGGED.exec(line);
  if (t) {
    const num = t.slice(1).find((x) => x !== undefined);
    const name = num === undefined ? undefined : BY_CODE.get(Math.abs(Number(num)));
    if (name) return { name, text: t[0] };
  }
  const x = TEXTS.exec(line);
  if (x) {
    const name = BY_TEXT.get(x[0].toLowerCase());
    if (name) return { name, text: x[0] };
  }
  NAME_IN_TEXT.lastIndex = 0;
  for (let m = NAME_IN_TEXT.exec(line); m; m = NAME_IN_TEXT.exec(line))
    if (NAMES.has(m[1])) return { name: m[1], text: m[0] };
  return undefined;
}

/** The strerror text glibc prints for an errno name (for explanations). */
export function errnoText(name: string): string | undefined {
  return ERRNO.find(([n]) => n === name)?.[2];
}
