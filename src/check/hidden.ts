/**
 * Invisible characters that a YAML escape puts into a value ("\x07", "\u0001", "\e", "\u202e"): the file's text has
 * none, so the load's text checks (`control-char`, and `hidden-char` for direction controls typed or pasted raw,
 * load/read.ts) do not see them. Control characters are dropped from the compendium (the DOCX and the site); the
 * characters that set the direction of text make a value read otherwise in the compendium than in an editor or a
 * diff. Each value is reported once, at the value, with the first such character.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/message.js';
import type { SourceFile } from '../load/source.js';
import { fieldName, forEachString } from './strings.js';
import { BIDI, codePoint } from '../load/read.js';

const HIDDEN = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** At most this many a file. */
const LIMIT = 20;

export function checkHidden(data: unknown, source: SourceFile, diags: Diagnostic[]): void {
  const text = source.text;
  // Only an escape makes such a character without the text having it: most files have no backslash at all.
  if (!text.includes('\\')) return;
  let n = 0;
  forEachString(data, (s, path, isKey) => {
    const m = HIDDEN.exec(s);
    if (!m || text.includes(m[0]) || n >= LIMIT) return; // typed raw: the load said so
    n++;
    const field = fieldName(path);
    const at = source.rangeAt([...path], { key: isKey });
    diags.push(BIDI.test(m[0])
      ? diag(source.path, at, 'hidden-char', 'bidi', { code: codePoint(m[0]), where: `（${field} 的值，由 YAML 转义写出）`, whereEn: ` (in the value of ${field}, written as a YAML escape)` })
      : diag(source.path, at, 'hidden-char', 'escaped', { code: codePoint(m[0]), path: field }));
  }, { keys: true, maxDepth: 100 });
}
