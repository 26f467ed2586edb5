/**
 * Document model blocks to HTML. Shared by the print PDF (Chromium) and the public site, so that both show the same
 * content as the DOCX. No repository text reaches the output unescaped; images are <img> data URIs (an SVG in an <img>
 * runs no script and loads nothing).
 */
import { bytesOf } from '../../util/file-bytes.js';
import type { Block, Figure, Heading, Inline, Table } from '../../document/model.js';
import { plainText } from '../../document/walk.js';
import { esc, safeHref } from './escape.js';
import { numberSeparator } from '../../document/text.js';
import { unbrokenSpans } from '../../document/unbroken.js';

export interface HtmlOptions {
  /** Link target for an anchor (the site maps anchors to other pages); default `#anchor`. */
  href?(anchor: string): string | undefined;
  /** Drop cells marked `risk` (廉政风险点 on the public site unless the department allows them). */
  hideRisks?: boolean;
  /** TOC entries' page numbers by anchor (the print PDF's second pass). */
  tocPages?: Map<string, string>;
  /** Headings listed by a TOC block. */
  tocEntries?: Heading[];
  /** Offset added to heading levels (a site page that starts at a power's level-2 heading shows it as h1). */
  levelShift?: number;
  /** The src of a figure's image; default `figureSrc` (a data URI). The print PDF points at files beside its page. */
  imageSrc?(f: Figure): string | undefined;
  /**
   * No style attributes (for a Content-Security-Policy without 'unsafe-inline', the public site): column widths become
   * classes `w-N` (whole percent, 0–100) and cell alignment `align-left|center|right`; the stylesheet defines them.
   */
  noInlineStyles?: boolean;
  /** Header cells get scope="col"; in a key–value table (no header rows) each row's first cell is <th scope="row">. */
  headerScopes?: boolean;
  /** A table's column widths as printed (relative), instead of the model's (the print PDF: pdf/css.ts). */
  columnWidths?(t: Table): number[] | undefined;
  /**
   * A table's caption as a paragraph before it (class `caption table-caption`) rather than its <caption>: Chromium's
   * print keeps a paragraph with what follows it (break-after: avoid), but not a <caption>, which it leaves at the
   * foot of a page when the table's first row goes over (the print PDF).
   */
  captionsAbove?: boolean;
  /** A class for each of a table's rows (the print PDF: a row that may break across pages). */
  rowClasses?(t: Table): (string | undefined)[];
}

const hrefOf = (o: HtmlOptions, anchor: string) => o.href?.(anchor) ?? `#${anchor}`;

/** Text, escaped, with each code and number that must stay on one line (document/unbroken.ts) in a `nobr` span. */
export function textHtml(text: string): string {
  const spans = unbrokenSpans(text);
  if (!spans.length) return esc(text);
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += `${esc(text.slice(at, s.start))}<span class="nobr">${esc(text.slice(s.start, s.end))}</span>`;
    at = s.end;
  }
  return out + esc(text.slice(at));
}

export function inlinesHtml(xs: readonly Inline[], o: HtmlOptions): string {
  return xs.map((x) => {
    switch (x.type) {
      case 'text': {
        let h = x.code ? esc(x.text) : textHtml(x.text);
        if (x.code) h = `<code>${h}</code>`;
        if (x.bold) h = `<strong>${h}</strong>`;
        if (x.italic) h = `<em>${h}</em>`;
        if (x.underline) h = `<u>${h}</u>`;
        if (x.strike) h = `<s>${h}</s>`;
        if (x.superscript) h = `<sup>${h}</sup>`;
        return h;
      }
      case 'ref': return x.anchor ? `<a class="ref ref-${x.kind}" href="${esc(hrefOf(o, x.anchor))}">${textHtml(x.text)}</a>` : `<span class="ref ref-${x.kind}">${textHtml(x.text)}</span>`;
      case 'link': return `<a href="${safeHref(x.url)}" rel="noopener noreferrer">${inlinesHtml(x.children, o)}</a>`;
      case 'footnoteRef': return `<sup class="fnref"><a href="#fn-${x.id}" id="fnref-${x.id}">${x.id}</a></sup>`;
      case 'break': return '<br>';
    }
  }).join('');
}

