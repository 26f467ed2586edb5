/**
 * The print CSS of the compendium: the layout profile (GB/T 9704 by default) as CSS paged media for Chromium.
 *
 * - Pages: A4 with the profile's margins; named pages `cover` and `front` (目录) carry no number and do not count
 *   (`counter-increment: page 0`), `body` (and `wide`, a landscape page for wide tables) count from 1 and show
 *   "— N —" in 四号 宋体 7 mm below the text block, odd pages at the right and even pages at the left, one character
 *   in from the edge of the text block. Chromium decides :right/:left by the sheet's position, so the document is
 *   padded with blank unnumbered pages to start each run of numbered pages on a right-hand page (pages.ts), and a
 *   chunk printed on its own gets its first number and, if need be, the sides swapped (pageNumberCss).
 * - The body grid: 22 lines of 28 characters in the 156 × 225 mm text block. The line pitch is the block's height over
 *   22, rounded down to Chromium's layout unit (1/64 px) so that 22 lines fit; the character pitch comes from a small
 *   negative letter-spacing, so that 28 glyphs of 16 pt (plus spacing) fill a line, justified.
 */
import { pageGeometry, type FontRole, type LayoutProfile } from '../../domain/profile.js';
import type { Table } from '../../document/model.js';
import { columnMinimums, fitColumns, rowLines } from '../../document/unbroken.js';
import type { FontPlan } from './fonts.js';

const PX_PER_MM = 96 / 25.4;
const PX_PER_PT = 96 / 72;
/** Chromium lays out in units of 1/64 px. */
const unit = (px: number) => Math.floor(px * 64) / 64;
const px = (v: number) => `${+v.toFixed(4)}px`;

export interface Grid {
  textWidthPx: number;
  textHeightPx: number;
  linePx: number;
  letterSpacingPx: number;
  /** The advance of one body character: glyph plus letter-spacing. */
  charPx: number;
}

/** The profile's page geometry (domain/profile.ts `pageGeometry`) in CSS px, on Chromium's layout unit. */
export function bodyGrid(profile: LayoutProfile): Grid {
  const { grid, sizePt } = profile;
  const { portrait } = pageGeometry(profile);
  const textWidthPx = portrait.textWidthMm * PX_PER_MM;
  const textHeightPx = portrait.textHeightMm * PX_PER_MM;
  const linePx = unit(textHeightPx / grid.lines);
  const bodyPx = sizePt.body * PX_PER_PT;
  // One layout unit less than the exact pitch, so that rounding never pushes the 28th character to the next line.
  const letterSpacingPx = unit(textWidthPx / grid.chars - bodyPx) - 1 / 64;
  return { textWidthPx, textHeightPx, linePx, letterSpacingPx, charPx: bodyPx + letterSpacingPx };
}

/**
 * The page numbers of the named pages `body` and `wide`: "— N —" in 四号 宋体, the dashes (mid-height of the line) 7 mm
 * below the text block (GB/T 9704: 一字线上距版心下边缘 7 mm), one character in from the edge of the text block, at the
 * right on right-hand sheets and at the left on left-hand ones.
 *
 * A landscape page (`wide`) is bound turned a quarter to the left, its head at the binding edge of a right-hand sheet
 * and at the outer edge of a left-hand one (GB/T 9704 §10.3), so its number stands where the portrait reader expects
 * it, at the foot of the sheet as bound: in the page's left margin, turned to read down the page (vertical writing),
 * its middle 7 mm from the text block, one character from the block's bottom corner on a right-hand sheet and from its
 * top corner on a left-hand one — as the DOCX puts it (render/docx/footers.ts).
 *
 * A chunk of the document printed on its own (index.ts) starts at body page `first`: its first page then counts
 * `first` instead of 1. Chromium takes the first sheet of every print for a right-hand one; when that page's number
 * is even (`swap`), the sides are swapped, so that odd numbers stay at the right once the chunks are merged.
 */
