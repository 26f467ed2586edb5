/**
 * `validate --format sarif` against the published SARIF 2.1.0 JSON Schema (test/fixtures, see its README), with ajv:
 * the log with results (examples/mistakes, both languages) and without; its rule table is the registry's.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, RULE_META, ruleHelpUri } from '../../src/diagnostics/rules.js';
import { cli } from '../helpers/cli.js';
import { validRepo } from '../helpers/repo.js';

const require = createRequire(import.meta.url);
const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

const schema = JSON.parse(readFileSync('test/fixtures/sarif-2.1.0-rtm.5.json', 'utf8')) as object;
// The schema's language pattern (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) is not valid with the u flag.
const ajv = new Ajv({ allErrors: true, unicodeRegExp: false });
addFormats(ajv);
const valid = ajv.compile(schema);

async function sarif(dir: string, lang: string): Promise<{ runs: { tool: { driver: { rules: Record<string, unknown>[] } }; results: Record<string, unknown>[] }[] }> {
  const r = await cli(['validate', dir, '--stage', 'submit', '--format', 'sarif', '--lang', lang]);
  return JSON.parse(r.stdout);
}

describe('SARIF output', () => {
  it('is valid against the SARIF 2.1.0 schema, with results and without, in both languages', async () => {
    for (const lang of ['zh', 'en']) {
      for (const dir of ['examples/mistakes', await validRepo()]) {
        const log = await sarif(dir, lang);
        expect(valid(log), `${dir} --lang ${lang}: ${ajv.errorsText(valid.errors)}`).toBe(true);
      }
    }
    // The schema is strict enough to fail: a result without a message is not SARIF.
    const log = await sarif('examples/mistakes', 'zh');
    delete log.runs[0].results[0].message;
    expect(valid(log)).toBe(false);
  });

  it('lists every rule of the registry: description in the language asked for, default level, link to its README row', async () => {
    const log = await sarif('examples/mistakes', 'en');
    const rules = log.runs[0].tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(RULE_IDS);
    rules.forEach((r, i) => {
      const id = RULE_IDS[i], m = RULE_META[id];
      expect(r).toEqual({
        id, shortDescription: { text: m.en }, fullDescription: { text: `${m.zh} / ${m.en}` }, helpUri: ruleHelpUri(id),
        defaultConfiguration: { level: (m.severity as string) === 'info' ? 'note' : m.severity },
      });
    });
  });
});
