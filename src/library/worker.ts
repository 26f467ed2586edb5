/** Worker thread: parses library files off the shared queue (see pool.ts), sending results a chunk at a time. */
import { workerData } from 'node:worker_threads';
import { parseLawFile } from './parse.js';
import { CHUNK, drain, parseJob, type WorkerChunk, type WorkerInput } from './pool.js';

const { jobs, counter, port } = workerData as WorkerInput;
let chunk: WorkerChunk = { indexes: [], results: [] };
drain(counter, jobs.length, (i) => {
  chunk.indexes.push(i);
  chunk.results.push(parseJob(parseLawFile, jobs[i]!));
  if (chunk.indexes.length >= CHUNK) { port.postMessage(chunk); chunk = { indexes: [], results: [] }; }
});
chunk.done = true;
port.postMessage(chunk);
