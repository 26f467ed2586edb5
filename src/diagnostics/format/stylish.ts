import { createRequire } from 'node:module';
import pc from 'picocolors';
import { countBySeverity, type Diagnostic } from '../diagnostic.js';
import { joinPath, pick, type FormatOptions } from './options.js';

type CodeFrame = typeof import('@babel/code-frame');
let codeFrame: CodeFrame | undefined;
/** @babel/code-frame, loaded when there is a frame to show (a clean run does without it). */
function codeFrameColumns(...args: Parameters<CodeFrame['codeFrameColumns']>): string {
  codeFrame ??= createRequire(import.meta.url)('@babel/code-frame') as CodeFrame;
  return codeFrame.codeFrameColumns(...args);
}

const SEV_ZH = { error: '错误', warning: '警告', info: '提示' } as const;

/** Grouped by file, one line per diagnostic with a code frame, coloured on a TTY (like eslint's stylish). */
export function formatStylish(diags: Diagnostic[], opts: FormatOptions): string {
  const c = pc.createColors(opts.color);
  const zh = opts.lang !== 'en';
  const out: string[] = [];
  let file: string | undefined;
  for (const d of diags) {
    if (d.file !== file) {
      if (file !== undefined) out.push('');
      file = d.file;
      out.push(c.underline(joinPath(opts.base, d.file)));
    }
    const { message, hint } = pick(d, opts.lang);
    const sev = d.severity === 'error' ? c.red : d.severity === 'warning' ? c.yellow : c.blue;
    const label = zh ? SEV_ZH[d.severity] : d.severity;
    // A message of several lines (two texts side by side): the rule id ends its first line.
    const [first, ...more] = message.split('\n');
    out.push(`  ${c.dim(`${d.start.line}:${d.start.column}`)}  ${sev(label)}  ${first}  ${c.dim(d.rule)}`);
    for (const l of more) out.push(`  ${l}`);
    if (hint) out.push(`    ${c.cyan(zh ? '怎么改：' : 'fix: ')}${hint}`);
    const text = opts.sources?.get(d.file);
    if (text !== undefined && d.start.line <= text.split('\n').length) {
      const frame = codeFrameColumns(text.replace(/\r\n/g, '\n'), { start: d.start, end: d.end && d.end.line === d.start.line && d.end.column > d.start.column ? d.end : undefined }, { highlightCode: false, linesAbove: 1, linesBelow: 1, forceColor: false });
      out.push(frame.split('\n').map((l) => '    ' + (opts.color && l.startsWith('>') ? c.red(l) : l)).join('\n'));
    }
  }
  const n = countBySeverity(diags);
  if (diags.length) out.push('');
  if (zh) out.push(diags.length ? `共 ${diags.length} 个问题（${n.error} 个错误，${n.warning} 个警告，${n.info} 个提示）` : '检查通过，没有发现问题。');
  else out.push(diags.length ? `${diags.length} problem(s) (${n.error} error(s), ${n.warning} warning(s), ${n.info} info)` : 'No problems found.');
  return out.join('\n') + '\n';
}
