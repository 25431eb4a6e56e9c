// Runs the bundled CLI (dist/, built by `npm test` before the tests start) as a child process.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { assertValidJson } from './json-schema.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const binPath = fileURLToPath(new URL('../../bin/vfiokit', import.meta.url));

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  opts: { input?: string | Buffer; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): CliResult {
  const r = spawnSync(process.execPath, [binPath, ...args], {
    encoding: 'utf8',
    input: opts.input,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    cwd: opts.cwd ?? repoRoot,
    timeout: 60_000,
    // Large documents (diagnose of every catalogue example is past 1 MiB, spawnSync's default).
    maxBuffer: 256 * 1024 * 1024,
  });
  const result = { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  if (args.includes('--json')) validateOutput(result);
  return result;
}

/**
 * Every --json document a test sees is checked against its schema (src/schema/outputs/): a
 * command's output that drifts from its published contract fails the test that ran it. Output
 * that is not a document (an error on stderr, an empty stdout) is the test's own business.
 */
function validateOutput(r: CliResult): void {
  const text = r.stdout.trim();
  if (!text.startsWith('{')) return;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return;
  }
  assertValidJson(doc);
}
