/**
 * What a rule's Markdown says that the compendium would not print as written: raw HTML (dropped, its text with it),
 * and a list item indented so far that Markdown reads it as more text of the item or paragraph above (four columns or
 * more past where that text starts): "- 第二项" glued to the end of the first item, its marker printed as text.
 */
import type { Html, Paragraph, Root } from 'mdast';
import { defineRule } from '../context.js';
import { ruleTree as tree } from '../../load/mdast.js';
/** A list item's marker at the start of a line: "- ", "* ", "+ ", "1. ", "1) ". */
const MARKER = /^([ \t]*)([-*+]|\d{1,9}[.)])[ \t]+\S/;
/** Findings said for one rule file at most. */
const MAX_PER_FILE = 20;

/** Nodes of `root` of one type, without recursion (a body of 10,000 headings or nested quotes stays flat). */
function nodesOf<T extends { type: string }>(root: Root, type: T['type']): T[] {
  const out: T[] = [];
  const todo: unknown[] = [root];
  while (todo.length) {
    const n = todo.pop() as { type: string; children?: unknown[] };
    if (n.type === type) out.push(n as unknown as T);
    if (n.children) for (let i = n.children.length - 1; i >= 0; i--) todo.push(n.children[i]);
  }
  return out;
}

export const markdownHtml = defineRule({
  id: 'markdown-html',
  check(ctx) {
    for (const r of ctx.repo.rules) {
      let n = 0;
      for (const h of nodesOf<Html>(tree(r), 'html')) {
        const start = h.position?.start.offset, end = h.position?.end.offset;
        if (start === undefined || end === undefined || /^<!--[\s\S]*-->$/.test(h.value.trim())) continue;
        if (n++ >= MAX_PER_FILE) break;
        const tag = (/^<\/?([A-Za-z][\w-]*)/.exec(h.value.trim())?.[1] ?? h.value.trim().slice(0, 20)).toLowerCase();
        ctx.report(r.source, () => ({ start: r.source.position(r.bodyOffset + start), end: r.source.position(r.bodyOffset + end) }), 'dropped', { tag });
      }
    }
  },
});

export const listIndent = defineRule({
  id: 'list-indent',
  check(ctx) {
    for (const r of ctx.repo.rules) {
      let n = 0;
      for (const p of nodesOf<Paragraph>(tree(r), 'paragraph')) {
        const s = p.position?.start, e = p.position?.end;
        if (!s || !e || s.line === e.line || s.offset === undefined || e.offset === undefined) continue;
        const lines = r.body.slice(s.offset - (s.column - 1), e.offset).split('\n');
        let offset = s.offset - (s.column - 1);
        for (let i = 0; i < lines.length; offset += lines[i]!.length + 1, i++) {
          const m = i > 0 ? MARKER.exec(lines[i]!) : null;
          // Still a paragraph line though it begins with a marker: indented four columns or more past the text above.
          if (!m || m[1]!.replace(/\t/g, '    ').length < s.column - 1 + 4) continue;
          if (n++ >= MAX_PER_FILE) break;
          const from = r.bodyOffset + offset + m[1]!.length;
          ctx.report(r.source, () => ({ start: r.source.position(from), end: r.source.position(from + m[2]!.length) }), 'merged', { marker: m[2]!, indent: m[1]!.length });
        }
      }
    }
  },
});
