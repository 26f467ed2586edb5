/** `load`: find files, read bytes, decode, parse YAML and front matter keeping source positions. */
import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { makeDiagnostic, type Diagnostic } from '../diagnostic.js';
import type { Config, Law, Loaded, Power, Repository, RuleDoc, RuleMeta } from '../model/repository.js';
import { bytePosition, decode, MAX_FILE_BYTES } from './decode.js';
import { insideRoot, listFiles, type Listed } from './files.js';
import { SourceFile } from './source.js';
import { parseYaml, splitFrontMatter } from './yaml.js';

export const CONFIG_FILE = 'powerbook.yaml';

export interface LoadResult { repo: Repository; diagnostics: Diagnostic[] }

const START = { start: { line: 1, column: 1 } };

/** Reads and decodes one file, reporting size, binary and encoding problems. Null when it cannot be used. */
export function readSource(root: string, entry: Listed, diags: Diagnostic[]): SourceFile | null {
  if (entry.escapes) {
    diags.push(makeDiagnostic(entry.rel, START, 'path-outside', 'error', {
      zh: '这是一个指向仓库之外的符号链接，已拒绝读取', en: 'Symbolic link pointing outside the repository: refused',
      hintZh: '把文件本身复制进仓库，不要用链接', hintEn: 'Copy the file into the repository instead of linking to it',
    }));
    return null;
  }
  let size: number;
  try { size = statSync(entry.abs).size; } catch { return null; }
  if (size > MAX_FILE_BYTES) {
    diags.push(makeDiagnostic(entry.rel, START, 'file-too-large', 'error', {
      zh: `文件太大（${(size / 1048576).toFixed(1)} MB），超过 1 MB 的上限`, en: `File too large (${(size / 1048576).toFixed(1)} MB); the limit is 1 MB`,
      hintZh: '一个文件只写一项职权、法律或制度；大段条文只列出引用到的条', hintEn: 'Keep one item per file; list only the articles you cite',
    }));
    return null;
  }
  const bytes = readFileSync(entry.abs);
  const dec = decode(bytes);
  const p = dec.problem;
  if (p?.kind === 'binary') {
    diags.push(makeDiagnostic(entry.rel, START, 'binary-file', 'error', {
      zh: '这是二进制文件（如 Word 文档或图片），不是文本文件', en: 'This is a binary file (e.g. a Word document or an image), not text',
      hintZh: '把内容复制出来，另存为 UTF-8 文本（.yaml 或 .md）', hintEn: 'Copy the content into a UTF-8 text file (.yaml or .md)',
    }));
    return null;
  }
  if (p?.kind === 'gb18030' || p?.kind === 'utf16') {
    const name = p.kind === 'gb18030' ? 'GBK/GB18030' : 'UTF-16（"Unicode"）';
    diags.push(makeDiagnostic(entry.rel, START, 'encoding', 'error', {
      zh: `文件编码是 ${name}，不是 UTF-8`, en: `The file is encoded as ${p.kind === 'gb18030' ? 'GBK/GB18030' : 'UTF-16'}, not UTF-8`,
      hintZh: '用记事本或 WPS 打开，"另存为"时编码选 UTF-8；或运行 iconv -f GB18030 -t UTF-8 原文件 > 新文件',
      hintEn: 'Open it in Notepad and "Save as" with encoding UTF-8, or run: iconv -f GB18030 -t UTF-8 in > out',
    }));
  }
  if (p?.kind === 'unknown-encoding') {
    diags.push(makeDiagnostic(entry.rel, { start: bytePosition(bytes, p.offset) }, 'encoding', 'error', {
      zh: '文件不是 UTF-8 编码，也无法识别为 GBK/GB18030', en: 'The file is not UTF-8 and not recognisable as GBK/GB18030',
      hintZh: '用记事本打开，"另存为"时编码选 UTF-8', hintEn: 'Re-save the file with UTF-8 encoding',
    }));
    return null;
  }
  return new SourceFile(entry.rel, entry.abs, dec.text ?? '');
}

function loadYamlFile<T>(root: string, entry: Listed, diags: Diagnostic[]): Loaded<T> | null {
  const source = readSource(root, entry, diags);
  if (!source) return null;
  if (source.text.trim() === '') {
    diags.push(makeDiagnostic(entry.rel, START, 'empty-file', 'error', {
      zh: '文件是空的', en: 'The file is empty', hintZh: '填写内容，或删除这个文件', hintEn: 'Fill it in or delete it',
    }));
    return null;
  }
  const parsed = parseYaml(source, source.text, diags);
  if (!parsed.ok) return { data: undefined as T, source };
  return { data: parsed.data as T, source };
}

function loadRule(root: string, entry: Listed, diags: Diagnostic[]): RuleDoc | null {
  const source = readSource(root, entry, diags);
  if (!source) return null;
  const fm = splitFrontMatter(source.text);
  if (!fm) {
    diags.push(makeDiagnostic(entry.rel, START, 'front-matter-missing', 'error', {
      zh: '制度文件开头缺少用 "---" 包围的元数据（编号、名称、所属方面、审查与审议记录）',
      en: 'The rule file lacks its front matter between "---" lines (id, title, area, review records)',
      hintZh: '在文件第一行写 ---，接着写 id、title、area 等字段，再写一行 ---，然后是正文',
      hintEn: 'Start the file with ---, then id/title/area…, then ---, then the text',
    }));
    return { data: undefined as unknown as RuleMeta, source, body: source.text, bodyLine: 1, bodyOffset: 0 };
  }
  source.yamlOffset = fm.yamlOffset;
  const parsed = parseYaml(source, fm.yaml, diags);
  const bodyLine = source.position(fm.bodyOffset).line;
  return { data: (parsed.ok ? parsed.data : undefined) as RuleMeta, source, body: fm.body, bodyLine, bodyOffset: fm.bodyOffset };
}

/** Loads the repository at `root`. Never throws for bad content: every problem becomes a diagnostic. */
export function loadRepository(rootArg: string): LoadResult {
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

  const cfg = listFiles(root, [CONFIG_FILE]);
  if (cfg.length) {
    const loaded = loadYamlFile<Config>(root, cfg[0], diagnostics);
    if (loaded) repo.config = loaded;
  }
  if (dirOk('laws')) for (const e of listFiles(root, ['laws/*.yaml', 'laws/*.yml'])) {
    const l = loadYamlFile<Law>(root, e, diagnostics);
    if (l) repo.laws.push(l);
  }
  if (dirOk('powers')) for (const e of listFiles(root, ['powers/*.yaml', 'powers/*.yml'])) {
    const p = loadYamlFile<Power>(root, e, diagnostics);
    if (p) repo.powers.push(p);
  }
  if (dirOk('rules')) for (const e of listFiles(root, ['rules/*.md'])) {
    const r = loadRule(root, e, diagnostics);
    if (r) repo.rules.push(r);
  }
  if (!cfg.length) {
    const empty = !repo.laws.length && !repo.powers.length && !repo.rules.length;
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
  return readSource(repo.root, { rel, abs: real }, diags);
}
