/**
 * The PCI tree as a picture: root complex → root ports → switches → endpoints, laid out with
 * d3-hierarchy's tidy tree (Reingold–Tilford). IOMMU groups are coloured regions behind their
 * members; each function carries its driver, its group's viability and a host-critical mark.
 * Large hosts (thousands of functions): subtrees collapse, search and the class filter keep only
 * matching functions and the bridges above them.
 */
import { hierarchy, tree } from 'd3-hierarchy';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { type ApiError, ApiFailure, errorText, get } from './api';
import { Details } from './details';

export interface DeviceJson {
  address: string;
  vendor: string;
  device: string;
  class: string;
  sysfsPath: string;
  driver?: string;
  iommuGroup?: number;
  names?: { vendor?: string; device?: string; class?: string };
}

interface GroupDeviceJson {
  address: string;
  hostCritical: string | null | { reason?: string };
  state: string;
}

interface GroupJson {
  id: number;
  verdict: 'viable' | 'not-viable' | 'unknown' | string;
  viable: boolean | null;
  devices: GroupDeviceJson[];
}

interface GroupsDoc {
  source: string;
  groups: GroupJson[];
}

interface Node {
  id: string;
  kind: 'system' | 'complex' | 'device';
  device?: DeviceJson;
  children: Node[];
}

const ROW = 26;
const COL = 290;
const BOX_W = 250;
const BOX_H = 20;

function short(a: string): string {
  return a.startsWith('0000:') ? a.slice(5) : a;
}

export function groupColour(id: number): string {
  return `hsl(${Math.round((id * 137.508) % 360)}, 65%, 50%)`;
}

/** Parents come from the sysfs path: a device sits under the bridge directory it was found in. */
function buildTree(devices: DeviceJson[]): Node {
  const byAddr = new Map<string, Node>();
  for (const d of devices) byAddr.set(d.address, { id: d.address, kind: 'device', device: d, children: [] });
  const complexes = new Map<string, Node>();
  for (const d of devices) {
    const parts = d.sysfsPath.split('/').filter(Boolean);
    const node = byAddr.get(d.address)!;
    let parent: Node | undefined;
    for (let i = parts.length - 2; i >= 0 && !parent; i--) parent = byAddr.get(parts[i]);
    if (!parent) {
      const host = parts.find((p) => /^pci[0-9a-f]{4}:[0-9a-f]{2}$/i.test(p)) ?? 'pci?';
      parent = complexes.get(host);
      if (!parent) {
        parent = { id: host, kind: 'complex', children: [] };
        complexes.set(host, parent);
      }
    }
    parent.children.push(node);
  }
  const sort = (n: Node) => {
    n.children.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    n.children.forEach(sort);
  };
  // One root complex is the top itself; several (PCI domains, host bridges) hang under the system.
  const top: Node =
    complexes.size === 1
      ? [...complexes.values()][0]
      : { id: 'system', kind: 'system', children: [...complexes.values()] };
  sort(top);
  return top;
}

function baseClass(d: DeviceJson): string {
  return d.class.slice(0, 2);
}

interface Filter {
  search: string;
  cls: string;
}

function matches(d: DeviceJson, f: Filter): boolean {
  if (f.cls && baseClass(d) !== f.cls) return false;
  if (!f.search) return true;
  const q = f.search.toLowerCase();
  return [
    d.address,
    d.vendor,
    d.device,
    d.driver ?? '',
    d.names?.vendor ?? '',
    d.names?.device ?? '',
    d.names?.class ?? '',
  ]
    .join(' ')
    .toLowerCase()
    .includes(q);
}

/** The tree as shown: collapsed subtrees cut, and with a filter only matches and their ancestors. */
function visible(n: Node, collapsed: Set<string>, f: Filter, filtering: boolean): Node | null {
  const kids = collapsed.has(n.id) && !filtering ? [] : n.children;
  const shown = kids.map((c) => visible(c, collapsed, f, filtering)).filter((c): c is Node => c !== null);
  if (filtering && n.kind === 'device' && !shown.length && !matches(n.device!, f)) return null;
  if (filtering && n.kind !== 'device' && !shown.length) return null;
  return { ...n, children: shown };
}

function countDevices(n: Node): number {
  return (n.kind === 'device' ? 1 : 0) + n.children.reduce((s, c) => s + countDevices(c), 0);
}

/**
 * At most this many boxes in the first picture. A picture of thousands of functions is not read
 * box by box, and drawing it costs the browser about a second per 4,000 boxes; search, the class
 * filter and "expand all" reach every function.
 */
export const FIRST_PICTURE = 400;

/**
 * The subtrees collapsed at first: breadth first from the top, a node's children are shown while
 * the picture stays within FIRST_PICTURE boxes, so the upper levels (root complexes, root ports,
 * the switches under them) stay visible and the deepest, largest fan-outs fold. A small host
 * (every box fits) starts fully expanded.
 */
