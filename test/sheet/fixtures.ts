/**
 * Power lists as county bureaus publish them, written by exceljs for the import tests (and by hand for the hostile
 * ones): a title row and a unit/date row above the header, category cells merged down over their rows, a power whose
 * name is merged over its 子项, multi-line 法定依据 with two laws in one cell and the article text pasted after a
 * colon, arrow-chain and numbered procedures, 序号 as formulas, a code stored as a number, a date in 备注, a note
 * row under the table; the same list as a GBK CSV saved by Excel on Chinese Windows; a portal's variant with other
 * wordings and a two-row header. The legal bases cite texts of the law library (../shared/laws-lib) — some cleanly,
 * some as the lists really do: a repealed regulation, an article deleted since, a quote of an older wording.
 *
 * The tests call writeFixtures(dir) (vitest runs this TypeScript; the generated files are not committed).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

const FIXED = new Date('2025-06-30T00:00:00Z');

/** The powers of 某县商务局's list, one object per row of the sheet (a power of two rows has two). */
export const COUNTY = {
  title: '某县商务局行政权力清单',
  unitLine: '填报单位：某县商务局　　　　更新时间：2025年6月30日',
  header: ['序号', '事项编码', '权力类别', '事项名称', '子项', '法定依据', '实施主体', '承办机构', '办理流程', '办理时限', '收费依据及标准', '责任事项', '追责情形', '备注'],
};

const AUCTION_BASES = [
  '1.《中华人民共和国拍卖法》（1996年7月5日第八届全国人民代表大会常务委员会第二十次会议通过　根据2015年4月24日第十二届全国人民代表大会常务委员会第十四次会议《关于修改〈中华人民共和国电力法〉等六部法律的决定》第二次修正）第十一条：企业取得从事拍卖业务的许可必须经所在地的省、自治区、直辖市人民政府负责管理拍卖业的部门审核批准。拍卖企业可以在设区的市设立。',
  '2.《中华人民共和国行政许可法》第十二条第（一）项：下列事项可以设定行政许可：',
  '（一）直接涉及国家安全、公共安全、经济宏观调控、生态环境保护以及直接关系人身健康、生命财产安全等特定活动，需要按照法定条件予以批准的事项；',
].join('\n');

const RESPONSIBILITIES = [
  '1.受理阶段责任：公示依法应当提交的材料；一次性告知补正材料；依法受理或不予受理（不予受理应当告知理由）。',
  '2.审查阶段责任：对申请材料进行审查，提出审查意见。',
  '3.决定阶段责任：作出准予许可或者不予许可的决定（不予许可的应当书面告知理由）。',
  '4.送达阶段责任：准予许可的，制发许可证件，送达并信息公开。',
  '5.其他法律法规规章文件规定应履行的责任。',
].join('\n');

const ACCOUNTABILITY = [
  '因不履行或不正确履行行政职责，有下列情形的，行政机关及相关工作人员应承担相应责任：',
  '1.对符合法定条件的申请不予受理、不予许可的；',
  '2.对不符合法定条件的申请准予许可的；',
  '3.在许可过程中索取或者收受他人财物或者谋取其他利益的；',
  '4.其他违反法律法规规章文件规定的行为。',
].join('\n');

function titleRows(ws: ExcelJS.Worksheet, cols: number, title: string, unitLine: string): void {
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, cols);
  ws.getCell(1, 1).font = { name: '方正小标宋简体', size: 18 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.addRow([unitLine]);
  ws.mergeCells(2, 1, 2, cols);
}

function fixed(wb: ExcelJS.Workbook): void {
  wb.creator = '某县商务局';
  wb.created = FIXED;
  wb.modified = FIXED;
}

