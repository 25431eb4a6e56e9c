/**
 * A snapshot as one .tar.gz for attaching to a bug report: the tree is captured into a temporary
 * directory, archived with its symlinks as symlinks (relative, as sysfs has them), then removed.
 * Any command reads it with `--root FILE.tar.gz` (or unpack it with `tar xzf FILE -C DIR` and
 * pass `--root DIR`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tar from 'tar';
import { EnvironmentError, errnoCode, showPath } from '../errors.js';
import {
  ARCHIVE_LIMITS,
  ArchiveProblem,
  InflateArena,
  inflateInto,
  isKeptType,
  type TarMember,
  TarScanner,
} from './archive-root.js';
import { DirHostRoot } from './root.js';
import { buildPack, PACK_MEMBER, recordMemberLength, setPackTail } from './snapshot-pack.js';

/**
 * mkdtemp in TMPDIR, with the pid in the name so that a later run can tell a copy left by a
 * killed process (SIGKILL runs no clean-up) from one in use.
 */
export function makeTempDir(kind: 'root' | 'snap'): string {
  const tmp = os.tmpdir();
  try {
    return fs.mkdtempSync(path.join(tmp, `vfiokit-${kind}-${process.pid}-`));
  } catch (e) {
    throw new EnvironmentError(
      `cannot create a temporary directory in ${showPath(tmp)}: ${errnoCode(e) ?? String(e)}`,
      {
        hint: 'set TMPDIR to an existing directory you can write to (e.g. TMPDIR=/tmp)',
        code: 'host.tmpdir',
        cause: e,
      },
    );
  }
}

/**
 * Remove copies that earlier runs left in TMPDIR when they were killed: ours (same user), named
 * with a pid that no longer runs. A pid reused by another process keeps its directory, which is
 * the safe way to be wrong.
 */
export function removeStaleTempDirs(tmp = os.tmpdir()): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(tmp);
  } catch {
    return [];
  }
  const removed: string[] = [];
  const uid = process.getuid?.();
  for (const n of names) {
    const m = /^vfiokit-(?:root|snap)-(\d+)-[A-Za-z0-9]{6}$/.exec(n);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || pidAlive(pid)) continue;
    const p = path.join(tmp, n);
    try {
      const st = fs.lstatSync(p);
      if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) continue;
      fs.rmSync(p, { recursive: true, force: true });
      removed.push(p);
    } catch {
      // Another run removed it first, or it is not ours to remove.
    }
  }
  return removed;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return errnoCode(e) !== 'ESRCH';
  }
}

