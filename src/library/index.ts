/**
 * The law library: `openLibrary(roots, { cacheDir })` reads one or more clones of LawRefBook/Laws into a LawLibrary
 * (see types.ts), from the cached index when it is current and parsing only the files that changed.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { assemble, byDateThenFile, unitTexts, type Assembled, type Version } from './assemble.js';
import { BlobReader, CacheSlot, loadVersion, storeVersion, type Entry, type IndexFile, type Units } from './cache.js';
import { folderOf } from './classify.js';
import { changedBetween, gitState, listFiles, statFile, type LibFile } from './files.js';
import type { ParsedFile } from './parse.js';
import { parseFiles } from './pool.js';
import { queryTerms, rank, type Corpus } from './search.js';
import { normTitle, stripPrc } from './titles.js';
import type { LawLibrary, LawVersion, LibArticle, LibLaw, LibraryDefect, LibraryStats, OpenLibrary, RepealClause, TitleMatch } from './types.js';

export type * from './types.js';
export { articleText } from './articles.js';
export { SKIP_REASONS } from './classify.js';
export { normTitle } from './titles.js';

/** A library root that does not exist or is no directory. */
export class LibraryPathError extends Error {
  readonly zh: string;
  readonly en: string;
  constructor(readonly root: string, readonly reason: 'missing' | 'not-dir') {
    const en = reason === 'missing' ? `law library not found: ${root}` : `law library is not a directory: ${root}`;
    super(en);
    this.en = en;
    this.zh = reason === 'missing' ? `法规库目录不存在：${root}` : `法规库路径不是目录：${root}`;
  }
}

/** One root as opened: its files' entries, their versions, and its corpus (read when first searched). */
interface RootState {
  root: string;
  prefix: string;
  slot?: CacheSlot;
  index: Omit<IndexFile, 'format' | 'gen'> & { gen?: string };
  versions: Map<string, Version>;
  corpus?: Corpus;
  /** Built in memory (no cache, or just written). */
  memoryCorpus?: Corpus;
  hit: number;
  parsed: number;
}

export const openLibrary = async (roots: string[], opts: { cacheDir?: string } = {}): Promise<Library> => {
  const states: RootState[] = [];
  const prefixes = new Set<string>();
  for (const [i, r] of roots.entries()) {
    const root = path.resolve(r);
    const st = statSync(root, { throwIfNoEntry: false });
    if (!st) throw new LibraryPathError(r, 'missing');
    if (!st.isDirectory()) throw new LibraryPathError(r, 'not-dir');
    let prefix = '';
    if (roots.length > 1 && i > 0) {
      prefix = path.basename(root) || `root${i}`;
      while (prefixes.has(prefix)) prefix += `-${i}`;
      prefixes.add(prefix);
      prefix += '/';
    }
    states.push(await openRoot(root, prefix, opts.cacheDir ? new CacheSlot(opts.cacheDir, root, i) : undefined));
  }
  return new Library(roots.map((r) => path.resolve(r)), states);
};

