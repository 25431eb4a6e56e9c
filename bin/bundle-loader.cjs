// Loads dist/vfiokit.cjs with V8's code cache (dist/vfiokit.cjs.cache, written by
// scripts/build.mjs after a warm-up run): V8 then skips compiling what the warm-up compiled,
// about a tenth of a short command's start-up. Node 20 has no module.enableCompileCache.
//
// The cache starts with the build ID that the bundle's last lines carry. V8 checks only the
// source length and its own version and flags, so a cache from another build of the same length
// would be accepted: a cache whose ID the bundle does not carry is never handed to V8. A missing,
// foreign or rejected cache only means compiling as usual.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire } = require('node:module');

const ID_BYTES = 16;

function buildId(source) {
  const m = /\/\/ vfiokit-build:([0-9a-f]{16})\s/.exec(source.slice(-400));
  return m ? m[1] : undefined;
}

function readCache(file, id) {
  if (!id) return undefined;
  let data;
  try {
    data = fs.readFileSync(`${file}.cache`);
  } catch {
    return undefined;
  }
  if (data.length <= ID_BYTES || data.toString('latin1', 0, ID_BYTES) !== id) return undefined;
  return data.subarray(ID_BYTES);
}

/** Evaluates the bundle as CommonJS; returns its exports and the vm.Script (for a new cache). */
function loadBundle(bundle, { useCache = true } = {}) {
  const file = path.resolve(bundle);
  // The build refuses a bundle with a byte outside ASCII (scripts/build.mjs), so Latin-1 reads the
  // same text as UTF-8, without the UTF-8 check: about 1 ms less of every start-up.
  const source = fs.readFileSync(file, 'latin1');
  const id = buildId(source);
  const cachedData = useCache ? readCache(file, id) : undefined;
  // The bundle is already wrapped in the shape of Node's own CommonJS wrapper (scripts/build.mjs):
  // compiled as read, with no second copy of its text.
  const script = new vm.Script(source, {
    filename: file,
    cachedData,
  });
  const mod = { exports: {}, filename: file, id: file };
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, path.dirname(file));
  return {
    exports: mod.exports,
    script,
    id,
    cacheRejected: cachedData ? script.cachedDataRejected : undefined,
  };
}

/**
 * V8 flags for a command that reads a host once and exits. Such a command calls each reader
 * thousands of times on a large host: enough for V8 to optimise them with TurboFan on its
 * background threads, but too late for the optimised code to repay that work before the process
 * exits. Without TurboFan (Ignition and Sparkplug only) `vfiokit groups` on a 4,096-function tree
 * took less CPU time and 11 MB less peak memory (bench/groups.bench.ts; README, "Speed"). Set
 * before the bundle is compiled, as V8 expects its flags (node:v8 setFlagsFromString: changing
 * them after the VM has started is undefined); the code cache is written under the same flags
 * (scripts/warm-code-cache.cjs), since V8 rejects a cache made under other ones. `ui` and `fleet`
 * keep the optimising compiler: they run long or repeat the same work over many hosts, and so does
 * `diagnose` reading a log (readsLog), under LOG_FLAGS.
 */
const ONE_SHOT_FLAGS = '--no-opt';

/**
 * V8 flags for `diagnose` reading a log: it runs the same few functions on every line, and on the
 * 50 MB bench log TurboFan halved the CPU time (bench/diagnose.bench.ts; README, "Benchmarks").
 * But with V8's usual tier-up budget it also optimised the start-up loops (planning 1,000 catalogue
 * patterns, building the literal automaton), which a small log never repays: 100 lines took 0.65 s
 * of CPU and 79 MB instead of 0.34 s and 60 MB. Sixteen times the budget (66 KB of bytecode run by
 * default) leaves those to the baseline compiler and still optimises the per-line code early:
 * 100 lines 0.41-0.46 s and 72 MB, 5 MB 0.95 s, 50 MB 2.9 s and 121 MB (against 3.0-3.3 s and 136 MB).
 */
const LOG_FLAGS = '--interrupt-budget=1081344';

/**
 * `diagnose` given a log to read rather than message text: -f/--file, --dmesg, or nothing but
 * options (standard input). Only a guess from the words: a wrong one changes speed, not results.
 */
function readsLog(args) {
  const i = args.indexOf('diagnose');
  if (i < 0) return false;
  const rest = args.slice(i + 1);
  // After "--" everything is message text; so is a word with a space (QEMU's "-device ...: ...").
  const dd = rest.indexOf('--');
  const words = dd < 0 ? rest : rest.slice(0, dd);
  const text = (dd >= 0 && dd < rest.length - 1) || words.some((a) => !a.startsWith('-') || a.includes(' '));
  const logOption = (a) => a === '-f' || a === '--file' || a.startsWith('--file=') || a === '--dmesg';
  return words.some(logOption) || !text;
}

function isOneShot(args) {
  return !args.includes('ui') && !args.includes('fleet') && !readsLog(args);
}

/** Writes the code cache for what has been compiled so far in this script. */
function writeCache(file, script, id) {
  fs.writeFileSync(`${file}.cache`, Buffer.concat([Buffer.from(id, 'latin1'), script.createCachedData()]));
}

module.exports = { loadBundle, writeCache, buildId, ONE_SHOT_FLAGS, LOG_FLAGS, isOneShot, readsLog };
