/**
 * A spreadsheet cell's value as the text a clerk sees: rich text joined, a formula's last computed result, a date as
 * YYYY-MM-DD, a number as written (a code stored as a number with a zero-padded format keeps its leading zeros).
 * What cannot be shown as text (an error value, a formula never computed, a code longer than Excel keeps) is said.
 */

/** What was odd about a cell's value (the importer turns it into a warning at the cell). */
export type CellNote = 'formula-no-result' | 'error-value' | 'digits-lost' | 'control-char';

export interface CellText { text: string; note?: CellNote; detail?: string }

/** Excel keeps 15 significant digits: a code typed as a number longer than that has lost its last digits. */
const EXCEL_DIGITS = 15;

function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  // exceljs reads a date cell as UTC midnight of the day shown; a time of day is kept when there is one.
  const day = d.toISOString().slice(0, 10);
  const time = d.toISOString().slice(11, 19);
  return time === '00:00:00' ? day : `${day} ${time}`;
}

function numberText(n: number, numFmt: string | undefined): CellText {
  if (!Number.isFinite(n)) return { text: '' };
  if (Number.isInteger(n)) {
    let text = Math.abs(n) < 1e21 ? BigInt(n).toString() : String(n);
    // A format of zeros ("000000000000") shows the code with its leading zeros, as the sheet does.
    const zeros = numFmt && /^0+$/.test(numFmt) ? numFmt.length : 0;
    if (zeros > text.length && n >= 0) text = text.padStart(zeros, '0');
    if (Math.abs(n) > Number.MAX_SAFE_INTEGER || text.replace(/^-?0*/, '').replace(/0+$/, '').length > EXCEL_DIGITS) {
      return { text, note: 'digits-lost', detail: text };
    }
    return { text };
  }
  // Binary floating point: 0.1 + 0.2 is shown as Excel shows it, with at most 15 significant digits.
  return { text: String(Number(n.toPrecision(EXCEL_DIGITS))) };
}

/** Text of an exceljs cell value (`cell.value`), its number format for numbers. */
export function cellText(value: unknown, numFmt?: string): CellText {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return textOf(value);
  if (typeof value === 'number') return numberText(value, numFmt);
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: dateText(value) };
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return textOf((v.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join(''));
    if ('error' in v) return { text: '', note: 'error-value', detail: String(v.error) };
    if ('formula' in v || 'sharedFormula' in v) {
      if (v.result === undefined || v.result === null) return { text: '', note: 'formula-no-result', detail: String(v.formula ?? v.sharedFormula) };
      return cellText(v.result, numFmt);
    }
    // A hyperlink: its text (itself plain or rich text).
    if ('text' in v) return cellText(v.text, numFmt);
  }
  return { text: '' };
}

/**
 * Control characters (BEL, ESC … pasted from other programs; in an .xlsx as Excel's escapes _x0007_) and the
 * bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069: they reverse what an editor, a terminal or Word
 * shows, "Trojan Source"): no power list means them. Dropped from the text, and said (the first one's code).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|_x00(?:0[0-8bBcCeEfF]|1[0-9a-fA-F])_|_x007[fF]_|_x202[a-eA-E]_|_x206[6-9]_/g;

function controlCode(m: string): string {
  const hex = m.startsWith('_x') ? m.slice(2, 6) : m.charCodeAt(0).toString(16);
  return `U+${hex.toUpperCase().padStart(4, '0')}`;
}

function textOf(raw: string): CellText {
  let first: string | undefined;
  const t = raw.replace(CONTROL, (m) => { first ??= controlCode(m); return ''; });
  const text = clean(t);
  return first === undefined ? { text } : { text, note: 'control-char', detail: first };
}

/**
 * Line ends as one \n, Excel's escaped carriage return (_x000D_, left by text pasted from Word) and no-break spaces
 * removed, trailing spaces of each line dropped, the whole trimmed.
 */
export function clean(s: string): string {
  if (!s) return '';
  const t = s.replace(/_x000[dD]_/g, '').replace(/\r\n?/g, '\n').replace(/[\u00a0\u200b\ufeff]/g, (c) => (c === '\u00a0' ? ' ' : ''));
  return (t.includes('\n') ? t.split('\n').map((l) => l.trimEnd()).join('\n') : t).trim();
}

/** Column number (1-based) to its letters: 1 → A, 27 → AA. */
export function columnLetter(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Letters to the column number, or null: "C" → 3, "aa" → 27. */
export function columnNumber(letters: string): number | null {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return null;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n <= 16384 ? n : null;
}
