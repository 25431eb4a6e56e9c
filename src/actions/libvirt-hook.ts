/**
 * `vfiokit hook install`: a libvirt hook that hands the GPU over when chosen domains start and
 * back when they stop. libvirt runs /etc/libvirt/hooks/qemu and then, since 6.5.0, every
 * executable regular file in /etc/libvirt/hooks/qemu.d/ in strcmp order, each with the arguments
 * DOMAIN OPERATION SUB-OPERATION EXTRA and the domain XML on stdin (libvirt src/util/virhook.c
 * virHookCall; https://libvirt.org/hooks.html). `prepare begin` runs before libvirt sets up the
 * domain's resources (its hostdevs included) and a failure there stops the start; `release end`
 * runs after they are released. So the hook is its own file, qemu.d/vfiokit, next to whatever is
 * there: an existing /etc/libvirt/hooks/qemu (often a dispatcher into per-domain directories of
 * qemu.d, which libvirt itself skips as they are not regular files) is never touched.
 *
 * libvirt caches whether any hook exists when the daemon starts (and on SIGHUP): on a host with no
 * hook before, the daemon has to be reloaded to notice the new one.
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import { UsageError, VfiokitError } from '../errors.js';
import type { HostRoot } from '../host/root.js';
import { formatPciAddress, tryParsePciAddress } from '../pci/address.js';
import type { FileStep, Plan } from './plan.js';

export const HOOKS_DIR = '/etc/libvirt/hooks';
export const HOOK_PATH = `${HOOKS_DIR}/qemu.d/vfiokit`;
const LEGACY_HOOK = `${HOOKS_DIR}/qemu`;
const DOMAINS_DIR = '/etc/libvirt/qemu';
/** The second line of every hook vfiokit writes: how it recognises its own file. */
const MARKER = '# vfiokit hook: written by `vfiokit hook install`; removed by `vfiokit hook install --undo`.';

export interface HookPlan {
  mode: 'install' | 'undo';
  gpu?: string;
  domains: { name: string; why: string }[];
  notes: string[];
  plan: Plan;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** A word for sh, single-quoted: inside single quotes nothing is special but the quote itself. */
function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The hook script: a pure function of the domains, the GPU and where vfiokit is. */
export function hookScript(domains: readonly string[], gpu: string, vfiokit: string): string {
  return [
    '#!/bin/sh',
    MARKER,
    '# libvirt >= 6.5.0 runs it with DOMAIN OPERATION SUB-OPERATION EXTRA (https://libvirt.org/hooks.html):',
    '# before the domain starts (prepare begin) the GPU is handed over, after it stops (release end) back.',
    'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    'export PATH',
    'case "$1" in',
    `${domains.map(shQuote).join(' | ')}) ;;`,
    '*) exit 0 ;;',
    'esac',
    'case "$2 $3" in',
    `'prepare begin') exec ${shQuote(vfiokit)} handover ${gpu} </dev/null ;;`,
    `'release end') exec ${shQuote(vfiokit)} handback ${gpu} </dev/null ;;`,
    'esac',
    'exit 0',
    '',
  ].join('\n');
}

/** Domain names libvirt accepts (no '/': virDomainDefParse refuses it) and that fit on a line. */
function checkDomainName(n: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (n === '' || n.length > 200 || n.includes('/') || /[\u0000-\u001f\u007f]/.test(n))
    throw new UsageError(`${JSON.stringify(n.slice(0, 60))} is not a libvirt domain name`, {
      code: 'hook.bad-domain',
    });
  return n;
}

const kids = (el: Element, name: string): Element[] => {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling)
    if (n.nodeType === 1 && (n as Element).tagName === name) out.push(n as Element);
  return out;
};

/** The PCI hostdevs of a domain XML (<hostdev type='pci'><source><address .../>), as sysfs addresses. */
export function domainHostdevs(xml: string): { name?: string; addresses: string[] } {
  let dom: Element | null = null;
  try {
    dom = new DOMParser({ onError: () => undefined }).parseFromString(xml, 'text/xml').documentElement;
  } catch {
    return { addresses: [] };
  }
  if (dom?.tagName !== 'domain') return { addresses: [] };
  const name = kids(dom, 'name')[0]?.textContent?.trim() || undefined;
  const addresses: string[] = [];
  for (const devices of kids(dom, 'devices'))
    for (const h of kids(devices, 'hostdev')) {
      if (h.getAttribute('type') !== 'pci') continue;
      const a = kids(kids(h, 'source')[0] ?? h, 'address')[0];
      if (!a) continue;
      const num = (k: string) => Number.parseInt(a.getAttribute(k) ?? '', 16);
      const v = { domain: num('domain') || 0, bus: num('bus'), device: num('slot'), fn: num('function') };
      if ([v.bus, v.device, v.fn].some(Number.isNaN) || v.device > 31 || v.fn > 7) continue;
      addresses.push(formatPciAddress(v));
    }
  return { name, addresses };
}

