/**
 * A department's published power list (.xlsx or .csv) → powers, each with its YAML text, the rows it came from and
 * what it lacks; the header found in each sheet; and every problem as a diagnostic at its row and column of the sheet
 * (the file's path, line = row, column = column). Writes nothing: pipeline/import.ts writes and validates.
 */
import type { Diagnostic, Range } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/message.js';
import type { Localised } from '../diagnostics/messages.js';
import { stageDef } from '../check/stages.js';
import type { Stage } from '../domain/types.js';
import { columnLetter } from './cells.js';
import { columnsOf, FIELDS, findHeader, HEADER_SEARCH_ROWS, WORDINGS, type ColumnMatch, type Field, type Header } from './header.js';
import { codeToId, IdMaker, windowsReserved } from './ids.js';
import type { ColumnMap } from './map.js';
import { MISSING_NAMES, missingOf, placeholderOf, toPower, type Missing, type PowerOut } from './power.js';
import { MAX_MERGED_CELLS, readSpreadsheet, type Grid, type ReadProblem } from './read.js';
import { clip, readRows, type Draft, type RowNote, type RowRange } from './rows.js';
import { powerYaml } from './yaml.js';

export { readColumnMap, type ColumnMap } from './map.js';
export { columnLetter } from './cells.js';
export { FIELDS, WORDINGS, type Field } from './header.js';
export type { RowRange, RowNote } from './rows.js';
export type { Missing } from './power.js';
export { MISSING_NAMES } from './power.js';

export interface ImportRequest {
  bytes: Uint8Array;
  /** The spreadsheet's path as the diagnostics name it. */
  file: string;
  /** Its extension (.xlsx, .csv …). */
  ext: string;
  /** --sheet (or the map's sheet:): only this worksheet. */
  sheet?: string;
  map?: ColumnMap;
}

export interface SheetSummary {
  name: string;
  /** The file name the diagnostics of this sheet carry (the path, with #sheet when the workbook has several). */
  file: string;
  header?: Header;
  /** Texts of the rows above the header (the list's title). */
  titles: string[];
  /** First and last row read as data. */
  data?: { first: number; last: number };
  /** Set by --map (header row or columns) rather than found. */
  mapped: boolean;
  csv: boolean;
}

export interface ImportedPower {
  id: string;
  idFrom: 'code' | 'generated';
  name: string;
  power: PowerOut;
  yaml: string;
  rows: RowRange;
  file: string;
  missing: Missing[];
  /** Rows of other sheets merged into this power (its 责任清单 row). */
  also?: RowRange[];
}

export interface SkippedRows {
  rows: RowRange;
  file: string;
  name?: string;
  reason: 'unreadable' | 'no-name' | 'no-id' | 'duplicate-id';
}

export interface SheetImport {
  format: 'xlsx' | 'csv';
  encoding?: 'utf-8' | 'gb18030' | 'utf-16';
  sheets: SheetSummary[];
  powers: ImportedPower[];
  skipped: SkippedRows[];
  /** Rows that are not powers (headings, notes, the header repeated). */
  notes: (RowNote & { file: string })[];
  diagnostics: Diagnostic[];
}

/** --sheet names a worksheet the workbook does not have. */
export class SheetNotFoundError extends Error {
  constructor(readonly sheet: string, readonly names: string[]) { super(`no sheet ${sheet}`); }
}

const START: Range = { start: { line: 1, column: 1 } };

/** read.ts's own reasons, said in both languages (exceljs's messages are passed on as they are). */
const NOT_WORKBOOK: Record<string, Localised> = {
  'not a zip': { zh: '不是 .xlsx 文件：.xlsx 是 zip 压缩包，这个文件不是', en: 'not an .xlsx file: an .xlsx is a zip archive, and this file is not one' },
  'damaged zip': { zh: 'zip 压缩包已损坏或不完整，可能没有下载完', en: 'a damaged or incomplete zip archive, perhaps not fully downloaded' },
};

