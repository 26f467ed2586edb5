/**
 * DOCX sections from the model's sections: A4 with the profile's margins and document grid; the cover without page
 * numbers; numbering from 1 at the first section after the cover, continued after that. A landscape table in a
 * portrait section gets a landscape section of its own (with page numbers), and the text after it goes on in a new
 * portrait one.
 *
 * Each section is also cut into runs of blocks that start on a new page: the page layout lays them out one by one, and
 * the document is written a batch of them at a time.
 */
import {
  DocumentGridType,
  LineRuleType,
  NumberFormat,
  PageOrientation,
  Paragraph,
  SectionType,
  type FileChild,
  type ISectionOptions,
} from '#docx';
import { onLandscapePages, startsPage } from '../../document/breaks.js';
import type { Block, DocumentModel, Section } from '../../document/model.js';
import { renderBlocks } from './blocks.js';
import { renderCover } from './cover.js';
import type { RenderContext } from './context.js';
import { emptyFooters, landscapePageNumberFooters, pageNumberFooters, type SectionFooters } from './footers.js';
import { gridPitch, pageOf } from './geometry.js';

interface Chunk {
  kind: Section['kind'];
  orientation: 'portrait' | 'landscape';
  blocks: Block[];
}

/** Splits a section where a landscape table stands in a portrait one (with what leads up to it: document/breaks.ts). */
export function chunksOf(section: Section): Chunk[] {
  if (section.orientation === 'landscape') return [{ kind: section.kind, orientation: 'landscape', blocks: [...section.blocks] }];
  const chunks: Chunk[] = [];
  let current: Chunk | undefined;
  const wide = onLandscapePages(section.blocks);
  for (const [i, block] of section.blocks.entries()) {
    const orientation = wide[i] ? 'landscape' : 'portrait';
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

/**
 * A run of blocks that starts on a new page — a DOCX section, or a part of one from a block with a page break
 * before it — whose pages therefore don't depend on what comes before it. The page layout (layout.ts) lays each out
 * alone, and the document is written a batch of runs at a time (index.ts).
 */
export interface LayoutRun {
  /** The kind of the model's section it is in, and of its footers. */
  kind: Section['kind'];
  orientation: 'portrait' | 'landscape';
  footers: FooterKind;
  /** Whether its first block opens its DOCX section (no page break before it). */
  firstInSection: boolean;
  /**
   * Whether it ends a DOCX section that another follows: docx ends such a section with an empty paragraph when its
   * last block isn't a paragraph (a table), and that paragraph can take a page of its own.
   */
  closesSection: boolean;
  blocks: Block[];
}

export type FooterKind = 'none' | 'empty' | 'pageNumbers';

/** A DOCX section: its properties (as the whole document has them) and its runs, in order (at least one). */
export interface DocxSection {
  properties: NonNullable<ISectionOptions['properties']>;
  orientation: 'portrait' | 'landscape';
  footers: FooterKind;
  runs: LayoutRun[];
}

/** Whether a top-level block starts a new page (a page break, or a heading that starts one: document/breaks.ts). */
const breaksPage = (blocks: readonly Block[], i: number): boolean => blocks[i]!.type === 'pageBreak' || startsPage(blocks, i);
/** Whether a block keeps with the next one (headings, figures): the next page may take it along, so no run ends on it. */
const keepsWithNext = (block: Block): boolean => block.type === 'heading' || block.type === 'figure';
/** Whether a block writes anything (blocks.ts): not a page break, an empty list or a quote of nothing. */
const writes = (block: Block): boolean =>
  block.type === 'pageBreak' ? false : block.type === 'list' ? block.items.length > 0 : block.type === 'quote' ? block.children.some(writes) : true;

/** Splits a chunk's blocks where a block starts a new page after one that doesn't keep with it. */
function pageRuns(blocks: readonly Block[]): Block[][] {
  const runs: Block[][] = [];
  let current: Block[] = [];
  let last: Block | undefined;
  for (const [i, block] of blocks.entries()) {
    if (current.length > 0 && breaksPage(blocks, i) && !(last && keepsWithNext(last))) {
      runs.push(current);
      current = [];
    }
    current.push(block);
    if (block.type !== 'pageBreak') last = block;
  }
  runs.push(current);
  return runs;
}

/** The DOCX sections of the model and their runs, without rendering them. */
export function planSections(ctx: RenderContext, model: DocumentModel): DocxSection[] {
  const g = ctx.geometry;
  const out: DocxSection[] = [];
  let numbered = false; // whether numbering has started (first body section)
  for (const section of model.sections) {
    // The cover and the front matter (目录) carry no page number; the body counts from 1. (LibreOffice also prints an
    // empty PAGE field on pages that hold the TOC field, so numbering the TOC pages would show "— —".)
    const cover = section.kind !== 'body';
    for (const chunk of chunksOf(section)) {
      const page = pageOf(g, chunk.orientation);
      const startNumbering = !cover && !numbered;
      if (!cover) numbered = true;
      const footers: FooterKind = cover ? (out.length > 0 ? 'empty' : 'none') : 'pageNumbers';
      const runs: LayoutRun[] = [];
      let written = false;
      for (const blocks of pageRuns(chunk.blocks)) {
        // A run that writes nothing (page breaks only) is left out: the next block breaks the page itself.
        if (!blocks.some(writes)) continue;
        runs.push({ kind: chunk.kind, orientation: chunk.orientation, footers, firstInSection: !written, closesSection: false, blocks });
        written = true;
      }
      // An empty section still takes a page.
      if (runs.length === 0) runs.push({ kind: chunk.kind, orientation: chunk.orientation, footers, firstInSection: true, closesSection: false, blocks: chunk.blocks });
      runs[runs.length - 1]!.closesSection = true;
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
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: gridPitch(g, chunk.orientation), charSpace: g.charSpace },
        },
        orientation: chunk.orientation,
        footers,
        runs,
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
      orientation: 'portrait',
      footers: 'none',
      runs: [{ kind: 'cover', orientation: 'portrait', footers: 'none', firstInSection: true, closesSection: true, blocks: [] }],
    });
  }
  // The last section is closed by the body's own properties.
  const lastRuns = out[out.length - 1]!.runs;
  lastRuns[lastRuns.length - 1]!.closesSection = false;
  return out;
}

