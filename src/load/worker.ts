/** Worker thread: loads a share of the repository's files (see pool.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { loadFile, type FileJob } from './file.js';

const jobs = workerData as FileJob[];
// A JSON string crosses the thread boundary several times faster than the structured clone of the same objects.
parentPort!.postMessage(JSON.stringify(jobs.map((j) => loadFile(j).result)));
