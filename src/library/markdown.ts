/**
 * A library file's Markdown as a flat list of blocks with their lines, through unified + remark-parse (mdast).
 *
 * Law texts use Markdown for headings (`#` title, `##`… 编/章/节), paragraphs and one HTML comment (`<!-- INFO END -->`);
 * nothing else of Markdown is meant. So the parser runs with the constructs a law text never means turned off (lists,
 * emphasis, links, code, setext headings, block quotes…): `1. 经营范围` stays the item it is (its number kept as
 * printed, not renumbered by a list), a lone `*` or `_` stays in the text, a line indented by four spaces is still a
 * paragraph, and a line of `---` under a paragraph does not turn it into a heading.
 */
import type { Heading, Html, Paragraph, Root, RootContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const LEAN = {
  disable: {
    null: [
      'attention', 'autolink', 'blockQuote', 'characterEscape', 'characterReference', 'codeFenced', 'codeIndented',
      'codeText', 'definition', 'hardBreakEscape', 'headingSetext', 'htmlText', 'labelEnd', 'labelStartImage',
      'labelStartLink', 'list', 'thematicBreak',
    ],
  },
};

const processor = unified().use(remarkParse).data('micromarkExtensions', [LEAN]);

/** One line of a block: a paragraph's soft line breaks give several. */
export interface Block {
  kind: 'heading' | 'line' | 'comment';
  /** Heading depth (1 = `#`). */
  depth?: number;
  text: string;
  /** 1-based line and column of the text's first character. */
  line: number;
  column: number;
}

export function markdownBlocks(text: string): Block[] {
  const root = processor.parse(text) as Root;
  const out: Block[] = [];
  for (const node of root.children) collect(node, out);
  return out;
}

function collect(node: RootContent, out: Block[]): void {
  const pos = node.position?.start ?? { line: 0, column: 1 };
  switch (node.type) {
    case 'heading': {
      const h = node as Heading;
      out.push({ kind: 'heading', depth: h.depth, text: inline(h).trim(), line: pos.line, column: pos.column });
      return;
    }
    case 'html':
      out.push({ kind: 'comment', text: (node as Html).value, line: pos.line, column: pos.column });
      return;
    case 'paragraph': {
      // A paragraph's lines (no blank line between them) are kept apart: law texts put one article, 款 or 项 per line.
      const lines = inline(node as Paragraph).split('\n');
      lines.forEach((l, i) => out.push({ kind: 'line', text: l, line: pos.line + i, column: i === 0 ? pos.column : 1 }));
      return;
    }
    default:
      if ('children' in node) for (const c of node.children as RootContent[]) collect(c, out);
      else if ('value' in node && typeof node.value === 'string') {
        node.value.split('\n').forEach((l, i) => out.push({ kind: 'line', text: l, line: pos.line + i, column: 1 }));
      }
  }
}

/** The text of inline content (text, breaks, anything else left on). */
function inline(node: { children?: unknown[]; value?: unknown; type?: string }): string {
  if (typeof node.value === 'string') return node.value;
  if (node.type === 'break') return '\n';
  return node.children ? (node.children as (typeof node)[]).map(inline).join('') : '';
}