export function pageNumberCss(profile: LayoutProfile, fonts: FontPlan, first = 1, swap = false): string {
  const { sizePt } = profile;
  const text = `content: "\\2014  " counter(page) " \\2014";
    font-family: ${fonts.families.pageNumber}; font-size: ${sizePt.pageNumber}pt; line-height: 1; letter-spacing: 0;`;
  const pageNumber = (side: 'left' | 'right') => `@bottom-${side} {
    ${text}
    vertical-align: top; text-align: ${side};
    padding-top: calc(${profile.pageNumberOffsetMm}mm - 0.5em); padding-${side}: ${sizePt.pageNumber}pt;
  }`;
  // Turned: the margin box is as wide as the left margin, and its one vertical line centred across it (Chromium takes
  // vertical-align along the block axis, the page's width, in vertical writing), so the padding at its left puts the
  // line's middle 7 mm from the text block; 0.16 em more puts the glyphs' middle there (turned, a glyph stands on its
  // baseline, 0.2 em of descent on one side and 0.8 em of ascent on the other).
  const turned = (side: 'left' | 'right') => {
    const [box, align, pad] = side === 'right' ? ['left-bottom', 'end', 'bottom'] : ['left-top', 'start', 'top'];
    return `@${box} {
    ${text}
    writing-mode: vertical-rl; text-align: ${align}; vertical-align: middle;
    padding-left: calc(${profile.marginMm.left - 2 * profile.pageNumberOffsetMm}mm + 0.32em); padding-right: 0; padding-${pad}: ${sizePt.pageNumber}pt;
  }`;
  };
  const [right, left] = swap ? ['left', 'right'] as const : ['right', 'left'] as const;
  return `${first !== 1 ? `@page :first { counter-increment: page ${first}; }\n` : ''}@page body:right { ${pageNumber(right)} }
@page body:left { ${pageNumber(left)} }
@page wide:right { ${turned(right)} }
@page wide:left { ${turned(left)} }
`;
}

/** A cell's padding (each side) and rule, in mm and pt, as printCss sets them. */
const CELL_PADDING_MM = 1.2;
const RULE_PT = 0.5;

/**
 * The widths a table is printed with (relative, as <col> percentages): the model's proportions of the text width
 * (landscape for a wide table), each column at least as wide as its codes and numbers, and where the room allows its
 * short lines holding one, at the table's size (document/unbroken.ts). `undefined`: the model's widths as they are.
 */
export function tableColumnWidths(profile: LayoutProfile): (t: Table) => number[] | undefined {
  const { portrait, landscape } = pageGeometry(profile);
  return (t) => {
    const n = t.widths?.length ?? 0;
    if (!n || t.widths!.some((w) => !(w > 0))) return undefined;
    const width = (t.landscape ? landscape : portrait).textWidthMm * PX_PER_MM;
    const fontPx = (t.fontSize === 'normal' ? profile.sizePt.body : profile.sizePt.table) * PX_PER_PT;
    const total = t.widths!.reduce((a, b) => a + b, 0);
    const scaled = t.widths!.map((w) => (w / total) * width);
    // A column holds its content, its padding and (border-collapse) half of each rule, and a pixel to spare.
    const toPx = (em: number) => (em > 0 ? em * fontPx + 2 * CELL_PADDING_MM * PX_PER_MM + RULE_PT * PX_PER_PT + 1 : 0);
    return fitColumns(scaled, columnMinimums(t, n), toPx).widths;
  };
}

/** What of a page a table row may take and still be kept whole (as the DOCX keeps it: render/docx/tables.ts). */
const KEEP_WHOLE = 2 / 3;

/**
 * The classes of a table's rows in print: `pb-tall` for a row taller than two thirds of a page (estimated from its
 * text in the printed column widths), which may break across pages — pushed whole to the next page, it would leave
 * the page before near-empty; the others are never broken (`tr { break-inside: avoid }`).
 */
