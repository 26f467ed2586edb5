/** Finding the repository's files, refusing anything that leaves it (symlinks, `..` paths). */
import { lstatSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { globSync } from 'tinyglobby';

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

/** Files matching the patterns, sorted for deterministic output. */
export function listFiles(root: string, patterns: string[]): Listed[] {
  const found = globSync(patterns, { cwd: root, dot: false, onlyFiles: false, followSymbolicLinks: false, expandDirectories: false });
  const out: Listed[] = [];
  for (const rel of found.sort()) {
    const abs = path.join(root, rel);
    let st;
    try { st = lstatSync(abs); } catch { continue; }
    if (st.isSymbolicLink()) {
      const real = insideRoot(root, abs);
      if (!real) { out.push({ rel: toPosix(rel), abs, escapes: true, isSymlink: true }); continue; }
      try { if (!statSync(real).isFile()) continue; } catch { continue; }
      out.push({ rel: toPosix(rel), abs: real, isSymlink: true });
    } else if (st.isFile()) {
      out.push({ rel: toPosix(rel), abs });
    }
  }
  return out;
}
