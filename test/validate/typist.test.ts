/**
 * What a clerk types: full-width colons, U+3000 ideographic spaces as indentation, a ": " pasted into an unquoted
 * value, quotes that do not pair up (ASCII and Chinese), full-width dashes as list markers, tabs. Each power below has
 * one such mistake, saved as Notepad or WPS on Chinese Windows saves it (GBK or UTF-8, CRLF); the built CLI must name
 * the mistake in Chinese at its line and column, with the fix (not the YAML parser's English), in English with
 * --lang en; and each fix it offers, applied to the file, must make the mistake go away.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyFixes, readAs, saveAs, validateBin, type JsonDiagnostic, type Saved, type TextFix } from '../helpers/clerk.js';
import { validRepo } from '../helpers/repo.js';

const TYPIST = ['yaml-fullwidth-colon', 'yaml-ideographic-space', 'yaml-colon-in-value', 'yaml-unbalanced-quote', 'yaml-fullwidth-dash', 'tab-indent'];

interface Case {
  /** What the clerk did to the example power (its id is set to the case's). */
  change: (s: string) => string;
  saved: Saved;
  /** Each expected diagnostic: rule, the line holding `at` (its first occurrence), the column of `col` in that line. */
  expect: { rule: string; at: string; col: string; hint: string }[];
}

const GBK_CRLF: Saved = { encoding: 'gbk', crlf: true };
const UTF8_CRLF: Saved = { encoding: 'utf8', crlf: true };
const UTF8: Saved = { encoding: 'utf8', crlf: false };

