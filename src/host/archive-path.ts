/**
 * Whether a path names a snapshot archive (.tar.gz / .tgz). Kept apart from snapshot-archive.ts
 * so that the CLI can decide without loading the tar module.
 */
export function isArchivePath(p: string): boolean {
  return /\.(tar\.gz|tgz)$/i.test(p);
}
