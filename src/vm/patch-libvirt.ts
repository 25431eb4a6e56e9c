/**
 * `config libvirt --patch DOMAIN.xml`: add what the spec needs to an existing domain (`virsh
 * dumpxml NAME`) as text insertions, so every byte outside them stays as it was (comments,
 * attribute order, quoting, indentation). The domain is read with @xmldom/xmldom to find what is
 * there; nothing is re-serialised.
 *
 * Added when missing: the assigned devices (each slot behind a new pcie-root-port at a free slot
 * of the root bus on q35, at a free root-bus slot on i440fx; the GPU's functions in one guest
 * slot), hugepage backing, KVM hidden, Hyper-V enlightenments and vendor_id, pinning, the Looking
 * Glass shmem device, evdev inputs, x-vga through <qemu:override>. Left as they are: memory size,
 * vCPUs, firmware, disks, network and display, which the domain already decides.
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import { UsageError } from '../errors.js';
import type { VmModel } from './model.js';
import {
  cputuneEl,
  type El,
  el,
  evdevEls,
  hostdevEl,
  hugepagesEl,
  hypervEl,
  kvmHiddenEl,
  pciAddressEl,
  QEMU_NS,
  serialize,
  shmemEl,
} from './render-libvirt.js';

interface Insert {
  at: number;
  text: string;
  /** Characters of the original removed at `at` (only the '/' of a self-closing tag that gains children). */
  del?: number;
}

const kids = (e: Element, name?: string): Element[] => {
  const out: Element[] = [];
  for (let n = e.firstChild; n; n = n.nextSibling)
    if (n.nodeType === 1 && (name === undefined || (n as Element).tagName === name)) out.push(n as Element);
  return out;
};
const kid = (e: Element | undefined, name: string) => (e ? kids(e, name)[0] : undefined);

function patchError(file: string, where: string, msg: string): UsageError {
  return new UsageError(`${file}${where}: ${msg}`, {
    hint: 'give a libvirt domain XML (virsh dumpxml NAME > domain.xml)',
    code: 'vm.patch',
  });
}

export interface PatchResult {
  xml: string;
  /** What was added and what was left alone, one sentence each. */
  notes: string[];
  /** The insertions made (offsets into the original text), for checking that nothing else moved. */
  inserts: Insert[];
}

