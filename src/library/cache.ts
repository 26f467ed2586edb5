/**
 * The parsed index of one library root, kept under the cache directory so that opening the library again parses
 * nothing, and a change parses only the files that changed.
 *
 * Layout of `<cacheDir>/<slot>/` (slot: the root's folder name and its place in the list of roots):
 * - `index.v8` (structured-clone bytes: read several times faster than the same as JSON): for every file its size, time and sha1, why it was skipped or its version without the articles,
 *   its defects, and where its articles and texts sit in the two files below; the git commit it was made from.
 * - `articles-<gen>.json`: every file's articles as JSON, one blob after another (read one blob when a version's
 *   articles are first asked for).
 * - `corpus-<gen>.bin`: every article's text, UTF-16 (what search scans; where each starts is in the index).
 * Each write makes a new generation and replaces `index.v8` last (atomically): a reader sees a whole old index or a
 * whole new one. A change copies the old generation's files (a kernel copy) and appends what the changed files
 * contribute, their old parts left as garbage until it passes a quarter of the whole, when everything is rewritten.
 */
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomic } from '../util/write.js';
import { VERSION } from '../util/version.js';
import type { ParsedVersion } from './parse.js';
import type { SkipReason } from './classify.js';
import { folderOf } from './classify.js';
import { seedNorm } from './titles.js';
import type { LibArticle, LibraryDefect, RepealClause } from './types.js';

/** A repeal clause without its file (the entry's). */
export type StoredRepeal = Omit<RepealClause, 'at'> & { line: number; column?: number };
/** A version as the index keeps it: without what its path gives (id, file, folder, short title) or its articles. */
export type StoredVersion = Omit<ParsedVersion, 'articles' | 'sections' | 'id' | 'file' | 'folder' | 'shortTitle' | 'repeals'> & { repeals?: StoredRepeal[] };
export type VersionMeta = Omit<ParsedVersion, 'articles' | 'sections'>;

export function storeVersion(v: VersionMeta): StoredVersion {
  const { id: _id, file: _file, folder: _folder, shortTitle: _short, repeals, ...rest } = v;
  const out: StoredVersion = rest;
  if (repeals.length) out.repeals = repeals.map(({ at, ...r }) => ({ ...r, line: at.line, ...(at.column ? { column: at.column } : {}) }));
  return out;
}

const FILE_DATE = /\(\d{4}-\d{2}-\d{2}\)\.md$/;

/** The version's fields again, written onto `into` (one copy, no intermediate object). */
export function loadVersion<T extends object>(into: T, file: string, v: StoredVersion, prefix = '', keys?: [string, string]): T & VersionMeta {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const out = Object.assign(into, v) as unknown as T & VersionMeta;
  out.id = out.file = prefix + file;
  out.folder = prefix + folderOf(file);
  out.shortTitle = name.replace(FILE_DATE, '').replace(/\.md$/, '').trim();
  if (keys) { seedNorm(v.title, keys[0]); seedNorm(out.shortTitle, keys[1]); }
  out.repeals = v.repeals ? v.repeals.map(({ line, column, ...r }) => ({ ...r, at: { file: prefix + file, line, ...(column ? { column } : {}) } })) : [];
  return out;
}

/** Bump when parsing changes what it produces: every cached index is then parsed again. */
export const PARSER_FORMAT = 8;
const FORMAT = `${VERSION}/${PARSER_FORMAT}`;

/** A file as the index keeps it. */
export interface Entry {
  file: string;
  size: number;
  mtimeMs: number;
  sha1: string;
  skipped?: SkipReason;
  /** The version without articles and sections (nor what its path says). */
  version?: StoredVersion;
  /** Omitted when there are none. */
  defects?: LibraryDefect[];
  /** Byte range of `{articles, sections}` in the articles file. */
  blob?: [number, number];
  /** Units (articles, else sections) in the corpus: first index and count. */
  units?: [number, number];
  /** normTitle of the version's title and short title (opening the library normalises no title again). */
  keys?: [string, string];
}

