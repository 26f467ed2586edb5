/**
 * `powerbook import` of lists an attacker or a clerk's Windows machine makes (beyond test/sheet/import.test.ts): control
 * characters and U+202E pasted into cells (of a workbook and of a CSV), codes that are device names on Windows, a
 * hidden worksheet, a header with no rows under it, a CSV quote never closed, a folder where a power file would go,
 * powers/ that is a file. Each case: a diagnostic at its row and column with its rule id, exit 1 (findings) or 2
 * (usage), no stack trace, nothing written half, nothing acting on the terminal.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { cli, type CliResult, type JsonDiag } from '../helpers/cli.js';
import { tempDir } from '../helpers/repo.js';

const HEADER = ['序号', '事项编码', '权力类别', '事项名称', '实施主体', '备注'];

/** A rule repository without a law library (the import's own findings are what is tested). */
function repo(): string {
  const d = tempDir('pb-hostile-import-');
  writeFileSync(path.join(d, 'powerbook.yaml'), 'department: { name: 某县商务局 }\ncompendium: { title: 某县商务局规范权力运行制度汇编, date: 2025-11-20 }\n');
  return d;
}

async function workbook(file: string, fill: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date('2025-06-30T00:00:00Z');
  fill(wb);
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

function sane(r: CliResult): void {
  const out = r.stdout + r.stderr;
  expect(out).not.toMatch(/\n\s+at .+:\d+:\d+|内部错误|Internal error/);
  // Nothing from the sheet acts on the terminal: no BEL, ESC, or bidirectional override reaches it.
  // eslint-disable-next-line no-control-regex
  expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]/);
}

interface Report { powers: { id: string; status: string; file: string }[]; diagnostics: JsonDiag[]; exitCode: number }

async function importJson(file: string, dir: string, extra: string[] = []): Promise<{ r: CliResult; report: Report }> {
  const r = await cli(['import', file, '--into', dir, '--format', 'json', ...extra]);
  sane(r);
  return { r, report: JSON.parse(r.stdout) as Report };
}

const at = (ds: JsonDiag[], rule: string) => ds.filter((d) => d.rule === rule).map((d) => `${d.line}:${d.column}`);

describe('control characters and bidirectional overrides pasted into cells', () => {
  it('in a workbook (raw and as Excel\'s _x0007_ escape) and in a CSV: removed, said at the cell, never sent to the terminal', async () => {
    const dir = repo();
    const tmp = tempDir('pb-hostile-in-');
    const xlsx = await workbook(path.join(tmp, '清单.xlsx'), (wb) => {
      const ws = wb.addWorksheet('清单');
      ws.addRow(HEADER);
      ws.addRow([1, 'XK-001', '行政许可', '拍卖企业\u202E设立许可', '某县商务局', '备注_x0007_响铃']);
      ws.addRow([2, 'XK-002', '行政许可', '对外贸易经营者备案登记', '某县_x001B_[31m商务局', null]);
    });
    const { r, report } = await importJson(xlsx, dir);
    expect(r.code).toBe(0);
    expect(at(report.diagnostics, 'sheet-cell')).toEqual(['2:4', '2:6', '3:5']);
    expect(report.diagnostics.find((d) => d.rule === 'sheet-cell')!.message).toContain('U+202E');
    const p1 = readFileSync(path.join(dir, 'powers', 'XK-001.yaml'), 'utf8');
    expect(p1).toContain('name: 拍卖企业设立许可');
    expect(p1).toContain('remark: 备注响铃');
    expect(jsYaml.load(readFileSync(path.join(dir, 'powers', 'XK-002.yaml'), 'utf8'))).toMatchObject({ body: '某县[31m商务局' });
    for (const f of readdirSync(path.join(dir, 'powers'))) {
      // eslint-disable-next-line no-control-regex
      expect(readFileSync(path.join(dir, 'powers', f), 'utf8')).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e]/);
    }
    // The text report (names in the row lines, the validation) carries none of them either.
    const text = await cli(['import', xlsx, '--into', repo()]);
    sane(text);

    const csv = path.join(tmp, '清单.csv');
    writeFileSync(csv, `${HEADER.join(',')}\r\n1,XK-001,行政许可,甲\x07\u202E乙,某县商务局,\r\n`);
    const c = await importJson(csv, repo());
    expect(c.r.code).toBe(0);
    expect(at(c.report.diagnostics, 'sheet-cell')).toEqual(['2:4']);
    // The file validates without control-char: the character is gone from the comment line too.
    expect(c.report.diagnostics.map((d) => d.rule)).not.toContain('control-char');
  });
});

