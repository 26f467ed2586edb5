import { describe, expect, it } from 'vitest';
import { buildDocument, creationDate } from '../../src/document/build.js';
import type { Block, DocumentModel, Heading, Inline, Table } from '../../src/document/model.js';
import { chineseDate } from '../../src/document/text.js';
import { validate } from '../../src/pipeline/index.js';

async function exampleModel(figures = new Map()): Promise<DocumentModel> {
  const { repo } = await validate('examples/zhuzhou-commerce', { stage: 'submit' });
  return buildDocument({
    repo, config: repo.config!.data, laws: repo.laws, powers: repo.powers, rules: repo.rules, figures,
    created: creationDate(repo.config!.data, {}),
  });
}

function allBlocks(m: DocumentModel): Block[] {
  const out: Block[] = [];
  const walk = (bs: Block[]) => { for (const b of bs) { out.push(b); if (b.type === 'quote') walk(b.children); if (b.type === 'list') b.items.forEach(walk); } };
  m.sections.forEach((s) => walk(s.blocks));
  return out;
}
const text = (xs: Inline[]): string => xs.map((x) => (x.type === 'text' || x.type === 'ref' ? x.text : x.type === 'link' ? text(x.children) : '')).join('');

describe('document model of the example compendium', () => {
  it('has the parts in order: cover, toc, preface, catalogue, flowcharts, rules, appendix', async () => {
    const m = await exampleModel();
    expect(m.sections[0].kind).toBe('cover');
    expect(m.sections[1].blocks[0]).toMatchObject({ type: 'toc' });
    const parts = allBlocks(m).filter((b): b is Heading => b.type === 'heading' && b.level === 1).map((h) => `${h.number ?? ''}${text(h.children)}`);
    expect(parts).toEqual(['编制说明', '第一部分职权目录', '第二部分权力运行流程图', '第三部分规范权力运行制度', '附　录']);
  });

  it('cover carries the department, the title and the date in Chinese numerals', async () => {
    const m = await exampleModel();
    const cover = m.sections[0].blocks.map((b) => (b.type === 'paragraph' ? text(b.children) : '')).join('|');
    expect(cover).toContain('株洲市商务局');
    expect(cover).toContain('株洲市商务局规范权力运行制度汇编');
    expect(cover).toContain('二〇二五年十一月');
    expect(chineseDate('2010-11-20')).toBe('二〇一〇年十一月');
  });

  it('lists every power and rule in the TOC, with unique anchors', async () => {
    const m = await exampleModel();
    const hs = allBlocks(m).filter((b): b is Heading => b.type === 'heading');
    const toc = hs.filter((h) => h.toc).map((h) => text(h.children));
    const { repo } = await validate('examples/zhuzhou-commerce', { stage: 'submit' });
    for (const p of repo.powers) expect(toc).toContain(`${p.data.name}（${p.data.id}）`);
    for (const r of repo.rules) expect(toc).toContain(r.data.title);
    const anchors = hs.map((h) => h.anchor);
    expect(new Set(anchors).size).toBe(anchors.length);
    for (const a of anchors) expect(a).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,39}$/);
  });

  it('catalogue: one row per power, grouped by category, header repeated', async () => {
    const m = await exampleModel();
    const cat = allBlocks(m).find((b): b is Table => b.type === 'table' && b.landscape === true)!;
    expect(cat.headerRows).toBe(1);
    expect(cat.rows[0].cells.map((c) => text(c.children))).toEqual(['序号', '事项编码', '事项名称', '权力类别', '实施依据', '承办机构', '法定/承诺时限', '收费']);
    const powerRows = cat.rows.filter((r) => r.cells.length === 8 && !r.header);
    expect(powerRows.length).toBe(16);
    const groups = cat.rows.filter((r) => r.cells.length === 1).map((r) => text(r.cells[0].children));
    expect(groups[0]).toMatch(/^一、行政许可（\d+项）$/);
    expect(text(powerRows[0].cells[4].children)).toMatch(/《中华人民共和国.+》第.+条/);
  });

  it('resolves cross references to names and numbers the rules’ headings officially', async () => {
    const m = await exampleModel();
    const refs = allBlocks(m).flatMap((b) => (b.type === 'paragraph' ? b.children : [])).filter((x) => x.type === 'ref');
    expect(refs.length).toBeGreaterThan(3);
    for (const r of refs) expect(r.text).not.toContain('[[');
    const ruleHeads = allBlocks(m).filter((b): b is Heading => b.type === 'heading' && b.level === 4);
    expect(ruleHeads[0].number).toBe('一、');
    expect(m.footnotes.length).toBeGreaterThan(0);
  });

  it('is deterministic and takes its date from SOURCE_DATE_EPOCH', async () => {
    const a = JSON.stringify(await exampleModel());
    const b = JSON.stringify(await exampleModel());
    expect(a).toBe(b);
    const { repo } = await validate('examples/zhuzhou-commerce', { stage: 'submit' });
    expect(creationDate(repo.config!.data, { SOURCE_DATE_EPOCH: '1700000000' })).toBe('2023-11-14T22:13:20Z');
  });
});
