/**
 * Writes to the sysfs files of the driver-binding path failing, as the programs that write them
 * print it: bash and dash redirections (`-bash: FILE: Permission denied`, `sh: 1: cannot create
 * FILE: Directory nonexistent`, `bash: echo: write error: No such device` after the `echo … > FILE`
 * line), coreutils tee and cat, Go's os.PathError (`write FILE: no such device`), Python's OSError
 * (`[Errno 19] No such device: 'FILE'`), Rust's io::Error, Proxmox (`error writing '1' to 'FILE':
 * …`) and dpdk-devbind. The file and the errno are read as facts and together pick the cause from
 * the kernel function that returned it (sysfs-errno.ts): ENODEV from `bind` is not ENODEV from
 * `unbind`. Kernel lines printed by the same stores (sriov_numvfs) are here too.
 */

import type { CatalogueEntry } from '../entry.js';
import { BDF } from '../entry.js';
import { ERRNO_TEXT_ALTERNATION } from '../errno.js';
import { ex, render } from './build.js';
import { refineSysfs, SYSFS_FILES, type SysfsFile, sysfsErrnoText, sysfsFileOf } from './sysfs-errno.js';

/** Characters of a sysfs path as programs print it (bash keeps a typed `\:` escape). */
const PATH = '[\\w.:\\\\/+-]{1,220}';
/** An errno as the program printed it: strerror text, Go's lower-case text, Rust's forms. */
const ERR = '(?<err>[^\\n]{1,80})';
/** Shells and coreutils that print `NAME: FILE: error` for a relative FILE. */
const SHELL = '(?:sh|bash|zsh|ksh|tee|cat|head|dd)(?:: line \\d{1,6}|: \\d{1,6})?';

interface FileWording {
  file: SysfsFile;
  /** The file name in a path, as a pattern (`resource\d`, `mdev_supported_types/T/create`). */
  name: string;
  /** Whether the bare name (a relative path, `echo 1 > bind` in the driver's directory) is enough. */
  relative: boolean;
  /** A read (cat, open for reading) rather than a write. */
  read?: boolean;
}

/**
 * The ways one file's failure is printed. Each pattern starts at a literal and bounds its runs, so
 * it stays linear (regex-safety.ts).
 */
function patternsFor(w: FileWording): RegExp[] {
  const n = w.name;
  const out = [
    // bash/dash/tee/Go/Proxmox/Rust: the absolute path (a directory's perhaps with the slash that
    // tab completion leaves), then ": error" (quotes closed first).
    new RegExp(`(?<path>\\/sys\\/${PATH})\\/${n}\\/?['"\`]?: ?${ERR}`),
    // Python: "[Errno 19] No such device: '/sys/.../bind'".
    new RegExp(`\\[Errno (?<errno>\\d{1,4})\\] [^\\n:]{1,60}: '(?<path>\\/sys\\/${PATH})\\/${n}'`),
    // The shell command naming the file, then (at most two lines on) the shell's write error.
    new RegExp(
      `> ?['"]?(?:(?<path>\\/sys\\/${PATH})\\/)${w.relative ? '?' : ''}${n}['"]?[ \\t]{0,4}\\n(?:[^\\n]{0,300}\\n){0,2}[^\\n]{0,200}write error: ${ERR}`,
    ),
  ];
  // Python's subprocess.CalledProcessError for `sh -c "echo … > FILE"` (the errno is not kept).
  out.push(
    new RegExp(
      `Command '[^'\\n]{0,200}> ?['"]?(?<path>\\/sys\\/${PATH})\\/${n}['"]?' returned non-zero exit status \\d{1,3}`,
    ),
  );
  // A bare name is a shell's: the file it could not open, then strerror. Only an errno text counts,
  // or bash's own `bind` builtin ("bash: bind: warning: line editing not enabled") and a missing
  // command ("bash: unbind: command not found") would be taken for a sysfs write.
  if (w.relative)
    out.push(
      new RegExp(
        `\\b${SHELL}: (?:cannot create |can't create |cannot open )?${n}: (?<err>(?:${ERRNO_TEXT_ALTERNATION})\\b[^\\n]{0,40})`,
      ),
    );
  return out;
}

