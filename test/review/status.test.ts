/** `powerbook status`: a repository with stage dates before and after the day asked about (--at). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { edit, lineOf, tempDir, validRepo } from '../helpers/repo.js';
import { STAGE_IDS } from '../../src/check/stages.js';
import type { StatusReport } from '../../src/review/status.js';
import { addPower } from './fixture.js';
import { citingRepo, LIBRARY, warmLibrary } from '../citations/helpers.js';

const STAGES = 'stages:\n  draft_by: 2025-09-30\n  legality_review_by: 2025-10-31\n  deliberation_by: 2025-11-15\n  submit_by: 2025-11-30\n  publish_by: 2026-01-31\n';

/**
 * A plan for 2025; rule ZD-01 drafted without its legality review; XK-002 without fees (both required from stage review,
 * check/stages.ts); XK-003 on a repealed law (a warning by lint).
 */
async function planRepo(): Promise<string> {
  const dir = await validRepo();
  edit(dir, 'powerbook.yaml', (s) => s.replace(/^  date: \d{4}-\d{2}-\d{2}$/m, '  date: 2025-11-20').replace(/stages:\n(?: {2}.*\n)+/, STAGES).replace('lint:\n', 'lint:\n  law-not-in-force: warning\n'));
  edit(dir, 'rules/ZD-01.md', (s) => s.replace(/legality_review:\n(?: {2}.*\n)+/, '').replace(/date: \d{4}-\d{2}-\d{2}/, 'date: 2025-11-05'));
  addPower(dir, 'XK-002', '拍卖企业设立许可');
  edit(dir, 'powers/XK-002.yaml', (s) => s.replace('fees:\n  charged: false\n', ''));
  addPower(dir, 'XK-003', '报废汽车回收企业资格认定');
  edit(dir, 'powers/XK-003.yaml', (s) => s.replace('legal_bases:\n', 'legal_bases:\n  - law: baofei-qiche-2001\n'));
  writeFileSync(path.join(dir, 'laws/baofei-qiche-2001.yaml'), 'id: baofei-qiche-2001\ntitle: 报废汽车回收管理办法\nlevel: 行政法规\nissuer: 国务院\ndoc_number: 国务院令第307号\neffective: 2001-06-16\nstatus: 已废止\nstatus_date: 2019-06-01\n');
  return dir;
}

