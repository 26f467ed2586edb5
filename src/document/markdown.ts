/**
 * Markdown (rules, preface) to document blocks, through unified + remark-parse + remark-gfm. Headings get the official
 * numbering (一、 （一） 1. （1）), cross references become the power's or law's name, raw HTML is dropped.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Content, Heading as MdHeading, List, PhrasingContent, Root, Table as MdTable } from 'mdast';
import { numberToChinese } from '../domain/numerals.js';
import { insideRoot } from '../load/files.js';
import { parseMarkdown } from '../load/mdast.js';
import { findXrefs, resolveXref } from '../domain/xref.js';
import type { Law, Power } from '../domain/types.js';
import type { Loaded } from '../load/repository.js';
import type { Block, FootnoteDef, Heading, Inline, TableRow } from './model.js';
import type { Anchors } from './anchors.js';

export interface MarkdownContext {
  root: string;
  powers: Map<string, Loaded<Power>>;
  laws: Map<string, Loaded<Law>>;
  /** Anchor of each power / law inside the compendium. */
  powerAnchors: Map<string, string>;
  lawAnchors: Map<string, string>;
  anchors: Anchors;
  footnotes: FootnoteDef[];
  /** `[[law:…]]` naming a laws/ file by its title, or a text of the law library: its display text. */
  lawByTitle?(target: string, article?: string): string | undefined;
}


/** Official heading numbers by Markdown depth: # 一、 ## （一） ### 1. #### （1）; deeper levels are not numbered. */
class HeadingNumbers {
  private readonly counts = [0, 0, 0, 0, 0, 0];
  next(depth: number): string | undefined {
    const i = Math.min(depth, 6) - 1;
    this.counts[i]++;
    for (let k = i + 1; k < 6; k++) this.counts[k] = 0;
    const n = this.counts[i];
    return [`${numberToChinese(n)}、`, `（${numberToChinese(n)}）`, `${n}.`, `（${n}）`][i];
  }
}

export interface MarkdownOptions {
  /** File the Markdown comes from (relative to the root), for resolving images. */
  file: string;
  /** Prefix of anchors made for headings. */
  anchorPrefix: string;
  /** Drop a leading level-1 heading equal to this text (the preface's own "# 编制说明"). */
  dropTitle?: string;
  /** Outline level of the Markdown's `#` headings (they are not listed in the TOC). */
  baseLevel: 2 | 3 | 4;
  /** `md` parsed already (a rule's body: load/mdast.ts `ruleTree`). */
  tree?: Root;
}