export function tableRowClasses(profile: LayoutProfile): (t: Table) => (string | undefined)[] {
  const { portrait, landscape } = pageGeometry(profile);
  const widthsOf = tableColumnWidths(profile);
  return (t) => {
    const page = t.landscape ? landscape : portrait;
    const fontPx = (t.fontSize === 'normal' ? profile.sizePt.body : profile.sizePt.table) * PX_PER_PT;
    const textWidthPx = page.textWidthMm * PX_PER_MM;
    const given = widthsOf(t) ?? t.widths;
    const n = Math.max(1, ...t.rows.map((r) => r.cells.reduce((k, c) => k + Math.max(1, c.colSpan ?? 1), 0)));
    const rel = given && given.length === n ? given : Array.from({ length: n }, () => 1);
    const total = rel.reduce((a, b) => a + b, 0);
    const ems = rel.map((w) => ((w / total) * textWidthPx - 2 * CELL_PADDING_MM * PX_PER_MM) / fontPx);
    const room = (page.textHeightMm * PX_PER_MM * KEEP_WHOLE) / (1.5 * fontPx);
    return t.rows.map((r) => (rowLines(r, ems) > room ? 'pb-tall' : undefined));
  };
}

/**
 * Bold text (\`strong\`: the labels 责任：, a legal basis's title, a catalogue's group rows, an author's **…**) in a
 * role whose font has no bold face (Fandol's 仿宋 and 楷体) is printed in 黑体, as offices set emphasis in such
 * text, not emboldened by Chromium, whose emboldened glyphs become unnamed Type 3 fonts in the PDF. (The DOCX marks
 * them bold: Word and WPS embolden the font themselves.) With a bold face (an official font that has one), bold.
 */
function emphasis(fonts: FontPlan): string {
  const f = fonts.families;
  const rule = (selector: string, role: FontRole) =>
    fonts.bold.has(role) ? `${selector} { font-weight: bold; }` : `${selector} { font-family: ${f.heading1}; font-weight: normal; }`;
  return [rule('strong, b', 'body'), rule('table strong, table b', 'table'), rule('blockquote strong, blockquote b', 'heading2')].join('\n');
}

