/**
 * A cell's text as a spreadsheet can hold it: line breaks as "\n" (a cell's line break in Excel and WPS), no control
 * characters (XML 1.0 cannot carry them: Excel would call the file damaged), no lone surrogate halves, and at most
 * the 32,767 characters of an Excel cell — a longer text is cut with a note saying so, never silently.
 */

/** Excel's limit on the characters of a cell. */
export const CELL_MAX = 32767;
export const CUT_NOTE = '……（以下超出 Excel 单元格 32767 字的上限，未列出）';

export interface CellText { text: string; cut: boolean }

export function cellText(s: string): CellText {
  let t = s
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  if (t.length <= CELL_MAX) return { text: t, cut: false };
  let end = CELL_MAX - CUT_NOTE.length;
  // Not between the halves of a character outside the BMP.
  if (/[\ud800-\udbff]/.test(t[end - 1]!)) end--;
  t = t.slice(0, end) + CUT_NOTE;
  return { text: t, cut: true };
}
