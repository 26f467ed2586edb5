/**
 * Parses library files, on worker threads when there are many (a cold index: 3,500 files): the main thread and the
 * workers take files off one queue through a shared counter, a few at a time, so all finish together; a worker sends
 * its results in chunks. Few files (one changed) are parsed in-process: starting a worker costs more.
 * Results are the same either way.
 */
import { drainShared } from '../util/queue.js';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { threadsFor } from '../util/threads.js';
import { unitTexts } from './articles.js';
import { storeVersion, type Contribution, type StoredVersion } from './cache.js';
import type { SkipReason } from './classify.js';
import type { ParsedFile } from './parse.js';
import { normTitle } from './titles.js';
import type { LibraryDefect } from './types.js';

/**
 * A parsed file ready for the index: its version without articles, and what it contributes to the cache (its
 * articles as JSON, its units' texts), made where it was parsed so that the main thread only joins them.
 */
export interface Packed { file: string; sha1: string; skipped?: SkipReason; defects: LibraryDefect[]; version?: StoredVersion; keys?: [string, string]; contribution?: Contribution }

export function pack(p: ParsedFile): Packed {
  const out: Packed = { file: p.file, sha1: p.sha1.slice(0, 16), defects: p.defects };
  if (p.skipped) out.skipped = p.skipped;
  if (p.version) {
    const { articles, sections, ...meta } = p.version;
    out.version = storeVersion({ ...meta, articleCount: (articles.length || sections?.length) ?? 0 });
    out.keys = [normTitle(meta.title), normTitle(meta.shortTitle)];
    out.contribution = { blob: JSON.stringify(sections ? { articles, sections } : { articles }), units: unitTexts(sections ? { articles, sections } : { articles }) };
  }
  return out;
}

export const WORKER_THRESHOLD = 64;
const BATCH = 4;
export const CHUNK = 100;

export interface Job { root: string; file: string }
export interface WorkerInput { jobs: Job[]; counter: Int32Array; port: MessagePort }
export interface WorkerChunk { indexes: number[]; results: Packed[]; done?: boolean }

type Parse = (file: string, text: string) => ParsedFile;

/**
 * The largest library file read: the longest texts of LawRefBook/Laws (the procuratorate's criminal procedure rules)
 * are about 300 KB. A file of tens of megabytes (one of 60 MB took 19 s and 2.7 GB) is no law text.
 */
export const MAX_LAW_FILE_BYTES = 5 * 1024 * 1024;

export function parseJob(parse: Parse, job: Job): Packed {
  let text: string;
  const skip = (kind: string, zh: string, en: string): Packed => ({ file: job.file, sha1: '', skipped: 'no-text', defects: [{ at: { file: job.file, line: 1 }, kind, zh, en }] });
  try {
    const abs = path.join(job.root, job.file);
    const size = statSync(abs).size;
    if (size > MAX_LAW_FILE_BYTES) {
      const mb = (size / 1048576).toFixed(1);
      return skip('too-large', `文件有 ${mb} MB，超过 5 MB，不像一部法律法规的文本，没有读取`, `${mb} MB, over 5 MB: no law text, not read`);
    }
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    // Unreadable (permissions, gone since listing): reported, never stopping the rest.
    const msg = e instanceof Error ? e.message : String(e);
    return { file: job.file, sha1: '', skipped: 'no-text', defects: [{ at: { file: job.file, line: 1 }, kind: 'unreadable', zh: `无法读取：${msg}`, en: `cannot be read: ${msg}` }] };
  }
  // A NUL, or bytes that are no UTF-8 (each read as U+FFFD): an image, an archive, a GBK file saved as .md.
  const bad = text.includes('\u0000') ? 1 : (text.match(/\ufffd/g)?.length ?? 0);
  if (bad && (text.includes('\u0000') || bad > 16)) {
    return skip('binary', '不是 UTF-8 文本（二进制内容或其他编码），没有读取', 'not UTF-8 text (binary, or another encoding): not read');
  }
  try {
    return pack(parse(job.file, text));
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { file: job.file, sha1: '', skipped: 'no-text', defects: [{ at: { file: job.file, line: 1 }, kind: 'unparsable', zh: `无法解析：${msg}`, en: `cannot be parsed: ${msg}` }] };
  }
}

/** Takes files off the shared queue, BATCH at a time (util/queue.ts). */
export function drain(counter: Int32Array, total: number, each: (i: number) => void, between?: () => void): void {
  drainShared(counter, total, BATCH, each, between);
}

export async function parseFiles(jobs: Job[]): Promise<Packed[]> {
  const { parseLawFile } = await import('./parse.js');
  const script = new URL('./worker.js', import.meta.url);
  const threads = jobs.length < WORKER_THRESHOLD ? 1 : threadsFor(script);
  if (threads < 2) return jobs.map((j) => parseJob(parseLawFile, j));
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const out: Packed[] = new Array(jobs.length);
  const workers = Array.from({ length: threads - 1 }, () => {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(script, { workerData: { jobs, counter, port: port2 } satisfies WorkerInput, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: 48 } });
    const state = { port: port1, worker, done: false, failed: undefined as Error | undefined };
    worker.once('error', (e) => { state.failed = e; });
    return state;
  });
  // Chunks come as structured clones: mostly strings (the articles' JSON, the texts), copied, not parsed again.
  const take = (chunk: WorkerChunk) => {
    chunk.indexes.forEach((i, k) => { out[i] = chunk.results[k]!; });
    return chunk.done === true;
  };
  const poll = () => {
    for (const w of workers) {
      for (let m = receiveMessageOnPort(w.port); m; m = w.done ? undefined : receiveMessageOnPort(w.port)) w.done = take(m.message as WorkerChunk);
    }
  };
  drain(counter, jobs.length, (i) => { out[i] = parseJob(parseLawFile, jobs[i]!); }, poll);
  await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
    const finish = () => { void w.worker.terminate(); resolve(); };
    poll();
    if (w.done) return finish();
    if (w.failed) return reject(w.failed);
    w.port.on('message', (m: WorkerChunk) => { if ((w.done = take(m))) { w.port.close(); finish(); } });
    w.worker.once('error', reject);
    w.worker.once('exit', (code) => { if (!w.done) reject(new Error(`library worker stopped (${code}) before sending all its results`)); });
  })));
  return out;
}
