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
import { locate, locatedText, versionName, versionNameEn, type LawTarget, type LibraryCitation, type Located, type Repeal } from './citations-resolve.js';
import { citationMessage, PHRASES } from '../../diagnostics/citation-messages.js';
import type { MessagePair } from '../../diagnostics/diagnostic.js';

/** 2022-12-30 版 / the 2022-12-30 version. */
const versionPair = (v: LawVersion) => ({ zh: versionName(v), en: versionNameEn(v) });

type Each = (p: Loaded<Power>, b: LegalBasisRef, i: number, t: LawTarget) => void;

/** Every legal basis of every power, with what its `law:` names. */
function each(ctx: CheckContext, f: Each): void {
  for (const c of ctx.citations.of(ctx.powers)) f(c.power, c.basis, c.index, c.target);
}

/** Every legal basis of every power naming something other than a laws/ file (what most of these rules look at). */
function eachNonLocal(ctx: CheckContext, f: Each): void {
  for (const c of ctx.citations.of(ctx.powers)) if (c.target.kind !== 'local') f(c.power, c.basis, c.index, c.target);
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
    eachNonLocal(ctx, (p, b, i, t) => {
      if (t.kind !== 'unknown' || LAW_ID.test(b.law)) return; // a laws/ id that does not exist: law-unknown
      const near = t.suggestions.slice(0, 5).map(titled);
      ctx.reportPair(p.source, at(p, i, 'law'), citationMessage('citation-unknown', near.length ? 'unknownNear' : 'unknown', { law: b.law, near }));
    });
  },
};

