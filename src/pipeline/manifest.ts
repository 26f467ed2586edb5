/** dist/manifest.json: what was built from what — tool version, the rule repository's git commit, SHA-256 of inputs and outputs. */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Repository } from '../load/repository.js';
import { VERSION } from '../util/version.js';

export interface GitState { commit: string; dirty: boolean }

/** The repository's commit and whether its tree has uncommitted changes; null outside git (or without git installed). */
export function gitState(root: string): GitState | null {
  try {
    const opts = { cwd: root, encoding: 'utf8' as const, stdio: ['ignore', 'pipe', 'ignore'] as ['ignore', 'pipe', 'ignore'], timeout: 10_000 };
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], opts).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=normal', '--', '.'], opts);
    return { commit, dirty: status.trim().length > 0 };
  } catch {
    return null;
  }
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Every file the build read, relative path → SHA-256 of its bytes, sorted. */
export function inputHashes(repo: Repository, extra: string[] = []): { path: string; sha256: string }[] {
  const files = new Map<string, string>();
  const add = (rel: string, abs: string) => { try { files.set(rel, sha256(readFileSync(abs))); } catch { /* vanished: not an input */ } };
  if (repo.config) add(repo.config.source.path, repo.config.source.absPath);
  for (const x of [...repo.laws, ...repo.powers, ...repo.rules]) add(x.source.path, x.source.absPath);
  for (const t of repo.texts.values()) add(t.path, t.absPath);
  for (const rel of extra) add(rel, `${repo.root}/${rel}`);
  return [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, hash]) => ({ path, sha256: hash }));
}

export interface Manifest {
  tool: { name: 'powerbook'; version: string; node: string };
  created: string;
  repository: GitState | null;
  stage: string;
  inputs: { path: string; sha256: string }[];
  outputs: { path: string; sha256: string; bytes: number }[];
}

export function manifest(fields: Omit<Manifest, 'tool'>): Manifest {
  return { tool: { name: 'powerbook', version: VERSION, node: process.versions.node.split('.')[0] }, ...fields };
}
