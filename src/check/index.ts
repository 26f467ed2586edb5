/** `check`: schema first, then the semantic rules; severities from the rule, the stage and powerbook.yaml `lint`. */
import { compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { diag, diagnostic } from '../diagnostics/message.js';
import { diagnosticFromPair } from '../diagnostics/diagnostic.js';
import { RULE_META, type RuleId } from '../diagnostics/rules.js';
import { readReferenced } from '../load/repository.js';
import type { Stage } from '../domain/types.js';
import type { Repository } from '../load/repository.js';
import { reporter, type CheckContext } from './context.js';
import { RULES } from './registry.js';
import { applySeverities, parseLint } from '../diagnostics/severity.js';
import type { LawLibrary } from '../library/types.js';
import { Citations } from './rules/citations-resolve.js';

export interface CheckOptions {
  stage?: Stage;
  /** The law library (pipeline/library.ts opens it from the settings). */
  library?: LawLibrary;
  /** A library is set but could not be opened (reported at the setting). */
  libraryUnavailable?: boolean;
}

/** Runs every check. `loadDiagnostics` come from `loadRepository`; the result is sorted deterministically. */
export function checkRepository(repo: Repository, loadDiagnostics: Diagnostic[], opts: CheckOptions = {}): Diagnostic[] {
  const diags: Diagnostic[] = [...loadDiagnostics];
  const stage = opts.stage ?? 'draft';

  // Schema errors were found while loading (per file, possibly in worker threads); the rules see valid items only.
  const config = repo.config?.valid ? repo.config.data : undefined;
  const laws = repo.laws.filter((l) => l.valid);
  const powers = repo.powers.filter((p) => p.valid);
  const rules = repo.rules.filter((r) => r.valid);

  if (config?.compendium.preface) {
    const t = readReferenced(repo, repo.config!.source.path, config.compendium.preface, diags, repo.config!.source.rangeAt(['compendium', 'preface']));
    if (t) repo.texts.set(t.path, t);
  }

  const { settings: lint, problems } = parseLint(config?.lint as Record<string, unknown> | undefined);
  for (const p of problems) {
    const at = repo.config!.source.rangeAt(['lint', p.id], { key: p.kind === 'unknown-rule' });
    const file = repo.config!.source.path;
    diags.push(p.kind === 'unknown-rule'
      ? diag(file, at, 'config-unknown-rule', 'unknownRule', { id: p.id })
      : diag(file, at, 'config-unknown-rule', 'badLevel', { id: p.id, level: String(p.value) }));
  }

  const index = <T extends { data: { id: unknown } }>(xs: T[]) => {
    const m = new Map<string, T>();
    for (const x of xs) if (!m.has(String(x.data.id))) m.set(String(x.data.id), x);
    return m;
  };
  const lawsById = index(laws), powersById = index(powers), rulesById = index(rules);
  const broken = { power: brokenIds(repo.powers, powersById), law: brokenIds(repo.laws, lawsById) };
  const citations = new Citations({ laws, lawsById, brokenLaws: broken.law, library: opts.library, date: config?.compendium.date });
  // The rules that look at one power alone ran as each power was loaded (check/power.ts): their findings get the
  // configured severity here, and they run below only on powers loaded without them.
  for (const p of powers) if (p.checked) diags.push(...p.checked);
  const unchecked = powers.filter((p) => !p.checked);
  for (const rule of RULES) {
    if (lint.get(rule.id) === 'off') continue;
    rule.check(ruleContext(rule.id, diags, opts, {
      repo, config, stage, date: config?.compendium.date,
      laws, powers: rule.perPower ? unchecked : powers, rules,
      lawsById, powersById, rulesById, broken, citations,
    }));
  }
  // powerbook.yaml's `lint:` applies to every id, whatever found it (diagnostics/severity.ts).
  return applySeverities(diags, lint).sort(compareDiagnostics);
}

type RuleData = Omit<CheckContext, 'report' | 'reportPair' | 'library' | 'libraryUnavailable'>;

/** A rule's context: the repository's data, the law library when opened, and its report functions into `diags`. */
function ruleContext<Id extends RuleId>(id: Id, diags: Diagnostic[], opts: CheckOptions, data: RuleData): CheckContext<Id> {
  return {
    ...data,
    ...(opts.library ? { library: opts.library } : {}), ...(opts.libraryUnavailable ? { libraryUnavailable: true } : {}),
    report: reporter(id, diags),
    reportPair(source, range, m, severity) {
      const file = typeof source === 'string' ? source : source.path;
      diags.push(diagnosticFromPair(file, typeof range === 'function' ? range() : range, id, severity ?? RULE_META[id as RuleId].severity, m));
    },
  };
}

/** The rules that check a power's citations: its laws and articles, against laws/ and the law library. */
const CITATION_RULES = new Set<string>(['law-unknown', 'article-unknown', 'law-not-in-force']);
const isCitationRule = (id: string) => CITATION_RULES.has(id) || id.startsWith('citation-');

/**
 * The citation rules alone, on powers that failed their schema but whose legal_bases are well formed (each entry a
 * law with its article, 款, 项, quote as text or numbers): `powerbook import` checks a list against the law library at
 * once, before the fields the list lacks (承办机构, 办理流程 …) are filled in and the powers become valid.
 */
export function checkCitationsOf(repo: Repository, powers: Repository['powers'], opts: CheckOptions = {}): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const config = repo.config?.valid ? repo.config.data : undefined;
  const laws = repo.laws.filter((l) => l.valid);
  const valid = repo.powers.filter((p) => p.valid);
  const index = <T extends { data: { id: unknown } }>(xs: T[]) => {
    const m = new Map<string, T>();
    for (const x of xs) if (!m.has(String(x.data.id))) m.set(String(x.data.id), x);
    return m;
  };
  const lawsById = index(laws);
  const checked = powers.filter((p) => wellFormedBases((p.data as { legal_bases?: unknown } | undefined)?.legal_bases));
  if (!checked.length) return diags;
  const broken = { power: brokenIds(repo.powers, index(valid)), law: brokenIds(repo.laws, lawsById) };
  const citations = new Citations({ laws, lawsById, brokenLaws: broken.law, library: opts.library, date: config?.compendium.date });
  const { settings: lint } = parseLint(config?.lint as Record<string, unknown> | undefined);
  for (const rule of RULES) {
    if (!isCitationRule(rule.id) || lint.get(rule.id) === 'off') continue;
    rule.check(ruleContext(rule.id, diags, opts, {
      repo, config, stage: opts.stage ?? 'draft', date: config?.compendium.date,
      laws, powers: checked, rules: [], lawsById, powersById: index(valid), rulesById: new Map(), broken, citations,
    }));
  }
  return applySeverities(diags, lint).sort(compareDiagnostics);
}

const REF = (v: unknown) => v === undefined || typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));

function wellFormedBases(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0 && v.every((b) => b !== null && typeof b === 'object' && !Array.isArray(b)
    && typeof (b as { law?: unknown }).law === 'string' && REF((b as { article?: unknown }).article) && REF((b as { clause?: unknown }).clause)
    && REF((b as { item?: unknown }).item) && ['quote', 'note', 'version'].every((k) => { const x = (b as Record<string, unknown>)[k]; return x === undefined || typeof x === 'string'; }));
}

/** Ids (or file names) of items that are in the repository but not usable. */
function brokenIds(items: { data: unknown; source: { path: string } }[], valid: Map<string, unknown>): Set<string> {
  const out = new Set<string>();
  for (const it of items) {
    const id = (it.data as { id?: unknown } | undefined)?.id;
    const name = it.source.path.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
    for (const k of [id === undefined ? undefined : String(id), name]) if (k !== undefined && !valid.has(k)) out.add(k);
  }
  return out;
}
