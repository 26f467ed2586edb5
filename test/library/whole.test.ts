/**
 * The whole law library (../shared/laws-lib: LawRefBook/Laws as departments clone it, 3,503 files): every file
 * indexed or reported, counts per folder as on disk, articles as the raw text has them, the facts its README states.
 * Expectations are read from the files here (with plain regular expressions on lines), not copied from our output.
 */
import { cpSync, existsSync, readdirSync, readFileSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize } from 'node:v8';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleKey } from '../../src/domain/numerals.js';
import { articleText, openLibrary, type Library, type LibLaw } from '../../src/library/index.js';
import { tempDir } from '../helpers/repo.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LIB = path.resolve(REPO, '../shared/laws-lib');
if (!existsSync(path.join(LIB, 'README.md'))) {
  throw new Error(`The law library is not at ${LIB}: these tests read the whole of LawRefBook/Laws there (../shared/laws-lib beside the repository).`);
}

/** Every Markdown file but the root README, '/'-separated, as the test finds them. */
function walk(dir = LIB, rel = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) return walk(path.join(dir, e.name), r);
    return e.name.endsWith('.md') && r !== 'README.md' ? [r] : [];
  });
}
const FILES = walk();
const raw = (rel: string) => readFileSync(path.join(LIB, rel), 'utf8').split('\n');
/** Line (1-based) and text of the first line of `rel` matching `re`. */
function rawLine(rel: string, re: RegExp): { line: number; text: string } {
  const lines = raw(rel);
  const i = lines.findIndex((l) => re.test(l));
  if (i < 0) throw new Error(`${re} not in ${rel}`);
  return { line: i + 1, text: lines[i]! };
}
/** The text after an article's label on its line, as the file has it. */
const afterLabel = (line: string) => line.replace(/^\s*第[^条\s]+条(?:之[一二三四五六七八九十]+)?[\s　]+/, '').trim();

function found(lib: Library, title: string): LibLaw {
  const m = lib.find(title);
  if (m.kind !== 'found') throw new Error(`${title}: ${m.kind}`);
  return m.law;
}

let lib: Library;
let cacheDir: string;
beforeAll(async () => {
  cacheDir = tempDir('pb-laws-index-');
  lib = await openLibrary([LIB], { cacheDir });
}, 900_000);

describe('every file of the library', () => {
  it('is indexed or reported as skipped, 3,503 in all', () => {
    expect(FILES.length).toBe(3503);
    expect(lib.stats.files).toBe(FILES.length);
    expect(lib.stats.indexed + lib.stats.skipped.length).toBe(FILES.length);
    expect(lib.stats.cache.parsed).toBe(FILES.length);
  });

  it('skips exactly the files that are no law texts: folder pages, the template, cases, the guide and the standard', () => {
    const notLaw = FILES.filter((f) => f.endsWith('/_index.md') || f === '法律法规模版.md' || f.startsWith('案例/') || f.startsWith('其他/'));
    expect(lib.stats.skipped.map((s) => s.file).sort()).toEqual(notLaw.sort());
    const reasons = Object.fromEntries(lib.stats.skipped.map((s) => [s.file, s.reason]));
    expect(reasons['法律法规模版.md']).toBe('template');
    expect(reasons['其他/人体损伤程度鉴定标准(2014-01-01).md']).toBe('standard');
    expect(reasons['其他/劳动仲裁和劳动诉讼的攻略.md']).toBe('guide');
    expect(new Set(FILES.filter((f) => f.startsWith('案例/') && !f.endsWith('_index.md')).map((f) => reasons[f]))).toEqual(new Set(['court-case']));
  });

  it('is counted under its folder as on disk', () => {
    const byFolder: Record<string, number> = {};
    for (const f of FILES) {
      const parts = f.split('/');
      const folder = parts.length === 1 ? '.' : parts[0] === 'DLC' ? `DLC/${parts[1]}` : parts[0]!;
      byFolder[folder] = (byFolder[folder] ?? 0) + 1;
    }
    expect(Object.fromEntries(Object.entries(lib.stats.byFolder).map(([k, v]) => [k, v.files]))).toEqual(byFolder);
    // The README's table: national laws 359, 行政法规 683, 部门规章 29, 司法解释 439, local regulations 1,911.
    const indexed = (...folders: string[]) => folders.reduce((n, f) => n + (lib.stats.byFolder[f]?.indexed ?? 0), 0);
    expect(indexed('宪法', '宪法相关法', '民法典', '民法商法', '行政法', '经济法', '社会法', '刑法', '诉讼与非诉讼程序法')).toBe(359);
    expect(indexed('行政法规')).toBe(683);
    expect(indexed('部门规章')).toBe(29);
    expect(indexed('司法解释')).toBe(439);
    expect(indexed(...Object.keys(lib.stats.byFolder).filter((f) => f.startsWith('DLC/')))).toBe(1911);
  });
});

