#!/usr/bin/env node
// Bundles the CLI into dist/vfiokit.cjs with esbuild: one CommonJS file. Node 20's ESM loader
// costs about 10 ms of every start-up over require() (resolving, linking and evaluating each
// chunk; measured on `rom parse`), and esbuild splits chunks only for ESM. Command
// implementations stay lazy: their `await import()` becomes a module initialiser that runs on
// first use, and V8 compiles a function only when it is first called.
// --if-stale: build only when a source file or the lockfile is newer than the bundle.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const top = fileURLToPath(new URL('..', import.meta.url));
const out = join(top, 'dist', 'vfiokit.cjs');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (process.argv.includes('--if-stale') && existsSync(out)) {
  const src = Math.max(
    newest(join(top, 'src')),
    newest(join(top, 'ui')),
    statSync(join(top, 'package.json')).mtimeMs,
  );
  if (statSync(out).mtimeMs >= src) process.exit(0);
}

const { build } = await import('esbuild');

// Node built-ins that cost milliseconds to load (child_process pulls in net, dgram and streams;
// zlib and worker_threads their own bindings; together about 12 ms of CPU at each start, measured
// with process.cpuUsage around require()) but that most commands never call: commander requires
// child_process for executable subcommands, which vfiokit does not use; the host readers use it
// only for `dmesg` on a live host, zlib only for a gzipped kernel config or a snapshot archive,
// and worker_threads only the fleet. Each of them is replaced by a module whose exports are
// getters that load the real module on first use: esbuild's interop copies an imported CommonJS
// module's properties as getters that read the property when used, so laziness survives it.
const DEFERRED = /^(node:)?(child_process|zlib|worker_threads)$/;
const deferBuiltins = {
  name: 'defer-builtins',
  setup(b) {
    // The stand-in's own require() is of the real module.
    b.onResolve({ filter: DEFERRED }, (args) =>
      args.namespace === 'deferred'
        ? undefined
        : { path: args.path.replace(/^node:/, ''), namespace: 'deferred' },
    );
    b.onLoad({ filter: /.*/, namespace: 'deferred' }, async (args) => {
      // The export names of the Node that builds: the same major as the one that runs (engines).
      const names = Object.keys(await import(`node:${args.path}`)).filter((k) => k !== 'default');
      return {
        contents: `let m; const load = () => (m ??= require('node:${args.path}'));
for (const k of ${JSON.stringify(names)}) Object.defineProperty(module.exports, k, { enumerable: true, get: () => load()[k] });`,
        loader: 'js',
      };
    });
  },
};
/**
 * The diagnose catalogue (src/readiness/diagnose/catalogue.ts and catalogue/: about 1,000 entries
 * of patterns, explanations and citations) was over half of the bundle, and every command paid to
 * read, decode and pre-parse it at start-up and to hold its text in the heap, though only
 * `diagnose` (and the dashboard's diagnose view) uses it. It is built as a bundle of its own,
 * dist/vfiokit-catalogue.cjs, which the matcher, its one importer in the CLI, loads on first use.
 * The catalogue imports nothing outside src/readiness/diagnose/ but pure helpers (entry.ts,
 * errno.ts: constants and functions, no state shared with the main bundle), so the copies of those
 * in both bundles behave as one.
 */
