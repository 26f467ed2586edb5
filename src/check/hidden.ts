/**
 * Invisible characters that a YAML escape puts into a value ("\x07", "\u0001", "\e", "\u202e"): the file's text has
 * none, so the load's text checks (`control-char`, and `hidden-char` for direction controls typed or pasted raw,
 * load/read.ts) do not see them. Control characters are dropped from the compendium (the DOCX and the site); the
 * characters that set the direction of text make a value read otherwise in the compendium than in an editor or a
 * diff. Each value is reported once, at the value, with the first such character.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/message.js';
import type { PathKey, SourceFile } from '../load/source.js';
import { BIDI, codePoint } from '../load/read.js';

const HIDDEN = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** At most this many a file. */
const LIMIT = 20;

export function checkHidden(data: unknown, source: SourceFile, diags: Diagnostic[]): void {
  const text = source.text;
  // Only an escape makes such a character without the text having it: most files have no backslash at all.
  if (!text.includes('\\')) return;
  const path: PathKey[] = [];
  let n = 0;
  const found = (s: string, key: boolean): void => {
    const m = HIDDEN.exec(s);
    if (!m || text.includes(m[0]) || n >= LIMIT) return; // typed raw: the load said so
    n++;
    const field = path.map((k) => (typeof k === 'number' ? `[${k + 1}]` : k)).join('.').replace(/\.\[/g, '[') || '-';
    const at = source.rangeAt([...path], { key });
    diags.push(BIDI.test(m[0])
      ? diag(source.path, at, 'hidden-char', 'bidi', { code: codePoint(m[0]), where: `（${field} 的值，由 YAML 转义写出）`, whereEn: ` (in the value of ${field}, written as a YAML escape)` })
      : diag(source.path, at, 'hidden-char', 'escaped', { code: codePoint(m[0]), path: field }));
  };
  const walk = (v: unknown, depth: number): void => {
    if (depth > 100) return;
    if (typeof v === 'string') found(v, false);
    else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) { path.push(i); walk(v[i], depth + 1); path.pop(); }
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        path.push(k);
        found(k, true);
        walk(x, depth + 1);
        path.pop();
      }
    }
  };
  walk(data, 0);
}