function firstCollapsed(top: Node): Set<string> {
  const collapsed = new Set<string>();
  let boxes = 1;
  let level: Node[] = [top];
  while (level.length) {
    const next: Node[] = [];
    for (const n of level) {
      if (!n.children.length) continue;
      if (boxes + n.children.length <= FIRST_PICTURE) {
        boxes += n.children.length;
        next.push(...n.children);
      } else collapsed.add(n.id);
    }
    level = next;
  }
  return collapsed;
}

/** Functions below each node (not counting the node itself): what a collapsed node hides. */
function belowCounts(top: Node): Map<string, number> {
  const m = new Map<string, number>();
  const walk = (n: Node): number => {
    let below = 0;
    for (const c of n.children) below += walk(c) + (c.kind === 'device' ? 1 : 0);
    m.set(n.id, below);
    return below;
  };
  walk(top);
  return m;
}

interface Verdict {
  group: GroupJson;
  critical?: string;
}

function criticalText(h: GroupDeviceJson['hostCritical']): string | undefined {
  if (h === null || h === undefined) return undefined;
  if (typeof h === 'string') return h;
  return h.reason ?? 'host-critical';
}

// long: one component: its state hooks and the markup they drive
export function Topology(props: { rootId: string }) {
  const [devices, setDevices] = useState<DeviceJson[] | null>(null);
  const [groups, setGroups] = useState<GroupsDoc | null>(null);
  const [error, setError] = useState('');
  const [groupNote, setGroupNote] = useState('');
  /** null: the first picture's collapse (firstCollapsed) until a toggle or "expand all". */
  const [toggled, setCollapsed] = useState<Set<string> | null>(null);
  const [search, setSearch] = useState('');
  const [cls, setCls] = useState('');
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    setDevices(null);
    setGroups(null);
    setSelected(null);
    setCollapsed(null);
    setError('');
    setGroupNote('');
    // One answer with what the picture draws (GET /api/topology: the devices and groups
    // documents' fields that are drawn, a tenth of their size at 4,096 functions).
    get<{ devices: DeviceJson[]; groups: GroupsDoc | { error: ApiError } }>('/topology')
      .then((t) => {
        setDevices(t.devices);
        if ('groups' in t.groups) return setGroups(t.groups);
        const e = t.groups.error;
        if (e.code !== 'iommu.off')
          return setGroupNote(`groups unknown: ${errorText(new ApiFailure(409, e))}`);
        // No kernel groups (IOMMU off): show the groups the kernel's rules predict, and say so.
        setGroupNote(`${e.message}: the regions show the groups the kernel would form (simulated)`);
        return get<GroupsDoc>('/groups?simulate=1')
          .then(setGroups)
          .catch((x) => setGroupNote(`groups unknown: ${errorText(x)}`));
      })
      .catch((e) => setError(errorText(e)));
  }, [props.rootId]);

  const full = useMemo(() => (devices ? buildTree(devices) : null), [devices]);
  const first = useMemo(() => (full ? firstCollapsed(full) : new Set<string>()), [full]);
  const below = useMemo(() => (full ? belowCounts(full) : new Map<string, number>()), [full]);
  const collapsed = toggled ?? first;
  const verdicts = useMemo(() => {
    const m = new Map<string, Verdict>();
    for (const g of groups?.groups ?? [])
      for (const d of g.devices) m.set(d.address, { group: g, critical: criticalText(d.hostCritical) });
    return m;
  }, [groups]);
  const classes = useMemo(() => {
    const m = new Map<string, string>();
    for (const d of devices ?? [])
      if (!m.has(baseClass(d))) m.set(baseClass(d), d.names?.class ?? `class ${baseClass(d)}`);
    return [...m].sort();
  }, [devices]);

  const filter = { search: search.trim(), cls };
  const filtering = Boolean(filter.search || filter.cls);
  const shown = useMemo(
    () => (full ? (visible(full, collapsed, filter, filtering) ?? { ...full, children: [] }) : null),
    [full, collapsed, filter.search, filter.cls],
  );
  const layout = useMemo(() => {
    if (!shown) return null;
    const h = hierarchy(shown, (n) => n.children);
    const t = tree<Node>()
      .nodeSize([ROW, COL])
      .separation(() => 1)(h);
    let minX = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = 0;
    t.each((n) => {
      minX = Math.min(minX, n.x);
      maxX = Math.max(maxX, n.x);
      maxY = Math.max(maxY, n.y);
    });
    return { root: t, minX, maxX, maxY };
  }, [shown]);

  if (error) return <p class="error">{error}</p>;
  if (!full || !layout) return <p class="loading">Reading the PCI devices…</p>;

  const toggle = (id: string) => {
    const next = new Set(collapsed);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setCollapsed(next);
  };
  const nodes = layout.root.descendants();
  const pad = 12;
  const offX = -layout.minX + pad + BOX_H;
  const width = layout.maxY + BOX_W + pad * 2;
  const height = layout.maxX - layout.minX + pad * 2 + BOX_H * 2;

  // A group's region: the box around its members' boxes as drawn (members next to each other in
  // the tree, since a group never spans two root ports).
  const regions = new Map<number, { x0: number; x1: number; y0: number; y1: number }>();
  // Until the groups' verdicts arrive, the regions come from each device's own iommu_group.
  for (const n of nodes) {
    if (n.data.kind !== 'device') continue;
    const gid = verdicts.get(n.data.id)?.group.id ?? (groups ? undefined : n.data.device?.iommuGroup);
    if (gid === undefined) continue;
    const r = regions.get(gid) ?? { x0: n.x, x1: n.x, y0: n.y, y1: n.y };
    r.x0 = Math.min(r.x0, n.x);
    r.x1 = Math.max(r.x1, n.x);
    r.y0 = Math.min(r.y0, n.y);
    r.y1 = Math.max(r.y1, n.y);
    regions.set(gid, r);
  }
  const total = devices?.length ?? 0;
  const drawn = countDevices(shown!);
  // What the collapsed nodes on the picture hold (a filter shows every match: nothing hidden).
  let hidden = 0;
  if (!filtering) for (const n of nodes) if (collapsed.has(n.data.id)) hidden += below.get(n.data.id) ?? 0;

  return (
    <div class="topology">
      <div class="toolbar">
        <input
          type="search"
          placeholder="search address, vendor, driver…"
          value={search}
          onInput={(e) => setSearch((e.target as HTMLInputElement).value)}
          aria-label="search"
        />
        <select
          value={cls}
          onChange={(e) => setCls((e.target as HTMLSelectElement).value)}
          aria-label="class"
        >
          <option value="">every class</option>
          {classes.map(([code, name]) => (
            <option value={code}>
              {name} ({code})
            </option>
          ))}
        </select>
        <button type="button" onClick={() => setCollapsed(new Set())}>
          expand all
        </button>
        <span class="count" data-total={total} data-drawn={drawn} data-hidden={hidden}>
          {drawn} of {total} functions shown{hidden ? ` (${hidden} in collapsed subtrees: + opens one)` : ''}
          {groups ? `, ${groups.groups.length} IOMMU groups (${groups.source})` : ''}
        </span>
        <span class="legend">
          <span class="badge ok">✓</span> viable <span class="badge no">✗</span> not viable{' '}
          <span class="badge unk">?</span> unknown <span class="crit">⚠</span> host-critical
        </span>
      </div>
      {groupNote && <p class="warn">{groupNote}</p>}
      <div class="split">
        <div class="canvas">
          <svg
            width={width}
            height={height}
            viewBox={`0 0 ${width} ${height}`}
            role="img"
            aria-label="PCI topology"
          >
            <g transform={`translate(${pad},${offX})`}>
              {[...regions].map(([id, r]) => (
                <g class="region" data-group={id}>
                  <rect
                    x={r.y0 - 6}
                    y={r.x0 - BOX_H / 2 - 5}
                    width={r.y1 - r.y0 + BOX_W + 12}
                    height={r.x1 - r.x0 + BOX_H + 10}
                    rx={6}
                    fill={groupColour(id)}
                    fill-opacity={0.16}
                    stroke={groupColour(id)}
                    stroke-opacity={0.7}
                  />
                </g>
              ))}
              {layout.root.links().map((l) => (
                <path
                  class="link"
                  d={`M${l.source.y + BOX_W},${l.source.x}H${l.source.y + BOX_W + (COL - BOX_W) / 2}V${l.target.x}H${l.target.y}`}
                />
              ))}
              {nodes.map((n) => (
                <NodeBox
                  n={n.data}
                  x={n.y}
                  y={n.x}
                  verdict={verdicts.get(n.data.id)}
                  pending={!groups && !groupNote}
                  collapsed={collapsed.has(n.data.id) && !filtering}
                  hidden={below.get(n.data.id) ?? 0}
                  hasChildren={hasKids(full, n.data.id)}
                  selected={selected === n.data.id}
                  onToggle={() => toggle(n.data.id)}
                  onSelect={() => n.data.kind === 'device' && setSelected(n.data.id)}
                />
              ))}
            </g>
          </svg>
        </div>
        {selected && <Details bdf={selected} onClose={() => setSelected(null)} />}
      </div>
    </div>
  );
}

