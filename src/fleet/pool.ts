/**
 * Read many snapshots in parallel with worker threads. Each worker reads one snapshot at a time
 * and the main thread keeps only the summaries, so memory stays bounded by the number of workers,
 * not the number of hosts.
 *
 * The CLI is one bundled CommonJS file (scripts/build.mjs): there, a worker is that same file
 * started with workerData { vfiokitWorker: 'fleet' } (src/cli/main.ts hands it to the worker
 * loop). From source (tsx), the worker runs worker-entry.ts under the same loader.
 */
import { createRequire } from 'node:module';
import * as os from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InflateArena } from '../host/archive-root.js';
import type { FleetHost } from './host-summary.js';
import type { SnapshotInput } from './inputs.js';
import { readHostInto } from './read-host.js';
import type { WorkerAnswer, WorkerTask } from './worker.js';

export const WORKER_FLAG = 'vfiokit-fleet-worker';

function workerScript(): { file: string | URL; eval?: boolean } {
  // In the bundle `__filename` is the bundle itself; in ESM source it is not defined. The bundle
  // is one wrapped function (scripts/build.mjs) that only bin/bundle-loader.cjs runs, so the
  // worker loads it the same way.
  if (typeof __filename === 'string' && __filename.endsWith('.cjs')) {
    const loader = `${__filename.replace(/[/\\]dist[/\\][^/\\]+$/, '')}/bin/bundle-loader.cjs`;
    return {
      file: `require(${JSON.stringify(loader)}).loadBundle(${JSON.stringify(__filename)});`,
      eval: true,
    };
  }
  // From source the worker needs the TypeScript loader: Node 20 does not apply `--import` hooks
  // to a worker's entry module, so the worker loads worker-entry.ts through tsx's API.
  const api = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const entry = new URL('./worker-entry.ts', import.meta.url).href;
  return {
    file: `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`,
    eval: true,
  };
}

export function defaultJobs(): number {
  return Math.max(1, Math.min(8, os.availableParallelism()));
}

export async function readHosts(
  inputs: SnapshotInput[],
  opts: {
    jobs?: number;
    models?: string[];
    onHost?: (done: number, total: number) => void;
    /** false: read archives' tar entries even when they have a snapshot pack. */
    pack?: boolean;
    /** Inflate the tar entries after a pack too, refusing an archive whose entries are damaged. */
    verify?: boolean;
    /** How a host's snapshot was read, when that is worth saying (an archive read without its pack). */
    onNote?: (host: string, note: string) => void;
  } = {},
): Promise<FleetHost[]> {
  const models = opts.models ?? [];
  const jobs = Math.min(opts.jobs ?? defaultJobs(), inputs.length);
  const results: FleetHost[] = new Array(inputs.length);
  if (jobs <= 1) {
    const arena = new InflateArena();
    for (const [i, input] of inputs.entries()) {
      results[i] = await readHostInto(input, arena, models, {
        pack: opts.pack,
        verify: opts.verify,
        onNote: (n) => opts.onNote?.(input.name, n),
      });
      opts.onHost?.(i + 1, inputs.length);
    }
    return results;
  }
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (w: Worker) => {
        if (next >= inputs.length) return;
        const task: WorkerTask = {
          index: next,
          input: inputs[next],
          models,
          pack: opts.pack,
          verify: opts.verify,
        };
        next++;
        w.postMessage(task);
      };
      for (let i = 0; i < jobs; i++) {
        const { file, eval: isCode } = workerScript();
        const w = new Worker(file, { workerData: { [WORKER_FLAG]: true }, eval: isCode });
        workers.push(w);
        w.on('message', (m: WorkerAnswer) => {
          results[m.index] = m.host;
          if (m.note) opts.onNote?.(inputs[m.index].name, m.note);
          done++;
          opts.onHost?.(done, inputs.length);
          if (done === inputs.length) resolve();
          else feed(w);
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (done < inputs.length && code !== 0)
            reject(new Error(`a fleet worker exited with code ${code}`));
        });
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
