/**
 * `powerbook export xlsx|csv`: the example's 权力清单 and 责任清单 as a portal publishes them, read back with exceljs and
 * opened by a real consumer (LibreOffice Calc: the workbook converted to CSV sheet by sheet and printed to PDF; the CSV
 * converted to a workbook). Every expected value is read from the repository's YAML here, not from powerbook's code.
 *
 * The copy of the example differs in three ways, to cover what the example lacks: XK-001 has a 备注 (remark), QT-002 is
 * 取消 (left out of both lists, listed in 取消、暂停事项), JC-003 states no fees (printed 未填写, never 不收费).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { POWER_CATEGORIES } from '../../src/domain/types.js';
import { cli } from '../helpers/cli.js';
import { convertWithLibreOffice } from '../helpers/libreoffice.js';
import { copyExample, edit, tempDir } from '../helpers/repo.js';
import { requireCalc, requireTool } from '../helpers/tools.js';

const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };
const CSV_UTF8 = 'Text - txt - csv (StarCalc):44,34,76,1';
const POWER_HEADERS = ['序号', '事项编码', '权力类别', '事项名称', '子项', '法定依据', '实施主体', '承办机构', '办理流程', '办理时限', '收费依据及标准', '备注'];
const DUTY_HEADERS = ['序号', '事项编码', '权力类别', '事项名称', '实施主体', '承办机构', '责任事项', '追责情形', '备注'];

interface Basis { law: string; article?: string | number; clause?: string | number; item?: string | number }
interface PowerYaml {
  id: string; name: string; category: string; subitems?: string[]; body: string; unit: string; legal_bases: Basis[];
  procedure: { steps: { name: string }[] }; fees?: { charged: boolean }; responsibilities?: string[]; accountability?: string[];
  status?: string; status_date?: string; status_reason?: string; remark?: string;
}

let work: string, repo: string, xlsx: string, dept: string;
let powers: PowerYaml[], inForce: PowerYaml[];
const lawTitles = new Map<string, string>();

/** The workbook's sheets as grids of strings (exceljs). */
async function readXlsx(file: string): Promise<Map<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, string[][]>();
  wb.eachSheet((ws) => out.set(ws.name, grid(ws)));
  return out;
}

/** A cell value as text: rich text (LibreOffice writes a cell with line breaks so) as its runs' text. */
function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return String(v);
}

function grid(ws: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = ws.getRow(r).getCell(c);
      // A merged cell's value is its master's: the others of the range are empty, as a CSV shows them.
      const v = cell.isMerged && cell.master.address !== cell.address ? null : cell.value;
      row.push(text(v));
    }
    rows.push(row);
  }
  while (rows.length && rows[rows.length - 1]!.every((c) => c === '')) rows.pop();
  return rows;
}

/** A CSV file as a grid of strings, read as written (exceljs's CSV reader, no conversion of numbers or dates). */
async function readCsv(text: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  const ws = await wb.csv.read(Readable.from([text]), { map: (v: unknown) => v } as never);
  const rows = grid(ws);
  const width = Math.max(...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...Array.from({ length: width - r.length }, () => '')]);
}

/** 《title》第X条…, the title as laws/ registers it or as typed (a library title may add 中华人民共和国). */
function basisPattern(b: Basis): RegExp {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const typed = b.law.replace(/^《|》$/g, '');
  const title = lawTitles.has(b.law) ? esc(lawTitles.get(b.law)!) : `(中华人民共和国)?${esc(typed.replace(/^中华人民共和国/, ''))}`;
  return new RegExp(`^《${title}》${esc([b.article, b.clause, b.item].filter((x) => x !== undefined).join(''))}$`);
}

const byCatalogueOrder = (a: PowerYaml, b: PowerYaml) =>
  POWER_CATEGORIES.indexOf(a.category as never) - POWER_CATEGORIES.indexOf(b.category as never) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

