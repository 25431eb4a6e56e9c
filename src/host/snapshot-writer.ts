/**
 * Writes a snapshot tree: every host path is stored at the same path below the output directory,
 * symlinks keep their (relative) targets, and every read that fails is recorded for the manifest
 * instead of aborting the capture. Reads go through a HostRoot; nothing is ever written to it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { errnoCode, VfiokitError } from '../errors.js';
import type { HostRoot } from './root.js';

export interface Unreadable {
  path: string;
  why: string;
}

/**
 * mkdir -p without Node's `recursive` flag: on a filesystem that answers mkdir with ENOENT even
 * though the parent exists (procfs, sysfs), Node 20's recursive mkdir loops forever; creating
 * one level at a time turns that into an ordinary error.
 */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  let d = path.resolve(dir);
  while (!fs.existsSync(d)) {
    missing.push(d);
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const m of missing.reverse()) {
    try {
      fs.mkdirSync(m);
    } catch (e) {
      if (errnoCode(e) !== 'EEXIST') throw e;
    }
  }
}

/** Largest file copied (kernel text files are small; modules.dep is the biggest, ~1 MB). */
const MAX_FILE = 8 * 1024 * 1024;

export class SnapshotWriter {
  readonly unreadable: Unreadable[] = [];
  files = 0;
  links = 0;

  constructor(
    readonly src: HostRoot,
    readonly outDir: string,
  ) {}

  private out(hostPath: string): string {
    return path.join(this.outDir, hostPath.replace(/^\/+/, ''));
  }

  dir(hostPath: string): void {
    ensureDir(this.out(hostPath));
  }

  write(hostPath: string, data: string | Uint8Array): void {
    const p = this.out(hostPath);
    ensureDir(path.dirname(p));
    fs.writeFileSync(p, data);
    this.files++;
  }

  /** Record a failed read: permission problems and I/O errors, never absent files. */
  failed(hostPath: string, e: unknown): void {
    const why =
      e instanceof VfiokitError
        ? e.code === 'host.permission'
          ? 'permission denied (run as root)'
          : e.message
        : e instanceof Error
          ? e.message
          : String(e);
    this.unreadable.push({ path: hostPath, why });
  }

  /** Read text (undefined if absent or unreadable; failures recorded). */
  readText(hostPath: string): string | undefined {
    try {
      return this.src.readText(hostPath);
    } catch (e) {
      this.failed(hostPath, e);
      return undefined;
    }
  }

  readBytes(hostPath: string, max = MAX_FILE): Uint8Array | undefined {
    try {
      return this.src.readBytes(hostPath, max);
    } catch (e) {
      this.failed(hostPath, e);
      return undefined;
    }
  }

  list(hostPath: string): string[] {
    try {
      return this.src.list(hostPath);
    } catch (e) {
      this.failed(hostPath, e);
      return [];
    }
  }

  /** Copy a text file through a transform (redaction); false when absent or unreadable. */
  copyText(hostPath: string, transform: (s: string) => string = (s) => s): boolean {
    const t = this.readText(hostPath);
    if (t === undefined) return false;
    this.write(hostPath, transform(t));
    return true;
  }

  copyBytes(hostPath: string, max?: number): boolean {
    const b = this.readBytes(hostPath, max);
    if (b === undefined) return false;
    this.write(hostPath, b);
    return true;
  }

  /** Recreate a symlink with the same target text; false if hostPath is not a link. */
  copyLink(hostPath: string): boolean {
    let target: string | undefined;
    try {
      target = this.src.readLink(hostPath);
    } catch (e) {
      this.failed(hostPath, e);
      return false;
    }
    if (target === undefined) return false;
    const p = this.out(hostPath);
    ensureDir(path.dirname(p));
    try {
      fs.symlinkSync(target, p);
      this.links++;
    } catch (e) {
      if (errnoCode(e) !== 'EEXIST') throw e;
    }
    return true;
  }

  /**
   * Copy a directory: links as links, regular files through `transform`, subdirectories down to
   * `depth` levels. Used only for trees whose files are all safe to read (no side effects).
   */
  copyTree(
    hostPath: string,
    depth: number,
    transform: (s: string) => string = (s) => s,
    keep: (name: string) => boolean = () => true,
  ): void {
    this.dir(hostPath);
    for (const e of this.list(hostPath)) {
      if (!keep(e)) continue;
      const p = `${hostPath}/${e}`;
      if (this.copyLink(p)) continue;
      if (this.src.isDir(p)) {
        if (depth > 0) this.copyTree(p, depth - 1, transform, keep);
        continue;
      }
      this.copyText(p, transform);
    }
  }
}
