/**
 * File handling shared by the rom subcommands: reading a ROM file with errors a user
 * understands, and writing outputs so that nothing is ever lost (temp file + rename, no
 * silent overwrite, never the input file itself).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnvironmentError, errnoCode, showPath, UsageError } from '../../errors.js';

/** Far above any ROM BAR (16 MiB) or SPI flash dump seen; keeps a wrong file argument cheap. */
const MAX_ROM_FILE = 64 * 1024 * 1024;

export function readRomFile(file: string): Uint8Array {
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) {
      throw new UsageError(`${file} is a directory, not a ROM file`, { code: 'rom.is-dir' });
    }
    // A device node such as /dev/zero never ends; a ROM BAR is at most 16 MiB (PCI FW spec).
    if (!st.isFile()) {
      throw new UsageError(`${file} is not a regular file`, {
        hint: 'save the ROM to a file first (`vfiokit rom dump BDF -o FILE` reads a device)',
        code: 'rom.not-file',
      });
    }
    if (st.size > MAX_ROM_FILE) {
      throw new UsageError(`${file} is ${st.size} bytes, too large for an option ROM`, {
        hint: `ROM files are at most ${MAX_ROM_FILE / 1024 / 1024} MiB (full-flash dumps included)`,
        code: 'rom.too-large',
      });
    }
    return new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = errnoCode(e);
    if (code === 'ENOENT') {
      throw new EnvironmentError(`ROM file ${file} does not exist`, {
        hint: 'check the path',
        code: 'rom.no-file',
      });
    }
    throw new EnvironmentError(`cannot read ${file}: ${code ?? String(e)}`, { code: 'host.io', cause: e });
  }
}

function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/** What a path that exists but is not a regular file is, for messages. */
export function fileKind(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device node';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * An output path that exists must be a regular file: the write renames a temporary file over it,
 * which would replace a device node (/dev/sda, /dev/null) or a FIFO by a plain file, even with
 * --force, which is only about replacing an older output.
 */
export function refuseSpecialOutput(output: string, code: string): void {
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(output);
  } catch {
    return;
  }
  if (st.isFile()) return;
  throw new UsageError(`${showPath(output)} is ${fileKind(st)}: refusing to replace it`, {
    hint: 'give -o the path of a regular file (--force replaces only an older output file)',
    code,
  });
}

/** Refuse to write over the input, or over an existing file unless `force`. */
export function checkOutput(output: string, input: string | undefined, force: boolean | undefined): void {
  refuseSpecialOutput(output, 'rom.output-not-file');
  if (input !== undefined && sameFile(input, output)) {
    throw new UsageError(`refusing to overwrite the input file ${input}`, {
      hint: 'give another -o FILE, or use --in-place (keeps FILE.bak)',
      code: 'rom.output-is-input',
    });
  }
  if (!force && fs.existsSync(output)) {
    throw new UsageError(`${output} already exists`, {
      hint: 'choose another name or add --force',
      code: 'rom.output-exists',
    });
  }
}

/** Write via a temporary file in the same directory and rename, so a crash never leaves half a file. */
export function writeFileAtomic(file: string, bytes: Uint8Array): void {
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.tmp-${process.pid}`);
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new EnvironmentError(`cannot write ${file}: ${errnoCode(e) ?? String(e)}`, {
      code: 'host.io',
      cause: e,
    });
  }
}
