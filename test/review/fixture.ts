/** Rule repositories with a git history, for diff, status and build's 修订说明. */
import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { edit, validRepo } from '../helpers/repo.js';

export const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'powerbook test', GIT_AUTHOR_EMAIL: 'test@example.invalid', GIT_COMMITTER_NAME: 'powerbook test', GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_AUTHOR_DATE: '2025-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2025-01-01T00:00:00Z', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null',
};

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export function commit(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}

/** A copy of the template's power XK-001 under another id and name. */
export function addPower(dir: string, id: string, name: string): void {
  const text = readFileSync(path.join(dir, 'powers/XK-001.yaml'), 'utf8').replace(/^id: .*$/m, `id: ${id}`).replace(/^name: .*$/m, `name: ${name}`);
  writeFileSync(path.join(dir, `powers/${id}.yaml`), text);
}

/**
 * v1: the template repository (from `powerbook init`) with powers XK-001 … XK-004 and article 第三十二条 registered.
 * Then one commit each: XK-001's statutory time limit 20 → 15 工作日; XK-002 cites 第三十二条 too; XK-003 removed;
 * XK-004 renumbered XK-010 (file and id, nothing else).
 */
export async function historyRepo(): Promise<string> {
  const dir = await validRepo();
  addPower(dir, 'XK-002', '拍卖企业设立许可');
  addPower(dir, 'XK-003', '典当行设立审核');
  addPower(dir, 'XK-004', '报废机动车回收企业资质认定');
  edit(dir, 'laws/xingzheng-xuke-fa.yaml', (s) => `${s.trimEnd()}\n  - number: 第三十二条\n    text: "行政机关对申请人提出的行政许可申请，应当根据下列情况分别作出处理。"\n`);
  git(dir, 'init', '-q', '-b', 'main');
  commit(dir, 'v1');
  git(dir, 'tag', 'v1');
  edit(dir, 'powers/XK-001.yaml', (s) => s.replace('statutory: { days: 20, unit: 工作日 }', 'statutory: { days: 15, unit: 工作日 }'));
  commit(dir, '办理时限缩短');
  edit(dir, 'powers/XK-002.yaml', (s) => s.replace('legal_bases:\n', 'legal_bases:\n  - law: xingzheng-xuke-fa\n    article: 第三十二条\n'));
  commit(dir, '增加依据');
  rmSync(path.join(dir, 'powers/XK-003.yaml'));
  commit(dir, '取消事项');
  renameSync(path.join(dir, 'powers/XK-004.yaml'), path.join(dir, 'powers/XK-010.yaml'));
  edit(dir, 'powers/XK-010.yaml', (s) => s.replace('id: XK-004', 'id: XK-010'));
  commit(dir, '重新编号');
  return dir;
}
