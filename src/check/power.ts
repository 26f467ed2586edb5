/**
 * The rules that look at one power at a time (Rule.perPower), run on a power as soon as it is loaded and has passed
 * its schema: in the thread that loaded it (load/file.ts), so that in a large repository they run in parallel. Their
 * diagnostics carry the rule's own severity (or the one the rule gave); powerbook.yaml's `lint` settings are applied
 * afterwards, with those of the other rules (check/index.ts).
 */
import { makeDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Power } from '../domain/types.js';
import type { Loaded } from '../load/repository.js';
import type { CheckContext } from './context.js';
import { RULES } from './registry.js';
import { RULE_META } from '../diagnostics/rules.js';

export const POWER_RULES = RULES.filter((r) => r.perPower);

export function checkPower(power: Loaded<Power>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of POWER_RULES) {
    const ctx = {
      stage: 'draft', powers: [power],
      report(source, range, m, severity) {
        const file = typeof source === 'string' ? source : source.path;
        out.push(makeDiagnostic(file, typeof range === 'function' ? range() : range, rule.id, severity ?? RULE_META[rule.id].severity, m));
      },
    } as Pick<CheckContext, 'stage' | 'powers' | 'report'> as CheckContext;
    rule.check(ctx);
  }
  return out;
}
