/**
 * A hostile repository, as an attacker or a clerk's Windows machine writes it, against the commands that read one:
 * every case gives a diagnostic with file:line:column and a rule id, exit 1 (findings) or 2 (usage), no stack trace,
 * no line of output longer than a few hundred characters, no hang, and the sources left as they were.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, validateJson, type CliResult } from '../helpers/cli.js';
import { copyExample, tempDir } from '../helpers/repo.js';

const EXAMPLE = 'examples/zhuzhou-commerce';

function example(): string {
  const d = path.join(tempDir('pb-hostile-'), 'repo');
  copyExample(EXAMPLE, d);
  return d;
}

/** Hash of the repository's files (not .powerbook/ nor dist/): what no command may change. */
function sources(d: string): string {
  const h = createHash('sha1');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name === '.powerbook' || name === 'dist' || name === '.git') continue;
      const p = path.join(dir, name);
      h.update(p);
      let st;
      try { st = statSync(p); } catch { h.update('broken'); continue; }
      if (st.isDirectory()) walk(p); else if (st.isFile()) h.update(readFileSync(p));
    }
  };
  walk(d);
  return h.digest('hex');
}

/** What every run must be: an exit status that means something, no trace, no huge line. */
function sane(r: CliResult): void {
  const out = r.stdout + r.stderr;
  expect(out).not.toMatch(/\n\s+at .+:\d+:\d+|内部错误|Internal error|RangeError|Maximum call stack/);
  expect(Math.max(...out.split('\n').map((l) => l.length))).toBeLessThan(600);
}

describe('hostile YAML: bounded, said in Chinese at its place', () => {
  it('a mapping of 60,000 keys with an anchor (the parser compared each key with every earlier one): schema errors, capped', async () => {
    const d = example();
    writeFileSync(path.join(d, 'powers/XX-001.yaml'), `id: &i XX-001\n${Array.from({ length: 60_000 }, (_, i) => `k${i}: v\n`).join('')}`);
    const before = sources(d);
    const { code, diags } = await validateJson(d);
    expect(code).toBe(1);
    const mine = diags.filter((x) => x.file.endsWith('XX-001.yaml'));
    expect(mine.some((x) => x.rule === 'schema' && /不认识的字段"k0"/.test(x.message))).toBe(true);
    expect(mine.length).toBeLessThanOrEqual(200);
    sane(await cli(['validate', d]));
    expect(sources(d)).toBe(before);
  });

  it('60,000 repeated keys: duplicate-key at each repeated key, found in one pass', async () => {
    const d = example();
    writeFileSync(path.join(d, 'powers/XX-001.yaml'), `id: XX-001\n${'k: v\n'.repeat(60_000)}`);
    const { code, diags } = await validateJson(d);
    expect(code).toBe(1);
    const dup = diags.filter((x) => x.file.endsWith('XX-001.yaml') && x.rule === 'duplicate-key');
    expect(dup[0]).toMatchObject({ line: 3, column: 1 });
    expect(dup.length).toBeGreaterThan(10);
    expect(dup.length).toBeLessThanOrEqual(50);
  });

  it('a key of 1,000,000 characters: the message quotes it cut, no line of output is long', async () => {
    const d = example();
    writeFileSync(path.join(d, 'powers/XX-001.yaml'), `${'a'.repeat(1_000_000)}: 1\n`);
    const r = await cli(['validate', d]);
    expect(r.code).toBe(1);
    sane(r);
    expect(r.stdout).toMatch(/不认识的字段"a{100,}…"/);
  });

  it.each([
    ['990,000 quotes', `name: ${'"'.repeat(990_000)}\n`, 'yaml-unbalanced-quote'],
    ['330,000 ": " in a value', `name: ${'a: '.repeat(330_000)}\n`, 'yaml-colon-in-value'],
  ])('a line of %s: one diagnostic at its line', async (_, line, rule) => {
    const d = example();
    writeFileSync(path.join(d, 'powers/XX-001.yaml'), `id: XX-001\n${line}`);
    const { code, diags } = await validateJson(d);
    expect(code).toBe(1);
    expect(diags.filter((x) => x.file.endsWith('XX-001.yaml'))).toEqual([expect.objectContaining({ rule, line: 2 })]);
    sane(await cli(['validate', d]));
  });

  it('a NUL byte after the first 8 KB: binary-file, not a parser message', async () => {
    const d = example();
    writeFileSync(path.join(d, 'powers/XX-001.yaml'), `id: XX-001\nname: "${'x'.repeat(10_000)}\u0000"\n`);
    const { diags } = await validateJson(d);
    expect(diags.filter((x) => x.file.endsWith('XX-001.yaml'))).toEqual([expect.objectContaining({ rule: 'binary-file', line: 1, column: 1 })]);
  });

  it('CR-only line ends (classic Mac): read as lines; a mistake is said at its own line', async () => {
    const d = example();
    for (const f of ['powers/XK-001.yaml', 'rules/ZD-01.md']) writeFileSync(path.join(d, f), readFileSync(path.join(d, f), 'utf8').replace(/\n/g, '\r'));
    expect((await validateJson(d)).code).toBe(0);
    const p = path.join(d, 'powers/XK-001.yaml');
    writeFileSync(p, readFileSync(p, 'utf8').replace('category: 行政许可', 'category: 许可'));
    const { diags } = await validateJson(d);
    expect(diags).toEqual([expect.objectContaining({ rule: 'schema', line: 4 })]);
  });
});

