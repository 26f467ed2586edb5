/**
 * The legal bases as the compendium prints them: each citation's title (a laws/ file's or the library's), the text of
 * the cited provision (a laws/ file's listed article; with `compendium.quote_legal_bases`, the library's text in force
 * on the compendium's date), and the library texts the powers cite, for the law index.
 */
import { articleText } from '../domain/law.js';
import type { LegalBasisRef, Power } from '../domain/types.js';
import type { Loaded } from '../load/repository.js';
import type { LawLibrary, LawVersion, LibLaw } from '../library/types.js';
import { locatedText, type Citations, type Repeal } from '../check/rules/citations-resolve.js';

export interface LegalBasisTexts {
  /** The full title of what `law:` names. */
  title(b: LegalBasisRef): string;
  /** The cited provision's text, when it is known and to be printed. */
  text(b: LegalBasisRef): string | undefined;
}

export function legalBasisTexts(citations: Citations, quoteLibrary: boolean): LegalBasisTexts {
  return {
    title: (b) => citations.title(b.law),
    text(b) {
      if (b.article === undefined) return undefined;
      const t = citations.targetFor(b);
      if (t.kind === 'local') return articleText(t.law.data, b.article);
      if (t.kind !== 'library' || !quoteLibrary) return undefined;
      const c = citations.libraryCitation(b);
      const l = c?.located;
      if (!l?.article || l.missing) return undefined;
      // The cited 款 with its 项 (a 项 is printed with the 款 that introduces it); else the whole article.
      return locatedText(l.clause ? { article: l.article, clause: l.clause } : { article: l.article });
    },
  };
}

/** A library text that the powers cite, as the law index lists it. */
export interface CitedLibraryLaw {
  law: LibLaw;
  /** The version in force on the compendium's date. */
  version?: LawVersion;
  repealed?: Repeal;
  citedBy: string[];
}

export function citedLibraryLaws(powers: Loaded<Power>[], citations: Citations): CitedLibraryLaw[] {
  const byTitle = new Map<LibLaw, CitedLibraryLaw>();
  for (const p of powers) for (const b of p.data.legal_bases ?? []) {
    const t = citations.targetFor(b);
    if (t.kind !== 'library') continue;
    const c = citations.libraryCitation(b);
    let e = byTitle.get(t.law);
    if (!e) byTitle.set(t.law, (e = { law: t.law, version: c?.inForce, repealed: c?.repealed, citedBy: [] }));
    if (!e.citedBy.includes(String(p.data.id))) e.citedBy.push(String(p.data.id));
  }
  return [...byTitle.values()];
}

/** 效力层级 of a library text, from its folder (the library sorts its texts by level). */
export function libraryLevel(v: LawVersion | undefined): string {
  const f = v?.folder ?? '';
  if (f === '宪法') return '宪法';
  if (f === '行政法规') return '行政法规';
  if (f.startsWith('部门规章')) return '部门规章';
  if (f.startsWith('司法解释')) return '司法解释';
  if (f.startsWith('DLC/')) return f.includes('地方政府规章') ? '地方政府规章' : '地方性法规';
  return ['宪法相关法', '民法典', '民法商法', '行政法', '经济法', '社会法', '刑法', '诉讼与非诉讼程序法'].includes(f) ? '法律' : '';
}

/** Where the library's texts come from: its commit, else the date of its newest text. */
export function librarySource(lib: LawLibrary): { commit?: string; newest?: string } {
  if (lib.stats.commit) return { commit: lib.stats.commit };
  let newest: string | undefined;
  for (const l of lib.laws) for (const v of l.versions) if (v.date && (!newest || v.date > newest)) newest = v.date;
  return newest ? { newest } : {};
}