export function markdownToBlocks(md: string, ctx: MarkdownContext, opts: MarkdownOptions): Block[] {
  const tree = opts.tree ?? parseMarkdown(md);
  const numbers = new HeadingNumbers();
  const defs = new Map<string, number>();
  // Footnote definitions first, so that references get numbers in order of the definitions' first reference.
  const definitions = new Map<string, Content[]>();
  for (const node of tree.children) if (node.type === 'footnoteDefinition') definitions.set(node.identifier, node.children as Content[]);

  const inlines = (nodes: PhrasingContent[], marks: Partial<{ bold: boolean; italic: boolean; strike: boolean }> = {}): Inline[] => {
    const out: Inline[] = [];
    for (const n of nodes) {
      switch (n.type) {
        case 'text': out.push(...textWithRefs(joinLines(n.value), marks)); break;
        case 'strong': out.push(...inlines(n.children, { ...marks, bold: true })); break;
        case 'emphasis': out.push(...inlines(n.children, { ...marks, italic: true })); break;
        case 'delete': out.push(...inlines(n.children, { ...marks, strike: true })); break;
        case 'inlineCode': out.push({ type: 'text', text: n.value, code: true, ...marks }); break;
        case 'break': out.push({ type: 'break' }); break;
        case 'link': out.push({ type: 'link', url: safeUrl(n.url), children: inlines(n.children, marks) }); break;
        case 'image': out.push({ type: 'text', text: n.alt ?? '', ...marks }); break;
        case 'footnoteReference': {
          let id = defs.get(n.identifier);
          if (id === undefined) {
            id = ctx.footnotes.length + 1;
            defs.set(n.identifier, id);
            const body = definitions.get(n.identifier) ?? [];
            ctx.footnotes.push({ id, children: body.flatMap((b) => (b.type === 'paragraph' ? inlines(b.children) : [])) });
          }
          out.push({ type: 'footnoteRef', id });
          break;
        }
        case 'html': break; // raw HTML is dropped (documented in docs/format.md)
        default:
          if ('children' in n) out.push(...inlines((n as { children: PhrasingContent[] }).children, marks));
          else if ('value' in n) out.push({ type: 'text', text: String((n as { value: unknown }).value), ...marks });
      }
    }
    return out;
  };

  const textWithRefs = (value: string, marks: object): Inline[] => {
    const refs = findXrefs(value);
    if (!refs.length) return [{ type: 'text', text: value, ...marks }];
    const out: Inline[] = [];
    let at = 0;
    for (const x of refs) {
      if (x.index > at) out.push({ type: 'text', text: value.slice(at, x.index), ...marks });
      const r = resolveXref(x, ctx.powers, ctx.laws);
      const lib = !r.ok && x.kind === 'law' && !ctx.laws.has(x.target) ? ctx.lawByTitle?.(x.target, x.article) : undefined;
      if (lib !== undefined) out.push({ type: 'text', text: lib, ...marks });
      else if (r.ok) {
        const anchor = r.kind === 'power' ? ctx.powerAnchors.get(x.target) : ctx.lawAnchors.get(x.target);
        // 《[[law:…]]》: the author's own marks stand, the reference gives the bare title (not 《《…》》).
        const marked = r.kind === 'law' && !x.article && value.slice(0, x.index).endsWith('《') && value.slice(x.index + x.raw.length).startsWith('》');
        out.push({ type: 'ref', kind: r.kind, target: x.target, anchor, text: marked ? r.text.replace(/^《(.*)》/, '$1') : r.text });
      } else out.push({ type: 'text', text: x.raw, ...marks });
      at = x.index + x.raw.length;
    }
    if (at < value.length) out.push({ type: 'text', text: value.slice(at), ...marks });
    return out;
  };

  const blocks = (nodes: Content[], top: boolean): Block[] => {
    const out: Block[] = [];
    nodes.forEach((n, i) => {
      switch (n.type) {
        case 'heading': {
          if (top && i === 0 && opts.dropTitle && n.depth === 1 && plain(n) === opts.dropTitle) break;
          out.push(heading(n));
          break;
        }
        case 'paragraph': {
          const image = n.children.length === 1 && n.children[0].type === 'image' ? n.children[0] : null;
          const fig = image ? figureFor(image.url, image.alt ?? '') : null;
          if (fig) out.push(fig);
          // Lines the author began with a label of their own (（一）, 1、, 第五条…) are paragraphs of their own.
          else for (const part of splitAtLabels(n.children)) out.push({ type: 'paragraph', children: inlines(part), indent: true, align: 'justify' });
          break;
        }
        case 'list': out.push(list(n)); break;
        case 'blockquote': out.push({ type: 'quote', children: blocks(n.children as Content[], false) }); break;
        case 'table': out.push(table(n)); break;
        case 'code': out.push({ type: 'paragraph', children: [{ type: 'text', text: n.value, code: true }], indent: false }); break;
        default: break; // thematic breaks, html, definitions, footnote definitions: nothing to print here
      }
    });
    return out;
  };

  const heading = (n: MdHeading): Heading => {
    const number = numbers.next(n.depth);
    const level = Math.min(5, opts.baseLevel + n.depth - 1) as Heading['level'];
    const role = (['chapter', 'section', 'item', 'subitem'] as const)[Math.min(n.depth, 4) - 1];
    return { type: 'heading', level, role, number, children: inlines(n.children), anchor: ctx.anchors.make(opts.anchorPrefix, 'h'), toc: false };
  };

  const list = (n: List): Block => {
    const items = n.children.map((item) => blocks(item.children as Content[], false));
    const labels = n.ordered ? n.children.map((item, i) => writtenLabel(md, item.position?.start.offset) ?? `${(n.start ?? 1) + i}.`)
      // Bullets whose text numbers itself ("- （一）…"): the author's numbers, no bullet.
      : items.every((it) => it[0]?.type === 'paragraph' && LABEL.test(plainInlines(it[0].children))) ? items.map(() => '') : undefined;
    return { type: 'list', ordered: Boolean(n.ordered), start: n.start ?? undefined, items, ...(labels ? { labels } : {}) };
  };

  const table = (n: MdTable): Block => {
    const rows: TableRow[] = n.children.map((r, i) => ({
      header: i === 0,
      cells: r.children.map((c, k) => ({ children: inlines(c.children), align: n.align?.[k] ?? undefined })),
    }));
    return { type: 'table', rows, headerRows: 1, fontSize: 'small' };
  };

  const figureFor = (url: string, alt: string): Block | null => {
    if (/^[a-z]+:/i.test(url)) return null; // remote images are not fetched
    const abs = path.resolve(ctx.root, path.dirname(opts.file), decodeURI(url));
    const real = insideRoot(ctx.root, abs);
    if (!real || !existsSync(real)) return null;
    const bytes = readFileSync(real);
    const size = imageSize(bytes);
    if (!size) return null;
    const isSvg = size.type === 'svg';
    return {
      type: 'figure', anchor: ctx.anchors.make(opts.anchorPrefix, 'img'), alt, caption: alt || undefined,
      svg: isSvg ? bytes.toString('utf8') : undefined, png: isSvg ? undefined : new Uint8Array(bytes), width: size.width, height: size.height,
    };
  };

  return blocks(tree.children as Content[], true);
}

