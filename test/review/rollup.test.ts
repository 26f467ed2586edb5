/**
 * `powerbook rollup` over three generated departments: two publish their CI's JSON (status and validate), one is read
 * as a repository. The page opened in Chromium (table, sorting, CSP), the workbook read back with exceljs, the JSON,
 * the same over http from a local server, and the errors for what cannot be read.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { edit, tempDir, validRepo } from '../helpers/repo.js';
import { fileUrl, launchBrowser, watchedPage } from '../site/helpers.js';
import type { RollupReport } from '../../src/review/rollup/report.js';
import { addPower } from './fixture.js';

const AT = '2025-11-10';
const STAGES = 'stages:\n  draft_by: 2025-09-30\n  legality_review_by: 2025-10-31\n  deliberation_by: 2025-11-15\n  submit_by: 2025-11-30\n  publish_by: 2026-01-31\n';

async function department(name: string): Promise<string> {
  const dir = await validRepo();
  edit(dir, 'powerbook.yaml', (s) => s.replace(/name: 测试市商务局/g, `name: ${name}`).replace(/title: 测试市商务局/, `title: ${name}`)
    .replace(/^  date: \d{4}-\d{2}-\d{2}$/m, '  date: 2025-11-20').replace(/stages:\n(?: {2}.*\n)+/, STAGES));
  edit(dir, 'rules/ZD-01.md', (s) => s.replace(/date: \d{4}-\d{2}-\d{2}/, 'date: 2025-10-20').replace(/(deliberation:[\s\S]*?)date: \d{4}-\d{2}-\d{2}/, '$1date: 2025-11-05'));
  // The department's powers are its own (实施主体: power-body-unit).
  edit(dir, 'powers/XK-001.yaml', (s) => s.replace(/^body: .*$/m, `body: ${name}`));
  return dir;
}

/** 甲: on plan. 乙: a rule without legality review (overdue since 10-31), two high risks more. 丙: a power on a repealed law. */
async function departments(): Promise<{ a: string; b: string; c: string }> {
  const a = await department('甲县商务局');
  const b = await department('乙县市场监督管理局');
  edit(b, 'rules/ZD-01.md', (s) => s.replace(/legality_review:\n(?: {2}.*\n)+/, ''));
  for (const id of ['XK-002', 'XK-003']) {
    addPower(b, id, `乙县许可事项${id}`);
    edit(b, `powers/${id}.yaml`, (s) => s.replace('        - level: 中\n', '        - level: 高\n'));
  }
  const c = await department('丙县发展和改革局');
  edit(c, 'powers/XK-001.yaml', (s) => s.replace('legal_bases:\n', 'legal_bases:\n  - law: baofei-qiche-2001\n'));
  writeFileSync(path.join(c, 'laws/baofei-qiche-2001.yaml'), 'id: baofei-qiche-2001\ntitle: 报废汽车回收管理办法\nlevel: 行政法规\nissuer: 国务院\ndoc_number: 国务院令第307号\neffective: 2001-06-16\nstatus: 已废止\nstatus_date: 2019-06-01\n');
  return { a, b, c };
}

/** What a department's CI publishes (the templates' commands), into `artifacts`. */
async function publish(repo: string, artifacts: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  // Run in the repository, as CI runs them (paths in the reports relative to it).
  expect((await cli(['status', '.', '--at', AT, '--format', 'json', '--output', path.join(artifacts, 'powerbook-status.json')], { cwd: repo })).code).toBe(0);
  await cli(['validate', '.', '--stage', 'review', '--format', 'json', '--output', path.join(artifacts, 'powerbook-validate.json')], { cwd: repo });
}

