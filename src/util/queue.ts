/**
 * A queue of `total` items shared by threads through one counter (an Int32Array on a SharedArrayBuffer): each thread
 * takes `batch` items at a time until none are left, calling `each` with every index taken and `between` after each
 * batch. Used by the repository's loader (check/pool.ts) and the law library's parser (library/pool.ts).
 */
export function drainShared(counter: Int32Array, total: number, batch: number, each: (i: number) => void, between?: () => void): void {
  for (;;) {
    const start = Atomics.add(counter, 0, batch);
    if (start >= total) return;
    const end = Math.min(total, start + batch);
    for (let i = start; i < end; i++) each(i);
    between?.();
  }
}
