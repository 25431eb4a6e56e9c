/**
 * A QEMU command line or launch script → VmDefinition. The script is read, never run (see
 * shell-words.ts). Option meanings from QEMU's documentation and qemu-options.hx: -m [size=]N
 * (MiB without a suffix), -device vfio-pci,host=|sysfsdev=,romfile=,rombar=,x-vga= (also the
 * JSON form), -mem-path, -object memory-backend-file,mem-path= / memory-backend-memfd,hugetlb=on,
 * hugetlbsize=, -bios and -drive if=pflash for OVMF, -cpu …,kvm=off,hv_vendor_id=.
 */
import { UsageError } from '../errors.js';
import { formatPciAddress, tryParsePciAddress } from '../pci/address.js';
import { OVMF_NAME, qemuBytes, type VmDefinition, type VmHostDevice } from './definition.js';
import { ShellSyntaxError, type ShellWord, shellCommands } from './shell-words.js';

/** QEMU options that take no argument (qemu-options.hx entries without HAS_ARG). */
const NO_ARG = new Set([
  'enable-kvm',
  'nographic',
  'nodefaults',
  'nodefconfig',
  'no-user-config',
  'no-hpet',
  'no-acpi',
  'no-reboot',
  'no-shutdown',
  'no-fd-bootchk',
  'no-quit',
  'snapshot',
  'daemonize',
  'full-screen',
  'alt-grab',
  'ctrl-grab',
  'win2k-hack',
  'only-migratable',
  'preconfig',
  'usb',
  'enable-fips',
  'S',
  's',
  'h',
  'help',
  'version',
  'old-param',
]);

const QEMU_BINARY = /(^|\/)(qemu-system-[\w-]+|qemu-kvm|kvm)$/;

/** QEMU keyval: "driver,key=value,…" with ",," for a literal comma. */
export function keyval(s: string, implied?: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === ',') {
      if (s[i + 1] === ',') {
        cur += ',';
        i++;
      } else {
        parts.push(cur);
        cur = '';
      }
    } else cur += s[i];
  }
  parts.push(cur);
  parts.forEach((p, k) => {
    const eq = p.indexOf('=');
    if (eq < 0) {
      if (k === 0 && implied) out.set(implied, p);
      else if (p) out.set(p, 'on');
    } else out.set(p.slice(0, eq), p.slice(eq + 1));
  });
  return out;
}

/**
 * An option's argument in either of QEMU's forms: keyval, or JSON as libvirt 7+ writes -device,
 * -object and -blockdev (nested objects flattened to dotted keys: "file.filename").
 * undefined for JSON that does not parse to an object.
 */
export function optionProps(arg: string, implied?: string): Map<string, string> | undefined {
  if (!arg.trimStart().startsWith('{')) return keyval(arg, implied);
  let j: unknown;
  try {
    j = JSON.parse(arg);
  } catch {
    return undefined;
  }
  if (!j || typeof j !== 'object' || Array.isArray(j)) return undefined;
  const out = new Map<string, string>();
  const walk = (o: Record<string, unknown>, prefix: string, depth: number) => {
    for (const [k, v] of Object.entries(o)) {
      if (v && typeof v === 'object' && !Array.isArray(v) && depth < 8)
        walk(v as Record<string, unknown>, `${prefix}${k}.`, depth + 1);
      else out.set(`${prefix}${k}`, typeof v === 'string' ? v : JSON.stringify(v));
    }
  };
  walk(j as Record<string, unknown>, '', 0);
  return out;
}

const isOn = (v: string | undefined) => v !== undefined && /^(on|yes|true|1)$/i.test(v);
const isOff = (v: string | undefined) => v !== undefined && /^(off|no|false|0)$/i.test(v);

function vmError(file: string, msg: string): UsageError {
  return new UsageError(`${file}: ${msg}`, {
    hint: 'the file must be a libvirt domain XML (virsh dumpxml NAME) or a QEMU command line',
    code: 'vm.parse',
  });
}

