/**
 * The parsed index of one library root, kept under the cache directory so that opening the library again parses
 * nothing, and a change parses only the files that changed.
 *
 * Layout of `<cacheDir>/<slot>/` (slot: the root's folder name and its place in the list of roots):
 * - `index.v8` (structured-clone bytes: read several times faster than the same as JSON): for every file its size, time and sha1, why it was skipped or its version without the articles,
 *   its defects, and where its articles and texts sit in the two files below; the git commit it was made from.
 * - `articles-<gen>.json`: every file's articles as JSON, one blob after another (read one blob when a version's
 *   articles are first asked for).
 * - `corpus-<gen>.bin`: every article's text, UTF-16, with their offsets (what search scans).
 * Each write makes a new generation and replaces `index.v8` last (atomically): a reader sees a whole old index or a
 * whole new one.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomic } from '../util/write.js';
import { VERSION } from '../util/version.js';
import type { ParsedVersion } from './parse.js';
import type { SkipReason } from './classify.js';
import { folderOf } from './classify.js';
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
export function loadVersion<T extends object>(into: T, file: string, v: StoredVersion, prefix = ''): T & VersionMeta {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const out = Object.assign(into, v) as unknown as T & VersionMeta;
  out.id = out.file = prefix + file;
  out.folder = prefix + folderOf(file);
  out.shortTitle = name.replace(FILE_DATE, '').replace(/\.md$/, '').trim();
  out.repeals = v.repeals ? v.repeals.map(({ line, column, ...r }) => ({ ...r, at: { file: prefix + file, line, ...(column ? { column } : {}) } })) : [];
  return out;
}

/** Bump when parsing changes what it produces: every cached index is then parsed again. */
export const PARSER_FORMAT = 3;
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
}

export interface IndexFile {
  format: string;
  root: string;
  gen: string;
  commit?: string;
  /** Files git said differed from `commit` when the index was made. */
  dirty?: string[];
  files: Entry[];
}

export interface Units { articles: LibArticle[]; sections?: LibArticle[] }

export class CacheSlot {
  readonly dir: string;
  constructor(cacheDir: string, root: string, position: number) {
    const name = path.basename(path.resolve(root)).replace(/[^\p{L}\p{N}._-]/gu, '_') || 'root';
    this.dir = path.join(cacheDir, `${name}-${position}`);
  }

  read(): IndexFile | undefined {
    try {
      const idx = deserialize(readFileSync(path.join(this.dir, 'index.v8'))) as IndexFile;
      if (idx.format !== FORMAT || !Array.isArray(idx.files)) return undefined;
      if (!existsSync(this.articlesPath(idx.gen)) || !existsSync(this.corpusPath(idx.gen))) return undefined;
      return idx;
    } catch {
      return undefined;
    }
  }

  articlesPath(gen: string): string { return path.join(this.dir, `articles-${gen}.json`); }
  corpusPath(gen: string): string { return path.join(this.dir, `corpus-${gen}.bin`); }

  /** Writes a new generation: articles, corpus, then the index; removes older generations. */
  write(idx: Omit<IndexFile, 'format' | 'gen'>, articles: Buffer[], corpus: { text: string; starts: Uint32Array }): IndexFile {
    mkdirSync(this.dir, { recursive: true });
    const gen = `${Date.now().toString(36)}${process.pid.toString(36)}`;
    writeFileAtomic(this.articlesPath(gen), Buffer.concat(articles));
    const head = Buffer.alloc(8);
    head.writeUInt32LE(corpus.starts.length, 0);
    head.writeUInt32LE(corpus.text.length, 4);
    writeFileAtomic(this.corpusPath(gen), Buffer.concat([head, Buffer.from(corpus.starts.buffer, corpus.starts.byteOffset, corpus.starts.byteLength), Buffer.from(corpus.text, 'utf16le')]));
    const full: IndexFile = { format: FORMAT, gen, ...idx };
    writeFileAtomic(path.join(this.dir, 'index.v8'), serialize(full));
    for (const f of readdirSync(this.dir)) {
      const m = /^(?:articles|corpus)-([0-9a-z]+)\.(?:json|bin)$/.exec(f);
      if (m && m[1] !== gen) rmSync(path.join(this.dir, f), { force: true });
    }
    return full;
  }

  readCorpus(gen: string): { text: string; starts: Uint32Array } {
    const buf = readFileSync(this.corpusPath(gen));
    const n = buf.readUInt32LE(0), len = buf.readUInt32LE(4);
    const starts = new Uint32Array(n);
    Buffer.from(starts.buffer).set(buf.subarray(8, 8 + n * 4));
    const text = buf.toString('utf16le', 8 + n * 4, 8 + n * 4 + len * 2);
    return { text, starts };
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
