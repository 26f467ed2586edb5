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
  latinFonts: {
    body: 'Times New Roman',
    title: 'Times New Roman',
    heading1: 'Times New Roman',
    heading2: 'Times New Roman',
    pageNumber: '宋体',
    table: 'Times New Roman',
  },
  pageNumberOffsetMm: 7,
};

export const MM_PER_PT = 25.4 / 72;
