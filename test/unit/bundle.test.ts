// The bundled CLI's loader and its V8 code cache (bin/bundle-loader.cjs): the cache is used
// when it belongs to the bundle, never handed to V8 when it belongs to another build, and a
// cache V8 refuses or a missing one changes nothing but speed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import * as vm from 'node:vm';
import { repoRoot } from '../helpers/cli.js';

const require = createRequire(import.meta.url);
const loader = require('../../bin/bundle-loader.cjs') as {
  loadBundle(file: string, o?: { useCache?: boolean }): { id?: string; cacheRejected?: boolean };
  buildId(source: string): string | undefined;
  isOneShot(args: string[]): boolean;
  readsLog(args: string[]): boolean;
};

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-bundle-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A copy of bin/ and dist/ whose cache the test may spoil. */
function copyBuild(): { bin: string; bundle: string } {
  const dir = fs.mkdtempSync(path.join(tmp, 'b-'));
  fs.cpSync(path.join(repoRoot, 'bin'), path.join(dir, 'bin'), { recursive: true });
  fs.cpSync(path.join(repoRoot, 'dist'), path.join(dir, 'dist'), { recursive: true });
  return { bin: path.join(dir, 'bin/vfiokit'), bundle: path.join(dir, 'dist/vfiokit.cjs') };
}

function run(bin: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

test('the build writes a code cache that V8 accepts for its bundle', () => {
  const bundle = path.join(repoRoot, 'dist/vfiokit.cjs');
  const id = loader.buildId(fs.readFileSync(bundle, 'utf8'));
  assert.match(id ?? '', /^[0-9a-f]{16}$/);
  assert.equal(fs.readFileSync(`${bundle}.cache`).toString('latin1', 0, 16), id);
  // Loaded in a child so this process's V8 state (flags set by the test runner) cannot differ,
  // under the flags bin/vfiokit sets for a one-shot command (the cache is made under them).
  const load = (oneShot: boolean) =>
    spawnSync(
      process.execPath,
      [
        '-e',
        `const l=require(${JSON.stringify(path.join(repoRoot, 'bin/bundle-loader.cjs'))});${oneShot ? "require('node:v8').setFlagsFromString(l.ONE_SHOT_FLAGS);" : ''}console.log(l.loadBundle(${JSON.stringify(bundle)}).cacheRejected)`,
      ],
      { encoding: 'utf8' },
    );
  const r = load(true);
  assert.equal(r.stdout.trim(), 'false', r.stderr);
  // V8 ties a cache to the flags it was made under: `ui` and `fleet` run without them and compile
  // as usual (the loader hands the cache over; V8 refuses it).
  const other = load(false);
  assert.equal(other.stdout.trim(), 'true', other.stderr);
});

test('a cache from another build is never handed to V8, and the CLI works the same', () => {
  const { bin, bundle } = copyBuild();
  const expected = run(path.join(repoRoot, 'bin/vfiokit'), ['--help']).out;
  const cache = fs.readFileSync(`${bundle}.cache`);
  cache.write('0123456789abcdef', 0, 'latin1');
  fs.writeFileSync(`${bundle}.cache`, cache);
  const r = spawnSync(
    process.execPath,
    [
      '-e',
      `const r=require(${JSON.stringify(path.join(path.dirname(bin), 'bundle-loader.cjs'))}).loadBundle(${JSON.stringify(bundle)});console.log(String(r.cacheRejected))`,
    ],
    { encoding: 'utf8' },
  );
  assert.equal(r.stdout.trim(), 'undefined', 'a foreign cache is not passed to V8 at all');
  assert.equal(run(bin, ['--help']).out, expected);
});

test('a cache V8 refuses, or none at all, changes nothing but speed', () => {
  const { bin, bundle } = copyBuild();
  const expected = run(path.join(repoRoot, 'bin/vfiokit'), ['--version']);
  assert.equal(expected.status, 0);
  const cache = fs.readFileSync(`${bundle}.cache`);
  // Right ID, garbage body: V8's own checks reject it.
  for (let i = 16; i < cache.length; i += 7) cache[i] ^= 0x5a;
  fs.writeFileSync(`${bundle}.cache`, cache);
  assert.deepEqual(run(bin, ['--version']), expected);
  fs.rmSync(`${bundle}.cache`);
  assert.deepEqual(run(bin, ['--version']), expected);
  assert.deepEqual(
    run(path.join(repoRoot, 'bin/vfiokit'), ['--version'], { VFIOKIT_CODE_CACHE: '0' }),
    expected,
  );
});

test('without a bundle the CLI says how to build it (exit 3)', () => {
  const { bin, bundle } = copyBuild();
  fs.rmSync(path.dirname(bundle), { recursive: true });
  const r = run(bin, ['--version']);
  assert.equal(r.status, 3);
  assert.match(r.err, /^vfiokit: the bundle is missing \(hint: run `npm run build` or `npm start`\)\n$/);
});

test('the diagnose catalogue is a bundle of its own, loaded only by diagnose', async () => {
  // The oracle is the catalogue as the sources define it (run here through tsx), not the build.
  const { CATALOGUE } = await import('../../src/readiness/diagnose/catalogue.js');
  const main = fs.readFileSync(path.join(repoRoot, 'dist/vfiokit.cjs'), 'utf8');
  const side = path.join(repoRoot, 'dist/vfiokit-catalogue.cjs');
  // Evaluated as the main bundle does (a function expression with CommonJS's parameters).
  const mod = { exports: {} as { CATALOGUE: { id: string }[] } };
  new vm.Script(fs.readFileSync(side, 'utf8'), { filename: side }).runInThisContext()(
    mod.exports,
    require,
    mod,
    side,
    path.dirname(side),
  );
  const built = mod.exports;
  assert.ok(CATALOGUE.length >= 150, `${CATALOGUE.length} entries`);
  assert.deepEqual(
    built.CATALOGUE.map((e) => e.id),
    CATALOGUE.map((e) => e.id),
    'the side bundle holds the whole catalogue, in order',
  );
  // Citations are the catalogue's longest unique texts: none of them is left in the main bundle.
  const inMain = CATALOGUE.filter((e) => main.includes(JSON.stringify(e.cite).slice(1, -1)));
  assert.deepEqual(
    inMain.map((e) => e.id),
    [],
    'catalogue entries compiled into the main bundle',
  );
  // And the bundled CLI finds it: a message only the catalogue knows.
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin/vfiokit'), 'diagnose', '--json'], {
    encoding: 'utf8',
    input: "vfio-pci 0000:01:00.0: BAR 3: can't reserve [mem 0xf0000000-0xf1ffffff 64bit pref]\n",
  });
  assert.equal(r.status, 1, r.stderr);
  const ids = (JSON.parse(r.stdout) as { findings: { id: string }[] }).findings.map((f) => f.id);
  assert.equal(ids.length, 1, r.stdout);
  assert.ok(
    CATALOGUE.some((e) => e.id === ids[0]),
    `${ids[0]} is a catalogue id`,
  );
});

