// An in-process CLI context over a root whose standard output and error are kept, for the tests
// that run a command's runner directly (against a simulated sysfs) instead of the built CLI.
import { PassThrough } from 'node:stream';
import { type CliContext, makeContext } from '../../src/cli/context.js';

export function capture(
  root: string,
  json = false,
): { ctx: CliContext; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => {
    out += c;
  });
  stderr.on('data', (c) => {
    err += c;
  });
  return {
    ctx: makeContext({ root, json, color: false }, { stdout, stderr }),
    out: () => out,
    err: () => err,
  };
}
