/** The strings of a file's data, for the per-file checks that read every text of a file (quotes.ts, hidden.ts). */
import type { PathKey } from '../load/source.js';

export interface WalkOptions {
  /** Keys are visited too (as strings at their own path, `isKey` true). */
  keys?: boolean;
  /** Keys whose values are not entered. */
  skip?: ReadonlySet<string>;
  /** Deeper values are not entered. */
  maxDepth?: number;
}

/** Calls `visit` for every string under `data` with its path (the array is reused: copy it to keep it). */
export function forEachString(data: unknown, visit: (s: string, path: readonly PathKey[], isKey: boolean) => void, opts: WalkOptions = {}): void {
  const path: PathKey[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (opts.maxDepth !== undefined && depth > opts.maxDepth) return;
    if (typeof v === 'string') visit(v, path, false);
    else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) { path.push(i); walk(v[i], depth + 1); path.pop(); }
    } else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k in o) {
        if (opts.skip?.has(k)) continue;
        path.push(k);
        if (opts.keys) visit(k, path, true);
        walk(o[k], depth + 1);
        path.pop();
      }
    }
  };
  walk(data, 0);
}

/** A path as messages name a field: procedure.steps[2].name (items counted from 1); `-` for the file's top. */
export const fieldName = (path: readonly PathKey[]): string =>
  path.map((k) => (typeof k === 'number' ? `[${k + 1}]` : k)).join('.').replace(/\.\[/g, '[') || '-';
