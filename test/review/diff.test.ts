/** `powerbook diff` on a repository with a git history: exactly the changes made, in every format. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { edit, tempDir, validRepo } from '../helpers/repo.js';
import type { RepoDiff } from '../../src/review/types.js';
import { addPower, commit, git, GIT_ENV, historyRepo } from './fixture.js';

async function diffJson(dir: string, ...args: string[]): Promise<RepoDiff> {
  const r = await cli(['diff', '-C', dir, '--format', 'json', ...args], { env: GIT_ENV });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as RepoDiff;
}

/** Items as "status kind id(←old)": what the diff says happened, one string each. */
const summary = (d: RepoDiff) => d.items.map((i) => `${i.status} ${i.kind} ${i.oldId && i.oldId !== i.id ? `${i.oldId}→` : ''}${i.id}`);

describe('powerbook diff over a history', () => {
  let dir: string;
  beforeAll(async () => { dir = await historyRepo(); });

  it('json: v1 → HEAD is exactly a time limit shortened, a basis added, a power removed and one renumbered', async () => {
    const d = await diffJson(dir, 'v1', 'HEAD');
    expect(summary(d)).toEqual(['removed power XK-003', 'renamed power XK-004→XK-010', 'changed power XK-001', 'changed power XK-002']);
    const [removed, renamed, limit, basis] = d.items;
    expect(removed).toMatchObject({ name: '典当行设立审核', group: '行政许可', file: 'powers/XK-003.yaml', changes: [] });
    expect(renamed).toMatchObject({ file: 'powers/XK-010.yaml', oldFile: 'powers/XK-004.yaml', identical: true, changes: [] });
    expect(limit!.changes).toEqual([{
      path: 'time_limit.statutory', label: { zh: '法定办理时限', en: 'statutory time limit' }, op: 'changed',
      before: '20个工作日', after: '15个工作日', note: { zh: '缩短 5 个工作日', en: 'shortened by 5 working days' },
    }]);
    expect(basis!.changes).toEqual([{ path: 'legal_bases[xingzheng-xuke-fa]', label: { zh: '实施依据', en: 'legal basis' }, op: 'added', after: '《中华人民共和国行政许可法》第三十二条' }]);
    expect(d.counts.power).toEqual({ added: 0, removed: 1, renamed: 1, moved: 0, changed: 2, total: 3 });
    expect(d.counts.law).toMatchObject({ added: 0, removed: 0, renamed: 0, moved: 0, changed: 0 });
    expect(d.counts.rule).toMatchObject({ added: 0, removed: 0, renamed: 0, moved: 0, changed: 0 });
    expect(d.config).toEqual([]);
    expect(d.provisions).toEqual([]);
    expect(d.base).toMatchObject({ rev: 'v1', worktree: false, subject: 'v1' });
    expect(d.head).toMatchObject({ rev: 'HEAD', worktree: false, subject: '重新编号' });
  });

  it('json: each commit against the one before shows its own change only', async () => {
    expect(summary(await diffJson(dir, 'v1', 'HEAD~3'))).toEqual(['changed power XK-001']);
    expect(summary(await diffJson(dir, 'HEAD~3', 'HEAD~2'))).toEqual(['changed power XK-002']);
    expect(summary(await diffJson(dir, 'HEAD~2', 'HEAD~1'))).toEqual(['removed power XK-003']);
    expect(summary(await diffJson(dir, 'HEAD~1', 'HEAD'))).toEqual(['renamed power XK-004→XK-010']);
    // Reversed, the removal is an addition and the renumbering goes back.
    expect(summary(await diffJson(dir, 'HEAD', 'v1'))).toEqual(['added power XK-003', 'renamed power XK-010→XK-004', 'changed power XK-001', 'changed power XK-002']);
  });

  it('text: counts first, one line per power, each change under it, nothing else', async () => {
    const r = await cli(['diff', '-C', dir, 'v1', 'HEAD'], { env: GIT_ENV });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    // init dates the plan from its day: the compendium date is that of init, the same at both revisions.
    expect(lines[0]).toMatch(/^比较 v1（[0-9a-f]{7}，汇编日期 (\d{4}-\d{2}-\d{2})） → HEAD（[0-9a-f]{7}，汇编日期 \1）$/);
    expect(lines.slice(1, 4)).toEqual(['职权：取消 1 项，重新编号 1 项，修改 2 项（现有 3 项）', '法律：无变化（现有 1 部）', '制度：无变化（现有 1 项）']);
    expect(lines.slice(4)).toEqual([
      '', '职权',
      '  取消      XK-003 典当行设立审核（行政许可）  powers/XK-003.yaml',
      '  重新编号  XK-004 → XK-010 报废机动车回收企业资质认定（行政许可）（内容未变）  powers/XK-004.yaml → powers/XK-010.yaml',
      '  修改      XK-001 示例行政许可事项（请改为本单位的事项）（行政许可）  powers/XK-001.yaml',
      '      法定办理时限：20个工作日 → 15个工作日（缩短 5 个工作日）',
      '  修改      XK-002 拍卖企业设立许可（行政许可）  powers/XK-002.yaml',
      '      实施依据：新增 《中华人民共和国行政许可法》第三十二条',
    ]);
    const en = await cli(['diff', '-C', dir, 'v1', 'HEAD', '--lang', 'en'], { env: GIT_ENV });
    expect(en.stdout).toContain('Powers: 1 removed, 1 renamed, 2 changed (3 now)');
    expect(en.stdout).toContain('statutory time limit: 20个工作日 → 15个工作日 (shortened by 5 working days)');
  });

  it('markdown: a PR comment with the counts table first, then tables of the removed power and of each changed one', async () => {
    const r = await cli(['diff', '-C', dir, 'v1', 'HEAD', '--format', 'markdown'], { env: GIT_ENV });
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md.startsWith('<!-- powerbook-diff -->\n### powerbook：制度库变更\n')).toBe(true);
    expect(md).toContain('| | 新增 | 取消/删除 | 重新编号 | 移动 | 修改 | 现有 |\n|---|---:|---:|---:|---:|---:|---:|\n| 职权 |  | 1 | 1 |  | 2 | 3 |\n| 法律 |  |  |  |  |  | 1 |\n| 制度 |  |  |  |  |  | 1 |');
    expect(md.indexOf('| 职权 |')).toBeLessThan(md.indexOf('#### 职权'));
    expect(md).toContain('**取消**\n\n| 编号 | 名称 | 类别 | 文件 |\n|---|---|---|---|\n| XK-003 | 典当行设立审核 | 行政许可 | powers/XK-003.yaml |');
    expect(md).toContain('**重新编号** XK-004 → XK-010 报废机动车回收企业资质认定（行政许可）（内容未变） · `powers/XK-004.yaml → powers/XK-010.yaml`');
    expect(md).toContain('| 法定办理时限 | 20个工作日 | 15个工作日 | 缩短 5 个工作日 |');
    expect(md).toContain('| 实施依据 | （无） | 《中华人民共和国行政许可法》第三十二条 |  |');
    // Exactly four items: two item sections (renamed, changed ×2 = 3 bold lines) and one removed table row.
    expect(md.match(/^\*\*(修改|重新编号)\*\* /gm)).toHaveLength(3);
    expect(md.match(/^\| XK-\d+ \|/gm)).toHaveLength(1);
  });

  it('the working tree by default for HEAD, and an uncommitted change shows', async () => {
    edit(dir, 'powers/XK-001.yaml', (s) => s.replace('charged: false', 'charged: true\n  standard: 每件100元'));
    try {
      const d = await diffJson(dir, 'HEAD');
      expect(d.head).toMatchObject({ rev: 'WORKTREE', worktree: true });
      expect(summary(d)).toEqual(['changed power XK-001']);
      expect(d.items[0]!.changes).toEqual([{ path: 'fees', label: { zh: '收费', en: 'fees' }, op: 'changed', before: '不收费', after: '收费；标准：每件100元', note: { zh: '改为收费', en: 'now charged' } }]);
    } finally {
      git(dir, 'checkout', '--', 'powers/XK-001.yaml');
    }
  });

  it('--exit-code: 1 when something changed, 0 when nothing did', async () => {
    expect((await cli(['diff', '-C', dir, 'v1', 'HEAD', '--exit-code'], { env: GIT_ENV })).code).toBe(1);
    const same = await cli(['diff', '-C', dir, 'HEAD', 'HEAD', '--exit-code'], { env: GIT_ENV });
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('职权、法律、制度和 powerbook.yaml 均无变化。');
  });
});

