/**
 * The model's text as an office prints it: quotation marks “” ‘’ in Chinese text (domain/quotes.ts), whatever the
 * author typed. One pass over the finished model, so that every backend (DOCX, PDF, site) prints the same.
 * Each paragraph, heading, table cell, list item's paragraph, caption and footnote is one text for pairing.
 */
import { chineseQuotes } from '../domain/quotes.js';
import type { Block, DocumentModel, Inline } from './model.js';

type Holder = { text: string; code?: boolean };

function holders(xs: Inline[], out: Holder[] = []): Holder[] {
  for (const x of xs) {
    if (x.type === 'text' || x.type === 'ref') out.push(x);
    else if (x.type === 'link') holders(x.children, out);
  }
  return out;
}

function fix(xs: Inline[]): void {
  const hs = holders(xs);
  if (!hs.length) return;
  const next = chineseQuotes(hs.map((h) => h.text), hs.map((h) => Boolean(h.code)));
  hs.forEach((h, i) => { h.text = next[i]!; });
}

const one = (s: string | undefined): string | undefined => (s === undefined ? s : chineseQuotes([s])[0]);

function blocks(bs: Block[]): void {
  for (const b of bs) {
    switch (b.type) {
      case 'heading': case 'paragraph': fix(b.children); break;
      case 'list': b.items.forEach(blocks); break;
      case 'quote': blocks(b.children); break;
      case 'table':
        for (const r of b.rows) for (const c of r.cells) fix(c.children);
        b.caption = one(b.caption);
        b.captionWithoutRisks = one(b.captionWithoutRisks);
        break;
      case 'figure': b.caption = one(b.caption); b.alt = one(b.alt)!; break;
      default: break;
    }
  }
}

/** Normalises the quotation marks of the whole model in place, and returns it. */
export function normaliseQuotes(model: DocumentModel): DocumentModel {
  for (const s of model.sections) blocks(s.blocks);
  for (const f of model.footnotes) fix(f.children);
  return model;
}
