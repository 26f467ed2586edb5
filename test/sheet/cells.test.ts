/**
 * The cells of published lists, read one kind at a time: 法定依据 as offices write it, 办理流程, numbered lists, time
 * limits, fees and categories (what a cell does not say is not made up), and the header among title rows.
 */
import { describe, expect, it } from 'vitest';
import { parseBases } from '../../src/sheet/bases.js';
import { parseProcedure } from '../../src/sheet/procedure.js';
import { listItems } from '../../src/sheet/lists.js';
import { readCategory, readDays, readFees, readTimeLimit } from '../../src/sheet/facts.js';
import { findHeader, matchHeader } from '../../src/sheet/header.js';
import { cellText } from '../../src/sheet/cells.js';
import type { Grid } from '../../src/sheet/read.js';

const bases = (s: string) => parseBases(s).bases;

describe('法定依据 cells', () => {
  it('《title》（adopting body…）第X条：pasted text — title without 《》, the bracket dropped, the text as quote', () => {
    expect(bases('《中华人民共和国拍卖法》（1996年7月5日第八届全国人民代表大会常务委员会第二十次会议通过　根据2015年4月24日《关于修改〈中华人民共和国电力法〉等六部法律的决定》第二次修正）第十一条：企业取得从事拍卖业务的许可必须经审核批准。'))
      .toEqual([{ law: '中华人民共和国拍卖法', article: '第十一条', quote: '企业取得从事拍卖业务的许可必须经审核批准。' }]);
  });

  it('two laws in one cell, numbered, the second one\'s text over two lines (its item): one basis each, the item\'s line as quote', () => {
    const cell = '1.《中华人民共和国拍卖法》第十一条：企业取得从事拍卖业务的许可必须经审核批准。\n2.《中华人民共和国行政许可法》第十二条第（一）项：下列事项可以设定行政许可：\n（一）直接涉及国家安全、公共安全的事项；';
    expect(bases(cell)).toEqual([
      { law: '中华人民共和国拍卖法', article: '第十一条', quote: '企业取得从事拍卖业务的许可必须经审核批准。' },
      { law: '中华人民共和国行政许可法', article: '第十二条', item: '第（一）项', quote: '（一）直接涉及国家安全、公共安全的事项；' },
    ]);
  });

  it('separated by 、 and ；, labelled and numbered in other ways', () => {
    expect(bases('【法律】《中华人民共和国对外贸易法》第九条、《中华人民共和国行政许可法》第三十条；（3）《商业特许经营管理条例》第八条')).toEqual([
      { law: '中华人民共和国对外贸易法', article: '第九条' },
      { law: '中华人民共和国行政许可法', article: '第三十条' },
      { law: '商业特许经营管理条例', article: '第八条' },
    ]);
  });

  it('several articles of one law: 第三十条、第三十一条, a range, 款 and 项 lists, half-width brackets and Arabic numbers', () => {
    expect(bases('《行政许可法》第三十条、第三十一条')).toEqual([{ law: '行政许可法', article: '第三十条' }, { law: '行政许可法', article: '第三十一条' }]);
    expect(bases('《拍卖法》第六十条至第六十二条').map((b) => b.article)).toEqual(['第六十条', '第六十一条', '第六十二条']);
    expect(bases('《行政处罚法》第五十七条第一款、第二款')).toEqual([
      { law: '行政处罚法', article: '第五十七条', clause: '第一款' }, { law: '行政处罚法', article: '第五十七条', clause: '第二款' }]);
    expect(bases('《行政处罚法》(2021年修订)第五十七条第1款第(一)、(二)项')).toEqual([
      { law: '行政处罚法', article: '第五十七条', clause: '第1款', item: '第（一）项' }, { law: '行政处罚法', article: '第五十七条', clause: '第1款', item: '第（二）项' }]);
    expect(bases('《直销管理条例》第１２条')).toEqual([{ law: '直销管理条例', article: '第12条' }]);
  });

  it('the 《》 left out, with （试行） belonging to the title', () => {
    expect(bases('中华人民共和国行政许可法第十二条')).toEqual([{ law: '中华人民共和国行政许可法', article: '第十二条' }]);
    expect(bases('单用途商业预付卡管理办法（试行）第七条第（二）项')).toEqual([{ law: '单用途商业预付卡管理办法（试行）', article: '第七条', item: '第（二）项' }]);
  });

  it('the texts of two articles, each starting with its number, are cut between them', () => {
    const cell = '《中华人民共和国行政许可法》第三十条、第三十一条：\n第三十条　行政机关应当将有关行政许可的事项在办公场所公示。\n第三十一条　申请人申请行政许可，应当如实提交有关材料。';
    expect(bases(cell)).toEqual([
      { law: '中华人民共和国行政许可法', article: '第三十条', quote: '行政机关应当将有关行政许可的事项在办公场所公示。' },
      { law: '中华人民共和国行政许可法', article: '第三十一条', quote: '申请人申请行政许可，应当如实提交有关材料。' },
    ]);
  });

  it('one text for two articles that cannot be cut: kept as the first one\'s note and reported, never compared as a quote', () => {
    const r = parseBases('《中华人民共和国行政许可法》第三十条、第三十一条：行政机关应当公示，申请人应当如实提交材料。');
    expect(r.bases).toEqual([
      { law: '中华人民共和国行政许可法', article: '第三十条', note: '行政机关应当公示，申请人应当如实提交材料。' },
      { law: '中华人民共和国行政许可法', article: '第三十一条' },
    ]);
    expect(r.problems).toEqual([{ kind: 'shared-quote', text: '行政机关应当公示，申请人应当如实提交材料。' }]);
  });

  it('规定：, a repeated number, quotation marks and another law named inside the text do not confuse it', () => {
    expect(bases('依据《中华人民共和国拍卖法》第十一条规定：“企业取得从事拍卖业务的许可必须经审核批准。”')).toEqual([
      { law: '中华人民共和国拍卖法', article: '第十一条', quote: '企业取得从事拍卖业务的许可必须经审核批准。' }]);
    expect(bases('《中华人民共和国拍卖法》第十一条\n第十一条　企业取得从事拍卖业务的许可必须经审核批准。')).toEqual([
      { law: '中华人民共和国拍卖法', article: '第十一条', quote: '企业取得从事拍卖业务的许可必须经审核批准。' }]);
    expect(bases('《商业特许经营管理条例》第二十五条：特许人未依照本条例第八条的规定向商务主管部门备案的，依照《中华人民共和国行政许可法》处理。')).toEqual([
      { law: '商业特许经营管理条例', article: '第二十五条', quote: '特许人未依照本条例第八条的规定向商务主管部门备案的，依照《中华人民共和国行政许可法》处理。' }]);
  });

  it('no article: the law alone, what stands in its place as note', () => {
    expect(bases('《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令第412号）附件第209项')).toEqual([
      { law: '国务院对确需保留的行政审批项目设定行政许可的决定', note: '附件第209项' }]);
    expect(bases('《中华人民共和国拍卖法》、《拍卖管理办法》')).toEqual([{ law: '中华人民共和国拍卖法' }, { law: '拍卖管理办法' }]);
  });

  it('text that names no law is reported, not invented into a basis', () => {
    expect(parseBases('按照国家和省有关规定执行')).toEqual({ bases: [], problems: [{ kind: 'unread', text: '按照国家和省有关规定执行' }] });
  });
});

