import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostic.js';
import { joinPath, pick, type FormatOptions } from './options.js';

/** GitLab's Code Quality severities (CodeClimate's): info, minor, major, critical, blocker. */
const SEVERITY = { error: 'major', warning: 'minor', info: 'info' } as const;

/**
 * GitLab Code Quality (the CodeClimate issue format GitLab reads as `artifacts:reports:codequality`): a JSON array of
 * issues with description, check_name, fingerprint, severity and location.path / location.lines.begin, so problems show
 * in the merge request widget and diff. The fingerprint names the problem (rule, file, message), not its line, so that a
 * problem moved down by an edit above it is the same problem; repeats in one file are numbered.
 */
export function formatGitlab(diags: Diagnostic[], opts: FormatOptions): string {
  const seen = new Map<string, number>();
  const issues = diags.map((d) => {
    const { message, hint } = pick(d, opts.lang);
    const path = joinPath(opts.base, d.file);
    const key = `${d.rule}\0${path}\0${d.message}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const lines: { begin: number; end?: number } = { begin: d.start.line };
    if (d.end && d.end.line > d.start.line) lines.end = d.end.line;
    return {
      type: 'issue',
      engine_name: 'powerbook',
      check_name: d.rule,
      description: hint ? `${message}（${hint}）` : message,
      categories: ['Bug Risk'],
      severity: SEVERITY[d.severity],
      fingerprint: createHash('sha256').update(`${key}\0${n}`).digest('hex'),
      location: { path, lines },
    };
  });
  return JSON.stringify(issues, null, 2) + '\n';
}
