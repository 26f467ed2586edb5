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
import type { Document, EstimatedPageNumbers, PageNumberEstimator } from '#docx';
import type { Block, DocumentModel, TocBlock } from '../../document/model.js';
import { collect, walkBlocks } from '../../document/walk.js';
import type { LayoutProfile } from '../../domain/profile.js';
import { bookmarkNamesOf } from './bookmarks.js';
import type { RenderContext } from './context.js';
import { capturingEstimator } from './estimate.js';
import { fontFileSet } from './fonts.js';
import { geometryOf } from './geometry.js';
import { batchDocument, batchSpecs, batchStarts, encodeBatch } from './batch.js';
import { BatchLayouts, fixedEstimator, layOutRuns, type BatchPlan } from './layout.js';
import type { PoolTask } from './layout-pool.js';
import { PageNumberStandIns, type StandInCounts } from './numbers.js';
import { MediaStore } from './media.js';
import { compilePackage, PackageAssembler, type PartData } from './package.js';
import { Deflater, joinPieces } from './zip.js';
import type { FileBytes } from '../../util/file-bytes.js';
import { collectSooner } from './heap.js';
import { planSections, type DocxSection, type LayoutRun } from './sections.js';
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
   * A directory to keep the flowcharts' SVGs in as they go into the zip, compressed (media.ts), by the hash of their
   * bytes: a build whose drawings have not changed compresses none. The build passes `<repo>/.powerbook/cache/docx-svg`.
   */
  svgCacheDir?: string;
  /**
   * How the TOC's page numbers are laid out: run by run (`runs`, the default: each part, power and rule starts on a
   * new page, so each is laid out alone, and cached with `layoutCacheDir`), or the whole document at once
   * (`document`: the same numbers, for checking; its cost grows faster than the document).
   */
  layout?: 'runs' | 'document';
  /**
   * How much of the document docx writes at a time (about a unit per paragraph and per table cell; default 1500):
   * docx holds what it writes several times over in memory, so a large document is written in batches and joined.
   * The whole document's layout (`layout: 'document'`) writes it in one.
   */
  batch?: number;
  /**
   * false: no batch is laid out as it is written (layout.ts `BatchLayouts`); every run is laid out in a document of
   * its own group. For the tests, which compare the two.
   */
  layoutWhileWriting?: boolean;
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
  /** Runs in the document, laid out, taken from the cache, and of those laid out, laid out as their batch was written. */
  layoutRuns?: { total: number; laidOut: number; cached: number; batched: number };
  millis: { layoutAndPack: number; finish: number; total: number };
}

/** A batch written (here or on a worker): its package's parts, and what docx asked the page numbers' stand-ins for. */
interface BatchWritten {
  parts: Map<string, PartData>;
  standIns: StandInCounts;
  /** Whether its document.xml has every run's fonts already (package.ts `addRunFonts`, done on the worker). */
  runFontsAdded?: boolean;
}

interface Built {
  assembler: PackageAssembler;
  media: MediaStore;
  /** Compressing the pictures meanwhile (closed once the package is finished). */
  deflater?: Deflater;
  entries: readonly TocEntry[];
  estimate?: EstimatedPageNumbers;
  mode: DocxRenderReport['pageNumbers'];
  missingFonts: string[];
  layoutRuns?: DocxRenderReport['layoutRuns'];
}

