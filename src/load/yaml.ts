/** YAML with source positions, and every parser problem turned into a diagnostic a clerk can act on. */
import jsYaml from 'js-yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { yamlLib } from './yaml-lib.js';
import { compareDiagnostics, type Diagnostic, type Range } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/message.js';
import { YAML_OPTIONS, type SourceFile } from './source.js';
import { explainParserError, MAX_MISTAKES, scanFile, scanLines, type ParserError } from './typist.js';

/** Aliases allowed when converting to data; more is treated as an alias bomb. */
export const MAX_ALIASES = 100;

/** A problem the `yaml` parser found, said in the words of the format at its position (the parser's text in English only). */
function parserDiagnostic(file: SourceFile, range: Range, err: ParserError): Diagnostic {
  const f = file.path;
  const detail = err.message.split('\n')[0]!;
  const src = file.text.slice(file.yamlOffset + err.pos[0], file.yamlOffset + err.pos[1]);
  switch (err.code) {
    case 'DUPLICATE_KEY': return diag(f, range, 'duplicate-key', 'duplicate');
    case 'MULTIPLE_DOCS': return diag(f, range, 'yaml-syntax', 'multipleDocuments');
    case 'MULTILINE_IMPLICIT_KEY': return diag(f, range, 'yaml-syntax', 'implicitKey');
    case 'BAD_INDENT': return diag(f, range, 'yaml-syntax', 'badIndent');
    case 'BLOCK_AS_IMPLICIT_KEY': return diag(f, range, 'yaml-syntax', 'compact');
    case 'UNEXPECTED_TOKEN': return diag(f, range, 'yaml-syntax', 'unexpected', { text: src.split(/\r?\n/)[0]!.slice(0, 40) });
    case 'BAD_DQ_ESCAPE': return diag(f, range, 'yaml-syntax', 'badEscape');
    case 'BAD_SCALAR_START': return diag(f, range, 'yaml-syntax', 'badStart', { char: src.trim()[0] ?? '' });
    case 'MISSING_CHAR':
      if (/flow|[\]}]/.test(detail)) return diag(f, range, 'yaml-syntax', 'flowEnd');
      if (/map values|:/.test(detail)) return diag(f, range, 'yaml-syntax', 'missingColon');
      break;
  }
  return diag(f, range, 'yaml-syntax', 'syntax', { code: err.code, detail });
}

/**
 * The diagnostics of a file the parser refused. Each error as the clerk's mistake behind it where one is recognised
 * (load/typist.ts), and the typing mistakes of the whole file that cannot be anything else, so that a file with three
 * full-width colons shows three lines to fix, one message a line. The parser's other complaints are mostly what one
 * mistake made of the rest of the file (a bracket too many gives one error per token after it): of them only the
 * first is said, in the words of the format, and only when it comes before every recognised mistake. Duplicate keys
 * are each said.
 */
function parseFailure(file: SourceFile, errors: readonly ParserError[]): Diagnostic[] {
  const scanned = scanLines(file);
  const precise: Diagnostic[] = scanFile(file, scanned);
  const generic: Diagnostic[] = [];
  // One error a line is explained: a line of 330,000 ": " gives as many errors, each explained from the whole line.
  const seenLines = new Set<number>();
  for (const err of errors) {
    const line = file.position(file.yamlOffset + err.pos[0]).line;
    if (seenLines.has(line)) continue;
    seenLines.add(line);
    const explained = explainParserError(file, scanned, err);
    if (explained) { precise.push(explained); continue; }
    const start = file.position(file.yamlOffset + err.pos[0]);
    const end = file.position(file.yamlOffset + err.pos[1]);
    const d = parserDiagnostic(file, { start, end }, err);
    (d.rule === 'duplicate-key' ? precise : generic).push(d);
  }
  const lines = new Set<number>();
  const out = precise.sort(compareDiagnostics).filter((d) => !lines.has(d.start.line) && Boolean(lines.add(d.start.line))).slice(0, MAX_MISTAKES);
  const first = [...generic].sort(compareDiagnostics)[0];
  if (first && !out.some((d) => d.rule !== 'duplicate-key' && compareDiagnostics(d, first) <= 0)) out.push(first);
  return out.sort(compareDiagnostics);
}