/** A title that several texts of the library carry. */
export const citationAmbiguous: Rule = {
  id: 'citation-ambiguous',
  check(ctx) {
    eachNonLocal(ctx, (p, b, i, t) => {
      if (t.kind !== 'ambiguous') return;
      const candidates = t.candidates.map((c) => `《${c.title}》（${describe(c)}）`);
      ctx.reportPair(p.source, at(p, i, 'law'), citationMessage('citation-ambiguous', 'ambiguous', { law: b.law, count: t.candidates.length, candidates }));
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
    eachNonLocal(ctx, (p, b, i, t) => {
      const rep = repealOf(t, ctx.citations.libraryCitation(b));
      if (!rep) return;
      const { title, r } = rep;
      const by = r.version.title, order = r.version.order;
      const clause = r.clause.text.length > 90 ? `${r.clause.text.slice(0, 90)}……` : r.clause.text;
      ctx.reportPair(p.source, at(p, i, 'law'), citationMessage('citation-repealed', 'repealed', {
        title, date: r.date, by, order: order ? { zh: `（${order}）`, en: ` (${order})` } : undefined, today: ctx.date ?? '',
        at: `${r.version.file}:${r.clause.at.line}`, clause,
      }));
    });
  },
};

/** No version in force yet on the compendium's date, or a pinned version that takes effect after it. */
export const citationNotYetInForce: Rule = {
  id: 'citation-not-yet-in-force',
  check(ctx) {
    const date = ctx.date;
    if (!date) return;
    eachNonLocal(ctx, (p, b, i, t) => {
      const c = ctx.citations.libraryCitation(b);
      if (!c || t.kind !== 'library' || c.repealed) return;
      if (c.notYet) {
        const when = c.notYet.inForce ?? c.notYet.date ?? '?';
        ctx.reportPair(p.source, at(p, i, 'law'), citationMessage('citation-not-yet-in-force', 'notYet', { title: c.law.title, date: when, today: date }));
      } else if (c.pinned && c.pinned.inForce && c.pinned.inForce > date) {
        ctx.reportPair(p.source, at(p, i, 'version'), citationMessage('citation-not-yet-in-force', 'pinnedNotYet', {
          title: c.law.title, version: versionPair(c.pinned), date: c.pinned.inForce, today: date,
          inForce: c.inForce ? versionPair(c.inForce) : { zh: '更早的版本', en: 'an earlier version' },
        }));
      }
    });
  },
};

/** `version:` names no version of the text. */
export const citationVersionUnknown: Rule = {
  id: 'citation-version-unknown',
  check(ctx) {
    eachNonLocal(ctx, (p, b, i) => {
      const c = ctx.citations.libraryCitation(b);
      if (!c || c.pinned !== null) return;
      const versions = c.law.versions.map((v) => `${v.date ?? v.file}${v.inForce ? `（${v.inForce} 施行）` : ''}`);
      ctx.reportPair(p.source, at(p, i, 'version'), citationMessage('citation-version-unknown', 'noVersion', { title: c.law.title, version: String(b.version), versions }));
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
    // The article itself is article-unknown's; here its 款, 项 and a quote, when cited.
    if (b.clause === undefined && b.item === undefined && b.quote === undefined) return null;
    const law = t.law.data;
    if (!law.articles?.length) return null;
    const a = ctx.citations.localArticle(t.law, b.article);
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
      const which = v ? { zh: `（${versionName(v)}${v.inForce ? `，${v.inForce} 施行` : ''}）`, en: ` (${versionNameEn(v)})` } : undefined;
      const common = {
        title: f.title, which, source: v ? PHRASES.library : PHRASES.registered,
        show: v ? { zh: `（powerbook laws show "${f.title}" ${b.article} 可查看该条）`, en: ` (powerbook laws show "${f.title}" ${b.article} prints the article)` } : undefined,
      };
      let m;
      if (l.missing === 'unreadable') {
        m = citationMessage('citation-provision-unknown', 'unreadable', { ...common, cited: citedLabel(b) });
      } else if (l.missing === 'article') {
        const last = v?.articles[v.articles.length - 1];
        m = citationMessage('citation-provision-unknown', 'noArticle', {
          ...common, article: articleLabel(b.article!),
          last: last ? { zh: `；全文共 ${v!.articles.length} 条，最后一条是${last.label}`, en: `; it has ${v!.articles.length} articles, the last being ${last.label}` } : undefined,
        });
      } else if (l.missing === 'clause') {
        m = citationMessage('citation-provision-unknown', 'noClause', { ...common, label: l.article!.label, count: l.article!.clauses.length, clause: articleLabel(b.clause!, '款') });
      } else {
        const holder = l.clause ?? l.article!.clauses.find((c) => c.items.length);
        const n = holder?.items.length ?? 0;
        const label = `${l.article!.label}${b.clause !== undefined ? articleLabel(b.clause, '款') : ''}`;
        m = citationMessage('citation-provision-unknown', n ? 'noItem' : 'noItems', { ...common, label, count: n, item: articleLabel(b.item!, '项') });
      }
      ctx.reportPair(p.source, at(p, i, f.field), m);
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
      ctx.reportPair(p.source, at(p, i, 'article'), citationMessage('citation-text-incomplete', 'incomplete', {
        title: f.title, version: versionPair(v), file: v.file, article: articleLabel(b.article!),
        last: last ? { zh: `只到${last.label}`, en: `it stops at ${last.label}` } : PHRASES.noArticles,
      }));
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
      ctx.reportPair(p.source, at(p, i, f.field), driftMessage(b, f.title, f.drift, f.version, ctx.date));
    });
  },
};

function driftMessage(b: LegalBasisRef, title: string, d: Drift, v: LawVersion | undefined, date: string | undefined): MessagePair {
  const label = citedLabel(b);
  const inForce = v ? { zh: `汇编日期${date ? ` ${date} ` : ''}施行的文本（${versionName(v)}）`, en: `the text in force on the compendium date (${versionNameEn(v)})` } : PHRASES.registeredText;
  const from = d.from ? { zh: `（出自 ${versionName(d.from.version)}${d.from.label}）`, en: ` (from ${versionNameEn(d.from.version)}, ${d.from.label})` } : undefined;
  const relied = b.quote !== undefined ? PHRASES.quoted : { zh: `指定的${d.from ? versionName(d.from.version) : '版本'}中的条文`, en: 'the provision of the pinned version' };
  const another = { zh: `；现行${label}是另一条文`, en: `; ${label} now holds another provision` };
  const shown = d.kind === 'moved' ? d.movedTo!.text : d.current;
  const shownLabel = d.kind === 'moved' ? d.movedTo!.label : label;
  // The two texts side by side (one under the other, as a terminal shows them), and their word diff.
  const zh = [`所引：${cap(d.quoted)}`], en = [`relied on: ${cap(d.quoted)}`];
  if (shown !== undefined) { zh.push(`现行${shownLabel}：${cap(shown)}`); en.push(`in force, ${shownLabel}: ${cap(shown)}`); }
  if (d.diff) { zh.push(`差异：${d.diff}`); en.push(`difference: ${d.diff}`); }
  const lines = { zh: zh.map((l) => `    ${l}`).join('\n'), en: en.map((l) => `    ${l}`).join('\n') };
  const legend = d.diff ? PHRASES.legend : undefined;
  const common = { title, label, relied, from, inForce, lines, legend };
  if (d.kind === 'deleted') {
    return citationMessage('citation-drift', 'deleted', { ...common, elsewhere: d.current !== undefined ? another : { zh: `；现行文本没有${label}`, en: `; the text in force has no ${label}` } });
  }
  if (d.kind === 'moved') {
    return citationMessage('citation-drift', 'moved', {
      ...common, movedTo: d.movedTo!.label, changes: d.diff ? PHRASES.withChanges : undefined,
      elsewhere: d.current !== undefined ? another : undefined, update: d.diff ? PHRASES.updateQuote : undefined,
    });
  }
  return citationMessage('citation-drift', 'changed', common);
}
