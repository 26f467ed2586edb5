/**
 * The data rows of a sheet into drafts of powers. A row is one power, except where a power takes several rows: its
 * name merged down over them (each row one 子项), or, in a CSV, rows below it with the name left empty and a 子项
 * given. A row that is only a heading or a note (一、行政许可（12项）, 注：…, the header repeated on each printed page)
 * is not a power; a heading that names a category gives it to the rows below that have none. Nothing is made up:
 * what a cell does not say is left out, what it says unclearly is reported at the cell.
 */
import type { Diagnostic, Range } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/message.js';
import type { PowerCategory, ProcedureStep, TimeLimit } from '../domain/types.js';
import { parseBases, type ParsedBasis } from './bases.js';
import { columnLetter } from './cells.js';
import { isPlaceholder, readCategory, readDate, readFees, readStatus, readTimeLimit, type ReadFees } from './facts.js';
import { WORDINGS, type Field, type Header } from './header.js';
import { joinLines, listItems } from './lists.js';
import type { ColumnMap, ValueField } from './map.js';
import { parseProcedure } from './procedure.js';
import type { Grid } from './read.js';

/** Excel's own limit for a cell: a longer one did not come from Excel, and is not read. */
export const MAX_CELL_CHARS = 32_767;

export interface RowRange { sheet: string; first: number; last: number }

export interface Draft {
  rows: RowRange;
  /** 事项编码 as written, and its cell. */
  code?: { text: string; row: number; col: number };
  name: string;
  nameAt: { row: number; col: number };
  category?: PowerCategory;
  /** 权力类别 as written when it is none of the format's categories. */
  categoryText?: string;
  categoryAt?: { row: number; col: number };
  subitems: string[];
  legalBases: ParsedBasis[];
  body?: string;
  unit?: string;
  post?: string;
  steps?: ProcedureStep[];
  timeLimit?: { statutory?: TimeLimit | '未规定'; promised?: TimeLimit; note?: string };
  fees?: ReadFees;
  conditions: string[];
  materials: string[];
  responsibilities: string[];
  accountability: string[];
  phone?: string;
  remark?: string;
  status?: '有效' | '暂停' | '取消';
  statusDate?: string;
  statusReason?: string;
  /** Cells of a field that held only a placeholder (无, /, —): said in the report of what is missing. */
  placeholders: Map<Field, string>;
  /** A cell of the power could not be read at all: the power is not written. */
  unreadable?: boolean;
  /** Rows of other sheets merged into this power (index.ts: 权力清单 and 责任清单). */
  also?: RowRange[];
}

/** A row that is not a power, or not read. */
export interface RowNote {
  rows: RowRange;
  kind: 'heading' | 'header-repeat' | 'note' | 'unreadable';
  text?: string;
}

export interface RowsResult { drafts: Draft[]; notes: RowNote[] }

interface Ctx { file: string; diags: Diagnostic[]; grid: Grid; header: Header; map?: ColumnMap; problemsByRow?: Map<number, Grid['problems']> }

function at(row: number, col: number): Range {
  return { start: { line: row, column: col } };
}

/** Numbering and counts around a heading: 一、行政许可（12项） → 行政许可. */
function headingCategory(text: string): PowerCategory | undefined {
  if (text.length > 40) return undefined;
  const t = text.replace(/^\s*(?:[一二三四五六七八九十]+\s*[、.．]|\d+\s*[、.．]|[（(][一二三四五六七八九十\d]+[）)])\s*/, '')
    .replace(/[（(]\s*(?:共\s*)?\d+\s*(?:项|个|条)?\s*[）)]\s*$/, '').replace(/(?:事项)?(?:清单|目录)$/, '').trim();
  return readCategory(t);
}

