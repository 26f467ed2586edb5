/** Finding the repository's files, refusing anything that leaves it (symlinks, `..` paths). */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';

/** The absolute path of `rel` if it stays inside `root` after resolving symlinks; otherwise null. */
export function insideRoot(root: string, absPath: string): string | null {
  let real: string;
  try {
    real = realpathSync(absPath);
  } catch {
    // Does not exist: judge by the lexical path.
    real = path.resolve(absPath);
  }
  const rootReal = realpathSync(root);
  const rel = path.relative(rootReal, real);
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) return real;
  return null;
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export interface Listed {
  rel: string;
  abs: string;
  /** Set when the entry is a symlink that leaves the repository. */
  escapes?: boolean;
  isSymlink?: boolean;
}

/**
 * Files directly in `dir` whose names end with one of `exts`, sorted for deterministic output. Written with readdir rather
 * than a glob library because the glob libraries either follow symlinks silently or drop them silently, and we must see
 * each symlink to refuse those that leave the repository.
 */
export function listFiles(root: string, dir: string, exts: readonly string[]): Listed[] {
  let entries: Dirent[];
  try { entries = readdirSync(path.join(root, dir), { withFileTypes: true }); } catch { return []; }
  const out: Listed[] = [];
  for (const ent of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (ent.name.startsWith('.') || !exts.some((e) => ent.name.toLowerCase().endsWith(e))) continue;
    const rel = dir ? `${dir}/${ent.name}` : ent.name;
    const abs = path.join(root, rel);
    if (ent.isSymbolicLink()) {
      const real = insideRoot(root, abs);
      if (!real) { out.push({ rel, abs, escapes: true, isSymlink: true }); continue; }
      try { if (!statSync(real).isFile()) continue; } catch { continue; }
      out.push({ rel, abs: real, isSymlink: true });
    } else if (ent.isFile()) {
      out.push({ rel, abs });
    }
  }
  return out;
}
