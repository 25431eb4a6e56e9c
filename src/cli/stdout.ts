/**
 * Standard output written with write(2) on fd 1, not through `process.stdout`.
 *
 * On a pipe (`vfiokit groups | less`, a script reading `--json`) Node's process.stdout is a
 * libuv stream: creating it loads and builds the net/stream machinery, and every write goes
 * through a request object. Measured on 4,096 functions (bench/groups.bench.ts, output piped):
 * 2.9 MB of `vfiokit groups`' peak memory and about 20 ms, for output the command could write
 * itself. A write here blocks until the reader has taken the bytes, so nothing is queued: the
 * memory an output needs is the piece being written.
 *
 * - EAGAIN: someone (a parent holding the same pipe) set it non-blocking; wait and write again.
 * - EPIPE: the reader is gone (`vfiokit devices | head`); exit with the command's code so far,
 *   as a closed pipe ends any Unix filter, without a trace. Exit handlers (an unpacked archive's
 *   cleanup) still run.
 * - Anything else (a full disk under `> file`) is the one-line environment error.
 */
import { writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { EnvironmentError, errnoCode } from '../errors.js';

/** What commands write to: this writer, or a test's stream. */
export interface OutStream {
  write(chunk: string | Uint8Array): unknown;
  readonly isTTY?: boolean;
}

/** Longest wait between tries on a non-blocking descriptor whose reader is slow. */
const MAX_WAIT_MS = 50;

export class FdWriter implements OutStream {
  readonly isTTY: boolean;
  private sleeper: Int32Array | undefined;
  constructor(private readonly fd: number) {
    this.isTTY = isatty(fd);
  }
  write(chunk: string | Uint8Array): boolean {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let done = 0;
    let wait = 1;
    while (done < bytes.length) {
      try {
        done += writeSync(this.fd, bytes, done, bytes.length - done);
        wait = 1;
      } catch (e) {
        const code = errnoCode(e);
        if (code === 'EAGAIN') {
          this.sleep(wait);
          wait = Math.min(wait * 2, MAX_WAIT_MS);
        } else if (code === 'EPIPE') {
          process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
        } else {
          throw new EnvironmentError(`cannot write to standard output: ${code ?? String(e)}`, {
            code: 'host.io',
            cause: e,
          });
        }
      }
    }
    return true;
  }
  private sleep(ms: number): void {
    this.sleeper ??= new Int32Array(new SharedArrayBuffer(4));
    Atomics.wait(this.sleeper, 0, 0, ms);
  }
}

let stdoutWriter: FdWriter | undefined;
let redirected: OutStream | undefined;

/** Where commands write: the process's standard output (made on first use), or a redirection. */
export function stdout(): OutStream {
  if (redirected) return redirected;
  stdoutWriter ??= new FdWriter(1);
  return stdoutWriter;
}

/**
 * Commands write to `out` until the returned function is called: for main() run inside another
 * program (the lab's guest runs many commands in one process and keeps what each printed).
 */
export function redirectStdout(out: OutStream): () => void {
  const before = redirected;
  redirected = out;
  return () => {
    redirected = before;
  };
}
