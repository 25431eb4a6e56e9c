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
  ['ENOENT', 2, 'No such file or directory'],
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
  ['ENOSYS', 38, 'Function not implemented'],
  ['ENODATA', 61, 'No data available'],
  ['ETIME', 62, 'Timer expired', 'Device timeout'],
  ['EPROTO', 71, 'Protocol error'],
  ['EOVERFLOW', 75, 'Value too large for defined data type', 'Value too large for data type'],
  ['EOPNOTSUPP', 95, 'Operation not supported', 'Not supported'],
  ['EADDRINUSE', 98, 'Address already in use'],
  ['ENOBUFS', 105, 'No buffer space available'],
  ['ETIMEDOUT', 110, 'Connection timed out', 'Operation timed out'],
  ['ECANCELED', 125, 'Operation canceled', 'Operation cancelled'],
  ['EHWPOISON', 133, 'Memory page has hardware error'],
  // Kernel-internal codes that reach logs as numbers only (include/linux/errno.h).
  ['ENOTSUPP', 524],
];

const BY_CODE = new Map(ERRNO.map(([name, code]) => [code, name]));
const BY_TEXT = new Map(ERRNO.flatMap(([name, , ...texts]) => texts.map((t) => [t.toLowerCase(), name])));
const NAMES = new Set(ERRNO.map(([name]) => name));

/** The errno name a printed value stands for, or undefined when it names none. */
export function normaliseErrno(value: string): string | undefined {
  const v = value.trim().replace(/[.;,]+$/, '');
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
