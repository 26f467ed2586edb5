/** The public site in headless Chromium, opened from a folder (file://): no errors, no network, the filter works. */
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRepository } from '../../src/check/load.js';
import { EXAMPLE, buildSite, fileUrl, launchBrowser, watchedPage, type PageProblems } from './helpers.js';

function expectClean(p: PageProblems): void {
  expect(p.console, 'console errors').toEqual([]);
  expect(p.errors, 'page errors').toEqual([]);
  expect(p.failed, 'failed requests').toEqual([]);
  expect(p.dialogs, 'dialogs').toEqual([]);
  // Nothing but the site's own files and data: URIs is requested.
  for (const u of p.requests) expect(u).toMatch(/^(file:\/\/|data:)/);
}

describe('the public site in Chromium', () => {
  let site: string;
  let browser: Browser | undefined;
  let powers: { id: string; name: string; category: string }[];
  beforeAll(async () => {
    ({ site } = await buildSite(EXAMPLE));
    const { repo } = await loadRepository(EXAMPLE);
    powers = repo.powers.map((p) => ({ id: String(p.data.id), name: p.data.name, category: p.data.category }));
    browser = await launchBrowser();
  });
  afterAll(async () => { await browser?.close(); });

  const visiblePowers = (page: import('puppeteer-core').Page) => page.$$eval('li[data-power]', (lis) =>
    lis.filter((li) => (li as HTMLElement).offsetParent !== null).map((li) => li.querySelector('.pid')!.textContent!.trim()));

  it('home page: loads its stylesheet and script under the CSP; the filter narrows the list and clearing restores it', async () => {
    const { page, problems } = await watchedPage(browser!);
    try {
      await page.goto(fileUrl(site, 'index.html'), { waitUntil: 'load' });
      // The stylesheet applied (the skip link is moved off screen) and the script ran (it shows the filter form).
      expect(await page.$eval('.skip', (a) => getComputedStyle(a).position)).toBe('absolute');
      await page.waitForSelector('#power-filter-form:not([hidden])', { timeout: 10_000 });
      expect(await page.$eval('html', (h) => h.lang)).toBe('zh-CN');
      // The first Tab reaches the skip link: it comes on screen with a visible focus outline.
      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => {
        const a = document.activeElement as HTMLElement;
        return { cls: a.className, top: a.getBoundingClientRect().top, outline: getComputedStyle(a).outlineStyle };
      });
      expect(skip).toMatchObject({ cls: 'skip', outline: 'solid' });
      expect(skip.top).toBeGreaterThanOrEqual(0);
      const all = powers.map((p) => p.id).sort();
      expect((await visiblePowers(page)).sort()).toEqual(all);

      const one = powers.find((p) => p.id === 'XK-001')!;
      await page.click('#power-filter');
      await page.type('#power-filter', one.name);
      expect(await visiblePowers(page)).toEqual(['XK-001']);
      expect(await page.$eval('#power-filter-status', (s) => s.textContent)).toContain('找到 1 项');
      // Category groups without a match are hidden too.
      expect(await page.$$eval('[data-category-group]', (gs) => gs.filter((g) => (g as HTMLElement).offsetParent !== null).length)).toBe(1);

      const clear = async () => { await page.click('#power-filter', { clickCount: 3 }); await page.keyboard.press('Backspace'); };
      await clear();
      expect((await visiblePowers(page)).sort()).toEqual(all);

      // By a word of several names, by id (any case), by category; nothing matches → the "none found" line.
      await page.type('#power-filter', '报废机动车');
      expect((await visiblePowers(page)).sort()).toEqual(powers.filter((p) => p.name.includes('报废机动车')).map((p) => p.id).sort());
      await clear();
      await page.type('#power-filter', 'cf-00');
      expect((await visiblePowers(page)).sort()).toEqual(powers.filter((p) => p.id.startsWith('CF-00')).map((p) => p.id).sort());
      await clear();
      await page.type('#power-filter', '行政检查');
      expect((await visiblePowers(page)).sort()).toEqual(powers.filter((p) => p.category === '行政检查').map((p) => p.id).sort());
      await clear();
      await page.type('#power-filter', '没有这样的职权');
      expect(await visiblePowers(page)).toEqual([]);
      expect(await page.$eval('#power-filter-empty', (e) => (e as HTMLElement).hidden)).toBe(false);
      await clear();
      expect((await visiblePowers(page)).sort()).toEqual(all);
      expect(await page.$eval('#power-filter-empty', (e) => (e as HTMLElement).hidden)).toBe(true);

      // In print, the navigation and the filter are hidden.
      await page.emulateMediaType('print');
      expect(await page.$eval('.site-nav', (n) => getComputedStyle(n).display)).toBe('none');
      expect(await page.$eval('#power-filter-form', (n) => getComputedStyle(n).display)).toBe('none');
      await page.emulateMediaType('screen');
      expectClean(problems);
    } finally {
      await page.close();
    }
  });

  it('a power page: no errors, the flowchart image loads, links go to the home page', async () => {
    const { page, problems } = await watchedPage(browser!);
    try {
      await page.goto(fileUrl(site, 'powers/XK-001.html'), { waitUntil: 'load' });
      const img = await page.$eval('figure img', (i) => ({ complete: (i as HTMLImageElement).complete, w: (i as HTMLImageElement).naturalWidth, h: (i as HTMLImageElement).naturalHeight, alt: (i as HTMLImageElement).alt }));
      expect(img.complete).toBe(true);
      expect(img.w).toBeGreaterThan(0);
      expect(img.h).toBeGreaterThan(0);
      expect(img.alt).toContain('权力运行流程图');
      expect(await page.$$eval('h1', (hs) => hs.length)).toBe(1);
      expect(await page.$eval('h1', (h) => h.textContent)).toContain('成品油零售经营资格审批');
      // Following the breadcrumb works from file://.
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('.breadcrumb a')]);
      expect(page.url()).toBe(fileUrl(site, 'index.html'));
      expectClean(problems);
    } finally {
      await page.close();
    }
  });

  it('a rule page and the catalogue: no errors; a cross reference leads to the power page', async () => {
    const { page, problems } = await watchedPage(browser!);
    try {
      await page.goto(fileUrl(site, 'rules/ZD-02.html'), { waitUntil: 'load' });
      expect(await page.$$eval('h1', (hs) => hs.length)).toBe(1);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('a.ref-power')]);
      expect(page.url()).toMatch(/\/powers\/CF-00\d\.html#pw_CF_00\d$/);
      await page.goto(fileUrl(site, 'catalogue.html'), { waitUntil: 'load' });
      await page.goto(fileUrl(site, 'laws.html'), { waitUntil: 'load' });
      expectClean(problems);
    } finally {
      await page.close();
    }
  });
});
