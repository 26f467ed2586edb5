/** Temporary rule repositories for tests: a valid one from `powerbook init`, then changed to the case at hand. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { cli } from './cli.js';

const made: string[] = [];
afterAll(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

export function tempDir(prefix = 'pb-'): string {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}

export async function validRepo(): Promise<string> {
  const d = tempDir();
  const r = await cli(['init', d, '--department', '测试市商务局']);
  if (r.code !== 0) throw new Error(r.stderr);
  return d;
}

export function edit(dir: string, rel: string, f: (s: string) => string): void {
  const p = path.join(dir, rel);
  writeFileSync(p, f(readFileSync(p, 'utf8')));
}

/** 1-based line of the first line containing `needle`. */
export function lineOf(dir: string, rel: string, needle: string): number {
  const lines = readFileSync(path.join(dir, rel), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in ${rel}`);
  return i + 1;
}

/**
 * A copy of an example repository elsewhere (cpSync's `filter` as given): its `law_library` paths that leave the
 * example (../../../shared/laws-lib) made absolute, so that the copy reads the same law library, and the library's
 * index shared with the example's (a link to its .powerbook/cache/laws) rather than copied or built again.
 */
export function copyExample(src: string, dest: string, filter?: (source: string) => boolean): void {
  const from = path.resolve(src);
  const lawCache = path.join(from, '.powerbook', 'cache', 'laws');
  cpSync(from, dest, { recursive: true, filter: (s) => !s.startsWith(lawCache) && (!filter || filter(s)) });
  const cfg = path.join(dest, 'powerbook.yaml');
  writeFileSync(cfg, readFileSync(cfg, 'utf8').replace(/^(\s*(?:law_library:|-)\s+)(\.\.\/[^\s#]+)/gm, (_, lead: string, p: string) => `${lead}${path.resolve(from, p)}`));
  mkdirSync(lawCache, { recursive: true });
  mkdirSync(path.join(dest, '.powerbook', 'cache'), { recursive: true });
  symlinkSync(lawCache, path.join(dest, '.powerbook', 'cache', 'laws'), 'dir');
}
