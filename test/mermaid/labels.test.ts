/**
 * Flowchart labels as Mermaid really draws them in Chromium (the SVG's rows, read from its tspans), for every label of
 * the example's flowcharts as the compendium prints them (cut into pages, wrapped to fit the page's width) and for
 * generated hostile labels: Mermaid draws exactly the lines wrap.ts made (it wraps again past 200 px), and no line
 * breaks a rule — 避头尾, a number with its unit or a code cut, a last line holding one character alone.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../src/check/load.js';
import { chineseQuotes } from '../../src/domain/quotes.js';
import { formatTimeLimit } from '../../src/domain/time.js';
import type { Power, ProcedureStep } from '../../src/domain/types.js';
import { decodeLabelEntities } from '../../src/flowchart/escape.js';
import { powerToMermaidPages } from '../../src/flowchart/generate.js';
import { isFailure, renderPagedFlowcharts, type PageFit, type PagedResult } from '../../src/flowchart/index.js';
import { textWidth } from '../../src/flowchart/wrap.js';
import { svgRows } from './helpers.js';
import { breakProblems, hostileTexts } from './wrap-rules.js';

const EXAMPLE = path.resolve(__dirname, '../../examples/zhuzhou-commerce');
const squash = (s: string) => s.replace(/\s+/g, '');
const quoted = (s: string) => chineseQuotes([s])[0]!;

/** Every label of a Mermaid source (nodes, edges, subgraph titles), as its lines. */
function sourceLabels(src: string): string[][] {
  return [...src.matchAll(/(?:\[|\{|\(\[|\||subgraph \w+\[)"([^"]*)"/g)].map((m) => m[1].split('\\n').map((l) => decodeLabelEntities(l.replace(/#(\d+);/g, '&#$1;'))));
}

/** The paragraphs a step's box is made of, as generate.ts writes them (before wrapping). */
function stepParagraphs(s: ProcedureStep): string[] {
  const limit = formatTimeLimit(s.time_limit);
  return [s.name || s.id, s.actor ? `承办：${s.actor}` : '', limit ? `时限：${limit}` : '', s.description ? `内容：${s.description}` : '', s.duty ? `责任：${s.duty}` : '']
    .filter(Boolean).map((p) => quoted(String(p).trim()));
}

/** Rows of one drawn label cut back into the paragraphs they came from; undefined if a row straddles two. */
function byParagraph(rows: string[], paragraphs: string[]): string[][] | undefined {
  const out: string[][] = [];
  let r = 0;
  for (const p of paragraphs) {
    const want = squash(p);
    let got = '';
    const lines: string[] = [];
    while (r < rows.length && got.length < want.length) { got += squash(rows[r]); lines.push(rows[r]); r++; }
    if (got !== want) return undefined;
    out.push(lines);
  }
  return out;
}

/** Checks one power's drawing: returns the number of labels checked, fails the test on the first problem. */
function checkPower(power: Power, result: PagedResult): number {
  const drawn = result.pages.flatMap((p) => svgRows(p.svg!));
  // 1. Mermaid drew the lines we made, every label of every page, and nothing else.
  const made = result.sources.flatMap(sourceLabels).filter((l) => l.some((x) => x.trim()));
  const key = (rows: string[]) => JSON.stringify(rows.map((r) => r.trim()));
  expect(drawn.map(key).sort(), String(power.id)).toEqual(made.map(key).sort());
  // 2. The rules, paragraph by paragraph, for every step's box and every condition.
  let checked = 0;
  const fits = (word: string) => textWidth(word) <= 22;
  for (const step of power.procedure.steps) {
    const paras = stepParagraphs(step);
    const box = drawn.filter((rows) => squash(rows.join('')).startsWith(squash(paras.join(''))));
    expect(box.length, `${power.id} ${step.name}`).toBeGreaterThanOrEqual(1);
    const cut = byParagraph(box[0], paras);
    expect(cut, `${power.id}: a row straddles two paragraphs: ${JSON.stringify(box[0])}`).toBeDefined();
    cut!.forEach((lines, k) => expect(breakProblems(paras[k], lines, fits), `${power.id} ${step.name}`).toEqual([]));
    checked++;
    for (const t of step.next ?? []) {
      if (typeof t !== 'object' || !t.when) continue;
      const when = quoted(t.when.trim());
      const label = drawn.find((rows) => squash(rows.join('')) === squash(when));
      expect(label, `${power.id} condition ${when}`).toBeDefined();
      expect(breakProblems(when, label!, fits), `${power.id} condition`).toEqual([]);
      checked++;
    }
  }
  return checked;
}

/** Powers whose every text is a generated hostile one, with conditions, on two branches. */
function hostilePowers(): Power[] {
  const texts = hostileTexts(120, 1414);
  const powers: Power[] = [];
  for (let k = 0; k < 4; k++) {
    const t = (i: number) => texts[(k * 30 + i) % texts.length]!;
    const steps: ProcedureStep[] = Array.from({ length: 8 }, (_, i) => ({
      id: `s${i}`, name: t(i * 3), actor: t(i * 3 + 1), time_limit: t(i * 3 + 2).slice(0, 30), description: t(i * 3 + 3), duty: t(i * 3 + 4),
      ...(i === 7 ? { end: true } : i % 3 === 1
        ? { next: [{ to: `s${i + 1}`, when: t(i + 11) }, { to: `s${i + 2}`, when: t(i + 12) }, { to: 's0', when: t(i + 13) }] }
        : { next: [`s${i + 1}`] }),
    }));
    powers.push({ id: `HX-00${k}`, name: '对抗性标签', category: '其他', body: '株洲市商务局', unit: '法规科', legal_bases: [], procedure: { steps } } as unknown as Power);
  }
  return powers;
}

describe('flowchart labels as drawn', () => {
  it('are the lines wrap.ts made and keep the Chinese line-breaking rules: the example and hostile labels', async () => {
    const { repo } = await loadRepository(EXAMPLE);
    const powers = [...repo.powers.map((p) => p.data as Power), ...hostilePowers()];
    const items = powers.map((p) => ({ id: String(p.id), pages: (fit: PageFit) => powerToMermaidPages(p, fit) }));
    const paged = await renderPagedFlowcharts(items, { formats: ['svg'] });
    let labels = 0;
    for (const p of powers) {
      const r = paged.get(String(p.id))!;
      if (isFailure(r)) throw new Error(`${p.id}: ${r.error}`);
      labels += checkPower(p, r);
    }
    expect(labels).toBeGreaterThan(200);
  }, 300_000);
});
