/** What every formatter takes, and the helpers they share. */
import type { Diagnostic, Lang } from '../diagnostic.js';

export interface FormatOptions {
  lang: Lang;
  color: boolean;
  /** File text by path, for code frames. */
  sources?: Map<string, string>;
  /** Repository root as given on the command line, prefixed to paths so they are clickable from the current directory. */
  base?: string;
  toolVersion?: string;
}

export function pick(d: Diagnostic, lang: Lang): { message: string; hint?: string } {
  return lang === 'en' ? { message: d.messageEn, hint: d.hintEn } : { message: d.message, hint: d.hint };
}

export function joinPath(base: string | undefined, file: string): string {
  if (!base || base === '.' || base === './') return file;
  return `${base.replace(/[\\/]+$/, '')}/${file}`;
}
