/**
 * From the files' versions to laws: 民法典's parts joined into one version, versions grouped into laws by full title
 * (within one jurisdiction: the nation, or one province's folder), the same version kept in two folders found, and
 * repeal clauses matched to the texts they repeal (or kept as repealed-only titles when the library lacks them).
 */
import { folderOf } from './classify.js';
import { normTitle, stripPrc, TitleIndex } from './titles.js';
import type { LawVersion, LibArticle, LibLaw, LibraryDefect, RepealClause } from './types.js';

/** A version as the library holds it: its articles read when first asked for. */
export type Version = LawVersion & { part?: string; amended?: boolean; sha1?: string };

export interface Repeal { version: LawVersion; date: string; clause: RepealClause }

export interface Assembled {
  laws: LibLaw[];
  versions: Version[];
  defects: LibraryDefect[];
  repealedOnly: Map<string, { title: string; repealedBy: Repeal }>;
  repealsLearned: number;
  titles: TitleIndex;
  /** What each law repeals (for `laws list`). */
  repeals: Map<LibLaw, { title: string; law?: LibLaw; date: string; clause: RepealClause }[]>;
}

const NATIONAL = 'national';

/** The jurisdiction a text belongs to: one province's folder of DLC/, or the nation. */
export function jurisdictionOf(v: { folder: string; file: string }): string {
  return v.folder.startsWith('DLC/') ? v.folder : v.file.includes('/DLC/') ? folderOf(v.file.slice(v.file.indexOf('DLC/'))) : NATIONAL;
}

const cmp = (a: string | undefined, b: string | undefined) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

export function byDateThenFile(a: LawVersion, b: LawVersion): number {
  return cmp(a.date ?? a.inForce, b.date ?? b.inForce) || cmp(a.file, b.file);
}

/** 民法典: the files of one text split by part (a second `#` line), same title and date, joined in article order. */
function joinParts(versions: Version[]): Version[] {
  const groups = new Map<string, Version[]>();
  const out: Version[] = [];
  for (const v of versions) {
    if (!v.part) { out.push(v); continue; }
    const key = `${jurisdictionOf(v)}\u0000${normTitle(v.title)}\u0000${v.date ?? ''}`;
    const g = groups.get(key);
    if (g) g.push(v); else groups.set(key, [v]);
  }
  for (const parts of groups.values()) {
    if (parts.length === 1) { out.push(parts[0]!); continue; }
    const first = (p: Version) => { const a = p.articles[0]; return a ? Number(a.key.split('-')[0]) : Infinity; };
    parts.sort((a, b) => first(a) - first(b) || cmp(a.file, b.file));
    const head = parts[0]!;
    // Copied by descriptors: a spread would read the head's articles (a getter) now.
    const descriptors = Object.getOwnPropertyDescriptors(head);
    delete (descriptors as Record<string, unknown>).articles;
    delete (descriptors as Record<string, unknown>).part;
    const whole = Object.defineProperties({}, descriptors) as Version;
    whole.parts = parts.map((p) => p.file);
    whole.repeals = parts.flatMap((p) => p.repeals);
    whole.articleCount = parts.reduce((n, p) => n + (p.articleCount ?? 0), 0);
    const withFile = () => parts.flatMap((p) => p.articles.map((a) => (a.file ? a : { ...a, file: p.file })));
    let cache: LibArticle[] | undefined;
    Object.defineProperty(whole, 'articles', { get: () => (cache ??= withFile()), enumerable: true, configurable: true });
    // In force from the first 施行 any part names (they all name the same day); the last part says whether it ends.
    const src = parts.find((p) => p.inForceSource === 'header') ?? parts[parts.length - 1]!;
    if (src.inForce) whole.inForce = src.inForce;
    whole.inForceSource = src.inForceSource;
    whole.truncated = Boolean(parts[parts.length - 1]!.truncated);
    out.push(whole);
  }
  return out;
}

