/**
 * Spreads per-file loading over worker threads for large repositories (thousands of powers), where parsing dominates.
 * Small repositories load in-process: starting workers would cost more than it saves. Results are identical either way.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { loadFile, type FileJob, type FileResult } from './file.js';
import type { SourceFile } from './source.js';

export const WORKER_THRESHOLD = 1500;

export async function loadFiles(jobs: FileJob[]): Promise<{ result: FileResult; source?: SourceFile }[]> {
  const n = Math.min(availableParallelism(), 4);
  if (jobs.length < WORKER_THRESHOLD || n < 2 || process.env.POWERBOOK_NO_WORKERS) return jobs.map(loadFile);
  // Interleave so each worker gets a similar mix of large and small files.
  const shares: FileJob[][] = Array.from({ length: n }, () => []);
  jobs.forEach((j, i) => shares[i % n].push(j));
  const parts = await Promise.all(shares.map((share) => new Promise<FileResult[]>((resolve, reject) => {
    const w = new Worker(new URL('./worker.js', import.meta.url), { workerData: share });
    w.once('message', (m: string) => { resolve(JSON.parse(m) as FileResult[]); void w.terminate(); });
    w.once('error', reject);
  })));
  const out: { result: FileResult }[] = new Array(jobs.length);
  parts.forEach((part, k) => part.forEach((r, i) => { out[i * n + k] = { result: r }; }));
  return out;
}
