/**
 * The compendium as PDF: Chromium prints HTML renderings of the document model (the same blocks as the public site),
 * with CSS paged media for the GB/T 9704 layout (css.ts), in chunks that are merged into one file (merge.ts).
 *
 * The document is printed as several HTML documents (chunks.ts, html.ts): the front matter (cover, 目录), and the body
 * cut, where a page starts anyway, into a few chunks of at most CHUNK_PAGES estimated pages, each loaded in a browser
 * context of its own (a renderer process), PARALLEL of them printing at once — on 2 cores that halves the time
 * (docs/architecture.md). Page numbers need to know where each chunk starts, and the 目录 the real page of each
 * heading (Chromium has no target-counter()); so:
 *   1. The first body chunk is printed for real at once: it starts at body page 1. A later chunk is first printed as
 *      a draft (everything hidden, untagged: the same pagination, for a fraction of the cost) unless the prints of all
 *      chunks before it are known by then (schedule.ts chooses). Its real print sets its first page number
 *      (`@page :first { counter-increment: page S }`) and, when its first sheet will be a left-hand one in the merged
 *      file, swaps the sides of the numbers (css.ts pageNumberCss).
 *   2. Named destinations (invisible links point at every heading and section) tell where each landed: the sheets of
 *      the merged document follow (pages.ts), with blank unnumbered pages so that the 目录 and the body start on
 *      right-hand sheets, and so do the 目录's numbers. The front matter is printed last, once, with them (its layout
 *      does not depend on them: a number stands in its entry's right padding).
 *   3. Every real print is checked against the plan made from all of them; a chunk found printed with another first
 *      number, or a 目录 with other numbers, is printed again (at most MAX_PASSES prints a chunk).
 * Then the chunks are merged (merge.ts: pages, blank pages, tags, destinations, links, bookmarks, document
 * information and a content-derived /ID).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import type { DocumentModel, Figure } from '../../document/model.js';
import { chromiumPath, launchChromium, type LaunchedBrowser } from '../../browser/chromium.js';
import { plainStadiums } from '../../flowchart/stadium.js';
import { withSymbolFont } from '../../flowchart/symbol-font.js';
import { bytesOf } from '../../util/file-bytes.js';
import type { FontRole, LayoutProfile } from '../../domain/profile.js';
import { planChunks } from './chunks.js';
import { pageNumberCss, printCss, tableColumnWidths, tableRowClasses } from './css.js';
import { planFonts, probeFonts, type FontUse } from './fonts.js';
import { chunksHtml, tocEntries } from './html.js';
import { mergeChunks, readChunk, type ChunkPdf } from './merge.js';
import { bookmarksOf } from './outline.js';
import { entryNumbers, planSheets, type ChunkPages } from './pages.js';
import { draftPrint, fillIn, printToPdf, setPageNumbers } from './print.js';
import { nextTask, type ChunkStatus, type Task } from './schedule.js';

export type { FontUse } from './fonts.js';
export { fontFilesFromConfig } from './fonts.js';

export interface PdfOptions {
  profile: LayoutProfile;
  /** An already launched browser (the build may share one); it is left open. Otherwise one is launched and closed. */
  browser?: Browser;
  /** Font files of the repository by role (absolute paths), loaded with @font-face before the system fonts. */
  fontFiles?: Partial<Record<FontRole, string>>;
  /** Written as the PDF's Creator ("powerbook <version>"). */
  creator?: string;
  /** The browser to launch when none is given (default: POWERBOOK_CHROMIUM, then /usr/bin/chromium). */
  executablePath?: string;
  /** Estimated pages per body chunk, exactly (default: CHUNK_PAGES at most, at least MIN_CHUNKS chunks of at least
   * MIN_CHUNK_PAGES pages); Infinity prints the body as one document. */
  chunkPages?: number;
  /** Chunks printing at once, each in a browser context of its own (default PARALLEL, at most the CPUs). */
  parallel?: number;
  /** Told when each task on a chunk starts and ends (ms since the start), for measuring. */
  trace?(line: string): void;
}

