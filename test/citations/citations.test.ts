/**
 * Citations against the real law library (../shared/laws-lib, LawRefBook/Laws as departments clone it): the defects of
 * a real county commerce bureau's list are found without anyone typing a law's status.
 */
import { realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { check, citingRepo, LIBRARY, of, warmLibrary } from './helpers.js';

beforeAll(() => warmLibrary(), 900_000);

const PROVINCE = path.resolve('examples/mistakes/province-laws');

describe('a sound citation', () => {
  it('行政许可法 第四十二条, written as 中华人民共和国行政许可法 / 42, is clean (and as 《行政许可法》, 行政许可法 第四十二条第一款)', async () => {
    const dir = citingRepo([
      'law: 中华人民共和国行政许可法, article: 42',
      'law: 《行政许可法》, article: 第四十二条',
      'law: 行政许可法, article: 第四十二条, clause: 第一款',
      'law: 中华人民共和国 行政许可法, article: 42, quote: "除可以当场作出行政许可决定的外……二十日内作出行政许可决定"',
    ]);
    const r = await check(dir);
    expect(r.diags).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe('the county commerce bureau’s defects, found from the texts alone', () => {
  const bases = [
    /* 0 */ 'law: 报废汽车回收管理办法, article: 第五条',
    /* 1 */ 'law: 对外贸易法, article: 第九条, quote: "从事货物进出口或者技术进出口的对外贸易经营者，应当向国务院对外贸易主管部门或者其委托的机构办理备案登记"',
    /* 2 */ 'law: 中华人民共和国拍卖法, article: 第九百条',
    /* 3 */ 'law: 对外贸易法, article: 第十条, quote: "从事国际服务贸易，应当遵守本法和其他有关法律、行政法规的规定"',
    /* 4 */ 'law: 国务院关于经营者集中申报标准的规定, article: 第三条, version: 2018-09-18',
    /* 5 */ 'law: 拍卖法, article: 第五条, clause: 第五款',
    /* 6 */ 'law: 行政许可法, article: 第四十二条, item: 3',
    /* 7 */ 'law: 对外贸易法, article: 9, version: 2010-01-01',
    /* 8 */ 'law: 中华人民共和国增值税法, article: 1',
    /* 9 */ 'law: 报废汽车回收条例, article: 1',
    /* 10 */ 'law: 滨州市城区道路管理条例, article: 第十条',
    /* 11 */ 'law: 对外贸易法, article: 第九条, version: 2016-11-07',
  ];
  let diags: Awaited<ReturnType<typeof check>>['diags'] = [];
  const one = (i: number) => {
    const ds = of(diags, i);
    expect(ds, JSON.stringify(ds)).toHaveLength(1);
    return ds[0];
  };

  it('validates (exit 1, one diagnostic per defect, each at the citation’s line)', async () => {
    const r = await check(citingRepo(bases));
    diags = r.diags;
    expect(r.code).toBe(1);
    expect(diags.map((d) => d.line).every((l) => l === 8)).toBe(true);
  });

  it('a power based on the 2001 报废汽车回收管理办法 (not in the library): repealed by 报废机动车回收管理办法, 国务院令第715号, from 2019-06-01', () => {
    const d = one(0);
    expect(d.rule).toBe('citation-repealed');
    expect(d.severity).toBe('error');
    expect(d.message).toContain('《报废汽车回收管理办法》已于 2019-06-01 被《报废机动车回收管理办法》（国务院令第715号）废止');
    expect(d.hint).toContain('同时废止');
  });

  it('对外贸易法 第九条 quoted from the 2016 text: the old provision was deleted, the 2022 第九条 is another one', () => {
    const d = one(1);
    expect(d.rule).toBe('citation-drift');
    expect(d.message).toMatch(/出自 2016-11-07 版第九条.*2022-12-30 版.*已删去；现行第九条是另一条文/);
    // Both texts, side by side.
    expect(d.message).toContain('所引：从事货物进出口或者技术进出口的对外贸易经营者');
    expect(d.message).toContain('现行第九条：从事国际服务贸易');
  });

  it('第九百条 of a law: no such article, with the law’s last article', () => {
    const d = one(2);
    expect(d.rule).toBe('citation-provision-unknown');
    expect(d.message).toContain('《中华人民共和国拍卖法》（2015-04-24 版，2015-04-24 施行）没有第九百条');
    expect(d.message).toContain('最后一条是第六十八条');
  });

  it('a quote that now stands under another number: that number (2016 第十条 → 2022 第九条)', () => {
    const d = one(3);
    expect(d.rule).toBe('citation-drift');
    expect(d.message).toContain('中是第九条');
    expect(d.hint).toContain('把条号改为第九条');
  });

  it('changed content under the same number is drift: 经营者集中申报标准 第三条, 2018 against 2024, word by word', () => {
    const d = one(4);
    expect(d.rule).toBe('citation-drift');
    expect(d.line).toBe(8);
    expect(d.message).toContain('第三条的内容在汇编日期 2025-11-20 施行的文本（2024-01-22 版）中已修改');
    expect(d.message).toContain('[-100-]{+120+}亿元');
    expect(d.message).toContain('[-4-]{+8+}亿元');
  });

  it('a 款 or 项 the article does not have', () => {
    expect(one(5)).toMatchObject({ rule: 'citation-provision-unknown' });
    expect(one(5).message).toContain('第五条只有 2 款，没有第五款');
    expect(one(6).message).toContain('第四十二条不分项，没有第（三）项');
  });

  it('a pinned version the library lacks: the versions it has', () => {
    const d = one(7);
    expect(d.rule).toBe('citation-version-unknown');
    expect(d.message).toContain('2016-11-07（2016-11-07 施行）、2022-12-30（2022-12-30 施行）');
  });

  it('a law not yet in force on the compendium date: the date (增值税法, 2026-01-01, only in its final article)', () => {
    expect(one(8)).toMatchObject({ rule: 'citation-not-yet-in-force' });
    expect(one(8).message).toContain('自 2026-01-01 起施行，汇编日期 2025-11-20 时尚未施行');
  });

  it('an unknown title: the nearest library titles', () => {
    const d = one(9);
    expect(d.rule).toBe('citation-unknown');
    expect(d.message).toMatch(/相近的有：《报废机动车回收管理办法》/);
  });

  it('past the end of a text the library holds only in part: a warning, not "no such article"', () => {
    const d = one(10);
    expect(d).toMatchObject({ rule: 'citation-text-incomplete', severity: 'warning' });
    expect(d.message).toContain('不完整（只到第二条），无法核对第十条');
  });

  it('a pinned old version whose provision the text in force deleted: drift', () => {
    const d = one(11);
    expect(d.rule).toBe('citation-drift');
    expect(d.line).toBe(8);
    expect(d.message).toContain('指定的2016-11-07 版中的条文');
    expect(d.message).toContain('已删去');
  });
});

describe('versions and repeals on the compendium date', () => {
  const dir = citingRepo(['law: 公司登记管理条例, article: 第二条', 'law: 进出口关税条例, article: 第二条']);
  const at = async (date: string) => {
    writeFileSync(path.join(dir, 'powerbook.yaml'), `department: { name: 测试县商务局 }\ncompendium: { title: 测试汇编, date: ${date} }\nlaw_library: ${JSON.stringify(LIBRARY)}\n`);
    return (await check(dir)).diags;
  };

  it('公司登记管理条例: in force on 2021-06-01, repealed by 市场主体登记管理条例 (its 第五十五条) from 2022-03-01', async () => {
    expect(of(await at('2021-06-01'), 0)).toEqual([]);
    const [d] = of(await at('2023-01-01'), 0);
    expect(d.rule).toBe('citation-repealed');
    expect(d.message).toContain('已于 2022-03-01 被《中华人民共和国市场主体登记管理条例》');
  });

  it('进出口关税条例: in force on 2024-06-01, repealed by 关税法 from 2024-12-01 (so on 2024-12-02)', async () => {
    expect(of(await at('2024-06-01'), 1)).toEqual([]);
    const [d] = of(await at('2024-12-02'), 1);
    expect(d.rule).toBe('citation-repealed');
    expect(d.message).toContain('已于 2024-12-01 被《中华人民共和国关税法》');
  });
});

describe('ambiguous titles', () => {
  it('two texts of two roots sharing a short title: both listed with issuer, 令 number and dates; version: picks one', async () => {
    const dir = citingRepo([
      'law: 报废机动车回收实施办法, article: 第二条',
      'law: 报废机动车回收实施办法, article: 第二条, version: 2020-05-20',
    ], { library: [LIBRARY, PROVINCE] });
    const r = await check(dir);
    const [d] = of(r.diags, 0);
    expect(d.rule).toBe('citation-ambiguous');
    expect(d.message).toContain('对应 2 部文本');
    expect(d.message).toContain('《甲省报废机动车回收管理实施办法》（甲省人民政府，甲省人民政府令第1号，2020-05-20 版，2020-06-01 施行');
    expect(d.message).toContain('《乙省报废机动车回收管理实施办法》（乙省人民政府，乙省人民政府令第2号，2021-02-01 版，2021-03-01 施行');
    expect(of(r.diags, 1)).toEqual([]);
  });
});

describe('laws/ and the library together', () => {
  const local = [
    'id: xingzheng-xuke-fa',
    'title: 中华人民共和国行政许可法',
    'level: 法律',
    'issuer: 全国人民代表大会常务委员会',
    'effective: 2004-07-01',
    'status: 现行有效',
    'articles:',
    '  - number: 第七条',
    '    text: |-',
    '      公民、法人或者其他组织对行政机关实施行政许可，享有陈述权、申辩权。',
    '      （一）第一项',
    '',
  ].join('\n');

  it('a laws/ file overrides the library text of the same title: its own rules (article-unknown), and its 款/项 checked', async () => {
    const dir = citingRepo([
      'law: 行政许可法, article: 第四十二条',
      'law: 行政许可法, article: 第七条, item: 第（二）项',
      'law: xingzheng-xuke-fa, article: 第七条, item: 1',
      'law: no-such-id, article: 1',
    ], { laws: { 'xingzheng-xuke-fa': local } });
    const r = await check(dir);
    expect(of(r.diags, 0).map((d) => d.rule)).toEqual(['article-unknown']);
    expect(of(r.diags, 1).map((d) => d.rule)).toEqual(['citation-provision-unknown']);
    expect(of(r.diags, 1)[0].message).toContain('只有 1 项，没有第（二）项');
    expect(of(r.diags, 2)).toEqual([]);
    // A laws/ id that does not exist stays law-unknown, library or not.
    expect(of(r.diags, 3).map((d) => d.rule)).toEqual(['law-unknown']);
  });

  it('without a library, everything is as before: a title laws/ lacks is law-unknown (with how to set a library)', async () => {
    const dir = citingRepo(['law: 对外贸易法, article: 第九条', 'law: 行政许可法, article: 第七条'], { library: null, laws: { 'xingzheng-xuke-fa': local } });
    const r = await check(dir);
    const [d] = of(r.diags, 0);
    expect(d.rule).toBe('law-unknown');
    expect(d.hint).toContain('law_library');
    expect(of(r.diags, 1)).toEqual([]);
  });

  it('[[law:TITLE#ARTICLE]] in a rule resolves against the library; an article it lacks does not', async () => {
    const dir = citingRepo(['law: 行政许可法, article: 42'], { date: '2025-11-20' });
    const rule = (body: string) => `---\nid: ZD-01\ntitle: 测试制度\narea: 职权法定\n---\n\n${body}\n`;
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.join(dir, 'rules'), { recursive: true });
    writeFileSync(path.join(dir, 'rules', 'ZD-01.md'), rule('依照[[law:行政处罚法#第三十四条]]和[[law:《中华人民共和国行政许可法》]]，不依[[law:行政处罚法#第九百条]]。'));
    const r = await check(dir);
    const xs = r.diags.filter((d) => d.rule === 'xref-unresolved');
    expect(xs).toHaveLength(1);
    expect(xs[0].message).toContain('没有第九百条');
  });
});

describe('where the library is: flag > environment > powerbook.yaml', () => {
  const bases = ['law: 对外贸易法, article: 第九条'];

  it('a law_library path that does not exist: law-library-path at its line, and no citation reported as unknown', async () => {
    const dir = citingRepo(bases, { library: 'no/such/laws' });
    const r = await check(dir);
    expect(r.diags.map((d) => `${d.file}:${d.line} ${d.rule}`)).toEqual(['powerbook.yaml:3 law-library-path']);
    expect(r.diags[0].message).toContain('no/such/laws');
    expect(r.diags[0].message).toContain(path.join(dir, 'no/such/laws'));
  });

  it('POWERBOOK_LAW_LIBRARY wins over powerbook.yaml; --law-library wins over both', async () => {
    const dir = citingRepo(bases, { library: 'no/such/laws' });
    const env = await check(dir, [], { POWERBOOK_LAW_LIBRARY: LIBRARY });
    expect(env.diags).toEqual([]);
    const flag = await check(dir, ['--law-library', LIBRARY], { POWERBOOK_LAW_LIBRARY: '/no/such/env/laws' });
    expect(flag.diags).toEqual([]);
    expect(flag.code).toBe(0);
    // The environment as a list (the platform's delimiter or commas): a second root adds its texts.
    const list = await check(citingRepo(['law: 甲省报废机动车回收管理实施办法, article: 2'], { library: null }), [], { POWERBOOK_LAW_LIBRARY: `${LIBRARY},${PROVINCE}` });
    expect(list.diags).toEqual([]);
  });

  it('a path of the environment or the command line that does not exist: a usage error (exit 2) naming where it came from', async () => {
    const dir = citingRepo(bases);
    const env = await check(dir, [], { POWERBOOK_LAW_LIBRARY: '/no/such/env/laws' });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain('环境变量 POWERBOOK_LAW_LIBRARY 指定的法规库目录不存在：/no/such/env/laws');
    const flag = await check(dir, ['--law-library', 'no/such/flag/laws']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--law-library 指定的法规库目录不存在：no/such/flag/laws');
    const en = await check(dir, ['--law-library', 'no/such/flag/laws', '--lang', 'en']);
    expect(en.stderr).toContain('The law library given by --law-library does not exist: no/such/flag/laws');
  });
});

describe('messages in English, and every output format', () => {
  it('--lang en', async () => {
    const dir = citingRepo(['law: 报废汽车回收管理办法, article: 第五条', 'law: 对外贸易法, article: 第九条, quote: "从事货物进出口或者技术进出口的对外贸易经营者，应当向国务院对外贸易主管部门或者其委托的机构办理备案登记"']);
    const r = await cli(['validate', dir, '--lang', 'en']);
    expect(r.stdout).toContain('报废汽车回收管理办法 was repealed on 2019-06-01 by 报废机动车回收管理办法 (国务院令第715号)');
    expect(r.stdout).toContain('the quoted text (from the 2016-11-07 version, 第九条) was deleted from the text in force on the compendium date (the 2022-12-30 version); 第九条 now holds another provision');
    expect(r.stdout).toContain('citation-drift');
    const sarif = JSON.parse((await cli(['validate', dir, '--format', 'sarif'])).stdout);
    const run = sarif.runs[0];
    expect(run.results.map((x: { ruleId: string }) => x.ruleId).sort()).toEqual(['citation-drift', 'citation-repealed']);
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining(['citation-drift', 'citation-repealed', 'law-library-path']));
    const gh = (await cli(['validate', dir, '--format', 'github'])).stdout;
    expect(gh).toMatch(/::error file=.*XK-001\.yaml,line=8,.*title=powerbook citation-repealed::/);
  });
});

describe('resolveLibraryRoots', () => {
  it('takes the last setting given (flag > env > config), relative to the working directory or the repository', async () => {
    const { resolveLibraryRoots, splitPathList } = await import('../../src/pipeline/library.js');
    const cfg = { law_library: ['../a', '../b'] };
    expect(resolveLibraryRoots('/repo', cfg, {}, [], '/cwd')).toEqual({ origin: 'config', roots: [{ given: '../a', abs: '/a', index: 0 }, { given: '../b', abs: '/b', index: 1 }] });
    expect(resolveLibraryRoots('/repo', cfg, { POWERBOOK_LAW_LIBRARY: 'x,y' }, [], '/cwd')?.roots.map((r) => r.abs)).toEqual(['/cwd/x', '/cwd/y']);
    expect(resolveLibraryRoots('/repo', cfg, { POWERBOOK_LAW_LIBRARY: 'x' }, ['z'], '/cwd')).toEqual({ origin: 'flag', roots: [{ given: 'z', abs: '/cwd/z' }] });
    expect(resolveLibraryRoots('/repo', {}, {}, [], '/cwd')).toBeUndefined();
    expect(splitPathList(`a${path.delimiter}b, c`)).toEqual(['a', 'b', 'c']);
  });
});
