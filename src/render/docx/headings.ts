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
import { pageOf } from './geometry.js';
import { textWidthEm, withBreaksForTokens } from '../../document/unbroken.js';
import { roleMetrics } from './fonts.js';

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

/**
 * The heading's text with a line break before a code or number that Word or LibreOffice would break across lines
 * ("…认定和奖励（JL-" / "001）"), measured in the heading's size, indent and the document's character spacing.
 */
function keepTokensWhole(ctx: RenderContext, h: Heading, number: string, scope: BlockScope): Heading['children'] {
  const look = headingLook(h);
  const centred = look === 'part' || look === 'title';
  const em = (centred ? ctx.profile.sizePt.title : ctx.profile.sizePt.heading) * 20;
  const width = pageOf(ctx.geometry, scope.orientation).textWidth;
  const indent = centred ? 0 : Math.round(2 * ctx.geometry.charWidth);
  const spacingEm = ctx.geometry.charSpacing / em;
  const numberEm = textWidthEm(number) + [...number].length * spacingEm;
  const m = roleMetrics(ctx.profile, headingFormat(h).role);
  return withBreaksForTokens(h.children, width / em, spacingEm, (width - indent) / em - numberEm, m.metrics, m.agree);
}

/** `startsPage`: whether the heading starts a new page (document/breaks.ts), unless it opens its DOCX section. */
export function renderHeading(ctx: RenderContext, h: Heading, scope: BlockScope, pageBreakBefore: boolean, startsPage: boolean): Paragraph {
  const format = headingFormat(h);
  const number = h.number ? `${h.number}${numberSeparator(h.number)}` : '';
  const runs: ParagraphChild[] = [
    ...(number ? [new TextRun(runOptions(ctx, format, { text: number }))] : []),
    ...renderInlines(ctx, keepTokensWhole(ctx, h, number, scope), format),
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
