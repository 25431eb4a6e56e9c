/**
 * The dashboard answers with the very documents the CLI prints under --json: each API call runs
 * the command's own runner over a context whose output is captured instead of written, then
 * parses what it printed. Nothing is computed twice, and a schema change reaches both at once.
 */
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { type CliContext, makeContext } from '../cli/context.js';
import { UsageError } from '../errors.js';
import { type HostState, openHostState } from '../host/host-state.js';
import { type HostRoot, openRoot } from '../host/root.js';

/** Where a dashboard root comes from: the live host, a snapshot directory, or an unpacked archive. */
export interface RootSource {
  /** What --root would have been (undefined: the live host). */
  root?: string;
  /** An archive already unpacked (--root FILE.tar.gz, --demo). */
  unpacked?: { dir: string; notes: readonly string[] };
}

/**
 * One reading of a root shared by several runners: the root (with its remembered lstat/readlink
 * answers) and its HostState (the PCI scan, the kernel's groups), so the topology's devices and
 * groups documents come from one scan. Opened as the CLI's context opens them (same name).
 */
export interface SharedRead {
  root: HostRoot;
  host: HostState;
}

export function openShared(source: RootSource): SharedRead {
  const root = source.unpacked
    ? openRoot(source.unpacked.dir, { name: path.resolve(source.root ?? '') })
    : openRoot(source.root);
  return { root, host: openHostState(root) };
}

class Sink extends Writable {
  readonly chunks: string[] = [];
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    this.chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    done();
  }
  text(): string {
    return this.chunks.join('');
  }
}

export interface Captured<T> {
  /** The runner's exit code (1: it ran and found a problem, e.g. a failed doctor check). */
  exitCode: number;
  doc: T;
  /** The document as the runner printed it (sent as is: no second serialisation of megabytes). */
  text: string;
  /** What the runner said on stderr (notes about the root). */
  notes: string[];
}

/**
 * Run one CLI runner with --json over `source`, capturing its document. The runner writes one
 * JSON document; anything else on stdout is a bug in the runner and is reported as such.
 */
export async function runJson<T>(
  source: RootSource,
  run: (ctx: CliContext) => Promise<number> | number,
  shared?: SharedRead,
): Promise<Captured<T>> {
  const stdout = new Sink();
  const stderr = new Sink();
  const own = makeContext(
    { json: true, root: source.root, color: false },
    { stdout, stderr },
    source.unpacked,
  );
  const ctx: CliContext = shared
    ? Object.create(own, {
        root: { value: () => shared.root },
        host: { value: () => shared.host },
        flushNotes: {
          value: () => {
            own.flushNotes();
            for (const n of shared.root.notes ?? []) stderr.write(`vfiokit: note: ${n}\n`);
          },
        },
      })
    : own;
  let exitCode: number;
  try {
    exitCode = await run(ctx);
  } finally {
    ctx.flushNotes();
  }
  const text = stdout.text().trim();
  if (!text) throw new UsageError('the command printed no document');
  return {
    exitCode,
    doc: JSON.parse(text) as T,
    text,
    notes: stderr
      .text()
      .split('\n')
      .filter((l) => l.trim() !== ''),
  };
}
