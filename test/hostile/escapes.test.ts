/**
 * Control characters no raw byte of a file shows: a YAML double-quoted escape ("\e]0;…\a" sets a terminal's title,
 * "\u202e" reverses the text after it) and a raw U+202E pasted into a rule. validate says each at its place
 * (`hidden-char`); `diff` in text and markdown (a PR comment) shows them as U+FFFD; JSON keeps the data.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, validateJson } from '../helpers/cli.js';
import { copyExample, edit, tempDir } from '../helpers/repo.js';

const NAME = '"成品油\\e]0;pwned\\a零售\\u202e经营资格审批"';

function example(): string {
  const d = path.join(tempDir('pb-escapes-'), 'repo');
  copyExample('examples/zhuzhou-commerce', d);
  return d;
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd, stdio: 'pipe' });

describe('control characters made by escapes, and bidirectional overrides', () => {
  it('validate: hidden-char at the escaped value and at a raw U+202E in a rule, and no control-char', async () => {
    const d = example();
    edit(d, 'powers/XK-001.yaml', (s) => s.replace(/^name: .*$/m, `name: ${NAME}`));
    edit(d, 'rules/ZD-01.md', (s) => s.replace('第一条 为落实', '第一条 为\u202e落实'));
    const { code, diags } = await validateJson(d);
    expect(code).toBe(0);
    expect(diags.filter((x) => x.rule === 'control-char')).toEqual([]);
    const cc = diags.filter((x) => x.rule === 'hidden-char');
    expect(cc.map((x) => [path.relative(d, x.file), x.line, x.column, x.severity])).toEqual([
      ['powers/XK-001.yaml', 3, 7, 'warning'],
      ['rules/ZD-01.md', 23, 6, 'warning'],
    ]);
    expect(cc[0]!.message).toContain('U+001B');
    expect(cc[1]!.message).toContain('U+202E');
    const text = await cli(['validate', d]);
    // eslint-disable-next-line no-control-regex
    expect(text.stdout).not.toMatch(/[\u0007\u001b\u202e]/);
  });

  it('diff in text and markdown: the name with U+FFFD, nothing acting on a terminal; json keeps the escapes\' characters', async () => {
    const d = example();
    git(d, 'init', '-q');
    git(d, 'add', '-A');
    git(d, 'commit', '-qm', 'v1');
    edit(d, 'powers/XK-001.yaml', (s) => s.replace(/^name: .*$/m, `name: ${NAME}`));
    for (const format of ['text', 'markdown']) {
      const r = await cli(['diff', 'HEAD', '-C', d, '--format', format]);
      expect(r.code, r.stderr).toBe(0);
      // eslint-disable-next-line no-control-regex
      expect(r.stdout, format).not.toMatch(/[\u0007\u001b\u202e]/);
      expect(r.stdout, format).toMatch(/成品油\ufffd\\?]0;pwned\ufffd零售\ufffd经营资格审批/);
    }
    const json = await cli(['diff', 'HEAD', '-C', d, '--format', 'json']);
    expect(json.stdout).toContain('成品油\\u001b]0;pwned\\u0007零售\u202e经营资格审批');
  });
});
