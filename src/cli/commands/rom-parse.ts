/**
 * `vfiokit rom parse FILE...`: the readable report (default), the whole model (--json,
 * schema vfiokit.rom.parse/1) or awilliam/rom-parser's exact text (--format rom-parser).
 * Exit 1 when a ROM has errors (broken chain, truncated image, bad legacy checksum, undecodable
 * EFI image) or no image matches --device/--for; 0 otherwise.
 */
import { ExitCode, UsageError } from '../../errors.js';
import { analyseRom, hasProblems } from '../../rom/analysis.js';
import { parsedRomJson } from '../../rom/rom-json.js';
import { formatRomParser } from '../../rom/rom-parser-format.js';
import type { RomParseJson } from '../../schema/outputs/rom-parse.js';
import type { CliContext } from '../context.js';
import { stdout } from '../stdout.js';
import { readRomFile } from './rom-files.js';
import { parseDeviceId, readDeviceId } from './rom-ids.js';
import { renderRom } from './rom-render.js';

export interface RomParseOptions {
  device?: string;
  for?: string;
  format?: 'text' | 'rom-parser';
  decompress?: boolean;
  fullDecompress?: boolean;
}

export function runRomParse(ctx: CliContext, files: string[], opts: RomParseOptions): number {
  if (opts.device && opts.for) {
    throw new UsageError('give either --device or --for, not both', { code: 'usage' });
  }
  if (opts.format === 'rom-parser') {
    if (ctx.json)
      throw new UsageError('--json and --format rom-parser exclude each other', { code: 'usage' });
    let ok = true;
    for (const f of files) {
      const r = formatRomParser(readRomFile(f));
      stdout().write(Buffer.from(r.text, 'latin1'));
      ok &&= r.ok;
    }
    return ok ? ExitCode.ok : ExitCode.problem;
  }
  const device = opts.device
    ? parseDeviceId(opts.device)
    : opts.for
      ? readDeviceId(ctx.root(), opts.for).id
      : undefined;
  const results = files.map((f) =>
    analyseRom(f, readRomFile(f), device, opts.decompress === false ? 'none' : 'full'),
  );
  if (ctx.json) {
    const doc: RomParseJson = { schema: 'vfiokit.rom.parse/3', roms: results.map(parsedRomJson) };
    ctx.printJson(doc);
  } else {
    results.forEach((r, i) => {
      if (i) ctx.out();
      renderRom(ctx, r.file, r.rom, r.verdict, r.ids);
    });
  }
  return results.some(hasProblems) ? ExitCode.problem : ExitCode.ok;
}
