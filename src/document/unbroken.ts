/**
 * What a line must never be broken in, for every paged backend alike: a code (XK-001), a date (2025-11-06), a number
 * with its separators (0731-28680615, 1.5) and a number with its unit (20个工作日, 24小时, 5万元). Browsers, Word and
 * LibreOffice all break after a hyphen and between a digit and an ideograph; a narrow column (编码, 时限) then prints
 * "XK-" on one line and "001" on the next.
 *
 * The backends keep these whole in their own way: the HTML (PDF and site) marks each one `white-space: nowrap`; both
 * make each table column at least as wide as the widest of them it holds (`columnMinimums`), measured with
 * `textWidthEm`, and the DOCX, which has no way to mark a run unbreakable that keeps it searchable (a non-breaking
 * hyphen is another character to Word's Find and to a copy), also as wide as the short lines that hold one
 * ("法定：20个工作日"), so that Word and LibreOffice have no reason to break them.
 */
import type { Inline, Table, TableRow } from './model.js';

/** A unit that follows a number: 20个工作日, 7日, 24小时, 3个月, 2025年, 5万元, 10%. */
const UNIT = '(?:个)?(?:工作日|自然日|小时|分钟|个月|日|天|月|年|周|万元|元|%|％)';
/**
 * A code or a number with separators (letters and digits joined by - . / : _), or a number with its unit; a plain
 * Latin word or number, which nothing breaks except for want of room, only counts for the columns' widths.
 */
const TOKEN = new RegExp(`[0-9A-Za-z]+(?:[-‐‑–./:_][0-9A-Za-z]+)+${UNIT}?|[0-9]+(?:\\.[0-9]+)?${UNIT}|[0-9A-Za-z]+`, 'g');

/** Longer runs (a URL, a long identifier) may break: kept whole they would overflow any column. */
export const MAX_UNBROKEN = 20;

export interface Span { start: number; end: number }

/** Where `text` holds a run that must stay on one line (in UTF-16 offsets), plain Latin words and numbers left out. */
export function unbrokenSpans(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const s = m[0];
    if (/^[0-9A-Za-z]+$/.test(s) || [...s].length > MAX_UNBROKEN) continue;
    out.push({ start: m.index, end: m.index + s.length });
  }
  return out;
}

/**
 * The advance of a character in ems of the font size, rounded up over the fonts the compendium is printed and laid
 * out in: an ideograph or a full-width sign one em; digits half an em (in 仿宋_GB2312 and Fandol alike); Latin letters
 * as wide as in Fandol, whose capitals are wider than the half-width ones of the GB2312 fonts (K 0.77 em, W 1.02 em).
 * A table of classes rather than a font's metrics: it must hold for Word's fonts, which are not on this machine.
 */
export function charWidthEm(ch: string): number {
  const c = ch.codePointAt(0)!;
  if (c >= 0x2e80 || (c >= 0x2014 && c <= 0x201d)) return 1;
  if (ch >= '0' && ch <= '9') return 0.5;
  if ('MWmw@%'.includes(ch)) return 1.05;
  if (ch >= 'A' && ch <= 'Z') return 0.8;
  if (ch >= 'a' && ch <= 'z') return 0.6;
  return 0.5;
}

export function textWidthEm(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidthEm(ch);
  return w;
}

/** A line of a cell that holds a code or number and is at most this wide is kept whole where the columns allow. */
const SHORT_LINE_EM = 8;
/** What a column keeps of its width in the model's proportions when another is widened. */
const KEEP = 0.6;

export interface ColumnMinimums {
  /** Each column's widest code, number or Latin word (ems of the table's font). */
  tokens: number[];
  /** Each column's widest short line holding a code or number ("法定：20个工作日"), at least `tokens`. */
  lines: number[];
  /** Each column's header text on one line ("序号", "事项编码"): a column widened for another is not made narrower. */
  headers: number[];
}

/** The lines of inline content, as text (a line break ends one). */
function textLines(xs: readonly Inline[]): string[] {
  const lines = [''];
  for (const x of xs) {
    if (x.type === 'break') lines.push('');
    else if (x.type === 'text' || x.type === 'ref') lines[lines.length - 1] += x.text;
    else if (x.type === 'link') lines[lines.length - 1] += textLines(x.children).join('');
  }
  return lines;
}

