/** `powerbook rules`: every rule id, its default severity and what it checks. */
import type { Lang } from '../diagnostic.js';
import { BUILTIN_IDS, RULES } from '../check/registry.js';
import type { Io } from './io.js';

export function rulesCommand(io: Io, lang: Lang): number {
  const rows = [
    ...RULES.map((r) => [r.id, r.severity, lang === 'en' ? r.description.en : r.description.zh]),
    ...Object.entries(BUILTIN_IDS).map(([id, d]) => [id, 'error', lang === 'en' ? d.en : d.zh]),
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [id, sev, d] of rows) io.stdout(`${id.padEnd(w)}  ${sev.padEnd(7)}  ${d}\n`);
  return 0;
}
