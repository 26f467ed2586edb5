/**
 * The compendium's flowcharts, each cut into as many pages as it needs to be legible on A4 (generate.ts), rendered,
 * and checked: the cut is made from an estimate of Mermaid's layout, so a page that came out taller than the estimate
 * (its text would print smaller than FLOWCHART_MIN_FONT_PT, config.ts `legible`) is cut again with a smaller budget and drawn again. Both
 * rounds go through the cache, so a rebuild gives the same pages without Chromium. Deterministic: the second budget
 * depends only on the first drawing.
 */
import { FLOWCHART_PAGE, legible } from './config.js';
import { renderFlowcharts, type RenderFlowchartsOptions } from './batch.js';
import { isFailure, type FlowchartFailure, type RenderedFlowchart } from './renderer.js';

export interface PagedItem {
  id: string;
  /** The drawing's pages for a page budget (CSS px), or one fixed source (a hand-drawn diagram, never cut). */
  pages: ((maxHeightPx: number) => string[]) | string;
}

export interface PagedResult {
  pages: RenderedFlowchart[];
  /** The Mermaid source of each page. */
  sources: string[];
}

export type PagedOutcome = PagedResult | FlowchartFailure;

/** Rounds of re-cutting after the first drawing. */
const RETRIES = 2;

export async function renderPagedFlowcharts(items: readonly PagedItem[], opts: RenderFlowchartsOptions): Promise<Map<string, PagedOutcome>> {
  const budget = new Map(items.map((it) => [it.id, FLOWCHART_PAGE.maxHeightPx]));
  const sourcesOf = (it: PagedItem) => (typeof it.pages === 'string' ? [it.pages] : it.pages(budget.get(it.id)!));
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
      if (failed) { out.set(it.id, failed); continue; }
      const drawn = pages as RenderedFlowchart[];
      out.set(it.id, { pages: drawn, sources: srcs });
      if (typeof it.pages === 'string' || round === RETRIES) continue;
      // Only a page too tall can be helped by cutting; one too wide stays as it is.
      const over = Math.max(...drawn.map((p) => p.height / FLOWCHART_PAGE.maxHeightPx));
      if (over > 1 && drawn.some((p) => !legible(p.width, p.height))) {
        budget.set(it.id, Math.floor((budget.get(it.id)! / over) * 0.97));
        again.push(it);
      }
    }
    todo = again;
  }
  return new Map(items.map((it) => [it.id, out.get(it.id)!]));
}
