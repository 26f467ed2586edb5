/**
 * Tables: ruled, in the table size (小四 with the defaults), as wide as the text block, columns in the model's
 * proportions, each at least as wide as the longest code or number in it (so that 时限 and 编码 never split one
 * across lines); header rows repeat on each page, and a row may break across pages (a tall row pushed whole to the
 * next page would leave a near-empty one). A caption goes above the table and keeps with it.
 */
import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type FileChild,
} from '#docx';
import type { Table as ModelTable, TableCell as ModelCell } from '../../document/model.js';
import type { BlockScope, RenderContext } from './context.js';
import { pageOf, ptToTwips } from './geometry.js';
import { renderInlines, runOptions } from './inlines.js';
import { ALIGNMENT } from './paragraphs.js';
import { StyleId } from './styles.js';

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const CELL_MARGIN = { top: 0, bottom: 0, left: 85, right: 85 } as const;

/** The number of grid columns: the widths given, or the widest row counting spans. */
export function columnCount(t: ModelTable): number {
  const fromRows = Math.max(0, ...t.rows.map((r) => r.cells.reduce((n, c) => n + Math.max(1, c.colSpan ?? 1), 0)));
  return Math.max(t.widths?.length ?? 0, fromRows, 1);
}

/** Column widths in twips, in the model's proportions, adding up to the text width. */
export function columnWidths(t: ModelTable, textWidth: number, minimum: readonly number[] = []): number[] {
  const n = columnCount(t);
  const given = t.widths && t.widths.length === n && t.widths.every((w) => Number.isFinite(w) && w > 0) ? t.widths : undefined;
  const weights = given ?? Array.from({ length: n }, () => 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / total) * textWidth));
  widths[n - 1]! += textWidth - widths.reduce((a, b) => a + b, 0);
  return widenTo(widths, minimum);
}

/**
 * The widths with each column widened to its minimum where it is narrower, the room taken from the columns that have
 * more than theirs, in proportion to what they have to spare; as they were when the minimums don't fit together.
 */
export function widenTo(widths: readonly number[], minimum: readonly number[]): number[] {
  const min = widths.map((_, i) => Math.max(0, Math.ceil(minimum[i] ?? 0)));
  const short = widths.reduce((n, w, i) => n + Math.max(0, min[i]! - w), 0);
  if (short === 0) return [...widths];
  const spare = widths.map((w, i) => Math.max(0, w - min[i]!));
  const totalSpare = spare.reduce((a, b) => a + b, 0);
  if (totalSpare < short) return [...widths];
  const out = widths.map((w, i) => (w < min[i]! ? min[i]! : w - Math.floor((spare[i]! * short) / totalSpare)));
  // What rounding left over goes to the widest column.
  const widest = out.indexOf(Math.max(...out));
  out[widest]! += widths.reduce((a, b) => a + b, 0) - out.reduce((a, b) => a + b, 0);
  return out;
}

/**
 * Widths made to hold a whole number of characters of `em` twips and a quarter of one more, within the cells' margins,
 * and as many more whole characters as the total allows, given to the widest columns first: a line of Chinese text
 * (whole characters) or mixed with Latin letters and digits (half ones) then stops a quarter of a character short of
 * the edge, so that Word, LibreOffice and docx's page layout break it at the same place, whatever they round or take
 * the borders from. The total is then at most a character short of the text width (the table is centred).
 */
