// `npx tsx bench/diagnose-identical.ts [--write FILE | --check FILE] [--cli]`: hashes what the
// diagnose engine finds (every finding's entry, facts, values, explanation, lines and count, in
// order) on a fixed set of inputs, so a change meant only to make it faster can be shown to find
// exactly the same: record the hashes before the change with --write, compare after with --check
// (exit 1 on any difference, naming the inputs that differ). The inputs: every catalogue example
// alone, all of them in one text, each woven into the realistic bench log under a kernel, journal
// and libvirt prefix, each cut at a third and two thirds (text that almost matches), the held-out
// sets, a 5 MB realistic log (bench/diagnose-logs.ts) and small versions of the hostile inputs of
// bench/diagnose.bench.ts. --cli also runs the built CLI (`node scripts/build.mjs` first) with
// --json on the 5 MB log.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOGUE } from '../src/readiness/diagnose/catalogue.js';
import { LineSplitter } from '../src/readiness/diagnose/lines.js';
import { DiagnoseMatcher, diagnoseText, type Finding } from '../src/readiness/diagnose/matcher.js';
import { MB, realisticLine, writeLog } from './diagnose-logs.js';

const top = fileURLToPath(new URL('..', import.meta.url));

function describe(findings: Finding[]): unknown[] {
  return findings.map((f) => ({
    id: f.entry.id,
    device: f.device,
    group: f.group,
    values: f.values,
    facts: f.facts,
    explanation: f.explanation,
    lines: f.lines,
    count: f.count,
  }));
}

const hash = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 16);

/** A text fed to the engine in 64 KB chunks, as the CLI's file stream feeds it. */
function diagnoseChunked(text: string): unknown {
  const m = new DiagnoseMatcher();
  const split = new LineSplitter((line, n) => m.line(line, n));
  for (let i = 0; i < text.length; i += 65536) split.push(text.slice(i, i + 65536));
  const stats = split.end();
  return { findings: describe(m.finish()), stats };
}

const examples = CATALOGUE.flatMap((e) => (e.examples ?? []).map((x) => x.text));
const heldOut = fs
  .readdirSync(path.join(top, 'test/fixtures/diagnose'))
  .filter((f) => f.startsWith('held-out') && f.endsWith('.json'))
  .sort()
  .flatMap((f) =>
    (
      JSON.parse(fs.readFileSync(path.join(top, 'test/fixtures/diagnose', f), 'utf8')) as {
        messages: { text: string }[];
      }
    ).messages.map((m) => m.text),
  );
const PREFIXES = [
  '[  201.112233] ',
  'Dec 01 10:00:03 host kernel: ',
  '2024-01-01 10:00:00.000+0000: 1234: error : ',
];
function woven(): string {
  const out: string[] = [];
  examples.forEach((text, k) => {
    for (let i = 0; i < 7; i++) out.push(realisticLine(k * 7 + i));
    const prefix = PREFIXES[k % PREFIXES.length];
    for (const l of text.split('\n')) out.push(`${prefix}${l}`);
  });
  return out.join('\n');
}
const cut = examples.flatMap((t) => [
  t.slice(0, Math.floor(t.length / 3)),
  t.slice(0, Math.floor((2 * t.length) / 3)),
]);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-diagnose-identical-'));
const hashes: Record<string, string> = {};
try {
  const log = path.join(dir, 'realistic-5mb.log');
  writeLog(log, 5 * MB, realisticLine);
  const inputs: Record<string, () => unknown> = {
    'examples, each alone': () => examples.map((t) => describe(diagnoseText(t).findings)),
    'examples, in one text': () => diagnoseChunked(examples.join('\n')),
    'examples, woven into the realistic log': () => diagnoseChunked(woven()),
    'examples, cut at 1/3 and 2/3': () => cut.map((t) => describe(diagnoseText(t).findings)),
    'held-out messages': () => heldOut.map((t) => describe(diagnoseText(t).findings)),
    'realistic log, 5 MB': () => diagnoseChunked(fs.readFileSync(log, 'utf8')),
    'hostile: 4,096-character words': () =>
      diagnoseChunked(Array.from({ length: 64 }, (_, i) => 'abcdefgh'[i % 8].repeat(4096)).join('\n')),
    'hostile: 4,000 characters + ": probe of"': () =>
      diagnoseChunked(Array.from({ length: 64 }, () => `${'a'.repeat(4000)}: probe of x`).join('\n')),
    'hostile: a literal repeated': () =>
      diagnoseChunked(Array.from({ length: 64 }, () => 'not ready 1ms after '.repeat(200)).join('\n')),
    'hostile: a literal then spaces': () =>
      diagnoseChunked(
        Array.from({ length: 64 }, () => `No interrupt remapping support.${' '.repeat(4000)}x`).join('\n'),
      ),
  };
  if (process.argv.includes('--cli')) {
    inputs['CLI --json, realistic log, 5 MB'] = () => {
      const r = spawnSync(
        process.execPath,
        [path.join(top, 'bin/vfiokit'), '--json', 'diagnose', '-f', log],
        {
          encoding: 'utf8',
          maxBuffer: 64 * MB,
        },
      );
      // The input is named by its path, which is a new temporary directory on each run.
      return { ...JSON.parse(r.stdout), input: undefined };
    };
  }
  for (const [name, run] of Object.entries(inputs)) {
    hashes[name] = hash(run());
    console.log(`${hashes[name]}  ${name}`);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(`${examples.length} examples, ${heldOut.length} held-out messages, ${CATALOGUE.length} entries`);

const arg = (flag: string) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const write = arg('--write');
const check = arg('--check');
if (write) fs.writeFileSync(write, `${JSON.stringify(hashes, null, 2)}\n`);
if (check) {
  const before = JSON.parse(fs.readFileSync(check, 'utf8')) as Record<string, string>;
  const differ = Object.keys(before).filter((k) => k in hashes && before[k] !== hashes[k]);
  if (differ.length) {
    console.log(`DIFFERENT from ${check}: ${differ.join('; ')}`);
    process.exit(1);
  }
  console.log(`identical to ${check} (${Object.keys(before).filter((k) => k in hashes).length} inputs)`);
}
