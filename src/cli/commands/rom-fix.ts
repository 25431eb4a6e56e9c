/**
 * `vfiokit rom fix FILE -o OUT | --in-place [--vendor V --device D]`. Never loses data: the
 * output is written to a temporary file and renamed; the input is only replaced with
 * --in-place, after a FILE.bak copy exists. JSON schema vfiokit.rom.fix/1.
 */
import * as fs from 'node:fs';
import { EnvironmentError, ExitCode, errnoCode, UsageError } from '../../errors.js';
import { fixRom } from '../../rom/fix-rom.js';
import type { RomFixJson } from '../../schema/outputs/rom-fix.js';
import type { CliContext } from '../context.js';
import { checkOutput, readRomFile, writeFileAtomic } from './rom-files.js';
import { parseHexId } from './rom-ids.js';

export interface RomFixOptions {
  output?: string;
  inPlace?: boolean;
  vendor?: string;
  device?: string;
  checksumByte?: string;
  force?: boolean;
}

// long: one command: read, fix, write, report, in order
export function runRomFix(ctx: CliContext, file: string, opts: RomFixOptions): number {
  if (Boolean(opts.output) === Boolean(opts.inPlace)) {
    throw new UsageError('give exactly one of -o FILE or --in-place', { code: 'usage' });
  }
  let checksumByte: number | undefined;
  if (opts.checksumByte !== undefined) {
    const s = opts.checksumByte.trim();
    checksumByte = /^0x[0-9a-f]+$/i.test(s) ? parseInt(s, 16) : /^\d+$/.test(s) ? Number(s) : Number.NaN;
    if (Number.isNaN(checksumByte)) {
      throw new UsageError(`--checksum-byte ${opts.checksumByte} is not an offset`, {
        hint: 'e.g. 0x6 or 6',
        code: 'usage',
      });
    }
  }
  const output = opts.inPlace ? file : opts.output!;
  if (!opts.inPlace) checkOutput(output, file, opts.force);
  const input = readRomFile(file);
  const result = fixRom(input, {
    vendor: opts.vendor === undefined ? undefined : parseHexId(opts.vendor, 'vendor'),
    device: opts.device === undefined ? undefined : parseHexId(opts.device, 'device'),
    checksumByte,
  });
  let backup: string | undefined;
  const changed = result.changes.length > 0;
  if (changed) {
    if (opts.inPlace) {
      backup = `${file}.bak`;
      if (fs.existsSync(backup) && !opts.force) {
        throw new UsageError(`${backup} already exists`, {
          hint: 'move it away or add --force to replace the old backup',
          code: 'rom.backup-exists',
        });
      }
      try {
        fs.copyFileSync(file, backup);
      } catch (e) {
        throw new EnvironmentError(`cannot write the backup ${backup}: ${errnoCode(e) ?? String(e)}`, {
          code: 'host.io',
          cause: e,
        });
      }
    }
    writeFileAtomic(output, result.output);
  } else if (!opts.inPlace) {
    writeFileAtomic(output, result.output);
  }
  if (ctx.json) {
    const doc: RomFixJson = {
      schema: 'vfiokit.rom.fix/1',
      input: file,
      output,
      backup: backup ?? null,
      inputSize: input.length,
      outputSize: result.output.length,
      changes: result.changes,
      notes: result.notes,
    };
    ctx.printJson(doc);
  } else {
    if (!changed) ctx.out(`nothing to change in ${file}${opts.inPlace ? '' : `; copied to ${output}`}`);
    for (const ch of result.changes) ctx.out(`changed: ${ch.message}`);
    for (const n of result.notes) ctx.out(`left alone: ${n}`);
    if (changed)
      ctx.out(
        `wrote ${output} (${result.output.length} bytes)${backup ? `; original kept as ${backup}` : ''}`,
      );
  }
  return ExitCode.ok;
}
