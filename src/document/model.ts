/**
 * The compendium's document model (制度汇编的文档模型). Built once from the checked repository by
 * src/document/build.ts; every backend (DOCX, PDF, HTML) renders only this and never reads YAML or Markdown.
 */
import type { FileBytes } from '../util/file-bytes.js';

export interface TextRun {
  type: 'text';
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  code?: boolean;
  superscript?: boolean;
}
/** A resolved cross reference to a power or a law (already rendered as display text). */
export interface RefRun {
  type: 'ref';
  kind: 'power' | 'law';
  target: string;
  /** Anchor id of the target inside the compendium, when the target is in it. */
  anchor?: string;
  text: string;
}
export interface LinkRun { type: 'link'; url: string; children: Inline[] }
export interface FootnoteRefRun { type: 'footnoteRef'; id: number }
export interface LineBreakRun { type: 'break' }
export type Inline = TextRun | RefRun | LinkRun | FootnoteRefRun | LineBreakRun;

export type HeadingRole =
  | 'part'      // 第一部分 …: a part title (二号 小标宋, centred, new page)
  | 'chapter'   // 一、 (黑体)
  | 'section'   // （一） (楷体)
  | 'item'      // 1. (仿宋)
  | 'subitem';  // （1） (仿宋)

export interface Heading {
  type: 'heading';
  /** Outline depth (TOC indentation, bookmarks): 1 = part, 2 = chapter, 3 = section, 4 = item, 5 = subitem. */
  level: 1 | 2 | 3 | 4 | 5;
  /**
   * How it looks, when that differs from its level: 'title' is a document title (二号 小标宋, centred), used for each
   * rule, which is a document of its own inside the compendium; the other roles give the font of that heading level.
   */
  role?: HeadingRole | 'title';
  /** The automatic number prefix already computed, e.g. "第一部分", "一、", "（一）", "1.", "（1）". */
  number?: string;
  children: Inline[];
  /** Stable anchor (bookmark) id. */
  anchor: string;
  /** Whether this heading is listed in the 目录. */
  toc: boolean;
  /** Whether this heading gets a PDF bookmark / outline entry. */
  outline?: boolean;
  pageBreakBefore?: boolean;
  /**
   * The domain unit this heading opens, for backends that split the document (the public HTML site gives each power and
   * each rule a page of its own) or index it. The unit runs until the next heading of the same or a lower level.
   */
  unit?: { kind: 'preface' | 'part' | 'power' | 'rule' | 'area' | 'appendix'; id: string; category?: string };
}

export interface Paragraph {
  type: 'paragraph';
  children: Inline[];
  align?: 'left' | 'center' | 'right' | 'justify';
  /** First-line indent of two characters, the official body style. Default true for body text. */
  indent?: boolean;
  style?: 'body' | 'title' | 'subtitle' | 'cover-dept' | 'cover-date' | 'caption' | 'note' | 'signature';
}

export interface ListBlock {
  type: 'list';
  ordered: boolean;
  start?: number;
  items: Block[][];
  /**
   * Each item's label as the author wrote it ("1.", "3)"); '' where the item's text begins with its own label
   * ("（一）…" written as a bullet). Backends print these instead of their own numbers or bullets; absent: their own.
   */
  labels?: string[];
}

export interface QuoteBlock { type: 'quote'; children: Block[] }

export interface TableCell {
  children: Inline[];
  /** 廉政风险点 content: the public site shows it only when the department allows (meta.showRisksInPublic). */
  risk?: boolean;
  colSpan?: number;
  rowSpan?: number;
  align?: 'left' | 'center' | 'right';
}
export interface TableRow {
  cells: TableCell[];
  header?: boolean;
  /** A row that heads the rows after it (the catalogue's 一、行政许可（1项）): never the last row on a page. */
  group?: boolean;
}
export interface Table {
  type: 'table';
  /** Relative column widths (any unit; backends normalise). */
  widths?: number[];
  rows: TableRow[];
  /** Header rows repeat on each page; rows never split across pages. */
  headerRows: number;
  caption?: string;
  /** The caption where the risk cells are left out (the public site, unless it shows 廉政风险点). */
  captionWithoutRisks?: string;
  /** Group rows: a full-width row like "行政许可（3项）". */
  landscape?: boolean;
  fontSize?: 'small' | 'normal';
}

export interface Figure {
  type: 'figure';
  /** Anchor id. */
  anchor: string;
  caption?: string;
  alt: string;
  /** SVG source (vector) when available. */
  svg?: string | Uint8Array;
  /** PNG bytes (print resolution) as fallback, or the cache's file that holds them (read when the DOCX's zip is written). */
  png?: Uint8Array | FileBytes;
  /** Intrinsic size in CSS pixels of the drawing (for aspect ratio). */
  width: number;
  height: number;
}

export interface PageBreak { type: 'pageBreak' }

/** Placeholder for the table of contents; backends fill it from the headings with `toc: true`. */
export interface TocBlock { type: 'toc'; title: string }

export interface FootnoteDef { id: number; children: Inline[] }

export type Block = Heading | Paragraph | ListBlock | QuoteBlock | Table | Figure | PageBreak | TocBlock;

export interface Section {
  /** The cover and the front matter (目录) carry no page number; body sections number pages "— N —" from 1. */
  kind: 'cover' | 'front' | 'body';
  orientation: 'portrait' | 'landscape';
  blocks: Block[];
}

export interface DocumentMeta {
  title: string;
  subject?: string;
  author: string;
  keywords: string[];
  /** ISO timestamp derived from SOURCE_DATE_EPOCH or the compendium's date. */
  created: string;
  lang: 'zh-CN';
  /** Whether risk points (cells marked `risk`) may be shown in public outputs (the HTML site). */
  showRisksInPublic: boolean;
}

export interface DocumentModel {
  meta: DocumentMeta;
  sections: Section[];
  footnotes: FootnoteDef[];
}
