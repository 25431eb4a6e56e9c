/**
 * The fleet's worker thread: reads the snapshots the main thread sends, one at a time, and posts
 * back each host's summary (small: verdicts and addresses). One snapshot in memory per worker
 * bounds the run's memory whatever the number of hosts.
 */
import { parentPort } from 'node:worker_threads';
import { InflateArena } from '../host/archive-root.js';
import type { FleetHost } from './host-summary.js';
import type { SnapshotInput } from './inputs.js';
import { readHostInto } from './read-host.js';

export interface WorkerTask {
  index: number;
  input: SnapshotInput;
  models: string[];
  /** false: read archives' tar entries even when they have a snapshot pack. */
  pack?: boolean;
  /** Inflate the tar entries after a pack too (fleet --verify). */
  verify?: boolean;
}

export interface WorkerAnswer {
  index: number;
  host: FleetHost;
  /** How the snapshot was read, when that is worth saying (see ReadOptions.onNote). */
  note?: string;
}

export function runFleetWorker(): void {
  const port = parentPort;
  if (!port) return;
  const arena = new InflateArena();
  // The main thread sends the next task only after this one's answer: one snapshot at a time.
  port.on('message', async (t: WorkerTask) => {
    let note: string | undefined;
    const host = await readHostInto(t.input, arena, t.models, {
      pack: t.pack,
      verify: t.verify,
      onNote: (n) => {
        note = n;
      },
    });
    const answer: WorkerAnswer = { index: t.index, host, note };
    port.postMessage(answer);
  });
}
