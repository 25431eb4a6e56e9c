/**
 * The fleet's worker thread: reads the snapshots the main thread sends, one at a time, and posts
 * back each host's summary (small: verdicts and addresses). One snapshot in memory per worker
 * bounds the run's memory whatever the number of hosts.
 */
import { parentPort } from 'node:worker_threads';
import type { SnapshotInput } from './inputs.js';
import { readHost } from './read-host.js';

export interface WorkerTask {
  index: number;
  input: SnapshotInput;
  models: string[];
}

export function runFleetWorker(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (t: WorkerTask) => {
    port.postMessage({ index: t.index, host: readHost(t.input, t.models) });
  });
}
