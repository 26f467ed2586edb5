/**
 * Line breaking of label text, done here rather than by Mermaid so that the result does not depend on font metrics
 * (the same YAML gives the same source), so that an escaped character (`#34;`) is never split across lines, and so
 * that the lines follow Chinese typesetting rules, which Mermaid's own wrapping (at 200 px, anywhere) does not:
 *
 * - 避头尾 (kinsoku): no line starts with closing punctuation (，。、；：？！）》」』”’…), none ends with opening
 *   punctuation (（《「『“‘);
 * - a number with its unit or its 第 is one word: 20个工作日, 第十二条, 5日, 3.5万元, 2024年1月1日; so is a code such as
 *   XK-001 or 湘价费〔2010〕1号's 2010, and a Latin word (a line breaks at its spaces);
 * - the lines of a paragraph are balanced (the narrowest width that needs no more lines), and its last line never
 *   holds one character alone (孤字): a character is taken down from the line before when balancing leaves one.
 *
 * Widths are in units of half a CJK character (8 CSS px at Mermaid's 16 px): a CJK or full-width character is 2;
 * Latin letters are given the width FandolFang (the flowchart font) draws them with, rounded up, so that a line of
 * `maxUnits` never reaches Mermaid's own 200 px limit and is drawn as one line.
 *
 * Written here rather than taken from a UAX #14 line breaker: those allow a break between 20 and 个工作日 and inside
 * 第十二条, and treat “” as ambiguous quotes; the rules above are the ones a Chinese office follows, and they are few.
 */
import { LINE_BREAK } from './escape.js';

/** Mermaid wraps labels itself at 200 px; 22 units (11 CJK characters at 16 px = 176 px) stay below that. */
export const DEFAULT_WRAP_UNITS = 22;
/** The narrowest a drawing's labels are wrapped to make it fit the page's width: 4 CJK characters. */
export const MIN_WRAP_UNITS = 8;

/** Closing punctuation and other characters that must not start a line (避头). */
export const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕〉〗”’…—·～%‰℃°,.;:?!)]}’”%、︰︱︶︸︺︼︾﹀﹂', '\u00a0']);
/** Opening punctuation that must not end a line (避尾). */
export const NO_LINE_END = new Set([...'（《「『【〔〈〖“‘([{￥$#@', '\u00a0']);

const SEGMENTER = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** The user-perceived characters of a text (a letter with its accents, an emoji sequence: one each). */
export function graphemes(text: string): string[] {
  return Array.from(SEGMENTER.segment(text), (s) => s.segment);
}

// Measured at 16 px in FandolFang (Chromium canvas), rounded up: 0.8 unit ≤ 6.4 px, 1.15 ≤ 9.2 px, 1.6 ≤ 12.8 px, …
const ASCII_NARROW = new Set([...' !\',.:;[]|Iijlf-()rst']);
const ASCII_WIDE = new Set([...'ABCDEFGHKLNOPQRTUVXYZ&+<=>@_^~w']);
const ASCII_WIDER = new Set([...'Mm#%']);

/** The display width of one code point in units (a CJK character is 2). */
export function charWidth(cp: number): number {
  if (cp < 0x80) {
    if (cp < 0x20 || cp === 0x7f) return 0;
    const ch = String.fromCharCode(cp);
    return ch === 'W' ? 2.1 : ASCII_WIDER.has(ch) ? 1.9 : ASCII_WIDE.has(ch) ? 1.6 : ASCII_NARROW.has(ch) ? 0.8 : 1.15;
  }
  // Combining marks, zero-width characters and variation selectors take no room of their own.
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0x20e3) return 0;
  // Latin-1 and Latin Extended letters; · × ÷ are drawn full width by the Chinese fonts.
  if (cp <= 0x24f && cp !== 0xb7 && cp !== 0xd7 && cp !== 0xf7) return 1.6;
  // Everything else (CJK, full-width forms, “” ‘’ … —, symbols, other scripts) as a full CJK character: never less.
  return 2;
}

/** The width of a text in units (each grapheme as wide as its first code point). */
export function textWidth(text: string): number {
  return graphemes(text).reduce((n, g) => n + charWidth(g.codePointAt(0)!), 0);
}

