/**
 * The TOC's page numbers laid out run by run (layout.ts), with the layout cache, and the document written in batches
 * (index.ts, package.ts PackageAssembler): the same numbers as the whole document's layout, the same document.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDocxWithReport } from '../../src/render/docx/index.js';
import { GB9704 } from '../../src/domain/profile.js';
import { bigModel, filler, footnotesInRuns, heading, sampleModel, sectionEndingInFullTable } from './fixture.js';

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('run by run', () => {
  for (const [name, model] of [
    ['the sample', sampleModel],
    ['a ~50-page compendium', () => bigModel(6)],
    ['a section ending in a table that fills its page', sectionEndingInFullTable],
    ['footnotes in several runs', footnotesInRuns],
  ] as const) {
    it(`lays out ${name} as the whole document's layout does, to the byte`, async () => {
      const whole = await renderDocxWithReport(model(), { profile: GB9704, layout: 'document' });
      const runs = await renderDocxWithReport(model(), { profile: GB9704 });
      expect(runs.report.pageNumbers).toBe('estimated');
      expect(runs.report.layoutRuns!.laidOut).toBeGreaterThan(1);
      expect(runs.report.toc).toEqual(whole.report.toc);
      expect(runs.report.pageCount).toBe(whole.report.pageCount);
      expect(sha(runs.buffer)).toBe(sha(whole.buffer));
    }, 120_000);
  }
});

describe('batches laid out as they are written', () => {
  for (const [name, model] of [
    ['a ~50-page compendium', () => bigModel(6)],
    ['a section ending in a table that fills its page', sectionEndingInFullTable],
    ['footnotes in several runs', footnotesInRuns],
  ] as const) {
    it(`give ${name} the pages of each run that groups of runs give it`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'powerbook-batched-'));
      try {
        const whole = await renderDocxWithReport(model(), { profile: GB9704, layout: 'document' });
        const batched = await renderDocxWithReport(model(), { profile: GB9704, batch: 20, layoutCacheDir: join(dir, 'a') });
        const grouped = await renderDocxWithReport(model(), { profile: GB9704, batch: 20, layoutCacheDir: join(dir, 'b'), layoutWhileWriting: false });
        expect(grouped.report.layoutRuns!.batched).toBe(0);
        if (name !== 'footnotes in several runs') expect(batched.report.layoutRuns!.batched).toBeGreaterThan(0);
        expect(batched.report.toc).toEqual(whole.report.toc);
        expect(batched.report.pageCount).toBe(whole.report.pageCount);
        expect(sha(batched.buffer)).toBe(sha(grouped.buffer));
        // Every run's pages and the page of each anchor in it, as the cache keeps them, are the same.
        const runsIn = async (d: string) => {
          const file = (await readdir(d)).find((n) => n.endsWith('.json'))!;
          const { runs } = JSON.parse(await readFile(join(d, file), 'utf8')) as { runs: Record<string, unknown> };
          return Object.fromEntries(Object.keys(runs).sort().map((k) => [k, runs[k]]));
        };
        expect(await runsIn(join(dir, 'a'))).toEqual(await runsIn(join(dir, 'b')));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }, 120_000);
  }
});

describe('layout cache', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'powerbook-layout-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lays out only the runs that changed, with the same result', async () => {
    const cacheDir = join(dir, 'layout');
    const first = await renderDocxWithReport(bigModel(6), { profile: GB9704, layoutCacheDir: cacheDir });
    expect(first.report.layoutRuns).toMatchObject({ cached: 0 });
    const again = await renderDocxWithReport(bigModel(6), { profile: GB9704, layoutCacheDir: cacheDir });
    expect(again.report.layoutRuns).toMatchObject({ laidOut: 0, total: first.report.layoutRuns!.total });
    expect(sha(again.buffer)).toBe(sha(first.buffer));

    // One part gets longer: that part's run is laid out again (and the TOC, whose numbers moved).
    const changed = bigModel(6);
    changed.sections[3]!.blocks.push(filler(30, 7));
    const after = await renderDocxWithReport(changed, { profile: GB9704, layoutCacheDir: cacheDir });
    const fresh = await renderDocxWithReport(changed, { profile: GB9704, layout: 'document' });
    expect(after.report.layoutRuns!.laidOut).toBe(2);
    expect(after.report.toc).toEqual(fresh.report.toc);
    expect(after.report.pageCount).toBe(fresh.report.pageCount);
    expect(after.report.pageCount).toBeGreaterThan(first.report.pageCount!);
    expect((await readdir(cacheDir)).filter((n) => n.endsWith('.json'))).toHaveLength(1);
  }, 120_000);

  it('ignores a cache file it cannot read', async () => {
    const cacheDir = join(dir, 'broken');
    const first = await renderDocxWithReport(sampleModel(), { profile: GB9704, layoutCacheDir: cacheDir });
    const [file] = (await readdir(cacheDir)).filter((n) => n.endsWith('.json'));
    await writeFile(join(cacheDir, file!), '{"version": 1, "runs": ');
    const again = await renderDocxWithReport(sampleModel(), { profile: GB9704, layoutCacheDir: cacheDir });
    expect(again.report.layoutRuns!.cached).toBe(0);
    expect(sha(again.buffer)).toBe(sha(first.buffer));
    expect(JSON.parse(await readFile(join(cacheDir, file!), 'utf8'))).toMatchObject({ version: 1 });
  }, 60_000);
});

describe('compressed SVG cache', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'powerbook-svg-cache-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('keeps each flowchart SVG compressed, gives the same bytes from it, ignores a file not of the SVG and drops unused ones', async () => {
    const svgCacheDir = join(dir, 'docx-svg');
    const plain = await renderDocxWithReport(sampleModel(), { profile: GB9704 });
    const first = await renderDocxWithReport(sampleModel(), { profile: GB9704, svgCacheDir });
    expect(sha(first.buffer)).toBe(sha(plain.buffer));
    const files = await readdir(svgCacheDir);
    expect(files).toHaveLength(1);
    const [file] = files;
    expect(file).toMatch(/^[0-9a-f]{64}\.l6\.fflate-[0-9.]+\.bin$/);
    const kept = await readFile(join(svgCacheDir, file!));
    // Its size and CRC-32, then the DEFLATE stream the zip holds for word/media/*.svg.
    const svg = unzipSync(plain.buffer)['word/media/image1.svg']!;
    expect(kept.readUInt32LE(0)).toBe(svg.length);

    // Read back: the same package. A file whose size or CRC-32 is not the SVG's is not used (and is written anew).
    await writeFile(join(svgCacheDir, file!), Buffer.concat([Buffer.from([1, 0, 0, 0, 2, 0, 0, 0]), kept.subarray(8)]));
    await writeFile(join(svgCacheDir, `${'0'.repeat(64)}.l6.fflate-0.8.3.bin`), kept);
    const again = await renderDocxWithReport(sampleModel(), { profile: GB9704, svgCacheDir });
    expect(sha(again.buffer)).toBe(sha(plain.buffer));
    expect(await readdir(svgCacheDir)).toEqual([file]);
    expect((await readFile(join(svgCacheDir, file!))).equals(kept)).toBe(true);
    // Read, not written again.
    const written = (await stat(join(svgCacheDir, file!))).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    const third = await renderDocxWithReport(sampleModel(), { profile: GB9704, svgCacheDir });
    expect(sha(third.buffer)).toBe(sha(plain.buffer));
    expect((await stat(join(svgCacheDir, file!))).mtimeMs).toBe(written);
  }, 120_000);
});

/**
 * A package with its relationship ids and part names taken out: each r:id in the body is replaced by what it points
 * to (a footer's XML, a picture's bytes, a hyperlink's address).
 */
