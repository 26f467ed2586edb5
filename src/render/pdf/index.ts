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
import type { DocumentModel, Figure, Heading } from '../../document/model.js';
import { headingText } from '../html/blocks.js';
import { chromiumPath, launchChromium, type LaunchedBrowser } from '../mermaid/chromium.js';
import type { FontRole, LayoutProfile } from '../profile.js';
import { printCss } from './css.js';
import { describeUse, FONT_ROLES, planFonts, type FontPlan, type FontUse, type PlatformFont } from './fonts.js';
import { printHtml, sectionMark, tocEntries } from './html.js';
import { finishPdf } from './metadata.js';
import { readPrinted, type OutlineItem, type PrintedPdf } from './outline.js';

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
  /** Print passes made for the 目录's page numbers (1 when there is no 目录 and nothing to pad). */
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
const PRINT_OPTIONS = { outline: true, tagged: true, preferCSSPageSize: true, printBackground: true, timeout: 0 } as const;

/**
 * A print that only measures: everything hidden (visibility changes no layout), no structure tree, no bookmarks.
 * Chromium still paginates the same way and writes the named destinations, which is all the first pass needs.
 */
async function draftPrint(page: Page): Promise<PrintedPdf> {
  const style = await page.addStyleTag({ content: 'body * { visibility: hidden !important; }' });
  try {
    return await readPrinted(await page.pdf({ outline: false, tagged: false, preferCSSPageSize: true, printBackground: false, timeout: 0 }));
  } finally {
    await style.evaluate((el) => el.remove());
  }
}

/** Where each section starts and which sheets carry which number, read from a printed PDF. */
interface Layout {
  /** Sheet on which each section starts. */
  starts: number[];
  /** Displayed number of each sheet ('' on the cover and the 目录). */
  numbers: string[];
}

function layoutOf(model: DocumentModel, printed: PrintedPdf, pads: number[]): Layout {
  const starts = model.sections.map((_, i) => printed.dests.get(sectionMark(i)) ?? (i === 0 ? 0 : -1));
  for (let i = 1; i < starts.length; i++) if (starts[i]! < 0) starts[i] = starts[i - 1]!; // an empty section
  const numbers: string[] = [];
  let section = 0;
  let count = 0;
  for (let sheet = 0; sheet < printed.pageCount; sheet++) {
    while (section + 1 < starts.length && starts[section + 1]! <= sheet) section++;
    // The section's last sheets may be blank pages added after it (named page `blank`: no number, not counted).
    const end = section + 1 < starts.length ? starts[section + 1]! : printed.pageCount;
    const blank = sheet >= end - (pads[section] ?? 0);
    numbers.push(model.sections[section]?.kind === 'body' && !blank ? String(++count) : '');
  }
  return { starts, numbers };
}

/** Blank pages at the end of section i so that each section of another kind than the one before starts on a right-hand page. */
function planPadding(model: DocumentModel, layout: Layout, pageCount: number, current: number[]): number[] {
  const pads = model.sections.map(() => 0);
  let pos = 0;
  model.sections.forEach((s, i) => {
    const end = i + 1 < layout.starts.length ? layout.starts[i + 1]! : pageCount;
    const length = Math.max(0, end - layout.starts[i]! - (current[i] ?? 0));
    if (i > 0 && s.kind !== model.sections[i - 1]!.kind && pos % 2 === 1) { pads[i - 1] = 1; pos++; }
    pos += length;
  });
  return pads;
}

const normal = (s: string) => s.replace(/\s+/g, '');

/** The sheet of each TOC entry: its named destination, else the next bookmark with its text (in order). */
function entrySheets(entries: Heading[], printed: PrintedPdf): number[] {
  let cursor = 0;
  const outline: OutlineItem[] = printed.outline;
  return entries.map((h) => {
    const dest = printed.dests.get(h.anchor);
    if (dest !== undefined) return dest;
    const want = normal(headingText(h));
    for (let i = cursor; i < outline.length; i++) {
      if (normal(outline[i]!.title) === want) { cursor = i + 1; return outline[i]!.page; }
    }
    return -1;
  });
}

async function fillIn(page: Page, numbers: string[], pads: number[]): Promise<void> {
  await page.evaluate((nums: string[], padding: number[]) => {
    for (const toc of document.querySelectorAll('nav.toc')) {
      toc.querySelectorAll('.toc-page').forEach((el, j) => { el.textContent = nums[j] ?? ''; });
    }
    document.querySelectorAll('.pb-pad').forEach((el) => el.remove());
    const sections = document.querySelectorAll('body > section.sec');
    padding.forEach((n, i) => {
      for (let k = 0; k < n; k++) {
        const blank = document.createElement('div');
        blank.className = 'pb-pad';
        blank.setAttribute('aria-hidden', 'true');
        sections[i]?.after(blank);
      }
    });
  }, numbers, pads);
}

/** Which fonts Chromium actually used for each role, from a probe set in each role's family list. */
async function probeFonts(page: Page, plan: FontPlan, profile: LayoutProfile): Promise<FontUse[]> {
  const samples: Record<FontRole, string> = {
    body: '规范权力运行制度汇编职权法定', title: '规范权力运行制度汇编', heading1: '职权目录权力运行流程图',
    heading2: '公众参与专家论证', pageNumber: '— 0123456789 —', table: '事项编码承办机构收费',
  };
  await page.evaluate((roles: [string, string, string][]) => {
    const probe = document.createElement('div');
    probe.id = 'pb-probe';
    for (const [role, family, text] of roles) {
      const s = document.createElement('span');
      s.dataset.role = role;
      s.style.fontFamily = family;
      s.textContent = text;
      probe.appendChild(s);
    }
    document.body.appendChild(probe);
    return document.fonts.ready.then(() => undefined);
  }, FONT_ROLES.map((r) => [r, plan.families[r], samples[r]] as [string, string, string]));
  const cdp = await page.createCDPSession();
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const out: FontUse[] = [];
    for (const role of FONT_ROLES) {
      let fonts: PlatformFont[] = [];
      try {
        const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: `#pb-probe span[data-role="${role}"]` });
        fonts = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts;
      } catch { /* describeUse falls back to fontconfig */ }
      out.push(describeUse(role, plan, profile, fonts));
    }
    return out;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

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
      printed = passes === 1 ? await draftPrint(page) : await readPrinted(await page.pdf(PRINT_OPTIONS));
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
