/**
 * power-body-unit: a power's 实施主体 (body) is the department or one of the units powerbook.yaml lists
 * (department.units), its 承办机构 (unit) one of them; a repository from `powerbook init`, changed case by case.
 */
import { describe, expect, it } from 'vitest';
import { validateJson } from '../helpers/cli.js';
import { edit, lineOf, validRepo } from '../helpers/repo.js';

const POWER = 'powers/XK-001.yaml';
const units = (list: string) => (s: string) => s.replace('  parent: ', `  units: [${list}]\n  parent: `);
const found = async (d: string) => (await validateJson(d)).diags.filter((x) => x.rule === 'power-body-unit');

describe('power-body-unit', () => {
  it('is quiet for the repository init writes (body = the department, no units listed)', async () => {
    const d = await validRepo();
    expect(await found(d)).toEqual([]);
  });

  it('without units: a body other than the department is a warning at its line; any unit is accepted', async () => {
    const d = await validRepo();
    edit(d, POWER, (s) => s.replace(/^body: .*$/m, 'body: 邻县商务局').replace(/^unit: .*$/m, 'unit: 随便什么股'));
    const ds = await found(d);
    expect(ds.map((x) => `${x.severity}@${x.line}`)).toEqual([`warning@${lineOf(d, POWER, 'body: 邻县商务局')}`]);
    expect(ds[0]!.message).toContain('实施主体"邻县商务局"不是本部门（测试市商务局）');
    expect(ds[0]!.hint).toContain('department.units');
    expect(ds[0]!.messageEn).toContain('is not the department');
  });

  it('with units: body and unit each checked; the hint names the listed units', async () => {
    const d = await validRepo();
    edit(d, 'powerbook.yaml', units('办公室, 法规科'));
    edit(d, POWER, (s) => s.replace(/^body: .*$/m, 'body: 邻县商务局').replace(/^unit: .*$/m, 'unit: 市场秩序科'));
    const ds = await found(d);
    expect(ds.map((x) => x.line)).toEqual([lineOf(d, POWER, 'body: 邻县商务局'), lineOf(d, POWER, 'unit: 市场秩序科')]);
    expect(ds.every((x) => x.severity === 'warning')).toBe(true);
    expect(ds[0]!.hint).toContain('所列单位之一：办公室、法规科');
    expect(ds[1]!.message).toContain('承办机构"市场秩序科"不是 powerbook.yaml 所列的单位');
    expect(ds[1]!.hint).toContain('所列单位：办公室、法规科');
  });

  it('with units: a listed unit as the body, the department as the unit, spaces typed around a name: all accepted', async () => {
    const d = await validRepo();
    edit(d, 'powerbook.yaml', units('办公室, 测试市商务综合执法支队'));
    edit(d, POWER, (s) => s.replace(/^body: .*$/m, 'body: 测试市商务综合执法支队').replace(/^unit: .*$/m, 'unit: "测试市商务局　"'));
    expect(await found(d)).toEqual([]);
    edit(d, POWER, (s) => s.replace(/^unit: .*$/m, 'unit: 办 公 室'));
    expect(await found(d)).toEqual([]);
  });

  it('a power 取消 or 暂停 is not checked: it may name a unit that no longer exists', async () => {
    const d = await validRepo();
    edit(d, 'powerbook.yaml', units('办公室'));
    edit(d, POWER, (s) => `${s.replace(/^unit: .*$/m, 'unit: 已撤并的科室')}\nstatus: 取消\nstatus_date: 2024-01-01\nstatus_reason: 国务院决定取消\n`);
    expect(await found(d)).toEqual([]);
  });

  it('lint can turn it off', async () => {
    const d = await validRepo();
    edit(d, POWER, (s) => s.replace(/^body: .*$/m, 'body: 邻县商务局'));
    edit(d, 'powerbook.yaml', (s) => s.replace('lint:\n', 'lint:\n  power-body-unit: off\n'));
    expect(await found(d)).toEqual([]);
  });
});
