/**
 * The compendium's flowcharts, each cut into as many pages as it needs to be legible on A4 (generate.ts), rendered,
 * and checked against the page (config.ts FLOWCHART_PAGE, `legible`): the cut is made from an estimate of Mermaid's
 * layout, so a page may come out
 * - too wide (parallel branches side by side, their conditions, off-page connectors): the drawing is made again
 *   with its labels wrapped narrower, in proportion to the overshoot, down to MIN_WRAP_UNITS;
 * - taller than the estimate: it is cut again with a budget smaller by the overshoot;
 * and drawn again, at most RETRIES times. Of the rounds, the first whose every page is legible is kept, else the one
 * whose smallest text is largest. Every round goes through the cache, so a rebuild gives the same pages without
 * Chromium. Deterministic: each round depends only on the drawings before it.
 */
import { FLOWCHART_PAGE, legible, printedFontPt } from './config.js';
import { renderFlowcharts, type RenderFlowchartsOptions } from './batch.js';
import { isFailure, type FlowchartFailure, type RenderedFlowchart } from './renderer.js';
import { DEFAULT_WRAP_UNITS, MIN_WRAP_UNITS } from './wrap.js';

/** What a generated drawing is cut and wrapped to: the tallest page (CSS px) and the label width (wrap.ts units). */
export interface PageFit {
  maxHeightPx: number;
  wrapUnits: number;
}

export interface PagedItem {
  id: string;
  /** The drawing's pages for a fit, or one fixed source (a hand-drawn diagram, never cut). */
  pages: ((fit: PageFit) => string[]) | string;
}

export interface PagedResult {
  pages: RenderedFlowchart[];
  /** The Mermaid source of each page. */
  sources: string[];
  /** The fit the pages were made with (absent for a fixed source). */
  fit?: PageFit;
}

export type PagedOutcome = PagedResult | FlowchartFailure;

/** Rounds of re-cutting after the first drawing. */
const RETRIES = 4;

export const FIRST_FIT: PageFit = { maxHeightPx: FLOWCHART_PAGE.maxHeightPx, wrapUnits: DEFAULT_WRAP_UNITS };

/** The size the smallest text of a set of pages prints at (pt). */
function smallest(pages: readonly RenderedFlowchart[]): number {
  return Math.min(...pages.map((p) => printedFontPt(p.width, p.height)));
}

/** The next fit after a drawing with pages that do not fit the page, or undefined when nothing more can be done. */
export function nextFit(fit: PageFit, pages: readonly { width: number; height: number }[]): PageFit | undefined {
  const wide = Math.max(...pages.map((p) => p.width)) / FLOWCHART_PAGE.maxWidthPx;
  const tall = Math.max(...pages.map((p) => p.height / fit.maxHeightPx));
  let { maxHeightPx, wrapUnits } = fit;
  // Narrower labels: a row of boxes is about as wide as its labels, plus spacing that does not shrink (hence 0.95).
  if (wide > 1 && wrapUnits > MIN_WRAP_UNITS) wrapUnits = Math.max(MIN_WRAP_UNITS, Math.min(wrapUnits - 2, 2 * Math.floor((wrapUnits / wide) * 0.95 / 2)));
  if (tall > 1) maxHeightPx = Math.floor((maxHeightPx / tall) * 0.97);
  return maxHeightPx === fit.maxHeightPx && wrapUnits === fit.wrapUnits ? undefined : { maxHeightPx, wrapUnits };
}

export async function renderPagedFlowcharts(items: readonly PagedItem[], opts: RenderFlowchartsOptions): Promise<Map<string, PagedOutcome>> {
  const fits = new Map(items.map((it) => [it.id, FIRST_FIT]));
  const sourcesOf = (it: PagedItem) => (typeof it.pages === 'string' ? [it.pages] : it.pages(fits.get(it.id)!));
  const out = new Map<string, PagedOutcome>();
  let todo = [...items];
  for (let round = 0; round <= RETRIES && todo.length; round++) {
    const sources = new Map(todo.map((it) => [it.id, sourcesOf(it)]));
    const flat = todo.flatMap((it) => sources.get(it.id)!.map((source, k) => ({ id: `${it.id}\u0000${k}`, source })));
    const results = await renderFlowcharts(flat, {
      ...opts,
      // Progress counts the drawings of the first round; later rounds are few and quick.
      onProgress: round === 0 && opts.onProgress ? (done, total, id) => opts.onProgress!(done, total, id.split('\u0000')[0]) : undefined,
    });
    const again: PagedItem[] = [];
    for (const it of todo) {
      const srcs = sources.get(it.id)!;
      const pages = srcs.map((_, k) => results.get(`${it.id}\u0000${k}`)!);
      const failed = pages.find(isFailure);
      const before = out.get(it.id);
      if (failed) {
        // A later round that fails (it should not: same text, other cuts) leaves the earlier drawing in place.
        if (!before) out.set(it.id, failed);
        continue;
      }
      const drawn = pages as RenderedFlowchart[];
      if (typeof it.pages === 'string') { out.set(it.id, { pages: drawn, sources: srcs }); continue; }
      const fit = fits.get(it.id)!;
      if (!before || isFailure(before) || smallest(drawn) > smallest(before.pages) + 1e-9) out.set(it.id, { pages: drawn, sources: srcs, fit });
      if (round === RETRIES || drawn.every((p) => legible(p.width, p.height))) continue;
      const next = nextFit(fit, drawn);
      if (next) { fits.set(it.id, next); again.push(it); }
    }
    todo = again;
  }
  return new Map(items.map((it) => [it.id, out.get(it.id)!]));
}