let kidIndex: WeakMap<Node, Set<string>> = new WeakMap();
function hasKids(full: Node, id: string): boolean {
  let s = kidIndex.get(full);
  if (!s) {
    s = new Set();
    const walk = (n: Node) => {
      if (n.children.length) s!.add(n.id);
      n.children.forEach(walk);
    };
    walk(full);
    kidIndex = new WeakMap([[full, s]]);
  }
  return s.has(id);
}

// long: one component: its state hooks and the markup they drive
function NodeBox(props: {
  n: Node;
  x: number;
  y: number;
  verdict?: Verdict;
  /** The groups' verdicts are still being read. */
  pending: boolean;
  collapsed: boolean;
  /** Functions below this node (shown on its toggle while collapsed). */
  hidden: number;
  hasChildren: boolean;
  selected: boolean;
  onToggle(): void;
  onSelect(): void;
}) {
  const { n, x, y, verdict } = props;
  const top = y - BOX_H / 2;
  if (n.kind !== 'device') {
    const label = n.kind === 'system' ? 'system' : `root complex ${n.id}`;
    return (
      <g
        class={`node ${n.kind}`}
        data-hidden={props.collapsed ? props.hidden : undefined}
        transform={`translate(${x},${top})`}
      >
        <rect width={BOX_W} height={BOX_H} rx={4} />
        <text x={8} y={14}>
          {label}
        </text>
        {props.hasChildren && (
          <Toggle collapsed={props.collapsed} hidden={props.hidden} onToggle={props.onToggle} />
        )}
      </g>
    );
  }
  const d = n.device!;
  const name = d.names?.device ?? `${d.vendor}:${d.device}`;
  const drv = d.driver ?? 'no driver';
  const g = verdict?.group;
  const badge = props.pending
    ? 'pending'
    : !g
      ? 'unk'
      : g.viable === true
        ? 'ok'
        : g.viable === false
          ? 'no'
          : 'unk';
  const mark = badge === 'ok' ? '✓' : badge === 'no' ? '✗' : badge === 'pending' ? '…' : '?';
  const label = `${short(d.address)} ${name}`;
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; role, tabIndex and keys make it one
    <g
      class={`node device${props.selected ? ' selected' : ''}`}
      data-bdf={d.address}
      data-group={g?.id ?? ''}
      data-viable={badge}
      data-hidden={props.collapsed ? props.hidden : undefined}
      transform={`translate(${x},${top})`}
      role="button"
      tabIndex={0}
      // The whole story in one attribute (no <title> element per function: thousands of nodes
      // fewer to build at 4,096 functions); the details panel has the rest.
      aria-label={`${d.address} ${d.names?.vendor ?? ''} ${name} [${d.vendor}:${d.device}] class ${d.class}, driver ${drv}${g ? `, IOMMU group ${g.id} (${g.verdict})` : ''}${verdict?.critical ? `, host-critical: ${verdict.critical}` : ''}`}
      onClick={props.onSelect}
      onKeyDown={(e) => activate(e, props.onSelect)}
    >
      <rect width={BOX_W} height={BOX_H} rx={4} />
      <circle class={`badge ${badge}`} cx={10} cy={10} r={7} />
      <text class="mark" x={10} y={14}>
        {mark}
      </text>
      <text x={22} y={14}>
        {label.length > 25 ? `${label.slice(0, 24)}…` : label}
      </text>
      <text class="driver" x={BOX_W - 6} y={14}>
        {drv.length > 11 ? `${drv.slice(0, 10)}…` : drv}
      </text>
      {verdict?.critical && (
        // Past the toggle and, on a collapsed node, past its count of hidden functions.
        <text
          class="crit"
          x={BOX_W + 24 + (props.collapsed && props.hasChildren ? String(props.hidden).length * 7 + 6 : 0)}
          y={15}
        >
          ⚠
        </text>
      )}
      {props.hasChildren && (
        <Toggle collapsed={props.collapsed} hidden={props.hidden} onToggle={props.onToggle} />
      )}
    </g>
  );
}

/** Enter or Space on a focused node acts as a click (keyboard use of the picture). */
function activate(e: KeyboardEvent, f: () => void): void {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  e.preventDefault();
  e.stopPropagation();
  f();
}

function Toggle(props: { collapsed: boolean; hidden: number; onToggle(): void }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; role, tabIndex and keys make it one
    <g
      class="toggle"
      transform={`translate(${BOX_W + 14},${BOX_H / 2})`}
      role="button"
      tabIndex={0}
      aria-label={props.collapsed ? `expand (${props.hidden} functions)` : 'collapse'}
      onClick={(e) => {
        e.stopPropagation();
        props.onToggle();
      }}
      onKeyDown={(e) => activate(e, props.onToggle)}
    >
      <circle r={7} />
      <text y={4}>{props.collapsed ? '+' : '−'}</text>
      {props.collapsed && (
        <text class="hidden-count" x={11} y={4}>
          {props.hidden}
        </text>
      )}
    </g>
  );
}
