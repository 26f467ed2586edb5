/** Worker thread of zip.ts `Deflater`: deflates the parts it is sent, as `ZipWriter` would. */
import { parentPort } from 'node:worker_threads';
import { deflateSync } from 'fflate';
import { deflated, deflatedSegment, type DeflateRequest } from './zip.js';

parentPort!.on('message', ({ id, data, level, segment }: DeflateRequest) => {
  if (segment) {
    const part = deflatedSegment(data, level);
    parentPort!.postMessage({ id, part }, [part.buffer as ArrayBuffer]);
    return;
  }
  const part = deflated(data, level);
  parentPort!.postMessage({ id, part }, [part.data.buffer as ArrayBuffer]);
});

// fflate is loaded by zip.js too: imported here so the worker fails at start, not at its first part, if it can't be.
void deflateSync;
