import { describe, expect, it } from 'vitest';
import { Anchors } from '../../src/document/anchors.js';

/** The names as the first version gave them: each name tries every suffix from 2 up (quadratic, but the reference). */
function naive(pairs: Array<[string, string]>): string[] {
  const used = new Set<string>();
  return pairs.map(([prefix, key]) => {
    const clean = (x: string) => x.replace(/[^A-Za-z0-9]/g, '_');
    const base = `${clean(prefix)}_${clean(key)}`.replace(/^[^A-Za-z]/, 'a').slice(0, 34);
    let name = base, n = 1;
    while (used.has(name)) name = `${base}_${++n}`;
    used.add(name);
    return name;
  });
}

describe('Anchors', () => {
  it('gives the same names as trying every suffix, with names that collide with suffixed ones', () => {
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i < 300; i++) {
      pairs.push(['rule', `第${i}节`]); // all clean to rule_____
      if (i % 7 === 0) pairs.push(['rule', `____${(i % 5) + 2}`]); // literally rule______k: taken before its turn
      if (i % 11 === 0) pairs.push(['h', 'x']);
      if (i % 13 === 0) pairs.push(['h', 'x_3']);
    }
    const anchors = new Anchors();
    const got = pairs.map(([p, k]) => anchors.make(p, k));
    expect(got).toEqual(naive(pairs));
    expect(new Set(got).size).toBe(got.length);
    expect(got.every((n) => /^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(n))).toBe(true);
  });

  it('names 20,000 headings of one rule, all distinct (a rule of thousands of Chinese headings once took minutes)', () => {
    const anchors = new Anchors();
    const names = Array.from({ length: 20000 }, (_, i) => anchors.make('ZD-01', '一、总则'));
    expect(new Set(names).size).toBe(20000);
    expect(names[0]).toBe('ZD_01_____');
    expect(names[19999]).toBe('ZD_01______20000');
  });
});
