/**
 * Helpers for the DOCX backend's tests: reading parts of the package and reading a PDF's pages as text (poppler).
 */
import { execFileSync } from 'node:child_process';
import { unzipSync } from 'fflate';
import { requireTool } from '../helpers/tools.js';

/** The parts of a DOCX package, as text (XML) by name. */
export function parts(docx: Uint8Array): Map<string, string> {
  const decoder = new TextDecoder();
  return new Map(Object.entries(unzipSync(docx)).map(([name, data]) => [name, decoder.decode(data)]));
}

export function part(docx: Uint8Array, name: string): string {
  const text = parts(docx).get(name);
  if (text === undefined) throw new Error(`no part ${name} in the package`);
  return text;
}

/** The runs (`<w:r>` … `</w:r>`) of an XML part. */
export function runsOf(xml: string): string[] {
  return xml.match(/<w:r(?=[\s>])[^>]*>[\s\S]*?<\/w:r>/g) ?? [];
}

/** The text of each page of a PDF (pdftotext -layout), without the trailing empty page. */
export function pdfPages(pdf: string): string[] {
  requireTool('pdftotext');
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const pages = text.split('\f');
  if (pages.length > 0 && pages[pages.length - 1]!.trim() === '') pages.pop();
  return pages;
}

export const squash = (s: string): string => s.replace(/\s+/g, '');

/** The page number a page shows ("— N —" in its footer), if any. */
export function shownNumber(page: string): string | undefined {
  const all = [...page.matchAll(/—\s*(\d+)\s*—/g)];
  return all.length > 0 ? all[all.length - 1]![1] : undefined;
}

/** The entries of the TOC as LibreOffice printed them: "title ……… N". */
export function printedToc(pages: string[]): { entries: Array<{ title: string; page: string }>; lastPage: number } {
  const entries: Array<{ title: string; page: string }> = [];
  let lastPage = -1;
  pages.forEach((page, i) => {
    for (const line of page.split('\n')) {
      const m = /^\s*(.+?)\s*\.{3,}\s*(\d+)\s*$/.exec(line);
      if (m) {
        entries.push({ title: squash(m[1]!), page: m[2]! });
        lastPage = i;
      }
    }
  });
  return { entries, lastPage };
}

/**
 * For each heading (in document order), the page number shown on the page of the PDF where it is printed as a line
 * of its own, looking after the TOC and never going back.
 */
export function headingPages(pages: string[], titles: string[], after: number): Array<string | undefined> {
  let cursor = after + 1;
  return titles.map((title) => {
    const want = squash(title);
    for (let i = cursor; i < pages.length; i++) {
      if (pages[i]!.split('\n').some((line) => squash(line) === want)) {
        cursor = i;
        return shownNumber(pages[i]!);
      }
    }
    return undefined;
  });
}
