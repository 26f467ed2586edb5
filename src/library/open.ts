/**
 * Opening one library root: its files listed (or, in a git checkout whose index names a commit, only the files git
 * says changed), the cached index read, the changed files parsed, the cache written again.
 */
import { BlobReader, CacheSlot, loadVersion, type Contribution, type Entry, type IndexFile, type Units } from './cache.js';
import type { Version } from './assemble.js';
import { changedBetween, gitState, listFiles, statFile, type LibFile } from './files.js';
import { parseFiles } from './pool.js';
import type { Corpus } from './search.js';
import type { LibArticle } from './types.js';

/** One root as opened: its files' entries, their versions, and its corpus (read when first searched). */
export interface RootState {
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

export async function openRoot(root: string, prefix: string, slot: CacheSlot | undefined): Promise<RootState> {
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
  const state: RootState = { root, prefix, slot, index: old ?? { root, files: [], starts: new Uint32Array([0]), garbage: { bytes: 0, units: 0 } }, versions: new Map(), hit: listing.length - parsed.length, parsed: parsed.length };

  if (!changed && old) {
    const sameGit = (git?.commit ?? undefined) === old.commit && JSON.stringify(git?.dirty ?? []) === JSON.stringify(old.dirty ?? []);
    if (!sameGit) {
      try { state.index = slot!.rewriteIndex({ ...old, commit: git?.commit, dirty: git?.dirty }); } catch { /* kept as it was */ }
    }
    const reader = new BlobReader(slot!.articlesPath(old.gen));
    for (const e of old.files) if (e.version) state.versions.set(e.file, versionOf(e, prefix, () => reader.read(e.blob!)));
    return state;
  }

  // Something changed (or nothing was cached): the entries again; the cache's files get what the parsed files
  // contribute (appended, or all rewritten when the old parts left behind have grown).
  const entries: Entry[] = listing.map((f) => {
    const p = parsedByFile.get(f.file);
    if (!p) return oldByFile.get(f.file)!;
    const e: Entry = { file: f.file, size: f.size, mtimeMs: f.mtimeMs, sha1: p.sha1 };
    if (p.defects.length) e.defects = p.defects;
    if (p.skipped) e.skipped = p.skipped;
    if (p.version) e.version = p.version;
    if (p.keys) e.keys = p.keys;
    return e;
  });
  const fresh = new Map<string, Contribution | undefined>(parsed.map((p) => [p.file, p.contribution]));
  const head = { root, ...(git ? { commit: git.commit, dirty: git.dirty } : {}) };
  let reader: BlobReader | undefined;
  let written = false;
  if (slot) {
    try {
      state.index = slot.write(head, entries, fresh, old);
      reader = new BlobReader(slot.articlesPath(state.index.gen!));
      written = true;
    } catch (e) {
      // A cache directory that cannot be written: the library still opens, the unchanged files' articles read from
      // the old generation, and is parsed again next time.
      if (process.env.POWERBOOK_DEBUG) process.stderr.write(`powerbook: law index not written: ${e instanceof Error ? e.stack : String(e)}\n`);
      try { reader = old ? new BlobReader(slot.articlesPath(old.gen)) : undefined; } catch { reader = undefined; }
    }
  }
  if (!written) state.index = memoryIndex(head, entries, fresh, old, slot);
  for (const e of state.index.files) {
    if (!e.version) continue;
    const mine = fresh.get(e.file);
    const load = mine ? () => JSON.parse(mine.blob) as Units : reader && e.blob ? () => reader!.read(e.blob!) : () => ({ articles: [] });
    state.versions.set(e.file, versionOf(e, prefix, load));
  }
  if (!written) state.memoryCorpus = (state.index as MemoryIndex).corpus;
  return state;
}

type MemoryIndex = RootState['index'] & { corpus: Corpus };

/** The index kept in memory only (no cache directory, or one that cannot be written): every file parsed. */
function memoryIndex(head: { root: string; commit?: string; dirty?: string[] }, entries: Entry[], fresh: Map<string, Contribution | undefined>, old: IndexFile | undefined, slot: CacheSlot | undefined): MemoryIndex {
  const texts: string[] = [];
  const starts: number[] = [];
  let pos = 0;
  const oldCorpus = old && slot ? (() => { try { return slot.readCorpus(old); } catch { return undefined; } })() : undefined;
  const files = entries.map((e0) => {
    const e = { ...e0 };
    const f = fresh.get(e.file);
    let units: string[] | undefined = f?.units;
    if (!f && e.units && oldCorpus) {
      units = [];
      for (let k = 0; k < e.units[1]; k++) units.push(oldCorpus.text.slice(oldCorpus.starts[e.units[0] + k]!, oldCorpus.starts[e.units[0] + k + 1]! - 1));
    }
    delete e.units;
    if (e.version && units) {
      e.units = [starts.length, units.length];
      for (const t of units) { starts.push(pos); texts.push(t, '\u0001'); pos += t.length + 1; }
    }
    return e;
  });
  starts.push(pos);
  const s = Uint32Array.from(starts);
  return { ...head, files, starts: s, garbage: { bytes: 0, units: 0 }, corpus: { text: texts.join(''), starts: s } };
}

/**
 * Same size and time: times within a millisecond are the same (a copy made with its times kept, `cp -p`, may land a
 * fraction of a millisecond away).
 */
function sameStat(a: LibFile, b: LibFile): boolean {
  return a.size === b.size && Math.abs(a.mtimeMs - b.mtimeMs) < 1;
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
  const v = loadVersion(new LazyUnits(load), e.file, e.version!, prefix, e.keys) as unknown as Version;
  v.sha1 = e.sha1;
  return v;
}
