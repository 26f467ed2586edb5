/**
 * The roll-up as a static page in the public site's style (its stylesheet, the same Content-Security-Policy: no inline
 * style or script, nothing remote): a table of departments that sorts by any column (a small script file; without
 * script the table reads in the order given), then each department's overdue stages, repealed bases and problems.
 */
import { STAGE_IDS } from '../../check/stages.js';
import { esc } from '../../render/html/escape.js';
import { SITE_CSS } from '../../render/site/assets.js';
import { CSP } from '../../render/site/index.js';
import type { RollupReport, RollupRow } from './report.js';

export const ROLLUP_CSS = `${SITE_CSS}
/* powerbook rollup */
main.rollup, body.rollup-page .site-header .inner, body.rollup-page .site-footer .inner { max-width: 90rem; }
table.rollup { font-size: 0.9rem; }
table.rollup th, table.rollup td { white-space: nowrap; }
table.rollup td.text { white-space: normal; min-width: 8rem; }
table.rollup td.n { text-align: right; font-variant-numeric: tabular-nums; }
table.rollup th button { font: inherit; font-weight: bold; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; text-align: left; }
table.rollup th button::after { content: " \\2195"; color: var(--muted); }
table.rollup th[aria-sort="ascending"] button::after { content: " \\2191"; color: var(--text); }
table.rollup th[aria-sort="descending"] button::after { content: " \\2193"; color: var(--text); }
.overdue { color: var(--accent); font-weight: bold; }
.ok { color: #1a6b2a; }
.totals { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; padding: 0; list-style: none; }
.dept h3 { margin-bottom: 0.2em; }
`;

export const ROLLUP_JS = `/* powerbook rollup: sort the table by a column */
(function () {
  'use strict';
  var table = document.getElementById('rollup');
  if (!table) return;
  var body = table.tBodies[0];
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  heads.forEach(function (th, i) {
    var button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', function () {
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var num = th.getAttribute('data-type') === 'number';
      var rows = Array.prototype.slice.call(body.rows).map(function (r, k) { return { r: r, k: k, v: r.cells[i].getAttribute('data-sort') || '' }; });
      rows.sort(function (a, b) {
        var c = num ? Number(a.v) - Number(b.v) : a.v.localeCompare(b.v, 'zh-Hans-CN');
        return (asc ? c : -c) || a.k - b.k;
      });
      rows.forEach(function (x) { body.appendChild(x.r); });
    });
  });
})();
`;

export const ROLLUP_FILES = { html: 'index.html', css: 'rollup.css', js: 'rollup.js' } as const;

interface Column { head: string; type: 'text' | 'number'; cell(r: RollupRow): { html: string; sort: string | number; cls?: string } }

const NONE = 1e9;
const stageWord = (r: RollupRow) => {
  const n = r.next;
  if (!n) return { html: '<span class="ok">全部完成</span>', sort: NONE };
  if (n.days === undefined) return { html: '未定日期', sort: NONE - 1 };
  return n.days < 0 ? { html: `<span class="overdue">逾期 ${-n.days} 天</span>`, sort: n.days } : { html: n.days === 0 ? '今天到期' : `还有 ${n.days} 天`, sort: n.days };
};

const COLUMNS: Column[] = [
  { head: '部门', type: 'text', cell: (r) => ({ html: esc(r.department), sort: r.department, cls: 'text' }) },
  { head: '已完成阶段', type: 'number', cell: (r) => ({ html: r.reached ? esc(r.reached.label.zh) : '—', sort: r.reached ? STAGE_IDS.indexOf(r.reached.key) : -1 }) },
  { head: '下一阶段', type: 'number', cell: (r) => ({ html: r.next ? esc(r.next.label.zh) : '—', sort: r.next ? STAGE_IDS.indexOf(r.next.key) : 9 }) },
  { head: '期限', type: 'text', cell: (r) => ({ html: esc(r.next?.due ?? '—'), sort: r.next?.due ?? '9999' }) },
  { head: '进度', type: 'number', cell: stageWord },
  { head: '逾期阶段', type: 'number', cell: (r) => ({ html: r.overdue.length ? `<span class="overdue">${r.overdue.length}</span>` : '0', sort: r.overdue.length, cls: 'n' }) },
  { head: '错误', type: 'number', cell: (r) => ({ html: String(r.errors), sort: r.errors, cls: 'n' }) },
  { head: '警告', type: 'number', cell: (r) => ({ html: String(r.warnings), sort: r.warnings, cls: 'n' }) },
  { head: '已废止依据', type: 'number', cell: (r) => ({ html: r.repealed.length ? `<span class="overdue">${r.repealed.length}</span>` : '0', sort: r.repealed.length, cls: 'n' }) },
  { head: '风险点（高）', type: 'number', cell: (r) => ({ html: String(r.risks.高), sort: r.risks.高, cls: 'n' }) },
  { head: '风险点（中）', type: 'number', cell: (r) => ({ html: String(r.risks.中), sort: r.risks.中, cls: 'n' }) },
  { head: '风险点（低）', type: 'number', cell: (r) => ({ html: String(r.risks.低), sort: r.risks.低, cls: 'n' }) },
  { head: '职权', type: 'number', cell: (r) => ({ html: String(r.powers), sort: r.powers, cls: 'n' }) },
  { head: '制度（已审议）', type: 'number', cell: (r) => ({ html: `${r.rules}（${r.rulesDeliberated}）`, sort: r.rules, cls: 'n' }) },
  { head: '数据日期', type: 'text', cell: (r) => ({ html: esc(r.statusAt), sort: r.statusAt }) },
];

