/**
 * The example compendium's DOCX in the official form (GB/T 9704), read from its XML: the styles of rule titles, of
 * headings inside rules, of areas and parts (with outline levels, so a TOC field picks them up), the cover, the font
 * table, what keeps with what, narrow columns, landscape page numbers and the request to update fields.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocument, creationDate } from '../../src/document/build.js';
import type { DocumentModel, Inline, Table } from '../../src/document/model.js';
import { GB9704 } from '../../src/domain/profile.js';
import { validate } from '../../src/pipeline/index.js';
import { renderDocxWithReport } from '../../src/render/docx/index.js';
import { parts } from './helpers.js';
import { sampleModel } from './fixture.js';

let model: DocumentModel;
let document: string;
let styles: string;
let xml: Map<string, string>;

beforeAll(async () => {
  const { repo } = await validate('examples/zhuzhou-commerce', { stage: 'submit' });
  const config = repo.config!.data;
  model = buildDocument({ repo, config, laws: repo.laws, powers: repo.powers, rules: repo.rules, figures: new Map(), created: creationDate(config, {}) });
  const { buffer } = await renderDocxWithReport(model, { profile: GB9704 });
  xml = parts(buffer);
  document = xml.get('word/document.xml')!;
  styles = xml.get('word/styles.xml')!;
}, 120_000);

const style = (id: string): string => {
  const m = new RegExp(`<w:style w:type="paragraph"[^>]*w:styleId="${id}">[\\s\\S]*?</w:style>`).exec(styles);
  expect(m, `style ${id}`).not.toBeNull();
  return m![0];
};
/** The paragraphs in a style, as XML. */
const paragraphsIn = (id: string): string[] => (document.match(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<\/w:p>/g) ?? []).filter((p) => p.includes(`<w:pStyle w:val="${id}"/>`));
const textOf = (p: string): string => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
const font = (x: string): string | undefined => /w:eastAsia="([^"]+)"/.exec(x)?.[1];
const size = (x: string): number | undefined => { const m = /<w:sz w:val="(\d+)"\/>/.exec(x); return m ? Number(m[1]) / 2 : undefined; };

describe('rule titles', () => {
  it('are in the title style: 二号 (22 pt) 方正小标宋简体, centred, with an outline level', () => {
    const s = style('PbRuleTitle');
    expect(font(s)).toBe('方正小标宋简体');
    expect(size(s)).toBe(22);
    expect(s).toContain('<w:jc w:val="center"/>');
    expect(s).toContain('<w:outlineLvl w:val="2"/>');
    expect(s).toContain('<w:keepNext/>');
    const titles = paragraphsIn('PbRuleTitle').map(textOf);
    const rules = model.sections.flatMap((x) => x.blocks).filter((b) => b.type === 'heading' && b.role === 'title');
    expect(titles).toHaveLength(12);
    expect(titles).toHaveLength(rules.length);
    expect(titles).toContain('株洲市商务局职权目录管理制度');
    // Not one of them in the 楷体 heading 3 they were in.
    for (const p of paragraphsIn('Heading3')) expect(textOf(p)).not.toMatch(/制度$|办法$|体系$/);
    for (const p of paragraphsIn('PbRuleTitle')) expect(font(p)).toBe('方正小标宋简体');
  });
});

describe('headings inside a rule (GB/T 9704: 一、 黑体, （一） 楷体, 1. and （1） 仿宋, all 三号)', () => {
  it('一、 in 3号 黑体', () => {
    const s = style('PbChapter');
    expect([font(s), size(s)]).toEqual(['黑体', 16]);
    const chapters = paragraphsIn('PbChapter').map(textOf);
    expect(chapters).toContain('一、总则');
    for (const p of paragraphsIn('PbChapter')) expect(font(p)).toBe('黑体');
  });

  it('（一） in 3号 楷体', () => {
    const s = style('PbSection');
    expect([font(s), size(s)]).toEqual(['楷体_GB2312', 16]);
    expect(paragraphsIn('PbSection').map(textOf).some((t) => t.startsWith('（一）'))).toBe(true);
    for (const p of paragraphsIn('PbSection')) expect(font(p)).toBe('楷体_GB2312');
  });

  it('1. and （1） in 3号 仿宋, neither bold (as GB/T 9704 has it, and as the PDF prints them)', () => {
    const item = style('PbItem');
    const sub = style('PbSubitem');
    expect([font(item), size(item), font(sub), size(sub)]).toEqual(['仿宋_GB2312', 16, '仿宋_GB2312', 16]);
    expect(item).not.toContain('<w:b/>');
    expect(sub).not.toContain('<w:b/>');
  });

  it('stay out of the 目录: no outline level in their styles', () => {
    for (const id of ['PbChapter', 'PbSection', 'PbItem', 'PbSubitem']) {
      expect(style(id)).not.toContain('w:outlineLvl');
      expect(style(id)).toContain('<w:keepNext/>');
    }
  });
});

