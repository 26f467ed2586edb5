/**
 * Pairing items that left one file and arrived in another: the same id in a new file is a move; the same content under
 * a new id is a rename (renumbered, 重新编号); so is the same name under a new id with at least half of the fields
 * unchanged, as git pairs renamed files by similarity. Powers of one department share much boilerplate, so a new
 * power under another name is never taken for an old one renamed. What stays unpaired was removed or added.
 */
import type { Parsed } from './snapshot.js';

/** The item's id as a string, or undefined. */
export function idOf(p: Parsed): string | undefined {
  const id = p.data?.id;
  return id === undefined || id === null ? undefined : String(id);
}

/** The name (power) or title (law, rule). */
function nameOf(p: Parsed): string | undefined {
  const n = p.data?.name ?? p.data?.title;
  return typeof n === 'string' && n.trim() ? n.trim() : undefined;
}

/** Leaves of the data as "path=value" strings, without the id (what a rename keeps). */
function leaves(p: Parsed): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, path: string) => {
    if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (!(path === '' && k === 'id')) walk(x, `${path}/${k}`);
    } else out.add(`${path}=${String(v)}`);
  };
  walk(p.data, '');
  if (p.body !== undefined) for (const line of p.body.split('\n')) if (line.trim()) out.add(`body=${line.trim()}`);
  return out;
}

function similarity(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / Math.max(a.size, b.size, 1);
}

/** Pairs with at least this share of their fields in common are one item renamed (git's rename threshold is 50 %). */
export const RENAME_SIMILARITY = 0.5;
/** Past this many candidate pairs, only identical content is paired (the rest would cost more than it tells). */
const MAX_PAIRS = 250_000;

export interface Pairing {
  moved: [Parsed, Parsed][]; renamed: [Parsed, Parsed, number][]; removed: Parsed[]; added: Parsed[];
  /**
   * Added items identical to a removed one but for the id and the name: not paired (a new power may be made from an old
   * one, and a cancelled power must not pass for a renamed one), only pointed out: [removed, added].
   */
  alike: [Parsed, Parsed][];
}

/** Two items the same but for their id and name (title). */
function alikeKey(p: Parsed): string {
  return [...leaves(p)].filter((x) => !x.startsWith('/name=') && !x.startsWith('/title=')).sort().join('\n');
}

function withAlike(p: Omit<Pairing, 'alike'>): Pairing {
  const alike: [Parsed, Parsed][] = [];
  if (p.removed.length && p.added.length) {
    const byKey = new Map<string, Parsed>();
    for (const a of p.removed) { const k = alikeKey(a); if (!byKey.has(k)) byKey.set(k, a); }
    for (const b of p.added) { const a = byKey.get(alikeKey(b)); if (a && a.kind === b.kind) alike.push([a, b]); }
  }
  return { ...p, alike };
}

export function pairItems(gone: Parsed[], arrived: Parsed[]): Pairing {
  return withAlike(pair(gone, arrived));
}

function pair(gone: Parsed[], arrived: Parsed[]): Omit<Pairing, 'alike'> {
  const moved: [Parsed, Parsed][] = [];
  const renamed: [Parsed, Parsed, number][] = [];
  let restA = [...gone], restB = [...arrived];
  // The same id in another file.
  const byId = new Map<string, Parsed>();
  for (const b of restB) { const id = idOf(b); if (id !== undefined && !byId.has(id)) byId.set(id, b); }
  restA = restA.filter((a) => {
    const id = idOf(a);
    const b = id === undefined ? undefined : byId.get(id);
    if (!b) return true;
    byId.delete(id!);
    moved.push([a, b]);
    restB = restB.filter((x) => x !== b);
    return false;
  });
  if (!restA.length || !restB.length) return { moved, renamed, removed: restA, added: restB };
  // The same content under another id: paired exactly first, then by similarity, best pairs first.
  const la = new Map(restA.map((a) => [a, leaves(a)])), lb = new Map(restB.map((b) => [b, leaves(b)]));
  const key = (s: Set<string>) => [...s].sort().join('\n');
  const exact = new Map<string, Parsed[]>();
  for (const b of restB) { const k = key(lb.get(b)!); exact.set(k, [...(exact.get(k) ?? []), b]); }
  restA = restA.filter((a) => {
    const list = exact.get(key(la.get(a)!));
    const b = list?.shift();
    if (!b) return true;
    renamed.push([a, b, 1]);
    restB = restB.filter((x) => x !== b);
    return false;
  });
  if (restA.length && restB.length && restA.length * restB.length <= MAX_PAIRS) {
    const cands: [Parsed, Parsed, number][] = [];
    for (const a of restA) for (const b of restB) {
      // Renumbered and changed too: only under the same name (a new power copied from an old one is a new power).
      if (a.kind !== b.kind || nameOf(a) === undefined || nameOf(a) !== nameOf(b)) continue;
      const s = similarity(la.get(a)!, lb.get(b)!);
      if (s >= RENAME_SIMILARITY) cands.push([a, b, s]);
    }
    cands.sort((x, y) => y[2] - x[2] || (x[0].rel < y[0].rel ? -1 : x[0].rel > y[0].rel ? 1 : 0) || (x[1].rel < y[1].rel ? -1 : 1));
    const usedA = new Set<Parsed>(), usedB = new Set<Parsed>();
    for (const [a, b, s] of cands) {
      if (usedA.has(a) || usedB.has(b)) continue;
      usedA.add(a); usedB.add(b);
      renamed.push([a, b, s]);
    }
    restA = restA.filter((a) => !usedA.has(a));
    restB = restB.filter((b) => !usedB.has(b));
  }
  return { moved, renamed, removed: restA, added: restB };
}
