/** Reading one file of the repository: size limit, symlinks leaving it, binary content, encodings (UTF-8/GBK/UTF-16). */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { makeDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { bytePosition, decode, MAX_FILE_BYTES } from './decode.js';
import type { Listed } from './files.js';

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

