/** From sheets to displayed page numbers, and the blank pages that start each run of pages on a right-hand sheet. */
import { describe, expect, it } from 'vitest';
import type { DocumentModel, Heading, Section } from '../../src/document/model.js';
import { sectionMark } from '../../src/render/pdf/html.js';
import { entrySheets, layoutOf, planPadding } from '../../src/render/pdf/pages.js';

const section = (kind: Section['kind']): Section => ({ kind, orientation: 'portrait', blocks: [] });
const model = { sections: [section('cover'), section('front'), section('body'), section('body')] } as unknown as DocumentModel;
const dests = (starts: number[], extra: [string, number][] = []) => new Map([...starts.map((s, i) => [sectionMark(i), s] as [string, number]), ...extra]);
const heading = (anchor: string, text: string): Heading => ({ type: 'heading', level: 1, anchor, toc: true, children: [{ type: 'text', text }] });

describe('page numbers from a printed PDF', () => {
  it('numbers the body from 1 after the cover and the 目录, across body sections', () => {
    const layout = layoutOf(model, { dests: dests([0, 1, 4, 10]), pageCount: 15 }, [0, 0, 0, 0]);
    expect(layout.starts).toEqual([0, 1, 4, 10]);
    expect(layout.numbers).toEqual(['', '', '', '', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
  });

  it('pads the cover and the 目录 to an even number of pages, so that page 1 is a right-hand page', () => {
    const first = layoutOf(model, { dests: dests([0, 1, 4, 10]), pageCount: 15 }, [0, 0, 0, 0]);
    const pads = planPadding(model, first, 15, [0, 0, 0, 0]);
    expect(pads).toEqual([1, 1, 0, 0]);
    // Printed again with the blank pages: they are neither numbered nor counted, and the plan stays the same.
    const second = layoutOf(model, { dests: dests([0, 2, 6, 12]), pageCount: 17 }, pads);
    expect(second.numbers.slice(0, 7)).toEqual(['', '', '', '', '', '', '1']);
    expect(second.numbers.at(-1)).toBe('11');
    expect(planPadding(model, second, 17, pads)).toEqual(pads);
    // Odd numbers on even (0-based) sheets: right-hand pages.
    second.numbers.forEach((n, sheet) => { if (n) expect(Number(n) % 2).toBe(sheet % 2 === 0 ? 1 : 0); });
  });

  it('finds each 目录 entry by its named destination, else by the next bookmark with its text', () => {
    const entries = [heading('a', '甲'), heading('b', '乙 丙'), heading('c', '丁')];
    const outline = [{ title: '甲', page: 3, depth: 0 }, { title: '乙丙', page: 7, depth: 0 }, { title: '戊', page: 9, depth: 0 }];
    expect(entrySheets(entries, { dests: dests([], [['a', 5]]), outline })).toEqual([5, 7, -1]);
  });
});
