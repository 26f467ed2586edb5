import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../src/check/load.js';
import { validateJson } from '../helpers/cli.js';

const DIR = 'examples/zhuzhou-commerce';

describe('examples/zhuzhou-commerce (株洲市商务局)', () => {
  it('validates clean at stage submit', async () => {
    const r = await validateJson(DIR, ['--stage', 'submit']);
    expect(r.diags).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('is a realistic compendium: >= 12 powers in >= 5 categories, >= 8 rules in the four areas', async () => {
    const { repo } = await loadRepository(DIR);
    expect(repo.powers.length).toBeGreaterThanOrEqual(12);
    expect(new Set(repo.powers.map((p) => p.data.category)).size).toBeGreaterThanOrEqual(5);
    expect(repo.rules.length).toBeGreaterThanOrEqual(8);
    expect(new Set(repo.rules.map((r) => r.data.area))).toEqual(new Set(['职权法定', '公开透明', '绩效评估', '查究问责']));
    for (const p of repo.powers) {
      expect(p.data.legal_bases.length, p.data.id).toBeGreaterThan(0);
      expect(p.data.procedure.steps.some((s) => s.risks?.length), `${p.data.id} has risk points`).toBe(true);
    }
    // Its laws come from the law library (law_library); laws/ holds the texts the library lacks.
    expect(new Set(repo.powers.flatMap((p) => p.data.legal_bases.map((b) => b.law))).size).toBeGreaterThanOrEqual(9);
    expect(readdirSync(`${DIR}/laws`).length).toBeGreaterThanOrEqual(2);
  });
});
