/** Stadium nodes as rounded rectangles (flowchart/stadium.ts), on real Mermaid output drawn by real Chromium, compared with resvg. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSettings } from '../../src/flowchart/config.js';
import { powerToMermaid } from '../../src/flowchart/generate.js';
import { rasterise } from '../../src/flowchart/png.js';
import { FlowchartRenderer, isFailure } from '../../src/flowchart/renderer.js';
import { plainStadiums } from '../../src/flowchart/stadium.js';
import { bigPower } from './fixtures.js';
import { squash, svgTexts } from './helpers.js';

const settings = renderSettings();

/** Pixels whose colour differs by more than `by` in some channel (PNGs of the same size, decoded by resvg). */
async function differingPixels(a: string, b: string, width: number, height: number): Promise<{ differ: number; total: number }> {
  const { Resvg } = await import('@resvg/resvg-js');
  const draw = (svg: string) => new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render().pixels;
  const pa = draw(a), pb = draw(b);
  expect(pa.length).toBe(pb.length);
  let differ = 0;
  for (let i = 0; i < pa.length; i += 4) {
    if (Math.max(Math.abs(pa[i]! - pb[i]!), Math.abs(pa[i + 1]! - pb[i + 1]!), Math.abs(pa[i + 2]! - pb[i + 2]!), Math.abs(pa[i + 3]! - pb[i + 3]!)) > 96) differ++;
  }
  return { differ, total: Math.round(width) * Math.round(height) };
}

describe('plainStadiums', () => {
  let renderer: FlowchartRenderer;
  beforeAll(async () => { renderer = await FlowchartRenderer.launch({ concurrency: 1 }); });
  afterAll(async () => { await renderer?.close(); });

  const render = async (source: string) => {
    const r = await renderer.render(source, ['svg']);
    if (isFailure(r)) throw new Error(r.error);
    return r;
  };

  it('writes the 开始/办结 nodes of a generated flowchart as rounded rects: same texts, same picture, a fraction of the data', async () => {
    const r = await render(powerToMermaid(bigPower()));
    const svg = r.svg!;
    const groups = svg.match(/class="basic label-container outer-path"/g)?.length ?? 0;
    expect(groups).toBeGreaterThanOrEqual(2);
    const plain = plainStadiums(svg);
    // Every stadium replaced, nothing else touched: the texts and all other elements as they were.
    expect(plain.match(/outer-path"><rect [^>]*rx="[\d.]+"/g)?.length).toBe(groups);
    expect(plain).not.toMatch(/outer-path"><path/);
    expect(svgTexts(plain).map(squash)).toEqual(svgTexts(svg).map(squash));
    expect(plain.replace(/<g class="basic label-container outer-path">.*?<\/g>/g, '')).toBe(svg.replace(/<g class="basic label-container outer-path">.*?<\/g>/g, ''));
    expect(plain.length).toBeLessThan(svg.length * 0.6);
    // Drawn by resvg, the pictures differ only along the outlines' anti-aliased edges.
    const { differ, total } = await differingPixels(svg, plain, r.width, r.height);
    expect(differ / total).toBeLessThan(0.002);
    // The rect has the fill and stroke Mermaid gave the paths.
    const first = /<g class="basic label-container outer-path">(<path [^>]*\/>)(<path [^>]*\/>)<\/g>/.exec(svg)!;
    const rect = /outer-path">(<rect [^>]*\/>)/.exec(plain)![1]!;
    expect(rect).toContain(`fill="${/\sfill="([^"]*)"/.exec(first[1]!)![1]}"`);
    expect(rect).toContain(`stroke="${/\sstroke="([^"]*)"/.exec(first[2]!)![1]}"`);
    // The PNG fallback of the same drawing is still drawn from it.
    const png = await rasterise(plain, r.width, r.height, settings);
    expect(png.png.length).toBeGreaterThan(1000);
  }, 60_000);

  it('leaves other rough.js shapes of a hand-written diagram alone (hexagon, circle, hand-drawn look)', async () => {
    const classic = (await render('flowchart TD\n  a{{"准备"}} --> b(("审核")) --> c(["办结"])\n')).svg!;
    const plain = plainStadiums(classic);
    // Only the stadium (办结) became a rect; the hexagon and circle keep what Mermaid drew.
    const shapes = (s: string) => [...s.matchAll(/<g class="node[^"]*"[^>]*>(<g class="basic label-container[^"]*">)?<(\w+)/g)].map((m) => m[2]);
    expect(shapes(classic)).toHaveLength(3);
    expect(shapes(plain).filter((t, i) => t !== shapes(classic)[i])).toEqual(['rect']);
    const sketch = (await render('---\nconfig:\n  look: handDrawn\n---\nflowchart TD\n  a(["开始"]) --> b["受理"]\n')).svg!;
    expect(sketch).toContain('outer-path');
    expect(plainStadiums(sketch)).toBe(sketch);
  }, 60_000);
});
