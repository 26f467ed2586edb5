/** `check`: schema first, then the semantic rules; severities from the rule, the stage and powerbook.yaml `lint`. */
import { compareDiagnostics, makeDiagnostic, type Diagnostic, type SeveritySetting } from '../diagnostic.js';
import { readReferenced } from '../load/repository.js';
import type { Repository, Stage } from '../model/repository.js';
import type { CheckContext } from './context.js';
import { BUILTIN_IDS, RULES } from './registry.js';

export interface CheckOptions { stage?: Stage }

const SETTINGS = new Set(['error', 'warning', 'info', 'off']);

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

  const lint = new Map<string, SeveritySetting>();
  if (config?.lint) {
    const known = new Set([...RULES.map((r) => r.id), ...Object.keys(BUILTIN_IDS)]);
    for (const [id, sev] of Object.entries(config.lint)) {
      if (!known.has(id) || !SETTINGS.has(sev)) {
        diags.push(makeDiagnostic(repo.config!.source.path, repo.config!.source.rangeAt(['lint', id], { key: true }), 'config-unknown-rule', 'warning', {
          zh: `lint 中的规则"${id}"不存在`, en: `Unknown rule "${id}" in lint`, hintZh: '运行 powerbook rules 查看全部规则', hintEn: 'Run `powerbook rules` for the list',
        }));
        continue;
      }
      lint.set(id, sev as SeveritySetting);
    }
  }

  const index = <T extends { data: { id: unknown } }>(xs: T[]) => {
    const m = new Map<string, T>();
    for (const x of xs) if (!m.has(String(x.data.id))) m.set(String(x.data.id), x);
    return m;
  };
  const lawsById = index(laws), powersById = index(powers), rulesById = index(rules);
  const broken = { power: brokenIds(repo.powers, powersById), law: brokenIds(repo.laws, lawsById) };
  // The rules that look at one power alone ran as each power was loaded (check/power.ts): their findings get the
  // configured severity here, and they run below only on powers loaded without them.
  for (const p of powers) {
    for (const d of p.checked ?? []) {
      const setting = lint.get(d.rule);
      if (setting !== 'off') diags.push(setting ? { ...d, severity: setting } : d);
    }
  }
  const unchecked = powers.filter((p) => !p.checked);
  for (const rule of RULES) {
    const setting = lint.get(rule.id);
    if (setting === 'off') continue;
    const ctx: CheckContext = {
      repo, config, stage, date: config?.compendium.date,
      laws, powers: rule.perPower ? unchecked : powers, rules,
      lawsById, powersById, rulesById, broken,
      report(source, range, m, severity) {
        const file = typeof source === 'string' ? source : source.path;
        diags.push(makeDiagnostic(file, typeof range === 'function' ? range() : range, rule.id, setting ?? severity ?? rule.severity, m));
      },
    };
    rule.check(ctx);
  }
  // Configured severities also apply to the built-in (load/schema) ids that allow it.
  const out = diags.filter((d) => lint.get(d.rule) !== 'off' || !BUILTIN_IDS[d.rule] || !BUILTIN_IDS[d.rule].configurable);
  return out.sort(compareDiagnostics);
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
