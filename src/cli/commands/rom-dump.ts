/**
 * `vfiokit rom dump BDF -o FILE`: enable, read, disable the ROM BAR through sysfs, write what was
 * read (the whole BAR: the rom file's size is the BAR size, not the image size), then parse it
 * and report the real image extent. JSON schema vfiokit.rom.dump/1.
 */

import { ExitCode } from '../../errors.js';
import { dumpRomBar, sysfsRomAccess } from '../../host/rom-sysfs.js';
import { analyseRom, hasProblems } from '../../rom/analysis.js';
import { hex } from '../../rom/byte-view.js';
import type { CliContext } from '../context.js';
import { checkOutput, writeFileAtomic } from './rom-files.js';
import { readDeviceId, refuseRiskyRomRead } from './rom-ids.js';
import { renderRom } from './rom-render.js';

export interface RomDumpOptions {
  output: string;
  force?: boolean;
}

export async function runRomDump(ctx: CliContext, bdfArg: string, opts: RomDumpOptions): Promise<number> {
  const root = ctx.root();
  const { bdf, id } = readDeviceId(root, bdfArg);
  checkOutput(opts.output, undefined, opts.force);
  refuseRiskyRomRead(
    root,
    bdf,
    opts.force,
    'unbind its driver first, or pass --force if the host does not depend on it',
  );
  const access = sysfsRomAccess(root, bdf);
  const dump = await dumpRomBar(access, bdf);
  writeFileAtomic(opts.output, dump.bytes);
  // A dump is checked thoroughly: its EFI drivers are decoded in full.
  const parsed = analyseRom(opts.output, dump.bytes, id, 'full');
  const extent = parsed.rom.romStart === null ? null : { start: parsed.rom.romStart, end: parsed.rom.romEnd };
  if (ctx.json) {
    ctx.printJson({
      schema: 'vfiokit.rom.dump/1',
      device: bdf,
      source: access.hostPath,
      toggledRomBar: dump.toggled,
      bytesRead: dump.bytes.length,
      barSize: dump.barSize ?? null,
      output: opts.output,
      extent,
      ...parsed,
    });
  } else {
    ctx.out(
      `read ${dump.bytes.length} bytes from ${access.hostPath}${dump.toggled ? ' (ROM BAR enabled for the read, disabled again)' : ' (snapshot: no enable/disable)'} → ${opts.output}`,
    );
    if (extent) {
      ctx.out(
        `the images occupy ${hex(extent.start)}..${hex(extent.end)} (${extent.end - extent.start} bytes); the rest is the unused part of the ROM BAR`,
      );
    }
    renderRom(ctx, opts.output, parsed.rom, parsed.verdict, parsed.ids);
  }
  return hasProblems(parsed) ? ExitCode.problem : ExitCode.ok;
}