/**
 * How wide the line holding `line[start, end)` (a code, number or Latin word) must be: with the closing signs after it
 * and the opening ones before it, which no line starts or ends with (their kinsoku), and LibreOffice's space beside an
 * ideograph next to it. In a column narrower than that (the 环节 column of a step named 第1环节办理（类型22）, one
 * character a line), "22）" cannot stay together, and LibreOffice and docx's layout give up on it differently
 * (LibreOffice: 2 / 2 / ）, docx: 22 / ）): the table's rows then have more lines in LibreOffice than the 目录's
 * numbers were laid out with.
 */
function clusterWidthEm(line: string, start: number, end: number): number {
  let from = start;
  let to = end;
  while (from > 0 && NO_END.has(line[from - 1]!)) from--;
  while (to < line.length && NO_START.has(line[to]!)) to++;
  const space = (from === start && isIdeograph(line[start - 1]) ? AUTOSPACE_EM : 0) + (to === end && isIdeograph(line[end]) ? AUTOSPACE_EM : 0);
  return textWidthEm(line.slice(from, to)) + space;
}

/** The narrowest each column of a table may be for its codes and numbers to stay whole (cells spanning columns don't count). */
export function columnMinimums(t: Table, columns: number): ColumnMinimums {
  const tokens = Array.from({ length: columns }, () => 0);
  const lines = Array.from({ length: columns }, () => 0);
  const headers = Array.from({ length: columns }, () => 0);
  for (const [r, row] of t.rows.entries()) {
    let col = 0;
    for (const cell of row.cells) {
      const span = Math.max(1, cell.colSpan ?? 1);
      if (span === 1 && col < columns && (r < t.headerRows || row.header)) {
        headers[col] = Math.max(headers[col]!, ...textLines(cell.children).map((l) => textWidthEm(l.trim())));
      }
      if (span === 1 && col < columns) {
        for (const line of textLines(cell.children)) {
          let has = false;
          for (const m of line.matchAll(TOKEN)) {
            if ([...m[0]].length > MAX_UNBROKEN) continue;
            tokens[col] = Math.max(tokens[col]!, clusterWidthEm(line, m.index, m.index + m[0].length));
            if (/[0-9]/.test(m[0])) has = true;
          }
          const w = textWidthEm(line.trim());
          if (has && w <= SHORT_LINE_EM) lines[col] = Math.max(lines[col]!, w);
        }
      }
      col += span;
    }
  }
  return { tokens, lines: lines.map((w, i) => Math.max(w, tokens[i]!)), headers };
}

/**
 * Column widths (any unit) with each column widened to `minimum` where it is narrower, the room taken from the
 * columns that have more than theirs, in proportion to what they have to spare, none below `KEEP` of its width nor
 * below `keep` (as it was where it had less); `undefined` when the minimums don't fit so.
 */
export function widenColumns(widths: readonly number[], minimum: readonly number[], keep: readonly number[] = []): number[] | undefined {
  const min = widths.map((_, i) => Math.max(0, minimum[i] ?? 0));
  const short = widths.reduce((n, w, i) => n + Math.max(0, min[i]! - w), 0);
  if (short === 0) return [...widths];
  // A column gives at most what it has beyond KEEP of its width and beyond `keep` (its header on one line).
  const spare = widths.map((w, i) => Math.max(0, w - Math.max(min[i]!, w * KEEP, Math.min(w, keep[i] ?? 0))));
  const totalSpare = spare.reduce((a, b) => a + b, 0);
  if (totalSpare < short) return undefined;
  return widths.map((w, i) => (w < min[i]! ? min[i]! : w - (spare[i]! * short) / totalSpare));
}

/**
 * The widths to print a table with, given its widths in the model's proportions scaled to the room, and each column's
 * minimums converted to that unit (`toUnit`, which adds the cell's margins): the short lines kept whole where they
 * fit together, else the codes and numbers, else the model's proportions. `minimum`: the minimums (in ems) kept.
 */
export function fitColumns(widths: readonly number[], min: ColumnMinimums, toUnit: (em: number) => number): { widths: number[]; minimum: number[] } {
  const keep = min.headers.map(toUnit);
  for (const ems of [min.lines, min.tokens]) {
    const fitted = widenColumns(widths, ems.map(toUnit), keep);
    if (fitted) return { widths: fitted, minimum: ems };
  }
  return { widths: [...widths], minimum: widths.map(() => 0) };
}

/** Signs a line never starts with (a closing bracket or quote, a comma or stop …): the character before goes along. */
const NO_START = new Set([...'，。、；：？！）】》」』〉”’…·%％—～,.;:?!)]}']);
/** Signs a line never ends with (an opening bracket or quote). */
const NO_END = new Set([...'（【《「『〈“‘([{']);
const isWordChar = (ch: string | undefined) => ch !== undefined && /[0-9A-Za-z]/.test(ch);

