/** Worker thread: loads files off the shared queue (see pool.ts), sending their results a chunk at a time. */
import { workerData } from 'node:worker_threads';
import { loadFile } from './file.js';
import { CHUNK, drain, type WorkerChunk, type WorkerInput } from './pool.js';

const { jobs, opts, counter, port } = workerData as WorkerInput;
let chunk: WorkerChunk = { indexes: [], results: [] };
drain(counter, jobs.length, (i) => {
  chunk.indexes.push(i);
  chunk.results.push(loadFile(jobs[i]!, opts).result);
  if (chunk.indexes.length >= CHUNK) { port.postMessage(JSON.stringify(chunk)); chunk = { indexes: [], results: [] }; }
});
chunk.done = true;
port.postMessage(JSON.stringify(chunk));
