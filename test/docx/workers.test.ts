/**
 * The DOCX page layout and writing on worker threads (render/docx/layout-pool.ts, batch.ts), run by the compiled CLI:
 * the same DOCX, byte for byte, as laid out and written in one thread, and the layout cache a build leaves gives the
 * same DOCX again.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, tempDir } from '../helpers/repo.js';

const BIN = path.resolve('bin/powerbook.js');
const NAME = '株洲市商务局规范权力运行制度汇编.docx';

function build(repo: string, env: Record<string, string>): { docx: Buffer; stderr: string } {
  const out = tempDir('pb-docx-workers-out-');
  const r = spawnSync(process.execPath, [BIN, 'build', repo, '--format', 'docx', '--out', out], {
    env: { ...process.env, LANG: 'zh_CN.UTF-8', SOURCE_DATE_EPOCH: '1700000000', ...env }, encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  return { docx: readFileSync(path.join(out, NAME)), stderr: r.stderr };
}

describe('DOCX page layout on worker threads', () => {
  it('gives the DOCX laid out in one thread, and so does the layout cache it leaves', () => {
    const repo = tempDir('pb-docx-workers-');
    copyExample('examples/zhuzhou-commerce', repo);
    const cache = path.join(repo, '.powerbook/cache/layout');
    rmSync(cache, { recursive: true, force: true });
    const threaded = build(repo, { POWERBOOK_LAYOUT_POOL_MIN: '1', POWERBOOK_DOCX_THREADS: '2' });
    expect(threaded.stderr).toMatch(/目录页码：已排好/);
    expect(existsSync(cache) && readdirSync(cache).some((f) => /^layout-[0-9a-f]+\.json$/.test(f))).toBe(true);
    const cached = build(repo, {});
    rmSync(cache, { recursive: true, force: true });
    const single = build(repo, { POWERBOOK_NO_WORKERS: '1' });
    expect(threaded.docx.equals(single.docx)).toBe(true);
    expect(cached.docx.equals(single.docx)).toBe(true);
  });

  it('writes the batches of the document on worker threads as it writes them in one thread', () => {
    const repo = tempDir('pb-docx-writers-');
    copyExample('examples/zhuzhou-commerce', repo);
    // Small batches (some 30 of them), so that the workers write many, with pictures, footers and landscape sections.
    const batches = { POWERBOOK_DOCX_BATCH: '300' };
    const single = build(repo, { ...batches, POWERBOOK_NO_WORKERS: '1' });
    rmSync(path.join(repo, '.powerbook/cache/layout'), { recursive: true, force: true });
    const threaded = build(repo, { ...batches, POWERBOOK_WRITE_POOL_MIN: '1', POWERBOOK_LAYOUT_POOL_MIN: '1', POWERBOOK_DOCX_THREADS: '2' });
    expect(threaded.stderr).toMatch(/目录页码：已排好/);
    expect(threaded.docx.equals(single.docx)).toBe(true);
    // Written with the layout cached (the workers only write): the same again.
    const cached = build(repo, { ...batches, POWERBOOK_WRITE_POOL_MIN: '1', POWERBOOK_DOCX_THREADS: '2' });
    expect(cached.docx.equals(single.docx)).toBe(true);
  });
});
