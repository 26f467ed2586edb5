/** Reading a PDF in tests with poppler-utils (pdftotext, pdftoppm, pdfinfo, pdffonts) and pdf-lib. */
import { execFileSync } from 'node:child_process';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';

export interface Word { text: string; xMin: number; yMin: number; xMax: number; yMax: number }
export interface BboxPage { width: number; height: number; words: Word[] }

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 });

/** `pdftotext -layout`, one string per page. */
export function layoutPages(pdf: string): string[] {
  const pages = run('pdftotext', ['-layout', pdf, '-']).split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** `pdftotext -bbox`: every word with its box, in points from the page's top left corner. */
export function bboxPages(pdf: string, first?: number, last?: number): BboxPage[] {
  const range = first ? ['-f', String(first), '-l', String(last ?? first)] : [];
  const html = run('pdftotext', ['-bbox', ...range, pdf, '-']);
  const pages: BboxPage[] = [];
  for (const m of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const words = [...m[3]!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
      .map((w) => ({ xMin: +w[1]!, yMin: +w[2]!, xMax: +w[3]!, yMax: +w[4]!, text: unescape(w[5]!) }));
    pages.push({ width: +m[1]!, height: +m[2]!, words });
  }
  return pages;
}

/** The page number "— N —" below the text block (bottom margin in points), with the box from the first dash to the last. */
export function footer(page: BboxPage, bottomMarginPt = 35 * 72 / 25.4): { n: number; xMin: number; xMax: number } | undefined {
  const low = page.words.filter((w) => w.yMin > page.height - bottomMarginPt).sort((a, b) => a.xMin - b.xMin);
  const text = low.map((w) => w.text).join(' ');
  const m = /—\s*(\d+)\s*—/.exec(text);
  if (!m) return undefined;
  const dashes = low.filter((w) => w.text.includes('—'));
  return { n: Number(m[1]), xMin: dashes[0]!.xMin, xMax: dashes.at(-1)!.xMax };
}

/**
 * The lines of ink on a page (pdftoppm, grey): each run of rows with dark pixels, as top/bottom in points, and the
 * leftmost and rightmost dark column, within the band `fromPt`–`toPt` (to leave the page number out).
 */
export function inkLines(pdf: string, page: number, fromPt = 0, toPt = 1e9): { lines: { top: number; bottom: number }[]; left: number; right: number } {
  const dpi = 144;
  const buf = execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), pdf], { maxBuffer: 1 << 28 });
  const head = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'))!;
  const w = +head[1]!, h = +head[2]!, off = head[0].length;
  const k = 72 / dpi;
  const lines: { top: number; bottom: number }[] = [];
  let left = Infinity, right = -Infinity, start = -1;
  for (let y = 0; y < h; y++) {
    const inBand = y * k >= fromPt && y * k <= toPt;
    let dark = false;
    if (inBand) {
      for (let x = 0; x < w; x++) {
        if (buf[off + y * w + x]! < 128) { dark = true; left = Math.min(left, x * k); right = Math.max(right, (x + 1) * k); }
      }
    }
    if (dark && start < 0) start = y;
    if (!dark && start >= 0) { lines.push({ top: start * k, bottom: y * k }); start = -1; }
  }
  return { lines, left, right };
}

export function pdfinfo(pdf: string, extra: string[] = []): string {
  return run('pdfinfo', [...extra, pdf]);
}

export function pdffonts(pdf: string): { name: string; type: string; emb: string }[] {
  const lines = run('pdffonts', [pdf]).split('\n').slice(2).filter(Boolean);
  // name (may be "[none]"), type (one or two words), encoding, emb, sub, uni, object id
  return lines.map((l) => {
    const m = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(l);
    return m ? { name: m[1]!, type: m[2]!.trim(), emb: m[4]! } : { name: l, type: '?', emb: '?' };
  });
}

/** Bookmark titles (depth first) read with pdf-lib. */
export async function bookmarks(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const out: string[] = [];
  const walk = (d: PDFDict) => {
    for (let it = d.lookup(PDFName.of('First')); it instanceof PDFDict; it = it.lookup(PDFName.of('Next'))) {
      const t = it.lookup(PDFName.of('Title'));
      out.push(t instanceof PDFString || t instanceof PDFHexString ? t.decodeText() : '');
      walk(it);
    }
  };
  const root = doc.catalog.lookup(PDFName.of('Outlines'));
  if (root instanceof PDFDict) walk(root);
  return out;
}

export const squeeze = (s: string) => s.replace(/\s+/g, '');
