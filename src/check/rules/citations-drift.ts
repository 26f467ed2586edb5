/**
 * Drift: the text a power relies on (its `quote:`, or the provision in a pinned `version:`) is not the text in force.
 * Where it went: changed under the same number, moved to another number, or deleted. Words are compared with `diff`
 * (Intl.Segmenter cuts Chinese into words); where a text moved is found by how many of its character pairs a provision
 * of the text in force holds.
 */
import { createRequire } from 'node:module';
import type { Change } from 'diff';
import type { LawLibrary, LawVersion, LibArticle, LibLaw } from '../../library/types.js';
import { locatedText, type Located } from './citations-resolve.js';

const HALF_TO_FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '(': '（', ')': '）', '?': '？', '!': '！' };

/** Text as compared: no white space, full-width punctuation. */
export function normaliseText(s: string): string {
  return s.replace(/[\s\u3000\u200b]+/g, '').replace(/[,;:()?!]/g, (c) => HALF_TO_FULL[c]);
}

/** A quote matches a text when each of its parts (split at ……) is in it, in order. */
export function quoteMatches(quote: string, text: string): boolean {
  const t = normaliseText(text);
  let at = 0;
  for (const part of normaliseText(quote).split(/…+|\.{3,}|⋯+/).filter(Boolean)) {
    const i = t.indexOf(part, at);
    if (i < 0) return false;
    at = i + part.length;
  }
  return true;
}

function pairs(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

/** How much of `quote` is in `text`: the share of its character pairs that the text has (1 = all). */
export function containment(quote: string, text: string): number {
  const q = normaliseText(quote).replace(/…+/g, ''), t = normaliseText(text);
  if (q.length < 2) return t.includes(q) ? 1 : 0;
  const qp = pairs(q), tp = pairs(t);
  let n = 0;
  for (const p of qp) if (tp.has(p)) n++;
  return n / qp.size;
}

export interface Spot { label: string; text: string; key: string }

/** The provision of `version` (a 款, or the article when it has one 款) holding most of `quote`. */
function bestSpot(version: LawVersion, quote: string): { spot: Spot; score: number } | undefined {
  let best: { spot: Spot; score: number } | undefined;
  const consider = (a: LibArticle, i: number | undefined, text: string) => {
    const score = containment(quote, text);
    if (!best || score > best.score) best = { spot: { key: a.key, label: i === undefined ? a.label : `${a.label}第${cn(i + 1)}款`, text }, score };
  };
  for (const a of version.articles) {
    const whole = locatedText({ article: a }) ?? '';
    consider(a, undefined, whole);
    if (a.clauses.length > 1) a.clauses.forEach((c, i) => consider(a, i, locatedText({ article: a, clause: c }) ?? ''));
  }
  return best;
}

const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
function cn(n: number): string { return n <= 10 ? CN[n] : String(n); }

export interface Drift {
  /** changed: other words under the same number; moved: the text now stands under another number; deleted: nowhere. */
  kind: 'changed' | 'moved' | 'deleted';
  /** What the power relies on. */
  quoted: string;
  /** Where that text is in an older version. */
  from?: { version: LawVersion; label: string };
  /** What the cited number holds in the version in force (none: the number no longer exists). */
  current?: string;
  movedTo?: Spot;
  /** Word diff (quoted → current or moved-to text), unchanged stretches shortened. */
  diff?: string;
}

/** Where `quoted` is in the versions other than the one in force (the pinned one first, then newest first). */
function origin(lib: LawLibrary, law: LibLaw, inForce: LawVersion, citedKey: string | undefined, quoted: string, pinned?: LawVersion): Drift['from'] {
  const others = [...law.versions].reverse().filter((v) => v !== inForce);
  if (pinned && pinned !== inForce) others.unshift(...others.splice(others.indexOf(pinned), 1));
  for (const v of others) {
    const a = citedKey ? lib.article(v, citedKey) : undefined;
    if (a && quoteMatches(quoted, locatedText({ article: a }) ?? '')) return { version: v, label: a.label };
  }
  for (const v of others) {
    const b = bestSpot(v, quoted);
    if (b && b.score >= 0.9) return { version: v, label: b.spot.label };
  }
  return undefined;
}

/**
 * Compares `quoted` with the cited provision of the version in force. Undefined when the text in force still says it
 * (a quote may be an excerpt, its omissions written ……).
 */
export function findDrift(lib: LawLibrary, law: LibLaw, inForce: LawVersion, citedKey: string | undefined, located: Located | undefined, quoted: string, pinned?: LawVersion): Drift | undefined {
  const current = located && !located.missing ? locatedText(located) : undefined;
  if (current !== undefined && quoteMatches(quoted, current)) return undefined;
  if (current !== undefined && pinned && normaliseText(current) === normaliseText(quoted)) return undefined;
  const from = origin(lib, law, inForce, citedKey, quoted, pinned);
  const best = bestSpot(inForce, quoted);
  const here = current !== undefined ? containment(quoted, current) : 0;
  const out: Drift = { kind: 'deleted', quoted, ...(from ? { from } : {}), ...(current !== undefined ? { current } : {}) };
  if (best && best.score >= 0.9 && best.spot.key !== citedKey && best.score > here) {
    out.kind = 'moved'; out.movedTo = best.spot;
    if (!quoteMatches(quoted, best.spot.text)) out.diff = wordDiff(quoted, best.spot.text);
  } else if (current !== undefined && here >= 0.5) {
    out.kind = 'changed'; out.diff = wordDiff(quoted, current);
  } else if (best && best.score >= 0.75 && best.spot.key !== citedKey) {
    out.kind = 'moved'; out.movedTo = best.spot; out.diff = wordDiff(quoted, best.spot.text);
  }
  return out;
}

let segmenter: Intl.Segmenter | undefined;
let diffLib: typeof import('diff') | undefined;

/**
 * `[-removed-]{+added+}` between two texts, word by word; the parts of the new text outside an excerpt (added at
 * either end) and long unchanged stretches are shortened with ……
 */
export function wordDiff(from: string, to: string): string {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  // Loaded when there is a drift to show: a clean run (and every worker thread) does without it.
  diffLib ??= createRequire(import.meta.url)('diff') as typeof import('diff');
  const parts: Change[] = diffLib.diffWords(normaliseText(from), normaliseText(to), { intlSegmenter: segmenter });
  while (parts.length && parts[0].added) parts.shift();
  while (parts.length && parts[parts.length - 1].added) parts.pop();
  return parts.map((p, i) => {
    if (p.added) return `{+${p.value}+}`;
    if (p.removed) return `[-${p.value}-]`;
    const v = p.value;
    const keep = 16;
    if (v.length <= keep * 2 + 2) return v;
    const head = i === 0 ? '' : v.slice(0, keep), tail = i === parts.length - 1 ? '' : v.slice(-keep);
    return `${head}……${tail}`;
  }).join('');
}
