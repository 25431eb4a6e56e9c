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
  const src = Math.max(newest(join(top, 'src')), statSync(join(top, 'package.json')).mtimeMs);
  if (statSync(out).mtimeMs >= src) process.exit(0);
}

const { build } = await import('esbuild');

// commander requires node:child_process at load for executable subcommands, which vfiokit does
// not use; loading it costs a few ms of every start. Hand commander a proxy that loads it on use.
const deferChildProcess = {
  name: 'defer-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('node_modules/commander/')
        ? { path: 'child_process', namespace: 'deferred' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'deferred' }, () => ({
      contents:
        "let m; module.exports = new Proxy({}, { get: (_, k) => (m ??= require('node:child_process'))[k] });",
      loader: 'js',
    }));
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
  plugins: [deferChildProcess],
  // import.meta.url has no meaning in one CommonJS file; the only use (src/fleet/pool.ts) takes
  // the bundle's own __filename there instead.
  define: { VFIOKIT_VERSION: JSON.stringify(pkg.version), 'import.meta.url': 'undefined' },
  // Ties the code cache to this very bundle (bin/bundle-loader.cjs).
  footer: { js: `// vfiokit-build:${buildId}` },
  logLevel: 'warning',
});

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
