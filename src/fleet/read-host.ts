/**
 * Read one snapshot into a fleet host summary: an archive in memory (host/archive-root.ts), a
 * directory through the ordinary root. Never throws: a snapshot that cannot be opened is an
 * unreadable host with the reason.
 */
import { VfiokitError } from '../errors.js';
import { isArchivePath } from '../host/archive-path.js';
import { ArchiveHostRoot, type InflateArena } from '../host/archive-root.js';
import { type HostRoot, openRoot } from '../host/root.js';
import { type FleetHost, summarizeHost } from './host-summary.js';
import type { SnapshotInput } from './inputs.js';

export function openSnapshot(p: string): HostRoot {
  return isArchivePath(p) ? ArchiveHostRoot.open(p) : openRoot(p);
}

function unopened(input: SnapshotInput, e: unknown): FleetHost {
  const msg = e instanceof VfiokitError ? e.message : String((e as Error).message ?? e);
  return { name: input.name, source: input.path, status: 'unreadable', error: msg, devices: [] };
}

export function readHost(input: SnapshotInput, models: readonly string[] = []): FleetHost {
  let root: HostRoot;
  try {
    root = openSnapshot(input.path);
  } catch (e) {
    return unopened(input, e);
  }
  return summarizeHost(root, input.name, input.path, models);
}

/**
 * readHost for a run over many snapshots: an archive is inflated into `arena`, reused from one
 * snapshot to the next (see InflateArena), and summarised before the next one is read.
 */
export async function readHostInto(
  input: SnapshotInput,
  arena: InflateArena,
  models: readonly string[] = [],
): Promise<FleetHost> {
  let root: HostRoot;
  try {
    root = isArchivePath(input.path) ? await ArchiveHostRoot.read(input.path, arena) : openRoot(input.path);
  } catch (e) {
    return unopened(input, e);
  }
  return summarizeHost(root, input.name, input.path, models);
}