function plain(n: { children?: unknown[]; value?: string }): string {
  if (typeof n.value === 'string') return n.value;
  return (n.children ?? []).map((c) => plain(c as { children?: unknown[]; value?: string })).join('').trim();
}

function safeUrl(url: string): string {
  return /^(https?:|mailto:)/i.test(url) ? url : '#';
}

/** Width and height of a PNG (IHDR) or an SVG (width/height or viewBox). JPEG and others are not embedded. */
function imageSize(b: Buffer): { type: 'png' | 'svg'; width: number; height: number } | null {
  if (b.length > 24 && b.readUInt32BE(0) === 0x89504e47) return { type: 'png', width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  const head = b.subarray(0, 2048).toString('utf8');
  if (/<svg[\s>]/.test(head)) {
    const vb = /viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(head);
    const w = /<svg[^>]*\swidth="([\d.]+)/.exec(head), h = /<svg[^>]*\sheight="([\d.]+)/.exec(head);
    const width = Number(w?.[1] ?? vb?.[1]), height = Number(h?.[1] ?? vb?.[2]);
    if (width > 0 && height > 0) return { type: 'svg', width, height };
  }
  return null;
}

/**
 * A label the author begins a line with: （一） (一) 一、 1、 1. 1． （1） (1) 1） ① 第五条. remark reads such lines as one
 * paragraph when only a single newline separates them (and never as a list unless it is "1." or "1)").
 */
export const LABEL = /^\s*(?:[（(][一二三四五六七八九十百零〇\d]+[）)]|[一二三四五六七八九十百]+、|\d+(?:[、．]|[.）)](?!\d))|[①-⑳]|第[一二三四五六七八九十百千零〇\d]+条)/;

/** A paragraph's inline nodes cut before each soft line break that is followed by a label. */
function splitAtLabels(nodes: PhrasingContent[]): PhrasingContent[][] {
  const parts: PhrasingContent[][] = [[]];
  let before = '';
  for (const n of nodes) {
    if (n.type !== 'text' || !n.value.includes('\n')) { parts[parts.length - 1]!.push(n); before += plain(n as { value?: string }); continue; }
    // The node's lines, kept together (soft breaks and all) until a line starts an item.
    let run = '';
    n.value.split('\n').forEach((line, i) => {
      if (i > 0 && startsItem(line, before) && (run || parts[parts.length - 1]!.length)) {
        if (run) parts[parts.length - 1]!.push({ ...n, value: run });
        parts.push([]);
        run = line;
        before = line;
      } else {
        run = i > 0 ? `${run}\n${line}` : line;
        before += i > 0 ? `\n${line}` : line;
      }
    });
    if (run) parts[parts.length - 1]!.push({ ...n, value: run });
  }
  return parts.filter((p) => p.length);
}

/**
 * Whether a line starts an item of its own: a label that does not occur mid-sentence ((一) 一、 1、 ①), or one that may
 * (第五条, 1.) after a line that ended its sentence or clause.
 */
function startsItem(line: string, before: string): boolean {
  const m = LABEL.exec(line);
  if (!m) return false;
  if (!/^\s*(?:第|\d+[.）)])/.test(m[0])) return true;
  return /[。；：！？:;!?]\s*$/.test(before);
}

const CJK_END = /[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]$/;
const CJK_START = /^[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;

/** A soft line break inside a paragraph: nothing between Chinese characters (a space would print), a space otherwise. */
function joinLines(text: string): string {
  if (!text.includes('\n')) return text;
  const lines = text.split(/[ \t]*\n[ \t]*/);
  // A break at the node's edge (next to bold text, a link…): a space only where Latin text meets it.
  const head = lines[0] === '' && lines.length > 1 && !CJK_START.test(lines[1]!) ? ' ' : '';
  const tail = lines[lines.length - 1] === '' && lines.length > 1 && !CJK_END.test(lines[lines.length - 2]!) ? ' ' : '';
  const body = lines.filter((l) => l !== '').reduce((acc, line) => (acc === '' ? line : CJK_END.test(acc) || CJK_START.test(line) ? acc + line : `${acc} ${line}`), '');
  return `${head}${body}${tail}`;
}

/** The ordered list marker as written at `offset` ("1." or "3)"), the number kept as typed. */
function writtenLabel(md: string, offset: number | undefined): string | undefined {
  if (offset === undefined) return undefined;
  return /^\s*(\d{1,9}[.)])/.exec(md.slice(offset, offset + 16))?.[1];
}

function plainInlines(xs: Inline[]): string {
  return xs.map((x) => (x.type === 'text' || x.type === 'ref' ? x.text : x.type === 'link' ? plainInlines(x.children) : '')).join('');
}