async function statusJson(dir: string, at: string): Promise<StatusReport> {
  const r = await cli(['status', dir, '--at', at, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as StatusReport;
}

describe('powerbook status', () => {
  let dir: string;
  beforeAll(async () => { dir = await planRepo(); });

  it('json: each stage done, due or overdue against --at, with what blocks the next one', async () => {
    const r = await statusJson(dir, '2025-11-05');
    expect(r).toMatchObject({ kind: 'powerbook-status', version: 1, department: '测试市商务局', compendiumDate: '2025-11-20', at: '2025-11-05', reached: 'draft', next: 'review' });
    expect(r.stages.map((s) => [s.key, s.due, s.state, s.days])).toEqual([
      ['draft', '2025-09-30', 'done', -36],
      ['review', '2025-10-31', 'overdue', -5],
      ['deliberation', '2025-11-15', 'due', 10],
      ['submit', '2025-11-30', 'due', 25],
      ['publish', '2026-01-31', 'due', 87],
    ]);
    // What blocks legality review: the power without fees and the rule without its record (the repealed basis is only a
    // warning here, by lint).
    expect(r.stages[1]!.blockers.byRule).toEqual({ 'power-fees': 1, 'rule-legality-review': 1 });
    expect(r.stages[1]!.blockers.first).toEqual([
      expect.objectContaining({ file: 'powers/XK-002.yaml', line: lineOf(dir, 'powers/XK-002.yaml', 'id: XK-002'), rule: 'power-fees' }),
      expect.objectContaining({ file: 'rules/ZD-01.md', line: lineOf(dir, 'rules/ZD-01.md', 'id: ZD-01'), rule: 'rule-legality-review' }),
    ]);
    // Each stage is blocked by `validate --stage` at that stage (check/stages.ts), deliberation and publish included.
    expect(r.stages.map((s) => s.validate)).toEqual(STAGE_IDS);
    expect(Object.keys(r.diagnostics)).toEqual(STAGE_IDS);
    expect(r.diagnostics.draft).toMatchObject({ error: 0 });
  });

  it('counts: powers by category, those lacking fees or risk points, rules by review state, cited laws repealed, risks by level', async () => {
    const r = await statusJson(dir, '2025-11-05');
    expect(r.powers).toMatchObject({ total: 3, byCategory: { 行政许可: 3 }, byStatus: { 有效: 3 }, invalid: 0 });
    expect(r.powers.lacking.fees).toEqual([{ id: 'XK-002', name: '拍卖企业设立许可' }]);
    expect(r.powers.lacking.risks).toEqual([]);
    expect(r.powers.lacking.procedure).toEqual([]);
    expect(r.rules).toMatchObject({ total: 1, byArea: { 公开透明: 1 }, byReview: { none: 1, reviewed: 0, deliberated: 0, failed: 0 } });
    expect(r.laws.repealed).toEqual([{ id: 'baofei-qiche-2001', title: '报废汽车回收管理办法', date: '2019-06-01', source: 'laws', powers: ['XK-003'] }]);
    expect(r.laws.library).toBe(false);
    expect(r.laws.problems).toEqual([expect.objectContaining({ file: 'powers/XK-003.yaml', rule: 'law-not-in-force' })]);
    expect(r.risks).toEqual({ 高: 0, 中: 3, 低: 0 });
  });

  it('text and markdown say the same in words', async () => {
    const t = await cli(['status', dir, '--at', '2025-11-05']);
    expect(t.code).toBe(0);
    const lines = t.stdout.split('\n');
    expect(lines[0]).toBe('测试市商务局 · 测试市商务局规范权力运行制度汇编（汇编日期 2025-11-20），截至 2025-11-05');
    expect(lines.slice(2, 11)).toEqual([
      '  起草        2025-09-30  已完成',
      '  合法性审查  2025-10-31  已逾期 5 天：2 个问题待解决',
      '      卡在：power-fees ×1、rule-legality-review ×1',
      `      powers/XK-002.yaml:${lineOf(dir, 'powers/XK-002.yaml', 'id: XK-002')}:5  职权"拍卖企业设立许可"没有写是否收费`,
      `      rules/ZD-01.md:${lineOf(dir, 'rules/ZD-01.md', 'id: ZD-01')}:5  制度"决策公开制度（示例）"没有合法性审查记录`,
      '  集体审议    2025-11-15  还有 10 天到期：2 个问题待解决',
      '  报送        2025-11-30  还有 25 天到期：2 个问题待解决',
      '  向社会公布  2026-01-31  还有 87 天到期：2 个问题待解决',
      '',
    ]);
    expect(t.stdout).toContain('未填写收费 1 项（XK-002）');
    expect(t.stdout).toContain('引用的已废止：《报废汽车回收管理办法》 2019-06-01（XK-003 引用）');
    expect(t.stdout).toContain('廉政风险点：高 0，中 3，低 0');
    const m = await cli(['status', dir, '--at', '2025-11-05', '--format', 'markdown', '--lang', 'en']);
    expect(m.stdout).toContain('| stage | due | state |\n|---|---|---|\n| draft | 2025-09-30 | done |\n| legality review | 2025-10-31 | overdue by 5 days: 2 errors to fix<br>blocked by: power-fees ×1, rule-legality-review ×1<br>');
  });

  it('before the dates all is due; once the review is recorded and the fees stated every stage is done, whatever the day', async () => {
    const early = await statusJson(dir, '2025-09-01');
    expect(early.stages.map((s) => s.state)).toEqual(['done', 'due', 'due', 'due', 'due']);
    expect(early.stages[1]!.days).toBe(60);
    edit(dir, 'rules/ZD-01.md', (s) => s.replace('deliberation:\n', 'legality_review:\n  reviewer: 法制机构\n  date: 2025-10-20\n  result: 通过\ndeliberation:\n'));
    edit(dir, 'powers/XK-002.yaml', (s) => `${s}fees:\n  charged: false\n`);
    const late = await statusJson(dir, '2026-03-01');
    expect(late.stages.map((s) => [s.key, s.state])).toEqual([['draft', 'done'], ['review', 'done'], ['deliberation', 'done'], ['submit', 'done'], ['publish', 'done']]);
    expect(late).toMatchObject({ reached: 'publish', next: null });
    expect(late.rules.byReview).toEqual({ none: 0, reviewed: 0, deliberated: 1, failed: 0 });
  });

  it('each stage is blocked by its own requirements: a failed review blocks deliberation, a failed deliberation submission, a draft mark publication only', async () => {
    const d = await validRepo();
    edit(d, 'powerbook.yaml', (s) => s.replace(/^  date: \d{4}-\d{2}-\d{2}$/m, '  date: 2025-11-20').replace(/stages:\n(?: {2}.*\n)+/, STAGES));
    edit(d, 'rules/ZD-01.md', (s) => s.replace(/(legality_review:[\s\S]*?date: )\S+/, '$12025-10-20').replace(/(deliberation:[\s\S]*?date: )\S+/, '$12025-11-05')
      .replace(/(legality_review:[\s\S]*?result: )\S+/, '$1不通过'));
    const blocked = (r: StatusReport) => r.stages.map((s) => [s.key, s.state, s.blockers.byRule]);
    // Reviewed (not passed): review is done; deliberation requires a passed review, and so does every stage after it.
    const failedReview = await statusJson(d, '2025-11-01');
    expect(blocked(failedReview)).toEqual([
      ['draft', 'done', {}], ['review', 'done', {}], ['deliberation', 'due', { 'rule-legality-review': 1 }],
      ['submit', 'due', { 'rule-legality-review': 1 }], ['publish', 'due', { 'rule-legality-review': 1 }],
    ]);
    expect(failedReview).toMatchObject({ reached: 'review', next: 'deliberation' });
    // Deliberated (not passed): deliberation is done (a record is what it requires); submission requires it passed.
    edit(d, 'rules/ZD-01.md', (s) => s.replace(/(legality_review:[\s\S]*?result: )\S+/, '$1通过').replace(/(deliberation:[\s\S]*?result: )\S+/, '$1不通过'));
    const failedDeliberation = await statusJson(d, '2025-11-01');
    expect(blocked(failedDeliberation)).toEqual([
      ['draft', 'done', {}], ['review', 'done', {}], ['deliberation', 'done', {}],
      ['submit', 'due', { 'rule-deliberation': 1 }], ['publish', 'due', { 'rule-deliberation': 1 }],
    ]);
    expect(failedDeliberation).toMatchObject({ reached: 'deliberation', next: 'submit' });
    // All passed, the edition still 送审稿: only publication is blocked (before it, a 送审稿 is what it should be).
    edit(d, 'rules/ZD-01.md', (s) => s.replace(/(deliberation:[\s\S]*?result: )\S+/, '$1通过'));
    edit(d, 'powerbook.yaml', (s) => s.replace('edition: 第一版', 'edition: 第一版（送审稿）'));
    const marked = await statusJson(d, '2025-12-01');
    expect(blocked(marked)).toEqual([
      ['draft', 'done', {}], ['review', 'done', {}], ['deliberation', 'done', {}], ['submit', 'done', {}],
      ['publish', 'due', { 'compendium-draft-mark': 1 }],
    ]);
    expect(marked).toMatchObject({ reached: 'submit', next: 'publish' });
    expect(marked.stages[4]!.blockers.first).toEqual([expect.objectContaining({ file: 'powerbook.yaml', line: lineOf(d, 'powerbook.yaml', 'edition: '), rule: 'compendium-draft-mark' })]);
  });

  it('a folder without powerbook.yaml is a usage error; a powerbook.yaml that does not parse is said in the title, its errors blocking', async () => {
    const empty = tempDir();
    const r = await cli(['status', empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^powerbook: .* 不是制度库：没有 powerbook\.yaml（工作方案的阶段日期写在其中）。请在制度库目录中运行，或用 powerbook init 新建\n$/);
    const d = await validRepo();
    edit(d, 'powerbook.yaml', (s) => `${s}department: [\n`);
    const t = await cli(['status', d, '--at', '2025-11-05']);
    expect(t.code).toBe(0);
    expect(t.stdout.split('\n')[0]).toBe('（powerbook.yaml 有错误，见下），截至 2025-11-05');
    // The parser's first error only (a stray bracket would otherwise give hundreds): the key repeated by the bad line.
    expect(t.stdout).toContain('卡在：duplicate-key ×1');
  });

  it('a stage without a date is open, not overdue; a bad --at is a usage error', async () => {
    const d = await validRepo();
    edit(d, 'powerbook.yaml', (s) => s.replace(/stages:\n(?: {2}.*\n)+/, ''));
    edit(d, 'powers/XK-001.yaml', (s) => s.replace(/legal_bases:\n(?: {2}.*\n)+/, ''));
    const r = await statusJson(d, '2025-11-05');
    expect(r.stages.map((s) => [s.state, s.due])).toEqual(Array(5).fill(['open', undefined]));
    expect(r.next).toBe('draft');
    for (const bad of ['2025-13-01', '2025-02-30', 'tomorrow']) {
      const x = await cli(['status', d, '--at', bad]);
      expect(x.code).toBe(2);
      expect(x.stderr).toContain('--at 应为日期 YYYY-MM-DD');
    }
  });
});

describe('powerbook status with the law library', () => {
  let dir: string;
  beforeAll(async () => {
    await warmLibrary();
    dir = citingRepo([
      'law: 公司登记管理条例, article: 第二条',                          // XK-001: repealed 2022-03-01 by 市场主体登记管理条例
      'law: 报废汽车回收管理办法',                                        // XK-002: not in the library; repealed by 国务院令第715号
      'law: 对外贸易法, article: 第九条, version: 2016-11-07',            // XK-003: pinned to the version the 2022 one replaced
      'law: 国务院关于经营者集中申报标准的规定, article: 第三条',          // XK-004: a new version in force after the date
      'law: 行政许可法, article: 第四十二条',                             // XK-005: in force, unchanged
      'law: 对外贸易法, article: 第九条, quote: 从事货物进出口或者技术进出口的对外贸易经营者，应当向国务院对外贸易主管部门或者其委托的机构办理备案登记', // XK-006: a quote of the 2016 text
      'law: 行政许可法, article: 第四十二条, quote: 行政机关应当自受理行政许可申请之日起三十日内作出行政许可决定', // XK-007: a mistaken quote, no amendment
    ], { date: '2023-06-01' });
  });

  it('json: the cited laws repealed and changed, judged by the library at the compendium date', async () => {
    const r = await statusJson(dir, '2023-07-01');
    expect(r.laws.library).toBe(true);
    expect(r.laws.repealed).toEqual([
      { id: '中华人民共和国公司登记管理条例', title: '中华人民共和国公司登记管理条例', source: 'library', date: '2022-03-01', by: '《中华人民共和国市场主体登记管理条例》', powers: ['XK-001'] },
      { id: '报废汽车回收管理办法', title: '报废汽车回收管理办法', source: 'library', date: '2019-06-01', by: '《报废机动车回收管理办法》（国务院令第715号）', powers: ['XK-002'] },
    ]);
    expect(r.laws.changed.map((l) => [l.title, l.date, l.powers, l.why?.map((w) => w.zh)])).toEqual([
      ['中华人民共和国对外贸易法', '2022-12-30', ['XK-003', 'XK-006'], ['引用的是 2016-11-07 版，汇编日期施行的是 2022-12-30 版', '所引原文出自 2016-11-07 版第九条，汇编日期施行的是 2022-12-30 版']],
      ['国务院关于经营者集中申报标准的规定', '2024-01-22', ['XK-004'], ['2024-01-22 版自 2024-01-22 起施行（在汇编日期之后）']],
    ]);
    // validate's own findings, where they are.
    expect(r.laws.problems.map((p) => [p.file, p.rule])).toEqual(expect.arrayContaining([['powers/XK-001.yaml', 'citation-repealed'], ['powers/XK-006.yaml', 'citation-drift']]));
    // On a date before the repeal, the 2001 text was repealed already (2019) but 公司登记管理条例 was not; and 2024's version is not yet "later".
    edit(dir, 'powerbook.yaml', (s) => s.replace('date: 2023-06-01', 'date: 2021-06-01'));
    try {
      const before = await statusJson(dir, '2021-07-01');
      expect(before.laws.repealed.map((l) => l.title)).toEqual(['报废汽车回收管理办法']);
    } finally {
      edit(dir, 'powerbook.yaml', (s) => s.replace('date: 2021-06-01', 'date: 2023-06-01'));
    }
  });

  it('text and English say it with the repealing text and why; without the library only laws/ is judged', async () => {
    const t = await cli(['status', dir, '--at', '2023-07-01']);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('法律 0 部（已按法规库核对）；引用的已废止：《中华人民共和国公司登记管理条例》 2022-03-01（被《中华人民共和国市场主体登记管理条例》废止；XK-001 引用），《报废汽车回收管理办法》 2019-06-01（被《报废机动车回收管理办法》（国务院令第715号）废止；XK-002 引用）；引用的已修订：《中华人民共和国对外贸易法》 2022-12-30（引用的是 2016-11-07 版，汇编日期施行的是 2022-12-30 版；所引原文出自 2016-11-07 版第九条，汇编日期施行的是 2022-12-30 版；XK-003、XK-006 引用），《国务院关于经营者集中申报标准的规定》 2024-01-22（2024-01-22 版自 2024-01-22 起施行（在汇编日期之后）；XK-004 引用）\n');
    const en = await cli(['status', dir, '--at', '2023-07-01', '--lang', 'en']);
    expect(en.stdout).toContain('《报废汽车回收管理办法》 2019-06-01 (repealed by 《报废机动车回收管理办法》（国务院令第715号）; cited by XK-002)');
    // --law-library and POWERBOOK_LAW_LIBRARY as for validate: a path that does not exist is a usage error.
    const bad = await cli(['status', dir, '--law-library', 'nowhere']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^powerbook: --law-library 指定的法规库目录不存在：nowhere（即 .*nowhere）\n$/);
    edit(dir, 'powerbook.yaml', (s) => s.replace(/^law_library: .*\n/m, ''));
    try {
      const none = await statusJson(dir, '2023-07-01');
      expect(none.laws).toMatchObject({ library: false, repealed: [], changed: [] });
      const env = await cli(['status', dir, '--at', '2023-07-01', '--format', 'json'], { env: { POWERBOOK_LAW_LIBRARY: LIBRARY } });
      expect((JSON.parse(env.stdout) as StatusReport).laws.repealed).toHaveLength(2);
    } finally {
      edit(dir, 'powerbook.yaml', (s) => s.replace(/(compendium: .*\n)/, `$1law_library: ${JSON.stringify(LIBRARY)}\n`));
    }
  });
});
