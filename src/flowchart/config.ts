/**
 * The settings a flowchart is drawn with. Everything here goes into the cache key (cache.ts), so a change of
 * font, theme or Mermaid version re-renders instead of serving a stale picture.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { GB9704, pageGeometry } from '../domain/profile.js';

/** Bump when the page script or post-processing changes the output for the same Mermaid source. */
export const RENDERER_VERSION = 3;

/** FandolFang is what fontconfig gives 仿宋_GB2312; Noto CJK covers what Fandol lacks. CJK must never fall to tofu. */
export const DEFAULT_FONT_FAMILY = '"FandolFang","Noto Sans CJK SC",sans-serif';

export type MermaidTheme = 'default' | 'neutral' | 'forest' | 'base';
/** Grey boxes print well in black and white; the risk colours (generate.ts) stand out against them. */
export const DEFAULT_THEME: MermaidTheme = 'neutral';

export type FlowchartFormat = 'svg' | 'png';

/**
 * How large a PNG must be: ≥ `dpi` at the size it is printed, which is its natural size (96 CSS px to the inch)
 * scaled down, never up, to fit a box of `printWidthMm` × `printHeightMm`. The DOCX backend (docx/figures.ts) fits
 * figures into the same box, so the two agree.
 */
export interface PngOptions {
  dpi?: number;
  /** The widest the picture is printed: the text width of the page (156 mm on GB/T 9704). */
  printWidthMm?: number;
  /**
   * The tallest the picture is printed: the page's text block (225 mm) less three grid lines for the caption leaves
   * 194.3 mm, so a figure is never printed taller than this.
   */
  printHeightMm?: number;
  /** Chromium cannot capture more than this many pixels along either side. */
  maxPixels?: number;
}

export interface RenderSettings {
  fontFamily: string;
  theme: MermaidTheme;
  png: Required<PngOptions>;
}

/** The box a figure is printed in on the compendium's page (domain/profile.ts: 156 × 194.3 mm on GB/T 9704). */
const FIGURE_BOX = pageGeometry(GB9704).figure;

export const DEFAULT_PNG: Required<PngOptions> = { dpi: 300, printWidthMm: FIGURE_BOX.widthMm, printHeightMm: FIGURE_BOX.heightMm, maxPixels: 16_384 };

/** Mermaid's text size (16 px = 12 pt at the drawing's natural size). */
export const FLOWCHART_FONT_PT = 12;
/**
 * The smallest the text of a generated flowchart is printed: 五号 (10.5 pt), the smallest text of an office's own
 * pages (tables are 小四, the body 三号).
 */
export const FLOWCHART_MIN_FONT_PT = 10.5;
/**
 * The box a flowchart is printed in on a GB/T 9704 page: the text block's width, its height less the caption
 * (domain/profile.ts `pageGeometry`, which docx/figures.ts and pdf/css.ts read too).
 */
export const FLOWCHART_BOX_MM = { width: FIGURE_BOX.widthMm, height: FIGURE_BOX.heightMm } as const;

const cssPx = (mm: number): number => (mm / 25.4) * 96;

/** How much a drawing may be shrunk into FLOWCHART_BOX_MM and still print its text at FLOWCHART_MIN_FONT_PT. */
const MIN_SCALE = FLOWCHART_MIN_FONT_PT / FLOWCHART_FONT_PT;

/**
 * How large one page of a generated flowchart may be drawn (CSS px) so that, shrunk into FLOWCHART_BOX_MM, its text is
 * still FLOWCHART_MIN_FONT_PT: 839 × 673 px at 10.5 pt. generate.ts cuts a longer procedure into pages of at most
 * this height; a page wider than this has its labels wrapped narrower (paged.ts) before it is printed smaller.
 */
export const FLOWCHART_PAGE = {
  maxHeightPx: Math.floor(cssPx(FLOWCHART_BOX_MM.height) / MIN_SCALE),
  maxWidthPx: Math.floor(cssPx(FLOWCHART_BOX_MM.width) / MIN_SCALE),
} as const;

/** The size text of a drawing `width` × `height` px is printed at in FLOWCHART_BOX_MM (pt). */
export function printedFontPt(width: number, height: number): number {
  return FLOWCHART_FONT_PT * Math.min(1, cssPx(FLOWCHART_BOX_MM.width) / Math.max(1, width), cssPx(FLOWCHART_BOX_MM.height) / Math.max(1, height));
}

/** Whether a drawing `width` × `height` px prints its text at FLOWCHART_MIN_FONT_PT or more (to a twentieth of a pt). */
export function legible(width: number, height: number): boolean {
  return printedFontPt(width, height) >= FLOWCHART_MIN_FONT_PT - 0.05;
}

export function renderSettings(opts: { fontFamily?: string; theme?: MermaidTheme; png?: PngOptions } = {}): RenderSettings {
  return {
    fontFamily: opts.fontFamily ?? DEFAULT_FONT_FAMILY,
    theme: opts.theme ?? DEFAULT_THEME,
    png: { ...DEFAULT_PNG, ...opts.png },
  };
}

/** The object given to `mermaid.initialize` in the page. */
export function mermaidConfig(settings: RenderSettings): Record<string, unknown> {
  return {
    startOnLoad: false,
    // strict: Mermaid sanitises labels with DOMPurify and disables `click` callbacks.
    securityLevel: 'strict',
    theme: settings.theme,
    // SVG <text> instead of <foreignObject>: Word, LibreOffice and PDF converters cannot draw foreignObject.
    htmlLabels: false,
    markdownAutoWrap: false,
    fontFamily: settings.fontFamily,
    themeVariables: { fontFamily: settings.fontFamily },
    // Closer ranks and nodes than Mermaid's 50 px: a procedure of 20 steps is tall, and every px of it is shrunk to fit A4.
    flowchart: { htmlLabels: false, useMaxWidth: false, rankSpacing: 28, nodeSpacing: 24, padding: 8, diagramPadding: 8 },
    // Same source, same SVG: the cache and reproducible builds depend on it. Rounded shapes (开始/办结) are
    // drawn by rough.js, whose random control points change every render unless seeded.
    deterministicIds: true,
    handDrawnSeed: 1,
    // A broken diagram must throw, not draw Mermaid's "bomb" picture.
    suppressErrorRendering: true,
    // The default 50,000 characters is reached by a long procedure whose labels are full of escapes.
    maxTextSize: 1_000_000,
    // A hand-written diagram's %%{init}%% must not turn HTML labels back on.
    secure: ['secure', 'securityLevel', 'startOnLoad', 'maxTextSize', 'suppressErrorRendering', 'maxEdges', 'htmlLabels'],
  };
}

const require = createRequire(import.meta.url);

/** The browser bundle loaded once per page: no network, no module loader. */
export function mermaidBundlePath(): string {
  return require.resolve('mermaid/dist/mermaid.min.js');
}

let version: string | undefined;
export function mermaidVersion(): string {
  version ??= (JSON.parse(readFileSync(require.resolve('mermaid/package.json'), 'utf8')) as { version: string }).version;
  return version;
}
