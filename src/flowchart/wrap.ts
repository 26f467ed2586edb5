/**
 * Line breaking of label text, done here rather than by Mermaid so that the result does not depend on font metrics
 * (the same YAML gives the same source), so that an escaped character (`#34;`) is never split across lines, and so
 * that the lines follow Chinese typesetting rules, which Mermaid's own wrapping (at 200 px, anywhere) does not:
 *
 * - 避头尾 (kinsoku): no line starts with closing punctuation (，。、；：？！）》」』”’…), none ends with opening
 *   punctuation (（《「『“‘);
 * - a number with its unit or its 第 is one word: 20个工作日, 第十二条, 5日, 3.5万元, 2024年1月1日; so is a code such as
 *   XK-001, and a Latin word (a line breaks at its spaces);
 * - a paragraph's last line never holds one character alone (孤字) when there is any way to avoid it; then its lines
 *   are as few as the width allows and as even as they can be (or, with `fill`, filled from the first): the best
 *   breaking by dynamic programming over the break points (breakLines).
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
/**
 * A word that must stay whole (20个工作日。, XK-001号) and is wider than the width asked for keeps a line of its own,
 * up to this width (Mermaid's limit, with the same margin); only a longer one is cut.
 */
export const HARD_WRAP_UNITS = DEFAULT_WRAP_UNITS;

/** Closing punctuation and other characters that must not start a line (避头). */
export const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕〉〗”’…—·～%‰℃°,.;:?!)]}’”%、︰︱︶︸︺︼︾﹀﹂', '\u00a0']);
/** Opening punctuation that must not end a line (避尾). */
export const NO_LINE_END = new Set([...'（《「『【〔〈〖“‘([{￥$#@', '\u00a0']);

const SEGMENTER = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** Text in which every code point is a character of its own: Latin, CJK, their punctuation (the usual case). */
const SIMPLE = /^[\u0020-\u02ff\u2010-\u2027\u2030-\u205e\u3000-\u9fff\uff00-\uffef]*$/;