const OTHER_FORMAT: Record<string, Localised> = {
  xlsb: { zh: 'Excel 二进制工作簿（.xlsb）', en: 'an Excel binary workbook (.xlsb)' },
  ods: { zh: 'OpenDocument 表格（.ods，LibreOffice 或 WPS 保存）', en: 'an OpenDocument spreadsheet (.ods, from LibreOffice or WPS)' },
  docx: { zh: 'Word 文档（.docx）', en: 'a Word document (.docx)' },
  pptx: { zh: 'PowerPoint 演示文稿（.pptx）', en: 'a PowerPoint presentation (.pptx)' },
  zip: { zh: '一个 zip 压缩包，但不是 Excel 工作簿', en: 'a zip archive, but no Excel workbook' },
};

function readProblem(file: string, p: ReadProblem): Diagnostic {
  const mb = (n: number) => (n / 1048576).toFixed(1);
  switch (p.kind) {
    case 'empty-file': return diag(file, START, 'sheet-unreadable', 'emptyFile');
    case 'too-large': return diag(file, START, 'sheet-unreadable', 'tooLarge', { size: mb(p.bytes), max: 50 });
    case 'xls': return diag(file, START, 'sheet-unreadable', 'xls');
    case 'html': return diag(file, START, 'sheet-unreadable', 'html');
    case 'not-workbook': return diag(file, START, 'sheet-unreadable', 'notWorkbook', { detail: NOT_WORKBOOK[p.detail] ?? p.detail });
    case 'zip-bomb': return diag(file, START, 'sheet-unreadable', 'zipBomb', { size: mb(p.bytes), max: 400 });
    case 'other-format': return diag(file, START, 'sheet-unreadable', 'otherFormat', { what: OTHER_FORMAT[p.format] });
    case 'merge-too-large': return diag(file, START, 'sheet-unreadable', 'mergeTooLarge', { ref: p.ref, cells: p.cells.toLocaleString('en-US'), max: MAX_MERGED_CELLS.toLocaleString('en-US') });
    case 'encoding': return diag(file, START, 'sheet-unreadable', 'encoding');
    case 'binary-csv': return diag(file, START, 'sheet-unreadable', 'binaryCsv');
    case 'csv': return diag(file, START, 'sheet-unreadable', 'csv', { detail: p.detail });
    case 'too-many-rows': return diag(file, START, 'sheet-unreadable', 'tooManyRows', { rows: p.rows.toLocaleString('en-US'), max: p.max.toLocaleString('en-US') });
    case 'too-many-columns': return diag(file, { start: { line: p.line, column: 1 } }, 'sheet-unreadable', 'tooManyColumns', { line: p.line, fields: p.fields.toLocaleString('en-US') });
    case 'csv-quote': return diag(file, { start: { line: p.line, column: p.column } }, 'sheet-unreadable', 'csvQuote', { line: p.line });
    case 'no-sheets': return diag(file, START, 'sheet-unreadable', 'noSheets');
  }
}

function isEmpty(g: Grid): boolean {
  return g.text.every((row) => row.every((t) => !t));
}

/** The header of a sheet: found, or where the map says, with the map's columns applied. */
function headerOf(g: Grid, file: string, map: ColumnMap | undefined, diags: Diagnostic[]): Header | undefined {
  let header: Header | undefined;
  if (map?.headerRow !== undefined) {
    if (map.headerRow > g.rows) {
      diags.push(diag(map.file, map.headerRowAt ?? START, 'sheet-map', 'headerRowOutside', { row: map.headerRow, sheet: g.name, rows: g.rows }));
      return undefined;
    }
    header = columnsOf(g, map.headerRow, 1);
  } else header = findHeader(g);
  if (!map?.columns.size) return header;
  if (!header) {
    // Columns by letter with no header to find: the map must say where the header is.
    diags.push(diag(map.file, START, 'sheet-map', 'needHeaderRow', { sheet: g.name }));
    return undefined;
  }
  const columns = new Map(header.columns);
  const headerText = (col: number) => g.text[header!.row - 1]?.[col - 1] ?? '';
  let ok = true;
  for (const [field, target] of map.columns) {
    if (target === null) { columns.delete(field); continue; }
    let col = target.col;
    if (col === undefined) {
      const want = target.header!.replace(/\s+/g, '');
      for (let c = 1; c <= g.cols && col === undefined; c++) if (headerText(c).replace(/\s+/g, '') === want) col = c;
      if (col === undefined) {
        diags.push(diag(map.file, target.at, 'sheet-map', 'columnNotFound', { header: target.header!, sheet: g.name, row: header.row }));
        ok = false;
        continue;
      }
    }
    // One column, one field: the map's wins over what was detected.
    for (const [f, m] of columns) if (m.col === col && f !== field) columns.delete(f);
    const m: ColumnMatch = { field, col, header: headerText(col) || columnLetter(col), exact: true };
    columns.set(field, m);
  }
  if (!ok) return undefined;
  const ordered = new Map<Field, ColumnMatch>();
  for (const f of FIELDS) { const m = columns.get(f); if (m) ordered.set(f, m); }
  const ignored = header.ignored.filter((i) => ![...ordered.values()].some((m) => m.col === i.col));
  return { ...header, columns: ordered, ignored };
}