describe('a sheet name that would act on the terminal', () => {
  it('U+202E in a worksheet\'s name: the file line of the report shows U+FFFD', async () => {
    const xlsx = await workbook(path.join(tempDir('pb-hostile-in-'), '清单.xlsx'), (wb) => {
      for (const name of ['正常', 'evil\u202Egnp.exe']) {
        const ws = wb.addWorksheet(name);
        ws.addRow(HEADER);
        ws.addRow([1, `XK-00${name.length}`, '行政许可', `甲${name.length}`, '某县商务局']);
      }
    });
    const r = await cli(['import', xlsx, '--into', repo()]);
    sane(r);
    expect(r.stdout).toContain('清单.xlsx#evil\ufffdgnp.exe\n');
  });
});

describe('codes that cannot be file names on Windows', () => {
  it('CON, nul.txt, COM1: not used as ids (sheet-cell at the code), an id made from the category instead', async () => {
    const dir = repo();
    const xlsx = await workbook(path.join(tempDir('pb-hostile-in-'), '清单.xlsx'), (wb) => {
      const ws = wb.addWorksheet('清单');
      ws.addRow(HEADER);
      ws.addRow([1, 'CON', '行政许可', '甲', '某县商务局']);
      ws.addRow([2, 'nul.txt', '行政处罚', '乙', '某县商务局']);
      ws.addRow([3, 'COM1', '行政检查', '丙', '某县商务局']);
      ws.addRow([4, 'CONSOLE-1', '行政确认', '丁', '某县商务局']);
    });
    const { report } = await importJson(xlsx, dir);
    expect(at(report.diagnostics, 'sheet-cell')).toEqual(['2:2', '3:2', '4:2']);
    expect(report.diagnostics.filter((d) => d.rule === 'sheet-cell').every((d) => d.message.includes('Windows 保留的设备名'))).toBe(true);
    expect(report.powers.map((p) => p.id)).toEqual(['XK-001', 'CF-001', 'JC-001', 'CONSOLE-1']);
    expect(readdirSync(path.join(dir, 'powers')).sort()).toEqual(['CF-001.yaml', 'CONSOLE-1.yaml', 'JC-001.yaml', 'XK-001.yaml']);
  });
});

