/**
 * `powerbook status`: where the repository stands against the work plan's dates — each stage done, due in N days or
 * overdue, and what blocks it (the errors `validate --stage <that stage>` gives) — with the counts a supervisor asks
 * for. The stages, their dates and what each requires are check/stages.ts's table, the one `validate --stage` enforces.
 * Its JSON is what each department's CI publishes for `powerbook rollup`.
 */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { countBySeverity } from '../diagnostics/diagnostic.js';
import { POWER_CATEGORIES, RULE_AREAS, type Law, type Power, type RuleMeta, type Stage } from '../domain/types.js';
import { localToday } from '../domain/time.js';
import { STAGES } from '../check/stages.js';
import { gitState } from '../pipeline/manifest.js';
import { validateStages } from '../pipeline/index.js';
import { citationsOf } from '../pipeline/coverage.js';
import { locatedText, versionName, versionNameEn, type Repeal } from '../check/rules/citations-resolve.js';
import { findDrift, quoteMatches } from '../check/rules/citations-drift.js';
import { articleKey } from '../domain/numerals.js';
import type { LawLibrary } from '../library/types.js';
import type { Repository } from '../load/repository.js';
import { VERSION } from '../util/version.js';
import type { Words } from './types.js';
import { ReviewError } from './git.js';

export const STATUS_KIND = 'powerbook-status';
export const STATUS_VERSION = 1;

export interface Problem { file: string; line: number; column: number; rule: string; message: Words }

export interface StageStatus {
  key: Stage;
  /** The stage's name (check/stages.ts). */
  label: Words;
  /** The date in powerbook.yaml, if any. */
  due?: string;
  /** done: nothing blocks it; due: not done, date not passed; overdue: not done, date passed; open: not done, no date. */
  state: 'done' | 'due' | 'overdue' | 'open';
  /** Days from `at` to `due` (negative when overdue). */
  days?: number;
  /** The `validate --stage` whose errors block it: the stage itself (its own requirements and those before it). */
  validate: Stage;
  errors: number;
  /** Errors by rule id, and the first few, for what to fix. */
  blockers: { byRule: Record<string, number>; first: Problem[] };
}

export interface PowerRef { id: string; name: string }

export interface LawState {
  /** A laws/ id, or the library's title. */
  id: string;
  title: string;
  /** Repealed or superseded from (laws/ status_date; the repealing text's entry into force; the later version's). */
  date?: string;
  powers: string[];
  /** Where it was judged: the laws/ registry or the law library. */
  source: 'laws' | 'library';
  /** The repealing text (library): 《报废机动车回收管理办法》（国务院令第715号）. */
  by?: string;
  /** What changed (library), one entry per kind of finding. */
  why?: Words[];
}

export interface StatusReport {
  kind: typeof STATUS_KIND;
  version: typeof STATUS_VERSION;
  tool: { name: 'powerbook'; version: string };
  department?: string;
  title?: string;
  compendiumDate?: string;
  /** The day the report is for (YYYY-MM-DD). */
  at: string;
  repository: { commit: string; dirty: boolean } | null;
  stages: StageStatus[];
  /** The last stage done with all before it done, and the first not done. */
  reached: Stage | null;
  next: Stage | null;
  /** Diagnostics by `validate --stage`. */
  diagnostics: Partial<Record<Stage, { error: number; warning: number; info: number }>>;
  powers: {
    total: number;
    byCategory: Record<string, number>;
    byStatus: Record<string, number>;
    lacking: { procedure: PowerRef[]; flowchart: PowerRef[]; risks: PowerRef[]; fees: PowerRef[]; timeLimit: PowerRef[] };
    /** Files that do not pass their schema (not counted above). */
    invalid: number;
  };
  rules: {
    total: number;
    byArea: Record<string, number>;
    /** none: no legality review; reviewed: passed legality review only; deliberated: passed both; failed: a 不通过. */
    byReview: { none: number; reviewed: number; deliberated: number; failed: number };
    invalid: number;
  };
  laws: {
    /** Laws registered in laws/. */
    total: number;
    /** The law library was read (a `law_library:`, POWERBOOK_LAW_LIBRARY or --law-library that could be opened). */
    library: boolean;
    /**
     * Cited laws repealed (已废止) at the compendium date, with the powers citing them: laws/ files whose status says so,
     * and with the library, the texts a later text's repeal clause names (`by`).
     */
    repealed: LawState[];
    /**
     * Cited laws superseded or amended: laws/ files 已修订 at the compendium date; with the library, a pinned version
     * (`version:`) no longer the one in force, a quote the text in force no longer says, a later version in force after
     * the compendium date (`why` says which).
     */
    changed: LawState[];
    /** validate's own findings on citations (law-not-in-force), where they are. */
    problems: Problem[];
  };
  risks: { 高: number; 中: number; 低: number };
}

