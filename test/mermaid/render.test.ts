/** Real Chromium, real Mermaid, real resvg: what ends up in the SVG and the PNG. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { powerToMermaid } from '../../src/flowchart/generate.js';
import { figureBox, fitSize } from '../../src/render/docx/figures.js';
import { geometryOf, PX_PER_TWIP } from '../../src/render/docx/geometry.js';
import { pngScale } from '../../src/flowchart/png.js';
import { GB9704 } from '../../src/domain/profile.js';
import { FlowchartRenderer, isFailure, type RenderedFlowchart } from '../../src/flowchart/renderer.js';
import { bigPower, HOSTILE, hostilePower } from './fixtures.js';
import { chineseQuotes } from '../../src/domain/quotes.js';
import { countNonWhitePixels, squash, svgTexts } from './helpers.js';

function ok(r: Awaited<ReturnType<FlowchartRenderer['render']>>): RenderedFlowchart {
  if (isFailure(r)) throw new Error(r.error);
  return r;
}

/** Nothing in the SVG that a viewer could execute or that DOCX/PDF could not draw. */
function expectInert(svg: string): void {
  // Markup only: the hostile texts themselves (`<script>`, `javascript:`) rightly appear as escaped text content.
  const markup = svg.replace(/>[^<]*</g, '><');
  expect(markup).not.toMatch(/<script/i);
  expect(markup).not.toMatch(/<foreignObject/i);
  expect(markup).not.toMatch(/\son[a-z]+\s*=/i);
  expect(markup).not.toMatch(/<(a|img|iframe|object|embed|image)\b/i);
  expect(markup).not.toMatch(/javascript:/i);
}