describe('sheets and rows that are not the list', () => {
  it('a hidden worksheet is not imported (sheet-hidden, info) unless --sheet names it', async () => {
    const xlsx = await workbook(path.join(tempDir('pb-hostile-in-'), '清单.xlsx'), (wb) => {
      const a = wb.addWorksheet('权力清单');
      a.addRow(HEADER);
      a.addRow([1, 'XK-001', '行政许可', '甲', '某县商务局']);
      const h = wb.addWorksheet('旧版草稿');
      h.state = 'hidden';
      h.addRow(HEADER);
      h.addRow([1, 'XK-009', '行政许可', '已删去的事项', '某县商务局']);
    });
    const dir = repo();
    const { r, report } = await importJson(xlsx, dir);
    expect(r.code).toBe(0);
    expect(report.powers.map((p) => p.id)).toEqual(['XK-001']);
    expect(report.diagnostics.find((d) => d.rule === 'sheet-hidden')).toMatchObject({ severity: 'info', line: 1, column: 1 });
    expect(report.diagnostics.find((d) => d.rule === 'sheet-hidden')!.hint).toContain('--sheet 旧版草稿');
    const named = await importJson(xlsx, dir, ['--sheet', '旧版草稿']);
    expect(named.report.powers.map((p) => p.id)).toEqual(['XK-009']);
  });

  it('a header with no row under it: sheet-unreadable at the header, exit 1, nothing written', async () => {
    const csv = path.join(tempDir('pb-hostile-in-'), '只有表头.csv');
    writeFileSync(csv, `\ufeff${HEADER.join(',')}\r\n`);
    const dir = repo();
    const { r, report } = await importJson(csv, dir);
    expect(r.code).toBe(1);
    expect(at(report.diagnostics, 'sheet-unreadable')).toEqual(['1:1']);
    expect(existsSync(path.join(dir, 'powers'))).toBe(false);
  });

  it('a CSV quote never closed: sheet-unreadable at the quote, in Chinese, exit 1, nothing written', async () => {
    const csv = path.join(tempDir('pb-hostile-in-'), '引号.csv');
    writeFileSync(csv, `${HEADER.join(',')}\n1,XK-001,行政许可,"甲,某县商务局,\n2,XK-002,行政许可,乙,某县商务局,\n`);
    const dir = repo();
    const { r, report } = await importJson(csv, dir);
    expect(r.code).toBe(1);
    expect(at(report.diagnostics, 'sheet-unreadable')).toEqual(['2:15']);
    expect(report.diagnostics[0]!.message).toContain('引号没有配对');
    expect(report.diagnostics[0]!.message).not.toMatch(/Parse Error/);
    expect(existsSync(path.join(dir, 'powers'))).toBe(false);
  });

  it('a Word document, an .ods, an .xlsb or another zip named .xlsx: says which it is and to save it as .xlsx', async () => {
    const tmp = tempDir('pb-hostile-in-');
    const zips: [string, Record<string, string>, string][] = [
      ['word', { '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }, 'Word 文档（.docx）'],
      ['ods', { mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<office:document-content/>' }, 'OpenDocument 表格'],
      ['xlsb', { '[Content_Types].xml': '<Types/>', 'xl/workbook.bin': 'binary' }, 'Excel 二进制工作簿（.xlsb）'],
      ['zip', { 'readme.txt': 'hello' }, '一个 zip 压缩包，但不是 Excel 工作簿'],
    ];
    for (const [name, parts, words] of zips) {
      const f = path.join(tmp, `${name}.xlsx`);
      writeFileSync(f, zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strToU8(v)]))));
      const r = await cli(['import', f, '--into', repo()]);
      sane(r);
      expect(r.code, name).toBe(1);
      expect(r.stdout, name).toContain(`1:1  错误  这个文件是${words}`);
      expect(r.stdout, name).toContain('另存为');
    }
  });

  it('a file that is no workbook says so in Chinese (no English detail)', async () => {
    const f = path.join(tempDir('pb-hostile-in-'), '清单.xlsx');
    writeFileSync(f, 'hello, this is not a workbook');
    const r = await cli(['import', f, '--into', repo()]);
    sane(r);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('不是 .xlsx 文件');
    expect(r.stdout).not.toContain('not a zip');
  });
});

describe('a sheet that is large by its extent, not by its bytes', () => {
  it('a cell typed at XFD1048576 and a whole row formatted to the bottom: read from the cells there are, at once', async () => {
    const xlsx = await workbook(path.join(tempDir('pb-hostile-in-'), '清单.xlsx'), (wb) => {
      const ws = wb.addWorksheet('清单');
      ws.addRow(HEADER);
      ws.addRow([1, 'XK-001', '行政许可', '甲', '某县商务局']);
      ws.getCell('XFD1048576').value = '表格最远处的一格';
      ws.getCell('A1048575').style = { font: { bold: true } };
    });
    const dir = repo();
    const { r, report } = await importJson(xlsx, dir);
    expect(r.code).toBe(0);
    expect(report.powers.map((p) => p.id)).toEqual(['XK-001']);
  }, 60_000);

  it('a merged range of 140 million cells (a few bytes in the file): sheet-unreadable naming the range, never out of memory', async () => {
    const tmp = tempDir('pb-hostile-in-');
    const plain = await workbook(path.join(tmp, 'plain.xlsx'), (wb) => {
      const ws = wb.addWorksheet('清单');
      ws.addRow(HEADER);
      ws.addRow([1, 'XK-001', '行政许可', '甲', '某县商务局']);
    });
    const parts = unzipSync(readFileSync(plain));
    const sheet = Object.keys(parts).find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))!;
    parts[sheet] = strToU8(strFromU8(parts[sheet]!).replace(/<mergeCells[\s\S]*?<\/mergeCells>/, '').replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="C2:ZZ200000"/></mergeCells>'));
    const bomb = path.join(tmp, '合并.xlsx');
    writeFileSync(bomb, zipSync(parts));
    const dir = repo();
    const { r, report } = await importJson(bomb, dir);
    expect(r.code).toBe(1);
    expect(report.diagnostics.map((d) => [d.rule, d.line, d.column])).toEqual([['sheet-unreadable', 1, 1]]);
    expect(report.diagnostics[0]!.message).toContain('区域 C2:ZZ200000 合并了 139,999,300 个单元格');
    expect(existsSync(path.join(dir, 'powers'))).toBe(false);
  }, 60_000);
});

