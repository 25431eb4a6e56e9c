/**
 * A VM spec's text → a validated VmSpec, or one error line that says where:
 * `win11.yaml:12:5: memory: expected a size like 16G`. Pure: the caller reads the file.
 */
import * as v from 'valibot';
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { UsageError } from '../../errors.js';
import { qemuBytes } from '../definition.js';
import { type VmSpec, VmSpecSchema } from './schema.js';

type Key = string | number;

export class SpecError extends UsageError {
  constructor(message: string) {
    super(message, { hint: 'see docs/vm.md for the VM spec', code: 'vm.spec' });
  }
}

/** The YAML node a path leads to (for an object key: the key itself), or the deepest one found. */
function nodeAt(root: unknown, path: readonly Key[], wantKey = false): Node | undefined {
  let node = root as Node | undefined;
  let best = node;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) return best;
      if (wantKey && key === path[path.length - 1]) return pair.key as Node;
      if (key === path[path.length - 1] && isScalar(pair.key) && !isMap(pair.value) && !isSeq(pair.value))
        return (pair.value as Node | null) ?? (pair.key as Node);
      node = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key];
      if (!item || isPair(item)) return best;
      node = item as Node;
    } else return best;
    best = node;
  }
  return best;
}

function where(file: string, lc: LineCounter, offset: number | undefined): string {
  if (offset === undefined) return file;
  const { line, col } = lc.linePos(offset);
  return `${file}:${line}:${col}`;
}