export interface PdfReport {
  pages: number;
  fonts: FontUse[];
  /** Prints of the chunk printed most often: 1 when no chunk needed a draft, 2 with drafts, more if one was redone. */
  tocPasses: number;
  /** False when a chunk's numbers or the 目录's still differed from the final plan after the last print allowed. */
  tocExact: boolean;
  /** Bookmarks (outline entries) in the PDF. */
  bookmarks: number;
  /** Pages that carry a number ("— N —"). */
  numberedPages: number;
  /** Chunks printed (HTML documents), and the prints made: drafts and real ones. */
  chunks: number;
  prints: { drafts: number; real: number };
  millis: number;
  /**
   * Where the time went (ms). `load`, `draft` and `print` add up the chunks' times (they overlap when chunks print
   * in parallel); `layout` is the wall time from the first load to the last print; `merge` (the merged file, written
   * and stamped) and `fonts` follow it.
   */
  phases: { load: number; draft: number; print: number; layout: number; merge: number; fonts: number };
}

/** Estimated pages a body chunk at most, and the fewest chunks (of at least so many pages) the body is cut into
 * when it is long enough: measured on 1,000 and 250 powers, see docs/architecture.md (1,000 powers, 6,778 pages: in
 * chunks of at most 1,400, 700 and 450 estimated pages Chromium's CPU 106, 96 and 95 s, the peak PSS 3.1, 2.6 and
 * 2.1 GB). */
export const CHUNK_PAGES = 450;
export const MIN_CHUNKS = 3;
export const MIN_CHUNK_PAGES = 300;
/** Chunks printing at once: measured on 2 cores, see docs/architecture.md. */
export const PARALLEL = 2;
const MAX_PASSES = 3;
const utf8 = new TextDecoder();

interface ChunkState {
  file: string;
  context?: BrowserContext;
  page?: Page;
  loaded?: Promise<Page>;
  /** Its pagination, from a draft or a real print. */
  pages?: ChunkPages;
  /** The real print and what it was printed with. */
  real?: { pdf: ChunkPdf; first?: number; swap?: boolean; numbers?: string[] };
  busy: boolean;
  prints: number;
}