/**
 * Whether a line may break between `a` and `b` as Word and LibreOffice break Chinese text: anywhere between ideographs,
 * after a hyphen, between a digit and an ideograph, except inside a Latin word or number, before a closing sign or
 * after an opening one (their kinsoku rules).
 */
function mayBreak(a: string, b: string, after: string | undefined): boolean {
  if (NO_START.has(b) || NO_END.has(a)) return false;
  if (isWordChar(a) && isWordChar(b)) return false;
  // A closing sign keeps with a Latin letter or digit after it (UAX #14 LB30 and ICU's tailoring: LibreOffice and
  // Chromium print "JF-001、QR-" / "001" rather than break after the 、), and a Latin letter or digit with an opening one.
  if ((NO_START.has(a) && isWordChar(b)) || (isWordChar(a) && NO_END.has(b))) return false;
  // Inside 1.5 or 12:30, and before a hyphen.
  if (isWordChar(a) && /[.:/_\-‐‑–]/.test(b) && isWordChar(after)) return false;
  if (/[.:/_]/.test(a) && isWordChar(b)) return false;
  return true;
}

/**
 * A character's advance in ems as some consumer lays it out, given the characters before and after it in the
 * paragraph (whatever line they are on): its font's advance, and any space the consumer puts beside it.
 */
export type Metric = (ch: string, before?: string, after?: string) => number;

/** Half-width Latin letters and digits, full-width ideographs: the GB2312 fonts Word has (仿宋_GB2312, 黑体 …). */
export const HALF_WIDTH: Metric = (ch) => (ch.codePointAt(0)! < 0x7f ? 0.5 : charWidthEm(ch) === 1 ? 1 : 0.5);

const isIdeograph = (ch: string | undefined): boolean => ch !== undefined && /\p{Script=Han}/u.test(ch) && !/[\u3000-\u303f]/.test(ch);

/**
 * LibreOffice's space between an ideograph and a Latin letter or digit beside it, either way: 0.2 em (measured with
 * LibreOffice 7.4: 3.2 pt at 16 pt, 2.4 pt at 12 pt; none beside punctuation, a space or a hyphen). LibreOffice puts
 * it whatever the DOCX says: its import ignores w:autoSpaceDE and w:autoSpaceDN, which Word honours. It goes with the
 * Latin letters, on their line, also where a line break falls between them and the ideograph, even a line break of
 * the text's own ("及" / "XK-00007": measured on a generated compendium).
 */
export const AUTOSPACE_EM = 0.2;
export function withAutospace(own: Metric): Metric {
  return (ch, before, after) => own(ch, before, after) + (isWordChar(ch) ? (isIdeograph(before) ? AUTOSPACE_EM : 0) + (isIdeograph(after) ? AUTOSPACE_EM : 0) : 0);
}

export interface LineRoom {
  /** The width of a line, in ems of the text's size; `firstEm` that of the paragraph's first line. */
  widthEm: number;
  firstEm?: number;
  /** The character spacing every character gets (the DOCX condenses its runs), in ems. */
  spacingEm?: number;
}

/**
 * Where to break a text ourselves, for a renderer that cannot mark a run unbreakable (the DOCX): the consumers are laid
 * out ahead, line by line, in each of `metrics` (by default: Latin letters rounded up as `charWidthEm` has them, and
 * half-width as in the GB2312 fonts).
 *
 * - No code or number (unbrokenSpans) is broken across lines: where any metric would break inside one, the text is
 *   broken just before it (before an opening bracket or quote it follows), or as late as the line allows between
 *   them, and laid out on from there.
 * - `agree`: two metrics whose lines must be the same, a page layout's (docx's, which numbers the 目录) and a
 *   consumer's (LibreOffice's, which adds its space between ideographs and Latin letters, so its lines are never
 *   shorter): codes and numbers are kept whole in the consumer's lines (`metrics` is not used then), and where,
 *   between two of our own breaks, the two would lay the text out on a different number of lines, the consumer's
 *   breaks are made ours, so that both have the same lines. Where the counts agree, nothing is added: a paragraph's
 *   height, all that moves a page break, is the same in both.
 *
 * Returns the offsets (UTF-16) to break at, in order.
 */
