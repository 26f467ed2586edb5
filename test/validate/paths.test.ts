/**
 * `powerbook validate PATH`: one file or a folder of the repository, and from any folder inside it. The repository is
 * found as git finds its root (upwards, here by its powerbook.yaml); it is loaded whole, so that a power's references
 * to laws and a rule's to powers resolve; only the diagnostics of the path are printed, with paths that open from the
 * current folder, and the exit status is theirs. Run with the built CLI as a process, in the folder a clerk is in.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBin, saveAs, validateBin } from '../helpers/clerk.js';
import { tempDir, validRepo } from '../helpers/repo.js';

describe('validate a file or a folder of the repository, from anywhere in it', () => {
  let repo: string;
  beforeAll(async () => {
    repo = await validRepo();
    const power = readFileSync(path.join(repo, 'powers/XK-001.yaml'), 'utf8');
    // XK-002: a GBK/CRLF file with a full-width colon. XK-003: cites a law of laws/ (resolves only with the whole repository).
    saveAs(path.join(repo, 'powers/XK-002.yaml'), power.replace('id: XK-001', 'id: XK-002').replace('unit: 办公室', 'unit：办公室'), { encoding: 'gbk', crlf: true });
    writeFileSync(path.join(repo, 'powers/XK-003.yaml'), power.replace('id: XK-001', 'id: XK-003').replace('article: 第二十九条', 'article: 第九十九条'));
    writeFileSync(path.join(repo, 'laws/bad.yaml'), 'id: bad\ntitle：坏的\n');
    mkdirSync(path.join(repo, 'powers/sub'));
  });

  it('the whole repository, for comparison', () => {
    const r = validateBin(repo);
    expect(new Set(r.diags.map((d) => path.relative(repo, d.file)))).toEqual(new Set(['powers/XK-002.yaml', 'powers/XK-003.yaml', 'laws/bad.yaml']));
  });

  it('one file: only its diagnostics, the references to the rest of the repository resolved', () => {
    const one = validateBin('powers/XK-003.yaml', [], { cwd: repo });
    expect(one.code).toBe(1);
    expect(one.diags.map((d) => [d.file, d.rule])).toEqual([['powers/XK-003.yaml', 'article-unknown']]);
    expect(one.diags[0]!.message).toContain('《中华人民共和国行政许可法》没有第九十九条');
    const clean = validateBin('powers/XK-001.yaml', [], { cwd: repo });
    expect([clean.code, clean.diags]).toEqual([0, []]);
    const gbk = runBin(['validate', 'powers/XK-002.yaml'], { cwd: repo });
    expect(gbk.code).toBe(1);
    expect(gbk.stdout).toContain('powers/XK-002.yaml\n');
    expect(gbk.stdout).toContain('yaml-fullwidth-colon');
    expect(gbk.stdout).not.toContain('XK-003');
    expect(gbk.stdout).not.toContain('laws/bad.yaml');
  });

  it('a folder: the diagnostics under it', () => {
    const laws = validateBin('laws', [], { cwd: repo });
    expect(laws.diags.map((d) => d.file)).toEqual(['laws/bad.yaml']);
    const powers = validateBin(path.join(repo, 'powers') + '/', []);
    expect(new Set(powers.diags.map((d) => d.file))).toEqual(new Set([path.join(repo, 'powers/XK-002.yaml'), path.join(repo, 'powers/XK-003.yaml')]));
    expect(validateBin('powers/sub', [], { cwd: repo }).diags).toEqual([]);
  });

  it('from a subfolder: the repository found upwards; paths printed as they open from there', () => {
    const cwd = path.join(repo, 'powers');
    const here = validateBin('XK-003.yaml', [], { cwd });
    expect(here.diags.map((d) => [d.file, d.rule])).toEqual([['../powers/XK-003.yaml', 'article-unknown']]);
    const deep = validateBin('../../laws', [], { cwd: path.join(repo, 'powers/sub') });
    expect(deep.diags.map((d) => d.file)).toEqual(['../../laws/bad.yaml']);
    // No path: the whole repository holding the current folder, as `git status` does.
    const whole = runBin(['validate', '--format', 'json'], { cwd: path.join(repo, 'powers/sub') });
    const files = (JSON.parse(whole.stdout) as { file: string }[]).map((d) => d.file);
    expect(new Set(files)).toEqual(new Set(['../../powers/XK-002.yaml', '../../powers/XK-003.yaml', '../../laws/bad.yaml']));
    expect(whole.code).toBe(1);
  });

  it('the exit status and --max-warnings count only what is shown', () => {
    writeFileSync(path.join(repo, 'powers/XK-004.yaml'), readFileSync(path.join(repo, 'powers/XK-001.yaml'), 'utf8').replace('id: XK-001', 'id: XK-004').replace('post: 科长', 'post: “科长'));
    expect(validateBin('powers/XK-004.yaml', [], { cwd: repo }).diags.map((d) => [d.rule, d.severity])).toEqual([['text-unbalanced-quote', 'warning']]);
    expect(runBin(['validate', 'powers/XK-004.yaml'], { cwd: repo }).code).toBe(0);
    expect(runBin(['validate', 'powers/XK-004.yaml', '--max-warnings', '0'], { cwd: repo }).code).toBe(1);
    expect(runBin(['validate', 'powers/XK-001.yaml', '--max-warnings', '0'], { cwd: repo }).code).toBe(0);
  });

  it('usage errors: a path that does not exist, a file outside any repository, a file the checks do not read', () => {
    const missing = runBin(['validate', 'powers/XK-999.yaml'], { cwd: repo });
    expect([missing.code, missing.stderr]).toEqual([2, 'powerbook: 路径不存在：powers/XK-999.yaml\n']);
    const outside = tempDir('pb-outside-');
    writeFileSync(path.join(outside, 'a.yaml'), 'id: a\n');
    const lone = runBin(['validate', path.join(outside, 'a.yaml')]);
    expect(lone.code).toBe(2);
    expect(lone.stderr).toContain('不在制度库中：从它所在的目录往上都找不到 powerbook.yaml');
    writeFileSync(path.join(repo, 'notes.txt'), '备忘\n');
    const notes = runBin(['validate', 'notes.txt', '--lang', 'en'], { cwd: repo });
    expect(notes.code).toBe(2);
    expect(notes.stderr).toContain("notes.txt is not a file the repository's checks read");
  });

  it('a folder outside any repository is still validated as one (and says what is missing)', () => {
    const empty = tempDir('pb-empty-');
    const r = validateBin(empty);
    expect(r.diags.map((d) => d.rule)).toEqual(['empty-repository']);
  });
});