const NAMES: Record<string, Omit<FileWording, 'file'>> = {
  bind: { name: 'bind', relative: true },
  unbind: { name: 'unbind', relative: true },
  new_id: { name: 'new_id', relative: true },
  remove_id: { name: 'remove_id', relative: true },
  driver_override: { name: 'driver_override', relative: true },
  drivers_probe: { name: 'drivers_probe', relative: true },
  reset: { name: 'reset', relative: false },
  reset_method: { name: 'reset_method', relative: true },
  sriov_numvfs: { name: 'sriov_numvfs', relative: true },
  create: { name: 'mdev_supported_types\\/(?<mdevType>[\\w.:-]{1,64})\\/create', relative: false },
  rom: { name: 'rom', relative: true, read: true },
  resource: { name: 'resource\\d{1,2}(?:_wc)?', relative: false, read: true },
  physfn: { name: 'physfn(?:\\/[\\w.-]{1,32})?', relative: false, read: true },
  iommu_group: { name: 'iommu_group(?:\\/[\\w.-]{1,32})?', relative: false, read: true },
  mdev_supported_types: {
    name: '(?:mdev_supported_types|mdev\\/devices|mdev_bus)',
    relative: false,
    read: true,
  },
  // Absolute paths only: "bash: remove: command not found" must not read as a failed write.
  remove: { name: 'remove', relative: false },
  rescan: { name: 'rescan', relative: false },
};

/** Per file: the id, title, and real messages (public reports where one was found). */
const META: Record<
  string,
  { id: string; title: string; format: string; args: string[]; examples: ReturnType<typeof ex>[] }
