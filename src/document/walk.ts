/**
 * The one walk over the document model that every backend shares: sections, then their blocks in document order
 * (a list's items and a quote's children in place, depth first), and, when asked, each block's inline content (a
 * heading's or paragraph's runs, a table's cells, row by row, a link's children after the link).
 *
 * Backends ask it for what they collect (bookmarks, 目录 entries, PDF outlines, the site's anchors and footnotes,
 * size estimates) instead of each writing the recursion again; `mapBlocks` rebuilds the tree with some blocks replaced,
 * and `plainText` is the text of inline content, as every backend prints it in a 目录, an outline or a title.
 */
import type { Block, DocumentModel, Inline, Section } from './model.js';

/** Returned by `Visitor.block` to leave a block's contents (items, children, inline content) unvisited. */
export const SKIP: unique symbol = Symbol('skip');

export interface Visitor {
  /** Each section, before its blocks. */
  section?(section: Section, index: number): void;
  /** Each block, before what it holds; `depth` is 0 for a section's own blocks, 1 inside a list item or quote, … */
  block?(block: Block, depth: number): void | typeof SKIP;
  /** Each inline of a heading, paragraph or table cell (and of a link, after the link), in order. */
  inline?(inline: Inline, block: Block): void;
}

/** Calls `f` on each inline, and on the children of a link after the link itself. */
export function walkInlines(inlines: readonly Inline[], f: (inline: Inline) => void): void {
  for (const inline of inlines) {
    f(inline);
    if (inline.type === 'link') walkInlines(inline.children, f);
  }
}

function blockInlines(block: Block, f: (inline: Inline) => void): void {
  switch (block.type) {
    case 'heading':
    case 'paragraph':
      walkInlines(block.children, f);
      break;
    case 'table':
      for (const row of block.rows) for (const cell of row.cells) walkInlines(cell.children, f);
      break;
    default:
      break;
  }
}

/** Walks blocks depth first, in document order. */
export function walkBlocks(blocks: readonly Block[], v: Visitor, depth = 0): void {
  for (const block of blocks) {
    if (v.block?.(block, depth) === SKIP) continue;
    if (v.inline) {
      const onInline = v.inline;
      blockInlines(block, (i) => onInline(i, block));
    }
    if (block.type === 'list') for (const item of block.items) walkBlocks(item, v, depth + 1);
    else if (block.type === 'quote') walkBlocks(block.children, v, depth + 1);
  }
}

/** Walks the whole model: each section, then its blocks. */
export function walk(model: Pick<DocumentModel, 'sections'>, v: Visitor): void {
  model.sections.forEach((section, i) => {
    v.section?.(section, i);
    walkBlocks(section.blocks, v);
  });
}

/** Every block the walk reaches for which `test` holds, in document order. */
export function collect<T extends Block>(model: Pick<DocumentModel, 'sections'>, test: (b: Block) => b is T): T[] {
  const out: T[] = [];
  walk(model, { block: (b) => { if (test(b)) out.push(b); } });
  return out;
}

/**
 * The blocks again, with `f` applied to every block the walk reaches (inside lists and quotes too), in document order,
 * before its contents; a block `f` leaves as it is and whose contents are unchanged is kept as the same object.
 */
export function mapBlocks(blocks: readonly Block[], f: (b: Block) => Block): Block[] {
  return blocks.map((block) => {
    const b = f(block);
    if (b.type === 'list') {
      const items = b.items.map((item) => mapBlocks(item, f));
      return items.every((item, i) => item.every((x, j) => x === b.items[i]![j])) ? b : { ...b, items };
    }
    if (b.type === 'quote') {
      const children = mapBlocks(b.children, f);
      return children.every((x, i) => x === b.children[i]) ? b : { ...b, children };
    }
    return b;
  });
}

/**
 * The text of inline content: text and references as written, a link's text, nothing for a footnote reference;
 * a line break as `lineBreak` (a space by default).
 */
export function plainText(inlines: readonly Inline[], lineBreak = ' '): string {
  let s = '';
  walkInlines(inlines, (i) => {
    if (i.type === 'text' || i.type === 'ref') s += i.text;
    else if (i.type === 'break') s += lineBreak;
  });
  return s;
}
