/**
 * Citations checked against the law library (issue 19): every legal basis must name a text that exists, is in force on
 * the compendium's date, and holds the cited article, 款 and 项; a quote or a pinned version must still be the text in
 * force. Each finding is at the citation's line. Local laws/*.yaml keep their own rules (law-unknown, article-unknown,
 * law-not-in-force); their 款/项 and quotes are checked here too.
 */
import { articleKey, articleLabel } from '../../domain/numerals.js';
import type { LegalBasisRef, Power } from '../../domain/types.js';
import type { Loaded } from '../../load/repository.js';
import type { LawVersion, LibLaw } from '../../library/types.js';
import type { CheckContext, Rule } from '../context.js';
import { LAW_ID } from './legal-basis.js';
import { findDrift, quoteMatches, wordDiff, type Drift } from './citations-drift.js';
import { localArticle, locate, locatedText, versionName, versionNameEn, type LawTarget, type LibraryCitation, type Located, type Repeal } from './citations-resolve.js';

type Each = (p: Loaded<Power>, b: LegalBasisRef, i: number, t: LawTarget) => void;

/** Every legal basis of every power, with what its `law:` names. */
function each(ctx: CheckContext, f: Each): void {
  for (const p of ctx.powers) (p.data.legal_bases ?? []).forEach((b, i) => f(p, b, i, ctx.citations.targetFor(b)));
}

const at = (p: Loaded<Power>, i: number, field: string) => () => p.source.rangeAt(['legal_bases', i, field]);

/** 第九条第二款第（一）项 as cited. */
function citedLabel(b: LegalBasisRef): string {
  let s = b.article === undefined ? '' : articleLabel(b.article, '条');
  if (b.clause !== undefined) s += articleLabel(b.clause, '款');
  if (b.item !== undefined) s += articleLabel(b.item, '项');
  return s;
}

const CAP = 200;
function cap(s: string): string {
  const flat = s.replace(/\n/g, ' ');
  return flat.length > CAP ? `${flat.slice(0, CAP)}……` : flat;
}

/** Issuer, date and folder of a candidate text: what tells two texts of one title apart. */
function describe(law: LibLaw): string {
  const v = law.versions[law.versions.length - 1];
  if (!v) return '';
  const issuer = v.issuer ?? v.order?.replace(/令.*$/, '');
  return [issuer, v.order, v.date ? `${v.date} 版` : undefined, v.inForce ? `${v.inForce} 施行` : undefined, v.folder].filter(Boolean).join('，');
}

const titled = (s: string) => (LAW_ID.test(s) ? `"${s}"` : `《${s}》`);

/** A cited title that neither the library nor laws/ holds: the nearest titles. */
export const citationUnknown: Rule = {
  id: 'citation-unknown',
  check(ctx) {
    if (!ctx.library) return; // without a library, law-unknown says it (and with an unopened one, law-library-path)
    each(ctx, (p, b, i, t) => {
      if (t.kind !== 'unknown' || LAW_ID.test(b.law)) return; // a laws/ id that does not exist: law-unknown
      const near = t.suggestions.slice(0, 5);
      ctx.report(p.source, at(p, i, 'law'), {
        zh: `法规库和 laws/ 中都找不到"${b.law}"${near.length ? `；相近的有：${near.map(titled).join('、')}` : ''}`,
        en: `"${b.law}" is neither in the law library nor in laws/${near.length ? `; nearest: ${near.map(titled).join(', ')}` : ''}`,
        hintZh: '按法规库中的名称改正（全称、简称都可以，如"行政许可法"），或把本地的规范性文件登记在 laws/ 下',
        hintEn: 'Write the title as the library has it (full or short, e.g. 行政许可法), or register a local document under laws/',
      });
    });
  },
};