async function openRoot(root: string, prefix: string, slot: CacheSlot | undefined): Promise<RootState> {
  const old = slot?.read();
  const oldByFile = new Map((old?.files ?? []).map((e) => [e.file, e]));
  const git = await gitState(root);

  // Which files may have changed: with git and an index of a known commit, the files git names; else every file's
  // size and time.
  let listing: LibFile[];
  let suspects: Set<string> | undefined;
  if (git && old?.commit) {
    const diff = old.commit === git.commit ? [] : await changedBetween(root, old.commit, git.commit);
    if (diff) suspects = new Set([...diff, ...(old.dirty ?? []), ...git.dirty]);
  }
  if (suspects) {
    const files = new Map(old!.files.map((e) => [e.file, { file: e.file, size: e.size, mtimeMs: e.mtimeMs } as LibFile]));
    for (const f of suspects) {
      if (!f.endsWith('.md') || f === 'README.md' || f.split('/').some((p) => p.startsWith('.'))) continue;
      const st = statFile(root, f);
      if (st) files.set(f, st); else files.delete(f);
    }
    listing = [...files.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  } else {
    listing = listFiles(root);
  }
  const toParse = listing.filter((f) => {
    const o = oldByFile.get(f.file);
    return !o || !sameStat(o, f);
  });
  const parsed = toParse.length ? await parseFiles(toParse.map((f) => ({ root, file: f.file }))) : [];
  const parsedByFile = new Map(parsed.map((p, i) => [toParse[i]!.file, p]));

  const changed = parsed.length > 0 || listing.length !== (old?.files.length ?? -1);
  const commitChanged = (git?.commit ?? undefined) !== old?.commit || JSON.stringify(git?.dirty ?? []) !== JSON.stringify(old?.dirty ?? []);
  const state: RootState = { root, prefix, slot, index: old ?? { root, files: [] }, versions: new Map(), hit: listing.length - parsed.length, parsed: parsed.length };

  if (!changed && old) {
    if (commitChanged && slot) state.index = slot.write({ root, commit: git?.commit, dirty: git?.dirty, files: old.files }, [readOld(slot, old)], slot.readCorpus(old.gen));
    const reader = new BlobReader(slot!.articlesPath(state.index.gen!));
    for (const e of state.index.files) if (e.version) state.versions.set(e.file, versionOf(e, prefix, () => reader.read(e.blob!)));
    return state;
  }

  // Something changed (or nothing was cached): the entries again, the articles and corpus of unchanged files copied
  // from the old generation, those of parsed files from the parse.
  const oldArticles = old && slot ? readOld(slot, old) : undefined;
  const oldCorpus = old && slot ? slot.readCorpus(old.gen) : undefined;
  const blobs: Buffer[] = [];
  const texts: string[] = [];
  const starts: number[] = [];
  let offset = 0, pos = 0;
  const entries: Entry[] = [];
  const fresh = new Map<string, Units>();
  for (const f of listing) {
    const p = parsedByFile.get(f.file);
    const o = oldByFile.get(f.file);
    const e: Entry = p ? fromParsed(p, f) : { ...o! };
    delete e.blob; delete e.units;
    let units: string[] = [];
    let blob: Buffer | undefined;
    if (p?.version) {
      const { articles, sections, ...meta } = p.version;
      e.version = storeVersion({ ...meta, articleCount: (articles.length || sections?.length) ?? 0 });
      const u: Units = sections ? { articles, sections } : { articles };
      fresh.set(f.file, u);
      blob = Buffer.from(JSON.stringify(u));
      units = unitTexts({ articles, sections } as LawVersion);
    } else if (o?.version && o.blob && oldArticles && oldCorpus && o.units) {
      blob = oldArticles.subarray(o.blob[0], o.blob[0] + o.blob[1]);
      const [u0, n] = o.units;
      for (let k = 0; k < n; k++) units.push(oldCorpus.text.slice(oldCorpus.starts[u0 + k]!, oldCorpus.starts[u0 + k + 1]!).replace(/\u0001$/, ''));
    }
    if (blob) { e.blob = [offset, blob.length]; blobs.push(blob); offset += blob.length; }
    if (e.version) {
      e.units = [starts.length, units.length];
      for (const t of units) { starts.push(pos); texts.push(t, '\u0001'); pos += t.length + 1; }
    }
    entries.push(e);
  }
  starts.push(pos);
  const corpus: Corpus = { text: texts.join(''), starts: Uint32Array.from(starts) };
  state.memoryCorpus = corpus;
  const idx = { root, commit: git?.commit, dirty: git?.dirty, files: entries };
  let reader: BlobReader | undefined;
  if (slot) {
    try {
      state.index = slot.write(idx, blobs, corpus);
      reader = new BlobReader(slot.articlesPath(state.index.gen!));
    } catch {
      state.index = idx; // an unwritable cache directory: the library still opens, it is parsed again next time
    }
  } else {
    state.index = idx;
  }
  const all = Buffer.concat(blobs);
  for (const e of state.index.files) {
    if (!e.version) continue;
    const mem = fresh.get(e.file);
    const load = mem ? () => mem : reader ? () => reader!.read(e.blob!) : () => JSON.parse(all.subarray(e.blob![0], e.blob![0] + e.blob![1]).toString('utf8')) as Units;
    state.versions.set(e.file, versionOf(e, prefix, load));
  }
  return state;
}

/**
 * Same size and time: times within a millisecond are the same (a copy made with its times kept, `cp -p`, may land a
 * fraction of a millisecond away).
 */
function sameStat(a: LibFile, b: LibFile): boolean {
  return a.size === b.size && Math.abs(a.mtimeMs - b.mtimeMs) < 1;
}

function readOld(slot: CacheSlot, old: IndexFile): Buffer {
  try { return readFileSync(slot.articlesPath(old.gen)); } catch { return Buffer.alloc(0); }
}

function fromParsed(p: ParsedFile, f: LibFile): Entry {
  const e: Entry = { file: f.file, size: f.size, mtimeMs: f.mtimeMs, sha1: p.sha1.slice(0, 16) };
  if (p.defects.length) e.defects = p.defects;
  if (p.skipped) e.skipped = p.skipped;
  return e;
}

/** A version whose articles (and sections) are read when first asked for. */
class LazyUnits {
  #units?: Units;
  readonly #load: () => Units;
  constructor(load: () => Units) { this.#load = load; }
  get articles(): LibArticle[] { return (this.#units ??= this.#load()).articles; }
  get sections(): LibArticle[] | undefined { return (this.#units ??= this.#load()).sections; }
}

function versionOf(e: Entry, prefix: string, load: () => Units): Version {
  const v = loadVersion(new LazyUnits(load), e.file, e.version!, prefix) as unknown as Version;
  v.sha1 = e.sha1;
  return v;
}

class Library implements LawLibrary {
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
    if (!s.corpus) s.corpus = s.memoryCorpus ?? (s.slot && s.index.gen ? s.slot.readCorpus(s.index.gen) : { text: '', starts: new Uint32Array([0]) });
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

export type { Library };
// openLibrary meets the agreed signature (and gives the fuller Library).
void (openLibrary satisfies OpenLibrary);
