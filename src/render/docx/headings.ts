/**
 * Headings: the number the model computed, then the text, in the level's style (a heading style with an outline
 * level when the heading is in the TOC, a look-alike without one when it isn't), with a bookmark named after the
 * heading's anchor so references and the TOC can point at it.
 */
import { Bookmark, Paragraph, TextRun, type ParagraphChild } from 'docx';
import type { Heading } from '../../document/model.js';
import type { BlockScope, RenderContext } from './context.js';
import { plainText } from '../../document/walk.js';
import { renderInlines, runOptions, type InlineFormat } from './inlines.js';
import { headingRole, headingStyleId } from './styles.js';

/** The space between a number and the text: none after 、．.）) (一、 （一） 1.), an ideographic space after 第一部分. */
export function numberSeparator(number: string): string {
  return /[、，．.）)\s　:：]$/.test(number) ? '' : '　';
}

/** The heading as one line of text, number first (the TOC entry's text). */
export function headingText(h: Heading): string {
  const text = plainText(h.children).trim();
  return h.number ? `${h.number}${numberSeparator(h.number)}${text}` : text;
}

export function headingFormat(h: Heading): InlineFormat {
  return { role: headingRole(h.level), ...(h.level === 4 ? { bold: true } : {}) };
}

export function renderHeading(ctx: RenderContext, h: Heading, scope: BlockScope, pageBreakBefore: boolean): Paragraph {
  const format = headingFormat(h);
  const runs: ParagraphChild[] = [
    ...(h.number ? [new TextRun(runOptions(ctx, format, { text: `${h.number}${numberSeparator(h.number)}` }))] : []),
    ...renderInlines(ctx, h.children, format),
  ];
  const name = ctx.bookmarks.place(h.anchor);
  const breakBefore = pageBreakBefore || ((h.pageBreakBefore ?? h.level === 1) && !scope.firstInSection);
  return new Paragraph({
    style: headingStyleId(h.level, h.toc),
    ...(breakBefore ? { pageBreakBefore: true } : {}),
    // Out of the TOC but in the outline (navigation pane, PDF bookmarks): an outline level of its own. Word's TOC
    // field (without \u) leaves such paragraphs out when it is updated.
    ...(!h.toc && h.outline ? { outlineLevel: h.level - 1 } : {}),
    children: name === undefined ? runs : [new Bookmark({ id: name, children: runs })],
  });
}
