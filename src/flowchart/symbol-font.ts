/**
 * A printed drawing's symbols from a TrueType font. The drawings' text is FandolFang with Noto Sans CJK behind it
 * (config.ts): a character FandolFang lacks — the ⚠ of a step's risk (风险点), ✓, → — falls to Noto, whose CFF
 * outlines Chromium writes into the PDF as an unnamed Type 3 font. `withSymbolFont` puts DejaVu Sans (TrueType, with
 * these symbols; scripts/install-system-deps.sh installs it) before Noto in each of the SVG's font lists, so that the
 * PDF names every font it embeds (a named CID TrueType subset). Only characters the first family lacks reach it, so
 * the drawing's Chinese text, digits and Latin letters are drawn as before; a symbol keeps its place (labels are
 * centred), DejaVu's being about as wide as Noto's.
 */
const LIST = /(font-family\s*:\s*)([^;}<]*)/g;
const SYMBOLS = '"DejaVu Sans"';

export function withSymbolFont(svg: string): string {
  return svg.replace(LIST, (whole, lead: string, list: string) => {
    if (/dejavu sans/i.test(list)) return whole;
    const at = list.search(/["']?Noto Sans CJK/i);
    return at < 0 ? whole : `${lead}${list.slice(0, at)}${SYMBOLS},${list.slice(at)}`;
  });
}