export interface IndexFile {
  format: string;
  root: string;
  gen: string;
  commit?: string;
  /** Files git said differed from `commit` when the index was made. */
  dirty?: string[];
  files: Entry[];
  /** Where each unit's text starts in the corpus (UTF-16 code units); one more entry: the end. */
  starts: Uint32Array;
  /** Bytes of articles and units of the corpus no entry refers to any more (left by changes, until compacted). */
  garbage: { bytes: number; units: number };
}

export interface Units { articles: LibArticle[]; sections?: LibArticle[] }

/** What one file contributes: its articles as a JSON blob, its units' texts. */
export interface Contribution { blob: string; units: string[] }

function writeAll(fd: number, buf: Buffer): void {
  for (let done = 0; done < buf.length;) done += writeSync(fd, buf, done, buf.length - done);
}

/** Garbage above this share of the files makes a change rewrite them whole instead of appending. */
const COMPACT_AT = 0.25;

export class CacheSlot {
  readonly dir: string;
  constructor(cacheDir: string, root: string, position: number) {
    const name = path.basename(path.resolve(root)).replace(/[^\p{L}\p{N}._-]/gu, '_') || 'root';
    this.dir = path.join(cacheDir, `${name}-${position}`);
  }

  read(): IndexFile | undefined {
    try {
      const idx = deserialize(readFileSync(path.join(this.dir, 'index.v8'))) as IndexFile;
      if (idx.format !== FORMAT || !Array.isArray(idx.files) || !(idx.starts instanceof Uint32Array)) return undefined;
      if (!existsSync(this.articlesPath(idx.gen)) || !existsSync(this.corpusPath(idx.gen))) return undefined;
      return idx;
    } catch {
      return undefined;
    }
  }

  articlesPath(gen: string): string { return path.join(this.dir, `articles-${gen}.json`); }
  corpusPath(gen: string): string { return path.join(this.dir, `corpus-${gen}.bin`); }

  /** The same index with another commit or dirty list (nothing else changed): only index.v8 is written. */
  rewriteIndex(idx: IndexFile): IndexFile {
    writeFileAtomic(path.join(this.dir, 'index.v8'), serialize(idx));
    return idx;
  }

