/**
 * Full-text search over every article of the library, ranked with BM25.
 *
 * The texts of all articles sit in one string (the corpus, cached as UTF-16 so that reading it is a copy, not a
 * decoding), with the offset where each article starts. A query's words are found with `indexOf` over the whole
 * corpus and so as exact phrases: 报废机动车 never matches an article that merely holds 报废 and 机动车 apart.
 * bench/laws.js measures it against an inverted index of character bigrams over the same 148,720 articles (18 M
 * characters): a query takes 12–35 ms by scan against 0.1 ms by the index, but the index takes 12–40 s to build and
 * 54 MB of postings, and still needs the texts to confirm a phrase; a warm search's time is mostly reading the corpus
 * (60–230 ms on this busy machine), which an index would not save. The scan keeps the cold build and the cache small.
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
