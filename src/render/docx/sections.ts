/**
 * DOCX sections from the model's sections: A4 with the profile's margins and document grid; the cover without page
 * numbers; numbering from 1 at the first section after the cover, continued after that. A landscape table in a
 * portrait section gets a landscape section of its own (with page numbers), and the text after it goes on in a new
 * portrait one.
 */
import {
  DocumentGridType,
  NumberFormat,
  PageOrientation,
  SectionType,
  type ISectionOptions,
} from 'docx';
import type { Block, DocumentModel, Section } from '../../document/model.js';
import { renderBlocks } from './blocks.js';
import type { RenderContext } from './context.js';
import { emptyFooters, pageNumberFooters } from './footers.js';
import { pageOf } from './geometry.js';

interface Chunk {
  kind: Section['kind'];
  orientation: 'portrait' | 'landscape';
  blocks: Block[];
}

/** Splits a section where a landscape table stands in a portrait one. */
export function chunksOf(section: Section): Chunk[] {
  if (section.orientation === 'landscape') return [{ kind: section.kind, orientation: 'landscape', blocks: [...section.blocks] }];
  const chunks: Chunk[] = [];
  let current: Chunk | undefined;
  for (const block of section.blocks) {
    const orientation = block.type === 'table' && block.landscape ? 'landscape' : 'portrait';
    if (!current || current.orientation !== orientation) {
      current = { kind: section.kind, orientation, blocks: [] };
      chunks.push(current);
    }
    current.blocks.push(block);
  }
  // A portrait chunk of nothing but page breaks (between two landscape tables) is dropped.
  const kept = chunks.filter((c) => c.blocks.some((b) => b.type !== 'pageBreak'));
  return kept.length > 0 ? kept : [{ kind: section.kind, orientation: 'portrait', blocks: [] }];
}

export function buildSections(ctx: RenderContext, model: DocumentModel): ISectionOptions[] {
  const g = ctx.geometry;
  const out: ISectionOptions[] = [];
  let numbered = false; // whether numbering has started (first body section)
  for (const section of model.sections) {
    // The cover and the front matter (目录) carry no page number; the body counts from 1. (LibreOffice also prints an
    // empty PAGE field on pages that hold the TOC field, so numbering the TOC pages would show "— —".)
    const cover = section.kind !== 'body';
    for (const chunk of chunksOf(section)) {
      const page = pageOf(g, chunk.orientation);
      const startNumbering = !cover && !numbered;
      if (!cover) numbered = true;
      const footers = cover ? (out.length > 0 ? emptyFooters() : undefined) : pageNumberFooters(ctx.profile);
      const children = renderBlocks(ctx, chunk.blocks, {
        orientation: chunk.orientation,
        role: 'body',
        indentChars: 0,
        firstInSection: true,
      });
      out.push({
        properties: {
          ...(out.length > 0 ? { type: SectionType.NEXT_PAGE } : {}),
          page: {
            // docx swaps width and height itself for a landscape page.
            size: {
              width: g.portrait.pageWidth,
              height: g.portrait.pageHeight,
              orientation: chunk.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: page.margin,
            ...(startNumbering ? { pageNumbers: { start: 1, formatType: NumberFormat.DECIMAL } } : {}),
          },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: g.linePitch, charSpace: g.charSpace },
        },
        ...(footers ? { footers } : {}),
        children,
      });
    }
  }
  if (out.length === 0) {
    // A document has at least one section (Word wants the body's w:sectPr).
    const page = g.portrait;
    out.push({
      properties: {
        page: { size: { width: page.pageWidth, height: page.pageHeight, orientation: PageOrientation.PORTRAIT }, margin: page.margin },
        grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: g.linePitch, charSpace: g.charSpace },
      },
      children: [],
    });
  }
  return out;
}
