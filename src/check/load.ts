/** Loads a repository: lists its files, reads, parses and schema-checks each (worker threads for large ones), assembles it. */
import { existsSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { makeDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
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
      diagnostics.push(makeDiagnostic(dir, START, 'path-outside', 'error', {
        zh: `目录 ${dir} 是指向仓库之外的符号链接，已拒绝读取`, en: `Directory ${dir} is a symbolic link outside the repository: refused`,
      }));
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
    diagnostics.push(makeDiagnostic(CONFIG_FILE, START, empty ? 'empty-repository' : 'config-missing', 'error', empty
      ? {
        zh: '这里不是制度库：没有 powerbook.yaml，也没有 laws/、powers/、rules/ 下的文件',
        en: 'Not a rule repository: no powerbook.yaml and no files under laws/, powers/ or rules/',
        hintZh: '确认目录是否正确，或运行 powerbook init 新建一个制度库', hintEn: 'Check the directory, or run `powerbook init` to create one',
      }
      : {
        zh: '缺少配置文件 powerbook.yaml（部门名称、汇编标题和日期）', en: 'Missing powerbook.yaml (department, compendium title and date)',
        hintZh: '运行 powerbook init 生成一个，或从示例复制', hintEn: 'Run `powerbook init` or copy one from the examples',
      }));
  }
  return { repo, diagnostics };
}