/** The user-perceived characters of a text (a letter with its accents, an emoji sequence: one each). */
export function graphemes(text: string): string[] {
  // The segmenter costs ~1 µs a character; a text it cannot change is split by code point.
  return SIMPLE.test(text) ? [...text] : Array.from(SEGMENTER.segment(text), (s) => s.segment);
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

/**
 * Wrap one text (which may contain line breaks) into lines of at most `maxUnits` (a word that must stay whole and is
 * wider stands on a line of its own, up to HARD_WRAP_UNITS). Never returns an empty array.
 */
export function wrapText(text: string, maxUnits = DEFAULT_WRAP_UNITS, opts: WrapOptions = {}): string[] {
  // The same texts are wrapped again and again: the whole drawing and its pages, each round of paged.ts, and
  // the many steps that share an actor or a time limit.
  const fill = opts.fill === true;
  const key = `${maxUnits}${fill ? 'f' : ''}\u0000${text}`;
  const known = MEMO.get(key);
  if (known) return [...known];
  const out: string[] = [];
  for (const para of text.split(LINE_BREAK)) out.push(...wrapParagraph(para.trim(), maxUnits, fill));
  if (!out.length) out.push('');
  if (MEMO.size >= MEMO_SIZE) MEMO.clear();
  MEMO.set(key, out);
  return [...out];
}

export interface WrapOptions {
  /**
   * Fill each line up to `maxUnits` (the last line short) rather than balance the lines: for the paragraphs of a box
   * whose width another paragraph has set. Same number of lines, still no 孤字.
   */
  fill?: boolean;
}

const MEMO = new Map<string, readonly string[]>();
const MEMO_SIZE = 50_000;

/** Digits (ASCII and full-width), Chinese numerals. */
const NUMBER = String.raw`(?:[0-9０-９]+(?:[.．,][0-9０-９]+)*|[零〇一二三四五六七八九十百千万亿两]+)`;
/** Units and classifiers that follow a number: 个工作日, 日, 条, 万元, %, … (longest first). */
const UNIT = String.raw`(?:个工作日|工作日|个自然日|自然日|个小时|小时|个月|分钟|周岁|万元|亿元|千元|平方米|公里|千克|公斤|[日天年月周时分秒条款项章节目号次件人名份页倍岁家户批级类种元册套台辆吨米个届期位层%％‰])`;
/** 第 + number (+ unit), or a number + unit. */
const NUMBER_WORD = new RegExp(String.raw`第${NUMBER}${UNIT}?|${NUMBER}${UNIT}`, 'g');
/** A date: 2024年1月1日, 2024年1月, 1月1日. */
const DATE = /[0-9０-９]{2,4}年[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?|[0-9０-９]{1,2}月[0-9０-９]{1,2}日/g;
/** A Latin word or a code: XK-001, v1.2, a_b, 10:30, e-mail. */
const CODE_WORD = /[A-Za-z0-9\u00c0-\u024fＡ-Ｚａ-ｚ０-９]+(?:[-_./:·'’][A-Za-z0-9\u00c0-\u024fＡ-Ｚａ-ｚ０-９]+)*/g;
const DIGIT_OR_LATIN = /^[A-Za-z0-9\u00c0-\u024f]/;
const HAS_NUMBER = /[0-9０-９零〇一二三四五六七八九十百千万亿两]/;
const HAS_LATIN = /[A-Za-z0-9\u00c0-\u024fＡ-Ｚａ-ｚ０-９]/;

/** A run of graphemes never broken inside; `space` is true when a space before it was dropped to break here. */
interface Token { text: string; width: number; letters: number; space: boolean }

/** Whether a grapheme counts as a character of its own for 孤字 (not punctuation, not a space). */
function isLetter(g: string): boolean {
  const cp = g.charCodeAt(0);
  if (cp >= 0x4e00 && cp <= 0x9fff) return true;
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || ((cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a);
  return LETTER.test(g);
}
const LETTER = /[\p{L}\p{N}\p{So}]/u;

function tokenize(text: string): Token[] {
  const gs = graphemes(text);
  if (!gs.length) return [];
  // The grapheme at each code-unit offset (-1 inside one), to map regex matches onto graphemes.
  const index = new Int32Array(text.length + 1).fill(-1);
  let o = 0;
  gs.forEach((g, i) => { index[o] = i; o += g.length; });
  index[text.length] = gs.length;
  /** glue[i]: no break between grapheme i-1 and grapheme i. */
  const glue = new Uint8Array(gs.length);
  const keep = (re: RegExp) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const from = index[m.index], end = index[m.index + m[0].length];
      if (from >= 0) for (let i = from + 1; i < (end >= 0 ? end : gs.length); i++) glue[i] = 1;
      if (!m[0].length) re.lastIndex++;
    }
  };
  // Most texts have no number or Latin word: the cheap test spares them the regexes.
  if (HAS_NUMBER.test(text)) { keep(NUMBER_WORD); keep(DATE); }
  if (HAS_LATIN.test(text)) keep(CODE_WORD);
  for (let i = 1; i < gs.length; i++) {
    const prev = gs[i - 1], cur = gs[i];
    if (NO_LINE_START.has(cur) || NO_LINE_END.has(prev)) glue[i] = 1;
    else if (cur === ' ' || prev === ' ') continue; // a space is where Latin text breaks
    // Two Latin letters or digits side by side (a word the regexes missed, such as one of accented letters).
    else if (DIGIT_OR_LATIN.test(prev) && DIGIT_OR_LATIN.test(cur)) glue[i] = 1;
    // Marks that attach to the character before: combining, ZWJ, variation selectors (already in one grapheme
    // when well formed; a stray one stays with its neighbour).
    else if (charWidth(cur.codePointAt(0)!) === 0 || charWidth(prev.codePointAt(0)!) === 0) glue[i] = 1;
  }
  // Spaces between an opening bracket and what follows, or before a closing one, go with them: "（ 甲", "乙 ）".
  for (let i = 1; i < gs.length; i++) if (gs[i - 1] === ' ' && glue[i - 1] && NO_LINE_END.has(gs[i - 2] ?? '') ) glue[i] = 1;
  for (let i = 1; i < gs.length; i++) if (gs[i - 1] === ' ' && glue[i] && NO_LINE_START.has(gs[i])) {
    for (let k = i - 1; k >= 1 && gs[k] === ' '; k--) glue[k] = 1;
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

const EPS = 1e-9;

/**
 * The best breaking of tokens into lines of at most `maxUnits` (a token wider than that alone on its line), by
 * dynamic programming over the break points. The plans for the tokens from i on are compared in this order, each
 * smaller being better: a 孤字 (a last line of fewer than two characters, not the only line) if there is any way to
 * avoid it, even by a line up to HARD_WRAP_UNITS wide; how far lines of several tokens go past the width asked for;
 * the number of lines; the widest line (as even as can be); the sum of the squared widths (among equally wide, the
 * more even; or, to fill lines, none: the longest line first); at a tie, the longer line first.
 */
function breakLines(tokens: readonly Token[], maxUnits: number, fill = false): Token[][] {
  const n = tokens.length;
  const hard = Math.max(maxUnits, HARD_WRAP_UNITS);
  const orphan = new Uint8Array(n + 1), lines = new Uint32Array(n + 1), next = new Uint32Array(n + 1);
  const over = new Float64Array(n + 1), widest = new Float64Array(n + 1), squares = new Float64Array(n + 1);
  next[n] = n;
  for (let i = n - 1; i >= 0; i--) {
    let found = false;
    let bo = 0, bv = 0, bl = 0, bw = 0, bs = 0, bn = 0;
    let width = 0, letters = 0;
    for (let j = i + 1; j <= n; j++) {
      const t = tokens[j - 1];
      width += t.width + (j - 1 > i && t.space ? SPACE_WIDTH : 0);
      letters += t.letters;
      if (width > hard + EPS && j > i + 1) break;
      const o = orphan[j] + (j === n && i > 0 && letters < 2 ? 1 : 0);
      const v = over[j] + (j > i + 1 && width > maxUnits ? width - maxUnits : 0);
      const l = lines[j] + 1;
      const w = width > widest[j] ? width : widest[j];
      const sq = squares[j] + width * width;
      const better = !found || (o !== bo ? o < bo : Math.abs(v - bv) > EPS ? v < bv : l !== bl ? l < bl
        : fill ? true // the longest line that still leaves the rest as good: lines filled from the first on
        : Math.abs(w - bw) > EPS ? w < bw : sq <= bs + EPS);
      if (better) { found = true; bo = o; bv = v; bl = l; bw = w; bs = sq; bn = j; }
    }
    orphan[i] = bo; over[i] = bv; lines[i] = bl; widest[i] = bw; squares[i] = bs; next[i] = bn;
  }
  const out: Token[][] = [];
  for (let i = 0; i < n; i = next[i]) out.push(tokens.slice(i, next[i]));
  return out;
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
    // maxUnits is at least HARD_WRAP_UNITS here, so no piece is wider.
    const pieces = breakLines(gs, maxUnits);
    for (let k = 1; k < pieces.length; k++) {
      const prev = pieces[k - 1], cur = pieces[k];
      if (NO_LINE_START.has(cur[0].text) && prev.length > 1 && lineWidth([prev[prev.length - 1], ...cur]) <= maxUnits) cur.unshift(prev.pop()!);
    }
    pieces.forEach((p, k) => out.push({ text: p.map((g) => g.text).join(''), width: lineWidth(p), letters: letters(p), space: k === 0 && t.space }));
  }
  return out;
}

function wrapParagraph(text: string, maxUnits: number, fill: boolean): string[] {
  const tokens = splitLong(tokenize(text), Math.max(maxUnits, HARD_WRAP_UNITS));
  if (!tokens.length) return [''];
  return breakLines(tokens, maxUnits, fill).map(join);
}

function letters(line: readonly Token[]): number {
  return line.reduce((n, t) => n + t.letters, 0);
}
