/** What the diff formatters share: the words for statuses and operations, and a line diff of long texts. */
import { structuredPatch } from 'diff';
import type { Lang } from '../../diagnostics/diagnostic.js';
import type { Change, DiffKind, ItemDiff, ItemStatus, ProvisionChange, RepoDiff, RevisionInfo } from '../types.js';

export const KIND_WORDS: Record<DiffKind, { zh: string; en: string; unit: string; ens: string }> = {
  power: { zh: '职权', en: 'Powers', unit: '项', ens: 'power' },
  law: { zh: '法律', en: 'Laws', unit: '部', ens: 'law' },
  rule: { zh: '制度', en: 'Rules', unit: '项', ens: 'rule' },
};

export function statusWord(kind: DiffKind, s: ItemStatus, lang: Lang): string {
  if (lang === 'en') return { added: 'added', removed: 'removed', renamed: 'renamed', moved: 'moved', changed: 'changed' }[s];
  return { added: '新增', removed: kind === 'power' ? '取消' : '删除', renamed: '重新编号', moved: '移动', changed: '修改' }[s];
}

export function revisionLabel(r: RevisionInfo, lang: Lang): string {
  const en = lang === 'en';
  const name = r.worktree ? (en ? 'working tree' : '工作区') : r.rev === r.commit ? r.short! : r.rev;
  const extra = [r.worktree || r.rev === r.commit ? '' : r.short, r.compendiumDate ? (en ? `compendium date ${r.compendiumDate}` : `汇编日期 ${r.compendiumDate}`) : ''].filter(Boolean);
  if (!extra.length) return name;
  return en ? `${name} (${extra.join(', ')})` : `${name}（${extra.join('，')}）`;
}

/** 职权：新增 1 项，取消 2 项（现有 15 项） */
export function countLine(d: RepoDiff, kind: DiffKind, lang: Lang): string {
  const c = d.counts[kind];
  const k = KIND_WORDS[kind];
  const parts = (['added', 'removed', 'renamed', 'moved', 'changed'] as ItemStatus[]).filter((s) => c[s] > 0);
  if (lang === 'en') {
    const body = parts.length ? parts.map((s) => `${c[s]} ${statusWord(kind, s, lang)}`).join(', ') : 'no change';
    return `${k.en}: ${body} (${c.total} now)`;
  }
  const body = parts.length ? parts.map((s) => `${statusWord(kind, s, lang)} ${c[s]} ${k.unit}`).join('，') : '无变化';
  return `${k.zh}：${body}（现有 ${c.total} ${k.unit}）`;
}

/** What there is to show: changes, and files that could not be compared (never "no change" while some could not). */
export function changeCount(d: RepoDiff): number {
  return d.items.length + d.config.length + d.provisions.length + d.unreadable.length;
}

export const label = (c: Change, lang: Lang) => (lang === 'en' ? c.label.en : c.label.zh);
export const note = (c: Change, lang: Lang) => (c.note ? (lang === 'en' ? c.note.en : c.note.zh) : '');

/** One line saying what happened to a field: 新增 X, 删除 X, a → b. */
export function changeText(c: Change, lang: Lang): string {
  const en = lang === 'en';
  const n = note(c, lang);
  const tail = n ? (en ? ` (${n})` : `（${n}）`) : '';
  if (c.long) {
    const { plus, minus } = lineCounts(c.before, c.after);
    const what = c.op === 'added' ? (en ? 'added' : '新增') : c.op === 'removed' ? (en ? 'removed' : '删除') : (en ? 'changed' : '修改');
    return `${what}${en ? ` (+${plus} −${minus} lines)` : `（+${plus} −${minus} 行）`}${tail}`;
  }
  if (c.op === 'added') return `${en ? 'added ' : '新增 '}${c.after}${tail}`;
  if (c.op === 'removed') return `${en ? 'removed ' : '删除 '}${c.before}${tail}`;
  return `${c.before} → ${c.after}${tail}`;
}

/** Chinese prose without line breaks reads best split into sentences (after 。；！？) for a line diff. */
export function toLines(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text.replace(/\r\n/g, '\n').split('\n').flatMap((l) => l.split(/(?<=[。；！？])(?=.)/u));
}

function lineCounts(a: string | undefined, b: string | undefined): { plus: number; minus: number } {
  let plus = 0, minus = 0;
  for (const l of diffLines(a, b)) { if (l.startsWith('+')) plus++; else if (l.startsWith('-')) minus++; }
  return { plus, minus };
}

