/**
 * Same inputs, same bytes: two clean builds of the example (each a fresh copy, so fresh flowchart and layout caches:
 * Mermaid drawn anew in Chromium, every PNG rasterised anew by resvg, the pages laid out anew), with the same
 * SOURCE_DATE_EPOCH, give byte-identical DOCX files. While the PNGs were Chromium screenshots, three of them differed.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyExample } from '../helpers/repo.js';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/repo.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/zhuzhou-commerce');
const NAME = '株洲市商务局规范权力运行制度汇编';

async function cleanBuild(keep?: { repo?: string }): Promise<Buffer> {
  const dir = tempDir('pb-determinism-');
  const repo = path.join(dir, 'repo');
  // The example's law_library is relative to the checkout: copyExample makes it absolute (and shares the index).
  copyExample(EXAMPLE, repo, (src) => path.basename(src) !== '.powerbook');
  // Fresh caches of the drawings and of the layout (only the law index is shared).
  expect(existsSync(path.join(repo, '.powerbook', 'cache', 'flowcharts'))).toBe(false);
  expect(existsSync(path.join(repo, '.powerbook', 'cache', 'layout'))).toBe(false);
  if (keep) keep.repo = repo;
  const out = path.join(dir, 'out');
  const r = await cli(['build', repo, '--out', out, '--stage', 'submit', '--format', 'docx'], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(path.join(out, `${NAME}.docx`));
}

describe('two clean builds of the example', () => {
  it('give the same DOCX, byte for byte, flowchart PNGs included', async () => {
    const kept: { repo?: string } = {};
    const a = await cleanBuild(kept);
    const b = await cleanBuild();
    const pa = unzipSync(a);
    const pb = unzipSync(b);
    const pngs = Object.keys(pa).filter((n) => n.endsWith('.png'));
    expect(pngs.length).toBeGreaterThanOrEqual(16); // one per power at least (long procedures are cut into pages)
    // Part by part first, so that a failure names the part.
    expect(Object.keys(pb)).toEqual(Object.keys(pa));
    for (const name of Object.keys(pa)) expect(Buffer.compare(Buffer.from(pa[name]!), Buffer.from(pb[name]!)), name).toBe(0);
    expect(Buffer.compare(a, b)).toBe(0);

    // Built again from the first one's caches: its PNGs stay in the flowchart cache's files until the zip is written
    // (util/file-bytes.ts), and the same bytes come out, each PNG the cache's file.
    const out = path.join(path.dirname(kept.repo!), 'again');
    const r = await cli(['build', kept.repo!, '--out', out, '--stage', 'submit', '--format', 'docx'], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
    expect(r.code, r.stderr).toBe(0);
    const again = readFileSync(path.join(out, `${NAME}.docx`));
    expect(Buffer.compare(again, a)).toBe(0);
    const cached = new Set(readdirSync(path.join(kept.repo!, '.powerbook/cache/flowcharts')).filter((n) => n.endsWith('.png'))
      .map((n) => createHash('sha256').update(readFileSync(path.join(kept.repo!, '.powerbook/cache/flowcharts', n))).digest('hex')));
    for (const name of pngs) expect(cached.has(createHash('sha256').update(pa[name]!).digest('hex')), name).toBe(true);
  }, 600_000);
});
