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
  /**
   * Set when the entry has a checked file's name but cannot be read as one: a folder, a symlink that loops or points
   * nowhere, a pipe or device (reading a pipe would wait for ever), a folder that cannot be listed. Said, never skipped
   * in silence: a clerk's powers/XK-001.yaml that is not read would be a power missing from the compendium.
   */
  problem?: 'directory' | 'loop' | 'dangling' | 'special' | 'unlistable';
}

function problemOf(abs: string): Listed['problem'] {
  try {
    const st = statSync(abs);
    return st.isFile() ? undefined : st.isDirectory() ? 'directory' : 'special';
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ELOOP' ? 'loop' : 'dangling';
  }
}

/**
 * Files directly in `dir` whose names end with one of `exts`, sorted for deterministic output. Written with readdir rather
 * than a glob library because the glob libraries either follow symlinks silently or drop them silently, and we must see
 * each symlink to refuse those that leave the repository.
 */
export function listFiles(root: string, dir: string, exts: readonly string[]): Listed[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? [] : [{ rel: dir, abs: path.join(root, dir), problem: 'unlistable' }];
  }
  const out: Listed[] = [];
  for (const ent of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (ent.name.startsWith('.') || !exts.some((e) => ent.name.toLowerCase().endsWith(e))) continue;
    const rel = dir ? `${dir}/${ent.name}` : ent.name;
    const abs = path.join(root, rel);
    if (ent.isSymbolicLink()) {
      const problem = problemOf(abs);
      if (problem === 'loop' || problem === 'dangling') { out.push({ rel, abs, isSymlink: true, problem }); continue; }
      const real = insideRoot(root, abs);
      if (!real) { out.push({ rel, abs, escapes: true, isSymlink: true }); continue; }
      out.push(problem ? { rel, abs: real, isSymlink: true, problem } : { rel, abs: real, isSymlink: true });
    } else if (ent.isFile()) {
      out.push({ rel, abs });
    } else {
      out.push({ rel, abs, problem: ent.isDirectory() ? 'directory' : 'special' });
    }
  }
  return out;
}