export function readRows(ctx: Ctx): RowsResult {
  const { grid, header } = ctx;
  // The cells' problems by row (a list of 10,000 rows, each with a pasted control character, is not searched per row).
  ctx.problemsByRow = new Map();
  for (const p of grid.problems) { const l = ctx.problemsByRow.get(p.row); if (l) l.push(p); else ctx.problemsByRow.set(p.row, [p]); }
  const colOf = (f: Field) => header.columns.get(f)?.col;
  const nameCol = colOf('name')!;
  const drafts: Draft[] = [];
  const notes: RowNote[] = [];
  const first = header.row + header.height;
  let section: PowerCategory | undefined;
  let cur: Draft | undefined;
  /** Cells already read for this draft (a merged cell repeats in each row of its range; a row repeating a value). */
  let seen = new Map<Field, Set<string>>();
  const mapped = [...header.columns.values()].map((m) => m.col);

  for (let r = first; r <= grid.rows; r++) {
    const line = grid.text[r - 1] ?? [];
    const cell = (f: Field): string => { const c = colOf(f); return c ? line[c - 1] ?? '' : ''; };
    const texts = line.filter(Boolean);
    if (!texts.length) continue;
    const name = joinLines(cell('name'));
    const code = cell('id').replace(/\s+/g, '');
    // The header again (printed lists repeat it on every page).
    if (name && name === joinLines(header.columns.get('name')!.header) && (!code || code === header.columns.get('id')?.header)) {
      notes.push({ rows: { sheet: grid.name, first: r, last: r }, kind: 'header-repeat' });
      continue;
    }
    const distinct = new Set(texts);
    // One text across the row (a merged cell: a note under the table, a section heading), or a heading standing alone
    // in the name column (一、行政许可（12项））: not a power.
    const nameOnly = Boolean(name) && line.every((t, i) => !t || i + 1 === nameCol || i + 1 === colOf('seq'));
    if ((distinct.size === 1 && texts.length > 1) || (nameOnly && headingCategory(name) !== undefined)) {
      const text = [...distinct].find((t) => t !== line[(colOf('seq') ?? 0) - 1]) ?? [...distinct][0]!;
      const cat = headingCategory(text);
      if (cat) section = cat;
      notes.push({ rows: { sheet: grid.name, first: r, last: r }, kind: cat ? 'heading' : 'note', text });
      continue;
    }
    const mergedName = grid.merged.get(`${r},${nameCol}`);
    const continues = cur !== undefined && !cur.unreadable && (
      (mergedName !== undefined && mergedName.endsWith(`,${nameCol}`) && Number(mergedName.split(',')[0]) >= cur.rows.first && Number(mergedName.split(',')[0]) < r)
      || (!name && !code && Boolean(cell('subitems')))
      || (Boolean(name) && name === cur.name && Boolean(code) && code === cur.code?.text));
    if (!continues && !name) {
      // A heading or a note: one text across the row (merged), or only in a column that is not read.
      const onlyUnmapped = line.every((t, i) => !t || !mapped.includes(i + 1));
      if (distinct.size === 1 || onlyUnmapped) {
        const text = [...distinct][0]!;
        const cat = headingCategory(text);
        if (cat) section = cat;
        notes.push({ rows: { sheet: grid.name, first: r, last: r }, kind: cat ? 'heading' : 'note', text });
        continue;
      }
      ctx.diags.push(diag(ctx.file, at(r, nameCol), 'sheet-row', 'noName', { row: r, column: columnLetter(nameCol), header: header.columns.get('name')!.header }));
      notes.push({ rows: { sheet: grid.name, first: r, last: r }, kind: 'unreadable', text: texts.join(' ').slice(0, 40) });
      continue;
    }
    if (!continues) {
      cur = {
        rows: { sheet: grid.name, first: r, last: r }, name, nameAt: { row: r, col: nameCol },
        subitems: [], legalBases: [], conditions: [], materials: [], responsibilities: [], accountability: [], placeholders: new Map(),
      };
      if (code) cur.code = { text: code, row: r, col: colOf('id')! };
      drafts.push(cur);
      seen = new Map();
    } else {
      cur!.rows.last = r;
    }
    readRow(ctx, cur!, r, line, seen, section);
  }
  // What the map gives every row.
  for (const d of drafts) applyValues(d, ctx.map);
  return { drafts, notes };
}

function applyValues(d: Draft, map: ColumnMap | undefined): void {
  if (!map) return;
  for (const [k, v] of Object.entries(map.values) as [ValueField, string][]) {
    if (k === 'category') { if (!d.category) { d.category = v as PowerCategory; delete d.categoryText; } }
    else if (!d[k]) d[k] = v;
  }
}

