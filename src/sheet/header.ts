/**
 * Finding the header row of a published power list and what each column holds. Lists open with one or more title
 * rows (某县商务局行政权力清单, a date, a unit), then a header row whose wording varies from county to county: each
 * field has the wordings seen in published lists, matched whole first, then as a part of a longer header
 * ("法定依据（设定依据、实施依据）"). A header of two rows (办理时限 over 法定 | 承诺) is read as one.
 */
import type { Grid } from './read.js';

/** What a column can hold: the power's keys (docs/format.md), and 序号, which is read for the report only. */
export const FIELDS = [
  'seq', 'id', 'category', 'name', 'subitems', 'legal_bases', 'body', 'unit', 'post', 'procedure',
  'time_limit', 'time_limit.statutory', 'time_limit.promised', 'fees', 'conditions', 'materials',
  'responsibilities', 'accountability', 'supervision.phone', 'remark', 'status', 'status_date', 'status_reason',
] as const;
export type Field = (typeof FIELDS)[number];

export function isField(s: string): s is Field {
  return (FIELDS as readonly string[]).includes(s);
}

/** Each field's header wordings, the usual one first (it names the field in messages). */
export const WORDINGS: Record<Field, readonly string[]> = {
  seq: ['序号'],
  id: ['事项编码', '编码', '权力编码', '职权编码', '事项代码', '权力事项编码', '基本编码', '编号', '事项编号', '权力编号'],
  category: ['权力类别', '类别', '权力类型', '职权类别', '职权类型', '事项类别', '事项类型', '权力种类', '类型'],
  name: ['事项名称', '职权名称', '权力名称', '权力事项名称', '权力事项', '项目名称', '主项名称', '职权事项', '名称'],
  subitems: ['子项', '子项名称', '子项目', '子项事项'],
  legal_bases: ['法定依据', '实施依据', '设定依据', '法律依据', '设定和实施依据', '设定依据和实施依据', '依据'],
  body: ['实施主体', '责任主体', '行使主体', '实施机关', '实施部门'],
  unit: ['承办机构', '承办科室', '责任科室', '责任股室', '承办股室', '内设机构', '承办单位', '责任单位'],
  post: ['承办岗位', '责任岗位'],
  procedure: ['办理流程', '运行流程', '办事流程', '行使流程', '工作流程', '流程'],
  time_limit: ['办理时限', '时限', '办理期限', '办结时限'],
  'time_limit.statutory': ['法定时限', '法定办结时限', '法定期限', '法定办理时限'],
  'time_limit.promised': ['承诺时限', '承诺办结时限', '承诺期限', '承诺办理时限'],
  fees: ['收费依据及标准', '收费标准', '收费依据', '收费', '是否收费', '收费标准及依据', '收费依据和标准'],
  conditions: ['申请条件', '受理条件', '办理条件'],
  materials: ['申请材料', '申报材料', '所需材料', '办理材料'],
  responsibilities: ['责任事项', '责任事项内容', '职责事项'],
  accountability: ['追责情形', '问责情形', '责任追究情形', '追责事项'],
  'supervision.phone': ['监督电话', '投诉电话', '监督投诉电话', '投诉举报电话'],
  remark: ['备注'],
  status: ['状态', '事项状态', '暂停或取消'],
  status_date: ['日期', '状态日期', '暂停或取消日期', '取消日期', '暂停日期'],
  status_reason: ['理由及依据', '理由', '暂停或取消的理由', '取消理由', '取消依据', '暂停理由'],
};

/** Headers that contain 依据 but name no legal basis of the power: 追责依据, 收费依据 (the fees' basis). */
const NOT_BASES = /追责依据|问责依据|责任依据|收费依据/;

/** A header's text as compared: no white space, no brackets' contents of an explanation, no marks. */
export function headerKey(s: string): string {
  return s.replace(/[\s\u3000]+/g, '').replace(/[*＊:：、.．]/g, '');
}

export interface ColumnMatch { field: Field; col: number; header: string; exact: boolean }

/** The field a header names, and whether it names it exactly (one of its wordings) or as a part of it. */
export function matchHeader(header: string): { field: Field; exact: boolean; length: number } | undefined {
  const key = headerKey(header);
  if (!key || key.length > 40) return undefined;
  const bare = key.replace(/[（(][^）)]*[）)]/g, '');
  for (const f of FIELDS) if (WORDINGS[f].includes(key) || WORDINGS[f].includes(bare)) return { field: f, exact: true, length: key.length };
  let best: { field: Field; exact: boolean; length: number } | undefined;
  for (const f of FIELDS) {
    for (const w of WORDINGS[f]) {
      if (w.length < 2 || !bare.includes(w)) continue;
      if (f === 'legal_bases' && NOT_BASES.test(bare)) continue;
      if (!best || w.length > best.length) best = { field: f, exact: false, length: w.length };
    }
  }
  return best;
}

