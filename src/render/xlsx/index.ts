/**
 * The published lists as a workbook (exceljs), a worksheet per list, each laid out as a portal's 权力清单 is: the title
 * merged across the table (黑体 18 pt), the header row (黑体, grey, centred), one row per power (宋体 11 pt, thin borders,
 * text wrapped, a cell's lines kept), columns as wide as the model asks, the header frozen below the title and an
 * auto-filter on it. Printed landscape on A4, or A3 when the columns are too many for A4 to stay legible, fitted to
 * the page's width, the header row repeated on every page, "第 N 页，共 M 页" in the footer.
 *
 * Same lists and date, same bytes: the workbook's dates are the lists' (SOURCE_DATE_EPOCH or the compendium's date),
 * and the zip is written again with fixed times (util/zip.ts).
 */
import ExcelJS from 'exceljs';
import type { PublishedList, PublishedLists } from '../../document/lists.js';
import { zipWithFixedTimes } from '../../util/zip.js';
import { cellText } from './text.js';

export { renderCsv, CSV_BOM } from './csv.js';

/** A sheet wider than this many characters of text is printed on A3: on A4 it would shrink below a legible size. */
export const A4_MAX_CHARS = 80;
const PAPER = { A4: 9, A3: 8 } as const;

/** Excel's column width is in widths of the default font's digit (Calibri 11: 7 px); an ideograph of 宋体 11 pt is 14.7 px. */
const UNITS_PER_CHAR = 2.1;
const PADDING = 1.3;

/**
 * Rows are given their height: LibreOffice (7.4) opens a row that states none at the default height, one line of every
 * cell however many its wrapped text holds. The height is the cell with the most lines: each of its lines wrapped at the column's
 * width, an ideograph taking one character and a Latin letter or digit half of one. A line of 11 pt text is counted at
 * 16 pt (宋体 needs 14.25; the CJK fonts that stand in for it elsewhere, up to 1.45 em): a row may have a little room to
 * spare rather than too little.
 */
const LINE_PT = 16;
const ROW_PADDING_PT = 4;

export function linesIn(text: string, width: number): number {
  let lines = 0;
  for (const line of text.split('\n')) {
    let ems = 0;
    for (const ch of line) ems += ch.codePointAt(0)! < 0x2e80 ? 0.55 : 1;
    lines += Math.max(1, Math.ceil(ems / Math.max(1, width)));
  }
  return lines;
}

export function rowHeight(values: readonly string[], columns: PublishedList['columns']): number {
  const lines = Math.max(1, ...columns.map((c, i) => linesIn(values[i] ?? '', c.width)));
  return lines * LINE_PT + ROW_PADDING_PT;
}

const BODY: Partial<ExcelJS.Font> = { name: '宋体', size: 11, charset: 134 };
const HEADER: Partial<ExcelJS.Font> = { name: '黑体', size: 11, charset: 134 };
const TITLE: Partial<ExcelJS.Font> = { name: '黑体', size: 18, charset: 134 };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const GREY: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };

export interface XlsxReport {
  sheets: { name: string; rows: number; paper: keyof typeof PAPER }[];
  /** Cells cut to Excel's 32,767 characters. */
  truncated: number;
}

export function paperFor(list: Pick<PublishedList, 'columns'>): keyof typeof PAPER {
  return list.columns.reduce((a, c) => a + c.width, 0) > A4_MAX_CHARS ? 'A3' : 'A4';
}

export async function renderXlsx(lists: PublishedLists): Promise<{ data: Uint8Array; report: XlsxReport }> {
  const date = new Date(lists.created);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'powerbook';
  wb.lastModifiedBy = 'powerbook';
  wb.created = date;
  wb.modified = date;
  wb.title = `${lists.department}权力清单和责任清单`;
  wb.company = lists.department;
  const report: XlsxReport = { sheets: [], truncated: 0 };
  for (const list of lists.lists) {
    const paper = paperFor(list);
    report.sheets.push({ name: list.name, rows: list.rows.length, paper });
    report.truncated += addSheet(wb, list, paper);
  }
  // Stored, not compressed: the zip is written again (fixed times), and compressed then, once.
  const buf = await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as ExcelJS.XlsxWriteOptions);
  return { data: zipWithFixedTimes(new Uint8Array(buf as ArrayBuffer), date), report };
}

/** One list as a worksheet; returns how many cells were cut. */
function addSheet(wb: ExcelJS.Workbook, list: PublishedList, paper: keyof typeof PAPER): number {
  const n = list.columns.length;
  const ws = wb.addWorksheet(list.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2, topLeftCell: 'A3', activeCell: 'A3' }],
    pageSetup: {
      paperSize: PAPER[paper] as ExcelJS.PaperSize, orientation: 'landscape',
      fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, printTitlesRow: '2:2',
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页', evenFooter: '&C第 &P 页，共 &N 页' },
  });
  ws.columns = list.columns.map((c) => ({ width: Math.round((c.width * UNITS_PER_CHAR + PADDING) * 10) / 10 }));

  const title = ws.getRow(1);
  title.getCell(1).value = cellText(list.title).text;
  title.height = 36;
  ws.mergeCells(1, 1, 1, n);
  title.getCell(1).font = TITLE;
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };

  const header = ws.getRow(2);
  header.height = rowHeight(list.columns.map((c) => c.header), list.columns);
  list.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = HEADER;
    cell.fill = GREY;
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: n } };

  let cut = 0;
  list.rows.forEach((values, r) => {
    const row = ws.getRow(r + 3);
    const texts: string[] = [];
    list.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const v = values[i] ?? '';
      if (c.numeric && /^\d+$/.test(v)) cell.value = Number(v);
      else if (v !== '') {
        const t = cellText(v);
        if (t.cut) cut++;
        cell.value = t.text;
        texts[i] = t.text;
      }
      cell.font = BODY;
      cell.border = BORDER;
      cell.alignment = { horizontal: c.align, vertical: 'middle', wrapText: true };
    });
    // Excel's most: 409 pt.
    row.height = Math.min(409, rowHeight(texts, list.columns));
  });
  return cut;
}
