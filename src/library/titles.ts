/**
 * Titles as people write them: 《中华人民共和国行政许可法》, 行政许可法, 中华人民共和国 行政许可法, full-width
 * brackets or not. `normTitle` makes them comparable; `TitleIndex` finds a law by any of them, lists the candidates of
 * an ambiguous title, and suggests the nearest titles (character-bigram overlap, Dice's coefficient: it ranks
 * 报废汽车回收管理办法 next to 报废机动车回收管理办法, as an edit distance over whole titles does not for long
 * Chinese titles) for one it does not know.
 */
import type { LibLaw } from './types.js';

const PRC = '中华人民共和国';

/** Comparable form: NFKC (full-width to ASCII), no spaces or zero-width characters, no 《》〈〉 quotes, lower case. */
const normed = new Map<string, string>();

/** Tells normTitle what it would say for `s` (read from the cache: opening the library normalises no title again). */
export function seedNorm(s: string, n: string): void {
  normed.set(s, n);
}

export function normTitle(s: string): string {
  let n = normed.get(s);
  if (n === undefined) {
    const t = /[^\u4e00-\u9fff]/.test(s) ? s.normalize('NFKC') : s; // NFKC only when there is anything but hanzi
    n = t.replace(/[\s\u200b\ufeff《》〈〉<>「」『』“”"'‘’]/g, '').toLowerCase();
    if (normed.size > 50_000) normed.clear();
    normed.set(s, n);
  }
  return n;
}

/** Without 中华人民共和国 (at the start, and inside: 关于适用《中华人民共和国刑事诉讼法》的解释). */
export function stripPrc(s: string): string {
  return s.includes(PRC) ? s.split(PRC).join('') : s;
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) { const b = s.slice(i, i + 2); m.set(b, (m.get(b) ?? 0) + 1); }
  return m;
}

function dice(a: Map<string, number>, aLen: number, b: Map<string, number>, bLen: number): number {
  if (!aLen || !bLen) return 0;
  let common = 0;
  for (const [k, n] of a) { const o = b.get(k); if (o) common += Math.min(n, o); }
  return (2 * common) / (aLen + bLen);
}

export interface RepealedOnly { title: string; key: string }

export class TitleIndex {
  private readonly tiers: Map<string, LibLaw[]>[] = [new Map(), new Map(), new Map(), new Map()];
  private grams?: { law: LibLaw; key: string; grams: Map<string, number>; n: number }[];

  constructor(private readonly laws: LibLaw[]) {
    const add = (tier: number, key: string, law: LibLaw) => {
      const m = this.tiers[tier]!;
      const list = m.get(key);
      if (!list) m.set(key, [law]);
      else if (list[list.length - 1] !== law && !list.includes(law)) list.push(law);
    };
    for (const law of laws) {
      // `add` keeps a law once per key: the versions' titles may repeat.
      for (const v of law.versions) {
        const n = normTitle(v.title), s = normTitle(v.shortTitle);
        add(0, n, law); add(1, stripPrc(n), law);
        add(2, s, law); add(3, stripPrc(s), law);
      }
    }
  }

  /** The laws a title names, from the most exact way of naming them that matches anything. */
  lookup(title: string): LibLaw[] {
    const n = normTitle(title);
    if (!n) return [];
    const s = stripPrc(n);
    const keys = [n, s, n, s];
    for (let i = 0; i < this.tiers.length; i++) {
      const hit = this.tiers[i]!.get(keys[i]!);
      if (hit?.length) return hit;
    }
    return [];
  }

  /** Up to `n` titles nearest to `title`, best first (ties by title). */
  suggest(title: string, n = 5): string[] {
    const q = stripPrc(normTitle(title));
    if (!q) return [];
    this.grams ??= this.laws.map((law) => { const key = stripPrc(normTitle(law.title)); return { law, key, grams: bigrams(key), n: Math.max(0, key.length - 1) }; });
    const qg = bigrams(q), qn = Math.max(0, q.length - 1);
    const scored: { title: string; score: number }[] = [];
    const seen = new Set<string>();
    for (const g of this.grams) {
      let score = dice(qg, qn, g.grams, g.n);
      if (q.length >= 2 && (g.key.includes(q) || q.includes(g.key))) score += 0.5;
      if (score <= 0.2 || seen.has(g.law.title)) continue;
      seen.add(g.law.title);
      scored.push({ title: g.law.title, score });
    }
    scored.sort((a, b) => b.score - a.score || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
    return scored.slice(0, n).map((s) => s.title);
  }
}