describe('powers/ entries that are not files: file-unreadable, never skipped in silence, never a hang', () => {
  it.each([
    ['a folder', (d: string) => mkdirSync(path.join(d, 'powers/XX-001.yaml')), '文件夹'],
    ['a symlink loop', (d: string) => { symlinkSync('XX-002.yaml', path.join(d, 'powers/XX-001.yaml')); symlinkSync('XX-001.yaml', path.join(d, 'powers/XX-002.yaml')); }, '循环'],
    ['a broken symlink', (d: string) => symlinkSync('nowhere.yaml', path.join(d, 'powers/XX-001.yaml')), '失效'],
    ['a named pipe', (d: string) => execFileSync('mkfifo', [path.join(d, 'powers/XX-001.yaml')]), '管道'],
  ])('%s', async (_, make, words) => {
    const d = example();
    make(d);
    const before = sources(d);
    const { code, diags } = await validateJson(d);
    expect(code).toBe(1);
    const mine = diags.filter((x) => x.file.endsWith('XX-001.yaml'));
    expect(mine).toEqual([expect.objectContaining({ rule: 'file-unreadable', line: 1, column: 1 })]);
    expect(mine[0]!.message).toContain(words);
    expect(mine[0]!.hint).toBeTruthy();
    // build stops on it; status and diff read the working tree without waiting on the pipe.
    const out = path.join(tempDir(), 'out');
    const b = await cli(['build', d, '-f', 'html', '-o', out]);
    expect(b.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    sane(b);
    const s = await cli(['status', d, '--at', '2025-11-01']);
    sane(s);
    expect(s.stdout).toContain('file-unreadable');
    expect(sources(d)).toBe(before);
  });
});

describe("rules' Markdown that would not print as written", () => {
  it('raw HTML: markdown-html at the tag (it is dropped, its text with it)', async () => {
    const d = example();
    const p = path.join(d, 'rules/ZD-01.md');
    writeFileSync(p, readFileSync(p, 'utf8').replace('# 总则\n', '# 总则\n\n<div style="display:none">隐藏的文字</div>\n'));
    const line = readFileSync(p, 'utf8').split('\n').findIndex((l) => l.startsWith('<div')) + 1;
    const { code, diags } = await validateJson(d);
    expect(code).toBe(0);
    expect(diags).toEqual([expect.objectContaining({ rule: 'markdown-html', severity: 'warning', line, column: 1 })]);
    expect(diags[0]!.message).toContain('<div>');
  });

  it('a list item indented four columns past the text above (read as more of that text): list-indent at its marker', async () => {
    const d = example();
    const p = path.join(d, 'rules/ZD-01.md');
    writeFileSync(p, readFileSync(p, 'utf8').replace('- 法律法规明确由其他部门行使的', '      - 法律法规明确由其他部门行使的').replace('# 动态调整\n', '# 动态调整\n\n1. 第一项\n2. 第二项\n       3. 第三项\n'));
    const lines = readFileSync(p, 'utf8').split('\n');
    const at = (s: string) => lines.findIndex((l) => l.startsWith(s)) + 1;
    const { diags } = await validateJson(d);
    expect(diags.map((x) => [x.rule, x.line, x.column])).toEqual([['list-indent', at('      - 法律法规'), 7], ['list-indent', at('       3.'), 8]]);
    // A nested item (two columns in) is a nested list, as written: no finding.
    writeFileSync(p, readFileSync(p, 'utf8').replace('      - 法律法规', '  - 法律法规').replace('       3. 第三项', '3. 第三项'));
    expect((await validateJson(d)).diags).toEqual([]);
  });
});

describe('commands run from a subfolder of the repository find its root, as validate does', () => {
  it('build, status, export, diff from powers/: the root found, dist at the root, paths printed from there', async () => {
    const d = example();
    const sub = path.join(d, 'powers');
    const b = await cli(['build', '-f', 'html'], { cwd: sub });
    expect(b.code, b.stderr).toBe(0);
    expect(existsSync(path.join(d, 'dist/site/index.html'))).toBe(true);
    expect(existsSync(path.join(sub, 'dist'))).toBe(false);
    const s = await cli(['status', '--at', '2025-11-01'], { cwd: sub });
    expect(s.code).toBe(0);
    expect(s.stdout).toContain('株洲市商务局');
    const e = await cli(['export', 'csv'], { cwd: sub });
    expect(e.code, e.stderr).toBe(0);
    expect(existsSync(path.join(d, 'dist/株洲市商务局行政权力清单.csv'))).toBe(true);
    // A finding is printed with the path that opens from the subfolder.
    const p = path.join(sub, 'XK-001.yaml');
    writeFileSync(p, readFileSync(p, 'utf8').replace('category: 行政许可', 'category: 许可'));
    const bad = await cli(['build', '-f', 'html'], { cwd: sub });
    expect(bad.code).toBe(1);
    expect(bad.stdout + bad.stderr).toContain(`..${path.sep}powers${path.sep}XK-001.yaml`.replace(/\\/g, '/'));
    execFileSync('git', ['init', '-q'], { cwd: d });
    execFileSync('git', ['add', '-A'], { cwd: d });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'x'], { cwd: d });
    writeFileSync(p, readFileSync(p, 'utf8').replace('category: 许可', 'category: 行政许可'));
    const diff = await cli(['diff', 'HEAD'], { cwd: sub });
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toMatch(/职权：修改 1 项/);
  });
});

