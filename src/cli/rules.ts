/**
 * `powerbook rules [-C dir]`: every rule id with the severity validate reports it at (diagnostics/rules.ts: the default,
 * and the messages or stages where it differs), and what it checks; with -C, the repository's powerbook.yaml `lint:`
 * applied as validate applies it (a level set there is the level of all the rule's findings; `off` hides them).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Lang, SeveritySetting } from '../diagnostics/diagnostic.js';
import { MESSAGES } from '../diagnostics/messages.js';
import { RULE_IDS, RULE_META, ruleHelpUri, severityNote, type RuleMeta } from '../diagnostics/rules.js';
import type { LintSettings } from '../diagnostics/severity.js';
import { findRepository } from '../load/repository.js';
import { configuredLint } from '../pipeline/index.js';
import { UsageError, type Io } from './io.js';

export interface RulesOptions { format?: string; dir?: string }

export function rulesCommand(io: Io, lang: Lang, opts: RulesOptions = {}): number {
  const format = opts.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError('--format 只能是 text 或 json', '--format must be text or json');
  let lint: LintSettings = new Map();
  if (opts.dir !== undefined) {
    const abs = path.resolve(io.cwd, opts.dir);
    if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new UsageError(`目录不存在：${opts.dir}`, `No such directory: ${opts.dir}`);
    const found = findRepository(abs);
    if (found) lint = configuredLint(found.root);
  }
  const rows = RULE_IDS.map((id) => {
    const meta = RULE_META[id] as RuleMeta;
    const configured = lint.get(id);
    const severity: SeveritySetting = configured ?? meta.severity;
    return { id, meta, severity, configured };
  });
  if (format === 'json') {
    // Both languages, each id's messages by key (the templates, with their {placeholders}), and where the severity comes from.
    io.stdout(JSON.stringify(rows.map(({ id, meta, severity, configured }) => ({
      id, severity, zh: meta.zh, en: meta.en,
      ...(configured ? { default: meta.severity, lint: configured } : meta.variants ? { variants: meta.variants } : {}),
      helpUri: ruleHelpUri(id), messages: MESSAGES[id],
    })), null, 2) + '\n');
    return 0;
  }
  const w = Math.max(...RULE_IDS.map((id) => id.length));
  for (const { id, meta, severity, configured } of rows) {
    const note = configured
      ? (lang === 'en' ? `powerbook.yaml lint: ${configured} (default ${meta.severity})` : `powerbook.yaml 的 lint 设为 ${configured}（默认 ${meta.severity}）`)
      : severityNote(id, lang);
    io.stdout(`${id.padEnd(w)}  ${severity.padEnd(7)}  ${lang === 'en' ? meta.en : meta.zh}${note ? ` — ${note}` : ''}\n`);
  }
  return 0;
}
