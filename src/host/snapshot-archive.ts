/**
 * A snapshot as one .tar.gz for attaching to a bug report: the tree is captured into a temporary
 * directory, archived with its symlinks as symlinks (relative, as sysfs has them), then removed.
 * Unpack with `tar xzf FILE -C DIR` and pass `--root DIR`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tar from 'tar';

export function isArchivePath(p: string): boolean {
  return /\.(tar\.gz|tgz)$/i.test(p);
}

export async function withTempDir<T>(f: (dir: string) => Promise<T> | T): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-snap-'));
  try {
    return await f(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function writeArchive(treeDir: string, file: string): Promise<void> {
  const entries = fs.readdirSync(treeDir).sort();
  const tmp = `${file}.partial-${process.pid}`;
  try {
    await tar.create({ gzip: true, file: tmp, cwd: treeDir, portable: true, follow: false }, entries);
    fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
