/**
 * Cited provisions whose text changed between the two revisions: a power that did not change may still rest on an
 * article that now reads differently.
 *
 * Where the texts come from:
 * - `registryTexts`: each revision's own laws/*.yaml registry (the article texts a department typed or pasted); the
 *   candidates are the laws whose files changed.
 * - `libraryTexts`: the law library (src/library, `law_library:` in powerbook.yaml, POWERBOOK_LAW_LIBRARY,
 *   `--law-library`), the version in force on each revision's compendium date (`library.versionAt(law, date)`, then
 *   `library.article(version, key)`). Every cited provision is a candidate: a law amended between the two dates changes
 *   texts no file of the repository touched. A law registered in the revision's own laws/ (by id, or by a title that
 *   overrides the library's) is read from there, as validate does. review/diff.ts `diffRevisionsWithLibrary` opens the
 *   library only when the two dates differ (on the same date the library gives the same text).
 */
import { articleKey } from '../domain/numerals.js';
import type { Law, LegalBasisRef } from '../domain/types.js';
import type { LawLibrary, LawVersion, LibLaw } from '../library/types.js';
import { findDrift } from '../check/rules/citations-drift.js';
import { locate, locatedText } from '../check/rules/citations-resolve.js';
import { articlesByKey } from './compare/law.js';
import type { ProvisionChange } from './types.js';

/** One side's text of a provision, and where it was read. */
export interface ProvisionText {
  text: string;
  source: ProvisionChange['source'];
  /** library: the version read: its date (2022-12-30), or its file's name when it has none. */
  version?: string;
}

export interface ProvisionTexts {
  source: ProvisionChange['source'];
  /** Laws whose provisions may differ: ids, or 'all' (a library read at two dates). */
  candidates: Set<string> | 'all';
  /** The title to show for a law. */
  title(law: string): string;
  /** The text of a provision on one side (as of `pinned`, a `version:` of the citation, when given), or undefined when that side does not have it. */
  text(side: 'base' | 'head', law: string, key: string, pinned?: string): ProvisionText | undefined;
  dates?: { base?: string; head?: string };
  /** library: where the base's text of the provision stands in the head's version, when not under the same number. */
  whereNow?(law: string, key: string, before: string): ProvisionChange['now'];
}

/** A law by a citation's `law:` (a laws/ id, or a title a laws/ file holds) on one side. */
export type LocalLaws = (ref: string) => Law | undefined;

/** Provision texts from each revision's laws/ registry: candidates are the laws whose files changed. */
export function registryTexts(changedLaws: Set<string>, lawsA: LocalLaws, lawsB: LocalLaws): ProvisionTexts {
  const cache = new Map<Law, Map<string, { text: string }>>();
  const articles = (l: Law) => { let m = cache.get(l); if (!m) cache.set(l, (m = articlesByKey(l))); return m; };
  return {
    source: 'registry',
    candidates: changedLaws,
    title: (id) => (lawsB(id) ?? lawsA(id))?.title ?? id,
    text(side, law, key) {
      const l = side === 'base' ? lawsA(law) : lawsB(law);
      const t = l ? articles(l).get(key)?.text : undefined;
      return t === undefined ? undefined : { text: String(t), source: 'registry' };
    },
  };
}

