/** Page layout profile. Default: GB/T 9704-2012 (党政机关公文格式). A repository may override fields in powerbook.yaml `layout`. */
export type FontRole = 'body' | 'title' | 'heading1' | 'heading2' | 'pageNumber' | 'table';

export interface LayoutProfile {
  name: string;
  page: { widthMm: number; heightMm: number };
  marginMm: { top: number; bottom: number; left: number; right: number };
  /** Lines per page and characters per line of the body grid. */
  grid: { lines: number; chars: number };
  /** Font sizes in points. */
  sizePt: { body: number; title: number; heading: number; pageNumber: number; table: number };
  /** Font family names written into documents by role (what Word/WPS on Chinese Windows has). */
  fonts: Record<FontRole, string>;
  /** Latin font names by role. */
  latinFonts: Record<FontRole, string>;
  /** Distance from the text block's bottom edge to the page number baseline area. */
  pageNumberOffsetMm: number;
}

export const GB9704: LayoutProfile = {
  name: 'GB/T 9704-2012',
  page: { widthMm: 210, heightMm: 297 },
  marginMm: { top: 37, bottom: 35, left: 28, right: 26 },
  grid: { lines: 22, chars: 28 },
  sizePt: { body: 16, title: 22, heading: 16, pageNumber: 14, table: 12 },
  fonts: {
    body: '仿宋_GB2312',
    title: '方正小标宋简体',
    heading1: '黑体',
    heading2: '楷体_GB2312',
    pageNumber: '宋体',
    table: '仿宋_GB2312',
  },
  // Latin letters and digits in the same fonts as the Chinese text (half-width forms of 仿宋_GB2312 …), as many 公文
  // templates set them: the DOCX then lays out alike wherever the official fonts or their substitutes are installed,
  // Times New Roman or not (LibreOffice without it measures a wider serif, and its 目录 no longer holds).
  latinFonts: {
    body: '仿宋_GB2312',
    title: '方正小标宋简体',
    heading1: '黑体',
    heading2: '楷体_GB2312',
    pageNumber: '宋体',
    table: '仿宋_GB2312',
  },
  pageNumberOffsetMm: 7,
};

export const MM_PER_PT = 25.4 / 72;

/** A page of the profile, in millimetres. A landscape page keeps the portrait margins (binding and numbers stay put). */
export interface PageBox {
  orientation: 'portrait' | 'landscape';
  widthMm: number;
  heightMm: number;
  marginMm: LayoutProfile['marginMm'];
  /** The text block (版心). */
  textWidthMm: number;
  textHeightMm: number;
}

/**
 * The one page geometry of a profile, in millimetres and points: what the DOCX (render/docx/geometry.ts, in twips),
 * the print CSS (render/pdf/css.ts, in CSS px) and the flowchart print box (flowchart/config.ts) are made from. Each
 * backend only converts these to its unit, rounding as its format needs.
 */
export interface PageGeometry {
  portrait: PageBox;
  landscape: PageBox;
  /** The body grid's line pitch: the text block's height over `grid.lines`. */
  linePitchMm: number;
  /** The body grid's character pitch: the text block's width over `grid.chars`, in points. */
  charPitchPt: number;
  /** Where the page number's line sits: `pageNumberOffsetMm` below the text block, measured from the page's bottom edge. */
  footerMm: number;
  /** The header's distance from the top edge (no header is printed; Word wants one). */
  headerMm: number;
  /**
   * The box a figure (a flowchart) is printed in on a portrait page: the text block's width, and its height less
   * `captionLines` grid lines (the caption below it, which may take two lines, and the picture's own line spacing).
   */
  figure: { captionLines: number; widthMm: number; heightMm: number };
}

export function pageGeometry(profile: LayoutProfile): PageGeometry {
  const { page, marginMm: m, grid, sizePt } = profile;
  const box = (orientation: PageBox['orientation']): PageBox => {
    const [w, h] = orientation === 'portrait' ? [page.widthMm, page.heightMm] : [page.heightMm, page.widthMm];
    return { orientation, widthMm: w, heightMm: h, marginMm: m, textWidthMm: w - m.left - m.right, textHeightMm: h - m.top - m.bottom };
  };
  const portrait = box('portrait');
  const linePitchMm = portrait.textHeightMm / grid.lines;
  // GB/T 9704: the dash 7 mm below the text block; Word measures the footer distance from the page's bottom edge to
  // the footer's line, whose middle is half the number's size above its bottom.
  const pageNumberLineMm = sizePt.pageNumber * MM_PER_PT;
  const captionLines = 3;
  return {
    portrait,
    landscape: box('landscape'),
    linePitchMm,
    charPitchPt: (portrait.textWidthMm / MM_PER_PT) / grid.chars,
    footerMm: Math.max(5, m.bottom - profile.pageNumberOffsetMm - pageNumberLineMm / 2),
    headerMm: Math.max(5, m.top - 15),
    figure: { captionLines, widthMm: portrait.textWidthMm, heightMm: portrait.textHeightMm - captionLines * linePitchMm },
  };
}