> = {
  bind: {
    id: 'sysfs.bind-failed',
    title: 'Binding a device to a driver through sysfs failed',
    format: '%s: %s\n',
    args: ['/sys/bus/pci/drivers/vfio-pci/bind', 'No such device'],
    examples: [
      ex(
        'root@host:/sys/bus/pci/drivers/vfio-pci# echo 0000:03:00.0 > bind\n-bash: echo: write error: No such device',
        { errno: 'ENODEV' },
      ),
      ex("OSError: [Errno 16] Device or resource busy: '/sys/bus/pci/drivers/vfio-pci/bind'", {
        errno: 'EBUSY',
        path: '/sys/bus/pci/drivers/vfio-pci',
      }),
      ex('write /sys/bus/pci/drivers/vfio-pci/bind: invalid argument', { errno: 'EINVAL' }),
      ex(
        'tee: /sys/bus/pci/drivers/vfio-pci/bind: Invalid argument',
        { errno: 'EINVAL' },
        'https://github.com/VoltCyclone/PCILeechFWGenerator/issues/74',
      ),
      ex(
        '/sys/bus/platform/drivers/efi-framebuffer/bind: No such device',
        { errno: 'ENODEV', path: '/sys/bus/platform/drivers/efi-framebuffer' },
        'https://github.com/joeknock90/Single-GPU-Passthrough/issues/98',
      ),
      ex('-bash: /sys/bus/pci/drivers/vfio-pci/bind: Permission denied', { errno: 'EACCES' }),
      ex(
        'Error: failed to write /sys/bus/pci/drivers/vfio-pci/bind: Os { code: 19, kind: Uncategorized, message: "No such device" }',
        { errno: 'ENODEV' },
      ),
    ],
  },
  unbind: {
    id: 'sysfs.unbind-failed',
    title: 'Releasing a device from its driver through sysfs failed',
    format: '%s: %s\n',
    args: ['/sys/bus/pci/drivers/nvidia/unbind', 'No such device'],
    examples: [
      ex(
        'echo efi-framebuffer.0 > /sys/bus/platform/drivers/efi-framebuffer/unbind\n/etc/libvirt/hooks/qemu.d/win10/prepare/begin/start.sh: line 14: echo: write error: No such device',
        { errno: 'ENODEV' },
      ),
      ex('tee: /sys/bus/pci/drivers/snd_hda_intel/unbind: No such device', { errno: 'ENODEV' }),
      ex('sh: 1: cannot create /sys/bus/pci/devices/0000:01:00.0/driver/unbind: Directory nonexistent', {
        errno: 'ENOENT',
      }),
      ex(
        './rebind.sh: 8: ./rebind.sh: cannot create /sys/bus/pci/devices/00:1d.0/driver/unbind: Directory nonexistent',
        { errno: 'ENOENT' },
        'https://github.com/foxlet/vmra1n/issues/10',
      ),
    ],
  },
  new_id: {
    id: 'sysfs.new-id-failed',
    title: "Adding an ID to a driver's table through sysfs failed",
    format: '%s: %s\n',
    args: ['/sys/bus/pci/drivers/vfio-pci/new_id', 'File exists'],
    examples: [
      ex('tee: /sys/bus/pci/drivers/vfio-pci/new_id: File exists', { errno: 'EEXIST' }),
      ex('open /sys/bus/pci/drivers/vfio-pci/new_id: no such file or directory', { errno: 'ENOENT' }),
      ex('./bind.sh: 7: cannot create /sys/bus/pci/drivers/vfio-pci/new_id: Directory nonexistent', {
        errno: 'ENOENT',
      }),
      ex(
        "2025-06-05 09:15:10,673 - ERROR - Failed to bind device to vfio-pci: Command 'echo 10ec 8161 > /sys/bus/pci/drivers/vfio-pci/new_id' returned non-zero exit status 1.",
        undefined,
        'https://github.com/VoltCyclone/PCILeechFWGenerator/issues/14',
      ),
      ex('echo 10de:1b80 > /sys/bus/pci/drivers/vfio-pci/new_id\nbash: echo: write error: Invalid argument', {
        errno: 'EINVAL',
      }),
    ],
  },
  remove_id: {
    id: 'sysfs.remove-id-failed',
    title: "Removing an ID from a driver's table through sysfs failed",
    format: '%s: %s\n',
    args: ['/sys/bus/pci/drivers/vfio-pci/remove_id', 'No such device'],
    examples: [ex('tee: /sys/bus/pci/drivers/vfio-pci/remove_id: No such device', { errno: 'ENODEV' })],
  },
  driver_override: {
    id: 'sysfs.driver-override-failed',
    title: "Setting a device's driver_override failed",
    format: '%s: %s\n',
    args: ['/sys/bus/pci/devices/0000:01:00.0/driver_override', 'Permission denied'],
    examples: [
      ex('-bash: /sys/bus/pci/devices/0000:01:00.0/driver_override: Permission denied', { errno: 'EACCES' }),
      ex(
        "PermissionError: [Errno 13] Permission denied: '/sys/bus/pci/devices/0000:01:00.0/driver_override'",
        {
          errno: 'EACCES',
        },
      ),
      ex('open /sys/bus/pci/devices/0000:65:00.0/driver_override: read-only file system', { errno: 'EROFS' }),
    ],
  },
  drivers_probe: {
    id: 'sysfs.drivers-probe-failed',
    title: 'Asking the PCI bus to probe a device failed',
    format: '%s: %s\n',
    args: ['/sys/bus/pci/drivers_probe', 'No such device'],
    examples: [
      ex('echo 01:00.0 > /sys/bus/pci/drivers_probe\n-bash: echo: write error: No such device', {
        errno: 'ENODEV',
      }),
    ],
  },
  reset: {
    id: 'sysfs.reset-failed',
    title: 'Resetting a device through its sysfs reset file failed',
    format: "error writing '%s' to '%s': %s\n",
    args: ['1', '/sys/bus/pci/devices/0000:0b:00.0/reset', 'Inappropriate ioctl for device'],
    examples: [
      ex("error writing '1' to '/sys/bus/pci/devices/0000:0b:00.0/reset': Inappropriate ioctl for device", {
        errno: 'ENOTTY',
      }),
      ex(
        'echo 1 > /sys/bus/pci/devices/0000:03:00.0/reset\nbash: echo: write error: Inappropriate ioctl for device',
        {
          errno: 'ENOTTY',
        },
      ),
    ],
  },
  reset_method: {
    id: 'sysfs.reset-method-failed',
    title: "Choosing a device's reset methods failed",
    format: '%s: %s\n',
    args: ['/sys/bus/pci/devices/0000:01:00.0/reset_method', 'Invalid argument'],
    examples: [
      ex(
        'echo flr > /sys/bus/pci/devices/0000:01:00.0/reset_method\n-bash: echo: write error: Invalid argument',
        {
          errno: 'EINVAL',
        },
      ),
    ],
  },
  sriov_numvfs: {
    id: 'sysfs.sriov-numvfs-failed',
    title: 'Enabling SR-IOV virtual functions failed',
    format: '%s: %s\n',
    args: ['/sys/bus/pci/devices/0000:3b:00.0/sriov_numvfs', 'Numerical result out of range'],
    examples: [
      ex(
        'echo 8 > /sys/class/net/enp59s0f0/device/sriov_numvfs\n./vfs.sh: line 3: echo: write error: Numerical result out of range',
        {
          errno: 'ERANGE',
        },
      ),
      ex(
        'echo 4 > /sys/bus/pci/devices/0000:00:02.0/sriov_numvfs\nbash: echo: write error: No such file or directory',
        {
          errno: 'ENOENT',
        },
      ),
      ex('tee: /sys/bus/pci/devices/0000:3b:00.0/sriov_numvfs: Device or resource busy', { errno: 'EBUSY' }),
      ex('write /sys/bus/pci/devices/0000:3b:00.0/sriov_numvfs: cannot allocate memory', { errno: 'ENOMEM' }),
    ],
  },
  create: {
    id: 'sysfs.mdev-create-failed',
    title: 'Creating a mediated device (vGPU) failed',
    format: '%s: %s\n',
    args: [
      '/sys/bus/pci/devices/0000:00:02.0/mdev_supported_types/i915-GVTg_V5_4/create',
      'No space left on device',
    ],
    examples: [
      ex(
        'echo "83b8f4f2-509f-382f-3c1e-e6bfe0fa1001" > /sys/bus/pci/devices/0000:00:02.0/mdev_supported_types/i915-GVTg_V5_8/create\n./mkvgpu.sh: line 9: echo: write error: No space left on device',
        { errno: 'ENOSPC' },
      ),
      ex(
        "OSError: [Errno 17] File exists: '/sys/bus/pci/devices/0000:41:00.0/mdev_supported_types/nvidia-63/create'",
        { errno: 'EEXIST' },
      ),
    ],
  },
  rom: {
    id: 'sysfs.rom-read-failed',
    title: "Reading a device's option ROM through sysfs failed",
    format: 'cat: %s: %s\n',
    args: ['rom', 'Input/output error'],
    examples: [
      ex('cat: /sys/bus/pci/devices/0000:01:00.0/rom: Input/output error', { errno: 'EIO' }),
      ex('cat: rom: Invalid argument', { errno: 'EINVAL' }),
    ],
  },
  resource: {
    id: 'sysfs.resource-access-failed',
    title: "Accessing a device's BAR through its sysfs resource file failed",
    format: 'read %s: %s\n',
    args: ['/sys/bus/pci/devices/0000:01:00.0/resource0', 'input/output error'],
    examples: [
      ex('read /sys/bus/pci/devices/0000:01:00.0/resource0: input/output error', { errno: 'EIO' }),
      ex("OSError: [Errno 1] Operation not permitted: '/sys/bus/pci/devices/0000:01:00.0/resource2'", {
        errno: 'EPERM',
      }),
    ],
  },
  physfn: {
    id: 'sysfs.physfn-missing',
    title: 'A device taken for an SR-IOV virtual function has no physfn link',
    format: 'lstat %s: %s\n',
    args: ['/sys/bus/pci/devices/0000:00:05.0/physfn/net', 'no such file or directory'],
    examples: [
      ex('lstat /sys/bus/pci/devices/0000:00:05.0/physfn/net: no such file or directory', {
        errno: 'ENOENT',
      }),
      ex('readlink /sys/bus/pci/devices/0000:af:00.0/physfn: no such file or directory', { errno: 'ENOENT' }),
    ],
  },
  iommu_group: {
    id: 'sysfs.iommu-group-missing',
    title: 'A device has no iommu_group in sysfs',
    format: 'readlink %s: %s\n',
    args: ['/sys/bus/pci/devices/0000:01:00.0/iommu_group', 'no such file or directory'],
    examples: [
      ex('readlink /sys/bus/pci/devices/0000:01:00.0/iommu_group: no such file or directory', {
        errno: 'ENOENT',
      }),
      ex(
        "FileNotFoundError: [Errno 2] No such file or directory: '/sys/bus/pci/devices/0000:00:04.0/iommu_group'",
        { errno: 'ENOENT' },
      ),
    ],
  },
};

