/** `powerbook rules`: every rule id, its default severity and what it checks (diagnostics/rules.ts). */
import type { Lang } from '../diagnostics/diagnostic.js';
import { RULE_IDS, RULE_META } from '../diagnostics/rules.js';
import type { Io } from './io.js';

export function rulesCommand(io: Io, lang: Lang): number {
  const w = Math.max(...RULE_IDS.map((id) => id.length));
  for (const id of RULE_IDS) {
    const m = RULE_META[id];
    io.stdout(`${id.padEnd(w)}  ${m.severity.padEnd(7)}  ${lang === 'en' ? m.en : m.zh}\n`);
  }
  return 0;
}
