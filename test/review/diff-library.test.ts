/**
 * `powerbook diff` with the law library (../shared/laws-lib, LawRefBook/Laws as departments clone it): when the two
 * revisions' compendium dates differ, a cited provision whose text in force differs between the dates is reported,
 * with the versions read and where the former text went — in every format, in Chinese and English.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { edit } from '../helpers/repo.js';
import { citingRepo, LIBRARY, warmLibrary } from '../citations/helpers.js';
import type { RepoDiff } from '../../src/review/types.js';
import { commit, git, GIT_ENV } from './fixture.js';

async function diff(dir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cli(['diff', '-C', dir, ...args], { env: GIT_ENV });
}

async function diffJson(dir: string, ...args: string[]): Promise<RepoDiff> {
  const r = await diff(dir, '--format', 'json', ...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as RepoDiff;
}

describe('powerbook diff with the law library', () => {
  let dir: string;
  beforeAll(async () => {
    await warmLibrary();
    dir = citingRepo([
      'law: 中华人民共和国对外贸易法, article: 第九条',                 // XK-001: 2022 deleted the old 第九条 (备案登记)
      'law: 国务院关于经营者集中申报标准的规定, article: 第三条',       // XK-002: same number, thresholds raised in 2024
      'law: 行政许可法, article: 第四十二条',                          // XK-003: the same version at both dates
      'law: 对外贸易法, article: 第十条',                              // XK-004: the old 第十条 is 第九条 since 2022
      'law: 对外贸易法, article: 第九条, version: 2016-11-07',         // XK-005: pinned: the same text at both dates
    ], { date: '2020-01-01' });
    writeFileSync(path.join(dir, '.gitignore'), '.powerbook/\n');
    git(dir, 'init', '-q', '-b', 'main');
    commit(dir, '2020 年版');
    git(dir, 'tag', 'v2020');
    edit(dir, 'powerbook.yaml', (s) => s.replace('date: 2020-01-01', 'date: 2025-06-01'));
    commit(dir, '汇编日期改为 2025-06-01');
  });

  it('json: exactly the provisions whose text in force differs between 2020-01-01 and 2025-06-01', async () => {
    const d = await diffJson(dir, 'v2020', 'HEAD');
    expect(d.items).toEqual([]);
    expect(d.config).toMatchObject([{ path: 'compendium.date', before: '2020-01-01', after: '2025-06-01' }]);
    expect(d.library).toEqual({ read: true });
    expect(d.provisions.map((p) => [p.law, p.article, p.powers, p.versions, p.now])).toEqual([
      ['中华人民共和国对外贸易法', '第九条', ['XK-001'], { base: '2016-11-07', head: '2022-12-30' }, { kind: 'deleted' }],
      ['国务院关于经营者集中申报标准的规定', '第三条', ['XK-002'], { base: '2018-09-18', head: '2024-01-22' }, undefined],
      ['对外贸易法', '第十条', ['XK-004'], { base: '2016-11-07', head: '2022-12-30' }, { kind: 'moved', to: '第九条' }],
    ]);
    const [trade9, merger3, trade10] = d.provisions;
    expect(trade9).toMatchObject({ title: '中华人民共和国对外贸易法', source: 'library', dates: { base: '2020-01-01', head: '2025-06-01' } });
    expect(trade9!.before).toContain('应当向国务院对外贸易主管部门或者其委托的机构办理备案登记');
    expect(trade9!.after).toContain('从事国际服务贸易');
    expect(merger3!.before).toContain('超过100亿元人民币');
    expect(merger3!.after).toContain('超过120亿元人民币');
    // The old 第十条 is word for word the new 第九条.
    expect(trade10!.before).toBe(trade9!.after);
  });

  it('text: the provisions after the changes, with the dates, versions and where the former text went', async () => {
    const r = await diff(dir, 'v2020', 'HEAD');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout;
    expect(out).toContain('\n引用条文的文本变化（法规库：汇编日期 2020-01-01 和 2025-06-01 施行的文本）\n');
    expect(out).toContain('\n  《中华人民共和国对外贸易法》第九条（2016-11-07 版 → 2022-12-30 版；原文已删去；XK-001 引用）\n'
      + '    -从事货物进出口或者技术进出口的对外贸易经营者，应当向国务院对外贸易主管部门或者其委托的机构办理备案登记；\n');
    expect(out).toContain('\n  《国务院关于经营者集中申报标准的规定》第三条（2018-09-18 版 → 2024-01-22 版；XK-002 引用）\n');
    expect(out).toContain('\n  《中华人民共和国对外贸易法》第十条（2016-11-07 版 → 2022-12-30 版；原文现为第九条；XK-004 引用）\n');
    expect(out).not.toContain('行政许可法》第四十二条');
    expect(out.match(/^ {2}《/gm)).toHaveLength(3);
    const en = await diff(dir, 'v2020', 'HEAD', '--lang', 'en');
    expect(en.stdout).toContain('Cited provisions whose text changed (law library: the texts in force on the compendium dates 2020-01-01 and 2025-06-01)');
    expect(en.stdout).toContain('《中华人民共和国对外贸易法》第九条 (version 2016-11-07 → version 2022-12-30; the former text was deleted; cited by XK-001)');
    expect(en.stdout).toContain('《中华人民共和国对外贸易法》第十条 (version 2016-11-07 → version 2022-12-30; the former text is now 第九条; cited by XK-004)');
  });

  it('markdown: counted at the top, each provision collapsed with its line diff', async () => {
    const r = await diff(dir, 'v2020', 'HEAD', '--format', 'markdown');
    const md = r.stdout;
    expect(md.indexOf('引用条文的文本变化：3 条')).toBeGreaterThan(md.indexOf('| 制度 |'));
    expect(md.indexOf('引用条文的文本变化：3 条')).toBeLessThan(md.indexOf('#### '));
    expect(md).toContain('#### 引用条文的文本变化（法规库：汇编日期 2020-01-01 和 2025-06-01 施行的文本）');
    expect(md).toMatch(/<details><summary>《国务院关于经营者集中申报标准的规定》第三条（2018-09-18 版 → 2024-01-22 版；XK-002 引用）<\/summary>\n\n```diff\n(?:.*\n)*-\(一\)参与集中的所有经营者上一会计年度在全球范围内的营业额合计超过100亿元人民币，.*\n(?:.*\n)*\+（一）参与集中的所有经营者上一会计年度在全球范围内的营业额合计超过120亿元人民币，/);
    const en = await diff(dir, 'v2020', 'HEAD', '--format', 'markdown', '--lang', 'en');
    expect(en.stdout).toContain('Cited provisions whose text changed: 3');
  });

  it('the same compendium date: the library is not read, and nothing is said of it', async () => {
    git(dir, 'checkout', '-q', '-b', 'same-date');
    try {
      edit(dir, 'powers/XK-003.yaml', (s) => s.replace('unit: 市场科', 'unit: 办公室'));
      // A library path that does not exist is not even looked at when the dates are the same.
      edit(dir, 'powerbook.yaml', (s) => s.replace(/^law_library: .*$/m, 'law_library: ../no-such-library'));
      commit(dir, '承办机构');
      const d = await diffJson(dir, 'main', 'HEAD');
      expect(d.items.map((i) => `${i.status} ${i.id}`)).toEqual(['changed XK-003']);
      expect(d.provisions).toEqual([]);
      expect(d.library).toBeUndefined();
    } finally {
      git(dir, 'checkout', '-q', 'main');
    }
  });

  it('dates that differ and a law_library that does not exist: said on stderr at its line and in the report, exit 0', async () => {
    git(dir, 'checkout', '-q', '-b', 'bad-library');
    try {
      edit(dir, 'powerbook.yaml', (s) => s.replace(/^law_library: .*$/m, 'law_library: ../no-such-library'));
      commit(dir, '法规库路径错误');
      const r = await diff(dir, 'v2020', 'HEAD');
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/^powerbook: powerbook\.yaml:3:14 powerbook\.yaml 的 law_library 指向的法规库目录不存在：\.\.\/no-such-library（即 .*no-such-library）\n$/);
      expect(r.stdout).toContain('法规库无法读取（powerbook.yaml 的 law_library 指向的法规库目录不存在：../no-such-library');
      expect(r.stdout).toContain('引用条文只按各修订 laws/ 中登记的文本比较。');
      expect(r.stdout).not.toContain('引用条文的文本变化');
      const j = JSON.parse((await diff(dir, 'v2020', 'HEAD', '--format', 'json')).stdout) as RepoDiff;
      expect(j.library).toMatchObject({ read: false, problem: { zh: expect.stringContaining('../no-such-library') } });
      // --law-library wins over powerbook.yaml, as for validate; one that does not exist is a usage error.
      const flag = await diff(dir, 'v2020', 'HEAD', '--format', 'json', '--law-library', LIBRARY);
      expect((JSON.parse(flag.stdout) as RepoDiff).provisions).toHaveLength(3);
      const bad = await diff(dir, 'v2020', 'HEAD', '--law-library', 'nowhere');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^powerbook: --law-library 指定的法规库目录不存在：nowhere（即 .*nowhere）\n$/);
      const env = await cli(['diff', '-C', dir, 'v2020', 'HEAD', '--format', 'json'], { env: { ...GIT_ENV, POWERBOOK_LAW_LIBRARY: LIBRARY } });
      expect((JSON.parse(env.stdout) as RepoDiff).provisions).toHaveLength(3);
    } finally {
      git(dir, 'checkout', '-q', 'main');
    }
  });
});
