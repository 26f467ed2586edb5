#!/usr/bin/env node
// Rewrites the README's rule table from the registry (lib/diagnostics/rules.js, after `npm run build`):
// `node scripts/readme-rules.mjs` after adding or changing a rule id. test/validate/rules-table.test.ts compares them.
import { readFileSync, writeFileSync } from 'node:fs';
const { RULE_META, severityNote } = await import('../lib/diagnostics/rules.js');
const HEADER = '| rule id | default | what it finds | 说明 |';
const lines = readFileSync('README.md', 'utf8').split('\n');
const start = lines.indexOf(HEADER);
if (start < 0) throw new Error(`README.md has no line "${HEADER}"`);
let end = start + 2;
while (end < lines.length && lines[end].startsWith('|')) end++;
// Where a rule reports some findings at another severity (its variants), the doc lines say when, after " — ".
const note = (id, lang) => (severityNote(id, lang) ? ` — ${severityNote(id, lang)}` : '');
const rows = Object.entries(RULE_META).map(([id, r]) => `| <a id="rule-${id}"></a>\`${id}\` | ${r.severity} | ${r.en}${note(id, 'en')} | ${r.zh}${note(id, 'zh')} |`);
lines.splice(start + 2, end - start - 2, ...rows);
writeFileSync('README.md', lines.join('\n'));
console.log(`README.md: ${rows.length} rules`);
