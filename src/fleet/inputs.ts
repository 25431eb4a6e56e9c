/**
 * The snapshots a fleet command reads: each argument is a snapshot (a .tar.gz or a directory with
 * sys/ inside), a directory of snapshots, or NAME=PATH to name the host. A host is named after
 * its file or directory ("gpu-node-7.tar.gz" → gpu-node-7); when two share a name, by their path.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../errors.js';
import { isArchivePath } from '../host/archive-path.js';

export interface SnapshotInput {
  name: string;
  path: string;
}

/** A host name as Kubernetes and Proxmox accept node names: letters, digits, '-', '.', '_'. */
const NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;

const baseName = (p: string) => path.basename(p.replace(/\/+$/, '')).replace(/\.(tar\.gz|tgz)$/i, '');

const isSnapshotDir = (p: string) => fs.existsSync(path.join(p, 'sys'));

export function expandInputs(args: readonly string[]): SnapshotInput[] {
  if (!args.length)
    throw new UsageError('no snapshots given', {
      hint: 'vfiokit fleet SNAPSHOT.tar.gz... (made by `vfiokit snapshot -o FILE.tar.gz` on each host)',
    });
  const out: { name?: string; path: string }[] = [];
  for (const a of args) {
    const eq = a.indexOf('=');
    const named = eq > 0 && NAME.test(a.slice(0, eq)) && !fs.existsSync(a);
    const p = named ? a.slice(eq + 1) : a;
    const name = named ? a.slice(0, eq) : undefined;
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(p);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory() && !isSnapshotDir(p)) {
      // A directory of snapshots: its archives and snapshot directories, in name order.
      const found = fs
        .readdirSync(p)
        .sort()
        .map((e) => path.join(p, e))
        .filter(
          (e) =>
            (isArchivePath(e) && fs.statSync(e).isFile()) ||
            (fs.statSync(e).isDirectory() && isSnapshotDir(e)),
        );
      if (!found.length)
        throw new UsageError(`${p} holds no snapshots (no .tar.gz files, no directories with sys/ inside)`, {
          hint: 'make one per host with `vfiokit snapshot -o HOST.tar.gz`',
        });
      for (const f of found) out.push({ path: f });
    } else {
      // Missing or unreadable paths stay in the list: the report shows them as unreadable hosts.
      out.push({ name, path: p });
    }
  }
  const counts = new Map<string, number>();
  for (const o of out)
    counts.set(o.name ?? baseName(o.path), (counts.get(o.name ?? baseName(o.path)) ?? 0) + 1);
  return out.map((o) => {
    const n = o.name ?? baseName(o.path);
    return {
      name: o.name ?? ((counts.get(n) ?? 0) > 1 ? o.path.replace(/\.(tar\.gz|tgz)$/i, '') : n),
      path: o.path,
    };
  });
}
