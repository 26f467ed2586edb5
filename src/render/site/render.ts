/**
 * The public site's pages (向社会公布, 网上公开): a home page with the 编制说明 and an index of powers (with a filter) and
 * rules, one page per power and per rule, the catalogue and the appendix (法律依据索引). Built from the document model
 * only, through the same block serializer as the print PDF. Every string from the repository passes esc() (here) or
 * blocks.ts; pages load nothing but ./assets/site.css and, on the home page, ./assets/filter.js; links are relative.
 */
import path from 'node:path';
import type { Block, DocumentModel, FootnoteDef, Heading } from '../../document/model.js';
import { blocksHtml, footnotesHtml, inlinesHtml, type HtmlOptions } from '../html/blocks.js';
import { esc } from '../html/escape.js';
import { FILTER_JS, SITE_CSS } from './assets.js';
import { plainText } from '../../document/walk.js';
import { HOME, footnoteIds, headingTitle, normaliseHeadings, splitModel, type Group, type Page, type SiteStructure } from './split.js';

export interface SiteFile { path: string; data: string }

export const CSP = "default-src 'none'; img-src data:; style-src 'self'; script-src 'self'";
const CSS_FILE = 'assets/site.css';
const JS_FILE = 'assets/filter.js';

/** Relative link from one site file to another (and an anchor in it). */
export function relLink(from: string, to: string, anchor?: string): string {
  if (to === from) return anchor ? `#${anchor}` : path.posix.basename(to);
  const rel = path.posix.relative(path.posix.dirname(from), to);
  return anchor ? `${rel}#${anchor}` : rel;
}

interface Ctx { s: SiteStructure; model: DocumentModel; footnotes: Map<number, FootnoteDef> }

function options(ctx: Ctx, file: string, levelShift: number): HtmlOptions {
  return {
    href: (anchor) => {
      const target = ctx.s.anchorFile.get(anchor);
      return target ? relLink(file, target, anchor) : undefined;
    },
    hideRisks: !ctx.model.meta.showRisksInPublic,
    levelShift,
    noInlineStyles: true,
    headerScopes: true,
  };
}

/** Blocks, their headings brought into order, then the footnotes they reference. */
function content(ctx: Ctx, file: string, bs: readonly Block[], shift: number, start: number): string {
  const o = options(ctx, file, shift);
  const notes = footnoteIds(bs).map((id) => ctx.footnotes.get(id)).filter((n): n is FootnoteDef => n !== undefined);
  return blocksHtml(normaliseHeadings(bs, shift, start), o) + footnotesHtml(notes, o);
}

interface NavItem { label: string; file: string; anchor?: string }

function siteNav(ctx: Ctx): NavItem[] {
  const s = ctx.s;
  const items: NavItem[] = [{ label: '首页', file: HOME }];
  const cat = s.pages.find((p) => p.kind === 'catalogue');
  if (cat) items.push({ label: '职权目录', file: cat.file });
  if (s.powers.length) items.push({ label: '职权事项', file: HOME, anchor: 'powers' });
  if (s.rules.length) items.push({ label: '制度', file: HOME, anchor: 'rules' });
  for (const p of s.pages.filter((x) => x.kind === 'part')) items.push({ label: p.title, file: p.file });
  const laws = s.pages.find((p) => p.kind === 'laws');
  if (laws) items.push({ label: '法律依据索引', file: laws.file });
  return items;
}

