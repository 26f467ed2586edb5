/**
 * The TOC's page numbers, laid out run by run.
 *
 * Every part, power and rule starts on a new page (a section, or a heading with a page break before it), so the
 * document is a sequence of runs (sections.ts `LayoutRun`) whose pages don't depend on what comes before them. The
 * runs are laid out by docx's page layout (estimate.ts) in small documents of their own — with the same styles, page
 * setup and footers, footnotes numbered on from those before — and the pages are added up. Laying out the whole
 * document at once costs more than linear time and memory; run by run it is linear. Consecutive runs of a section are
 * laid out together, as the document has them (which saves a document each), up to `GROUP` of them.
 *
 * On one thread most runs are not laid out in documents of their own at all: a batch of the document (index.ts) is
 * laid out from the body docx formats to write it (`BatchLayouts`), and the runs of a batch get their pages from where
 * their bookmarks fall in it; what that cannot tell is laid out in groups after.
 *
 * Each run's pages (and the page of each bookmark in it) can be kept in a cache (`layoutCacheDir`), keyed by a hash of
 * what the run is made of and of everything else its layout depends on, so a rebuild lays out only what changed.
 *
 * The TOC's own run is laid out last, with the numbers written into it as text (they take the room the field results
 * will); the body's numbering starts at 1 at its first section, so the TOC's length changes none of them.
 *
 * What the whole document's layout does at the joins is done here too: a section another follows and that ends in a
 * table gets the empty paragraph docx closes it with (which takes a page of its own when the table fills the last
 * one). The tests (test/docx/layout.test.ts) check that the numbers are those of the whole document's layout.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, Paragraph, type EstimatedPageNumbers, type FileChild, type IStylesOptions, type PageNumberEstimator } from '#docx';
import type { FootnoteDef } from '../../document/model.js';
import { walkBlocks } from '../../document/walk.js';
import { DEFAULT_PNG } from '../../flowchart/config.js';
import type { RenderContext } from './context.js';
import { capturingEstimator, layOutOnly } from './estimate.js';
import { fontFileSet } from './fonts.js';
import { buildFootnotes } from './footnotes.js';
import { MediaStore } from './media.js';
import { encodeGroup, LayoutPool, POOL_MIN_BATCHES, POOL_MIN_GROUPS, type PoolTask, type WriterData } from './layout-pool.js';
import type { LayoutItem, LayoutOptions, RunPages } from './layout-types.js';
export type { LayoutItem, LayoutOptions, RunPages } from './layout-types.js';
import { renderRun, runSection, type LayoutRun } from './sections.js';

/** Bump when what a cached run's pages mean changes (the code of this backend is hashed into the key as well). */
const LAYOUT_CACHE_VERSION = 1;


export interface RunLayoutResult {
  /** What docx writes into the PAGEREF fields: each bookmark's page as it shows it, and the number of pages. */
  estimate: EstimatedPageNumbers;
  /** `estimated` (laid out as Word does), `guessed` (some run had to be guessed past), `blank` (some run gave up). */
  mode: 'estimated' | 'guessed' | 'blank';
  runs: { total: number; laidOut: number; cached: number; batched: number };
}


interface CacheFile {
  version: number;
  runs: Record<string, RunPages>;
}

// ---------------------------------------------------------------------------------------------------------------
// What a run is made of

/** Pictures count by their size only: their bytes don't move a line. */
const withoutPictures = (key: string, value: unknown): unknown => (key === 'svg' || key === 'png' ? value !== undefined : value);

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

// ---------------------------------------------------------------------------------------------------------------
// What every run's layout depends on: this backend's code, docx's version, the profile, the fonts

const require = createRequire(import.meta.url);
let codeHash: string | undefined;

