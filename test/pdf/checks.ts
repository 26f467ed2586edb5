/**
 * Checks shared by the PDF tests (the CLI's build of the example, and the example printed in many chunks): page
 * numbers in sequence on the outer side, the 目录's numbers, its links and the bookmarks against the pages.
 */
import { expect } from 'vitest';
import { GB9704 } from '../../src/domain/profile.js';
import { bookmarkPages, footer, pageLinks, squeeze, tocEntriesPrinted, type BboxPage } from './helpers.js';

const PT_PER_MM = 72 / 25.4;
const TOLERANCE = 1 * PT_PER_MM; // 1 mm
const M = GB9704.marginMm;

/** Body pages count 1, 2, 3 … from the first numbered page on, one character in from the text block, odd at the right. */
export function checkPageNumbers(boxes: BboxPage[]): void {
  const numbered = boxes.map((b) => footer(b));
  const first = numbered.findIndex(Boolean);
  expect(first).toBeGreaterThan(0);
  numbered.slice(first).forEach((f, i) => expect(f?.n, `sheet ${first + i + 1}`).toBe(i + 1));
  const oneChar = GB9704.sizePt.pageNumber;
  boxes.slice(first).forEach((b, i) => {
    const f = numbered[first + i]!;
    if (f.turned) {
      // A landscape page: in the left margin, its middle 7 mm from the text block, turned to read down the page (its
      // box taller than wide), one character from the block's bottom corner (odd) or its top corner (even).
      expect(Math.abs((f.xMin + f.xMax) / 2 - (M.left - GB9704.pageNumberOffsetMm) * PT_PER_MM), `page ${f.n}: 7 mm left of the text block`).toBeLessThan(TOLERANCE / 2);
      expect(f.yMax - f.yMin, `page ${f.n}: turned`).toBeGreaterThan(2 * (f.xMax - f.xMin));
      const off = f.n % 2 === 1 ? b.height - M.bottom * PT_PER_MM - oneChar - f.yMax : f.yMin - M.top * PT_PER_MM - oneChar;
      expect(Math.abs(off), `page ${f.n} (${f.n % 2 === 1 ? 'odd: foot of the sheet as bound' : 'even: its head'})`).toBeLessThan(TOLERANCE);
    } else {
      const right = b.width - M.right * PT_PER_MM;
      const off = f.n % 2 === 1 ? right - oneChar - f.xMax : f.xMin - M.left * PT_PER_MM - oneChar;
      expect(Math.abs(off), `page ${f.n} (${f.n % 2 === 1 ? 'odd: right' : 'even: left'})`).toBeLessThan(TOLERANCE);
    }
    // GB/T 9704 by the number, Chromium by the sheet: odd numbers on right-hand (odd, 1-based) sheets.
    expect((first + i) % 2, `page ${f.n} on sheet ${first + i + 1}`).toBe(f.n % 2 === 1 ? 0 : 1);
  });
}

/** Every 目录 entry's number is the page whose text has the entry's heading; the numbers grow. Returns the entries. */
export function checkTocNumbers(pages: string[], boxes: BboxPage[], atLeast: number): ReturnType<typeof tocEntriesPrinted> {
  const byNumber = new Map<number, string>();
  boxes.forEach((b, i) => { const f = footer(b); if (f) byNumber.set(f.n, squeeze(pages[i]!)); });
  const entries = tocEntriesPrinted(pages, boxes);
  expect(entries.length).toBeGreaterThanOrEqual(atLeast);
  // The TOC writes "第一部分职权目录"; the page has the heading (with a space, or wrapped): compare without spaces.
  for (const e of entries) expect(byNumber.get(e.n), `${e.text} → ${e.n}`).toContain(e.text);
  entries.slice(1).forEach((e, i) => expect(e.n).toBeGreaterThanOrEqual(entries[i]!.n));
  return entries;
}

/** Each 目录 entry is a link to the page that shows the entry's number. */
export async function checkTocLinks(bytes: Uint8Array, boxes: BboxPage[], entries: ReturnType<typeof tocEntriesPrinted>): Promise<void> {
  let checked = 0;
  for (const page of [...new Set(entries.map((e) => e.page))]) {
    const words = boxes[page]!.words;
    for (const link of await pageLinks(bytes, page)) {
      // The entry's number: the last word of digits inside the link's box (by the word's centre: a CJK font's box is
      // taller than the line).
      const inside = words.filter((w) => {
        const x = (w.xMin + w.xMax) / 2, y = (w.yMin + w.yMax) / 2;
        return x >= link.xMin && x <= link.xMax && y >= link.yMin && y <= link.yMax;
      });
      const number = inside.filter((w) => /^\d+$/.test(w.text)).at(-1);
      if (!number) continue;
      expect(link.uri, 'a link to another chunk left as a URI').toBeUndefined();
      expect(link.target, `link to page ${number.text}`).toBeDefined();
      expect(footer(boxes[link.target!]!)?.n, `link of entry ${inside.map((w) => w.text).join('')}`).toBe(Number(number.text));
      checked++;
    }
  }
  expect(checked).toBe(entries.length);
}

/** Bookmarks: one for every title given; each points at a page whose text has its title. Returns their titles. */
export async function checkBookmarks(bytes: Uint8Array, pages: string[], titles: string[]): Promise<string[]> {
  const marks = await bookmarkPages(bytes);
  for (const m of marks) {
    expect(m.page, m.title).toBeDefined();
    expect(squeeze(pages[m.page!]!), `bookmark ${m.title} → sheet ${m.page! + 1}`).toContain(squeeze(m.title));
  }
  const squeezed = marks.map((m) => squeeze(m.title));
  for (const t of titles) expect(squeezed.some((m) => m.includes(squeeze(t))), t).toBe(true);
  return marks.map((m) => m.title);
}
