/**
 * Laying out and writing a large document on worker threads (layout-worker.ts) as well as this one:
 * - each group of runs is laid out alone (layout.ts), so the groups can go to several threads at once, each with a
 *   young generation large enough for the layout's many short-lived objects; a group crosses without its pictures'
 *   bytes, which don't move a line;
 * - each batch of the document is written alone (batch.ts: docx writes it as a package of its own, which this thread
 *   joins to the others in order), its pictures crossing as their keys.
 * Each worker rebuilds the rendering context from what it is sent (the profile, the bookmark names, the TOC's entries,
 * the fonts' files, the document's properties). The results are the same as here; run from the TypeScript sources (as
 * under the tests), or with one core, everything is done in-process.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { threadsFor } from '../../util/threads.js';
import type { DocumentMeta } from '../../document/model.js';
import type { LayoutProfile } from '../../domain/profile.js';
import type { RenderContext } from './context.js';
import { loadEstimatorFonts, sharedFontFiles, type SharedFontFiles } from './fonts.js';
import type { LayoutItem, LayoutOptions } from './layout-types.js';
import type { TocEntry } from './toc.js';

/**
 * Fewer groups than this are laid out in-process: starting a worker and loading its fonts costs about a second.
 * (POWERBOOK_LAYOUT_POOL_MIN sets it, for the tests to lay a small document out on workers.)
 */
export const POOL_MIN_GROUPS = Number(process.env.POWERBOOK_LAYOUT_POOL_MIN) || 40;
/**
 * Fewer batches than this, with no groups to lay out, are written in-process (a worker costs a few tenths of a second to
 * start). POWERBOOK_WRITE_POOL_MIN sets it, for the tests.
 */
export const POOL_MIN_BATCHES = Number(process.env.POWERBOOK_WRITE_POOL_MIN) || 3;
/**
 * Threads that lay out and write a DOCX, by default: on a machine of fewer than 4 cores, one (this thread). Measured on
 * 2 cores (1,000 powers, 7,398 pages, layout cold, bench/RESULTS.md docx): a layout worker beside this thread took
 * about the same wall time (29.2 s against 30.4 s idle, and longer when the machine was busy), for a fifth more CPU
 * (each thread loads the fonts, compiles docx's code and collects its own heap) and 240 MB more memory (1,026 against
 * 781 MB). POWERBOOK_DOCX_THREADS sets the number (at most the cores, and 4).
 */
function docxThreads(script: URL): number {
  const most = threadsFor(script);
  const given = Number(process.env.POWERBOOK_DOCX_THREADS);
  if (Number.isInteger(given) && given >= 1) return Math.min(given, most);
  return availableParallelism() >= 4 ? most : 1;
}

/** The young generation of each worker (MB): the layout allocates a lot that dies young. */
const YOUNG_MB = 32;

/** What a worker writes batches with (batch.ts): the document's properties and the bookmark names in order. */
export interface WriterData {
  meta: DocumentMeta;
}

export interface LayoutWorkerData {
  profile: LayoutProfile;
  fontFiles?: Partial<Record<string, string>>;
  bookmarks: Array<[string, string]>;
  footnoteIds: number[];
  tocPageNumbers: boolean;
  tocEntries: TocEntry[];
  /** The font files as this thread read them, in shared memory. */
  fonts: SharedFontFiles;
  writer?: WriterData;
}

/** A group as it crosses to a worker: JSON, with pictures reduced to whether they are there. */
export function encodeGroup(group: readonly LayoutItem[]): string {
  return JSON.stringify(group.map((p) => ({ run: p.run, anchors: [...p.anchors], footnoteStart: p.footnoteStart, footnotes: p.footnotes })), (key, value: unknown) =>
    key === 'svg' && value !== undefined ? '' : key === 'png' && value !== undefined ? 1 : value);
}

export function decodeGroup(text: string): LayoutItem[] {
  const raw = JSON.parse(text, (key, value: unknown) => (key === 'png' && value === 1 ? new Uint8Array(0) : value)) as Array<Omit<LayoutItem, 'anchors'> & { anchors: Array<[string, string]> }>;
  return raw.map((p) => ({ ...p, anchors: new Map(p.anchors) }));
}

/** Tasks a worker holds at a time: the next waits in its queue while it works on one (the main thread answers late). */
const DEPTH = 2;