/** A hash of this backend's own modules (its styles and how it renders each block decide the pages), and document/unbroken's. */
function backendCode(): string {
  if (codeHash) return codeHash;
  const dir = dirname(fileURLToPath(import.meta.url));
  const h = createHash('sha256');
  for (const name of readdirSync(dir).filter((n) => /\.(js|ts)$/.test(n) && !n.endsWith('.d.ts')).sort()) {
    h.update(name).update(readFileSync(join(dir, name)));
  }
  // And the line breaks the backend plans with document/unbroken (they move lines as its own code does).
  const own = fileURLToPath(import.meta.url);
  h.update(readFileSync(join(dir, '../../document', `unbroken${own.slice(own.lastIndexOf('.'))}`)));
  codeHash = h.digest('hex');
  return codeHash;
}

let docxVersion: string | undefined;
function docxPackageVersion(): string {
  if (docxVersion) return docxVersion;
  // The docx that runs is vendor/docx (package.json "imports": #docx), whose package.json names its version; its
  // files are patched (patches/), so their bytes say which layout it is.
  const dir = dirname(require.resolve('#docx'));
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  const h = createHash('sha256');
  for (const name of ['index.mjs', 'layout.mjs']) h.update(readFileSync(join(dir, name)));
  docxVersion = `${version}:${h.digest('hex').slice(0, 16)}`;
  return docxVersion;
}

/**
 * The settings the layout of every run depends on: this code and docx's, the profile, and the font files, known by
 * their path, size and time of change (not read: a build whose runs are all in the cache reads no font).
 */
function settingsKey(ctx: RenderContext, fontFiles: LayoutOptions['fontFiles']): string {
  const stamp = (file: string): string => {
    try {
      const s = statSync(file);
      return `${file}:${s.size}:${s.mtimeMs}`;
    } catch {
      return `${file}:?`;
    }
  };
  const fontKeys = fontFileSet(ctx.profile, fontFiles).files.map(({ name, regular, bold }) => `${name}:${stamp(regular)}|${bold ? stamp(bold) : '*'}`);
  return sha256(JSON.stringify({ v: LAYOUT_CACHE_VERSION, docx: docxPackageVersion(), code: backendCode(), profile: ctx.profile, png: DEFAULT_PNG, fonts: fontKeys }));
}

// ---------------------------------------------------------------------------------------------------------------
// The cache: one file per settings key, holding the runs of the last build

function readCache(file: string | undefined): Record<string, RunPages> {
  if (!file) return {};
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    return data && data.version === LAYOUT_CACHE_VERSION && typeof data.runs === 'object' ? data.runs : {};
  } catch {
    return {};
  }
}

function writeCache(dir: string, file: string, runs: Record<string, RunPages>): void {
  try {
    mkdirSync(dir, { recursive: true });
    // Only this settings key's file is kept: the others are of other fonts or code and would never be read again.
    for (const name of readdirSync(dir)) if (/^layout-[0-9a-f]+\.json$/.test(name) && join(dir, name) !== file) rmSync(join(dir, name), { force: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: LAYOUT_CACHE_VERSION, runs } satisfies CacheFile));
    renameSync(tmp, file);
  } catch {
    // A cache that can't be written only costs time on the next build.
  }
}

// ---------------------------------------------------------------------------------------------------------------

