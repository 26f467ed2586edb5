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
import { FIRST_FIT, FLOWCHART_PAGE, isFailure, legible, renderFlowcharts, renderPagedFlowcharts, type PageFit } from '../../src/flowchart/index.js';
import { MIN_WRAP_UNITS } from '../../src/flowchart/wrap.js';
import { compile, validate } from '../../src/pipeline/index.js';
import { edit, validRepo } from '../helpers/repo.js';
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

  /** A step that decides between `n` branches, each a step of its own with a long name and condition. */
  function branching(n: number): Power {
    const steps = [
      { id: 'a', name: '受理并审查申请材料', actor: '窗口工作人员', next: Array.from({ length: n }, (_, k) => ({ to: `b${k}`, when: `申请材料属于第${k + 1}种情形且符合相应的法定条件` })) },
      ...Array.from({ length: n }, (_, k) => ({ id: `b${k}`, name: `按照第${k + 1}种情形的规定办理并出具书面意见`, actor: '承办科室经办人', end: true })),
    ];
    return { ...bigPower(), id: `WIDE-${n}`, procedure: { steps } } as Power;
  }

  it('draws a page too wide again with labels wrapped narrower, rather than printing it smaller', async () => {
    const power = branching(4);
    const first = await renderFlowcharts(powerToMermaidPages(power, FIRST_FIT).map((source, k) => ({ id: String(k), source })), { formats: ['svg'] });
    const widths = [...first.values()].map((r) => { if (isFailure(r)) throw new Error(r.error); return r.width; });
    // Wrapped at 11 characters, four branches side by side are wider than the page allows at 10.5 pt.
    expect(Math.max(...widths)).toBeGreaterThan(FLOWCHART_PAGE.maxWidthPx);
    const r = (await renderPagedFlowcharts([{ id: 'w', pages: (fit: PageFit) => powerToMermaidPages(power, fit) }], { formats: ['svg'] })).get('w')!;
    if (isFailure(r)) throw new Error(r.error);
    expect(r.fit!.wrapUnits).toBeLessThan(FIRST_FIT.wrapUnits);
    for (const page of r.pages) expect(legible(page.width, page.height), `${page.width} × ${page.height}`).toBe(true);
  }, 120_000);

  it('warns (flowchart-small-text) when a generated drawing is too wide even at 4 characters a line', async () => {
    const repo = await validRepo();
    const wide = branching(12);
    const yaml = ['procedure:', '  steps:', ...wide.procedure.steps.flatMap((s) => [
      `    - id: ${s.id}`, `      name: ${s.name}`, `      actor: ${s.actor}`,
      ...(s.end ? ['      end: true'] : ['      next:', ...(s.next as { to: string; when: string }[]).flatMap((t) => [`        - to: ${t.to}`, `          when: ${t.when}`])]),
    ])].join('\n');
    edit(repo, 'powers/XK-001.yaml', (text) => text.replace(/^procedure:\n(?:[ ].*\n)+/m, `${yaml}\n`));
    const v = await validate(repo);
    expect(v.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const c = await compile(v.repo, { lint: v.lint });
    const small = c.warnings.filter((d) => d.rule === 'flowchart-small-text');
    expect(small.map((d) => d.file)).toEqual(['powers/XK-001.yaml']);
    // It was drawn at the narrowest labels first.
    const r = (await renderPagedFlowcharts([{ id: 'w', pages: (fit: PageFit) => powerToMermaidPages(wide, fit) }], { formats: ['svg'] })).get('w')!;
    if (isFailure(r)) throw new Error(r.error);
    expect(r.fit!.wrapUnits).toBe(MIN_WRAP_UNITS);
  }, 180_000);
});
