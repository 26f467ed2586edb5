/**
 * What the `laws` commands print, as data (for `--format json`) and as text in Chinese or English: the library's own
 * check (counts by folder, versions, laws, repeals learned, every defect at file:line), the list of laws, one law or
 * one article on a date, and search results.
 */
import { articleKey, numberToChinese } from '../domain/numerals.js';
import { articleText } from './articles.js';
import { SKIP_REASONS, type SkipReason } from './classify.js';
import type { Library } from './index.js';
import { queryTerms } from './search.js';
import type { LawVersion, LibArticle, LibLaw, RepealClause } from './types.js';

export type Lang = 'zh' | 'en';
const tr = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh);

// ---------------------------------------------------------------------------------------------- check-library

export interface CheckReport {
  roots: string[];
  commit?: string;
  files: number;
  indexed: number;
  skipped: { file: string; reason: string; zh: string; en: string }[];
  byFolder: { folder: string; files: number; indexed: number; skipped: number }[];
  versions: number;
  laws: number;
  multiVersionLaws: number;
  repealsLearned: number;
  repealedInLibrary: number;
  repealedOutsideLibrary: number;
  truncated: number;
  defects: { file: string; line: number; column?: number; kind: string; zh: string; en: string }[];
  cache: { hit: number; parsed: number };
}

export function checkReport(lib: Library): CheckReport {
  const s = lib.stats;
  return {
    roots: lib.roots,
    ...(s.commit ? { commit: s.commit } : {}),
    files: s.files,
    indexed: s.indexed,
    skipped: s.skipped.map((k) => ({ file: k.file, reason: k.reason, ...(SKIP_REASONS[k.reason as SkipReason] ?? { zh: k.reason, en: k.reason }) })),
    byFolder: Object.entries(s.byFolder).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([folder, f]) => ({ folder, files: f.files, indexed: f.indexed, skipped: f.files - f.indexed })),
    versions: s.versions,
    laws: s.laws,
    multiVersionLaws: lib.laws.filter((l) => l.versions.length > 1).length,
    repealsLearned: s.repealsLearned,
    repealedInLibrary: lib.laws.filter((l) => l.repealedBy).length,
    repealedOutsideLibrary: lib.repealedOnly().length,
    truncated: lib.laws.reduce((n, l) => n + l.versions.filter((v) => v.truncated).length, 0),
    defects: s.defects.map((d) => ({ file: d.at.file, line: d.at.line, ...(d.at.column ? { column: d.at.column } : {}), kind: d.kind, zh: d.zh, en: d.en })),
    cache: s.cache,
  };
}

const FOLDER_EN: Record<string, string> = { '.': '(root)' };

