/**
 * Syntax check of a Mermaid source (a hand-written `powers/*.mmd`) with Mermaid's own parser, reporting the line
 * and column in the file as the clerk sees it.
 *
 * Mermaid rewrites the text before parsing — drops the front matter, removes `%%{…}%%` directives, deletes `%%`
 * comment lines and leading blank lines — so its line numbers are not the file's. The source is first rewritten
 * here in a line-preserving way (directives and comments blanked, leading whitespace counted), which makes
 * Mermaid's own rewriting a no-op apart from the front matter, whose line count is added back.
 */
import { nodeMermaid } from './node-mermaid.js';

export interface MermaidSyntaxError {
  /** 1-based, in the source as given. */
  line: number;
  /** 1-based, in UTF-16 units; 1 when Mermaid gives no column. */
  column: number;
  /** Mermaid's message, without its copy of the text (whose line numbers are Mermaid's, not the file's). */
  message: string;
}

// Copies of Mermaid 11's patterns (diagram-api/regexes.ts, comments.ts), so the rewrite matches what it removes.
const FRONT_MATTER = /^([^\S\n\r]*)-{3}\s*[\n\r](.*?)[\n\r]\1-{3}\s*[\n\r]+/s;
const DIRECTIVE = /%{2}{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?/gi;
const COMMENT_LINE = /^([^\S\n]*)%%(?!\{)[^\n]*/gm;

interface JisonHash { line?: number; loc?: { first_line: number; first_column: number } }
interface YamlMark { line: number; column: number }

export async function validateMermaidSource(src: string): Promise<MermaidSyntaxError | null> {
  const text = src.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  const fm = FRONT_MATTER.exec(text)?.[0] ?? '';
  let body = text.slice(fm.length)
    .replace(DIRECTIVE, (m) => m.replace(/[^\n]/g, ''))
    .replace(COMMENT_LINE, '');
  const lead = /^\s*/.exec(body)![0];
  body = body.slice(lead.length);
  const lineOffset = count(fm, '\n') + count(lead, '\n');
  const firstLineColumnOffset = lead.length - (lead.lastIndexOf('\n') + 1);

  const mermaid = await nodeMermaid();
  try {
    await mermaid.parse(fm + body, { suppressErrors: false });
    return null;
  } catch (err) {
    const e = err as Error & { hash?: JisonHash; mark?: YamlMark };
    const at = (bodyLine: number, column: number): MermaidSyntaxError => ({
      line: clampLine(text, bodyLine + lineOffset),
      column: bodyLine === 1 ? column + firstLineColumnOffset : column,
      message: cleanMessage(e),
    });
    if (e.name === 'YAMLException' && e.mark) {
      return { line: clampLine(text, e.mark.line + 2), column: e.mark.column + 1, message: cleanMessage(e) };
    }
    if (e.hash?.loc) return at(e.hash.loc.first_line, e.hash.loc.first_column + 1);
    if (typeof e.hash?.line === 'number') return at(e.hash.line + 1, 1);
    const langium = /line (\d+), column (\d+)/.exec(e.message);
    if (langium) return at(Number(langium[1]), Number(langium[2]));
    // UnknownDiagramError and the like: the problem is the first statement (the diagram type).
    return at(1, 1);
  }
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

/** Mermaid appends a newline and reports end-of-input errors past the text: point at the last non-blank line. */
function clampLine(text: string, line: number): number {
  const lines = text.split('\n');
  let last = lines.length;
  while (last > 1 && lines[last - 1].trim() === '') last--;
  return Math.max(1, Math.min(line, last));
}

function cleanMessage(e: Error): string {
  const msg = e.message ?? String(e);
  if (e.name === 'UnknownDiagramError' || /No diagram type detected/.test(msg)) {
    return 'Unknown diagram type: the first statement must name one (e.g. "flowchart TD")';
  }
  if (/^Parse error on line \d+:/.test(msg)) {
    const last = msg.split('\n').pop() ?? msg;
    return 'Parse error: ' + last.replace(/got '(1|EOF)'$/, 'got end of input');
  }
  if (/^Lexical error on line \d+/.test(msg)) return 'Lexical error: unrecognized text';
  return msg.replace(/^Parsing failed:\s*/, '').replace(/^Parse error on line \d+, column \d+:\s*/, 'Parse error: ').split('\n')[0];
}
