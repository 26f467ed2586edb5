/**
 * Mermaid draws a stadium node (`(["开始"])`: the 开始/办结 ends of every generated flowchart and the page connectors)
 * through rough.js even in the classic look (roughness 0): its outline is a polygon of 104 points traced as Bézier
 * curves, the fill once and the stroke twice, about 40 KB of path data a node with coordinates to 16 digits. In a
 * generated flowchart of ≈ 110 KB that is three quarters of the file, and what Chromium spends most of its time on
 * when it loads and prints the compendium's drawings (bench/RESULTS.md, pdf).
 *
 * `plainStadiums` writes each such node as the shape it is, one `<rect>` with rounded ends (rx = ry = half its
 * height), with the fill of the fill path, the stroke of the outline path and their style: the same picture. A group is
 * replaced only when every point of its paths lies on the outline of that rounded rectangle (within 0.5 px): another
 * shape of a hand-drawn diagram drawn by rough.js (a hexagon, a circle, a hand-drawn look) is left as it is.
 */

const GROUP = /<g class="basic label-container outer-path">(<path [^>]*\/>)(<path [^>]*\/>)<\/g>/g;
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const TOLERANCE = 0.5;

/** The numbers of a path's data, in pairs (Mermaid's rough paths use only M and C, absolute). */
function coordinates(d: string): number[] | undefined {
  if (/[^MC\d\s,.-]/.test(d)) return undefined;
  const out: number[] = [];
  const re = /-?[\d.]+/g;
  for (let m; (m = re.exec(d));) {
    const v = +m[0];
    if (v !== v) return undefined;
    out.push(v);
  }
  return out.length >= 8 && out.length % 2 === 0 ? out : undefined;
}

/** The rounded rectangle (x, y, w, h, r) both paths trace, or undefined when they trace something else. */
function stadiumOf(ds: string[]): { x: number; y: number; w: number; h: number; r: number } | undefined {
  const all: number[][] = [];
  let x = Infinity, y = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (const d of ds) {
    const c = coordinates(d);
    if (!c) return undefined;
    for (let i = 0; i < c.length; i += 2) {
      x = Math.min(x, c[i]!); x2 = Math.max(x2, c[i]!); y = Math.min(y, c[i + 1]!); y2 = Math.max(y2, c[i + 1]!);
    }
    all.push(c);
  }
  const w = x2 - x, h = y2 - y, r = h / 2;
  if (!(h > 0) || w < h - TOLERANCE) return undefined;
  const cy = y + r, left = x + r, right = x2 - r;
  // Distance from the outline: the straight sides between the centres of the ends, the half circles beyond them.
  for (const c of all) {
    for (let i = 0; i < c.length; i += 2) {
      const px = c[i]!, py = c[i + 1]!;
      const off = px >= left && px <= right ? Math.abs(Math.abs(py - cy) - r) : Math.abs(Math.hypot(px - (px < left ? left : right), py - cy) - r);
      if (off > TOLERANCE) return undefined;
    }
  }
  return { x, y, w, h, r };
}

const n = (v: number) => String(Math.round(v * 1000) / 1000);

/** The SVG with each stadium node's rough.js paths written as one rounded `<rect>` (see above). */
export function plainStadiums(svg: string): string {
  return svg.replace(GROUP, (whole, fillPath: string, strokePath: string) => {
    const fd = attr(fillPath, 'd'), sd = attr(strokePath, 'd');
    if (fd === undefined || sd === undefined || attr(fillPath, 'stroke') !== 'none' || attr(strokePath, 'fill') !== 'none') return whole;
    const s = stadiumOf([fd, sd]);
    if (!s) return whole;
    const fill = attr(fillPath, 'fill') ?? 'none';
    const stroke = attr(strokePath, 'stroke') ?? 'none';
    const width = attr(strokePath, 'stroke-width');
    const dash = attr(strokePath, 'stroke-dasharray');
    const style = attr(strokePath, 'style') || attr(fillPath, 'style');
    return `<g class="basic label-container outer-path"><rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" rx="${n(s.r)}" ry="${n(s.r)}" fill="${fill}" stroke="${stroke}"${width ? ` stroke-width="${width}"` : ''}${dash && dash !== '0 0' ? ` stroke-dasharray="${dash}"` : ''}${style ? ` style="${style}"` : ''}/></g>`;
  });
}
