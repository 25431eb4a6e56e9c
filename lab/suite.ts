/**
 * One boot of one topology runs the whole guest suite (lab/guest/suite.mjs): kernel truth (groups,
 * drivers, VFIO viability per binding scenario) and the vfiokit commands the caller lists, with the
 * project's own build (bin/vfiokit) run by the host's node over the 9p root. Results come back as
 * JSON (and files) through the shared output directory.
 */
import { cpSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvironmentError } from '../src/errors.js';
import { type BootResult, boot } from './boot.js';
import { newOutDir, repoRoot } from './paths.js';
import { devfnPaths, type LabTopology } from './topology.js';

/** A vfiokit invocation run in the guest. Placeholders: {out}, {scenario}, {bdf:<device id>}. */
export interface LabCommand {
  name: string;
  args: string[];
  /** Parse stdout as JSON into the result's `json` field. */
  json?: boolean;
}

export interface LabCommands {
  /** Run once before any binding (the host as it boots). */
  baseline?: LabCommand[];
  /** Run after every scenario step. */
  scenario?: LabCommand[];
}

export interface CommandResult {
  name: string;
  argv: string[];
  status: number;
  signal?: string;
  ms: number;
  json?: unknown;
  stdout?: string;
  stderr: string;
  /** Set when the command was run again after a jump of the guest's clock fired its timeout. */
  clockJump?: string;
}

export interface GuestDevice {
  bdf: string;
  id: string | null;
  vendor: string;
  device: string;
  class: string;
  driver: string | null;
  group: string | null;
}

export interface VfioGroupStatus {
  group: string;
  /** /dev/vfio/N exists only while some device of the group is bound to vfio-pci. */
  node: boolean;
  flags?: number;
  viable?: boolean;
  /** "ok", or the errno name VFIO_GROUP_SET_CONTAINER / VFIO_SET_IOMMU failed with (EPERM). */
  setContainer?: string;
  error?: string;
}

export interface ScenarioGroup {
  group: string;
  devices: { bdf: string; id: string | null; driver: string | null }[];
  vfio: VfioGroupStatus | null;
}

export interface LabResults {
  schema: 'vfiokit.lab-results/1';
  topology: string;
  kernel: { release: string; cmdline: string };
  bootSeconds: number;
  suiteSeconds: number;
  devices: GuestDevice[];
  bdfOf: Record<string, string>;
  groups: { group: string; devices: string[] }[];
  baseline: CommandResult[];
  roms: { device: string; sysfsFile?: string; sysfsBytes?: number; error?: string }[];
  scenarios: {
    name: string;
    bind: string[];
    groups: ScenarioGroup[];
    vfiokit: CommandResult[];
    ms: number;
  }[];
  errors: string[];
}

export interface SuiteRun {
  outDir: string;
  boot: BootResult;
  /** Absent when the guest never wrote results.json (boot failure, timeout). */
  results?: LabResults;
}

/**
 * Copies the build (bin/ + dist/, a self-contained bundle) into the output directory, so that a
 * rebuild on the host during the boot (another `npm test` in the same tree swaps dist/) cannot
 * leave the guest, which caches the 9p root loosely, reading half of one bundle and half of another.
 */
function stageBuild(outDir: string): string {
  const dist = join(repoRoot, 'dist');
  const stamp = () => statSync(join(dist, 'vfiokit.cjs'), { throwIfNoEntry: false })?.mtimeMs;
  if (stamp() === undefined) {
    throw new EnvironmentError('lab: the bundle dist/vfiokit.cjs is missing', {
      hint: 'run `npm run build` first',
    });
  }
  const build = join(outDir, 'build');
  for (let attempt = 0; ; attempt++) {
    const before = stamp();
    rmSync(build, { recursive: true, force: true });
    cpSync(join(repoRoot, 'bin'), join(build, 'bin'), { recursive: true });
    cpSync(dist, join(build, 'dist'), { recursive: true });
    if (stamp() === before || attempt === 5) break;
  }
  return join(build, 'bin/vfiokit');
}

export async function runSuite(
  topology: LabTopology,
  opts: { commands?: LabCommands; timeoutMs?: number; onConsole?: (s: string) => void } = {},
): Promise<SuiteRun> {
  const outDir = newOutDir(topology.name);
  const spec = {
    topology: topology.name,
    vfiokit: stageBuild(outDir),
    devfnPaths: devfnPaths(topology),
    scenarios: topology.scenarios.map((s) => ({ name: s.name, bind: s.bind })),
    roms: topology.roms ?? [],
    commands: opts.commands ?? {},
  };
  const specPath = join(outDir, 'spec.json');
  writeFileSync(specPath, `${JSON.stringify(spec, null, 2)}\n`);
  const r = await boot({
    topology,
    // The host's node by its full path: the guest's PATH is fixed, and CI may keep node elsewhere.
    command: `exec ${process.execPath} ${join(repoRoot, 'lab/guest/suite.mjs')} ${specPath}`,
    outDir,
    timeoutMs: opts.timeoutMs ?? 300_000,
    onConsole: opts.onConsole,
  });
  const file = join(outDir, 'results.json');
  const results = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LabResults) : undefined;
  return { outDir, boot: r, results };
}
