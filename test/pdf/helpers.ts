/** Reading a PDF in tests with poppler-utils (pdftotext, pdftoppm, pdfinfo, pdffonts) and pdf-lib. */
import { execFileSync } from 'node:child_process';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { requireTool, type Tool } from '../helpers/tools.js';

export interface Word { text: string; xMin: number; yMin: number; xMax: number; yMax: number }
export interface BboxPage { width: number; height: number; words: Word[] }

const run = (cmd: Tool, args: string[]) => {
  requireTool(cmd);
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
};

/** `pdftotext -layout`, one string per page. */
export function layoutPages(pdf: string): string[] {
  const pages = run('pdftotext', ['-layout', pdf, '-']).split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/** `pdftotext -raw` (the text in the order it is drawn), one string per page. */
export function rawPages(pdf: string): string[] {
  const pages = run('pdftotext', ['-raw', pdf, '-']).split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/**
 * Where two prints' pages differ: a line of one (its words on one baseline, joined without spaces, from its first
 * word's left to its last word's right) that the other has not, or has more than `tolerance` points away. Lines,
 * not words: pdftotext cuts a line into words by the gaps it sees between glyphs, which depend on the fonts' objects
 * (a print's Type 3 fonts). Empty: the same text in the same places.
 */
export function placementDifferences(a: readonly BboxPage[], b: readonly BboxPage[], tolerance = 0.25): string[] {
  const out: string[] = [];
  if (a.length !== b.length) out.push(`${a.length} pages against ${b.length}`);
  const lines = (p: BboxPage) => {
    const rows = new Map<number, Word[]>();
    for (const w of p.words) {
      const key = [...rows.keys()].find((y) => Math.abs(y - w.yMin) <= tolerance) ?? w.yMin;
      rows.set(key, [...(rows.get(key) ?? []), w]);
    }
    return [...rows.values()].map((ws) => ws.sort((x, y) => x.xMin - y.xMin)).map((ws) => ({
      text: ws.map((w) => w.text).join(''), y: ws[0]!.yMin, x0: ws[0]!.xMin, x1: ws.at(-1)!.xMax,
    })).sort((x, y) => x.y - y.y || x.x0 - y.x0);
  };
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [la, lb] = [lines(a[i]!), lines(b[i]!)];
    if (la.length !== lb.length) { out.push(`page ${i + 1}: ${la.length} lines against ${lb.length}`); continue; }
    la.forEach((l, k) => {
      const m = lb[k]!;
      if (l.text !== m.text || Math.max(Math.abs(l.y - m.y), Math.abs(l.x0 - m.x0), Math.abs(l.x1 - m.x1)) > tolerance) {
        out.push(`page ${i + 1}: "${l.text}" at ${l.x0.toFixed(1)},${l.y.toFixed(1)} against "${m.text}" at ${m.x0.toFixed(1)},${m.y.toFixed(1)}`);
      }
    });
  }
  return out;
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

/**
 * The page number "— N —" below the text block (bottom margin in points), with the box from the first dash to the
 * last; on a landscape page, turned in the left margin (`turned`, the box then runs down the page: yMin to yMax).
 */
export function footer(page: BboxPage, bottomMarginPt = 35 * 72 / 25.4): { n: number; xMin: number; xMax: number; yMin: number; yMax: number; turned: boolean } | undefined {
  const landscape = page.width > page.height;
  const low = landscape
    ? page.words.filter((w) => w.xMax < 28 * 72 / 25.4).sort((a, b) => a.yMin - b.yMin)
    : page.words.filter((w) => w.yMin > page.height - bottomMarginPt).sort((a, b) => a.xMin - b.xMin);
  const text = low.map((w) => w.text).join(' ');
  const m = /—\s*(\d+)\s*—/.exec(text);
  if (!m) return undefined;
  const dashes = low.filter((w) => w.text.includes('—'));
  const all = [dashes[0]!, dashes.at(-1)!];
  return {
    n: Number(m[1]), turned: landscape,
    xMin: Math.min(...all.map((w) => w.xMin)), xMax: Math.max(...all.map((w) => w.xMax)),
    yMin: Math.min(...all.map((w) => w.yMin)), yMax: Math.max(...all.map((w) => w.yMax)),
  };
}

/**
 * The lines of ink on a page (pdftoppm, grey): each run of rows with dark pixels, as top/bottom in points, and the
 * leftmost and rightmost dark column, within the band `fromPt`–`toPt` (to leave the page number out).
 */
export function inkLines(pdf: string, page: number, fromPt = 0, toPt = 1e9): { lines: { top: number; bottom: number }[]; left: number; right: number } {
  const dpi = 144;
  requireTool('pdftoppm');
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

/** The fonts of the PDF, or of one page of it. */
export function pdffonts(pdf: string, page?: number): { name: string; type: string; emb: string }[] {
  const lines = run('pdffonts', [...(page ? ['-f', String(page), '-l', String(page)] : []), pdf]).split('\n').slice(2).filter(Boolean);
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

/**
 * The 目录's entries as printed: each entry's text (lines of a wrapped entry joined, spaces dropped) and its number,
 * read with `pdftotext -layout` from the page with the title 目录 to the first numbered page.
 */
export function tocEntriesPrinted(pages: string[], boxes: BboxPage[]): { text: string; n: number; page: number }[] {
  const firstBody = boxes.findIndex((b) => footer(b));
  const tocStart = pages.findIndex((p) => /^\s*目\s*录\s*$/m.test(p));
  const entries: { text: string; n: number; page: number }[] = [];
  let pending = '';
  if (tocStart < 0) return entries;
  pages.slice(tocStart, firstBody).forEach((page, k) => {
    for (const line of page.split('\n')) {
      const m = /^(.*?)\s+(\d+)\s*$/.exec(line);
      if (m) { entries.push({ text: squeeze(pending + m[1]!), n: Number(m[2]), page: tocStart + k }); pending = ''; }
      else if (line.trim() && !/^\s*目\s*录\s*$/.test(line)) pending += line;
    }
  });
  return entries;
}

/** Where a destination points: the 0-based page index (explicit [page …] or a named destination of /Dests). */
function destPage(doc: PDFDocument, d: PDFObject | undefined): number | undefined {
  const pages = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i]));
  let dest = d instanceof PDFRef ? doc.context.lookup(d) : d;
  if (dest instanceof PDFName || dest instanceof PDFString || dest instanceof PDFHexString) {
    const dests = doc.catalog.lookup(PDFName.of('Dests'));
    dest = dests instanceof PDFDict ? dests.lookup(PDFName.of(dest.decodeText())) : undefined;
  }
  if (dest instanceof PDFDict) dest = dest.lookup(PDFName.of('D'));
  if (!(dest instanceof PDFArray)) return undefined;
  const first = dest.get(0);
  return first instanceof PDFRef ? pages.get(first.toString()) : undefined;
}

/** Bookmarks with the 0-based page they point at (undefined: no destination). */
export async function bookmarkPages(bytes: Uint8Array): Promise<{ title: string; page: number | undefined; depth: number }[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const out: { title: string; page: number | undefined; depth: number }[] = [];
  const walk = (d: PDFDict, depth: number) => {
    for (let it = d.lookup(PDFName.of('First')); it instanceof PDFDict; it = it.lookup(PDFName.of('Next'))) {
      const t = it.lookup(PDFName.of('Title'));
      out.push({ title: t instanceof PDFString || t instanceof PDFHexString ? t.decodeText() : '', page: destPage(doc, it.get(PDFName.of('Dest')) ?? it.lookup(PDFName.of('A'))), depth });
      walk(it, depth + 1);
    }
  };
  const root = doc.catalog.lookup(PDFName.of('Outlines'));
  if (root instanceof PDFDict) walk(root, 0);
  return out;
}

/** The internal links of a page (0-based): their rectangle (points, from the page's top left) and target page. */
export async function pageLinks(bytes: Uint8Array, page: number): Promise<{ xMin: number; yMin: number; xMax: number; yMax: number; target: number | undefined; uri?: string }[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const p = doc.getPage(page);
  const height = p.getHeight();
  const annots = p.node.lookup(PDFName.of('Annots'));
  const out: { xMin: number; yMin: number; xMax: number; yMax: number; target: number | undefined; uri?: string }[] = [];
  if (!(annots instanceof PDFArray)) return out;
  for (let i = 0; i < annots.size(); i++) {
    const a = annots.lookup(i);
    if (!(a instanceof PDFDict) || a.lookup(PDFName.of('Subtype'))?.toString() !== '/Link') continue;
    const r = (a.lookup(PDFName.of('Rect')) as PDFArray).asArray().map((x) => (x as PDFNumber).asNumber());
    const action = a.lookup(PDFName.of('A'));
    const uri = action instanceof PDFDict ? action.lookup(PDFName.of('URI')) : undefined;
    out.push({
      xMin: Math.min(r[0]!, r[2]!), xMax: Math.max(r[0]!, r[2]!), yMin: height - Math.max(r[1]!, r[3]!), yMax: height - Math.min(r[1]!, r[3]!),
      target: destPage(doc, a.get(PDFName.of('Dest')) ?? (action instanceof PDFDict ? action : undefined)),
      uri: uri instanceof PDFString || uri instanceof PDFHexString ? uri.decodeText() : undefined,
    });
  }
  return out;
}