beforeAll(async () => {
  work = tempDir('pb-export-');
  repo = path.join(work, 'repo');
  copyExample('examples/zhuzhou-commerce', repo);
  edit(repo, 'powers/XK-001.yaml', (s) => `${s}remark: 审批权限按省政府规定下放至设区的市商务主管部门\n`);
  edit(repo, 'powers/QT-002.yaml', (s) => s.replace(/^status: .*$/m, '').replace(/\n*$/, '\nstatus: 取消\nstatus_date: 2025-06-30\nstatus_reason: 根据《国务院关于取消一批行政许可等事项的决定》取消\n'));
  edit(repo, 'powers/JC-003.yaml', (s) => s.replace(/^fees: .*\n/m, ''));
  dept = (YAML.parse(readFileSync(path.join(repo, 'powerbook.yaml'), 'utf8')) as { department: { name: string } }).department.name;
  for (const f of readdirSync(path.join(repo, 'laws'))) {
    const l = YAML.parse(readFileSync(path.join(repo, 'laws', f), 'utf8')) as { id: string; title: string };
    lawTitles.set(l.id, l.title.replace(/^《|》$/g, ''));
  }
  powers = readdirSync(path.join(repo, 'powers')).filter((f) => f.endsWith('.yaml')).map((f) => YAML.parse(readFileSync(path.join(repo, 'powers', f), 'utf8')) as PowerYaml);
  inForce = powers.filter((p) => p.status === undefined || p.status === '有效').sort(byCatalogueOrder);
  xlsx = path.join(work, 'out', 'lists.xlsx');
  const r = await cli(['export', 'xlsx', repo, '--out', xlsx], { env: EPOCH });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toContain('已导出');
}, 120_000);

