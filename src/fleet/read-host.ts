/**
 * Read one snapshot into a fleet host summary: an archive in memory (host/archive-root.ts), a
 * directory through the ordinary root. Either must be a finished snapshot (its manifest read, as
 * `--root` requires). Never throws: a snapshot that cannot be opened is an unreadable host with
 * the reason.
 */
import { VfiokitError } from '../errors.js';
import { isArchivePath } from '../host/archive-path.js';
import { ArchiveHostRoot, type InflateArena } from '../host/archive-root.js';
import { type HostRoot, openRoot, readManifest } from '../host/root.js';
import { type FleetHost, summarizeHost } from './host-summary.js';
import type { SnapshotInput } from './inputs.js';

/** How an archive was read, when not from its pack (for --verbose). */
function readNote(root: ArchiveHostRoot): string | undefined {
  if (root.source === 'pack') return undefined;
  return root.packNote
    ? `read from the tar entries, not the snapshot pack: ${root.packNote}`
    : 'read from the tar entries: the archive has no snapshot pack (written by an older vfiokit)';
}

/** An archive's manifest is checked as openRoot checks a directory's. */
function withManifest(root: ArchiveHostRoot, p: string): ArchiveHostRoot {
  root.snapshot = readManifest(root, p);
  return root;
}

export function openSnapshot(p: string): HostRoot {
  return isArchivePath(p) ? withManifest(ArchiveHostRoot.open(p), p) : openRoot(p);
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

/** Options of a fleet read: `pack: false` reads archives' tar entries even when they have a pack. */
export interface ReadOptions {
  pack?: boolean;
  /** Inflate the tar entries after a pack too, refusing an archive whose entries are damaged. */
  verify?: boolean;
  /** How a snapshot was read, when that is worth saying (an archive read without its pack). */
  onNote?: (note: string) => void;
}

/**
 * readHost for a run over many snapshots: an archive is inflated into `arena`, reused from one
 * snapshot to the next (see InflateArena), and summarised before the next one is read.
 */
export async function readHostInto(
  input: SnapshotInput,
  arena: InflateArena,
  models: readonly string[] = [],
  opts: ReadOptions = {},
): Promise<FleetHost> {
  let root: HostRoot;
  try {
    if (isArchivePath(input.path)) {
      const a = await ArchiveHostRoot.read(input.path, arena, input.path, {
        pack: opts.pack,
        verify: opts.verify,
      });
      const note = readNote(a);
      if (note && opts.pack !== false) opts.onNote?.(note);
      root = withManifest(a, input.path);
    } else root = openRoot(input.path);
  } catch (e) {
    return unopened(input, e);
  }
  return summarizeHost(root, input.name, input.path, models);
}
