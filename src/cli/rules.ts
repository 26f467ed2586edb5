/** `powerbook rules`: every rule id, its default severity and what it checks (diagnostics/rules.ts, messages.ts). */
import type { Lang } from '../diagnostics/diagnostic.js';
import { MESSAGES } from '../diagnostics/messages.js';
import { RULE_IDS, RULE_META, ruleHelpUri } from '../diagnostics/rules.js';
import { UsageError, type Io } from './io.js';

export interface RulesOptions { format?: string }

export function rulesCommand(io: Io, lang: Lang, opts: RulesOptions = {}): number {
  const format = opts.format ?? 'text';
  if (format === 'json') {
    // Both languages, and each id's messages by key (the templates, with their {placeholders}).
    const rules = RULE_IDS.map((id) => ({ id, severity: RULE_META[id].severity, zh: RULE_META[id].zh, en: RULE_META[id].en, helpUri: ruleHelpUri(id), messages: MESSAGES[id] }));
    io.stdout(JSON.stringify(rules, null, 2) + '\n');
    return 0;
  }
  if (format !== 'text') throw new UsageError('--format 只能是 text 或 json', '--format must be text or json');
  const w = Math.max(...RULE_IDS.map((id) => id.length));
  for (const id of RULE_IDS) {
    const m = RULE_META[id];
    io.stdout(`${id.padEnd(w)}  ${m.severity.padEnd(7)}  ${lang === 'en' ? m.en : m.zh}\n`);
  }
  return 0;
}
