/**
 * Runs lab boots a few at a time. Each TCG guest keeps one host core busy (-smp 1), so on the
 * 2-core CI machine two boots at once halve the lab's wall time and a third would only queue.
 * VFIOKIT_LAB_JOBS overrides the default of 2.
 */
export function labJobs(): number {
  const n = Number(process.env.VFIOKIT_LAB_JOBS || 2);
  return Number.isInteger(n) && n > 0 ? n : 2;
}

/** Starts every task now, at most `jobs` running at once; each promise settles with its own task. */
export function pooled<T>(tasks: (() => Promise<T>)[], jobs = labJobs()): Promise<T>[] {
  let running = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    running--;
    queue.shift()?.();
  };
  return tasks.map(
    (task) =>
      new Promise<T>((resolve, reject) => {
        const start = () => {
          running++;
          task().then(resolve, reject).finally(next);
        };
        if (running < jobs) start();
        else queue.push(start);
      }),
  );
}
