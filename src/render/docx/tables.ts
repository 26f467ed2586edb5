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
import { columnMinimums, fitColumns, withBreaksForTokens } from '../../document/unbroken.js';
import type { BlockScope, RenderContext } from './context.js';
import { pageOf, ptToTwips } from './geometry.js';
import { renderInlines, runOptions } from './inlines.js';
import { ALIGNMENT } from './paragraphs.js';
import { StyleId } from './styles.js';
import { roleMetrics } from './fonts.js';

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const CELL_MARGIN = { top: 0, bottom: 0, left: 85, right: 85 } as const;

/** The number of grid columns: the widths given, or the widest row counting spans. */
export function columnCount(t: ModelTable): number {
  const fromRows = Math.max(0, ...t.rows.map((r) => r.cells.reduce((n, c) => n + Math.max(1, c.colSpan ?? 1), 0)));
  return Math.max(t.widths?.length ?? 0, fromRows, 1);
}

/** Column widths in twips, in the model's proportions, adding up to the text width. */
export function columnWidths(t: ModelTable, textWidth: number): number[] {
  const n = columnCount(t);
  const given = t.widths && t.widths.length === n && t.widths.every((w) => Number.isFinite(w) && w > 0) ? t.widths : undefined;
  const weights = given ?? Array.from({ length: n }, () => 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / total) * textWidth));
  widths[n - 1]! += textWidth - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/**
 * Widths made to hold a whole number of characters of `em` twips and a quarter of one more, within the cells' margins,
 * and as many more whole characters as the total allows, given to the widest columns first: a line of Chinese text
 * (whole characters) or mixed with Latin letters and digits (half ones) then stops a quarter of a character short of
 * the edge, so that Word, LibreOffice and docx's page layout break it at the same place, whatever they round or take
 * the borders from. The total is then at most a character short of the text width (the table is centred).
 *
 * `minimum` (ems, document/unbroken.ts) is what each column must hold on a line; a column is never snapped below it,
 * the characters it needs taken from the widest columns that have some to spare.
 */
export function snapToCharacters(widths: readonly number[], em: number, minimum: readonly number[] = []): number[] {
  const margins = CELL_MARGIN.left + CELL_MARGIN.right;
  const quarter = Math.round(em / 4);
  const total = widths.reduce((a, b) => a + b, 0);
  const need = widths.map((_, i) => Math.max(1, Math.ceil((minimum[i] ?? 0) - 0.25 - 1e-9)));
  const chars = widths.map((w, i) => Math.max(need[i]!, Math.floor((w - margins - quarter) / em)));
  if (widths.some((w) => Math.floor((w - margins - quarter) / em) < 1)) return [...widths];
  const width = (n: number) => n * em + quarter + margins;
  let left = total - chars.reduce((sum, n) => sum + width(n), 0);
  const order = widths.map((w, i) => [w, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map(([, i]) => i);
  // Over the total (a column raised to its minimum): a character less for the widest columns that can spare one.
  while (left < 0) {
    const k = order.find((i) => chars[i]! > need[i]!);
    if (k === undefined) return [...widths];
    chars[k]! -= 1;
    left += em;
    order.push(...order.splice(order.indexOf(k), 1));
  }
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

/**
 * A cell's paragraph. `widthEm`: the room for its text, in ems of the table's size; where Word or LibreOffice would
 * break a code or a number with its unit across lines (a long 时限 in a narrow column), the text is broken before it
 * (document/unbroken.ts).
 */
function cellParagraph(ctx: RenderContext, t: ModelTable, cell: ModelCell, header: boolean, widthEm: number, keepNext = false): Paragraph {
  const sizePt = t.fontSize === 'normal' ? ctx.profile.sizePt.body : undefined;
  const format = { role: header ? ('heading1' as const) : ('table' as const), ...(sizePt ? { sizePt } : {}) };
  // Every run is condensed by the document's character spacing (its defaults: the body grid's).
  const spacingEm = ctx.geometry.charSpacing / 20 / (sizePt ?? ctx.profile.sizePt.table);
  const m = roleMetrics(ctx.profile, format.role);
  const children = renderInlines(ctx, withBreaksForTokens(cell.children, widthEm, spacingEm, widthEm, m.metrics, m.agree), format);
  return new Paragraph({
    style: header ? StyleId.tableHeader : StyleId.tableText,
    // A group's heading row keeps with the row after it (Word and LibreOffice keep a row whose paragraphs all keep
    // with the next with the next row).
    ...(keepNext ? { keepNext: true } : {}),
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
  // Each column as wide as its codes and numbers, and where the room allows its short lines holding one
  // (document/unbroken.ts): Word and LibreOffice break after a hyphen and before an ideograph, and a run cannot be
  // marked unbreakable without changing its characters.
  const toTwips = (em: number) => (em > 0 ? Math.ceil(em * sizePt * 20) + CELL_MARGIN.left + CELL_MARGIN.right + 20 : 0);
  const fitted = fitColumns(columnWidths(t, textWidth), columnMinimums(t, columnCount(t)), toTwips);
  const widths = snapToCharacters(fitted.widths.map(Math.floor), ptToTwips(sizePt), fitted.minimum);
  const tableWidth = widths.reduce((a, b) => a + b, 0);
  const n = widths.length;
  // Rows covered by a rowSpan from above take fewer cells of their own (as in HTML); docx adds the merged cells.
  const covered: number[] = Array.from({ length: n }, () => 0);
  // A row up to two thirds of a page tall is kept whole: pushed to the next page, it leaves the page before at least a
  // third full (never a near-empty one), and it never ends a table with a line or two on a page of their own. A taller
  // one may break across pages. (LibreOffice does not always break a row where Word and docx's layout do — a row of
  // the example's step tables that they broke after ten of its nineteen lines went whole to the next page — so rows
  // break only where they must for the pages to hold; the print PDF never breaks one.)
  const em = ptToTwips(sizePt);
  const tableLine = ptToTwips(Math.round(sizePt * 1.5));
  const keepWhole = Math.floor((pageOf(ctx.geometry, scope.orientation).textHeight * 2) / 3 / tableLine);
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
        children: [cellParagraph(ctx, t, cell, header, (width - CELL_MARGIN.left - CELL_MARGIN.right) / em, row.group === true)],
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