/** The wordings looked for, for the message when no header is found. */
function wordingList(): string {
  return (['name', 'category', 'id', 'legal_bases', 'body', 'unit', 'procedure', 'time_limit', 'fees'] as Field[]).map((f) => WORDINGS[f].slice(0, 3).join('/')).join('、');
}

function stageName(stage: Stage): Localised {
  const s = stageDef(stage);
  return { zh: `${s.zh}（${s.id}）`, en: `${s.en} (${s.id})` };
}

/** "承办机构（unit）、办理流程（procedure）（起草（draft）阶段起必填）；…" in both languages. */
function missingText(missing: Missing[], d: Draft): Localised {
  const byStage = new Map<Stage, Missing[]>();
  for (const m of missing) byStage.set(m.stage, [...(byStage.get(m.stage) ?? []), m]);
  const zh: string[] = [], en: string[] = [];
  for (const [stage, ms] of byStage) {
    const names = (lang: 'zh' | 'en') => ms.map((m) => {
      const ph = placeholderOf(d, m.field);
      const name = MISSING_NAMES[m.field][lang];
      return ph ? (lang === 'zh' ? `${name}（表中写的是“${clip(ph)}”）` : `${name} (the sheet says "${clip(ph)}")`) : name;
    });
    const s = stageName(stage);
    zh.push(`${names('zh').join('、')}（${s.zh}阶段起必填）`);
    en.push(`${names('en').join(', ')} (required from stage ${s.en})`);
  }
  return { zh: zh.join('；'), en: en.join('; ') };
}

