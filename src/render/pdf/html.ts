/**
 * The compendium as one print HTML page, from the document model only (blocks through src/render/html/blocks.ts, the
 * same HTML as the public site's). Each model section is a <section> on its named page (cover, front, body); a wide
 * table stands on landscape pages of its own. Invisible links to each section make Chromium write a named destination
 * for it, so the printed PDF tells on which sheet each section starts.
 */
import type { Block, DocumentModel, Figure, Heading, Section } from '../../document/model.js';
import { blocksHtml, footnotesHtml, type HtmlOptions } from '../html/blocks.js';
import { esc } from '../html/escape.js';

export interface PrintHtmlOptions {
  css: string;
  /** TOC entries' displayed page numbers by anchor (placeholders in the first pass). */
  tocPages: Map<string, string>;
  /** Blank unnumbered pages after section i (so that the next one starts on a right-hand page). */
  padAfter: Map<number, number>;
  /** A figure's image URL (files beside the page); default a data URI. */
  imageSrc?(f: Figure): string | undefined;
}

/** The id of section i (a link target: its named destination gives the sheet it starts on). */
export const sectionMark = (i: number) => `pb-section-${i}`;

/** The headings the 目录 lists, in order. */
export function tocEntries(model: DocumentModel): Heading[] {
  const out: Heading[] = [];
  const visit = (bs: readonly Block[]) => {
    for (const b of bs) {
      if (b.type === 'heading' && b.toc) out.push(b);
      else if (b.type === 'quote') visit(b.children);
      else if (b.type === 'list') b.items.forEach(visit);
    }
  };
  model.sections.forEach((s) => visit(s.blocks));
  return out;
}

function sectionHtml(s: Section, i: number, o: HtmlOptions, pad: number, tail: string): string {
  const cls = ['sec', `sec-${s.kind}`, s.orientation === 'landscape' && s.kind === 'body' ? 'landscape' : ''].filter(Boolean).join(' ');
  // Wide tables go on landscape pages of their own; everything else stays in the section's flow.
  const parts: string[] = [];
  let run: Block[] = [];
  const flush = () => { if (run.length) parts.push(blocksHtml(run, o)); run = []; };
  for (const b of s.blocks) {
    if (b.type === 'table' && b.landscape && s.kind === 'body' && s.orientation !== 'landscape') {
      flush();
      parts.push(`<div class="pb-wide">${blocksHtml([b], o)}</div>`);
    } else {
      run.push(b);
    }
  }
  flush();
  const blanks = '<div class="pb-pad" aria-hidden="true"></div>'.repeat(pad);
  return `<section id="${sectionMark(i)}" class="${cls}">\n${parts.join('\n')}${tail}</section>${blanks}`;
}

export function printHtml(model: DocumentModel, opts: PrintHtmlOptions): string {
  const o: HtmlOptions = { tocEntries: tocEntries(model), tocPages: opts.tocPages, imageSrc: opts.imageSrc };
  const lastBody = model.sections.map((s) => s.kind).lastIndexOf('body');
  // Footnotes (注释) close the last body section.
  const sections = model.sections.map((s, i) => sectionHtml(s, i, o, opts.padAfter.get(i) ?? 0, i === lastBody ? footnotesHtml(model.footnotes, o) : ''));
  const marks = model.sections.map((_, i) => `<a href="#${sectionMark(i)}" tabindex="-1"></a>`).join('');
  const m = model.meta;
  return `<!doctype html>
<html lang="${esc(m.lang)}">
<head>
<meta charset="utf-8">
<title>${esc(m.title)}</title>
<meta name="author" content="${esc(m.author)}">
<style>
${opts.css}
</style>
</head>
<body>
<div class="pb-marks" aria-hidden="true">${marks}</div>
${sections.join('\n')}
</body>
</html>
`;
}