// long: one list of domain XML edits, each a few lines, applied in order
export function patchLibvirtDomain(text: string, file: string, m: VmModel): PatchResult {
  // An IGD's mode decides the machine, the display and the guest address (legacy: 00:02.0 of an
  // i440fx machine with nothing else there), which an existing domain has already chosen.
  const igd = m.hostdevs.find((h) => h.igd);
  if (igd)
    throw new UsageError(
      `--patch does not add an Intel IGD (igd: ${igd.igd?.mode}): its mode decides the machine, display and guest address of the whole domain`,
      {
        hint: 'generate the domain with vfiokit config libvirt SPEC (without --patch)',
        code: 'vm.patch-igd',
      },
    );
  let first: { msg: string; line?: number; col?: number } | undefined;
  const parser = new DOMParser({
    onError: (level, msg, ctx) => {
      const loc = (ctx as { locator?: { lineNumber?: number; columnNumber?: number } } | undefined)?.locator;
      if (level === 'warning') return;
      first ??= { msg, line: loc?.lineNumber, col: loc?.columnNumber };
      throw new Error(msg);
    },
  });
  let doc: ReturnType<DOMParser['parseFromString']>;
  try {
    doc = parser.parseFromString(text, 'text/xml');
  } catch (e) {
    const where = first?.line ? `:${first.line}${first.col ? `:${first.col}` : ''}` : '';
    throw patchError(
      file,
      where,
      `not well-formed XML: ${(first?.msg ?? (e as Error).message).split('\n')[0]}`,
    );
  }
  const domain = doc.documentElement;
  if (domain?.tagName !== 'domain')
    throw patchError(file, '', 'not a libvirt domain (no <domain> root element)');

  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  /** Offset of an element's "<name" in the text. */
  const startOf = (e: Element): number => {
    const line = (e as unknown as { lineNumber?: number }).lineNumber ?? 1;
    const col = (e as unknown as { columnNumber?: number }).columnNumber ?? 1;
    const guess = (lineStarts[line - 1] ?? 0) + col - 1;
    if (text.startsWith(`<${e.tagName}`, guess)) return guess;
    const found = text.indexOf(`<${e.tagName}`, lineStarts[line - 1] ?? 0);
    if (found < 0) throw patchError(file, `:${line}`, `cannot find <${e.tagName}> in the text`);
    return found;
  };
  /** End of the start tag (index of its '>'), and whether it is self-closing. */
  const startTagEnd = (e: Element): { gt: number; selfClosing: boolean } => {
    let i = startOf(e) + 1;
    let quote = '';
    for (; i < text.length; i++) {
      const c = text[i];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') return { gt: i, selfClosing: text[i - 1] === '/' };
    }
    throw patchError(file, '', `<${e.tagName}> is not closed`);
  };
  /** Offset of "</name>" closing a non-self-closing element (element names here do not nest in themselves). */
  const closeOf = (e: Element): number => {
    const { gt } = startTagEnd(e);
    const i = text.indexOf(`</${e.tagName}`, gt);
    if (i < 0) throw patchError(file, '', `<${e.tagName}> is not closed`);
    return i;
  };
  /** The whitespace before an element on its line. */
  const indentOf = (e: Element): string => {
    const s = startOf(e);
    const ls = text.lastIndexOf('\n', s - 1) + 1;
    const pre = text.slice(ls, s);
    return /^[ \t]*$/.test(pre) ? pre : '';
  };
  const domainIndent = indentOf(domain);
  const anyChild = kids(domain)[0];
  const step = anyChild ? indentOf(anyChild).slice(domainIndent.length) || '  ' : '  ';

  const inserts: Insert[] = [];
  const notes: string[] = [];
  /** Insert elements as the last children of `parent`. */
  const appendTo = (parent: Element, els: El[]) => {
    if (!els.length) return;
    const ind = indentOf(parent) + step;
    const body = els.map((x) => serialize(x, ind, step)).join('\n');
    const { gt, selfClosing } = startTagEnd(parent);
    if (selfClosing) {
      // <features/> → <features>…</features>: the one place a byte of the original changes.
      inserts.push({ at: gt - 1, del: 1, text: `>\n${body}\n${indentOf(parent)}</${parent.tagName}` });
      return;
    }
    const close = closeOf(parent);
    const ls = text.lastIndexOf('\n', close - 1) + 1;
    const onOwnLine = /^[ \t]*$/.test(text.slice(ls, close));
    inserts.push(
      onOwnLine ? { at: ls, text: `${body}\n` } : { at: close, text: `\n${body}\n${indentOf(parent)}` },
    );
  };
  /** Insert elements right after `sibling` (a child of the domain). */
  const after = (sibling: Element, els: El[]) => {
    if (!els.length) return;
    const ind = indentOf(sibling);
    const { gt, selfClosing } = startTagEnd(sibling);
    const end = selfClosing ? gt + 1 : text.indexOf('>', closeOf(sibling)) + 1;
    inserts.push({ at: end, text: els.map((x) => `\n${serialize(x, ind, step)}`).join('') });
  };

  const osType = kid(kid(domain, 'os'), 'type');
  const machine = osType?.getAttribute('machine') ?? '';
  const q35 = /q35/.test(machine);
  if (q35 !== (m.machine === 'q35'))
    notes.push(
      `the domain's machine is ${machine || 'not given'}, the spec's ${m.machine}: devices are placed for the domain's`,
    );

  // --- memory backing
  const hp = hugepagesEl(m);
  const mb = kid(domain, 'memoryBacking');
  if (hp) {
    if (!mb) {
      const anchor = kid(domain, 'currentMemory') ?? kid(domain, 'memory') ?? kid(domain, 'name');
      if (anchor) after(anchor, [hp]);
      notes.push('added hugepage backing');
    } else if (!kid(mb, 'hugepages')) {
      appendTo(mb, hp.children ?? []);
      notes.push('added hugepages to <memoryBacking>');
    } else notes.push('the domain already has hugepages: left as they are');
  }

  // --- pinning
  const tune = cputuneEl(m);
  if (tune) {
    if (kid(domain, 'cputune')) notes.push('the domain already has <cputune>: pinning left as it is');
    else {
      const els: El[] = [];
      if (m.iothreads && !kid(domain, 'iothreads')) els.push(el('iothreads', {}, String(m.iothreads)));
      els.push(tune);
      const anchor = kid(domain, 'vcpu') ?? kid(domain, 'currentMemory') ?? kid(domain, 'memory');
      if (anchor) after(anchor, els);
      notes.push('added CPU pinning');
    }
  }

  // --- features
  const wantFeatures: El[] = [];
  let features = kid(domain, 'features');
  const hv = hypervEl(m);
  if (hv) {
    const have = kid(features, 'hyperv');
    if (!have) wantFeatures.push(hv);
    else if (m.cpu.hyperv?.vendorId && !kid(have, 'vendor_id')) {
      appendTo(have, [el('vendor_id', { state: 'on', value: m.cpu.hyperv.vendorId })]);
      notes.push('added the Hyper-V vendor_id');
    }
  }
  if (m.cpu.kvmHidden) {
    const kvm = kid(features, 'kvm');
    if (!kvm) wantFeatures.push(kvmHiddenEl());
    else if (!kid(kvm, 'hidden')) appendTo(kvm, [el('hidden', { state: 'on' })]);
    else if (kid(kvm, 'hidden')?.getAttribute('state') !== 'on')
      notes.push("the domain sets <kvm><hidden state='off'/>: left as it is");
  }
  if (wantFeatures.length) {
    if (features) appendTo(features, wantFeatures);
    else {
      const anchor = kid(domain, 'os') ?? kid(domain, 'vcpu');
      if (anchor) after(anchor, [el('features', {}, ...wantFeatures)]);
    }
    notes.push(`added ${wantFeatures.map((f) => `<${f.name}>`).join(', ')} to <features>`);
  }
  features = kid(domain, 'features');

  // --- devices
  let devices = kid(domain, 'devices');
  const newDevices: El[] = [];
  const pciAddrs = [...domain.getElementsByTagName('address')].filter(
    (a) => a.getAttribute('type') === 'pci' && a.parentNode && (a.parentNode as Element).tagName !== 'source',
  );
  const num = (s: string | null) =>
    s === null || s === '' ? 0 : s.startsWith('0x') ? parseInt(s, 16) : parseInt(s, 10);
  const usedRootSlots = new Set(
    pciAddrs
      .filter((a) => num(a.getAttribute('domain')) === 0 && num(a.getAttribute('bus')) === 0)
      .map((a) => num(a.getAttribute('slot'))),
  );
  usedRootSlots.add(0);
  if (q35) usedRootSlots.add(0x1f);
  else usedRootSlots.add(1);
  const freeRootSlot = () => {
    for (let s = 1; s <= 0x1f; s++)
      if (!usedRootSlots.has(s)) {
        usedRootSlots.add(s);
        return s;
      }
    throw patchError(file, '', 'no free slot on the root PCI bus for another device');
  };
  let maxIndex = Math.max(
    0,
    ...[...domain.getElementsByTagName('controller')]
      .filter((c) => c.getAttribute('type') === 'pci')
      .map((c) => num(c.getAttribute('index'))),
  );
  // Root port numbers must differ between ports; continue after the highest in use.
  let maxPort = Math.max(
    0x0f,
    ...[...domain.getElementsByTagName('controller')]
      .filter((c) => c.getAttribute('model') === 'pcie-root-port')
      .map((c) => num(kid(c, 'target')?.getAttribute('port') ?? null)),
  );
  const present = new Set(
    [...domain.getElementsByTagName('hostdev')].flatMap((h) => {
      const a = kid(kid(h, 'source'), 'address');
      if (!a) return [];
      const f = (n: string, w: number) => num(a.getAttribute(n)).toString(16).padStart(w, '0');
      return [`${f('domain', 4)}:${f('bus', 2)}:${f('slot', 2)}.${num(a.getAttribute('function'))}`];
    }),
  );
  const bySlot = new Map<string, typeof m.hostdevs>();
  for (const h of m.hostdevs) {
    if (present.has(h.host)) {
      notes.push(`${h.host} is already in the domain: left as it is`);
      continue;
    }
    const k = `${h.guest.busIndex}:${h.guest.slot}`;
    bySlot.set(k, [...(bySlot.get(k) ?? []), h]);
  }
  const xVgaAliases: string[] = [];
  for (const group of bySlot.values()) {
    let guest: { bus: string; busIndex: number; slot: number };
    if (q35) {
      maxIndex++;
      const slot = freeRootSlot();
      newDevices.push(
        el(
          'controller',
          { type: 'pci', index: maxIndex, model: 'pcie-root-port' },
          el('model', { name: 'pcie-root-port' }),
          el('target', { chassis: maxIndex, port: `0x${(++maxPort).toString(16)}` }),
          pciAddressEl({ bus: 'pcie.0', busIndex: 0, slot, fn: 0 }),
        ),
      );
      guest = { bus: `pci.${maxIndex}`, busIndex: maxIndex, slot: 0 };
    } else guest = { bus: 'pci.0', busIndex: 0, slot: freeRootSlot() };
    group.forEach((h, i) => {
      const alias = `vfiokit-${h.host.replace(/[:.]/g, '-')}`;
      if (h.xVga) xVgaAliases.push(`ua-${alias}`);
      newDevices.push(
        hostdevEl(
          {
            ...h,
            alias,
            guest: { ...guest, fn: i, ...(i === 0 && group.length > 1 ? { multifunction: true } : {}) },
          },
          h.xVga,
        ),
      );
    });
    notes.push(`added ${group.map((h) => h.host).join(' + ')} in one guest slot`);
  }
  const shm = shmemEl(m);
  if (shm && m.ivshmem) {
    const has = [...domain.getElementsByTagName('shmem')].some(
      (s) => s.getAttribute('name') === m.ivshmem?.name,
    );
    if (!has) {
      newDevices.push({
        ...shm,
        children: [
          ...(shm.children ?? []).filter((c) => c.name !== 'address'),
          pciAddressEl({ bus: 'pcie.0', busIndex: 0, slot: freeRootSlot(), fn: 0 }),
        ],
      });
      notes.push(`added the Looking Glass shared memory (${m.ivshmem.sizeBytes / 1024 ** 2} MiB)`);
    }
  }
  const haveInputs = new Set(
    [...domain.getElementsByTagName('input')]
      .filter((i) => i.getAttribute('type') === 'evdev')
      .map((i) => kid(i, 'source')?.getAttribute('dev')),
  );
  for (const inp of evdevEls(m)) {
    const dev = inp.children?.[0]?.attrs?.find(([k]) => k === 'dev')?.[1];
    if (!haveInputs.has(String(dev))) newDevices.push(inp);
  }
  if (newDevices.length) {
    if (devices) appendTo(devices, newDevices);
    else {
      const anchor = kids(domain).at(-1);
      if (anchor) after(anchor, [el('devices', {}, ...newDevices)]);
    }
  }
  devices = kid(domain, 'devices');

  // --- x-vga through the QEMU namespace
  if (xVgaAliases.length) {
    const nsAttr = [...Array.from(domain.attributes)].find((a) => a.value === QEMU_NS);
    const prefix = nsAttr ? nsAttr.name.replace(/^xmlns:/, '') : 'qemu';
    if (!nsAttr) {
      const { gt } = startTagEnd(domain);
      inserts.push({ at: gt, text: ` xmlns:qemu='${QEMU_NS}'` });
    }
    const dev = (alias: string): El =>
      el(
        `${prefix}:device`,
        { alias },
        el(
          `${prefix}:frontend`,
          {},
          el(`${prefix}:property`, { name: 'x-vga', type: 'bool', value: 'true' }),
        ),
      );
    const existing = kids(domain).find((e) => e.localName === 'override' && e.namespaceURI === QEMU_NS);
    if (existing) appendTo(existing, xVgaAliases.map(dev));
    else appendTo(domain, [el(`${prefix}:override`, {}, ...xVgaAliases.map(dev))]);
    notes.push('set x-vga=on through <qemu:override>');
  }
  notes.push("left as they are: the domain's memory size, vCPUs, firmware, disks, network and display");

  // Apply from the end so earlier offsets stay valid; equal offsets keep their order.
  const ordered = inserts.map((x, i) => ({ ...x, i })).sort((a, b) => b.at - a.at || b.i - a.i);
  let out = text;
  for (const x of ordered) out = out.slice(0, x.at) + x.text + out.slice(x.at + (x.del ?? 0));
  return { xml: out, notes, inserts };
}
