/**
 * Laying the runs of a large document out on worker threads (layout-worker.ts): each group of runs is laid out alone
 * (layout.ts), so the groups can go to several threads at once, each with a young generation large enough for the
 * layout's many short-lived objects. Each worker rebuilds the rendering context from what it is sent (the profile,
 * the bookmark names, the TOC's entries, the fonts' files) and gets the runs without their pictures' bytes, which
 * don't move a line. The results are the same as laying them out here; run from the TypeScript sources (as under the
 * tests), or with one core, everything is laid out in-process.
 */
import { Worker } from 'node:worker_threads';
import { threadsFor } from '../../util/threads.js';
import type { LayoutProfile } from '../../domain/profile.js';
import type { RenderContext } from './context.js';
import { loadEstimatorFonts, sharedFontFiles, type SharedFontFiles } from './fonts.js';
import type { LayoutItem, LayoutOptions, RunPages } from './layout-types.js';
import type { TocEntry } from './toc.js';

/**
 * Fewer groups than this are laid out in-process: starting a worker and loading its fonts costs about a second.
 * (POWERBOOK_LAYOUT_POOL_MIN sets it, for the tests to lay a small document out on workers.)
 */
export const POOL_MIN_GROUPS = Number(process.env.POWERBOOK_LAYOUT_POOL_MIN) || 40;
/** The young generation of each worker (MB): the layout allocates a lot that dies young. */
const YOUNG_MB = 32;

export interface LayoutWorkerData {
  profile: LayoutProfile;
  fontFiles?: Partial<Record<string, string>>;
  bookmarks: Array<[string, string]>;
  footnoteIds: number[];
  tocPageNumbers: boolean;
  tocEntries: TocEntry[];
  /** The font files as this thread read them, in shared memory. */
  fonts: SharedFontFiles;
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

/**
 * Groups a worker holds at a time: the next ones wait in its queue while it lays out one (the main thread answers
 * late, and later still while it does other work).
 */
const DEPTH = 2;
const DEPTH_WHILE_BUSY = 6;

/**
 * Worker threads that lay out groups of runs, one fewer than the cores: the main thread lays out groups too, between
 * handing them out (each worker holds its own copy of the fonts: a few hundred MB).
 */
export class LayoutPool {
  private constructor(private readonly workers: Worker[]) {}

  /** A pool for this context, or undefined when the layout should stay in-process. */
  static start(ctx: RenderContext, opts: LayoutOptions): LayoutPool | undefined {
    const script = new URL('./layout-worker.js', import.meta.url);
    const threads = threadsFor(script);
    if (threads < 2) return undefined;
    // Read here first, into shared memory, so that the workers take these bytes rather than each reading its own.
    loadEstimatorFonts(ctx.profile, opts.fontFiles);
    const data: LayoutWorkerData = {
      profile: ctx.profile,
      ...(opts.fontFiles ? { fontFiles: opts.fontFiles } : {}),
      bookmarks: ctx.bookmarks.entries(),
      footnoteIds: [...ctx.footnoteIds],
      tocPageNumbers: ctx.tocPageNumbers,
      tocEntries: [...ctx.tocEntries],
      fonts: sharedFontFiles(),
    };
    return new LayoutPool(Array.from({ length: threads - 1 }, () => new Worker(script, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } })));
  }

  /**
   * Lays every group out, on the workers and with `local` (the main thread), whoever is free taking the next group;
   * `done` gets each group's results.
   */
  async layOutAll(
    groups: readonly (readonly LayoutItem[])[],
    local: (g: readonly LayoutItem[]) => Promise<RunPages[]>,
    done: (g: readonly LayoutItem[], r: RunPages[]) => void,
    meanwhile?: () => Promise<void>,
    spare?: () => void,
  ): Promise<void> {
    let next = 0;
    let spared = false;
    const idle = () => {
      if (!spared) spare?.();
      spared = true;
    };
    let busy = meanwhile !== undefined;
    const take = () => (next < groups.length ? groups[next++] : undefined);
    const remote = (worker: Worker) => new Promise<void>((resolve, reject) => {
      const sent: Array<readonly LayoutItem[]> = [];
      const send = () => {
        while (sent.length < (busy ? DEPTH_WHILE_BUSY : DEPTH)) {
          const g = take();
          if (!g) break;
          sent.push(g);
          worker.postMessage(encodeGroup(g)); // encoded only now: all of them at once would be a copy of the document
        }
        if (sent.length === 0) { idle(); cleanup(); resolve(); }
      };
      const onMessage = (m: { results?: RunPages[]; error?: string }) => {
        const g = sent.shift()!;
        if (!m.results) { cleanup(); reject(new Error(`DOCX page layout (worker): ${m.error}`)); return; }
        done(g, m.results);
        send();
      };
      const onError = (e: unknown) => { cleanup(); reject(e); };
      const onExit = (code: number) => { cleanup(); reject(new Error(`DOCX page layout worker stopped (${code})`)); };
      const cleanup = () => { worker.off('message', onMessage); worker.off('error', onError); worker.off('exit', onExit); };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      send();
    });
    const here = async () => {
      if (meanwhile) {
        await meanwhile();
        busy = false;
      }
      for (let g = take(); g; g = take()) {
        done(g, await local(g));
        await new Promise((r) => setImmediate(r)); // let the workers' results in, and hand them their next groups
      }
    };
    await Promise.all([...this.workers.map(remote), here()]);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
