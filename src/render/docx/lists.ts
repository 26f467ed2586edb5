/**
 * Lists, as official documents write them: each item a body paragraph (first line indented two characters) that
 * starts with its label — 1. （1） ① for ordered lists, ● ○ ■ for unordered ones — and nested lists indented two
 * more characters. The labels are text, so every consumer shows the same ones.
 */
import type { FileChild } from '#docx';
import type { Block, ListBlock, Paragraph as ModelParagraph } from '../../document/model.js';
import type { BlockScope, RenderContext } from './context.js';
import { renderParagraph } from './paragraphs.js';

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const BULLETS = ['●', '○', '■'];

export function listLabel(ordered: boolean, depth: number, n: number): string {
  if (!ordered) return `${BULLETS[depth % BULLETS.length]} `;
  switch (depth % 3) {
    case 0:
      return `${n}.`;
    case 1:
      return `（${n}）`;
    default:
      return n >= 1 && n <= CIRCLED.length ? [...CIRCLED][n - 1]! : `${n})`;
  }
}

export type RenderBlocks = (ctx: RenderContext, blocks: readonly Block[], scope: BlockScope) => FileChild[];

export function renderList(
  ctx: RenderContext,
  list: ListBlock,
  scope: BlockScope,
  pageBreakBefore: boolean,
  depth: number,
  renderBlocks: RenderBlocks,
  keepNext = false,
): FileChild[] {
  const out: FileChild[] = [];
  const itemScope: BlockScope = { ...scope, indentChars: scope.indentChars + (depth > 0 ? 2 : 0), firstInSection: false };
  list.items.forEach((item, i) => {
    const label = list.labels?.[i] ?? listLabel(list.ordered, depth, (list.start ?? 1) + i);
    const [first, ...rest] = item;
    const breakHere = pageBreakBefore && i === 0;
    const labelled: ModelParagraph =
      first?.type === 'paragraph'
        ? { ...first, children: [{ type: 'text', text: label }, ...first.children] }
        : { type: 'paragraph', children: [{ type: 'text', text: label }] };
    const remaining = first?.type === 'paragraph' ? rest : item;
    // The list's last line keeps with what follows when asked (a rule's review note).
    const last = keepNext && i === list.items.length - 1;
    out.push(renderParagraph(ctx, labelled, itemScope, breakHere, last && remaining.length === 0));
    remaining.forEach((block, k) => {
      const keep = last && k === remaining.length - 1;
      if (block.type === 'list') out.push(...renderList(ctx, block, itemScope, false, depth + 1, renderBlocks, keep));
      else if (block.type === 'paragraph') out.push(renderParagraph(ctx, block, itemScope, false, keep));
      else out.push(...renderBlocks(ctx, [block], itemScope));
    });
  });
  return out;
}
