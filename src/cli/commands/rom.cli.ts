/**
 * `vfiokit rom parse|dump|extract|fix`: the option ROM toolkit. Declarations only; the work is
 * in rom-*.ts, imported when a subcommand runs so start-up stays small.
 */
import { type Command, Option } from 'commander';
import { action } from '../context.js';
import type { RomDumpOptions } from './rom-dump.js';
import type { RomExtractOptions } from './rom-extract.js';
import type { RomFixOptions } from './rom-fix.js';
import type { RomParseOptions } from './rom-parse.js';

// long: one table of commander subcommands and options
export function registerRom(program: Command): void {
  const rom = program
    .command('rom')
    .description(
      'PCI option ROMs: parse, dump from sysfs, extract images or the EFI driver, fix headers and checksums',
    );

  rom
    .command('parse')
    .description('walk every image of ROM files and say whether OVMF (UEFI) can boot from them')
    .argument('<file...>', 'ROM files (a dump, a vendor download, a full-flash image)')
    .option('--device <vvvv:dddd>', 'check the images are for this vendor:device')
    .option('--for <bdf>', 'check the images are for this PCI device (reads its IDs from sysfs or --root)')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'rom-parser']).default('text'),
    )
    .option('--no-decompress', 'do not decode compressed EFI drivers (PE facts are then unknown)')
    .option(
      '--full-decompress',
      'decode whole EFI drivers (the default since a boot verdict needs it; accepted for older scripts)',
    )
    .action(
      action(async (ctx, files: string[], opts: RomParseOptions) => {
        const { runRomParse } = await import('./rom-parse.js');
        return runRomParse(ctx, files, opts);
      }),
    );

  rom
    .command('dump')
    .description("read a device's ROM through sysfs (as root), save it and parse it")
    .argument('<bdf>', 'PCI address, e.g. 0000:01:00.0')
    .requiredOption('-o, --output <file>', 'where to write what was read (the whole ROM BAR)')
    .option('--force', 'overwrite an existing output file; read a storage or network controller in use')
    .action(
      action(async (ctx, bdf: string, opts: RomDumpOptions) => {
        const { runRomDump } = await import('./rom-dump.js');
        return runRomDump(ctx, bdf, opts);
      }),
    );

  rom
    .command('extract')
    .description('write one image of a ROM, or its EFI driver decompressed to a PE file')
    .argument('<file>', 'ROM file')
    .option('--image <n>', 'image number as listed by `rom parse`')
    .option('--efi', 'the EFI driver (decompressed when compressed)')
    .requiredOption('-o, --output <file>', 'output file')
    .option('--force', 'overwrite an existing output file')
    .action(
      action(async (ctx, file: string, opts: RomExtractOptions) => {
        const { runRomExtract } = await import('./rom-extract.js');
        return runRomExtract(ctx, file, opts);
      }),
    );

  rom
    .command('fix')
    .description('strip a vendor header, set IDs, fix legacy checksums; writes a new file')
    .argument('<file>', 'ROM file')
    .option('-o, --output <file>', 'output file (must differ from the input)')
    .option('--in-place', 'rewrite FILE itself, keeping the original as FILE.bak')
    .option('--vendor <vvvv>', 'set the vendor ID of the legacy and EFI images')
    .option('--device <dddd>', 'set the device ID of the legacy and EFI images')
    .option(
      '--checksum-byte <offset>',
      'offset inside a legacy image of the byte to adjust (default: its last byte)',
    )
    .option('--force', 'overwrite an existing output file')
    .action(
      action(async (ctx, file: string, opts: RomFixOptions) => {
        const { runRomFix } = await import('./rom-fix.js');
        return runRomFix(ctx, file, opts);
      }),
    );
}
