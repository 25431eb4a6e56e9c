// The lab suite, run INSIDE the guest by the host's node over the 9p root (lab/suite.ts starts it).
// Plain JavaScript on purpose: under TCG every compile step costs seconds, and this file must not
// depend on vfiokit's code, because what it records is the kernel's truth that vfiokit is judged by.
//   node lab/guest/suite.mjs SPEC.json      (SPEC written by lab/suite.ts into the shared out dir)
// Writes $LAB_OUT/results.json. Exit status 0 when every step ran (a vfiokit command failing is a
// recorded result, not a suite failure); 1 when the lab itself could not do what the spec asks.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const out = process.env.LAB_OUT;
const SYS = '/sys/bus/pci/devices';
const t0 = performance.now();
const errors = [];

const read = (p) => readFileSync(p, 'utf8').trim();
const uptime = () => Number(read('/proc/uptime').split(' ')[0]);
function linkName(p) {
  try {
    return basename(readlinkSync(p));
  } catch {
    return null;
  }
}

// dev.fn of every hop from the root bus: how lab/topology.ts names a device's position.
function devfnPath(bdf) {
  const parts = realpathSync(join(SYS, bdf)).split('/');
  const i = parts.findIndex((p) => p.startsWith('pci0000:'));
  return parts
    .slice(i + 1)
    .map((p) => p.slice(p.indexOf(':', 5) + 1))
    .join('/');
}

const idByPath = new Map(Object.entries(spec.devfnPaths).map(([id, p]) => [p, id]));
function scanDevices() {
  return readdirSync(SYS)
    .sort()
    .map((bdf) => ({
      bdf,
      id: idByPath.get(devfnPath(bdf)) ?? null,
      vendor: read(join(SYS, bdf, 'vendor')),
      device: read(join(SYS, bdf, 'device')),
      class: read(join(SYS, bdf, 'class')),
      driver: linkName(join(SYS, bdf, 'driver')),
      group: linkName(join(SYS, bdf, 'iommu_group')),
    }));
}

const devices = scanDevices();
const bdfOf = {};
for (const d of devices) if (d.id) bdfOf[d.id] = d.bdf;
for (const id of Object.keys(spec.devfnPaths)) {
  if (!bdfOf[id]) errors.push(`device ${id} (dev.fn path ${spec.devfnPaths[id]}) not found in the guest`);
}

function kernelGroups() {
  const base = '/sys/kernel/iommu_groups';
  return readdirSync(base)
    .sort((a, b) => Number(a) - Number(b))
    .map((g) => ({ group: g, devices: readdirSync(join(base, g, 'devices')).sort() }));
}

function vfioStatus(groups) {
  const r = spawnSync('python3', [join(here, 'vfio_status.py'), ...groups], { encoding: 'utf8' });
  if (r.status !== 0) {
    errors.push(`vfio_status.py failed: ${r.stderr}`);
    return [];
  }
  return JSON.parse(r.stdout);
}

function expand(arg, scenario) {
  return arg
    .replaceAll('{out}', out)
    .replaceAll('{scenario}', scenario ?? 'baseline')
    .replace(/\{bdf:([\w-]+)\}/g, (_, id) => bdfOf[id] ?? `unknown-device-${id}`);
}

const COMMAND_TIMEOUT_MS = 120_000;

/**
 * One vfiokit command, run again once when the timeout killed it after an impossible time: under
 * TCG the guest's monotonic clock has jumped by days in the middle of a run (seen in two labs at
 * once, 462,000 s), which fires the timeout of whatever command was running. A command killed
 * after more than ten timeouts did not run that long; it met the jump.
 */
function spawnVfiokit(argv) {
  const opts = {
    encoding: 'utf8',
    timeout: COMMAND_TIMEOUT_MS,
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  };
  const t = performance.now();
  const r = spawnSync(process.execPath, [spec.vfiokit, ...argv], opts);
  const ms = performance.now() - t;
  if (r.signal !== 'SIGTERM' || ms < 10 * COMMAND_TIMEOUT_MS) return { r, t };
  const again = performance.now();
  return {
    r: spawnSync(process.execPath, [spec.vfiokit, ...argv], opts),
    t: again,
    clockJump: `killed by the timeout after ${Math.round(ms / 1000)} s of guest time (a clock jump); run again`,
  };
}

