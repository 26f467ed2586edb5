/**
 * The rules that look at one power at a time (Rule.perPower), run on a power as soon as it is loaded and has passed
 * its schema: in the thread that loaded it (load/file.ts), so that in a large repository they run in parallel. Their
 * diagnostics carry the rule's own severity (or the one the rule gave); powerbook.yaml's `lint` settings are applied
 * afterwards, with those of the other rules (check/index.ts).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Power } from '../domain/types.js';
import type { Loaded } from '../load/repository.js';
import { reporter, type CheckContext } from './context.js';
import { RULES } from './registry.js';

export const POWER_RULES = RULES.filter((r) => r.perPower);

export function checkPower(power: Loaded<Power>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of POWER_RULES) {
    const ctx = { stage: 'draft', powers: [power], report: reporter(rule.id, out) } as Pick<CheckContext, 'stage' | 'powers' | 'report'> as CheckContext;
    rule.check(ctx);
  }
  return out;
}