export function plannedBreaks(text: string, room: LineRoom, metrics: readonly Metric[] = DEFAULT_METRICS, agree?: readonly [Metric, Metric]): readonly number[] {
  // The same text in the same room is laid out alike: remembered by its metrics (a renderer passes the same arrays for
  // a role: fonts.ts roleMetrics), as table cells repeat (a time limit, an actor) and each run is rendered twice, for
  // its layout and for the file.
  let byAgree = remembered.get(metrics);
  if (byAgree === undefined) remembered.set(metrics, (byAgree = new WeakMap()));
  let known = byAgree.get(agree ?? NO_AGREE);
  if (known === undefined) byAgree.set(agree ?? NO_AGREE, (known = new Map()));
  const key = `${room.widthEm}|${room.firstEm ?? room.widthEm}|${room.spacingEm ?? 0}|${text}`;
  let breaks = known.get(key);
  if (breaks === undefined) {
    if (known.size >= REMEMBERED) known.clear();
    known.set(key, (breaks = Object.freeze(layOutBreaks(text, room, metrics, agree))));
  }
  return breaks;
}

const DEFAULT_METRICS: readonly Metric[] = [charWidthEm, HALF_WIDTH];
const NO_AGREE: readonly [Metric, Metric] = [charWidthEm, charWidthEm];
/** At most this many texts remembered for a pair of metrics (a cell's text is short; a paragraph's a few hundred characters). */
const REMEMBERED = 50_000;
const remembered = new WeakMap<readonly Metric[], WeakMap<readonly [Metric, Metric], Map<string, readonly number[]>>>();

function layOutBreaks(text: string, room: LineRoom, metrics: readonly Metric[], agree: readonly [Metric, Metric] | undefined): number[] {
  const spans = unbrokenSpans(text);
  if (!spans.length && !(agree && /[0-9A-Za-z]/.test(text))) return [];
  const { widthEm, firstEm = widthEm, spacingEm = 0 } = room;
  const chars = [...text];
  // On one line in every metric (most table cells): nothing to break.
  const widest = (m: Metric) => chars.reduce((w, ch, i) => w + m(ch, chars[i - 1], chars[i + 1]) + spacingEm, 0);
  if ([...metrics, ...(agree ?? [])].every((m) => widest(m) <= firstEm + 1e-6)) return [];
  // UTF-16 offset of each code point, and the code point at an offset.
  const offsets: number[] = [];
  let o = 0;
  for (const ch of chars) { offsets.push(o); o += ch.length; }
  offsets.push(o);
  const index = new Map(offsets.map((x, i) => [x, i]));
  const tokenAt = chars.map(() => -1);
  spans.forEach((s, k) => { for (let i = index.get(s.start)!; i < index.get(s.end)!; i++) tokenAt[i] = k; });
  const opportunity = (i: number) => i > 0 && i < chars.length && mayBreak(chars[i - 1]!, chars[i]!, chars[i + 1]);
  const inToken = (i: number) => tokenAt[i]! >= 0 && tokenAt[i] === tokenAt[i - 1];
  /**
   * Lays chars [from, until) out in one metric (`until`: a break of our own, or the end), the first line `first`
   * wide: where its lines start (after `from`), and the first break inside a token, with the start of its line and
   * the character that did not fit.
   */
  const layout = (width: Metric, from: number, first: number, until: number) => {
    let lineStart = from, used = 0, roomLeft = first;
    const starts: number[] = [];
    for (let i = from; i < until; i++) {
      const w = width(chars[i]!, chars[i - 1], chars[i + 1]) + spacingEm;
      if (used + w > roomLeft + 1e-6 && i > lineStart) {
        // Break at the last opportunity after the line's start, else here (no opportunity: an emergency break).
        let b = i;
        while (b > lineStart + 1 && !opportunity(b)) b--;
        if (b === lineStart + 1 && !opportunity(b)) b = i;
        if (inToken(b)) return { starts, split: { at: b, lineStart, over: i } };
        starts.push(b);
        lineStart = b;
        used = 0;
        roomLeft = widthEm;
        i = b - 1;
        continue;
      }
      used += w;
    }
    return { starts, split: undefined };
  };
  // With two layouts to agree, the consumer's lines are the ones both will have: its codes and numbers are kept whole.
  const splits = agree ? [agree[1]] : metrics;
  const breaks: number[] = [];
  let start = 0;
  let first = firstEm;
  for (;;) {
    let worst: { at: number; lineStart: number; over: number } | undefined;
    for (const m of splits) {
      const r = layout(m, start, first, chars.length).split;
      if (r && (!worst || r.at < worst.at)) worst = r;
    }
    if (!worst) break;
    // Our own break as late as the line allows: between tokens, not before a closing sign nor after an opening one
    // (it may stand where Word would not break, after 、 before a letter), if no metric then splits a token before it;
    // else just before the token.
    let at: number | undefined;
    for (let p = worst.over; p > worst.lineStart; p--) {
      if (inToken(p) || NO_START.has(chars[p]!) || NO_END.has(chars[p - 1]!)) continue;
      at = p;
      break;
    }
    if (at === undefined || splits.some((m) => layout(m, start, first, at!).split)) {
      at = index.get(spans[tokenAt[worst.at]!]!.start)!;
      while (at > start && NO_END.has(chars[at - 1]!)) at--;
    }
    if (at <= start) break; // the token can't be helped (it would need more than a line)
    breaks.push(at);
    start = at;
    first = widthEm;
  }
  if (agree) {
    // Between our breaks, the layout's lines and the consumer's: the consumer's where they differ.
    const ends = [...breaks, chars.length];
    const more: number[] = [];
    let from = 0;
    ends.forEach((until, k) => {
      const w = k === 0 ? firstEm : widthEm;
      const mine = layout(agree[0], from, w, until).starts;
      const theirs = layout(agree[1], from, w, until).starts;
      // Only a different number of lines moves a page break (a paragraph's height is its lines): where both have as
      // many, the text is left to break where each engine breaks it, with no line break of ours that Word's Find,
      // a copy or pandoc would see between two characters of a word.
      if (mine.length !== theirs.length) more.push(...theirs);
      from = until;
    });
    breaks.push(...more);
    breaks.sort((a, b) => a - b);
  }
  return [...new Set(breaks)].map((i) => offsets[i]!);
}

