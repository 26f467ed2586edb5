/** Formatters: a list of diagnostics in, text out. Nothing else prints. */
import type { Diagnostic, Lang } from '../diagnostic.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export interface FormatOptions {
  lang: Lang;
  color: boolean;
  /** File text by path, for code frames. */
  sources?: Map<string, string>;
  /** Repository root as given on the command line, prefixed to paths so they are clickable from the current directory. */
  base?: string;
  toolVersion?: string;
}

export const FORMATS = ['stylish', 'json', 'github', 'sarif'] as const;
export type FormatName = (typeof FORMATS)[number];

export function formatDiagnostics(name: FormatName, diags: Diagnostic[], opts: FormatOptions): string {
  switch (name) {
    case 'json': return formatJson(diags, opts);
    case 'github': return formatGithub(diags, opts);
    case 'sarif': return formatSarif(diags, opts);
    default: return formatStylish(diags, opts);
  }
}

export function pick(d: Diagnostic, lang: Lang): { message: string; hint?: string } {
  return lang === 'en' ? { message: d.messageEn, hint: d.hintEn } : { message: d.message, hint: d.hint };
}

export function joinPath(base: string | undefined, file: string): string {
  if (!base || base === '.' || base === './') return file;
  return `${base.replace(/[\\/]+$/, '')}/${file}`;
}
