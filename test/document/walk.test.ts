import { describe, expect, it } from 'vitest';
import type { Block, DocumentModel, Inline } from '../../src/document/model.js';
import { collect, mapBlocks, plainText, SKIP, walk, walkBlocks } from '../../src/document/walk.js';

const t = (text: string): Inline => ({ type: 'text', text });
const heading = (anchor: string, level: 1 | 2 | 3 = 2): Block => ({ type: 'heading', level, anchor, toc: true, children: [t(anchor)] });
const para = (...children: Inline[]): Block => ({ type: 'paragraph', children });

const model: DocumentModel = {
  meta: { title: 'x', author: 'y', keywords: [], created: '2025-01-01T00:00:00Z', lang: 'zh-CN', showRisksInPublic: false },
  footnotes: [],
  sections: [
    { kind: 'cover', orientation: 'portrait', blocks: [para(t('封面'))] },
    {
      kind: 'body',
      orientation: 'portrait',
      blocks: [
        heading('h1', 1),
        { type: 'list', ordered: true, items: [[para(t('a'), { type: 'footnoteRef', id: 1 })], [heading('h2'), { type: 'quote', children: [heading('h3', 3)] }]] },
        { type: 'table', headerRows: 0, rows: [{ cells: [{ children: [t('c1')] }, { children: [{ type: 'link', url: 'u', children: [t('c2'), { type: 'footnoteRef', id: 2 }] }] }] }] },
        { type: 'figure', anchor: 'f1', alt: 'alt', width: 1, height: 1 },
      ],
    },
  ],
};

describe('the block walker', () => {
  it('visits sections, then blocks depth first in document order, with their depth', () => {
    const seen: string[] = [];
    walk(model, {
      section: (s, i) => { seen.push(`section ${i} ${s.kind}`); },
      block: (b, depth) => { seen.push(`${depth}:${b.type}${b.type === 'heading' || b.type === 'figure' ? ` ${b.anchor}` : ''}`); },
    });
    expect(seen).toEqual([
      'section 0 cover', '0:paragraph',
      'section 1 body', '0:heading h1', '0:list', '1:paragraph', '1:heading h2', '1:quote', '2:heading h3', '0:table', '0:figure f1',
    ]);
  });

  it('visits inline content of headings, paragraphs and table cells, a link and then its children', () => {
    const seen: string[] = [];
    walk(model, { inline: (i, b) => { seen.push(`${b.type}:${i.type === 'text' ? i.text : i.type === 'footnoteRef' ? `^${i.id}` : i.type}`); } });
    expect(seen).toEqual(['paragraph:封面', 'heading:h1', 'paragraph:a', 'paragraph:^1', 'heading:h2', 'heading:h3', 'table:c1', 'table:link', 'table:c2', 'table:^2']);
  });

  it('leaves out what a block holds when the visitor says SKIP', () => {
    const seen: string[] = [];
    walkBlocks(model.sections[1]!.blocks, { block: (b) => { seen.push(b.type); return b.type === 'list' ? SKIP : undefined; }, inline: () => { seen.push('inline'); } });
    expect(seen).toEqual(['heading', 'inline', 'list', 'table', 'inline', 'inline', 'inline', 'inline', 'figure']);
  });

  it('collects the blocks a test picks, nested ones included', () => {
    expect(collect(model, (b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading').map((h) => h.anchor)).toEqual(['h1', 'h2', 'h3']);
  });

  it('maps blocks inside lists and quotes, keeping untouched subtrees as they are', () => {
    const body = model.sections[1]!.blocks;
    const same = mapBlocks(body, (b) => b);
    same.forEach((b, i) => expect(b).toBe(body[i]));
    const out = mapBlocks(body, (b) => (b.type === 'heading' && b.anchor === 'h3' ? { ...b, level: 2 } : b));
    expect(out[0]).toBe(body[0]);
    expect(out[2]).toBe(body[2]);
    expect(out[1]).not.toBe(body[1]);
    expect(collect({ sections: [{ kind: 'body', orientation: 'portrait', blocks: out }] }, (b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading').map((h) => h.level)).toEqual([1, 2, 2]);
  });

  it('gives the plain text of inline content', () => {
    const xs: Inline[] = [t('甲'), { type: 'ref', kind: 'power', target: 'XK-001', text: '乙' }, { type: 'break' }, { type: 'link', url: 'u', children: [t('丙')] }, { type: 'footnoteRef', id: 3 }];
    expect(plainText(xs)).toBe('甲乙 丙');
    expect(plainText(xs, '')).toBe('甲乙丙');
  });
});
