/**
 * A spreadsheet file to grids of cell text, one per worksheet: .xlsx read by exceljs, .csv decoded as the loader
 * decodes a repository's files (UTF-8 with or without BOM, GBK/GB18030, UTF-16) and parsed by exceljs's CSV reader
 * (fast-csv: quoted fields, line breaks inside them, CRLF). What is not a workbook says what it is instead: an old
 * .xls (or an encrypted workbook), a web page saved as .xls, a damaged zip. Nothing here throws for a file's content.
 */
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { decode } from '../load/decode.js';
import { cellText, type CellNote } from './cells.js';

/**
 * exceljs's Workbook alone (xlsx and csv reading): the package's entry also loads its streaming reader and writer,
 * unzipper and its dependencies, half of its load time (about 0.1 s of CPU), which nothing here uses.
 */
const require = createRequire(import.meta.url);
const Workbook = require('exceljs/lib/doc/workbook.js') as typeof ExcelJS.Workbook;

/**
 * Excel's built-in number formats 27–36 and 50–58 are the East Asian dates and times (zh-CN: 31 is yyyy"年"m"月"d"日",
 * 57 yyyy"年"m"月", 28 m"月"d"日"): what a date typed on a Chinese Windows is saved with. exceljs knows them by
 * culture only and gives such a cell its serial number (45000 for 2023-03-15). Their zh-CN codes are filled in, so
 * that these cells are read as the dates they show. Its table of ids by code (for writing) is built first and does
 * not change: `powerbook export` writes the same bytes.
 */
require('exceljs/lib/xlsx/xform/style/numfmt-xform.js');
for (const f of Object.values(require('exceljs/lib/xlsx/defaultnumformats.js') as Record<string, { f?: string; 'zh-cn'?: string }>)) {
  if (f.f === undefined && f['zh-cn'] !== undefined) f.f = f['zh-cn'];
}

/** A list of a few hundred powers is well under a megabyte; anything this large is not a power list. */
export const MAX_SHEET_FILE_BYTES = 50 * 1024 * 1024;
/** The unpacked size of an .xlsx's parts (a zip bomb is refused before it is unpacked). */
export const MAX_UNPACKED_BYTES = 400 * 1024 * 1024;
/**
 * The cells the merged ranges of a workbook may cover in all. exceljs makes an object for every cell of a merged
 * range: one range C2:ZZ200000 (140 million cells, a few bytes in the file) took 4 GB and was killed, 1.9 million
 * cells 0.9 GB and 7 s. A list of a thousand powers merges a few thousand cells.
 */
export const MAX_MERGED_CELLS = 500_000;

export interface CellProblem { row: number; col: number; note: CellNote; detail?: string }

/** One worksheet as text: `text[r - 1][c - 1]`, a merged cell's text in every cell it covers. */
export interface Grid {
  name: string;
  rows: number;
  cols: number;
  text: string[][];
  /** For each cell of a merged range, the range's top-left cell as "r,c" (absent: not merged). */
  merged: Map<string, string>;
  problems: CellProblem[];
  /** Read from a CSV file (no merged cells: a merged cell's value stands in its first row only). */
  csv: boolean;
  /** A worksheet hidden in Excel (Format → Hide, or "very hidden" by a macro): not shown to whoever reads the list. */
  hidden?: boolean;
}

export type ReadProblem =
  | { kind: 'empty-file' }
  | { kind: 'too-large'; bytes: number }
  | { kind: 'xls' }
  | { kind: 'html' }
  | { kind: 'not-workbook'; detail: string }
  | { kind: 'zip-bomb'; bytes: number }
  | { kind: 'merge-too-large'; ref: string; cells: number }
  | { kind: 'other-format'; format: OtherFormat }
  | { kind: 'encoding' }
  | { kind: 'binary-csv' }
  | { kind: 'csv'; detail: string }
  | { kind: 'csv-quote'; line: number; column: number }
  | { kind: 'too-many-rows'; rows: number; max: number }
  | { kind: 'too-many-columns'; line: number; fields: number }
  | { kind: 'no-sheets' };

/** Zip files that are no .xlsx. */
export type OtherFormat = 'xlsb' | 'ods' | 'docx' | 'pptx' | 'zip';