/** Lays one run out alone, strictly and, when that stops short, guessing. */
async function layOutRun(
  ctx: RenderContext,
  opts: LayoutOptions,
  run: LayoutRun,
  children: FileChild[],
  footnoteStart: number,
  footnotes: readonly FootnoteDef[],
  anchors: ReadonlyMap<string, string>,
): Promise<RunPages> {
  const attempt = async (guess: boolean): Promise<RunPages | undefined> => {
    const estimator = capturingEstimator(ctx.profile, opts.fontFiles, guess, true);
    const doc = new Document({
      styles: opts.styles,
      footnotes: buildFootnotes(ctx, footnotes),
      evenAndOddHeaderAndFooters: true,
      features: { updateFields: false },
      sections: [runSection(ctx, run, footnoteStart, children)],
      pageNumbers: estimator.estimator,
    });
    // Formatting the body is what lays it out (docx calls `pageNumbers` with the formatted body): nothing else of the
    // package is needed.
    layOutOnly(doc);
    const result = estimator.result();
    if (!result || result.pageCount === undefined) return undefined;
    const found: Record<string, number> = {};
    for (const [anchor, name] of anchors) {
      const page = result.bookmarkPageNumbers?.get(name) ?? Number(result.bookmarks.get(name));
      if (!Number.isInteger(page) || page < 1) return undefined;
      found[anchor] = page;
    }
    return { pages: result.pageCount, anchors: found, guesses: [...(result.guesses ?? [])], mode: guess ? 'guessed' : 'estimated' };
  };
  return (await attempt(false)) ?? (await attempt(true)) ?? { pages: 1, anchors: {}, guesses: [], mode: 'blank' };
}

/** At most this many runs are laid out together (the layout's cost per document is not linear). */
const GROUP = 16;

/**
 * Lays consecutive runs of one section out together, as the document has them (each after a page break), which
 * saves laying out a document for each. Each run but the first opens with a heading that carries a bookmark, whose
 * page is where the run starts. Undefined when the layout stopped short (each is then laid out alone).
 */
function layOutGroup(ctx: RenderContext, opts: LayoutOptions, group: readonly LayoutItem[], children: FileChild[]): RunPages[] | undefined {
  const estimator = capturingEstimator(ctx.profile, opts.fontFiles, false, true);
  const footnotes = [...new Map(group.flatMap((p) => p.footnotes.map((f) => [f.id, f] as const))).values()];
  const doc = new Document({
    styles: opts.styles,
    footnotes: buildFootnotes(ctx, footnotes),
    evenAndOddHeaderAndFooters: true,
    features: { updateFields: false },
    sections: [runSection(ctx, group[0]!.run, group[0]!.footnoteStart, children)],
    pageNumbers: estimator.estimator,
  });
  layOutOnly(doc);
  const result = estimator.result();
  if (!result || result.pageCount === undefined) return undefined;
  const pageOf = (name: string | undefined): number => {
    const page = name === undefined ? NaN : (result.bookmarkPageNumbers?.get(name) ?? Number(result.bookmarks.get(name)));
    return Number.isInteger(page) && page >= 1 ? page : NaN;
  };
  const starts = group.map((p, i) => (i === 0 ? 1 : pageOf(p.anchors.get(openingAnchor(p)!))));
  const out: RunPages[] = [];
  for (const [i, p] of group.entries()) {
    const start = starts[i]!;
    const end = i + 1 < group.length ? starts[i + 1]! : result.pageCount + 1;
    if (!(end > start)) return undefined;
    const found: Record<string, number> = {};
    for (const [anchor, name] of p.anchors) {
      const page = pageOf(name) - start + 1;
      if (!(page >= 1 && page <= end - start)) return undefined;
      found[anchor] = page;
    }
    out.push({ pages: end - start, anchors: found, guesses: [], mode: 'estimated' });
  }
  return out;
}

/** The anchor of the heading a run opens with, when it carries the heading's bookmark. */
function openingAnchor(p: LayoutItem): string | undefined {
  const first = p.run.blocks[0];
  return first?.type === 'heading' && p.anchors.has(first.anchor) ? first.anchor : undefined;
}


/**
 * Batches laid out as they are written, on one thread: docx calls a batch's estimator with the body it has just
 * formatted to write it, and the layout reads that body as it reads a group's document (layOutGroup). The runs of such
 * a batch are not rendered and formatted a second time for their layout (about a tenth of a cold build's time). Runs
 * start pages of their own, so a run's pages in its batch are its pages alone, as in a group. A batch is laid out
 * this way when it is one part of one section (its page numbers run on from its first page), cites no footnote (a
 * batch after the first has none in its document), holds no TOC, and at least half of its runs are not in the cache;
 * whatever of it cannot be told apart (a run whose start carries no bookmark) is laid out in groups after.
 */
