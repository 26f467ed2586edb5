/**
 * Headings: the number the model computed, then the text, in the level's style (a heading style with an outline
 * level when the heading is in the TOC, a look-alike without one when it isn't), with a bookmark named after the
 * heading's anchor so references and the TOC can point at it.
 */
import { Bookmark, Paragraph, TextRun, type ParagraphChild } from '#docx';
import type { Heading } from '../../document/model.js';
import { numberSeparator } from '../../document/text.js';
import type { BlockScope, RenderContext } from './context.js';
import { plainText } from '../../document/walk.js';
import { renderInlines, runOptions, type InlineFormat } from './inlines.js';
import { headingLook, headingStyle, lookFormat } from './styles.js';

/** The space between a number and the text: none after 、．.）) (一、 （一） 1.), an ideographic space after 第一部分. */
export { numberSeparator };

/** The heading as one line of text, number first (the TOC entry's text). */
export function headingText(h: Heading): string {
  const text = plainText(h.children).trim();
  return h.number ? `${h.number}${numberSeparator(h.number)}${text}` : text;
}

export function headingFormat(h: Heading): InlineFormat {
  const { role, bold } = lookFormat(headingLook(h));
  return { role, ...(bold ? { bold: true } : {}) };
}

/** `startsPage`: whether the heading starts a new page (document/breaks.ts), unless it opens its DOCX section. */
export function renderHeading(ctx: RenderContext, h: Heading, scope: BlockScope, pageBreakBefore: boolean, startsPage: boolean): Paragraph {
  const format = headingFormat(h);
  const runs: ParagraphChild[] = [
    ...(h.number ? [new TextRun(runOptions(ctx, format, { text: `${h.number}${numberSeparator(h.number)}` }))] : []),
    ...renderInlines(ctx, h.children, format),
  ];
  const name = ctx.bookmarks.place(h.anchor);
  const breakBefore = pageBreakBefore || (startsPage && !scope.firstInSection);
  const style = headingStyle(h);
  return new Paragraph({
    style: style.id,
    ...(breakBefore ? { pageBreakBefore: true } : {}),
    // An outline level the style doesn't give: a heading out of the TOC but in the outline (navigation pane, PDF
    // bookmarks; Word's TOC field takes only styles' outline levels, so it leaves it out), or at another depth.
    ...(style.outlineLevel !== undefined ? { outlineLevel: style.outlineLevel } : {}),
    children: name === undefined ? runs : [new Bookmark({ id: name, children: runs })],
  });
}