describe('powerbook diff: field by field', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await validRepo();
    // A plan with fixed dates (init dates it from its own day), so that the change of submit_by below is known.
    edit(dir, 'powerbook.yaml', (s) => s.replace(/stages:\n(?: {2}.*\n)+/, 'stages:\n  draft_by: 2025-09-30\n  legality_review_by: 2025-10-31\n  deliberation_by: 2025-11-15\n  submit_by: 2025-11-30\n  publish_by: 2026-01-31\n'));
    addPower(dir, 'XK-002', '拍卖企业设立许可');
    git(dir, 'init', '-q', '-b', 'main');
    commit(dir, 'base');
    edit(dir, 'powers/XK-001.yaml', (s) => s
      .replace('article: 第二十九条', 'article: 第四十二条\n    clause: 第一款')   // the first citation now another article
      .replace('        - level: 中\n', '        - level: 低\n')                  // a risk point's level lowered
      .replace(/    - id: decide\n(?:      .*\n)+?(?=    - id: deliver)/, '')       // a step removed…
      .replace('      next: [decide]', '      next: [deliver]')                 // …and the flow around it
      .replace('promised: { days: 10, unit: 工作日 }', 'promised: { days: 12, unit: 工作日 }'));
    edit(dir, 'laws/xingzheng-xuke-fa.yaml', (s) => s.replace('行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定', '行政机关应当自受理行政许可申请之日起十五日内作出行政许可决定'));
    renameSync(path.join(dir, 'powers/XK-002.yaml'), path.join(dir, 'powers/XK-002.yml'));
    edit(dir, 'rules/ZD-01.md', (s) => s.replace('重大决策事项应当向社会公开', '重大决策事项应当通过政府网站向社会公开'));
    edit(dir, 'powerbook.yaml', (s) => s.replace('submit_by: 2025-11-30', 'submit_by: 2025-11-25'));
  });

  it('a citation changed, a risk lowered, a step removed, a limit lengthened; a law article, a move, a rule text, the config', async () => {
    const d = await diffJson(dir, 'main');
    expect(summary(d)).toEqual(['moved power XK-002', 'changed power XK-001', 'changed law xingzheng-xuke-fa', 'changed rule ZD-01']);
    const moved = d.items[0]!;
    expect(moved).toMatchObject({ oldFile: 'powers/XK-002.yaml', file: 'powers/XK-002.yml', identical: true });
    const p = d.items[1]!.changes.map((c) => [c.path, c.op, c.before, c.after, c.note?.zh]);
    expect(p).toEqual([
      ['legal_bases[xingzheng-xuke-fa]', 'changed', '《中华人民共和国行政许可法》第二十九条', '《中华人民共和国行政许可法》第四十二条第一款', '条款变更'],
      ['time_limit.promised', 'changed', '10个工作日', '12个工作日', '延长 2 个工作日'],
      ['procedure.steps[decide]', 'removed', '决定（分管局领导，3个工作日）', undefined, undefined],
      ['procedure.steps[review].next', 'changed', '决定', '送达', undefined],
      ['procedure.steps[review].risks[0].level', 'changed', '中', '低', '风险等级降低'],
    ]);
    expect(d.items[1]!.changes[4]!.label.zh).toBe('环节"审查"的廉政风险点"审查标准不一，故意刁难或降低条件"的等级');
    const law = d.items[2]!.changes;
    expect(law).toHaveLength(1);
    expect(law[0]).toMatchObject({ path: 'articles[42]', op: 'changed', long: true, label: { zh: '第四十二条条文' } });
    expect(d.items[3]!.changes).toMatchObject([{ path: 'body', op: 'changed', long: true }]);
    expect(d.config).toMatchObject([{ path: 'stages.submit_by', label: { zh: '报送日期' }, op: 'changed', before: '2025-11-30', after: '2025-11-25' }]);
    // The cited article whose text changed, with the powers that cite it (XK-002 cites it unchanged).
    expect(d.provisions).toMatchObject([{ law: 'xingzheng-xuke-fa', title: '中华人民共和国行政许可法', article: '第四十二条', powers: ['XK-001', 'XK-002'], source: 'registry' }]);
    expect(d.provisions[0]!.after).toContain('十五日内');
  });

  it('text and markdown show the long texts as line diffs (sentence by sentence), the markdown ones collapsed', async () => {
    const t = await cli(['diff', '-C', dir, 'main'], { env: GIT_ENV });
    expect(t.stdout).toContain('      第四十二条条文：修改（+1 −1 行）');
    expect(t.stdout).toContain('        -除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定。');
    expect(t.stdout).toContain('        +除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起十五日内作出行政许可决定。');
    expect(t.stdout).toContain('引用条文的文本变化\n  《中华人民共和国行政许可法》第四十二条（XK-001、XK-002 引用）');
    const m = await cli(['diff', '-C', dir, 'main', '--format', 'markdown'], { env: GIT_ENV });
    expect(m.stdout).toContain('| 正文 | （见下） | | 修改 |');
    expect(m.stdout).toMatch(/<details><summary>正文<\/summary>\n\n```diff\n(?:.*\n)*-重大决策事项应当向社会公开，依据\[\[law:xingzheng-xuke-fa#第二十九条\]\]办理。\n\+重大决策事项应当通过政府网站向社会公开/);
    expect(m.stdout).toContain('| 报送日期 |');
    // Under a comment's limit: whole sections left out, and it says so.
    const short = await cli(['diff', '-C', dir, 'main', '--format', 'markdown', '--max-chars', '1500'], { env: GIT_ENV });
    expect(short.stdout.length).toBeLessThanOrEqual(1500);
    expect(short.stdout).toContain('| 职权 |');
    expect(short.stdout).toMatch(/_还有 \d+ 部分因篇幅（1500 字符）未列出，完整内容见作业产物中的 powerbook diff 报告。_\n$/);
  });
});

describe('powerbook diff: where git is not as expected', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await historyRepo();
    git(dir, 'checkout', '-q', '-b', 'feature', 'HEAD~2');
    addPower(dir, 'XK-020', '新增的许可事项');
    commit(dir, 'feature');
  });

  it('default BASE: the merge base with the default branch; the branch own changes only', async () => {
    const d = await diffJson(dir);
    expect(d.base.rev).toBe('merge-base(main)');
    expect(d.base.commit).toBe(git(dir, 'rev-parse', 'HEAD~1'));
    expect(summary(d)).toEqual(['added power XK-020']);
  });

  it('a shallow clone without the base: exit 2, how to fetch it, no git message', async () => {
    const shallow = path.join(tempDir(), 'shallow');
    execFileSync('git', ['clone', '-q', '--depth', '1', '--single-branch', '--branch', 'feature', `file://${dir}`, shallow], { env: GIT_ENV });
    // As in a pull request's CI (GITHUB_BASE_REF names the target branch), and with the base named.
    for (const args of [[], ['v1'], ['main']]) {
      const r = await cli(['diff', '-C', shallow, ...args], { env: { ...GIT_ENV, GITHUB_BASE_REF: 'main' } });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('浅克隆');
      expect(r.stderr).toContain('fetch-depth: 0');
      expect(r.stderr).toContain('git fetch --unshallow');
      expect(r.stderr).not.toMatch(/fatal:|\n\s+at /);
    }
    const en = await cli(['diff', '-C', shallow, 'v1', '--lang', 'en'], { env: GIT_ENV });
    expect(en.stderr).toContain('Revision "v1" not found: this is a shallow clone');
    // Once fetched, it works.
    execFileSync('git', ['fetch', '-q', '--unshallow', 'origin', '+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*'], { cwd: shallow, env: GIT_ENV });
    const fetched = await cli(['diff', '-C', shallow, '--format', 'json'], { env: { ...GIT_ENV, GITHUB_BASE_REF: 'main' } });
    expect(summary(JSON.parse(fetched.stdout) as RepoDiff)).toEqual(['added power XK-020']);
  });

  it('an unknown revision and a directory outside git: exit 2 with a plain message', async () => {
    const r = await cli(['diff', '-C', dir, 'no-such-tag'], { env: GIT_ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('找不到修订"no-such-tag"');
    const plain = await validRepo();
    const n = await cli(['diff', '-C', plain], { env: { ...GIT_ENV, GIT_CEILING_DIRECTORIES: path.dirname(plain) } });
    expect(n.code).toBe(2);
    expect(n.stderr).toContain('不在 git 仓库中');
  });

  it('a rule repository in a subdirectory of the git work tree', async () => {
    const top = tempDir();
    const sub = path.join(top, 'departments', 'commerce');
    mkdirSync(sub, { recursive: true });
    const r = await cli(['init', sub, '--department', '测试市商务局']);
    expect(r.code).toBe(0);
    writeFileSync(path.join(top, 'README.md'), 'other files of the work tree\n');
    git(top, 'init', '-q', '-b', 'main');
    commit(top, 'one');
    edit(sub, 'powers/XK-001.yaml', (s) => s.replace('name: 示例行政许可事项（请改为本单位的事项）', 'name: 对外贸易经营者备案登记'));
    writeFileSync(path.join(top, 'README.md'), 'changed, but not part of the rule repository\n');
    const d = await diffJson(sub, 'main');
    expect(d.prefix).toBe('departments/commerce/');
    expect(summary(d)).toEqual(['changed power XK-001']);
    expect(d.items[0]!.changes).toMatchObject([{ path: 'name', before: '示例行政许可事项（请改为本单位的事项）', after: '对外贸易经营者备案登记' }]);
  });
});

describe('powerbook diff: pairing', () => {
  it('renumbered and changed under the same name is one item renamed; a copy under another name is removed + added; a file that does not parse is named, not compared', async () => {
    const dir = await validRepo();
    addPower(dir, 'XK-002', '拍卖企业设立许可');
    addPower(dir, 'XK-003', '典当行设立审核');
    git(dir, 'init', '-q', '-b', 'main');
    commit(dir, 'base');
    renameSync(path.join(dir, 'powers/XK-002.yaml'), path.join(dir, 'powers/XK-012.yaml'));
    edit(dir, 'powers/XK-012.yaml', (s) => s.replace('id: XK-002', 'id: XK-012').replace('post: 科长', 'post: 副科长'));
    renameSync(path.join(dir, 'powers/XK-003.yaml'), path.join(dir, 'powers/XK-013.yaml'));
    edit(dir, 'powers/XK-013.yaml', (s) => s.replace('id: XK-003', 'id: XK-013').replace('name: 典当行设立审核', 'name: 典当行变更审核'));
    edit(dir, 'powers/XK-001.yaml', (s) => s.replace('unit: 办公室', 'unit: [办公室'));
    const d = await diffJson(dir, 'main');
    expect(summary(d)).toEqual(['added power XK-013', 'removed power XK-003', 'renamed power XK-002→XK-012']);
    expect(d.counts.power).toMatchObject({ added: 1 });
    expect(d.items.find((i) => i.status === 'renamed')).toMatchObject({ identical: false, changes: [{ path: 'post', before: '科长', after: '副科长' }] });
    expect(d.unreadable).toEqual([{ side: 'head', file: 'powers/XK-001.yaml' }]);
    const t = await cli(['diff', '-C', dir, 'main'], { env: GIT_ENV });
    expect(t.stdout).toContain('未比较（文件无法解析，请运行 powerbook validate 查看）：\n  当前  powers/XK-001.yaml');
  });
});

describe('powerbook diff: renumbered and renamed', () => {
  it('a new id and a new name is removed + added (another power may be made from an old one), with a note when nothing else differs', async () => {
    const dir = await validRepo();
    addPower(dir, 'XK-002', '拍卖企业设立许可');
    git(dir, 'init', '-q', '-b', 'main');
    commit(dir, 'base');
    git(dir, 'mv', 'powers/XK-002.yaml', 'powers/XK-012.yaml');
    edit(dir, 'powers/XK-012.yaml', (s) => s.replace('id: XK-002', 'id: XK-012').replace('name: 拍卖企业设立许可', 'name: 拍卖企业设立审批'));
    const d = await diffJson(dir, 'main');
    expect(summary(d)).toEqual(['added power XK-012', 'removed power XK-002']);
    expect(d.items[0]).toMatchObject({ alike: { id: 'XK-002', name: '拍卖企业设立许可' } });
    expect(d.items[1]!.alike).toBeUndefined();
    const t = await cli(['diff', '-C', dir, 'main'], { env: GIT_ENV });
    expect(t.stdout).toContain('  新增  XK-012 拍卖企业设立审批（行政许可）（除编码和名称外与取消的 XK-002 拍卖企业设立许可 相同）  powers/XK-012.yaml\n');
    const m = await cli(['diff', '-C', dir, 'main', '--format', 'markdown', '--lang', 'en'], { env: GIT_ENV });
    expect(m.stdout).toContain('| XK-012 | 拍卖企业设立审批 (same as removed XK-002 拍卖企业设立许可 but for its id and name) | 行政许可 | powers/XK-012.yaml |');
  });
});

describe('powerbook diff: hostile inputs', () => {
  const plain = (r: { stdout: string; stderr: string }) => expect(`${r.stdout}${r.stderr}`).not.toMatch(/fatal:|\n\s+at |Error:/);

  it('a git repository with no commit: exit 2, saying to commit first, whatever BASE', async () => {
    const dir = await validRepo();
    git(dir, 'init', '-q', '-b', 'main');
    for (const args of [[], ['HEAD'], ['main', 'HEAD']]) {
      const r = await cli(['diff', '-C', dir, ...args], { env: GIT_ENV });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('powerbook: 这个 git 仓库还没有任何提交，没有可以比较的修订：请先提交一次（git add -A，git commit -m "第一版"），再运行 powerbook diff\n');
      plain(r);
    }
    const en = await cli(['diff', '-C', dir, '--lang', 'en'], { env: GIT_ENV });
    expect(en.stderr).toContain('This git repository has no commit yet');
  });

  it('a range for BASE, and -o/--out at a directory or under a file (diff, status, validate, rollup): exit 2, one line each', async () => {
    const dir = await historyRepo();
    const range = await cli(['diff', '-C', dir, 'v1..HEAD'], { env: GIT_ENV });
    expect(range.code).toBe(2);
    expect(range.stderr).toBe('powerbook: "v1..HEAD"是一个范围：powerbook diff 比较两个修订，请分开写，例如 powerbook diff v1 HEAD\n');
    const cases: [string[], RegExp][] = [
      [['diff', '-C', dir, 'v1', '-o', dir], /^powerbook: -o .* 是一个目录：请写出文件名，例如 .*report\.md\n$/],
      [['status', dir, '-o', dir], /^powerbook: -o .* 是一个目录/],
      [['validate', dir, '-o', dir], /^powerbook: -o .* 是一个目录/],
      [['diff', '-C', dir, 'v1', '-o', path.join(dir, 'powerbook.yaml', 'diff.md')], /^powerbook: 无法写入 .*diff\.md：路径中有一段是文件，不是目录\n$/],
      [['rollup', dir, '--out', path.join(dir, 'powerbook.yaml')], /^powerbook: 输出目录 .*powerbook\.yaml 是一个文件，不是目录/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args, { env: GIT_ENV });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      plain(r);
    }
  });

  it('GBK and binary files, a YAML syntax error at the base (powerbook.yaml too): compared where they can be, named where not', async () => {
    const dir = await validRepo();
    const gbk = (rel: string, f: (s: string) => string) => {
      const text = f(readFileSync(path.join(dir, rel), 'utf8'));
      writeFileSync(path.join(dir, rel), iconv.encode(text, 'gbk'));
    };
    // The base: powerbook.yaml and XK-002 do not parse.
    addPower(dir, 'XK-002', '拍卖企业设立许可');
    edit(dir, 'powers/XK-002.yaml', (s) => s.replace('unit: 办公室', 'unit: [办公室'));
    const config = readFileSync(path.join(dir, 'powerbook.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'powerbook.yaml'), `${config}department: [\n`);
    git(dir, 'init', '-q', '-b', 'main');
    commit(dir, 'broken');
    // Then: both fixed, XK-001 saved in GBK (as Word/WPS on Windows do) with its time limit shortened, a binary file as a power.
    writeFileSync(path.join(dir, 'powerbook.yaml'), config);
    edit(dir, 'powers/XK-002.yaml', (s) => s.replace('unit: [办公室', 'unit: 办公室'));
    commit(dir, 'fixed');
    gbk('powers/XK-001.yaml', (s) => s.replace('statutory: { days: 20, unit: 工作日 }', 'statutory: { days: 18, unit: 工作日 }'));
    writeFileSync(path.join(dir, 'powers/XK-009.yaml'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.alloc(64, 0xff)]));
    commit(dir, 'gbk');

    const fixed = await cli(['diff', '-C', dir, 'HEAD~2', 'HEAD~1', '--exit-code'], { env: GIT_ENV });
    plain(fixed);
    expect(fixed.code).toBe(1); // not "no change": two files could not be compared
    expect(fixed.stdout).toContain('未比较（文件无法解析，请运行 powerbook validate 查看）：\n  比较基准  powerbook.yaml\n  比较基准  powers/XK-002.yaml\n');
    expect(fixed.stdout).not.toContain('均无变化');
    const j = JSON.parse((await cli(['diff', '-C', dir, 'HEAD~2', 'HEAD~1', '--format', 'json'], { env: GIT_ENV })).stdout) as RepoDiff;
    expect(j.config).toEqual([]); // not every key "added"
    expect(j.items).toEqual([]);

    const d = JSON.parse((await cli(['diff', '-C', dir, 'HEAD~1', 'HEAD', '--format', 'json'], { env: GIT_ENV })).stdout) as RepoDiff;
    expect(summary(d)).toEqual(['changed power XK-001']);
    expect(d.items[0]!.changes).toMatchObject([{ path: 'time_limit.statutory', before: '20个工作日', after: '18个工作日' }]);
    expect(d.unreadable).toEqual([{ side: 'head', file: 'powers/XK-009.yaml' }]);
    // The working tree in GBK too: powerbook.yaml's edition.
    gbk('powerbook.yaml', (s) => s.replace('edition: 第一版', 'edition: 第二版'));
    const w = await cli(['diff', '-C', dir, 'HEAD'], { env: GIT_ENV });
    plain(w);
    expect(w.stdout).toContain('\npowerbook.yaml\n  版次：第一版 → 第二版\n');
  });
});

describe('powerbook diff: markdown is safe in a comment', () => {
  it('HTML and Markdown in names are escaped; table cells stay one cell', async () => {
    const dir = await validRepo();
    git(dir, 'init', '-q', '-b', 'main');
    commit(dir, 'base');
    addPower(dir, 'XK-002', '<img src=x onerror=alert(1)> | **粗体** `code`');
    edit(dir, 'powers/XK-001.yaml', (s) => s.replace('unit: 办公室', 'unit: "<script>alert(1)</script>|科"'));
    const r = await cli(['diff', '-C', dir, 'main', '--format', 'markdown'], { env: GIT_ENV });
    expect(r.stdout).not.toContain('<img');
    expect(r.stdout).not.toContain('<script>');
    expect(r.stdout).toContain('| XK-002 | &lt;img src=x onerror=alert(1)&gt; \\| \\*\\*粗体\\*\\* \\`code\\` | 行政许可 | powers/XK-002.yaml |');
    expect(r.stdout).toContain('| 承办机构 | 办公室 | &lt;script&gt;alert(1)&lt;/script&gt;\\|科 |  |');
    expect(readFileSync(path.join(dir, 'powers/XK-001.yaml'), 'utf8')).toContain('<script>'); // sources untouched
  });
});
