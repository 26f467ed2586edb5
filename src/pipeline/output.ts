/**
 * Writing a build's outputs so that a good earlier build is never replaced by part of a new one: every file (the
 * site's folder too) is first written into a temporary folder inside the output folder (the same file system, so
 * that a rename moves it), and only when all are written are they renamed into place, manifest.json last. A build
 * that fails or is interrupted while writing leaves the previous outputs as they were, and a temporary folder that
 * the next build removes.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from './manifest.js';
import { FileBytes } from '../util/file-bytes.js';

/**
 * A file to write: its bytes, its text, or pieces of bytes written one after the other (a large DOCX: no buffer of it
 * all), some of them left in their files until written (a DOCX's flowchart PNGs in the cache: util/file-bytes.ts).
 */
export interface OutputFile { path: string; data: Uint8Array | string | ReadonlyArray<Uint8Array | FileBytes> }
export interface Listed { path: string; sha256: string; bytes: number }

const STAGING = /^\.powerbook-out-(\d+)-/;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** Those of render/site/write.ts (writeSite): a site being written, or the previous one moved aside. */
const SITE_STAGING = /^\.site\.(tmp|old)-(\d+)$/;

/** Temporary folders of builds that died while writing; a previous site caught aside mid-swap is put back. */
function removeStale(outDir: string): void {
  for (const name of readdirSync(outDir)) {
    const m = STAGING.exec(name), site = SITE_STAGING.exec(name);
    const pid = m ? m[1] : site?.[2];
    if (pid === undefined || alive(Number(pid))) continue;
    const dir = path.join(outDir, name);
    if (site?.[1] === 'old' && !existsSync(path.join(outDir, 'site'))) renameSync(dir, path.join(outDir, 'site'));
    else rmSync(dir, { recursive: true, force: true });
  }
}

function inside(root: string, rel: string): string {
  const abs = path.join(root, ...rel.split('/'));
  if (!abs.startsWith(root + path.sep)) throw new Error(`output outside the output folder: ${rel}`);
  return abs;
}

/** Moves `from` to `to`, replacing what is there; a folder is swapped whole (the old one aside, the new one in). */
function replace(from: string, to: string, isDir: boolean): void {
  mkdirSync(path.dirname(to), { recursive: true });
  if (!isDir || !existsSync(to)) { renameSync(from, to); return; }
  const old = `${from}.old`;
  renameSync(to, old);
  try { renameSync(from, to); } catch (e) { renameSync(old, to); throw e; }
  rmSync(old, { recursive: true, force: true });
}

/** Writes a file's data, and says its SHA-256 and size. */
function writeData(file: string, data: OutputFile['data']): { sha256: string; bytes: number } {
  if (typeof data === 'string' || data instanceof Uint8Array) {
    writeFileSync(file, data);
    return { sha256: sha256(data), bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength };
  }
  const hash = createHash('sha256');
  let bytes = 0;
  const fd = openSync(file, 'w');
  try {
    for (const given of data) {
      // A file's bytes (a picture in the flowchart cache) go through a buffer of their own, a piece at a time.
      for (const piece of given instanceof FileBytes ? given.chunks() : [given]) {
        for (let at = 0; at < piece.length;) at += writeSync(fd, piece, at, piece.length - at);
        hash.update(piece);
        bytes += piece.length;
      }
    }
  } finally {
    closeSync(fd);
  }
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * Writes `groups` (each a folder written whole, or loose files) and then `last(listed)` (the manifest) into `outDir`.
 * Returns what was written, in order, with SHA-256 and size.
 */
export function writeStaged(outDir: string, groups: { dir?: string; files: OutputFile[] }[], last?: (listed: Listed[]) => OutputFile): Listed[] {
  mkdirSync(outDir, { recursive: true });
  removeStale(outDir);
  const stage = mkdtempSync(path.join(outDir, `.powerbook-out-${process.pid}-`));
  try {
    const listed: Listed[] = [];
    const moves: { rel: string; isDir: boolean }[] = [];
    for (const g of groups) {
      for (const f of g.files) {
        const abs = inside(stage, f.path);
        mkdirSync(path.dirname(abs), { recursive: true });
        listed.push({ path: f.path, ...writeData(abs, f.data) });
      }
      if (g.dir) moves.push({ rel: g.dir, isDir: true });
      else moves.push(...g.files.map((f) => ({ rel: f.path, isDir: false })));
    }
    const final = last?.(listed);
    if (final) writeData(inside(stage, final.path), final.data);
    // Everything is written: now into place, the manifest last.
    for (const m of moves) replace(inside(stage, m.rel), inside(outDir, m.rel), m.isDir);
    if (final) replace(inside(stage, final.path), inside(outDir, final.path), false);
    return listed;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
