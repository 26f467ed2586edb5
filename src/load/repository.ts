/** The loaded repository (files as parsed sources) and reading the text files it references (preface, .mmd). */
import { existsSync, lstatSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/message.js';
import type { Config, Law, Power, RuleMeta } from '../domain/types.js';
import { readText } from './read.js';
import { insideRoot, listFiles, type Listed } from './files.js';
import { SourceFile } from './source.js';

export const CONFIG_FILE = 'powerbook.yaml';

export interface LoadResult { repo: Repository; diagnostics: Diagnostic[] }

const START = { start: { line: 1, column: 1 } };

/** Reads and decodes one file, reporting size, binary and encoding problems. Null when it cannot be used. */
export function readSource(entry: Listed, diags: Diagnostic[]): SourceFile | null {
  const text = readText(entry, diags);
  return text === null ? null : new SourceFile(entry.rel, entry.abs, text);
}

/** Reads a text file referenced from the repository (preface, .mmd), refusing paths that leave it. */
export function readReferenced(repo: Repository, fromFile: string, ref: string, diags: Diagnostic[], at: { start: { line: number; column: number } }): SourceFile | null {
  const base = path.dirname(path.join(repo.root, fromFile));
  const abs = path.resolve(base, ref);
  const real = insideRoot(repo.root, abs);
  if (!real) {
    diags.push(diag(fromFile, at, 'path-outside', 'reference', { ref }));
    return null;
  }
  if (!existsSync(real) || !statSync(real).isFile()) {
    diags.push(diag(fromFile, at, 'file-missing', 'missing', { ref }));
    return null;
  }
  const rel = path.relative(repo.root, abs).split(path.sep).join('/');
  return readSource({ rel, abs: real }, diags);
}
/**
 * The repository holding `target` (an absolute path to a file or folder): the nearest folder from it upwards that has a
 * powerbook.yaml, as git finds the root of a work tree; and the part of it that `target` names (a path relative to the
 * root with forward slashes, '' for the root itself). Null when no folder up to the file system's root has one.
 */
export function findRepository(target: string): { root: string; scope: string } | null {
  let dir = existsSync(target) && statSync(target).isDirectory() ? target : path.dirname(target);
  for (;;) {
    if (existsSync(path.join(dir, CONFIG_FILE))) {
      return { root: dir, scope: path.relative(dir, target).split(path.sep).join('/') };
    }
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** Whether the repository path `file` is `scope` or inside it ('' is the whole repository). */
export function inScope(file: string, scope: string): boolean {
  return !scope || file === scope || file.startsWith(scope.endsWith('/') ? scope : `${scope}/`);
}

/** A loaded file: its data (undefined when it did not parse), its source, and whether it passed its schema. */
export interface Loaded<T> {
  data: T;
  source: SourceFile;
  valid?: boolean;
  /** A power: the diagnostics of the rules that look at it alone, found when it was loaded (check/power.ts). */
  checked?: Diagnostic[];
}

export interface RuleDoc extends Loaded<RuleMeta> {
  /** Markdown body (after the front matter), and the 1-based line where it starts in the file. */
  body: string;
  bodyLine: number;
  bodyOffset: number;
}

export interface Repository {
  root: string;
  config?: Loaded<Config>;
  laws: Loaded<Law>[];
  powers: Loaded<Power>[];
  rules: RuleDoc[];
  /** Markdown files other than rules (e.g. the preface), keyed by relative path. */
  texts: Map<string, SourceFile>;
}
