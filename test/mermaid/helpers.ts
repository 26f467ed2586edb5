/** Reading rendered output without a DOM: SVG text content and PNG pixels. */
import { inflateSync } from 'node:zlib';

const XML_ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s.replace(XML_ENTITY, (_, d?: string, h?: string, n?: string) =>
    n ? NAMED[n] : String.fromCodePoint(d ? Number(d) : parseInt(h!, 16)));
}

/** The text content of each <text> element of an SVG, in document order. */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) => unescapeXml(m[1].replace(/<[^>]*>/g, '')));
}

/** Label text compared without whitespace: Mermaid splits lines and words into tspans and drops the spaces between. */
export function squash(s: string): string {
  return s.replace(/\s+/g, '');
}

/** Decode an 8-bit, non-interlaced RGB/RGBA PNG (what Chromium writes) and count pixels that are not white. */
export function countNonWhitePixels(png: Buffer): { width: number; height: number; nonWhite: number } {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const depth = png[24];
  const colourType = png[25];
  const interlace = png[28];
  if (depth !== 8 || (colourType !== 2 && colourType !== 6) || interlace !== 0) throw new Error(`unsupported PNG ${depth}/${colourType}/${interlace}`);
  const channels = colourType === 6 ? 4 : 3;
  const idat: Buffer[] = [];
  for (let off = 8; off < png.length;) {
    const len = png.readUInt32BE(off);
    const type = png.toString('latin1', off + 4, off + 8);
    if (type === 'IDAT') idat.push(png.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  let prev = Buffer.alloc(stride);
  let nonWhite = 0;
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? line[x - channels] : 0;
      const b = prev[x];
      const c = x >= channels ? prev[x - channels] : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const pred = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1
        : pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      line[x] = (line[x] + pred) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const i = x * channels;
      if (line[i] < 245 || line[i + 1] < 245 || line[i + 2] < 245) nonWhite++;
    }
    prev = line;
  }
  return { width, height, nonWhite };
}

/**
 * The rows of each <text> element of an SVG as Mermaid drew them (its `text-outer-tspan row` tspans, the words
 * inside joined), in document order; elements without any text are left out.
 */
export function svgRows(svg: string): string[][] {
  const out: string[][] = [];
  for (const m of svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)) {
    const rows = m[1].split(/<tspan\b[^>]*class="text-outer-tspan row"[^>]*?\/?>/).slice(1).map((r) => unescapeXml(r.replace(/<[^>]*>/g, '')));
    if (rows.some((r) => r.trim())) out.push(rows);
  }
  return out;
}
