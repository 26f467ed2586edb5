/** The opened library: laws, versions in force, repeals, articles, titles and search (LawLibrary, and a little more). */
import { assemble, byDateThenFile, type Assembled, type Version } from './assemble.js';
import type { Entry, IndexFile } from './cache.js';
import { folderOf } from './classify.js';
import type { RootState } from './open.js';
import { queryTerms, rank, type Corpus } from './search.js';
import { normTitle, stripPrc } from './titles.js';
import type { LawLibrary, LawVersion, LibArticle, LibLaw, LibraryDefect, LibraryStats, RepealClause, TitleMatch } from './types.js';

export class Library implements LawLibrary {
  readonly laws: LibLaw[];
  readonly stats: LibraryStats;
  private readonly data: Assembled;
  private readonly keys = new WeakMap<LawVersion, Map<string, LibArticle>>();
  private readonly byFile = new Map<string, { state: RootState; entry: Entry }>();

  constructor(readonly roots: string[], private readonly states: RootState[]) {
    const versions: Version[] = [];
    const defects: LibraryDefect[] = [];
    const stats: LibraryStats = { files: 0, indexed: 0, skipped: [], byFolder: {}, versions: 0, laws: 0, repealsLearned: 0, defects, cache: { hit: 0, parsed: 0 } };
    for (const s of states) {
      stats.cache.hit += s.hit;
      stats.cache.parsed += s.parsed;
      if (s.index.commit && !stats.commit) stats.commit = s.index.commit;
      for (const e of s.index.files) {
        const file = s.prefix + e.file;
        this.byFile.set(file, { state: s, entry: e });
        const folder = s.prefix + folderOf(e.file);
        const bf = (stats.byFolder[folder] ??= { files: 0, indexed: 0 });
        bf.files++; stats.files++;
        if (e.skipped) stats.skipped.push({ file, reason: e.skipped });
        if (e.version) { bf.indexed++; stats.indexed++; versions.push(s.versions.get(e.file)!); }
        for (const d of e.defects ?? []) defects.push(s.prefix ? { ...d, at: { ...d.at, file: s.prefix + d.at.file } } : d);
      }
    }
    this.data = assemble(versions);
    defects.push(...this.data.defects);
    defects.sort((a, b) => (a.at.file < b.at.file ? -1 : a.at.file > b.at.file ? 1 : a.at.line - b.at.line || (a.at.column ?? 0) - (b.at.column ?? 0) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0)));
    stats.versions = this.data.versions.length;
    stats.laws = this.data.laws.length;
    stats.repealsLearned = this.data.repealsLearned;
    this.laws = this.data.laws;
    this.stats = stats;
  }

  find(title: string): TitleMatch {
    const laws = this.data.titles.lookup(title);
    if (laws.length === 1) return { kind: 'found', law: laws[0]! };
    if (laws.length > 1) return { kind: 'ambiguous', candidates: laws };
    const only = this.data.repealedOnly.get(stripPrc(normTitle(title)));
    if (only) return { kind: 'repealed-only', title: only.title, repealedBy: only.repealedBy };
    return { kind: 'unknown', suggestions: this.data.titles.suggest(title) };
  }

  versionAt(law: LibLaw, date: string): LawVersion | undefined {
    let best: LawVersion | undefined;
    for (const v of law.versions) {
      if (!v.inForce || v.inForce > date) continue;
      if (!best || v.inForce > best.inForce! || (v.inForce === best.inForce && byDateThenFile(v, best) > 0)) best = v;
    }
    return best;
  }

  repealedAt(law: LibLaw, date: string): { version: LawVersion; date: string; clause: RepealClause } | undefined {
    const r = law.repealedBy;
    if (!r || date < r.date) return undefined;
    // A text enacted again under the same title after the repeal is in force again.
    const v = this.versionAt(law, date);
    if (v && v.date && r.version.date && v.date > r.version.date) return undefined;
    return r;
  }

  article(version: LawVersion, key: string): LibArticle | undefined {
    let m = this.keys.get(version);
    if (!m) {
      m = new Map();
      for (const a of version.articles) if (!m.has(a.key)) m.set(a.key, a);
      for (const a of version.sections ?? []) if (!m.has(a.key)) m.set(a.key, a);
      this.keys.set(version, m);
    }
    return m.get(key);
  }

  /** The latest version of a law (by entry into force). */
  latest(law: LibLaw): LawVersion {
    return law.versions.reduce((a, b) => ((b.inForce ?? '') >= (a.inForce ?? '') ? b : a));
  }

  /** What a law's texts repeal (resolved to a law where the library has it). */
  repealsOf(law: LibLaw): { title: string; law?: LibLaw; date: string; clause: RepealClause }[] {
    return this.data.repeals.get(law) ?? [];
  }

  /** Titles repealed by clauses that the library does not hold. */
  repealedOnly(): { title: string; repealedBy: { version: LawVersion; date: string; clause: RepealClause } }[] {
    return [...this.data.repealedOnly.values()].sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
  }

  lawOf(version: LawVersion): LibLaw | undefined {
    return this.laws.find((l) => l.versions.includes(version));
  }

  search(words: string, opts: { limit?: number; at?: string } = {}): { law: LibLaw; version: LawVersion; article: LibArticle; score: number }[] {
    const terms = queryTerms(words);
    if (!terms.length) return [];
    const limit = opts.limit ?? 20;
    // The versions searched: the one in force on `at` (not repealed), else each law's latest.
    const allowed = new Map<LawVersion, LibLaw>();
    for (const law of this.laws) {
      const v = opts.at ? (this.repealedAt(law, opts.at) ? undefined : this.versionAt(law, opts.at)) : this.latest(law);
      if (v) allowed.set(v, law);
    }
    const hits: { law: LibLaw; version: LawVersion; article: LibArticle; score: number; matched: number }[] = [];
    for (const s of this.states) {
      const corpus = this.corpusOf(s);
      const owners = this.ownersOf(s);
      const total = corpus.starts.length - 1;
      const avg = total ? corpus.starts[total]! / total : 1;
      const ranked = rank(corpus, terms, (u) => { const o = owners.version[u]; return o !== undefined && allowed.has(o); }, total, avg);
      for (const r of ranked.slice(0, limit)) {
        const version = owners.version[r.unit]!;
        const units = version.articles.length ? version.articles : version.sections ?? [];
        const article = units[owners.index[r.unit]!];
        if (article) hits.push({ law: allowed.get(version)!, version, article, score: r.score, matched: r.matched });
      }
    }
    hits.sort((a, b) => b.matched - a.matched || b.score - a.score);
    return hits.slice(0, limit).map(({ matched: _m, ...h }) => h);
  }

  private corpusOf(s: RootState): Corpus {
    if (!s.corpus) s.corpus = s.memoryCorpus ?? (s.slot && s.index.gen ? s.slot.readCorpus(s.index as IndexFile) : { text: '', starts: new Uint32Array([0]) });
    return s.corpus;
  }

  private readonly owners = new Map<RootState, { version: (LawVersion | undefined)[]; index: number[] }>();
  /** For each corpus unit of a root: the kept version holding it and its index among that version's units. */
  private ownersOf(s: RootState): { version: (LawVersion | undefined)[]; index: number[] } {
    let o = this.owners.get(s);
    if (o) return o;
    o = { version: [], index: [] };
    const kept = new Map<string, { version: LawVersion; base: number }>();
    for (const v of this.data.versions) {
      if (v.parts) {
        let base = 0;
        for (const p of v.parts) {
          const own = this.byFile.get(p);
          kept.set(p, { version: v, base });
          base += own?.entry.version?.articleCount ?? 0;
        }
      } else kept.set(v.file, { version: v, base: 0 });
    }
    for (const e of s.index.files) {
      if (!e.units) continue;
      const k = kept.get(s.prefix + e.file);
      const [u0, n] = e.units;
      for (let i = 0; i < n; i++) { o.version[u0 + i] = k?.version; o.index[u0 + i] = (k?.base ?? 0) + i; }
    }
    this.owners.set(s, o);
    return o;
  }
}
