/**
 * Print chunks: the document split into HTML documents of bounded size, printed apart and merged (index.ts, merge.ts).
 * Chromium's print is strongly superlinear in the length of the document (docs/architecture.md), so several
 * documents of a few hundred pages print in a fraction of the time of one document of thousands.
 *
 * A chunk holds consecutive sections of one class — numbered (`body`) or not (`cover`, `front`) — and a body
 * section is cut only where the document breaks the page anyway, so that the cut changes no page: before a heading
 * that starts a page (document/breaks.ts: the first of consecutive headings when one of them is a part, a power, a
 * rule). Each section also starts a page, so a section boundary is a cut too.
 */
import type { Block, DocumentModel, Heading, Inline, Section } from '../../document/model.js';
import type { LayoutProfile } from '../../domain/profile.js';
import { startsPage } from '../../document/breaks.js';
import { walkBlocks, walkInlines } from '../../document/walk.js';

/** Blocks [from, to) of section `section`. */
export interface Slice { section: number; from: number; to: number }

export interface Chunk {
  /** Body chunks carry page numbers; the others (cover, 目录) do not and never count. */
  body: boolean;
  slices: Slice[];
  /** Whether the chunk holds a 目录 (printed once its numbers are known). */
  toc: boolean;
  /** Estimated pages (for sizing only). */
  estimate: number;
}

const role = (h: Heading) => h.role ?? (['part', 'chapter', 'section', 'item', 'subitem'] as const)[h.level - 1];

/**
 * Whether block k starts a page in every case, so that a chunk may start there (k > 0, in a section's blocks): a
 * heading where the compendium starts a page (document/breaks.ts; html.ts marks it `break-before`).
 */
export function isCut(blocks: readonly Block[], k: number): boolean {
  return k > 0 && startsPage(blocks, k);
}

/** Characters of inline content, a line break as a whole line, a footnote reference as one. */
function inlineLength(xs: readonly Inline[], chars: number): number {
  let n = 0;
  walkInlines(xs, (x) => { n += x.type === 'text' || x.type === 'ref' ? [...x.text].length : x.type === 'link' ? 0 : x.type === 'break' ? chars : 1; });
  return n;
}

/** A rough number of body lines for a block (22 a page, 28 characters a line); only chunk sizes depend on it. */
export function estimateLines(block: Block, profile: LayoutProfile): number {
  const { chars, lines } = profile.grid;
  let sum = 0;
  // Lists and quotes add up the lines of what they hold.
  walkBlocks([block], { block: (b) => { sum += ownLines(b); } });
  return sum;

  function ownLines(b: Block): number {
    switch (b.type) {
      case 'heading': return role(b) === 'part' || role(b) === 'title' ? 3 : Math.max(1, Math.ceil(inlineLength(b.children, chars) / chars));
      case 'paragraph': return Math.max(1, Math.ceil(inlineLength(b.children, chars) / chars));
      case 'list': case 'quote': return 0;
      case 'figure': return Math.min(lines, Math.ceil((b.height / Math.max(1, b.width)) * chars * 0.9) + 1);
      case 'pageBreak': return lines / 2;
      case 'toc': return lines;
      case 'table': {
        // 小四 (3/4 of the body size) at 1.5 lines: a table line is about 0.62 body lines; landscape pages hold 0.6 of it.
        const total = b.widths?.reduce((x, y) => x + y, 0);
        const perLine = (chars / 0.75) * (b.landscape ? 1.5 : 1);
        let rows = 0;
        for (const row of b.rows) {
          let tallest = 1;
          row.cells.forEach((c, i) => {
            const share = total && b.widths?.[i] ? b.widths[i]! / total : 1 / row.cells.length;
            tallest = Math.max(tallest, Math.ceil(inlineLength(c.children, chars) / Math.max(2, perLine * share * (c.colSpan ?? 1))));
          });
          rows += tallest * 0.62 + 0.2;
        }
        return rows / (b.landscape ? 0.6 : 1);
      }
    }
  }
}

/** Pages of a run of blocks that starts a page: its lines over the page's, at least one. */
const pagesOf = (lines: number, profile: LayoutProfile) => Math.max(1, Math.ceil(lines / profile.grid.lines));

export interface ChunkSizes {
  /** Estimated pages a chunk at most (Infinity: one chunk per run of body sections). */
  maxPages: number;
  /** At least this many chunks, as long as each has `minPages` estimated pages (default 1). */
  minChunks?: number;
  minPages?: number;
}

/**
 * The chunks of a model: each run of sections of one class; a run of body sections is cut into chunks of at most
 * `maxPages` estimated pages, and into at least `minChunks` if each then has `minPages` (as even as the cuts allow).
 */
export function planChunks(model: DocumentModel, profile: LayoutProfile, sizes: ChunkSizes): Chunk[] {
  const { maxPages, minChunks = 1, minPages = Infinity } = sizes;
  const chunks: Chunk[] = [];
  const hasToc = (s: Section, from: number, to: number) => s.blocks.slice(from, to).some((b) => b.type === 'toc');
  let i = 0;
  while (i < model.sections.length) {
    const body = model.sections[i]!.kind === 'body';
    let j = i;
    while (j < model.sections.length && (model.sections[j]!.kind === 'body') === body) j++;
    if (!body) {
      const slices = model.sections.slice(i, j).map((s, k) => ({ section: i + k, from: 0, to: s.blocks.length }));
      chunks.push({ body, slices, toc: slices.some((x) => hasToc(model.sections[x.section]!, x.from, x.to)), estimate: slices.length });
    } else {
      // Units: the runs of blocks between two cuts, each starting a page.
      const units: { slice: Slice; pages: number }[] = [];
      for (let s = i; s < j; s++) {
        const blocks = model.sections[s]!.blocks;
        let from = 0, lines = 0;
        for (let k = 0; k < blocks.length; k++) {
          if (k > from && isCut(blocks, k)) { units.push({ slice: { section: s, from, to: k }, pages: pagesOf(lines, profile) }); from = k; lines = 0; }
          lines += estimateLines(blocks[k]!, profile);
        }
        units.push({ slice: { section: s, from, to: blocks.length }, pages: pagesOf(lines, profile) });
      }
      const total = units.reduce((n, u) => n + u.pages, 0);
      const wanted = Math.max(Number.isFinite(maxPages) ? Math.ceil(total / Math.max(1, maxPages)) : 1, Math.min(minChunks, Math.floor(total / minPages)));
      const count = Math.max(1, Math.min(units.length, wanted));
      // Cut where the running total passes the next multiple of total / count.
      let done = 0, acc = 0, current: typeof units = [];
      const flush = () => {
        if (!current.length) return;
        const slices: Slice[] = [];
        for (const u of current) {
          const last = slices.at(-1);
          if (last && last.section === u.slice.section && last.to === u.slice.from) last.to = u.slice.to;
          else slices.push({ ...u.slice });
        }
        chunks.push({ body, slices, toc: slices.some((x) => hasToc(model.sections[x.section]!, x.from, x.to)), estimate: current.reduce((n, u) => n + u.pages, 0) });
        current = [];
      };
      for (const u of units) {
        if (current.length && done < count - 1 && acc + u.pages / 2 > (total * (done + 1)) / count) { flush(); done++; }
        current.push(u);
        acc += u.pages;
      }
      flush();
    }
    i = j;
  }
  return chunks;
}
