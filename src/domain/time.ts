/**
 * 办理时限: the one way a time limit is written, in the compendium's tables, the flowcharts and the public site.
 *
 * - `{ days: 0 }` is 即时办结 (settled on the spot), everywhere;
 * - `{ days: n, unit }` is "n个工作日" (or "n个自然日");
 * - a limit written as text is printed as written (trimmed);
 * - a limit nobody entered (missing, empty, or a value that is not a number of days) is `undefined`: never printed
 *   as a fact. The caller prints nothing, or 未填写 where the field is expected.
 */
import type { TimeLimit } from './types.js';

/** Printed for a limit of 0 days. */
export const IMMEDIATE = '即时办结';

export function formatTimeLimit(limit: TimeLimit | string | null | undefined): string | undefined {
  if (limit === undefined || limit === null) return undefined;
  // Unvalidated YAML can put any value here; only text and a whole number of days are facts.
  if (typeof limit !== 'object') {
    const text = typeof limit === 'string' ? limit.trim() : '';
    return text || undefined;
  }
  const { days, unit } = limit;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 0) return undefined;
  if (days === 0) return IMMEDIATE;
  return `${days}个${typeof unit === 'string' && unit.trim() ? unit.trim() : '工作日'}`;
}

/** Today as YYYY-MM-DD in the local time zone: a clerk's "today" (init's plan, status, laws --at, rollup). */
export function localToday(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
