/**
 * Hints that suggest something suggest something valid. Over a corpus of bad inputs (examples/mistakes and the clerk's
 * slips below), every fix a diagnostic offers (Diagnostic.fixes: a value, a key, an id, a file name) is applied and the
 * repository validated again by the built CLI: the problem is gone and the suggested value passes the schema it was
 * suggested for. And the hints that were wrong: a file name that is not a valid id is never suggested as the id; a
 * UTF-16 file is not called GB18030; 较轻 is not "corrected" to 较重, the allowed levels are listed instead.
 */
import { cpSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyFixes, readAs, saveAs, validateBin, type JsonDiagnostic, type Saved, type TextFix } from '../helpers/clerk.js';
import { copyExample, tempDir, validRepo } from '../helpers/repo.js';

const UTF8: Saved = { encoding: 'utf8', crlf: false };

/** Powers of the corpus: file name → [id, change to the example power, how it is saved]. */
const POWERS: Record<string, [string, (s: string) => string, Saved]> = {
  // A Chinese file name: the id stays, the file is renamed (行政许可 is not an id: ^[A-Za-z0-9][A-Za-z0-9_.-]*$).
  '行政许可.yaml': ['XK-201', (s) => s, { encoding: 'gbk', crlf: true }],
  // Both are ids: rename the file, or change the id to the file name.
  'XK-202.yaml': ['XK-203', (s) => s, UTF8],
  // A file name of digits: as an id it must be quoted, or it would be the number 1.
  '001.yaml': ['XK-204', (s) => s, UTF8],
  // The id is another file's: that file name is taken, only the id may change.
  'XK-205.yaml': ['XK-001', (s) => s, UTF8],
  // Enum slips: an abbreviation, a homophone typed with pinyin, a quoted one, one with a stray space.
  'XK-206.yaml': ['XK-206', (s) => s.replace('category: 行政许可', 'category: 许可'), UTF8],
  'XK-207.yaml': ['XK-207', (s) => s.replace('category: 行政许可', 'category: "行政检察"'), { encoding: 'gbk', crlf: true }],
  'XK-208.yaml': ['XK-208', (s) => s.replace('- level: 中', '- level: 中等'), UTF8],
  'XK-209.yaml': ['XK-209', (s) => s.replace('category: 行政许可', 'category: 行政\u3000许可'), UTF8],
  // Keys: a transposition, a missing letter, a field typed by its Chinese title.
  'XK-210.yaml': ['XK-210', (s) => s.replace('unit: 办公室', 'uint: 办公室'), UTF8],
  'XK-211.yaml': ['XK-211', (s) => s.replace('conditions:', 'condtions:'), UTF8],
  'XK-212.yaml': ['XK-212', (s) => s.replace('name: ', '名称: '), { encoding: 'gbk', crlf: true }],
  // Not slips: another level, another unit (工作曰 is not a homophone of 工作日). The allowed values, no guess.
  'CF-213.yaml': ['CF-213', (s) => s.replace('category: 行政许可', 'category: 行政处罚')
    .replace('status: 有效', 'status: 有效\ndiscretion:\n  - level: 较轻\n    circumstance: 初次违法\n    penalty: 警告'), UTF8],
  'XK-214.yaml': ['XK-214', (s) => s.replace('statutory: { days: 20, unit: 工作日 }', 'statutory: { days: 20, unit: 工作曰 }'), UTF8],
  // A homophone the other way: 一版 for 一般.
  'CF-215.yaml': ['CF-215', (s) => s.replace('category: 行政许可', 'category: 行政处罚')
    .replace('status: 有效', 'status: 有效\ndiscretion:\n  - level: 一版\n    circumstance: 初次违法\n    penalty: 警告'), UTF8],
  // UTF-16 ("Unicode" in Notepad) and GBK.
  'XK-216.yaml': ['XK-216', (s) => s, { encoding: 'utf16le', crlf: true }],
  'XK-217.yaml': ['XK-217', (s) => s, { encoding: 'gbk', crlf: true }],
};