export interface Header {
  /** 1-based row of the header (the first of two rows when it has two). */
  row: number;
  /** The rows it takes (1 or 2). */
  height: number;
  /** The columns read, by field. */
  columns: Map<Field, ColumnMatch>;
  /** Columns whose header names no field, or a field another column names better: not imported. */
  ignored: { col: number; header: string; reason: 'unknown' | 'duplicate'; field?: Field }[];
}

/** Rows looked at for the header: title rows come first, a few at most. */
export const HEADER_SEARCH_ROWS = 30;

/** The text of each column of the header at `row`, a second row below it joined to the first (办理时限 + 法定). */
function headerTexts(grid: Grid, row: number, two: boolean): string[] {
  const out: string[] = [];
  for (let c = 1; c <= grid.cols; c++) {
    const top = grid.text[row - 1]?.[c - 1] ?? '';
    const below = two ? grid.text[row]?.[c - 1] ?? '' : '';
    out.push(two && below && below !== top ? joinHeader(top, below) : top);
  }
  return out;
}

/** 办理时限 + 法定 → 法定时限; 办理时限 + 法定时限 → 法定时限; 收费 + 标准 → 收费标准. */
function joinHeader(top: string, below: string): string {
  const t = headerKey(top), b = headerKey(below);
  if (b.includes('时限') || b.includes('依据') || b.includes('标准') || !t) return b;
  if (/时限|期限/.test(t)) return `${b}时限`;
  return `${t}${b}`;
}

/**
 * Whether the row below `row` completes a two-row header: it has text only where the header row's cells are merged
 * across columns (their sub-headings), or where the header cell is merged down into it.
 */
function isSubHeader(grid: Grid, row: number): boolean {
  if (row >= grid.rows || !grid.merged.size) return false;
  let subs = 0;
  for (let c = 1; c <= grid.cols; c++) {
    const below = grid.text[row]?.[c - 1] ?? '';
    const mergedDown = grid.merged.get(`${row + 1},${c}`) === `${row},${c}` || grid.merged.get(`${row + 1},${c}`)?.startsWith(`${row},`);
    if (mergedDown) continue;
    if (!below) continue;
    const master = grid.merged.get(`${row},${c}`);
    // Under a heading merged across columns (its master is in the header row, and spans more than this column).
    if (master && master.startsWith(`${row},`) && spansColumns(grid, row, master)) { subs++; continue; }
    return false;
  }
  return subs > 0;
}

function spansColumns(grid: Grid, row: number, master: string): boolean {
  let n = 0;
  for (let c = 1; c <= grid.cols; c++) if (grid.merged.get(`${row},${c}`) === master) n++;
  return n > 1;
}

/** The columns of a header row (one or two rows tall), each field given to its best column. */
export function columnsOf(grid: Grid, row: number, height: number): Header {
  const texts = headerTexts(grid, row, height === 2);
  const best = new Map<Field, ColumnMatch & { score: number }>();
  const ignored: Header['ignored'] = [];
  texts.forEach((header, i) => {
    const col = i + 1;
    if (!header) return;
    // A header merged across columns repeats in each: the first column holds it.
    const master = grid.merged.get(`${row},${col}`);
    if (height === 1 && master && master !== `${row},${col}`) return;
    const m = matchHeader(header);
    if (!m) { ignored.push({ col, header, reason: 'unknown' }); return; }
    const score = (m.exact ? 1000 : 0) + m.length;
    const prev = best.get(m.field);
    if (prev && prev.score >= score) { ignored.push({ col, header, reason: 'duplicate', field: m.field }); return; }
    if (prev) ignored.push({ col: prev.col, header: prev.header, reason: 'duplicate', field: m.field });
    best.set(m.field, { field: m.field, col, header, exact: m.exact, score });
  });
  const columns = new Map<Field, ColumnMatch>();
  for (const f of FIELDS) { const b = best.get(f); if (b) columns.set(f, { field: b.field, col: b.col, header: b.header, exact: b.exact }); }
  ignored.sort((a, b) => a.col - b.col);
  return { row, height, columns, ignored };
}

/** How good a header candidate is: the number of fields found, exact wordings counting more; a name column is needed. */
function score(h: Header): number {
  if (!h.columns.has('name')) return 0;
  let s = 0;
  for (const m of h.columns.values()) s += m.exact ? 2 : 1;
  return h.columns.size >= 2 ? s : 0;
}

/** The header of a sheet among its first rows, or undefined when no row names at least a name and one more field. */
export function findHeader(grid: Grid): Header | undefined {
  let best: { h: Header; s: number } | undefined;
  for (let r = 1; r <= Math.min(grid.rows, HEADER_SEARCH_ROWS); r++) {
    const line = grid.text[r - 1] ?? [];
    if (line.filter(Boolean).length < 2) continue;
    const h = columnsOf(grid, r, isSubHeader(grid, r) ? 2 : 1);
    const s = score(h);
    if (s > (best?.s ?? 0)) best = { h, s };
  }
  return best?.h;
}
