/**
 * A hostile rule repository: markup in a power's name, in the compendium's and a rule's title, javascript: links and raw
 * HTML in a rule's Markdown. The site shows all of it as text and contains no executable markup; Chromium runs nothing.
 */
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, edit, exampleCopy, fileUrl, htmlPages, launchBrowser, read, tags, textOf, watchedPage } from './helpers.js';

const NAME = '成品油<script>alert(1)</script>"><img src=x onerror=alert(1)>审批';
const TITLE_SUFFIX = '</title><script>alert(12)</script>';
const RULE_SUFFIX = `'><svg onload=alert(11)>`;
const MARKDOWN = `

第十条 [点我](javascript:alert(2)) 与 [另一个](JaVaScRiPt:alert(3)) 和 [数据](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMyk8L3NjcmlwdD4=)，以及 [正常链接](https://www.gov.cn/)。

<script>alert(4)</script>

<div onclick="alert(5)">raw block</div>

行内 <img src=x onerror=alert(6)> 与 <a href="javascript:alert(7)">内联链接</a>，代码 \`<script>alert(8)</script>\`。
`;
// (A javascript: image is refused by validate itself: image-unresolved stops the build.)

/** Elements our templates and blocks.ts produce; anything else in the output came from the repository. */
const ALLOWED = new Set(['html', 'head', 'meta', 'title', 'link', 'script', 'body', 'a', 'header', 'div', 'p', 'nav', 'ul', 'ol', 'li', 'main', 'section',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'form', 'label', 'input', 'span', 'article', 'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tr', 'th', 'td',
  'figure', 'img', 'figcaption', 'strong', 'em', 'u', 's', 'sup', 'code', 'br', 'blockquote', 'footer']);

describe('a hostile repository', () => {
  let site: string;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const dir = exampleCopy();
    edit(dir, 'powers/XK-001.yaml', (s) => s.replace('name: 成品油零售经营资格审批', `name: '${NAME}'`).replace('post: 成品油流通管理岗', `post: '成品油流通管理岗<b onmouseover=alert(10)>'`));
    edit(dir, 'powerbook.yaml', (s) => s.replace('title: 株洲市商务局规范权力运行制度汇编', `title: '株洲市商务局规范权力运行制度汇编${TITLE_SUFFIX}'`));
    edit(dir, 'rules/ZD-03.md', (s) => s.replace('title: 株洲市商务局重大行政执法决定法制审核制度', `title: "株洲市商务局重大行政执法决定法制审核制度${RULE_SUFFIX}"`).trimEnd() + MARKDOWN);
    ({ site } = await buildSite(dir));
  });
  afterAll(async () => { await browser?.close(); });

  it('every page: only our elements, no event handlers, no javascript:/data: links, no stray "<"', () => {
    for (const page of htmlPages(site)) {
      const html = read(site, page);
      const ts = tags(html);
      for (const t of ts) {
        expect(ALLOWED.has(t.name), `${page}: <${t.name}>`).toBe(true);
        for (const [k, v] of t.attrs) {
          expect(k, `${page}: ${t.raw.slice(0, 100)}`).not.toMatch(/^on/);
          expect(v, `${page}: ${k}`).not.toMatch(/[<>]/);
        }
        const href = t.attrs.get('href');
        if (href !== undefined) expect(href, page).toMatch(/^(#|[A-Za-z0-9._/-]|https?:|mailto:|data:,$)/);
        if (href !== undefined && t.name !== 'link') expect(href, page).not.toMatch(/^data:/);
        const src = t.attrs.get('src');
        if (src !== undefined) expect(src, page).toMatch(/^(data:image\/(svg\+xml|png);base64,|(\.\.\/)*assets\/filter\.js$)/);
      }
      expect(html, page).not.toMatch(/javascript:/i);
      expect(html.match(/<script/g)?.length ?? 0, page).toBe(page === 'index.html' ? 1 : 0);
      // Every "<" opens one of the tags found above, a closing tag or the doctype: nothing from the repository is markup.
      const closing = html.match(/<\/[a-z0-9]+>/g)?.length ?? 0;
      expect(html.split('<').length - 1, page).toBe(ts.length + closing + 1);
    }
  });

  it('shows the hostile text as text: the power name, the titles, the code span', () => {
    const power = read(site, 'powers/XK-001.html');
    expect(power).toContain('成品油&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;审批');
    expect(textOf(power)).toContain(NAME);
    expect(textOf(power)).toContain('成品油流通管理岗<b onmouseover=alert(10)>');
    expect(textOf(read(site, 'index.html'))).toContain(NAME);
    expect(read(site, 'index.html')).toContain(`data-search="XK-001 ${NAME.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')} 行政许可"`);
    for (const page of htmlPages(site)) expect(read(site, page), page).toMatch(/<title>[^<]*株洲市商务局规范权力运行制度汇编&lt;\/title&gt;&lt;script&gt;alert\(12\)&lt;\/script&gt;<\/title>/);
    expect(read(site, 'index.html')).toContain('<title>株洲市商务局规范权力运行制度汇编&lt;/title&gt;&lt;script&gt;alert(12)&lt;/script&gt;</title>');
    const rule = read(site, 'rules/ZD-03.html');
    expect(rule).toContain('<h1 id="rule_ZD_03" class="h-title break-before">株洲市商务局重大行政执法决定法制审核制度&#39;&gt;&lt;svg onload=alert(11)&gt;</h1>');
    expect(rule).toContain('<code>&lt;script&gt;alert(8)&lt;/script&gt;</code>');
  });

  it('drops raw HTML and makes javascript:/data: links inert, keeping their text', () => {
    const rule = read(site, 'rules/ZD-03.html');
    const text = textOf(rule);
    for (const n of [4, 5, 6, 7, 13]) expect(text).not.toContain(`alert(${n})`);
    expect(text).not.toContain('raw block');
    expect(rule).toContain('<a href="#" rel="noopener noreferrer">点我</a>');
    expect(rule).toContain('<a href="#" rel="noopener noreferrer">另一个</a>');
    expect(rule).toContain('<a href="#" rel="noopener noreferrer">数据</a>');
    expect(rule).toContain('<a href="https://www.gov.cn/" rel="noopener noreferrer">正常链接</a>');
    expect(text).toContain('内联链接');
  });

  it('Chromium runs no script from the repository: no dialog, no error, no request beyond the site', async () => {
    browser = await launchBrowser();
    for (const rel of ['index.html', 'powers/XK-001.html', 'rules/ZD-03.html', 'rules/ZD-05.html']) {
      const { page, problems } = await watchedPage(browser);
      try {
        await page.goto(fileUrl(site, rel), { waitUntil: 'load' });
        // Give any injected link a chance to fire.
        await page.evaluate(() => document.querySelectorAll('main a[href="#"]').forEach((a) => (a as HTMLElement).click()));
        expect(problems.dialogs, rel).toEqual([]);
        expect(problems.errors, rel).toEqual([]);
        expect(problems.console, rel).toEqual([]);
        for (const u of problems.requests) expect(u, rel).toMatch(/^(file:\/\/|data:)/);
        expect(await page.title(), rel).toContain(rel === 'rules/ZD-03.html' ? "'><svg onload=alert(11)>" : '</title><script>alert(12)</script>');
        expect(await page.$$eval('script', (ss) => ss.map((x) => (x as HTMLScriptElement).src.replace(/^.*\/site\//, ''))), rel).toEqual(rel === 'index.html' ? ['assets/filter.js'] : []);
      } finally {
        await page.close();
      }
    }
  });
});
