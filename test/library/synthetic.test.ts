/**
 * A small library written in a temporary directory, one case per file: each defect is reported at its file and line,
 * nothing is renumbered, one bad file never stops the rest; entry into force, repeals, titles, the cache.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize } from 'node:v8';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleText, openLibrary, type Library, type LibraryDefect } from '../../src/library/index.js';
import { tempDir } from '../helpers/repo.js';

/** Writes `files` (path → lines) under a new directory; returns it. */
function library(files: Record<string, string[] | Buffer>): string {
  const root = tempDir('pb-lib-');
  for (const [rel, body] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), Buffer.isBuffer(body) ? body : body.join('\n') + '\n');
  }
  return root;
}

/** The 1-based line of `files[rel]` holding `needle`. */
function line(files: Record<string, string[] | Buffer>, rel: string, needle: string): number {
  const i = (files[rel] as string[]).findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in ${rel}`);
  return i + 1;
}

/** The cache's corpus holds exactly each indexed version's articles, in the places its index says. */
function corpusMatches(cacheDir: string, lib: Library): void {
  const slot = path.join(cacheDir, readdirSync(cacheDir)[0]!);
  const idx = deserialize(readFileSync(path.join(slot, 'index.v8'))) as { gen: string; starts: Uint32Array; files: { file: string; units?: [number, number] }[] };
  const text = readFileSync(path.join(slot, `corpus-${idx.gen}.bin`)).toString('utf16le');
  expect(text.length).toBe(idx.starts[idx.starts.length - 1]);
  for (const e of idx.files) {
    if (!e.units) continue;
    const v = lib.laws.flatMap((l) => [...l.versions]).find((x) => x.file === e.file || x.duplicates?.includes(e.file));
    if (!v || v.file !== e.file) continue;
    const units = v.articles.length ? v.articles : v.sections ?? [];
    expect(e.units[1], e.file).toBe(units.length);
    units.forEach((a, k) => expect(text.slice(idx.starts[e.units![0] + k]!, idx.starts[e.units![0] + k + 1]! - 1)).toBe(articleText(a)));
  }
}

const defectsOf = (lib: Library, file: string, kind?: string): LibraryDefect[] => lib.stats.defects.filter((d) => d.at.file === file && (!kind || d.kind === kind));

const RUN = '行政法规/测试条例(2020-05-01).md';
const TRUNC = '行政法规/截断条例(2021-03-01).md';
const NEW = '行政法规/新办法(2019-04-22).md';
const OLD_IN = '行政法规/被废止办法(2010-01-01).md';
const REUSED = '行政法规/旧名办法(2020-01-01).md';

const FILES: Record<string, string[] | Buffer> = {
  [RUN]: [
    '# 测试条例',
    '',
    '２０２０年５月１日 国务院令第９９号公布',
    '',
    '<!-- INFO END -->',
    '',
    '## 第一章 总则',
    '',
    '第一条 为了测试，制定本条例。',
    '',
    '第二条 本条例适用于测试。 第三条 第三条写在第二条的同一行。',
    '',
    '笫四条 第四条的“第”写错了。',
    '',
    '第五 条 条号中间有空格。',
    '',
    '\u200b',
    '',
    '第七条 第六条缺了。本条列出下列事项：',
    '',
    '（一）第一项；',
    '',
    '(二)第二项；',
    '',
    '1. 第三项。',
    '',
    '前款规定的事项，依照本条例办理。',
    '',
    '## 第二章 附则',
    '',
    '第八条 本条例自2020年7月1日起施行。',
  ],
  [TRUNC]: [
    '# 截断条例',
    '',
    '2001年1月1日 某省人民代表大会常务委员会通过',
    '',
    '2021年3月1日 某省人民代表大会常务委员会第二次修正',
    '',
    '<!-- INFO END -->',
    '',
    '## 第一章 总则',
    '',
    '第一条 为了测试截断，制定本条例。',
    '',
    '第二条 本条例适用于测试。',
    '',
    '第三条 县级以上人民政府负责本条例的实施工作。',
  ],
  [NEW]: [
    '# 新办法',
    '',
    '2019年4月22日 中华人民共和国国务院令第715号公布',
    '',
    '<!-- INFO END -->',
    '',
    '第一条 为了测试废止，制定本办法。',
    '',
    '第二条 本办法自2019年6月1日起施行。2001年6月16日国务院公布的《库外办法》、2010年1月1日国务院公布的《被废止办法》和《新办法》同时废止。2015年国务院公布的《旧名办法》同时废止。',
  ],
  [OLD_IN]: ['# 被废止办法', '', '<!-- INFO END -->', '', '第一条 被废止的办法。', '', '第二条 本办法自公布之日起施行。'],
  [REUSED]: ['# 旧名办法', '', '<!-- INFO END -->', '', '第一条 一部后来重用了旧标题的新办法。', '', '第二条 本办法自公布之日起施行。'],
  // The same version in two folders, different bytes.
  '经济法/重复法(2018-01-01).md': ['# 中华人民共和国重复法', '', '<!-- INFO END -->', '', '第一条 重复的条文。', '', '第二条 本法自2018年3月1日起施行。'],
  '行政法/重复法(2018-01-01).md': ['# 中华人民共和国重复法', '', '<!-- INFO END -->', '', '## 第一章 总 则', '', '第一条 重复的条文。', '', '第二条 本法自2018年3月1日起施行。'],
  // Two versions; and a title two provinces share.
  '经济法/版本法(2016-01-01).md': ['# 中华人民共和国版本法', '', '<!-- INFO END -->', '', '第一条 旧文。', '', '第二条 本法自2016年3月1日起施行。'],
  '经济法/版本法(2022-06-01).md': ['# 中华人民共和国版本法', '', '2016年1月1日 通过', '', '2022年6月1日 第一次修正', '', '<!-- INFO END -->', '', '第一条 新文。', '', '第二条 本法自2016年3月1日起施行。'],
  'DLC/甲省地方法规/地方性法规/甲/同名条例(2019-01-01).md': ['# 同名条例', '', '2019年1月1日 甲省人民代表大会常务委员会通过', '', '<!-- INFO END -->', '', '第一条 甲省的。', '', '第二条 本条例自2019年3月1日起施行。'],
  'DLC/乙省地方法规/地方性法规/乙/同名条例(2020-01-01).md': ['# 同名条例', '', '2020年1月1日 乙省人民代表大会常务委员会通过', '', '<!-- INFO END -->', '', '第一条 乙省的。', '', '第二条 本条例自公布之日起施行。'],
  // Not law texts, and a file no parser could love.
  '案例/某案.md': ['# 某案', '', '<!-- INFO END -->', '', '## 基本案情', '', '张某诉某公司。'],
  '经济法/_index.md': ['---', 'bookCollapseSection: true', '---'],
  '法律法规模版.md': ['---', 'bookHidden: true', '---', '', '# 某条法律的标题', '', '<!-- INFO END -->'],
  '其他/某攻略.md': ['# 某攻略', '', '<!-- INFO END -->', '', '先做这个。'],
  '行政法规/只有文头(2020-01-01).md': ['# 只有文头', '', '2020年1月1日 公布', '', '<!-- INFO END -->'],
  '行政法规/乱码.md': Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x23, 0x20, 0x80, 0x81, 0x0a, 0xe7, 0xac]),
  '行政法规/空文件.md': [''],
};

describe('a synthetic library', () => {
  let root: string;
  let lib: Library;
  beforeAll(async () => {
    root = library(FILES);
    lib = await openLibrary([root], { cacheDir: tempDir('pb-lib-cache-') });
  });

  it('indexes every law text and skips the others with a reason; one bad file stops nothing', () => {
    expect(lib.stats.files).toBe(Object.keys(FILES).length);
    expect(lib.stats.indexed + lib.stats.skipped.length).toBe(lib.stats.files);
    const skipped = Object.fromEntries(lib.stats.skipped.map((s) => [s.file, s.reason]));
    expect(skipped).toEqual({
      '案例/某案.md': 'court-case', '经济法/_index.md': 'folder-page', '法律法规模版.md': 'template', '其他/某攻略.md': 'guide',
      '行政法规/乱码.md': 'no-text', '行政法规/空文件.md': 'no-text',
    });
    expect(lib.stats.byFolder['行政法规']).toEqual({ files: 8, indexed: 6 });
  });

  it('reports articles run together, 笫, a space inside a number, a gap, zero-width lines, full-width digits at their lines', () => {
    const at = (kind: string) => defectsOf(lib, RUN, kind).map((d) => d.at.line);
    expect(at('articles-run-together')).toEqual([line(FILES, RUN, '第三条 第三条写在')]);
    expect(defectsOf(lib, RUN, 'articles-run-together')[0]!.at.column).toBe((FILES[RUN] as string[])[line(FILES, RUN, '第三条 第三条写在') - 1]!.indexOf('第三条 第三条') + 1);
    expect(at('di-typo')).toEqual([line(FILES, RUN, '笫四条')]);
    expect(at('space-in-number')).toEqual([line(FILES, RUN, '第五 条')]);
    expect(at('numbering-gap')).toEqual([line(FILES, RUN, '第七条')]);
    expect(at('zero-width-lines')).toEqual([line(FILES, RUN, '\u200b')]);
    expect(at('full-width-date')).toEqual([line(FILES, RUN, '２０２０年')]);
  });

  it('reads the articles as printed, with their 款 and 项; never renumbers', () => {
    const v = lib.find('测试条例');
    expect(v.kind).toBe('found');
    if (v.kind !== 'found') return;
    const ver = v.law.versions[0]!;
    expect(ver.articles.map((a) => a.key)).toEqual(['1', '2', '3', '4', '5', '7', '8']);
    expect(lib.article(ver, '6')).toBeUndefined();
    expect(lib.article(ver, '2')!.clauses[0]!.text).toBe('本条例适用于测试。');
    expect(lib.article(ver, '3')!.clauses[0]!.text).toBe('第三条写在第二条的同一行。');
    expect(lib.article(ver, '4')!.label).toBe('第四条');
    const seven = lib.article(ver, '7')!;
    expect(seven.clauses.map((c) => c.text)).toEqual(['第六条缺了。本条列出下列事项：', '前款规定的事项，依照本条例办理。']);
    expect(seven.clauses[0]!.items).toEqual([{ label: '（一）', text: '第一项；' }, { label: '(二)', text: '第二项；' }, { label: '1.', text: '第三项。' }]);
    expect(seven.chapter).toBe('第一章 总则');
    expect(lib.article(ver, '8')!.chapter).toBe('第二章 附则');
    expect(ver.order).toBe('国务院令第99号');
    expect(ver.inForce).toBe('2020-07-01');
    expect(ver.inForceSource).toBe('final-article');
  });

  it('marks a text that stops early while its header lists amendments, at its last article', () => {
    const m = lib.find('截断条例');
    if (m.kind !== 'found') throw new Error(m.kind);
    expect(m.law.versions[0]!.truncated).toBe(true);
    expect(defectsOf(lib, TRUNC, 'truncated').map((d) => d.at.line)).toEqual([line(FILES, TRUNC, '第三条')]);
    expect(lib.laws.filter((l) => l.versions.some((v) => v.truncated)).map((l) => l.title)).toEqual(['截断条例']);
  });

  it('learns repeals: a text not in the library, one in it, never itself, never a text dated after the clause', () => {
    const outside = lib.find('库外办法');
    expect(outside.kind).toBe('repealed-only');
    if (outside.kind === 'repealed-only') {
      expect(outside.repealedBy.date).toBe('2019-06-01');
      expect(outside.repealedBy.version.order).toBe('国务院令第715号');
      expect(outside.repealedBy.clause.at).toEqual({ file: NEW, line: line(FILES, NEW, '同时废止') });
      expect(outside.repealedBy.clause.date).toBe('2001-06-16');
      expect(outside.repealedBy.clause.issuer).toBe('国务院');
    }
    const inside = lib.find('被废止办法');
    if (inside.kind !== 'found') throw new Error(inside.kind);
    expect(lib.repealedAt(inside.law, '2019-05-31')).toBeUndefined();
    expect(lib.repealedAt(inside.law, '2019-06-01')?.version.file).toBe(NEW);
    const self = lib.find('新办法');
    if (self.kind !== 'found') throw new Error(self.kind);
    expect(self.law.repealedBy).toBeUndefined();
    // 《旧名办法》 of 2015 is repealed; the library's 旧名办法 is of 2020, after the repealing text: not it.
    const reused = lib.find('旧名办法');
    if (reused.kind !== 'found') throw new Error(reused.kind);
    expect(reused.law.repealedBy).toBeUndefined();
  });

  it('keeps one version stored twice, reporting the different bytes', () => {
    const m = lib.find('重复法');
    if (m.kind !== 'found') throw new Error(m.kind);
    expect(m.law.versions).toHaveLength(1);
    expect(m.law.versions[0]!.duplicates).toEqual(['行政法/重复法(2018-01-01).md']);
    expect(defectsOf(lib, '行政法/重复法(2018-01-01).md', 'duplicate-differs').map((d) => d.at.line)).toEqual([1]);
  });

  it('gives the version in force before, on and after each entry into force', () => {
    const m = lib.find('中华人民共和国版本法');
    if (m.kind !== 'found') throw new Error(m.kind);
    const [v16, v22] = m.law.versions;
    expect(v16!.inForce).toBe('2016-03-01');
    expect(v22!.inForce).toBe('2022-06-01'); // its final article keeps the original's date: the file's date wins
    expect(lib.versionAt(m.law, '2016-02-29')).toBeUndefined();
    expect(lib.versionAt(m.law, '2016-03-01')).toBe(v16);
    expect(lib.versionAt(m.law, '2022-05-31')).toBe(v16);
    expect(lib.versionAt(m.law, '2022-06-01')).toBe(v22);
  });

  it('finds titles written many ways; an ambiguous one lists its candidates; an unknown one the nearest', () => {
    for (const t of ['中华人民共和国版本法', '版本法', '《中华人民共和国版本法》', '中华人民共和国 版本法', '《版本法》', '版 本 法']) {
      expect(lib.find(t).kind, t).toBe('found');
    }
    const amb = lib.find('同名条例');
    expect(amb.kind).toBe('ambiguous');
    if (amb.kind === 'ambiguous') expect(amb.candidates.map((c) => [c.versions[0]!.issuer, c.versions[0]!.date])).toEqual([['乙省人民代表大会常务委员会', '2020-01-01'], ['甲省人民代表大会常务委员会', '2019-01-01']]);
    const unknown = lib.find('版本发');
    expect(unknown.kind).toBe('unknown');
    if (unknown.kind === 'unknown') expect(unknown.suggestions[0]).toBe('中华人民共和国版本法');
  });

  it('searches the articles, ranked, in the versions in force on a date', () => {
    expect(lib.search('旧文').map((h) => h.version.date)).toEqual([]);
    expect(lib.search('旧文', { at: '2020-01-01' }).map((h) => [h.law.title, h.article.label])).toEqual([['中华人民共和国版本法', '第一条']]);
    expect(lib.search('新文 旧文', { at: '2023-01-01' }).map((h) => h.article.clauses[0]!.text)).toEqual(['新文。']);
  });
});

describe('the index cache', () => {
  it('parses nothing the second time, only a changed file after a change, and sees the change', async () => {
    const root = library(FILES);
    const cacheDir = tempDir('pb-lib-cache-');
    const first = await openLibrary([root], { cacheDir });
    expect(first.stats.cache).toEqual({ hit: 0, parsed: Object.keys(FILES).length });
    const second = await openLibrary([root], { cacheDir });
    expect(second.stats.cache).toEqual({ hit: Object.keys(FILES).length, parsed: 0 });
    expect(second.stats.defects).toEqual(first.stats.defects);
    const file = path.join(root, '经济法/版本法(2022-06-01).md');
    writeFileSync(file, (FILES['经济法/版本法(2022-06-01).md'] as string[]).join('\n').replace('新文。', '改过的新文。'));
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    const third = await openLibrary([root], { cacheDir });
    expect(third.stats.cache).toEqual({ hit: Object.keys(FILES).length - 1, parsed: 1 });
    const m = third.find('版本法');
    if (m.kind !== 'found') throw new Error(m.kind);
    expect(third.article(m.law.versions[1]!, '1')!.clauses[0]!.text).toBe('改过的新文。');
    expect(third.article(m.law.versions[0]!, '1')!.clauses[0]!.text).toBe('旧文。'); // read from the cache
    expect(third.search('改过的新文').length).toBe(1);
    corpusMatches(cacheDir, third);
  });

  it('stays right through many changes (appended, then rewritten whole when the old parts left behind grow)', async () => {
    const root = library(FILES);
    const cacheDir = tempDir('pb-lib-cache-');
    await openLibrary([root], { cacheDir });
    const changing = ['经济法/重复法(2018-01-01).md', '经济法/版本法(2022-06-01).md', RUN, NEW, OLD_IN, REUSED, TRUNC];
    let later = Date.now() + 10_000;
    const garbage: number[] = [];
    for (const [i, rel] of changing.entries()) {
      const file = path.join(root, rel);
      const before = (FILES[rel] as string[]).find((l) => l.startsWith('第一条 '))!.slice(4);
      writeFileSync(file, (FILES[rel] as string[]).join('\n').replace(before, `第${i}次改动。`));
      const t = new Date((later += 1000));
      utimesSync(file, t, t);
      const lib = await openLibrary([root], { cacheDir });
      expect(lib.stats.cache.parsed, rel).toBe(1);
      for (const [j, done] of changing.slice(0, i + 1).entries()) {
        const v = lib.laws.flatMap((l) => l.versions).find((x) => x.file === done)!;
        expect(lib.article(v, '1')!.clauses[0]!.text, done).toBe(`第${j}次改动。`);
      }
      // The texts replaced are never found again; the new ones are.
      expect(lib.search(`第${i}次改动`).map((h) => h.version.file)).toEqual([rel]);
      expect(lib.search(before, { limit: 100 }).map((h) => h.version.file), before).not.toContain(rel);
      const slot = path.join(cacheDir, readdirSync(cacheDir)[0]!);
      garbage.push((deserialize(readFileSync(path.join(slot, 'index.v8'))) as { garbage: { units: number } }).garbage.units);
      expect(readdirSync(slot).filter((f) => f.startsWith('articles-'))).toHaveLength(1);
      corpusMatches(cacheDir, lib);
    }
    // Appended (garbage growing), then rewritten whole (none left) at least once.
    expect(garbage.some((g, i) => i > 0 && g > garbage[i - 1]!)).toBe(true);
    expect(garbage.slice(1).some((g) => g === 0)).toBe(true);
    const fresh = await openLibrary([root], { cacheDir });
    expect(fresh.stats.cache.parsed).toBe(0);
    expect(fresh.search('次改动').length).toBe(changing.length);
  });

  it('opens without a cache directory, and with one that cannot be written', async () => {
    const root = library(FILES);
    const none = await openLibrary([root]);
    expect(none.search('新文').length).toBe(1);
    const blocked = path.join(tempDir('pb-lib-cache-'), 'a-file');
    writeFileSync(blocked, 'not a directory');
    const lib = await openLibrary([root], { cacheDir: blocked });
    expect(lib.stats.indexed).toBe(none.stats.indexed);
    expect(lib.search('新文').map((h) => h.article.label)).toEqual(['第一条']);
    expect(lib.find('版本法').kind).toBe('found');
  });

  it('is keyed by the commit in a git checkout: a new commit parses the files it changed', async () => {
    const root = library(FILES);
    const git = (...args: string[]) => execFileSync('git', ['-C', root, ...args], { env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } }).toString().trim();
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'one');
    const cacheDir = tempDir('pb-lib-cache-');
    const first = await openLibrary([root], { cacheDir });
    expect(first.stats.commit).toBe(git('rev-parse', 'HEAD'));
    writeFileSync(path.join(root, RUN), (FILES[RUN] as string[]).join('\n').replace('为了测试', '为了再测试'));
    git('commit', '-q', '-am', 'two');
    const second = await openLibrary([root], { cacheDir });
    expect(second.stats.commit).toBe(git('rev-parse', 'HEAD'));
    expect(second.stats.cache.parsed).toBe(1);
    const m = second.find('测试条例');
    if (m.kind !== 'found') throw new Error(m.kind);
    expect(second.article(m.law.versions[0]!, '1')!.clauses[0]!.text).toBe('为了再测试，制定本条例。');
    // An uncommitted change is seen too.
    writeFileSync(path.join(root, RUN), (FILES[RUN] as string[]).join('\n').replace('为了测试', '为了三测试'));
    const third = await openLibrary([root], { cacheDir });
    expect(third.stats.cache.parsed).toBe(1);
    const m3 = third.find('测试条例');
    if (m3.kind !== 'found') throw new Error(m3.kind);
    expect(third.article(m3.law.versions[0]!, '1')!.clauses[0]!.text).toBe('为了三测试，制定本条例。');
  });
});