/** The print CSS; with `pageNumbers: false` without the page numbers (a chunk sets them apart: pageNumberCss). */
export function printCss(profile: LayoutProfile, fonts: FontPlan, opts: { pageNumbers?: boolean } = {}): string {
  const { sizePt } = profile;
  const { portrait, landscape, figure } = pageGeometry(profile);
  const m = portrait.marginMm;
  const g = bodyGrid(profile);
  const f = fonts.families;
  const note = Math.max(sizePt.table, sizePt.body - 2);
  const twoChars = px(2 * g.charPx);
  const margins = `${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm`;
  // The baseline of a line of body text, from the bottom of its line box (half-leading plus a CJK descent of 0.12 em).
  const baselinePx = (g.linePx - sizePt.body * PX_PER_PT) / 2 + 0.12 * sizePt.body * PX_PER_PT;
  // The longest drawing a page can hold with its caption below it (two lines: a long power's name wraps) — the
  // box the DOCX fits figures into (docx/figures.ts) and flowchart pages are cut for (mermaid/config.ts).
  const figureMaxPx = unit(g.textHeightPx - figure.captionLines * g.linePx);
  return `${fonts.faces}
@page { size: ${portrait.widthMm}mm ${portrait.heightMm}mm; margin: ${margins}; }
@page cover { counter-increment: page 0; }
@page front { counter-increment: page 0; }
@page wide { size: ${landscape.widthMm}mm ${landscape.heightMm}mm; margin: ${margins}; }
${opts.pageNumbers === false ? '' : pageNumberCss(profile, fonts)}:root { font-family: ${f.body}; font-size: ${sizePt.body}pt; line-height: ${px(g.linePx)}; color: #000; }
body { margin: 0; font-kerning: none; line-break: strict; overflow-wrap: anywhere; }
.sec { break-before: page; }
.sec-cover { page: cover; }
.sec-front { page: front; }
.sec-body { page: body; }
.sec-body.landscape, .pb-wide { page: wide; }
.page-break { break-after: page; }
.pb-marks { position: absolute; width: 0; height: 0; overflow: hidden; }
.pb-at { position: absolute; }
.pb-loading body { display: none; }

/* Text on the grid: 16 pt, 28 characters a line, justified, first line indented by two characters. */
p, li, h1, h2, h3, h4, h5, h6, figcaption { letter-spacing: ${px(g.letterSpacingPx)}; }
p { margin: 0; text-align: justify; text-indent: ${twoChars}; orphans: 2; widows: 2; }
p.noindent, li > p, td p, th p { text-indent: 0; }
/* A line that introduces a table or a drawing stays on its page; a rule's review note is never alone at the top of one. */
p:has(+ table), p:has(+ figure), p:has(+ p.note), ol:has(+ p.note), ul:has(+ p.note) { break-after: avoid; }
p.note { break-inside: avoid; }
p.align-center { text-align: center; text-indent: 0; }
p.align-right { text-align: right; text-indent: 0; }
p.align-left { text-align: left; }
a { color: inherit; text-decoration: none; }
/* A code, a date, a number with its unit (document/unbroken.ts): never broken across lines. */
.nobr { white-space: nowrap; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.875em; letter-spacing: 0; }
sup { line-height: 0; }

/* Headings: 标题 小标宋 二号 centred; 一、 黑体; （一） 楷体; 1. and （1） 仿宋 (GB/T 9704 §7.3.3; as the DOCX). */
h1, h2, h3, h4, h5, h6 { margin: 0; font-size: ${sizePt.heading}pt; font-weight: normal; line-height: ${px(g.linePx)}; break-after: avoid; break-inside: avoid; text-align: justify; text-indent: ${twoChars}; }
/* Line height 1.5: taller than the title font's own ascent + descent (Noto Serif CJK: 1.45 em). In a shorter line box
   Chromium writes such a heading's bookmark title twice ("编制说明编制说明"). */
.h-part, .h-title, .toc-title { font-family: ${f.title}; font-size: ${sizePt.title}pt; line-height: 1.5; text-align: center; text-indent: 0; margin-bottom: ${px(g.linePx)}; letter-spacing: 0; }
/* A new page where the compendium starts one (html.ts: the first of consecutive headings when one of them is a part,
   a power, a rule; so a heading is never left alone at the foot of a page, nor a part title alone on a page). */
.break-before { break-before: page; }
.h-part, .h-title, p.title, p.subtitle, p.table-caption, caption, figcaption { text-wrap: balance; }
.h-chapter { font-family: ${f.heading1}; }
.h-section { font-family: ${f.heading2}; }
.h-item { font-family: ${f.body}; }
.h-subitem { font-family: ${f.body}; }

p.title { font-family: ${f.title}; font-size: ${sizePt.title}pt; text-align: center; text-indent: 0; letter-spacing: 0; }
p.subtitle { font-family: ${f.heading2}; text-align: center; text-indent: 0; }
p.caption, figcaption, caption { font-family: ${f.heading1}; font-size: ${note}pt; line-height: ${px(g.linePx)}; text-align: center; text-indent: 0; letter-spacing: 0; }
p.note { font-size: ${note}pt; line-height: ${note * 1.5}pt; text-indent: ${2 * note}pt; letter-spacing: 0; }
p.signature { text-align: right; text-indent: 0; padding-right: ${px(4 * g.charPx)}; }
blockquote { margin: 0 ${twoChars}; font-family: ${f.heading2}; }
${emphasis(fonts)}
ul, ol { margin: 0; padding-left: ${twoChars}; }
ol.labelled, ul.labelled { list-style: none; }

/* The cover: one page, no number. */
.sec-cover { height: ${px(Math.floor(g.textHeightPx) - 2)}; overflow: hidden; display: flex; flex-direction: column; }
.sec-cover p { text-indent: 0; text-align: center; letter-spacing: 0; }
.sec-cover p.cover-dept { font-family: ${f.heading1}; font-size: ${sizePt.heading + 2}pt; min-height: ${px(g.linePx)}; }
.sec-cover p.title { font-size: ${Math.round(sizePt.title * 1.5)}pt; line-height: 1.4; margin: 30mm 0 ${px(g.linePx)}; }
.sec-cover p.subtitle { font-size: ${sizePt.heading + 2}pt; line-height: 1.6; }
.sec-cover p.cover-date { font-size: ${sizePt.heading + 2}pt; line-height: 1.6; }
.sec-cover p.cover-date:not(p.cover-date ~ p.cover-date) { margin-top: auto; }

/* 目录: dotted leaders from the end of each entry's last line to its page number, which stands at the right. The dots
   run under the whole last line; the entry's text and the number, on white, hide them where they stand. */
.toc ol { list-style: none; margin: 0; padding: 0; }
.toc li { line-height: ${px(g.linePx)}; letter-spacing: ${px(g.letterSpacingPx)}; break-inside: avoid; }
.toc li a { display: block; position: relative; padding-right: 2.6em; }
.toc li a::before { content: ""; position: absolute; left: 0; right: 0.3em; bottom: ${px(baselinePx)}; border-bottom: 1.2pt dotted #000; }
.toc .toc-text { position: relative; background: #fff; padding-right: 0.25em; }
.toc .toc-page { position: absolute; right: 0; bottom: 0; background: #fff; padding-left: 0.25em; letter-spacing: 0; font-family: ${f.pageNumber}; }
.toc .toc-1 { font-family: ${f.heading1}; }
.toc .toc-2 { padding-left: ${px(g.charPx)}; }
.toc .toc-3 { padding-left: ${px(2 * g.charPx)}; }
.toc .toc-4 { padding-left: ${px(3 * g.charPx)}; }
.toc .toc-5 { padding-left: ${px(4 * g.charPx)}; }

/* Tables: the profile's table size (小四) 仿宋, header rows repeated on every page, rows never split. Every table of the
   model is "small"; the shared HTML does not mark "normal" ones, which would stay at the table size too. */
table { width: 100%; border-collapse: collapse; margin: ${px(g.linePx / 4)} 0 ${px(g.linePx / 2)}; font-family: ${f.table}; font-size: ${sizePt.table}pt; line-height: 1.5; letter-spacing: 0; }
table:has(> colgroup) { table-layout: fixed; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
tr.pb-tall { break-inside: auto; }
/* A table's caption and header never end a page without a row of the table, nor a group's heading row (一、行政许可)
   without the first row of its group. */
tbody > tr:first-child, tr.group + tr { break-before: avoid; }
th, td { border: ${RULE_PT}pt solid #000; padding: 0.6mm ${CELL_PADDING_MM}mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { font-family: ${f.heading1}; font-weight: normal; text-align: center; vertical-align: middle; }
table.info td:first-child { text-align: center; vertical-align: middle; font-family: ${f.heading1}; }
caption { caption-side: top; padding-bottom: 1mm; }
/* A table's caption is a paragraph before it (html.ts), kept with the table's first rows (p:has(+ table)). */
p.table-caption { margin-top: ${px(g.linePx / 4)}; padding-bottom: 1mm; }
p.table-caption + table { margin-top: 0; }
/* A wide table stands alone on landscape pages (same margins: binding and page numbers stay where they are). */
.pb-wide table { margin-top: 0; }

/* Flowcharts: vector (the model's SVG), the text width at most, one page at most. */
figure { margin: ${px(g.linePx / 4)} 0; break-inside: avoid; text-align: center; }
figure img { display: block; margin: 0 auto; width: auto; height: auto; max-width: 100%; max-height: ${px(figureMaxPx)}; }

.footnotes { margin-top: ${px(g.linePx)}; border-top: 0.5pt solid #000; font-size: ${note}pt; line-height: ${note * 1.5}pt; }
.footnotes ol { padding-left: 2em; }
`;
}