export class BatchLayouts {
  /** The batches to lay out as they are written (decided by layOutRuns before they are). */
  readonly wanted = new Set<number>();
  /** Each wanted batch's layout, once written (undefined when the layout stopped short). */
  readonly results = new Map<number, EstimatedPageNumbers | undefined>();

  constructor(private readonly profile: RenderContext['profile'], private readonly fontFiles: LayoutOptions['fontFiles']) {}

  /** The estimator to write batch `i` with: `numbers`, the batch laid out on the way when it is wanted. */
  estimator(i: number, numbers: PageNumberEstimator): PageNumberEstimator {
    if (!this.wanted.has(i)) return numbers;
    const layout = capturingEstimator(this.profile, this.fontFiles, false);
    return Object.assign(
      (body: Parameters<PageNumberEstimator>[0], context: Parameters<PageNumberEstimator>[1]) => {
        try {
          layout.estimator(body, context);
          this.results.set(i, layout.result());
        } catch {
          this.results.set(i, undefined); // its runs are laid out in groups, as they would have been
        }
        return numbers(body, context);
      },
      numbers.listNumbers ? { listNumbers: numbers.listNumbers } : {},
    );
  }
}

/** What layOutRuns is told of the batches (index.ts), to lay some out as they are written (`BatchLayouts`). */
export interface BatchPlan {
  /** The runs of each batch that is one part of one section, in order; undefined for the others. */
  runs: ReadonlyArray<readonly LayoutRun[] | undefined>;
  /** The number the first page of each such batch shows (its section's start, or 1). */
  firstPage: readonly number[];
  /** Whether each batch ends with an empty section of its own (batch.ts `closeAfter`). */
  closeAfter: readonly boolean[];
  layouts: BatchLayouts;
}

interface PreparedRun extends LayoutItem {
  key: string;
  toc: boolean;
  result?: RunPages;
}

/**
 * A run rendered again for a document of its own: with every bookmark free to place, and no pictures' bytes (or into
 * `shared`, the context of a group's document), closed as docx closes a section another follows.
 */
export function renderForLayout(ctx: RenderContext, p: LayoutItem, tocNumbers?: ReadonlyMap<string, string>, shared?: RenderContext): FileChild[] {
  const own: RenderContext = shared ?? { ...ctx, bookmarks: ctx.bookmarks.unplaced(), media: new MediaStore(true), state: { figures: 0 }, ...(tocNumbers ? { tocNumbers } : {}) };
  const children = renderRun(own, p.run);
  // Closed as docx closes a section another follows (Body.addSection): with an empty paragraph after a table.
  if (p.run.closesSection && !(children[children.length - 1] instanceof Paragraph)) children.push(new Paragraph({}));
  return children;
}

/**
 * Lays out consecutive runs of one section (a group, see `layOutGroup`) together when `grouping`, else, or when that
 * stops short, each alone. `grouped` says whether the group's layout worked (when it doesn't, it won't for the next
 * groups either, as with a missing font: they are then laid out run by run at once).
 */
export async function layOutItems(ctx: RenderContext, opts: LayoutOptions, group: readonly LayoutItem[], grouping: boolean): Promise<{ results: RunPages[]; grouped: boolean }> {
  if (group.length > 1 && grouping) {
    const own: RenderContext = { ...ctx, bookmarks: ctx.bookmarks.unplaced(), media: new MediaStore(true), state: { figures: 0 } };
    const results = layOutGroup(ctx, opts, group, group.flatMap((p) => renderForLayout(ctx, p, undefined, own)));
    if (results) return { results, grouped: true };
  }
  const results: RunPages[] = [];
  for (const p of group) results.push(await layOutRun(ctx, opts, p.run, renderForLayout(ctx, p), p.footnoteStart, p.footnotes, p.anchors));
  return { results, grouped: group.length <= 1 || !grouping };
}

