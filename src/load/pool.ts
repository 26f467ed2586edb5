/**
 * Spreads per-file loading over threads for large repositories (thousands of powers), where parsing dominates: the
 * main thread takes one share and worker threads the others (one per further core). Small repositories load
 * in-process: starting a worker costs more than it saves. Results are identical either way.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { loadFile, type FileJob, type FileResult } from './file.js';
import type { SourceFile } from './source.js';

export const WORKER_THRESHOLD = 1500;

type Loaded = { result: FileResult; source?: SourceFile };

export async function loadFiles(jobs: FileJob[]): Promise<Loaded[]> {
  const threads = Math.min(availableParallelism(), 4);
  if (jobs.length < WORKER_THRESHOLD || threads < 2 || process.env.POWERBOOK_NO_WORKERS) return jobs.map(loadFile);
  // Interleave so each thread gets a similar mix of large and small files; share 0 stays on this thread.
  const shares: FileJob[][] = Array.from({ length: threads }, () => []);
  jobs.forEach((j, i) => shares[i % threads].push(j));
  const remote = shares.slice(1).map((share) => new Promise<FileResult[]>((resolve, reject) => {
    const w = new Worker(new URL('./worker.js', import.meta.url), { workerData: share });
    w.once('message', (m: string) => { resolve(JSON.parse(m) as FileResult[]); void w.terminate(); });
    w.once('error', reject);
  }));
  const local = shares[0].map(loadFile);
  const parts: Loaded[][] = [local, ...(await Promise.all(remote)).map((rs) => rs.map((result) => ({ result })))];
  const out: Loaded[] = new Array(jobs.length);
  parts.forEach((part, k) => part.forEach((r, i) => { out[i * threads + k] = r; }));
  return out;
}