export function snapToCharacters(widths: readonly number[], em: number): number[] {
  const margins = CELL_MARGIN.left + CELL_MARGIN.right;
  const quarter = Math.round(em / 4);
  const total = widths.reduce((a, b) => a + b, 0);
  const chars = widths.map((w) => Math.floor((w - margins - quarter) / em));
  if (chars.some((n) => n < 1)) return [...widths];
  const width = (n: number) => n * em + quarter + margins;
  let left = total - chars.reduce((sum, n) => sum + width(n), 0);
  const order = widths.map((w, i) => [w, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map(([, i]) => i);
  for (let k = 0; left >= em; k = (k + 1) % order.length) {
    chars[order[k]!]! += 1;
    left -= em;
  }
  return chars.map(width);
}

/** Roughly how many lines a row takes: its tallest cell's text, an ideograph an em and anything else half one. */
export function rowLines(row: ModelTable['rows'][number], widths: readonly number[], em: number): number {
  let col = 0;
  let tallest = 1;
  for (const cell of row.cells) {
    const span = Math.max(1, cell.colSpan ?? 1);
    const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0) - CELL_MARGIN.left - CELL_MARGIN.right;
    const perLine = Math.max(1, Math.floor(width / em));
    let lines = 0;
    let ems = 0;
    const endLine = () => { lines += Math.max(1, Math.ceil(ems / perLine)); ems = 0; };
    for (const inline of cell.children) {
      if (inline.type === 'break') endLine();
      else if (inline.type === 'text' || inline.type === 'ref') for (const ch of inline.text) ems += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
    }
    endLine();
    tallest = Math.max(tallest, lines);
    col += span;
  }
  return tallest;
}

/** A run of characters no line may be broken in: Latin letters, digits and the signs codes and numbers are made of. */
const UNBROKEN = /[0-9A-Za-z][0-9A-Za-z.,:/%+\-_‐-―]*[0-9A-Za-z%]|[0-9A-Za-z]/g;

/**
 * The narrowest each column may be (twips): its longest code or number (XK-001, 0731-28680615, 2025-11-06) on one
 * line, at the table's size (half an em a character, as the fonts' Latin letters and digits are at most), within the
 * cell's margins. Cells spanning several columns don't count.
 */
export function minimumWidths(t: ModelTable, sizePt: number): number[] {
  const min = Array.from({ length: columnCount(t) }, () => 0);
  for (const row of t.rows) {
    let col = 0;
    for (const cell of row.cells) {
      const span = Math.max(1, cell.colSpan ?? 1);
      if (span === 1 && col < min.length) {
        let longest = 0;
        for (const inline of cell.children) {
          if (inline.type !== 'text' && inline.type !== 'ref') continue;
          for (const m of inline.text.matchAll(UNBROKEN)) longest = Math.max(longest, m[0].length);
        }
        if (longest > 0) min[col] = Math.max(min[col]!, Math.ceil(longest * sizePt * 0.5 * 20) + CELL_MARGIN.left + CELL_MARGIN.right + 20);
      }
      col += span;
    }
  }
  return min;
}

function cellParagraph(ctx: RenderContext, t: ModelTable, cell: ModelCell, header: boolean): Paragraph {
  const sizePt = t.fontSize === 'normal' ? ctx.profile.sizePt.body : undefined;
  const format = { role: header ? ('heading1' as const) : ('table' as const), ...(sizePt ? { sizePt } : {}) };
  const children = renderInlines(ctx, cell.children, format);
  return new Paragraph({
    style: header ? StyleId.tableHeader : StyleId.tableText,
    ...(cell.align ? { alignment: ALIGNMENT[cell.align] } : header ? { alignment: AlignmentType.CENTER } : {}),
    // An empty cell still gets a run, so its paragraph mark has the table's fonts.
    children: children.length > 0 ? children : [new TextRun(runOptions(ctx, format, { text: '' }))],
  });
}

export function renderTable(ctx: RenderContext, given: ModelTable, scope: BlockScope, pageBreakBefore: boolean): FileChild[] {
  // Word can't open a table without rows, nor a row without cells: those are left out.
  const t: ModelTable = { ...given, rows: given.rows.filter((r) => r.cells.length > 0) };
  if (t.rows.length === 0) {
    return t.caption || pageBreakBefore ? [captionOrBreak(ctx, t.caption, pageBreakBefore)] : [];
  }
  const textWidth = pageOf(ctx.geometry, scope.orientation).textWidth;
  const sizePt = t.fontSize === 'normal' ? ctx.profile.sizePt.body : ctx.profile.sizePt.table;
  const widths = snapToCharacters(columnWidths(t, textWidth, minimumWidths(t, sizePt)), ptToTwips(sizePt));
  const tableWidth = widths.reduce((a, b) => a + b, 0);
  const n = widths.length;
  // Rows covered by a rowSpan from above take fewer cells of their own (as in HTML); docx adds the merged cells.
  const covered: number[] = Array.from({ length: n }, () => 0);
  // A row shorter than a quarter of the page is kept whole (pushed to the next page it leaves little room behind, and
  // it never ends a table with a line or two on a page of their own); a taller one may break across pages.
  const em = ptToTwips(sizePt);
  const tableLine = ptToTwips(Math.round(sizePt * 1.5));
  const keepWhole = Math.floor(pageOf(ctx.geometry, scope.orientation).textHeight / 4 / tableLine);
  const rows = t.rows.map((row, r) => {
    const header = r < t.headerRows || row.header === true;
    let col = 0;
    const cells = row.cells.map((cell) => {
      while (col < n && covered[col]! > 0) col++;
      const span = Math.max(1, Math.min(cell.colSpan ?? 1, n - col));
      const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
      const rowSpan = Math.max(1, cell.rowSpan ?? 1);
      for (let k = col; k < col + span && k < n; k++) covered[k] = rowSpan;
      col += span;
      return new TableCell({
        children: [cellParagraph(ctx, t, cell, header)],
        width: { size: width, type: WidthType.DXA },
        verticalAlign: VerticalAlignTable.CENTER,
        ...(span > 1 ? { columnSpan: span } : {}),
        ...(rowSpan > 1 ? { rowSpan } : {}),
      });
    });
    for (let k = 0; k < n; k++) if (covered[k]! > 0) covered[k]!--;
    const repeated = r < t.headerRows;
    return new TableRow({
      children: cells,
      ...(repeated || rowLines(row, widths, em) <= keepWhole ? { cantSplit: true } : {}),
      ...(repeated ? { tableHeader: true } : {}),
    });
  });
  const table = new Table({
    rows,
    width: { size: tableWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    margins: CELL_MARGIN,
    borders: {
      top: BORDER,
      bottom: BORDER,
      left: BORDER,
      right: BORDER,
      insideHorizontal: BORDER,
      insideVertical: BORDER,
    },
  });
  return t.caption || pageBreakBefore ? [captionOrBreak(ctx, t.caption, pageBreakBefore), table] : [table];
}

/** The caption above a table (kept with it), or an empty paragraph that starts a new page before it. */
function captionOrBreak(ctx: RenderContext, caption: string | undefined, pageBreakBefore: boolean): Paragraph {
  return new Paragraph({
    style: StyleId.caption,
    keepNext: true,
    ...(pageBreakBefore ? { pageBreakBefore: true } : {}),
    children: caption ? [new TextRun(runOptions(ctx, { role: 'heading1' }, { text: caption }))] : [],
  });
}
