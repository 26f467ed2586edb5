/**
 * What a legal basis (`legal_bases` entry) points at: a laws/ file or a text of the law library, the version in force on
 * the compendium's date, and the article, 款 and 项 in it. Shared by the citation rules, the compendium (quotes, law
 * index) and `laws coverage`; memoised, so that each `law:` is looked up once however often it is cited.
 */
import { articleKey, articleLabel } from '../../domain/numerals.js';
import type { Law, LegalBasisRef, Power } from '../../domain/types.js';
import type { Loaded } from '../../load/repository.js';
import type { LawLibrary, LawVersion, LibArticle, LibClause, LibItem, LibLaw, RepealClause } from '../../library/types.js';
import { closest } from '../suggest.js';

export type Repeal = { version: LawVersion; date: string; clause: RepealClause };

/** A legal basis of a power, with what its `law:` names. */
export interface Cited { power: Loaded<Power>; basis: LegalBasisRef; index: number; target: LawTarget }

/** What `law:` names. */
export type LawTarget =
  | { kind: 'local'; law: Loaded<Law> }
  /** A laws/ file of that id exists but did not load: its own errors say why. */
  | { kind: 'broken' }
  | { kind: 'library'; law: LibLaw }
  | { kind: 'ambiguous'; candidates: LibLaw[] }
  | { kind: 'repealed-only'; title: string; repealedBy: Repeal }
  | { kind: 'unknown'; suggestions: string[] };