function normalised(docx: Uint8Array): { document: string; parts: Record<string, string> } {
  const files = unzipSync(docx);
  const text = (name: string) => new TextDecoder().decode(files[name]);
  const targets = new Map<string, string>();
  for (const [, id, target] of text('word/_rels/document.xml.rels').matchAll(/<Relationship Id="([^"]+)" Type="[^"]+" Target="([^"]+)"/g)) {
    const part = files[`word/${target}`];
    targets.set(id!, part ? sha(part) : target!);
  }
  const document = text('word/document.xml').replace(/\br:(id|embed)="([^"]+)"/g, (_m, attr: string, id: string) => `r:${attr}="${targets.get(id) ?? `?${id}`}"`);
  const parts: Record<string, string> = {};
  for (const name of Object.keys(files).sort()) {
    if (/^word\/(document\.xml|_rels\/document\.xml\.rels|footer\d+\.xml|_rels\/footer\d+\.xml\.rels|media\/)/.test(name) || name === '[Content_Types].xml') continue;
    parts[name] = sha(files[name]!);
  }
  const footers = Object.keys(files).filter((n) => /^word\/footer\d+\.xml$/.test(n)).map((n) => sha(files[n]!)).sort();
  const media = Object.keys(files).filter((n) => n.startsWith('word/media/')).map((n) => sha(files[n]!)).sort();
  return { document, parts: { ...parts, footers: footers.join(','), media: media.join(','), overrides: String(text('[Content_Types].xml').match(/<Override /g)?.length) } };
}

describe('batches', () => {
  it('join into the document written in one piece', async () => {
    for (const model of [sampleModel, () => bigModel(6), sectionEndingInFullTable, footnotesInRuns]) {
      const one = await renderDocxWithReport(model(), { profile: GB9704 });
      for (const batch of [1, 40]) {
        const many = await renderDocxWithReport(model(), { profile: GB9704, batch });
        expect(many.report.toc).toEqual(one.report.toc);
        expect(normalised(many.buffer)).toEqual(normalised(one.buffer));
      }
    }
  }, 120_000);

  it('write a picture shown in several batches once', async () => {
    const model = sampleModel();
    const body = model.sections.find((s) => s.blocks.some((b) => b.type === 'figure'))!;
    const figure = body.blocks.find((b) => b.type === 'figure')!;
    model.sections.push({ kind: 'body', orientation: 'portrait', blocks: [heading(1, undefined, '再次', 'again'), { ...figure, anchor: 'fig-again' }] });
    const files = unzipSync((await renderDocxWithReport(model, { profile: GB9704, batch: 1 })).buffer);
    expect(Object.keys(files).filter((n) => n.startsWith('word/media/')).sort()).toEqual(['word/media/image1.png', 'word/media/image1.svg']);
    expect(new TextDecoder().decode(files['word/document.xml']).match(/<asvg:svgBlip\b[^>]*r:embed="rId\d+"/g)).toHaveLength(2);
  }, 60_000);
});