test('without the catalogue beside the bundle, diagnose says how to rebuild (exit 3); other commands run', () => {
  const { bin, bundle } = copyBuild();
  fs.rmSync(path.join(path.dirname(bundle), 'vfiokit-catalogue.cjs'));
  const r = spawnSync(process.execPath, [bin, 'diagnose'], { encoding: 'utf8', input: 'x\n' });
  assert.equal(r.status, 3);
  assert.match(
    r.stderr,
    /^vfiokit: the diagnose catalogue \(vfiokit-catalogue\.cjs\) is missing beside the bundle \(hint: run `npm run build` \(or `npm start`\) to rebuild dist\/\)\n$/,
  );
  assert.equal(run(bin, ['--version']).status, 0);
});

test('diagnose reading a log keeps the optimising compiler; given message text it is one-shot', () => {
  // The words after `node bin/vfiokit`, as bin/vfiokit hands them to isOneShot().
  for (const args of [
    ['diagnose', '-f', 'kern.log'],
    ['--json', 'diagnose', '--file=kern.log'],
    ['--root', 'snap', 'diagnose', '--dmesg'],
    ['diagnose'],
    ['diagnose', '--json'],
  ]) {
    assert.equal(loader.isOneShot(args), false, args.join(' '));
    assert.equal(loader.readsLog(args), true, args.join(' '));
  }
  for (const args of [
    ['diagnose', 'vfio-pci 0000:01:00.0: BAR 1: cannot reserve'],
    ['diagnose', '--', '-device vfio-pci,host=01:00.0: group 1 is not viable'],
    ['diagnose', '-device vfio-pci,host=01:00.0: group 1 is not viable'],
    ['groups'],
    ['--version'],
  ])
    assert.equal(loader.isOneShot(args), true, args.join(' '));
  assert.equal(loader.isOneShot(['ui']), false);
  assert.equal(loader.readsLog(['ui']), false);
});

test('yaml, xmldom and tar are bundles of their own, loaded on first use; without one, only its commands stop', () => {
  const main = fs.readFileSync(path.join(repoRoot, 'dist/vfiokit.cjs'), 'utf8');
  for (const [file, marker] of [
    ['vfiokit-yaml.cjs', 'LineCounter'],
    ['vfiokit-xmldom.cjs', 'DOMParser'],
    ['vfiokit-tar.cjs', 'Header'],
  ]) {
    const side = fs.readFileSync(path.join(repoRoot, 'dist', file), 'utf8');
    assert.ok(side.includes(marker), `${file} holds ${marker}`);
    assert.ok(side.length > 50_000, `${file} is the whole library (${side.length} bytes)`);
  }
  // The libraries' own texts are not compiled into the main bundle.
  assert.ok(!main.includes('Implicit map keys need to be'), 'yaml compiled into the main bundle');
  assert.ok(!main.includes('ustar'), 'tar compiled into the main bundle');
  const { bin, bundle } = copyBuild();
  fs.rmSync(path.join(path.dirname(bundle), 'vfiokit-yaml.cjs'));
  const spec = path.join(repoRoot, 'test/fixtures/vm-spec/spec/i440fx.yaml');
  const r = run(bin, ['config', 'libvirt', spec]);
  assert.equal(r.status, 3);
  assert.match(
    r.err,
    /^vfiokit: vfiokit-yaml\.cjs \(yaml\) is missing beside the bundle \(hint: run `npm run build` \(or `npm start`\) to rebuild dist\/\)\n$/,
  );
  const snap = path.join(repoRoot, 'test/fixtures/lab-desktop/snapshot');
  assert.equal(run(bin, ['--root', snap, 'groups']).status, 0);
});
