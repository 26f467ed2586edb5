/**
 * From printed chunks to the merged document's sheets: where each chunk and each section lands, the blank pages that
 * start each run of pages of another kind (目录, body) on a right-hand sheet, and which number each sheet shows.
 */
import type { DocumentModel, Heading } from '../../document/model.js';
import type { Chunk } from './chunks.js';
import { sectionMark } from './html.js';

/** What a print of a chunk tells (a draft's is the same as the real print's): its sheets and named destinations. */
export interface ChunkPages {
  pageCount: number;
  /** Named destinations (element ids) → the chunk's own sheet index. */
  dests: Map<string, number>;
}

/** A sheet of the merged document: a chunk's page, or null for a blank page (unnumbered, not counted). */
export type Sheet = { chunk: number; page: number } | null;

export interface SheetPlan {
  sheets: Sheet[];
  /** Displayed number of each sheet ('' on the cover, the 目录 and blank pages). */
  numbers: string[];
  /** Blank pages after each section. */
  pads: number[];
  /** Per chunk: the sheet of its first page, the body number of its first page, and whether that sheet is a
   * left-hand one (odd index: Chromium, which takes every print's first sheet for a right-hand one, must swap the
   * sides of the page numbers). Undefined for chunks not reached (a print before them is missing). */
  starts: (number | undefined)[];
  first: (number | undefined)[];
  swap: (boolean | undefined)[];
  /** Named destinations → sheet. */
  dests: Map<string, number>;
  /** Whether every chunk from `from` on is placed. */
  complete: boolean;
}

/**
 * Lays the chunks out from chunk `from` on (0: the whole document; the first body chunk: the body alone, which the
 * padding starts on a right-hand sheet whatever the front matter's length), as far as their prints are known: the
 * first chunk without a print is placed (its start depends only on the chunks before it), the ones after it are not.
 * Before a section of another kind than the one before it, a blank page if it would start on a left-hand sheet.
 */
export function planSheets(model: DocumentModel, chunks: readonly Chunk[], prints: readonly (ChunkPages | undefined)[], from = 0): SheetPlan {
  const plan: SheetPlan = {
    sheets: [], numbers: [], pads: model.sections.map(() => 0), starts: chunks.map(() => undefined), first: chunks.map(() => undefined),
    swap: chunks.map(() => undefined), dests: new Map(), complete: false,
  };
  let count = 0;
  const open = (section: number) => {
    const kind = model.sections[section]!.kind;
    if (section > 0 && kind !== model.sections[section - 1]!.kind && plan.sheets.length % 2 === 1) {
      plan.sheets.push(null);
      plan.numbers.push('');
      plan.pads[section - 1]!++;
    }
  };
  const place = (c: number) => { plan.starts[c] = plan.sheets.length; plan.swap[c] = plan.sheets.length % 2 === 1; plan.first[c] = count + 1; };
  for (let c = from; c < chunks.length; c++) {
    const print = prints[c];
    const chunk = chunks[c]!;
    if (!print) {
      // Where it will start is known all the same: its first section (if it opens here) opens on its first page.
      if (chunk.slices[0]?.from === 0) open(chunk.slices[0].section);
      place(c);
      return plan;
    }
    // The sections that open in this chunk, by the sheet they start on (an empty one: where the one before starts).
    let at = 0;
    const opening = chunk.slices.filter((x) => x.from === 0).map((x) => ({ section: x.section, at: (at = print.dests.get(sectionMark(x.section)) ?? at) }));
    let o = 0;
    const local: number[] = [];
    if (!print.pageCount) place(c);
    for (let p = 0; p < print.pageCount; p++) {
      while (o < opening.length && opening[o]!.at <= p) open(opening[o++]!.section);
      if (p === 0) place(c);
      local.push(plan.sheets.length);
      plan.sheets.push({ chunk: c, page: p });
      plan.numbers.push(chunk.body ? String(++count) : '');
    }
    while (o < opening.length) open(opening[o++]!.section);
    for (const [name, p] of print.dests) if (local[p] !== undefined && !plan.dests.has(name)) plan.dests.set(name, local[p]!);
  }
  plan.complete = true;
  return plan;
}

/** The displayed number of each 目录 entry's page ('' when its heading was not found). */
export function entryNumbers(entries: readonly Heading[], plan: Pick<SheetPlan, 'dests' | 'numbers'>): string[] {
  return entries.map((h) => {
    const sheet = plan.dests.get(h.anchor);
    return sheet === undefined ? '' : plan.numbers[sheet] ?? '';
  });
}