/** Wrap one text (which may contain line breaks) into lines of at most `maxUnits`. Never returns an empty array. */
export function wrapText(text: string, maxUnits = DEFAULT_WRAP_UNITS): string[] {
  const out: string[] = [];
  for (const para of text.split(LINE_BREAK)) out.push(...wrapParagraph(para.trim(), maxUnits));
  return out.length ? out : [''];
}

/** Digits (ASCII and full-width), Chinese numerals. */
const NUMBER = String.raw`(?:[0-9０-９]+(?:[.．,][0-9０-９]+)*|[零〇一二三四五六七八九十百千万亿两]+)`;
/** Units and classifiers that follow a number: 个工作日, 日, 条, 万元, %, … (longest first). */
const UNIT = String.raw`(?:个工作日|工作日|个自然日|自然日|个小时|小时|个月|分钟|周岁|万元|亿元|千元|平方米|公里|千克|公斤|[日天年月周时分秒条款项章节目号次件人名份页倍岁家户批级类种元册套台辆吨米个届期位层%％‰])`;
/** 第 + number (+ unit), or a number + unit; one after another as a date (2024年1月1日). */
const NUMBER_WORD = new RegExp(String.raw`(?:第${NUMBER}${UNIT}?|${NUMBER}${UNIT})+`, 'gu');
/** A Latin word or a code: XK-001, v1.2, a_b, 10:30, e-mail. */
const CODE_WORD = /[A-Za-z0-9\u00c0-\u024fＡ-Ｚａ-ｚ０-９]+(?:[-_./:·'’][A-Za-z0-9\u00c0-\u024fＡ-Ｚａ-ｚ０-９]+)*/gu;
const DIGIT_OR_LATIN = /^[A-Za-z0-9\u00c0-\u024f]/u;

/** A run of graphemes never broken inside; `space` is true when a space before it was dropped to break here. */
interface Token { text: string; width: number; letters: number; space: boolean }

/** Whether a grapheme counts as a character of its own for 孤字 (not punctuation, not a space). */
function isLetter(g: string): boolean {
  return /[\p{L}\p{N}\p{So}]/u.test(g);
}

function tokenize(text: string): Token[] {
  const gs = graphemes(text);
  if (!gs.length) return [];
  // Code-unit offset of each grapheme, to map regex matches onto graphemes.
  const offsets: number[] = [];
  let o = 0;
  for (const g of gs) { offsets.push(o); o += g.length; }
  const index = new Map(offsets.map((off, i) => [off, i]));
  /** glue[i]: no break between grapheme i-1 and grapheme i. */
  const glue = new Uint8Array(gs.length);
  const keep = (re: RegExp) => {
    for (const m of text.matchAll(re)) {
      const from = index.get(m.index!), to = index.get(m.index! + m[0].length) ?? gs.length;
      if (from === undefined) continue;
      for (let i = from + 1; i < to; i++) glue[i] = 1;
    }
  };
  keep(NUMBER_WORD);
  keep(CODE_WORD);
  for (let i = 1; i < gs.length; i++) {
    const prev = gs[i - 1], cur = gs[i];
    if (cur === ' ' || prev === ' ') continue; // a space is where Latin text breaks
    if (NO_LINE_START.has(cur) || NO_LINE_END.has(prev)) glue[i] = 1;
    // Two Latin letters or digits side by side (a word the regexes missed, such as one of accented letters).
    else if (DIGIT_OR_LATIN.test(prev) && DIGIT_OR_LATIN.test(cur)) glue[i] = 1;
    // Marks that attach to the character before: combining, ZWJ, variation selectors (already in one grapheme
    // when well formed; a stray one stays with its neighbour).
    else if (charWidth(cur.codePointAt(0)!) === 0 || charWidth(prev.codePointAt(0)!) === 0) glue[i] = 1;
  }
  // A space glued to its neighbours by the rules above (e.g. before a closing bracket) stays inside the token;
  // otherwise runs of spaces are dropped and mark the next token as following a space.
  const tokens: Token[] = [];
  let cur: Token | undefined;
  let space = false;
  for (let i = 0; i < gs.length; i++) {
    const g = gs[i];
    if (g === ' ' && !glue[i] && !(i + 1 < gs.length && glue[i + 1])) { space = true; cur = undefined; continue; }
    const w = charWidth(g.codePointAt(0)!);
    if (cur && glue[i]) {
      cur.text += g; cur.width += w; cur.letters += isLetter(g) ? 1 : 0;
    } else {
      cur = { text: g, width: w, letters: isLetter(g) ? 1 : 0, space };
      tokens.push(cur);
    }
    space = false;
  }
  return tokens;
}

const SPACE_WIDTH = charWidth(0x20);

/** A line's tokens → its text, with the spaces that stood between them. */
function join(tokens: readonly Token[]): string {
  return tokens.map((t, k) => (k > 0 && t.space ? ' ' : '') + t.text).join('');
}

function lineWidth(tokens: readonly Token[]): number {
  return tokens.reduce((n, t, k) => n + t.width + (k > 0 && t.space ? SPACE_WIDTH : 0), 0);
}

/** Greedy lines of at most `width` (a token wider than that alone on its line). */
function greedy(tokens: readonly Token[], width: number): Token[][] {
  const lines: Token[][] = [];
  let line: Token[] = [];
  let w = 0;
  for (const t of tokens) {
    const add = t.width + (line.length && t.space ? SPACE_WIDTH : 0);
    if (line.length && w + add > width + 1e-9) { lines.push(line); line = [t]; w = t.width; continue; }
    line.push(t);
    w += add;
  }
  if (line.length) lines.push(line);
  return lines;
}

/** Greedy lines made as narrow as they can be without needing more of them (balanced). */
function balance(tokens: readonly Token[], maxUnits: number): Token[][] {
  const lines = greedy(tokens, maxUnits);
  if (lines.length < 2) return lines;
  // greedy's line count only grows as the width shrinks: search the narrowest width giving as few lines.
  let lo = Math.max(...tokens.map((t) => t.width), lineWidth(tokens) / lines.length) - 1e-6, hi = maxUnits;
  for (let k = 0; k < 30 && hi - lo > 0.01; k++) {
    const mid = (lo + hi) / 2;
    if (greedy(tokens, mid).length <= lines.length) hi = mid; else lo = mid;
  }
  return greedy(tokens, hi);
}

/**
 * A token wider than the line (a very long word, number or code, a run of punctuation): cut by grapheme into pieces
 * of even width, a piece that would start with closing punctuation taking the grapheme before it along.
 */
function splitLong(tokens: readonly Token[], maxUnits: number): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    if (t.width <= maxUnits) { out.push(t); continue; }
    const gs: Token[] = graphemes(t.text).map((g) => ({ text: g, width: charWidth(g.codePointAt(0)!), letters: isLetter(g) ? 1 : 0, space: false }));
    const pieces = balance(gs, maxUnits);
    for (let k = 1; k < pieces.length; k++) {
      const prev = pieces[k - 1], cur = pieces[k];
      if (NO_LINE_START.has(cur[0].text) && prev.length > 1 && lineWidth([prev[prev.length - 1], ...cur]) <= maxUnits) cur.unshift(prev.pop()!);
    }
    pieces.forEach((p, k) => out.push({ text: p.map((g) => g.text).join(''), width: lineWidth(p), letters: letters(p), space: k === 0 && t.space }));
  }
  return out;
}

function wrapParagraph(text: string, maxUnits: number): string[] {
  const tokens = splitLong(tokenize(text), maxUnits);
  if (!tokens.length) return [''];
  const lines = balance(tokens, maxUnits);
  if (lines.length > 1) {
    // 孤字: a last line of one character takes tokens down from the line before while that one keeps two or more.
    const last = lines[lines.length - 1], before = lines[lines.length - 2];
    while (letters(last) < 2 && before.length > 1 && letters(before) - before[before.length - 1].letters >= 2) {
      const moved = before.pop()!;
      if (lineWidth([moved, ...last]) > maxUnits) { before.push(moved); break; }
      last.unshift(moved);
    }
  }
  return lines.map(join);
}

function letters(line: readonly Token[]): number {
  return line.reduce((n, t) => n + t.letters, 0);
}
