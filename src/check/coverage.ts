/**
 * `laws coverage` (清单遗漏): in the texts the department's powers cite, the provisions that name one of its roles
 * (powerbook.yaml `roles:`, e.g. 商务主管部门) but that no power cites — candidates for powers missing from the list.
 * A mention of a role of the State Council (国务院商务主管部门) is not the department's and is not counted.
 */
import { articleKey } from '../domain/numerals.js';
import type { LegalBasisRef, Power } from '../domain/types.js';
import type { Loaded } from '../load/repository.js';
import type { LibArticle } from '../library/types.js';
import { localArticle, locatedText, type Citations } from './rules/citations-resolve.js';

export interface CoverageCandidate {
  /** 第十二条 */
  article: string;
  key: string;
  chapter?: string;
  /** The roles it names. */
  roles: string[];
  text: string;
  /** Where it is: the library file and line, or the laws/ file. */
  file: string;
  line?: number;
}

export interface CoverageLaw {
  title: string;
  /** The version in force on the compendium's date (library texts). */
  version?: string;
  inForce?: string;
  /** The articles the powers cite, in order, and the powers citing the text. */
  cited: string[];
  citedBy: string[];
  /** Provisions naming a role that no power cites. */
  candidates: CoverageCandidate[];
  /** Provisions naming a role, cited or not. */
  naming: number;
}

export interface CoverageReport {
  roles: string[];
  date?: string;
  laws: CoverageLaw[];
  candidates: number;
}

/** The legal bases of a power: its legal_bases and the bases of its 裁量基准. */
function basesOf(p: Power): LegalBasisRef[] {
  return [...(p.legal_bases ?? []), ...(p.discretion ?? []).flatMap((d) => (d.basis ? [d.basis] : []))];
}

/** The roles a text names other than as the State Council's (国务院…). */
export function rolesNamed(text: string, roles: readonly string[]): string[] {
  return roles.filter((r) => {
    for (let i = text.indexOf(r); i >= 0; i = text.indexOf(r, i + 1)) if (!text.slice(Math.max(0, i - 3), i).endsWith('国务院')) return true;
    return false;
  });
}

export function lawCoverage(input: { powers: Loaded<Power>[]; citations: Citations; roles: readonly string[]; date?: string }): CoverageReport {
  const { citations, roles } = input;
  type Entry = { law: CoverageLaw; articles: { a: LibArticle; file: string; line?: number }[]; keys: Set<string> };
  const entries = new Map<unknown, Entry>();
  for (const p of input.powers) for (const b of basesOf(p.data)) {
    const t = citations.targetFor(b);
    let e: Entry | undefined;
    if (t.kind === 'library') {
      e = entries.get(t.law);
      if (!e) {
        const c = citations.libraryCitation(b);
        const v = c?.inForce;
        if (!v || c?.repealed) continue;
        e = { law: { title: t.law.title, version: v.date, inForce: v.inForce, cited: [], citedBy: [], candidates: [], naming: 0 }, articles: v.articles.map((a) => ({ a, file: v.file, line: a.line })), keys: new Set() };
        entries.set(t.law, e);
      }
    } else if (t.kind === 'local') {
      e = entries.get(t.law);
      if (!e) {
        const law = t.law.data;
        const arts = (law.articles ?? []).map((x) => localArticle(law, x.number)).filter((a): a is LibArticle => a !== undefined);
        e = { law: { title: law.title, cited: [], citedBy: [], candidates: [], naming: 0 }, articles: arts.map((a) => ({ a, file: t.law.source.path })), keys: new Set() };
        entries.set(t.law, e);
      }
    } else continue;
    const key = b.article === undefined ? null : articleKey(b.article);
    if (key) e.keys.add(key);
    if (!e.law.citedBy.includes(String(p.data.id))) e.law.citedBy.push(String(p.data.id));
  }
  let total = 0;
  const laws = [...entries.values()].map((e) => {
    for (const { a, file, line } of e.articles) {
      const text = locatedText({ article: a }) ?? '';
      const named = rolesNamed(text, roles);
      if (!named.length) continue;
      e.law.naming++;
      if (e.keys.has(a.key)) continue;
      e.law.candidates.push({ article: a.label, key: a.key, ...(a.chapter ? { chapter: a.chapter } : {}), roles: named, text, file, ...(line ? { line } : {}) });
    }
    e.law.cited = e.articles.filter(({ a }) => e.keys.has(a.key)).map(({ a }) => a.label);
    e.law.citedBy.sort();
    total += e.law.candidates.length;
    return e.law;
  }).sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
  return { roles: [...roles], ...(input.date ? { date: input.date } : {}), laws, candidates: total };
}

/** The report as text, one block per law, each candidate with its text (shortened). */
export function formatCoverage(r: CoverageReport, en: boolean): string {
  const out: string[] = [];
  if (!r.roles.length) {
    out.push(en ? 'No roles: list the department\'s roles under roles: in powerbook.yaml (e.g. [商务主管部门]).' : '没有设置本部门的称谓：请在 powerbook.yaml 的 roles: 中列出（如 [商务主管部门]）。');
    return out.join('\n') + '\n';
  }
  for (const l of r.laws) {
    if (!l.naming) continue;
    const v = l.version ? (en ? ` (version ${l.version}, in force ${l.inForce ?? '?'})` : `（${l.version} 版，${l.inForce ?? '?'} 施行）`) : '';
    out.push(`《${l.title}》${v}`);
    out.push(en
      ? `  ${l.naming} provision(s) name the department; cited: ${l.cited.join('、') || 'none'} (by ${l.citedBy.join(', ')}); not cited: ${l.candidates.length}`
      : `  点名本部门的条文 ${l.naming} 条；已引用：${l.cited.join('、') || '无'}（${l.citedBy.join('、')}）；未引用：${l.candidates.length} 条`);
    for (const c of l.candidates) {
      const text = c.text.replace(/\n/g, ' ');
      out.push(`  ${c.article}  [${c.roles.join('、')}]  ${text.length > 80 ? `${text.slice(0, 80)}……` : text}`);
      out.push(`      ${c.file}${c.line ? `:${c.line}` : ''}`);
    }
    out.push('');
  }
  out.push(en
    ? `${r.candidates} provision(s) name the department (${r.roles.join(', ')}) but no power cites them: check whether a power is missing from the list.`
    : `共 ${r.candidates} 条点名本部门（${r.roles.join('、')}）的条文没有职权引用：请逐条核对是否遗漏了职权。`);
  return out.join('\n') + '\n';
}