function layout(ctx: Ctx, file: string, title: string, main: string, opts: { script?: boolean } = {}): string {
  const m = ctx.model.meta;
  const up = (f: string) => relLink(file, f);
  const nav = siteNav(ctx).map((n) => {
    const current = n.file === file && !n.anchor ? ' aria-current="page"' : '';
    return `<li><a href="${esc(relLink(file, n.file, n.anchor))}"${current}>${esc(n.label)}</a></li>`;
  }).join('');
  const date = ctx.s.cover.date ? plainText(ctx.s.cover.date) : m.created.slice(0, 10);
  const pageTitle = title === m.title ? m.title : `${title} - ${m.title}`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="powerbook">
<title>${esc(pageTitle)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${esc(up(CSS_FILE))}">
${opts.script ? `<script src="${esc(up(JS_FILE))}" defer></script>\n` : ''}</head>
<body>
<a class="skip" href="#main">跳到正文</a>
<header class="site-header"><div class="inner">
<p class="site-dept">${esc(m.author)}</p>
<p class="site-title"><a href="${esc(up(HOME))}">${esc(m.title)}</a></p>
<nav class="site-nav" aria-label="网站导航"><ul>${nav}</ul></nav>
</div></header>
<main id="main" tabindex="-1">
${main}
</main>
<footer class="site-footer"><div class="inner"><p>${esc(m.author)}《${esc(m.title)}》网页版，${esc(date)}。网页版由汇编文本生成，如有出入，以正式印发的文本为准。</p></div></footer>
</body>
</html>
`;
}

function breadcrumb(file: string, trail: NavItem[], here: string): string {
  const items = trail.map((t) => `<li><a href="${esc(relLink(file, t.file, t.anchor))}">${esc(t.label)}</a></li>`).join('');
  return `<nav class="breadcrumb" aria-label="当前位置"><ol>${items}<li aria-current="page">${esc(here)}</li></ol></nav>`;
}

function pager(file: string, list: Page[], i: number, what: string): string {
  const prev = list[i - 1], next = list[i + 1];
  if (!prev && !next) return '';
  const a = (p: Page | undefined, rel: 'prev' | 'next') => (p
    ? `<a rel="${rel}" href="${esc(relLink(file, p.file))}">${rel === 'prev' ? `上一${what}` : `下一${what}`}：${esc(p.title)}</a>`
    : '<span></span>');
  return `<nav class="pager" aria-label="上一${what}和下一${what}">${a(prev, 'prev')}${a(next, 'next')}</nav>`;
}

/** Categories of powers in the order the model lists them. */
function powersByCategory(s: SiteStructure): [string, Page[]][] {
  const map = new Map<string, Page[]>();
  for (const p of s.powers) {
    const c = p.category ?? '其他';
    map.set(c, [...(map.get(c) ?? []), p]);
  }
  return [...map];
}

function homePage(ctx: Ctx): SiteFile {
  const { s, model } = ctx;
  const m = model.meta;
  const link = (p: Page) => esc(relLink(HOME, p.file));
  const parts: string[] = [];

  const header = [`<p class="dept">${esc(m.author)}</p>`, `<h1>${esc(m.title)}</h1>`,
    ...s.cover.subtitles.map((x) => `<p class="sub">${inlinesHtml(x, options(ctx, HOME, 0))}</p>`),
    s.cover.date ? `<p class="sub">${inlinesHtml(s.cover.date, options(ctx, HOME, 0))}</p>` : ''].join('\n');
  parts.push(`<header class="home-header">\n${header}\n</header>`);

  const contents: string[] = [];
  if (s.preface.length && s.preface[0].type === 'heading') contents.push(`<li><a href="#${esc(s.preface[0].anchor)}">${esc(headingTitle(s.preface[0]))}</a></li>`);
  for (const p of s.pages.filter((x) => x.kind === 'catalogue' || x.kind === 'part')) contents.push(`<li><a href="${link(p)}">${esc(p.title)}</a></li>`);
  if (s.powers.length) contents.push(`<li><a href="#powers">职权事项（${s.powers.length}项）</a></li>`);
  if (s.rules.length) contents.push(`<li><a href="#rules">规范权力运行制度（${s.rules.length}项）</a></li>`);
  for (const p of s.pages.filter((x) => x.kind === 'laws')) {
    const chapters = p.blocks.filter((b): b is Heading => b.type === 'heading' && b.level === p.heading.level + 1).map((h) => headingTitle(h));
    contents.push(`<li><a href="${link(p)}">${esc(p.title)}</a>${chapters.length ? `：${esc(chapters.join('；'))}` : ''}</li>`);
  }
  parts.push(`<nav class="contents" aria-label="汇编内容"><ul>${contents.join('')}</ul></nav>`);

  if (s.preface.length) parts.push(`<section class="preface content">\n${content(ctx, HOME, s.preface, -1, 1)}\n</section>`);

  // Parts that hold powers or rules are sections here; their anchors (cross references to a part) land on them.
  const holds = (g: Group, kind: 'power' | 'rule') => g.kind === 'part' && (g.pages.some((p) => p.kind === kind) || (kind === 'rule' && s.groups.some((a) => a.parent === g)));
  const ids = (gs: Group[]) => gs.map((g) => `<span id="${esc(g.heading.anchor)}"></span>`).join('');
  const intros = (gs: Group[]) => gs.map((g) => (g.intro.length ? content(ctx, HOME, g.intro, g.heading.level - 2, 2) : '')).join('');
  const shown = new Set<Group>();

  if (s.powers.length) {
    const gs = s.groups.filter((g) => holds(g, 'power'));
    gs.forEach((g) => shown.add(g));
    const cats = powersByCategory(s).map(([cat, ps], i) => {
      const items = ps.map((p) => `<li data-power data-search="${esc(`${p.id} ${p.title} ${cat}`)}"><a href="${link(p)}"><span class="pid">${esc(p.id)}</span> ${esc(p.title)}</a></li>`).join('\n');
      return `<section class="category" data-category-group id="cat-${i + 1}" aria-labelledby="cat-${i + 1}-h">\n<h3 id="cat-${i + 1}-h">${esc(cat)}（${ps.length}项）</h3>\n<ul class="powers">\n${items}\n</ul>\n</section>`;
    }).join('\n');
    parts.push(`<section class="power-index" id="powers" aria-labelledby="powers-h">${ids(gs)}
<h2 id="powers-h">职权事项（${s.powers.length}项）</h2>
<p>每项职权一页，载明实施依据及条文、办理时限、收费、权力运行流程图和办理环节。</p>${intros(gs)}
<form class="filter" id="power-filter-form" role="search" hidden>
<label for="power-filter">筛选职权（输入名称、事项编码或权力类别）</label>
<input type="search" id="power-filter" name="q" autocomplete="off" spellcheck="false" aria-describedby="power-filter-status">
<p id="power-filter-status" role="status" aria-live="polite"></p>
</form>
<p id="power-filter-empty" hidden>没有符合条件的职权。</p>
${cats}
</section>`);
  }

  if (s.rules.length) {
    const gs = s.groups.filter((g) => holds(g, 'rule') && !shown.has(g));
    gs.forEach((g) => shown.add(g));
    const title = gs.length ? headingTitle(gs[0].heading) : '规范权力运行制度';
    const areas = s.groups.filter((g) => g.kind === 'area');
    const list = (ps: Page[]) => `<ul class="rules">\n${ps.map((p) => {
      const sub = p.blocks[1]?.type === 'paragraph' && p.blocks[1].style === 'subtitle' ? `<span class="rule-number">${esc(plainText(p.blocks[1].children))}</span>` : '';
      return `<li><a href="${link(p)}">${esc(p.title)}</a>${sub}</li>`;
    }).join('\n')}\n</ul>`;
    const body = areas.filter((g) => g.pages.length || g.intro.length).map((g) => `<section aria-labelledby="${esc(g.heading.anchor)}">
<h3 id="${esc(g.heading.anchor)}">${g.heading.number ? `<span class="num">${esc(g.heading.number)}</span>` : ''}${esc(headingTitle(g.heading))}</h3>
${g.intro.length ? content(ctx, HOME, g.intro, g.heading.level - 3, 3) : ''}${list(g.pages)}
</section>`).join('\n');
    const orphans = s.rules.filter((r) => !areas.some((g) => g.pages.includes(r)));
    parts.push(`<section class="rule-index" id="rules" aria-labelledby="rules-h">${ids(gs)}
<h2 id="rules-h">${esc(title)}（${s.rules.length}项）</h2>${intros(gs)}
${body}${orphans.length ? list(orphans) : ''}
</section>`);
  }

  // Anything outside the units (not produced by powerbook's model builder today) is shown rather than lost.
  const rest = s.groups.filter((g) => g.kind === 'part' && !shown.has(g));
  for (const g of rest) parts.push(`<section aria-labelledby="${esc(g.heading.anchor)}">\n${content(ctx, HOME, [g.heading, ...g.intro], g.heading.level - 2, 1)}\n</section>`);
  if (s.loose.length) parts.push(`<section class="content">\n${content(ctx, HOME, s.loose, -1, 1)}\n</section>`);

  return { path: HOME, data: layout(ctx, HOME, m.title, parts.join('\n'), { script: s.powers.length > 0 }) };
}

function unitPage(ctx: Ctx, p: Page): SiteFile {
  const s = ctx.s;
  const trail: NavItem[] = [{ label: '首页', file: HOME }];
  let pagerHtml = '';
  if (p.kind === 'power') {
    trail.push({ label: '职权事项', file: HOME, anchor: 'powers' });
    const cats = powersByCategory(s);
    const ci = cats.findIndex(([c]) => c === (p.category ?? '其他'));
    if (ci >= 0) trail.push({ label: cats[ci][0], file: HOME, anchor: `cat-${ci + 1}` });
    pagerHtml = pager(p.file, s.powers, s.powers.indexOf(p), '项');
  } else if (p.kind === 'rule') {
    trail.push({ label: '制度', file: HOME, anchor: 'rules' });
    const area = s.groups.find((g) => g.kind === 'area' && g.pages.includes(p));
    if (area) trail.push({ label: headingTitle(area.heading), file: HOME, anchor: area.heading.anchor });
    pagerHtml = pager(p.file, s.rules, s.rules.indexOf(p), '项制度');
  }
  const shift = p.heading.level - 1;
  // A power's number (一、 二、 …) is its place in the printed part; on a page of its own it is left out.
  const blocks = p.kind === 'power' ? [{ ...p.heading, number: undefined }, ...p.blocks.slice(1)] : p.blocks;
  const main = `${breadcrumb(p.file, trail, p.title)}
<article class="content unit unit-${p.kind}">
${content(ctx, p.file, blocks, shift, 0)}
</article>
${pagerHtml}`;
  return { path: p.file, data: layout(ctx, p.file, p.kind === 'power' ? `${p.title}（${p.id}）` : p.title, main) };
}

export interface RenderedSite { files: SiteFile[]; pages: number; powers: number; rules: number }

/** Every file of the site, paths relative to its root. Pure: writes nothing. */
export function renderSite(model: DocumentModel): RenderedSite {
  const s = splitModel(model);
  const ctx: Ctx = { s, model, footnotes: new Map(model.footnotes.map((f) => [f.id, f])) };
  const files: SiteFile[] = [homePage(ctx), ...s.pages.map((p) => unitPage(ctx, p))];
  const pages = files.length;
  files.push({ path: CSS_FILE, data: SITE_CSS }, { path: JS_FILE, data: FILTER_JS });
  return { files, pages, powers: s.powers.length, rules: s.rules.length };
}