function details(r: RollupRow, i: number): string {
  const parts: string[] = [`<section class="dept" id="dept-${i + 1}"><h3>${esc(r.department)}</h3>`];
  parts.push(`<p class="note">来源：${esc(r.source)}${r.commit ? `；提交 ${esc(r.commit.slice(0, 12))}` : ''}；数据日期 ${esc(r.statusAt)}${r.compendiumDate ? `；汇编日期 ${esc(r.compendiumDate)}` : ''}</p>`);
  if (r.overdue.length) parts.push(`<p>逾期阶段：${r.overdue.map((o) => `${esc(o.label.zh)}（${esc(o.due)}，已逾期 ${-o.days} 天）`).join('；')}</p>`);
  if (r.repealed.length) parts.push(`<p>引用已废止的法律：${r.repealed.map((l) => `《${esc(l.title)}》${l.date ? `（${esc(l.date)} ${l.by ? `被${esc(l.by)}` : ''}废止）` : l.by ? `（被${esc(l.by)}废止）` : ''}：${esc(l.powers.join('、'))}`).join('；')}</p>`);
  if (r.superseded.length) parts.push(`<p>引用已修订的旧版本：${r.superseded.map((l) => `《${esc(l.title)}》：${esc(l.powers.join('、'))}`).join('；')}</p>`);
  const errs = r.problems.filter((p) => p.severity === 'error');
  if (errs.length) {
    parts.push(`<table class="small"><caption>错误（${errs.length} 个${errs.length > 20 ? '，列出前 20 个' : ''}）</caption><thead><tr><th scope="col">文件</th><th scope="col">行</th><th scope="col">规则</th><th scope="col">说明</th></tr></thead><tbody>`);
    for (const p of errs.slice(0, 20)) parts.push(`<tr><td>${esc(p.file)}</td><td>${p.line}</td><td>${esc(p.rule)}</td><td>${esc(p.messageZh ?? p.message)}</td></tr>`);
    parts.push('</tbody></table>');
  }
  if (parts.length === 2) parts.push('<p class="ok">无逾期阶段、无已废止依据、无错误。</p>');
  parts.push('</section>');
  return parts.join('\n');
}

export function rollupHtml(report: RollupReport): string {
  const t = report.totals;
  const head = COLUMNS.map((c) => `<th scope="col" data-type="${c.type}"><button type="button">${esc(c.head)}</button></th>`).join('');
  const rows = report.departments.map((r) => `<tr>${COLUMNS.map((c, k) => {
    const x = c.cell(r);
    const content = k === 0 ? `<a href="#dept-${report.departments.indexOf(r) + 1}">${x.html}</a>` : x.html;
    return `<${k === 0 ? 'th scope="row"' : 'td'}${x.cls ? ` class="${x.cls}"` : ''} data-sort="${esc(String(x.sort))}">${content}</${k === 0 ? 'th' : 'td'}>`;
  }).join('')}</tr>`).join('\n');
  const title = '规范权力运行制度建设进度汇总';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="powerbook">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ROLLUP_FILES.css}">
<script src="${ROLLUP_FILES.js}" defer></script>
</head>
<body class="rollup-page">
<a class="skip" href="#main">跳到正文</a>
<header class="site-header"><div class="inner">
<p class="site-dept">截至 ${esc(report.at)}</p>
<p class="site-title">${title}</p>
</div></header>
<main id="main" class="rollup" tabindex="-1">
<h1>${title}</h1>
<ul class="totals">
<li>部门 ${t.departments} 个</li>
<li>有逾期阶段的 <span class="${t.withOverdue ? 'overdue' : 'ok'}">${t.withOverdue}</span> 个</li>
<li>错误 ${t.errors} 个</li>
<li>引用已废止法律 ${t.repealed} 处</li>
<li>廉政风险点：高 ${t.risks.高}，中 ${t.risks.中}，低 ${t.risks.低}</li>
</ul>
<p class="note">点击列标题排序。进度按 ${esc(report.at)} 计算；错误数取自各部门 CI 发布的检查结果（validate），没有时取下一阶段的阻碍问题数。</p>
<div class="content">
<table class="rollup" id="rollup">
<thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div>
<h2>各部门情况</h2>
${report.departments.map(details).join('\n')}
</main>
<footer class="site-footer"><div class="inner"><p>由 powerbook ${esc(report.tool.version)} 根据各部门 CI 发布的 status、validate 结果汇总生成。</p></div></footer>
</body>
</html>
`;
}