  /**
   * Writes a new generation. `entries` in order; for each, `fresh` gives the parsed file's contribution, else the
   * entry is the old index's (its articles and units are in `old`'s files). With little garbage the old files are
   * copied (by the kernel) and the new contributions appended; else everything is written again, compacted.
   */
  write(head: { root: string; commit?: string; dirty?: string[] }, entries: Entry[], fresh: Map<string, Contribution | undefined>, old: IndexFile | undefined): IndexFile {
    mkdirSync(this.dir, { recursive: true });
    const gen = `${Date.now().toString(36)}${process.pid.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const artPath = this.articlesPath(gen), corPath = this.corpusPath(gen);
    const oldArt = old ? this.articlesPath(old.gen) : undefined, oldCor = old ? this.corpusPath(old.gen) : undefined;
    const oldUsed = new Map((old?.files ?? []).map((e) => [e.file, e]));
    // Garbage after this write if appended: the old entries replaced or gone.
    let garbage = { ...(old?.garbage ?? { bytes: 0, units: 0 }) };
    const kept = new Set(entries.filter((e) => !fresh.has(e.file)).map((e) => e.file));
    for (const [file, e] of oldUsed) {
      if (kept.has(file)) continue;
      garbage.bytes += e.blob?.[1] ?? 0;
      garbage.units += e.units?.[1] ?? 0;
    }
    const oldBytes = old ? statSync(oldArt!).size : 0;
    const append = Boolean(old) && garbage.bytes <= COMPACT_AT * oldBytes && garbage.units <= COMPACT_AT * (old!.starts.length - 1);
    const out = entries.map((e) => ({ ...e }));
    const art = openSync(artPath, 'w');
    const cor = openSync(corPath, 'w');
    try {
      let offset = 0, pos = 0;
      let starts: number[] = [];
      const addUnits = (texts: string[]): [number, number] => {
        const first = starts.length;
        const chunk = texts.length ? texts.join('\u0001') + '\u0001' : '';
        for (const t of texts) { starts.push(pos); pos += t.length + 1; }
        writeAll(cor, Buffer.from(chunk, 'utf16le'));
        return [first, texts.length];
      };
      if (append) {
        closeSync(art); closeSync(cor);
        copyFileSync(oldArt!, artPath);
        copyFileSync(oldCor!, corPath);
        offset = oldBytes;
        starts = Array.from(old!.starts.subarray(0, old!.starts.length - 1));
        pos = old!.starts[old!.starts.length - 1]!;
        const a = openSync(artPath, 'a'), c = openSync(corPath, 'a');
        try {
          for (const e of out) {
            const f = fresh.get(e.file);
            if (!f) continue;
            const b = Buffer.from(f.blob);
            writeAll(a, b);
            e.blob = [offset, b.length];
            offset += b.length;
            const first = starts.length;
            const chunk = f.units.length ? f.units.join('\u0001') + '\u0001' : '';
            for (const t of f.units) { starts.push(pos); pos += t.length + 1; }
            writeAll(c, Buffer.from(chunk, 'utf16le'));
            e.units = [first, f.units.length];
          }
        } finally { closeSync(a); closeSync(c); }
      } else {
        garbage = { bytes: 0, units: 0 };
        const prevArt = oldArt && old!.files.some((e) => kept.has(e.file)) ? readFileSync(oldArt) : undefined;
        const prevCor = prevArt ? this.readCorpusText(old!) : undefined;
        for (const e of out) {
          const f = fresh.get(e.file);
          let blob: Buffer | undefined;
          let units: string[] | undefined;
          if (f) { blob = Buffer.from(f.blob); units = f.units; }
          else if (e.blob && e.units && prevArt && prevCor) {
            blob = prevArt.subarray(e.blob[0], e.blob[0] + e.blob[1]);
            const [u0, n] = e.units;
            units = [];
            for (let k = 0; k < n; k++) units.push(prevCor.slice(old!.starts[u0 + k]!, old!.starts[u0 + k + 1]! - 1));
          }
          delete e.blob; delete e.units;
          if (!e.version || !blob || !units) continue;
          writeAll(art, blob);
          e.blob = [offset, blob.length];
          offset += blob.length;
          e.units = addUnits(units);
        }
        closeSync(art); closeSync(cor);
      }
      starts.push(pos);
      const idx: IndexFile = { format: FORMAT, gen, ...head, files: out, starts: Uint32Array.from(starts), garbage };
      writeFileAtomic(path.join(this.dir, 'index.v8'), serialize(idx));
      for (const f of readdirSync(this.dir)) {
        const m = /^(?:articles|corpus)-([0-9a-z]+)\.(?:json|bin)$/.exec(f);
        if (m && m[1] !== gen) rmSync(path.join(this.dir, f), { force: true });
      }
      return idx;
    } catch (e) {
      try { closeSync(art); } catch { /* closed */ }
      try { closeSync(cor); } catch { /* closed */ }
      rmSync(artPath, { force: true });
      rmSync(corPath, { force: true });
      throw e;
    }
  }

  private readCorpusText(idx: IndexFile): string {
    return readFileSync(this.corpusPath(idx.gen)).toString('utf16le');
  }

  readCorpus(idx: IndexFile): { text: string; starts: Uint32Array } {
    return { text: this.readCorpusText(idx), starts: idx.starts };
  }
}

/** Reads articles blobs of one generation, the file opened once (a later generation's rename does not disturb it). */
export class BlobReader {
  private fd: number | undefined;
  constructor(private readonly file: string) { this.fd = openSync(file, 'r'); }
  read([offset, length]: [number, number]): Units {
    if (this.fd === undefined) this.fd = openSync(this.file, 'r');
    const buf = Buffer.allocUnsafe(length);
    readSync(this.fd, buf, 0, length, offset);
    return JSON.parse(buf.toString('utf8')) as Units;
  }
  close(): void { if (this.fd !== undefined) { closeSync(this.fd); this.fd = undefined; } }
}