/**
 * Lays the document's runs out (or takes them from the cache) and works out the page of every bookmark. `writes` is
 * other work, done first (the document's batches: index.ts), by the worker threads and this one, before they lay out
 * runs (the pool is started for them too when there are enough, with `writer`); `spare` is called once a thread has
 * nothing more to take.
 */
export async function layOutRuns(
  ctx: RenderContext,
  runs: readonly LayoutRun[],
  footnoteDefs: readonly FootnoteDef[],
  opts: LayoutOptions & { writes?: ReadonlyArray<PoolTask<unknown>>; writer?: WriterData; spare?: () => void; batches?: BatchPlan },
): Promise<RunLayoutResult> {
  const settings = settingsKey(ctx, opts.fontFiles);
  const cacheFile = opts.cacheDir ? join(opts.cacheDir, `layout-${settings.slice(0, 32)}.json`) : undefined;
  const cached = readCache(cacheFile);
  const used: Record<string, RunPages> = {};
  const defs = new Map(footnoteDefs.map((f) => [f.id, f]));

  // What each run is made of, in document order: its blocks, the bookmarks it carries, its footnotes and their numbers.
  const seen = new Set<string>();
  let footnotesBefore = 0;
  const prepared: PreparedRun[] = runs.map((run) => {
    const anchors = new Map<string, string>();
    const refs: number[] = [];
    let toc = false;
    walkBlocks(run.blocks, {
      block(b) {
        if (b.type === 'toc') toc = true;
        if ((b.type === 'heading' || b.type === 'figure') && !seen.has(b.anchor)) {
          seen.add(b.anchor);
          const name = ctx.bookmarks.get(b.anchor);
          if (name !== undefined) anchors.set(b.anchor, name);
        }
      },
      inline(i) {
        if (i.type === 'footnoteRef' && ctx.footnoteIds.has(i.id)) refs.push(i.id);
      },
    });
    const footnoteStart = footnotesBefore + 1;
    footnotesBefore += refs.length;
    const footnotes = [...new Set(refs)].map((id) => defs.get(id)!).filter(Boolean);
    const key = sha256(
      JSON.stringify(
        {
          blocks: run.blocks,
          kind: run.kind,
          orientation: run.orientation,
          footers: run.footers,
          firstInSection: run.firstInSection,
          closesSection: run.closesSection,
          anchors: [...anchors.keys()],
          footnoteStart: refs.length > 0 ? footnoteStart : 0,
          footnotes,
          toc: toc ? ctx.tocEntries.map((e) => [e.level, e.text]) : undefined,
        },
        withoutPictures,
      ),
    );
    return { run, key, anchors, footnoteStart, footnotes, toc };
  });

  const laidOut = new Set<PreparedRun>();
  const layOut = async (p: PreparedRun, key: string, children: () => FileChild[]): Promise<RunPages> => {
    let result = cached[key] ?? used[key];
    if (!result) {
      result = await layOutRun(ctx, opts, p.run, children(), p.footnoteStart, p.footnotes, p.anchors);
      laidOut.add(p);
    }
    used[key] = result;
    return result;
  };

  const render = (p: PreparedRun, tocNumbers?: ReadonlyMap<string, string>): FileChild[] => renderForLayout(ctx, p, tocNumbers);

  // Everything but the TOC: the runs not in the cache, consecutive ones of a section in groups (see layOutGroup),
  // laid out by worker threads when there are many (layout-pool.ts), else here.
  const groupsOf = (): PreparedRun[][] => {
    const groups: PreparedRun[][] = [];
    let group: PreparedRun[] = [];
    const flush = () => { if (group.length) groups.push(group); group = []; };
    for (const p of prepared) {
      const known = p.toc ? undefined : (p.result ?? cached[p.key] ?? used[p.key]);
      if (p.toc || known || group.length >= GROUP || p.run.firstInSection || openingAnchor(p) === undefined) flush();
      if (p.toc) continue;
      if (known) p.result = used[p.key] = known;
      else group.push(p);
    }
    flush();
    return groups;
  };
  let groups = groupsOf();
  const writes = opts.writes ?? [];
  const layout = groups.length >= POOL_MIN_GROUPS;
  const pool = layout || writes.length >= POOL_MIN_BATCHES ? LayoutPool.start(ctx, opts, { layout, ...(opts.writer ? { writer: opts.writer } : {}) }) : undefined;
  let grouping = true;
  const local = async (g: readonly LayoutItem[]) => {
    const { results, grouped } = await layOutItems(ctx, opts, g, grouping);
    grouping &&= grouped;
    return results;
  };
  const done = (g: readonly LayoutItem[], results: RunPages[]) => {
    (g as PreparedRun[]).forEach((p, i) => { p.result = used[p.key] = results[i]!; laidOut.add(p); });
  };
  /**
   * The pages of a batch's runs from the batch's layout (BatchLayouts): each run from the page its opening bookmark is
   * on (the first from the batch's first page) to the next run's start, or the batch's end (before the empty section
   * that closes the batch's, if it has one). A run whose start or anchors are not found is left to the groups.
   */
  let batched = 0;
  const fromBatch = (est: EstimatedPageNumbers, ps: readonly PreparedRun[], firstPage: number, closeAfter: boolean) => {
    if (est.pageCount === undefined) return;
    // The page (from 1, in the batch) of a bookmark: its number as shown, less the number the batch's first page shows.
    const pageOf = (name: string | undefined): number => {
      const shown = name === undefined ? NaN : (est.bookmarkPageNumbers?.get(name) ?? Number(est.bookmarks.get(name)));
      return Number.isInteger(shown) ? shown - firstPage + 1 : NaN;
    };
    const pages = closeAfter ? est.sectionPageCounts?.[0] : est.pageCount;
    if (pages === undefined || (closeAfter && est.sectionPageCounts?.length !== 2)) return;
    const starts = ps.map((p, k) => (k === 0 ? 1 : pageOf(p.anchors.get(openingAnchor(p) ?? ''))));
    ps.forEach((p, k) => {
      if (p.result) return; // from the cache
      const start = starts[k]!;
      const end = k + 1 < ps.length ? starts[k + 1]! : pages + 1;
      if (!(start >= 1 && end > start && end <= pages + 1)) return;
      const found: Record<string, number> = {};
      for (const [anchor, name] of p.anchors) {
        const page = pageOf(name) - start + 1;
        if (!(page >= 1 && page <= end - start)) return;
        found[anchor] = page;
      }
      p.result = used[p.key] = { pages: end - start, anchors: found, guesses: [], mode: 'estimated' };
      laidOut.add(p);
      batched++;
    });
  };
  // With pages to lay out, the workers lay out and this thread writes the batches (then lays out too): the threads are
  // busy either way, and a batch written on a worker costs more (the worker's own docx code warming up, the batch sent
  // there and its parts back). With none, the workers write batches too.
  const tasks: Array<PoolTask<unknown>> = [
    ...(layout ? writes.map((w) => ({ ...w, here: true })) : writes),
    ...groups.map((g): PoolTask<RunPages[]> => ({ message: () => ({ kind: 'group', data: encodeGroup(g) }), local: () => local(g), done: (r) => done(g, r) })) as Array<PoolTask<unknown>>,
  ];
  // On one thread, batches whose runs are mostly to be laid out are laid out as they are written (BatchLayouts).
  const batches = pool ? undefined : opts.batches;
  const byRun = new Map(prepared.map((p) => [p.run, p]));
  if (batches) {
    batches.runs.forEach((runs, i) => {
      const ps = runs?.map((r) => byRun.get(r));
      if (!ps || ps.some((p) => !p || p.toc || p.footnotes.length > 0)) return;
      const open = ps.filter((p) => !p!.result).length;
      if (open > 0 && open * 2 >= ps.length) batches.layouts.wanted.add(i);
    });
  }
  try {
    if (pool) await pool.runAll(tasks, opts.spare);
    else if (batches && batches.layouts.wanted.size > 0) {
      for (const w of writes) w.done(await w.local());
      for (const i of batches.layouts.wanted) {
        const est = batches.layouts.results.get(i);
        if (est) fromBatch(est, batches.runs[i]!.map((r) => byRun.get(r)!), batches.firstPage[i]!, batches.closeAfter[i]!);
      }
      groups = groupsOf(); // what the batches left
      for (const g of groups) done(g, await local(g));
    } else {
      for (const task of tasks) task.done(await task.local());
    }
    opts.spare?.();
  } finally {
    await pool?.close();
  }
  // The numbers pages show: from 1 at the first page, and again from 1 at the body's first page.
  const bodyIndex = prepared.findIndex((p) => p.run.kind === 'body');
  const numbersWith = (tocPages: ReadonlyMap<PreparedRun, number>) => {
    const bookmarks = new Map<string, string>();
    const guesses: Array<{ reason: string; page: number }> = [];
    let physical = 0; // pages before the run
    let bodyStart = 0;
    prepared.forEach((p, i) => {
      if (i === bodyIndex) bodyStart = physical;
      const r = p.result;
      const pages = r?.pages ?? tocPages.get(p) ?? 1;
      if (r) {
        for (const [anchor, page] of Object.entries(r.anchors)) {
          const name = p.anchors.get(anchor);
          const at = physical + page; // from 1
          if (name !== undefined) bookmarks.set(name, String(bodyIndex >= 0 && i >= bodyIndex ? at - bodyStart : at));
        }
        for (const g of r.guesses) guesses.push({ reason: g.reason, page: physical + g.page });
      }
      physical += pages;
    });
    return { bookmarks, guesses, pageCount: physical };
  };

  // The TOC, with the numbers it shows written in; laid out again if its length moved a number it lists.
  const tocRuns = prepared.filter((p) => p.toc);
  const tocPages = new Map<PreparedRun, number>(tocRuns.map((p) => [p, 1]));
  let numbers = numbersWith(tocPages);
  for (let round = 0; round < 3 && tocRuns.length > 0; round++) {
    let moved = false;
    for (const p of tocRuns) {
      const tocNumbers = new Map(ctx.tocEntries.map((e) => [e.bookmark, numbers.bookmarks.get(e.bookmark) ?? '']));
      const key = sha256(`${p.key}|${JSON.stringify([...tocNumbers.values()])}`);
      p.result = await layOut(p, key, () => render(p, tocNumbers));
      if (tocPages.get(p) !== p.result.pages) moved = true;
      tocPages.set(p, p.result.pages);
    }
    const again = numbersWith(tocPages);
    const changed = [...again.bookmarks].some(([name, n]) => numbers.bookmarks.get(name) !== n);
    numbers = again;
    if (!moved || !changed) break;
  }
  if (opts.cacheDir && cacheFile && (laidOut.size > 0 || Object.keys(cached).length !== Object.keys(used).length)) writeCache(opts.cacheDir, cacheFile, used);

  const modes = prepared.map((p) => p.result?.mode ?? 'blank');
  const mode = modes.includes('blank') ? 'blank' : modes.includes('guessed') ? 'guessed' : 'estimated';
  return {
    estimate: { bookmarks: numbers.bookmarks, pageCount: numbers.pageCount, ...(numbers.guesses.length ? { guesses: numbers.guesses } : {}) },
    mode,
    runs: { total: prepared.length, laidOut: laidOut.size, cached: prepared.length - laidOut.size, batched },
  };
}

/** An estimator that gives numbers worked out beforehand (docx writes them into the PAGEREF fields). */
export function fixedEstimator(estimate: EstimatedPageNumbers): PageNumberEstimator {
  return () => estimate;
}
