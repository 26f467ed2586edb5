/**
 * One registry of rule ids (src/diagnostics/rules.ts), read by everything that lists them: the README's rule table
 * (parsed here and compared: ids in order, default severities, both doc lines, anchors), `powerbook rules` in text
 * and JSON, and the message catalogue (src/diagnostics/messages.ts) that holds every id's messages by key.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/diagnostics/messages.js';
import { RULE_IDS, RULE_META, ruleHelpUri, severityNote, type RuleId, type RuleMeta } from '../../src/diagnostics/rules.js';
import { cli } from '../helpers/cli.js';

const HEADER = '| rule id | default | what it finds | 说明 |';

/** The README's rule table as rows of cells, the first cell's anchor and id checked. */
function readmeTable(): { id: string; severity: string; en: string; zh: string }[] {
  const lines = readFileSync('README.md', 'utf8').split('\n');
  const start = lines.indexOf(HEADER);
  expect(start, `README.md has no line "${HEADER}"`).toBeGreaterThan(0);
  expect(lines[start + 1]).toBe('|---|---|---|---|');
  const rows: { id: string; severity: string; en: string; zh: string }[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.slice(1, -1).split('|').map((c) => c.trim());
    expect(cells, line).toHaveLength(4);
    const m = /^<a id="rule-([a-z0-9-]+)"><\/a>`([a-z0-9-]+)`$/.exec(cells[0]);
    expect(m, `first cell of: ${line}`).not.toBeNull();
    expect(m![1], `anchor of ${m![2]}`).toBe(m![2]);
    rows.push({ id: m![2], severity: cells[1], en: cells[2], zh: cells[3] });
  }
  return rows;
}

/**
 * The rows the README must have, in RULE_META's order (grouped as the checks run), for pasting when a rule is added
 * (the test's failure shows them). Where a rule reports at other severities (its variants), the doc lines say when,
 * after " — ", as `powerbook rules` does.
 */
function expectedRows(): string {
  return (Object.keys(RULE_META) as RuleId[]).map((id) => {
    const r = RULE_META[id];
    const en = severityNote(id, 'en'), zh = severityNote(id, 'zh');
    return `| <a id="rule-${id}"></a>\`${id}\` | ${r.severity} | ${r.en}${en ? ` — ${en}` : ''} | ${r.zh}${zh ? ` — ${zh}` : ''} |`;
  }).join('\n');
}

describe('the rule registry and what lists it', () => {
  it("README's rule table lists every id with its default severity and doc lines, in the registry's order", () => {
    const rows = readmeTable().map((r) => `| <a id="rule-${r.id}"></a>\`${r.id}\` | ${r.severity} | ${r.en} | ${r.zh} |`).join('\n');
    expect(rows).toBe(expectedRows());
  });

  it('the README table agrees on the ids the issue names (config-unknown-rule and flowchart-small-text are warnings)', () => {
    const t = new Map(readmeTable().map((r) => [r.id, r.severity]));
    expect(t.get('config-unknown-rule')).toBe('warning');
    expect(t.get('flowchart-small-text')).toBe('warning');
    expect(t.size).toBe(RULE_IDS.length);
  });

  it('each README anchor is what SARIF and `powerbook rules --format json` link to', () => {
    for (const id of RULE_IDS) expect(ruleHelpUri(id)).toMatch(new RegExp(`^https://[^#]+#rule-${id}$`));
  });

  it('powerbook rules prints every id with its real default severity, in both languages', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const r = await cli(['rules', '--lang', lang]);
      expect(r.code).toBe(0);
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines.map((l) => l.split(/\s+/).slice(0, 2))).toEqual(RULE_IDS.map((id) => [id, RULE_META[id].severity]));
      lines.forEach((l, i) => {
        const note = severityNote(RULE_IDS[i], lang);
        expect(l.endsWith(`  ${RULE_META[RULE_IDS[i]][lang]}${note ? ` — ${note}` : ''}`), l).toBe(true);
      });
    }
  });

  it('powerbook rules --format json: ids, severities, both doc lines, the help link and the messages by key', async () => {
    const r = await cli(['rules', '--format', 'json']);
    expect(r.code).toBe(0);
    const rules = JSON.parse(r.stdout) as { id: RuleId; severity: string; zh: string; en: string; helpUri: string; messages: object }[];
    expect(rules.map((x) => x.id)).toEqual(RULE_IDS);
    for (const x of rules) {
      const { variants, ...meta } = RULE_META[x.id] as RuleMeta;
      expect(x).toEqual({ id: x.id, ...meta, ...(variants ? { variants } : {}), helpUri: ruleHelpUri(x.id), messages: MESSAGES[x.id] });
    }
    const bad = await cli(['rules', '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('text');
  });

  it('every id has messages, each in Chinese and in English, a hint in Chinese wherever there is one', () => {
    expect(Object.keys(MESSAGES).sort()).toEqual(RULE_IDS);
    for (const id of RULE_IDS) {
      const entries = Object.entries(MESSAGES[id]) as [string, { zh: string; en: string; hintZh?: string; hintEn?: string }][];
      expect(entries.length, id).toBeGreaterThan(0);
      for (const [key, m] of entries) {
        expect(key, `${id}.${key}`).toMatch(/^[a-z][a-zA-Z0-9]*$/);
        // Chinese, unless made of placeholders alone (schema's other: the field's title and ajv's words).
        expect(m.zh.replace(/\{\w+\}/g, ''), `${id}.${key}`).toMatch(/^$|[\u4e00-\u9fa5]/);
        expect(m.en, `${id}.${key}`).toMatch(/^[\n\x20-\x7e\u4e00-\u9fa5（）]+$/);
        expect(m.en.length, `${id}.${key}`).toBeGreaterThan(0);
        if (m.hintZh !== undefined || m.hintEn !== undefined) expect(m.hintZh !== undefined, `${id}.${key} has a Chinese hint`).toBe(true);
      }
    }
  });
});