function corpus(repo: string, base: string): void {
  for (const [file, [id, change, saved]] of Object.entries(POWERS)) {
    saveAs(path.join(repo, 'powers', file), change(base.replace('id: XK-001', `id: ${id}`)), saved);
  }
}

const savedOf = (file: string): Saved => POWERS[path.posix.basename(file)]?.[2] ?? UTF8;

/** Applies the `which`-th fix of every diagnostic that has one; returns the diagnostics fixed, with their file after renames. */
function applyAll(repo: string, diags: JsonDiagnostic[], which: number): { d: JsonDiagnostic; file: string }[] {
  const rel = (d: JsonDiagnostic) => path.relative(repo, d.file).split(path.sep).join('/');
  const chosen = diags.filter((d) => d.fixes && d.fixes.length > which);
  const byFile = new Map<string, TextFix[]>();
  for (const d of chosen) {
    const f = d.fixes![which]!;
    if ('text' in f) byFile.set(rel(d), [...(byFile.get(rel(d)) ?? []), f]);
  }
  for (const [file, fixes] of byFile) {
    const abs = path.join(repo, file);
    saveAs(abs, applyFixes(readAs(abs, savedOf(file)), fixes).replace(/\r\n/g, '\n'), savedOf(file));
  }
  return chosen.map((d) => {
    const f = d.fixes![which]!;
    if ('rename' in f) {
      renameSync(path.join(repo, rel(d)), path.join(repo, f.rename));
      return { d, file: f.rename };
    }
    return { d, file: rel(d) };
  });
}

