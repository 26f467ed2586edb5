/**
 * Line wrapping of label text by display width, done here rather than by Mermaid so that the result does not
 * depend on font metrics (the same YAML gives the same source) and so that an escaped character (`#34;`) is never
 * split across lines. Width unit: a Latin character is 1, a CJK / full-width character 2.
 */
import { LINE_BREAK } from './escape.js';

/** Mermaid wraps labels itself at 200 px; 22 units (11 CJK characters at 16 px = 176 px) stay below that. */
export const DEFAULT_WRAP_UNITS = 22;

export function charWidth(cp: number): 1 | 2 {
  return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd)
    ? 2 : 1;
}

/** Closing punctuation that must not start a line (Chinese typesetting rule 避头). */
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕”’…—,.;:?!)]}%']);

/** Wrap one text (which may contain line breaks) into lines of at most `maxUnits`. Never returns an empty array. */
export function wrapText(text: string, maxUnits = DEFAULT_WRAP_UNITS): string[] {
  const out: string[] = [];
  for (const para of text.split(LINE_BREAK)) out.push(...wrapParagraph(para.trim(), maxUnits));
  return out.length ? out : [''];
}

function wrapParagraph(text: string, maxUnits: number): string[] {
  const chars = [...text];
  const lines: string[] = [];
  let line: string[] = [];
  let width = 0;
  for (const ch of chars) {
    const w = charWidth(ch.codePointAt(0)!);
    if (width + w > maxUnits && line.length > 0 && !NO_LINE_START.has(ch)) {
      const cut = latinBreak(line, ch);
      lines.push(line.slice(0, cut).join('').trimEnd());
      line = line.slice(cut);
      if (line.length && line[0] === ' ') line.shift();
      width = line.reduce((n, c) => n + charWidth(c.codePointAt(0)!), 0);
    }
    line.push(ch);
    width += w;
  }
  lines.push(line.join('').trimEnd());
  return lines;
}

/** Where to cut a full line: after its last space if the cut would split a Latin word, else at its end. */
function latinBreak(line: string[], next: string): number {
  const word = /[A-Za-z0-9]/;
  if (!word.test(line[line.length - 1]) || !word.test(next)) return line.length;
  const space = line.lastIndexOf(' ');
  return space > 0 ? space + 1 : line.length;
}