/** 某县商务局行政权力清单.xlsx: the list as the county published it. */
export async function countyWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fixed(wb);
  const ws = wb.addWorksheet('行政权力清单');
  const cols = COUNTY.header.length;
  titleRows(ws, cols, COUNTY.title, COUNTY.unitLine);
  ws.addRow(COUNTY.header);
  const seq = (n: number) => ({ formula: `ROW()-3`, result: n });
  // Row 4: 行政许可, two laws in one cell, the pasted text over two lines, an arrow chain.
  ws.addRow([seq(1), null, '行政许可', '拍卖企业设立许可', null, AUCTION_BASES, '某县商务局', '市场运行和消费促进股', '受理→审查→决定→送达',
    '法定时限：20个工作日；承诺时限：10个工作日', '不收费', RESPONSIBILITIES, ACCOUNTABILITY, null]);
  // Rows 5–6: one power of two 子项, its name, code and bases merged down; 办理流程 as numbered lines; a date in 备注.
  ws.addRow([seq(2), 'XK-002', null, '对外贸易经营者备案登记', '对外贸易经营者备案登记（首次）',
    '《中华人民共和国对外贸易法》第九条：从事货物进出口或者技术进出口的对外贸易经营者，应当向国务院对外贸易主管部门或者其委托的机构办理备案登记；但是，法律、行政法规和国务院对外贸易主管部门规定不需要备案登记的除外。',
    '某县商务局', '外贸股', '1.受理：窗口接收备案登记表及相关材料\n2.审核：对材料的完整性进行审核\n3.办结：在备案登记系统中办理并发放备案登记表',
    '5个工作日', '无', null, null, new Date(Date.UTC(2022, 11, 30))]);
  ws.addRow([seq(3), null, null, null, '对外贸易经营者备案登记变更']);
  ws.mergeCells('B5:B6'); ws.mergeCells('D5:D6'); ws.mergeCells('F5:F6'); ws.mergeCells('G5:G6'); ws.mergeCells('H5:H6');
  ws.mergeCells('I5:I6'); ws.mergeCells('J5:J6'); ws.mergeCells('K5:K6'); ws.mergeCells('N5:N6');
  ws.mergeCells('C4:C6');
  // Rows 7–8: 行政处罚, merged; a code stored as a number shown with its zeros; an old wording quoted; a repealed regulation.
  ws.addRow([seq(4), 117001000, '行政处罚', '对未经许可从事拍卖业务的处罚', null,
    '《中华人民共和国拍卖法》第六十条：违反本法第十一条的规定，未经许可从事拍卖业务的，由工商行政管理部门予以取缔，没收违法所得，并可以处违法所得一倍以上三倍以下的罚款。',
    '某县商务局', '市场运行和消费促进股', '立案->调查取证->审查->告知->决定->送达->执行', '90日', '不收费', null, null, null]);
  ws.getCell('B7').numFmt = '000000000000';
  ws.addRow([seq(5), null, null, '对报废汽车回收企业违规拆解的处罚', null,
    '《报废汽车回收管理办法》（中华人民共和国国务院令第307号）第二十条', '某县商务局', '市场运行和消费促进股', '立案—>调查—>决定—>执行', '90日', '不收费', null, null, null]);
  ws.mergeCells('C7:C8');
  // Row 9: 其他行政权力, a clean citation, 未规定.
  ws.addRow([seq(6), null, '其他行政权力', '商业特许经营备案', null,
    '《商业特许经营管理条例》（中华人民共和国国务院令第485号）第八条', '某县商务局', '市场运行和消费促进股', '受理->审核->备案', '法律法规未规定', '不收取任何费用', null, null, '按规定报市商务局']);
  // Row 10: 行政检查, prose instead of a procedure (so the file lacks one), and a 款 the article does not have.
  ws.addRow([seq(7), null, '行政检查', '对拍卖企业的监督检查', null,
    '《中华人民共和国行政许可法》第六十一条第一款：行政机关应当建立健全监督制度，通过核查反映被许可人从事行政许可事项活动情况的有关材料，履行监督责任。\n《中华人民共和国行政许可法》第六十一条第四款',
    '某县商务局', '市场运行和消费促进股', '按照“双随机、一公开”的要求开展检查', '按年度检查计划执行', '不收费', null, null, null]);
  // Row 11: a note under the table, merged across.
  ws.addRow(['注：本清单所列事项依据截至2025年6月的法律法规梳理。']);
  ws.mergeCells(11, 1, 11, cols);
  ws.columns.forEach((c) => { c.width = 16; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The county list as Excel saves "CSV" on Chinese Windows: GBK, CRLF, quoted multi-line cells, merges flattened. */
export function countyCsvGbk(): Buffer {
  const rows: (string | null)[][] = [
    [COUNTY.title],
    [],
    COUNTY.header,
    ['1', '', '行政许可', '拍卖企业设立许可', '', AUCTION_BASES, '某县商务局', '市场运行和消费促进股', '受理→审查→决定→送达', '法定时限：20个工作日；承诺时限：10个工作日', '不收费', RESPONSIBILITIES, ACCOUNTABILITY, ''],
    // The category of the row above (a merged cell in the workbook), left empty in the CSV.
    ['2', 'XK-002', '', '对外贸易经营者备案登记', '对外贸易经营者备案登记（首次）', '《中华人民共和国对外贸易法》第九条', '某县商务局', '外贸股', '受理→审核→办结', '5个工作日', '无', '', '', '2022/12/30'],
    ['3', '', '', '', '对外贸易经营者备案登记变更', '', '', '', '', '', '', '', '', ''],
    ['4', '000117001000', '行政处罚', '对未经许可从事拍卖业务的处罚', '', '《中华人民共和国拍卖法》第六十条', '某县商务局', '市场运行和消费促进股', '立案→调查取证→审查→告知→决定→送达→执行', '90日', '不收费', '', '', ''],
  ];
  const field = (v: string | null) => {
    const s = v ?? '';
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  // Rows end in CRLF; a line break inside a quoted cell stays LF, as Excel writes it.
  const text = rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
  return iconv.encode(text, 'gbk');
}

/** A portal's variant: 职权名称, 权力类型, 设定依据, 责任主体, 备注; 办理时限 over 法定 | 承诺 (a header of two rows). */
export async function portalWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fixed(wb);
  const ws = wb.addWorksheet('Sheet1');
  titleRows(ws, 9, '某区商务局权责清单（2025年）', '');
  ws.addRow(['序号', '权力类型', '职权名称', '设定依据', '责任主体', '承办机构', '办理时限', null, '备注']);
  ws.addRow([null, null, null, null, null, null, '法定', '承诺', null]);
  for (const c of ['A', 'B', 'C', 'D', 'E', 'F', 'I']) ws.mergeCells(`${c}3:${c}4`);
  ws.mergeCells('G3:H3');
  ws.addRow([1, '许可', '拍卖企业设立许可', '《中华人民共和国拍卖法》第十一条', '某区商务局', '流通科', '20个工作日', '10个工作日', null]);
  ws.addRow([2, '其他', '商业特许经营备案', '商业特许经营管理条例第八条', '某区商务局', '流通科', '未规定', null, '承接市级下放事项']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A workbook whose header uses wordings nobody expects: found only with --map. */
export async function oddHeaderWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fixed(wb);
  const ws = wb.addWorksheet('清单');
  ws.addRow(['某县商务局职责目录']);
  ws.addRow(['编', '事项', '根据', '科室']);
  ws.addRow([1, '拍卖企业设立许可', '《中华人民共和国拍卖法》第十一条', '流通股']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Cells that are not plain values: a formula saved without its result, an error value, an 18-digit code typed as a number. */
export async function formulasWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fixed(wb);
  const ws = wb.addWorksheet('清单');
  ws.addRow(['事项编码', '事项名称', '权力类别', '承办机构', '备注']);
  ws.addRow([430200000000000001, '拍卖企业设立许可', '行政许可', { error: '#N/A' }, { formula: 'CONCATENATE("承接","下放")' }]);
  ws.addRow(['CF－００１', '对未经许可从事拍卖业务的处罚', '行政处罚', '流通股', null]);
  ws.addRow(['局-001', '对拍卖企业的监督检查', '行政检查', '流通股', null]);
  ws.addRow(['', '商务信息服务', '公共服务', '流通股', null]);
  ws.addRow(['CF-001', '对拍卖企业违规拍卖的处罚', '行政处罚', '流通股', null]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A workbook of one sheet per category, as some counties publish: 行政许可 and 行政处罚 with the category only in a
 * heading row above the powers (no category column), and a 填表说明 sheet with no header.
 */
export async function sheetsWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fixed(wb);
  const permit = wb.addWorksheet('行政许可');
  permit.addRow(['某县商务局行政许可事项清单']);
  permit.addRow(['序号', '事项名称', '法定依据', '承办机构']);
  permit.addRow(['一、行政许可（1项）']);
  permit.mergeCells('A3:D3');
  permit.addRow([1, '拍卖企业设立许可', '《中华人民共和国拍卖法》第十一条', '流通股']);
  const penalty = wb.addWorksheet('行政处罚');
  penalty.addRow(['序号', '事项名称', '法定依据', '承办机构']);
  penalty.addRow([null, '二、行政处罚类', null, null]);
  penalty.addRow([1, '对未经许可从事拍卖业务的处罚', '《中华人民共和国拍卖法》第六十条', '流通股']);
  const notes = wb.addWorksheet('填表说明');
  notes.addRow(['本清单按省政务服务平台公布的事项填写。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** "Unicode text" as Excel saves it (UTF-16LE with BOM, tab-separated), and a UTF-8 CSV with BOM ("CSV UTF-8"). */
export function unicodeTexts(): { utf16: Buffer; utf8bom: Buffer } {
  const rows = [['事项名称', '权力类别', '法定依据', '办理时限'], ['拍卖企业设立许可', '行政许可', '《中华人民共和国拍卖法》第十一条', '20个工作日']];
  const tsv = rows.map((r) => r.join('\t')).join('\r\n') + '\r\n';
  const csv = rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
  return { utf16: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]), utf8bom: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]) };
}

/** The files written by writeFixtures. */
export interface Fixtures {
  county: string; csv: string; portal: string; odd: string; formulas: string; sheets: string; utf16: string; utf8bom: string;
  xls: string; corrupt: string; bomb: string; binaryCsv: string; html: string; empty: string; emptySheet: string; noHeader: string; huge: string;
}

/** Hostile files: an old .xls, a truncated .xlsx, a web page named .xls, an empty file and sheet, a 40,000-character cell. */
export async function writeFixtures(dir: string): Promise<Fixtures> {
  const put = (name: string, data: Buffer | string) => { const p = path.join(dir, name); writeFileSync(p, data); return p; };
  const county = await countyWorkbook();
  const ole2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4088, 0)]);
  const emptyWb = new ExcelJS.Workbook(); fixed(emptyWb); emptyWb.addWorksheet('Sheet1');
  const noHeaderWb = new ExcelJS.Workbook(); fixed(noHeaderWb);
  const nh = noHeaderWb.addWorksheet('Sheet1');
  nh.addRow(['某县商务局行政权力清单']);
  nh.addRow(['拍卖企业设立许可', '拍卖法第十一条', '流通股']);
  const hugeWb = new ExcelJS.Workbook(); fixed(hugeWb);
  const hw = hugeWb.addWorksheet('Sheet1');
  hw.addRow(['事项名称', '权力类别', '法定依据']);
  hw.addRow(['拍卖企业设立许可', '行政许可', '《中华人民共和国拍卖法》第十一条：' + '拍卖'.repeat(20_000)]);
  hw.addRow(['商业特许经营备案', '其他行政权力', '《商业特许经营管理条例》第八条']);
  // A zip whose directory says one part unpacks to 1 GB (a zip bomb's way): refused before anything is unpacked.
  const bomb = Buffer.from(county);
  const cd = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  bomb.writeUInt32LE(0x40000000, cd + 24);
  return {
    bomb: put('解压炸弹.xlsx', bomb),
    county: put('某县商务局行政权力清单.xlsx', county),
    csv: put('某县商务局行政权力清单.csv', countyCsvGbk()),
    portal: put('某区商务局权责清单.xlsx', await portalWorkbook()),
    odd: put('职责目录.xlsx', await oddHeaderWorkbook()),
    formulas: put('公式与编码.xlsx', await formulasWorkbook()),
    sheets: put('分类清单.xlsx', await sheetsWorkbook()),
    utf16: put('清单（Unicode 文本）.txt', unicodeTexts().utf16),
    utf8bom: put('清单（UTF-8）.csv', unicodeTexts().utf8bom),
    xls: put('旧版清单.xls', ole2),
    corrupt: put('损坏的清单.xlsx', county.subarray(0, Math.floor(county.length / 2))),
    binaryCsv: put('清单.csv.csv', Buffer.concat([Buffer.from('事项名称,类别\r\n'), Buffer.alloc(64, 0), Buffer.from([0xff, 0x00, 0x13])])),
    html: put('门户下载.xls', '<html><head><meta charset="utf-8"></head><body><table><tr><td>事项名称</td></tr></table></body></html>'),
    empty: put('空文件.xlsx', Buffer.alloc(0)),
    emptySheet: put('空表.xlsx', Buffer.from(await emptyWb.xlsx.writeBuffer())),
    noHeader: put('无表头.xlsx', Buffer.from(await noHeaderWb.xlsx.writeBuffer())),
    huge: put('超长单元格.xlsx', Buffer.from(await hugeWb.xlsx.writeBuffer())),
  };
}