/** Each cited provision (by the head's powers) whose text differs between the sides, with the powers citing it. */
export function changedProvisions(citations: { power: string; bases: LegalBasisRef[] }[], texts: ProvisionTexts): ProvisionChange[] {
  const cited = new Map<string, { law: string; key: string; label: string; pinned?: string; powers: Set<string> }>();
  for (const { power, bases } of citations) {
    for (const b of bases) {
      if (!b || typeof b.law !== 'string' || b.article === undefined) continue;
      if (texts.candidates !== 'all' && !texts.candidates.has(b.law)) continue;
      const key = articleKey(b.article);
      if (key === null) continue;
      const pinned = b.version === undefined || b.version === null ? undefined : String(b.version);
      const k = `${b.law}\0${key}\0${pinned ?? ''}`;
      let e = cited.get(k);
      if (!e) cited.set(k, (e = { law: b.law, key, label: typeof b.article === 'number' ? `第${b.article}条` : String(b.article), ...(pinned ? { pinned } : {}), powers: new Set() }));
      e.powers.add(power);
    }
  }
  const out: ProvisionChange[] = [];
  for (const e of cited.values()) {
    const before = texts.text('base', e.law, e.key, e.pinned), after = texts.text('head', e.law, e.key, e.pinned);
    if (before?.text === after?.text) continue;
    const c: ProvisionChange = { law: e.law, title: texts.title(e.law), article: e.label, powers: [...e.powers].sort(), source: (after ?? before)!.source };
    if (before !== undefined) c.before = before.text;
    if (after !== undefined) c.after = after.text;
    if (c.source === 'library' && texts.dates) c.dates = texts.dates;
    if (before?.version || after?.version) c.versions = { ...(before?.version ? { base: before.version } : {}), ...(after?.version ? { head: after.version } : {}) };
    if (before && after?.source === 'library' && texts.whereNow) {
      const now = texts.whereNow(e.law, e.key, before.text);
      if (now) c.now = now;
    }
    out.push(c);
  }
  // Several citations of one provision (pinned or not) with the same texts: one entry, the powers of all.
  const merged = new Map<string, ProvisionChange>();
  for (const c of out) {
    const k = `${c.law}\0${articleKey(c.article)}\0${c.before ?? ''}\0${c.after ?? ''}`;
    const m = merged.get(k);
    if (m) m.powers = [...new Set([...m.powers, ...c.powers])].sort();
    else merged.set(k, c);
  }
  const order = (c: ProvisionChange) => articleKey(c.article)!.split('-').map(Number);
  return [...merged.values()].sort((a, b) => (a.law < b.law ? -1 : a.law > b.law ? 1 : 0) || order(a)[0]! - order(b)[0]! || (order(a)[1] ?? 0) - (order(b)[1] ?? 0));
}

/**
 * Provision texts from the law library, in force on each revision's compendium date: every cited provision is a
 * candidate. A law registered in the revision's own laws/ is read from there, as validate does; a citation pinned to a
 * version (`version:`) reads that version on both sides.
 */
export function libraryTexts(lib: LawLibrary, dates: { base?: string; head?: string }, lawsA: LocalLaws, lawsB: LocalLaws): ProvisionTexts {
  const laws = new Map<string, LibLaw | undefined>();
  const found = (law: string) => {
    if (!laws.has(law)) { const m = lib.find(law.trim()); laws.set(law, m.kind === 'found' ? m.law : undefined); }
    return laws.get(law);
  };
  const versionOf = (l: LibLaw, date: string | undefined, pinned?: string): LawVersion | undefined => {
    if (pinned) return l.versions.find((v) => v.date === pinned) ?? l.versions.find((v) => v.inForce === pinned);
    return date ? lib.versionAt(l, date) : undefined;
  };
  const registry = registryTexts(new Set(), lawsA, lawsB);
  return {
    source: 'library',
    candidates: 'all',
    dates,
    title: (law) => lawsB(law)?.title ?? lawsA(law)?.title ?? found(law)?.title ?? law.replace(/^《|》$/g, ''),
    text(side, law, key, pinned) {
      if ((side === 'base' ? lawsA : lawsB)(law)) return registry.text(side, law, key);
      const l = found(law);
      const version = l ? versionOf(l, dates[side], pinned) : undefined;
      const a = version ? lib.article(version, key) : undefined;
      const t = a ? locatedText({ article: a }) : undefined;
      return t === undefined ? undefined : { text: t, source: 'library', version: version!.date ?? version!.file.replace(/^.*\//, '').replace(/\.md$/, '') };
    },
    whereNow(law, key, before) {
      const l = found(law);
      const v = l && !lawsB(law) ? versionOf(l, dates.head) : undefined;
      if (!l || !v) return undefined;
      const drift = findDrift(lib, l, v, key, locate(lib.article(v, key), {}), before);
      if (!drift || drift.kind === 'changed') return undefined;
      return drift.kind === 'moved' && drift.movedTo ? { kind: 'moved', to: drift.movedTo.label } : { kind: 'deleted' };
    },
  };
}
