/**
 * Severities as configured: powerbook.yaml's `lint:` maps any id of diagnostics/rules.ts to error, warning, info or
 * off. Applied here, in one place, to every diagnostic of every stage (load, schema, rules, flowcharts, build).
 */
import type { Diagnostic, SeveritySetting } from './diagnostic.js';
import { isRuleId, type RuleId } from './rules.js';

export type LintSettings = ReadonlyMap<RuleId, SeveritySetting>;

const SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];

export type LintProblem = { id: string; kind: 'unknown-rule' | 'bad-setting'; value: unknown };

/** Reads `lint:`; an unknown id or a setting other than the four is returned as a problem and not applied. */
export function parseLint(lint: Record<string, unknown> | undefined): { settings: Map<RuleId, SeveritySetting>; problems: LintProblem[] } {
  const settings = new Map<RuleId, SeveritySetting>();
  const problems: LintProblem[] = [];
  for (const [id, value] of Object.entries(lint ?? {})) {
    if (!isRuleId(id)) { problems.push({ id, kind: 'unknown-rule', value }); continue; }
    if (!SETTINGS.includes(value as SeveritySetting)) { problems.push({ id, kind: 'bad-setting', value }); continue; }
    settings.set(id, value as SeveritySetting);
  }
  return { settings, problems };
}

/** Drops what is turned off and gives the rest its configured severity. */
export function applySeverities(diags: readonly Diagnostic[], settings: LintSettings): Diagnostic[] {
  if (!settings.size) return [...diags];
  const out: Diagnostic[] = [];
  for (const d of diags) {
    const s = settings.get(d.rule as RuleId);
    if (s === 'off') continue;
    out.push(s && s !== d.severity ? { ...d, severity: s } : d);
  }
  return out;
}