/** A title that several texts of the library carry. */
export const citationAmbiguous: Rule = {
  id: 'citation-ambiguous',
  check(ctx) {
    each(ctx, (p, b, i, t) => {
      if (t.kind !== 'ambiguous') return;
      const list = t.candidates.map((c) => `《${c.title}》（${describe(c)}）`);
      ctx.report(p.source, at(p, i, 'law'), {
        zh: `"${b.law}"在法规库中对应 ${t.candidates.length} 部文本：${list.join('、')}`,
        en: `"${b.law}" matches ${t.candidates.length} texts of the law library: ${list.join(', ')}`,
        hintZh: '写出全称以区分；同名的文本用 version: 写明所引版本的日期',
        hintEn: 'Write the full title; for texts of the same title, give version: with the date of the one meant',
      });
    });
  },
};

function repealOf(t: LawTarget, c: LibraryCitation | undefined): { title: string; r: Repeal } | undefined {
  if (t.kind === 'repealed-only') return { title: t.title, r: t.repealedBy };
  if (t.kind === 'library' && c?.repealed) return { title: t.law.title, r: c.repealed };
  return undefined;
}

/** Repealed on the compendium's date: by which text, its 令 number, from when (learned from the texts' repeal clauses). */
export const citationRepealed: Rule = {
  id: 'citation-repealed',
  check(ctx) {
    each(ctx, (p, b, i, t) => {
      const rep = repealOf(t, ctx.citations.libraryCitation(b));
      if (!rep) return;
      const { title, r } = rep;
      const by = r.version.title, order = r.version.order;
      const clause = r.clause.text.length > 90 ? `${r.clause.text.slice(0, 90)}……` : r.clause.text;
      ctx.report(p.source, at(p, i, 'law'), {
        zh: `《${title}》已于 ${r.date} 被《${by}》${order ? `（${order}）` : ''}废止，汇编日期 ${ctx.date ?? ''} 时不能作为实施依据`,
        en: `${title} was repealed on ${r.date} by ${by}${order ? ` (${order})` : ''}: it is no legal basis on the compendium date ${ctx.date ?? ''}`,
        hintZh: `改为引用《${by}》中相应的条文，或停用这项职权。废止条款（${r.version.file}:${r.clause.at.line}）：${clause}`,
        hintEn: `Cite the corresponding provision of ${by}, or suspend this power (repeal clause at ${r.version.file}:${r.clause.at.line})`,
      });
    });
  },
};

/** No version in force yet on the compendium's date, or a pinned version that takes effect after it. */
export const citationNotYetInForce: Rule = {
  id: 'citation-not-yet-in-force',
  check(ctx) {
    const date = ctx.date;
    if (!date) return;
    each(ctx, (p, b, i, t) => {
      const c = ctx.citations.libraryCitation(b);
      if (!c || t.kind !== 'library' || c.repealed) return;
      if (c.notYet) {
        const when = c.notYet.inForce ?? c.notYet.date ?? '?';
        ctx.report(p.source, at(p, i, 'law'), {
          zh: `《${c.law.title}》自 ${when} 起施行，汇编日期 ${date} 时尚未施行`,
          en: `${c.law.title} takes effect on ${when}, after the compendium date ${date}`,
          hintZh: '改为引用汇编日期时有效的法律法规，或调整汇编日期', hintEn: 'Cite a text in force on the compendium date, or change that date',
        });
      } else if (c.pinned && c.pinned.inForce && c.pinned.inForce > date) {
        ctx.report(p.source, at(p, i, 'version'), {
          zh: `指定的《${c.law.title}》${versionName(c.pinned)}自 ${c.pinned.inForce} 起施行，汇编日期 ${date} 时尚未施行（施行的是${c.inForce ? versionName(c.inForce) : '更早的版本'}）`,
          en: `The pinned ${versionNameEn(c.pinned)} of ${c.law.title} takes effect on ${c.pinned.inForce}, after the compendium date ${date}`,
          hintZh: '删去 version 以引用汇编日期施行的文本，或调整汇编日期', hintEn: 'Drop version: to cite the text in force, or change the compendium date',
        });
      }
    });
  },
};

