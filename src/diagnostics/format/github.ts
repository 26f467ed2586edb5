import type { Diagnostic } from '../diagnostic.js';
import { joinPath, pick, type FormatOptions } from './options.js';

/** GitHub Actions workflow commands, escaped as the runner requires. */
function esc(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escProp(s: string): string {
  return esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(diags: Diagnostic[], opts: FormatOptions): string {
  return diags.map((d) => {
    const { message, hint } = pick(d, opts.lang);
    const level = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
    const props = [`file=${escProp(joinPath(opts.base, d.file))}`, `line=${d.start.line}`, `col=${d.start.column}`];
    if (d.end) props.push(`endLine=${d.end.line}`, `endColumn=${d.end.column}`);
    props.push(`title=${escProp(`powerbook ${d.rule}`)}`);
    return `::${level} ${props.join(',')}::${esc(hint ? `${message}\n${hint}` : message)}`;
  }).join('\n') + (diags.length ? '\n' : '');
}
