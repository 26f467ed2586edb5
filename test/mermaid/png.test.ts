/** Flowchart PNGs drawn from the SVG by resvg: the same bytes every time, the Chinese text drawn with the system's CJK fonts. */
import { describe, expect, it } from 'vitest';
import { renderSettings } from '../../src/flowchart/config.js';
import { fontOptions, pngScale, rasterise } from '../../src/flowchart/png.js';
import { countNonWhitePixels } from './helpers.js';

const settings = renderSettings();
const svg = (text: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="240.5" height="60.25" viewBox="0 0 240.5 60.25">` +
  `<style>#t{font-family:${settings.fontFamily};font-size:16px;fill:#000}</style>` +
  `<rect x="4" y="4" width="232" height="52" fill="none" stroke="#999"/>` +
  `<text id="t" x="120" y="36" text-anchor="middle">${text}</text></svg>`;

describe('rasterise', () => {
  it('gives the same bytes for the same SVG, in one process and on threads at once', async () => {
    const drawn = await Promise.all([1, 2, 3].map(() => rasterise(svg('受理 ⚠ 高风险'), 240.5, 60.25, settings)));
    for (const d of drawn.slice(1)) expect(Buffer.compare(d.png, drawn[0]!.png)).toBe(0);
  });

  it('draws at print resolution: the natural size times pngScale', async () => {
    const { png, pngWidth, pngHeight } = await rasterise(svg('受理'), 240.5, 60.25, settings);
    const scale = pngScale(240.5, 60.25, settings.png);
    expect(Math.abs(pngWidth - 240.5 * scale)).toBeLessThanOrEqual(1);
    expect(Math.abs(pngHeight - 60.25 * scale)).toBeLessThanOrEqual(1);
    expect((pngWidth / Math.ceil(240.5)) * 96).toBeGreaterThanOrEqual(300);
    expect(countNonWhitePixels(png)).toMatchObject({ width: pngWidth, height: pngHeight });
  });

  it('draws the Chinese text (with the fonts fontconfig gives the diagram, Fandol and Noto CJK)', async () => {
    const box = countNonWhitePixels((await rasterise(svg(''), 240.5, 60.25, settings)).png).nonWhite;
    const text = countNonWhitePixels((await rasterise(svg('规范权力运行制度汇编'), 240.5, 60.25, settings)).png).nonWhite;
    // Ten characters at 16 px, drawn about three times over: thousands of dark pixels more than the empty box.
    expect(text - box).toBeGreaterThan(5_000);
    const fonts = fontOptions(settings.fontFamily);
    expect(fonts.loadSystemFonts).toBe(false);
    expect(fonts.defaultFontFamily).toBe('FandolFang');
    expect(fonts.fontFiles?.some((f) => /Fandol/i.test(f))).toBe(true);
    expect(fonts.fontFiles?.some((f) => /NotoSansCJK/i.test(f))).toBe(true);
  });

  it('takes ⚠ from a fallback without CJK, so that the rest of its line stays in FandolFang', () => {
    // resvg draws a whole line with the first fallback that has every character of it: Noto Sans CJK would take
    // over 受理 ⚠ 高风险 entirely. DejaVu Sans (fontconfig's first fallback for FandolFang) has ⚠ and no CJK.
    const files = fontOptions(settings.fontFamily).fontFiles ?? [];
    const dejavu = files.findIndex((f) => /DejaVuSans\./.test(f));
    expect(dejavu).toBeGreaterThan(0);
    expect(dejavu).toBeLessThan(files.findIndex((f) => /NotoSansCJK/i.test(f)));
  });

  it('rejects what is not an SVG', async () => {
    await expect(rasterise('<html>no</html>', 10, 10, settings)).rejects.toThrow();
  });
});