/** Reads the row's cells into the draft (for a power of several rows, adding what the row adds). */
function readRow(ctx: Ctx, d: Draft, r: number, line: string[], seen: Map<Field, Set<string>>, section: PowerCategory | undefined): void {
  const { header, grid } = ctx;
  for (const m of header.columns.values()) {
    const text = line[m.col - 1] ?? '';
    if (text.length > MAX_CELL_CHARS) {
      ctx.diags.push(diag(ctx.file, at(r, m.col), 'sheet-row', 'hugeCell', { column: columnLetter(m.col), chars: text.length, max: MAX_CELL_CHARS }));
      d.unreadable = true;
    }
  }
  if (d.unreadable) return;
  for (const p of ctx.problemsByRow?.get(r) ?? grid.problems.filter((x) => x.row === r)) {
    if (!mappedCol(header, p.col)) continue;
    const where = at(r, p.col);
    const column = columnLetter(p.col);
    if (p.note === 'formula-no-result') ctx.diags.push(diag(ctx.file, where, 'sheet-cell', 'formulaNoResult', { column, formula: p.detail ?? '' }));
    else if (p.note === 'error-value') ctx.diags.push(diag(ctx.file, where, 'sheet-cell', 'errorValue', { column, value: p.detail ?? '' }));
    else if (p.note === 'control-char') ctx.diags.push(diag(ctx.file, where, 'sheet-cell', 'controlChar', { column, code: p.detail ?? '' }));
    else if (p.note === 'digits-lost' && header.columns.get('id')?.col === p.col) {
      // The code as Excel kept it is not the code: not written as an id (one is made from the category).
      ctx.diags.push(diag(ctx.file, where, 'sheet-cell', 'digitsLost', { column, value: p.detail ?? '' }));
      delete d.code;
    }
  }
  for (const m of header.columns.values()) {
    const f = m.field;
    const text = line[m.col - 1] ?? '';
    if (f === 'seq' || f === 'id' || f === 'name') continue;
    let s = seen.get(f);
    if (!s) seen.set(f, (s = new Set()));
    if (s.has(text)) continue;
    s.add(text);
    if (!text) continue;
    if (isPlaceholder(text)) { if (!d.placeholders.has(f)) d.placeholders.set(f, text); continue; }
    readCell(ctx, d, f, text, r, m.col);
  }
  if (!d.category) {
    if (d.categoryText === undefined && section) d.category = section;
    // A CSV loses merged cells: a category given once for the rows below it stands in its first row only.
    else if (d.categoryText === undefined && grid.csv && header.columns.has('category')) {
      const prev = previousCategory(ctx, r);
      if (prev) d.category = prev;
    }
  }
}

function mappedCol(header: Header, col: number): boolean {
  for (const m of header.columns.values()) if (m.col === col && m.field !== 'seq') return true;
  return false;
}

/** In a CSV, the category of the nearest row above with one (its merged cell, flattened). */
function previousCategory(ctx: Ctx, r: number): PowerCategory | undefined {
  const c = ctx.header.columns.get('category')!.col;
  for (let k = r - 1; k > ctx.header.row + ctx.header.height - 1; k--) {
    const t = ctx.grid.text[k - 1]?.[c - 1];
    if (t) return readCategory(t);
  }
  return undefined;
}

function sameOrWarn<T>(ctx: Ctx, d: Draft, field: Field, r: number, col: number, old: T | undefined, value: T, show: (v: T) => string): T {
  if (old === undefined) return value;
  if (show(old) !== show(value)) ctx.diags.push(diag(ctx.file, at(r, col), 'sheet-cell', 'differs', { column: columnLetter(col), header: WORDINGS[field][0]!, first: d.rows.first, kept: show(old) }));
  return old;
}

function addAll(list: string[], items: string[]): void {
  for (const x of items) if (!list.includes(x)) list.push(x);
}

function basisKey(b: ParsedBasis): string {
  return JSON.stringify([b.law, b.article ?? '', b.clause ?? '', b.item ?? '']);
}