// long: one switch over QEMU options, a case each, sharing the parse state
export function parseQemuCommandLine(source: string, file: string): VmDefinition {
  let commands: ShellWord[][];
  try {
    // libvirt's per-domain log is not a script: its header and QEMU's messages are not shell.
    const log = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+\+\d{4}: starting up libvirt/.test(source);
    commands = shellCommands(source, { lenient: log });
  } catch (e) {
    if (e instanceof ShellSyntaxError) throw vmError(file, e.message);
    throw e;
  }
  const notes: string[] = [];
  let args: ShellWord[] | undefined;
  for (const c of commands) {
    const at = c.findIndex((w) => QEMU_BINARY.test(w.text));
    if (at >= 0) {
      args = c.slice(at + 1);
      break;
    }
  }
  if (!args) {
    // A fragment (options only, or a script whose qemu line builds its binary name at run time).
    args = commands.flat().filter((w, k, all) => w.text.startsWith('-') || all[k - 1]?.text.startsWith('-'));
    if (!args.some((w) => /^--?(device|m|drive|bios|mem-path|object|cpu)$/.test(w.text)))
      throw vmError(file, 'no qemu-system command and no QEMU options found');
    notes.push('no qemu-system command found: options were read from anywhere in the file');
  }
  const def: VmDefinition = {
    format: 'qemu',
    file,
    firmware: { kind: 'seabios', evidence: 'no OVMF -bios or pflash drive: QEMU boots SeaBIOS' },
    devices: [],
    kvmHidden: false,
    notes,
  };
  const unresolved = (w: ShellWord, what: string) =>
    notes.push(
      `line ${w.line}: ${what} "${w.text}" is only known when the script runs; vfiokit reads it, never runs it`,
    );

  for (let k = 0; k < args.length; k++) {
    const opt = args[k];
    if (!opt.text.startsWith('-') || opt.text === '-') continue;
    const name = opt.text.replace(/^--?/, '');
    if (NO_ARG.has(name)) continue;
    const eq = name.indexOf('=');
    const [key, inline] = eq > 0 ? [name.slice(0, eq), name.slice(eq + 1)] : [name, undefined];
    const argWord = inline === undefined ? args[++k] : { ...opt, text: inline };
    if (!argWord) break;
    const v = argWord.text;
    switch (key) {
      case 'm': {
        if (argWord.unresolved) {
          unresolved(argWord, '-m');
          break;
        }
        const kv = keyval(v, 'size');
        const size = kv.get('size');
        const bytes = size === undefined ? undefined : qemuBytes(size, 1024 ** 2);
        if (bytes === undefined) notes.push(`line ${argWord.line}: -m ${v} is not a memory size`);
        else def.memoryBytes = bytes;
        break;
      }
      case 'smp': {
        if (argWord.unresolved) break;
        // -smp [cpus=]N[,sockets=,cores=,threads=]: without N, QEMU takes the topology's product
        // (docs/system/invocation, -smp).
        const kv = keyval(v, 'cpus');
        const num = (k: string) => {
          const t = kv.get(k);
          return t !== undefined && /^\d{1,5}$/.test(t) ? Number(t) : undefined;
        };
        const topo = ['sockets', 'cores', 'threads'].map(num);
        const n =
          num('cpus') ||
          (topo.some((x) => x !== undefined) ? topo.reduce<number>((a, x) => a * (x ?? 1), 1) : undefined);
        if (n) def.vcpus = n;
        else notes.push(`line ${argWord.line}: -smp ${v} gives no CPU count`);
        break;
      }
      case 'name':
        def.name = keyval(v, 'guest').get('guest');
        break;
      case 'mem-path':
        def.hugepages = { evidence: `-mem-path ${v} at line ${argWord.line}` };
        break;
      case 'object': {
        const kv = optionProps(v, 'qom-type') ?? new Map<string, string>();
        const type = kv.get('qom-type');
        if (type === 'memory-backend-file' && kv.get('mem-path')?.includes('huge')) {
          def.hugepages = {
            evidence: `-object ${type},mem-path=${kv.get('mem-path')} at line ${argWord.line}`,
          };
        } else if (type === 'memory-backend-memfd' && isOn(kv.get('hugetlb'))) {
          const size = kv.get('hugetlbsize');
          def.hugepages = {
            pageSizeBytes: size === undefined ? undefined : qemuBytes(size, 1),
            evidence: `-object ${type},hugetlb=on${size ? `,hugetlbsize=${size}` : ''} at line ${argWord.line}`,
          };
        }
        break;
      }
      case 'bios':
        def.firmware = OVMF_NAME.test(v)
          ? { kind: 'ovmf', evidence: `-bios ${v} at line ${argWord.line}` }
          : { kind: 'seabios', evidence: `-bios ${v} at line ${argWord.line}` };
        break;
      case 'drive': {
        const kv = optionProps(v, 'file') ?? new Map<string, string>();
        if (kv.get('if') === 'pflash' && OVMF_NAME.test(kv.get('file') ?? ''))
          def.firmware = {
            kind: 'ovmf',
            evidence: `-drive if=pflash,file=${kv.get('file')} at line ${argWord.line}`,
          };
        break;
      }
      case 'blockdev': {
        const kv = optionProps(v) ?? new Map<string, string>();
        const f = kv.get('filename') ?? kv.get('file.filename');
        // The code image names the firmware; its VARS store comes second and adds nothing.
        if (f && OVMF_NAME.test(f) && /code|vars|ovmf/i.test(f) && def.firmware.kind !== 'ovmf')
          def.firmware = { kind: 'ovmf', evidence: `-blockdev filename=${f} at line ${argWord.line}` };
        break;
      }
      case 'cpu': {
        const kv = keyval(v, 'model');
        if (isOff(kv.get('kvm'))) def.kvmHidden = true;
        const vid = kv.get('hv_vendor_id') ?? kv.get('hv-vendor-id');
        if (vid) def.hypervVendorId = vid;
        break;
      }
      case 'device': {
        const props = optionProps(v, 'driver');
        if (!props) {
          notes.push(`line ${argWord.line}: -device ${v.slice(0, 60)} is not valid JSON`);
          break;
        }
        if (props.get('driver') !== 'vfio-pci' && props.get('driver') !== 'vfio-pci-nohotplug') break;
        def.devices.push(hostDevice(props, argWord, notes));
        break;
      }
    }
  }
  return def;
}

function hostDevice(props: Map<string, string>, w: ShellWord, notes: string[]): VmHostDevice {
  const host = props.get('host');
  const sysfs = props.get('sysfsdev');
  const ref = host ?? sysfs ?? '(no host= or sysfsdev=)';
  const dev: VmHostDevice = { ref, line: w.line };
  if (/\$|`/.test(ref)) {
    notes.push(
      `line ${w.line}: vfio-pci ${host ? 'host' : 'sysfsdev'}=${ref} is only known when the script runs; name the device with --device BDF`,
    );
  } else {
    const addrText = host ?? (sysfs ? sysfs.replace(/\/+$/, '').split('/').pop() : undefined);
    const a = addrText === undefined ? undefined : tryParsePciAddress(addrText);
    if (a) dev.address = formatPciAddress(a);
    else notes.push(`line ${w.line}: vfio-pci ${ref} is not a PCI address`);
  }
  if (props.get('romfile')) dev.romFile = props.get('romfile');
  if (isOff(props.get('rombar'))) dev.romBarOff = true;
  if (isOn(props.get('x-vga'))) dev.xVga = true;
  return dev;
}