/** `version:` names no version of the text. */
export const citationVersionUnknown: Rule = {
  id: 'citation-version-unknown',
  check(ctx) {
    each(ctx, (p, b, i) => {
      const c = ctx.citations.libraryCitation(b);
      if (!c || c.pinned !== null) return;
      const list = c.law.versions.map((v) => `${v.date ?? v.file}${v.inForce ? `（${v.inForce} 施行）` : ''}`);
      ctx.report(p.source, at(p, i, 'version'), {
        zh: `法规库中没有《${c.law.title}》${b.version} 的版本；有：${list.join('、')}`,
        en: `The law library has no version ${b.version} of ${c.law.title}; it has: ${list.join(', ')}`,
        hintZh: '写其中一个版本的日期（法规库文件名中的日期），或删去 version 以引用汇编日期施行的文本',
        hintEn: 'Give the date of one of these versions (as in the file name), or drop version: to cite the text in force',
      });
    });
  },
};

/** What to say about one citation's article, 款, 项 and quote: at most one finding. */
type Finding =
  | { kind: 'missing'; where: Located; version?: LawVersion; title: string; field: string }
  | { kind: 'incomplete'; version: LawVersion; title: string }
  | { kind: 'drift'; drift: Drift; version?: LawVersion; title: string; field: string };

function missingField(l: Located): string {
  return l.missing === 'clause' ? 'clause' : l.missing === 'item' ? 'item' : l.missing === 'unreadable' ? (l.clause || !l.article ? 'item' : 'clause') : 'article';
}

/** The one finding of a citation's provision (memoised for the run: three rules ask). */
function findingOf(ctx: CheckContext, b: LegalBasisRef, t: LawTarget): Finding | null {
  const memo = ctx.citations.memo as WeakMap<LegalBasisRef, Finding | null>;
  if (memo.has(b)) return memo.get(b)!;
  const f = computeFinding(ctx, b, t);
  memo.set(b, f);
  return f;
}

function computeFinding(ctx: CheckContext, b: LegalBasisRef, t: LawTarget): Finding | null {
  if (b.article === undefined) return null;
  if (t.kind === 'local') {
    const law = t.law.data;
    if (!law.articles?.length) return null;
    const a = localArticle(law, b.article);
    if (!a) return null; // article-unknown says it
    const l = locate(a, b);
    if (l.missing) return { kind: 'missing', where: l, title: law.title, field: missingField(l) };
    const text = locatedText(l) ?? '';
    if (b.quote !== undefined && !quoteMatches(String(b.quote), text)) {
      return { kind: 'drift', title: law.title, field: 'quote', drift: { kind: 'changed', quoted: String(b.quote), current: text, diff: wordDiff(String(b.quote), text) } };
    }
    return null;
  }
  const c = ctx.citations.libraryCitation(b);
  const lib = ctx.library;
  if (!c || !lib || t.kind !== 'library' || c.repealed || c.notYet || !c.inForce || c.pinned === null) return null;
  const V = c.inForce, L = c.located ?? {}, title = c.law.title;
  const key = articleKey(b.article) ?? undefined;
  if (L.missing === 'unreadable') return { kind: 'missing', where: L, version: V, title, field: missingField(L) };
  const pinned = c.pinned && c.pinned !== V ? c.pinned : undefined;
  if (pinned && c.pinnedLocated?.missing) {
    if (c.pinnedLocated.missing === 'article' && pinned.truncated) return { kind: 'incomplete', version: pinned, title };
    return { kind: 'missing', where: c.pinnedLocated, version: pinned, title, field: missingField(c.pinnedLocated) };
  }
  if (L.missing === 'article' && V.truncated) return { kind: 'incomplete', version: V, title };
  const quoted = b.quote !== undefined ? String(b.quote) : pinned ? locatedText(c.pinnedLocated ?? {}) : undefined;
  if (quoted !== undefined) {
    const drift = findDrift(lib, c.law, V, key, L, quoted, pinned);
    return drift ? { kind: 'drift', drift, version: V, title, field: b.quote !== undefined ? 'quote' : 'version' } : null;
  }
  if (L.missing) return { kind: 'missing', where: L, version: V, title, field: missingField(L) };
  return null;
}

