/**
 * The prefixes logs put before a message, so catalogue patterns see the message itself: what
 * dmesg, `dmesg -T`/`-x`/`--time-format iso`, journalctl's output modes (short, short-iso,
 * short-precise, short-full, short-monotonic, short-unix), syslog files and RFC 3164 / RFC 5424
 * records, /dev/kmsg-style `<3>` levels, libvirt's own log lines, QEMU's `-msg timestamp=on`
 * stamps, SPDK's "[2024-03-01 10:00:00.123456] " and Open vSwitch's "TIME|SEQ|module|LEVEL|"
 * records (ovs-vswitchd.log; "ovs|SEQ|module|LEVEL|" when it logs to syslog) add. They nest
 * (rsyslog writes "Dec  1 10:00:00 host kernel: [   12.345678] ..."), so
 * they are taken off one after the other. Every expression is anchored and bounded: one pass
 * over the start of the line.
 */

export interface LogPrefix {
  /** The message as its producer printed it. */
  body: string;
  /** Timestamp text as the log has it (the last one taken off). */
  time?: string;
  host?: string;
  /** The syslog tag / journal identifier ("kernel", "libvirtd", "qemu-system-x86_64"). */
  program?: string;
  /** Syslog priority or kernel level from `<N>`, or libvirt's level word. */
  level?: string;
}

const MON = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const HMS = '\\d{2}:\\d{2}:\\d{2}';
/** RFC 3339 / ISO 8601 with optional fraction (dot or dmesg's comma) and zone. */
const ISO = `\\d{4}-\\d{2}-\\d{2}[T ]${HMS}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?`;

/** A time stamp at the start of the line, then whether a "host tag: " may follow. */
const TIMES: { re: RegExp; host: 'any' | 'known' | 'none'; first: 'bracket' | 'digit' | 'upper' }[] = [
  // dmesg and journalctl -o short-monotonic: "[   12.345678] "
  { re: /^\[ {0,12}\d{1,10}\.\d{1,9}\] ?/, host: 'known', first: 'bracket' },
  // Rust's env_logger: "[2024-03-01T10:00:00Z ERROR vmm::device_manager] "
  {
    re: new RegExp(`^\\[(?<time>${ISO}) {1,2}(?<level>ERROR|WARN|INFO|DEBUG|TRACE) {1,2}[\\w:-]{1,128}\\] `),
    host: 'none',
    first: 'bracket',
  },
  // dmesg -T / --ctime: "[Tue Dec  1 10:00:00 2026] "
  // SPDK (lib/log/log.c): "[2024-03-01 10:00:00.123456] "
  { re: new RegExp(`^\\[${ISO}\\] ?`), host: 'none', first: 'bracket' },
  { re: new RegExp(`^\\[${DAY} ${MON} {1,2}\\d{1,2} ${HMS} \\d{4}\\] ?`), host: 'none', first: 'bracket' },
  // libvirt's log: "2024-01-01 10:00:00.000+0000: 1234: error : qemuProcessReportLogError:2051 : "
  {
    re: new RegExp(
      `^(?<time>${ISO}): \\d{1,10}: (?<level>debug|info|warning|error) : (?:[\\w.]{1,128}:\\d{1,6} : )?`,
    ),
    host: 'none',
    first: 'digit',
  },
  // journalctl -o short-full: "Tue 2026-12-01 10:00:00 UTC "
  {
    re: new RegExp(`^${DAY} \\d{4}-\\d{2}-\\d{2} ${HMS}(?:\\.\\d{1,9})? [A-Z]{1,6}[+-]?\\d{0,4} `),
    host: 'any',
    first: 'upper',
  },
  // Open vSwitch's own log file (ovs-vswitchd.log, lib/vlog.c: time|sequence|module|level|message):
  // "2022-11-25T01:10:52.810Z|00093|dpdk|ERR|"
  {
    re: new RegExp(`^(?<time>${ISO})\\|\\d{1,10}\\|[\\w-]{1,32}\\|(?<level>EMER|ERR|WARN|INFO|DBG)\\|`),
    host: 'none',
    first: 'digit',
  },
  // ISO: journalctl short-iso(-precise), rsyslog RFC 3339, dmesg --time-format iso, QEMU -msg timestamp=on
  { re: new RegExp(`^${ISO}:? `), host: 'any', first: 'digit' },
  // syslog / journalctl short and short-precise: "Dec  1 10:00:00 " (some add the year)
  {
    re: new RegExp(`^${MON} {1,2}\\d{1,2} (?:\\d{4} )?${HMS}(?:\\.\\d{1,9})? `),
    host: 'any',
    first: 'upper',
  },
  // journalctl -o short-unix: "1733050000.123456 "
  { re: /^\d{9,11}\.\d{1,9} /, host: 'any', first: 'digit' },
];

