/**
 * `build --out`: a path that cannot take the outputs is refused before any work, in plain Chinese; outputs are
 * written all together (a temporary folder, then renames, manifest.json last), so a failed write leaves the previous
 * build's files as they were.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutputs, type RenderOutcome } from '../../src/pipeline/index.js';
import { cli } from '../helpers/cli.js';
import { tempDir, validRepo } from '../helpers/repo.js';

describe('build --out: checked before any work', () => {
  const cases: [string, (d: string) => string, RegExp][] = [
    ['a file', (d) => { const f = path.join(d, 'dist'); writeFileSync(f, 'x'); return f; }, /是一个文件，不是目录/],
    ['under a file', (d) => { const f = path.join(d, 'notes.txt'); writeFileSync(f, 'x'); return path.join(f, 'dist'); }, /notes\.txt 是一个文件，不是目录/],
    ['not writable', () => '/sys/kernel/powerbook-out', /无法写入/],
  ];
  for (const [what, make, message] of cases) {
    it(`refuses an output path that is ${what}: exit 2, one plain line, nothing drawn`, async () => {
      const d = await validRepo();
      const out = make(tempDir('pb-outdir-'));
      const r = await cli(['build', d, '--format', 'docx,pdf,html', '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/内部错误|ENOTDIR|EEXIST|EPERM|at .*\.js/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      // Nothing was done: no flowchart drawn into the repository's cache.
      expect(existsSync(path.join(d, '.powerbook'))).toBe(false);
      const en = await cli(['build', d, '--out', out, '--lang', 'en']);
      expect(en.code).toBe(2);
      expect(en.stderr).toMatch(/output/i);
    });
  }
});

describe('writeOutputs: all or nothing', () => {
  const outcome = (tag: string): RenderOutcome[] => [
    { files: [{ path: 'book.docx', data: `docx ${tag}` }], summary: { zh: [], en: [] } },
    { files: [{ path: 'book.pdf', data: `pdf ${tag}` }], summary: { zh: [], en: [] } },
    { dir: 'site', files: [{ path: 'site/index.html', data: `index ${tag}` }, { path: `site/powers/${tag}.html`, data: tag }], summary: { zh: [], en: [] } },
  ];
  const manifest = (tag: string) => (outputs: { path: string }[]) => ({ path: 'manifest.json', data: JSON.stringify({ tag, outputs: outputs.map((o) => o.path) }) });
  const snapshot = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort()
    .map((f) => { try { return `${f}=${readFileSync(path.join(dir, f), 'utf8')}`; } catch { return `${f}/`; } });

  it('replaces every output of the previous build, the site folder whole, and writes the manifest', async () => {
    const out = tempDir('pb-staged-');
    await writeOutputs(out, outcome('a'), manifest('a'));
    const listed = await writeOutputs(out, outcome('b'), manifest('b'));
    expect(listed.map((o) => o.path)).toEqual(['book.docx', 'book.pdf', 'site/index.html', 'site/powers/b.html']);
    expect(snapshot(out)).toEqual(['book.docx=docx b', 'book.pdf=pdf b', `manifest.json=${JSON.stringify({ tag: 'b', outputs: listed.map((o) => o.path) })}`,
      'site/', 'site/index.html=index b', 'site/powers/', 'site/powers/b.html=b']);
  });

  it('leaves the previous outputs as they were when a file cannot be written, and no temporary folder', async () => {
    const out = tempDir('pb-staged-');
    await writeOutputs(out, outcome('a'), manifest('a'));
    const before = snapshot(out);
    // The second backend's file cannot be written (a NUL in its name): the first one must not have replaced its predecessor.
    const bad = outcome('b');
    bad[1]!.files[0]!.path = 'book\0.pdf';
    await expect(writeOutputs(out, bad, manifest('b'))).rejects.toThrow();
    expect(snapshot(out)).toEqual(before);
    // Nor when the manifest itself fails.
    await expect(writeOutputs(out, outcome('c'), () => { throw new Error('manifest failed'); })).rejects.toThrow('manifest failed');
    expect(snapshot(out)).toEqual(before);
  });

  it('removes the temporary folder a killed build left, and keeps files that are not its own', async () => {
    const out = tempDir('pb-staged-');
    mkdirSync(path.join(out, '.powerbook-out-999999999-abc'), { recursive: true });
    writeFileSync(path.join(out, 'README.txt'), 'mine');
    await writeOutputs(out, outcome('a'), manifest('a'));
    expect(readdirSync(out).sort()).toEqual(['README.txt', 'book.docx', 'book.pdf', 'manifest.json', 'site']);
  });
});
