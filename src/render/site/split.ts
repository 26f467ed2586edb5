/**
 * Splits the document model into the public site's pages by the units its headings carry (Heading.unit): the preface goes
 * to the home page, each power and each rule gets a page of its own, the catalogue and the appendix one each. Parts that
 * hold other units (权力运行流程图, 规范权力运行制度) and the rule areas become sections of the home page's index.
 * Only the model is read; nothing is taken from the repository.
 */
import type { Block, DocumentModel, Heading, Inline } from '../../document/model.js';
import { mapBlocks, plainText, walkBlocks } from '../../document/walk.js';
import { FileNames } from './names.js';

export type PageKind = 'power' | 'rule' | 'catalogue' | 'laws' | 'part';

export interface Page {
  kind: PageKind;
  /** The unit's id (power or rule id, part id). */
  id: string;
  /** Path inside the site, '/'-separated: `powers/XK-001.html`. */
  file: string;
  /** The unit's heading: the page's h1. */
  heading: Heading;
  /** The unit's blocks, its heading first. */
  blocks: Block[];
  /** Power category or rule area. */
  category?: string;
  /** Plain title (heading text without its number). */
  title: string;
}

/** A heading that holds other units (a part, a rule area): shown as a section of the home page. */
export interface Group {
  kind: 'part' | 'area';
  id: string;
  heading: Heading;
  /** Blocks under the heading that belong to no unit. */
  intro: Block[];
  /** Unit pages directly under it: the powers of a part, the rules of an area (or of a part without areas). */
  pages: Page[];
  /** The part an area belongs to. */
  parent?: Group;
}

export interface SiteStructure {
  /** The 编制说明 (its heading first), shown on the home page. */
  preface: Block[];
  /** Cover lines: subtitle and edition lines, and the date line. */
  cover: { subtitles: Inline[][]; date?: Inline[] };
  pages: Page[];
  powers: Page[];
  rules: Page[];
  groups: Group[];
  /** Blocks outside any unit (none in a compendium built by powerbook; kept, on the home page, so nothing is lost). */
  loose: Block[];
  /** Anchor id → site file that holds it. */
  anchorFile: Map<string, string>;
}

export const HOME = 'index.html';

/** A heading's text without its number; a power's heading "名称（ID）" loses the id suffix when `stripId` is given. */
export function headingTitle(h: Heading, stripId?: string): string {
  const text = plainText(h.children).trim();
  if (stripId && text.endsWith(`（${stripId}）`)) return text.slice(0, -`（${stripId}）`.length);
  return text;
}

function containsUnits(blocks: readonly Block[], from: number, level: number): boolean {
  for (let i = from; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.type !== 'heading') continue;
    if (b.level <= level) return false;
    if (b.unit) return true;
  }
  return false;
}

export function splitModel(model: DocumentModel): SiteStructure {
  const names = new FileNames();
  names.reserve(HOME);
  const s: SiteStructure = { preface: [], cover: { subtitles: [] }, pages: [], powers: [], rules: [], groups: [], loose: [], anchorFile: new Map() };

  for (const sec of model.sections.filter((x) => x.kind === 'cover')) {
    for (const b of sec.blocks) {
      if (b.type !== 'paragraph' || !b.children.length) continue;
      if (b.style === 'subtitle') s.cover.subtitles.push(b.children);
      if (b.style === 'cover-date') s.cover.date = b.children;
    }
  }

  // Where the blocks that follow go: a page, the preface, a group's intro; `level` is the heading level that opened it.
  type Sink = { level: number; push(b: Block): void };
  let sink: Sink | null = null;
  let part: Group | null = null;
  let area: Group | null = null;
  const pageSink = (p: Page): Sink => ({ level: p.heading.level, push: (b) => p.blocks.push(b) });
  const groupSink = (g: Group): Sink => ({ level: g.heading.level, push: (b) => g.intro.push(b) });

  for (const sec of model.sections) {
    if (sec.kind === 'cover') continue;
    const blocks = sec.blocks;
    blocks.forEach((b, i) => {
      if (b.type === 'toc') return; // the home page is the site's table of contents
      if (b.type === 'heading') {
        // A heading at or above a unit's level ends it; deeper headings belong to it.
        if (part && b.level <= part.heading.level) part = null;
        if (area && b.level <= area.heading.level) area = null;
        if (sink && (b.unit || b.level <= sink.level)) sink = null;
      }
      if (b.type !== 'heading' || !b.unit) {
        (sink ? sink.push(b) : s.loose.push(b));
        return;
      }
      const u = b.unit;
      const page = (kind: PageKind, file: string, category?: string): Page => {
        const p: Page = { kind, id: u.id, file, heading: b, blocks: [b], category, title: headingTitle(b, kind === 'power' ? u.id : undefined) };
        s.pages.push(p);
        sink = pageSink(p);
        return p;
      };
      switch (u.kind) {
        case 'preface':
          s.preface.push(b);
          sink = { level: b.level, push: (x) => s.preface.push(x) };
          break;
        case 'power': {
          const p = page('power', names.take('powers', u.id), u.category);
          s.powers.push(p);
          part?.pages.push(p);
          break;
        }
        case 'rule': {
          const p = page('rule', names.take('rules', u.id), u.category ?? area?.id);
          s.rules.push(p);
          (area ?? part)?.pages.push(p);
          break;
        }
        case 'area': {
          const g: Group = { kind: 'area', id: u.id, heading: b, intro: [], pages: [], parent: part ?? undefined };
          s.groups.push(g);
          area = g;
          sink = groupSink(g);
          break;
        }
        case 'appendix':
          page('laws', names.take('', 'laws'));
          break;
        case 'part':
          if (containsUnits(blocks, i + 1, b.level)) {
            const g: Group = { kind: 'part', id: u.id, heading: b, intro: [], pages: [] };
            s.groups.push(g);
            part = g;
            sink = groupSink(g);
          } else {
            page(u.id === 'catalogue' ? 'catalogue' : 'part', names.take('', u.id));
          }
          break;
      }
    });
  }

  // Anchors → files: everything on a page links to that page; the preface, groups and loose blocks are on the home page.
  const mark = (bs: readonly Block[], file: string) => walkBlocks(bs, {
    block: (b) => { if ((b.type === 'heading' || b.type === 'figure') && !s.anchorFile.has(b.anchor)) s.anchorFile.set(b.anchor, file); },
  });
  for (const p of s.pages) mark(p.blocks, p.file);
  mark(s.preface, HOME);
  for (const g of s.groups) mark([g.heading, ...g.intro], HOME);
  mark(s.loose, HOME);
  return s;
}

/** Footnote numbers referenced in these blocks, in order of first reference. */
export function footnoteIds(bs: readonly Block[]): number[] {
  const out: number[] = [];
  walkBlocks(bs, { inline: (x) => { if (x.type === 'footnoteRef' && !out.includes(x.id)) out.push(x.id); } });
  return out;
}

/**
 * Heading levels adjusted so that, after `shift`, a page's outline never skips a level (h1 → h3): the output level of each
 * heading is at most one below the previous one. `start` is the output level already in use above these blocks.
 */
export function normaliseHeadings(bs: readonly Block[], shift: number, start: number): Block[] {
  let prev = start;
  return mapBlocks(bs, (b) => {
    if (b.type !== 'heading') return b;
    const want = Math.min(6, Math.max(1, b.level - shift));
    const out = Math.min(want, prev + 1);
    prev = out;
    return out === want ? b : { ...b, level: (out + shift) as Heading['level'] };
  });
}
