/**
 * From sheets to page numbers: where each section and each 目录 entry landed in a printed PDF, which number each sheet
 * shows, and the blank pages that put each run of pages on a right-hand sheet.
 */
import type { DocumentModel, Heading } from '../../document/model.js';
import { headingText } from '../html/blocks.js';
import { sectionMark } from './html.js';
import type { OutlineItem, PrintedPdf } from './outline.js';

/** Where each section starts and which sheets carry which number, read from a printed PDF. */
export interface Layout {
  /** Sheet on which each section starts. */
  starts: number[];
  /** Displayed number of each sheet ('' on the cover and the 目录). */
  numbers: string[];
}

export function layoutOf(model: DocumentModel, printed: Pick<PrintedPdf, 'dests' | 'pageCount'>, pads: number[]): Layout {
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
export function planPadding(model: DocumentModel, layout: Layout, pageCount: number, current: number[]): number[] {
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
export function entrySheets(entries: Heading[], printed: Pick<PrintedPdf, 'dests' | 'outline'>): number[] {
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
