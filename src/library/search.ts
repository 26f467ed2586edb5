/**
 * Full-text search over every article of the library, ranked with BM25.
 *
 * The texts of all articles sit in one string (the corpus, cached as UTF-16 so that reading it is a copy, not a
 * decoding), with the offset where each article starts. A query's words are found with `indexOf` over the whole
 * corpus: on this library (21 million characters) that takes a few milliseconds per word and finds exact phrases, so
 * 报废机动车 never matches an article that merely holds 报废 and 机动车 apart. Measured against an inverted index of
 * character bigrams (which must still read the articles to confirm a phrase, and costs more to load than the corpus),
 * the plain scan was as fast warm and much simpler; see bench/laws.js.
 */

export interface Corpus {
  text: string;
  /** Where each unit (article or section) starts in `text`; one more entry: the end. */
  starts: Uint32Array;
}

/** Units (indexes) holding `term`, with how often. */
export function occurrences(c: Corpus, term: string): Map<number, number> {
  const hits = new Map<number, number>();
  if (!term) return hits;
  const { text, starts } = c;
  let unit = 0;
  for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + term.length)) {
    // Hits come in order: move forward from the last unit (binary search when far).
    if (starts[unit + 1]! <= i) unit = upper(starts, i, unit) - 1;
    hits.set(unit, (hits.get(unit) ?? 0) + 1);
  }
  return hits;
}

/** First index in `starts` (from `lo`) whose value is greater than `x`. */
function upper(starts: Uint32Array, x: number, lo: number): number {
  let hi = starts.length - 1;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (starts[mid]! <= x) lo = mid + 1; else hi = mid; }
  return lo;
}

/** A query's words: split on spaces and list punctuation, deduplicated, in order. */
export function queryTerms(words: string): string[] {
  const terms = words.normalize('NFKC').split(/[\s,，、;；]+/).map((w) => w.replace(/^[《“"']+|[》”"']+$/g, '')).filter(Boolean);
  return [...new Set(terms)];
}

export interface Scored { unit: number; matched: number; score: number }

/**
 * BM25 (k1 = 1.2, b = 0.75) over the units `allowed` lets through. Units matching more of the words rank first; then
 * by score.
 */
export function rank(c: Corpus, terms: string[], allowed: (unit: number) => boolean, totalUnits: number, avgLen: number): Scored[] {
  const k1 = 1.2, b = 0.75;
  const byUnit = new Map<number, Scored>();
  for (const term of terms) {
    const hits = occurrences(c, term);
    let df = 0;
    for (const u of hits.keys()) if (allowed(u)) df++;
    if (!df) continue;
    const idf = Math.log(1 + (totalUnits - df + 0.5) / (df + 0.5));
    for (const [u, tf] of hits) {
      if (!allowed(u)) continue;
      const len = c.starts[u + 1]! - c.starts[u]!;
      const s = idf * (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * len) / avgLen));
      const cur = byUnit.get(u);
      if (cur) { cur.matched++; cur.score += s; } else byUnit.set(u, { unit: u, matched: 1, score: s });
    }
  }
  return [...byUnit.values()].sort((x, y) => y.matched - x.matched || y.score - x.score || x.unit - y.unit);
}
