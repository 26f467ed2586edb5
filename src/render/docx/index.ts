/**
 * DOCX backend: the compendium (制度汇编) as an official-format (GB/T 9704) Word document, rendered from the document
 * model alone.
 *
 * - A4, margins and a 22 × 28 document grid from the layout profile; every run names its East Asian and Latin fonts.
 * - Page numbers "— N —" on the outer side (odd right, even left), none on the cover, from 1 after it.
 * - A real TOC field with the page numbers already in it (docx's own page layout works them out, run of pages by run
 *   of pages, layout.ts), so Word, WPS and LibreOffice show them on opening without asking to update fields.
 * - Deterministic: the same model gives the same bytes (see package.ts).
 * - Large documents: docx writes the document a batch of runs at a time and package.ts joins the batches, so the
 *   memory taken is about a batch's; the pictures' bytes go into the package only at the end (media.ts). The batches
 *   are written while the pages are laid out (layout.ts, on worker threads meanwhile), with stand-ins for the TOC's
 *   page numbers that take the numbers once they are known (numbers.ts); the heaps are collected sooner (heap.ts).
 */
import { Document, type EstimatedPageNumbers, type ISectionOptions, type PageNumberEstimator } from '#docx';
import type { Block, DocumentModel, TocBlock } from '../../document/model.js';
import { collect, walkBlocks } from '../../document/walk.js';
import type { LayoutProfile } from '../../domain/profile.js';
import { bookmarkNamesOf } from './bookmarks.js';
import type { RenderContext } from './context.js';
import { capturingEstimator } from './estimate.js';
import { fontFileSet } from './fonts.js';
import { geometryOf } from './geometry.js';
import { buildFootnotes } from './footnotes.js';
import { fixedEstimator, layOutRuns } from './layout.js';
import { PageNumberStandIns } from './numbers.js';
import { MediaStore } from './media.js';
import { compilePackage, PackageAssembler } from './package.js';
import { Deflater } from './zip.js';
import { collectSooner } from './heap.js';
import { documentProperties } from './properties.js';
import { planSections, renderRun, sectionFooters, type DocxSection, type LayoutRun } from './sections.js';
import { buildStyles } from './styles.js';
import { tocEntriesOf, type TocEntry } from './toc.js';

export { DEFAULT_FONT_FILES } from './fonts.js';

export interface RenderDocxOptions {
  profile: LayoutProfile;
  /** Font name (as the DOCX writes it, e.g. "仿宋_GB2312"; "<name> Bold" for a bold face) → font file, for the page-number estimate. */
  fontFiles?: Partial<Record<string, string>>;
  /** Work out the TOC's page numbers (default true). When false, the TOC lists the headings without page numbers. */
  tocPageNumbers?: boolean;
  /**
   * A directory to keep the page layout of each run of pages in (layout.ts), so that a rebuild lays out only what
   * changed. The build passes `<repo>/.powerbook/cache/layout`.
   */
  layoutCacheDir?: string;
  /**
   * How the TOC's page numbers are laid out: run by run (`runs`, the default: each part, power and rule starts on a
   * new page, so each is laid out alone, and cached with `layoutCacheDir`), or the whole document at once
   * (`document`: the same numbers, for checking; its cost grows faster than the document).
   */
  layout?: 'runs' | 'document';
  /**
   * How much of the document docx writes at a time (about a unit per paragraph and per table cell; default 6000):
   * docx holds what it writes several times over in memory, so a large document is written in batches and joined.
   * The whole document's layout (`layout: 'document'`) writes it in one.
   */
  batch?: number;
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
  /** Runs of pages laid out (`laidOut`) and taken from the layout cache (`cached`), when laid out run by run. */
  layoutRuns?: { total: number; laidOut: number; cached: number };
  millis: { layoutAndPack: number; finish: number; total: number };
}

interface Built {
  assembler: PackageAssembler;
  /** Compressing the pictures meanwhile (closed once the package is finished). */
  deflater?: Deflater;
  entries: readonly TocEntry[];
  estimate?: EstimatedPageNumbers;
  mode: DocxRenderReport['pageNumbers'];
  missingFonts: string[];
  layoutRuns?: DocxRenderReport['layoutRuns'];
}

/** How much of the document docx writes at a time, by default (see `batch`). */
const BATCH = 6000;

/** Roughly how much blocks write: a unit for each paragraph and table cell, and for each empty list item. */
function weight(blocks: readonly Block[], tocEntries: number): number {
  let n = 0;
  walkBlocks(blocks, {
    block(b) {
      if (b.type === 'table') n += b.rows.reduce((k, r) => k + r.cells.length, 0);
      else if (b.type === 'list') n += b.items.filter((item) => item.length === 0).length;
      else if (b.type === 'toc') n += tocEntries;
      else if (b.type !== 'quote') n += 1;
    },
  });
  return n;
}