/** A unified line diff (without headers): lines starting with ' ', '-' or '+', hunks separated by '@@'. */
export function diffLines(a: string | undefined, b: string | undefined, context = 2): string[] {
  const la = toLines(a), lb = toLines(b);
  const p = structuredPatch('a', 'b', la.length ? la.join('\n') + '\n' : '', lb.length ? lb.join('\n') + '\n' : '', '', '', { context });
  const out: string[] = [];
  p.hunks.forEach((h, i) => {
    if (i) out.push('@@');
    for (const l of h.lines) if (!l.startsWith('\\')) out.push(l);
  });
  return out;
}

export function itemTitle(it: ItemDiff, lang: Lang): string {
  const en = lang === 'en';
  const id = it.oldId && it.oldId !== it.id ? `${it.oldId} → ${it.id}` : it.id;
  const group = it.group ? (en ? ` (${it.group})` : `（${it.group}）`) : '';
  const same = it.identical ? (en ? ' — content unchanged' : '（内容未变）') : '';
  const cancelled = it.cancelled ? (en ? ' — status now 取消/暂停' : '（状态改为取消/暂停）') : '';
  return `${id} ${it.name}${group}${same}${cancelled}${alikeNote(it, lang)}`;
}

/** An added item the same as a removed one but for its id and name: （除编码和名称外与取消的 XK-002 拍卖企业设立许可 相同）. */
export function alikeNote(it: ItemDiff, lang: Lang): string {
  if (!it.alike) return '';
  const removed = statusWord(it.kind, 'removed', lang);
  return lang === 'en' ? ` (same as ${removed} ${it.alike.id} ${it.alike.name} but for its id and name)` : `（除编码和名称外与${removed}的 ${it.alike.id} ${it.alike.name} 相同）`;
}

/** The heading of the cited provisions: where their texts were read. */
export function provisionsHeading(d: RepoDiff, lang: Lang): string {
  const en = lang === 'en';
  const lib = d.provisions.find((p) => p.source === 'library' && p.dates);
  if (!lib) return en ? 'Cited provisions whose text changed' : '引用条文的文本变化';
  const { base, head } = lib.dates!;
  return en ? `Cited provisions whose text changed (law library: the texts in force on the compendium dates ${base} and ${head})`
    : `引用条文的文本变化（法规库：汇编日期 ${base} 和 ${head} 施行的文本）`;
}

/** 《中华人民共和国对外贸易法》第九条（2016-11-07 版 → 2022-12-30 版；原文已删去；XK-001 引用） */
export function provisionTitle(d: RepoDiff, p: ProvisionChange, lang: Lang): string {
  const en = lang === 'en';
  const parts: string[] = [];
  // With the library read, a law of the repository's own laws/ is compared as registered there.
  if (p.source === 'registry' && d.library?.read) parts.push(en ? 'as registered in laws/' : 'laws/ 登记的条文');
  if (p.versions) {
    const v = (x: string | undefined) => (x === undefined ? (en ? 'no version in force' : '无施行的版本') : /^\d{4}-\d{2}-\d{2}$/.test(x) ? (en ? `version ${x}` : `${x} 版`) : x);
    parts.push(`${v(p.versions.base)} → ${v(p.versions.head)}`);
  }
  if (p.now?.kind === 'moved') parts.push(en ? `the former text is now ${p.now.to}` : `原文现为${p.now.to}`);
  else if (p.now?.kind === 'deleted') parts.push(en ? 'the former text was deleted' : '原文已删去');
  parts.push(en ? `cited by ${p.powers.join(', ')}` : `${p.powers.join('、')} 引用`);
  return en ? `《${p.title}》${p.article} (${parts.join('; ')})` : `《${p.title}》${p.article}（${parts.join('；')}）`;
}

/** A line saying the law library was set but could not be read (its texts not compared). */
export function libraryProblem(d: RepoDiff, lang: Lang): string | undefined {
  if (!d.library || d.library.read) return undefined;
  const why = d.library.problem ? (lang === 'en' ? d.library.problem.en : d.library.problem.zh) : '';
  return lang === 'en'
    ? `The law library could not be read${why ? ` (${why})` : ''}: cited provisions compared in each revision's laws/ only.`
    : `法规库无法读取${why ? `（${why}）` : ''}：引用条文只按各修订 laws/ 中登记的文本比较。`;
}
