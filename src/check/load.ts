/** Loads a repository: lists its files, reads, parses and schema-checks each (worker threads for large ones), assembles it. */
import { existsSync, lstatSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/message.js';
import type { Config, Law, Power, RuleMeta } from '../domain/types.js';
import { rereadText } from '../load/read.js';
import { insideRoot, listFiles } from '../load/files.js';
import { CONFIG_FILE, type Repository } from '../load/repository.js';
import { SourceFile } from '../load/source.js';
import type { FileJob, FileResult, LoadOptions } from './file.js';
import { loadFiles } from './pool.js';

export interface LoadResult { repo: Repository; diagnostics: Diagnostic[] }

const START = { start: { line: 1, column: 1 } };

function toLoaded(r: FileResult, source: SourceFile | undefined): { data: unknown; source: SourceFile; valid: boolean; checked?: Diagnostic[] } {
  const src = source ?? new SourceFile(r.rel, r.abs, r.text ?? (() => rereadText(r.abs)), r.yamlOffset ?? 0, r.yamlEnd);
  return { data: r.data, source: src, valid: r.schemaValid, ...(r.checked ? { checked: r.checked } : {}) };
}

/** Loads the repository at `root`. Never throws for bad content: every problem becomes a diagnostic. */
export async function loadRepository(rootArg: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const root = path.resolve(rootArg);
  const diagnostics: Diagnostic[] = [];
  const repo: Repository = { root, laws: [], powers: [], rules: [], texts: new Map() };

  const dirOk = (dir: string): boolean => {
    const abs = path.join(root, dir);
    if (!existsSync(abs)) return false;
    if (lstatSync(abs).isSymbolicLink() && !insideRoot(root, abs)) {
      diagnostics.push(diag(dir, START, 'path-outside', 'directory', { dir }));
      return false;
    }
    return true;
  };

  const cfg = listFiles(root, '', [CONFIG_FILE]).filter((e) => e.rel === CONFIG_FILE);
  const jobs: FileJob[] = [
    ...cfg.map((e) => ({ ...e, kind: 'config' as const })),
    ...(dirOk('laws') ? listFiles(root, 'laws', ['.yaml', '.yml']).map((e) => ({ ...e, kind: 'law' as const })) : []),
    ...(dirOk('powers') ? listFiles(root, 'powers', ['.yaml', '.yml']).map((e) => ({ ...e, kind: 'power' as const })) : []),
    ...(dirOk('rules') ? listFiles(root, 'rules', ['.md']).map((e) => ({ ...e, kind: 'rule' as const })) : []),
  ];
  for (const { result: r, source } of await loadFiles(jobs, opts)) {
    diagnostics.push(...r.diagnostics);
    if (!r.readable) continue;
    const l = toLoaded(r, source);
    if (r.kind === 'config') repo.config = { data: l.data as Config, source: l.source, valid: l.valid };
    else if (r.kind === 'law') repo.laws.push({ data: l.data as Law, source: l.source, valid: l.valid });
    else if (r.kind === 'power') repo.powers.push({ ...l, data: l.data as Power });
    else {
      const bodyOffset = r.bodyOffset ?? 0;
      repo.rules.push({ data: l.data as RuleMeta, source: l.source, valid: l.valid, body: l.source.text.slice(bodyOffset), bodyOffset, bodyLine: l.source.position(bodyOffset).line });
    }
  }
  if (!cfg.length) {
    const empty = !jobs.length;
    diagnostics.push(empty ? diag(CONFIG_FILE, START, 'empty-repository', 'empty') : diag(CONFIG_FILE, START, 'config-missing', 'missing'));
  }
  return { repo, diagnostics };
}

