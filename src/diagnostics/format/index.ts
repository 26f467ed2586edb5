/** Formatters: a list of diagnostics in, text out. Nothing else prints. */
import type { Diagnostic } from '../diagnostic.js';
import type { FormatOptions } from './options.js';
export { joinPath, pick, type FormatOptions } from './options.js';
import { formatGithub } from './github.js';
import { formatGitlab } from './gitlab.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export const FORMATS = ['stylish', 'json', 'github', 'sarif', 'gitlab'] as const;
export type FormatName = (typeof FORMATS)[number];

export function formatDiagnostics(name: FormatName, diags: Diagnostic[], opts: FormatOptions): string {
  switch (name) {
    case 'json': return formatJson(diags, opts);
    case 'github': return formatGithub(diags, opts);
    case 'sarif': return formatSarif(diags, opts);
    case 'gitlab': return formatGitlab(diags, opts);
    default: return formatStylish(diags, opts);
  }
}

