/** The diff's formats: text (terminal), markdown (a pull request comment), json (the RepoDiff itself). */
import type { Lang } from '../../diagnostics/diagnostic.js';
import { VERSION } from '../../util/version.js';
import type { RepoDiff } from '../types.js';
import { formatDiffMarkdown } from './markdown.js';
import { formatDiffText } from './text.js';

export const DIFF_FORMATS = ['text', 'markdown', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export function formatDiff(format: DiffFormat, d: RepoDiff, opts: { lang: Lang; color?: boolean; maxChars?: number }): string {
  if (format === 'json') return JSON.stringify({ tool: { name: 'powerbook', version: VERSION }, ...d }, null, 2) + '\n';
  if (format === 'markdown') return formatDiffMarkdown(d, opts);
  return formatDiffText(d, opts);
}
