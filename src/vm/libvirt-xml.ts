/**
 * A libvirt domain XML (`virsh dumpxml NAME`, /etc/libvirt/qemu/NAME.xml) → VmDefinition.
 * Element and attribute meanings from libvirt's formatdomain documentation: <memory unit>,
 * <memoryBacking><hugepages><page size unit/>, <os firmware='efi'> and <loader>, PCI <hostdev>
 * (mode='subsystem' type='pci', managed, <source><address domain bus slot function/>, <rom bar
 * file/>), <interface type='hostdev'> (SR-IOV VFs), <features><kvm><hidden state/> and
 * <hyperv><vendor_id state value/>. Malformed XML is an error with file:line:col, as libxml2
 * (libvirt's parser) would refuse it too.
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import { UsageError } from '../errors.js';
import { formatPciAddress } from '../pci/address.js';
import { libvirtBytes, OVMF_NAME, type VmDefinition, type VmHostDevice } from './definition.js';

function vmError(file: string, where: string, msg: string): UsageError {
  return new UsageError(`${file}${where}: ${msg}`, {
    hint: 'the file must be a libvirt domain XML (virsh dumpxml NAME) or a QEMU command line',
    code: 'vm.parse',
  });
}

function parseXml(text: string, file: string) {
  let first: { msg: string; line?: number; col?: number } | undefined;
  const parser = new DOMParser({
    onError: (_level, msg, ctx) => {
      const loc = (ctx as { locator?: { lineNumber?: number; columnNumber?: number } } | undefined)?.locator;
      first ??= { msg, line: loc?.lineNumber, col: loc?.columnNumber };
      throw new Error(msg);
    },
  });
  try {
    return parser.parseFromString(text, 'text/xml');
  } catch (e) {
    const loc = (e as { locator?: { lineNumber?: number; columnNumber?: number } }).locator;
    const msg = first?.msg ?? (e instanceof Error ? e.message : String(e));
    const line = first?.line ?? loc?.lineNumber;
    const col = first?.col ?? loc?.columnNumber;
    const where = line ? `:${line}${col ? `:${col}` : ''}` : '';
    throw vmError(file, where, `not well-formed XML: ${msg.split('\n')[0]}`);
  }
}

const children = (el: Element, name: string): Element[] => {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling)
    if (n.nodeType === 1 && (n as Element).tagName === name) out.push(n as Element);
  return out;
};
const child = (el: Element | undefined, name: string): Element | undefined =>
  el ? children(el, name)[0] : undefined;
const text = (el: Element | undefined) => (el?.textContent ?? '').trim();
const lineOf = (el: Element) => (el as unknown as { lineNumber?: number }).lineNumber ?? 0;

/** A libvirt PCI <address domain bus slot function/> (hex with 0x, or decimal). */
function pciAddress(a: Element | undefined): string | undefined {
  if (!a) return undefined;
  const num = (name: string, max: number) => {
    const v = a.getAttribute(name);
    if (v === null || v === '') return name === 'domain' || name === 'function' ? 0 : undefined;
    const n = /^0x[0-9a-f]+$/i.test(v)
      ? Number.parseInt(v.slice(2), 16)
      : /^\d+$/.test(v)
        ? Number(v)
        : Number.NaN;
    return Number.isInteger(n) && n >= 0 && n <= max ? n : undefined;
  };
  const domain = num('domain', 0xffff_ffff);
  const bus = num('bus', 0xff);
  const device = num('slot', 0x1f);
  const fn = num('function', 7);
  if (domain === undefined || bus === undefined || device === undefined || fn === undefined) return undefined;
  return formatPciAddress({ domain, bus, device, fn });
}

function describeAddress(a: Element | undefined): string {
  if (!a) return '<address> missing';
  return ['domain', 'bus', 'slot', 'function'].map((k) => `${k}=${a.getAttribute(k) ?? '?'}`).join(' ');
}