/** The blocks of a run as DOCX paragraphs and tables. */
export function renderRun(ctx: RenderContext, run: LayoutRun): FileChild[] {
  if (run.kind === 'cover' && run.blocks.every((b) => b.type === 'paragraph')) return renderCover(ctx, run.blocks);
  const children = renderBlocks(ctx, run.blocks, { orientation: run.orientation, role: 'body', indentChars: 0, firstInSection: run.firstInSection });
  // A section that ends in a table, another after it, ends with a paragraph a point high (which takes the section's
  // properties), not the empty line docx would close it with: Word puts a line there, on a page of its own when the
  // table fills the last one, where LibreOffice puts none, and the 目录's numbers (docx's layout) followed Word.
  if (run.closesSection && children.length > 0 && !(children[children.length - 1] instanceof Paragraph)) {
    children.push(new Paragraph({ spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT }, children: [] }));
  }
  return children;
}

/**
 * The footers of a section of a kind; a landscape section's page numbers stand in its left margin (footers.ts).
 * `forLayout`: as docx's page layout is given them (the same room, without the text box it does not lay out).
 */
export function sectionFooters(ctx: RenderContext, kind: FooterKind, orientation: 'portrait' | 'landscape' = 'portrait', forLayout = false): SectionFooters | undefined {
  if (kind === 'pageNumbers') return orientation === 'landscape' ? landscapePageNumberFooters(ctx.profile, ctx.geometry, forLayout) : pageNumberFooters(ctx.profile);
  return kind === 'empty' ? emptyFooters() : undefined;
}

/** The properties of a section of one run, laid out alone (layout.ts): numbered from 1. */
export function runSection(ctx: RenderContext, run: LayoutRun, footnoteStart: number, children: FileChild[]): ISectionOptions {
  const g = ctx.geometry;
  const page = pageOf(g, run.orientation);
  const footers = sectionFooters(ctx, run.footers, run.orientation, true);
  return {
    properties: {
      page: {
        size: {
          width: g.portrait.pageWidth,
          height: g.portrait.pageHeight,
          orientation: run.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: page.margin,
        pageNumbers: { start: 1, formatType: NumberFormat.DECIMAL },
      },
      grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: gridPitch(g, run.orientation), charSpace: g.charSpace },
      ...(footnoteStart > 1 ? { footnoteProperties: { start: footnoteStart } } : {}),
    },
    ...(footers ? { footers } : {}),
    children,
  };
}
