/**
 * DOCX backend: the compendium (制度汇编) as an official-format (GB/T 9704) Word document, rendered from the document
 * model alone.
 *
 * - A4, margins and a 22 × 28 document grid from the layout profile; every run names its East Asian and Latin fonts.
 * - Page numbers "— N —" on the outer side (odd right, even left), none on the cover, from 1 after it.
 * - A real TOC field with the page numbers already in it (docx's own page layout works them out), so Word, WPS and
 *   LibreOffice show them on opening without asking to update fields.
 * - Deterministic: the same model gives the same bytes (see package.ts).
 */
import { Document, Packer, type ISectionOptions } from 'docx';
import type { DocumentModel } from '../../document/model.js';
import type { LayoutProfile } from '../profile.js';
import { bookmarkNamesOf } from './bookmarks.js';
import type { RenderContext } from './context.js';
import { capturingEstimator } from './estimate.js';
import { geometryOf } from './geometry.js';
import { buildFootnotes } from './footnotes.js';
import { finishPackage } from './package.js';
import { documentProperties } from './properties.js';
import { buildSections } from './sections.js';
import { buildStyles } from './styles.js';
import { tocEntriesOf, type TocEntry } from './toc.js';

export { convertWithLibreOffice, LibreOfficeError } from './libreoffice.js';
export { DEFAULT_FONT_FILES } from './fonts.js';

export interface RenderDocxOptions {
  profile: LayoutProfile;
  /** Font name (as the DOCX writes it, e.g. "仿宋_GB2312"; "<name> Bold" for a bold face) → font file, for the page-number estimate. */
  fontFiles?: Partial<Record<string, string>>;
  /** Work out the TOC's page numbers (default true). When false, the TOC lists the headings without page numbers. */
  tocPageNumbers?: boolean;
}

export interface DocxRenderReport {
  /**
   * How the TOC's page numbers were written: `estimated` (laid out as Word does), `guessed` (the layout had to guess
   * past something it can't follow; see `guesses`), `blank` (the layout gave up: Word fills them in on "Update
   * Field"), or `off` (not asked for, or no TOC).
   */
  pageNumbers: 'estimated' | 'guessed' | 'blank' | 'off';
  /** The TOC's entries with the page number written for each (as the page shows it). */
  toc: Array<{ level: number; text: string; anchor: string; page?: string }>;
  /** Pages of the document, when the layout worked them out. */
  pageCount?: number;
  /** Fonts of the document without a file to measure them with. */
  missingFonts: string[];
  guesses: Array<{ reason: string; page: number }>;
  millis: { layoutAndPack: number; finish: number; total: number };
}

interface Built {
  docx: Uint8Array;
  entries: readonly TocEntry[];
  estimate?: ReturnType<ReturnType<typeof capturingEstimator>['result']>;
  missingFonts: string[];
}

async function build(model: DocumentModel, opts: RenderDocxOptions, estimate: 'strict' | 'guess' | 'off'): Promise<Built> {
  const { profile } = opts;
  const geometry = geometryOf(profile);
  const bookmarks = bookmarkNamesOf(model);
  const tocEntries = tocEntriesOf(model, bookmarks);
  const hasToc = model.sections.some((s) => s.blocks.some((b) => b.type === 'toc'));
  const ctx: RenderContext = {
    profile,
    geometry,
    bookmarks,
    footnoteIds: new Set(model.footnotes.map((f) => f.id)),
    tocPageNumbers: estimate !== 'off',
    tocEntries,
    state: { figures: 0 },
  };
  const sections: ISectionOptions[] = buildSections(ctx, model);
  const footnotes = buildFootnotes(ctx, model.footnotes);
  const estimator = estimate !== 'off' && hasToc && tocEntries.length > 0 ? capturingEstimator(profile, opts.fontFiles, estimate === 'guess') : undefined;
  const doc = new Document({
    ...documentProperties(model.meta),
    styles: buildStyles(profile, geometry),
    footnotes,
    evenAndOddHeaderAndFooters: true,
    features: { updateFields: false },
    sections,
    ...(estimator ? { pageNumbers: estimator.estimator } : {}),
  });
  const docx = await Packer.toBuffer(doc);
  return {
    docx,
    entries: tocEntries,
    ...(estimator ? { estimate: estimator.result() } : {}),
    missingFonts: estimator?.missingFonts ?? [],
  };
}

const complete = (b: Built): boolean => b.estimate !== undefined && b.entries.every((e) => b.estimate!.bookmarks.has(e.bookmark));

/** Renders the compendium as a DOCX, with a report of how the TOC's page numbers were worked out. */
export async function renderDocxWithReport(model: DocumentModel, opts: RenderDocxOptions): Promise<{ buffer: Buffer; report: DocxRenderReport }> {
  const t0 = performance.now();
  const wanted = opts.tocPageNumbers !== false;
  let built = await build(model, opts, wanted ? 'strict' : 'off');
  let mode: DocxRenderReport['pageNumbers'] = built.estimate ? 'estimated' : 'off';
  if (built.estimate && !complete(built)) {
    // The layout stopped at something it can't lay out as Word does: lay out past it with its best guess.
    built = await build(model, opts, 'guess');
    mode = complete(built) ? 'guessed' : 'blank';
  }
  const t1 = performance.now();
  const created = new Date(model.meta.created);
  const buffer = finishPackage(built.docx, { profile: opts.profile, created: Number.isFinite(created.getTime()) ? created : new Date(0) });
  const t2 = performance.now();
  const pages = built.estimate?.bookmarks;
  const report: DocxRenderReport = {
    pageNumbers: mode,
    toc: built.entries.map((e) => {
      const page = pages?.get(e.bookmark);
      return { level: e.level, text: e.text, anchor: e.anchor, ...(page ? { page } : {}) };
    }),
    ...(built.estimate?.pageCount !== undefined ? { pageCount: built.estimate.pageCount } : {}),
    missingFonts: built.missingFonts,
    guesses: [...(built.estimate?.guesses ?? [])],
    millis: { layoutAndPack: t1 - t0, finish: t2 - t1, total: t2 - t0 },
  };
  return { buffer, report };
}

/** Renders the compendium as a DOCX. */
export async function renderDocx(
  model: DocumentModel,
  opts: { profile: LayoutProfile; fontFiles?: Partial<Record<string, string>>; tocPageNumbers?: boolean },
): Promise<Buffer> {
  return (await renderDocxWithReport(model, opts)).buffer;
}
