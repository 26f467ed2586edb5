/**
 * The model's footnotes as real DOCX footnotes (word/footnotes.xml), referenced from the text by their ids; docx
 * puts the footnote mark at the start of each. Set in the note size (四号 with the defaults) in 仿宋.
 */
import { Paragraph } from '#docx';
import type { FootnoteDef } from '../../document/model.js';
import type { RenderContext } from './context.js';
import { renderInlines } from './inlines.js';
import { StyleId } from './styles.js';

export function buildFootnotes(ctx: RenderContext, footnotes: readonly FootnoteDef[]): Record<string, { children: Paragraph[] }> {
  return Object.fromEntries(
    footnotes.map((f) => [
      String(f.id),
      { children: [new Paragraph({ style: StyleId.footnoteText, children: renderInlines(ctx, f.children, { role: 'body' }) })] },
    ]),
  );
}
