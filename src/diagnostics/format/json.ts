import type { Diagnostic } from '../diagnostic.js';
import { joinPath, type FormatOptions } from './options.js';

/** Machine-readable: one object per diagnostic, both languages, and the fixes the hint suggests (Diagnostic.fixes). */
export function formatJson(diags: Diagnostic[], opts: FormatOptions): string {
  return JSON.stringify(diags.map((d) => ({
    file: joinPath(opts.base, d.file),
    line: d.start.line,
    column: d.start.column,
    endLine: d.end?.line,
    endColumn: d.end?.column,
    rule: d.rule,
    severity: d.severity,
    message: opts.lang === 'en' ? d.messageEn : d.message,
    messageZh: d.message,
    messageEn: d.messageEn,
    hint: opts.lang === 'en' ? d.hintEn : d.hint,
    fixes: d.fixes,
  })), null, 2) + '\n';
}
