/**
 * Tables: ruled, in the table size (小四 with the defaults), as wide as the text block, columns in the model's
 * proportions; header rows repeat on each page and no row breaks across pages. A caption goes above the table.
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
import { pageOf } from './geometry.js';
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
export function columnWidths(t: ModelTable, textWidth: number): number[] {
  const n = columnCount(t);
  const given = t.widths && t.widths.length === n && t.widths.every((w) => Number.isFinite(w) && w > 0) ? t.widths : undefined;
  const weights = given ?? Array.from({ length: n }, () => 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / total) * textWidth));
  widths[n - 1]! += textWidth - widths.reduce((a, b) => a + b, 0);
  return widths;
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
  const widths = columnWidths(t, textWidth);
  const n = widths.length;
  // Rows covered by a rowSpan from above take fewer cells of their own (as in HTML); docx adds the merged cells.
  const covered: number[] = Array.from({ length: n }, () => 0);
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
    return new TableRow({
      children: cells,
      cantSplit: true,
      ...(r < t.headerRows ? { tableHeader: true } : {}),
    });
  });
  const table = new Table({
    rows,
    width: { size: textWidth, type: WidthType.DXA },
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