function entryFor(file: SysfsFile): CatalogueEntry {
  const w = { file, ...NAMES[file.name] };
  const m = META[file.name];
  return {
    id: m.id,
    source: 'userspace tool',
    cite: `${file.cite} (the errno); printed by the writing program: bash/dash redirection, coreutils tee/cat, Go os.PathError, Python OSError, Rust io::Error`,
    format: m.format,
    versions:
      'bash prints "FILE: ERROR" when the open fails and "echo: write error: ERROR" (without the file) when the write fails; dash says "cannot create FILE: ERROR" and "Directory nonexistent" for a missing directory; Go prints errors in lower case',
    patterns: patternsFor(w),
    // The pattern spanning lines ends on the shell's "write error: " line (patternsFor).
    endsOn: ['write error: '],
    severity: 'error',
    title: m.title,
    cause: `${file.does} failed; the errno and the file decide why (the kernel function that returned it: ${file.cite.replace(/^torvalds\/linux /, '')})`,
    fix: 'see the cause for this errno; dmesg at the same moment often names the device and the driver',
    refine: refineSysfs(file),
    render: render('', ...m.args),
    examples: m.examples,
  };
}

/** `bash: echo: write error: ERROR` alone: the file is on the line before, if it was pasted. */
const SHELL_WRITE_ERROR: CatalogueEntry = {
  id: 'sysfs.shell-write-error',
  source: 'userspace tool',
  cite: 'bash builtins/echo.def (sh_chkwrite(): "write error: %s"); the errno from the sysfs store written to (drivers/base/bus.c, drivers/pci/pci-driver.c, drivers/pci/iov.c, drivers/vfio/mdev/mdev_sysfs.c)',
  format: 'echo: write error: %s\n',
  versions: 'bash; zsh says "write error: %s" too; dash prints "echo: I/O error"',
  patterns: [
    /\becho: write error: (?<err>[^\n]{1,80})/,
    // dash (Debian's and Ubuntu's /bin/sh) prints every failed echo write as "echo: I/O error".
    /\b(?<dash>sh: (?:\d{1,6}: )?echo: (?:echo: )?I\/O error)/,
  ],
  severity: 'error',
  title: 'A shell `echo … > FILE` was refused by the file (in passthrough scripts: a sysfs file)',
  cause:
    'the write reached the file and the kernel refused the value; in passthrough scripts the file is a sysfs file of the binding path, and the errno says which store refused what',
  fix: 'run the script with `bash -x` to see which file the failing echo writes; the errno below says what that file refused',
  refine: (f) => {
    if (f.dash)
      return {
        cause:
          'dash (/bin/sh on Debian and Ubuntu) reports every failed echo write as "I/O error", whatever the kernel returned: the sysfs store refused the value, but the real errno is not shown',
        fix: "repeat the same write under bash (`bash -c 'echo VALUE > FILE'`) to see the errno, then look it up for that file; for vfio-pci binding by address see `vfiokit bind ADDR`",
      };
    const e = f.errno;
    if (!e) return undefined;
    const per = SYSFS_FILES.flatMap((file) => {
      const t = sysfsErrnoText(file, f);
      return t && file.byErrno[e] ? [`from ${file.name}: ${t.cause}`] : [];
    });
    if (!per.length) return undefined;
    const fixes = SYSFS_FILES.flatMap((file) => {
      const t = file.byErrno[e] ? sysfsErrnoText(file, f) : undefined;
      return t ? [`${file.name}: ${t.fix}`] : [];
    });
    // In GPU passthrough start scripts the usual ENODEV is the efi-framebuffer unbind: say it first.
    const lead =
      e === 'ENODEV'
        ? 'in a GPU passthrough start script this is most often `echo efi-framebuffer.0 > /sys/bus/platform/drivers/efi-framebuffer/unbind`: unbind_store() answers ENODEV because efi-framebuffer.0 is not bound to efifb — on kernels with sysfb/simpledrm (5.15 and later in most distributions, and on 6.x) the firmware framebuffer is simple-framebuffer.0 driven by simpledrm, so no efi-framebuffer device exists or it was never bound (or the script released it already). That line can go: the framebuffer to release is simple-framebuffer.0, or none. Otherwise, '
        : '';
    const fbFix =
      e === 'ENODEV'
        ? 'for the framebuffer line: `ls /sys/bus/platform/drivers/*framebuffer*/ /sys/bus/platform/drivers/simple-framebuffer/` shows which exists; drop the efi-framebuffer unbind (and its bind in the release script), or keep the firmware framebuffer off the GPU at boot (video=efifb:off, initcall_blacklist=sysfb_init); '
        : '';
    return {
      cause: `${lead}${e} from a sysfs write means, by file — ${per.slice(0, 4).join('; ')}`,
      fix: `${fbFix}find the file (\`bash -x\`), then — ${fixes.slice(0, 4).join('; ')}`,
    };
  },
  render: render('bash: ', 'No such device'),
  examples: [
    ex('/usr/local/bin/vfio-startup: line 42: echo: write error: No such device', { errno: 'ENODEV' }),
    ex(
      'echo: write error: No such device',
      { errno: 'ENODEV' },
      'https://github.com/joeknock90/Single-GPU-Passthrough/issues/25',
    ),
    ex('bash: echo: write error: Device or resource busy', { errno: 'EBUSY' }),
    ex('sh: echo: I/O error', { dash: 'sh: echo: I/O error' }, 'https://github.com/foxlet/vmra1n/issues/5'),
    ex(
      '/bin/sh: 1: echo: echo: I/O error',
      { dash: 'sh: 1: echo: echo: I/O error' },
      'https://github.com/VoltCyclone/PCILeechFWGenerator/issues/14',
    ),
  ],
};

