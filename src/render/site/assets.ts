/**
 * The site's two static assets: the stylesheet (screen and print) and the power filter. Both are files of their own so
 * that every page can carry a Content-Security-Policy without 'unsafe-inline' (no inline style or script anywhere).
 * No web fonts, no remote resources: the system's CJK fonts are used.
 */

/** Column widths from blocks.ts's `noInlineStyles` option: `<col class="w-N">` is N percent. */
const WIDTHS = Array.from({ length: 101 }, (_, i) => `col.w-${i}{width:${i}%}`).join('');

export const SITE_CSS = `/* powerbook public site */
:root {
  --text: #1b1b1b; --muted: #555; --link: #0b4f9c; --visited: #5b2a86; --rule: #c8c8c8; --head: #f2f4f7;
  --accent: #a31515; --focus: #ffbf47; --risk: #fff4e0;
  color-scheme: light;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; color: var(--text); background: #fff; line-height: 1.8; font-size: 1.0625rem;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
}
a { color: var(--link); text-underline-offset: 0.15em; }
a:visited { color: var(--visited); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 5px var(--text); }
.skip { position: absolute; left: 0.5rem; top: -10rem; z-index: 10; background: #fff; color: var(--link); padding: 0.5rem 1rem; border: 2px solid var(--text); }
.skip:focus { top: 0.5rem; }
.site-header { border-bottom: 4px solid var(--accent); background: #fafafa; }
.site-header .inner, main, .site-footer .inner { max-width: 62rem; margin: 0 auto; padding: 0 1rem; }
.site-dept { margin: 0; padding-top: 0.75rem; color: var(--muted); font-size: 0.95rem; }
.site-title { margin: 0; font-size: 1.25rem; font-weight: bold; }
.site-title a { color: var(--text); text-decoration: none; }
.site-nav ul { list-style: none; margin: 0; padding: 0.5rem 0 0.75rem; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
.site-nav a[aria-current="page"] { font-weight: bold; color: var(--text); }
main { padding-top: 1rem; padding-bottom: 2rem; }
main:focus { outline: none; }
h1, h2, h3, h4, h5, h6 { line-height: 1.4; margin: 1.6em 0 0.6em; }
h1 { font-size: 1.75rem; margin-top: 0.5em; }
h2 { font-size: 1.4rem; }
h3 { font-size: 1.2rem; }
h4, h5, h6 { font-size: 1.05rem; }
h1.h-title, h1.h-part { text-align: center; }
.num { margin-right: 0.15em; }
p { margin: 0.6em 0; }
p.body { text-indent: 2em; }
p.noindent, p.subtitle, p.note, p.caption { text-indent: 0; }
p.subtitle { text-align: center; color: var(--muted); }
p.note { color: var(--muted); font-size: 0.95rem; }
.align-left { text-align: left; } .align-center { text-align: center; } .align-right { text-align: right; } .align-justify { text-align: justify; }
.home-header { text-align: center; margin: 1rem 0 2rem; }
.home-header .dept { font-size: 1.15rem; margin: 0; }
.home-header h1 { font-size: 2rem; margin: 0.3em 0; }
.home-header .sub { margin: 0.2em 0; color: var(--muted); }
.contents ul { padding-left: 1.25rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: 0.95rem; }
table.small { font-size: 0.9rem; }
caption { caption-side: top; font-weight: bold; text-align: center; padding: 0.4rem; }
th, td { border: 1px solid var(--rule); padding: 0.35rem 0.5rem; vertical-align: top; text-align: left; }
thead th { background: var(--head); }
th[scope="row"] { background: var(--head); white-space: nowrap; font-weight: bold; }
td.risk, th.risk { background: var(--risk); }
.nobr { white-space: nowrap; }
.content { overflow-x: auto; }
${WIDTHS}
figure { margin: 1.5rem 0; text-align: center; }
figure img { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 0.95rem; }
blockquote { margin: 1rem 0; padding: 0.25rem 1rem; border-left: 4px solid var(--rule); color: #333; }
ol.labelled, ul.labelled { list-style: none; }
code { font-family: "Noto Sans Mono CJK SC", monospace; background: #f4f4f4; padding: 0 0.2em; }
sup.fnref a { text-decoration: none; }
.footnotes { border-top: 1px solid var(--rule); margin-top: 2rem; font-size: 0.95rem; }
.filter { margin: 1rem 0; padding: 0.75rem 1rem; background: var(--head); border: 1px solid var(--rule); }
.filter label { display: block; font-weight: bold; margin-bottom: 0.25rem; }
.filter input { font: inherit; width: 100%; max-width: 32rem; padding: 0.35rem 0.5rem; border: 2px solid var(--muted); border-radius: 2px; }
.filter p { margin: 0.4rem 0 0; color: var(--muted); }
ul.powers, ul.rules { list-style: none; padding: 0; }
ul.powers li, ul.rules li { padding: 0.2rem 0; border-bottom: 1px dotted var(--rule); }
.pid { display: inline-block; min-width: 5.5em; font-variant-numeric: tabular-nums; color: var(--muted); }
.rule-number { color: var(--muted); font-size: 0.9rem; margin-left: 0.5em; }
.breadcrumb ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem; font-size: 0.95rem; }
.breadcrumb li + li::before { content: "›"; margin-right: 0.25rem; color: var(--muted); }
.pager { display: flex; justify-content: space-between; gap: 1rem; border-top: 1px solid var(--rule); margin-top: 2rem; padding-top: 1rem; }
.site-footer { border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.9rem; padding: 1rem 0 2rem; }
@media (max-width: 40rem) {
  body { font-size: 1rem; }
  th[scope="row"] { white-space: normal; }
  table.wide { font-size: 0.85rem; min-width: 48rem; }
}
@media print {
  @page { size: A4; margin: 2cm 1.8cm; }
  body { font-size: 11pt; line-height: 1.6; font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; }
  .skip, .site-nav, .filter, .breadcrumb, .pager, .contents { display: none !important; }
  .site-header { background: none; border-bottom: 1px solid #000; }
  .site-header .inner, main, .site-footer .inner { max-width: none; padding: 0; }
  a, a:visited { color: inherit; text-decoration: none; }
  thead { display: table-header-group; }
  tr, figure, img { break-inside: avoid; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; }
  td.risk, th.risk, thead th, th[scope="row"] { background: none; }
  .break-before { break-before: auto; }
}
`;

