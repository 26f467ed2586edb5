/** `powerbook laws coverage` (清单遗漏) and `powerbook laws list --cited` on the example, against the real law library. */
import { beforeAll, describe, expect, it } from 'vitest';
import { rolesNamed } from '../../src/check/coverage.js';
import path from 'node:path';
import { cli } from '../helpers/cli.js';
import { lawCacheDir } from '../../src/pipeline/library.js';
import { citingRepo, warmLibrary } from './helpers.js';

const EXAMPLE = 'examples/zhuzhou-commerce';

beforeAll(async () => { await warmLibrary(); await warmLibrary(lawCacheDir(path.resolve(EXAMPLE))); }, 900_000);

describe('powerbook laws coverage', () => {
  it('JSON: in the laws the powers cite, the provisions naming the bureau’s roles that no power cites', async () => {
    const r = await cli(['laws', 'coverage', '-C', EXAMPLE, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.roles).toEqual(['商务主管部门', '负责报废机动车回收管理的部门']);
    expect(report.date).toBe('2025-11-20');
    const law = report.laws.find((l: { title: string }) => l.title === '报废机动车回收管理办法');
    expect(law.version).toBe('2019-04-22');
    // 第七条 (the licence application to the provincial department) and 第二十五条 (accountability) name the role; no power cites them.
    expect(law.candidates.map((c: { article: string }) => c.article)).toEqual(['第七条', '第二十五条']);
    expect(law.candidates[0]).toMatchObject({ roles: ['负责报废机动车回收管理的部门'], file: '行政法规/报废机动车回收管理办法(2019-04-22).md' });
    expect(law.candidates[0].line).toBeGreaterThan(0);
    expect(law.cited).toContain('第十九条');
    expect(report.candidates).toBe(report.laws.reduce((n: number, l: { candidates: unknown[] }) => n + l.candidates.length, 0));
  });

  it('text, --role instead of powerbook.yaml’s roles, and English', async () => {
    const zh = await cli(['laws', 'coverage', '-C', EXAMPLE]);
    expect(zh.stdout).toContain('《直销管理条例》（2017-03-01 版，2017-03-01 施行）');
    expect(zh.stdout).toMatch(/第九条 {2}\[商务主管部门\]/);
    expect(zh.stdout).toMatch(/共 \d+ 条点名本部门（商务主管部门、负责报废机动车回收管理的部门）的条文没有职权引用/);
    const role = await cli(['laws', 'coverage', '-C', EXAMPLE, '--role', '对外贸易主管部门', '--format', 'json']);
    const report = JSON.parse(role.stdout);
    expect(report.roles).toEqual(['对外贸易主管部门']);
    // 对外贸易法 (2022) names 对外贸易主管部门 32 times, always the State Council's (国务院对外贸易主管部门): not the bureau.
    expect(report.laws.find((l: { title: string }) => l.title === '中华人民共和国对外贸易法').naming).toBe(0);
    expect(report.candidates).toBe(0);
    const en = await cli(['laws', 'coverage', '-C', EXAMPLE, '--lang', 'en']);
    expect(en.stdout).toMatch(/provision\(s\) name the department \(商务主管部门, 负责报废机动车回收管理的部门\) but no power cites them/);
  });

  it('without roles: a usage error saying where to list them', async () => {
    const dir = citingRepo(['law: 行政许可法, article: 42']);
    const r = await cli(['laws', 'coverage', '-C', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('roles:');
  });

  it('a mention of a State Council department (国务院商务主管部门) is not the bureau’s', () => {
    expect(rolesNamed('国务院商务主管部门负责全国的监督管理', ['商务主管部门'])).toEqual([]);
    expect(rolesNamed('国务院商务主管部门和县级以上地方人民政府商务主管部门', ['商务主管部门'])).toEqual(['商务主管部门']);
  });
});

describe('powerbook laws list --cited', () => {
  it('each law the powers cite (library texts and laws/ files), the powers citing it and their provisions', async () => {
    const r = await cli(['laws', 'list', '--cited', '-C', EXAMPLE, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const laws = JSON.parse(r.stdout);
    const trade = laws.find((l: { title: string }) => l.title === '中华人民共和国对外贸易法');
    expect(trade).toMatchObject({ kind: 'library', source: '经济法/对外贸易法(2022-12-30).md' });
    expect(trade.citedBy.find((c: { power: string }) => c.power === 'QR-001').provisions).toEqual(['第十四条第三款', '第十二条']);
    expect(laws.find((l: { kind: string }) => l.kind === 'local')).toMatchObject({ title: '单用途商业预付卡管理办法（试行）', source: 'laws/danyongtu-yufuka-banfa.yaml' });
    const text = await cli(['laws', 'list', '--cited', '-C', EXAMPLE]);
    expect(text.stdout).toContain('《报废机动车回收管理办法》  法规库 行政法规/报废机动车回收管理办法(2019-04-22).md');
    expect(text.stdout).toMatch(/共 9 部法律法规，被 16 项职权引用。/);
  });
});
