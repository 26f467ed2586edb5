/**
 * `diff --format markdown`: a pull request comment (GitHub, GitLab). Counts first, then a table of the added and of the
 * removed items, and a table per changed item; long texts collapsed in <details> with a line diff. Everything the
 * repository wrote is escaped: a power's name cannot add HTML or Markdown to the comment.
 */
import type { Lang } from '../../diagnostics/diagnostic.js';
import type { Change, ItemDiff, RepoDiff } from '../types.js';
import { DIFF_KINDS, ITEM_STATUSES } from '../types.js';
import { alikeNote, changeCount, diffLines, itemTitle, KIND_WORDS, label, libraryProblem, note, provisionsHeading, provisionTitle, revisionLabel, statusWord } from './words.js';

/** The first line of the comment: how the CI finds its own comment again to update it (a sticky comment). */
export const MARKER = '<!-- powerbook-diff -->';

/** Text in a table cell or a heading: HTML escaped, Markdown's specials made literal, line breaks as <br>. */
export function cell(s: string | undefined): string {
  if (s === undefined || s === '') return '';
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~])/g, '\\$1').replace(/\r?\n/g, '<br>');
}

/** A fenced block that no backtick run in the content can close early. */
function fence(lines: string[], lang: string): string {
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((m) => m.length))));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${lines.join('\n')}\n${f}`;
}

function details(summary: string, lines: string[]): string {
  return `<details><summary>${summary}</summary>\n\n${fence(lines, 'diff')}\n\n</details>`;
}

export interface MarkdownOptions {
  lang: Lang;
  /** At most this many characters (a GitHub comment takes 65,536): items past it are left out, and it says so. */
  maxChars?: number;
}

export function formatDiffMarkdown(d: RepoDiff, opts: MarkdownOptions): string {
  const { lang } = opts;
  const en = lang === 'en';
  const head: string[] = [MARKER];
  head.push(en ? `### powerbook: what changed in the rule repository` : `### powerbook：制度库变更`);
  head.push('', en ? `${cell(revisionLabel(d.base, lang))} → ${cell(revisionLabel(d.head, lang))}` : `${cell(revisionLabel(d.base, lang))} → ${cell(revisionLabel(d.head, lang))}`, '');
  const statuses = ITEM_STATUSES;
  head.push(`| | ${statuses.map((s) => (en ? statusWord('rule', s, lang) : s === 'removed' ? '取消/删除' : statusWord('rule', s, lang))).join(' | ')} | ${en ? 'now' : '现有'} |`);
  head.push(`|---|${statuses.map(() => '---:').join('|')}|---:|`);
  for (const k of DIFF_KINDS) head.push(`| ${en ? KIND_WORDS[k].en : KIND_WORDS[k].zh} | ${statuses.map((s) => d.counts[k][s] || '').join(' | ')} | ${d.counts[k].total} |`);
  if (d.provisions.length) head.push('', en ? `Cited provisions whose text changed: ${d.provisions.length}` : `引用条文的文本变化：${d.provisions.length} 条`);
  const problem = libraryProblem(d, lang);
  if (problem) head.push('', `> ${cell(problem)}`);
  if (!changeCount(d)) {
    head.push('', en ? 'No change to powers, laws, rules or powerbook.yaml.' : '职权、法律、制度和 powerbook.yaml 均无变化。');
    return head.join('\n') + '\n';
  }
  const sections: string[] = [];
  for (const k of DIFF_KINDS) {
    const items = d.items.filter((i) => i.kind === k);
    if (!items.length) continue;
    const parts: string[] = [`#### ${en ? KIND_WORDS[k].en : KIND_WORDS[k].zh}`];
    for (const status of ['added', 'removed'] as const) {
      const list = items.filter((i) => i.status === status);
      if (!list.length) continue;
      parts.push('', `**${statusWord(k, status, lang)}**`, '', en ? '| id | name | group | file |' : '| 编号 | 名称 | 类别 | 文件 |', '|---|---|---|---|');
      for (const it of list) parts.push(`| ${cell(it.id)} | ${cell(`${it.name}${alikeNote(it, lang)}`)} | ${cell(it.group)} | ${cell(it.file)} |`);
    }
    for (const it of items.filter((i) => i.status !== 'added' && i.status !== 'removed')) parts.push('', itemSection(it, lang));
    sections.push(parts.join('\n'));
  }
  if (d.config.length) sections.push(['#### powerbook.yaml', '', changeTable(d.config, lang)].join('\n'));
  if (d.provisions.length) {
    const parts = [`#### ${cell(provisionsHeading(d, lang))}`, ''];
    for (const p of d.provisions) {
      parts.push(details(cell(provisionTitle(d, p, lang)), diffLines(p.before, p.after)), '');
    }
    sections.push(parts.join('\n'));
  }
  if (d.unreadable.length) {
    sections.push([en ? '#### Not compared (the file does not parse; see powerbook validate)' : '#### 未比较（文件无法解析，见 powerbook validate）', '',
      ...d.unreadable.map((u) => `- ${u.side === 'base' ? (en ? 'base' : '比较基准') : (en ? 'head' : '当前')}：${cell(u.file)}`)].join('\n'));
  }
  let text = head.join('\n') + '\n';
  const max = opts.maxChars ?? Infinity;
  let left = 0;
  for (const [i, s] of sections.entries()) {
    if (text.length + s.length + 2 > max - 200) { left = sections.length - i; break; }
    text += `\n${s}\n`;
  }
  if (left) text += `\n${en ? `_${left} more section(s) left out to keep the comment under ${max} characters: see the full report (powerbook diff) in the job's artifacts._` : `_还有 ${left} 部分因篇幅（${max} 字符）未列出，完整内容见作业产物中的 powerbook diff 报告。_`}\n`;
  return text;
}

function itemSection(it: ItemDiff, lang: Lang): string {
  const en = lang === 'en';
  const file = it.oldFile && it.oldFile !== it.file ? `${it.oldFile} → ${it.file}` : it.file;
  const out = [`**${statusWord(it.kind, it.status, lang)}** ${cell(itemTitle(it, lang))} · \`${file.replace(/`/g, '')}\``];
  if (it.changes.length) out.push('', changeTable(it.changes, lang));
  else if (!it.identical) out.push('', en ? '_(no field changed)_' : '_（字段无变化）_');
  return out.join('\n');
}

function changeTable(changes: Change[], lang: Lang): string {
  const en = lang === 'en';
  const rows = [en ? '| field | before | after | note |' : '| 项目 | 修改前 | 修改后 | 说明 |', '|---|---|---|---|'];
  const long: string[] = [];
  for (const c of changes) {
    if (c.long) {
      const what = c.op === 'added' ? (en ? 'added' : '新增') : c.op === 'removed' ? (en ? 'removed' : '删除') : (en ? 'changed' : '修改');
      rows.push(`| ${cell(label(c, lang))} | ${en ? '(see below)' : '（见下）'} | | ${cell([what, note(c, lang)].filter(Boolean).join(en ? '; ' : '；'))} |`);
      long.push(details(cell(label(c, lang)), diffLines(c.before, c.after)));
      continue;
    }
    const blank = en ? '—' : '（无）';
    rows.push(`| ${cell(label(c, lang))} | ${c.before === undefined ? blank : cell(c.before)} | ${c.after === undefined ? blank : cell(c.after)} | ${cell(note(c, lang))} |`);
  }
  return [rows.join('\n'), ...long].join('\n\n');
}
