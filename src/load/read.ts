/** Reading one file of the repository: size limit, symlinks leaving it, binary content, encodings (UTF-8/GBK/UTF-16). */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/message.js';
import { bytePosition, decode, MAX_FILE_BYTES } from './decode.js';
import type { Listed } from './files.js';

const START = { start: { line: 1, column: 1 } };

/** Decodes a file's bytes into text, with diagnostics for size, binary and encoding problems; null when unusable. */
export function readText(entry: Listed, diags: Diagnostic[]): string | null {
  if (entry.escapes) {
    diags.push(diag(entry.rel, START, 'path-outside', 'symlink'));
    return null;
  }
  if (entry.problem) {
    diags.push(diag(entry.rel, START, 'file-unreadable', entry.problem));
    return null;
  }
  // One open for the size check and the read (a large repository has thousands of files: each path lookup counts).
  let fd: number;
  try {
    fd = openSync(entry.abs, 'r');
  } catch (e) {
    diags.push(diag(entry.rel, START, 'file-unreadable', 'open', { code: (e as NodeJS.ErrnoException).code ?? String(e) }));
    return null;
  }
  let bytes: Buffer;
  let size: number;
  try {
    size = fstatSync(fd).size;
    bytes = size > MAX_FILE_BYTES ? Buffer.alloc(0) : readFileSync(fd);
  } catch (e) {
    diags.push(diag(entry.rel, START, 'file-unreadable', 'open', { code: (e as NodeJS.ErrnoException).code ?? String(e) }));
    return null;
  } finally {
    closeSync(fd);
  }
  if (size > MAX_FILE_BYTES) {
    diags.push(diag(entry.rel, START, 'file-too-large', 'tooLarge', { size: (size / 1048576).toFixed(1) }));
    return null;
  }
  const dec = decode(bytes);
  const p = dec.problem;
  if (p?.kind === 'binary') {
    diags.push(diag(entry.rel, START, 'binary-file', 'binary'));
    return null;
  }
  if (p?.kind === 'gb18030' || p?.kind === 'utf16') {
    diags.push(diag(entry.rel, START, 'encoding', p.kind));
  }
  if (p?.kind === 'unknown-encoding') {
    diags.push(diag(entry.rel, { start: bytePosition(bytes, p.offset) }, 'encoding', 'unknown'));
    return null;
  }
  const text = dec.text ?? '';
  // Control characters (a terminal's ESC sequences, BEL, form feeds pasted from other programs): invisible in an
  // editor, dropped from the DOCX, garbling a terminal. Said once a file, at the first.
  const cc = firstOf(text, CONTROL, CONTROL_ALL);
  if (cc) diags.push(diag(entry.rel, { start: cc.start }, 'control-char', 'found', { code: codePoint(cc.ch), count: cc.count }));
  // Characters that set the direction of text (pasted from web pages, or planted): the compendium may show the text
  // reordered, unlike the editor. Said once a file, at the first, with how many.
  const bidi = firstOf(text, BIDI, BIDI_ALL);
  if (bidi) diags.push(diag(entry.rel, { start: bidi.start }, 'hidden-char', 'bidi', { code: codePoint(bidi.ch), where: bidi.count > 1 ? `（本文件共 ${bidi.count} 个）` : '', whereEn: bidi.count > 1 ? ` (${bidi.count} in the file)` : '' }));
  return text;
}

/** The first character of `text` that `one` matches, where it is (line and column: LF ends a line) and how many `all` finds. */
function firstOf(text: string, one: RegExp, all: RegExp): { ch: string; start: { line: number; column: number }; count: number } | undefined {
  const m = one.exec(text);
  if (!m) return undefined;
  let line = 1, column = 1;
  for (let i = 0; i < m.index; i++) { if (text.charCodeAt(i) === 10) { line++; column = 1; } else column++; }
  return { ch: m[0], start: { line, column }, count: text.match(all)!.length };
}

/** Direction controls: marks (LRM, RLM, ALM), embeddings and overrides, isolates. */
export const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const BIDI_ALL = new RegExp(BIDI.source, 'g');

/** U+0007 */
export const codePoint = (c: string): string => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

const CONTROL = /[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]/;
const CONTROL_ALL = new RegExp(CONTROL.source, 'g');

/** Reads the text again (for code frames and positions of a file loaded in a worker). */
export function rereadText(abs: string): string {
  return decode(readFileSync(abs)).text ?? '';
}

