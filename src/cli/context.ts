/**
 * What every command gets: the global options (--json, --root, --debug, --no-color) and the
 * output functions. Commands return an exit code; they never call process.exit themselves.
 */

import * as path from 'node:path';
import type { Command } from 'commander';
import pc from 'picocolors';
import type { Colors } from 'picocolors/types.js';
import { isArchivePath } from '../host/archive-path.js';
import { type HostState, openHostState } from '../host/host-state.js';
import { type HostRoot, openRoot } from '../host/root.js';
import { writeJson } from './json-out.js';
import { type OutStream, stdout } from './stdout.js';

export interface CliContext {
  readonly json: boolean;
  readonly debug: boolean;
  /** The --root directory as given, or undefined for the live host. */
  readonly rootDir?: string;
  /** Colours for human output; all identity functions under --no-color, --json or a non-TTY. */
  readonly c: Colors;
  /** The host root (opened on first use so that commands that need none never touch it). */
  root(): HostRoot;
  /** The run's one HostState over that root: every part read once, shared by every analysis. */
  host(): HostState;
  /** Write text plus a newline to stdout. */
  out(text?: string): void;
  /** Write a line to stderr (warnings, progress). */
  err(text: string): void;
  /** Notes from reading the root (files cut at a size limit, links not followed), once each. */
  flushNotes(): void;
  /** Print a value as JSON (two-space indent) on stdout. */
  printJson(value: unknown): void;
}

export interface GlobalOptions {
  json?: boolean;
  debug?: boolean;
  root?: string;
  color?: boolean;
}

export function makeContext(
  opts: GlobalOptions,
  io: { stdout: OutStream; stderr: NodeJS.WritableStream } = { stdout: stdout(), stderr: process.stderr },
  /** Where --root FILE.tar.gz was unpacked, and what the unpack had to say. */
  unpacked?: { dir: string; notes: readonly string[] },
): CliContext {
  const tty = Boolean(io.stdout.isTTY);
  const colour = opts.color !== false && !opts.json && tty && !process.env.NO_COLOR;
  const c = pc.createColors(colour);
  let root: HostRoot | undefined;
  let host: HostState | undefined;
  const printed = new Set<string>();
  return {
    json: Boolean(opts.json),
    debug: Boolean(opts.debug),
    rootDir: opts.root,
    c,
    root() {
      root ??= unpacked
        ? openRoot(unpacked.dir, { name: path.resolve(opts.root ?? '') })
        : openRoot(opts.root);
      return root;
    },
    host() {
      host ??= openHostState(this.root());
      return host;
    },
    flushNotes() {
      for (const n of [...(unpacked?.notes ?? []), ...(root?.notes ?? [])]) {
        if (printed.has(n)) continue;
        printed.add(n);
        io.stderr.write(`vfiokit: note: ${n}\n`);
      }
    },
    out(text = '') {
      io.stdout.write(`${text}\n`);
    },
    err(text: string) {
      io.stderr.write(`${text}\n`);
    },
    printJson(value: unknown) {
      writeJson(io.stdout, value);
    },
  };
}

/** About how many characters of output inPieces() gathers before it writes them. */
const PIECE_CHARS = 64 * 1024;

/**
 * A context whose out() gathers lines and writes them in pieces of about 64 KiB, for commands
 * that print one line per device. Line by line, 4,096 devices were 4,096 writes; gathered whole,
 * the text was held twice at the end of the command (the lines, then their join: 4 MB of
 * `groups`' peak memory on 4,096 functions). flush() writes what is left; call it in a finally.
 */
export function inPieces(ctx: CliContext): { ctx: CliContext; flush(): void } {
  let lines: string[] = [];
  let size = 0;
  const flush = () => {
    if (!lines.length) return;
    const text = lines.join('\n');
    lines = [];
    size = 0;
    ctx.out(text);
  };
  const out = (text = '') => {
    lines.push(text);
    size += text.length + 1;
    if (size >= PIECE_CHARS) flush();
  };
  return { ctx: Object.create(ctx, { out: { value: out } }) as CliContext, flush };
}

export type Handler<A extends unknown[]> = (ctx: CliContext, ...args: A) => Promise<number> | number;

/**
 * Wrap a command handler for commander: builds the context from the merged global options and
 * records the exit code. Heavy modules are imported inside handlers so start-up stays small.
 */
export function action<A extends unknown[]>(handler: Handler<A>) {
  return async (...raw: unknown[]) => {
    const command = raw[raw.length - 1] as Command;
    const args = raw.slice(0, -1) as A;
    const opts = command.optsWithGlobals() as GlobalOptions;
    // A snapshot archive (a bug report's attachment) is read where it was unpacked; the tar
    // module loads only then.
    const archive =
      opts.root && isArchivePath(opts.root)
        ? await (await import('../host/snapshot-archive.js')).unpackSnapshot(opts.root)
        : undefined;
    const ctx = makeContext(opts, undefined, archive);
    try {
      process.exitCode = await handler(ctx, ...args);
    } finally {
      ctx.flushNotes();
      archive?.cleanup();
    }
  };
}
