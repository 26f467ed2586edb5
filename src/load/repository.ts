/** `load`: find files, read bytes, decode, parse YAML and front matter keeping source positions, check each against its schema. */
import { existsSync, lstatSync, statSync } from 'node:fs';
import path from 'node:path';
import { makeDiagnostic, type Diagnostic } from '../diagnostic.js';
import type { Config, Law, Power, Repository, RuleMeta } from '../model/repository.js';
import { readText, rereadText, type FileJob, type FileResult, type LoadOptions } from './file.js';
import { insideRoot, listFiles, type Listed } from './files.js';
import { loadFiles } from './pool.js';
import { SourceFile } from './source.js';

export const CONFIG_FILE = 'powerbook.yaml';

export interface LoadResult { repo: Repository; diagnostics: Diagnostic[] }

const START = { start: { line: 1, column: 1 } };

/** Reads and decodes one file, reporting size, binary and encoding problems. Null when it cannot be used. */
export function readSource(entry: Listed, diags: Diagnostic[]): SourceFile | null {
  const text = readText(entry, diags);
  return text === null ? null : new SourceFile(entry.rel, entry.abs, text);
}

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

/** Reads a text file referenced from the repository (preface, .mmd), refusing paths that leave it. */
export function readReferenced(repo: Repository, fromFile: string, ref: string, diags: Diagnostic[], at: { start: { line: number; column: number } }, rule = 'path-outside'): SourceFile | null {
  const base = path.dirname(path.join(repo.root, fromFile));
  const abs = path.resolve(base, ref);
  const real = insideRoot(repo.root, abs);
  if (!real) {
    diags.push(makeDiagnostic(fromFile, at, rule, 'error', {
      zh: `引用的文件"${ref}"在仓库之外，已拒绝读取`, en: `Referenced file "${ref}" is outside the repository: refused`,
      hintZh: '只能引用仓库内的文件，用相对路径', hintEn: 'Reference files inside the repository with a relative path',
    }));
    return null;
  }
  if (!existsSync(real) || !statSync(real).isFile()) {
    diags.push(makeDiagnostic(fromFile, at, 'file-missing', 'error', {
      zh: `引用的文件"${ref}"不存在`, en: `Referenced file "${ref}" does not exist`,
      hintZh: '检查文件名和路径（相对于本文件所在目录）', hintEn: 'Check the name and path (relative to this file)',
    }));
    return null;
  }
  const rel = path.relative(repo.root, abs).split(path.sep).join('/');
  return readSource({ rel, abs: real }, diags);
}