export function formatCheck(r: CheckReport, lang: Lang): string {
  const out: string[] = [];
  const t = (zh: string, en: string) => tr(lang, zh, en);
  out.push(t(`法规库：${r.roots.join('，')}${r.commit ? `（git 提交 ${r.commit.slice(0, 12)}）` : ''}`, `Law library: ${r.roots.join(', ')}${r.commit ? ` (git commit ${r.commit.slice(0, 12)})` : ''}`));
  const reasons = new Map<string, number>();
  for (const k of r.skipped) reasons.set(k.reason, (reasons.get(k.reason) ?? 0) + 1);
  const reasonText = [...reasons].map(([k, n]) => `${lang === 'en' ? (SKIP_REASONS[k as SkipReason]?.en ?? k) : (SKIP_REASONS[k as SkipReason]?.zh ?? k)} ${n}`).join(t('；', '; '));
  const why = (zh: boolean) => (reasonText ? (zh ? `（${reasonText}）` : ` (${reasonText})`) : '');
  out.push(t(`文件 ${r.files} 个：收录 ${r.indexed}，不是法律文本而跳过 ${r.skipped.length}${why(true)}`, `${r.files} files: ${r.indexed} indexed, ${r.skipped.length} skipped as no law text${why(false)}`));
  out.push(t('按目录：', 'By folder:'));
  const w = Math.max(...r.byFolder.map((f) => width(lang === 'en' ? (FOLDER_EN[f.folder] ?? f.folder) : f.folder)));
  for (const f of r.byFolder) {
    const name = lang === 'en' ? (FOLDER_EN[f.folder] ?? f.folder) : f.folder === '.' ? '（根目录）' : f.folder;
    out.push(`  ${name}${' '.repeat(Math.max(1, w - width(name) + 2))}${t(`文件 ${f.files}，收录 ${f.indexed}${f.skipped ? `，跳过 ${f.skipped}` : ''}`, `${f.files} files, ${f.indexed} indexed${f.skipped ? `, ${f.skipped} skipped` : ''}`)}`);
  }
  out.push(t(`版本 ${r.versions} 个，法律法规 ${r.laws} 部（其中 ${r.multiVersionLaws} 部有多个版本）`, `${r.versions} versions of ${r.laws} laws (${r.multiVersionLaws} with several versions)`));
  out.push(t(`从文本学到的废止条款 ${r.repealsLearned} 条：废止库内 ${r.repealedInLibrary} 部，库外 ${r.repealedOutsideLibrary} 部`, `${r.repealsLearned} repeal clauses learned from the texts: ${r.repealedInLibrary} laws of the library repealed, ${r.repealedOutsideLibrary} titles outside it`));
  out.push(t(`不完整的文本 ${r.truncated} 个`, `${r.truncated} incomplete texts`));
  out.push(t(`缺陷 ${r.defects.length} 处：`, `${r.defects.length} defects:`));
  for (const d of r.defects) out.push(`  ${d.file}:${d.line}${d.column ? `:${d.column}` : ''}  ${d.kind}  ${lang === 'en' ? d.en : d.zh}`);
  out.push(t(`索引缓存：命中 ${r.cache.hit} 个文件，解析 ${r.cache.parsed} 个`, `Index cache: ${r.cache.hit} files from the cache, ${r.cache.parsed} parsed`));
  return out.join('\n') + '\n';
}

/** Display width: CJK characters count two columns. */
function width(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}

// ---------------------------------------------------------------------------------------------- shared facts

export interface VersionFacts {
  file: string;
  date?: string;
  inForce?: string;
  inForceSource: LawVersion['inForceSource'];
  order?: string;
  issuer?: string;
  articles: number;
  truncated: boolean;
  parts?: string[];
  duplicates?: string[];
}

function versionFacts(v: LawVersion): VersionFacts {
  return {
    file: v.file, ...(v.date ? { date: v.date } : {}), ...(v.inForce ? { inForce: v.inForce } : {}), inForceSource: v.inForceSource,
    ...(v.order ? { order: v.order } : {}), ...(v.issuer ? { issuer: v.issuer } : {}), articles: v.articleCount ?? v.articles.length, truncated: v.truncated,
    ...(v.parts ? { parts: v.parts } : {}), ...(v.duplicates?.length ? { duplicates: v.duplicates } : {}),
  };
}

export interface RepealFacts { title: string; file: string; date: string; order?: string; clause: string; at: string }

function repealFacts(r: { version: LawVersion; date: string; clause: RepealClause }): RepealFacts {
  return { title: r.version.title, file: r.version.file, date: r.date, ...(r.version.order ? { order: r.version.order } : {}), clause: r.clause.text, at: `${r.clause.at.file}:${r.clause.at.line}` };
}

const SOURCE: Record<LawVersion['inForceSource'], { zh: string; en: string }> = {
  header: { zh: '文头施行日期', en: "the header's 施行 line" },
  'final-article': { zh: '最后一条的施行日期', en: 'the final article' },
  'file-date': { zh: '版本日期', en: "the version's date" },
  unknown: { zh: '未知', en: 'unknown' },
};

function versionLine(v: VersionFacts, lang: Lang, current: boolean): string {
  const t = (zh: string, en: string) => tr(lang, zh, en);
  const bits = [
    v.date ?? t('无日期', 'undated'),
    t(`施行 ${v.inForce ?? '未知'}（${SOURCE[v.inForceSource].zh}）`, `in force ${v.inForce ?? 'unknown'} (${SOURCE[v.inForceSource].en})`),
    ...(v.order ? [v.order] : []),
    t(`${v.articles} 条`, `${v.articles} articles`),
    ...(v.truncated ? [t('文本不完整', 'incomplete text')] : []),
  ];
  return `  ${current ? '*' : ' '} ${bits.join(t('，', ', '))}  ${v.file}${v.duplicates ? t(`（另存：${v.duplicates.join('、')}）`, ` (also: ${v.duplicates.join(', ')})`) : ''}`;
}

