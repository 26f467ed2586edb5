/**
 * Cited provisions whose text changed between the two revisions: a power that did not change may still rest on an
 * article that now reads differently.
 *
 * Where the texts come from is a seam. Today: each revision's own laws/*.yaml registry (the article texts a
 * department typed or pasted). With the law library (src/library, issue 19: `law_library:` in powerbook.yaml), the
 * texts are those in force on each revision's compendium date: `library.versionAt(law, date)` then
 * `library.article(version, key)`, and every cited provision is a candidate, not only those of changed law files.
 * That source is `libraryTexts` below, written against the library's agreed interface (library/types.ts); the
 * library itself is not on main yet, so `powerbook diff` does not open one today. Once it is, cli/diff.ts passes
 * `provisions: (la, lb, _changed, dates) => libraryTexts(library, dates, la, lb)` to diffRevisions (the dates are each
 * revision's compendium.date).
 */
import { articleKey } from '../domain/numerals.js';
import type { Law, LegalBasisRef } from '../domain/types.js';
import type { LawLibrary, LibArticle } from '../library/types.js';
import { articlesByKey } from './compare/law.js';
import type { ProvisionChange } from './types.js';

export interface ProvisionTexts {
  source: ProvisionChange['source'];
  /** Laws whose provisions may differ: ids, or 'all' (a library read at two dates). */
  candidates: Set<string> | 'all';
  /** The title to show for a law. */
  title(law: string): string;
  /** The text of a provision on one side, or undefined when that side does not have it. */
  text(side: 'base' | 'head', law: string, key: string): string | undefined;
  dates?: { base?: string; head?: string };
}

/** Provision texts from each revision's laws/ registry: candidates are the laws whose files changed. */
export function registryTexts(changedLaws: Set<string>, lawsA: (id: string) => Law | undefined, lawsB: (id: string) => Law | undefined): ProvisionTexts {
  const cache = new Map<Law, Map<string, { text: string }>>();
  const articles = (l: Law) => { let m = cache.get(l); if (!m) cache.set(l, (m = articlesByKey(l))); return m; };
  return {
    source: 'registry',
    candidates: changedLaws,
    title: (id) => (lawsB(id) ?? lawsA(id))?.title ?? id,
    text(side, law, key) {
      const l = side === 'base' ? lawsA(law) : lawsB(law);
      return l ? articles(l).get(key)?.text : undefined;
    },
  };
}

/** Each cited provision (by the head's powers) whose text differs between the sides, with the powers citing it. */
export function changedProvisions(citations: { power: string; bases: LegalBasisRef[] }[], texts: ProvisionTexts): ProvisionChange[] {
  const cited = new Map<string, { law: string; key: string; label: string; powers: Set<string> }>();
  for (const { power, bases } of citations) {
    for (const b of bases) {
      if (!b || typeof b.law !== 'string' || b.article === undefined) continue;
      if (texts.candidates !== 'all' && !texts.candidates.has(b.law)) continue;
      const key = articleKey(b.article);
      if (key === null) continue;
      const k = `${b.law}\0${key}`;
      let e = cited.get(k);
      if (!e) cited.set(k, (e = { law: b.law, key, label: typeof b.article === 'number' ? `第${b.article}条` : String(b.article), powers: new Set() }));
      e.powers.add(power);
    }
  }
  const out: ProvisionChange[] = [];
  for (const e of cited.values()) {
    const before = texts.text('base', e.law, e.key), after = texts.text('head', e.law, e.key);
    if (before === after || (before === undefined && after === undefined)) continue;
    const c: ProvisionChange = { law: e.law, title: texts.title(e.law), article: e.label, powers: [...e.powers].sort(), source: texts.source };
    if (before !== undefined) c.before = before;
    if (after !== undefined) c.after = after;
    if (texts.dates) c.dates = texts.dates;
    out.push(c);
  }
  return out.sort((a, b) => (a.law < b.law ? -1 : a.law > b.law ? 1 : 0) || (articleKey(a.article)! < articleKey(b.article)! ? -1 : 1));
}

/** An article's text as the library holds it: its 款 in order, each with its 项. */
function libArticleText(a: LibArticle): string {
  return a.clauses.map((c) => [c.text, ...c.items.map((i) => `${i.label}${i.text}`)].join('\n')).join('\n');
}

/**
 * Provision texts from the law library, in force on each revision's compendium date: every cited provision is a
 * candidate (a law amended between the two dates changes texts no file of the repository touched). A law registered in
 * the revision's own laws/ is read from there, as validate does.
 */
export function libraryTexts(lib: LawLibrary, dates: { base?: string; head?: string }, lawsA: (id: string) => Law | undefined, lawsB: (id: string) => Law | undefined): ProvisionTexts {
  const found = (law: string) => { const m = lib.find(law); return m.kind === 'found' ? m.law : undefined; };
  return {
    source: 'library',
    candidates: 'all',
    dates,
    title: (law) => lawsB(law)?.title ?? lawsA(law)?.title ?? found(law)?.title ?? law,
    text(side, law, key) {
      const local = side === 'base' ? lawsA(law) : lawsB(law);
      if (local) return articlesByKey(local).get(key)?.text;
      const l = found(law), date = dates[side];
      const version = l && date ? lib.versionAt(l, date) : undefined;
      const a = version ? lib.article(version, key) : undefined;
      return a ? libArticleText(a) : undefined;
    },
  };
}
