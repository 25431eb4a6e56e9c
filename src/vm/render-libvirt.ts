/**
 * VmModel → a libvirt domain XML (libvirt's formatdomain documentation). The firmware is given
 * by hand (<loader readonly type='pflash'> and <nvram template>), without <os firmware='efi'>:
 * libvirt refuses a <loader readonly> next to firmware autoselection ("loader attribute
 * 'readonly' cannot be specified when firmware autoselection is enabled"), and the files are the
 * ones vfiokit chose from the same descriptors libvirt would read, so both outputs name them.
 *
 * x-vga has no domain XML element; it is set through libvirt's QEMU namespace
 * (<qemu:override><qemu:device alias='ua-…'>, libvirt 8.2 and later), which needs the user alias.
 */
import type { DiskModel, GuestPciAddress, HostDeviceModel, VmModel } from './model.js';

/** A small element tree, serialised with two-space indentation (what `virsh dumpxml` prints). */
export interface El {
  name: string;
  attrs?: [string, string | number][];
  children?: El[];
  text?: string;
}

export const el = (
  name: string,
  attrs: Record<string, string | number | undefined> = {},
  ...children: (El | string | undefined | false)[]
): El => {
  const kids = children.filter((c): c is El | string => c !== undefined && c !== false);
  const text = kids.length === 1 && typeof kids[0] === 'string' ? kids[0] : undefined;
  return {
    name,
    attrs: Object.entries(attrs).filter((e): e is [string, string | number] => e[1] !== undefined),
    ...(text !== undefined ? { text } : { children: kids.filter((k): k is El => typeof k !== 'string') }),
  };
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s: string) => esc(s).replace(/'/g, '&apos;');

export function serialize(e: El, indent = '', step = '  '): string {
  const attrs = (e.attrs ?? []).map(([k, v]) => ` ${k}='${escAttr(String(v))}'`).join('');
  if (e.text !== undefined) return `${indent}<${e.name}${attrs}>${esc(e.text)}</${e.name}>`;
  if (!e.children?.length) return `${indent}<${e.name}${attrs}/>`;
  return [
    `${indent}<${e.name}${attrs}>`,
    ...e.children.map((c) => serialize(c, indent + step, step)),
    `${indent}</${e.name}>`,
  ].join('\n');
}

const hex = (n: number, w: number) => `0x${n.toString(16).padStart(w, '0')}`;

export function pciAddressEl(a: GuestPciAddress): El {
  return el('address', {
    type: 'pci',
    domain: '0x0000',
    bus: hex(a.busIndex, 2),
    slot: hex(a.slot, 2),
    function: hex(a.fn, 1),
    multifunction: a.multifunction ? 'on' : undefined,
  });
}

export function hostdevEl(h: HostDeviceModel, userAlias: boolean): El {
  const [dom, bus, rest] = h.host.split(':');
  const [slot, fn] = rest.split('.');
  return el(
    'hostdev',
    { mode: 'subsystem', type: 'pci', managed: h.igd?.mode === 'legacy' ? 'no' : 'yes' },
    // vfio is libvirt's only PCI backend today; said explicitly so no host probe decides it.
    el('driver', { name: 'vfio' }),
    el(
      'source',
      {},
      el('address', { domain: `0x${dom}`, bus: `0x${bus}`, slot: `0x${slot}`, function: `0x${fn}` }),
    ),
    userAlias && el('alias', { name: `ua-${h.alias}` }),
    (h.romfile !== undefined || h.rombar === false) &&
      el('rom', { bar: h.rombar === false ? 'off' : undefined, file: h.romfile }),
    pciAddressEl(h.guest),
  );
}

function diskEl(d: DiskModel): El {
  return el(
    'disk',
    { type: 'file', device: d.cdrom ? 'cdrom' : 'disk' },
    el('driver', { name: 'qemu', type: d.format, iothread: d.iothread }),
    el('source', { file: d.file }),
    el('target', { dev: d.target, bus: d.bus }),
    d.cdrom && el('readonly'),
    d.guest
      ? pciAddressEl(d.guest)
      : el('address', {
          type: 'drive',
          controller: 0,
          bus: d.drive?.bus ?? 0,
          target: 0,
          unit: d.drive?.unit ?? 0,
        }),
  );
}

export function hypervEl(m: VmModel): El | undefined {
  const hv = m.cpu.hyperv;
  if (!hv) return undefined;
  const on = { state: 'on' };
  return el(
    'hyperv',
    { mode: 'custom' },
    el('relaxed', on),
    el('vapic', on),
    el('spinlocks', { state: 'on', retries: 8191 }),
    el('vpindex', on),
    el('synic', on),
    el('stimer', on),
    el('reset', on),
    hv.vendorId && el('vendor_id', { state: 'on', value: hv.vendorId }),
    el('frequencies', on),
  );
}

export const kvmHiddenEl = () => el('kvm', {}, el('hidden', { state: 'on' }));

export function hugepagesEl(m: VmModel): El | undefined {
  if (!m.hugepageBytes) return undefined;
  return el(
    'memoryBacking',
    {},
    el('hugepages', {}, el('page', { size: m.hugepageBytes / 1024, unit: 'KiB' })),
  );
}

export function cputuneEl(m: VmModel): El | undefined {
  if (!m.pin) return undefined;
  return el(
    'cputune',
    {},
    ...m.pin.vcpus.map((c, i) => el('vcpupin', { vcpu: i, cpuset: c })),
    m.pin.emulator !== undefined && el('emulatorpin', { cpuset: m.pin.emulator }),
    ...m.pin.iothreads.map((c, i) => el('iothreadpin', { iothread: i + 1, cpuset: c })),
  );
}

export function shmemEl(m: VmModel): El | undefined {
  if (!m.ivshmem) return undefined;
  return el(
    'shmem',
    { name: m.ivshmem.name },
    el('model', { type: 'ivshmem-plain' }),
    el('size', { unit: 'M' }, String(m.ivshmem.sizeBytes / 1024 ** 2)),
    pciAddressEl(m.ivshmem.guest),
  );
}

export function evdevEls(m: VmModel): El[] {
  const out: El[] = [];
  if (m.input.keyboard)
    out.push(
      el(
        'input',
        { type: 'evdev' },
        el('source', { dev: m.input.keyboard, grab: 'all', grabToggle: m.input.grabToggle, repeat: 'on' }),
      ),
    );
  if (m.input.mouse) out.push(el('input', { type: 'evdev' }, el('source', { dev: m.input.mouse })));
  return out;
}

/** The vfio-pci properties a hostdev needs that the domain XML has no element for. */
function qemuProperties(h: HostDeviceModel): string[] {
  return [...(h.xVga ? ['x-vga'] : []), ...(h.igd?.opregion ? ['x-igd-opregion'] : [])];
}

/** Whether a hostdev needs the user alias its <qemu:override> names. */
export const needsOverride = (h: HostDeviceModel) => qemuProperties(h).length > 0;

/**
 * The <qemu:override> that sets x-vga=on and x-igd-opregion=on on the hostdevs that ask for them
 * (QEMU docs/igd-assign.txt: x-igd-opregion is experimental, so libvirt has no element for it).
 */
export function xVgaOverrideEl(m: VmModel): El | undefined {
  const over = m.hostdevs.filter(needsOverride);
  if (!over.length) return undefined;
  return el(
    'qemu:override',
    {},
    ...over.map((h) =>
      el(
        'qemu:device',
        { alias: `ua-${h.alias}` },
        el(
          'qemu:frontend',
          {},
          ...qemuProperties(h).map((name) => el('qemu:property', { name, type: 'bool', value: 'true' })),
        ),
      ),
    ),
  );
}

export const QEMU_NS = 'http://libvirt.org/schemas/domain/qemu/1.0';

/** <os>: the machine type, OVMF's loader and variable store, the boot disk. */
function osEl(m: VmModel): El {
  const q35 = m.machine === 'q35';
  return el(
    'os',
    {},
    el('type', { arch: 'x86_64', machine: q35 ? 'q35' : 'pc' }, 'hvm'),
    m.firmware.kind === 'ovmf' &&
      el(
        'loader',
        {
          readonly: 'yes',
          secure: m.firmware.smm ? 'yes' : 'no',
          type: 'pflash',
          format: m.firmware.codeFormat,
        },
        m.firmware.code,
      ),
    m.firmware.kind === 'ovmf' &&
      el('nvram', { template: m.firmware.varsTemplate, format: 'raw' }, m.firmware.vars),
    el('boot', { dev: 'hd' }),
  );
}

/** <features>: ACPI, APIC, Hyper-V, KVM hidden, SMM for secure-boot OVMF. */
function featuresEl(m: VmModel): El {
  return el(
    'features',
    {},
    el('acpi'),
    el('apic'),
    hypervEl(m),
    m.cpu.kvmHidden && kvmHiddenEl(),
    m.firmware.kind === 'ovmf' && m.firmware.smm && el('smm', { state: 'on' }),
  );
}

/** <cpu>: host-passthrough or a named model, the topology and the flags. */
function cpuEl(m: VmModel): El {
  const cpuMode =
    m.cpu.model === 'host'
      ? { mode: 'host-passthrough', check: 'none' }
      : { mode: 'custom', match: 'exact', check: 'none' };
  return el(
    'cpu',
    cpuMode,
    m.cpu.model !== 'host' && el('model', { fallback: 'forbid' }, m.cpu.model),
    el('topology', { sockets: m.cpu.sockets, dies: 1, cores: m.cpu.cores, threads: m.cpu.threads }),
    ...m.cpu.flags.map((f) =>
      el('feature', { policy: f.startsWith('+') ? 'require' : 'disable', name: f.slice(1) }),
    ),
  );
}

/** <clock>: localtime with the Hyper-V clock for Windows, else UTC. */
function clockEl(m: VmModel): El {
  return el(
    'clock',
    { offset: m.cpu.hyperv ? 'localtime' : 'utc' },
    m.cpu.hyperv && el('timer', { name: 'hypervclock', present: 'yes' }),
  );
}

/** <devices> in libvirt's order: disks, controllers, NICs, input, display, host devices, shmem. */
function devicesEl(m: VmModel): El {
  const q35 = m.machine === 'q35';
  return el(
    'devices',
    {},
    el('emulator', {}, '/usr/bin/qemu-system-x86_64'),
    ...m.disks.map(diskEl),
    el('controller', { type: 'pci', index: 0, model: q35 ? 'pcie-root' : 'pci-root' }),
    ...m.rootPorts.map((p) =>
      el(
        'controller',
        { type: 'pci', index: p.index, model: 'pcie-root-port' },
        el('model', { name: 'pcie-root-port' }),
        el('target', { chassis: p.chassis, port: hex(p.port, 1) }),
        pciAddressEl(p.addr),
      ),
    ),
    // No USB controller and no balloon: QEMU's side runs with -nodefaults.
    el('controller', { type: 'usb', model: 'none' }),
    ...m.nics.map((n) =>
      el(
        'interface',
        { type: n.type },
        el('mac', { address: n.mac }),
        n.type === 'bridge' && el('source', { bridge: n.bridge }),
        el('model', { type: n.model }),
        pciAddressEl(n.guest),
      ),
    ),
    ...evdevEls(m),
    m.display.type === 'spice' &&
      el(
        'graphics',
        { type: 'spice', port: m.display.port, autoport: 'no', listen: '127.0.0.1' },
        el('listen', { type: 'address', address: '127.0.0.1' }),
      ),
    m.display.type === 'spice'
      ? el('video', {}, el('model', { type: 'qxl', primary: 'yes' }), pciAddressEl(m.display.video))
      : el('video', {}, el('model', { type: 'none' })),
    ...m.hostdevs.map((h) => hostdevEl(h, needsOverride(h))),
    el('memballoon', { model: 'none' }),
    shmemEl(m),
  );
}

/** The domain XML in libvirt's element order; each section is its own step. */
export function renderLibvirt(m: VmModel): string {
  const kib = m.memoryBytes / 1024;
  const domain = el(
    'domain',
    { type: 'kvm', ...(xVgaOverrideEl(m) ? { 'xmlns:qemu': QEMU_NS } : {}) },
    el('name', {}, m.name),
    el('memory', { unit: 'KiB' }, String(kib)),
    el('currentMemory', { unit: 'KiB' }, String(kib)),
    hugepagesEl(m),
    el('vcpu', { placement: 'static' }, String(m.cpu.vcpus)),
    m.iothreads > 0 && el('iothreads', {}, String(m.iothreads)),
    cputuneEl(m),
    osEl(m),
    featuresEl(m),
    cpuEl(m),
    clockEl(m),
    el('on_poweroff', {}, 'destroy'),
    el('on_reboot', {}, 'restart'),
    el('on_crash', {}, 'destroy'),
    devicesEl(m),
    xVgaOverrideEl(m),
  );
  return `${serialize(domain)}\n`;
}
