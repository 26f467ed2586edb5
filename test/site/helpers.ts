/** Helpers for the public-site tests: build a site through the CLI, list its pages, look at its markup. */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli } from '../helpers/cli.js';
import { copyExample, tempDir } from '../helpers/repo.js';

export const EXAMPLE = 'examples/zhuzhou-commerce';
export const ENV = { SOURCE_DATE_EPOCH: '1700000000' };

/** `powerbook build <repo> --format html --out <tmp>`; returns the site folder. Throws with the CLI's output on failure. */
export async function buildSite(repo: string, out = tempDir('pb-site-')): Promise<{ out: string; site: string; stderr: string }> {
  const r = await cli(['build', repo, '--format', 'html', '--out', out, '--stage', 'submit'], { env: ENV });
  if (r.code !== 0) throw new Error(`build failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  return { out, site: path.join(out, 'site'), stderr: r.stderr };
}

/** A copy of the example to change (its flowchart cache comes along, so builds stay fast). */
export function exampleCopy(): string {
  const dir = path.join(tempDir('pb-site-repo-'), 'repo');
  copyExample(EXAMPLE, dir);
  return dir;
}

export function edit(dir: string, rel: string, f: (s: string) => string): void {
  const p = path.join(dir, rel);
  const before = readFileSync(p, 'utf8');
  const after = f(before);
  if (after === before) throw new Error(`edit of ${rel} changed nothing`);
  writeFileSync(p, after);
}

/** Every file under dir, '/'-separated relative paths, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out.push(r);
    }
  };
  walk('');
  return out.sort();
}

export function htmlPages(site: string): string[] {
  return listFiles(site).filter((f) => f.endsWith('.html'));
}

export const read = (site: string, rel: string): string => readFileSync(path.join(site, rel), 'utf8');

export interface Tag { name: string; attrs: Map<string, string>; raw: string }

/** Start tags of a page (the markup is our own and regular: attributes are name="value" or bare names). */
export function tags(html: string): Tag[] {
  const out: Tag[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const attrs = new Map<string, string>();
    for (const a of m[2].matchAll(/\s+([^\s=>]+)(?:="([^"]*)")?/g)) attrs.set(a[1].toLowerCase(), a[2] ?? '');
    out.push({ name: m[1].toLowerCase(), attrs, raw: m[0] });
  }
  return out;
}

/** Heading levels in document order. */
export function headingLevels(html: string): number[] {
  return [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
}

/** Text of the page with tags removed and the common entities decoded. */
export function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** Internal links (href) of a page that point at a missing file or a missing id. */
export function brokenLinks(site: string, page: string, html: string): string[] {
  const bad: string[] = [];
  const idsCache = new Map<string, Set<string>>();
  const ids = (file: string) => {
    let s = idsCache.get(file);
    if (!s) { s = new Set([...read(site, file).matchAll(/\sid="([^"]*)"/g)].map((m) => m[1])); idsCache.set(file, s); }
    return s;
  };
  for (const t of tags(html)) {
    const href = t.attrs.get('href');
    if (href === undefined || /^(https?:|mailto:)/i.test(href) || href === 'data:,') continue;
    const [file, frag] = href.split('#') as [string, string | undefined];
    const target = file ? path.posix.normalize(path.posix.join(path.posix.dirname(page), file)) : page;
    if (target.startsWith('..') || !existsSync(path.join(site, target))) { bad.push(`${page}: ${href}`); continue; }
    if (frag && target.endsWith('.html') && !ids(target).has(frag)) bad.push(`${page}: ${href}`);
  }
  return bad;
}

/** Headless Debian Chromium through puppeteer (never downloaded). Close it in afterAll. */
export async function launchBrowser(): Promise<import('puppeteer-core').Browser> {
  const { default: puppeteer } = await import('puppeteer-core');
  const { chromiumPath } = await import('../../src/browser/chromium.js');
  return puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface PageProblems { console: string[]; errors: string[]; failed: string[]; requests: string[]; dialogs: string[] }

/** Opens a new tab that records console errors, page errors, failed requests, every request URL and any dialog. */
export async function watchedPage(browser: import('puppeteer-core').Browser): Promise<{ page: import('puppeteer').Page; problems: PageProblems }> {
  const page = await browser.newPage();
  const problems: PageProblems = { console: [], errors: [], failed: [], requests: [], dialogs: [] };
  page.on('console', (m) => { if (m.type() === 'error') problems.console.push(m.text()); });
  page.on('pageerror', (e) => { problems.errors.push(String(e)); });
  page.on('requestfailed', (r) => { problems.failed.push(`${r.url().slice(0, 120)}: ${r.failure()?.errorText}`); });
  page.on('request', (r) => { problems.requests.push(r.url()); });
  page.on('dialog', (d) => { problems.dialogs.push(d.message()); void d.dismiss(); });
  return { page, problems };
}

export const fileUrl = (site: string, rel: string): string => pathToFileURL(path.join(site, rel)).href;