export async function renderPdf(model: DocumentModel, opts: PdfOptions): Promise<{ pdf: Buffer; report: PdfReport }> {
  const t0 = Date.now();
  const { profile } = opts;
  const plan = planFonts(profile, opts.fontFiles);
  const dir = mkdtempSync(path.join(tmpdir(), 'powerbook-pdf-'));
  let launched: LaunchedBrowser | undefined;
  const states: ChunkState[] = [];
  try {
    // Figures are files beside the pages (identical drawings once), not data URIs in pages of hundreds of MB.
    const images = new Map<Figure, string>();
    const imageSrc = (f: Figure) => {
      let src = images.get(f);
      if (src) return src;
      // A drawing's stadium nodes as rounded rectangles, not rough.js's Bézier polygons (flowchart/stadium.ts): the
      // same picture in a quarter of the data, and a sixth less of Chromium's work on a compendium of flowcharts.
      // Its symbols (⚠) from a TrueType font, which the PDF names (flowchart/symbol-font.ts).
      const data = f.svg !== undefined ? Buffer.from(withSymbolFont(plainStadiums(typeof f.svg === 'string' ? f.svg : utf8.decode(f.svg))), 'utf8') : f.png ? Buffer.from(bytesOf(f.png)) : undefined;
      if (!data) return undefined;
      src = `fig-${createHash('sha256').update(data).digest('hex').slice(0, 24)}.${f.svg !== undefined ? 'svg' : 'png'}`;
      writeFileSync(path.join(dir, src), data);
      images.set(f, src);
      return src;
    };
    // By default at least MIN_CHUNKS body chunks of MIN_CHUNK_PAGES or more, so that both slots have work.
    const chunks = planChunks(model, profile, opts.chunkPages === undefined
      ? { maxPages: CHUNK_PAGES, minChunks: MIN_CHUNKS, minPages: MIN_CHUNK_PAGES }
      : { maxPages: opts.chunkPages });
    const firstBody = chunks.findIndex((c) => c.body);
    const entries = tocEntries(model);
    // Its width does not matter: a number stands in its entry's right padding, so it never moves a line break.
    const placeholder = '000';
    const html = chunksHtml(model, chunks, {
      css: printCss(profile, plan, { pageNumbers: false }), numbersCss: () => pageNumberCss(profile, plan),
      tocPages: new Map(entries.map((h) => [h.anchor, placeholder])), imageSrc, columnWidths: tableColumnWidths(profile), rowClasses: tableRowClasses(profile),
    });
    html.forEach((h, c) => {
      const file = path.join(dir, `chunk-${c}.html`);
      writeFileSync(file, h);
      states.push({ file, busy: false, prints: 0 });
    });

    const phases = { load: 0, draft: 0, print: 0, layout: 0, merge: 0, fonts: 0 };
    const prints = { drafts: 0, real: 0 };
    const browser = opts.browser ?? (launched = await launchChromium(chromiumPath(opts.executablePath))).browser;
    const tLayout = Date.now();

    const slots = Math.max(1, opts.parallel ?? Math.min(PARALLEL, availableParallelism()));
    const load = async (c: number): Promise<Page> => {
      const t = Date.now();
      const s = states[c]!;
      s.context = await browser.createBrowserContext();
      s.page = await s.context.newPage();
      await s.page.goto(pathToFileURL(s.file).href, { waitUntil: 'load', timeout: 0 });
      // The page loads hidden (html.ts): no layout for the screen, which the print would not use (−15 % of a load).
      // So no layout has asked for the @font-face fonts yet: load them all, as a print does not wait for fonts.
      await s.page.evaluate(() => {
        document.documentElement.classList.remove('pb-loading');
        return Promise.all([...document.fonts].map((f) => f.load().catch(() => undefined))).then(() => document.fonts.ready).then(() => undefined);
      });
      phases.load += Date.now() - t;
      return s.page;
    };

    // The plan of the body (and what follows it) from the prints known so far.
    const bodyPlan = () => planSheets(model, chunks, states.map((s) => s.pages), Math.max(0, firstBody));
    const due = (c: number, p: ReturnType<typeof bodyPlan>): boolean | undefined => {
      const s = states[c]!;
      const chunk = chunks[c]!;
      const numbered = firstBody >= 0 && c >= firstBody;
      if (numbered && p.starts[c] === undefined) return undefined;
      let numbers: string[] | undefined;
      if (chunk.toc) {
        if (firstBody >= 0 && !p.complete) return undefined;
        numbers = entryNumbers(entries, p);
      }
      if (!s.real) return true;
      if (numbered && (s.real.first !== p.first[c] || s.real.swap !== p.swap[c])) return true;
      return numbers !== undefined && numbers.some((n, i) => n !== s.real!.numbers?.[i]);
    };
    const status = (): ChunkStatus[] => {
      const p = bodyPlan();
      return states.map((s, c) => ({
        body: chunks[c]!.body, loaded: s.loaded !== undefined, busy: s.busy,
        known: s.pages !== undefined, prints: s.prints, due: due(c, p),
      }));
    };
    const trace = (task: Task, what: string) => opts.trace?.(`${String(Date.now() - t0).padStart(6)} ms  ${what} ${task.kind} ${task.chunk}`);
    const run = async (task: Task) => {
      const s = states[task.chunk]!;
      trace(task, 'start');
      const page = await (s.loaded ??= load(task.chunk));
      if (task.kind === 'load') return;
      trace(task, 'loaded, print');
      const t = Date.now();
      s.prints++;
      if (task.kind === 'draft') {
        const { pageCount, dests } = await draftPrint(page);
        s.pages ??= { pageCount, dests };
        prints.drafts++;
        phases.draft += Date.now() - t;
        return;
      }
      // What it is printed with: the plan of this moment (another print finishing meanwhile may change it: checked).
      const p = bodyPlan();
      const numbered = firstBody >= 0 && task.chunk >= firstBody;
      const first = numbered ? p.first[task.chunk] : undefined;
      const swap = numbered ? p.swap[task.chunk] : undefined;
      const numbers = chunks[task.chunk]!.toc ? entryNumbers(entries, p) : undefined;
      if (numbered) await setPageNumbers(page, pageNumberCss(profile, plan, first, swap));
      if (numbers) await fillIn(page, numbers);
      const printed = readChunk(await printToPdf(page, { outline: false, tagged: true, background: true }));
      s.real = { pdf: printed, first, swap, numbers };
      s.pages = printed;
      prints.real++;
      phases.print += Date.now() - t;
      // A body chunk printed for real lets its renderer go (a chunk of 1,400 pages holds several hundred MB there);
      // should the plan want it printed again, it is loaded again. The front matter stays for probing the fonts.
      if (chunks[task.chunk]!.body) {
        const context = s.context;
        s.context = undefined;
        s.page = undefined;
        s.loaded = undefined;
        await context?.close().catch(() => undefined);
      }
    };
    // Up to `slots` tasks at once, each chunk in one task at a time (schedule.ts chooses).
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      let failed = false;
      const pump = () => {
        if (failed) return;
        while (running < slots) {
          const task = nextTask(status(), MAX_PASSES);
          if (!task) break;
          states[task.chunk]!.busy = true;
          running++;
          run(task).then(() => {
            trace(task, 'end');
            states[task.chunk]!.busy = false;
            running--;
            pump();
          }, (err) => { failed = true; reject(err); });
        }
        if (running === 0) resolve();
      };
      pump();
    });
    phases.layout = Date.now() - tLayout;

    // The final plan, from the real prints only, and whether every print agrees with it.
    const tMerge = Date.now();
    const missing = states.findIndex((s) => !s.real);
    if (missing >= 0) throw new Error(`PDF: chunk ${missing} was not printed`);
    const final = planSheets(model, chunks, states.map((s) => s.real!.pdf));
    const numbers = entryNumbers(entries, final);
    const exact = states.every((s, c) => {
      const numbered = firstBody >= 0 && c >= firstBody;
      if (numbered && (s.real!.first !== final.first[c] || s.real!.swap !== final.swap[c])) return false;
      return !chunks[c]!.toc || numbers.every((n, i) => n === s.real!.numbers?.[i]);
    });
    const creator = opts.creator ?? 'powerbook';
    const producer = `${creator} (${(await browser.version()).replace(/^(Headless)?Chrome/, 'Chromium')} print, merged by powerbook)`;
    const m = model.meta;
    const merged = mergeChunks(states.map((s) => s.real!.pdf), final.sheets, bookmarksOf(model), {
      title: m.title, author: m.author, subject: m.subject, keywords: m.keywords, created: m.created, lang: m.lang, creator, producer,
    });
    const pdf = merged.pdf;
    phases.merge = Date.now() - tMerge;

    const mark = Date.now();
    const probe = states.find((s) => s.page)?.page;
    const fonts = probe ? await probeFonts(probe, plan, profile) : [];
    phases.fonts = Date.now() - mark;
    return {
      pdf,
      report: {
        pages: final.sheets.length, fonts, tocPasses: Math.max(...states.map((s) => s.prints)), tocExact: exact,
        bookmarks: merged.bookmarks, numberedPages: final.numbers.filter(Boolean).length, chunks: chunks.length, prints,
        millis: Date.now() - t0, phases,
      },
    };
  } finally {
    await Promise.all(states.map(async (s) => {
      await s.loaded?.catch(() => undefined);
      await s.context?.close().catch(() => undefined);
    }));
    await launched?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
