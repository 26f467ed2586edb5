/** `powerbook build --format html`: the public site's files, structure, accessibility basics, risk points and atomicity. */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRepository } from '../../src/check/load.js';
import { CSP, writeSiteFiles } from '../../src/render/site/index.js';
import { FileNames, safeFileStem } from '../../src/render/site/names.js';
import { tempDir } from '../helpers/repo.js';
import { EXAMPLE, brokenLinks, buildSite, edit, exampleCopy, headingLevels, htmlPages, listFiles, read, tags, textOf } from './helpers.js';

describe('the public site of the example', () => {
  let site: string;
  let out: string;
  let stderr: string;
  let repo: Awaited<ReturnType<typeof loadRepository>>['repo'];
  beforeAll(async () => {
    ({ site, out, stderr } = await buildSite(EXAMPLE));
    ({ repo } = await loadRepository(EXAMPLE));
  });

  it('has the home page, one page per power and per rule, the catalogue, the law index and the two assets', () => {
    const files = listFiles(site);
    for (const f of ['index.html', 'catalogue.html', 'laws.html', 'assets/site.css', 'assets/filter.js']) expect(files).toContain(f);
    for (const p of repo.powers) expect(files).toContain(`powers/${p.data.id}.html`);
    for (const r of repo.rules) expect(files).toContain(`rules/${r.data.id}.html`);
    expect(files.filter((f) => f.startsWith('powers/'))).toHaveLength(repo.powers.length);
    expect(files.filter((f) => f.startsWith('rules/'))).toHaveLength(repo.rules.length);
    expect(stderr).toContain('网站');
  });

  it('every page: lang="zh-CN", the CSP meta, exactly one h1, headings in order, a skip link to <main>', () => {
    for (const page of htmlPages(site)) {
      const html = read(site, page);
      expect(html, page).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
      expect(html, page).toContain(`<meta http-equiv="Content-Security-Policy" content="${CSP}">`);
      expect(CSP).toBe("default-src 'none'; img-src data:; style-src 'self'; script-src 'self'");
      expect(html, page).toContain('<meta charset="utf-8">');
      const levels = headingLevels(html);
      expect(levels.filter((l) => l === 1), page).toHaveLength(1);
      expect(levels[0], page).toBe(1);
      levels.forEach((l, i) => { if (i) expect(l, `${page}: h${levels[i - 1]} → h${l}`).toBeLessThanOrEqual(levels[i - 1] + 1); });
      expect(html, page).toContain('<a class="skip" href="#main">');
      expect(html, page).toContain('<main id="main"');
      expect(html, page).toMatch(/<title>[^<]+<\/title>/);
    }
  });

  it('power pages: the info table with the legal bases and article texts, the flowchart as a data-URI <img>, the step table', () => {
    for (const p of repo.powers) {
      const html = read(site, `powers/${p.data.id}.html`);
      const text = textOf(html);
      // the code kept on one line (a nobr span: document/unbroken.ts)
      expect(html).toMatch(new RegExp(`<h1 [^>]*>${p.data.name}（<span class="nobr">${p.data.id}</span>）</h1>`));
      for (const label of ['事项编码', '权力类别', '实施依据', '办理时限', '收费']) expect(html).toContain(`<th scope="row">${label}</th>`);
      expect(html).toMatch(/<figure id="[^"]+"><img src="data:image\/(svg\+xml|png);base64,[A-Za-z0-9+/=]+" alt="[^"]+权力运行流程图(（\d+\/\d+）)?" width="\d+" height="\d+">/);
      expect(html).not.toMatch(/<svg[\s>]/i);
      expect(html).toContain('<th scope="col">环节</th>');
      for (const s of p.data.procedure.steps) expect(text).toContain(s.name);
    }
    // XK-001 cites 行政许可法 第三十二条: its text is on the page.
    expect(textOf(read(site, 'powers/XK-001.html'))).toContain('行政机关对申请人提出的行政许可申请');
  });

  it('home page: title, department, 编制说明, powers by category with the filter, rules by area, links to every page', () => {
    const html = read(site, 'index.html');
    const text = textOf(html);
    expect(html).toContain('<h1>株洲市商务局规范权力运行制度汇编</h1>');
    expect(text).toContain('株洲市商务局');
    expect(html).toMatch(/<h2 id="[^"]+" class="h-part[^"]*">编制说明<\/h2>/);
    expect(text).toContain('为有效规范权力运行');
    expect(html).toMatch(/<input type="search" id="power-filter"/);
    expect(html).toMatch(/<label for="power-filter">/);
    expect(html).toContain('<script src="assets/filter.js" defer></script>');
    for (const p of repo.powers) expect(html).toMatch(new RegExp(`<li data-power data-search="[^"]*${p.data.id}[^"]*"><a href="powers/${p.data.id}\\.html">`));
    for (const r of repo.rules) expect(html).toContain(`<a href="rules/${r.data.id}.html">${r.data.title}</a>`);
    for (const cat of new Set(repo.powers.map((p) => p.data.category))) expect(html).toMatch(new RegExp(`<h3 id="cat-\\d+-h">${cat}（\\d+项）</h3>`));
    for (const area of ['职权法定', '公开透明', '绩效评估', '查究问责']) expect(html).toMatch(new RegExp(`<h3 id="area_\\d"><span class="num">[一二三四]、</span>${area}类制度</h3>`));
    expect(html).toContain('href="catalogue.html"');
    expect(html).toContain('href="laws.html"');
  });

  it('catalogue and law index: their tables, with links into the power pages', () => {
    const cat = read(site, 'catalogue.html');
    expect(cat).toMatch(/<h1 [^>]*><span class="num">第一部分<\/span>\u3000职权目录<\/h1>/);
    for (const h of ['序号', '事项编码', '事项名称', '权力类别', '实施依据']) expect(cat).toContain(`<th scope="col">${h}</th>`);
    for (const p of repo.powers) expect(cat).toContain(`href="powers/${p.data.id}.html#`);
    const laws = read(site, 'laws.html');
    for (const l of repo.laws) expect(textOf(laws)).toContain(l.data.title);
    expect(laws).toContain('合法性审查与集体审议情况');
  });

  it('cross references point at the page holding the anchor; footnotes sit at the end of their rule page', () => {
    for (const page of htmlPages(site)) expect(brokenLinks(site, page, read(site, page))).toEqual([]);
    // (the checker itself finds a missing page and a missing id)
    expect(brokenLinks(site, 'rules/ZD-01.html', '<a href="../powers/NOPE.html">x</a><a href="#nope">y</a><a href="../index.html#powers">z</a>')).toHaveLength(2);
    expect(tags(read(site, 'index.html')).length).toBeGreaterThan(100);
    // ZD-02 refers to the penalty powers.
    expect(read(site, 'rules/ZD-02.html')).toMatch(/<a class="ref ref-power" href="\.\.\/powers\/CF-001\.html#pw_CF_001">/);
    const zd01 = read(site, 'rules/ZD-01.html');
    expect(zd01).toMatch(/<sup class="fnref"><a href="#fn-1" id="fnref-1">1<\/a><\/sup>/);
    expect(zd01).toMatch(/<section class="footnotes"[^>]*><ol><li id="fn-1" value="1">[^]*<\/section>\s*<\/article>/);
    expect(read(site, 'rules/ZD-06.html')).toContain('<li id="fn-2" value="2">');
    expect(read(site, 'rules/ZD-06.html')).not.toContain('id="fn-1"');
  });

  it('loads nothing from the network: no remote src, stylesheet or script; the only script is assets/filter.js', () => {
    for (const page of htmlPages(site)) {
      const html = read(site, page);
      for (const t of tags(html)) {
        const src = t.attrs.get('src');
        if (src !== undefined) expect(src, `${page}: ${t.raw.slice(0, 80)}`).toMatch(/^(data:image\/(svg\+xml|png);base64,|(\.\.\/)*assets\/filter\.js$)/);
        if (t.name === 'link') expect(t.attrs.get('href'), page).toMatch(/^(data:,|(\.\.\/)*assets\/site\.css)$/);
        if (t.name === 'script') expect(t.attrs.get('src'), page).toMatch(/^(\.\.\/)*assets\/filter\.js$/);
        for (const a of t.attrs.keys()) expect(a, `${page}: ${t.raw.slice(0, 80)}`).not.toMatch(/^on/);
        expect(t.attrs.has('style'), `${page}: ${t.raw.slice(0, 80)}`).toBe(false); // the CSP allows no inline style
        if (t.name === 'img') expect(t.attrs.get('alt'), page).toBeTruthy();
      }
      expect(html.match(/<script/g)?.length ?? 0, page).toBe(page === 'index.html' ? 1 : 0);
      expect(html, page).not.toMatch(/<style[\s>]/);
      expect(html, page).not.toMatch(/<(iframe|object|embed|base|svg)[\s>]/i);
    }
    const css = read(site, 'assets/site.css');
    expect(css).not.toMatch(/@import|url\(|https?:/);
    expect(css).toMatch(/@media print\s*{[^]*\.site-nav[^]*\.filter[^]*display: none/);
    expect(read(site, 'assets/filter.js')).not.toMatch(/https?:|fetch\(|XMLHttpRequest|innerHTML|eval\(/);
  });

  it('hides the risk points by default (show_risks_in_public: false)', () => {
    const risk = repo.powers.flatMap((p) => p.data.procedure.steps.flatMap((s) => s.risks ?? []))[0]!;
    for (const page of htmlPages(site)) {
      const html = read(site, page);
      expect(html, page).not.toContain('class="risk"');
      expect(html, page).not.toContain('>风险点<');
      expect(html, page).not.toContain('>防控措施<');
      expect(html, page).not.toContain(risk.description);
      expect(html, page).not.toContain(risk.controls[0]);
      expect(html, page).not.toContain('廉政风险防控表');
    }
    const withSteps = repo.powers.find((p) => p.data.procedure.steps.some((s) => s.risks?.length))!;
    expect(read(site, `powers/${withSteps.data.id}.html`)).toContain(`<caption>${withSteps.data.name}办理环节表</caption>`);
  });

  it('writes a manifest entry with a hash for every site file', () => {
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    const paths = m.outputs.map((o: { path: string }) => o.path);
    for (const f of listFiles(site)) expect(paths).toContain(`site/${f}`);
  });
});

describe('risk points on the public site', () => {
  it('are shown when the department allows it (show_risks_in_public: true)', async () => {
    const dir = exampleCopy();
    edit(dir, 'powerbook.yaml', (s) => s.replace('show_risks_in_public: false', 'show_risks_in_public: true'));
    const { site } = await buildSite(dir);
    const { repo } = await loadRepository(dir);
    const p = repo.powers.find((x) => x.data.procedure.steps.some((s) => s.risks?.length))!;
    const html = read(site, `powers/${p.data.id}.html`);
    expect(html).toContain('<th scope="col" class="risk">风险点</th>');
    expect(html).toContain('<th scope="col" class="risk">防控措施</th>');
    expect(html).toMatch(/<td class="risk">/);
    expect(html).toContain(`<caption>${p.data.name}办理环节及廉政风险防控表</caption>`);
    const risk = p.data.procedure.steps.flatMap((s) => s.risks ?? [])[0]!;
    expect(textOf(html)).toContain(`【${risk.level}】${risk.description}`);
    expect(textOf(html)).toContain(risk.controls[0]);
  });
});

describe('writing the site', () => {
  it('replaces the previous site as a whole, leaves no temporary folder and removes those of dead builds', async () => {
    const { out, site } = await buildSite(EXAMPLE);
    const first = new Map(listFiles(site).map((f) => [f, read(site, f)]));
    writeFileSync(path.join(site, 'stale.html'), 'old');
    mkdirSync(path.join(out, '.site.tmp-2147483646'));
    writeFileSync(path.join(out, '.site.tmp-2147483646', 'half.html'), 'half');
    await buildSite(EXAMPLE, out);
    expect(existsSync(path.join(site, 'stale.html'))).toBe(false);
    expect(existsSync(path.join(site, 'index.html'))).toBe(true);
    // (coverage.json: the example lists its roles, see powerbook laws coverage.)
    expect(readdirSync(out).sort()).toEqual(['coverage.json', 'manifest.json', 'site']);
    // The same model gives the same bytes.
    expect(new Map(listFiles(site).map((f) => [f, read(site, f)]))).toEqual(first);
  });

  it('a build that fails half-way leaves the previous site intact', () => {
    const out = tempDir('pb-site-atomic-');
    writeSiteFiles(out, [{ path: 'index.html', data: 'first' }, { path: 'powers/a.html', data: 'a' }]);
    // The second file cannot be written (its folder would be a file): the write throws before the swap.
    expect(() => writeSiteFiles(out, [{ path: 'index.html', data: 'second' }, { path: 'index.html/x.html', data: 'x' }])).toThrow();
    expect(readFileSync(path.join(out, 'site', 'index.html'), 'utf8')).toBe('first');
    expect(readFileSync(path.join(out, 'site', 'powers', 'a.html'), 'utf8')).toBe('a');
    expect(readdirSync(out)).toEqual(['site']);
    expect(() => writeSiteFiles(out, [{ path: '../escape.html', data: 'x' }])).toThrow(/outside/);
    expect(existsSync(path.join(out, 'escape.html'))).toBe(false);
  });

  it('file names: only [A-Za-z0-9._-], nothing hidden or reserved, unique ignoring case', () => {
    expect(safeFileStem('XK-001')).toBe('XK-001');
    expect(safeFileStem('../../etc/passwd')).toBe('etc_passwd');
    expect(safeFileStem('规则')).toBe('page');
    expect(safeFileStem('CON')).toBe('CON_');
    expect(safeFileStem('a b"<>.')).toBe('a_b___');
    const n = new FileNames();
    n.reserve('index.html');
    expect(n.take('', 'index')).toBe('index-2.html');
    expect(n.take('rules', 'a/b')).toBe('rules/a_b.html');
    expect(n.take('rules', 'a_b')).toBe('rules/a_b-2.html');
    expect(n.take('rules', 'A_B')).toBe('rules/A_B-3.html');
    for (const x of ['rules/a_b.html', 'index-2.html']) expect(x).toMatch(/^([a-z]+\/)?[A-Za-z0-9._-]+\.html$/);
  });
});
