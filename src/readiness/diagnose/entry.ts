/**
 * What one catalogue entry is: a message some program on the VFIO path prints, with the exact
 * format string of its source (cited by file and function), the expressions that recognise the
 * printed text, and what it means. Named groups in a pattern are facts read from the message:
 * `bdf` (full address), `sbdf` (bus:dev.fn, domain 0), `group` (IOMMU group number), `bar`,
 * `err`/`errno`, `size`, `driver`, ... `refine` lets those facts change the explanation (the
 * same "VFIO_MAP_DMA failed" means different things for -12 and -22).
 *
 * The texts were looked up in the upstream trees (torvalds/linux, qemu/qemu, libvirt/libvirt,
 * pciutils/pciutils, DPDK/dpdk, spdk/spdk, mdevctl/mdevctl, moby/moby); NVIDIA's closed vGPU
 * manager is quoted from public logs and says so in `cite`. The explanations are ours. Source
 * 'incus' stands for Incus and LXD, whose device code shares its messages.
 */

export type Source =
  | 'kernel'
  | 'qemu'
  | 'libvirt'
  | 'pciutils'
  | 'acs-override patch'
  | 'vendor-reset'
  | 'windows'
  | 'dpdk'
  | 'spdk'
  | 'mdevctl'
  | 'nvidia-vgpu'
  | 'container runtime'
  | 'rust-vmm'
  | 'userspace tool'
  | 'cloud-hypervisor'
  | 'crosvm'
  | 'proxmox'
  | 'dragonball'
  | 'acrn'
  | 'kubevirt'
  | 'kubernetes'
  | 'kimchi'
  | 'virt-manager'
  | 'edk2'
  | 'bhyve'
  | 'seabios'
  | 'xen'
  | 'looking-glass'
  | 'openstack'
  | 'incus';
/** What an entry's patterns read from a message: named groups and their text. */
export type Facts = Readonly<Record<string, string>>;

export type Severity = 'error' | 'warning' | 'info';

/** A real message this entry must recognise: the per-entry test runs every example. */
export interface CatalogueExample {
  text: string;
  /** Where the text comes from: a public report's address, or 'built from the format string'. */
  origin: string;
  /** The entry's facts this example must yield (e.g. { errno: '-12' }), checked by the test. */
  facts?: Record<string, string>;
}

/** What `refine` may change once the message's facts are known. */
export interface Refinement {
  title?: string;
  cause?: string;
  fix?: string;
  severity?: Severity;
}

export interface CatalogueEntry {
  id: string;
  source: Source;
  /** Upstream file (and function) printing it. */
  cite: string;
  /** The format string as the source has it (printf conversions kept). */
  format: string;
  /** Which versions print this wording, where it changed (e.g. 'QEMU 8.2+; older: ...'). */
  versions?: string;
  /**
   * Expressions over one log line with its log prefix (timestamps, syslog host and tag) taken off;
   * a pattern with a newline in it is matched over the last few lines joined by "\n" (messages
   * printed over several lines). The engine derives from each pattern the literal text every match
   * contains and runs the pattern only on lines holding it; test/unit/diagnose-engine.test.ts
   * refuses patterns that could backtrack (regex-safety.ts: nested or adjacent unbounded
   * quantifiers over shared characters, a long run at the start, backreferences, lookarounds, no
   * literal of 3+ characters). Inner unbounded runs are capped at 256 characters when compiled.
   */
  patterns: RegExp[];
  /**
   * Entries tried only on a line no other entry matched, so they never hide a specific one:
   * `fallback` ones (a wording any program may print, such as "PATH: strerror") first, then, only
   * when the line also carries an errno (errno.ts findErrno(), given to the entry as `errno`), the
   * `generic` ones, whose explanation is built from the object the line names and that errno.
   */
  tier?: 'fallback' | 'generic';
  /**
   * For an entry with a pattern spanning lines: fixed text that the line such a match ends on
   * always holds (the last line's literal, e.g. "write error: " after a shell's `echo … > FILE`).
   * Without it the engine tries the pattern, over the joined lines, on every line of the input;
   * with it, only on lines holding one of these. Each example's last line must hold one (the
   * per-entry test runs every example through the engine).
   */
  endsOn?: string[];
  severity: Severity;
  title: string;
  cause: string;
  fix: string;
  /**
   * Facts from the named groups that change the explanation (errno, driver, size, ...). The engine
   * adds `bdf` (canonical address), `group`, `errno` (a name such as ENOMEM, read from an `err`,
   * `errno`, `error`, `ret` or `rc` group in any printed form: "Cannot allocate memory", -12, 12)
   * and `logDriver` (the driver in a kernel "driver BDF: " prefix).
   */
  refine?: (facts: Facts) => Refinement | undefined;
  /** Real messages it must recognise (the per-entry test requires at least one). */
  examples?: CatalogueExample[];
  /**
   * How the source prints the first line of `format`: the prefix its producer adds (dev_printk's
   * "vfio-pci 0000:01:00.0: ", QEMU's "qemu-system-x86_64: ") and printf arguments. The formats
   * test renders it and the entry must recognise the result.
   */
  render?: { prefix: string; args: (string | number)[] };
}

/** A full PCI address as a named group. */
export const BDF = '(?<bdf>[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7])';