/** "host tag[pid]: " after a syslog time; the host never holds a colon, the tag no space. */
const HOST_TAG = /^(?<host>[^\s:[\]]{1,255}) (?<tag>[^\s:[\]]{1,64})(?:\[\d{1,10}\])?(?:: |:$)/;
/** "tag[pid]: " without a host (RFC 3164 relayed by some daemons, `journalctl -o cat` does not add it). */
const KNOWN_TAG =
  /^(?<tag>kernel|libvirtd|virtqemud|virtnodedevd|systemd|qemu-system-[\w-]{1,32}|qemu-kvm)(?:\[\d{1,10}\])?: /;
/** RFC 5424: "<165>1 TIMESTAMP HOST APP PROCID MSGID SD " with "-" for empty fields. */
const RFC5424 =
  /^<(?<pri>\d{1,3})>1 (?<time>\S{1,64}) (?<host>\S{1,255}) (?<tag>\S{1,48}) \S{1,128} \S{1,32} (?:-|(?:\[[^\]]{0,1024}\]){1,8}) ?/;
/** RFC 3164's and /dev/kmsg's priority: "<13>", "<3>". */
const PRI = /^<(?<pri>\d{1,3})>/;
/** Open vSwitch through syslog (lib/vlog.c, "ovs|sequence|module|level|message"): "ovs|00021|dpdk|ERR|" */
const OVS_SYSLOG = /^ovs\|\d{1,10}\|[\w-]{1,32}\|(?<level>EMER|ERR|WARN|INFO|DBG)\|/;
/** A Python logger's name: a dotted module path, or the root and __main__ loggers. */
const PY_LOGGER = '(?:root|__main__|[a-z_]\\w{0,40}(?:\\.\\w{1,40}){1,8})';
/**
 * Prefixes that programs wrapping a VFIO message add before it, starting with a capital letter:
 * Proxmox's task log "TASK ERROR: ", Python's logging ("ERROR:root:" from basicConfig, "ERROR
 * module.name: " from a format with the level and logger name) and klog's (Kubernetes components,
 * kubevirt) "E0612 10:00:00.123456   12345 file.go:123] ". A bare "ERROR: " stays (the kernel
 * prints some messages that way).
 */
const UPPER_WRAPPER = new RegExp(
  `^(?:TASK ERROR: |(?<level>CRITICAL|ERROR|WARNING|INFO|DEBUG)(?::${PY_LOGGER}:| {1,8}${PY_LOGGER}: {1,8})|[EWIF]\\d{4} ${HMS}\\.\\d{6} {1,8}\\d{1,10} [\\w.-]{1,64}:\\d{1,6}\\] )`,
);
/**
 * Lower-case ones: Cloud Hypervisor's logger ("cloud-hypervisor: 12.345ms: <vmm> ERROR:FILE:LINE
 * -- ") and logfmt from Go's logrus/slog (`time="..." level=error msg="`; the message's own quotes
 * and newlines stay escaped and are undone by the matcher's second look, pasted.ts).
 */
