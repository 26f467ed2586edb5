/**
 * Paragraphs of the model (body text, title, cover lines, notes, signatures) as DOCX paragraphs.
 */
import { AlignmentType, Paragraph } from '#docx';
import type { Paragraph as ModelParagraph } from '../../document/model.js';
import type { BlockScope, RenderContext } from './context.js';
import type { RunRole } from './fonts.js';
import { renderInlines } from './inlines.js';
import { StyleId } from './styles.js';
import { pageOf } from './geometry.js';
import { withBreaksForTokens } from '../../document/unbroken.js';
import { roleMetrics } from './fonts.js';

type Alignment = (typeof AlignmentType)[keyof typeof AlignmentType];

export const ALIGNMENT: Record<NonNullable<ModelParagraph['align']>, Alignment> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
};

const STYLE: Record<NonNullable<ModelParagraph['style']>, { id: string; role: RunRole; indentable: boolean }> = {
  body: { id: StyleId.body, role: 'body', indentable: true },
  title: { id: StyleId.title, role: 'title', indentable: false },
  subtitle: { id: StyleId.subtitle, role: 'heading2', indentable: false },
  'cover-dept': { id: StyleId.coverDept, role: 'heading1', indentable: false },
  'cover-date': { id: StyleId.coverDate, role: 'body', indentable: false },
  caption: { id: StyleId.caption, role: 'heading1', indentable: false },
  note: { id: StyleId.note, role: 'body', indentable: true },
  signature: { id: StyleId.signature, role: 'body', indentable: false },
};

/** The left indent of a block nested `chars` characters deep (lists, quotes). */
export const nestedIndent = (ctx: RenderContext, chars: number): number => Math.round(chars * ctx.geometry.charWidth);

export function renderParagraph(ctx: RenderContext, p: ModelParagraph, scope: BlockScope, pageBreakBefore: boolean, keepNext = false): Paragraph {
  const inQuote = scope.role === 'quote';
  const style = STYLE[p.style ?? 'body'];
  const body = (p.style ?? 'body') === 'body';
  const role: RunRole = inQuote && body ? 'quote' : style.role;
  const styleId = inQuote && body ? StyleId.quote : style.id;
  const noIndent = p.indent === false && style.indentable;
  const left = scope.indentChars > 0 ? nestedIndent(ctx, scope.indentChars + (inQuote ? 2 : 0)) : undefined;
  const indent = noIndent || left !== undefined ? { ...(noIndent ? { firstLine: 0 } : {}), ...(left !== undefined ? { left } : {}) } : undefined;
  return new Paragraph({
    style: styleId,
    ...(p.align ? { alignment: ALIGNMENT[p.align] } : {}),
    ...(indent ? { indent } : {}),
    ...(pageBreakBefore ? { pageBreakBefore: true } : {}),
    ...(keepNext ? { keepNext: true } : {}),
    children: renderInlines(ctx, body ? keepTokensWhole(ctx, p.children, scope, role, (left ?? (inQuote ? nestedIndent(ctx, 2) : 0)) + (inQuote ? nestedIndent(ctx, 2) : 0), noIndent ? 0 : nestedIndent(ctx, 2)) : p.children, { role }),
  });
}

/**
 * Body text with a line break before a code or number that Word or LibreOffice would break across lines
 * (document/unbroken.ts), measured at the body size with the document's character spacing, in the text width less the
 * paragraph's indents (`left`: both sides' of a quote).
 */
function keepTokensWhole(ctx: RenderContext, children: ModelParagraph['children'], scope: BlockScope, role: RunRole, left: number, firstLine: number): ModelParagraph['children'] {
  const em = ctx.profile.sizePt.body * 20;
  const width = pageOf(ctx.geometry, scope.orientation).textWidth - left;
  const m = roleMetrics(ctx.profile, role);
  return withBreaksForTokens(children, width / em, ctx.geometry.charSpacing / em, (width - firstLine) / em, m.metrics, m.agree);
}