/**
 * Work for the pool: a task done on a worker (`message` is what it is sent; its answer goes to `done`), or here
 * (`local`, whose result goes to `done`). Tasks are taken in order, by whichever thread is free.
 */
export interface PoolTask<R> {
  message(): WorkerMessage;
  local(): Promise<R> | R;
  done(result: R): void;
  /** Done here only (the main thread), as the first batch with the footnotes. */
  here?: boolean;
}

/** What a worker is sent: a group of runs to lay out (`encodeGroup`), or a batch to write (batch.ts `encodeBatch`). */
export type WorkerMessage = { kind: 'group'; data: string } | { kind: 'batch'; data: string };

/**
 * Worker threads that lay out groups of runs and write batches, one fewer than the cores: the main thread takes tasks
 * too (each worker holds its own copy of the fonts' tables: a few hundred MB).
 */
export class LayoutPool {
  private constructor(private readonly workers: Worker[]) {}

  /**
   * A pool for this context, or undefined when the work should stay in-process. `layout`: whether it will lay pages
   * out (the fonts are read first, into memory the workers share); `writer`: what batches are written with.
   */
  static start(ctx: RenderContext, opts: LayoutOptions, use: { layout: boolean; writer?: WriterData }): LayoutPool | undefined {
    const script = new URL('./layout-worker.js', import.meta.url);
    const threads = docxThreads(script);
    if (threads < 2) return undefined;
    // Read here first, into shared memory, so that the workers take these bytes rather than each reading its own.
    if (use.layout) loadEstimatorFonts(ctx.profile, opts.fontFiles);
    const data: LayoutWorkerData = {
      profile: ctx.profile,
      ...(opts.fontFiles ? { fontFiles: opts.fontFiles } : {}),
      bookmarks: ctx.bookmarks.entries(),
      footnoteIds: [...ctx.footnoteIds],
      tocPageNumbers: ctx.tocPageNumbers,
      tocEntries: [...ctx.tocEntries],
      fonts: sharedFontFiles(),
      ...(use.writer ? { writer: use.writer } : {}),
    };
    return new LayoutPool(Array.from({ length: threads - 1 }, () => new Worker(script, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } })));
  }

  /**
   * Runs every task, on the workers and here, whoever is free taking the next one (a task marked `here` waits for this
   * thread). `spare` is called once, when a thread first finds nothing left to take.
   */
  async runAll(tasks: ReadonlyArray<PoolTask<unknown>>, spare?: () => void): Promise<void> {
    let next = 0;
    const taken = new Set<number>();
    let spared = false;
    const idle = () => {
      if (!spared) spare?.();
      spared = true;
    };
    /** The next task not taken yet (for a worker: one that may be done there). */
    const take = (remote: boolean): PoolTask<unknown> | undefined => {
      while (next < tasks.length && taken.has(next)) next++;
      for (let i = next; i < tasks.length; i++) {
        if (taken.has(i) || (remote && tasks[i]!.here)) continue;
        taken.add(i);
        return tasks[i];
      }
      return undefined;
    };
    const remote = (worker: Worker) => new Promise<void>((resolve, reject) => {
      const sent: Array<PoolTask<unknown>> = [];
      const send = () => {
        while (sent.length < DEPTH) {
          const task = take(true);
          if (!task) break;
          sent.push(task);
          worker.postMessage(task.message()); // encoded only now: all of them at once would be a copy of the document
        }
        if (sent.length === 0) { idle(); cleanup(); resolve(); }
      };
      const onMessage = (m: { result?: unknown; error?: string }) => {
        const task = sent.shift()!;
        if (m.error !== undefined) { cleanup(); reject(new Error(`DOCX (worker): ${m.error}`)); return; }
        try {
          task.done(m.result);
        } catch (e) {
          cleanup();
          reject(e);
          return;
        }
        send();
      };
      const onError = (e: unknown) => { cleanup(); reject(e); };
      const onExit = (code: number) => { cleanup(); reject(new Error(`DOCX worker stopped (${code})`)); };
      const cleanup = () => { worker.off('message', onMessage); worker.off('error', onError); worker.off('exit', onExit); };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      send();
    });
    const here = async () => {
      for (let task = take(false); task; task = take(false)) {
        task.done(await task.local());
        await new Promise((r) => setImmediate(r)); // let the workers' results in, and hand them their next tasks
      }
      idle();
    };
    await Promise.all([...this.workers.map(remote), here()]);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
