/**
 * Blocks of the model as DOCX paragraphs and tables. A page break becomes "page break before" on the next block, so
 * no empty line is left at the top of the new page.
 */
import type { FileChild } from '#docx';
import { startsPage } from '../../document/breaks.js';
import type { Block } from '../../document/model.js';
import type { BlockScope, RenderContext } from './context.js';
import { renderFigure } from './figures.js';
import { renderHeading } from './headings.js';
import { renderList } from './lists.js';
import { renderParagraph } from './paragraphs.js';
import { renderTable } from './tables.js';
import { renderToc } from './toc.js';

function renderBlock(ctx: RenderContext, block: Exclude<Block, { type: 'pageBreak' }>, scope: BlockScope, breakBefore: boolean, startsNewPage: boolean, keepNext: boolean): FileChild[] {
  switch (block.type) {
    case 'heading':
      return [renderHeading(ctx, block, scope, breakBefore, startsNewPage)];
    case 'paragraph':
      return [renderParagraph(ctx, block, scope, breakBefore, keepNext)];
    case 'list':
      return renderList(ctx, block, scope, breakBefore, 0, renderBlocks, keepNext);
    case 'quote':
      return renderBlocks(ctx, block.children, { ...scope, role: 'quote' }, breakBefore);
    case 'table':
      return renderTable(ctx, block, scope, breakBefore);
    case 'figure':
      return renderFigure(ctx, block, scope, breakBefore, ++ctx.state.figures);
    case 'toc':
      return renderToc(ctx, block, ctx.tocEntries, scope, breakBefore);
  }
}

/**
 * A paragraph or a list (its last item) a note (a rule's review record) follows keeps with it: the note is never alone
 * at the top of a page.
 */
const keepsWithNote = (blocks: readonly Block[], i: number): boolean => {
  const next = blocks[i + 1];
  return next?.type === 'paragraph' && next.style === 'note';
};

/** Renders blocks in order; `breakBefore` puts the first of them on a new page. */
export function renderBlocks(ctx: RenderContext, blocks: readonly Block[], scope: BlockScope, breakBefore = false): FileChild[] {
  const out: FileChild[] = [];
  let pending = breakBefore;
  blocks.forEach((block, i) => {
    const first = scope.firstInSection && out.length === 0;
    if (block.type === 'pageBreak') {
      // A break at the start of a section is the section's own new page.
      pending = !first;
      return;
    }
    out.push(...renderBlock(ctx, block, { ...scope, firstInSection: first }, pending && !first, startsPage(blocks, i), keepsWithNote(blocks, i)));
    pending = false;
  });
  return out;
}