describe('control characters pasted into a file', () => {
  it('control-char at the first, with the count; the terminal never receives them', async () => {
    const d = example();
    const p = path.join(d, 'powers/XK-001.yaml');
    writeFileSync(p, readFileSync(p, 'utf8').replace('post: 成品油流通管理岗', 'post: 成品油\u001b[31m流通\u0007管理岗'));
    const line = readFileSync(p, 'utf8').split('\n').findIndex((l) => l.startsWith('post:')) + 1;
    const { code, diags } = await validateJson(d);
    expect(code).toBe(0);
    expect(diags).toEqual([expect.objectContaining({ rule: 'control-char', severity: 'warning', line, column: 10 })]);
    expect(diags[0]!.message).toContain('U+001B');
    const r = await cli(['validate', d]);
    expect(r.stdout).not.toMatch(/[\u0007\u001b]/);
    expect(r.stdout).toContain('\ufffd[31m');
  });
});

describe('init where a file is in the way', () => {
  it.each([['at a file', 'afile'], ['under a file', 'afile/repo']])('%s: exit 2, one plain line, nothing written', async (_, target) => {
    const d = tempDir();
    writeFileSync(path.join(d, 'afile'), 'x');
    const r = await cli(['init', target], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('afile 是一个文件，不是目录');
    expect(r.stderr).not.toMatch(/内部错误|EEXIST|ENOTDIR/);
    expect(readdirSync(d)).toEqual(['afile']);
  });
});