describe('powerbook rollup', () => {
  let repos: { a: string; b: string; c: string };
  let artifacts: string;
  let out: string;
  let report: RollupReport;
  let browser: Browser | undefined;

  beforeAll(async () => {
    repos = await departments();
    artifacts = tempDir('pb-artifacts-');
    await publish(repos.a, path.join(artifacts, 'a'));
    await publish(repos.b, path.join(artifacts, 'b'));
    out = path.join(tempDir('pb-rollup-'), 'rollup');
    const r = await cli(['rollup', path.join(artifacts, 'a'), path.join(artifacts, 'b'), repos.c, '--out', out, '--at', AT]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('已汇总 3 个部门（截至 2025-11-10）：有逾期阶段的 2 个');
    report = JSON.parse(readFileSync(path.join(out, 'rollup.json'), 'utf8')) as RollupReport;
    browser = await launchBrowser();
  });
  afterAll(async () => { await browser?.close(); });

  it('json: per department the stage reached, the next and its date, overdue stages, errors, repealed bases, risks by level', () => {
    expect(report).toMatchObject({ kind: 'powerbook-rollup', version: 1, at: AT, totals: { departments: 3, withOverdue: 2, repealed: 1, risks: { 高: 2, 中: 3, 低: 0 } } });
    const [a, b, c] = report.departments;
    expect(a).toMatchObject({ department: '甲县商务局', reached: { key: 'publish' }, next: null, overdue: [], errors: 0, errorsFrom: 'validate', repealed: [], risks: { 高: 0, 中: 1, 低: 0 }, powers: 1, rules: 1, rulesDeliberated: 1, statusAt: AT });
    expect(b).toMatchObject({ department: '乙县市场监督管理局', reached: { key: 'draft' }, next: { key: 'review', due: '2025-10-31', days: -10, state: 'overdue' }, errors: 1, errorsFrom: 'validate', risks: { 高: 2, 中: 1, 低: 0 }, powers: 3 });
    expect(b!.overdue.map((o) => [o.key, o.days])).toEqual([['review', -10]]);
    expect(b!.problems).toEqual([expect.objectContaining({ file: 'rules/ZD-01.md', rule: 'rule-legality-review', severity: 'error' })]);
    expect(c).toMatchObject({ department: '丙县发展和改革局', source: repos.c, reached: null, next: { key: 'draft', due: '2025-09-30', days: -41, state: 'overdue' }, errors: 1, repealed: [{ title: '报废汽车回收管理办法', date: '2019-06-01', powers: ['XK-001'] }] });
    expect(c!.overdue.map((o) => o.key)).toEqual(['draft', 'review']);
  });

  it('html in Chromium: the site\'s style under its CSP, one row per department, sorted by a click on a column', async () => {
    const { page, problems } = await watchedPage(browser!);
    try {
      await page.goto(fileUrl(out, 'index.html'), { waitUntil: 'load' });
      expect(await page.$eval('.skip', (x) => getComputedStyle(x).position)).toBe('absolute'); // the stylesheet applied
      const column = (i: number) => page.$$eval('#rollup tbody tr', (rows, k) => rows.map((r) => (r as HTMLTableRowElement).cells[k as number]!.textContent!.trim()), i);
      expect(await column(0)).toEqual(['甲县商务局', '乙县市场监督管理局', '丙县发展和改革局']);
      const heads = await page.$$eval('#rollup thead th', (ths) => ths.map((t) => t.textContent!.trim()));
      expect(heads.slice(0, 9)).toEqual(['部门', '已完成阶段', '下一阶段', '期限', '进度', '逾期阶段', '错误', '警告', '已废止依据']);
      expect(await column(4)).toEqual(['全部完成', '逾期 10 天', '逾期 41 天']);
      const byHead = async (name: string) => { await page.evaluate((n) => { [...document.querySelectorAll('#rollup thead th')].find((t) => t.textContent!.trim() === n)!.querySelector('button')!.click(); }, name); };
      await byHead('风险点（高）');
      expect(await column(0)).toEqual(['甲县商务局', '丙县发展和改革局', '乙县市场监督管理局']);
      await byHead('风险点（高）');
      expect(await column(0)).toEqual(['乙县市场监督管理局', '甲县商务局', '丙县发展和改革局']);
      expect(await page.$eval('#rollup thead th:nth-child(10)', (t) => t.getAttribute('aria-sort'))).toBe('descending');
      await byHead('进度');
      expect(await column(4)).toEqual(['逾期 41 天', '逾期 10 天', '全部完成']);
      await byHead('部门');
      expect(await column(0)).toEqual(['丙县发展和改革局', '甲县商务局', '乙县市场监督管理局']); // zh collation: bing, jia, yi
      expect(await page.$eval('#dept-3', (s) => s.textContent)).toContain('引用已废止的法律：《报废汽车回收管理办法》（2019-06-01 废止）：XK-001');
      expect(problems.console).toEqual([]);
      expect(problems.errors).toEqual([]);
      for (const u of problems.requests) expect(u).toMatch(/^(file:\/\/|data:)/);
      const html = readFileSync(path.join(out, 'index.html'), 'utf8');
      expect(html).toContain(`content="default-src 'none'; img-src data:; style-src 'self'; script-src 'self'"`);
      expect(html).not.toMatch(/<script>|style="/);
    } finally {
      await page.close();
    }
  });

  it('xlsx read back with exceljs: the summary, overdue stages, repealed bases and problems', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'rollup.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '逾期阶段', '已废止依据', '问题']);
    const rows = (name: string) => wb.getWorksheet(name)!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    const summary = rows('汇总');
    expect(summary[0]!.slice(0, 9)).toEqual(['部门', '已完成阶段', '下一阶段', '期限', '距期限天数', '逾期阶段数', '错误', '警告', '已废止依据']);
    expect(summary.slice(1).map((r) => r.slice(0, 12))).toEqual([
      ['甲县商务局', '向社会公布', '全部完成', '', undefined, 0, 0, 0, 0, 0, 1, 0],
      ['乙县市场监督管理局', '起草', '合法性审查', '2025-10-31', -10, 1, 1, 0, 0, 2, 1, 0],
      ['丙县发展和改革局', undefined, '起草', '2025-09-30', -41, 2, 1, 0, 1, 0, 1, 0],
    ].map((r) => r.map((x) => (x === '' ? undefined : x))));
    expect(rows('逾期阶段').slice(1)).toEqual([['乙县市场监督管理局', '合法性审查', '2025-10-31', 10], ['丙县发展和改革局', '起草', '2025-09-30', 41], ['丙县发展和改革局', '合法性审查', '2025-10-31', 10]]);
    expect(rows('已废止依据').slice(1)).toEqual([['丙县发展和改革局', '报废汽车回收管理办法', '已废止', '2019-06-01', 'XK-001']]);
    expect(rows('问题').slice(1).map((r) => [r[0], r[1], r[4], r[5]])).toEqual([['乙县市场监督管理局', 'rules/ZD-01.md', '错误', 'rule-legality-review'], ['丙县发展和改革局', 'powers/XK-001.yaml', '错误', 'law-not-in-force']]);
  });

  it('the same inputs give the same bytes; a folder of department folders is read as they are', async () => {
    const again = path.join(tempDir('pb-rollup-'), 'rollup');
    await new Promise((r) => setTimeout(r, 1100)); // a zip written with the clock would differ now
    expect((await cli(['rollup', path.join(artifacts, 'a'), path.join(artifacts, 'b'), repos.c, '--out', again, '--at', AT])).code).toBe(0);
    for (const f of ['index.html', 'rollup.css', 'rollup.js', 'rollup.json', 'rollup.xlsx']) expect(readFileSync(path.join(again, f)).equals(readFileSync(path.join(out, f))), f).toBe(true);
    const both = path.join(tempDir('pb-rollup-'), 'r');
    expect((await cli(['rollup', artifacts, '--out', both, '--at', AT, '--format', 'json'])).code).toBe(0);
    expect((JSON.parse(readFileSync(path.join(both, 'rollup.json'), 'utf8')) as RollupReport).departments.map((d) => d.department)).toEqual(['甲县商务局', '乙县市场监督管理局']);
  });

  it('a status or validate file edited by hand or damaged: exit 2 naming the file and the field, never NaN in the outputs nor an internal error', async () => {
    const good = JSON.parse(readFileSync(path.join(artifacts, 'a', 'powerbook-status.json'), 'utf8')) as Record<string, any>;
    const cases: [string, (s: Record<string, any>) => void, string][] = [
      ['risks', (s) => { s.risks.中 = 'many'; }, 'risks.中 应为非负整数'],
      ['a huge negative count', (s) => { s.risks.高 = -1e308; }, 'risks.高 应为非负整数'],
      ['next', (s) => { s.next = '../../etc'; }, 'next 应为阶段名'],
      ['laws.repealed missing', (s) => { delete s.laws.repealed; }, 'laws.repealed 应为列表'],
      ['stages', (s) => { s.stages = 'all done'; }, 'stages 应为列表'],
      ['a stage date', (s) => { s.stages[0].due = '明天'; }, 'stages[0].due 应为日期 YYYY-MM-DD'],
    ];
    for (const [name, spoil, words] of cases) {
      const dir = tempDir('pb-spoilt-');
      const s = structuredClone(good);
      spoil(s);
      writeFileSync(path.join(dir, 'powerbook-status.json'), JSON.stringify(s));
      const r = await cli(['rollup', dir, '--out', tempDir()]);
      expect([r.code, r.stdout], name).toEqual([2, '']);
      expect(r.stderr, name).toContain(`powerbook-status.json 不是完整的 powerbook status JSON 输出：${words}`);
      expect(r.stderr.split('\n')).toHaveLength(2);
    }
    const dir = tempDir('pb-spoilt-');
    writeFileSync(path.join(dir, 'powerbook-status.json'), JSON.stringify(good));
    writeFileSync(path.join(dir, 'powerbook-validate.json'), JSON.stringify([{ rule: 'schema', severity: 'fatal', file: 'x', line: 'one', column: 1, message: 'm' }]));
    const v = await cli(['rollup', dir, '--out', tempDir()]);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('不是 powerbook validate 的 JSON 输出');
  });

  describe('over http', () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      server = createServer((req, res) => {
        const file = path.join(artifacts, decodeURIComponent(new URL(req.url!, 'http://x').pathname));
        try { const body = readFileSync(file); res.writeHead(200, { 'content-type': 'application/json' }).end(body); } catch { res.writeHead(404).end('not found'); }
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('reads the artifacts from URLs (a folder, or the status file itself) as from folders', async () => {
      const o = path.join(tempDir('pb-rollup-'), 'r');
      const r = await cli(['rollup', `${base}/a/`, `${base}/b/powerbook-status.json`, '--out', o, '--at', AT, '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      const viaHttp = JSON.parse(readFileSync(path.join(o, 'rollup.json'), 'utf8')) as RollupReport;
      expect(viaHttp.departments.map((d) => ({ ...d, source: '' }))).toEqual(report.departments.slice(0, 2).map((d) => ({ ...d, source: '' })));
      expect(viaHttp.departments[0]!.source).toBe(`${base}/a/`);
    });

    it('an unreachable server, a missing file and a file that is not status JSON: exit 2 with a plain message', async () => {
      // A port nothing listens on: a server opened and closed again.
      const closed = createServer();
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((r) => closed.close(() => r()));
      const refused = await cli(['rollup', `http://127.0.0.1:${port}/a/`, '--out', tempDir()]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toBe(`powerbook: 无法读取 http://127.0.0.1:${port}/a/powerbook-status.json：服务器拒绝连接（地址或端口不对，或服务没有运行）。请检查网址和网络，或把 CI 产物下载到本地后用文件夹汇总\n`);
      const refusedEn = await cli(['rollup', `http://127.0.0.1:${port}/a/`, '--out', tempDir(), '--lang', 'en']);
      expect(refusedEn.stderr).toContain(': ECONNREFUSED. Check the address');
      const badPort = await cli(['rollup', 'http://127.0.0.1:1/a/', '--out', tempDir()]);
      expect([badPort.code, badPort.stderr]).toEqual([2, 'powerbook: 无法读取 http://127.0.0.1:1/a/powerbook-status.json：网址中的端口无效。请检查网址和网络，或把 CI 产物下载到本地后用文件夹汇总\n']);
      const missing = await cli(['rollup', `${base}/nowhere/`, '--out', tempDir()]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('服务器返回 404');
      const wrong = await cli(['rollup', `${base}/a/powerbook-validate.json`, '--out', tempDir()]);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain('不是 powerbook status 的 JSON 输出');
      const folder = await cli(['rollup', tempDir(), '--out', tempDir()]);
      expect(folder.code).toBe(2);
      expect(folder.stderr).toContain('既没有 powerbook-status.json');
      const file = path.join(tempDir(), 'status.txt');
      writeFileSync(file, '{}');
      const notFolder = await cli(['rollup', file, '--out', tempDir()]);
      expect([notFolder.code, notFolder.stderr]).toEqual([2, `powerbook: 不是文件夹：${file}（请给出 CI 产物所在的文件夹、制度库或放着各部门文件夹的文件夹）\n`]);
      const none = await cli(['rollup', path.join(tempDir(), 'gone'), '--out', tempDir()]);
      expect(none.stderr).toContain('文件夹不存在');
    });
  });
});
