/** Hostile YAML: nesting that would exhaust the parser's stack, and a line so long that a code frame would be huge. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, validateJson } from '../helpers/cli.js';
import { validRepo } from '../helpers/repo.js';

describe('validate: nesting and long lines', () => {
  it('refuses YAML nested 60,000 levels deep with yaml-too-deep at its line, not a stack overflow', async () => {
    const d = await validRepo();
    const n = 60_000;
    writeFileSync(path.join(d, 'laws/deep.yaml'), `id: deep\ntitle: 深\nitems:\n  - a: ${'['.repeat(n)}${']'.repeat(n)}\n`);
    // Block nesting too: a key under a key, 150 levels.
    writeFileSync(path.join(d, 'laws/tower.yaml'), Array.from({ length: 150 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n');
    const { code, diags } = await validateJson(d);
    expect(code).toBe(1);
    const deep = diags.filter((x) => x.file.endsWith('laws/deep.yaml'));
    expect(deep).toEqual([expect.objectContaining({ rule: 'yaml-too-deep', line: 4 })]);
    expect(deep[0]!.message).toContain('嵌套层数过多');
    const tower = diags.filter((x) => x.file.endsWith('laws/tower.yaml'));
    expect(tower).toEqual([expect.objectContaining({ rule: 'yaml-too-deep', line: 101 })]);
    const text = await cli(['validate', d]);
    expect(text.stdout).not.toMatch(/call stack|RangeError/i);
    expect(text.stdout.length).toBeLessThan(3000);
  });

  it('accepts the nesting real files have', async () => {
    const d = await validRepo();
    writeFileSync(path.join(d, 'laws/nested.yaml'), `a: ${'['.repeat(40)}1${']'.repeat(40)}\nb: "[[[[[[ not nesting: quoted"\n# [[[[[[[[ a comment\nc: |\n  ${'['.repeat(200)}\n`);
    const { diags } = await validateJson(d);
    expect(diags.filter((x) => x.rule === 'yaml-too-deep')).toEqual([]);
  });

  it('prints a code frame of a few hundred characters for a problem on a line of 300,000 characters', async () => {
    const d = await validRepo();
    // One line of 300 KB (under the 1 MB limit, so it is parsed), with problems far along it and at its start.
    const long = `${'x'.repeat(150_000)}: 1\nkey: [${'1, '.repeat(50_000)}\n`;
    writeFileSync(path.join(d, 'laws/long.yaml'), long);
    const r = await cli(['validate', d]);
    expect(r.code).toBe(1);
    const frames = r.stdout.split('\n').filter((l) => /^\s+(>\s*)?\d+ \|/.test(l));
    expect(frames.length).toBeGreaterThan(0);
    for (const l of frames) expect(l.length).toBeLessThan(140);
    expect(r.stdout.length).toBeLessThan(5000);
    expect(r.stdout).toContain('…');
  });
});