/** How much of the document docx writes at a time, by default (see `batch`). */
const BATCH = 1500;

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
    media: new MediaStore(false, opts.svgCacheDir),
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
  const specs = batchSpecs(batchesOf(plan, whole ? Infinity : Math.max(1, opts.batch ?? (Number(process.env.POWERBOOK_DOCX_BATCH) || BATCH)), tocEntries.length));
  const starts = batchStarts(specs);
  /** The batch as a docx Document: its runs rendered from where the batch starts (batch.ts). */
  const documentOf = (i: number, numbers: PageNumberEstimator | undefined): Document =>
    batchDocument(ctx, specs[i]!, starts[i]!, { meta: model.meta, styles, ...(i === 0 ? { footnotes: model.footnotes } : {}) }, numbers);

  let deflater: Deflater | undefined;
  if (specs.length > 1) {
    // The body is compressed a batch at a time on the deflater's thread as the batches are joined (package.ts
    // `compressWith`), not all at once on this thread once the last one is.
    deflater = Deflater.start();
    assembler.compressWith(deflater);
  }
  if (laidOut && !whole) {
    // The batches are written while the pages are laid out (here, while the worker threads lay out runs; then this
    // thread lays out runs too), with stand-ins for the page numbers the TOC shows, which take the numbers once they
    // are known (numbers.ts).
    const names = ctx.bookmarks.entries().map(([, name]) => name);
    const standIns = new PageNumberStandIns(names);
    let withStandIns = 0; // how far the document has stand-ins
    // Each batch written here or on a worker (batch.ts), and joined in order as soon as the ones before it are.
    const written = new Map<number, BatchWritten>();
    let joined = 0;
    const join = (i: number, w: BatchWritten) => {
      written.set(i, w);
      for (let next = written.get(joined); next; next = written.get(joined)) {
        written.delete(joined);
        standIns.absorb(next.standIns);
        assembler.add(next.parts, joined === specs.length - 1, next.runFontsAdded === true);
        if (next.standIns.asked > 0) withStandIns = assembler.documentLength;
        joined++;
      }
    };
    // On one thread, some batches are laid out as they are written (layout.ts BatchLayouts).
    const batchLayouts = new BatchLayouts(profile, opts.fontFiles);
    const writes = specs.map((spec, i): PoolTask<BatchWritten> => ({
      message: () => ({ kind: 'batch', data: encodeBatch(spec, starts[i]!, ctx.media) }),
      local: () => {
        const own = new PageNumberStandIns(names);
        return { parts: compilePackage(documentOf(i, batchLayouts.estimator(i, own.estimator))), standIns: own.counts() };
      },
      done: (w) => join(i, w),
      // The first batch has the footnotes (and, for all the batches after it, every bookmark name's stand-in).
      ...(i === 0 ? { here: true } : {}),
    }));
    // The SVGs compress slowly: on another thread, from when a thread of the layout is spare (every picture is known
    // then: the batches are written first).
    const spare = () => {
      deflater ??= Deflater.start();
      ctx.media.compressSvgs(deflater);
    };
    let layout: Awaited<ReturnType<typeof layOutRuns>>;
    try {
      const batches: BatchPlan = {
        runs: specs.map((spec) => (spec.parts.length === 1 ? spec.parts[0]!.runs : undefined)),
        firstPage: specs.map((spec) => spec.parts[0]?.properties.page?.pageNumbers?.start ?? 1),
        closeAfter: specs.map((spec) => spec.closeAfter),
        layouts: batchLayouts,
      };
      layout = await layOutRuns(ctx, plan.flatMap((s) => s.runs), model.footnotes, {
        styles, fontFiles: opts.fontFiles, cacheDir: opts.layoutCacheDir, writes: writes as Array<PoolTask<unknown>>, writer: { meta: model.meta }, spare,
        ...(opts.layoutWhileWriting === false ? {} : { batches }),
      });
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
      for (let i = 0; i < specs.length; i++) assembler.add(compilePackage(documentOf(i, fixedEstimator(layout.estimate))), i === specs.length - 1);
    }
  } else {
    try {
      for (let i = 0; i < specs.length; i++) assembler.add(compilePackage(documentOf(i, pageNumbers)), i === specs.length - 1);
    } catch (e) {
      await (deflater as Deflater | undefined)?.close();
      throw e;
    }
  }
  const est = result?.();
  return {
    assembler,
    media: ctx.media,
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
  return { buffer: joinPieces(pieces), report };
}

/**
 * Renders the compendium as a DOCX whose bytes are the pieces one after the other (the zip's headers and its entries'
 * data, zip.ts): a build writes them to the file as they are, without a buffer of the whole file (about 120 MB for
 * 1,000 powers, which most of all would be the flowchart pictures a second time).
 */
export async function renderDocxPieces(model: DocumentModel, opts: RenderDocxOptions): Promise<{ pieces: Array<Uint8Array | FileBytes>; report: DocxRenderReport }> {
  // A large document: its heaps are collected sooner while it is rendered (heap.ts).
  const large = opts.layout !== 'document' && model.sections.reduce((n, s) => n + weight(s.blocks, 0), 0) >= 2 * BATCH;
  const release = large ? collectSooner() : undefined;
  try {
    return await render(model, opts);
  } finally {
    release?.();
  }
}

async function render(model: DocumentModel, opts: RenderDocxOptions): Promise<{ pieces: Array<Uint8Array | FileBytes>; report: DocxRenderReport }> {
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
  let pieces: Array<Uint8Array | FileBytes>;
  try {
    pieces = await built.assembler.finishPieces();
    built.media.pruneSvgCache();
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
