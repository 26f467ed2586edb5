/** Print resolution of flowchart PNGs. */
import type { PngOptions } from './config.js';
import { DEFAULT_PNG } from './config.js';

/** CSS pixels per inch: what an SVG's width means when printed at its natural size. */
const CSS_DPI = 96;

/**
 * The device scale factor for a diagram of `width` × `height` CSS px, so that the PNG has `dpi` at the size it is
 * printed: its natural size, scaled down (never up) to fit `printWidthMm` × `printHeightMm` — as the DOCX figure is
 * (docx/figures.ts fits it into the same box). A tall diagram printed narrow thus gets no more pixels than it can
 * show. No side longer than `maxPixels` (Chromium's limit).
 */
export function pngScale(width: number, height: number, opts: PngOptions = {}): number {
  const { dpi, printWidthMm, printHeightMm, maxPixels } = { ...DEFAULT_PNG, ...opts };
  // Chromium captures whole CSS pixels.
  const w = Math.max(1, Math.ceil(width));
  const h = Math.max(1, Math.ceil(height));
  const fit = Math.min(1, (printWidthMm / 25.4) * CSS_DPI / w, (printHeightMm / 25.4) * CSS_DPI / h);
  // Printed size in whole px (the DOCX rounds it), then the pixels that give it `dpi`; half a pixel more so that
  // Chromium's rounding of the capture never leaves it one short.
  const need = (side: number): number => Math.ceil((Math.ceil(side * fit) * dpi) / CSS_DPI) + 0.5;
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
