/**
 * `--map map.yaml`: what the clerk says when the detection is wrong or the sheet lacks a column.
 *
 *   sheet: 行政许可            # the worksheet (as --sheet)
 *   header_row: 3              # the header's row
 *   columns:                   # field: column letter, column number, or the header's text; null: not imported
 *     name: C
 *     legal_bases: 设定依据
 *     remark: null
 *   values:                    # the same value for every row, for a column the sheet does not have
 *     category: 行政许可
 *     body: 某县商务局
 *
 * Every problem is a diagnostic at its line of map.yaml (sheet-map).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/message.js';
import { POWER_CATEGORIES } from '../domain/types.js';
import { parseYaml } from '../load/yaml.js';
import type { SourceFile } from '../load/source.js';
import { columnNumber } from './cells.js';
import { FIELDS, isField, WORDINGS, type Field } from './header.js';

/** Fields a map may give one value for, the same in every row. */
export const VALUE_FIELDS = ['category', 'body', 'unit', 'post'] as const;
export type ValueField = (typeof VALUE_FIELDS)[number];

export interface ColumnMap {
  file: string;
  sheet?: string;
  headerRow?: number;
  /** Where header_row is written (for a row the sheet does not have). */
  headerRowAt?: { start: { line: number; column: number } };
  /** A column by number or by header text; null: the field is not imported. */
  columns: Map<Field, { col?: number; header?: string; at: { start: { line: number; column: number } } } | null>;
  values: Partial<Record<ValueField, string>>;
}

const KEYS = ['sheet', 'header_row', 'columns', 'values'];

function fieldList(): string {
  return FIELDS.map((f) => `${f}（${WORDINGS[f][0]}）`).join('、');
}

/** map.yaml read; undefined when it cannot be used at all (its diagnostics say why). */
export function readColumnMap(file: SourceFile, diags: Diagnostic[]): ColumnMap | undefined {
  const before = diags.length;
  const parsed = parseYaml(file, diags);
  if (!parsed.ok) return undefined;
  const at = (path: (string | number)[], key = false) => file.rangeAt(path, { key });
  const data = parsed.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    diags.push(diag(file.path, at([]), 'sheet-map', 'notMapping'));
    return undefined;
  }
  const d = data as Record<string, unknown>;
  const map: ColumnMap = { file: file.path, columns: new Map(), values: {} };
  for (const k of Object.keys(d)) if (!KEYS.includes(k)) diags.push(diag(file.path, at([k], true), 'sheet-map', 'unknownKey', { key: k, keys: KEYS }));
  if (d.sheet !== undefined) {
    if (typeof d.sheet === 'string' || typeof d.sheet === 'number') map.sheet = String(d.sheet);
    else diags.push(diag(file.path, at(['sheet']), 'sheet-map', 'badSheet'));
  }
  if (d.header_row !== undefined) {
    if (typeof d.header_row === 'number' && Number.isSafeInteger(d.header_row) && d.header_row >= 1) { map.headerRow = d.header_row; map.headerRowAt = at(['header_row']); }
    else diags.push(diag(file.path, at(['header_row']), 'sheet-map', 'badHeaderRow', { value: String(d.header_row) }));
  }
  if (d.columns !== undefined) {
    if (d.columns === null || typeof d.columns !== 'object' || Array.isArray(d.columns)) diags.push(diag(file.path, at(['columns']), 'sheet-map', 'notMapping'));
    else {
      for (const [k, v] of Object.entries(d.columns as Record<string, unknown>)) {
        const where = at(['columns', k]);
        if (!isField(k)) { diags.push(diag(file.path, at(['columns', k], true), 'sheet-map', 'unknownField', { field: k, fields: fieldList() })); continue; }
        if (v === null) { map.columns.set(k, null); continue; }
        if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 16384) { map.columns.set(k, { col: v, at: where }); continue; }
        if (typeof v === 'string' && v.trim()) {
          const col = columnNumber(v.trim());
          map.columns.set(k, col ? { col, at: where } : { header: v.trim(), at: where });
          continue;
        }
        diags.push(diag(file.path, where, 'sheet-map', 'badColumn', { field: k, value: String(v) }));
      }
    }
  }
  if (d.values !== undefined) {
    if (d.values === null || typeof d.values !== 'object' || Array.isArray(d.values)) diags.push(diag(file.path, at(['values']), 'sheet-map', 'notMapping'));
    else {
      for (const [k, v] of Object.entries(d.values as Record<string, unknown>)) {
        if (!(VALUE_FIELDS as readonly string[]).includes(k)) { diags.push(diag(file.path, at(['values', k], true), 'sheet-map', 'unknownValue', { field: k, fields: [...VALUE_FIELDS] })); continue; }
        if (typeof v !== 'string' || !v.trim()) { diags.push(diag(file.path, at(['values', k]), 'sheet-map', 'badValue', { field: k })); continue; }
        if (k === 'category' && !(POWER_CATEGORIES as readonly string[]).includes(v.trim())) {
          diags.push(diag(file.path, at(['values', k]), 'sheet-map', 'badCategory', { value: v, categories: [...POWER_CATEGORIES] }));
          continue;
        }
        map.values[k as ValueField] = v.trim();
      }
    }
  }
  return diags.slice(before).some((x) => x.severity === 'error') ? undefined : map;
}