export function assemble(all: Version[]): Assembled {
  const defects: LibraryDefect[] = [];
  const versions = joinParts(all);

  // Laws: one per jurisdiction and full title.
  const groups = new Map<string, Version[]>();
  for (const v of versions) {
    const key = `${jurisdictionOf(v)}\u0000${normTitle(v.title)}`;
    const g = groups.get(key);
    if (g) g.push(v); else groups.set(key, [v]);
  }
  const laws: LibLaw[] = [];
  const kept: Version[] = [];
  for (const g of [...groups.values()]) {
    g.sort(byDateThenFile);
    const distinct: Version[] = [];
    for (const v of g) {
      const same = distinct.find((d) => (d.date ?? '') === (v.date ?? ''));
      if (!same) { distinct.push(v); continue; }
      // The same version in two files (two folders): one is kept, both are named.
      same.duplicates = [...(same.duplicates ?? []), v.file];
      if (same.sha1 && v.sha1 && same.sha1 !== v.sha1) {
        defects.push({ at: { file: v.file, line: v.titleLine ?? 1 }, kind: 'duplicate-differs', zh: `同一版本（${same.title}，${v.date ?? '无日期'}）另存于 ${same.file}，两个文件内容不同；以 ${same.file} 为准`, en: `the same version (${same.title}, ${v.date ?? 'undated'}) is also stored as ${same.file} with different bytes; ${same.file} is used` });
      } else {
        defects.push({ at: { file: v.file, line: v.titleLine ?? 1 }, kind: 'duplicate', zh: `同一版本另存于 ${same.file}（内容相同）`, en: `the same version is also stored as ${same.file} (same bytes)` });
      }
    }
    const last = distinct[distinct.length - 1]!;
    laws.push({ title: last.title, shortTitle: last.shortTitle, versions: distinct });
    kept.push(...distinct);
  }
  laws.sort((a, b) => cmp(a.title, b.title) || cmp(a.versions[0]!.file, b.versions[0]!.file));
  const titles = new TitleIndex(laws);
  const lawOf = new Map<LawVersion, LibLaw>();
  for (const law of laws) for (const v of law.versions) lawOf.set(v, law);

  // Repeals: each clause names a title; matched to a law of the same jurisdiction dated no later than the clause (and
  // than the repealing text), by the issuer where the clause names one; the earliest repeal in force wins.
  const repealedOnly = new Map<string, { title: string; repealedBy: Repeal }>();
  const repeals = new Map<LibLaw, { title: string; law?: LibLaw; date: string; clause: RepealClause }[]>();
  let repealsLearned = 0;
  const repealing = kept.filter((v) => v.repeals.length).sort((a, b) => cmp(a.inForce, b.inForce) || cmp(a.file, b.file));
  for (const v of repealing) {
    const own = lawOf.get(v)!;
    if (!v.inForce) continue;
    for (const clause of v.repeals) {
      repealsLearned++;
      const named = normTitle(clause.title);
      if (stripPrc(named) === stripPrc(normTitle(v.title)) || stripPrc(named) === stripPrc(normTitle(own.title))) continue; // its own earlier text
      const limit = clause.date && clause.date < (v.date ?? '9999') ? clause.date : v.date;
      const candidates = titles.lookup(clause.title).filter((law) => law !== own
        && jurisdictionOf(law.versions[0]!) === jurisdictionOf(v)
        && law.versions.some((x) => !limit || !x.date || x.date <= limit)
        && (!clause.issuer || law.versions.some((x) => !x.issuer || sameIssuer(x.issuer, clause.issuer!))));
      const entry = { title: clause.title, date: v.inForce, clause };
      const mine = repeals.get(own) ?? [];
      if (!repeals.has(own)) repeals.set(own, mine);
      if (!candidates.length) {
        const key = stripPrc(named);
        if (!repealedOnly.has(key)) repealedOnly.set(key, { title: clause.title, repealedBy: { version: v, date: v.inForce, clause } });
        mine.push(entry);
        continue;
      }
      for (const law of candidates) {
        mine.push({ ...entry, law });
        if (!law.repealedBy || law.repealedBy.date > v.inForce) law.repealedBy = { version: v, date: v.inForce, clause };
      }
    }
  }
  return { laws, versions: kept, defects, repealedOnly, repealsLearned, titles, repeals };
}

function sameIssuer(a: string, b: string): boolean {
  const n = (s: string) => s.replace(/人大常委会/g, '人民代表大会常务委员会').replace(/^中华人民共和国/, '');
  const x = n(a), y = n(b);
  return x === y || x.includes(y) || y.includes(x);
}