/** dpdk-devbind.py: binding through the driver's bind file (the Python errno in the message). */
const DPDK_DEVBIND: CatalogueEntry = {
  id: 'sysfs.dpdk-devbind-failed',
  source: 'dpdk',
  cite: 'DPDK/dpdk usertools/dpdk-devbind.py bind_one() / unbind_one(); the errno from drivers/base/bus.c bind_store() / unbind_store()',
  format: 'Error: bind failed for %s - Cannot bind to driver %s: %s',
  versions:
    'also "Error: bind failed for %s - Cannot open %s: %s" (the bind file itself) and "Error: unbind failed for %s - Cannot open %s: %s"; before DPDK 21.11 the same lines end without the errno ("Error: bind failed for %s - Cannot bind to driver %s")',
  patterns: [
    new RegExp(
      `Error: (?<op>bind|unbind) failed for ${BDF} - Cannot (?:bind to driver (?<driver>[\\w.-]{1,64})|open (?<path>[^\\n:]{1,200}))(?:: (?<err>[^\\n]{1,80}))?`,
    ),
  ],
  severity: 'error',
  title: 'dpdk-devbind could not bind the device',
  cause: "writing the address to the driver's sysfs file failed; the errno says why",
  fix: 'see the cause; `dpdk-devbind.py --status` shows the current drivers',
  refine: (f) => {
    // The module is vfio_pci, the driver (and its sysfs directory) vfio-pci; dpdk-devbind takes the
    // name it is given as the directory under /sys/bus/pci/drivers/.
    const named = f.driver ?? /\/drivers\/(?<d>[\w.-]{1,64})\//.exec(f.path ?? '')?.groups?.d;
    if (f.op === 'bind' && named && /^vfio_pci$|^uio-pci-generic$/.test(named))
      return {
        cause: `the driver was given as "${named}", which is the module's spelling, not the driver's: dpdk-devbind binds through /sys/bus/pci/drivers/NAME/, and the kernel registers the drivers as vfio-pci (module vfio_pci) and uio_pci_generic, so /sys/bus/pci/drivers/${named}/ does not exist and the bind fails whether the module is loaded or not`,
        fix: `use the driver's name: \`dpdk-devbind.py --bind=${named === 'vfio_pci' ? 'vfio-pci' : 'uio_pci_generic'} ADDR\` (\`ls /sys/bus/pci/drivers/\` lists the names)`,
      };
    const file = f.op === 'unbind' ? SYSFS_FILES[1] : SYSFS_FILES[0];
    const t = sysfsErrnoText(file, {
      ...f,
      path: f.path?.replace(/\/(?:un)?bind$/, '') ?? `/sys/bus/pci/drivers/${f.driver ?? ''}`,
    });
    if (f.path && f.errno === 'ENOENT')
      return {
        cause: `the driver's sysfs directory is missing (${f.path}): the driver is not loaded`,
        fix: 'modprobe vfio-pci (or the driver named), then bind again',
      };
    if (!f.err && f.path?.includes('/drivers//'))
      return {
        cause: `the driver name in the path is empty (${f.path}): dpdk-devbind tried to unbind the device from, or give it back to, a driver it does not have — the device is now bound to no driver at all, typically because the bind just before failed and left it unbound`,
        fix: 'read the bind error just before it; `dpdk-devbind.py --status` (or lspci -nnk) shows the device with no driver; bind it back to its kernel driver (dpdk-devbind.py -b DRIVER BDF) once the cause is fixed',
      };
    if (!f.err && f.op === 'bind' && /^vfio/.test(f.driver ?? ''))
      return {
        cause: `${f.driver} refused the device (this dpdk-devbind version prints no errno). vfio-pci binds only a device that has an IOMMU group: with no IOMMU — IOMMU off in the firmware or kernel, or inside a VM without a virtual IOMMU (a DPDK guest on a virtio or passed-through NIC) — its probe fails with EINVAL (dmesg "vfio-pci: probe of BDF failed with error -22"), unless vfio runs in no-IOMMU mode. Less often the probe fails for another reason dmesg names`,
        fix: 'on a host enable the IOMMU (VT-d/AMD-Vi in the firmware, intel_iommu=on); in a VM give it a virtual IOMMU (QEMU -device intel-iommu with -machine q35,kernel-irqchip=split; libvirt <iommu model="intel"/>) and boot the guest with intel_iommu=on, or, unsafe and only for a trusted guest, load vfio with enable_unsafe_noiommu_mode=1 (DPDK supports no-IOMMU mode); read dmesg for the probe error',
      };
    return t ? { cause: t.cause, fix: t.fix, ...(t.severity ? { severity: t.severity } : {}) } : undefined;
  },
  render: render('', '0000:02:00.0', 'vfio-pci', '[Errno 22] Invalid argument'),
  examples: [
    ex('Error: bind failed for 0000:02:00.0 - Cannot bind to driver vfio-pci: [Errno 22] Invalid argument', {
      errno: 'EINVAL',
      driver: 'vfio-pci',
    }),
    ex('Error: bind failed for 0000:05:00.1 - Cannot bind to driver vfio-pci: [Errno 19] No such device', {
      errno: 'ENODEV',
    }),
    ex('Error: bind failed for 0000:00:06.0 - Cannot bind to driver vfio-pci', { driver: 'vfio-pci' }),
    ex('Error: unbind failed for 0000:00:06.0 - Cannot open /sys/bus/pci/drivers//unbind', {
      path: '/sys/bus/pci/drivers//unbind',
    }),
  ],
};

