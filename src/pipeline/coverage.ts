/**
 * `laws coverage` and `laws list --cited` as library functions: the repository loaded (validate), its citations
 * resolved against laws/ and the law library, and the report. The build writes the same report as coverage.json.
 */
import { lawCoverage, type CoverageReport } from '../check/coverage.js';
import { Citations } from '../check/rules/citations-resolve.js';
import { articleLabel } from '../domain/numerals.js';
import type { Law, Power } from '../domain/types.js';
import type { LawLibrary } from '../library/types.js';
import type { Loaded, Repository } from '../load/repository.js';
import { validate, type RenderOutcome, type Validated, type ValidateOptions } from './index.js';

/** The citations of a loaded repository (valid laws and powers) against its library. */
export function citationsOf(repo: Repository, library: LawLibrary | undefined): Citations {
  const laws = repo.laws.filter((l) => l.valid);
  const lawsById = new Map<string, Loaded<Law>>();
  for (const l of laws) if (!lawsById.has(String(l.data.id))) lawsById.set(String(l.data.id), l);
  return new Citations({ laws, lawsById, brokenLaws: new Set(), library, date: repo.config?.valid ? repo.config.data.compendium.date : undefined });
}

export function coverageOf(v: Validated): CoverageReport {
  const config = v.repo.config?.valid ? v.repo.config.data : undefined;
  return lawCoverage({ powers: v.repo.powers.filter((p) => p.valid), citations: citationsOf(v.repo, v.library), roles: config?.roles ?? [], date: config?.compendium.date });
}

/** Loads the repository (with its library) and reports the provisions naming its roles that no power cites. */
export async function coverage(root: string, opts: ValidateOptions = {}): Promise<{ validated: Validated; report: CoverageReport }> {
  const validated = await validate(root, { ...opts, slim: false });
  return { validated, report: coverageOf(validated) };
}

/** coverage.json beside the build's outputs, when the repository lists its roles and cites a library or laws/ texts. */
export function coverageOutcome(v: Validated): RenderOutcome | undefined {
  const roles = v.repo.config?.valid ? v.repo.config.data.roles : undefined;
  if (!roles?.length) return undefined;
  const r = coverageOf(v);
  return {
    files: [{ path: 'coverage.json', data: JSON.stringify(r, null, 2) + '\n' }],
    summary: {
      zh: [`遗漏核对  coverage.json（点名本部门而没有职权引用的条文 ${r.candidates} 条）`],
      en: [`coverage  coverage.json (${r.candidates} provision(s) naming the department that no power cites)`],
    },
  };
}

export interface CitedLaw {
  title: string;
  /** A laws/ file's path, or the library's version in force (file). */
  source: string;
  kind: 'local' | 'library';
  citedBy: { power: string; name: string; provisions: string[] }[];
}

/** Which powers cite each law (laws/ files and library texts), with the provisions each cites. */
export function citedLaws(v: Validated): CitedLaw[] {
  const citations = citationsOf(v.repo, v.library);
  const byLaw = new Map<unknown, CitedLaw>();
  for (const p of v.repo.powers.filter((x) => x.valid) as Loaded<Power>[]) {
    for (const b of p.data.legal_bases ?? []) {
      const t = citations.targetFor(b);
      let key: unknown, e: CitedLaw | undefined;
      if (t.kind === 'local') {
        key = t.law;
        e = byLaw.get(key) ?? { title: t.law.data.title, source: t.law.source.path, kind: 'local', citedBy: [] };
      } else if (t.kind === 'library') {
        key = t.law;
        const c = citations.libraryCitation(b);
        e = byLaw.get(key) ?? { title: t.law.title, source: c?.inForce?.file ?? t.law.versions[t.law.versions.length - 1]?.file ?? '', kind: 'library', citedBy: [] };
      } else continue;
      byLaw.set(key, e);
      let row = e.citedBy.find((x) => x.power === String(p.data.id));
      if (!row) e.citedBy.push((row = { power: String(p.data.id), name: p.data.name, provisions: [] }));
      const label = [b.article !== undefined ? articleLabel(b.article) : '', b.clause !== undefined ? articleLabel(b.clause, '款') : '', b.item !== undefined ? articleLabel(b.item, '项') : ''].join('');
      if (label && !row.provisions.includes(label)) row.provisions.push(label);
    }
  }
  const out = [...byLaw.values()];
  for (const l of out) l.citedBy.sort((a, b) => (a.power < b.power ? -1 : a.power > b.power ? 1 : 0));
  return out.sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
}
