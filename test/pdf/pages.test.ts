/** Chunks and sheets: where the body may be cut, and how printed chunks become numbered sheets with blank pages. */
import { describe, expect, it } from 'vitest';
import type { Block, DocumentModel, Heading, Section } from '../../src/document/model.js';
import { isCut, planChunks, type Chunk } from '../../src/render/pdf/chunks.js';
import { sectionMark } from '../../src/render/pdf/html.js';
import { entryNumbers, planSheets, type ChunkPages } from '../../src/render/pdf/pages.js';
import { GB9704 } from '../../src/domain/profile.js';

const section = (kind: Section['kind'], blocks: Block[] = []): Section => ({ kind, orientation: 'portrait', blocks });
const heading = (anchor: string, text: string, more: Partial<Heading> = {}): Heading => ({ type: 'heading', level: 2, anchor, toc: true, children: [{ type: 'text', text }], ...more });
const para = (n = 100): Block => ({ type: 'paragraph', children: [{ type: 'text', text: '字'.repeat(n) }] });
const model = (sections: Section[]) => ({ sections, footnotes: [], meta: {} }) as unknown as DocumentModel;
const pages = (pageCount: number, dests: [string, number][] = []): ChunkPages => ({ pageCount, dests: new Map(dests) });

describe('cutting the body into chunks', () => {
  it('cuts only before a heading that starts a page and does not follow another heading', () => {
    const blocks: Block[] = [
      heading('p', '第三部分', { level: 1, role: 'part', pageBreakBefore: true }),
      heading('a', '一、职权法定类制度', { role: 'chapter' }), // goes with the rule after it to a new page
      heading('r1', '制度一', { level: 3, role: 'title', pageBreakBefore: true }),
      para(),
      heading('a2', '二、其他制度', { role: 'chapter' }), // starts a page: the chapter before a rule's title
      heading('r2', '制度二', { level: 3, role: 'title', pageBreakBefore: true }),
      para(),
      heading('r3', '制度三', { level: 3, role: 'title', pageBreakBefore: true }),
      para(),
      heading('h', '一、总则', { level: 4, role: 'chapter' }), // in the flow: no cut
      para(),
      heading('x', '十六、某事项', { role: 'chapter', pageBreakBefore: true }),
    ];
    expect(blocks.map((_, k) => isCut(blocks, k))).toEqual([false, false, false, false, true, false, false, true, false, false, false, true]);
  });

  it('keeps the cover and the 目录 in one chunk, and cuts the body into chunks of about the size asked', () => {
    const body: Block[] = [];
    for (let i = 0; i < 40; i++) body.push(heading(`h${i}`, `${i}`, { pageBreakBefore: true }), para(28 * 40)); // 2 pages each (41 lines)
    const m = model([section('cover', [para(10)]), section('front', [{ type: 'toc', title: '目录' }]), section('body', body)]);
    const one = planChunks(m, GB9704, { maxPages: Infinity });
    expect(one.map((c) => [c.body, c.toc, c.slices])).toEqual([
      [false, true, [{ section: 0, from: 0, to: 1 }, { section: 1, from: 0, to: 1 }]],
      [true, false, [{ section: 2, from: 0, to: 80 }]],
    ]);
    const four = planChunks(m, GB9704, { maxPages: 24 });
    expect(four.length).toBe(5);
    expect(four.slice(1).map((c) => c.slices)).toEqual([0, 20, 40, 60].map((from) => [{ section: 2, from, to: from + 20 }]));
    // At least 3 chunks when each has 20 pages or more; not when they would be smaller.
    expect(planChunks(m, GB9704, { maxPages: 1000, minChunks: 3, minPages: 20 }).length).toBe(4);
    expect(planChunks(m, GB9704, { maxPages: 1000, minChunks: 3, minPages: 30 }).length).toBe(3);
    expect(planChunks(m, GB9704, { maxPages: 1000, minChunks: 3, minPages: 100 }).length).toBe(2);
    // Every block exactly once, in order.
    const covered = (cs: Chunk[]) => cs.flatMap((c) => c.slices.flatMap((x) => Array.from({ length: x.to - x.from }, (_, k) => `${x.section}:${x.from + k}`)));
    expect(covered(four)).toEqual(covered(one));
  });
});

describe('sheets of the merged document', () => {
  const m = model([section('cover', [para()]), section('front', [{ type: 'toc', title: '目录' }]), section('body', [heading('a', '甲'), heading('b', '乙')])]);
  const chunks: Chunk[] = [
    { body: false, toc: true, estimate: 2, slices: [{ section: 0, from: 0, to: 1 }, { section: 1, from: 0, to: 1 }] },
    { body: true, toc: false, estimate: 5, slices: [{ section: 2, from: 0, to: 1 }] },
    { body: true, toc: false, estimate: 5, slices: [{ section: 2, from: 1, to: 2 }] },
  ];
  const prints = [
    pages(4, [[sectionMark(0), 0], [sectionMark(1), 1]]), // cover 1 page, 目录 3 pages
    pages(5, [[sectionMark(2), 0], ['a', 0]]),
    pages(6, [['b', 2]]),
  ];

  it('pads the cover and the 目录 to an even number of pages, numbers the body from 1 on right-hand sheets', () => {
    const plan = planSheets(m, chunks, prints);
    expect(plan.complete).toBe(true);
    expect(plan.pads).toEqual([1, 1, 0]);
    expect(plan.sheets.slice(0, 7)).toEqual([{ chunk: 0, page: 0 }, null, { chunk: 0, page: 1 }, { chunk: 0, page: 2 }, { chunk: 0, page: 3 }, null, { chunk: 1, page: 0 }]);
    expect(plan.numbers).toEqual(['', '', '', '', '', '', ...Array.from({ length: 11 }, (_, i) => String(i + 1))]);
    // The second body chunk starts at page 6, on a left-hand sheet: its print swaps the sides of the numbers.
    expect([plan.starts[1], plan.first[1], plan.swap[1]]).toEqual([6, 1, false]);
    expect([plan.starts[2], plan.first[2], plan.swap[2]]).toEqual([11, 6, true]);
    // Odd numbers on even (0-based) sheets: right-hand pages.
    plan.numbers.forEach((n, sheet) => { if (n) expect(Number(n) % 2).toBe(sheet % 2 === 0 ? 1 : 0); });
    expect(entryNumbers([heading('a', '甲'), heading('b', '乙'), heading('z', '无')], plan)).toEqual(['1', '8', '']);
  });

  it('places the body alone, without the front matter, and the first chunk not printed yet', () => {
    const body = planSheets(m, chunks, [undefined, prints[1], undefined], 1);
    expect(body.complete).toBe(false);
    expect([body.first[1], body.swap[1], body.first[2], body.swap[2]]).toEqual([1, false, 6, true]);
    expect(planSheets(m, chunks, [undefined, undefined, undefined], 1).first).toEqual([undefined, 1, undefined]);
  });
});
