/**
 * Legible on A4: real Chromium draws the pages a long procedure is cut into, and every page, shrunk into the figure box
 * of a GB/T 9704 page, prints its text at 五号 (10.5 pt) or larger — for the example repository's every power and for a
 * 22-step procedure that as one drawing would print at about 3 pt.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../src/check/load.js';
import type { Power } from '../../src/domain/types.js';
import { FLOWCHART_MIN_FONT_PT, printedFontPt } from '../../src/flowchart/config.js';
import { powerToMermaid, powerToMermaidPages } from '../../src/flowchart/generate.js';
import { isFailure, renderFlowcharts, renderPagedFlowcharts, type PageFit } from '../../src/flowchart/index.js';
import { bigPower } from './fixtures.js';
import { squash, svgTexts } from './helpers.js';

const EXAMPLE = path.resolve(__dirname, '../../examples/zhuzhou-commerce');

describe('flowchart pages', () => {
  it('print every page of every flowchart at 10.5 pt or more, with every step drawn once', async () => {
    const { repo } = await loadRepository(EXAMPLE);
    const big22 = { ...bigPower(), id: 'BIG-022' } as Power;
    const powers: Power[] = [...repo.powers.map((p) => p.data as Power), big22];
    expect(powers.length).toBeGreaterThan(10);
    const items = powers.map((p) => ({ id: String(p.id), pages: (fit: PageFit) => powerToMermaidPages(p, fit) }));
    const paged = await renderPagedFlowcharts(items, { formats: ['svg'] });
    const whole = await renderFlowcharts(powers.map((p) => ({ id: String(p.id), source: powerToMermaid(p) })), { formats: ['svg'] });
    let cut = 0;
    for (const p of powers) {
      const r = paged.get(String(p.id))!;
      if (isFailure(r)) throw new Error(r.error);
      for (const page of r.pages) expect(printedFontPt(page.width, page.height), `${p.id}`).toBeGreaterThanOrEqual(FLOWCHART_MIN_FONT_PT - 0.05);
      const texts = r.pages.map((page) => squash(svgTexts(page.svg!).join('|')));
      for (const step of p.procedure.steps) expect(texts.filter((t) => t.includes(squash(step.name))).length, `${p.id} ${step.name}`).toBeGreaterThanOrEqual(1);
      const w = whole.get(String(p.id))!;
      if (isFailure(w)) throw new Error(w.error);
      if (r.pages.length > 1) {
        cut++;
        // Cutting was needed: the whole drawing would print too small.
        expect(printedFontPt(w.width, w.height), `${p.id}`).toBeLessThan(FLOWCHART_MIN_FONT_PT);
      }
    }
    expect(cut).toBeGreaterThan(3);
    const big = paged.get('BIG-022')!;
    if (isFailure(big)) throw new Error(big.error);
    expect(big.pages.length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
