// `npm run bench` (rom): in-process parse + decompress time for the largest ROM, and the whole-CLI
// time of `bin/vfiokit rom parse <rom>` beside a bare `node -e 0` (median wall time of N runs
// with spawnSync, plus the mean CPU time the children used, which a busy machine disturbs less).
// Target: the CLI within 1.5× of `node -e 0`.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { efiDecompress } from '../src/rom/efi-decompress.js';
import { parseRom } from '../src/rom/parse-rom.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const corpusDir = join(repo, 'test', 'fixtures', 'rom', 'corpus');
const bin = join(repo, 'bin', 'vfiokit');
const N = Number(process.env.BENCH_RUNS ?? 21);

const roms = [
  'nv-Asus.RTX5060Ti.16384.250318_2.rom',
  'nv-GK107-turbo.rom',
  'amd-micron_msi_armor_rx580_8gb_rx580-default.rom',
  'qemu-upstream-efi-e1000.rom',
  'efirom-ec-devlist.rom',
].map((f) => join(corpusDir, f));
const largest = roms.reduce((a, b) => (statSync(b).size > statSync(a).size ? b : a));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ms = (x: number) => `${x.toFixed(2)} ms`;

function inProcess(file: string): void {
  const bytes = new Uint8Array(readFileSync(file));
  const first = performance.now();
  const model = parseRom(bytes);
  const cold = performance.now() - first;
  const parse: number[] = [];
  const parseHeaders: number[] = [];
  const parseOnly: number[] = [];
  for (let i = 0; i < N; i++) {
    let t = performance.now();
    parseRom(bytes);
    parse.push(performance.now() - t);
    t = performance.now();
    parseRom(bytes, { decompress: 'headers' });
    parseHeaders.push(performance.now() - t);
    t = performance.now();
    parseRom(bytes, { decompress: 'none' });
    parseOnly.push(performance.now() - t);
  }
  const efi = model.images.find((i) => i.efi?.header.compressed)?.efi;
  console.log(`in-process, ${file.split('/').pop()} (${bytes.length} bytes, ${model.images.length} images)`);
  console.log(
    `  parse (default: EFI drivers decoded in full): first run ${ms(cold)}, median ${ms(median(parse))}`,
  );
  console.log(`  parse decoding EFI drivers up to their PE headers only: median ${ms(median(parseHeaders))}`);
  console.log(`  parse without decompress: median ${ms(median(parseOnly))}`);
  if (efi) {
    const payload = bytes.subarray(efi.payloadOffset, efi.payloadOffset + efi.payloadLength);
    const dec: number[] = [];
    for (let i = 0; i < N; i++) {
      const t = performance.now();
      efiDecompress(payload);
      dec.push(performance.now() - t);
    }
    const mbps = efi.decompressedSize! / 1e6 / (median(dec) / 1000);
    console.log(
      `  EFI decompress ${efi.compressedSize} → ${efi.decompressedSize} bytes: median ${ms(median(dec))} (${mbps.toFixed(0)} MB/s)`,
    );
  }
}

/** Children's CPU time so far (utime + stime of reaped children, /proc/self/stat fields 16-17). */
function childCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[13]) + Number(f[14])) * 1000) / 100;
}

interface Timing {
  walls: number[];
  cpu: number;
}

/**
 * Runs the commands in rotation (one of each per round), so that load from other processes on a
 * shared machine falls on all of them alike instead of on whichever batch ran during a spike.
 */
function spawnRounds(commands: string[][]): Timing[] {
  const out: Timing[] = commands.map(() => ({ walls: [], cpu: 0 }));
  for (let i = 0; i < N; i++) {
    commands.forEach((args, k) => {
      const cpu0 = childCpuMs();
      const t = performance.now();
      const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      out[k].walls.push(performance.now() - t);
      out[k].cpu += (childCpuMs() - cpu0) / N;
      if (r.status !== 0 && r.status !== 1)
        throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    });
  }
  return out;
}

inProcess(largest);
console.log();
console.log(`whole CLI, ${N} rounds (median and fastest wall time; mean CPU time per run)`);
const commands: Array<[string, string[]]> = [
  ['node -e 0', ['-e', '0']],
  ['vfiokit --version', [bin, '--version']],
  ['vfiokit rom parse <largest>', [bin, 'rom', 'parse', largest]],
  ['vfiokit rom parse <GK107>', [bin, 'rom', 'parse', roms[1]]],
];
const times = spawnRounds(commands.map(([, a]) => a));
const base = times[0];
const min = (xs: number[]) => Math.min(...xs);
commands.forEach(([label], k) => {
  const t = times[k];
  const ratio =
    k === 0
      ? ''
      : `   ratio median ${(median(t.walls) / median(base.walls)).toFixed(2)}×, fastest ${(min(t.walls) / min(base.walls)).toFixed(2)}×, cpu ${(t.cpu / base.cpu).toFixed(2)}× (target ≤ 1.5×)`;
  console.log(
    `  ${label.padEnd(28)} ${ms(median(t.walls)).padStart(10)} ${ms(min(t.walls)).padStart(10)}  cpu ${ms(t.cpu)}${ratio}`,
  );
});
