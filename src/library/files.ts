/**
 * A library root's Markdown files (every `.md` but the root's README.md) with their size and time, and the git state
 * when the root is a git checkout (the commit, and the files git says differ from it).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface LibFile { file: string; size: number; mtimeMs: number }

/** Every law-library Markdown file under `root`, '/'-separated paths relative to it, sorted (code-unit order). */
export function listFiles(root: string): LibFile[] {
  const out: LibFile[] = [];
  // Paths joined by hand: path.join's normalising costs more than the stat calls here (3,500 files on every open).
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue; // .git, .github, editor files
      const abs = `${dir}/${e.name}`;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(abs, r);
      else if (e.name.endsWith('.md') && r !== 'README.md' && (e.isFile() || e.isSymbolicLink())) {
        const st = statSync(abs, { throwIfNoEntry: false });
        if (st?.isFile()) out.push({ file: r, size: st.size, mtimeMs: st.mtimeMs });
      }
    }
  };
  walk(root, '');
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

export function statFile(root: string, file: string): LibFile | undefined {
  const st = statSync(path.join(root, file), { throwIfNoEntry: false });
  return st?.isFile() ? { file, size: st.size, mtimeMs: st.mtimeMs } : undefined;
}

export interface GitState {
  commit: string;
  /** Files (relative to the root) that differ from the commit: modified, added, deleted, untracked. */
  dirty: string[];
}

function git(root: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['-C', root, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, timeout: 20_000 }, (err, stdout) => resolve(err ? undefined : stdout));
  });
}

/**
 * The commit checked out at `root` and the Markdown files that differ from it, or undefined when `root` is no git
 * checkout (or git is missing). Only a root that is the top of its checkout counts: a library copied inside another
 * repository is judged by its files' size and time.
 */
export async function gitState(root: string): Promise<GitState | undefined> {
  if (!existsSync(path.join(root, '.git'))) return undefined; // no checkout's top: no need to ask git
  const [top, status] = await Promise.all([
    git(root, ['rev-parse', '--show-toplevel', 'HEAD']),
    git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', '*.md']),
  ]);
  if (!top || status === undefined) return undefined;
  const [toplevel, commit] = top.trim().split('\n');
  if (!toplevel || !commit || path.resolve(toplevel) !== path.resolve(root)) return undefined;
  const dirty = new Set<string>();
  const parts = status.split('\0');
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.length < 4) continue;
    dirty.add(p.slice(3));
    if (p[0] === 'R' || p[0] === 'C') dirty.add(parts[++i]!); // the rename's source follows
  }
  return { commit, dirty: [...dirty].sort() };
}

/** Markdown files changed between two commits. */
export async function changedBetween(root: string, from: string, to: string): Promise<string[] | undefined> {
  const out = await git(root, ['diff', '--name-only', '-z', '--no-renames', from, to, '--', '*.md']);
  return out === undefined ? undefined : out.split('\0').filter(Boolean);
}