function runVfiokit(cmds, scenario) {
  return cmds.map((c) => {
    const argv = c.args.map((a) => expand(a, scenario));
    const { r, t, clockJump } = spawnVfiokit(argv);
    let json;
    if (c.json) {
      try {
        json = JSON.parse(r.stdout);
      } catch {
        json = undefined;
      }
    }
    return {
      name: c.name,
      argv,
      status: r.status ?? -1,
      signal: r.signal ?? undefined,
      ms: Math.round(performance.now() - t),
      json,
      stdout: json === undefined ? r.stdout : undefined,
      stderr: r.stderr,
      ...(clockJump ? { clockJump } : {}),
    };
  });
}

// The binding sequence libvirt and driverctl use: unbind, driver_override, drivers_probe.
function bindVfio(id) {
  const bdf = bdfOf[id];
  const dev = join(SYS, bdf);
  if (existsSync(join(dev, 'driver'))) writeFileSync(join(dev, 'driver/unbind'), bdf);
  writeFileSync(join(dev, 'driver_override'), 'vfio-pci');
  writeFileSync('/sys/bus/pci/drivers_probe', bdf);
  const drv = linkName(join(dev, 'driver'));
  if (drv !== 'vfio-pci') errors.push(`bind ${id} (${bdf}): driver is ${drv}, not vfio-pci`);
}

function groupTruth() {
  const now = scanDevices();
  const byBdf = new Map(now.map((d) => [d.bdf, d]));
  const groups = kernelGroups();
  const st = new Map(vfioStatus(groups.map((g) => g.group)).map((s) => [s.group, s]));
  // A group the kernel offers (/dev/vfio/N exists) whose status could not be read is a lab
  // failure, not a group to leave out of the truth.
  for (const g of groups) {
    const s = st.get(g.group);
    if (!s) errors.push(`group ${g.group}: vfio_status.py reported nothing`);
    else if (s.node && (s.error || s.flags === undefined))
      errors.push(`group ${g.group}: VFIO status not read: ${s.error ?? 'no flags'}`);
  }
  return groups.map((g) => ({
    group: g.group,
    devices: g.devices.map((bdf) => ({
      bdf,
      id: byBdf.get(bdf)?.id ?? null,
      driver: byBdf.get(bdf)?.driver ?? null,
    })),
    vfio: st.get(g.group) ?? null,
  }));
}

const results = {
  schema: 'vfiokit.lab-results/1',
  topology: spec.topology,
  kernel: {
    release: execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim(),
    cmdline: read('/proc/cmdline'),
  },
  bootSeconds: uptime(),
  devices,
  bdfOf,
  groups: kernelGroups(),
  baseline: [],
  roms: [],
  scenarios: [],
  errors,
};

if (!errors.length) {
  // lspci decodes the ACS capability independently of vfiokit: evidence for why groups look as they do.
  const lspci = spawnSync('lspci', ['-vvvnn'], { encoding: 'utf8' });
  writeFileSync(join(out, 'lspci-vvvnn.txt'), lspci.stdout ?? '');
  results.baseline = runVfiokit(spec.commands.baseline ?? []);

  for (const rom of spec.roms ?? []) {
    // The ROM as the kernel's sysfs `rom` attribute gives it (echo 1 > rom; cat rom; echo 0 > rom).
    const attr = join(SYS, bdfOf[rom.device], 'rom');
    const file = join(out, `rom-${rom.device}.sysfs.bin`);
    try {
      writeFileSync(attr, '1');
      writeFileSync(file, readFileSync(attr));
      writeFileSync(attr, '0');
      results.roms.push({ device: rom.device, sysfsFile: file, sysfsBytes: readFileSync(file).length });
    } catch (e) {
      results.roms.push({ device: rom.device, error: String(e) });
    }
  }

  execFileSync('modprobe', ['vfio-pci']);
  for (const s of spec.scenarios) {
    const t = performance.now();
    for (const id of s.bind) bindVfio(id);
    results.scenarios.push({
      name: s.name,
      bind: s.bind,
      groups: groupTruth(),
      vfiokit: runVfiokit(spec.commands.scenario ?? [], s.name),
      ms: Math.round(performance.now() - t),
    });
  }
}
results.suiteSeconds = Number(((performance.now() - t0) / 1000).toFixed(2));
results.errors = errors;
writeFileSync(join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
for (const e of errors) console.log(`lab suite: ${e}`);
process.exit(errors.length ? 1 : 0);