describe('suggestions are valid where they are suggested', () => {
  let repo: string;
  let base: string;
  let diags: JsonDiagnostic[];
  const of = (file: string) => diags.filter((d) => d.file.endsWith(`powers/${file}`));

  beforeAll(async () => {
    repo = tempDir('pb-hints-');
    copyExample('examples/mistakes', repo);
    const init = await validRepo();
    base = readFileSync(path.join(init, 'powers/XK-001.yaml'), 'utf8');
    corpus(repo, base);
    diags = validateBin(repo).diags;
  }, 600_000);

  it('a file name that is not a valid id is not suggested as the id: the file is renamed to its id', () => {
    const d = of('行政许可.yaml').find((x) => x.rule === 'file-name-id')!;
    expect(d.hint).toBe('把文件改名为 XK-201.yaml（文件名就是编号）');
    expect(d.fixes).toEqual([{ rename: 'powers/XK-201.yaml' }]);
    const both = of('XK-202.yaml').find((x) => x.rule === 'file-name-id')!;
    expect(both.hint).toBe('把文件改名为 XK-203.yaml，或把编号改为 XK-202');
    expect(both.fixes).toEqual([{ rename: 'powers/XK-203.yaml' }, expect.objectContaining({ text: 'XK-202' })]);
    expect(of('001.yaml').find((x) => x.rule === 'file-name-id')!.fixes![1]).toEqual(expect.objectContaining({ text: '"001"' }));
    const taken = of('XK-205.yaml').find((x) => x.rule === 'file-name-id')!;
    expect(taken.hint).toContain('XK-001.yaml 已被另一个文件占用：把编号改为 XK-205');
    expect(taken.fixes).toEqual([expect.objectContaining({ text: 'XK-205' })]);
  });

  it('a UTF-16 file is called UTF-16, with a fix that reads UTF-16; a GBK file GB18030', () => {
    const u = of('XK-216.yaml').find((x) => x.rule === 'encoding')!;
    expect(u.message).toContain('UTF-16');
    expect(u.hint).toContain('iconv -f UTF-16 -t UTF-8');
    expect(`${u.message}${u.hint}`).not.toMatch(/GB18030|GBK/);
    const g = of('XK-217.yaml').find((x) => x.rule === 'encoding')!;
    expect(g.message).toContain('GBK/GB18030');
    expect(g.hint).toContain('iconv -f GB18030 -t UTF-8');
  });

  it('较轻 is not corrected to 较重, nor 工作曰 to 工作日: the allowed values are listed', () => {
    const level = of('CF-213.yaml').find((x) => x.rule === 'schema')!;
    expect(level.message).toBe('"情节程度"（level）的值"较轻"不在可选范围内');
    expect(level.hint).toBe('可选：轻微、一般、较重、严重');
    expect(level.fixes).toBeUndefined();
    const unit = of('XK-214.yaml').find((x) => x.rule === 'schema' && x.message.includes('工作曰'))!;
    expect(unit.hint).toBe('可选：工作日、自然日');
    expect(unit.fixes).toBeUndefined();
  });

  it('plausible slips are suggested: abbreviations, homophones, width and spaces, Latin typos, Chinese titles', () => {
    const suggested = (file: string) => of(file).filter((x) => x.rule === 'schema').map((x) => (x.fixes?.[0] as TextFix | undefined)?.text);
    expect(suggested('XK-206.yaml')).toEqual(['行政许可']);
    expect(suggested('XK-207.yaml')).toEqual(['行政检查']);
    expect(suggested('XK-208.yaml')).toEqual(['中']);
    expect(suggested('XK-209.yaml')).toEqual(['行政许可']);
    expect(suggested('XK-210.yaml')).toEqual(['unit']);
    expect(suggested('XK-211.yaml')).toEqual(['conditions']);
    expect(suggested('XK-212.yaml')).toEqual(['name']);
    expect(suggested('CF-215.yaml')).toEqual(['一般']);
    expect(of('XK-212.yaml').find((x) => x.rule === 'schema')!.hint).toBe('字段名要写英文：“事项名称”写成 name');
  });

  /** Every diagnostic of the corpus that offers fixes: at least those above, and examples/mistakes' own. */
  const withFixes = () => diags.filter((d) => d.fixes?.length);

  it.each([0, 1])('the fixes offered (alternative %i of each), applied, each make their problem go away and pass the schema', (which) => {
    const copy = tempDir('pb-hints-fixed-');
    cpSync(repo, copy, { recursive: true, verbatimSymlinks: true });
    const inCopy = diags.map((d) => ({ ...d, file: path.join(copy, path.relative(repo, d.file)) }));
    // 5 file names (examples/mistakes' XK-003 too), 5 enum values, 3 keys.
    if (which === 0) expect(withFixes().length).toBeGreaterThanOrEqual(13);
    const fixed = applyAll(copy, inCopy, which);
    expect(fixed.length).toBeGreaterThan(0);
    for (const { file } of fixed) expect(existsSync(path.join(copy, file)), file).toBe(true);
    const after = validateBin(copy).diags;
    for (const { d, file } of fixed) {
      const left = after.filter((x) => x.file.endsWith(file) && x.line === d.line && (x.rule === d.rule || x.rule === 'schema' || x.rule === 'duplicate-id'));
      expect(left.map((x) => `${file}:${x.line} ${x.rule} ${x.message}`), `${d.rule} ${d.message} → ${JSON.stringify(d.fixes![which])}`).toEqual([]);
    }
  }, 120_000);

  it('the suggested ids and values are valid under the schema as written in the fixed file', () => {
    // Alternative 1 of file-name-id is a new id: the fixed file's id is read back as text (not the number 1).
    const copy = tempDir('pb-hints-id-');
    cpSync(repo, copy, { recursive: true, verbatimSymlinks: true });
    const inCopy = diags.map((d) => ({ ...d, file: path.join(copy, path.relative(repo, d.file)) }));
    applyAll(copy, inCopy.filter((d) => d.file.endsWith('powers/001.yaml')), 1);
    expect(readFileSync(path.join(copy, 'powers/001.yaml'), 'utf8')).toMatch(/^id: "001"$/m);
    const after = validateBin(copy).diags.filter((d) => d.file.endsWith('powers/001.yaml'));
    expect(after.filter((d) => d.rule === 'schema' || d.rule === 'file-name-id')).toEqual([]);
    writeFileSync(path.join(copy, 'powers/001.yaml'), readFileSync(path.join(copy, 'powers/001.yaml'), 'utf8').replace('id: "001"', 'id: 001'));
    expect(validateBin(copy).diags.filter((d) => d.file.endsWith('powers/001.yaml')).map((d) => d.rule)).toContain('schema');
  }, 60_000);
});
