/**
 * The text layer of the flowcharts. Chromium paints an SVG shown with <img> as glyphs without their Unicode text, and
 * Skia writes each font's ToUnicode CMap by looking the glyph up in the font's cmap backwards. A CJK font maps a
 * Kangxi radical (U+2F00–U+2FDF) or a compatibility ideograph to the same glyph as the ideograph itself (⼯ and 工),
 * and the reverse lookup often lands on the radical: pdftotext then gives ⼯作⽇, and a search for 工作日 fails.
 *
 * The fix rewrites the CMaps' destinations: a radical or compatibility ideograph becomes its NFKC form, the unified
 * ideograph, which is what the source text had (powerbook never writes radicals). Glyphs and layout are untouched.
 */
import { deflateSync, inflateSync } from 'node:zlib';

/** Code points whose NFKC form is a unified ideograph: Kangxi radicals, CJK radicals supplement, compatibility ideographs. */
function suspect(cp: number): boolean {
  return (cp >= 0x2e80 && cp <= 0x2fdf) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f);
}

function fixUtf16Hex(hex: string): string {
  const bytes = Buffer.from(hex, 'hex');
  if (bytes.length % 2) return hex;
  const swapped = Buffer.alloc(bytes.length);
  for (let i = 0; i < bytes.length; i += 2) { swapped[i] = bytes[i + 1]!; swapped[i + 1] = bytes[i]!; }
  const text = swapped.toString('utf16le');
  let changed = false;
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (suspect(cp)) {
      const n = ch.normalize('NFKC');
      if (n !== ch) { out += n; changed = true; continue; }
    }
    out += ch;
  }
  if (!changed) return hex;
  const le = Buffer.from(out, 'utf16le');
  for (let i = 0; i < le.length; i += 2) { const t = le[i]!; le[i] = le[i + 1]!; le[i + 1] = t; }
  return le.toString('hex').toUpperCase();
}

const hexToInt = (h: string) => parseInt(h, 16);

/** Rewrites one ToUnicode CMap's text; returns it unchanged when nothing in it is a radical. */
export function fixCMapText(cmap: string): string {
  // bfchar: `<src> <dst>` pairs; only destinations change.
  let out = cmap.replace(/beginbfchar([\s\S]*?)endbfchar/g, (whole, body: string) =>
    `beginbfchar${body.replace(/(<[0-9A-Fa-f]+>)(\s*)<([0-9A-Fa-f]+)>/g, (_m, src: string, sp: string, dst: string) => `${src}${sp}<${fixUtf16Hex(dst)}>`)}endbfchar`);
  // bfrange: `<lo> <hi> <dst>` (consecutive) or `<lo> <hi> [<d1> <d2> …]`. A consecutive range over radicals is split
  // into single characters, written as a bfchar block after the ranges.
  const extra: string[] = [];
  out = out.replace(/beginbfrange([\s\S]*?)endbfrange/g, (whole, body: string) => {
    const lines = body.replace(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)/g, (m, lo: string, hi: string, dst: string) => {
      if (dst.startsWith('[')) return `<${lo}> <${hi}> ${dst.replace(/<([0-9A-Fa-f]+)>/g, (_x, d: string) => `<${fixUtf16Hex(d)}>`)}`;
      const d = dst.slice(1, -1);
      if (d.length !== 4) return m;
      const a = hexToInt(lo), b = hexToInt(hi), first = hexToInt(d);
      if (!(first + (b - a) >= 0x2e80 && first <= 0x2fdf) && !(first + (b - a) >= 0xf900 && first <= 0xfaff)) return m;
      for (let k = 0; k <= b - a; k++) {
        const src = (a + k).toString(16).toUpperCase().padStart(lo.length, '0');
        extra.push(`<${src}> <${fixUtf16Hex((first + k).toString(16).toUpperCase().padStart(4, '0'))}>`);
      }
      return '';
    });
    return `beginbfrange${lines}endbfrange`;
  });
  if (extra.length) {
    const blocks: string[] = [];
    for (let i = 0; i < extra.length; i += 100) blocks.push(`${Math.min(100, extra.length - i)} beginbfchar\n${extra.slice(i, i + 100).join('\n')}\nendbfchar`);
    out = out.replace(/endcmap/, `${blocks.join('\n')}\nendcmap`);
  }
  return out;
}

/** A ToUnicode stream's data fixed; undefined when it needs no change (or is not Flate or plain). */
export function fixToUnicode(data: Buffer, filter: string | undefined): Buffer | undefined {
  let text: string;
  try {
    text = (filter === 'FlateDecode' ? inflateSync(data) : filter === undefined ? data : undefined)?.toString('latin1') ?? '';
  } catch {
    return undefined;
  }
  if (!text) return undefined;
  const fixed = fixCMapText(text);
  if (fixed === text) return undefined;
  return deflateSync(Buffer.from(fixed, 'latin1'), { level: 9 });
}