const showPath = (path: readonly Key[]) =>
  path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${k}`)).join('') || '(top)';

export function parseVmSpec(text: string, file: string): VmSpec {
  return parseVmSpecDocument(text, file).spec;
}

/** The spec and where each of its keys is (1-based line), for messages that point into the file. */
export function parseVmSpecDocument(
  text: string,
  file: string,
): { spec: VmSpec; lineOf: (path: readonly Key[]) => number } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const bad = doc.errors[0];
  if (bad) {
    const msg = bad.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
    throw new SpecError(`${where(file, lineCounter, bad.pos[0])}: not valid YAML: ${msg}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    throw new SpecError(
      `${file}: not valid YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    );
  }
  const at = (path: readonly Key[], wantKey = false) =>
    where(file, lineCounter, nodeAt(doc.contents, path, wantKey)?.range?.[0]);
  const fail = (path: readonly Key[], msg: string, wantKey = false): never => {
    throw new SpecError(`${at(path, wantKey)}: ${showPath(path)}: ${msg}`);
  };
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    fail([], 'expected a mapping with name, memory, cpu (see docs/vm.md)');

  const r = v.safeParse(VmSpecSchema, data, { abortEarly: true });
  if (!r.success) {
    const issue = r.issues[0];
    const path = (issue.path ?? []).map((p) => p.key as Key);
    if (issue.kind === 'schema' && issue.type === 'strict_object' && issue.input !== undefined)
      fail(path, `unknown key (known: ${Object.keys(objectEntries(path)).join(', ')})`, true);
    if (issue.type === 'strict_object' && issue.input === undefined) fail(path, 'required, missing');
    fail(path, issue.message);
  }
  const spec = (r as v.SafeParseResult<typeof VmSpecSchema> & { success: true }).output;
  checkMeaning(spec, fail);
  const lineOf = (path: readonly Key[]) => {
    const off = nodeAt(doc.contents, path)?.range?.[0];
    return off === undefined ? 0 : lineCounter.linePos(off).line;
  };
  return { spec, lineOf };
}

/** The keys a strict object at `path` (whose last element is the unknown key) accepts. */
function objectEntries(path: readonly Key[]): Record<string, unknown> {
  // biome-ignore lint/suspicious/noExplicitAny: walking valibot's schema tree by shape
  let s: any = VmSpecSchema;
  for (const key of path.slice(0, -1)) {
    while (s.pipe && s.type !== 'strict_object' && s.type !== 'array') s = s.pipe[0];
    if (s.type === 'optional') s = s.wrapped;
    while (s.pipe && s.type !== 'strict_object' && s.type !== 'array') s = s.pipe[0];
    if (typeof key === 'number' && s.type === 'array') s = s.item;
    else if (s.entries) s = s.entries[key];
    if (s?.type === 'optional') s = s.wrapped;
  }
  while (s?.pipe && s.type !== 'strict_object') s = s.pipe[0];
  return s?.entries ?? {};
}

/** What the schema cannot say: rules that tie fields together. */
function checkMeaning(spec: VmSpec, fail: (path: readonly Key[], msg: string) => never): void {
  const memory = qemuBytes(spec.memory, 1024 ** 2) ?? 0;
  if (memory < 64 * 1024 ** 2) fail(['memory'], 'expected at least 64M');
  if (memory > 2 ** 52) fail(['memory'], 'more than 4 PiB is not a plausible guest memory');
  if (spec.hugepages) {
    const page = spec.hugepages === '1G' ? 1024 ** 3 : 2 * 1024 ** 2;
    if (memory % page) fail(['memory'], `not a whole number of ${spec.hugepages} hugepages`);
  }
  const vcpus = (spec.cpu.sockets ?? 1) * spec.cpu.cores * (spec.cpu.threads ?? 1);
  if (vcpus > 1024) fail(['cpu'], `${vcpus} vCPUs (sockets × cores × threads) is more than 1024`);
  if (spec.cpu.pin && spec.cpu.pin !== 'auto' && spec.cpu.pin.vcpus.length !== vcpus)
    fail(
      ['cpu', 'pin', 'vcpus'],
      `lists ${spec.cpu.pin.vcpus.length} vCPUs, but sockets × cores × threads is ${vcpus}: give one host CPU list per vCPU`,
    );
  const fw = spec.firmware?.type ?? 'ovmf';
  if (fw === 'seabios' && spec.firmware?.secureBoot)
    fail(['firmware', 'secureBoot'], 'secure boot needs OVMF');
  if (fw === 'seabios' && spec.firmware?.vars) fail(['firmware', 'vars'], 'SeaBIOS has no variable store');
  if (spec.firmware?.secureBoot && (spec.machine ?? 'q35') !== 'q35')
    fail(['firmware', 'secureBoot'], "secure boot needs SMM, which OVMF's secure builds support on q35 only");
  const devices = spec.devices ?? [];
  let vga = 0;
  devices.forEach((d, i) => {
    const how = [d.address, d.id, d.gpuOfGroup].filter((x) => x !== undefined).length;
    if (how !== 1) fail(['devices', i], 'give exactly one of address, id, gpuOfGroup');
    if (d.display === 'vga') vga++;
    if (d.display === 'vga' && vga > 1)
      fail(['devices', i, 'display'], 'only one device can take the legacy VGA ranges');
  });
  checkIgd(spec, fail);
  for (const [i, n] of (spec.network ?? []).entries()) {
    if (n.type === 'bridge' && !n.bridge) fail(['network', i], "type 'bridge' needs bridge: NAME");
    if (n.type === 'user' && n.bridge) fail(['network', i, 'bridge'], "only for type 'bridge'");
  }
  const d = spec.display;
  if (d?.port !== undefined && d.type !== 'spice') fail(['display', 'port'], 'a port is for SPICE only');
  if (spec.input?.grabToggle && !spec.input.keyboard)
    fail(['input', 'grabToggle'], 'the grab toggle works through the evdev keyboard: give input.keyboard');
  if (spec.hyperv?.vendorId !== undefined && spec.hyperv.vendorId.length > 12)
    fail(['hyperv', 'vendorId'], 'at most 12 characters');
  const disks = spec.disks ?? [];
  const sata = disks.filter((x) => x.bus === 'sata' || x.cdrom).length;
  // q35's ICH9 AHCI has 6 ports; i440fx's PIIX IDE has 2 buses × 2 units.
  const maxSata = (spec.machine ?? 'q35') === 'q35' ? 6 : 4;
  if (sata > maxSata)
    fail(['disks'], `${sata} SATA/IDE disks, the ${spec.machine ?? 'q35'} controller has ${maxSata}`);
  disks.forEach((x, i) => {
    if (x.cdrom && x.bus === 'virtio') fail(['disks', i, 'bus'], 'a CD-ROM goes on sata');
  });
}

/** Legacy IGD's guest address, as QEMU's igd.c tests it: 00:02.0 of the root bus. */
const IGD_HOST_ADDRESS = /^(0{4,8}:)?00:02\.0$/;

/**
 * The IGD modes' rules (QEMU docs/igd-assign.txt "Legacy" mode and hw/vfio/igd.c of QEMU 10):
 * legacy mode is enabled only for a machine of the pc_piix family (i440fx) with the IGD at guest
 * 00:02.0 of the root bus, where QEMU creates its own LPC bridge at 00:1f.0 (q35's ICH9 LPC
 * bridge already holds that address, so QEMU fails with "Cannot create LPC bridge due to existing
 * device at 1f.0"); the IGD is the only display; it needs a VGA ROM, and rombar=0 disables it.
 * UPT mode takes any other address; x-igd-opregion=on is a UPT option.
 */
function checkIgd(spec: VmSpec, fail: (path: readonly Key[], msg: string) => never): void {
  const devices = spec.devices ?? [];
  const igd = devices.flatMap((d, i) => (d.igd ? [{ d, i }] : []));
  devices.forEach((d, i) => {
    if (d.opregion !== undefined && d.igd !== 'upt')
      fail(
        ['devices', i, 'opregion'],
        d.igd === 'legacy'
          ? 'legacy mode gives the guest the OpRegion by itself; x-igd-opregion is for igd: upt'
          : 'only for an Intel IGD with igd: upt',
      );
  });
  if (igd.length > 1)
    fail(['devices', igd[1].i, 'igd'], 'a host has one Intel IGD: only one device can be igd');
  const [first] = igd;
  if (first?.d.igd !== 'legacy') return;
  const { d, i } = first;
  if (d.address !== undefined && !IGD_HOST_ADDRESS.test(d.address))
    fail(
      ['devices', i, 'address'],
      `igd: legacy needs the IGD at 0000:00:02.0 (QEMU applies legacy mode only to the host IGD there); ${d.address} can be assigned with igd: upt`,
    );
  if ((spec.machine ?? 'q35') !== 'i440fx')
    fail(
      spec.machine ? ['machine'] : ['devices', i, 'igd'],
      "igd: legacy needs machine: i440fx (QEMU enables legacy mode only for the pc_piix family; q35's ICH9 LPC bridge holds 00:1f.0, where legacy mode needs its own)",
    );
  if (spec.display?.type === 'spice')
    fail(
      ['display', 'type'],
      'igd: legacy makes the IGD the only display: the QXL device of display type spice must go (display type none)',
    );
  if (d.rombar === false) fail(['devices', i, 'rombar'], 'rombar: false (rombar=0) disables IGD legacy mode');
  if (d.display === 'vga')
    fail(
      ['devices', i, 'display'],
      'legacy mode routes the VGA ranges to the IGD itself; leave display unset',
    );
  devices.forEach((o, j) => {
    if (j !== i && o.display === 'vga')
      fail(['devices', j, 'display'], 'the legacy-mode IGD takes the legacy VGA ranges; no other device can');
  });
}