describe('parts and areas', () => {
  it('have styles of their own with outline levels 1 and 2', () => {
    const part = style('PbPart');
    expect([font(part), size(part)]).toEqual(['方正小标宋简体', 22]);
    expect(part).toContain('<w:jc w:val="center"/>');
    expect(part).toContain('<w:outlineLvl w:val="0"/>');
    const area = style('PbArea');
    expect([font(area), size(area)]).toEqual(['黑体', 16]);
    expect(area).toContain('<w:outlineLvl w:val="1"/>');
    expect(paragraphsIn('PbPart').map(textOf)).toEqual(['编制说明', '第一部分　职权目录', '第二部分　权力运行流程图', '第三部分　规范权力运行制度', '附　录']);
    expect(paragraphsIn('PbArea').map(textOf)).toEqual(['一、职权法定类制度', '二、公开透明类制度', '三、绩效评估类制度', '四、查究问责类制度']);
  });

  it('an area heading goes to the new page of the rule after it, never left at the foot of a page', () => {
    for (const p of paragraphsIn('PbArea').slice(1)) expect(p).toContain('<w:pageBreakBefore/>');
    // …and the rule title right after it doesn't break the page again.
    const after = document.split('<w:pStyle w:val="PbArea"/>').slice(1).map((rest) => rest.slice(0, rest.indexOf('<w:pStyle w:val="PbRuleTitle"/>') + 200));
    for (const a of after) expect(a.slice(a.lastIndexOf('<w:pStyle w:val="PbRuleTitle"/>'))).not.toContain('<w:pageBreakBefore/>');
  });

  it('every heading of the 目录 is in a style whose definition has an outline level (Word\'s \\o picks them up)', () => {
    expect(document).toContain('TOC \\o &quot;1-5&quot;');
    const toc = model.sections.flatMap((x) => x.blocks).filter((b) => b.type === 'heading' && b.toc);
    const styled = new Map<string, string>();
    for (const m of document.matchAll(/<w:pStyle w:val="([^"]+)"\/>(?:(?!<\/w:p>)[\s\S])*?<w:bookmarkStart w:name="([^"]+)"/g)) styled.set(m[2]!, m[1]!);
    for (const h of toc) {
      if (h.type !== 'heading') continue;
      const id = styled.get(h.anchor.replace(/[^A-Za-z0-9_]/g, '_'));
      expect(id, h.anchor).toBeDefined();
      expect(style(id!), `${h.anchor}: ${id}`).toMatch(/<w:outlineLvl w:val="[0-4]"\/>/);
    }
  });
});

describe('the cover', () => {
  it('is laid out as a cover: department, title, subtitle, edition, date, each once', () => {
    // the cover's section: up to the paragraph that carries its section properties
    const body = document.slice(document.indexOf('<w:body>'), document.indexOf('</w:p>', document.indexOf('</w:sectPr>')) + '</w:p>'.length);
    const lines = (body.match(/<w:p>[\s\S]*?<\/w:p>/g) ?? []).map(textOf).filter(Boolean);
    expect(lines).toEqual(['株洲市商务局', '株洲市商务局规范权力运行制度汇编', '（送审稿）', '（第一版）', '二〇二五年十一月']);
    // the date at the foot of the page: a space before it of most of the page
    const date = (body.match(/<w:p>[\s\S]*?<\/w:p>/g) ?? []).find((p) => textOf(p) === '二〇二五年十一月')!;
    const before = Number(/<w:spacing [^>]*w:before="(\d+)"/.exec(date)?.[1] ?? 0);
    expect(before).toBeGreaterThan(12756 / 3);
    const title = (body.match(/<w:p>[\s\S]*?<\/w:p>/g) ?? []).find((p) => textOf(p) === '株洲市商务局规范权力运行制度汇编')!;
    expect(font(title)).toBe('方正小标宋简体');
    expect(size(title)).toBeGreaterThanOrEqual(22);
  });
});

