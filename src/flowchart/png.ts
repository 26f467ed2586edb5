/**
 * Flowchart PNGs (the DOCX's fallback picture beside the SVG): the SVG Mermaid drew in Chromium, rasterised in Node by
 * resvg (@resvg/resvg-js, a prebuilt binary in the npm package), at print resolution. Chromium's screenshots were not
 * byte-stable (the same SVG gave PNGs that differed from run to run, so two clean builds gave different DOCX files);
 * resvg draws the same SVG with the same fonts to the same bytes, every time.
 *
 * The fonts are the ones fontconfig gives the diagram's font families (as Chromium's were, when Mermaid measured the
 * labels), with fontconfig's fallbacks for the first family: resvg takes a character its font lacks (⚠) from the first
 * of them that has it, as Chromium does (fontOptions).
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import type { PngOptions, RenderSettings } from './config.js';
import { DEFAULT_PNG } from './config.js';

/** CSS pixels per inch: what an SVG's width means when printed at its natural size. */
const CSS_DPI = 96;

/**
 * The zoom for a diagram of `width` × `height` CSS px, so that the PNG has `dpi` at the size it is printed: its
 * natural size, scaled down (never up) to fit `printWidthMm` × `printHeightMm` — as the DOCX figure is
 * (docx/figures.ts fits it into the same box). A tall diagram printed narrow thus gets no more pixels than it can
 * show. No side longer than `maxPixels`.
 */
export function pngScale(width: number, height: number, opts: PngOptions = {}): number {
  const { dpi, printWidthMm, printHeightMm, maxPixels } = { ...DEFAULT_PNG, ...opts };
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  const fit = Math.min(1, (printWidthMm / 25.4) * CSS_DPI / Math.ceil(w), (printHeightMm / 25.4) * CSS_DPI / Math.ceil(h));
  // Printed size in whole px (the DOCX rounds the natural size up), then the pixels that give it `dpi`; half a pixel
  // more so that the rasteriser's rounding of `side × zoom` never leaves it one short.
  const need = (side: number): number => Math.ceil((Math.ceil(Math.ceil(side) * fit) * dpi) / CSS_DPI) + 0.5;
  const scale = Math.max(need(w) / w, need(h) / h);
  const cap = maxPixels / Math.max(w, h);
  return Math.min(scale, cap);
}

/** Width and height from a PNG's IHDR chunk, or null if the data is not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } | null {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || !sig.every((b, i) => png[i] === b)) return null;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (String.fromCharCode(png[12], png[13], png[14], png[15]) !== 'IHDR') return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const require = createRequire(import.meta.url);

/** What draws the PNGs, for the cache key: a new resvg may draw other pixels. */
export function rasteriserVersion(): string {
  const { version } = require('@resvg/resvg-js/package.json') as { version: string };
  return `resvg-js ${version}`;
}

export interface Rasterised { png: Buffer; pngWidth: number; pngHeight: number }

/**
 * The PNG of an SVG of `width` × `height` CSS px (its natural size) at print resolution (pngScale), on white.
 * Runs on libuv's thread pool, not on the main thread. Throws if resvg cannot read the SVG.
 */
export async function rasterise(svg: string, width: number, height: number, settings: RenderSettings): Promise<Rasterised> {
  // Loaded here: a build served from the cache does not load the native module.
  const { renderAsync } = await import('@resvg/resvg-js');
  const options: ResvgRenderOptions = {
    font: fontOptions(settings.fontFamily),
    fitTo: { mode: 'zoom', value: pngScale(width, height, settings.png) },
    background: '#ffffff',
    logLevel: 'off',
  };
  const image = await renderAsync(svg, options);
  const png = image.asPng();
  const size = pngSize(png);
  if (!size) throw new Error('resvg returned something that is not a PNG');
  return { png, pngWidth: size.width, pngHeight: size.height };
}

const fontsByFamily = new Map<string, NonNullable<ResvgRenderOptions['font']>>();

/**
 * The font files resvg loads for a CSS font-family list: fontconfig's match for the first family and its fallbacks, in
 * fontconfig's order, then its match for each other family (generic ones too). Loading only these (≈ 10 files) rather than every system font
 * keeps a diagram at ≈ 0.3 s instead of ≈ 0.8 s. Without fontconfig's fc-match, resvg loads the system fonts itself.
 */
export function fontOptions(fontFamily: string): NonNullable<ResvgRenderOptions['font']> {
  let options = fontsByFamily.get(fontFamily);
  if (options) return options;
  const families = fontFamily.split(',').map((f) => f.trim().replace(/^["']|["']$/g, '')).filter(Boolean);
  const match = (pattern: string, format: string, sorted = false): string[] =>
    execFileSync('fc-match', [...(sorted ? ['-s'] : []), '-f', format, pattern], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 })
      .split('\n').filter(Boolean);
  try {
    // Order matters: for a character its font lacks, resvg tries the loaded fonts in order, and when the first one
    // that has it has every other character of the line too, it draws the whole line with that font. So the first
    // family's fallbacks (DejaVu Sans for ⚠: no CJK) come before the other families (Noto Sans CJK, which has ⚠ as
    // well as the Chinese), and ⚠ alone is drawn from them, as Chromium does.
    const first = families[0] ?? 'sans-serif';
    const files = [
      ...[...new Set(match(first, '%{file}\n', true))].slice(0, FALLBACK_FILES),
      ...[...families.slice(1), 'sans-serif', 'serif'].map((f) => match(f, '%{file}')[0]),
    ].filter((f): f is string => Boolean(f));
    const familyOf = (pattern: string): string | undefined => match(pattern, '%{family[0]}')[0];
    options = {
      loadSystemFonts: false,
      fontFiles: [...new Set(files)],
      defaultFontFamily: familyOf(first),
      sansSerifFamily: familyOf('sans-serif'),
      serifFamily: familyOf('serif'),
    };
  } catch {
    options = { loadSystemFonts: true, defaultFontFamily: families[0], sansSerifFamily: families.find((f) => f !== 'sans-serif') };
  }
  fontsByFamily.set(fontFamily, options);
  return options;
}

/** How many of fontconfig's fallbacks for the first family are loaded (the files, not the faces, of a sorted list). */
const FALLBACK_FILES = 8;