/** An article, 款 or 项 that the text in force (or the pinned version, or a local law's listed article) does not have. */
export const citationProvisionUnknown: Rule = {
  id: 'citation-provision-unknown',
  check(ctx) {
    each(ctx, (p, b, i, t) => {
      const f = findingOf(ctx, b, t);
      if (f?.kind !== 'missing') return;
      const l = f.where, v = f.version;
      const which = v ? `（${versionName(v)}${v.inForce ? `，${v.inForce} 施行` : ''}）` : '';
      const whichEn = v ? ` (${versionNameEn(v)})` : '';
      let zh: string, en: string;
      if (l.missing === 'unreadable') {
        zh = `${citedLabel(b)}的款、项写法无法识别`; en = `The clause or item of ${citedLabel(b)} cannot be read`;
      } else if (l.missing === 'article') {
        const last = v?.articles[v.articles.length - 1];
        zh = `《${f.title}》${which}没有${articleLabel(b.article!)}${last ? `；全文共 ${v!.articles.length} 条，最后一条是${last.label}` : ''}`;
        en = `${f.title}${whichEn} has no ${articleLabel(b.article!)}${last ? `; it has ${v!.articles.length} articles, the last being ${last.label}` : ''}`;
      } else if (l.missing === 'clause') {
        const n = l.article!.clauses.length;
        zh = `《${f.title}》${which}${l.article!.label}只有 ${n} 款，没有${articleLabel(b.clause!, '款')}`;
        en = `${l.article!.label} of ${f.title}${whichEn} has ${n} clause(s), not ${articleLabel(b.clause!, '款')}`;
      } else {
        const holder = l.clause ?? l.article!.clauses.find((c) => c.items.length);
        const n = holder?.items.length ?? 0;
        const where = `${l.article!.label}${b.clause !== undefined ? articleLabel(b.clause, '款') : ''}`;
        zh = `《${f.title}》${which}${where}${n ? `只有 ${n} 项` : '不分项'}，没有${articleLabel(b.item!, '项')}`;
        en = `${where} of ${f.title}${whichEn} ${n ? `has ${n} item(s)` : 'has no items'}, not ${articleLabel(b.item!, '项')}`;
      }
      ctx.report(p.source, at(p, i, f.field), {
        zh, en,
        hintZh: `按${v ? '法规库中' : '登记的'}文本核对条、款、项${v ? `（powerbook laws show "${f.title}" ${b.article} 可查看该条）` : ''}`,
        hintEn: `Check the article, clause and item against the text${v ? ` (powerbook laws show "${f.title}" ${b.article} prints the article)` : ''}`,
      });
    });
  },
};

/** The library's text stops before the cited article: not "no such article", but nothing to check it against. */
export const citationTextIncomplete: Rule = {
  id: 'citation-text-incomplete',
  check(ctx) {
    each(ctx, (p, b, i, t) => {
      const f = findingOf(ctx, b, t);
      if (f?.kind !== 'incomplete') return;
      const v = f.version, last = v.articles[v.articles.length - 1];
      ctx.report(p.source, at(p, i, 'article'), {
        zh: `法规库中《${f.title}》${versionName(v)}（${v.file}）的文本不完整（${last ? `只到${last.label}` : '没有条文'}），无法核对${articleLabel(b.article!)}`,
        en: `The law library's text of ${f.title}, ${versionNameEn(v)} (${v.file}), is incomplete (${last ? `it stops at ${last.label}` : 'no articles'}): ${articleLabel(b.article!)} cannot be checked`,
        hintZh: '对照正式文本（如国家法律法规数据库）核对这一条；法规库的维护者可补全该文件',
        hintEn: 'Check the article against the official text; the library maintainers can complete the file',
      });
    });
  },
};

