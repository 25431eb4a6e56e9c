/**
 * Runs lab boots a few at a time. Each TCG guest keeps one host core busy (-smp 1), so on the
 * 2-core CI machine two boots at once halve the lab's wall time and a third would only queue.
 * VFIOKIT_LAB_JOBS overrides the default of 2. The limit is per process: every caller shares it.
 */
export function labJobs(): number {
  const n = Number(process.env.VFIOKIT_LAB_JOBS || 2);
  return Number.isInteger(n) && n > 0 ? n : 2;
}

let running = 0;
const queue: (() => void)[] = [];

/** Runs `task` as soon as one of the lab's boot slots is free. */
export function inLabSlot<T>(task: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const start = () => {
      running++;
      task()
        .then(resolve, reject)
        .finally(() => {
          running--;
          queue.shift()?.();
        });
    };
    if (running < labJobs()) start();
    else queue.push(start);
  });
}

/** Starts every task now (queued in order); each promise settles with its own task. */
export function pooled<T>(tasks: (() => Promise<T>)[]): Promise<T>[] {
  return tasks.map(inLabSlot);
}
