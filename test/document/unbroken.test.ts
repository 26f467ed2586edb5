/**
 * Codes and numbers kept whole on their lines (src/document/unbroken.ts): what counts as one, how wide a column must be
 * for them, and where the DOCX breaks a line itself — before a code Word or LibreOffice would split, and as
 * LibreOffice breaks it where its space between Chinese and Latin letters moves a line break.
 */
import { describe, expect, it } from 'vitest';
import type { Table } from '../../src/document/model.js';
import { charWidthEm, columnMinimums, fitColumns, plannedBreaks, unbrokenSpans, withAutospace, type Metric } from '../../src/document/unbroken.js';

const spans = (t: string) => unbrokenSpans(t).map((s) => t.slice(s.start, s.end));
const cut = (t: string, breaks: readonly number[]) => { let out = '', at = 0; for (const b of breaks) { out += `${t.slice(at, b)}|`; at = b; } return out + t.slice(at); };

describe('codes and numbers', () => {
  it('are codes, dates, numbers with separators and numbers with their units, not plain words', () => {
    expect(spans('事项XK-001，电话0731-28680615，2025-11-06施行')).toEqual(['XK-001', '0731-28680615', '2025-11-06']);
    expect(spans('受理之日起20个工作日内，24小时内，3个月，处5万元罚款，1.5万元')).toEqual(['20个工作日', '24小时', '3个月', '5万元', '1.5万元']);
    expect(spans('ISO 9001 and GB')).toEqual([]);
  });

  it('make a column as wide as the widest of them, and as its short lines holding one', () => {
    const t: Table = { type: 'table', headerRows: 1, widths: [1, 1], rows: [
      { header: true, cells: [{ children: [{ type: 'text', text: '事项编码' }] }, { children: [{ type: 'text', text: '时限' }] }] },
      { cells: [{ children: [{ type: 'text', text: 'XK-001' }] }, { children: [{ type: 'text', text: '法定：20个工作日' }, { type: 'break' }, { type: 'text', text: '承诺：10个工作日' }] }] },
    ] };
    const min = columnMinimums(t, 2);
    expect(min.tokens[0]).toBeCloseTo(0.8 * 2 + 0.5 + 1.5, 5);
    expect(min.tokens[1]).toBeCloseTo(1 + 4, 5);
    expect(min.lines[1]).toBeCloseTo(3 + 1 + 4, 5);
    expect(min.headers).toEqual([4, 2]);
    // widened from the others, none below 60 % of its width nor its header: the short lines where that leaves room…
    const wide = fitColumns([200, 40], min, (em) => em * 12);
    expect(wide.widths[0]).toBeCloseTo(144, 5);
    expect(wide.widths[1]).toBeCloseTo(96, 5);
    expect(wide.minimum).toBe(min.lines);
    // …else the codes and numbers alone
    const narrow = fitColumns([100, 40], min, (em) => em * 12);
    expect(narrow.widths).toEqual([80, 60]);
    expect(narrow.minimum).toBe(min.tokens);
  });
});

describe('line breaks of our own', () => {
  it('go before a code or number a consumer would split, never inside one', () => {
    expect(cut('受理之日起3个工作日内', plannedBreaks('受理之日起3个工作日内', { widthEm: 6.25 }))).toBe('受理之日起|3个工作日内');
    expect(cut('法定：20个工作日', plannedBreaks('法定：20个工作日', { widthEm: 6.25 }))).toBe('法定：|20个工作日');
    // after 、 before a letter, where the line is fullest (Word and LibreOffice break "JC-" / "001" otherwise)
    const list = 'CF-001、JC-001、QZ-001、QZ-002';
    expect(cut(list, plannedBreaks(list, { widthEm: 8.25, spacingEm: -0.4 / 12 }))).toBe('CF-001、|JC-001、|QZ-001、QZ-002');
    expect(plannedBreaks('一段没有代码和数字的中文', { widthEm: 4 })).toEqual([]);
  });

  it('follow LibreOffice where its space between Chinese and Latin letters moves a line break', () => {
    const own: Metric = charWidthEm;
    const lo = withAutospace(own);
    // 0.2 em beside each of the 4 changes of script: 11.6 em in LibreOffice, 10.8 em without
    const text = '甲乙XK丙丁ABCD戊己';
    expect([...text].reduce((w, c, i, a) => w + lo(c, a[i - 1], a[i + 1]), 0)).toBeCloseTo([...text].reduce((w, c) => w + own(c), 0) + 0.8, 5);
    const room = { widthEm: 11.2 };
    expect(plannedBreaks(text, room, [own])).toEqual([]);
    expect(cut(text, plannedBreaks(text, room, [own], [own, lo]))).toBe('甲乙XK丙丁ABCD戊|己');
  });

  it('add no line break where LibreOffice breaks elsewhere on as many lines (a word of the text is never cut by us)', () => {
    const own: Metric = charWidthEm;
    const lo = withAutospace(own);
    // Two lines in both, the first ending at 戊 in ours and at 丁 in LibreOffice's: the heights agree, nothing to force.
    const text = '甲乙XK丙丁ABCD戊己庚辛';
    const room = { widthEm: 11.2 };
    const starts = (m: Metric) => {
      const at: number[] = [];
      let used = 0;
      for (const [i, c] of [...text].entries()) { const w = m(c, [...text][i - 1], [...text][i + 1]); if (used + w > room.widthEm + 1e-6) { at.push(i); used = 0; } used += w; }
      return at;
    };
    expect(starts(own).length).toBe(1);
    expect(starts(lo).length).toBe(1);
    expect(starts(own)[0]).not.toBe(starts(lo)[0]);
    expect(plannedBreaks(text, room, [own], [own, lo])).toEqual([]);
  });
});