describe('export xlsx: the workbook read back with exceljs', () => {
  it('has the 权力清单, the 责任清单 and the 取消、暂停事项, each with its title row and header row', async () => {
    const sheets = await readXlsx(xlsx);
    expect([...sheets.keys()]).toEqual(['权力清单', '责任清单', '取消、暂停事项']);
    const p = sheets.get('权力清单')!, d = sheets.get('责任清单')!;
    expect(p[0]![0]).toBe(`${dept}行政权力清单`);
    expect(p[1]).toEqual(POWER_HEADERS);
    expect(d[0]![0]).toBe(`${dept}责任清单`);
    expect(d[1]).toEqual(DUTY_HEADERS);
  });

  it('lists every power in force once, in the catalogue\'s order: id, name, category, subitems, bases as lines, body, unit, steps', async () => {
    const rows = (await readXlsx(xlsx)).get('权力清单')!.slice(2);
    expect(rows.map((r) => r[1])).toEqual(inForce.map((p) => p.id));
    rows.forEach((r, i) => {
      const p = inForce[i]!;
      expect(r[0]).toBe(String(i + 1));
      expect([r[2], r[3], r[6], r[7]]).toEqual([p.category, p.name, p.body, p.unit]);
      expect(r[4]).toBe((p.subitems ?? []).join('\n'));
      const lines = r[5]!.split('\n');
      expect(lines).toHaveLength(p.legal_bases.length);
      lines.forEach((l, k) => expect(l, `${p.id} basis ${k + 1}`).toMatch(basisPattern(p.legal_bases[k]!)));
      expect(r[8]).toBe(p.procedure.steps.map((s, k) => `${k + 1}. ${s.name}`).join('\n'));
      expect(r[9]).toMatch(/^法定：/);
    });
  });

  it('prints only facts that were entered: 不收费 where fees say so, 未填写 where none were written, the remark where there is one', async () => {
    const rows = (await readXlsx(xlsx)).get('权力清单')!.slice(2);
    const row = (id: string) => rows.find((r) => r[1] === id)!;
    expect(row('JC-003')[10]).toBe('未填写');
    for (const p of inForce.filter((x) => x.fees?.charged === false)) expect(row(p.id)[10]!.split('\n')[0]).toBe('不收费');
    expect(row('XK-001')[11]).toBe('审批权限按省政府规定下放至设区的市商务主管部门');
    for (const p of inForce.filter((x) => !x.remark)) expect(row(p.id)[11]).toBe('');
  });

  it('责任清单: each power\'s duties and accountability as numbered lines', async () => {
    const rows = (await readXlsx(xlsx)).get('责任清单')!.slice(2);
    expect(rows.map((r) => r[1])).toEqual(inForce.map((p) => p.id));
    rows.forEach((r, i) => {
      const p = inForce[i]!;
      expect(r[6]).toBe((p.responsibilities ?? []).map((x, k) => `${k + 1}. ${x}`).join('\n'));
      expect(r[7]).toBe((p.accountability ?? []).map((x, k) => `${k + 1}. ${x}`).join('\n'));
    });
  });

  it('a power 取消 is in neither list but in 取消、暂停事项, with its date and reason', async () => {
    const sheets = await readXlsx(xlsx);
    for (const s of ['权力清单', '责任清单']) expect(sheets.get(s)!.map((r) => r[1])).not.toContain('QT-002');
    const off = sheets.get('取消、暂停事项')!;
    expect(off[1]).toEqual(['序号', '事项编码', '权力类别', '事项名称', '状态', '日期', '理由及依据']);
    expect(off.slice(2)).toEqual([['1', 'QT-002', '其他行政权力', powers.find((p) => p.id === 'QT-002')!.name, '取消', '2025-06-30', '根据《国务院关于取消一批行政许可等事项的决定》取消']]);
  });

  it('is laid out for print: title merged, header frozen, styles, widths, heights, A3 landscape fitted to width, header row repeated', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.getWorksheet('权力清单')!;
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(ws.getCell('L1').master.address).toBe('A1');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 8, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.printTitlesRow).toMatch(/^\$?2:\$?2$/);
    expect(ws.getCell('A2').font).toMatchObject({ name: '黑体' });
    expect(ws.getCell('A2').fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(ws.autoFilter).toMatch(/^A2:L2$/);
    expect(ws.headerFooter.oddFooter).toContain('&P');
    const cell = ws.getCell('F3');
    expect(cell.font).toMatchObject({ name: '宋体', size: 11 });
    expect(cell.alignment).toMatchObject({ wrapText: true });
    expect(cell.border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } });
    expect(ws.columns.map((c) => c.width)).toSatisfy((ws2: (number | undefined)[]) => ws2.every((w) => (w ?? 0) > 5));
    // A row is as tall as its cell with the most lines (the 办理流程: one line per step).
    const steps = inForce[0]!.procedure.steps.length;
    expect(ws.getRow(3).height).toBeGreaterThanOrEqual(steps * 14);
    expect(wb.getWorksheet('取消、暂停事项')!.pageSetup.paperSize).toBe(9);
  });

  it('takes its dates from SOURCE_DATE_EPOCH, and the same repository gives the same bytes (in any time zone)', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.created.toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(wb.modified.toISOString()).toBe('2023-11-14T22:13:20.000Z');
    const again = path.join(work, 'again.xlsx');
    expect((await cli(['export', 'xlsx', '-C', repo, '--out', again], { env: EPOCH })).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(xlsx))).toBe(true);
    // The built CLI in a process of its own, in another time zone.
    const zoned = path.join(work, 'zoned.xlsx');
    execFileSync(process.execPath, ['bin/powerbook.js', 'export', 'xlsx', repo, '--out', zoned], { env: { ...process.env, ...EPOCH, TZ: 'Asia/Shanghai' }, stdio: 'pipe' });
    expect(readFileSync(zoned).equals(readFileSync(xlsx))).toBe(true);
  }, 60_000);
});

