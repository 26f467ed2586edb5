/** Print resolution of flowchart PNGs. */
import type { PngOptions } from './config.js';
import { DEFAULT_PNG } from './config.js';

/** CSS pixels per inch: what an SVG's width means when printed at its natural size. */
const CSS_DPI = 96;

/**
 * The device scale factor for a diagram of `width` × `height` CSS px, so that the PNG has at least `dpi` both
 * at its natural size and when stretched to the full print width (a DOCX build may do either), but no side
 * longer than `maxPixels` (Chromium's limit; a diagram that large is never printed that wide on a page anyway).
 */
export function pngScale(width: number, height: number, opts: PngOptions = {}): number {
  const { dpi, printWidthMm, maxPixels } = { ...DEFAULT_PNG, ...opts };
  const fullWidthPx = (printWidthMm / 25.4) * dpi;
  const scale = Math.max(dpi / CSS_DPI, fullWidthPx / Math.max(1, Math.ceil(width)));
  const cap = maxPixels / Math.max(1, Math.ceil(width), Math.ceil(height));
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