describe('FlowchartRenderer', () => {
  let renderer: FlowchartRenderer;
  beforeAll(async () => {
    renderer = await FlowchartRenderer.launch({ concurrency: 2 });
  });
  afterAll(async () => {
    const pid = renderer?.pid;
    await renderer?.close();
    if (pid) expect(() => process.kill(pid, 0)).toThrow(); // no Chromium left behind
  });

  it('renders a 22-step procedure with branches, loops, risks and CJK labels to SVG and print PNG', async () => {
    const power = bigPower();
    const r = ok(await renderer.render(powerToMermaid(power), ['svg', 'png']));
    const svg = r.svg!;
    expectInert(svg);
    expect(svg).toMatch(/^<svg [^>]*width="[\d.]+"[^>]*height="[\d.]+"[^>]*viewBox="0 0 [\d.]+ [\d.]+"/);
    expect(svg).toContain('FandolFang');

    const texts = svgTexts(svg).map(squash);
    for (const step of power.procedure.steps) {
      expect(texts.some((t) => t.startsWith(squash(step.name))), step.name).toBe(true);
      expect(texts.some((t) => t.includes(squash(`承办：${step.actor}`))), step.actor).toBe(true);
    }
    for (const when of ['材料齐全、符合法定形式', '不属于本机关职权范围', '需补充审查']) expect(texts).toContain(when);
    for (const marker of ['⚠高风险', '⚠中风险', '⚠低风险']) expect(texts.some((t) => t.endsWith(marker))).toBe(true);
    expect(texts).toContain('图例：廉政风险等级');
    expect(svg.match(/stroke-dasharray/g)?.length).toBeGreaterThan(0); // dotted back edges / risk styles

    // PNG: at least 300 dpi at the size the DOCX prints it (and not much more), and actually drawn.
    const printed = printedSize(r.width, r.height);
    for (const [px, size] of [[r.pngWidth!, printed.width], [r.pngHeight!, printed.height]] as const) {
      expect((px / size) * 96).toBeGreaterThanOrEqual(300);
      expect((px / size) * 96).toBeLessThan(330);
    }
    const px = countNonWhitePixels(r.png!);
    expect(px.width).toBe(r.pngWidth);
    expect(px.height).toBe(r.pngHeight);
    expect(px.width / px.height).toBeCloseTo(Math.ceil(r.width) / Math.ceil(r.height), 1);
    expect(px.nonWhite / (px.width * px.height)).toBeGreaterThan(0.02);
  });

  it('shows hostile text literally and injects nothing', async () => {
    const power = hostilePower();
    const src = powerToMermaid(power);
    const svg = ok(await renderer.render(src, ['svg'])).svg!;
    expectInert(svg);
    const texts = svgTexts(svg).map(squash);
    // Quotation marks in Chinese text as the compendium prints them (domain/quotes.ts).
    for (const h of HOSTILE) {
      expect(texts.some((t) => t.includes(squash(chineseQuotes([h])[0]!))), h).toBe(true);
    }
    // One drawn node per generated node: the text created none of its own.
    const generated = src.match(/^\s+n\d+(\(\[|\[|\{)/gm)!.length;
    expect(svg.match(/<g class="node /g)?.length).toBe(generated);
    expect(svg).not.toContain('theme-dark');
  });

  it('gives the same SVG for the same source, byte for byte', async () => {
    const src = powerToMermaid(bigPower());
    const [a, b] = await Promise.all([renderer.render(src), renderer.render(src)]);
    expect(ok(a).svg).toBe(ok(b).svg);
  });

  it('returns an error for a broken diagram and still renders the others', async () => {
    const good = 'flowchart TD\n  a["甲"] --> b["乙"]\n';
    const results = await Promise.all([good, 'flowchart TD\n  a --> --> b\n', good.replace('乙', '丙')].map((s) => renderer.render(s)));
    expect(isFailure(results[0])).toBe(false);
    expect(isFailure(results[1]) && results[1].error).toMatch(/Parse error/);
    expect(squash(svgTexts(ok(results[2]).svg!).join(''))).toContain('丙');
  });

  it('restarts Chromium once when it dies, and renders on', async () => {
    const before = renderer.pid!;
    process.kill(before, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const r = await renderer.render('flowchart TD\n  a["重启后"] --> b\n');
    expect(svgTexts(ok(r).svg!)).toContain('重启后');
    expect(renderer.restarts).toBe(1);
    expect(renderer.pid).not.toBe(before);
  });
});

/** The size (px at 96 dpi) the DOCX prints a drawing of `width` × `height` CSS px at on a GB/T 9704 page. */
function printedSize(width: number, height: number): { width: number; height: number } {
  const g = geometryOf(GB9704);
  const ctx = { geometry: g } as Parameters<typeof figureBox>[0];
  const box = figureBox(ctx, 'portrait');
  return fitSize(width, height, Math.floor(box.width * PX_PER_TWIP), Math.floor(box.height * PX_PER_TWIP));
}

describe('pngScale', () => {
  it('gives 300 dpi at the size the drawing is printed: natural, or scaled down into the figure box (156 × 194.3 mm)', () => {
    // 300 dpi at that size, give or take the rounding to whole pixels
    const about = (scale: number, want: number) => {
      expect(scale).toBeGreaterThanOrEqual(want);
      expect(scale).toBeLessThan(want * 1.02);
    };
    about(pngScale(300, 400), 300 / 96); // small: printed at its natural size, never enlarged
    about(pngScale(2000, 300), ((156 / 25.4) * 300) / 2000); // wide: 156 mm across
    about(pngScale(300, 4000), ((((225 * 19) / 22) / 25.4) * 300) / 4000); // tall: the text block less 3 of its 22 lines down
    expect(pngScale(300, 10_000, { maxPixels: 1000 }) * 10_000).toBeLessThanOrEqual(1000); // Chromium's limit
  });

  it('is ≥ 300 dpi where the DOCX prints the drawing, whatever its shape', () => {
    for (const [w, h] of [[120.5, 80.2], [300, 400], [589.9, 200], [600, 2000], [2000, 300], [1999.6, 2600.3], [300, 5000], [5000, 5000], [800, 760]]) {
      const scale = pngScale(w, h);
      // resvg's drawing: the natural size times the zoom, rounded down at worst.
      const png = { width: Math.floor(w * scale), height: Math.floor(h * scale) };
      const printed = printedSize(w, h);
      expect((png.width / printed.width) * 96, `${w}×${h} across`).toBeGreaterThanOrEqual(300);
      expect((png.height / printed.height) * 96, `${w}×${h} down`).toBeGreaterThanOrEqual(300);
    }
  });
});