describe('export xlsx: opened by LibreOffice Calc', () => {
  beforeAll(() => { requireCalc(); });

  it('reads every sheet as written: converted to CSV, each cell equals the workbook\'s', async () => {
    const out = path.join(work, 'lo-csv');
    const names = ['权力清单', '责任清单', '取消、暂停事项'];
    await convertWithLibreOffice(xlsx, out, `csv:${CSV_UTF8},,0,false,true,false,false,false,-1`, { outputs: names.map((n) => `lists-${n}.csv`), timeoutMs: 180_000 });
    const sheets = await readXlsx(xlsx);
    for (const n of names) {
      const lo = await readCsv(readFileSync(path.join(out, `lists-${n}.csv`), 'utf8'));
      const ours = sheets.get(n)!;
      expect(lo.map((r) => r.slice(0, ours[1]!.length)), n).toEqual(ours.map((r) => [...r, ...Array.from({ length: ours[1]!.length - r.length }, () => '')]));
    }
  }, 240_000);

  it('prints on A3 landscape, every column on each page, the header row repeated and the pages numbered', async () => {
    requireTool('pdftotext', 'pdfinfo');
    const pdf = await convertWithLibreOffice(xlsx, path.join(work, 'lo-pdf'), 'pdf', { timeoutMs: 180_000 });
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+1190\.\d+ x 841\.\d+ pts \(A3\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(1);
    const texts = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').filter((t) => t.trim());
    expect(texts).toHaveLength(pages);
    texts.forEach((t, i) => {
      // Each page has the header of its sheet (repeated) with its last column (fitted to the page's width).
      expect(t, `page ${i + 1}`).toMatch(/序号\s+事项编码\s+权力类别[^\n]*(备注|理由及依据)/);
      expect(t.replace(/\s+/g, '')).toMatch(/第\d+页，共\d+页/);
    });
    expect(texts[0]).toContain(`${dept}行政权力清单`);
    // The lists follow one another: each title once, on the first page of its sheet.
    expect(texts.filter((t) => t.includes(`${dept}责任清单`))).toHaveLength(1);
    expect(texts[pages - 1]).toContain(`${dept}取消、暂停的行政权力事项`);
    const all = texts.join('\n');
    for (const p of inForce) expect(all).toContain(p.id);
  }, 240_000);
});

describe('export csv', () => {
  let csv: string;
  beforeAll(async () => {
    csv = path.join(work, 'csv', 'powers.csv');
    const r = await cli(['export', 'csv', repo, '--out', csv], { env: EPOCH });
    expect(r.code, r.stderr).toBe(0);
  });

  it('is UTF-8 with a byte order mark (not GBK), records ending in CRLF, line breaks inside cells kept as LF', () => {
    const bytes = readFileSync(csv);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
    expect(text.startsWith(`${dept}行政权力清单,`)).toBe(true);
    expect(iconv.decode(bytes, 'gb18030').startsWith(dept)).toBe(false);
    // Outside quoted fields every line ends in CRLF; inside, a cell's lines are separated by LF.
    const outside = text.replace(/"(?:[^"]|"")*"/g, (q) => (q.includes('\r') ? 'CR-IN-CELL' : 'Q'));
    expect(outside).not.toContain('CR-IN-CELL');
    expect(outside.split('\r\n').slice(0, -1).every((l) => !l.includes('\n'))).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(outside.split('\r\n')).toHaveLength(inForce.length + 3);
  });

  it('holds the same cells as the workbook\'s 权力清单, read by exceljs and by LibreOffice Calc (UTF-8, BOM consumed)', async () => {
    requireCalc();
    const ours = (await readXlsx(xlsx)).get('权力清单')!;
    const width = POWER_HEADERS.length;
    const pad = (rows: string[][]) => rows.map((r) => [...r, ...Array.from({ length: width - r.length }, () => '')]);
    expect(await readCsv(readFileSync(csv, 'utf8').replace(/^\ufeff/, ''))).toEqual(pad(ours));
    const back = await convertWithLibreOffice(csv, path.join(work, 'lo-from-csv'), 'xlsx', { infilter: CSV_UTF8, timeoutMs: 180_000 });
    const lo = (await readXlsx(back)).values().next().value!;
    expect(lo[0]![0]).toBe(`${dept}行政权力清单`);
    expect(pad(lo)).toEqual(pad(ours));
  }, 240_000);

  it('--list duties and --list status write the other lists; a folder as --out gets the default name', async () => {
    const dir = path.join(work, 'csv-lists');
    mkdirSync(dir, { recursive: true });
    expect((await cli(['export', 'csv', repo, '--list', 'duties', '--out', dir], { env: EPOCH })).code).toBe(0);
    const duties = readFileSync(path.join(dir, `${dept}责任清单.csv`), 'utf8');
    expect((await readCsv(duties.slice(1)))[1]).toEqual(DUTY_HEADERS);
    expect((await cli(['export', 'csv', repo, '--list', 'status', '--out', path.join(dir, 's.csv')], { env: EPOCH })).code).toBe(0);
    expect((await readCsv(readFileSync(path.join(dir, 's.csv'), 'utf8').slice(1))).slice(2).map((r) => r[1])).toEqual(['QT-002']);
  });
});

