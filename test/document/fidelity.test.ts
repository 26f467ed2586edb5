/** The document model's text rules: quotation marks, book titles, the author's numbering, facts not entered. */
import { describe, expect, it } from 'vitest';
import { chineseQuotes } from '../../src/domain/quotes.js';
import { bareTitle, bookTitle } from '../../src/domain/law.js';
import { feesText, powerTimeLimits } from '../../src/document/facts.js';
import { markdownToBlocks, type MarkdownContext } from '../../src/document/markdown.js';
import { Anchors } from '../../src/document/anchors.js';
import type { Block, Inline } from '../../src/document/model.js';
import type { Power } from '../../src/domain/types.js';

const text = (xs: Inline[]): string => xs.map((x) => (x.type === 'text' || x.type === 'ref' ? x.text : x.type === 'link' ? text(x.children) : '')).join('');
const ctx = (): MarkdownContext => ({ root: '/nonexistent', powers: new Map(), laws: new Map(), powerAnchors: new Map(), lawAnchors: new Map(), anchors: new Anchors(), footnotes: [] });
const md = (s: string): Block[] => markdownToBlocks(s, ctx(), { file: 'rules/x.md', anchorPrefix: 'x', baseLevel: 4 });
const paras = (bs: Block[]) => bs.filter((b) => b.type === 'paragraph').map((b) => text((b as { children: Inline[] }).children));

describe('quotation marks in Chinese text', () => {
  it('become “” and ‘’, opening and closing in turn, across runs', () => {
    expect(chineseQuotes(['按照"谁行使、谁清理"的原则'])).toEqual(['按照“谁行使、谁清理”的原则']);
    expect(chineseQuotes(["所称'重大决策'"])).toEqual(['所称‘重大决策’']);
    expect(chineseQuotes(['”反了“和＂全角＂'])).toEqual(['“反了”和“全角”']);
    expect(chineseQuotes(['称"', '加粗', '"的'])).toEqual(['称“', '加粗', '”的']);
    expect(chineseQuotes(['“外‘内’外”'])).toEqual(['“外‘内’外”']);
  });

  it('are left as typed without Chinese, in an apostrophe, in code and when their count is odd', () => {
    expect(chineseQuotes(['"English" only'])).toEqual(['"English" only']);
    expect(chineseQuotes(["Women's 商务"])).toEqual(["Women's 商务"]);
    expect(chineseQuotes(['一段"只有一个引号'])).toEqual(['一段"只有一个引号']);
    expect(chineseQuotes(['用"', 'a "b"', '"'], [false, true, false])).toEqual(['用“', 'a "b"', '”']);
  });
});

describe('law titles', () => {
  it('lose the marks typed around them and get one pair on output, nested ones as 〈〉', () => {
    expect(bareTitle('《中华人民共和国行政许可法》')).toBe('中华人民共和国行政许可法');
    expect(bareTitle(' 《《拍卖法》》 ')).toBe('拍卖法');
    expect(bareTitle('《A》实施细则（《B》配套）')).toBe('《A》实施细则（《B》配套）');
    expect(bookTitle('《中华人民共和国行政许可法》')).toBe('《中华人民共和国行政许可法》');
    expect(bookTitle('关于修改《中华人民共和国拍卖法》的决定')).toBe('《关于修改〈中华人民共和国拍卖法〉的决定》');
  });
});

describe('the numbering the author wrote', () => {
  it('keeps （一） items on single lines as paragraphs of their own', () => {
    expect(paras(md('第四条 有下列情形之一的：\n（一）甲；\n（二）乙；\n（三）丙。\n'))).toEqual(['第四条 有下列情形之一的：', '（一）甲；', '（二）乙；', '（三）丙。']);
    expect(paras(md('一、总则\n二、附则\n'))).toEqual(['一、总则', '二、附则']);
    expect(paras(md('第一条 甲。\n第二条 乙。\n'))).toEqual(['第一条 甲。', '第二条 乙。']);
  });

  it('does not cut a sentence wrapped before 第X条 or a number, and joins Chinese lines without a space', () => {
    expect(paras(md('依照本办法\n第五条规定办理。\n'))).toEqual(['依照本办法第五条规定办理。']);
    expect(paras(md('罚款\n2.5万元以下。\n'))).toEqual(['罚款2.5万元以下。']);
    expect(paras(md('powerbook\nbuilds it.\n'))).toEqual(['powerbook builds it.']);
    expect(paras(md('**powerbook**\nbuilds it, **加粗**\n文字。\n'))).toEqual(['powerbook builds it, 加粗文字。']);
  });

  it('prints ordered lists with their written labels, and self-numbered bullets without a bullet', () => {
    const [ordered] = md('1) 甲；\n2) 乙。\n');
    expect(ordered).toMatchObject({ type: 'list', ordered: true, labels: ['1)', '2)'] });
    const [dotted] = md('3. 丙；\n4. 丁。\n');
    expect(dotted).toMatchObject({ type: 'list', labels: ['3.', '4.'] });
    const [selfNumbered] = md('- （一）甲；\n- （二）乙。\n');
    expect(selfNumbered).toMatchObject({ type: 'list', ordered: false, labels: ['', ''] });
    const [bullets] = md('- 甲；\n- 乙。\n');
    expect(bullets).not.toHaveProperty('labels');
  });
});

describe('facts not entered', () => {
  const base = { id: 'XK-1', name: 'x', category: '行政许可', body: 'b', unit: 'u', legal_bases: [], procedure: { steps: [] } } as unknown as Power;
  it('print 未填写, never 不收费 or 无', () => {
    expect(feesText(base)).toBe('未填写');
    expect(powerTimeLimits(base)).toBe('法定：未填写');
    expect(feesText({ ...base, fees: { charged: false } })).toBe('不收费');
    expect(feesText({ ...base, fees: { charged: true } })).toBe('收费：标准未填写\n依据：未填写');
    expect(powerTimeLimits({ ...base, time_limit: { statutory: '未规定', promised: { days: 5 }, note: '自申报截止之日起计算' } })).toBe('法定：未规定\n承诺：5个工作日\n（自申报截止之日起计算）');
  });
});

describe('landscape tables take their lead-in along', () => {
  it('puts the 职权目录 heading and introduction on the table\'s landscape pages, not on a portrait page of their own', async () => {
    const { validate } = await import('../../src/pipeline/index.js');
    const { buildDocument, creationDate } = await import('../../src/document/build.js');
    const { repo } = await validate('examples/zhuzhou-commerce', { stage: 'submit' });
    const m = buildDocument({ repo, config: repo.config!.data, laws: repo.laws, powers: repo.powers, rules: repo.rules, figures: new Map(), created: creationDate(repo.config!.data, {}) });
    const landscape = m.sections.filter((s) => s.orientation === 'landscape');
    expect(landscape.map((s) => s.blocks.map((b) => b.type))).toEqual([['heading', 'paragraph', 'table'], ['heading', 'heading', 'table']]);
    expect(landscape.map((s) => text((s.blocks[0] as { children: Inline[] }).children))).toEqual(['职权目录', '附　录']);
    // No portrait section ends with a heading or an introduction that belongs to the table after it.
    for (const [i, s] of m.sections.entries()) {
      if (s.orientation !== 'portrait' || m.sections[i + 1]?.orientation !== 'landscape') continue;
      expect(s.blocks.at(-1)!.type).not.toBe('heading');
    }
  });
});