/** Parser errors looked at for one file: enough for MAX_MISTAKES lines of mistakes, bounded for a hostile file. */
const MAX_PARSER_ERRORS = 1000;

export interface ParsedYaml { data: unknown; ok: boolean }

/** Deepest nesting accepted (js-yaml's own limit): a power file uses about six levels. */
export const MAX_DEPTH = 100;

/**
 * Offset where the nesting of `src` first exceeds MAX_DEPTH, or null. A linear scan that counts block levels by
 * indentation (and "- " entries on one line) and flow levels by brackets outside quotes, comments and block scalars:
 * close enough to the parser's own count to stop what would overflow it (60,000 "[" made both parsers fail with
 * "Maximum call stack size exceeded", and `yaml` run out of memory), far above any real file.
 */
export function tooDeep(src: string): number | null {
  const blocks: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | null = null;
  let scalarIndent = -1; // inside a block scalar (| or >): lines indented more than this are text
  let i = 0;
  while (i < src.length) {
    // A line starts at i.
    let indent = 0;
    while (src[i + indent] === ' ') indent++;
    const lineEnd = src.indexOf('\n', i) < 0 ? src.length : src.indexOf('\n', i);
    const blank = /^\s*(#|$)/.test(src.slice(i + indent, Math.min(lineEnd, i + indent + 2)));
    if (scalarIndent >= 0 && (blank || indent > scalarIndent)) { i = lineEnd + 1; continue; }
    scalarIndent = -1;
    let j = i + indent;
    if (!quote && flow === 0 && !blank) {
      while (blocks.length && blocks[blocks.length - 1]! >= indent) blocks.pop();
      blocks.push(indent);
      // "- - - x": each dash opens a level.
      for (let k = j; /^[-?][ \t]/.test(src.slice(k, k + 2)); k += 2) { blocks.push(k - i + 1); j = k + 2; }
      if (blocks.length > MAX_DEPTH) return i + indent;
    }
    let prev = ' ';
    for (; j < lineEnd; j++) {
      const ch = src[j]!;
      if (quote) {
        if (ch === '\\' && quote === '"') { j++; continue; }
        if (ch === quote) {
          if (quote === "'" && src[j + 1] === "'") { j++; continue; }
          quote = null;
        }
      } else if (ch === '#' && /\s/.test(prev)) {
        break;
      } else if ((ch === '"' || ch === "'") && /[\s:\-[{,?]/.test(prev)) {
        quote = ch;
      } else if (ch === '[' || ch === '{') {
        if (++flow + blocks.length > MAX_DEPTH) return j;
      } else if (ch === ']' || ch === '}') {
        flow = Math.max(0, flow - 1);
      } else if ((ch === '|' || ch === '>') && flow === 0 && /[\s:-]/.test(prev) && /^[-+0-9]*\s*(#.*)?\r?$/.test(src.slice(j + 1, lineEnd))) {
        scalarIndent = indent;
        break;
      }
      prev = ch;
    }
    i = lineEnd + 1;
  }
  return null;
}

/**
 * Parses the YAML part of `file` (from `file.yamlOffset` to `file.yamlEnd`). The common case, a well-formed file without
 * anchors, takes the fast path (js-yaml, YAML 1.2 core schema, about five times faster); anything else goes through
 * `yaml`, whose Document keeps source positions and reports each problem where it is. Positions of a fast-path file are
 * computed later, only if a check has something to report: by js-yaml again, with its listener (SourceFile.positions,
 * load/positions.ts), or where that does not cover the file's shape, by `yaml` (SourceFile.doc).
 */
export function parseYaml(file: SourceFile, diags: Diagnostic[]): ParsedYaml {
  const src = file.text.slice(file.yamlOffset, file.yamlEnd);
  // Nesting deep enough to exhaust a parser's stack (or memory) is refused before any parser sees it.
  const deep = tooDeep(src);
  if (deep !== null) {
    const at = file.position(file.yamlOffset + deep);
    diags.push(diag(file.path, { start: at }, 'yaml-too-deep', 'overLimit', { max: MAX_DEPTH }));
    return { data: undefined, ok: false };
  }
  // Anchors/aliases go the slow way so that the alias limit applies; so does anything js-yaml rejects.
  if (!/[&*]/.test(src)) {
    try {
      return { data: jsYaml.load(src, { schema: jsYaml.CORE_SCHEMA, json: false }), ok: true };
    } catch { /* fall through: let `yaml` say where and what */ }
  }
  let doc: Document.Parsed;
  // The parser makes an Error for each problem; a line of 990,000 quotes gives as many, and their stack traces cost
  // seconds. Its errors are read for their code and position only.
  const stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    doc = yamlLib().parseDocument(src, YAML_OPTIONS);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    diags.push(diag(file.path, { start: { line: 1, column: 1 } }, 'yaml-too-deep', 'parser'));
    return { data: undefined, ok: false };
  } finally {
    Error.stackTraceLimit = stackLimit;
  }
  file.doc = doc;
  // Of the parser's errors the first ones are said (parseFailure keeps MAX_MISTAKES): the rest are not explained.
  const errors: ParserError[] = [...doc.errors, ...duplicateKeys(doc)].sort((a, b) => a.pos[0] - b.pos[0]).slice(0, MAX_PARSER_ERRORS);
  if (errors.length) {
    for (const d of parseFailure(file, errors)) diags.push(d);
    return { data: undefined, ok: false };
  }
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIASES }), ok: true };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (e instanceof RangeError) {
      diags.push(diag(file.path, { start: { line: 1, column: 1 } }, 'yaml-too-deep', 'parser'));
      return { data: undefined, ok: false };
    }
    const aliasBomb = /alias/i.test(msg);
    const at = { start: { line: 1, column: 1 } };
    diags.push(aliasBomb ? diag(file.path, at, 'alias-limit', 'tooMany', { max: MAX_ALIASES }) : diag(file.path, at, 'yaml-syntax', 'notConvertible', { detail: msg }));
    return { data: undefined, ok: false };
  }
}