const CATALOGUE_FILE = 'vfiokit-catalogue.cjs';
const splitCatalogue = {
  name: 'split-catalogue',
  setup(b) {
    b.onResolve({ filter: /^\.\/catalogue\.js$/ }, (args) =>
      args.importer.endsWith(join('src', 'readiness', 'diagnose', 'matcher.ts'))
        ? { path: 'catalogue', namespace: 'split-catalogue' }
        : undefined,
    );
    b.onResolve({ filter: new RegExp(`^\\./${CATALOGUE_FILE.replace('.', '\\.')}$`) }, (args) => ({
      path: args.path,
      external: true,
    }));
    // A dist/ without the catalogue (copied by hand, half deleted) fails with one line, not
    // Node's multi-line "Cannot find module" and its require stack.
    b.onLoad({ filter: /.*/, namespace: 'split-catalogue' }, () => ({
      contents: `import { EnvironmentError } from ${JSON.stringify(join(top, 'src', 'errors.ts'))};
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
let m;
try {
  const file = join(__dirname, '${CATALOGUE_FILE}');
  // ASCII (checked below at build time): Latin-1 reads it without UTF-8's validation.
  const fn = new Script(readFileSync(file, 'latin1'), { filename: file }).runInThisContext();
  m = { exports: {} };
  fn(m.exports, require, m, file, __dirname);
  m = m.exports;
} catch (e) {
  if (e?.code !== 'ENOENT') throw e;
  throw new EnvironmentError('the diagnose catalogue (${CATALOGUE_FILE}) is missing beside the bundle', {
    hint: 'run \`npm run build\` (or \`npm start\`) to rebuild dist/',
  });
}
export const CATALOGUE = m.CATALOGUE;`,
      loader: 'ts',
      resolveDir: join(top, 'src'),
    }));
  },
};
/**
 * Three libraries were 375 KB of the 1.2 MB bundle (yaml 163 KB, @xmldom/xmldom 122 KB, tar 90 KB)
 * that only a few commands call: yaml the VM specs (`vm`, `up`), xmldom libvirt's XML (`vm`, the
 * libvirt hook), tar snapshot archives. Their code ran only on first use already, but every command
 * read and decoded their text at start-up (about 12 µs a KB here: 1.2 MB took 14 ms) and held it in
 * the heap. Each is built as a bundle of its own beside the main one (dist/vfiokit-<name>.cjs), and
 * the main bundle imports a stand-in whose exports are getters that load it on first use (as
 * deferBuiltins does for Node's own modules). The export names are the building Node's view of
 * the installed package, the same package the stand-in loads.
 */
const SPLIT_LIBS = {
  yaml: 'vfiokit-yaml.cjs',
  '@xmldom/xmldom': 'vfiokit-xmldom.cjs',
  tar: 'vfiokit-tar.cjs',
};
const splitLibs = {
  name: 'split-libs',
  setup(b) {
    b.onResolve({ filter: /^(yaml|@xmldom\/xmldom|tar)$/ }, (args) =>
      args.namespace === 'split-lib' ? undefined : { path: args.path, namespace: 'split-lib' },
    );
    b.onLoad({ filter: /.*/, namespace: 'split-lib' }, async (args) => {
      const names = Object.keys(await import(args.path)).filter((k) => k !== 'default');
      const file = SPLIT_LIBS[args.path];
      return {
        contents: `import { EnvironmentError } from ${JSON.stringify(join(top, 'src', 'errors.ts'))};
import { join } from 'node:path';
let m;
const load = () => {
  if (m) return m;
  try {
    m = require(join(__dirname, '${file}'));
  } catch (e) {
    if (e?.code !== 'MODULE_NOT_FOUND') throw e;
    throw new EnvironmentError('${file} (${args.path}) is missing beside the bundle', {
      hint: 'run \`npm run build\` (or \`npm start\`) to rebuild dist/',
    });
  }
  return m;
};
for (const k of ${JSON.stringify(names)}) Object.defineProperty(exports, k, { enumerable: true, get: () => load()[k] });`,
        loader: 'ts',
        resolveDir: join(top, 'src'),
      };
    });
  },
};
const tmp = `dist.tmp-${process.pid}`;
const buildId = randomBytes(8).toString('hex');
const pkg = JSON.parse(readFileSync(join(top, 'package.json'), 'utf8'));
await build({
  absWorkingDir: top,
  entryPoints: { vfiokit: 'src/cli/main.ts' },
  // Build beside dist/ and swap it in, so a concurrent test run never sees half a bundle.
  outdir: tmp,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  // Less to parse and compile at every start-up; names kept so --debug stacks stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [deferBuiltins, splitCatalogue, splitLibs],
  // import.meta.url has no meaning in one CommonJS file; the only use (src/fleet/pool.ts) takes
  // the bundle's own __filename there instead.
  define: { VFIOKIT_VERSION: JSON.stringify(pkg.version), 'import.meta.url': 'undefined' },
  // The bundle is one function expression with CommonJS's parameters, which bin/bundle-loader.cjs
  // compiles as it is: wrapping the text at load time made a second 1.8 MB copy of it, garbage
  // that stayed in the heap until the first full collection, usually past a scan's peak
  // (2 MB of every command's peak memory). The build ID ties the code cache to this very bundle.
  banner: { js: '(function (exports, require, module, __filename, __dirname) {' },
  footer: { js: `\n})\n// vfiokit-build:${buildId}` },
  logLevel: 'warning',
});

