/**
 * 备注 (remark): printed where the published list has it. The 职权目录 gets a 备注 column only when some power in it has
 * a remark, its room taken from the wide columns (事项名称, 实施依据); the power's 基本信息 table gets a 备注 row.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocument, creationDate } from '../../src/document/build.js';
import type { Block, DocumentModel, Inline, Table } from '../../src/document/model.js';
import { validate } from '../../src/pipeline/index.js';
import { columnWidths, snapToCharacters } from '../../src/render/docx/tables.js';
import { GB9704, pageGeometry } from '../../src/domain/profile.js';
import { copyExample, edit, tempDir } from '../helpers/repo.js';

const REMARK = '审批权限按省政府规定下放至设区的市商务主管部门';

async function model(dir: string): Promise<DocumentModel> {
  const { repo, diagnostics } = await validate(dir, { stage: 'submit' });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return buildDocument({ repo, config: repo.config!.data, laws: repo.laws, powers: repo.powers, rules: repo.rules, figures: new Map(), created: creationDate(repo.config!.data, {}) });
}

const tables = (m: DocumentModel): Table[] => m.sections.flatMap((s) => s.blocks).filter((b: Block): b is Table => b.type === 'table');
const text = (xs: Inline[]): string => xs.map((x) => (x.type === 'text' || x.type === 'ref' ? x.text : x.type === 'break' ? '\n' : '')).join('');

describe('remark (备注)', () => {
  it('adds a 备注 column to the 职权目录 when a power has one, keeping the narrow columns\' widths, and a row to its 基本信息', async () => {
    const dir = path.join(tempDir('pb-remark-'), 'repo');
    copyExample('examples/zhuzhou-commerce', dir);
    const before = tables(await model(dir)).find((t) => t.landscape)!;
    edit(dir, 'powers/XK-001.yaml', (s) => `${s}remark: ${REMARK}\n`);
    const m = await model(dir);
    const cat = tables(m).find((t) => t.landscape)!;
    expect(cat.rows[0]!.cells.map((c) => text(c.children))).toEqual(['序号', '事项编码', '事项名称', '权力类别', '实施依据', '承办机构', '法定/承诺时限', '收费', '备注']);
    // Group rows span the whole table.
    expect(cat.rows.filter((r) => r.cells.length === 1).every((r) => r.cells[0]!.colSpan === 9)).toBe(true);
    const row = (id: string) => cat.rows.find((r) => r.cells.length === 9 && text(r.cells[1]!.children) === id)!;
    expect(text(row('XK-001').cells[8]!.children)).toBe(REMARK);
    expect(text(row('CF-001').cells[8]!.children)).toBe('');
    const w0 = before.widths!, w1 = cat.widths!;
    expect(w1.reduce((a, b) => a + b, 0)).toBe(w0.reduce((a, b) => a + b, 0));
    for (const i of [0, 1, 3, 5, 6, 7]) expect(w1[i], `column ${i}`).toBeGreaterThanOrEqual(w0[i]!);
    // In the DOCX (小四 on the landscape text block), 序号 and 权力类别 hold their words (序号, 行政许可) on one line.
    const em = GB9704.sizePt.table * 20;
    const textWidth = Math.round((pageGeometry(GB9704).landscape.textWidthMm / 25.4) * 1440);
    const chars = snapToCharacters(columnWidths(cat, textWidth), em).map((w) => Math.floor((w - 170 - em / 4) / em));
    expect(chars[0]).toBeGreaterThanOrEqual(2);
    expect(chars[3]).toBeGreaterThanOrEqual(4);
    expect(chars[7]).toBeGreaterThanOrEqual(3);
    const info = tables(m).find((t) => t.caption === '成品油零售经营资格审批基本信息')!;
    expect(info.rows.map((r) => text(r.cells[0]!.children))).toContain('备注');
    expect(text(info.rows.find((r) => text(r.cells[0]!.children) === '备注')!.cells[1]!.children)).toBe(REMARK);
  });

  it('no remark in the repository: no 备注 column, no 备注 row', async () => {
    const m = await model('examples/zhuzhou-commerce');
    const cat = tables(m).find((t) => t.landscape)!;
    expect(cat.rows[0]!.cells).toHaveLength(8);
    expect(tables(m).some((t) => t.rows.some((r) => r.cells.length === 2 && text(r.cells[0]!.children) === '备注'))).toBe(false);
  });
});
