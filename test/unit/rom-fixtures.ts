// Where the ROM tests find real ROMs: the corpus committed in test/fixtures/rom/corpus/ (its README
// says where each file comes from), and Debian's ipxe-qemu and seabios packages (CI installs them;
// the versions the expected outputs were recorded with are in test/helpers/debian-packages.ts).
// Missing ROMs fail loudly: a silently skipped corpus would make the ROM tests prove nothing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const corpusDir = join(repoRoot, 'test', 'fixtures', 'rom', 'corpus');
export const ipxeDir = '/usr/lib/ipxe/qemu';
export const seabiosDir = '/usr/share/seabios';
export const syntheticDir = join(repoRoot, 'test', 'fixtures', 'rom');
export const goldenDir = join(repoRoot, 'test', 'fixtures', 'rom-parser');

function need(dir: string, what: string): void {
  if (!existsSync(dir)) {
    throw new Error(
      `${what} not found at ${dir}: the ROM tests need it (the corpus is committed in test/fixtures/rom/corpus: restore it with git checkout; Debian ROMs: apt-get install ipxe-qemu seabios)`,
    );
  }
}

export function listRoms(dir: string, ext: RegExp): string[] {
  need(dir, dir === corpusDir ? 'the ROM corpus' : dir);
  const files = readdirSync(dir)
    .filter((f) => ext.test(f))
    .sort();
  if (files.length === 0) throw new Error(`no ROMs in ${dir}`);
  return files.map((f) => join(dir, f));
}

export const corpusRoms = () => listRoms(corpusDir, /\.rom$/);
export const ipxeRoms = () => listRoms(ipxeDir, /\.rom$/);
export const seabiosRoms = () => listRoms(seabiosDir, /\.bin$/);
export const syntheticRoms = () => listRoms(syntheticDir, /\.rom$/);

export function corpus(name: string): Uint8Array {
  need(corpusDir, 'the ROM corpus');
  return new Uint8Array(readFileSync(join(corpusDir, name)));
}

export function load(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/** The ROM files of one golden directory, as its status.txt lists them (what rom-parser was run on). */
export function recordedRomNames(group: string): string[] {
  return readFileSync(join(goldenDir, group, 'status.txt'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(' ')[0])
    .sort();
}

/** The corpus files and their SHA-256 as the table in test/fixtures/rom/corpus/README.md lists them. */
export function corpusManifest(): Map<string, string> {
  const text = readFileSync(join(corpusDir, 'README.md'), 'utf8');
  const rows = [...text.matchAll(/^\| (\S+\.rom) \| .* \| `([0-9a-f]{64})` \|$/gm)];
  return new Map(rows.map((m) => [m[1], m[2]]));
}

/** Every real ROM the tests know, labelled by the golden directory that holds its rom-parser output. */
export function allRealRoms(): Array<{ group: string; path: string }> {
  return [
    ...corpusRoms().map((path) => ({ group: 'corpus', path })),
    ...ipxeRoms().map((path) => ({ group: 'ipxe-qemu', path })),
    ...seabiosRoms().map((path) => ({ group: 'seabios', path })),
  ];
}
