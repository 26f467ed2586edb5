import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/check/registry.js';
import { validateJson } from '../helpers/cli.js';

const DIR = 'examples/mistakes';

/** Every `expect: rule-id` marker in the example, as "file:line rule". */
function markers(dir: string, prefix = ''): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const abs = path.join(dir, name);
    if (statSync(abs).isDirectory()) return markers(abs, `${prefix}${name}/`);
    if (name === 'README.md') return [];
    return readFileSync(abs, 'utf8').split('\n').flatMap((line, i) =>
      [...line.matchAll(/expect: ([a-z-]+)/g)].map((m) => `${prefix}${name}:${i + 1} ${m[1]}`));
  });
}

describe('examples/mistakes: one deliberate mistake per rule', () => {
  it('gives exactly the expected diagnostics, each on its marked line', async () => {
    const { code, diags } = await validateJson(DIR, ['--stage', 'publish']);
    expect(code).toBe(1);
    const got = diags.map((d) => `${d.file.replace(`${DIR}/`, '')}:${d.line} ${d.rule}`).sort();
    expect(got).toEqual(markers(DIR).sort());
  });

  it('covers every semantic rule in the registry', () => {
    const covered = new Set(markers(DIR).map((m) => m.split(' ')[1]));
    for (const r of RULES) expect(covered, `rule ${r.id} has no mistake in ${DIR}`).toContain(r.id);
  });

  it('gives every diagnostic a Chinese and an English message and a hint', async () => {
    const { diags } = await validateJson(DIR, ['--stage', 'publish']);
    for (const d of diags) {
      expect(d.message).toMatch(/[\u4e00-\u9fa5]/);
      // English, quoting Chinese titles and (citation-drift) law texts with their punctuation, on one line or several.
      expect(d.messageEn).toMatch(/^[\x20-\x7e\n\u4e00-\u9fa5\u3000-\u303f\uff00-\uffef“”…]+$/);
      expect(d.hint, `${d.rule} at ${d.file}:${d.line}`).toBeTruthy();
      expect(d.column).toBeGreaterThan(0);
    }
  });

  it('is deterministic: same diagnostics in the same order', async () => {
    const a = await validateJson(DIR, ['--stage', 'publish']);
    const b = await validateJson(DIR, ['--stage', 'publish']);
    expect(b.diags).toEqual(a.diags);
  });
});