/**
 * The power filter on the home page (progressive enhancement: without script the form stays hidden and every power is
 * listed). Typing keeps the entries whose id, name or category contain every word typed (NFKC, case-insensitive).
 */
export const FILTER_JS = `/* powerbook public site: filter the list of powers */
(function () {
  'use strict';
  var form = document.getElementById('power-filter-form');
  var box = document.getElementById('power-filter');
  if (!form || !box) return;
  var status = document.getElementById('power-filter-status');
  var empty = document.getElementById('power-filter-empty');
  var entries = Array.prototype.slice.call(document.querySelectorAll('[data-power]'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('[data-category-group]'));
  function norm(s) { return String(s || '').normalize('NFKC').toLowerCase(); }
  function apply() {
    var words = norm(box.value).split(/\\s+/).filter(Boolean);
    var shown = 0;
    entries.forEach(function (li) {
      var text = norm(li.getAttribute('data-search'));
      var hit = words.every(function (w) { return text.indexOf(w) >= 0; });
      li.hidden = !hit;
      if (hit) shown++;
    });
    groups.forEach(function (g) { g.hidden = !g.querySelector('[data-power]:not([hidden])'); });
    if (empty) empty.hidden = shown > 0;
    if (status) status.textContent = words.length ? '找到 ' + shown + ' 项职权（共 ' + entries.length + ' 项）' : '共 ' + entries.length + ' 项职权';
  }
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  box.addEventListener('input', apply);
  form.hidden = false;
  apply();
})();
`;