// long: one pass over the domain XML elements (libvirt formatdomain), a case per element
export function parseLibvirtDomain(source: string, file: string): VmDefinition {
  const doc = parseXml(source, file);
  const dom = doc.documentElement as unknown as Element | null;
  if (dom?.tagName !== 'domain') {
    throw vmError(file, '', `the root element is <${dom?.tagName ?? '?'}>, not a libvirt <domain>`);
  }
  const notes: string[] = [];
  const def: VmDefinition = {
    format: 'libvirt',
    file,
    name: text(child(dom, 'name')) || undefined,
    firmware: {
      kind: 'seabios',
      evidence: 'no <os firmware="efi"> and no OVMF <loader>: libvirt boots SeaBIOS',
    },
    devices: [],
    kvmHidden: false,
    notes,
  };

  const mem = child(dom, 'memory') ?? child(dom, 'currentMemory');
  if (mem) {
    def.memoryBytes = libvirtBytes(text(mem), mem.getAttribute('unit'));
    if (def.memoryBytes === undefined)
      notes.push(`line ${lineOf(mem)}: <memory> "${text(mem)}" is not a size`);
  }

  const vcpu = child(dom, 'vcpu');
  if (vcpu) {
    // <vcpu>N</vcpu>: the maximum vCPU count (formatdomain "CPU Allocation").
    const n = /^\s*(\d{1,5})\s*$/.exec(text(vcpu))?.[1];
    if (n !== undefined && Number(n) > 0) def.vcpus = Number(n);
    else notes.push(`line ${lineOf(vcpu)}: <vcpu> "${text(vcpu).slice(0, 20)}" is not a CPU count`);
  }

  const huge = child(child(dom, 'memoryBacking'), 'hugepages');
  if (huge) {
    const pages = children(huge, 'page');
    const sizes = pages
      .map((p) => libvirtBytes(p.getAttribute('size') ?? '', p.getAttribute('unit'), 'kib'))
      .filter((n): n is number => n !== undefined);
    def.hugepages = {
      pageSizeBytes: sizes.length ? sizes[0] : undefined,
      evidence: `<memoryBacking><hugepages>${pages.length ? ` with <page size=${pages[0].getAttribute('size')} unit=${pages[0].getAttribute('unit') ?? 'KiB'}>` : ' (default page size)'} at line ${lineOf(huge)}`,
    };
  }

  const os = child(dom, 'os');
  const loader = child(os, 'loader');
  if (os?.getAttribute('firmware') === 'efi') {
    def.firmware = { kind: 'ovmf', evidence: `<os firmware="efi"> at line ${lineOf(os)}` };
  } else if (loader && (loader.getAttribute('type') === 'pflash' || OVMF_NAME.test(text(loader)))) {
    def.firmware = {
      kind: 'ovmf',
      evidence: `<loader> ${text(loader) || '(pflash)'} at line ${lineOf(loader)}`,
    };
  } else if (loader && text(loader)) {
    def.firmware = { kind: 'seabios', evidence: `<loader> ${text(loader)} at line ${lineOf(loader)}` };
  }

  const features = child(dom, 'features');
  const hidden = child(child(features, 'kvm'), 'hidden');
  def.kvmHidden = hidden?.getAttribute('state') === 'on';
  const vendor = child(child(features, 'hyperv'), 'vendor_id');
  if (vendor && vendor.getAttribute('state') !== 'off' && vendor.getAttribute('value'))
    def.hypervVendorId = vendor.getAttribute('value') ?? undefined;

  const devices = child(dom, 'devices');
  if (devices) {
    for (const h of children(devices, 'hostdev')) {
      if (h.getAttribute('mode') === 'capabilities' || h.getAttribute('type') !== 'pci') continue;
      def.devices.push(hostDevice(h, child(child(h, 'source'), 'address'), notes));
    }
    for (const i of children(devices, 'interface')) {
      if (i.getAttribute('type') !== 'hostdev') continue;
      def.devices.push(hostDevice(i, child(child(i, 'source'), 'address'), notes));
    }
  }
  // <qemu:commandline> arguments pass straight to QEMU (the sources' OVMF and kvm=off recipes).
  for (let n = dom.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 1 || (n as Element).localName !== 'commandline') continue;
    const args = children(n as Element, (n as Element).prefix ? `${(n as Element).prefix}:arg` : 'arg').map(
      (a) => a.getAttribute('value') ?? '',
    );
    for (let k = 0; k < args.length - 1; k++) {
      if (args[k] === '-drive' && /if=pflash/.test(args[k + 1]) && OVMF_NAME.test(args[k + 1]))
        def.firmware = { kind: 'ovmf', evidence: `<qemu:arg value='${args[k + 1]}'/>` };
      if (args[k] === '-bios' && OVMF_NAME.test(args[k + 1]))
        def.firmware = { kind: 'ovmf', evidence: `<qemu:arg value='${args[k + 1]}'/>` };
      if (args[k] === '-cpu' && /(^|,)kvm=off(,|$)/.test(args[k + 1])) def.kvmHidden = true;
    }
  }
  return def;
}

function hostDevice(el: Element, addr: Element | undefined, notes: string[]): VmHostDevice {
  const address = pciAddress(addr);
  const rom = child(el, 'rom');
  const dev: VmHostDevice = {
    address,
    ref: address ?? describeAddress(addr),
    line: lineOf(el),
    // libvirt's default is managed='no': the user binds the device to vfio-pci before start.
    managed: el.getAttribute('managed') === 'yes',
  };
  if (rom?.getAttribute('file')) dev.romFile = rom.getAttribute('file') ?? undefined;
  if (rom?.getAttribute('bar') === 'off') dev.romBarOff = true;
  if (!address) notes.push(`line ${dev.line}: <${el.tagName}> has no usable PCI source address (${dev.ref})`);
  return dev;
}
