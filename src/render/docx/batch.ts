/**
 * A batch of the document (index.ts): consecutive runs, as (parts of) DOCX sections, written by docx as a document of
 * its own whose package the assembler joins to the others (package.ts). A batch is written here or on a worker thread
 * (layout-pool.ts), with the same bytes either way:
 *
 * - What writing it depends on from the batches before it is worked out beforehand (`batchStarts`): which of its
 *   anchors an earlier block carried already (only the first carries the bookmark), and how many figures came before.
 * - Its pictures cross to a worker as their keys (media.ts), which docx's stand-ins are made from, not as their bytes.
 * - The page numbers it shows are stand-ins (numbers.ts), numbered alike on every thread.
 */
import { FileBytes } from '../../util/file-bytes.js';
import { Document, type ISectionOptions, type PageNumberEstimator } from '#docx';
import type { Block, DocumentMeta, Figure, FootnoteDef } from '../../document/model.js';
import { walkBlocks } from '../../document/walk.js';
import type { RenderContext } from './context.js';
import { buildFootnotes } from './footnotes.js';
import type { MediaStore } from './media.js';
import { solidPng } from './png.js';
import { documentProperties } from './properties.js';
import { renderRun, sectionFooters, type DocxSection, type FooterKind, type LayoutRun } from './sections.js';
import type { IStylesOptions } from '#docx';

/** Part of a DOCX section in a batch: its properties, and whether the batch closes the section (and so has its footers). */
export interface BatchPart {
  properties: DocxSection['properties'];
  orientation: DocxSection['orientation'];
  footers: FooterKind;
  closes: boolean;
  runs: LayoutRun[];
}

export interface BatchSpec {
  parts: BatchPart[];
  /** Whether the batch ends a section but not the document: docx then closes it as it closes a section another follows. */
  closeAfter: boolean;
}

/** What a batch is written with besides its runs: the same for every batch. */
export interface BatchCommon {
  meta: DocumentMeta;
  styles: IStylesOptions;
  /** The document's footnotes: given to the first batch only (word/footnotes.xml is the first batch's). */
  footnotes?: readonly FootnoteDef[];
}

/** Where a batch starts: its anchors that an earlier block carried already, and the figures before it. */
export interface BatchStart {
  placed: string[];
  figures: number;
}

/** The batches as parts of sections, from the plan (index.ts `batchesOf`). */
export function batchSpecs(batches: ReadonlyArray<ReadonlyArray<{ section: DocxSection; runs: LayoutRun[] }>>): BatchSpec[] {
  return batches.map((batch, i) => {
    const closes = ({ section, runs }: { section: DocxSection; runs: LayoutRun[] }) => runs[runs.length - 1] === section.runs[section.runs.length - 1];
    return {
      parts: batch.map((p) => ({ properties: p.section.properties, orientation: p.section.orientation, footers: p.section.footers, closes: closes(p), runs: p.runs })),
      closeAfter: i < batches.length - 1 && closes(batch[batch.length - 1]!),
    };
  });
}

/**
 * Where each batch starts, as writing them in order leaves it: a heading's or figure's bookmark goes on the first block
 * that carries its anchor (bookmarks.ts `place`), and figures are counted (blocks.ts). Every block of a run is written.
 */
export function batchStarts(specs: readonly BatchSpec[]): BatchStart[] {
  const seen = new Set<string>();
  let figures = 0;
  return specs.map((spec) => {
    const placed = new Set<string>();
    const before = figures;
    for (const part of spec.parts) {
      for (const run of part.runs) {
        walkBlocks(run.blocks, {
          block(b: Block) {
            if (b.type === 'figure') figures++;
            if (b.type !== 'heading' && b.type !== 'figure') return;
            if (seen.has(b.anchor)) placed.add(b.anchor);
            seen.add(b.anchor);
          },
        });
      }
    }
    return { placed: [...placed], figures: before };
  });
}

/** The batch as a docx Document, its runs rendered from where it starts. */
export function batchDocument(ctx: RenderContext, spec: BatchSpec, start: BatchStart, common: BatchCommon, numbers: PageNumberEstimator | undefined): Document {
  ctx.bookmarks.setPlaced(new Set(start.placed));
  ctx.state.figures = start.figures;
  const sections: ISectionOptions[] = spec.parts.map((part) => {
    // Only the part that ends a section keeps its properties (the others' are dropped when the batches are joined).
    const footers = part.closes ? sectionFooters(ctx, part.footers, part.orientation) : undefined;
    return { properties: part.properties, ...(footers ? { footers } : {}), children: part.runs.flatMap((run) => renderRun(ctx, run)) };
  });
  if (spec.closeAfter) sections.push({ properties: {}, children: [] });
  return new Document({
    ...documentProperties(common.meta),
    styles: common.styles,
    ...(common.footnotes ? { footnotes: buildFootnotes(ctx, common.footnotes) } : {}),
    evenAndOddHeaderAndFooters: true,
    // Word updates the fields (the 目录 from the heading styles, with its own pagination) as it opens the file,
    // after asking; LibreOffice shows the numbers written (README: what holds where).
    features: { updateFields: true },
    // A line ended by a line break is not stretched to the margin (Word expands its spaces, LibreOffice its
    // characters, by default): the breaks put before a code (document/unbroken.ts) leave lines short.
    compatibility: { doNotExpandShiftReturn: true },
    sections,
    ...(numbers ? { pageNumbers: numbers } : {}),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// A batch crossing to a worker thread

/** A picture as it crosses: the key docx's stand-in is made from (media.ts). */
interface PictureKey { $picture: 'png' | 'svg'; key: string }

/**
 * The batch as JSON for a worker, each picture replaced by its key (registered in `media`, which keeps the bytes for the
 * package). An SVG without a PNG gets docx's blank fallback registered too (figures.ts), as writing it here would.
 */
export function encodeBatch(spec: BatchSpec, start: BatchStart, media: MediaStore): string {
  return JSON.stringify({ spec, start }, function (this: unknown, key: string, value: unknown) {
    if (key === 'svg' && value !== undefined && value !== null) {
      const figure = this as Figure;
      if (figure.png === undefined) media.binaryKey('png', solidPng(1, 1));
      return { $picture: 'svg', key: media.svgKey(figure.svg!) } satisfies PictureKey;
    }
    if (key === 'png' && (value instanceof Uint8Array || value instanceof FileBytes)) return { $picture: 'png', key: media.binaryKey('png', value) } satisfies PictureKey;
    return value;
  });
}

/** The batch a worker was sent, each picture an empty stand-in that `media` knows the key of. */
export function decodeBatch(text: string, media: MediaStore): { spec: BatchSpec; start: BatchStart } {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && '$picture' in value) {
      const { $picture, key } = value as PictureKey;
      return media.keyed(new Uint8Array(0), $picture, key);
    }
    return value;
  }) as { spec: BatchSpec; start: BatchStart };
}
