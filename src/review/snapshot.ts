/**
 * One side of a comparison: the rule repository's files at a commit (from git's object store, never checked out) or in
 * the working tree, each with its git blob id. Files with the same blob id on both sides are the same bytes and are
 * never parsed: a revision that touches 10 of 1,000 powers parses 10 files, not 2,000.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { decode } from '../load/decode.js';
import { listFiles } from '../load/files.js';
import { CONFIG_FILE } from '../load/repository.js';
import { SourceFile } from '../load/source.js';
import { parseYaml, splitFrontMatter } from '../load/yaml.js';
import { listTree, readBlobs, type GitPlace } from './git.js';

export type ItemKind = 'config' | 'law' | 'power' | 'rule';

export interface SnapshotFile {
  /** Relative to the rule repository, '/'-separated. */
  rel: string;
  kind: ItemKind;
  /** git blob id of the bytes (computed for working-tree files as `git hash-object` would, without filters). */
  oid: string;
  /** Working tree: the file on disk. */
  abs?: string;
}

export interface Snapshot {
  /** The commit, or undefined for the working tree. */
  commit?: string;
  files: Map<string, SnapshotFile>;
  place: GitPlace;
  root: string;
  /** Bytes of each file once read (by rel). */
  bytes: Map<string, Buffer>;
}

/** The kind of a repository file by its path, as check/load.ts lists them (one level, no dot files), or null. */
export function kindOf(rel: string): ItemKind | null {
  if (rel === CONFIG_FILE) return 'config';
  const m = /^(laws|powers|rules)\/([^/]+)$/.exec(rel);
  if (!m || m[2]!.startsWith('.')) return null;
  const name = m[2]!.toLowerCase();
  if (m[1] === 'rules') return name.endsWith('.md') ? 'rule' : null;
  if (!name.endsWith('.yaml') && !name.endsWith('.yml')) return null;
  return m[1] === 'laws' ? 'law' : 'power';
}

export function commitSnapshot(place: GitPlace, root: string, commit: string): Snapshot {
  const files = new Map<string, SnapshotFile>();
  for (const e of listTree(place, commit)) {
    const kind = kindOf(e.path);
    // Symbolic links (mode 120000) hold a path, not the file: left out, as a checkout outside the repository would be.
    if (kind && e.mode !== '120000') files.set(e.path, { rel: e.path, kind, oid: e.oid });
  }
  // Every file's bytes in one `git cat-file --batch`: a few megabytes at most, and one process instead of one per file.
  const blobs = readBlobs(place, [...files.values()].map((f) => f.oid));
  const bytes = new Map<string, Buffer>();
  for (const f of files.values()) { const b = blobs.get(f.oid); if (b) bytes.set(f.rel, b); }
  return { commit, files, place, root, bytes };
}

export function worktreeSnapshot(place: GitPlace, root: string): Snapshot {
  const files = new Map<string, SnapshotFile>();
  const bytes = new Map<string, Buffer>();
  const entries = [
    ...listFiles(root, '', [CONFIG_FILE]).filter((e) => e.rel === CONFIG_FILE),
    ...listFiles(root, 'laws', ['.yaml', '.yml']), ...listFiles(root, 'powers', ['.yaml', '.yml']), ...listFiles(root, 'rules', ['.md']),
  ];
  for (const e of entries) {
    if (e.escapes || e.problem) continue;
    const kind = kindOf(e.rel);
    if (!kind) continue;
    let b: Buffer;
    try { b = readFileSync(e.abs); } catch { continue; }
    const h = createHash(place.objectFormat);
    h.update(`blob ${b.length}\0`);
    h.update(b);
    files.set(e.rel, { rel: e.rel, kind, oid: h.digest('hex'), abs: e.abs });
    bytes.set(e.rel, b);
  }
  return { files, place, root, bytes };
}

/** Reads the bytes of `rels` (from git for a commit; the working tree's are read already). */
export function readFiles(s: Snapshot, rels: string[]): void {
  const need = rels.filter((r) => !s.bytes.has(r) && s.files.has(r));
  if (!need.length) return;
  if (s.commit === undefined) {
    for (const r of need) s.bytes.set(r, readFileSync(s.files.get(r)!.abs!));
    return;
  }
  const blobs = readBlobs(s.place, need.map((r) => s.files.get(r)!.oid));
  for (const r of need) {
    const b = blobs.get(s.files.get(r)!.oid);
    if (b) s.bytes.set(r, b);
  }
}

/** A parsed file: its data (undefined when it did not parse), and for a rule its Markdown body. */
export interface Parsed {
  rel: string;
  kind: ItemKind;
  oid: string;
  data: Record<string, unknown> | undefined;
  body?: string;
  source: SourceFile;
}

/**
 * Decodes and parses one file as the loader does (UTF-8, GBK or UTF-16; YAML; a rule's front matter), without the
 * schema: a diff shows what was written, and `validate` says what is wrong with it.
 */
export function parseFile(s: Snapshot, rel: string): Parsed | undefined {
  const f = s.files.get(rel);
  const b = s.bytes.get(rel);
  if (!f || !b) return undefined;
  const text = decode(b).text;
  const abs = f.abs ?? path.join(s.root, rel);
  if (text === null) return { rel, kind: f.kind, oid: f.oid, data: undefined, source: new SourceFile(rel, abs, '') };
  const source = new SourceFile(rel, abs, text);
  let body: string | undefined;
  if (f.kind === 'rule') {
    const fm = splitFrontMatter(text);
    if (!fm) return { rel, kind: f.kind, oid: f.oid, data: undefined, body: text, source };
    source.yamlOffset = fm.yamlOffset;
    source.yamlEnd = fm.yamlEnd;
    body = text.slice(fm.bodyOffset);
  }
  const ignored: Diagnostic[] = [];
  const parsed = parseYaml(source, ignored);
  const data = parsed.ok && parsed.data && typeof parsed.data === 'object' && !Array.isArray(parsed.data) ? parsed.data as Record<string, unknown> : undefined;
  return { rel, kind: f.kind, oid: f.oid, data, body, source };
}