/** The quote (or the pinned version's provision) against the text in force: changed, moved or deleted, side by side. */
export const citationDrift: Rule = {
  id: 'citation-drift',
  check(ctx) {
    each(ctx, (p, b, i, t) => {
      const f = findingOf(ctx, b, t);
      if (f?.kind !== 'drift') return;
      ctx.report(p.source, at(p, i, f.field), driftMessage(b, f.title, f.drift, f.version, ctx.date));
    });
  },
};

function driftMessage(b: LegalBasisRef, title: string, d: Drift, v: LawVersion | undefined, date: string | undefined) {
  const label = citedLabel(b);
  const inForce = v ? `汇编日期${date ? ` ${date} ` : ''}施行的文本（${versionName(v)}）` : '登记的文本';
  const inForceEn = v ? `the text in force on the compendium date (${versionNameEn(v)})` : 'the registered text';
  const from = d.from ? `（出自 ${versionName(d.from.version)}${d.from.label}）` : '';
  const fromEn = d.from ? ` (from ${versionNameEn(d.from.version)}, ${d.from.label})` : '';
  const kind = b.quote !== undefined ? '所引文字' : `指定的${d.from ? versionName(d.from.version) : '版本'}中的条文`;
  const kindEn = b.quote !== undefined ? 'the quoted text' : 'the provision of the pinned version';
  let zh: string, en: string, hintZh: string, hintEn: string;
  const elsewhere = d.current !== undefined ? `；现行${label}是另一条文` : `；现行文本没有${label}`;
  const elsewhereEn = d.current !== undefined ? `; ${label} now holds another provision` : `; the text in force has no ${label}`;
  if (d.kind === 'deleted') {
    zh = `《${title}》${label}：${kind}${from}在${inForce}中已删去${elsewhere}`;
    en = `${title} ${label}: ${kindEn}${fromEn} was deleted from ${inForceEn}${elsewhereEn}`;
    hintZh = '这项职权的这条依据已不存在：另找现行依据，或停用这项职权';
    hintEn = 'This basis no longer exists: find a basis in force, or suspend the power';
  } else if (d.kind === 'moved') {
    zh = `《${title}》${label}：${kind}${from}在${inForce}中是${d.movedTo!.label}${d.diff ? '（文字有改动）' : ''}${d.current !== undefined ? `；现行${label}是另一条文` : ''}`;
    en = `${title} ${label}: ${kindEn}${fromEn} is now ${d.movedTo!.label} of ${inForceEn}${d.diff ? ' (with changes)' : ''}${d.current !== undefined ? `; ${label} now holds another provision` : ''}`;
    hintZh = `把条号改为${d.movedTo!.label}${d.diff ? '，并按现行文字更新 quote' : ''}`;
    hintEn = `Cite ${d.movedTo!.label} instead${d.diff ? ' and update the quote' : ''}`;
  } else {
    zh = `《${title}》${label}的内容在${inForce}中已修改${from}`;
    en = `${title} ${label} reads differently in ${inForceEn}${fromEn}`;
    hintZh = '按现行文本核对这项职权的条件、标准，并更新 quote（或删去 version）';
    hintEn = 'Check the power against the text in force and update the quote (or drop version:)';
  }
  const shown = d.kind === 'moved' ? d.movedTo!.text : d.current;
  const shownLabel = d.kind === 'moved' ? d.movedTo!.label : label;
  const lines = [`所引：${cap(d.quoted)}`];
  if (shown !== undefined) lines.push(`现行${shownLabel}：${cap(shown)}`);
  const linesEn = [`relied on: ${cap(d.quoted)}`];
  if (shown !== undefined) linesEn.push(`in force, ${shownLabel}: ${cap(shown)}`);
  if (d.diff) { lines.push(`差异：${d.diff}`); linesEn.push(`difference: ${d.diff}`); }
  if (d.diff) { hintZh += '。[-…-] 是删去的文字，{+…+} 是新增的文字'; hintEn += '. [-...-] was deleted, {+...+} added'; }
  return { zh: `${zh}\n    ${lines.join('\n    ')}`, en: `${en}\n    ${linesEn.join('\n    ')}`, hintZh, hintEn };
}