/** Kernel lines of sriov_numvfs_store() (drivers/pci/iov.c), printed with the failing write. */
const SRIOV_KERNEL: CatalogueEntry[] = [
  {
    id: 'kernel.sriov-no-configure',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/iov.c sriov_numvfs_store()',
    format: 'driver does not support SR-IOV configuration via sysfs\n',
    versions:
      'Linux 6.x: "no driver bound to device; cannot configure SR-IOV" and "driver does not support SR-IOV configuration via sysfs"; 4.x–5.x: "Driver does not support SRIOV configuration via sysfs"; 3.x: "Driver doesn\'t support SRIOV configuration via sysfs"',
    patterns: [
      /[Dd]river do(?:es not|esn't) support SR-?IOV configuration via sysfs/,
      /(?<nodriver>[Nn]o driver bound to device); cannot configure SR-IOV/,
    ],
    severity: 'error',
    title: "The PF's driver cannot create SR-IOV VFs through sysfs",
    cause:
      "writing sriov_numvfs failed with ENOENT: the physical function's driver has no sriov_configure callback — e.g. the in-tree i915 on an iGPU (the SR-IOV-capable i915-sriov-dkms or xe module must be the one bound), or vfio-pci loaded without enable_sriov=1",
    fix: 'bind the PF to a driver that supports SR-IOV (`readlink /sys/bus/pci/devices/ADDR/driver`; check `modinfo` of the module actually loaded), or load vfio-pci with enable_sriov=1',
    refine: (f) =>
      f.nodriver
        ? {
            cause:
              'writing sriov_numvfs failed with ENOENT: no driver is bound to the physical function, and only its driver can create VFs. For an Intel iGPU (i915-sriov-dkms or xe VFs) the GPU driver did not bind: the write ran before i915/xe was loaded (a sysfs.conf or udev rule early at boot), the module is blacklisted, or its probe failed (a dkms module not built for this kernel, force_probe missing for the device ID) — dmesg has the reason near the i915/xe lines',
            fix: 'bind the PF to its SR-IOV-capable driver (or vfio-pci with enable_sriov=1) first: check `lspci -k -s ADDR`, load the module (`modprobe i915` / `modprobe xe`) and read dmesg for its probe error; at boot write sriov_numvfs only after the driver has loaded',
          }
        : undefined,
    render: render('nvme 0000:01:00.0: '),
    examples: [
      ex('[  123.456789] nvme 0000:01:00.0: driver does not support SR-IOV configuration via sysfs', {
        bdf: '0000:01:00.0',
      }),
      ex('ixgbe 0000:03:00.0: Driver does not support SRIOV configuration via sysfs'),
      ex('pci 0000:3b:00.0: no driver bound to device; cannot configure SR-IOV', {
        nodriver: 'no driver bound to device',
      }),
    ],
  },
  {
    id: 'kernel.sriov-already-enabled',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/iov.c sriov_numvfs_store()',
    format: '%d VFs already enabled. Disable before enabling %d VFs\n',
    patterns: [/(?<have>\d{1,5}) VFs already enabled\. Disable before enabling (?<want>\d{1,5}) VFs/],
    severity: 'error',
    title: 'SR-IOV VFs are already enabled; the count cannot change directly',
    cause: 'sriov_numvfs can only go from 0 to N: VFs are enabled, so the write failed with EBUSY',
    fix: 'write 0 to sriov_numvfs first, then the new count (stop whatever uses the VFs before)',
    render: render('ixgbe 0000:03:00.0: ', 4, 8),
    examples: [
      ex('ixgbe 0000:03:00.0: 4 VFs already enabled. Disable before enabling 8 VFs', {
        have: '4',
        want: '8',
      }),
    ],
  },
  {
    id: 'kernel.sriov-partial',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/iov.c sriov_numvfs_store()',
    format: '%d VFs requested; only %d enabled\n',
    patterns: [/(?<want>\d{1,5}) VFs requested; only (?<got>\d{1,5}) enabled/],
    severity: 'warning',
    title: 'Fewer SR-IOV VFs were enabled than requested',
    cause:
      "the PF's driver enabled fewer VFs than written (its own limit, or resources for the rest were missing)",
    fix: "use the count the driver gives, or read the driver's lines before this one for its limit",
    render: render('mlx5_core 0000:3b:00.0: ', 16, 8),
    examples: [ex('mlx5_core 0000:3b:00.0: 16 VFs requested; only 8 enabled', { want: '16', got: '8' })],
  },
  {
    id: 'kernel.sriov-no-mmio',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/iov.c sriov_enable()',
    format: 'not enough MMIO resources for SR-IOV\n',
    versions:
      'also "SR-IOV: IOV BARS not allocated" and "can\'t enable %d VFs (bus %02x out of range of %pR)"',
    patterns: [
      /not enough MMIO resources for SR-IOV/,
      /SR-IOV: IOV BARS not allocated/,
      /can't enable (?<want>\d{1,5}) VFs \(bus [0-9a-f]{2} out of range of/,
    ],
    severity: 'error',
    title: "The VFs' BARs (or bus numbers) have no room",
    cause:
      "sriov_enable() found the VF BARs unassigned (the firmware left no address space for them) or the VFs' bus numbers beyond the bridge's range; the sriov_numvfs write fails with ENOMEM",
    fix: 'enable SR-IOV and "Above 4G decoding" in the firmware, or boot with pci=realloc (pci=assign-busses for bus numbers)',
    render: render('ixgbe 0000:03:00.0: '),
    examples: [ex('ixgbe 0000:03:00.0: not enough MMIO resources for SR-IOV')],
  },
];

META.remove = {
  id: 'sysfs.remove-failed',
  title: 'Removing a PCI device through sysfs failed',
  format: '%s: %s\n',
  args: ['/sys/bus/pci/devices/0000:01:00.0/remove', 'No such file or directory'],
  examples: [
    ex('-bash: /sys/bus/pci/devices/0000:01:00.0/remove: No such file or directory', { errno: 'ENOENT' }),
    ex('echo 1 > /sys/bus/pci/devices/0000:0b:00.1/remove\nbash: echo: write error: No such device', {
      errno: 'ENODEV',
    }),
    ex("OSError: [Errno 22] Invalid argument: '/sys/bus/pci/devices/0000:01:00.0/remove'", {
      errno: 'EINVAL',
    }),
  ],
};

META.rescan = {
  id: 'sysfs.rescan-failed',
  title: 'Rescanning the PCI bus through sysfs failed',
  format: '%s: %s\n',
  args: ['/sys/bus/pci/rescan', 'Permission denied'],
  examples: [
    ex('-bash: /sys/bus/pci/rescan: Permission denied', { errno: 'EACCES' }),
    ex('tee: /sys/bus/pci/devices/0000:00:01.0/rescan: No such file or directory', { errno: 'ENOENT' }),
  ],
};

META.mdev_supported_types = {
  id: 'sysfs.mdev-tree-missing',
  title: 'The mediated-device (vGPU) tree is missing from sysfs',
  format: 'open %s: %s\n',
  args: ['/sys/bus/mdev/devices', 'no such file or directory'],
  examples: [
    ex('lstat /sys/class/mdev_bus: no such file or directory', { errno: 'ENOENT' }),
    ex(
      "ls: cannot access '/sys/bus/pci/devices/0000:00:02.0/mdev_supported_types': No such file or directory",
      {
        errno: 'ENOENT',
      },
    ),
    // Tab completion leaves the directory's slash on (busybox ls's wording).
    ex('ls: /sys/devices/pci0000:00/0000:00:02.0/mdev_supported_types/: No such file or directory', {
      errno: 'ENOENT',
    }),
  ],
};

export const SYSFS_BIND_ENTRIES: CatalogueEntry[] = [
  ...SYSFS_FILES.map(entryFor),
  SHELL_WRITE_ERROR,
  DPDK_DEVBIND,
  ...SRIOV_KERNEL,
];

export { sysfsFileOf };