describe('dates as a Chinese Excel saves them', () => {
  it('a date cell in the built-in formats 31, 57, 58 (yyyy年m月d日 …) is its date, not the serial number 45000', async () => {
    const tmp = tempDir('pb-hostile-in-');
    const plain = await workbook(path.join(tmp, 'plain.xlsx'), (wb) => {
      const ws = wb.addWorksheet('清单');
      ws.addRow([...HEADER.slice(0, 4), '状态', '状态日期', '暂停或取消的理由']);
      for (const [i, id] of ['XK-001', 'XK-002', 'XK-003'].entries()) {
        ws.addRow([i + 1, id, '行政许可', `事项${i + 1}`, '取消', new Date(Date.UTC(2023, 2, 15)), '职能调整']);
        ws.getCell(i + 2, 6).numFmt = ['yyyy-mm-dd', 'yyyy/m/d', 'm/d/yyyy;@'][i]!;
      }
    });
    // Each custom format (ids 164 …) replaced by a built-in East Asian one, as Excel on Chinese Windows saves them.
    const parts = unzipSync(readFileSync(plain));
    let n = 0;
    const builtIn = [31, 57, 58];
    parts['xl/styles.xml'] = strToU8(strFromU8(parts['xl/styles.xml']!).replace(/(<cellXfs[\s\S]*?<\/cellXfs>)/, (xfs) => xfs.replace(/numFmtId="(16\d)"/g, () => `numFmtId="${builtIn[n++]}"`)));
    expect(n).toBe(3);
    const chinese = path.join(tmp, '中文日期.xlsx');
    writeFileSync(chinese, zipSync(parts));
    const dir = repo();
    const { r, report } = await importJson(chinese, dir);
    expect(r.code).toBe(0);
    expect(report.diagnostics.filter((d) => d.rule === 'sheet-cell')).toEqual([]);
    for (const id of ['XK-001', 'XK-002', 'XK-003']) {
      expect(jsYaml.load(readFileSync(path.join(dir, 'powers', `${id}.yaml`), 'utf8'))).toMatchObject({ status: '取消', status_date: '2023-03-15' });
    }
  });
});

describe('a CSV large by its shape', () => {
  it('millions of empty lines after the list are dropped; in the middle, or a line of millions of commas: sheet-unreadable, in Chinese, at once', async () => {
    const tmp = tempDir('pb-hostile-in-');
    const head = `${HEADER.join(',')}\n1,XK-001,行政许可,甲,某县商务局,\n`;
    const trailing = path.join(tmp, '尾部空行.csv');
    writeFileSync(trailing, head + ',,,,,\n'.repeat(1_000_000));
    const t = await importJson(trailing, repo());
    expect(t.r.code).toBe(0);
    expect(t.report.powers.map((p) => p.id)).toEqual(['XK-001']);
    const middle = path.join(tmp, '中间空行.csv');
    writeFileSync(middle, `${head}${'\n'.repeat(1_000_000)}2,XK-002,行政许可,乙,某县商务局,\n`);
    const m = await importJson(middle, repo());
    expect(m.r.code).toBe(1);
    expect(m.report.diagnostics.map((d) => `${d.rule} ${d.line}:${d.column}`)).toEqual(['sheet-unreadable 1:1']);
    expect(m.report.diagnostics[0]!.message).toContain('上限 100,000 行');
    const wide = path.join(tmp, '逗号.csv');
    writeFileSync(wide, `${head}2,XK-002,行政许可,乙${','.repeat(1_000_000)}\n`);
    const w = await importJson(wide, repo());
    expect(w.r.code).toBe(1);
    expect(w.report.diagnostics.map((d) => `${d.rule} ${d.line}:${d.column}`)).toEqual(['sheet-unreadable 3:1']);
    expect(w.report.diagnostics[0]!.message).toBe('CSV 文件第 3 行有 1,000,004 列，超过 Excel 的 16384 列，不予读取');
  }, 60_000);
});

