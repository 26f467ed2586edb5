import { createRequire } from 'node:module';
import pc from 'picocolors';
import { countBySeverity, type Diagnostic } from '../diagnostic.js';
import { terminalSafe } from '../message.js';
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
  const starts = new Map<string, number[]>();
  for (const d of diags) {
    if (d.file !== file) {
      if (file !== undefined) out.push('');
      file = d.file;
      // A file or sheet name can hold a control or bidirectional-override character too (a sheet named "evil\u202Egnp.exe").
      out.push(c.underline(terminalSafe(joinPath(opts.base, d.file))));
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
    const frame = text === undefined ? undefined : clippedFrame(d, text, starts);
    if (frame) out.push(frame.split('\n').map((l) => '    ' + (opts.color && l.startsWith('>') ? c.red(l) : l)).join('\n'));
  }
  const n = countBySeverity(diags);
  if (diags.length) out.push('');
  if (zh) out.push(diags.length ? `共 ${diags.length} 个问题（${n.error} 个错误，${n.warning} 个警告，${n.info} 个提示）` : '检查通过，没有发现问题。');
  else out.push(diags.length ? `${diags.length} problem(s) (${n.error} error(s), ${n.warning} warning(s), ${n.info} info)` : 'No problems found.');
  return out.join('\n') + '\n';
}

/** Characters of a source line shown in a frame: a window around the column, so that a frame stays a few lines long. */
export const FRAME_WIDTH = 100;

/**
 * The code frame of a diagnostic: the line and one on each side, each cut to FRAME_WIDTH characters around the
 * column ("…" where cut). A minified or generated file (one line of megabytes) gives a frame of a few hundred
 * characters, not the whole line. Line starts are found once per file (`starts`).
 */
function clippedFrame(d: Diagnostic, text: string, starts: Map<string, number[]>): string | undefined {
  let ls = starts.get(d.file);
  if (!ls) {
    ls = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) ls.push(i + 1);
    starts.set(d.file, ls);
  }
  const line = d.start.line;
  if (line < 1 || line > ls.length) return undefined;
  // Control and bidirectional-override characters of the file are shown as U+FFFD (one for one: columns stay right).
  const lineText = (n: number) => terminalSafe(text.slice(ls![n - 1], n < ls!.length ? ls![n] - 1 : text.length).replace(/\r$/, ''));
  const first = Math.max(1, line - 1), last = Math.min(ls.length, line + 1);
  // The window: centred on the column, the same for the three lines so that they stay aligned.
  const col = Math.max(1, d.start.column);
  const from = Math.max(0, col - 1 - Math.floor(FRAME_WIDTH / 2));
  const clip = (s: string) => {
    const head = from > 0 && s.length > from ? '…' : '';
    const body = s.slice(from, from + FRAME_WIDTH);
    return from > 0 && s.length <= from ? '' : `${head}${body}${s.length > from + FRAME_WIDTH ? '…' : ''}`;
  };
  const shift = from > 0 ? from - 1 : 0; // the '…' takes one column
  const lines: string[] = [];
  for (let n = first; n <= last; n++) lines.push(clip(lineText(n)));
  const column = col - shift;
  const end = d.end && d.end.line === line && d.end.column > d.start.column ? Math.min(d.end.column - shift, column + FRAME_WIDTH) : undefined;
  return codeFrameColumns(lines.join('\n'), { start: { line, column }, end: end === undefined ? undefined : { line, column: end } },
    { highlightCode: false, linesAbove: 1, linesBelow: 1, forceColor: false, startLine: first } as Parameters<CodeFrame['codeFrameColumns']>[2]);
}
