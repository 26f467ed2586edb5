/**
 * Reading a printed compendium (any PDF: LibreOffice's of the DOCX, Chromium's) page by page with poppler
 * (`pdftotext -bbox-layout`), for the checks of the page form that hold for both: no heading or caption left at the
 * foot of a page, no code or number broken across lines, where a landscape page's number stands.
 */
import { execFileSync } from 'node:child_process';
import { requireTool } from './tools.js';

export interface Line { text: string; x0: number; y0: number; x1: number; y1: number }
export interface Block { lines: Line[] }
export interface Page { width: number; height: number; blocks: Block[] }

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
export const squash = (s: string): string => s.replace(/\s+/g, '');

/** Every page's blocks of lines (poppler's), each line's words joined without spaces. */
export function readPages(pdf: string): Page[] {
  requireTool('pdftotext');
  const html = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 29 });
  const pages: Page[] = [];
  for (const p of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const blocks: Block[] = [];
    for (const b of p[3]!.matchAll(/<block [^>]*>([\s\S]*?)<\/block>/g)) {
      const lines = [...b[1]!.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)].map((l) => ({
        x0: +l[1]!, y0: +l[2]!, x1: +l[3]!, y1: +l[4]!,
        text: squash(unescape([...l[5]!.matchAll(/>([^<]*)<\/word>/g)].map((w) => w[1]).join(''))),
      }));
      blocks.push({ lines });
    }
    pages.push({ width: +p[1]!, height: +p[2]!, blocks });
  }
  return pages;
}

const MM = 72 / 25.4;
/** GB/T 9704's margins (top, right, bottom, left), in points; a landscape page keeps them. */
const MARGIN = { top: 37 * MM, right: 26 * MM, bottom: 35 * MM, left: 28 * MM };

/** The lines of a page inside its text block (not the page number), top to bottom. */
export function textLines(page: Page): Line[] {
  const slack = 4;
  return page.blocks.flatMap((b) => b.lines)
    .filter((l) => l.x0 >= MARGIN.left - slack && l.x1 <= page.width - MARGIN.right + slack && l.y0 >= MARGIN.top - slack && l.y1 <= page.height - MARGIN.bottom + slack)
    .sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

/** A unit that follows a number (20个工作日, 7日, 24小时, 5万元), at the start of a line. */
const UNIT_START = /^(个(工作日|自然日|月)|工作日|自然日|小时|分钟|日|天|月|年|万元|元|%|％)/;

/**
 * Codes and numbers broken across lines: in each block, a line that ends inside one and the next line that goes on
 * with it — "XK-" / "001", "2022-12-" / "30", "20" / "个工作日", "20个" / "工作日", "20个工" / "作日".
 * `skip(page, line)` leaves lines out (a flowchart's own labels).
 */
export function brokenTokens(pages: Page[], skip: (page: number, line: Line) => boolean = () => false): string[] {
  const out: string[] = [];
  pages.forEach((page, p) => {
    for (const b of page.blocks) {
      const lines = b.lines.filter((l) => !skip(p, l));
      for (let i = 0; i + 1 < lines.length; i++) {
        const a = lines[i]!.text, n = lines[i + 1]!.text;
        // the next line of the same text: just below, in the same column (a block may span a table's columns)
        const [la, lb] = [lines[i]!, lines[i + 1]!];
        if (lb.y0 - la.y1 > (la.y1 - la.y0) || lb.y0 < la.y0 || lb.x0 > la.x1 || lb.x1 < la.x0) continue;
        const broken =
          (/[0-9A-Za-z][-‐‑–]$/.test(a) && /^[0-9A-Za-z]/.test(n)) ||
          (/[0-9]$/.test(a) && /^[0-9]/.test(n)) ||
          (/[0-9]$/.test(a) && UNIT_START.test(n)) ||
          (/[0-9]个$/.test(a) && /^(工作日|自然日|月)/.test(n)) ||
          (/[0-9]个(工|自)$/.test(a) && /^(作日|然日)/.test(n));
        if (broken) out.push(`page ${p + 1}: "${a.slice(-14)}" / "${n.slice(0, 14)}"`);
      }
    }
  });
  return out;
}

/**
 * Pages whose text block ends with what must go with the text after it: a heading (one of `headings`, on one line
 * or the last two), a caption above a table (one of `captions`, or what matches it), or a table's group row
 * ("二、行政处罚（5项）").
 */
export function strandedAtFoot(pages: Page[], headings: Iterable<string>, captions: Iterable<string> | RegExp): string[] {
  const heads = new Set([...headings].map(squash));
  const set = captions instanceof RegExp ? undefined : new Set([...captions].map(squash));
  const isCaption = (t: string) => (captions instanceof RegExp ? captions.test(t) : set!.has(t));
  const out: string[] = [];
  pages.forEach((page, p) => {
    const lines = textLines(page);
    if (!lines.length) return;
    const last = lines.at(-1)!.text;
    const lastTwo = lines.length > 1 ? lines.at(-2)!.text + last : last;
    // Lines side by side at the foot (a table row's cells) are not a heading.
    const alone = lines.filter((l) => Math.abs(l.y0 - lines.at(-1)!.y0) < 2).length === 1;
    if (!alone) return;
    if (heads.has(last) || heads.has(lastTwo)) out.push(`page ${p + 1}: heading "${last}" at the foot`);
    else if (isCaption(last) || isCaption(lastTwo)) out.push(`page ${p + 1}: caption "${last}" at the foot`);
    else if (/^[一二三四五六七八九十]+、.+（\d+项）$/.test(last)) out.push(`page ${p + 1}: group row "${last}" at the foot`);
  });
  return out;
}

/** A flowchart's caption, under its drawing: "<power>权力运行流程图", "（1/3）" when it has pages. */
export const FLOWCHART_CAPTION = /权力运行流程图(（\d+\/\d+）)?$/;

/**
 * Lines of a flowchart's drawing on a PDF page (Mermaid lays their labels out, in the SVG): above the drawing's
 * caption, on a page that has one. For `brokenTokens`' `skip`.
 */
export function inDrawing(pages: Page[]): (page: number, line: Line) => boolean {
  const captionAt = pages.map((p) => Math.max(-1, ...textLines(p).filter((l) => FLOWCHART_CAPTION.test(l.text)).map((l) => l.y0)));
  return (page, line) => line.y1 <= captionAt[page]! + 1;
}

/**
 * Pages whose text block is less than a third full although what follows does not need a page of its own: the next
 * page (`from` on) neither begins a unit (`beginsUnit`: a heading that starts a page, a flowchart's page) nor is
 * empty. A table row pushed whole to the next page leaves such a page behind.
 */
export function nearlyEmpty(pages: Page[], beginsUnit: (page: number) => boolean, from = 0): string[] {
  const out: string[] = [];
  for (let i = from; i + 1 < pages.length; i++) {
    const lines = textLines(pages[i]!);
    const next = textLines(pages[i + 1]!);
    if (!lines.length || !next.length || beginsUnit(i + 1)) continue;
    const top = MARGIN.top, bottom = pages[i]!.height - MARGIN.bottom;
    const filled = (Math.max(...lines.map((l) => l.y1)) - top) / (bottom - top);
    if (filled < 1 / 3) out.push(`page ${i + 1}: ${Math.round(filled * 100)} % full, then "${next[0]!.text.slice(0, 20)}"`);
  }
  return out;
}