function bootGpu(root: HostRoot): string {
  const boot = root
    .list('/sys/bus/pci/devices')
    .filter((a) => root.readAttr(`/sys/bus/pci/devices/${a}/boot_vga`) === '1');
  if (boot.length !== 1)
    throw new UsageError(
      boot.length
        ? `several boot GPUs (${boot.join(', ')}): name the one to hand over`
        : 'no boot GPU found: name the GPU to hand over',
      { hint: 'vfiokit hook install 0000:01:00.0 --domain NAME', code: 'hook.gpu' },
    );
  return boot[0];
}

function isOurs(bytes: Uint8Array): boolean {
  return dec.decode(bytes.subarray(0, 512)).split('\n')[1] === MARKER;
}

// long: one linear plan of the hook files and commands, in the order they are applied
export function planHookInstall(
  root: HostRoot,
  opts: { gpu?: string; domains: string[]; vfiokit: string },
): HookPlan {
  if (!opts.vfiokit.startsWith('/') || /[\n\r]/.test(opts.vfiokit))
    throw new UsageError('--vfiokit wants the absolute path of the vfiokit program', {
      code: 'hook.vfiokit',
    });
  let gpu: string;
  if (opts.gpu !== undefined) {
    const a = tryParsePciAddress(opts.gpu);
    if (!a)
      throw new UsageError(`${JSON.stringify(opts.gpu.slice(0, 60))} is not a PCI address`, {
        code: 'hook.gpu',
      });
    gpu = formatPciAddress(a);
  } else gpu = bootGpu(root);
  const notes: string[] = [];
  const domains: HookPlan['domains'] = [];
  if (opts.domains.length) {
    for (const d of opts.domains) domains.push({ name: checkDomainName(d), why: 'named with --domain' });
  } else {
    // The domains that pass the GPU through: their definitions name it as a PCI hostdev.
    for (const f of root.list(DOMAINS_DIR)) {
      if (!f.endsWith('.xml')) continue;
      const text = root.readText(`${DOMAINS_DIR}/${f}`, 4 * 1024 * 1024);
      const d = text === undefined ? undefined : domainHostdevs(text);
      if (d?.name && d.addresses.includes(gpu))
        domains.push({ name: checkDomainName(d.name), why: `${DOMAINS_DIR}/${f} passes ${gpu} through` });
    }
    if (!domains.length)
      throw new UsageError(`no domain in ${DOMAINS_DIR} has ${gpu} as a hostdev`, {
        hint: 'name the domains: vfiokit hook install --domain NAME',
        code: 'hook.no-domain',
      });
  }
  const script = enc.encode(
    hookScript(
      domains.map((d) => d.name),
      gpu,
      opts.vfiokit,
    ),
  );
  const cur = root.readBytes(HOOK_PATH, 1024 * 1024);
  if (cur !== undefined && !isOurs(cur))
    throw new VfiokitError(`${HOOK_PATH} exists and was not written by vfiokit: not overwritten`, {
      hint: 'rename it (libvirt runs every executable in qemu.d), then install again',
      code: 'hook.not-ours',
    });
  if (root.exists(LEGACY_HOOK))
    notes.push(`${LEGACY_HOOK} exists: libvirt runs it first, then ${HOOK_PATH}; it is left as it is`);
  else
    notes.push(
      `no ${LEGACY_HOOK} and, if no other hook is installed, libvirt has to be reloaded to see the new one (systemctl reload libvirtd, or restart virtqemud)`,
    );
  notes.push(
    `libvirt runs qemu.d/ hooks since 6.5.0; with an older libvirt, call it from ${LEGACY_HOOK}: exec ${HOOK_PATH} "$@"`,
  );
  const same = cur !== undefined && Buffer.compare(Buffer.from(cur), Buffer.from(script)) === 0;
  const steps: FileStep[] = same
    ? []
    : [
        {
          kind: 'file',
          path: HOOK_PATH,
          action: cur ? 'modify' : 'create',
          before: cur,
          after: script,
          mode: 0o755,
          why: `hand ${gpu} over for ${domains.map((d) => d.name).join(', ')} and back when they stop`,
        },
      ];
  return { mode: 'install', gpu, domains, notes, plan: { steps } };
}

export function planHookUndo(root: HostRoot): HookPlan {
  const cur = root.readBytes(HOOK_PATH, 1024 * 1024);
  if (cur !== undefined && !isOurs(cur))
    throw new VfiokitError(`${HOOK_PATH} was not written by vfiokit: not removed`, { code: 'hook.not-ours' });
  const steps: FileStep[] = cur
    ? [
        {
          kind: 'file',
          path: HOOK_PATH,
          action: 'remove',
          before: cur,
          mode: 0o755,
          why: 'the vfiokit hook is removed',
          removeEmptyDirs: [`${HOOKS_DIR}/qemu.d`],
        },
      ]
    : [];
  return { mode: 'undo', domains: [], notes: [], plan: { steps } };
}
