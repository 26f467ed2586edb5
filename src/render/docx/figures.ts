/**
 * Figures (flowcharts): the SVG with its PNG as fallback when both exist (Word 2016+ and LibreOffice draw the SVG,
 * older Word the PNG), else the PNG; at most as wide as the text block and as tall as a page leaves room for with
 * the caption, and never larger than the profile's figure box, which flowchart PNGs are made for (flowchart/config.ts
 * DEFAULT_PNG, so the PNG has its full resolution at the size it is printed), in the drawing's proportions, never enlarged. The
 * caption goes below it.
 *
 * docx gets stand-ins for the pictures' bytes (media.ts); the package gets the real ones.
 */
import { Bookmark, ImageRun, Paragraph, TextRun, type FileChild, type ParagraphChild } from '#docx';
import type { Figure } from '../../document/model.js';
import type { BlockScope, RenderContext } from './context.js';
import { pageOf, PX_PER_TWIP } from './geometry.js';
import { runOptions } from './inlines.js';
import { solidPng } from './png.js';
import { StyleId } from './styles.js';

/** Display size in pixels (96 per inch): the intrinsic size, scaled down to fit `maxWidth` × `maxHeight`. */
export function fitSize(width: number, height: number, maxWidth: number, maxHeight: number): { width: number; height: number } {
  const w = width > 0 ? width : maxWidth;
  const h = height > 0 ? height : maxHeight / 2;
  const scale = Math.min(1, maxWidth / w, maxHeight / h);
  return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)) };
}

/**
 * The box figures are fitted into (twips): the profile's figure box (which flowchart PNGs are made for), within the
 * page's text block less the grid lines kept for the caption.
 */
export function figureBox(ctx: RenderContext, orientation: 'portrait' | 'landscape'): { width: number; height: number } {
  const g = ctx.geometry;
  const page = pageOf(g, orientation);
  return {
    width: Math.min(page.textWidth, g.figure.width),
    height: Math.min(page.textHeight - g.figure.captionLines * g.linePitch, g.figure.height),
  };
}

function imageRun(ctx: RenderContext, f: Figure, size: { width: number; height: number }, index: number): ImageRun | undefined {
  const altText = { name: `figure-${index}`, title: f.caption ?? f.alt, description: f.alt };
  const transformation = size;
  if (f.svg !== undefined) {
    // docx needs a raster fallback for an SVG; without the model's PNG it is a blank one.
    const fallback = f.png !== undefined ? ctx.media.binary('png', f.png) : solidPng(1, 1);
    return new ImageRun({
      type: 'svg',
      data: ctx.media.svg(f.svg),
      fallback: { type: 'png', data: fallback },
      transformation,
      altText,
    });
  }
  if (f.png !== undefined) return new ImageRun({ type: 'png', data: ctx.media.binary('png', f.png), transformation, altText });
  return undefined;
}

export function renderFigure(ctx: RenderContext, f: Figure, scope: BlockScope, pageBreakBefore: boolean, index: number): FileChild[] {
  const box = figureBox(ctx, scope.orientation);
  const size = fitSize(f.width, f.height, Math.floor(box.width * PX_PER_TWIP), Math.floor(box.height * PX_PER_TWIP));
  const run = imageRun(ctx, f, size, index);
  const content: ParagraphChild[] = run
    ? [run]
    : [new TextRun(runOptions(ctx, { role: 'body' }, { text: `［${f.alt}］` }))];
  const name = ctx.bookmarks.place(f.anchor);
  const out: FileChild[] = [
    new Paragraph({
      style: StyleId.figure,
      ...(f.caption ? { keepNext: true } : {}),
      ...(pageBreakBefore ? { pageBreakBefore: true } : {}),
      children: name === undefined ? content : [new Bookmark({ id: name, children: content })],
    }),
  ];
  if (f.caption) {
    out.push(
      new Paragraph({
        style: StyleId.caption,
        children: [new TextRun(runOptions(ctx, { role: 'heading1' }, { text: f.caption }))],
      }),
    );
  }
  return out;
}
