/**
 * The cover (封面), laid out as a cover: the department at the head of the page, the title (小标宋, half as large again
 * as 二号) a quarter of the way down, the subtitle and edition under it, the date at the foot of the page. Every
 * line has an exact height, so the space before the date that takes it to the foot of the page is worked out from the
 * lines above it (a long title wraps: its lines are counted from its characters, an ideograph an em, anything else
 * half of one). The same places as the PDF's cover (pdf/css.ts).
 */
import { AlignmentType, LineRuleType, Paragraph, TextRun, type FileChild } from '#docx';
import type { Block, Paragraph as ModelParagraph } from '../../document/model.js';
import { plainText } from '../../document/walk.js';
import type { RenderContext } from './context.js';
import { mmToTwips, TWIPS_PER_PT } from './geometry.js';
import type { RunRole } from './fonts.js';
import { runOptions } from './inlines.js';
import { StyleId } from './styles.js';

interface Line { role: RunRole; sizePt: number; lineTwips: number; style: string }

/** The look of each kind of cover line. */
function lineOf(ctx: RenderContext, p: ModelParagraph): Line {
  const { sizePt } = ctx.profile;
  const big = sizePt.heading + 2;
  switch (p.style) {
    case 'title': {
      const size = Math.round(sizePt.title * 1.5);
      return { role: 'title', sizePt: size, lineTwips: Math.round(size * 1.4 * TWIPS_PER_PT), style: StyleId.title };
    }
    case 'cover-dept':
      return { role: 'heading1', sizePt: big, lineTwips: ctx.geometry.linePitch, style: StyleId.coverDept };
    case 'subtitle':
      return { role: 'heading2', sizePt: big, lineTwips: Math.round(big * 1.6 * TWIPS_PER_PT), style: StyleId.subtitle };
    default:
      return { role: 'body', sizePt: big, lineTwips: Math.round(big * 1.6 * TWIPS_PER_PT), style: StyleId.coverDate };
  }
}

/** How many lines a text takes at `sizePt` on a line `width` twips wide: an ideograph an em, anything else half one. */
export function linesOf(text: string, sizePt: number, width: number): number {
  let ems = 0;
  for (const ch of text) ems += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFF60\u3000-\u303F]/.test(ch) ? 1 : 0.5;
  return Math.max(1, Math.ceil((ems * sizePt * TWIPS_PER_PT) / width));
}

export function renderCover(ctx: RenderContext, blocks: readonly Block[]): FileChild[] {
  const paragraphs = blocks.filter((b): b is ModelParagraph => b.type === 'paragraph');
  const page = ctx.geometry.portrait;
  const linePitch = ctx.geometry.linePitch;
  // A line of slack at the foot: a line counted short must not push the date onto a second page.
  let room = page.textHeight - linePitch;
  const placed = paragraphs.map((p) => {
    const line = lineOf(ctx, p);
    const lines = linesOf(plainText(p.children), line.sizePt, page.textWidth);
    const before = p.style === 'title' ? mmToTwips(30) : p.style === 'subtitle' && paragraphs[paragraphs.indexOf(p) - 1]?.style === 'title' ? linePitch : 0;
    return { p, line, before, height: lines * line.lineTwips };
  });
  const dates = placed.filter((x) => x.p.style === 'cover-date');
  for (const x of placed) room -= x.before + x.height;
  // The first date line goes to the foot of the page, the lines after it below it.
  if (dates[0] && room > 0) dates[0].before += room;
  return placed.map(({ p, line, before }) => new Paragraph({
    style: line.style,
    alignment: AlignmentType.CENTER,
    indent: { firstLine: 0, left: 0, right: 0 },
    spacing: { before, after: 0, line: line.lineTwips, lineRule: LineRuleType.EXACT },
    keepLines: true,
    children: p.children.length > 0
      ? [new TextRun(runOptions(ctx, { role: line.role, sizePt: line.sizePt }, { text: plainText(p.children) }))]
      : [],
  }));
}
