/** YAML with source positions, and every parser problem turned into a diagnostic a clerk can act on. */
import jsYaml from 'js-yaml';
import type { Document } from 'yaml';
import { yamlLib } from './yaml-lib.js';
import type { Diagnostic, Range } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/message.js';
import { YAML_OPTIONS, type SourceFile } from './source.js';

/** Aliases allowed when converting to data; more is treated as an alias bomb. */
export const MAX_ALIASES = 100;

/** A problem the `yaml` parser found, as a diagnostic at its position. */
function parserDiagnostic(file: string, range: Range, code: string, parserMessage: string): Diagnostic {
  switch (code) {
    case 'DUPLICATE_KEY': return diag(file, range, 'duplicate-key', 'duplicate');
    case 'TAB_AS_INDENT': return diag(file, range, 'tab-indent', 'tab');
    case 'MULTIPLE_DOCS': return diag(file, range, 'yaml-syntax', 'multipleDocuments');
    default: return diag(file, range, 'yaml-syntax', 'syntax', { detail: parserMessage.split('\n')[0] });
  }
}

export interface ParsedYaml { data: unknown; ok: boolean }

/**
 * Parses the YAML part of `file` (from `file.yamlOffset` to `file.yamlEnd`). The common case, a well-formed file without
 * anchors, takes the fast path (js-yaml, YAML 1.2 core schema, about five times faster); anything else goes through
 * `yaml`, whose Document keeps source positions and reports each problem where it is. Positions of a fast-path file are
 * computed later, only if a check has something to report (SourceFile.doc is lazy).
 */
export function parseYaml(file: SourceFile, diags: Diagnostic[]): ParsedYaml {
  const src = file.text.slice(file.yamlOffset, file.yamlEnd);
  // Anchors/aliases go the slow way so that the alias limit applies; so does anything js-yaml rejects.
  if (!/[&*]/.test(src)) {
    try {
      return { data: jsYaml.load(src, { schema: jsYaml.CORE_SCHEMA, json: false }), ok: true };
    } catch { /* fall through: let `yaml` say where and what */ }
  }
  const doc = yamlLib().parseDocument(src, YAML_OPTIONS);
  file.doc = doc;
  let ok = true;
  for (const err of doc.errors) {
    ok = false;
    const start = file.position(file.yamlOffset + err.pos[0]);
    const end = file.position(file.yamlOffset + err.pos[1]);
    diags.push(parserDiagnostic(file.path, { start, end }, err.code, err.message));
  }
  if (!ok) return { data: undefined, ok };
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIASES }), ok: true };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const aliasBomb = /alias/i.test(msg);
    const at = { start: { line: 1, column: 1 } };
    diags.push(aliasBomb ? diag(file.path, at, 'alias-limit', 'tooMany', { max: MAX_ALIASES }) : diag(file.path, at, 'yaml-syntax', 'notConvertible', { detail: msg }));
    return { data: undefined, ok: false };
  }
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
