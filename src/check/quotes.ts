/**
 * Chinese quotation marks that do not pair up in a text of a power, a rule's front matter or powerbook.yaml: a “ typed
 * and its ” forgotten (or the other way round). YAML reads them as any other character, so nothing else would say so;
 * the compendium would print the text as typed. Texts pasted from a law (a legal basis's `quote`, laws/ files) are
 * left alone: a quotation running over several paragraphs opens each and closes only the last, as the law prints it.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/message.js';
import type { SourceFile } from '../load/source.js';
import type { SchemaKind } from './schema.js';
import { fieldName, forEachString } from './strings.js';

/** Keys whose texts are a law's words, quoted as the law prints them. */
const PASTED = new Set(['quote']);
const CHINESE_QUOTE = /[“”]/;

export function checkQuotes(kind: SchemaKind, data: unknown, source: SourceFile, diags: Diagnostic[]): void {
  // Most files have no Chinese quotation mark at all: one search of the text, no walk.
  if (kind === 'law' || !CHINESE_QUOTE.test(source.text)) return;
  forEachString(data, (v, path) => {
    if (!v.includes('“') && !v.includes('”')) return;
    const open = v.split('“').length - 1, close = v.split('”').length - 1;
    if (open === close) return;
    diags.push(diag(source.path, source.rangeAt([...path]), 'text-unbalanced-quote', 'unbalanced', { field: fieldName(path), open, close }));
  }, { skip: PASTED });
}