describe('a map that points past the sheet', () => {
  it('header_row past the last row, or too large for a number: sheet-map at header_row in map.yaml', async () => {
    const tmp = tempDir('pb-hostile-in-');
    const xlsx = await workbook(path.join(tmp, '清单.xlsx'), (wb) => {
      const ws = wb.addWorksheet('清单');
      ws.addRow(HEADER);
      ws.addRow([1, 'XK-001', '行政许可', '甲', '某县商务局']);
    });
    for (const [row, words] of [['50', 'header_row 为 50，但工作表“清单”只有 2 行'], ['99999999999999999999', 'header_row 应为表头所在的行号（正整数）']]) {
      const map = path.join(tmp, 'map.yaml');
      writeFileSync(map, `sheet: 清单\nheader_row: ${row}\n`);
      const { r, report } = await importJson(xlsx, repo(), ['--map', map]);
      expect(r.code).toBe(1);
      const d = report.diagnostics.find((x) => x.rule === 'sheet-map')!;
      expect([d.line, d.column]).toEqual([2, 13]);
      expect(d.message).toContain(words);
    }
  });
});

describe('where the files would go', () => {
  async function list(): Promise<string> {
    return workbook(path.join(tempDir('pb-hostile-in-'), '清单.xlsx'), (wb) => {
      const ws = wb.addWorksheet('清单');
      ws.addRow(HEADER);
      ws.addRow([1, 'XK-001', '行政许可', '甲', '某县商务局']);
      ws.addRow([2, 'XK-002', '行政许可', '乙', '某县商务局']);
      ws.addRow([3, 'XK-003', '行政许可', '丙', '某县商务局']);
    });
  }

  it('a folder where powers/XK-002.yaml would go: kept (sheet-exists at its row), --force does not replace it, the rest written', async () => {
    const dir = repo();
    mkdirSync(path.join(dir, 'powers', 'XK-002.yaml'), { recursive: true });
    const file = await list();
    for (const extra of [[], ['--force']]) {
      const { r, report } = await importJson(file, dir, extra);
      expect(r.code).toBe(1);
      expect(at(report.diagnostics, 'sheet-exists')).toEqual(['3:1']);
      expect(report.powers.map((p) => p.status)).toEqual([extra.length ? 'unchanged' : 'written', 'kept', extra.length ? 'unchanged' : 'written']);
    }
    const text = await cli(['import', file, '--into', dir]);
    sane(text);
    expect(text.stdout).toContain('同名的文件夹挡住了，未写入');
  });

  it('files saved again on Windows (CRLF and a BOM, GBK) are unchanged, not "kept": left as they are, exit 0; a real edit is kept', async () => {
    const dir = repo();
    const file = await list();
    expect((await importJson(file, dir)).r.code).toBe(0);
    const at = (id: string) => path.join(dir, 'powers', `${id}.yaml`);
    writeFileSync(at('XK-001'), `\ufeff${readFileSync(at('XK-001'), 'utf8').replace(/\n/g, '\r\n')}`);
    writeFileSync(at('XK-002'), iconv.encode(readFileSync(at('XK-002'), 'utf8'), 'gbk'));
    writeFileSync(at('XK-003'), readFileSync(at('XK-003'), 'utf8').replace('body: 某县商务局', 'body: 某县商务局（手工改过）'));
    const before = ['XK-001', 'XK-002', 'XK-003'].map((id) => readFileSync(at(id)));
    const { r, report } = await importJson(file, dir);
    expect(report.powers.map((p) => [p.id, p.status])).toEqual([['XK-001', 'unchanged'], ['XK-002', 'unchanged'], ['XK-003', 'kept']]);
    expect(r.code).toBe(1);
    expect(['XK-001', 'XK-002', 'XK-003'].map((id) => readFileSync(at(id)))).toEqual(before);
  });

  it('powers/ is a file: exit 2, one plain line, no file written', async () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'powers'), '');
    const r = await cli(['import', await list(), '--into', dir]);
    sane(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^powerbook: 无法写入 .*powers（路径中有同名的文件，不是文件夹）：一个文件也没有写入\n$/);
    expect(readdirSync(dir).sort()).toEqual(['powerbook.yaml', 'powers']);
  });
});
