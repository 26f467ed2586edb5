/**
 * Turning clerk-written text into the inside of a double-quoted Mermaid label that cannot change the diagram.
 *
 * Inside `"..."` Mermaid's lexer only ends the string at `"`, but several passes run over the whole source first
 * (measured on Mermaid 11.17):
 * - `#name;` / `#123;` anywhere are entity codes; `style…:…#…;` loses its last `;`;
 * - `%%{…}%%` anywhere is a directive (config injection), a line starting with `%%` is dropped as a comment;
 * - `<tag>` is parsed as HTML and sanitised away, a lone `<`/`>` is dropped by the SVG label splitter;
 * - `&amp;`/`&lt;`/`&gt;` are decoded, `\n` (backslash n) breaks the line, a leading backtick makes a markdown
 *   string, `ﬂ°…¶ß` are Mermaid's own internal entity placeholders.
 * So each of those characters is written as a numeric entity `#NNN;`. With `htmlLabels: false` Mermaid prints
 * that as the literal text `&#NNN;`; the page script (page-script.ts) turns it back into the character in the
 * SVG's text nodes — never through HTML parsing — so the picture shows exactly what the clerk wrote.
 */

/** Characters written as `#NNN;`. `:` and `;` too, so the `style…:…#…;` rewrite can never match a label. */
const SPECIAL = new Set(['"', '#', '&', '<', '>', '%', '`', '\\', ':', ';', '\u00b6', '\ufb02']);

/** Line breaks inside one piece of text (CR LF, CR, LF, Unicode line/paragraph separators). */
export const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/;

/**
 * One line of user text → label text. Control characters become spaces (tab) or U+FFFD (others): they are not
 * allowed in XML, and a lone surrogate would make the SVG unreadable.
 */
export function escapeLabelLine(line: string): string {
  let out = '';
  for (const ch of line) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\t') out += ' ';
    else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfffe || cp === 0xffff) out += '\ufffd';
    else if (SPECIAL.has(ch)) out += `#${cp};`;
    else out += ch;
  }
  return out;
}

/**
 * Several lines (already wrapped) → a complete quoted label. Lines are joined with Mermaid's `\n` (a backslash and an n),
 * not `<br/>`: a label containing `<` goes through DOMPurify's HTML parser at render time, which decodes the
 * entities early — an escaped backslash followed by `n` would then break the line. Without `<`, DOMPurify leaves
 * the label alone and the entities reach the SVG intact for the page script to decode.
 */
export function quotedLabel(lines: readonly string[]): string {
  return `"${lines.map(escapeLabelLine).join('\\n')}"`;
}

/** The inverse of what Mermaid + the page script do, for tests and for callers that need the plain text. */
export function decodeLabelEntities(text: string): string {
  return text.replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)));
}