/** Reads the list. Throws SheetNotFoundError for a --sheet the workbook lacks; every other problem is a diagnostic. */
export async function importPowerList(req: ImportRequest): Promise<SheetImport> {
  const read = await readSpreadsheet(req.bytes, req.ext);
  const out: SheetImport = { format: read.format, ...(read.encoding ? { encoding: read.encoding } : {}), sheets: [], powers: [], skipped: [], notes: [], diagnostics: [] };
  if (read.problem) { out.diagnostics.push(readProblem(req.file, read.problem)); return out; }
  const want = req.sheet ?? req.map?.sheet;
  let grids = read.grids;
  if (read.format === 'csv') grids = grids.map((g) => ({ ...g, name: req.file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '') }));
  if (want !== undefined) {
    const g = grids.find((x) => x.name === want) ?? grids.find((x) => x.name.trim() === want.trim());
    if (!g) throw new SheetNotFoundError(want, grids.map((x) => x.name));
    grids = [g];
  }
  if (want === undefined && grids.some((g) => !g.hidden)) {
    // A hidden sheet is no part of the list as published (drafts, old versions, lookup tables): said, not imported.
    for (const g of grids) if (g.hidden && !isEmpty(g)) out.diagnostics.push(diag(req.file, START, 'sheet-hidden', 'skipped', { sheet: g.name }));
    grids = grids.filter((g) => !g.hidden);
  }
  const nonEmpty = grids.filter((g) => !isEmpty(g));
  if (!nonEmpty.length) {
    out.diagnostics.push(diag(req.file, START, 'sheet-unreadable', 'emptySheet', { sheet: grids.map((g) => g.name) }));
    return out;
  }
  const several = nonEmpty.length > 1;
  const drafts: { d: Draft; file: string }[] = [];
  const headed: { g: Grid; file: string; header: Header }[] = [];
  const unheaded: { g: Grid; file: string }[] = [];
  for (const g of nonEmpty) {
    const file = several ? `${req.file}#${g.name}` : req.file;
    const header = headerOf(g, file, req.map, out.diagnostics);
    const summary: SheetSummary = { name: g.name, file, titles: [], mapped: Boolean(req.map?.headerRow !== undefined || req.map?.columns.size), csv: g.csv };
    out.sheets.push(summary);
    if (!header) { unheaded.push({ g, file }); continue; }
    summary.header = header;
    for (let r = 1; r < header.row; r++) {
      const t = [...new Set((g.text[r - 1] ?? []).filter(Boolean))].join(' ');
      if (t) summary.titles.push(t);
    }
    headed.push({ g, file, header });
  }
  // A sheet with no header: an error when no sheet has one (nothing imported), a note beside the sheets imported.
  const failedMap = out.diagnostics.some((d) => d.rule === 'sheet-map');
  for (const { g, file } of unheaded) {
    if (failedMap) continue;
    out.diagnostics.push(diag(file, START, 'sheet-no-header', 'notFound', { sheet: g.name, rows: Math.min(g.rows, HEADER_SEARCH_ROWS), wordings: wordingList() }, headed.length ? 'info' : undefined));
  }
  for (const { g, file, header } of headed) {
    const { drafts: ds, notes } = readRows({ file, diags: out.diagnostics, grid: g, header, ...(req.map ? { map: req.map } : {}) });
    const summary = out.sheets.find((s) => s.file === file)!;
    const rows = ds.map((d) => d.rows.last).concat(notes.map((n) => n.rows.last));
    if (rows.length) summary.data = { first: header.row + header.height, last: Math.max(...rows) };
    for (const d of ds) drafts.push({ d, file });
    for (const n of notes) {
      out.notes.push({ ...n, file });
      if (n.kind === 'unreadable') out.skipped.push({ rows: n.rows, file, reason: 'no-name' });
    }
  }
  // A header and nothing under it (a template, the header row copied alone): said, never a silent success.
  if (headed.length && !drafts.length && !out.skipped.length) {
    for (const { g, file, header } of headed) out.diagnostics.push(diag(file, { start: { line: header.row, column: 1 } }, 'sheet-unreadable', 'noData', { sheet: g.name, row: header.row + header.height - 1 }));
  }
  assignIds(drafts, out);
  return out;
}

function assignIds(drafts: { d: Draft; file: string }[], out: SheetImport): void {
  // The sheet's own codes first: generated ids skip them.
  const codes = new Map<number, string>();
  const taken = new Set<string>();
  drafts.forEach(({ d, file }, i) => {
    if (!d.code) return;
    const id = codeToId(d.code.text);
    if (id) { codes.set(i, id); taken.add(id.toUpperCase()); }
    else {
      const key = windowsReserved(d.code.text.trim()) ? 'reservedCode' : 'badCode';
      out.diagnostics.push(diag(file, { start: { line: d.code.row, column: d.code.col } }, 'sheet-cell', key, { column: columnLetter(d.code.col), code: clip(d.code.text) }));
    }
  });
  const merged = mergeAcrossSheets(drafts, codes);
  const maker = new IdMaker(taken);
  const used = new Map<string, RowRange>();
  drafts.forEach(({ d, file }, i) => {
    if (merged.has(i)) return;
    if (d.unreadable) { out.skipped.push({ rows: d.rows, file, name: d.name, reason: 'unreadable' }); return; }
    let id = codes.get(i);
    let idFrom: ImportedPower['idFrom'] = 'code';
    if (d.categoryText !== undefined && d.categoryAt) {
      const where = { start: { line: d.categoryAt.row, column: d.categoryAt.col } };
      const params = { column: columnLetter(d.categoryAt.col), value: clip(d.categoryText), name: d.name };
      out.diagnostics.push(id ? diag(file, where, 'sheet-cell', 'categoryUnknown', params) : diag(file, where, 'sheet-row', 'categoryUnknownNoId', params));
    }
    if (!id) {
      if (!d.category) {
        if (d.categoryText === undefined) out.diagnostics.push(diag(file, { start: { line: d.nameAt.row, column: d.nameAt.col } }, 'sheet-row', 'noCategoryNoId', { name: d.name, row: d.rows.first }));
        out.skipped.push({ rows: d.rows, file, name: d.name, reason: 'no-id' });
        return;
      }
      id = maker.make(d.category);
      idFrom = 'generated';
    }
    const prev = used.get(id.toUpperCase());
    if (prev) {
      out.diagnostics.push(diag(file, { start: { line: d.code?.row ?? d.nameAt.row, column: d.code?.col ?? d.nameAt.col } }, 'sheet-row', 'duplicateId', { id, name: d.name, row: prev.first, sheet: prev.sheet }));
      out.skipped.push({ rows: d.rows, file, name: d.name, reason: 'duplicate-id' });
      return;
    }
    used.set(id.toUpperCase(), d.rows);
    const power = toPower(d, id);
    const missing = missingOf(power);
    if (missing.length) {
      out.diagnostics.push(diag(file, { start: { line: d.nameAt.row, column: d.nameAt.col } }, 'sheet-missing', 'missing', { id, name: d.name, fields: missingText(missing, d) }));
    }
    out.powers.push({ id, idFrom, name: d.name, power, yaml: powerYaml(power), rows: d.rows, file, missing, ...(d.also ? { also: d.also } : {}) });
  });
}