/** The document as batches of consecutive runs, each a list of (parts of) DOCX sections. */
function batchesOf(plan: readonly DocxSection[], limit: number, tocEntries: number): Array<Array<{ section: DocxSection; runs: LayoutRun[] }>> {
  const batches: Array<Array<{ section: DocxSection; runs: LayoutRun[] }>> = [];
  let batch: Array<{ section: DocxSection; runs: LayoutRun[] }> = [];
  let size = 0;
  for (const section of plan) {
    let part: { section: DocxSection; runs: LayoutRun[] } | undefined;
    for (const run of section.runs) {
      if (size > 0 && size >= limit) {
        batches.push(batch);
        batch = [];
        part = undefined;
        size = 0;
      }
      if (!part) batch.push((part = { section, runs: [] }));
      part.runs.push(run);
      size += Math.max(1, weight(run.blocks, tocEntries));
    }
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

async function build(model: DocumentModel, opts: RenderDocxOptions, estimate: 'strict' | 'guess' | 'off'): Promise<Built> {
  const { profile } = opts;
  const geometry = geometryOf(profile);
  const bookmarks = bookmarkNamesOf(model);
  const tocEntries = tocEntriesOf(model, bookmarks);
  const hasToc = collect(model, (b): b is TocBlock => b.type === 'toc').length > 0;
  const ctx: RenderContext = {
    profile,
    geometry,
    bookmarks,
    footnoteIds: new Set(model.footnotes.map((f) => f.id)),
    tocPageNumbers: estimate !== 'off',
    tocEntries,
    media: new MediaStore(),
    state: { figures: 0 },
  };
  const plan = planSections(ctx, model);
  const styles = buildStyles(profile, geometry);
  const laidOut = estimate !== 'off' && hasToc && tocEntries.length > 0;
  const whole = opts.layout === 'document';
  let pageNumbers: PageNumberEstimator | undefined;
  let result: (() => EstimatedPageNumbers | undefined) | undefined;
  let mode: DocxRenderReport['pageNumbers'] = 'off';
  let layoutRuns: DocxRenderReport['layoutRuns'];
  const missingFonts = laidOut ? fontFileSet(profile, opts.fontFiles).missing : [];
  if (laidOut && whole) {
    const estimator = capturingEstimator(profile, opts.fontFiles, estimate === 'guess');
    pageNumbers = estimator.estimator;
    result = estimator.result;
    mode = estimate === 'guess' ? 'guessed' : 'estimated';
  }

  // Written a batch at a time: docx holds the document it writes several times over in memory. The whole
  // document's layout needs it in one piece.
  const created = new Date(model.meta.created);
  const newAssembler = () => new PackageAssembler({ profile, created: Number.isFinite(created.getTime()) ? created : new Date(0), media: ctx.media });
  let assembler = newAssembler();
  const batches = batchesOf(plan, whole ? Infinity : Math.max(1, opts.batch ?? BATCH), tocEntries.length);
  /** The batch as a docx Document: its runs rendered (in document order: bookmarks and figures are numbered as they come). */
  const documentOf = (i: number, numbers: PageNumberEstimator | undefined): Document => {
    const batch = batches[i]!;
    const last = i === batches.length - 1;
    const sections: ISectionOptions[] = batch.map(({ section, runs }) => {
      // Only the part that ends a section keeps its properties (the others' are dropped when the batches are joined).
      const closes = runs[runs.length - 1] === section.runs[section.runs.length - 1];
      const footers = closes ? sectionFooters(ctx, section.footers, section.orientation) : undefined;
      return { properties: section.properties, ...(footers ? { footers } : {}), children: runs.flatMap((run) => renderRun(ctx, run)) };
    });
    const tail = batch[batch.length - 1]!;
    // A section that ends the batch but not the document is closed as docx closes one another follows.
    if (!last && tail.runs[tail.runs.length - 1] === tail.section.runs[tail.section.runs.length - 1]) sections.push({ properties: {}, children: [] });
    return new Document({
      ...documentProperties(model.meta),
      styles,
      ...(i === 0 ? { footnotes: buildFootnotes(ctx, model.footnotes) } : {}),
      evenAndOddHeaderAndFooters: true,
      // Word updates the fields (the 目录 from the heading styles, with its own pagination) as it opens the file,
      // after asking; LibreOffice shows the numbers written (README: what holds where).
      features: { updateFields: true },
      sections,
      ...(numbers ? { pageNumbers: numbers } : {}),
    });
  };

  let deflater: Deflater | undefined;
  if (laidOut && !whole) {
    // The batches are written while the pages are laid out (here, while the worker threads lay out runs; then this
    // thread lays out runs too), with stand-ins for the page numbers the TOC shows, which take the numbers once they
    // are known (numbers.ts).
    const standIns = new PageNumberStandIns();
    let withStandIns = 0; // how far the document has stand-ins
    const meanwhile = async (): Promise<void> => {
      for (let i = 0; i < batches.length; i++) {
        const before = standIns.asked;
        assembler.add(compilePackage(documentOf(i, standIns.estimator)), i === batches.length - 1);
        if (standIns.asked > before) withStandIns = assembler.documentLength;
        await new Promise((r) => setImmediate(r)); // let the layout's workers have their next runs
      }
    };
    // The SVGs compress slowly: on another thread, from when a thread of the layout is spare (every picture is known
    // then: the batches are written first).
    const spare = () => {
      deflater ??= Deflater.start();
      ctx.media.compressSvgs(deflater);
    };
    let layout: Awaited<ReturnType<typeof layOutRuns>>;
    try {
      layout = await layOutRuns(ctx, plan.flatMap((s) => s.runs), model.footnotes, { styles, fontFiles: opts.fontFiles, cacheDir: opts.layoutCacheDir, meanwhile, spare });
    } catch (e) {
      await (deflater as Deflater | undefined)?.close();
      throw e;
    }
    spare(); // the pictures it did not know of yet, if the layout was spare before every batch was written
    result = () => layout.estimate;
    mode = layout.mode;
    layoutRuns = layout.runs;
    if (!standIns.fits || (standIns.asked > 0 && !assembler.replaceDocumentStart(withStandIns, (text) => standIns.fill(text, layout.estimate)))) {
      // The numbers can't just take the stand-ins' places: the document is written again, with them.
      assembler = newAssembler();
      ctx.bookmarks.setPlaced(new Set());
      ctx.state.figures = 0;
      for (let i = 0; i < batches.length; i++) assembler.add(compilePackage(documentOf(i, fixedEstimator(layout.estimate))), i === batches.length - 1);
    }
  } else {
    for (let i = 0; i < batches.length; i++) assembler.add(compilePackage(documentOf(i, pageNumbers)), i === batches.length - 1);
  }
  const est = result?.();
  return {
    assembler,
    ...(deflater ? { deflater } : {}),
    entries: tocEntries,
    ...(est ? { estimate: est } : {}),
    mode: est ? mode : 'off',
    missingFonts,
    ...(layoutRuns ? { layoutRuns } : {}),
  };
}

const complete = (b: Built): boolean => b.estimate !== undefined && b.entries.every((e) => b.estimate!.bookmarks.has(e.bookmark));

/** Renders the compendium as a DOCX, with a report of how the TOC's page numbers were worked out. */
export async function renderDocxWithReport(model: DocumentModel, opts: RenderDocxOptions): Promise<{ buffer: Buffer; report: DocxRenderReport }> {
  const { pieces, report } = await renderDocxPieces(model, opts);
  return { buffer: Buffer.concat(pieces, pieces.reduce((n, p) => n + p.length, 0)), report };
}

/**
 * Renders the compendium as a DOCX whose bytes are the pieces one after the other (the zip's headers and its entries'
 * data, zip.ts): a build writes them to the file as they are, without a buffer of the whole file (about 120 MB for
 * 1,000 powers, which most of all would be the flowchart pictures a second time).
 */
export async function renderDocxPieces(model: DocumentModel, opts: RenderDocxOptions): Promise<{ pieces: Uint8Array[]; report: DocxRenderReport }> {
  // A large document: its heaps are collected sooner while it is rendered (heap.ts).
  const large = opts.layout !== 'document' && model.sections.reduce((n, s) => n + weight(s.blocks, 0), 0) >= 2 * BATCH;
  const release = large ? collectSooner() : undefined;
  try {
    return await render(model, opts);
  } finally {
    release?.();
  }
}

async function render(model: DocumentModel, opts: RenderDocxOptions): Promise<{ pieces: Uint8Array[]; report: DocxRenderReport }> {
  const t0 = performance.now();
  const wanted = opts.tocPageNumbers !== false;
  let built = await build(model, opts, wanted ? 'strict' : 'off');
  let mode = built.mode;
  if (built.estimate && !complete(built)) {
    if (opts.layout === 'document') {
      // The layout stopped at something it can't lay out as Word does: lay out past it with its best guess.
      built = await build(model, opts, 'guess');
      mode = complete(built) ? 'guessed' : 'blank';
    } else {
      mode = 'blank';
    }
  }
  const t1 = performance.now();
  let pieces: Uint8Array[];
  try {
    pieces = await built.assembler.finishPieces();
  } finally {
    await built.deflater?.close();
  }
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
    ...(built.layoutRuns ? { layoutRuns: built.layoutRuns } : {}),
    millis: { layoutAndPack: t1 - t0, finish: t2 - t1, total: t2 - t0 },
  };
  return { pieces, report };
}

/** Renders the compendium as a DOCX. */
export async function renderDocx(
  model: DocumentModel,
  opts: RenderDocxOptions,
): Promise<Buffer> {
  return (await renderDocxWithReport(model, opts)).buffer;
}