/**
 * Keys said twice in one mapping, as the parser's DUPLICATE_KEY would report them (at the second key; keys equal when
 * the same node or scalars of the same value), found in one pass with a set per mapping instead of the parser's
 * comparison of each key with every earlier one. Iterative: the nesting is bounded by tooDeep, but a stack costs nothing.
 */
export function duplicateKeys(doc: Document.Parsed): ParserError[] {
  const lib = yamlLib();
  const out: ParserError[] = [];
  const todo: unknown[] = [doc.contents];
  while (todo.length) {
    const node = todo.pop();
    if (lib.isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key as YamlNode | null;
        const id = lib.isScalar(key) ? (typeof key.value === 'object' && key.value !== null ? key : key.value) : key;
        if (seen.has(id) && key?.range) out.push({ code: 'DUPLICATE_KEY', pos: [key.range[0], key.range[0] + 1], message: 'Map keys must be unique' });
        seen.add(id);
        todo.push(pair.key, pair.value);
      }
    } else if (lib.isSeq(node)) {
      for (const item of node.items) todo.push(item);
    } else if (lib.isPair(node)) {
      todo.push(node.key, node.value);
    }
  }
  return out.sort((a, b) => a.pos[0] - b.pos[0]);
}

/** A text as a YAML scalar in source: plain where YAML reads it back as the same text, else double-quoted. */
export function yamlText(s: string): string {
  const plain = /^[\p{L}\p{N}][\p{L}\p{N}_.（）-]*$/u.test(s) && !/^(true|false|null|yes|no|on|off|~|[-+]?\.?[0-9][0-9a-fA-Fx._:+-]*)$/i.test(s);
  return plain ? s : JSON.stringify(s);
}

/** Splits a Markdown file into its YAML front matter and body. */
export function splitFrontMatter(text: string): { yamlOffset: number; yamlEnd: number; bodyOffset: number } | null {
  const m = /^---[ \t]*\r?\n/.exec(text);
  if (!m) return null;
  const re = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/gm;
  re.lastIndex = m[0].length;
  const close = re.exec(text);
  if (!close) return null;
  return { yamlOffset: m[0].length, yamlEnd: close.index, bodyOffset: close.index + close[0].length };
}
