/**
 * Errors a user can hit are values: a message, a hint, an optional cause and the exit code the
 * CLI returns for them. The CLI prints them as one line; the stack only with --debug.
 */

/** Exit codes shared by every command (DESIGN.md). */
export const ExitCode = {
  ok: 0,
  /** The check or operation ran and found a problem. */
  problem: 1,
  /** The command line was wrong. */
  usage: 2,
  /** The environment is not as needed: not root, no IOMMU, a file missing. */
  environment: 3,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface VfiokitErrorOptions {
  hint?: string;
  cause?: unknown;
  exitCode?: ExitCodeValue;
  /** A short machine-readable kind, stable in --json output (e.g. "rom.truncated"). */
  code?: string;
}

export class VfiokitError extends Error {
  readonly hint?: string;
  readonly exitCode: ExitCodeValue;
  readonly code: string;

  constructor(message: string, options: VfiokitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'VfiokitError';
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? ExitCode.problem;
    this.code = options.code ?? 'error';
  }
}

export class UsageError extends VfiokitError {
  constructor(message: string, options: Omit<VfiokitErrorOptions, 'exitCode'> = {}) {
    super(message, { ...options, exitCode: ExitCode.usage, code: options.code ?? 'usage' });
    this.name = 'UsageError';
  }
}

export class EnvironmentError extends VfiokitError {
  constructor(message: string, options: Omit<VfiokitErrorOptions, 'exitCode'> = {}) {
    super(message, { ...options, exitCode: ExitCode.environment, code: options.code ?? 'environment' });
    this.name = 'EnvironmentError';
  }
}

/** Node's system errors carry a code such as ENOENT; this reads it without casts at call sites. */
export function errnoCode(e: unknown): string | undefined {
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
    return (e as { code: string }).code;
  }
  return undefined;
}

/** Longest error line printed: a message quoting a huge input must still fit on a screen. */
const MAX_LINE = 2000;

/**
 * The one-line form printed by the CLI. Messages quote paths and input through showPath and
 * quoteInput; this is the last guard: control characters (a newline would split the line) are
 * escaped and an overlong line is cut.
 */
export function formatErrorLine(e: VfiokitError): string {
  const line = e.hint ? `${e.message} (hint: ${e.hint})` : e.message;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
  const flat = line.replace(/[\u0000-\u001f\u007f]/g, (ch) => JSON.stringify(ch).slice(1, -1));
  return flat.length > MAX_LINE ? `${flat.slice(0, MAX_LINE)}…` : flat;
}

/**
 * A path inside a one-line message: printed as it is when it is short and printable, else
 * JSON-quoted (a newline or escape sequence in a file name cannot break or colour the line) and
 * cut in the middle, keeping both ends (the directory and the file name say the most).
 */
export function showPath(p: string, max = 160): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
  if (p.length <= max && !/[\u0000-\u001f\u007f"]/.test(p)) return p;
  const keep = Math.floor((max - 1) / 2);
  const cut = p.length > max ? `${p.slice(0, keep)}…${p.slice(-keep)}` : p;
  return JSON.stringify(cut);
}

/**
 * User input quoted inside a one-line error message: JSON-escaped (so a newline or control
 * character cannot break the line) and cut to `max` characters.
 */
export function quoteInput(s: string, max = 60): string {
  const cut = s.length > max ? `${s.slice(0, max)}…` : s;
  return JSON.stringify(cut);
}
