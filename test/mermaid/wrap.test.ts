/**
 * Chinese line breaking of flowchart labels (src/flowchart/wrap.ts): 避头尾, a number with its unit or its 第 and a
 * code kept on one line, balanced lines with no character alone on the last, and no line wider than asked — on
 * the texts the example's flowcharts showed wrongly before, and on generated hostile texts at every label width.
 */
import { describe, expect, it } from 'vitest';
import { textWidth, wrapText } from '../../src/flowchart/wrap.js';
import { breakProblems, CLOSING, hostileTexts, letterCount, OPENING, WHOLE } from './wrap-rules.js';

/** Mermaid draws a line of up to 200 px as one: wrap.ts never makes a line wider than 22 units (176 px of CJK). */
const HARD = 22;
/** A line that is one word that must not be cut: a number with its unit, a code, a Latin word or one character, and its punctuation. */
const oneWord = (line: string) => {
  const bare = [...line].filter((c) => c !== ' ' && !CLOSING.includes(c) && !OPENING.includes(c)).join('');
  return letterCount(bare) <= 1 || new RegExp(`^(?:${WHOLE.source})号?$`).test(bare) || /^[A-Za-z0-9-]+$/.test(bare);
};

const WIDTHS = [22, 18, 16, 14, 12, 10, 8];

describe('wrapText', () => {
  it('breaks the sentences of the example as an office would', () => {
    // Before: "情节复杂或者重大违法行" / "为", "…不得作出决" / "定。", "需" / "要补充调查", "10个工" / "作日".
    expect(wrapText('情节复杂或者重大违法行为')).toEqual(['情节复杂或者', '重大违法行为']);
    const duty = '责任：严格审查把关，未经法制审核或者审核未通过的重大案件不得作出决定。';
    // Balanced: four lines as before, but even (8–9 characters), the last not "定。".
    expect(wrapText(duty)).toEqual(['责任：严格审查把', '关，未经法制审核或', '者审核未通过的重大', '案件不得作出决定。']);
    expect(wrapText('时限：收到调查终结报告之日起10个工作日内', 16)).toEqual(['时限：收到调查', '终结报告之日起', '10个工作日内']);
    expect(wrapText('依据《中华人民共和国行政许可法》第三十二条第一款规定办理', 10)).toEqual(
      ['依据《中', '华人民共', '和国行政', '许可法》', '第三十二条', '第一款规', '定办理']);
    // 5 characters asked for: "15个工作日。" is wider, and keeps a line of its own rather than being cut.
    expect(wrapText('决定书15个工作日。', 10)).toEqual(['决定书', '15个工作日。']);
  });

  it('keeps numbers with their units, 第…条, dates and codes whole; breaks Latin text at spaces', () => {
    for (const w of [22, 16]) {
      const lines = wrapText('申请人应当自XK-001号通知送达之日起20个工作日内，依照第十二条规定缴纳3.5万元保证金（2024年1月1日起施行）', w);
      const text = lines.join('\n');
      for (const whole of ['XK-001', '20个工作日', '第十二条', '3.5万元', '2024年1月1日']) expect(text, `${w}: ${text}`).toContain(whole);
    }
    const latin = 'Submit the signed PDF by e-mail to the OA system';
    const lines = wrapText(latin, 16);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join(' ')).toBe(latin);
  });

  it('cuts a word wider than the line into even pieces, never wider than the line', () => {
    const lines = wrapText('W'.repeat(40), 22);
    expect(lines.join('')).toBe('W'.repeat(40));
    for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(22);
    const counts = lines.map((l) => l.length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(wrapText('1234567890'.repeat(4), 12).every((l) => l.length >= 2)).toBe(true);
  });

  it('keeps every rule on 400 generated hostile texts at every width', () => {
    const texts = hostileTexts(400);
    let multi = 0, wider = 0;
    for (const text of texts) {
      for (const w of WIDTHS) {
        const lines = wrapText(text, w);
        if (lines.length > 1) multi++;
        lines.forEach((l, k) => {
          // Wider than asked only for one word that must stay whole (with its punctuation) or for a last line that
          // would otherwise hold one character alone, and never past 22.
          expect(textWidth(l), `${w} ${JSON.stringify(lines)}`).toBeLessThanOrEqual(Math.max(w, HARD) + 1e-9);
          if (textWidth(l) > w + 1e-9 && k < lines.length - 1) expect(oneWord(l), `${w} ${JSON.stringify(lines)}`).toBe(true);
          if (textWidth(l) > w + 1e-9 && !oneWord(l)) wider++;
        });
        expect(breakProblems(text, lines, (word) => textWidth(word) <= HARD), `${w}: ${text}`).toEqual([]);
      }
    }
    // The texts do press on the rules: most need several lines, and the checks see their orphans when they exist.
    expect(multi).toBeGreaterThan(texts.length * WIDTHS.length * 0.7);
    // A last line wider than asked for, to keep a character company, is rare.
    expect(wider).toBeLessThan(multi * 0.03);
    expect(breakProblems('情节复杂或者重大违法行为', ['情节复杂或者重大违法行', '为'])).toHaveLength(1);
    expect(breakProblems('在20个工作日内', ['在20个', '工作日内'])).toHaveLength(1);
    expect(breakProblems('审查（复核）', ['审查（', '复核）'])).toHaveLength(1);
    expect(breakProblems('审查，复核意见', ['审查', '，复核意见'])).toHaveLength(1);
    expect(letterCount('定。')).toBe(1);
  });
});
