/** Comparing one field of an item: scalars, lists of strings, long texts, objects; each difference one Change. */
import { diffArrays } from 'diff';
import microdiff from 'microdiff';
import { isDeepStrictEqual } from 'node:util';
import type { Change, Words } from '../types.js';

export const w = (zh: string, en: string): Words => ({ zh, en });

/** A text is long (shown collapsed, with a line diff) past this many characters or with a line break. */
export const LONG = 60;

export function isLong(...xs: (string | undefined)[]): boolean {
  return xs.some((x) => x !== undefined && (x.length > LONG || x.includes('\n')));
}

/** Equal as data (YAML values: strings, numbers, booleans, lists, mappings). */
export function same(a: unknown, b: unknown): boolean {
  return a === b || isDeepStrictEqual(a, b);
}

/** A value as the reader sees it: strings as written, lists joined, mappings as key：value. */
export function show(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map((x) => show(x) ?? '').join('；');
  return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}：${show(x) ?? ''}`).join('；');
}

export class Changes {
  readonly list: Change[] = [];

  push(c: Change): void { this.list.push(c); }

  /** One value, shown with `fmt` (default: as written). */
  value<T>(path: string, label: Words, a: T | undefined, b: T | undefined, fmt: (x: T) => string | undefined = show as (x: T) => string | undefined, note?: (a: T, b: T) => Words | undefined): void {
    if (same(a, b)) return;
    const before = a === undefined || a === null ? undefined : fmt(a);
    const after = b === undefined || b === null ? undefined : fmt(b);
    if (before === after) return;
    const op = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
    const c: Change = { path, label, op };
    if (before !== undefined) c.before = before;
    if (after !== undefined) c.after = after;
    if (op === 'changed' && note) { const n = note(a as T, b as T); if (n) c.note = n; }
    if (isLong(before, after)) c.long = true;
    this.list.push(c);
  }

  /** A list of strings: each item added or removed (a changed item is one removed and one added, in place). */
  strings(path: string, label: Words, a: unknown, b: unknown, fmt: (x: unknown) => string = (x) => show(x) ?? ''): void {
    const xs = Array.isArray(a) ? a.map(fmt) : a === undefined || a === null ? [] : [fmt(a)];
    const ys = Array.isArray(b) ? b.map(fmt) : b === undefined || b === null ? [] : [fmt(b)];
    if (same(xs, ys)) return;
    let i = 0;
    for (const part of diffArrays(xs, ys)) {
      for (const v of part.value) {
        if (part.added) this.list.push({ path: `${path}[${i}]`, label, op: 'added', after: v, ...(isLong(v) ? { long: true } : {}) });
        else if (part.removed) this.list.push({ path: `${path}[${i}]`, label, op: 'removed', before: v, ...(isLong(v) ? { long: true } : {}) });
        if (!part.removed) i++;
      }
    }
  }

  /** A mapping compared key by key (nested keys too), each key labelled by `labels` or written as its path. */
  object(path: string, labels: Record<string, Words>, a: unknown, b: unknown, prefix: Words = w('', '')): void {
    const x = (a && typeof a === 'object' ? a : {}) as Record<string, unknown>;
    const y = (b && typeof b === 'object' ? b : {}) as Record<string, unknown>;
    const keys = new Set<string>();
    for (const d of microdiff(x, y)) keys.add(String(d.path[0]));
    for (const k of [...keys].sort()) {
      const l = labels[k] ?? w(k, k);
      this.value(path ? `${path}.${k}` : k, w(`${prefix.zh}${l.zh}`, `${prefix.en}${l.en}`), x[k], y[k]);
    }
  }
}
