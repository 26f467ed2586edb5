/** Temporary rule repositories for tests: a valid one from `powerbook init`, then changed to the case at hand. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