describe('the package', () => {
  it('lists the fonts the document uses in its font table', () => {
    const table = xml.get('word/fontTable.xml')!;
    const listed = [...table.matchAll(/<w:font w:name="([^"]+)">/g)].map((m) => m[1]);
    const used = new Set([...`${document}${styles}`.matchAll(/w:(?:eastAsia|ascii)="([^"]+)"/g)].map((m) => m[1]!).filter((n) => n !== 'zh-CN' && n !== 'en-US'));
    for (const name of used) expect(listed, name).toContain(name);
    expect(table).toMatch(/<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/><w:charset w:val="86"\/>/);
  });

  it('asks Word to update fields as it opens the document', () => {
    expect(xml.get('word/settings.xml')).toMatch(/<w:updateFields(?: w:val="(?:true|1|on)")?\/>/);
  });
});

describe('pages', () => {
  it('keeps headings, captions and the line before a review note with what follows them', () => {
    for (const id of ['PbPart', 'PbArea', 'PbRuleTitle', 'Heading2', 'PbChapter', 'PbSection']) expect(style(id)).toContain('<w:keepNext/>');
    // captions above tables
    const captions = paragraphsIn('Caption');
    expect(captions.length).toBeGreaterThan(16);
    for (const c of captions.filter((p) => /基本信息|环节/.test(textOf(p)))) expect(c).toContain('<w:keepNext/>');
    // the paragraph before each review note
    const paras = document.match(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<\/w:p>/g)!;
    let notes = 0;
    paras.forEach((p, i) => {
      if (!p.includes('<w:pStyle w:val="PbNote"/>')) return;
      notes++;
      expect(paras[i - 1], textOf(p)).toContain('<w:keepNext/>');
    });
    expect(notes).toBe(12);
    expect(style('PbNote')).toContain('<w:keepLines/>');
  });

  it('keeps table rows whole up to two thirds of a page (the page before is never near-empty), lets a taller one break, the header repeated', async () => {
    const tables = document.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g)!;
    const rows = tables.flatMap((t) => t.match(/<w:tr>[\s\S]*?<\/w:tr>/g)!);
    // the example's rows are all shorter than that
    expect(rows.filter((r) => r.includes('<w:cantSplit/>')).length).toBe(rows.length);
    for (const t of tables.filter((x) => x.includes('<w:tblHeader/>'))) expect(t.indexOf('<w:tblHeader/>')).toBeLessThan(t.indexOf('</w:tr>'));
    // A row of 40 lines (a page holds about 35 of a table's) may break; a short one beside it may not.
    const lines = Array.from({ length: 40 }, (_, i) => [{ type: 'text', text: `第${i + 1}行` }, { type: 'break' }] as Inline[]).flat();
    const tall: Table = { type: 'table', headerRows: 1, widths: [1, 3], rows: [
      { header: true, cells: [{ children: [{ type: 'text', text: '项目' }] }, { children: [{ type: 'text', text: '内容' }] }] },
      { cells: [{ children: [{ type: 'text', text: '短' }] }, { children: [{ type: 'text', text: '一行' }] }] },
      { cells: [{ children: [{ type: 'text', text: '长' }] }, { children: lines }] },
    ] };
    const sample = sampleModel();
    const at = sample.sections.findIndex((s) => s.kind === 'body');
    sample.sections[at] = { ...sample.sections[at]!, blocks: [...sample.sections[at]!.blocks, tall] };
    const built = parts((await renderDocxWithReport(sample, { profile: GB9704 })).buffer).get('word/document.xml')!;
    const table = built.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g)!.find((t) => t.includes('第40行'))!;
    const [header, short, long] = table.match(/<w:tr>[\s\S]*?<\/w:tr>/g)!;
    expect(header).toContain('<w:tblHeader/>');
    expect(short).toContain('<w:cantSplit/>');
    expect(long).not.toContain('<w:cantSplit/>');
  });

  it('makes narrow columns (编码, 时限) wide enough for a code or a number on one line', () => {
    const catalogue = document.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g)!.find((t) => t.includes('>事项编码<'))!;
    const grid = [...catalogue.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    // XK-001: six half-width characters of 12 pt (60 twips each... 120 twips) within the cell's margins (170 twips)
    expect(grid[1]).toBeGreaterThanOrEqual(6 * 120 + 170);
    // the phone number 0731-28680615 in the information tables' value column
    const info = document.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g)!.find((t) => t.includes('0731-'))!;
    const infoGrid = [...info.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(Math.max(...infoGrid)).toBeGreaterThanOrEqual(13 * 120 + 170);
  });

  it('puts a landscape page\'s number in its left margin, turned to read down the page (GB/T 9704 §10.3)', () => {
    const footers = [...xml.entries()].filter(([n]) => /^word\/footer\d+\.xml$/.test(n)).map(([, x]) => x);
    const turned = footers.filter((f) => f.includes('<wps:bodyPr') && f.includes('vert="vert"'));
    expect(turned.length).toBeGreaterThanOrEqual(2);
    for (const f of turned) {
      expect(f).toContain('<w:instrText xml:space="preserve"> PAGE </w:instrText>');
      expect(f).toContain('<wp:positionH relativeFrom="page">');
      // its middle 7 mm left of the text block (28 mm from the page's left edge): 21 mm, in EMU
      const x = Number(/<wp:positionH relativeFrom="page"><wp:posOffset>(-?\d+)</.exec(f)![1]);
      const width = Number(/<wp:extent cx="(\d+)"/.exec(f)![1]);
      expect(Math.abs(x + width / 2 - 21 * 36000)).toBeLessThan(36000);
    }
    // every landscape section has them as its footers
    const sections = document.match(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)!.filter((s) => s.includes('w:orient="landscape"'));
    expect(sections.length).toBe(2);
  });
});
