/**
 * Spreads per-file loading over threads for large repositories (thousands of powers), where parsing dominates.
 *
 * The files form one queue that the main thread and the worker threads (one per further core, at most 3) take from
 * through a shared counter, a few files at a time: whoever is free takes the next files, so the threads finish
 * together whatever their speed, and the main thread starts at once instead of waiting for the workers to boot.
 * A worker sends its results in chunks, each a JSON string (several times faster across threads than a structured
 * clone of the same objects), which the main thread takes in between its own files: the workers' serialising and
 * the main thread's parsing overlap with the rest of the work instead of coming after it.
 * Small repositories load in-process: starting a worker costs more than it saves. Results are identical either way.
 */
import { drainShared } from '../util/queue.js';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { loadFile, type FileJob, type FileResult, type LoadOptions } from './file.js';
import type { SourceFile } from '../load/source.js';
import { threadsFor } from '../util/threads.js';

export const WORKER_THRESHOLD = 1500;
/** Files taken from the queue at a time. */
export const BATCH = 8;
/** Files a worker loads before it sends their results. */
export const CHUNK = 400;

type Loaded = { result: FileResult; source?: SourceFile };

export interface WorkerInput { jobs: FileJob[]; opts: LoadOptions; counter: Int32Array; port: MessagePort }
/** A chunk a worker sends (as JSON): the indexes of files it loaded and their results in the same order; `done` last. */
export interface WorkerChunk { indexes: number[]; results: FileResult[]; done?: boolean }

/** Takes files off the shared queue, BATCH at a time (util/queue.ts). */
export function drain(counter: Int32Array, total: number, each: (i: number) => void, between?: () => void): void {
  drainShared(counter, total, BATCH, each, between);
}

export async function loadFiles(jobs: FileJob[], opts: LoadOptions = {}): Promise<Loaded[]> {
  const script = new URL('./worker.js', import.meta.url);
  const threads = jobs.length < WORKER_THRESHOLD ? 1 : threadsFor(script);
  if (threads < 2) return jobs.map((j) => loadFile(j, opts));
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const out: Loaded[] = new Array(jobs.length);
  const workers = Array.from({ length: threads - 1 }, () => {
    const { port1, port2 } = new MessageChannel();
    // A larger young generation: parsing makes many short-lived objects, and the default one is collected too often.
    const worker = new Worker(script, {
      workerData: { jobs, opts, counter, port: port2 } satisfies WorkerInput, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: 48 },
    });
    const state = { port: port1, worker, done: false, failed: undefined as Error | undefined };
    worker.once('error', (e) => { state.failed = e; });
    return state;
  });
  const take = (m: string) => {
    const chunk = JSON.parse(m) as WorkerChunk;
    chunk.indexes.forEach((i, k) => { out[i] = { result: chunk.results[k]! }; });
    return chunk.done === true;
  };
  const poll = () => {
    for (const w of workers) {
      for (let m = receiveMessageOnPort(w.port); m; m = w.done ? undefined : receiveMessageOnPort(w.port)) w.done = take(m.message as string);
    }
  };
  drain(counter, jobs.length, (i) => { out[i] = loadFile(jobs[i]!, opts); }, poll);
  // The queue is empty: what the workers still hold comes as their last chunks.
  await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
    const finish = () => { void w.worker.terminate(); resolve(); };
    poll();
    if (w.done) return finish();
    if (w.failed) return reject(w.failed);
    w.port.on('message', (m: string) => { if ((w.done = take(m))) { w.port.close(); finish(); } });
    w.worker.once('error', reject);
    w.worker.once('exit', (code) => { if (!w.done) reject(new Error(`worker stopped (${code}) before sending all its results`)); });
  })));
  return out;
}