export interface StatusOptions {
  /** YYYY-MM-DD; default today. */
  at?: string;
  /** `--law-library` paths (relative to `cwd`); else POWERBOOK_LAW_LIBRARY of `env`, else powerbook.yaml's law_library. */
  lawLibrary?: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Today as YYYY-MM-DD in the local time zone. */
export const today = localToday;

function days(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const problem = (d: Diagnostic): Problem => ({ file: d.file, line: d.start.line, column: d.start.column, rule: d.rule, message: { zh: d.message, en: d.messageEn } });

const PASSED = new Set(['通过', '修改后通过']);

function dateString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return undefined;
}

export async function repositoryStatus(root: string, opts: StatusOptions = {}): Promise<StatusReport> {
  const at = opts.at ?? today();
  // The same checks as `validate --stage <s>` for each stage of the plan, over one load of the repository.
  const byStage = await validateStages(root, STAGES.map((s) => s.id), { lawLibrary: opts.lawLibrary, env: opts.env, cwd: opts.cwd });
  const { repo, library } = byStage.get('draft')!;
  // The plan's dates are in powerbook.yaml: without one there is nothing to stand against.
  if (!repo.config) {
    throw new ReviewError(`${root} 不是制度库：没有 powerbook.yaml（工作方案的阶段日期写在其中）。请在制度库目录中运行，或用 powerbook init 新建`,
      `${root} is not a rule repository: it has no powerbook.yaml (where the plan's stage dates are). Run it in a rule repository, or create one with powerbook init`);
  }
  const config = repo.config?.valid ? repo.config.data : undefined;
  const stagesCfg = (config?.stages ?? {}) as Record<string, unknown>;

  const stages: StageStatus[] = STAGES.map((s) => {
    const errors = byStage.get(s.id)!.diagnostics.filter((d) => d.severity === 'error');
    const due = dateString(stagesCfg[s.dateKey]);
    const byRule: Record<string, number> = {};
    for (const e of errors) byRule[e.rule] = (byRule[e.rule] ?? 0) + 1;
    const out: StageStatus = { key: s.id, label: { zh: s.zh, en: s.en }, state: 'open', validate: s.id, errors: errors.length, blockers: { byRule, first: errors.slice(0, 10).map(problem) } };
    if (due) { out.due = due; out.days = days(at, due); }
    out.state = !errors.length ? 'done' : due === undefined ? 'open' : out.days! < 0 ? 'overdue' : 'due';
    return out;
  });
  let reached: Stage | null = null;
  for (const s of stages) { if (s.state !== 'done') break; reached = s.key; }
  const next = stages.find((s) => s.state !== 'done')?.key ?? null;

  const diagnostics: StatusReport['diagnostics'] = {};
  for (const [stage, v] of byStage) diagnostics[stage] = countBySeverity(v.diagnostics);

  // Powers
  const powers = repo.powers.filter((p) => p.valid).map((p) => ({ p: p.data as Power, file: p.source.path }));
  const byCategory: Record<string, number> = {};
  for (const c of POWER_CATEGORIES) { const n = powers.filter(({ p }) => p.category === c).length; if (n) byCategory[c] = n; }
  const byStatus: Record<string, number> = {};
  for (const { p } of powers) { const k = p.status ?? '未填写'; byStatus[k] = (byStatus[k] ?? 0) + 1; }
  const ref = (p: Power): PowerRef => ({ id: String(p.id), name: p.name });
  const steps = (p: Power) => (Array.isArray(p.procedure?.steps) ? p.procedure.steps : []);
  // A hand-drawn flowchart that is missing or does not parse: validate's findings on the power's file.
  const draftDiags = byStage.get('draft')!.diagnostics;
  const badFiles = new Set(draftDiags.filter((d) => d.rule === 'flowchart-syntax' || d.rule === 'file-missing' || d.rule === 'path-outside').map((d) => d.file));
  const flowchartFile = (file: string, p: Power) => (p.flowchart ? path.posix.normalize(path.posix.join(path.posix.dirname(file), p.flowchart)) : undefined);
  const badFlowchart = new Set(powers.filter(({ p, file }) => p.flowchart && (badFiles.has(file) || badFiles.has(flowchartFile(file, p)!))).map(({ file }) => file));
  const lacking = {
    procedure: powers.filter(({ p }) => !steps(p).length).map(({ p }) => ref(p)),
    flowchart: powers.filter(({ p, file }) => !steps(p).length || badFlowchart.has(file)).map(({ p }) => ref(p)),
    risks: powers.filter(({ p }) => !steps(p).some((s) => Array.isArray(s.risks) && s.risks.length)).map(({ p }) => ref(p)),
    fees: powers.filter(({ p }) => !p.fees).map(({ p }) => ref(p)),
    timeLimit: powers.filter(({ p }) => !p.time_limit?.statutory && !p.time_limit?.promised).map(({ p }) => ref(p)),
  };
  const risks = { 高: 0, 中: 0, 低: 0 };
  for (const { p } of powers) for (const s of steps(p)) for (const r of Array.isArray(s.risks) ? s.risks : []) if (r.level in risks) risks[r.level]++;

  // Rules
  const rules = repo.rules.filter((r) => r.valid).map((r) => r.data as RuleMeta);
  const byArea: Record<string, number> = {};
  for (const a of RULE_AREAS) { const n = rules.filter((r) => r.area === a).length; if (n) byArea[a] = n; }
  const byReview = { none: 0, reviewed: 0, deliberated: 0, failed: 0 };
  for (const r of rules) {
    const lr = r.legality_review?.result, dl = r.deliberation?.result;
    if (lr === '不通过' || dl === '不通过') byReview.failed++;
    else if (lr && PASSED.has(lr) && dl && PASSED.has(dl)) byReview.deliberated++;
    else if (lr && PASSED.has(lr)) byReview.reviewed++;
    else byReview.none++;
  }

  // Laws: cited ones repealed or superseded at the compendium date (as law-not-in-force and the citation rules judge them).
  const laws = repo.laws.filter((l) => l.valid).map((l) => l.data as Law);
  const date = config?.compendium.date;
  const { repealed, changed } = lawStates(repo, library, powers.map(({ p }) => p), date);
  const lawProblems = draftDiags.filter((d) => d.rule === 'law-not-in-force' || d.rule === 'citation-repealed' || d.rule === 'citation-drift').map(problem);

  return {
    kind: STATUS_KIND, version: STATUS_VERSION, tool: { name: 'powerbook', version: VERSION },
    ...(config ? { department: config.department.name, title: config.compendium.title, compendiumDate: config.compendium.date } : {}),
    at, repository: gitState(root), stages, reached, next, diagnostics,
    powers: { total: powers.length, byCategory, byStatus, lacking, invalid: repo.powers.length - powers.length },
    rules: { total: rules.length, byArea, byReview, invalid: repo.rules.length - rules.length },
    laws: { total: laws.length, library: library !== undefined, repealed, changed, problems: lawProblems },
    risks,
  };
}

/** The cited laws repealed and changed: from laws/ (status, status_date) and, with the library, from its versions and repeals. */
function lawStates(repo: Repository, library: LawLibrary | undefined, powers: Power[], date: string | undefined): { repealed: LawState[]; changed: LawState[] } {
  const citations = citationsOf(repo, library);
  const repealed = new Map<string, LawState>(), changed = new Map<string, LawState>();
  const add = (to: Map<string, LawState>, key: string, make: () => Omit<LawState, 'powers'>, power: string, why?: Words) => {
    let e = to.get(key);
    if (!e) to.set(key, (e = { ...make(), powers: [] }));
    if (!e.powers.includes(power)) e.powers.push(power);
    if (why && !(e.why ??= []).some((w) => w.zh === why.zh)) e.why.push(why);
  };
  const ended = (l: Law) => !l.status_date || !date || l.status_date <= date;
  const local = (l: Law) => () => ({ id: l.id, title: l.title, ...(l.status_date ? { date: l.status_date } : {}), source: 'laws' as const });
  const repealedBy = (r: Repeal) => `《${r.version.title}》${r.version.order ? `（${r.version.order}）` : ''}`;
  for (const p of powers) {
    const id = String(p.id);
    for (const b of Array.isArray(p.legal_bases) ? p.legal_bases : []) {
      if (!b || typeof b.law !== 'string') continue;
      const t = citations.targetFor(b);
      if (t.kind === 'local') {
        const l = t.law.data;
        if (l.status === '已废止' && ended(l)) add(repealed, `laws:${l.id}`, local(l), id);
        else if (l.status === '已修订' && ended(l)) add(changed, `laws:${l.id}`, local(l), id);
        continue;
      }
      if (t.kind === 'repealed-only') {
        if (!date || t.repealedBy.date <= date) add(repealed, `lib:${t.title}`, () => ({ id: t.title, title: t.title, date: t.repealedBy.date, source: 'library', by: repealedBy(t.repealedBy) }), id);
        continue;
      }
      if (t.kind !== 'library' || !library) continue;
      const c = citations.libraryCitation(b);
      if (!c) continue;
      const law = t.law;
      const entry = () => ({ id: law.title, title: law.title, source: 'library' as const });
      if (c.repealed) {
        const r = c.repealed;
        add(repealed, `lib:${law.title}`, () => ({ ...entry(), date: r.date, by: repealedBy(r) }), id);
        continue;
      }
      const inForce = c.inForce;
      if (!inForce) continue;
      if (c.pinned && c.pinned !== inForce) {
        add(changed, `lib:${law.title}`, () => ({ ...entry(), ...(inForce.inForce ? { date: inForce.inForce } : {}) }), id,
          { zh: `引用的是 ${versionName(c.pinned)}，汇编日期施行的是 ${versionName(inForce)}`, en: `cites ${versionNameEn(c.pinned)}; ${versionNameEn(inForce)} is in force on the compendium date` });
      }
      // A quote taken from an earlier version (a quote found in none is a mistake, not an amendment: validate says so).
      const text = c.located && !c.located.missing ? locatedText(c.located) : undefined;
      const key = b.article === undefined ? undefined : articleKey(b.article) ?? undefined;
      const drift = b.quote !== undefined && (text === undefined || !quoteMatches(String(b.quote), text))
        ? findDrift(library, law, inForce, key, c.located, String(b.quote), c.pinned ?? undefined) : undefined;
      if (drift?.from && drift.from.version !== inForce) {
        const from = drift.from;
        add(changed, `lib:${law.title}`, () => ({ ...entry(), ...(inForce.inForce ? { date: inForce.inForce } : {}) }), id,
          { zh: `所引原文出自 ${versionName(from.version)}${from.label}，汇编日期施行的是 ${versionName(inForce)}`, en: `the quote is from ${from.label} of ${versionNameEn(from.version)}; ${versionNameEn(inForce)} is in force on the compendium date` });
      }
      // A later version: amended after the compendium date (in force from its date).
      const later = date ? law.versions.filter((v) => v.inForce && v.inForce > date && v !== inForce).sort((x, y) => (x.inForce! < y.inForce! ? -1 : 1))[0] : undefined;
      if (later) {
        add(changed, `lib:${law.title}`, () => ({ ...entry(), date: later.inForce! }), id,
          { zh: `${versionName(later)}自 ${later.inForce} 起施行（在汇编日期之后）`, en: `${versionNameEn(later)} is in force from ${later.inForce} (after the compendium date)` });
      }
    }
  }
  const sorted = (m: Map<string, LawState>) => [...m.values()].map((e) => ({ ...e, powers: e.powers.sort() })).sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { repealed: sorted(repealed), changed: sorted(changed) };
}