await build({
  absWorkingDir: top,
  // Through require(), so that esbuild keeps each catalogue file in a function of its own, run
  // when the catalogue is first used: V8 then compiles about forty small functions instead of one
  // top level of a megabyte, which left 4 MB more native memory behind (measured on `diagnose`).
  stdin: {
    contents: "module.exports = require('./src/readiness/diagnose/catalogue.ts');",
    resolveDir: top,
    sourcefile: 'vfiokit-catalogue.js',
    loader: 'js',
  },
  outfile: join(tmp, CATALOGUE_FILE),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  banner: { js: '(function (exports, require, module, __filename, __dirname) {' },
  footer: { js: '\n})' },
  logLevel: 'warning',
});

for (const [lib, file] of Object.entries(SPLIT_LIBS))
  await build({
    absWorkingDir: top,
    stdin: {
      contents: `module.exports = require('${lib}');`,
      resolveDir: top,
      sourcefile: file,
      loader: 'js',
    },
    outfile: join(tmp, file),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    legalComments: 'none',
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
  });

// One character outside ASCII (esbuild escapes strings but leaves regular-expression literals as
// written) makes V8 hold the whole 2 MB text as a two-byte string: 4 MB of every command's heap
// instead of 2. Write such characters as \\uXXXX escapes in the source.
for (const file of ['vfiokit.cjs', CATALOGUE_FILE]) {
  const text = readFileSync(join(top, tmp, file));
  const at = text.findIndex((b) => b > 0x7f);
  if (at >= 0) {
    const near = text.subarray(Math.max(0, at - 60), at + 20).toString('utf8');
    console.error(`build: ${file} is not ASCII at byte ${at}, in: ${near}`);
    rmSync(join(top, tmp), { recursive: true, force: true });
    process.exit(1);
  }
}

await buildDashboard(join(top, tmp));

// The V8 code cache for start-up; a build without one still runs, only slower to start.
const warm = spawnSync(process.execPath, [join(top, 'scripts/warm-code-cache.cjs'), join(top, tmp)], {
  stdio: ['ignore', 'ignore', 'inherit'],
  timeout: 60_000,
});
if (warm.status !== 0) console.error('build: no code cache written (start-up will be slower)');

const old = join(top, `dist.old-${process.pid}`);
if (existsSync(join(top, 'dist'))) renameSync(join(top, 'dist'), old);
renameSync(join(top, tmp), join(top, 'dist'));
rmSync(old, { recursive: true, force: true });

/**
 * The dashboard (`vfiokit ui`): the front end in ui/ (Preact) bundled by Vite into dist/ui, one
 * JS file whose gzipped size is printed and held under 150 KB; and the lab snapshots that
 * `vfiokit ui --demo` serves, packed as the archives `--root FILE.tar.gz` reads (test/ is not
 * shipped, dist/ is).
 */
async function buildDashboard(outDir) {
  const { gzipSync } = await import('node:zlib');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const vite = await import('vite');
  await vite.build({
    root: join(top, 'ui'),
    configFile: false,
    logLevel: 'warn',
    base: '/',
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    build: {
      outDir: join(outDir, 'ui'),
      emptyOutDir: true,
      // Everything as files under assets/: the server's CSP allows no inline code.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      target: 'es2022',
      reportCompressedSize: false,
    },
  });
  const assets = join(outDir, 'ui', 'assets');
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const gz = js.reduce((n, f) => n + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length, 0);
  console.log(
    `build: dashboard ${js.length} JS file(s), ${(gz / 1024).toFixed(1)} KB gzipped (limit 150 KB)`,
  );
  if (js.length !== 1 || gz > 150 * 1024) {
    console.error('build: the dashboard must be one JS bundle under 150 KB gzipped');
    process.exit(1);
  }
  const tar = await import('tar');
  const demo = join(outDir, 'demo');
  mkdirSync(demo, { recursive: true });
  const labs = readdirSync(join(top, 'test/fixtures'))
    .filter((n) => n.startsWith('lab-'))
    .sort();
  for (const lab of labs) {
    const tree = join(top, 'test/fixtures', lab, 'snapshot');
    if (!existsSync(join(tree, 'manifest.json'))) continue;
    // As src/host/snapshot-archive.ts writeArchive: portable, links kept as links.
    await tar.create(
      { gzip: true, file: join(demo, `${lab}.tar.gz`), cwd: tree, portable: true, follow: false },
      readdirSync(tree).sort(),
    );
  }
  writeFileSync(
    join(demo, 'README'),
    'Lab snapshots served by `vfiokit ui --demo` (from test/fixtures/lab-*).\n',
  );
}