describe('export: usage and failures', () => {
  it('stops on validation errors, writing nothing', async () => {
    const d = path.join(work, 'broken');
    copyExample('examples/zhuzhou-commerce', d);
    edit(d, 'powers/XK-001.yaml', (s) => s.replace(/^category: .*$/m, 'category: 行政审批'));
    const out = path.join(work, 'broken-out', 'x.xlsx');
    const r = await cli(['export', 'xlsx', d, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('未导出');
    expect(existsSync(out)).toBe(false);
  });

  it('with the schema check off, names the power file it left out (compendium-file-omitted) and exports the rest', async () => {
    const d = path.join(work, 'schema-off');
    copyExample('examples/zhuzhou-commerce', d);
    edit(d, 'powers/XK-001.yaml', (s) => s.replace(/^category: .*$/m, 'category: 行政审批'));
    edit(d, 'powerbook.yaml', (s) => `${s}lint:\n  schema: off\n`);
    const out = path.join(work, 'schema-off.xlsx');
    const r = await cli(['export', 'xlsx', d, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/powers\/XK-001\.yaml[\s\S]*职权文件不符合格式要求，没有列入导出的清单\s+compendium-file-omitted/);
    const ids = (await readXlsx(out)).get('权力清单')!.slice(2).map((r) => r[1]);
    expect(ids).not.toContain('XK-001');
    expect(ids).toHaveLength(readdirSync(path.join(d, 'powers')).filter((f) => f.endsWith('.yaml')).length - 1);
  });

  it('says at once when --out cannot be written, and leaves no temporary file behind a good export', async () => {
    const file = path.join(work, 'a-file');
    writeFileSync(file, 'x');
    const r = await cli(['export', 'xlsx', repo, '--out', path.join(file, 'x.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a-file 是一个文件/);
    expect(readdirSync(path.dirname(xlsx))).toEqual(['lists.xlsx']);
  });

  it('--list status of a repository with every power in force writes nothing and says so', async () => {
    const out = path.join(work, 'no-status.csv');
    const r = await cli(['export', 'csv', 'examples/zhuzhou-commerce', '--list', 'status', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('没有取消、暂停的事项');
    expect(existsSync(out)).toBe(false);
  });

  it('rejects an unknown format or list, --list with xlsx, and two repository directories, in Chinese and English', async () => {
    expect((await cli(['export', 'pdf', repo])).stderr).toContain('导出格式只能是 xlsx、csv');
    expect((await cli(['export', 'csv', repo, '--list', 'all'])).stderr).toContain('--list 只能是');
    expect((await cli(['export', 'xlsx', repo, '--list', 'duties'])).stderr).toContain('--list 只用于 csv');
    const two = await cli(['export', 'xlsx', repo, '-C', work, '--lang', 'en']);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('The repository is given twice');
  });
});

describe('export: hostile text', () => {
  it('a remark with control characters, a formula and more than a cell holds: cut with a note, no formula, a warning', async () => {
    const d = path.join(work, 'hostile');
    copyExample('examples/zhuzhou-commerce', d);
    const long = '很长的备注'.repeat(8000);
    edit(d, 'powers/XK-001.yaml', (s) => `${s}remark: "=HYPERLINK(\\"http://example.invalid\\")\\x01\\x07${long}"\n`);
    const out = path.join(work, 'hostile-out');
    const r = await cli(['export', 'xlsx', d, '--out', path.join(out, 'h.xlsx')], { env: EPOCH });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('超过 Excel 单元格 32767 字的上限');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'h.xlsx'));
    const cell = wb.getWorksheet('权力清单')!.getRow(3).getCell(12);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    const v = String(cell.value);
    expect(v).toHaveLength(32767);
    // As text (its quotation marks as the compendium prints them), the control characters dropped.
    expect(v.startsWith('=HYPERLINK(“http://example.invalid”)很长的备注')).toBe(true);
    expect(v.endsWith('（以下超出 Excel 单元格 32767 字的上限，未列出）')).toBe(true);
    const c = await cli(['export', 'csv', d, '--out', path.join(out, 'h.csv')], { env: EPOCH });
    expect(c.code, c.stderr).toBe(0);
    const rows = await readCsv(readFileSync(path.join(out, 'h.csv'), 'utf8').slice(1));
    expect(rows[2]![11]!.startsWith(`'=HYPERLINK(“http://example.invalid”)很长的备注`)).toBe(true);
  }, 60_000);
  it('names that start a formula after a space or a tab, or with @ + -: no formula in LibreOffice Calc even with "trim spaces" and "evaluate formulas"; import drops the apostrophe again', async () => {
    requireCalc();
    const d = path.join(work, 'formulas');
    copyExample('examples/zhuzhou-commerce', d);
    const names: Record<string, string> = {
      // Each a formula Calc would compute (a name with text after the formula would be no formula, and prove nothing).
      'XK-001': ' =1+1', 'CF-001': '\t=2+2', 'CF-002': '@SUM(1,2)', 'CF-003': '+3+3', 'CF-004': '-4+4', 'CF-005': '\u3000=5+5',
    };
    for (const [id, name] of Object.entries(names)) edit(d, `powers/${id}.yaml`, (t) => t.replace(/^name: .*$/m, `name: ${JSON.stringify(name)}`));
    const csvFile = path.join(work, 'formulas-out', 'f.csv');
    const r = await cli(['export', 'csv', d, '--out', csvFile], { env: EPOCH });
    expect(r.code, r.stderr).toBe(0);
    // Field 11 "trim spaces" and field 13 "evaluate formulas" on: the import most ready to take a text for a formula.
    const back = await convertWithLibreOffice(csvFile, path.join(work, 'formulas-lo'), 'xlsx', { infilter: 'Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,true,-1,true', timeoutMs: 180_000 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(back);
    const formulas: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => { if (c.type === ExcelJS.ValueType.Formula) formulas.push(`${c.address} ${String(c.formula)}`); })));
    expect(formulas).toEqual([]);
    const cells = (await readCsv(readFileSync(csvFile, 'utf8').slice(1))).flat();
    for (const name of Object.values(names)) expect(cells).toContain(`'${name}`);
    // The list comes back with the names as entered, without the apostrophe.
    const into = tempDir('pb-formulas-import-');
    const imp = await cli(['import', csvFile, '--into', into, '--format', 'json']);
    const imported = (JSON.parse(imp.stdout) as { powers: { id: string; name: string }[] }).powers;
    for (const [id, name] of Object.entries(names)) expect(imported.find((p) => p.id === id)?.name).toBe(name.trim());
  }, 240_000);
});
