/**
 * Where the lab keeps its files. The kernel package, its extracted tree and the initramfs are
 * cached between runs (VFIOKIT_LAB_CACHE relocates the cache, e.g. onto a CI cache volume);
 * each boot gets its own output directory, shared read-write with the guest over 9p.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const labDir = join(repoRoot, 'lab');

export function cacheDir(): string {
  const dir = resolve(process.env.VFIOKIT_LAB_CACHE || join(labDir, 'cache'));
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A fresh output directory for one boot (VFIOKIT_LAB_OUT relocates the parent). */
export function newOutDir(label: string): string {
  const parent = resolve(process.env.VFIOKIT_LAB_OUT || join(labDir, 'out'));
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, `${label}-`));
}