/** plannedBreaks for codes and numbers alone. */
export function breaksForTokens(text: string, widthEm: number, firstEm = widthEm, spacingEm = 0, metrics: readonly Metric[] = DEFAULT_METRICS): readonly number[] {
  return plannedBreaks(text, { widthEm, firstEm, spacingEm }, metrics);
}

/**
 * Inline content with line breaks added where `breaksForTokens` says, line by line (between the breaks it has; the
 * paragraph's first line `firstEm` wide). Only text and references are measured; a footnote mark or a link counts
 * for nothing.
 */
export function withBreaksForTokens(children: readonly Inline[], widthEm: number, spacingEm = 0, firstEm = widthEm, metrics?: readonly Metric[], agree?: readonly [Metric, Metric]): Inline[] {
  const out: Inline[] = [];
  let line: Inline[] = [];
  let first = true;
  const flush = () => {
    const text = line.map((x) => (x.type === 'text' || x.type === 'ref' ? x.text : '')).join('');
    const breaks = plannedBreaks(text, { widthEm, firstEm: first ? firstEm : widthEm, spacingEm }, metrics, agree);
    first = false;
    if (!breaks.length) { out.push(...line); line = []; return; }
    let at = 0;
    for (const x of line) {
      if (x.type !== 'text' && x.type !== 'ref') { out.push(x); continue; }
      const end = at + x.text.length;
      let from = 0;
      for (const b of breaks) {
        if (b <= at || b >= end) continue;
        out.push({ ...x, text: x.text.slice(from, b - at) } as Inline, { type: 'break' });
        from = b - at;
      }
      // A break that falls just where this piece starts.
      if (from === 0 && breaks.includes(at) && at > 0 && out.at(-1)?.type !== 'break') out.push({ type: 'break' });
      out.push(from ? ({ ...x, text: x.text.slice(from) } as Inline) : x);
      at = end;
    }
    line = [];
  };
  for (const x of children) {
    if (x.type === 'break') { flush(); out.push(x); } else line.push(x);
  }
  flush();
  return out;
}

/**
 * Roughly how many lines a table row takes: each cell's text in its column's room (`widthsEm`, ems of the table's
 * size; a cell spanning columns has their sum), `textWidthEm` a character, each line break starting a line.
 */
export function rowLines(row: TableRow, widthsEm: readonly number[]): number {
  let col = 0;
  let tallest = 1;
  for (const cell of row.cells) {
    const span = Math.max(1, cell.colSpan ?? 1);
    const room = Math.max(1, widthsEm.slice(col, col + span).reduce((a, b) => a + b, 0));
    const lines = textLines(cell.children).reduce((n, l) => n + Math.max(1, Math.ceil(textWidthEm(l) / room)), 0);
    tallest = Math.max(tallest, lines);
    col += span;
  }
  return tallest;
}
