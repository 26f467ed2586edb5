/**
 * FlowchartRenderer: one Chromium for a whole run, a few pages with Mermaid loaded once, many diagrams.
 *
 * - A diagram that fails (syntax error, …) returns `{error}`; the others go on.
 * - A page that fails (crash, timeout) is thrown away and the diagram retried once on a fresh page.
 * - If Chromium itself goes away (crash, killed), it is restarted once per renderer and the diagram retried.
 * - close() always stops Chromium and removes its temporary profile; callers use try/finally.
 */
import type { FileBytes } from '../util/file-bytes.js';
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { chromiumPath, launchChromium, type LaunchedBrowser } from '../browser/chromium.js';
import { renderSettings, type FlowchartFormat, type MermaidTheme, type PngOptions, type RenderSettings } from './config.js';
import { MermaidPage, type PageRenderResult } from './mermaid-page.js';
import { rasterise } from './png.js';

export interface RendererOptions {
  /** Pages rendering at the same time. Default: the number of CPUs, between 2 and 4. */
  concurrency?: number;
  fontFamily?: string;
  theme?: MermaidTheme;
  png?: PngOptions;
  /** Chromium to use; default POWERBOOK_CHROMIUM, PUPPETEER_EXECUTABLE_PATH, /usr/bin/chromium. */
  executablePath?: string;
  /** Per diagram and step (SVG, PNG). */
  timeoutMs?: number;
}

export interface RenderedFlowchart {
  svg?: string;
  png?: Buffer;
  /** The PNG left in the cache's file instead (batch.ts `pngInFile`): `png` is then not given. */
  pngFile?: FileBytes;
  /** Natural size of the SVG in CSS px. */
  width: number;
  height: number;
  pngWidth?: number;
  pngHeight?: number;
  /** Things that are not errors but matter for DOCX/PDF (e.g. a hand-written diagram with HTML labels). */
  warnings?: string[];
}

export interface FlowchartFailure {
  error: string;
}

export type FlowchartResult = RenderedFlowchart | FlowchartFailure;

export function isFailure<T extends object>(r: T | FlowchartFailure): r is FlowchartFailure {
  return 'error' in r && typeof (r as FlowchartFailure).error === 'string';
}

interface Slot { page: MermaidPage; generation: number }

export class FlowchartRenderer {
  readonly settings: RenderSettings;
  readonly concurrency: number;
  /** How often Chromium was restarted after a crash (at most once). */
  restarts = 0;

  private readonly executablePath: string;
  private readonly timeoutMs: number;
  private launched?: LaunchedBrowser;
  private generation = 0;
  private idle: Slot[] = [];
  private pages = 0;
  private waiters: (() => void)[] = [];
  private restartsLeft = 1;
  private restarting?: Promise<void>;
  private closed = false;

  private constructor(opts: RendererOptions) {
    this.executablePath = chromiumPath(opts.executablePath); // ChromiumMissingError before anything starts
    this.settings = renderSettings(opts);
    this.concurrency = Math.max(1, Math.floor(opts.concurrency ?? Math.min(4, Math.max(2, availableParallelism()))));
    this.timeoutMs = opts.timeoutMs ?? 60_000;
  }

  /** Starts Chromium. Throws ChromiumMissingError (Chinese + English message) when there is none. */
  static async launch(opts: RendererOptions = {}): Promise<FlowchartRenderer> {
    const renderer = new FlowchartRenderer(opts);
    await renderer.start();
    return renderer;
  }

  /** The Chromium process id, for tests and diagnostics. */
  get pid(): number | undefined {
    return this.launched?.browser.process()?.pid;
  }

  async render(source: string, formats: readonly FlowchartFormat[] = ['svg']): Promise<FlowchartResult> {
    const svgId = svgIdFor(source);
    let lastError: unknown;
    for (let attempt = 0; attempt < 2; attempt++) {
      let slot: Slot | undefined;
      let result: PageRenderResult;
      try {
        slot = await this.acquire();
        result = await slot.page.render(svgId, source, this.timeoutMs);
        this.release(slot, true);
      } catch (err) {
        if (slot) this.release(slot, false);
        if (this.closed) return { error: 'renderer closed' };
        lastError = err;
        await this.recover();
        continue;
      }
      // The page is free again while the PNG is drawn.
      return toResult(result, formats, this.settings);
    }
    return { error: `Chromium could not render this diagram: ${(lastError as Error)?.message ?? String(lastError)}` };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const wake of this.waiters.splice(0)) wake();
    await this.restarting?.catch(() => undefined);
    this.idle = [];
    await this.launched?.close();
  }

  private async start(): Promise<void> {
    this.launched = await launchChromium(this.executablePath);
    this.generation++;
    this.idle = [];
    this.pages = 0;
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** After a failure: if Chromium is gone, start a new one (once per renderer); concurrent callers share it. */
  private async recover(): Promise<void> {
    if (this.closed || this.launched?.browser.connected) return;
    if (this.restarting) return this.restarting;
    if (this.restartsLeft <= 0) return;
    this.restartsLeft--;
    this.restarting = (async () => {
      await this.launched?.close();
      if (this.closed) return;
      await this.start();
      this.restarts++;
    })()
      .catch(() => undefined) // the retry then fails and reports the diagram as an error
      .finally(() => { this.restarting = undefined; });
    return this.restarting;
  }

  /** A page of the current browser; opens one lazily (up to `concurrency`), else waits for one to be released. */
  private async acquire(): Promise<Slot> {
    for (;;) {
      if (this.closed) throw new Error('renderer closed');
      const slot = this.idle.pop();
      if (slot) return slot;
      if (this.pages < this.concurrency && this.launched?.browser.connected) {
        this.pages++;
        const generation = this.generation;
        try {
          return { page: await MermaidPage.open(this.launched.browser, this.settings), generation };
        } catch (err) {
          if (generation === this.generation) this.pages--;
          this.waiters.shift()?.();
          throw err;
        }
      }
      if (!this.launched?.browser.connected) throw new Error('Chromium is not running');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private release(slot: Slot, healthy: boolean): void {
    if (slot.generation !== this.generation) {
      void slot.page.close(); // from a browser that has been replaced
    } else if (healthy && !this.closed) {
      this.idle.push(slot);
    } else {
      this.pages--;
      void slot.page.close();
    }
    this.waiters.shift()?.();
  }
}

/** Stable per source, unique enough that two diagrams inlined in one HTML page do not share CSS ids. */
export function svgIdFor(source: string): string {
  return 'pb' + createHash('sha256').update(source).digest('hex').slice(0, 12);
}

/** The page's SVG, and its PNG drawn from it in Node (png.ts: byte-stable, unlike a screenshot), off the page. */
async function toResult(r: PageRenderResult, formats: readonly FlowchartFormat[], settings: RenderSettings): Promise<FlowchartResult> {
  if (!r.ok) return { error: r.error };
  const out: RenderedFlowchart = { width: r.width, height: r.height };
  if (formats.includes('svg')) out.svg = r.svg;
  if (formats.includes('png')) {
    try {
      Object.assign(out, await rasterise(r.svg, r.width, r.height, settings));
    } catch (err) {
      return { error: `the flowchart's PNG could not be drawn: ${(err as Error).message}` };
    }
  }
  if (r.warnings.length) out.warnings = r.warnings;
  return out;
}