describe('articles as the raw text has them', () => {
  it('an article line sampled from every 25th law file is found under its number with the same text', () => {
    const samples = FILES.filter((f, i) => i % 25 === 0 && !lib.stats.skipped.some((s) => s.file === f));
    let checked = 0;
    for (const file of samples) {
      const lines = raw(file);
      const labels = lines.map((l) => /^第([零〇一二三四五六七八九十百千]+)条(之[一二三四五六七八九十]+)? (.*)$/.exec(l));
      // An article whose number occurs once in the file, on a line of its own (not run together with the next).
      const counts = new Map<string, number>();
      for (const m of labels) if (m) counts.set(m[1]! + (m[2] ?? ''), (counts.get(m[1]! + (m[2] ?? '')) ?? 0) + 1);
      const pick = labels.findIndex((m, i) => m && i > lines.length / 3 && counts.get(m[1]! + (m[2] ?? '')) === 1 && !/[。；]\s*第[零〇一二三四五六七八九十百千]+条 /.test(m[3]!));
      if (pick < 0) continue;
      const m = labels[pick]!;
      const key = articleKey(`第${m[1]}条${m[2] ?? ''}`)!;
      const version = lib.laws.flatMap((l) => l.versions).find((v) => v.file === file || v.duplicates?.includes(file) || v.parts?.includes(file));
      expect(version, file).toBeDefined();
      const a = lib.article(version!, key);
      expect(a, `${file} ${key}`).toBeDefined();
      expect(a!.clauses[0]!.text, `${file}:${pick + 1}`).toBe(m[3]!.trim());
      if (!version!.duplicates?.includes(file)) expect((a!.file ?? version!.file) + ':' + a!.line).toBe(`${file}:${pick + 1}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('行政许可法 第四十二条, as 中华人民共和国行政许可法 / 42, with both its 款', () => {
    const law = found(lib, '中华人民共和国行政许可法');
    const v = lib.versionAt(law, '2025-01-01')!;
    const a = lib.article(v, articleKey('42')!)!;
    const { line, text } = rawLine(v.file, /^第四十二条 /);
    expect(a.line).toBe(line);
    expect(a.clauses[0]!.text).toBe(afterLabel(text));
    expect(a.clauses[1]!.text).toBe(raw(v.file)[line + 1]!.trim());
  });

  it('民法典: eight files, one law, 第四百六十三条 found in 合同编', () => {
    const law = found(lib, '民法典');
    expect(law.versions).toHaveLength(1);
    const v = law.versions[0]!;
    expect([...v.parts!].sort()).toEqual(FILES.filter((f) => f.startsWith('民法典/') && !f.endsWith('_index.md')).sort());
    const a = lib.article(v, articleKey('第四百六十三条')!)!;
    const { line, text } = rawLine('民法典/合同编.md', /^第四百六十三条 /);
    expect([a.file, a.line, a.clauses[0]!.text]).toEqual(['民法典/合同编.md', line, afterLabel(text)]);
    const last = rawLine('民法典/附则.md', /^第一千二百六十条 /);
    expect(lib.article(v, '1260')!.clauses[0]!.text).toBe(afterLabel(last.text));
    expect(lib.versionAt(law, '2020-12-31')).toBeUndefined();
    expect(lib.versionAt(law, '2021-01-01')).toBe(v);
  });

  it('刑法: every 第X条之一 of the raw text is found', () => {
    const v = lib.versionAt(found(lib, '中华人民共和国刑法'), '2025-01-01')!;
    const subs = raw(v.file).map((l, i) => ({ m: /^(第[零〇一二三四五六七八九十百千]+条之[一二三四五六七八九十]+) (.*)$/.exec(l), line: i + 1 })).filter((x) => x.m);
    expect(subs.length).toBeGreaterThan(20);
    for (const { m, line } of subs) {
      const a = lib.article(v, articleKey(m![1]!)!);
      expect(a?.label, m![1]).toBe(m![1]);
      expect([a!.line, a!.clauses[0]!.text]).toEqual([line, m![2]!.trim()]);
    }
  });
});

describe("the README's facts", () => {
  it('对外贸易法: the 2022 text deleted the old 第九条 (备案登记); its 第九条 is the old 第十条', () => {
    const law = found(lib, '对外贸易法');
    const old = lib.versionAt(law, '2020-01-01')!, now = lib.versionAt(law, '2023-01-01')!;
    expect([old.file, now.file]).toEqual(['经济法/对外贸易法(2016-11-07).md', '经济法/对外贸易法(2022-12-30).md']);
    expect(lib.article(old, '9')!.clauses[0]!.text).toContain('备案登记');
    expect(lib.article(old, '9')!.clauses[0]!.text).toBe(afterLabel(rawLine(old.file, /^第九条 /).text));
    expect(lib.article(now, '9')!.clauses.map((c) => c.text)).toEqual(lib.article(old, '10')!.clauses.map((c) => c.text));
    const deleted = lib.article(old, '9')!.clauses[0]!.text;
    expect(now.articles.some((a) => a.clauses.some((c) => c.text === deleted))).toBe(false);
  });

  it('报废机动车回收管理办法 (国务院令第715号, 2019-06-01) repeals the 2001 报废汽车回收管理办法, not in the library', () => {
    const m = lib.find('报废汽车回收管理办法');
    expect(m.kind).toBe('repealed-only');
    if (m.kind !== 'repealed-only') return;
    const repealing = found(lib, '报废机动车回收管理办法').versions[0]!;
    expect(m.repealedBy.version).toBe(repealing);
    expect(repealing.order).toBe('国务院令第715号');
    expect(m.repealedBy.date).toBe('2019-06-01');
    expect(m.repealedBy.clause.at.line).toBe(rawLine(repealing.file, /《报废汽车回收管理办法》同时废止/).line);
    expect(m.repealedBy.clause.date).toBe('2001-06-16');
  });

  it('市场主体登记管理条例 第五十五条 (in force 2022-03-01) repeals 公司登记管理条例: in force in 2021, repealed in 2023', () => {
    const repealing = found(lib, '市场主体登记管理条例').versions[0]!;
    expect([repealing.inForce, repealing.inForceSource]).toEqual(['2022-03-01', 'final-article']);
    const law = found(lib, '公司登记管理条例');
    expect(lib.repealedAt(law, '2021-06-30')).toBeUndefined();
    expect(lib.versionAt(law, '2021-06-30')).toBeDefined();
    const r = lib.repealedAt(law, '2023-01-01')!;
    expect(r.version).toBe(repealing);
    expect(r.date).toBe('2022-03-01');
    expect(r.clause.at.line).toBe(rawLine(repealing.file, /^第五十五条 /).line);
    expect(found(lib, '企业法人登记管理条例').repealedBy?.version).toBe(repealing);
  });

  it('关税法 第七十二条: 进出口关税条例 in force on 2024-06-01, repealed from 2024-12-01', () => {
    const law = found(lib, '进出口关税条例');
    expect(lib.repealedAt(law, '2024-06-01')).toBeUndefined();
    const r = lib.repealedAt(law, '2024-12-01')!;
    expect(r.version.title).toBe('中华人民共和国关税法');
    expect(r.clause.at.line).toBe(rawLine(r.version.file, /^第七十二条 /).line);
  });

  it('经营者集中申报标准: 2018 and 2024 keep their article numbers; 第三条 changed', () => {
    const law = found(lib, '国务院关于经营者集中申报标准的规定');
    const v18 = lib.versionAt(law, '2020-01-01')!, v24 = lib.versionAt(law, '2025-01-01')!;
    expect([v18.date, v24.date]).toEqual(['2018-09-18', '2024-01-22']);
    const text = (v: typeof v18) => { const a = lib.article(v, '3')!; return a.clauses.flatMap((c) => [c.text, ...c.items.map((i) => i.label + i.text)]).join('\n'); };
    expect(text(v18)).not.toBe(text(v24));
    for (const v of [v18, v24]) {
      const lines = raw(v.file);
      const start = lines.findIndex((l) => l.startsWith('第三条 '));
      const end = lines.findIndex((l, i) => i > start && l.startsWith('第四条 '));
      expect(text(v)).toBe([afterLabel(lines[start]!), ...lines.slice(start + 1, end).map((l) => l.trim()).filter(Boolean)].join('\n'));
    }
  });

  it('a multi-version law (公司法) is in force as each version says, before, between and after', () => {
    const law = found(lib, '公司法');
    const [v18, v23] = law.versions;
    expect([v18!.file, v23!.file]).toEqual(['民法商法/公司法(2018-10-26).md', '民法商法/公司法(2023-12-29).md']);
    // 2023's final article: 「本法自2024年7月1日起施行」, later than its date.
    const last = raw(v23!.file).filter((l) => /^第[零〇一二三四五六七八九十百千]+条 /.test(l)).pop()!;
    const m = /自(\d{4})年(\d{1,2})月(\d{1,2})日起施行/.exec(last)!;
    const inForce = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    expect(v23!.inForce).toBe(inForce);
    const dayBefore = new Date(Date.parse(`${inForce}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(lib.versionAt(law, '2018-10-25')).toBeUndefined();
    expect(lib.versionAt(law, '2018-10-26')).toBe(v18);
    expect(lib.versionAt(law, '2023-12-29')).toBe(v18); // adopted, not yet in force
    expect(lib.versionAt(law, dayBefore)).toBe(v18);
    expect(lib.versionAt(law, inForce)).toBe(v23);
    expect(lib.versionAt(law, '2030-01-01')).toBe(v23);
  });

  it('finds titles written many ways', () => {
    const law = found(lib, '中华人民共和国行政许可法');
    for (const t of ['行政许可法', '《中华人民共和国行政许可法》', '中华人民共和国 行政许可法', '《行政许可法》', '行政许可法\u200b']) expect(found(lib, t), t).toBe(law);
    const unknown = lib.find('报废汽车回收条例');
    expect(unknown.kind).toBe('unknown');
    if (unknown.kind === 'unknown') expect(unknown.suggestions).toContain('报废机动车回收管理办法');
  });

  it('searches every article, ranked, on a date', () => {
    const hits = lib.search('报废机动车 回收', { limit: 5 });
    expect(hits.length).toBe(5);
    expect(hits[0]!.law.title).toBe('报废机动车回收管理办法');
    const before = lib.search('对外贸易经营者 备案登记', { at: '2020-01-01', limit: 50 }).map((h) => `${h.version.file}#${h.article.key}`);
    expect(before).toContain('经济法/对外贸易法(2016-11-07).md#9');
    const after = lib.search('对外贸易经营者 备案登记', { at: '2024-01-01', limit: 50 }).map((h) => h.version.file);
    expect(after).not.toContain('经济法/对外贸易法(2016-11-07).md');
  });
});

describe('the index cache on the whole library', () => {
  it('a second open parses nothing; a copy keeps its files’ times and parses nothing; touching one file parses one', async () => {
    const again = await openLibrary([LIB], { cacheDir });
    expect(again.stats.cache).toEqual({ hit: FILES.length, parsed: 0 });
    // The corpus search scans holds each version's articles where the index says.
    const slot = path.join(cacheDir, readdirSync(cacheDir)[0]!);
    const idx = deserialize(readFileSync(path.join(slot, 'index.v8'))) as { gen: string; starts: Uint32Array; files: { file: string; units?: [number, number] }[] };
    const text = readFileSync(path.join(slot, `corpus-${idx.gen}.bin`)).toString('utf16le');
    expect(text.length).toBe(idx.starts[idx.starts.length - 1]);
    for (const e of idx.files.filter((x, i) => x.units && i % 50 === 0)) {
      const v = again.laws.flatMap((l) => [...l.versions]).find((x) => x.file === e.file);
      if (!v) continue;
      const units = v.articles.length ? v.articles : v.sections ?? [];
      units.forEach((a, k) => expect(text.slice(idx.starts[e.units![0] + k]!, idx.starts[e.units![0] + k + 1]! - 1)).toBe(articleText(a)));
    }
    expect(again.stats.defects).toEqual(lib.stats.defects);
    expect(again.laws.length).toBe(lib.laws.length);
    const copy = path.join(tempDir('pb-laws-copy-'), path.basename(LIB));
    cpSync(LIB, copy, { recursive: true, preserveTimestamps: true });
    const fromCopy = await openLibrary([copy], { cacheDir });
    expect(fromCopy.stats.cache).toEqual({ hit: FILES.length, parsed: 0 });
    const touched = path.join(copy, '经济法/对外贸易法(2022-12-30).md');
    const later = new Date(Date.now() + 60_000);
    utimesSync(touched, later, later);
    const afterTouch = await openLibrary([copy], { cacheDir });
    expect(afterTouch.stats.cache).toEqual({ hit: FILES.length - 1, parsed: 1 });
    expect(afterTouch.stats.defects).toEqual(lib.stats.defects);
    const v = afterTouch.versionAt(found(afterTouch, '对外贸易法'), '2023-01-01')!;
    expect(afterTouch.article(v, '9')!.clauses[0]!.text).toBe(afterLabel(rawLine(v.file, /^第九条 /).text));
  }, 900_000);
});
