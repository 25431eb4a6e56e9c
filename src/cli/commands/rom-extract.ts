/**
 * `vfiokit rom extract FILE --image N | --efi -o OUT`. JSON schema vfiokit.rom.extract/1.
 */
import { ExitCode, UsageError } from '../../errors.js';
import { hex } from '../../rom/byte-view.js';
import { extractEfiDriver, extractImage } from '../../rom/extract-rom.js';
import { parseRom } from '../../rom/parse-rom.js';
import { peFacts } from '../../rom/pe-image.js';
import type { RomExtractJson } from '../../schema/outputs/rom-extract.js';
import type { CliContext } from '../context.js';
import { checkOutput, readRomFile, writeFileAtomic } from './rom-files.js';

/** Each kind of extract document without the fields every kind has. */
type ExtractSummary = {
  [K in RomExtractJson['kind']]: Omit<Extract<RomExtractJson, { kind: K }>, 'schema' | 'input' | 'output'>;
}[RomExtractJson['kind']];
export interface RomExtractOptions {
  output: string;
  image?: string;
  efi?: boolean;
  force?: boolean;
}

// long: one command: read, choose the image, write, report, in order
export function runRomExtract(ctx: CliContext, file: string, opts: RomExtractOptions): number {
  if ((opts.image === undefined) === !opts.efi) {
    throw new UsageError('give exactly one of --image N or --efi', { code: 'usage' });
  }
  let index: number | undefined;
  if (opts.image !== undefined) {
    if (!/^\d+$/.test(opts.image))
      throw new UsageError(`--image ${opts.image} is not an image number`, { code: 'usage' });
    index = Number(opts.image);
  }
  checkOutput(opts.output, file, opts.force);
  const bytes = readRomFile(file);
  const model = parseRom(bytes, { decompress: 'none' });
  let out: Uint8Array;
  let summary: ExtractSummary;
  if (index !== undefined) {
    out = extractImage(bytes, model, index);
    const img = model.images[index];
    summary = {
      kind: 'image',
      image: index,
      offset: img.offset,
      codeType: img.pcir.codeType,
      length: out.length,
    };
    writeFileAtomic(opts.output, out);
    if (!ctx.json) {
      ctx.out(
        `image ${index} (${img.pcir.codeTypeName}) @ ${hex(img.offset)}: ${out.length} bytes → ${opts.output}`,
      );
    }
  } else {
    const { image, driver } = extractEfiDriver(bytes, model);
    out = driver;
    const pe = peFacts(driver);
    summary = {
      kind: 'efi-driver',
      image: image.index,
      offset: image.offset,
      compressed: image.efi!.header.compressed,
      length: driver.length,
      pe,
    };
    writeFileAtomic(opts.output, out);
    if (!ctx.json) {
      ctx.out(
        `EFI driver of image ${image.index} @ ${hex(image.offset)}${image.efi!.header.compressed ? ', decompressed' : ''}: ${driver.length} bytes → ${opts.output}`,
      );
      ctx.out(
        pe.valid
          ? `  ${pe.format}, machine ${pe.machineName}, subsystem ${pe.subsystemName}, SizeOfImage ${pe.sizeOfImage}`
          : `  not a valid PE image: ${pe.problems.join('; ')}`,
      );
    }
  }
  if (ctx.json)
    ctx.printJson({
      schema: 'vfiokit.rom.extract/1',
      input: file,
      output: opts.output,
      ...summary,
    } satisfies RomExtractJson);
  return ExitCode.ok;
}
