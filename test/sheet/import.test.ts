/**
 * `powerbook import` run as a clerk runs it, on lists that look like the published ones (test/sheet/fixtures.ts):
 * the YAML written, what is reported per row, and the validation of the imported powers against the real law library
 * (../shared/laws-lib): a repealed regulation, an article deleted since, a quote of an older wording, a 款 that does
 * not exist — found at once, before anyone has filled in what the list lacks.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import jsYaml from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/repo.js';
import { LIBRARY, shareCache, warmLibrary } from '../citations/helpers.js';
import { writeFixtures, type Fixtures } from './fixtures.js';

let fx: Fixtures;
beforeAll(async () => {
  fx = await writeFixtures(tempDir('pb-sheet-'));
  await warmLibrary();
}, 900_000);

/** A rule repository of 某县商务局 with the law library, no powers yet. */
function repo(opts: { library?: boolean } = {}): string {
  const d = tempDir('pb-import-');
  writeFileSync(path.join(d, 'powerbook.yaml'), [
    'department: { name: 某县商务局 }',
    'compendium: { title: 某县商务局规范权力运行制度汇编, date: 2025-11-20 }',
    ...(opts.library === false ? [] : [`law_library: ${JSON.stringify(LIBRARY)}`]),
    '',
  ].join('\n'));
  shareCache(d);
  return d;
}

interface JsonDiag { file: string; line: number; column: number; rule: string; severity: string; message: string; messageEn: string; hint?: string }
interface Report {
  format: string; encoding?: string;
  sheets: { name: string; titles: string[]; data?: { first: number; last: number }; header: null | { row: number; rows: number; columns: { field: string; column: string; header: string }[]; ignored: { column: string; header: string }[] } }[];
  powers: { id: string; idFrom: string; name: string; rows: number[]; file: string; status: string; missing: { field: string; stage: string }[] }[];
  skipped: { rows: number[]; reason: string; name?: string }[];
  diagnostics: JsonDiag[];
  validation: null | { library: boolean; diagnostics: JsonDiag[] };
  exitCode: number;
}