export function headingText(h: Heading): string {
  return `${h.number ? h.number + numberSeparator(h.number) : ''}${plainText(h.children, '')}`;
}

function headingHtml(h: Heading, o: HtmlOptions): string {
  const level = Math.min(6, Math.max(1, h.level - (o.levelShift ?? 0)));
  const cls = [`h-${h.role ?? ['part', 'chapter', 'section', 'item', 'subitem'][h.level - 1]}`, h.pageBreakBefore ? 'break-before' : ''].filter(Boolean).join(' ');
  const num = h.number ? `<span class="num">${esc(h.number)}</span>${numberSeparator(h.number)}` : '';
  return `<h${level} id="${esc(h.anchor)}" class="${cls}">${num}${inlinesHtml(h.children, o)}</h${level}>`;
}

function tableHtml(t: Table, o: HtmlOptions): string {
  const keep = (cells: Table['rows'][number]['cells']) => (o.hideRisks ? cells.filter((c) => !c.risk) : cells);
  const widths = o.hideRisks ? undefined : o.columnWidths?.(t) ?? t.widths;
  const total = widths?.reduce((a, b) => a + b, 0) ?? 0;
  const cols = widths ? `<colgroup>${widths.map((w) => (o.noInlineStyles ? `<col class="w-${Math.round((w / total) * 100)}">` : `<col style="width:${((w / total) * 100).toFixed(2)}%">`)).join('')}</colgroup>` : '';
  const extra = o.rowClasses?.(t) ?? [];
  const row = (r: Table['rows'][number], tag: 'th' | 'td', k: number) => {
    const classes = [r.group ? 'group' : '', extra[k] ?? ''].filter(Boolean).join(' ');
    return `<tr${classes ? ` class="${classes}"` : ''}>${keep(r.cells).map((c, i) => {
    const rowHead = tag === 'td' && o.headerScopes && t.headerRows === 0 && i === 0 && r.cells.length > 1;
    const cellTag = rowHead ? 'th' : tag;
    const scope = o.headerScopes && cellTag === 'th' ? ` scope="${rowHead ? 'row' : 'col'}"` : '';
    const classes = o.noInlineStyles ? [c.align ? `align-${c.align}` : '', c.risk ? 'risk' : ''].filter(Boolean).join(' ') : '';
    const attrs = [scope, c.colSpan && c.colSpan > 1 ? ` colspan="${o.hideRisks ? Math.max(1, c.colSpan) : c.colSpan}"` : '', c.rowSpan && c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : '',
      o.noInlineStyles ? (classes ? ` class="${classes}"` : '') : [c.align ? ` style="text-align:${c.align}"` : '', c.risk ? ' class="risk"' : ''].join('')].join('');
    return `<${cellTag}${attrs}>${inlinesHtml(c.children, o)}</${cellTag}>`;
  }).join('')}</tr>`;
  };
  const head = t.rows.slice(0, t.headerRows).map((r, k) => row(r, 'th', k)).join('');
  const body = t.rows.slice(t.headerRows).map((r, k) => row(r, 'td', t.headerRows + k)).join('');
  const cls = ['tbl', t.fontSize === 'small' ? 'small' : '', t.landscape ? 'wide' : '', t.headerRows === 0 ? 'info' : ''].filter(Boolean).join(' ');
  const hidden = o.hideRisks && t.rows.some((r) => r.cells.some((c) => c.risk));
  const captionText = hidden && t.captionWithoutRisks ? t.captionWithoutRisks : t.caption;
  const caption = captionText && !o.captionsAbove ? `<caption>${textHtml(captionText)}</caption>` : '';
  const above = captionText && o.captionsAbove ? `<p class="caption table-caption">${textHtml(captionText)}</p>` : '';
  return `${above}<table class="${cls}">${caption}${cols}${head ? `<thead>${head}</thead>` : ''}<tbody>${body}</tbody></table>`;
}

