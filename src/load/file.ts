/**
 * The work done for one file: read, decode, parse, check against its schema. A pure function of the file, so that a
 * large repository can spread it over worker threads (load/pool.ts) and get the same result as in-process.
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { makeDiagnostic, type Diagnostic } from '../diagnostic.js';
import { checkPower } from '../check/power.js';
import { checkSchema, type SchemaKind } from '../check/schema.js';
import type { Power } from '../model/repository.js';
import { bytePosition, decode, MAX_FILE_BYTES } from './decode.js';
import type { Listed } from './files.js';
import { SourceFile } from './source.js';
import { parseYaml, splitFrontMatter } from './yaml.js';

export interface FileJob extends Listed { kind: SchemaKind }

export interface LoadOptions {
  /**
   * Keep of a power's data only what the checks over the whole repository use (SLIM_POWER_KEYS), once the checks of
   * the power alone have run: `validate` needs no more, and a large repository then takes a fraction of the memory.
   */
  slim?: boolean;
}

/** What of a power the checks across files, and validate's flowchart check, read. */
export const SLIM_POWER_KEYS = ['id', 'name', 'category', 'legal_bases', 'flowchart'] as const;

export interface FileResult {
  rel: string;
  abs: string;
  kind: SchemaKind;
  /** False when the file could not be read or decoded at all. */
  readable: boolean;
  /** Parsed data (also when it fails the schema; undefined when it did not parse). */
  data?: unknown;
  schemaValid: boolean;
  diagnostics: Diagnostic[];
  /** A valid power: the diagnostics of the rules that look at one power alone (check/power.ts), before `lint` settings. */
  checked?: Diagnostic[];
  /** Rules (Markdown): offsets of the front matter and body. */
  yamlOffset?: number;
  yamlEnd?: number;
  bodyOffset?: number;
  /** Text is sent back only when small files need it later (rules), to keep large repositories cheap. */
  text?: string;
}

const START = { start: { line: 1, column: 1 } };

/** Decodes a file's bytes into text, with diagnostics for size, binary and encoding problems; null when unusable. */
export function readText(entry: Listed, diags: Diagnostic[]): string | null {
  if (entry.escapes) {
    diags.push(makeDiagnostic(entry.rel, START, 'path-outside', 'error', {
      zh: '这是一个指向仓库之外的符号链接，已拒绝读取', en: 'Symbolic link pointing outside the repository: refused',
      hintZh: '把文件本身复制进仓库，不要用链接', hintEn: 'Copy the file into the repository instead of linking to it',
    }));
    return null;
  }
  // One open for the size check and the read (a large repository has thousands of files: each path lookup counts).
  let fd: number;
  try { fd = openSync(entry.abs, 'r'); } catch { return null; }
  let bytes: Buffer;
  let size: number;
  try {
    size = fstatSync(fd).size;
    bytes = size > MAX_FILE_BYTES ? Buffer.alloc(0) : readFileSync(fd);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
  if (size > MAX_FILE_BYTES) {
    diags.push(makeDiagnostic(entry.rel, START, 'file-too-large', 'error', {
      zh: `文件太大（${(size / 1048576).toFixed(1)} MB），超过 1 MB 的上限`, en: `File too large (${(size / 1048576).toFixed(1)} MB); the limit is 1 MB`,
      hintZh: '一个文件只写一项职权、法律或制度；法律只登记引用到的条文', hintEn: 'Keep one item per file; list only the articles you cite',
    }));
    return null;
  }
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
  return dec.text ?? '';
}

/** Reads the text again (for code frames and positions of a file loaded in a worker). */
export function rereadText(abs: string): string {
  return decode(readFileSync(abs)).text ?? '';
}

export function loadFile(job: FileJob, opts: LoadOptions = {}): { result: FileResult; source?: SourceFile } {
  const diagnostics: Diagnostic[] = [];
  const result: FileResult = { rel: job.rel, abs: job.abs, kind: job.kind, readable: false, schemaValid: false, diagnostics };
  const text = readText(job, diagnostics);
  if (text === null) return { result };
  result.readable = true;
  const source = new SourceFile(job.rel, job.abs, text);
  if (job.kind === 'rule') {
    result.text = text;
    const fm = splitFrontMatter(text);
    if (!fm) {
      diagnostics.push(makeDiagnostic(job.rel, START, 'front-matter-missing', 'error', {
        zh: '制度文件开头缺少用 "---" 包围的元数据（编号、名称、所属方面、审查与审议记录）',
        en: 'The rule file lacks its front matter between "---" lines (id, title, area, review records)',
        hintZh: '在文件第一行写 ---，接着写 id、title、area 等字段，再写一行 ---，然后是正文',
        hintEn: 'Start the file with ---, then id/title/area…, then ---, then the text',
      }));
      result.bodyOffset = 0;
      return { result, source };
    }
    source.yamlOffset = result.yamlOffset = fm.yamlOffset;
    source.yamlEnd = result.yamlEnd = fm.yamlEnd;
    result.bodyOffset = fm.bodyOffset;
  } else if (text.trim() === '') {
    diagnostics.push(makeDiagnostic(job.rel, START, 'empty-file', 'error', {
      zh: '文件是空的', en: 'The file is empty', hintZh: '填写内容，或删除这个文件', hintEn: 'Fill it in or delete it',
    }));
    return { result, source };
  }
  const parsed = parseYaml(source, diagnostics);
  if (!parsed.ok) return { result, source };
  result.data = parsed.data;
  result.schemaValid = checkSchema(job.kind, parsed.data, source, diagnostics);
  if (job.kind === 'power' && result.schemaValid) {
    result.checked = checkPower({ data: parsed.data as Power, source, valid: true });
    if (opts.slim) {
      const data = parsed.data as Record<string, unknown>;
      result.data = Object.fromEntries(SLIM_POWER_KEYS.filter((k) => k in data).map((k) => [k, data[k]]));
      // Nor its text: it is read again in the rare case that a check across files reports on it (as for workers).
      return { result };
    }
  }
  return { result, source };
}