async function importJson(file: string, dir: string, extra: string[] = []): Promise<{ code: number; report: Report; stderr: string }> {
  const r = await cli(['import', file, '--into', dir, '--format', 'json', ...extra]);
  expect(r.stderr).toBe('');
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

function power(dir: string, id: string): Record<string, any> {
  return jsYaml.load(readFileSync(path.join(dir, 'powers', `${id}.yaml`), 'utf8')) as Record<string, any>;
}

function rulesOf(ds: JsonDiag[], file: string): string[] {
  return ds.filter((d) => d.file === file).map((d) => d.rule);
}

describe('the county\'s published list (.xlsx: title rows, merged cells, two laws in a cell, arrows)', () => {
  let dir: string;
  let report: Report;
  let code: number;
  beforeAll(async () => {
    dir = repo();
    ({ code, report } = await importJson(fx.county, dir));
  }, 300_000);

  it('finds the header below the two title rows and every column by its wording', () => {
    expect(report.sheets).toHaveLength(1);
    const s = report.sheets[0]!;
    expect(s.name).toBe('行政权力清单');
    expect(s.titles).toEqual(['某县商务局行政权力清单', '填报单位：某县商务局　　　　更新时间：2025年6月30日']);
    expect(s.header!.row).toBe(3);
    expect(s.header!.columns.map((c) => `${c.column}:${c.field}`)).toEqual([
      'A:seq', 'B:id', 'C:category', 'D:name', 'E:subitems', 'F:legal_bases', 'G:body', 'H:unit', 'I:procedure',
      'J:time_limit', 'K:fees', 'L:responsibilities', 'M:accountability', 'N:remark']);
    expect(s.header!.ignored).toEqual([]);
  });

  it('writes one file per power: ids from 事项编码 (zeros kept), else per category; the note under the table is no power', () => {
    expect(report.powers.map((p) => [p.id, p.idFrom, p.rows.join('-'), p.status])).toEqual([
      ['XK-001', 'generated', '4-4', 'written'],
      ['XK-002', 'code', '5-6', 'written'],
      ['000117001000', 'code', '7-7', 'written'],
      ['CF-001', 'generated', '8-8', 'written'],
      ['QT-001', 'generated', '9-9', 'written'],
      ['JC-001', 'generated', '10-10', 'written'],
    ]);
    expect(readdirSync(path.join(dir, 'powers')).sort()).toEqual(['000117001000.yaml', 'CF-001.yaml', 'JC-001.yaml', 'QT-001.yaml', 'XK-001.yaml', 'XK-002.yaml']);
    expect(report.skipped).toEqual([]);
    expect(code).toBe(0);
  });

  it('a merged category applies to every row it spans', () => {
    expect(['XK-001', 'XK-002'].map((id) => power(dir, id).category)).toEqual(['行政许可', '行政许可']);
    expect(['000117001000', 'CF-001'].map((id) => power(dir, id).category)).toEqual(['行政处罚', '行政处罚']);
  });

  it('reads two laws from one cell, each article one legal basis with its pasted text as quote', () => {
    const p = power(dir, 'XK-001');
    expect(p.legal_bases).toEqual([
      { law: '中华人民共和国拍卖法', article: '第十一条', quote: '企业取得从事拍卖业务的许可必须经所在地的省、自治区、直辖市人民政府负责管理拍卖业的部门审核批准。拍卖企业可以在设区的市设立。' },
      { law: '中华人民共和国行政许可法', article: '第十二条', item: '第（一）项', quote: '（一）直接涉及国家安全、公共安全、经济宏观调控、生态环境保护以及直接关系人身健康、生命财产安全等特定活动，需要按照法定条件予以批准的事项；' },
    ]);
  });

  it('an arrow chain becomes linked steps; numbered lines give names and descriptions; no actor is invented', () => {
    expect(power(dir, 'XK-001').procedure.steps).toEqual([
      { id: '受理', name: '受理', next: ['审查'] }, { id: '审查', name: '审查', next: ['决定'] },
      { id: '决定', name: '决定', next: ['送达'] }, { id: '送达', name: '送达' }]);
    expect(power(dir, '000117001000').procedure.steps.map((s: { name: string }) => s.name)).toEqual(['立案', '调查取证', '审查', '告知', '决定', '送达', '执行']);
    expect(power(dir, 'XK-002').procedure.steps[0]).toEqual({ id: '受理', name: '受理', description: '窗口接收备案登记表及相关材料', next: ['审核'] });
  });

  it('a power of two rows (name merged over its 子项) is one power with both 子项', () => {
    const p = power(dir, 'XK-002');
    expect(p.subitems).toEqual(['对外贸易经营者备案登记（首次）', '对外贸易经营者备案登记变更']);
    expect(p.legal_bases).toHaveLength(1);
  });

  it('time limits, fees and lists as the cells say them; an Excel date in 备注 as YYYY-MM-DD', () => {
    const a = power(dir, 'XK-001');
    expect(a.time_limit).toEqual({ statutory: { days: 20, unit: '工作日' }, promised: { days: 10, unit: '工作日' } });
    expect(a.fees).toEqual({ charged: false });
    expect(a.responsibilities).toHaveLength(5);
    expect(a.responsibilities[0]).toBe('受理阶段责任：公示依法应当提交的材料；一次性告知补正材料；依法受理或不予受理（不予受理应当告知理由）。');
    expect(a.accountability).toEqual(['因不履行或不正确履行行政职责，有下列情形的，行政机关及相关工作人员应承担相应责任：',
      '对符合法定条件的申请不予受理、不予许可的', '对不符合法定条件的申请准予许可的', '在许可过程中索取或者收受他人财物或者谋取其他利益的', '其他违反法律法规规章文件规定的行为。']);
    expect(power(dir, '000117001000').time_limit).toEqual({ statutory: { days: 90, unit: '自然日' } });
    expect(power(dir, 'QT-001').time_limit).toEqual({ statutory: '未规定' });
    expect(power(dir, 'XK-002').remark).toBe('2022-12-30');
  });

  it('never invents: 无 in the fee column is no fee fact, a plan is no time limit; each reported with the stage requiring it', () => {
    const b = power(dir, 'XK-002');
    expect(b.fees).toBeUndefined();
    const j = power(dir, 'JC-001');
    expect(j.procedure).toBeUndefined();
    expect(j.time_limit).toEqual({ note: '按年度检查计划执行' });
    const missing = (id: string) => report.powers.find((p) => p.id === id)!.missing.map((m) => `${m.field}@${m.stage}`);
    expect(missing('XK-002')).toEqual(['actor@draft', 'fees@review']);
    expect(missing('JC-001')).toEqual(['procedure@draft', 'statutory@review']);
    const d = report.diagnostics.find((x) => x.rule === 'sheet-missing' && x.line === 5)!;
    expect(d.message).toContain('是否收费（fees）（表中写的是“无”）（合法性审查（review）阶段起必填）');
    const cells = report.diagnostics.filter((x) => x.rule === 'sheet-cell').map((x) => `${x.line}:${x.column}`);
    expect(cells).toEqual(['10:9', '10:10']);
  });

  it('validates the imported powers at once against the law library: repealed, deleted, changed, no such 款', () => {
    const v = report.validation!;
    expect(v.library).toBe(true);
    const cited = (f: string) => rulesOf(v.diagnostics, f).filter((r) => r.startsWith('citation-'));
    expect(cited('powers/XK-001.yaml')).toEqual([]);
    expect(cited('powers/QT-001.yaml')).toEqual([]);
    const repealed = v.diagnostics.find((d) => d.file === 'powers/CF-001.yaml' && d.rule === 'citation-repealed')!;
    expect(repealed.message).toContain('报废机动车回收管理办法');
    expect(repealed.message).toContain('2019-06-01');
    const deleted = v.diagnostics.find((d) => d.file === 'powers/XK-002.yaml' && d.rule === 'citation-drift')!;
    expect(deleted.message).toContain('已删去');
    const changed = v.diagnostics.find((d) => d.file === 'powers/000117001000.yaml' && d.rule === 'citation-drift')!;
    expect(changed.message).toContain('[-三倍-]{+五倍+}');
    // JC-001 lacks its procedure (schema error) and is checked against the library all the same.
    expect(rulesOf(v.diagnostics, 'powers/JC-001.yaml')).toEqual(expect.arrayContaining(['schema', 'citation-provision-unknown']));
    expect(v.diagnostics.filter((d) => d.file === 'powers/JC-001.yaml' && d.rule === 'citation-provision-unknown')).toHaveLength(1);
  });

  it('the same findings as `powerbook validate` gives on the repository', async () => {
    const r = await cli(['validate', dir, '--format', 'json']);
    const diags = JSON.parse(r.stdout) as JsonDiag[];
    const key = (d: JsonDiag) => `${path.relative(dir, path.resolve(dir, d.file))}:${d.line}:${d.rule}`;
    const fromValidate = new Set(diags.map(key));
    for (const d of report.validation!.diagnostics.filter((x) => x.file !== 'powers/JC-001.yaml')) expect(fromValidate.has(key(d)), key(d)).toBe(true);
  });

  it('is idempotent: imported again, nothing is written and every power is unchanged', async () => {
    const before = new Map(readdirSync(path.join(dir, 'powers')).map((f) => [f, statSync(path.join(dir, 'powers', f)).mtimeMs]));
    const again = await importJson(fx.county, dir);
    expect(again.report.powers.map((p) => p.status)).toEqual(Array(6).fill('unchanged'));
    expect(again.code).toBe(0);
    for (const [f, m] of before) expect(statSync(path.join(dir, 'powers', f)).mtimeMs).toBe(m);
  });

  it('never overwrites a file changed by hand without --force (exit 1, the row said); --force does', async () => {
    const file = path.join(dir, 'powers', 'XK-001.yaml');
    const edited = readFileSync(file, 'utf8').replace('name: 拍卖企业设立许可', 'name: 拍卖企业设立许可\npost: 流通岗');
    writeFileSync(file, edited);
    const kept = await importJson(fx.county, dir);
    expect(kept.code).toBe(1);
    expect(kept.report.powers.find((p) => p.id === 'XK-001')!.status).toBe('kept');
    expect(kept.report.diagnostics.find((d) => d.rule === 'sheet-exists')).toMatchObject({ line: 4, severity: 'warning' });
    expect(readFileSync(file, 'utf8')).toBe(edited);
    const forced = await importJson(fx.county, dir, ['--force']);
    expect(forced.code).toBe(0);
    expect(forced.report.powers.find((p) => p.id === 'XK-001')!.status).toBe('overwritten');
    expect(readFileSync(file, 'utf8')).not.toContain('post:');
    expect(readdirSync(path.join(dir, 'powers')).filter((f) => f.endsWith('.tmp') || f.startsWith('.'))).toEqual([]);
  });

  it('prints the detected mapping, the problems at their rows, a line per row and the validation, in Chinese', async () => {
    const d = repo({ library: false });
    const r = await cli(['import', fx.county, '--into', d], { cwd: path.dirname(fx.county) });
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain('读取 某县商务局行政权力清单.xlsx，工作表“行政权力清单”');
    expect(out).toContain('表头：第 3 行；数据：第 4–11 行');
    expect(out).toMatch(/F {2}法定依据 +→ legal_bases 实施依据/);
    expect(out).toContain('某县商务局行政权力清单.xlsx\n  4:4  提示  XK-001“拍卖企业设立许可”没有：');
    expect(out).toContain('\n  5:4  提示  XK-002“对外贸易经营者备案登记”没有：');
    expect(out).toMatch(/第 5–6 行 +XK-002 +对外贸易经营者备案登记 {2}已写入 powers\/XK-002\.yaml/);
    expect(out).toContain('读出 6 项：写入 6 项，覆盖 0 项，未改变 0 项，未覆盖 0 项；跳过 0 处。');
    expect(out).toContain('检查导入的职权（没有设置法规库：只检查格式和 laws/ 中的登记）');
    expect(out).toMatch(/按规则统计：\n {2}procedure-no-actor +\d+ 处，5 个文件：办理环节没有写承办人（岗位）/);
    // Run in the repository: its files named as validate names them.
    const inRepo = await cli(['import', fx.county], { cwd: d });
    expect(inRepo.stdout).toContain('\npowers/XK-002.yaml\n');
    const en = await cli(['import', fx.county, '--into', d, '--lang', 'en']);
    expect(en.stdout).toContain('header: row 3; data: rows 4–11');
    expect(en.stdout).toContain('6 power(s) read: 0 written, 0 overwritten, 6 unchanged, 0 kept; 0 skipped.');
  });
});

describe('the same list as a GBK CSV from Excel on Chinese Windows', () => {
  it('is decoded, its quoted multi-line cells read, a category given once applies to the rows below it', async () => {
    const dir = repo({ library: false });
    const { code, report } = await importJson(fx.csv, dir);
    expect(report.format).toBe('csv');
    expect(report.encoding).toBe('gb18030');
    expect(report.powers.map((p) => p.id)).toEqual(['XK-001', 'XK-002', '000117001000']);
    expect(power(dir, 'XK-002').category).toBe('行政许可');
    expect(power(dir, 'XK-002').subitems).toEqual(['对外贸易经营者备案登记（首次）', '对外贸易经营者备案登记变更']);
    expect(power(dir, 'XK-001').legal_bases.map((b: { law: string }) => b.law)).toEqual(['中华人民共和国拍卖法', '中华人民共和国行政许可法']);
    expect(power(dir, 'XK-001').accountability).toHaveLength(5);
    expect(power(dir, '000117001000').id).toBe('000117001000');
    expect(code).toBe(0);
  });
});

describe('a workbook of one sheet per category, the category in a heading row', () => {
  it('imports every sheet with a header, the heading\'s category for the rows below it; a sheet without a header is said', async () => {
    const dir = repo({ library: false });
    const { code, report } = await importJson(fx.sheets, dir);
    expect(report.sheets.map((s) => [s.name, s.header?.row ?? null])).toEqual([['行政许可', 2], ['行政处罚', 1], ['填表说明', null]]);
    expect(report.powers.map((p) => [p.id, p.rows.join('-')])).toEqual([['XK-001', '4-4'], ['CF-001', '3-3']]);
    expect(power(dir, 'CF-001').category).toBe('行政处罚');
    expect(report.diagnostics.find((d) => d.rule === 'sheet-no-header')).toMatchObject({ severity: 'info', file: expect.stringContaining('#填表说明') });
    expect(code).toBe(0);
  });

  it('--sheet imports that sheet only', async () => {
    const dir = repo({ library: false });
    const { report } = await importJson(fx.sheets, dir, ['--sheet', '行政处罚']);
    expect(report.powers.map((p) => p.id)).toEqual(['CF-001']);
  });
});

describe('text files Excel writes: "Unicode text" (UTF-16, tabs) and "CSV UTF-8" (with BOM)', () => {
  it('reads both to the same power', async () => {
    for (const f of [fx.utf16, fx.utf8bom]) {
      const dir = repo({ library: false });
      const { report } = await importJson(f, dir);
      expect(report.encoding).toBe(f === fx.utf16 ? 'utf-16' : 'utf-8');
      expect(power(dir, 'XK-001')).toMatchObject({ name: '拍卖企业设立许可', category: '行政许可', time_limit: { statutory: { days: 20, unit: '工作日' } } });
    }
  });
});

describe('a portal\'s variant: other wordings, a header of two rows, titles without 《》', () => {
  it('reads 职权名称, 权力类型 (许可, 其他), 设定依据, 责任主体, and 办理时限 split into 法定 and 承诺', async () => {
    const dir = repo({ library: false });
    const { report } = await importJson(fx.portal, dir);
    const h = report.sheets[0]!.header!;
    expect([h.row, h.rows]).toEqual([3, 2]);
    expect(h.columns.map((c) => c.field)).toEqual(['seq', 'category', 'name', 'legal_bases', 'body', 'unit', 'time_limit.statutory', 'time_limit.promised', 'remark']);
    expect(report.powers.map((p) => p.id)).toEqual(['XK-001', 'QT-001']);
    const a = power(dir, 'XK-001');
    expect(a.time_limit).toEqual({ statutory: { days: 20, unit: '工作日' }, promised: { days: 10, unit: '工作日' } });
    const b = power(dir, 'QT-001');
    expect(b.category).toBe('其他行政权力');
    expect(b.legal_bases).toEqual([{ law: '商业特许经营管理条例', article: '第八条' }]);
    expect(b.time_limit).toEqual({ statutory: '未规定' });
    expect(b.remark).toBe('承接市级下放事项');
  });
});

describe('--map when the wording is not recognised', () => {
  it('no header found: a Chinese diagnostic naming the wordings looked for and --map, exit 1, nothing written', async () => {
    const dir = repo({ library: false });
    const { code, report } = await importJson(fx.odd, dir);
    expect(code).toBe(1);
    const d = report.diagnostics.find((x) => x.rule === 'sheet-no-header')!;
    expect(d.message).toContain('事项名称/职权名称/权力名称');
    expect(d.message).toContain('法定依据/实施依据/设定依据');
    expect(d.hint).toContain('--map');
    expect(existsSync(path.join(dir, 'powers'))).toBe(false);
  });

  it('with the map (in GBK): the header row, the columns by letter or header text, a value for every row', async () => {
    const dir = repo({ library: false });
    const map = path.join(dir, 'map.yaml');
    // Saved by Notepad on Chinese Windows: GBK, CRLF.
    writeFileSync(map, iconv.encode('header_row: 2\r\ncolumns:\r\n  name: B\r\n  legal_bases: 根据\r\n  unit: D\r\n  seq: A\r\nvalues:\r\n  category: 行政许可\r\n  body: 某县商务局\r\n', 'gbk'));
    const { code, report } = await importJson(fx.odd, dir, ['--map', map]);
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(code).toBe(0);
    expect(power(dir, 'XK-001')).toMatchObject({ name: '拍卖企业设立许可', category: '行政许可', body: '某县商务局', unit: '流通股', legal_bases: [{ law: '中华人民共和国拍卖法', article: '第十一条' }] });
  });

  it('a wrong map is reported at its line', async () => {
    const dir = repo({ library: false });
    const map = path.join(dir, 'map.yaml');
    writeFileSync(map, 'header_row: 2\ncolumns:\n  name: B\n  basis: C\nvalues:\n  category: 公共服务\n');
    const { code, report } = await importJson(fx.odd, dir, ['--map', map]);
    expect(code).toBe(1);
    expect(report.diagnostics.map((d) => `${d.file.replace(/^.*\//, '')}:${d.line}:${d.rule}`)).toEqual(['map.yaml:4:sheet-map', 'map.yaml:6:sheet-map']);
    expect(report.diagnostics[0]!.message).toContain('不认识的字段“basis”');
  });
});

describe('hostile input: a Chinese diagnostic, never a stack trace', () => {
  const cases: [keyof Fixtures, string, string][] = [
    ['xls', 'sheet-unreadable', '另存为'],
    ['corrupt', 'sheet-unreadable', '无法作为 Excel 工作簿'],
    ['bomb', 'sheet-unreadable', '解压后有 1024.0 MB'],
    ['html', 'sheet-unreadable', '网页'],
    ['binaryCsv', 'sheet-unreadable', '不是文本'],
    ['empty', 'sheet-unreadable', '文件是空的'],
    ['emptySheet', 'sheet-unreadable', '是空的'],
    ['noHeader', 'sheet-no-header', '没有表头'],
  ];
  for (const [name, rule, words] of cases) {
    it(`${name}: ${rule}`, async () => {
      const dir = repo({ library: false });
      const r = await cli(['import', fx[name], '--into', dir]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain(rule);
      expect((name === 'xls' ? `${r.stdout}` : r.stdout)).toContain(words);
      expect(r.stdout).not.toMatch(/\n\s+at .*\.(js|ts):\d+/);
    });
  }

  it('a .xls says to save it as .xlsx', async () => {
    const r = await cli(['import', fx.xls, '--into', repo({ library: false })]);
    expect(r.stdout).toContain('“另存为”时选“Excel 工作簿（*.xlsx）”');
  });

  it('a cell longer than Excel allows: that row is not imported (exit 1), the next one is', async () => {
    const dir = repo({ library: false });
    const { code, report } = await importJson(fx.huge, dir);
    expect(code).toBe(1);
    expect(report.diagnostics.find((d) => d.rule === 'sheet-row')).toMatchObject({ line: 2, column: 3 });
    expect(report.skipped).toEqual([{ sheet: 'Sheet1', rows: [2, 2], reason: 'unreadable', name: '拍卖企业设立许可' }]);
    expect(report.powers.map((p) => p.id)).toEqual(['QT-001']);
  });

  it('formulas without results, error values, a code Excel cut to 15 digits, codes that are no file name, a duplicate', async () => {
    const dir = repo({ library: false });
    const { code, report } = await importJson(fx.formulas, dir);
    expect(code).toBe(1);
    const at = (rule: string) => report.diagnostics.filter((d) => d.rule === rule).map((d) => `${d.line}:${d.column}`);
    expect(at('sheet-cell')).toEqual(['2:1', '2:4', '2:5', '4:1']);
    expect(at('sheet-row')).toEqual(['5:3', '6:1']);
    // The 18-digit code is not written as an id; CF－００１ in full-width forms is CF-001; 局-001 is no file name.
    expect(report.powers.map((p) => [p.id, p.idFrom])).toEqual([['XK-001', 'generated'], ['CF-001', 'code'], ['JC-001', 'generated']]);
    expect(report.skipped.map((s) => s.reason)).toEqual(['no-id', 'duplicate-id']);
    expect(power(dir, 'XK-001').unit).toBeUndefined();
    expect(power(dir, 'XK-001').remark).toBeUndefined();
  });

  it('usage errors: a missing file, a sheet the workbook lacks (its sheets named): exit 2', async () => {
    const dir = repo({ library: false });
    const missing = await cli(['import', path.join(dir, 'nope.xlsx'), '--into', dir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('文件不存在');
    const sheet = await cli(['import', fx.county, '--into', dir, '--sheet', '行政处罚']);
    expect(sheet.code).toBe(2);
    expect(sheet.stderr).toContain('工作簿中没有工作表“行政处罚”；有：“行政权力清单”');
  });

  it('the installed command (bin/powerbook.js, built lib/) on a damaged file: the diagnostic, exit 1, no trace', () => {
    const dir = repo({ library: false });
    const r = spawnSync(process.execPath, [path.resolve('bin/powerbook.js'), 'import', fx.corrupt, '--into', dir], { encoding: 'utf8', env: { ...process.env, LANG: 'zh_CN.UTF-8' } });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('sheet-unreadable');
    expect(r.stderr).toBe('');
  });
});

describe('into a folder that is not a rule repository', () => {
  it('writes powers/ and says they were not checked', async () => {
    const dir = tempDir('pb-plain-');
    mkdirSync(path.join(dir, 'sub'));
    const r = await cli(['import', fx.portal, '--into', path.join(dir, 'sub')]);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, 'sub', 'powers', 'XK-001.yaml'))).toBe(true);
    expect(r.stdout).toContain('没有 powerbook.yaml，不是制度库：已写入 powers/，没有检查');
  });
});
