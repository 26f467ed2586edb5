/**
 * The compendium as print HTML pages, one per chunk (chunks.ts), from the document model only (blocks through
 * src/render/html/blocks.ts, the same HTML as the public site's). Each model section is a <section> on its named page
 * (cover, front, body); a wide table stands on landscape pages of its own. Invisible links to each section, heading
 * and link target make Chromium write a named destination for each, so the printed PDF tells where each landed.
 */
import type { Block, DocumentModel, Figure, Heading, Section, Table } from '../../document/model.js';
import { onLandscapePages, startsPage } from '../../document/breaks.js';
import { collect } from '../../document/walk.js';
import { blocksHtml, footnotesHtml, type HtmlOptions } from '../html/blocks.js';
import { esc } from '../html/escape.js';
import type { Chunk } from './chunks.js';

/** The id of section i (a link target: its named destination gives the sheet it starts on). */
export const sectionMark = (i: number) => `pb-section-${i}`;
/** The id of the title of the document's n-th 目录 (its bookmark points there). */
export const tocMark = (n: number) => `pb-toc-${n}`;

/** The headings the 目录 lists, in order. */
export function tocEntries(model: DocumentModel): Heading[] {
  return collect(model, (b): b is Heading => b.type === 'heading' && b.toc);
}

/**
 * A section's blocks with the page breaks before headings where the compendium starts a page (document/breaks.ts):
 * the HTML marks them `break-before`, the only headings the print CSS breaks the page before.
 */
export function pagedBlocks(blocks: readonly Block[]): Block[] {
  return blocks.map((b, i) => {
    if (b.type !== 'heading') return b;
    const starts = startsPage(blocks, i);
    return (b.pageBreakBefore === true) === starts ? b : { ...b, pageBreakBefore: starts };
  });
}

function sectionHtml(s: Section, i: number, blocks: readonly Block[], o: HtmlOptions, opens: boolean, tail: string): string {
  const cls = ['sec', `sec-${s.kind}`, s.orientation === 'landscape' && s.kind === 'body' ? 'landscape' : ''].filter(Boolean).join(' ');
  // Wide tables go on landscape pages of their own, with the headings and lines that lead up to them (breaks.ts);
  // everything else stays in the section's flow.
  const parts: string[] = [];
  let run: Block[] = [];
  const flush = () => { if (run.length) parts.push(blocksHtml(run, o)); run = []; };
  let wideRun: Block[] = [];
  const flushWide = () => { if (wideRun.length) parts.push(`<div class="pb-wide">${blocksHtml(wideRun, o)}</div>`); wideRun = []; };
  const wide = s.kind === 'body' && s.orientation !== 'landscape' ? onLandscapePages(blocks) : blocks.map(() => false);
  blocks.forEach((b, k) => {
    if (wide[k]) {
      flush();
      wideRun.push(b);
    } else {
      flushWide();
      run.push(b);
    }
  });
  flushWide();
  flush();
  // Where the section opens (not in a chunk that continues it), an empty out-of-flow mark at its start: the named
  // destination of its start. Not the section's own id: a link to an element thousands of pages long made Chromium's
  // print of the 1,000-power document take 50 s instead of 17 s (docs/architecture.md).
  const mark = opens ? `<span id="${sectionMark(i)}" class="pb-at"></span>` : '';
  return `<section class="${cls}">\n${mark}${parts.join('\n')}${tail}</section>`;
}

/** The file name links to another chunk point at (`pb-link.html#anchor`); merge.ts turns them into destinations. */
export const LINK_FILE = 'pb-link.html';

export interface ChunkHtmlOptions {
  /** The print CSS without page numbers (printCss with pageNumbers: false). */
  css: string;
  /** Each chunk's page-number CSS as loaded (pageNumberCss); a `<style id="pb-numbers">` that print.ts may replace. */
  numbersCss(chunk: number): string;
  /** TOC entries' displayed page numbers by anchor (placeholders until the body is measured). */
  tocPages: Map<string, string>;
  /** A figure's image URL (files beside the page); default a data URI. */
  imageSrc?(f: Figure): string | undefined;
  /** A table's column widths as printed (css.ts tableColumnWidths). */
  columnWidths?(t: Table): number[] | undefined;
  /** Classes of a table's rows as printed (css.ts tableRowClasses). */
  rowClasses?(t: Table): (string | undefined)[];
}

const ID = /\sid="([^"]+)"/g;
const HEADING = /<h[1-6]\sid="([^"]+)"/g;
const MARK = /^pb-(section|toc)-\d+$/;
const HREF = /\shref="#([^"]+)"/g;

/**
 * The chunks as HTML documents, one each. A link to an element of another chunk points at LINK_FILE (Chromium
 * drops a link to an id its document lacks, but writes any other URL as a URI link); invisible links point at every
 * heading, section start and link target of the chunk, so that Chromium writes a named destination for each: the
 * printed PDF then tells on which sheet, and where on it, each one landed.
 */
export function chunksHtml(model: DocumentModel, chunks: readonly Chunk[], opts: ChunkHtmlOptions): string[] {
  const o: HtmlOptions = { tocEntries: tocEntries(model), tocPages: opts.tocPages, imageSrc: opts.imageSrc, columnWidths: opts.columnWidths, rowClasses: opts.rowClasses, captionsAbove: true };
  const lastBody = model.sections.map((s) => s.kind).lastIndexOf('body');
  const paged = model.sections.map((s) => pagedBlocks(s.blocks));
  let tocs = 0;
  const bodies = chunks.map((c) => c.slices.map((x) => {
    const s = { ...model.sections[x.section]!, blocks: paged[x.section]! };
    // Footnotes (注释) close the last body section.
    const tail = x.section === lastBody && x.to === s.blocks.length ? footnotesHtml(model.footnotes, o) : '';
    // The 目录's title gets an id of its own: its bookmark points there.
    return sectionHtml(s, x.section, s.blocks.slice(x.from, x.to), o, x.from === 0, tail)
      .replace(/<h1 class="toc-title">/g, () => `<h1 class="toc-title" id="${tocMark(tocs++)}">`);
  }).join('\n'));
  const ids = bodies.map((b) => new Set([...b.matchAll(ID)].map((m) => m[1]!)));
  const everywhere = new Set(ids.flatMap((x) => [...x]));
  const targets = new Set(bodies.flatMap((b) => [...b.matchAll(HREF)].map((m) => m[1]!)));
  const m = model.meta;
  return bodies.map((body, c) => {
    const own = ids[c]!;
    const linked = body.replace(HREF, (all, id: string) => (own.has(id) || !everywhere.has(id) ? all : ` href="${LINK_FILE}#${id}"`));
    const headings = new Set([...body.matchAll(HEADING)].map((x) => x[1]!));
    const marks = [...own].filter((id) => targets.has(id) || headings.has(id) || MARK.test(id))
      .map((id) => `<a href="#${id}" tabindex="-1"></a>`).join('');
    return `<!doctype html>
<html lang="${esc(m.lang)}" class="pb-loading">
<head>
<meta charset="utf-8">
<title>${esc(m.title)}</title>
<meta name="author" content="${esc(m.author)}">
<style>
${opts.css}
</style>
<style id="pb-numbers">
${opts.numbersCss(c)}
</style>
</head>
<body>
<div class="pb-marks" aria-hidden="true">${marks}</div>
${linked}
</body>
</html>
`;
  });
}
