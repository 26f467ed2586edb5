import { mkdirSync, readFileSync, symlinkSync, writeFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, validateJson } from '../helpers/cli.js';
import { edit, lineOf, tempDir, validRepo } from '../helpers/repo.js';

const POWER = 'powers/XK-001.yaml';

describe('validate: hostile and clumsy input never crashes', () => {
  it('accepts the freshly initialised repository at stage submit', async () => {
    const d = await validRepo();
    const r = await validateJson(d, ['--stage', 'submit']);
    expect(r.diags).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('accepts a UTF-8 BOM and CRLF line ends, and keeps line numbers right', async () => {
    const d = await validRepo();
    edit(d, POWER, (s) => '\ufeff' + s.replace('category: 行政许可', 'category: 许可').replace(/\n/g, '\r\n'));
    const { diags } = await validateJson(d);
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ rule: 'schema', line: lineOf(d, POWER, 'category:'), column: 11 });
    expect(diags[0].message).toContain('权力类别');
  });

  it('accepts what clerks write unquoted: version: 1.0, a phone number of digits', async () => {
    const d = await validRepo();
    edit(d, 'rules/ZD-01.md', (s) => s.replace('version: "1.0"', 'version: 1.0'));
    edit(d, POWER, (s) => s.replace('phone: "0000-0000000"', 'phone: 28680133'));
    const r = await validateJson(d, ['--stage', 'submit']);
    expect(r.diags).toEqual([]);
  });

  it('reports invalid YAML with the parser position, or the typing mistake behind it', async () => {
    const d = await validRepo();
    edit(d, POWER, (s) => s.replace('name: 示例', 'name: "示例'));
    const { code, diags } = await validateJson(d);
    expect(code).toBe(1);
    expect(diags).toContainEqual(expect.objectContaining({ rule: 'yaml-unbalanced-quote', line: lineOf(d, POWER, 'name: "示例'), column: 7 }));
    edit(d, POWER, (s) => s.replace('name: "示例', 'name: 示例').replace('unit: 办公室', 'unit: [办公室'));
    const again = await validateJson(d);
    expect(again.diags).toContainEqual(expect.objectContaining({ rule: 'yaml-syntax', line: lineOf(d, POWER, 'unit: [办公室'), column: 7 }));
  });

  it('reports duplicate keys at the second key', async () => {
    const d = await validRepo();
    edit(d, POWER, (s) => s.replace('unit: 办公室', 'unit: 办公室\nunit: 法规科'));
    const { diags } = await validateJson(d);
    expect(diags).toContainEqual(expect.objectContaining({ rule: 'duplicate-key', line: lineOf(d, POWER, 'unit: 法规科') }));
  });

  it('reports tab indentation', async () => {
    const d = await validRepo();
    edit(d, POWER, (s) => s.replace('  - 申请书', '\t- 申请书'));
    const { diags } = await validateJson(d);
    expect(diags).toContainEqual(expect.objectContaining({ rule: 'tab-indent', line: lineOf(d, POWER, '\t- 申请书') }));
  });

  it('refuses an alias bomb quickly', async () => {
    const d = await validRepo();
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
    writeFileSync(path.join(d, 'laws/bomb.yaml'), bomb.join('\n') + '\n');
    // Expanded, these aliases would be 10^10 strings: the test would run out of memory or time instead of passing.
    const { diags } = await validateJson(d);
    expect(diags).toContainEqual(expect.objectContaining({ rule: 'alias-limit', file: expect.stringContaining('laws/bomb.yaml') }));
  });

  it('refuses files over the size limit without reading them into the checks', async () => {
    const d = await validRepo();
    writeFileSync(path.join(d, 'laws/huge.yaml'), 'id: huge\ntitle: "' + '法'.repeat(400_000) + '"\n');
    const { diags } = await validateJson(d);
    expect(diags).toContainEqual(expect.objectContaining({ rule: 'file-too-large', file: expect.stringContaining('laws/huge.yaml'), line: 1 }));
  });

  it('refuses binary files (a Word document saved as .yaml)', async () => {
    const d = await validRepo();
    writeFileSync(path.join(d, 'powers/XK-002.yaml'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0x21, 0]));
    const { diags } = await validateJson(d);
    expect(diags).toContainEqual(expect.objectContaining({ rule: 'binary-file', file: expect.stringContaining('XK-002.yaml') }));
  });

  it('detects GBK/GB18030 files, says how to fix them, and still checks their content', async () => {
    const d = await validRepo();
    const text = readFileSync(path.join(d, POWER), 'utf8').replace('category: 行政许可', 'category: 行政许可证');
    writeFileSync(path.join(d, POWER), Buffer.from(new TextEncoder().encode('')) ); // truncate first
    const gbk = encodeGb18030(text);
    writeFileSync(path.join(d, POWER), gbk);
    const { diags } = await validateJson(d);
    const enc = diags.find((x) => x.rule === 'encoding');
    expect(enc?.message).toContain('GBK');
    expect(enc?.hint).toContain('UTF-8');
    expect(diags).toContainEqual(expect.objectContaining({ rule: 'schema', message: expect.stringContaining('行政许可证') }));
  });

  it('refuses a symlink that leaves the repository', async () => {
    const d = await validRepo();
    const outside = tempDir('pb-outside-');
    writeFileSync(path.join(outside, 'secret.yaml'), 'id: secret\n');
    symlinkSync(path.join(outside, 'secret.yaml'), path.join(d, 'laws/secret.yaml'));
    const { diags } = await validateJson(d);
    expect(diags).toContainEqual(expect.objectContaining({ rule: 'path-outside', file: expect.stringContaining('laws/secret.yaml') }));
  });

  it('refuses a preface path that leaves the repository', async () => {
    const d = await validRepo();
    edit(d, 'powerbook.yaml', (s) => s.replace('preface: preface.md', 'preface: ../../etc/passwd'));
    const { diags } = await validateJson(d);
    expect(diags).toContainEqual(expect.objectContaining({ rule: 'path-outside', line: lineOf(d, 'powerbook.yaml', 'preface:') }));
  });

  it('gives a clear message and exit 1 for an empty repository', async () => {
    const d = tempDir();
    const r = await cli(['validate', d]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('不是制度库');
    expect(r.stdout).toContain('powerbook init');
  });

  it('exits 2 with one line for a missing directory or a bad option', async () => {
    const r = await cli(['validate', '/nonexistent/dir']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const s = await cli(['validate', '.', '--stage', 'final']);
    expect(s.code).toBe(2);
    expect(s.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('never changes the sources', async () => {
    const d = await validRepo();
    const snap = () => readdirSync(d, { recursive: true }).sort().map((f) => {
      try { return `${f}:${readFileSync(path.join(d, String(f)), 'utf8')}`; } catch { return String(f); }
    }).join('\n');
    edit(d, POWER, (s) => s.replace('unit: 办公室', 'unit: 办公室\nunit: 法规科'));
    const before = snap();
    await validateJson(d, ['--stage', 'submit']);
    expect(snap()).toBe(before);
  });

  it('reports every rule missing review records at stage review, and only informs at draft', async () => {
    const d = await validRepo();
    edit(d, 'rules/ZD-01.md', (s) => s.replace(/legality_review:[\s\S]*?result: 通过\n/, ''));
    const draft = await validateJson(d, ['--stage', 'draft']);
    expect(draft.code).toBe(0);
    expect(draft.diags).toContainEqual(expect.objectContaining({ rule: 'rule-legality-review', severity: 'info' }));
    const review = await validateJson(d, ['--stage', 'review']);
    expect(review.code).toBe(1);
    expect(review.diags).toContainEqual(expect.objectContaining({ rule: 'rule-legality-review', severity: 'error', line: lineOf(d, 'rules/ZD-01.md', 'id: ZD-01') }));
  });

  it('at stage submit, reviews dated after the submission date are errors', async () => {
    const d = await validRepo();
    edit(d, 'powerbook.yaml', (s) => s.replace(/submit_by: \d{4}-\d\d-\d\d/, 'submit_by: 2000-01-01'));
    const { diags } = await validateJson(d, ['--stage', 'submit']);
    expect(diags.filter((x) => x.rule === 'rule-legality-review' || x.rule === 'rule-deliberation').map((x) => x.line).sort())
      .toEqual([lineOf(d, 'rules/ZD-01.md', '  date: ') , lineOf(d, 'rules/ZD-01.md', 'meeting:') + 1].sort());
  });
});

/** GB18030 encoding via Node's ICU: encode each character by searching the decoder's table would be slow; use iconv-lite. */
function encodeGb18030(s: string): Buffer {
  // iconv-lite is a dependency of the test only through this helper.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return iconv.encode(s, 'gb18030');
}
import iconv from 'iconv-lite';