export function figureSrc(f: Figure): string | undefined {
  if (f.svg !== undefined) return `data:image/svg+xml;base64,${(typeof f.svg === 'string' ? Buffer.from(f.svg, 'utf8') : Buffer.from(f.svg.buffer, f.svg.byteOffset, f.svg.byteLength)).toString('base64')}`;
  if (f.png) return `data:image/png;base64,${Buffer.from(bytesOf(f.png)).toString('base64')}`;
  return undefined;
}

function figureHtml(f: Figure, o: HtmlOptions): string {
  const src = o.imageSrc?.(f) ?? figureSrc(f);
  const img = src ? `<img src="${src}" alt="${esc(f.alt)}" width="${Math.round(f.width)}" height="${Math.round(f.height)}">` : `<p>${esc(f.alt)}</p>`;
  return `<figure id="${esc(f.anchor)}">${img}${f.caption ? `<figcaption>${textHtml(f.caption)}</figcaption>` : ''}</figure>`;
}

function tocHtml(title: string, o: HtmlOptions): string {
  const items = (o.tocEntries ?? []).map((h) => {
    const page = o.tocPages?.get(h.anchor);
    return `<li class="toc-${h.level}"><a href="${esc(hrefOf(o, h.anchor))}"><span class="toc-text">${textHtml(headingText(h))}</span><span class="toc-page">${page ? esc(page) : ''}</span></a></li>`;
  }).join('');
  return `<nav class="toc" aria-label="目录"><h1 class="toc-title">${esc(title)}</h1><ol>${items}</ol></nav>`;
}

export function blocksHtml(bs: readonly Block[], o: HtmlOptions): string {
  return bs.map((b) => {
    switch (b.type) {
      case 'heading': return headingHtml(b, o);
      case 'paragraph': {
        const cls = [b.style ?? 'body', b.indent === false ? 'noindent' : '', b.align ? `align-${b.align}` : ''].filter(Boolean).join(' ');
        return `<p class="${cls}">${inlinesHtml(b.children, o)}</p>`;
      }
      case 'list': {
        const tag = b.ordered ? 'ol' : 'ul';
        const start = b.ordered && b.start && b.start !== 1 ? ` start="${b.start}"` : '';
        // The labels the author wrote (document/markdown.ts), as text at the start of each item, instead of the browser's.
        const labelled = (it: Block[], i: number): Block[] => {
          const label = b.labels?.[i];
          if (!label || it[0]?.type !== 'paragraph') return it;
          return [{ ...it[0], children: [{ type: 'text', text: label }, ...it[0].children] }, ...it.slice(1)];
        };
        return `<${tag}${start}${b.labels ? ' class="labelled"' : ''}>${b.items.map((it, i) => `<li>${blocksHtml(labelled(it, i), o)}</li>`).join('')}</${tag}>`;
      }
      case 'quote': return `<blockquote>${blocksHtml(b.children, o)}</blockquote>`;
      case 'table': return tableHtml(b, o);
      case 'figure': return figureHtml(b, o);
      case 'pageBreak': return '<div class="page-break"></div>';
      case 'toc': return tocHtml(b.title, o);
    }
  }).join('\n');
}

export function footnotesHtml(notes: readonly { id: number; children: Inline[] }[], o: HtmlOptions): string {
  if (!notes.length) return '';
  return `<section class="footnotes" aria-label="注释"><ol>${notes.map((n) => `<li id="fn-${n.id}" value="${n.id}">${inlinesHtml(n.children, o)} <a href="#fnref-${n.id}" aria-label="返回">↩</a></li>`).join('')}</ol></section>`;
}
