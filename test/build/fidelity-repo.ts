/**
 * A small rule repository with what an office's text really holds: a law title typed with its 《》, ASCII quotes,
 * items （一）（二） on lines of their own with single newlines, a list numbered "1)", an opinion that ends with its own
 * full stop, powers cancelled and suspended, and one without fees or statutory time limit (a draft).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../helpers/cli.js';
import { edit, tempDir } from '../helpers/repo.js';

export const CANCELLED = { id: 'XK-002', name: '已取消的示例许可事项', date: '2024-07-01', reason: '依据《示例市人民政府关于取消一批行政权力事项的决定》取消' };
export const SUSPENDED = { id: 'XK-003', name: '暂停实施的示例许可事项', date: '2024-09-15', reason: '上级部门调整实施方式，暂停受理' };
export const DRAFTY = { id: 'XK-004', name: '尚未填写收费和时限的事项' };

export const RULE_BODY = `# 总则

第一条 为推进"决策公开"，依据《[[law:xingzheng-xuke-fa]]》制定本制度。本制度所称'重大决策'，是指下列事项：
（一）涉及群众切身利益的事项；
（二）需要"专家论证"的事项；
（三）其他重大事项。

第二条 决策按下列步骤办理：

1) 提出建议；
2) 合法性审查；
3) 集体讨论决定。
`;

export async function fidelityRepo(): Promise<string> {
  const d = tempDir('pb-fid-');
  const r = await cli(['init', d, '--department', '示例市商务局']);
  if (r.code !== 0) throw new Error(r.stderr);
  edit(d, 'laws/xingzheng-xuke-fa.yaml', (s) => s.replace('title: 中华人民共和国行政许可法', 'title: 《中华人民共和国行政许可法》'));
  edit(d, 'rules/ZD-01.md', (s) => s.replace(/\n---\n[\s\S]*$/, `\n---\n\n${RULE_BODY}`).replace('opinion: 符合法律法规规定', 'opinion: 符合法律法规规定。'));
  const power = readFileSync(path.join(d, 'powers/XK-001.yaml'), 'utf8');
  const variant = (id: string, name: string, f: (s: string) => string = (s) => s) =>
    writeFileSync(path.join(d, `powers/${id}.yaml`), f(power.replace('id: XK-001', `id: ${id}`).replace(/name: .*/, `name: ${name}`)));
  variant(CANCELLED.id, CANCELLED.name, (s) => s.replace('status: 有效', `status: 取消\nstatus_date: ${CANCELLED.date}\nstatus_reason: ${CANCELLED.reason}`));
  variant(SUSPENDED.id, SUSPENDED.name, (s) => s.replace('status: 有效', `status: 暂停\nstatus_date: ${SUSPENDED.date}\nstatus_reason: ${SUSPENDED.reason}`));
  variant(DRAFTY.id, DRAFTY.name, (s) => s.replace(/fees:\n  charged: false\n/, '').replace(/  statutory: .*\n/, ''));
  return d;
}
