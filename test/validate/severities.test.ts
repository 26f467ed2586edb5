/**
 * `powerbook rules` prints the severity each rule really has: for every id found by validate on a repository where
 * it fires (test/helpers/corpus.ts: examples/mistakes and broken files), each diagnostic's severity is the one `rules`
 * prints for the id, or, for the findings a rule reports otherwise (RULE_META variants: some messages, or info before
 * the stage that requires them), the variant's; the README's table says the same; and with -C, `rules` prints the
 * repository's `lint:` settings, which are what validate then reports for every finding of those ids. (The ids found
 * while building — flowchart-render, flowchart-small-text, revision-base — are compared with RULE_META by
 * lint.test.ts's "by default" cases, with Chromium and git.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { RULE_IDS, RULE_META, type RuleId, type RuleMeta, type Severity } from '../../src/diagnostics/rules.js';
import { validate } from '../../src/pipeline/index.js';
import { runBin } from '../helpers/clerk.js';
import { brokenRepository, BUILD_ONLY, STAGE } from '../helpers/corpus.js';
import { tempDir } from '../helpers/repo.js';

interface Printed { id: RuleId; severity: string; default?: string; lint?: string; variants?: RuleMeta['variants'] }

/** `powerbook rules` as the built CLI prints it: JSON, and the severity column of the text. */
function printed(args: string[] = []): { json: Map<string, Printed>; text: Map<string, string> } {
  const j = runBin(['rules', '--format', 'json', ...args]);
  const t = runBin(['rules', ...args]);
  expect([j.code, t.code]).toEqual([0, 0]);
  const json = new Map((JSON.parse(j.stdout) as Printed[]).map((r) => [r.id, r]));
  const text = new Map(t.stdout.trimEnd().split('\n').map((l) => l.split(/\s+/).slice(0, 2) as [string, string]));
  return { json, text };
}

/** The README's rule table: id → severity cell. */
function readme(): Map<string, string> {
  const rows = readFileSync('README.md', 'utf8').split('\n').filter((l) => l.startsWith('| <a id="rule-'));
  return new Map(rows.map((l) => {
    const cells = l.slice(1, -1).split('|').map((c) => c.trim());
    return [/`([a-z0-9-]+)`/.exec(cells[0]!)![1]!, cells[1]!];
  }));
}

/** The severity a finding should have at the last stage, from what `rules` prints: the variant of its message, else the rule's. */
function expected(p: Printed, d: Diagnostic): string {
  return p.variants?.find((v) => v.keys?.includes(d.messageId ?? ''))?.severity ?? p.severity;
}

describe('the severity `powerbook rules` prints is what validate reports, and what the README says', () => {
  let repo: string;
  let atPublish: Diagnostic[];
  let atDraft: Diagnostic[];
  let rules: ReturnType<typeof printed>;

  beforeAll(async () => {
    repo = tempDir('pb-sev-');
    brokenRepository(repo);
    atPublish = (await validate(repo, { stage: STAGE })).diagnostics;
    atDraft = (await validate(repo, { stage: 'draft' })).diagnostics;
    rules = printed();
  }, 600_000);

  it('rules (text and JSON) and the README table print the same default for every id, as RULE_META has it', () => {
    const table = readme();
    for (const id of RULE_IDS) {
      expect([rules.text.get(id), rules.json.get(id)?.severity, table.get(id)], id).toEqual(Array(3).fill(RULE_META[id].severity));
    }
    expect(rules.text.get('flowchart-small-text')).toBe('warning');
    expect(rules.text.get('config-unknown-rule')).toBe('warning');
  });

  it('every id validate can find fires in the corpus, at the severity rules prints for it (or its variant)', () => {
    const ids = RULE_IDS.filter((id) => !BUILD_ONLY.includes(id) && id !== 'config-missing' && id !== 'empty-repository');
    expect(ids.filter((id) => !atPublish.some((d) => d.rule === id))).toEqual([]);
    const wrong = atPublish.filter((d) => d.severity !== expected(rules.json.get(d.rule)!, d));
    expect(wrong.map((d) => `${d.file}:${d.start.line} ${d.rule}.${d.messageId} ${d.severity}`)).toEqual([]);
    // A variant by message is seen too (rule-legality-review's afterStageDate: a warning).
    expect(atPublish.filter((d) => d.severity !== rules.json.get(d.rule)!.severity).map((d) => `${d.rule}.${d.messageId}`)).not.toEqual([]);
  });

  it('before a stage requires it, a stage-dependent rule reports info, as rules says; nothing else changes', () => {
    const wrong = atDraft.filter((d) => {
      const p = rules.json.get(d.rule)!;
      return d.severity !== expected(p, d) && !(d.severity === 'info' && p.variants?.some((v) => v.beforeStage));
    });
    expect(wrong.map((d) => `${d.file}:${d.start.line} ${d.rule}.${d.messageId} ${d.severity}`)).toEqual([]);
    // (Some requirements are not looked at before their stage at all: then there is nothing to report.)
    expect(atDraft.filter((d) => d.severity === 'info').map((d) => d.rule)).toEqual(expect.arrayContaining(['power-fees', 'power-time-limit']));
  });

  it('the ids of a missing powerbook.yaml are errors, as printed', async () => {
    const empty = tempDir('pb-sev-empty-');
    expect((await validate(empty)).diagnostics.map((d) => [d.rule, d.severity])).toEqual([['empty-repository', rules.text.get('empty-repository')]]);
  });

  it('with -C, the repository\'s lint: is printed, and is what validate reports for all of those ids\' findings', async () => {
    const lint: Partial<Record<RuleId, Severity | 'off'>> = {
      'power-id-prefix': 'error', 'file-name-id': 'warning', 'law-not-in-force': 'info', 'power-fees': 'warning', 'yaml-fullwidth-colon': 'off',
    };
    const config = path.join(repo, 'powerbook.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace(/\n?$/, '\n') + Object.entries(lint).map(([id, v]) => `  ${id}: ${v}\n`).join(''));
    const set = printed(['-C', repo]);
    const sub = printed(['-C', path.join(repo, 'powers')]);
    for (const [id, level] of Object.entries(lint) as [RuleId, string][]) {
      expect([set.text.get(id), set.json.get(id)?.severity, set.json.get(id)?.lint, set.json.get(id)?.default], id).toEqual([level, level, level, RULE_META[id].severity]);
      expect(sub.json.get(id)?.severity, `${id} from a subfolder`).toBe(level);
    }
    expect(runBin(['rules', '-C', repo, '--lang', 'en']).stdout).toMatch(/^power-id-prefix +error +.* — powerbook\.yaml lint: error \(default warning\)$/m);
    const diags = (await validate(repo, { stage: 'draft' })).diagnostics;
    for (const [id, level] of Object.entries(lint) as [RuleId, string][]) {
      const mine = diags.filter((d) => d.rule === id);
      if (level === 'off') expect(mine, id).toEqual([]);
      else {
        expect(mine.length, id).toBeGreaterThan(0);
        expect(new Set(mine.map((d) => d.severity)), id).toEqual(new Set([level]));
      }
    }
    // Without -C, the defaults.
    expect(printed().text.get('power-id-prefix')).toBe(RULE_META['power-id-prefix'].severity);
  }, 120_000);
});