describe('办理流程 cells', () => {
  const names = (s: string) => parseProcedure(s)?.steps.map((x) => x.name);
  it('arrow chains of every kind, a linear procedure whose last step ends', () => {
    for (const s of ['受理→审查→决定→送达', '受理->审查->决定->送达', '受理—>审查—>决定—>送达', '受理－＞审查－＞决定－＞送达', '受理\n↓\n审查\n↓\n决定\n↓\n送达']) {
      expect(names(s), s).toEqual(['受理', '审查', '决定', '送达']);
    }
    const steps = parseProcedure('受理→审查→决定')!.steps;
    expect(steps).toEqual([{ id: '受理', name: '受理', next: ['审查'] }, { id: '审查', name: '审查', next: ['决定'] }, { id: '决定', name: '决定' }]);
  });

  it('numbered lines: the name before the colon, the rest as description, a time in brackets as the step\'s limit', () => {
    const steps = parseProcedure('1.受理（1个工作日）：窗口接收申请材料\n2.审查：对材料进行审查\n3.决定（即时）')!.steps;
    expect(steps).toEqual([
      { id: '受理', name: '受理', time_limit: { days: 1, unit: '工作日' }, description: '窗口接收申请材料', next: ['审查'] },
      { id: '审查', name: '审查', description: '对材料进行审查', next: ['决定'] },
      { id: '决定', name: '决定', time_limit: '即时' },
    ]);
    expect(names('（一）立案；（二）调查；（三）决定')).toEqual(['立案', '调查', '决定']);
  });

  it('names that cannot be ids get s1, s2 …; prose is not a procedure', () => {
    expect(parseProcedure('受理 申请→审查→审查')!.steps.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    expect(parseProcedure('按照“双随机、一公开”的要求开展检查')).toBeUndefined();
  });
});

describe('list cells (子项, 责任事项, 追责情形)', () => {
  it('numbered items, at line starts or run together after ；, a lead-in kept, wrapped lines joined', () => {
    expect(listItems('1.受理阶段责任：公示材料；\n2.审查阶段责任：对材料\n进行审查。\n3.其他责任。')).toEqual(['受理阶段责任：公示材料', '审查阶段责任：对材料进行审查。', '其他责任。']);
    expect(listItems('有下列情形的，追究责任：1.不予受理的；2.准予许可的；3.索取财物的。')).toEqual(['有下列情形的，追究责任：', '不予受理的', '准予许可的', '索取财物的。']);
    expect(listItems('（一）首次备案\n（二）变更备案')).toEqual(['首次备案', '变更备案']);
  });

  it('numbers out of sequence are text (处1.5万元), and without numbering each line or ；-part is an item', () => {
    expect(listItems('1.处1.5万元以上罚款的；\n2.没收违法所得的')).toEqual(['处1.5万元以上罚款的', '没收违法所得的']);
    expect(listItems('首次备案\n变更备案')).toEqual(['首次备案', '变更备案']);
    expect(listItems('不予受理的；准予许可的')).toEqual(['不予受理的', '准予许可的']);
  });
});

describe('facts only where the cell says them', () => {
  it('time limits: working days, calendar days (日, 天), on the spot, 未规定, statutory and promised', () => {
    expect(readDays('20个工作日')).toEqual({ days: 20, unit: '工作日' });
    expect(readDays('30日')).toEqual({ days: 30, unit: '自然日' });
    expect(readDays('十五天')).toEqual({ days: 15, unit: '自然日' });
    expect(readDays('即时办结')).toEqual({ days: 0 });
    expect(readTimeLimit('法定时限：20个工作日；承诺时限：10个工作日')).toEqual({ statutory: { days: 20, unit: '工作日' }, promised: { days: 10, unit: '工作日' } });
    expect(readTimeLimit('法定20日，承诺5日')).toEqual({ statutory: { days: 20, unit: '自然日' }, promised: { days: 5, unit: '自然日' } });
    expect(readTimeLimit('法律法规未规定')).toEqual({ statutory: '未规定' });
    expect(readTimeLimit('20个工作日（承诺10个工作日）')).toEqual({ statutory: { days: 20, unit: '工作日' }, promised: { days: 10, unit: '工作日' } });
    expect(readTimeLimit('承诺5个工作日')).toEqual({ promised: { days: 5, unit: '工作日' } });
    expect(readTimeLimit('20个工作日（不含专家评审时间）')).toEqual({ statutory: { days: 20, unit: '工作日' }, note: '20个工作日（不含专家评审时间）' });
  });

  it('what is no figure is kept as a note, never as a limit: a bare number (no unit), months, a plan; a placeholder is nothing', () => {
    expect(readTimeLimit('20')).toEqual({ note: '20' });
    expect(readTimeLimit('3个月')).toEqual({ note: '3个月' });
    expect(readTimeLimit('按年度检查计划执行')).toEqual({ note: '按年度检查计划执行' });
    expect(readTimeLimit('无')).toEqual({});
    expect(readTimeLimit('/')).toEqual({});
  });

  it('fees: 不收费 and its wordings are no fee; an amount is a fee with its standard and basis; 无 is not read as 不收费', () => {
    expect(readFees('不收费')).toEqual({ charged: false });
    expect(readFees('不收取任何费用')).toEqual({ charged: false });
    expect(readFees('每件50元，湘价费〔2010〕1号')).toEqual({ charged: true, standard: '每件50元，湘价费〔2010〕1号', basis: '湘价费〔2010〕1号' });
    expect(readFees('无')).toBeUndefined();
    expect(readFees('按有关规定')).toBeUndefined();
  });

  it('categories as lists write them; what is none of the format\'s is not guessed', () => {
    expect(readCategory('行政许可')).toBe('行政许可');
    expect(readCategory('许可')).toBe('行政许可');
    expect(readCategory('行政处罚类')).toBe('行政处罚');
    expect(readCategory('其他')).toBe('其他行政权力');
    expect(readCategory('公共服务')).toBeUndefined();
    expect(readCategory('审批、检查')).toBeUndefined();
  });
});

describe('cells and headers', () => {
  it('a code stored as a number keeps its zeros; a date is YYYY-MM-DD; a formula is its result; rich text is joined', () => {
    expect(cellText(117001000, '000000000000')).toEqual({ text: '000117001000' });
    expect(cellText(new Date(Date.UTC(2022, 11, 30)))).toEqual({ text: '2022-12-30' });
    expect(cellText({ formula: 'ROW()-3', result: 4 })).toEqual({ text: '4' });
    expect(cellText({ formula: 'A1' })).toMatchObject({ text: '', note: 'formula-no-result' });
    expect(cellText({ error: '#N/A' })).toMatchObject({ text: '', note: 'error-value' });
    expect(cellText({ richText: [{ text: '受理' }, { text: '→审查' }] })).toEqual({ text: '受理→审查' });
    expect(cellText(430200000000000001)).toMatchObject({ note: 'digits-lost' });
    expect(cellText('一行_x000D_\r\n两行  ')).toEqual({ text: '一行\n两行' });
  });

  it('header wordings: whole, inside a longer header, and not 追责依据 for 依据', () => {
    expect(matchHeader('职权名称')).toMatchObject({ field: 'name', exact: true });
    expect(matchHeader('权力 类型')).toMatchObject({ field: 'category', exact: true });
    expect(matchHeader('法定依据（设定依据、实施依据）')).toMatchObject({ field: 'legal_bases' });
    expect(matchHeader('追责依据')).toBeUndefined();
    expect(['申请条件', '申请材料', '承办岗位', '监督电话'].map((h) => matchHeader(h)?.field)).toEqual(['conditions', 'materials', 'post', 'supervision.phone']);
    expect(matchHeader('某县商务局行政权力清单')).toBeUndefined();
  });

  it('the header row is found below title rows', () => {
    const text = [['某县商务局行政权力清单', '', ''], ['填报单位：某县商务局', '', ''], ['序号', '事项名称', '实施依据'], ['1', '拍卖企业设立许可', '《拍卖法》第十一条']];
    const grid: Grid = { name: 's', rows: 4, cols: 3, text, merged: new Map(), problems: [], csv: false };
    const h = findHeader(grid)!;
    expect(h.row).toBe(3);
    expect([...h.columns.entries()].map(([f, m]) => [f, m.col])).toEqual([['seq', 1], ['name', 2], ['legal_bases', 3]]);
  });
});

describe('cells built to make regular expressions backtrack (up to Excel\'s 32,767 characters) are read without hanging', () => {
  const cells = {
    spaces: `第${' '.repeat(30000)}条`, colon: `：${' '.repeat(30000)}x`, dashes: `${'-'.repeat(30000)}x`, digits: '1'.repeat(30000),
    semicolons: `${'；'.repeat(30000)}x`, titles: '《A法》第一条、'.repeat(3000), brackets: `《A法》${'（'.repeat(15000)}第一条`, lines: 'a\n'.repeat(15000),
  };
  for (const [name, s] of Object.entries(cells)) {
    it(name, () => {
      parseBases(s); listItems(s); parseProcedure(s); readTimeLimit(s); readFees(s);
      expect(cellText(`${s}\n${s}`).text.length).toBeGreaterThan(0);
    });
  }
});