const CASES: Record<string, Case> = {
  'XK-101': {
    change: (s) => s.replace('unit: 办公室', 'unit：办公室'),
    saved: GBK_CRLF,
    expect: [{ rule: 'yaml-fullwidth-colon', at: 'unit：办公室', col: '：', hint: '把全角冒号“：”改成半角冒号“: ”（冒号后加一个空格）：unit: 办公室' }],
  },
  'XK-102': {
    // Every line typed with full-width colons: the file parses as one text, where a mapping was expected.
    change: (s) => s.replace(/^(id|category|body): /gm, '$1：'),
    saved: GBK_CRLF,
    expect: [
      { rule: 'yaml-fullwidth-colon', at: 'id：', col: '：', hint: 'id: XK-102' },
      { rule: 'yaml-fullwidth-colon', at: 'category：', col: '：', hint: 'category: 行政许可' },
      { rule: 'yaml-fullwidth-colon', at: 'body：', col: '：', hint: 'body: "测试市商务局"' },
    ],
  },
  'XK-103': {
    // Parses: time_limit becomes the text "statutory：20 …" where a mapping was expected.
    change: (s) => s.replace('  statutory: { days: 20, unit: 工作日 }\n  promised: { days: 10, unit: 工作日 }', '  statutory：{ days: 20, unit: 工作日 }'),
    saved: UTF8_CRLF,
    expect: [{ rule: 'yaml-fullwidth-colon', at: 'statutory：', col: '：', hint: 'statutory: { days: 20, unit: 工作日 }' }],
  },
  'XK-104': {
    // Parses: the key becomes "　unit", unknown (and unit missing).
    change: (s) => s.replace('unit: 办公室', '\u3000unit: 办公室'),
    saved: GBK_CRLF,
    expect: [{ rule: 'yaml-ideographic-space', at: '\u3000unit', col: '\u3000', hint: '删去行首的全角空格，与同级的字段对齐：unit: 办公室' }],
  },
  'XK-105': {
    change: (s) => s.replace('  - 申请书', '\u3000\u3000- 申请书'),
    saved: GBK_CRLF,
    expect: [{ rule: 'yaml-ideographic-space', at: '\u3000\u3000- 申请书', col: '\u3000', hint: '把行首的全角空格换成 2 个半角空格' }],
  },
  'XK-106': {
    change: (s) => s.replace('post: 科长', 'post:\u3000科长'),
    saved: UTF8_CRLF,
    expect: [{ rule: 'yaml-ideographic-space', at: 'post:\u3000', col: '\u3000', hint: '把冒号后的全角空格换成一个半角空格：post: 科长' }],
  },
  'XK-107': {
    change: (s) => s.replace('post: 科长', 'post: 科长: 副科长'),
    saved: GBK_CRLF,
    expect: [{ rule: 'yaml-colon-in-value', at: 'post: 科长: 副科长', col: ': 副', hint: '把值中的半角冒号改成全角冒号“：”：post: 科长：副科长' }],
  },
  'XK-108': {
    // Parses: the item becomes the mapping {申请书: 原件} where a text was expected.
    change: (s) => s.replace('  - 申请书', '  - 申请书: 原件'),
    saved: GBK_CRLF,
    expect: [{ rule: 'yaml-colon-in-value', at: '申请书: 原件', col: ': ', hint: '- 申请书：原件' }],
  },
  'XK-109': {
    change: (s) => s.replace('post: 科长', 'post: see: note'),
    saved: UTF8,
    expect: [{ rule: 'yaml-colon-in-value', at: 'see: note', col: ': note', hint: '给整个值加上双引号：post: "see: note"' }],
  },
  'XK-110': {
    change: (s) => s.replace('post: 科长', 'post: "科长'),
    saved: GBK_CRLF,
    expect: [{ rule: 'yaml-unbalanced-quote', at: 'post: "', col: '"', hint: '在这一行末尾补上 "（或删去开头的 "）：post: "科长"' }],
  },
  'XK-111': {
    change: (s) => s.replace('post: 科长', 'post: "科长"副科长'),
    saved: GBK_CRLF,
    expect: [{ rule: 'yaml-unbalanced-quote', at: 'post: "', col: '"', hint: '文字中的引号请用中文引号“”：post: “科长”副科长' }],
  },
  'XK-112': {
    change: (s) => s.replace('  - 申请书', '  － 申请书\n  － 营业执照'),
    saved: GBK_CRLF,
    expect: [
      { rule: 'yaml-fullwidth-dash', at: '－ 申请书', col: '－', hint: '把"－"改成半角减号加空格"- "：- 申请书' },
      { rule: 'yaml-fullwidth-dash', at: '－ 营业执照', col: '－', hint: '- 营业执照' },
    ],
  },
  'XK-113': {
    change: (s) => s.replace('  - 申请人符合法定条件', '  — 申请人符合法定条件'),
    saved: UTF8_CRLF,
    expect: [{ rule: 'yaml-fullwidth-dash', at: '— 申请人', col: '—', hint: '- 申请人符合法定条件' }],
  },
  'XK-114': {
    change: (s) => s.replace('  - 申请书', '\t- 申请书'),
    saved: GBK_CRLF,
    expect: [{ rule: 'tab-indent', at: '\t- 申请书', col: '\t', hint: '把行首的 Tab 换成 2 个半角空格' }],
  },
  'XK-115': {
    change: (s) => s.replace('unit: 办公室', 'unit:办公室'),
    saved: GBK_CRLF,
    expect: [{ rule: 'yaml-syntax', at: 'unit:办公室', col: ':', hint: '在冒号后加一个空格：unit: 办公室' }],
  },
  'XK-117': {
    // Not closed: the parser complains at the next key ("must be sufficiently indented and end with a ]").
    change: (s) => s.replace('materials:\n  - 申请书', 'materials: [申请书, 身份证'),
    saved: GBK_CRLF,
    expect: [{ rule: 'yaml-syntax', at: 'materials: [', col: '[', hint: '在行末补上"]"（括号里的各项用半角逗号","分开）：materials: [申请书, 身份证]' }],
  },
  'XK-118': {
    // One space too many: YAML reads "办公室 post" as a key. Said at the line that has the space, not at "unit".
    change: (s) => s.replace('post: 科长', ' post: 科长'),
    saved: UTF8_CRLF,
    expect: [{ rule: 'yaml-syntax', at: ' post: 科长', col: ' ', hint: '删去行首多出的空格，与第 7 行对齐' }],
  },
  'XK-116': {
    change: (s) => s.replace('post: 科长', 'post: “科长'),
    saved: GBK_CRLF,
    expect: [{ rule: 'text-unbalanced-quote', at: 'post: “', col: '“', hint: '补上缺少的引号' }],
  },
};