// ---------------------------------------------------------------------------------------------- list

export interface ListEntry {
  title: string;
  shortTitle: string;
  versions: VersionFacts[];
  inForceAt?: { date: string; version?: string; status: 'in-force' | 'not-yet' | 'repealed' };
  repealedBy?: RepealFacts;
  repeals: { title: string; inLibrary: boolean; date: string }[];
}

export function listReport(lib: Library, at?: string): ListEntry[] {
  return lib.laws.map((law) => {
    const e: ListEntry = { title: law.title, shortTitle: law.shortTitle, versions: law.versions.map(versionFacts), repeals: lib.repealsOf(law).map((r) => ({ title: r.law?.title ?? r.title, inLibrary: Boolean(r.law), date: r.date })) };
    if (law.repealedBy) e.repealedBy = repealFacts(law.repealedBy);
    if (at) {
      const rep = lib.repealedAt(law, at);
      const v = lib.versionAt(law, at);
      e.inForceAt = { date: at, ...(v ? { version: v.file } : {}), status: rep ? 'repealed' : v ? 'in-force' : 'not-yet' };
    }
    return e;
  });
}

export function formatList(entries: ListEntry[], lang: Lang, at?: string): string {
  const t = (zh: string, en: string) => tr(lang, zh, en);
  const out: string[] = [];
  for (const e of entries) {
    const status = e.inForceAt ? ({ 'in-force': t('有效', 'in force'), 'not-yet': t('尚未施行', 'not yet in force'), repealed: t('已废止', 'repealed') })[e.inForceAt.status] : '';
    out.push(`${e.title}${status ? `  [${at} ${status}]` : ''}`);
    for (const v of e.versions) out.push(versionLine(v, lang, e.inForceAt?.version === v.file));
    if (e.repealedBy) out.push(t(`    废止：${e.repealedBy.date} 起，由《${e.repealedBy.title}》${e.repealedBy.order ? `（${e.repealedBy.order}）` : ''}（${e.repealedBy.at}）`, `    repealed from ${e.repealedBy.date} by ${e.repealedBy.title}${e.repealedBy.order ? ` (${e.repealedBy.order})` : ''} (${e.repealedBy.at})`));
    for (const r of e.repeals) out.push(t(`    废止了：《${r.title}》（${r.date} 起${r.inLibrary ? '' : '，库中没有此文本'}）`, `    repeals: ${r.title} (from ${r.date}${r.inLibrary ? '' : '; not in the library'})`));
  }
  out.push(t(`共 ${entries.length} 部`, `${entries.length} laws`));
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------- show

export type ShowResult =
  | { kind: 'law'; title: string; at: string; versions: VersionFacts[]; current?: string; status: 'in-force' | 'not-yet' | 'repealed'; repealedBy?: RepealFacts; repeals: { title: string; inLibrary: boolean; date: string }[]; header: { date: string; kind: string; text: string }[]; articles: number }
  | { kind: 'article'; title: string; at: string; version: VersionFacts; repealedBy?: RepealFacts; article: { key: string; label: string; chapter?: string; file: string; line: number; clauses: { text: string; items: { label: string; text: string }[] }[]; text: string } }
  | { kind: 'repealed-only'; title: string; repealedBy: RepealFacts }
  | { kind: 'problem'; code: 'unknown-law' | 'ambiguous-law' | 'bad-article' | 'no-article' | 'article-past-truncated' | 'not-yet-in-force'; zh: string; en: string; suggestions?: string[]; candidates?: { title: string; issuer?: string; date?: string; file: string }[] };

function lawFrom(lib: Library, title: string): { law: LibLaw } | ShowResult {
  const m = lib.find(title);
  if (m.kind === 'found') return { law: m.law };
  if (m.kind === 'repealed-only') return { kind: 'repealed-only', title: m.title, repealedBy: repealFacts(m.repealedBy) };
  if (m.kind === 'ambiguous') {
    return {
      kind: 'problem', code: 'ambiguous-law',
      zh: `「${title}」对应多部法规，请写全称`, en: `"${title}" names several texts; give the full title`,
      candidates: m.candidates.map((c) => { const v = c.versions[c.versions.length - 1]!; return { title: c.title, ...(v.issuer ? { issuer: v.issuer } : {}), ...(v.date ? { date: v.date } : {}), file: v.file }; }),
    };
  }
  return { kind: 'problem', code: 'unknown-law', zh: `法规库中没有「${title}」`, en: `"${title}" is not in the law library`, suggestions: m.suggestions };
}

export function show(lib: Library, title: string, article: string | undefined, at: string): ShowResult {
  const found = lawFrom(lib, title);
  if (!('law' in found)) return found;
  const { law } = found;
  const v = lib.versionAt(law, at);
  const rep = lib.repealedAt(law, at);
  if (article === undefined) {
    const shown = v ?? law.versions[law.versions.length - 1]!;
    return {
      kind: 'law', title: law.title, at, versions: law.versions.map(versionFacts), ...(v ? { current: v.file } : {}),
      status: rep ? 'repealed' : v ? 'in-force' : 'not-yet', ...(law.repealedBy ? { repealedBy: repealFacts(law.repealedBy) } : {}),
      repeals: lib.repealsOf(law).map((r) => ({ title: r.law?.title ?? r.title, inLibrary: Boolean(r.law), date: r.date })),
      header: shown.events.map((e) => ({ date: e.date, kind: e.kind, text: e.text })), articles: shown.articleCount ?? shown.articles.length,
    };
  }
  const key = articleKey(article);
  if (!key) return { kind: 'problem', code: 'bad-article', zh: `看不懂条号「${article}」：写作「第九条」「9」或「第一百二十条之一」`, en: `cannot read the article number "${article}": write 第九条, 9 or 第一百二十条之一` };
  if (!v) {
    const first = law.versions.map((x) => x.inForce).filter(Boolean).sort()[0];
    return { kind: 'problem', code: 'not-yet-in-force', zh: `《${law.title}》在 ${at} 尚未施行${first ? `（最早的版本 ${first} 起施行）` : ''}`, en: `${law.title} is not in force on ${at}${first ? ` (its first version is in force from ${first})` : ''}` };
  }
  const a = lib.article(v, key);
  const label = labelOfKey(key);
  if (!a) {
    const count = v.articleCount ?? v.articles.length;
    if (v.truncated) return { kind: 'problem', code: 'article-past-truncated', zh: `库中《${law.title}》（${v.date ?? '无日期'}）的文本不完整，只有 ${count} 条，查不到${label}：文本缺失，不等于没有这一条`, en: `the library's text of ${law.title} (${v.date ?? 'undated'}) is incomplete (${count} articles): ${label} is missing from the text, which does not mean the law has no such article` };
    return { kind: 'problem', code: 'no-article', zh: `《${law.title}》（${v.date ?? '无日期'}版，${at} 有效）没有${label}：共 ${count} 条`, en: `${law.title} (the ${v.date ?? 'undated'} version, in force on ${at}) has no ${label}: it has ${count} articles` };
  }
  return {
    kind: 'article', title: law.title, at, version: versionFacts(v), ...(rep ? { repealedBy: repealFacts(rep) } : {}),
    article: { key: a.key, label: a.label, ...(a.chapter ? { chapter: a.chapter } : {}), file: a.file ?? v.file, line: a.line, clauses: a.clauses.map((c) => ({ text: c.text, items: c.items.map((i) => ({ label: i.label, text: i.text })) })), text: articleText(a) },
  };
}

function labelOfKey(key: string): string {
  if (key.startsWith('§')) return `${numberToChinese(Number(key.slice(1)))}、`;
  const [n, k] = key.split('-').map(Number);
  return `第${numberToChinese(n!)}条${k ? `之${numberToChinese(k)}` : ''}`;
}

export function formatShow(r: ShowResult, lang: Lang): string {
  const t = (zh: string, en: string) => tr(lang, zh, en);
  const out: string[] = [];
  const repealLine = (p: RepealFacts) => t(`已于 ${p.date} 起废止：《${p.title}》${p.order ? `（${p.order}）` : ''}——${p.clause}（${p.at}）`, `repealed from ${p.date} by ${p.title}${p.order ? ` (${p.order})` : ''}: ${p.clause} (${p.at})`);
  switch (r.kind) {
    case 'problem':
      out.push(t(r.zh, r.en));
      if (r.suggestions?.length) out.push(t(`相近的标题：${r.suggestions.join('、')}`, `Nearest titles: ${r.suggestions.join(', ')}`));
      for (const c of r.candidates ?? []) out.push(`  ${c.title}  ${[c.issuer, c.date].filter(Boolean).join(t('，', ', '))}  ${c.file}`);
      break;
    case 'repealed-only':
      out.push(t(`《${r.title}》不在法规库中。`, `${r.title} is not in the law library.`));
      out.push(repealLine(r.repealedBy));
      break;
    case 'law': {
      const status = { 'in-force': t('有效', 'in force'), 'not-yet': t('尚未施行', 'not yet in force'), repealed: t('已废止', 'repealed') }[r.status];
      out.push(`${r.title}  [${r.at} ${status}]`);
      if (r.repealedBy) out.push(repealLine(r.repealedBy));
      out.push(t(`版本（* 为 ${r.at} 有效的版本）：`, `Versions (* in force on ${r.at}):`));
      for (const v of r.versions) out.push(versionLine(v, lang, v.file === r.current));
      for (const x of r.repeals) out.push(t(`废止了：《${x.title}》（${x.date} 起${x.inLibrary ? '' : '，库中没有此文本'}）`, `Repeals: ${x.title} (from ${x.date}${x.inLibrary ? '' : '; not in the library'})`));
      out.push(t(`文头：`, 'Header:'));
      for (const h of r.header) out.push(`  ${h.text}`);
      out.push(t(`条文 ${r.articles} 条`, `${r.articles} articles`));
      break;
    }
    case 'article': {
      const v = r.version;
      out.push(t(`《${r.title}》${r.article.label}（${v.date ?? '无日期'}版，${v.inForce ?? '?'} 起施行；${r.at} 有效的版本）`, `${r.title}, ${r.article.label} (the ${v.date ?? 'undated'} version, in force from ${v.inForce ?? '?'}; the version in force on ${r.at})`));
      if (r.repealedBy) out.push(repealLine(r.repealedBy));
      if (r.article.chapter) out.push(r.article.chapter);
      out.push('');
      r.article.clauses.forEach((c, i) => {
        out.push(i === 0 ? `${r.article.label}　${c.text}` : `　　${c.text}`);
        for (const item of c.items) out.push(`　　${item.label}${item.text}`);
      });
      out.push('');
      out.push(`${r.article.file}:${r.article.line}`);
      break;
    }
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------- search

/** About 120 characters of `text` around the first of `terms` it holds. */
function snippet(text: string, terms: string[], size = 120): string {
  if (text.length <= size) return text;
  const at = Math.min(...terms.map((w) => text.indexOf(w)).filter((i) => i >= 0), text.length);
  const start = at === text.length ? 0 : Math.max(0, Math.min(at - 30, text.length - size));
  return `${start > 0 ? '…' : ''}${text.slice(start, start + size)}${start + size < text.length ? '…' : ''}`;
}

export interface SearchHit { rank: number; title: string; version?: string; file: string; line: number; key: string; label: string; score: number; text: string }

export function searchReport(lib: Library, words: string, opts: { at?: string; limit?: number }): SearchHit[] {
  return lib.search(words, opts).map((h, i) => ({
    rank: i + 1, title: h.law.title, ...(h.version.date ? { version: h.version.date } : {}), file: h.article.file ?? h.version.file, line: h.article.line,
    key: h.article.key, label: h.article.label, score: Math.round(h.score * 1000) / 1000, text: articleText(h.article as LibArticle),
  }));
}

export function formatSearch(hits: SearchHit[], words: string, lang: Lang): string {
  const t = (zh: string, en: string) => tr(lang, zh, en);
  if (!hits.length) return t(`没有找到含「${words}」的条文\n`, `No article contains "${words}"\n`);
  const out: string[] = [];
  const terms = queryTerms(words);
  for (const h of hits) {
    out.push(`${h.rank}. 《${h.title}》${h.label}${h.version ? t(`（${h.version}版）`, ` (${h.version})`) : ''}  ${h.file}:${h.line}`);
    out.push(`   ${snippet(h.text.replace(/\n/g, ' '), terms)}`);
  }
  return out.join('\n') + '\n';
}