function readCell(ctx: Ctx, d: Draft, f: Field, text: string, r: number, col: number): void {
  const where = at(r, col);
  const column = columnLetter(col);
  switch (f) {
    case 'category': {
      const c = readCategory(text);
      if (c) d.category = sameOrWarn(ctx, d, f, r, col, d.category, c, String);
      else if (!d.category) { d.categoryText = joinLines(text); d.categoryAt = { row: r, col }; }
      return;
    }
    case 'subitems': addAll(d.subitems, listItems(text)); return;
    case 'legal_bases': {
      const { bases, problems } = parseBases(text);
      const keys = new Set(d.legalBases.map(basisKey));
      for (const b of bases) if (!keys.has(basisKey(b))) { d.legalBases.push(b); keys.add(basisKey(b)); }
      for (const p of problems) {
        if (p.kind === 'unread') ctx.diags.push(diag(ctx.file, where, 'sheet-cell', 'basisUnread', { column, text: clip(p.text) }));
        else ctx.diags.push(diag(ctx.file, where, 'sheet-cell', 'sharedQuote', { column, text: clip(p.text) }));
      }
      return;
    }
    case 'body': d.body = sameOrWarn(ctx, d, f, r, col, d.body, joinLines(text), String); return;
    case 'unit': d.unit = sameOrWarn(ctx, d, f, r, col, d.unit, joinLines(text), String); return;
    case 'post': d.post = sameOrWarn(ctx, d, f, r, col, d.post, joinLines(text), String); return;
    case 'procedure': {
      const p = parseProcedure(text);
      if (!p) { ctx.diags.push(diag(ctx.file, where, 'sheet-cell', 'procedureUnread', { column, text: clip(text) })); return; }
      if (d.steps) { sameOrWarn(ctx, d, f, r, col, d.steps.map((s) => s.name).join('→'), p.steps.map((s) => s.name).join('→'), String); return; }
      d.steps = p.steps;
      return;
    }
    case 'time_limit': case 'time_limit.statutory': case 'time_limit.promised': {
      const which = f === 'time_limit' ? 'any' : f === 'time_limit.statutory' ? 'statutory' : 'promised';
      const t = readTimeLimit(text, which);
      const tl = (d.timeLimit ??= {});
      if (t.statutory !== undefined) tl.statutory = sameOrWarn(ctx, d, f, r, col, tl.statutory, t.statutory, (v) => JSON.stringify(v));
      if (t.promised !== undefined) tl.promised = sameOrWarn(ctx, d, f, r, col, tl.promised, t.promised, (v) => JSON.stringify(v));
      if (t.note) tl.note = tl.note && tl.note !== t.note ? `${tl.note}；${t.note}` : t.note;
      if (!t.statutory && !t.promised) ctx.diags.push(diag(ctx.file, where, 'sheet-cell', 'timeLimitUnread', { column, text: clip(text) }));
      if (!Object.keys(tl).length) delete d.timeLimit;
      return;
    }
    case 'fees': {
      const fees = readFees(text);
      if (!fees) { ctx.diags.push(diag(ctx.file, where, 'sheet-cell', 'feesUnread', { column, text: clip(text) })); return; }
      // 不收费, with the text that says why (《行政许可法》第五十八条…): its basis.
      if (fees.charged === false && !fees.basis && /《/.test(text)) fees.basis = joinLines(text);
      d.fees = sameOrWarn(ctx, d, f, r, col, d.fees, fees, (v) => JSON.stringify(v));
      return;
    }
    case 'conditions': addAll(d.conditions, listItems(text)); return;
    case 'materials': addAll(d.materials, listItems(text)); return;
    case 'responsibilities': addAll(d.responsibilities, listItems(text)); return;
    case 'accountability': addAll(d.accountability, listItems(text)); return;
    case 'supervision.phone': d.phone = sameOrWarn(ctx, d, f, r, col, d.phone, joinLines(text), String); return;
    case 'remark': d.remark = d.remark ? `${d.remark}\n${text}` : text; return;
    case 'status': {
      const st = readStatus(text);
      if (!st) { ctx.diags.push(diag(ctx.file, where, 'sheet-cell', 'statusUnread', { column, text: clip(text) })); return; }
      d.status = sameOrWarn(ctx, d, f, r, col, d.status, st, String);
      return;
    }
    case 'status_date': {
      const date = readDate(text);
      if (!date) { ctx.diags.push(diag(ctx.file, where, 'sheet-cell', 'dateUnread', { column, text: clip(text) })); return; }
      d.statusDate = sameOrWarn(ctx, d, f, r, col, d.statusDate, date, String);
      return;
    }
    case 'status_reason': d.statusReason = sameOrWarn(ctx, d, f, r, col, d.statusReason, joinLines(text), String); return;
    default: return;
  }
}

/** A cell's text in a message: one line, at most 60 characters. */
export function clip(s: string): string {
  const flat = s.replace(/\s*\n\s*/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 60)}……` : flat;
}
