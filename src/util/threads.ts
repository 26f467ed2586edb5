/**
 * Whether work may go to worker threads, and how many threads there are to share it: the workers are compiled code
 * (run from the TypeScript sources, as under the tests, everything stays in-process), POWERBOOK_NO_WORKERS keeps
 * everything on one thread, and a machine with one core gains nothing from them.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

/** Threads in all (the main thread and its workers, at most 4) that may share work run by `script`; 1 when none may. */
export function threadsFor(script: URL): number {
  const threads = Math.min(availableParallelism(), 4);
  return threads < 2 || process.env.POWERBOOK_NO_WORKERS || !existsSync(fileURLToPath(script)) ? 1 : threads;
}