/** 《中华人民共和国行政许可法》, 中华人民共和国行政许可法, 行政许可法 → 行政许可法 (for comparing titles). */
export function normaliseTitle(s: string): string {
  return s.replace(/[\s\u3000\u200b《》〈〉<>「」]/g, '').replace(/^中华人民共和国/, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

/** Where a citation's article, 款 and 项 are in a text; `missing` names the first part that is not there. */
export interface Located {
  article?: LibArticle;
  clause?: LibClause;
  item?: LibItem;
  missing?: 'article' | 'clause' | 'item' | 'unreadable';
}

/** The parts of an article as laws/*.yaml lists it: one 款 a line, lines starting （一） are 项 of the 款 before. */
export function localArticle(law: Law, ref: string | number): LibArticle | undefined {
  const key = articleKey(ref);
  const a = key === null ? undefined : law.articles?.find((x) => articleKey(x.number) === key);
  if (!a || key === null) return undefined;
  const clauses: LibClause[] = [];
  for (const raw of String(a.text).split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^([（(][一二三四五六七八九十]+[）)])\s*(.*)$/.exec(line);
    if (m) {
      if (!clauses.length) clauses.push({ text: '', items: [] });
      clauses[clauses.length - 1].items.push({ label: m[1], text: m[2] });
    } else clauses.push({ text: line, items: [] });
  }
  return { key, label: typeof a.number === 'number' ? `第${a.number}条` : String(a.number), clauses, line: 0 };
}

/** The 款 (1-based) and 项 of an article; the 项 of the first 款 that has any when no 款 is given. */
export function locate(article: LibArticle | undefined, b: Pick<LegalBasisRef, 'article' | 'clause' | 'item'>): Located {
  if (!article) return { missing: 'article' };
  let clause: LibClause | undefined;
  if (b.clause !== undefined) {
    const k = articleKey(b.clause);
    if (k === null || k.includes('-')) return { article, missing: 'unreadable' };
    clause = article.clauses[Number(k) - 1];
    if (!clause) return { article, missing: 'clause' };
  }
  if (b.item === undefined) return { article, clause };
  const k = articleKey(b.item);
  if (k === null || k.includes('-')) return { article, clause, missing: 'unreadable' };
  const holder = clause ?? article.clauses.find((c) => c.items.length > 0);
  const items = holder?.items ?? [];
  const item = items.find((it) => articleKey(it.label) === k) ?? (items.every((it) => articleKey(it.label) === null) ? items[Number(k) - 1] : undefined);
  if (!item) return { article, clause, missing: 'item' };
  return { article, clause: holder, item };
}

/** An item's text with its label, once (a parser may or may not keep the label in the text). */
function itemText(it: LibItem): string {
  return it.text.startsWith(it.label) ? it.text : `${it.label}${it.text}`;
}

/** The text of what is cited: the 项, else the 款 with its 项, else the whole article (its 款 one a line). */
export function locatedText(l: Located): string | undefined {
  if (l.item) return itemText(l.item);
  const clauseText = (c: LibClause) => [c.text, ...c.items.map(itemText)].filter(Boolean).join('\n');
  if (l.clause) return clauseText(l.clause);
  if (l.article) return l.article.clauses.map(clauseText).filter(Boolean).join('\n');
  return undefined;
}

/** 2022-12-30 版, or the file's name when it has no date. */
export function versionName(v: LawVersion): string {
  return v.date ? `${v.date} 版` : v.file.replace(/^.*\//, '').replace(/\.md$/, '');
}
export function versionNameEn(v: LawVersion): string {
  return v.date ? `the ${v.date} version` : `the version in ${v.file.replace(/^.*\//, '')}`;
}

/** What the checks and the compendium need to know about one library citation. */
export interface LibraryCitation {
  law: LibLaw;
  /** Repealed on the compendium's date. */
  repealed?: Repeal;
  /** No version in force yet on the date: the first one and its entry into force. */
  notYet?: LawVersion;
  /** The version in force on the date (the latest version when there is no date). */
  inForce?: LawVersion;
  /** `version:` given: the version of that date; null when no version has it. */
  pinned?: LawVersion | null;
  /** In the version in force. */
  located?: Located;
  /** In the pinned version. */
  pinnedLocated?: Located;
}

export interface CitationsInput {
  laws: Loaded<Law>[];
  lawsById: ReadonlyMap<string, Loaded<Law>>;
  brokenLaws: ReadonlySet<string>;
  library?: LawLibrary;
  /** The compendium's date (YYYY-MM-DD). */
  date?: string;
}

/** The citations of one repository against its laws/ and its library, looked up once each. */
export class Citations {
  private readonly targets = new Map<string, LawTarget>();
  private readonly analysed = new WeakMap<LegalBasisRef, LibraryCitation | undefined>();
  private readonly localTitles = new Map<string, Loaded<Law>>();
  /** For the rules' own findings per citation, kept as long as this run's citations. */
  readonly memo = new WeakMap<LegalBasisRef, unknown>();

  constructor(readonly input: CitationsInput) {
    for (const l of input.laws) {
      for (const t of [l.data.title, l.data.short_title]) {
        const k = typeof t === 'string' ? normaliseTitle(t) : '';
        if (k && !this.localTitles.has(k)) this.localTitles.set(k, l);
      }
    }
  }

  get library(): LawLibrary | undefined { return this.input.library; }

  /** A laws/ id; else a laws/ file's title or short title (a local file overrides a library text of that title); else the library. */
  target(ref: string): LawTarget {
    let t = this.targets.get(ref);
    if (!t) { t = this.lookup(ref); this.targets.set(ref, t); }
    return t;
  }

  private lookup(ref: string): LawTarget {
    const byId = this.input.lawsById.get(ref);
    if (byId) return { kind: 'local', law: byId };
    if (this.input.brokenLaws.has(ref)) return { kind: 'broken' };
    const byTitle = this.localTitles.get(normaliseTitle(ref));
    if (byTitle) return { kind: 'local', law: byTitle };
    const lib = this.input.library;
    const local = [...this.input.lawsById.keys(), ...[...this.localTitles.values()].map((l) => l.data.title)];
    const near = closest(ref, local);
    if (!lib) return { kind: 'unknown', suggestions: near ? [near] : [] };
    const m = lib.find(ref.trim());
    switch (m.kind) {
      case 'found': return { kind: 'library', law: m.law };
      case 'ambiguous': return { kind: 'ambiguous', candidates: m.candidates };
      case 'repealed-only': return { kind: 'repealed-only', title: m.title, repealedBy: m.repealedBy };
      default: return { kind: 'unknown', suggestions: [...(near ? [near] : []), ...m.suggestions.filter((s) => s !== near)] };
    }
  }

  private readonly lists = new WeakMap<object, Cited[]>();
  private readonly localArticles = new WeakMap<Loaded<Law>, Map<string, LibArticle | undefined>>();

  /** Every legal basis of `powers` with what it names, listed once for the run (the rules each go through it). */
  of(powers: readonly Loaded<Power>[]): Cited[] {
    let list = this.lists.get(powers);
    if (!list) {
      list = [];
      for (const power of powers) (power.data.legal_bases ?? []).forEach((basis, index) => list!.push({ power, basis, index, target: this.targetFor(basis) }));
      this.lists.set(powers, list);
    }
    return list;
  }

  /** A laws/ file's article as its 款 and 项 (localArticle), parsed once. */
  localArticle(law: Loaded<Law>, ref: string | number): LibArticle | undefined {
    let m = this.localArticles.get(law);
    if (!m) this.localArticles.set(law, (m = new Map()));
    const k = String(ref);
    if (!m.has(k)) m.set(k, localArticle(law.data, ref));
    return m.get(k);
  }

  /** What a citation names: as `target`, except that `version:` picks among texts of the same title. */
  targetFor(b: LegalBasisRef): LawTarget {
    const t = this.target(b.law);
    if (t.kind !== 'ambiguous' || b.version === undefined) return t;
    const v = String(b.version);
    const dated = t.candidates.filter((c) => c.versions.some((x) => x.date === v || x.inForce === v));
    return dated.length === 1 ? { kind: 'library', law: dated[0] } : t;
  }

  /** A library citation's versions and provisions (undefined for any other target). */
  libraryCitation(b: LegalBasisRef): LibraryCitation | undefined {
    if (this.analysed.has(b)) return this.analysed.get(b);
    const t = this.targetFor(b);
    const out = t.kind === 'library' ? this.analyse(t.law, b) : undefined;
    this.analysed.set(b, out);
    return out;
  }

  private analyse(law: LibLaw, b: LegalBasisRef): LibraryCitation {
    const lib = this.input.library!;
    const date = this.input.date;
    const out: LibraryCitation = { law };
    if (date) {
      out.repealed = lib.repealedAt(law, date);
      out.inForce = lib.versionAt(law, date);
      if (!out.inForce) out.notYet = [...law.versions].filter((v) => v.inForce).sort((x, y) => (x.inForce! < y.inForce! ? -1 : 1))[0] ?? law.versions[0];
    } else {
      out.inForce = law.versions[law.versions.length - 1];
    }
    if (b.version !== undefined) {
      const v = String(b.version);
      out.pinned = law.versions.find((x) => x.date === v) ?? law.versions.find((x) => x.inForce === v) ?? null;
    }
    const find = (version: LawVersion): Located => {
      if (b.article === undefined) return {};
      const key = articleKey(b.article);
      if (key === null) return { missing: 'unreadable' };
      return locate(lib.article(version, key), b);
    };
    if (out.inForce) out.located = find(out.inForce);
    if (out.pinned) out.pinnedLocated = out.pinned === out.inForce ? out.located : find(out.pinned);
    return out;
  }

  /** The display title of what `law:` names (the full title where it is known). */
  title(ref: string): string {
    const t = this.target(ref);
    if (t.kind === 'local') return t.law.data.title;
    if (t.kind === 'library') return t.law.title;
    if (t.kind === 'repealed-only') return t.title;
    return ref.replace(/^《|》$/g, '');
  }
}

export type LawXref = { ok: true; text: string } | { ok: false; zh: string; en: string; hintZh: string; hintEn: string };

/**
 * `[[law:TITLE]]` / `[[law:TITLE#第X条]]` naming a text of the library (undefined when the library does not hold it, or
 * when there is no library). Prose may name a repealed text; an article must be in the text in force.
 */
export function libraryXref(c: Citations, target: string, article?: string): LawXref | undefined {
  if (!c.library) return undefined;
  const t = c.target(target);
  if (t.kind === 'repealed-only') return article ? undefined : { ok: true, text: `《${t.title}》` };
  if (t.kind === 'ambiguous') {
    const list = t.candidates.map((x) => `《${x.title}》`).join('、');
    return { ok: false, zh: `"${target}"在法规库中对应几部文本：${list}`, en: `"${target}" matches several texts of the library: ${list}`, hintZh: '写出全称', hintEn: 'Write the full title' };
  }
  if (t.kind !== 'library') return undefined;
  if (!article) return { ok: true, text: `《${t.law.title}》` };
  const key = articleKey(article);
  if (key === null) return { ok: false, zh: `条号"${article}"无法识别`, en: `article "${article}" cannot be read`, hintZh: '写成 #第十二条 或 #12', hintEn: 'Write #第十二条 or #12' };
  const lib = c.library;
  const v = c.input.date ? lib.versionAt(t.law, c.input.date) : t.law.versions[t.law.versions.length - 1];
  const a = v ? lib.article(v, key) : undefined;
  if (!a && v && !v.truncated) {
    return { ok: false, zh: `《${t.law.title}》（${versionName(v)}）没有${articleLabelOf(key)}`, en: `${t.law.title} (${versionNameEn(v)}) has no ${articleLabelOf(key)}`, hintZh: '核对条号（以汇编日期施行的文本为准）', hintEn: 'Check the number against the text in force on the compendium date' };
  }
  return { ok: true, text: `《${t.law.title}》${a?.label ?? articleLabelOf(key)}` };
}

function articleLabelOf(key: string): string {
  return articleLabel(key.replace(/-(\d+)$/, '之$1'));
}