export async function withTempDir<T>(f: (dir: string) => Promise<T> | T): Promise<T> {
  removeStaleTempDirs();
  const dir = makeTempDir('snap');
  try {
    return await f(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The uncompressed tar stream of `entries` below `cwd`, as node-tar writes it (end marker included). */
async function tarStream(cwd: string, entries: string[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = tar.create({ cwd, portable: true, follow: false }, entries);
  for await (const c of stream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/**
 * Write the snapshot tree as FILE.tar.gz: first the snapshot pack (snapshot-pack.ts: the whole
 * tree in compact form, which the fleet reads instead of the tar entries), then the tree's
 * entries as tar, with symlinks as symlinks. With the pack the file is two gzip members (the
 * pack's tar member, then the entries; snapshot-pack.ts says why), which gzip, tar and every
 * gzip reader read as one stream. `pack: false` writes the tar entries alone, as vfiokit did
 * before the pack (old archives, and the fleet's comparisons of both ways).
 */
export async function writeArchive(
  treeDir: string,
  file: string,
  opts: { pack?: boolean } = {},
): Promise<void> {
  const entries = fs.readdirSync(treeDir).sort();
  const body = await tarStream(treeDir, entries);
  let out: Buffer;
  if (opts.pack !== false) {
    const pack = buildPack(treeDir);
    const head = Buffer.alloc(512);
    new tar.Header({
      path: PACK_MEMBER,
      type: 'File',
      mode: 0o644,
      size: pack.length,
      mtime: new Date(0),
      uid: 0,
      gid: 0,
    }).encode(head, 0);
    const pad = Buffer.alloc((512 - (pack.length % 512)) % 512);
    const rest = gzipSync(body);
    // The entries' CRC-32 as gzip records it in their member's trailer.
    setPackTail(
      pack,
      head.length + pack.length + pad.length + body.length,
      rest.readUInt32LE(rest.length - 8),
    );
    out = Buffer.concat([recordMemberLength(gzipSync(Buffer.concat([head, pack, pad]))), rest]);
  } else out = gzipSync(body);
  const tmp = `${file}.partial-${process.pid}`;
  try {
    fs.writeFileSync(tmp, out);
    fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

export { ARCHIVE_LIMITS };

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function mib(n: number): string {
  return `${Math.round(n / 1024 / 1024)} MiB`;
}

/**
 * `--root FILE.tar.gz`: unpack a snapshot archive into a private temporary directory, removed by
 * `cleanup()` (and at exit or on SIGINT/SIGTERM/SIGHUP; one left by SIGKILL is removed by the
 * next run). Archives come from bug reports, so nothing may land outside that directory and
 * nothing may take unbounded time or space. The archive is read by the fleet's reader
 * (archive-root.ts: one tar parser, one set of limits and confinement rules), then written out:
 * - the gzip stream is inflated in memory and counted, and parsed only up to the archive's end
 *   marker (nothing after it is inflated); past ARCHIVE_LIMITS the unpack stops with an error
 *   naming the limit, a member's size checked from its header before its data is read;
 * - only files, directories and symlinks are written (hard links, device nodes and FIFOs are
 *   skipped and counted); absolute paths are made relative and `..` paths dropped; symlinks whose
 *   text leads outside the snapshot are skipped and counted; the snapshot pack is not written
 *   (it is the same tree in another form);
 * - links whose resolution leaves the snapshot are removed after the unpack; reads through
 *   HostRoot are confined anyway (see root.ts), this keeps the copy itself harmless.
 */
// long: one pass over the archive entries with every bound checked at the entry it applies to (size, count, path, link)
export async function unpackSnapshot(
  file: string,
  limits = ARCHIVE_LIMITS,
): Promise<{ dir: string; notes: string[]; cleanup(): void }> {
  const shown = showPath(file);
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new EnvironmentError(`snapshot archive ${shown} does not exist`, {
      hint: 'give --root a snapshot directory or a .tar.gz made by `vfiokit snapshot -o FILE.tar.gz`',
      code: 'host.root-missing',
    });
  }
  if (!st.isFile()) {
    throw new EnvironmentError(`snapshot archive ${shown} is not a file`, {
      hint: st.isDirectory()
        ? 'a snapshot directory is given without the .tar.gz name; rename it or pass the archive file'
        : 'give --root a regular .tar.gz file (a device or FIFO is not read)',
      code: 'host.root-not-file',
    });
  }
  removeStaleTempDirs();
  // The handlers are in place before the directory exists: a signal that arrives just after
  // mkdtemp would otherwise end the process with the copy left behind.
  let dir = '';
  const remove = () => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
  // Removed at exit, and on a signal too (Node exits on those without an 'exit' event): the
  // handler removes the copy, then lets the signal end the process as it would have.
  const onSignal = (sig: NodeJS.Signals) => {
    remove();
    unhook();
    process.kill(process.pid, sig);
  };
  const unhook = () => {
    process.off('exit', remove);
    for (const s of SIGNALS) process.off(s, onSignal);
  };
  process.once('exit', remove);
  for (const s of SIGNALS) process.once(s, onSignal);
  const cleanup = () => {
    unhook();
    remove();
  };
  try {
    dir = makeTempDir('root');
  } catch (e) {
    unhook();
    throw e;
  }
  const notes: string[] = [];
  try {
    const skipped = await extract(file, st.size, dir, limits);
    if (skipped.size) {
      notes.push(
        `${shown}: skipped ${[...skipped].map(([t, n]) => `${n} ${t}`).join(', ')} (a snapshot holds only files, directories and symlinks within itself)`,
      );
    }
  } catch (e) {
    cleanup();
    if (e instanceof ArchiveProblem && e.limit) {
      throw new EnvironmentError(`${shown} ${e.why}: not a vfiokit snapshot, unpacking stopped`, {
        hint: 'a snapshot is a few MB; check that this is the archive `vfiokit snapshot -o FILE.tar.gz` wrote',
        code: 'host.root-archive-limit',
      });
    }
    const code = errnoCode(e);
    const message = ((e as Error).message ?? String(e)).split('\n')[0];
    const why =
      e instanceof ArchiveProblem
        ? e.why
        : code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || code === 'Z_NEED_DICT'
          ? 'not gzip data, or damaged'
          : message;
    throw new EnvironmentError(`cannot unpack ${shown}: ${why}`, {
      hint:
        code === 'ENOSPC'
          ? `no space left in ${showPath(os.tmpdir())}; set TMPDIR to a place with room`
          : 'is it a snapshot made by `vfiokit snapshot -o FILE.tar.gz`?',
      code: 'host.root-archive',
      cause: e,
    });
  }
  const dropped = dropEscapingLinks(dir);
  if (dropped) notes.push(`${shown}: removed ${dropped} symlink(s) that lead outside the snapshot`);
  if (!fs.existsSync(path.join(dir, 'sys'))) {
    cleanup();
    throw new EnvironmentError(`${shown} is not a vfiokit snapshot (no sys/ inside)`, {
      hint: 'make one with `vfiokit snapshot -o FILE.tar.gz`',
      code: 'host.root-archive',
    });
  }
  return { dir, notes, cleanup };
}

/** What a skipped member is called in the note. */
function skippedKind(type: string): string {
  switch (type) {
    case '1':
      return 'hard link(s)';
    case '3':
    case '4':
      return 'device node(s)';
    case '6':
      return 'FIFO(s)';
    default:
      return `type ${JSON.stringify(type)} entr(ies)`;
  }
}

/**
 * Inflate and parse the archive (archive-root.ts's TarScanner, stopping at the end marker or a
 * limit), then write what it keeps below `dir`: a later member for the same path replaces an
 * earlier one, as tar extracts. Returns the skipped members by kind, in archive order.
 */
async function extract(
  file: string,
  gzBytes: number,
  dir: string,
  limits: typeof ARCHIVE_LIMITS,
): Promise<Map<string, number>> {
  // Deflate never shrinks data to less than about its own size: a file far larger than the
  // limit inflates past it, and is not read into memory to find that out.
  if (gzBytes > limits.unpackedBytes * 1.01 + 1024 * 1024)
    throw new ArchiveProblem(`unpacks to more than ${mib(limits.unpackedBytes)}`, true);
  const gz = fs.readFileSync(file);
  const skipped = new Map<string, number>();
  const skip = (kind: string) => skipped.set(kind, (skipped.get(kind) ?? 0) + 1);
  const kept = new Map<string, TarMember>();
  const scan = new TarScanner(limits, (m) => {
    if (m.type === '2') {
      // A target that leaves the snapshot by its text alone is dropped (chains that leave only
      // when resolved are removed after the unpack).
      const p = m.path ?? '';
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(p), m.link));
      if (
        m.path === undefined ||
        path.posix.isAbsolute(m.link) ||
        target === '..' ||
        target.startsWith('../')
      ) {
        skip('symlink(s) leading outside the snapshot');
        return;
      }
    } else if (!isKeptType(m.type)) {
      skip(skippedKind(m.type));
      return;
    }
    if (m.path === undefined || m.path === '') return;
    kept.delete(m.path);
    kept.set(m.path, m);
  });
  const arena = new InflateArena();
  const r = await inflateInto(gz, arena, limits.unpackedBytes, (b, n) => scan.step(b, n));
  scan.finish(r.n);
  const data = arena.buf;
  for (const m of kept.values()) writeMember(dir, m, data);
  return skipped;
}

/** mkdir -p below the unpack directory, replacing a file or link that stands where a directory goes. */
function ensureUnpackDir(dir: string, rel: string): void {
  let at = dir;
  for (const c of rel.split('/')) {
    if (!c) continue;
    at = path.join(at, c);
    const st = fs.lstatSync(at, { throwIfNoEntry: false });
    if (st?.isDirectory()) continue;
    if (st) fs.rmSync(at, { force: true });
    fs.mkdirSync(at, { mode: 0o755 });
  }
}

function writeMember(dir: string, m: TarMember, data: Buffer): void {
  const rel = m.path as string;
  const slash = rel.lastIndexOf('/');
  ensureUnpackDir(dir, slash < 0 ? '' : rel.slice(0, slash));
  const out = path.join(dir, rel);
  if (m.type === '5') {
    ensureUnpackDir(dir, rel);
    return;
  }
  const st = fs.lstatSync(out, { throwIfNoEntry: false });
  if (st) fs.rmSync(out, { recursive: true, force: true });
  if (m.type === '2') fs.symlinkSync(m.link, out);
  else fs.writeFileSync(out, data.subarray(m.start, m.end), { mode: 0o644 });
}

/** Remove symlinks whose resolution leaves `dir`; returns how many. */
function dropEscapingLinks(dir: string): number {
  const root = new DirHostRoot(dir);
  let n = 0;
  const walk = (rel: string) => {
    let ents: fs.Dirent[];
    try {
      ents = fs.readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of ents) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isSymbolicLink() && root.leadsOutside(`/${r}`)) {
        fs.rmSync(path.join(dir, r), { force: true });
        n++;
      }
    }
  };
  walk('');
  return n;
}
