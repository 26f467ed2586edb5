/**
 * One published list as CSV (RFC 4180), for Excel and WPS on a Chinese Windows machine as much as for other programs:
 *
 * - UTF-8 with a byte order mark. Excel and WPS read a CSV without one in the machine's ANSI code page (GBK on a
 *   Chinese Windows), which garbles UTF-8; with the mark they read UTF-8. GBK itself would lose every character outside
 *   it (生僻字 in names, ・, emoji) and be garbled on any other machine: the mark is the one form all of them read right.
 * - Records end in CRLF, as on Windows and in RFC 4180; a line break inside a cell stays "\n" (what Excel writes for
 *   Alt+Enter), inside the quoted field.
 * - The title row first (padded to the table's width), then the header row, as in the workbook: the list as published.
 * - A field is quoted when it holds a comma, a quotation mark, a line break or leading/trailing spaces; quotation marks
 *   are doubled.
 * - A text starting with = + - or @ (also after spaces or a tab) would be read by Excel or LibreOffice as a formula
 *   (CSV injection): it is written with a leading apostrophe, as Excel itself shows such a text (`powerbook import`
 *   drops it again). The workbook needs none (its cells are typed).
 */
import type { PublishedList } from '../../document/lists.js';
import { cellText } from './text.js';

export const CSV_BOM = '\ufeff';

/**
 * What a spreadsheet may take for a formula: = + - @ first, also after white space (a program that trims the fields
 * it reads, as LibreOffice's "trim spaces" import option does, sees the = first). OWASP's list, and a little more.
 */
const FORMULA_START = /^[\s\u00a0\u3000]*[=+\-@]|^\t/;

function field(s: string): string {
  const t = FORMULA_START.test(s) ? `'${s}` : s;
  return /[",\n\r]|^\s|\s$/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

export function renderCsv(list: PublishedList): { data: string; truncated: number } {
  const n = list.columns.length;
  const lines: string[] = [];
  let truncated = 0;
  const row = (cells: string[]) => lines.push(cells.map((c) => {
    const t = cellText(c);
    if (t.cut) truncated++;
    return field(t.text);
  }).join(','));
  row([list.title, ...Array.from({ length: n - 1 }, () => '')]);
  row(list.columns.map((c) => c.header));
  for (const r of list.rows) row(Array.from({ length: n }, (_, i) => r[i] ?? ''));
  return { data: CSV_BOM + lines.join('\r\n') + '\r\n', truncated };
}