/** A name as compared across sheets: no white space, quotation marks of either kind alike. */
function nameKey(s: string): string {
  return s.replace(/[\s\u3000]+/g, '').replace(/[“”"]/g, '"').replace(/[‘’']/g, "'");
}

/**
 * One power in several sheets of a workbook — the 权力清单 and the 责任清单 a department publishes together (and
 * `powerbook export` writes) — by its 事项编码, or, where a sheet has no codes, by its name: the rows of the later sheets
 * are merged into the power of the first (their 责任事项, 追责情形 …; what the first already has is kept). Two rows of
 * one sheet with the same code stay two (a duplicate, reported). Returns the indices of the drafts merged away.
 */
function mergeAcrossSheets(drafts: { d: Draft; file: string }[], codes: Map<number, string>): Set<number> {
  const first = new Map<string, number>();
  const merged = new Set<number>();
  drafts.forEach(({ d }, i) => {
    if (d.unreadable) return;
    const code = codes.get(i);
    if (!code && d.code) return; // a code that cannot be an id: not matched by name either
    const key = code ? `id:${code.toUpperCase()}` : `name:${nameKey(d.name)}`;
    const j = first.get(key);
    if (j === undefined) { first.set(key, i); return; }
    const a = drafts[j]!.d;
    if (a.rows.sheet === d.rows.sheet || nameKey(a.name) !== nameKey(d.name)) return;
    mergeDraft(a, d);
    merged.add(i);
  });
  return merged;
}

/** `b`'s fields into `a` where `a` has none; lists joined without repeats. */
function mergeDraft(a: Draft, b: Draft): void {
  const join = (x: string[], y: string[]) => { for (const v of y) if (!x.includes(v)) x.push(v); };
  join(a.subitems, b.subitems); join(a.conditions, b.conditions); join(a.materials, b.materials);
  join(a.responsibilities, b.responsibilities); join(a.accountability, b.accountability);
  const key = (x: Draft['legalBases'][number]) => JSON.stringify([x.law, x.article ?? '', x.clause ?? '', x.item ?? '']);
  const have = new Set(a.legalBases.map(key));
  for (const x of b.legalBases) if (!have.has(key(x))) { a.legalBases.push(x); have.add(key(x)); }
  if (!a.category && b.category) { a.category = b.category; delete a.categoryText; delete a.categoryAt; }
  for (const k of ['body', 'unit', 'post', 'steps', 'timeLimit', 'fees', 'phone', 'remark', 'status', 'statusDate', 'statusReason'] as const) {
    if (a[k] === undefined && b[k] !== undefined) (a as unknown as Record<string, unknown>)[k] = b[k];
  }
  for (const [f, v] of b.placeholders) if (!a.placeholders.has(f)) a.placeholders.set(f, v);
  (a.also ??= []).push(b.rows);
}