export interface ReadResult { grids: Grid[]; problem?: ReadProblem; format: 'xlsx' | 'csv'; encoding?: 'utf-8' | 'gb18030' | 'utf-16' }

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(b: Uint8Array, sig: readonly number[]): boolean {
  return b.length >= sig.length && sig.every((x, i) => b[i] === x);
}

/** The kind of file from its first bytes (the extension decides only between CSV and a workbook that is neither). */
export function sniff(bytes: Uint8Array, ext: string): 'xlsx' | 'xls' | 'html' | 'csv' | 'unknown' {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  if (startsWith(bytes, OLE2)) return 'xls';
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1').replace(/^\ufeff|^\xef\xbb\xbf/, '').trimStart().toLowerCase();
  if (/^<(!doctype html|html|table|\?xml[^>]*>\s*<html)/.test(head) || /^<\?xml[\s\S]*urn:schemas-microsoft-com:office:spreadsheet/.test(head)) return 'html';
  if (/^\.(csv|txt|tsv)$/i.test(ext)) return 'csv';
  return 'unknown';
}

export async function readSpreadsheet(bytes: Uint8Array, ext: string): Promise<ReadResult> {
  if (bytes.length === 0) return { grids: [], format: 'xlsx', problem: { kind: 'empty-file' } };
  if (bytes.length > MAX_SHEET_FILE_BYTES) return { grids: [], format: 'xlsx', problem: { kind: 'too-large', bytes: bytes.length } };
  const kind = sniff(bytes, ext);
  if (kind === 'xls') return { grids: [], format: 'xlsx', problem: { kind: 'xls' } };
  if (kind === 'html') return { grids: [], format: 'xlsx', problem: { kind: 'html' } };
  if (kind === 'csv') return readCsv(bytes, ext);
  if (kind === 'unknown') return { grids: [], format: 'xlsx', problem: { kind: 'not-workbook', detail: 'not a zip' } };
  return readXlsx(bytes);
}

/** The unpacked size the zip's directory declares, read without unpacking anything (null: not a readable zip). */
function unpackedSize(bytes: Uint8Array): { size: number; names: Set<string> } | null {
  let size = 0;
  const names = new Set<string>();
  try {
    unzipSync(bytes, { filter: (f) => { size += f.originalSize; names.add(f.name); return false; } });
  } catch {
    return null;
  }
  return { size, names };
}

/** What a zip that is no .xlsx is, by its parts: a binary workbook, an OpenDocument sheet, a Word or PowerPoint file. */
function otherZip(names: Set<string>): OtherFormat | undefined {
  if (names.has('xl/workbook.xml')) return undefined;
  if (names.has('xl/workbook.bin')) return 'xlsb';
  if (names.has('content.xml') && names.has('mimetype')) return 'ods';
  if (names.has('word/document.xml')) return 'docx';
  if (names.has('ppt/presentation.xml')) return 'pptx';
  return 'zip';
}

async function readXlsx(bytes: Uint8Array): Promise<ReadResult> {
  const unzipped = unpackedSize(bytes);
  if (unzipped === null) return { grids: [], format: 'xlsx', problem: { kind: 'not-workbook', detail: 'damaged zip' } };
  const size = unzipped.size;
  if (size > MAX_UNPACKED_BYTES) return { grids: [], format: 'xlsx', problem: { kind: 'zip-bomb', bytes: size } };
  const other = otherZip(unzipped.names);
  if (other) return { grids: [], format: 'xlsx', problem: { kind: 'other-format', format: other } };
  const huge = hugeMerge(bytes);
  if (huge) return { grids: [], format: 'xlsx', problem: { kind: 'merge-too-large', ...huge } };
  const wb = new Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (e) {
    return { grids: [], format: 'xlsx', problem: { kind: 'not-workbook', detail: e instanceof Error ? e.message.split('\n')[0]! : String(e) } };
  }
  if (!wb.worksheets.length) return { grids: [], format: 'xlsx', problem: { kind: 'no-sheets' } };
  try {
    return { grids: wb.worksheets.map((ws) => gridOf(ws, false)), format: 'xlsx' };
  } catch (e) {
    // A part exceljs loaded but cannot give as cells (a damaged sheet): said like a damaged file.
    return { grids: [], format: 'xlsx', problem: { kind: 'not-workbook', detail: e instanceof Error ? e.message.split('\n')[0]! : String(e) } };
  }
}

