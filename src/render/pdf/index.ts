/**
 * The compendium as PDF: Chromium prints an HTML rendering of the document model (the same blocks as the public
 * site), with CSS paged media for the GB/T 9704 layout (css.ts), bookmarks from the headings and a tagged structure.
 *
 * The 目录 needs real page numbers and Chromium has no target-counter(), so the page is printed in passes:
 *   1. a draft with placeholder numbers, everything hidden and untagged (the same pagination, a fraction of the
 *      cost); read back, its named destinations (every TOC entry links to its heading, and invisible links point at
 *      each section) give the sheet of each heading and of each section. Sheets become displayed numbers (body pages
 *      count from 1 after the unnumbered cover and 目录); blank unnumbered pages (named page `blank`, between
 *      sections) are planned so that each run of pages of another kind (目录, body) starts on a right-hand page: odd
 *      numbers stay at the right, even ones at the left.
 *   2. the real print, with those numbers and blank pages filled in (in the loaded page, without reloading it); read
 *      back and checked. If anything moved (the 目录 got longer or shorter), 3. once more with the new figures.
 * Then pdf-lib sets the document information (dates from the model, never the clock) and a content-derived /ID.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer';
import type { DocumentModel, Figure } from '../../document/model.js';
import { chromiumPath, launchChromium, type LaunchedBrowser } from '../mermaid/chromium.js';
import type { FontRole, LayoutProfile } from '../profile.js';
import { printCss } from './css.js';
import { planFonts, probeFonts, type FontUse } from './fonts.js';
import { printHtml, tocEntries } from './html.js';
import { finishPdf } from './metadata.js';
import { readPrinted, type PrintedPdf } from './outline.js';
import { entrySheets, layoutOf, planPadding } from './pages.js';
import { draftPrint, fillIn, printToPdf } from './print.js';

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
}

export interface PdfReport {
  pages: number;
  fonts: FontUse[];
  /** Prints made: the draft that measures, then the real one (a third when the 目录's length moved the pages). */
  tocPasses: number;
  /** False when the numbers still moved after the last pass (they are then those of the last pass but one). */
  tocExact: boolean;
  /** Bookmarks (outline entries) in the PDF. */
  bookmarks: number;
  /** Pages that carry a number ("— N —"). */
  numberedPages: number;
  millis: number;
  /** Where the time went (ms): loading the page, the draft pass, the real prints with their read-back, fonts, metadata. */
  phases: { load: number; draft: number; print: number; fonts: number; finish: number };
}

const MAX_PASSES = 3;

export async function renderPdf(model: DocumentModel, opts: PdfOptions): Promise<{ pdf: Buffer; report: PdfReport }> {
  const t0 = Date.now();
  const { profile } = opts;
  const plan = planFonts(profile, opts.fontFiles);
  const css = printCss(profile, plan);
  const dir = mkdtempSync(path.join(tmpdir(), 'powerbook-pdf-'));
  let launched: LaunchedBrowser | undefined;
  let page: Page | undefined;
  try {
    // Figures are files beside the page (identical drawings once), not data URIs in a page of hundreds of MB.
    const images = new Map<Figure, string>();
    const imageSrc = (f: Figure) => {
      let src = images.get(f);
      if (src) return src;
      const data = f.svg !== undefined ? Buffer.from(f.svg, 'utf8') : f.png ? Buffer.from(f.png) : undefined;
      if (!data) return undefined;
      src = `fig-${createHash('sha256').update(data).digest('hex').slice(0, 24)}.${f.svg !== undefined ? 'svg' : 'png'}`;
      writeFileSync(path.join(dir, src), data);
      images.set(f, src);
      return src;
    };
    const entries = tocEntries(model);
    const hasToc = model.sections.some((s) => s.blocks.some((b) => b.type === 'toc'));
    // Its width does not matter: a number stands in its entry's right padding, so it never moves a line break.
    const placeholder = '000';
    const file = path.join(dir, 'compendium.html');
    writeFileSync(file, printHtml(model, { css, tocPages: new Map(entries.map((h) => [h.anchor, placeholder])), padAfter: new Map(), imageSrc }));

    const phases = { load: 0, draft: 0, print: 0, fonts: 0, finish: 0 };
    let mark = Date.now();
    const lap = (phase: keyof typeof phases) => { const now = Date.now(); phases[phase] += now - mark; mark = now; };
    const browser = opts.browser ?? (launched = await launchChromium(chromiumPath(opts.executablePath))).browser;
    page = await browser.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 0 });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    lap('load');

    let numbers = entries.map(() => placeholder);
    let pads = model.sections.map(() => 0);
    let printed!: PrintedPdf;
    let passes = 0;
    let exact = false;
    while (passes < MAX_PASSES) {
      passes++;
      if (passes > 1) await fillIn(page, numbers, pads);
      // The first pass only measures: nothing painted, no tags — the same pages at a fraction of the cost.
      printed = passes === 1 ? await draftPrint(page) : await readPrinted(await printToPdf(page, { outline: true, tagged: true, background: true }));
      lap(passes === 1 ? 'draft' : 'print');
      const layout = layoutOf(model, printed, pads);
      const sheets = entrySheets(entries, printed);
      const want = hasToc ? sheets.map((s) => (s >= 0 ? layout.numbers[s] ?? '' : '')) : numbers;
      const wantPads = planPadding(model, layout, printed.pageCount, pads);
      const same = want.every((n, i) => n === numbers[i]) && wantPads.every((n, i) => n === pads[i]);
      if (same && passes > 1) { exact = true; break; }
      if (passes === MAX_PASSES) break;
      numbers = want;
      pads = wantPads;
    }
    const last = layoutOf(model, printed, pads);
    const fonts = await probeFonts(page, plan, profile);
    lap('fonts');
    const creator = opts.creator ?? 'powerbook';
    const pdf = await finishPdf(printed.doc, model.meta, {
      creator,
      producer: `${creator} (${(await page.browser().version()).replace(/^(Headless)?Chrome/, 'Chromium')} print; pdf-lib)`,
    });
    lap('finish');
    return {
      pdf,
      report: {
        pages: printed.pageCount, fonts, tocPasses: passes, tocExact: exact, bookmarks: printed.outline.length,
        numberedPages: last.numbers.filter(Boolean).length, millis: Date.now() - t0, phases,
      },
    };
  } finally {
    await page?.close().catch(() => undefined);
    await launched?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
