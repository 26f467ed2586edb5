/** build's 修订说明: compendium.revision_base names the previous edition; the appendix lists added, cancelled, changed powers. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { edit, lineOf, tempDir } from '../helpers/repo.js';
import { addPower, git, GIT_ENV, historyRepo } from './fixture.js';

const ENV = { ...GIT_ENV, SOURCE_DATE_EPOCH: '1700000000' };

describe('build with compendium.revision_base', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await historyRepo();
    edit(dir, 'powerbook.yaml', (s) => s.replace(/(compendium:\n)/, '$1  revision_base: v1\n'));
    // A power added in the working tree (the notes compare it with v1).
    addPower(dir, 'XK-020', '对外贸易经营者备案登记');
  });

  it('the DOCX (read by pandoc) has 修订说明 in its appendix and 目录: added, cancelled, then changed, with what changed', async () => {
    const out = tempDir('pb-build-');
    const r = await cli(['build', dir, '--out', out], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    const docx = readdirSync(out).find((f) => f.endsWith('.docx'))!;
    const plain = execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', path.join(out, docx)], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const short = git(dir, 'rev-parse', '--short', 'v1');
    const at = plain.lastIndexOf('修订说明');
    expect(plain.indexOf('修订说明')).toBeLessThan(at); // in the 目录 and as the chapter
    const text = plain.slice(at);
    expect(text).toContain(`与上一版（v1，${short}）相比，本汇编新增职权1项，取消职权1项，调整职权3项，列表如下。`);
    const order = ['一、新增职权（1项）', 'XK-020', '对外贸易经营者备案登记（行政许可）', '新增', '二、取消职权（1项）', '典当行设立审核', '三、调整职权（3项）', 'XK-001', '法定办理时限：20个工作日 → 15个工作日（缩短 5 个工作日）',
      'XK-002', '实施依据：新增 《中华人民共和国行政许可法》第三十二条', 'XK-010', '事项编码：XK-004 → XK-010'];
    // pandoc wraps a table's cells over lines: compared without white space.
    const flat = text.replace(/\s+/g, '');
    let pos = 0;
    for (const o of order) {
      const s = o.replace(/\s+/g, '');
      const i = flat.indexOf(s, pos);
      expect(i, s).toBeGreaterThanOrEqual(0);
      pos = i + s.length;
    }
  });

  it('a revision git does not have stops the build with a diagnostic at that line, before anything is written', async () => {
    edit(dir, 'powerbook.yaml', (s) => s.replace('revision_base: v1', 'revision_base: v9'));
    const out = path.join(tempDir('pb-build-'), 'dist');
    const r = await cli(['build', dir, '--out', out], { env: ENV });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${lineOf(dir, 'powerbook.yaml', 'revision_base: v9')}:18  错误  无法生成修订说明：找不到修订"v9"`);
    expect(r.stdout).toContain('revision-base');
    expect(r.stderr).toContain('未生成汇编：无法生成修订说明');
    expect(existsSync(out)).toBe(false);
  });
});