/** A rule whose front matter has a full-width colon, saved as GBK with CRLF: the same message, at its line in the .md file. */
const RULE_FILE = 'rules/ZD-09.md';

describe('typing mistakes: named in Chinese at their line and column, with the fix', () => {
  let dir: string;
  let base: string;
  let diags: JsonDiagnostic[];
  let code: number;
  const lines = (rel: string, saved: Saved) => readAs(path.join(dir, rel), saved).split(/\r?\n/);
  const where = (rel: string, saved: Saved, at: string, col: string) => {
    const ls = lines(rel, saved);
    const i = ls.findIndex((l) => l.includes(at));
    expect(i, `${at} in ${rel}`).toBeGreaterThanOrEqual(0);
    // The column of `col` within the occurrence of `at` (U+3000 and tabs count one column, as UTF-16 units).
    return { line: i + 1, column: ls[i]!.indexOf(col, ls[i]!.indexOf(at)) + 1 };
  };

  beforeAll(async () => {
    dir = await validRepo();
    base = readFileSync(path.join(dir, 'powers/XK-001.yaml'), 'utf8');
    for (const [id, c] of Object.entries(CASES)) saveAs(path.join(dir, `powers/${id}.yaml`), c.change(base.replace('id: XK-001', `id: ${id}`)), c.saved);
    const rule = readFileSync(path.join(dir, 'rules/ZD-01.md'), 'utf8').replace(/^id: .*$/m, 'id: ZD-09').replace(/^title: /m, 'title：');
    saveAs(path.join(dir, RULE_FILE), rule, GBK_CRLF);
    ({ code, diags } = validateBin(dir));
  });

  it.each(Object.keys(CASES))('%s', (id) => {
    const c = CASES[id]!;
    const rel = `powers/${id}.yaml`;
    const mine = diags.filter((d) => d.file.endsWith(rel) && d.rule !== 'encoding');
    expect(mine.map((d) => ({ rule: d.rule, line: d.line, column: d.column }))).toEqual(
      c.expect.map((e) => ({ rule: e.rule, ...where(rel, c.saved, e.at, e.col) })));
    mine.forEach((d, i) => {
      expect(d.hint).toContain(c.expect[i]!.hint);
      // Chinese, without the parser's English.
      expect(d.message).toMatch(/[\u4e00-\u9fff]/);
      expect(d.message).not.toMatch(/Implicit|Nested|Missing|Unexpected|Tabs are/);
    });
  });

  it('the encoding is said once for each GBK file, and its content is still checked', () => {
    const gbk = Object.entries(CASES).filter(([, c]) => c.saved.encoding === 'gbk').map(([id]) => `powers/${id}.yaml`);
    for (const rel of gbk) expect(diags.filter((d) => d.file.endsWith(rel) && d.rule === 'encoding'), rel).toHaveLength(1);
    expect(code).toBe(1);
  });

  it("a rule's front matter gets the same, at its line in the Markdown file", () => {
    const mine = diags.filter((d) => d.file.endsWith(RULE_FILE) && d.rule !== 'encoding');
    expect(mine.map((d) => [d.rule, d.line, d.column])).toEqual([['yaml-fullwidth-colon', where(RULE_FILE, GBK_CRLF, 'title：', '：').line, 6]]);
    expect(mine[0]!.hint).toContain('title: ');
  });

  it('only the mistakes: no schema or parser message about what they made of the file', () => {
    const files = [...Object.keys(CASES).map((id) => `powers/${id}.yaml`), RULE_FILE];
    const others = diags.filter((d) => files.some((f) => d.file.endsWith(f)) && !['encoding', 'text-unbalanced-quote', ...TYPIST].includes(d.rule)
      && !(d.rule === 'yaml-syntax' && /XK-11[578]\.yaml$/.test(d.file)));
    expect(others.map((d) => `${d.file}:${d.line} ${d.rule} ${d.message}`)).toEqual([]);
  });

  it('each fix offered, applied to the file as saved, makes its mistake go away', () => {
    const files = [...Object.entries(CASES).map(([id, c]) => [`powers/${id}.yaml`, c.saved] as const), [RULE_FILE, GBK_CRLF] as const];
    for (const [rel, saved] of files) {
      const fixes = diags.filter((d) => d.file.endsWith(rel)).flatMap((d) => (d.fixes ?? []).slice(0, 1)) as TextFix[];
      if (rel.endsWith('XK-116.yaml')) { expect(fixes).toEqual([]); continue; } // where the missing ” goes is the clerk's to say
      expect(fixes.length, rel).toBeGreaterThan(0);
      const file = path.join(dir, rel);
      saveAs(file, applyFixes(readAs(file, saved), fixes).replace(/\r\n/g, '\n'), saved);
    }
    const after = validateBin(dir).diags;
    const left = after.filter((d) => files.some(([f]) => d.file.endsWith(f)) && d.rule !== 'encoding' && d.rule !== 'text-unbalanced-quote');
    expect(left.map((d) => `${d.file}:${d.line} ${d.rule} ${d.message}`)).toEqual([]);
  });

  it("the parser's other errors: the first one only, in Chinese by what it is", () => {
    const cases: Record<string, [(s: string) => string, string, string]> = {
      'XK-121': [(s) => s.replace('post: 科长', 'post: @科长'), 'post: @', '值不能以"@"开头'],
      'XK-122': [(s) => s.replace('post: 科长', 'post: "C:\\x\\q"'), 'post: "C', '双引号中的反斜杠"\\"写法不对'],
      // A bracket too many: the parser complains about every token after it; one message.
      'XK-123': [(s) => s.replace('post: 科长', 'post: 科长\nx: [a, b]]'), 'x: [a, b]]', '这里有多余的文字："]"'],
    };
    for (const [id, [change]] of Object.entries(cases)) saveAs(path.join(dir, `powers/${id}.yaml`), change(base.replace('id: XK-001', `id: ${id}`)), GBK_CRLF);
    const all = validateBin(dir).diags;
    for (const [id, [, at, message]] of Object.entries(cases)) {
      const mine = all.filter((d) => d.file.endsWith(`powers/${id}.yaml`) && d.rule !== 'encoding');
      expect(mine.map((d) => [d.rule, d.line, d.message]), id).toEqual([['yaml-syntax', where(`powers/${id}.yaml`, GBK_CRLF, at, at).line, message]]);
      expect(mine[0]!.hint).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('in English with --lang en', () => {
    // The fixes were applied above: a fresh mistake to read.
    const file = path.join(dir, 'powers/XK-101.yaml');
    writeFileSync(file, base.replace('id: XK-001', 'id: XK-101').replace('unit: 办公室', 'unit：办公室'));
    const d = validateBin(dir, ['--lang', 'en']).diags.find((x) => x.file.endsWith('powers/XK-101.yaml'))!;
    expect(d.rule).toBe('yaml-fullwidth-colon');
    expect(d.message).toBe('The key "unit" is followed by a full-width colon (U+FF1A), which YAML does not read as a colon');
    expect(d.hint).toBe('Replace it with an ASCII colon and a space: unit: 办公室');
  });
});