const LOWER_WRAPPER =
  /^(?:cloud-hypervisor: \d{1,10}\.\d{1,9}[m\u00b5n]?s: <[\w-]{1,32}> (?<level>ERROR|WARN|INFO|DEBUG|TRACE):\S{1,300}:\d{1,6} -- |time="[^"\n]{1,64}" level=(?<level2>\w{1,8}) msg=")/;
/** dmesg -x: "kern  :err   : " */
const FACILITY_LEVEL =
  /^(?<fac>kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|local\d) {0,4}:(?<level>emerg|alert|crit|err|warn|notice|info|debug) {0,6}: /;

// long: one loop taking off a log prefix per round, dispatching on the first character; kept inline because it runs on every line of large logs
export function stripLogPrefix(line: string): LogPrefix {
  const out: LogPrefix = { body: line };
  let s = line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
  // Each round takes off at most one prefix; logs nest a few at most.
  for (let round = 0; round < 6; round++) {
    const before = s;
    // Dispatch on the first character: most log lines start with none of these prefixes, and
    // trying every expression on each of millions of lines is most of the cost.
    const c = s.charCodeAt(0);
    const first =
      c === 91 ? 'bracket' : c >= 48 && c <= 57 ? 'digit' : c >= 65 && c <= 90 ? 'upper' : undefined;
    let m: RegExpExecArray | null = null;
    if (c === 60) {
      m = RFC5424.exec(s);
      if (m?.groups) {
        out.level = m.groups.pri;
        out.time = m.groups.time;
        if (m.groups.host !== '-') out.host = m.groups.host;
        if (m.groups.tag !== '-') out.program = m.groups.tag;
        s = s.slice(m[0].length);
        if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
        continue;
      }
      m = PRI.exec(s);
      if (m?.groups) {
        out.level = m.groups.pri;
        s = s.slice(m[0].length);
        continue;
      }
      break;
    }
    if (c === 111) {
      m = OVS_SYSLOG.exec(s);
      if (m?.groups) {
        out.level = m.groups.level;
        s = s.slice(m[0].length);
        continue;
      }
    }
    if (c >= 97 && c <= 122) {
      m = LOWER_WRAPPER.exec(s);
      if (m?.groups) {
        out.level = m.groups.level ?? m.groups.level2;
        s = s.slice(m[0].length);
        continue;
      }
    }
    if (first === 'upper') {
      m = UPPER_WRAPPER.exec(s);
      if (m) {
        if (m.groups?.level) out.level = m.groups.level;
        s = s.slice(m[0].length);
        continue;
      }
    }
    if (c >= 97 && c <= 122) {
      m = FACILITY_LEVEL.exec(s);
      if (m?.groups) {
        out.level = m.groups.level;
        s = s.slice(m[0].length);
        continue;
      }
    }
    for (const t of TIMES) {
      if (t.first !== first) continue;
      const tm = t.re.exec(s);
      if (!tm) continue;
      out.time = tm.groups?.time ?? tm[0].trim().replace(/:$/, '');
      if (tm.groups?.level) out.level = tm.groups.level;
      s = s.slice(tm[0].length);
      if (t.host !== 'none') {
        const h = HOST_TAG.exec(s);
        if (h?.groups && (t.host === 'any' || isKnownTag(h.groups.tag))) {
          out.host = h.groups.host;
          out.program = h.groups.tag;
          s = s.slice(h[0].length);
        }
      }
      break;
    }
    if (s === before) {
      const k = c >= 97 && c <= 122 ? KNOWN_TAG.exec(s) : null;
      // A QEMU line ("qemu-system-x86_64: -device ...") keeps its program name: entries and
      // readers expect it there; only the syslog tags that merely relay are taken off.
      if (k?.groups && !k.groups.tag.startsWith('qemu')) {
        out.program = k.groups.tag;
        s = s.slice(k[0].length);
        continue;
      }
      break;
    }
  }
  out.body = s;
  return out;
}

function isKnownTag(tag: string): boolean {
  return KNOWN_TAG.test(`${tag}: `);
}