/** "C2" → [row, column]. */
function cellRef(ref: string): [number, number] | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return null;
  let c = 0;
  for (const ch of m[1]!.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]), c];
}

/** The first merged range that brings the workbook's merged cells over MAX_MERGED_CELLS, read from the sheets' XML. */
function hugeMerge(bytes: Uint8Array): { ref: string; cells: number } | undefined {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, { filter: (f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f.name) });
  } catch {
    return undefined; // exceljs says what is wrong with it
  }
  let total = 0;
  const decoder = new TextDecoder();
  for (const data of Object.values(parts)) {
    const xml = decoder.decode(data);
    const at = xml.lastIndexOf('<mergeCells');
    if (at < 0) continue;
    for (const m of xml.slice(at).matchAll(/<mergeCell\s[^>]*?ref="([^"]+)"/g)) {
      const [a, b] = m[1]!.split(':');
      const p = cellRef(a ?? ''), q = cellRef(b ?? a ?? '');
      if (!p || !q) continue;
      const cells = (Math.abs(q[0] - p[0]) + 1) * (Math.abs(q[1] - p[1]) + 1);
      total += cells;
      if (total > MAX_MERGED_CELLS) return { ref: m[1]!, cells };
    }
  }
  return undefined;
}

/**
 * The sheet's cells as text, from the cells the file holds only: a sheet whose used range reaches XFD1048576 (one
 * cell typed there, a row formatted to the bottom) is as small as what it holds — never rows × columns of strings
 * (a 6 KB workbook once took 4 GB and was killed). Each row is as long as its last cell with text; `rows` and
 * `cols` are the last row and column with text.
 */
function gridOf(ws: ExcelJS.Worksheet, csv: boolean): Grid {
  const lines = new Map<number, string[]>();
  const merged = new Map<string, string>();
  const problems: CellProblem[] = [];
  let rows = 0, cols = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const line: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.isMerged) {
        const m = cell.master;
        merged.set(`${r},${c}`, `${m.row},${m.col}`);
        if (m !== cell) return; // filled from the master below
      }
      const t = cellText(cell.value, cell.numFmt);
      if (t.text) { line[c - 1] = t.text; if (c > cols) cols = c; }
      if (t.note) problems.push({ row: r, col: c, note: t.note, ...(t.detail !== undefined ? { detail: t.detail } : {}) });
    });
    if (line.length) { lines.set(r, line); if (r > rows) rows = r; }
  });
  // A merged range's value applies to every cell of it (a category merged down ten rows is the category of each).
  for (const [at, master] of merged) {
    if (at === master) continue;
    const [mr, mc] = master.split(',').map(Number) as [number, number];
    const v = lines.get(mr)?.[mc - 1];
    if (!v) continue;
    const [r, c] = at.split(',').map(Number) as [number, number];
    let line = lines.get(r);
    if (!line) lines.set(r, (line = []));
    line[c - 1] = v;
    if (r > rows) rows = r;
    if (c > cols) cols = c;
  }
  const text: string[][] = [];
  for (let r = 1; r <= rows; r++) {
    const line = lines.get(r);
    text.push(line ? Array.from(line, (v) => v ?? '') : []);
  }
  return { name: ws.name, rows, cols, text, merged, problems, csv, ...(ws.state && ws.state !== 'visible' ? { hidden: true } : {}) };
}

/** The delimiter of a CSV text: the one of comma, tab and semicolon found most in its first lines outside quotes. */
export function sniffDelimiter(text: string): ',' | '\t' | ';' {
  const counts = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false, lines = 0;
  for (let i = 0; i < text.length && lines < 10; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') lines++;
    else if (!quoted && (ch === ',' || ch === '\t' || ch === ';')) counts[ch]++;
  }
  return counts['\t'] > counts[','] && counts['\t'] >= counts[';'] ? '\t' : counts[';'] > counts[','] ? ';' : ',';
}

