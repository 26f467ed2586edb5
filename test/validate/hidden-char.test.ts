/**
 * hidden-char: control characters written as YAML escapes (the file's text has none, so control-char does not see
 * them) and characters that change the direction of text, in any value of a power, law, rule or powerbook.yaml; the
 * site drops the control characters as the DOCX does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, validateJson } from '../helpers/cli.js';
import { edit, lineOf, validRepo } from '../helpers/repo.js';

const POWER = 'powers/XK-001.yaml';
const found = async (d: string, rule = 'hidden-char') => (await validateJson(d)).diags.filter((x) => x.rule === rule);

describe('hidden-char', () => {
  it('is quiet for the repository init writes', async () => {
    expect(await found(await validRepo())).toEqual([]);
  });

  it('an escaped control character in a power\'s name: a warning at the value, with the code; not control-char', async () => {
    const d = await validRepo();
    edit(d, POWER, (s) => s.replace(/^name: (.*)$/m, 'name: "$1\\x07\\e[31m"'));
    const ds = await found(d);
    expect(ds.map((x) => `${x.severity}@${x.line}`)).toEqual([`warning@${lineOf(d, POWER, 'name: ')}`]);
    expect(ds[0]!.message).toContain('U+0007');
    expect(ds[0]!.message).toContain('name');
    expect(ds[0]!.messageEn).toContain('YAML escape');
    expect(await found(d, 'control-char')).toEqual([]);
  });

  it('a direction control pasted into a condition, raw or escaped, anywhere in the tree: reported at its value', async () => {
    const d = await validRepo();
    edit(d, POWER, (s) => s.replace(/^conditions:\n/m, 'conditions:\n  - "申请人\u202e符合条件"\n'));
    const text = readFileSync(join(d, POWER), 'utf8');
    expect(text).toContain('\u202e');
    const ds = await found(d);
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toContain('U+202E');
    expect(ds[0]!.line).toBe(lineOf(d, POWER, '申请人\u202e'));
  });

  it('a control character typed raw is left to control-char (one message a file)', async () => {
    const d = await validRepo();
    edit(d, POWER, (s) => s.replace(/^name: (.*)$/m, 'name: $1\u0007'));
    expect(await found(d)).toEqual([]);
    expect(await found(d, 'control-char')).toHaveLength(1);
  });

  it('in powerbook.yaml and in a rule\'s front matter too', async () => {
    const d = await validRepo();
    edit(d, 'powerbook.yaml', (s) => s.replace(/^(\s+name: )(.*)$/m, '$1"$2\\u200f"'));
    edit(d, 'rules/ZD-01.md', (s) => s.replace(/^title: (.*)$/m, 'title: "$1\\u0008"').replace(/\n---\n/, '\n---\n\n第一条\u2066 本制度适用于全局。\u2069\n'));
    const ds = await found(d);
    expect(ds.map((x) => `${x.file.replace(/^.*\//, '')}:${x.line}`)).toEqual([
      `powerbook.yaml:${lineOf(d, 'powerbook.yaml', '\\u200f')}`,
      `ZD-01.md:${lineOf(d, 'rules/ZD-01.md', 'title: ')}`, `ZD-01.md:${lineOf(d, 'rules/ZD-01.md', '第一条\u2066')}`,
    ]);
    expect(ds[2]!.message).toContain('U+2066');
    expect(ds[2]!.message).toContain('共 2 个');
    expect(ds[1]!.message).toContain('U+0008');
  });

  it('the site has no control character from an escape (HTML does not allow them)', async () => {
    const d = await validRepo();
    edit(d, POWER, (s) => s.replace(/^name: (.*)$/m, 'name: "$1\\x07"'));
    const out = join(d, 'out');
    const r = await cli(['build', d, '--format', 'html', '--out', out]);
    expect(r.code).toBe(0);
    const page = readFileSync(join(out, 'site/powers/XK-001.html'), 'utf8');
    expect(page).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f]/);
    expect(readFileSync(join(d, POWER), 'utf8')).toContain('\\x07'); // the source is never changed
  });
});
