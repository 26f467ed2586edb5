/**
 * `powerbook laws …` run in-process on a small library: where the library comes from (and a path that does not exist
 * naming where it came from, exit 2), check-library's counts and defects, show, list, search, text and JSON, zh and en.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/repo.js';

const FILES: Record<string, string[]> = {
  '行政法规/甲条例(2010-01-01).md': ['# 甲条例', '', '2010年1月1日 中华人民共和国国务院令第1号公布', '', '<!-- INFO END -->', '', '## 第一章 总则', '', '第一条 为了甲，制定本条例。', '', '第二条 申请甲许可，应当提交下列材料：', '', '（一）申请书；', '', '（二）证明文件。', '', '前款材料应当真实。', '', '第三条 本条例自2010年3月1日起施行。'],
  '行政法规/乙办法(2020-01-01).md': ['# 乙办法', '', '2020年1月1日 中华人民共和国国务院令第2号公布', '', '<!-- INFO END -->', '', '第一条 为了乙，制定本办法。', '', '第二条 本办法自2020年6月1日起施行。2010年1月1日国务院公布的《甲条例》同时废止。'],
  '行政法规/丙规定(2015-01-01).md': ['# 丙规定', '', '<!-- INFO END -->', '', '第一条 丙。 第二条 丙二。', '', '第三条 本规定自公布之日起施行。'],
  '经济法/_index.md': ['---', 'bookCollapseSection: true', '---'],
};

let lib: string;
let repo: string;
const cacheEnv = () => ({ XDG_CACHE_HOME: path.join(repo, '.xdg') });

beforeAll(() => {
  lib = tempDir('pb-laws-cli-');
  for (const [rel, lines] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(lib, rel)), { recursive: true });
    writeFileSync(path.join(lib, rel), lines.join('\n') + '\n');
  }
  repo = tempDir('pb-laws-repo-');
});

describe('powerbook laws check-library', () => {
  it('prints counts by folder, versions, laws, repeals learned and every defect at file:line', async () => {
    const r = await cli(['laws', 'check-library', lib], { cwd: repo, env: cacheEnv() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('文件 4 个：收录 3，不是法律文本而跳过 1');
    expect(r.stdout).toMatch(/行政法规\s+文件 3，收录 3/);
    expect(r.stdout).toContain('版本 3 个，法律法规 3 部');
    expect(r.stdout).toContain('从文本学到的废止条款 1 条：废止库内 1 部');
    expect(r.stdout).toContain('行政法规/丙规定(2015-01-01).md:5:8  articles-run-together');
  });

  it('in JSON and in English', async () => {
    const r = await cli(['laws', 'check-library', lib, '--format', 'json', '--lang', 'en'], { cwd: repo, env: cacheEnv() });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect([j.files, j.indexed, j.skipped.length, j.versions, j.laws, j.repealsLearned]).toEqual([4, 3, 1, 3, 3, 1]);
    expect(j.skipped[0]).toMatchObject({ file: '经济法/_index.md', reason: 'folder-page' });
    expect(j.defects).toEqual([expect.objectContaining({ file: '行政法规/丙规定(2015-01-01).md', line: 5, column: 8, kind: 'articles-run-together' })]);
    expect(j.cache).toEqual({ hit: 4, parsed: 0 }); // the first run's index, under the user's cache directory
    const en = await cli(['laws', 'check-library', lib, '--lang', 'en'], { cwd: repo, env: cacheEnv() });
    expect(en.stdout).toContain('4 files: 3 indexed, 1 skipped as no law text');
  });
});

describe('where the library comes from', () => {
  it('--law-library, the environment, powerbook.yaml: a path that does not exist is exit 2 naming the setting', async () => {
    const flag = await cli(['laws', 'list', '--law-library', 'nowhere'], { cwd: repo, env: cacheEnv() });
    expect([flag.code, flag.stdout]).toEqual([2, '']);
    expect(flag.stderr).toContain('--law-library 指定的法规库目录不存在：nowhere');
    const env = await cli(['laws', 'list', '--lang', 'en'], { cwd: repo, env: { ...cacheEnv(), POWERBOOK_LAW_LIBRARY: 'gone' } });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain('The law library given by the environment variable POWERBOOK_LAW_LIBRARY does not exist: gone');
    const cfgRepo = tempDir('pb-laws-cfg-');
    writeFileSync(path.join(cfgRepo, 'powerbook.yaml'), 'department: 测试局\nlaw_library:\n  - missing-lib\n');
    const cfg = await cli(['laws', 'list', '-C', cfgRepo], { cwd: repo });
    expect(cfg.code).toBe(2);
    expect(cfg.stderr).toContain('powerbook.yaml:3:5 的 law_library 指定的法规库目录不存在：missing-lib');
    const none = await cli(['laws', 'list'], { cwd: repo, env: cacheEnv() });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('没有指定法规库');
  });

  it('a file, an empty folder, a folder of notes that are no law texts: exit 2 naming the setting, for every command; validate says it at law_library', async () => {
    const base = tempDir('pb-laws-none-');
    writeFileSync(path.join(base, 'a-file.md'), '# 甲条例\n\n第一条 甲。\n');
    mkdirSync(path.join(base, 'empty'));
    mkdirSync(path.join(base, 'notes'));
    writeFileSync(path.join(base, 'notes', '笔记.md'), '# 我的笔记\n\n第一条 这不是法律。\n');
    writeFileSync(path.join(base, 'notes', 'README.md'), 'hello\n');
    const file = await cli(['laws', 'check-library', path.join(base, 'a-file.md')], { cwd: repo, env: cacheEnv() });
    expect([file.code, file.stdout]).toEqual([2, '']);
    expect(file.stderr).toContain('不是目录');
    for (const dir of ['empty', 'notes']) {
      for (const args of [['check-library', path.join(base, dir)], ['list', '--law-library', path.join(base, dir)], ['show', '甲条例', '--law-library', path.join(base, dir)], ['search', '甲', '--law-library', path.join(base, dir)]]) {
        const r = await cli(['laws', ...args], { cwd: repo, env: cacheEnv() });
        expect([r.code, r.stdout], `${dir}: ${args.join(' ')}`).toEqual([2, '']);
        expect(r.stderr).toMatch(/^powerbook: .*指定的法规库目录中没有法律文本（不是 LawRefBook\/Laws 的克隆/);
      }
    }
    // One law and nothing skipped: no empty brackets after the count.
    mkdirSync(path.join(base, 'one', '行政法规'), { recursive: true });
    writeFileSync(path.join(base, 'one', '行政法规', '甲条例(2010-01-01).md'), FILES['行政法规/甲条例(2010-01-01).md']!.join('\n'));
    const one = await cli(['laws', 'check-library', path.join(base, 'one')], { cwd: repo, env: cacheEnv() });
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('文件 1 个：收录 1，不是法律文本而跳过 0\n');
    // Beside it: a text of 6 MB, an image named like a law, a pipe, a looping and a broken symlink — said, not read, no hang.
    const dir = path.join(base, 'one', '行政法规');
    writeFileSync(path.join(dir, '巨大条例(2020-01-01).md'), `# 巨大条例\n\n第一条 ${'字'.repeat(2_200_000)}\n`);
    writeFileSync(path.join(dir, '图片(2020-01-01).md'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)));
    execFileSync('mkfifo', [path.join(dir, '管道(2020-01-01).md')]);
    symlinkSync('..', path.join(dir, 'loop'));
    symlinkSync('/nonexistent', path.join(dir, '断链(2020-01-01).md'));
    const odd = await cli(['laws', 'check-library', path.join(base, 'one'), '--format', 'json', '--no-cache'], { cwd: repo, env: cacheEnv() });
    expect(odd.code).toBe(0);
    const report = JSON.parse(odd.stdout) as { indexed: number; defects: { file: string; line: number; kind: string; zh: string }[] };
    expect(report.indexed).toBe(1);
    expect(report.defects.map((d) => [d.file, d.line, d.kind])).toEqual([
      ['行政法规/图片(2020-01-01).md', 1, 'binary'],
      ['行政法规/巨大条例(2020-01-01).md', 1, 'too-large'],
    ]);
    const cfgRepo = tempDir('pb-laws-cfg-');
    writeFileSync(path.join(cfgRepo, 'powerbook.yaml'), `department: { name: 测试局 }\ncompendium: { title: 测试局制度汇编, date: 2025-11-20 }\nlaw_library: ${JSON.stringify(path.join(base, 'empty'))}\n`);
    const v = await cli(['validate', cfgRepo, '--format', 'json'], { cwd: repo });
    const d = (JSON.parse(v.stdout) as { file: string; line: number; column: number; rule: string; message: string }[]).find((x) => x.rule === 'law-library-path');
    expect(d).toMatchObject({ file: path.join(cfgRepo, 'powerbook.yaml'), line: 3, column: 14 });
    expect(d!.message).toContain('中没有法律文本');
  });

  it("powerbook.yaml's law_library, relative to the repository, with the index cached under it", async () => {
    const cfgRepo = tempDir('pb-laws-cfg-');
    writeFileSync(path.join(cfgRepo, 'powerbook.yaml'), `department: 测试局\nlaw_library: ${path.relative(cfgRepo, lib)}\n`);
    const r = await cli(['laws', 'show', '甲条例', '-C', cfgRepo, '--at', '2011-01-01'], { cwd: repo });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('甲条例  [2011-01-01 有效]');
    const again = await cli(['laws', 'check-library', '-C', cfgRepo, '--format', 'json'], { cwd: repo });
    expect(JSON.parse(again.stdout).cache).toEqual({ hit: 4, parsed: 0 });
  });
});

describe('a library text with terminal escapes', () => {
  it('show, search and list print ESC, BEL and U+202E from the text as U+FFFD; JSON keeps the text', async () => {
    const hostile = tempDir('pb-laws-esc-');
    mkdirSync(path.join(hostile, '经济法'));
    writeFileSync(path.join(hostile, '经济法', '某某条例(2010-01-01).md'), ['# 某某条例\u202e', '', '2010年1月1日 国务院令第1号公布', '', '<!-- INFO END -->', '',
      '第一条 为了\x1b]0;pwned\x07甲\u202e乙，制定本条例。', '', '第二条 本条例自2010年3月1日起施行。', ''].join('\n'));
    const runs = [['show', '某某条例', '第一条'], ['search', '为了'], ['list'], ['check-library']];
    for (const args of runs) {
      const r = await cli(['laws', ...args, '--law-library', hostile, '--no-cache'], { cwd: repo, env: cacheEnv() });
      expect(r.code, args.join(' ')).toBe(0);
      // eslint-disable-next-line no-control-regex
      expect(r.stdout, args.join(' ')).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e]/);
    }
    const show = await cli(['laws', 'show', '某某条例', '第一条', '--law-library', hostile, '--no-cache'], { cwd: repo, env: cacheEnv() });
    expect(show.stdout).toContain('为了\ufffd]0;pwned\ufffd甲\ufffd乙');
    const json = await cli(['laws', 'show', '某某条例', '第一条', '--law-library', hostile, '--no-cache', '--format', 'json'], { cwd: repo, env: cacheEnv() });
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain('为了\\u001b]0;pwned\\u0007甲');
  });
});

describe('powerbook laws show', () => {
  it('an article with its 款 and 项 as in force on a date, at its file and line', async () => {
    const r = await cli(['laws', 'show', '《甲条例》', '第二条', '--law-library', lib, '--at', '2015-01-01'], { cwd: repo, env: cacheEnv() });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      '《甲条例》第二条（2010-01-01版，2010-03-01 起施行；2015-01-01 有效的版本）',
      '第一章 总则',
      '',
      '第二条　申请甲许可，应当提交下列材料：',
      '　　（一）申请书；',
      '　　（二）证明文件。',
      '　　前款材料应当真实。',
      '',
      '行政法规/甲条例(2010-01-01).md:11',
      '',
    ].join('\n'));
  });

  it('a repealed law says by what, its 令 number and from when; an unknown article or title is exit 1', async () => {
    const r = await cli(['laws', 'show', '甲条例', '--law-library', lib, '--at', '2021-01-01'], { cwd: repo, env: cacheEnv() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('甲条例  [2021-01-01 已废止]');
    expect(r.stdout).toContain('已于 2020-06-01 起废止：《乙办法》（国务院令第2号）');
    expect(r.stdout).toContain('2010-01-01，施行 2010-03-01（最后一条的施行日期），国务院令第1号，3 条');
    const past = await cli(['laws', 'show', '甲条例', '9', '--law-library', lib, '--at', '2011-01-01'], { cwd: repo, env: cacheEnv() });
    expect([past.code, past.stdout]).toEqual([1, '《甲条例》（2010-01-01版，2011-01-01 有效）没有第九条：共 3 条\n']);
    const unknown = await cli(['laws', 'show', '甲条列', '--law-library', lib], { cwd: repo, env: cacheEnv() });
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain('相近的标题：甲条例');
    const early = await cli(['laws', 'show', '乙办法', '1', '--law-library', lib, '--at', '2020-05-31', '--lang', 'en'], { cwd: repo, env: cacheEnv() });
    expect(early.code).toBe(1);
    expect(early.stdout).toContain('乙办法 is not in force on 2020-05-31 (its first version is in force from 2020-06-01)');
    const bad = await cli(['laws', 'show', '甲条例', '1', '--law-library', lib, '--at', '2020-13-01'], { cwd: repo, env: cacheEnv() });
    expect(bad.code).toBe(2);
  });

  it('as JSON', async () => {
    const r = await cli(['laws', 'show', '甲条例', '2', '--law-library', lib, '--at', '2015-01-01', '--format', 'json'], { cwd: repo, env: cacheEnv() });
    const j = JSON.parse(r.stdout);
    expect(j.kind).toBe('article');
    expect(j.article).toMatchObject({ key: '2', label: '第二条', line: 11, clauses: [{ text: '申请甲许可，应当提交下列材料：', items: [{ label: '（一）', text: '申请书；' }, { label: '（二）', text: '证明文件。' }] }, { text: '前款材料应当真实。', items: [] }] });
  });
});

describe('powerbook laws list and search', () => {
  it('lists titles, versions, entry into force, repealed by and repeals', async () => {
    const r = await cli(['laws', 'list', '--law-library', lib, '--at', '2021-01-01', '--format', 'json'], { cwd: repo, env: cacheEnv() });
    const j = JSON.parse(r.stdout) as { title: string; inForceAt: { status: string }; repealedBy?: { title: string; date: string }; repeals: { title: string }[] }[];
    expect(j.map((e) => [e.title, e.inForceAt.status])).toEqual([['丙规定', 'in-force'], ['乙办法', 'in-force'], ['甲条例', 'repealed']]);
    expect(j[2]!.repealedBy).toMatchObject({ title: '乙办法', date: '2020-06-01' });
    expect(j[1]!.repeals).toEqual([{ title: '甲条例', inLibrary: true, date: '2020-06-01' }]);
    const text = await cli(['laws', 'list', '--law-library', lib], { cwd: repo, env: cacheEnv() });
    expect(text.stdout).toContain('    废止了：《甲条例》（2020-06-01 起）');
    expect(text.stdout).toContain('共 3 部');
  });

  it('searches articles, ranked, with law, version and number; nothing found is exit 1', async () => {
    const r = await cli(['laws', 'search', '许可', '材料', '--law-library', lib], { cwd: repo, env: cacheEnv() });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('1. 《甲条例》第二条（2010-01-01版）  行政法规/甲条例(2010-01-01).md:11');
    const j = JSON.parse((await cli(['laws', 'search', '丙二', '--law-library', lib, '--format', 'json'], { cwd: repo, env: cacheEnv() })).stdout);
    expect(j).toEqual([expect.objectContaining({ rank: 1, title: '丙规定', label: '第二条', line: 5 })]);
    const none = await cli(['laws', 'search', '不存在的词', '--law-library', lib], { cwd: repo, env: cacheEnv() });
    expect([none.code, none.stdout]).toEqual([1, '没有找到含「不存在的词」的条文\n']);
  });
});