/** Records a CSV may have: a county's list has hundreds, a province's a few thousand. exceljs holds each as a row. */
export const MAX_CSV_RECORDS = 100_000;
/** Excel's columns (exceljs refuses a field past XFD). */
const MAX_COLUMNS = 16384;

/**
 * The text without the empty records at its end (",,,," or nothing: what Excel saves for rows once used), scanned
 * from the end (a regular expression anchored at the end tries every start: quadratic on millions of line breaks).
 */
function withoutTrailingBlankRecords(text: string): string {
  let i = text.length;
  while (i > 0 && ',;\t \r\n'.includes(text[i - 1]!)) i--;
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text : text.slice(0, nl + 1);
}

/** The records of a CSV text and the first one with more fields than a sheet has columns (its line), in one pass. */
function csvShape(text: string, delimiter: string): { records: number; wide?: { line: number; fields: number } } {
  let quoted = false, records = 1, fields = 1, line = 1, start = 1;
  let wide: { line: number; fields: number } | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n') {
      line++;
      if (!quoted) {
        if (fields > MAX_COLUMNS && !wide) wide = { line: start, fields };
        records++; fields = 1; start = line;
      }
    } else if (ch === delimiter && !quoted) fields++;
  }
  if (fields > MAX_COLUMNS && !wide) wide = { line: start, fields };
  return { records, ...(wide ? { wide } : {}) };
}

async function readCsv(bytes: Uint8Array, ext: string): Promise<ReadResult> {
  const decoded = decode(bytes, { maxBytes: MAX_SHEET_FILE_BYTES });
  if (decoded.text === null) {
    const problem: ReadProblem = decoded.problem?.kind === 'binary' ? { kind: 'binary-csv' } : { kind: 'encoding' };
    return { grids: [], format: 'csv', problem };
  }
  const encoding = decoded.problem?.kind === 'gb18030' ? 'gb18030' : decoded.problem?.kind === 'utf16' ? 'utf-16' : 'utf-8';
  if (!decoded.text.trim()) return { grids: [], format: 'csv', encoding, problem: { kind: 'empty-file' } };
  const text = withoutTrailingBlankRecords(decoded.text);
  const delimiter = /^\.tsv$/i.test(ext) ? '\t' : sniffDelimiter(text);
  const shape = csvShape(text, delimiter);
  if (shape.records > MAX_CSV_RECORDS) return { grids: [], format: 'csv', encoding, problem: { kind: 'too-many-rows', rows: shape.records, max: MAX_CSV_RECORDS } };
  if (shape.wide) return { grids: [], format: 'csv', encoding, problem: { kind: 'too-many-columns', line: shape.wide.line, fields: shape.wide.fields } };
  const wb = new Workbook();
  try {
    // Every field as the text it is: exceljs's default reading turns "000117" into 117 and "2024-01-02" into a date.
    const ws = await wb.csv.read(Readable.from([text]), {
      // The apostrophe a CSV export puts before a text a spreadsheet would take for a formula ('=…, '+…) is no part of it.
      sheetName: 'csv', map: (v: unknown) => (v === '' ? null : typeof v === 'string' && /^'[\s\u00a0\u3000]*[=+\-@]/.test(v) ? v.slice(1) : v),
      parserOptions: { delimiter, ignoreEmpty: false, trim: false },
    } as Parameters<typeof wb.csv.read>[1]);
    return { grids: [gridOf(ws, true)], format: 'csv', encoding };
  } catch (e) {
    const open = unclosedQuote(text);
    if (open) return { grids: [], format: 'csv', encoding, problem: { kind: 'csv-quote', ...open } };
    return { grids: [], format: 'csv', encoding, problem: { kind: 'csv', detail: e instanceof Error ? e.message.split('\n')[0]! : String(e) } };
  }
}

/** Where a quoted field opens that no quotation mark closes (line and column, 1-based), or undefined. */
export function unclosedQuote(text: string): { line: number; column: number } | undefined {
  let quoted = false, line = 1, col = 0, at: { line: number; column: number } | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') { line++; col = 0; continue; }
    col++;
    if (ch !== '"') continue;
    if (quoted && text[i + 1] === '"') { i++; col++; continue; } // "" inside quotes
    quoted = !quoted;
    if (quoted) at = { line, column: col };
  }
  return quoted ? at : undefined;
}
