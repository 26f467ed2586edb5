# Converts OpenType/CFF fonts to TrueType outlines (fontTools' otf2ttf snippet, Debian python3-fonttools), so that
# Chromium embeds them in PDFs as named CID TrueType subsets instead of unnamed Type 3 fonts (it does so for every
# CFF font). Used by install-system-deps.sh for the Fandol fonts. Usage: otf2ttf.py OUT_DIR FONT.otf...
import sys, os
from fontTools.ttLib import TTFont, newTable
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

def convert(path, out_dir):
    font = TTFont(path, recalcTimestamp=False)
    if font.sfntVersion != "OTTO" or "CFF " not in font:
        return
    order = font.getGlyphOrder()
    gs = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(gs)
        gs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for k in ("maxZones",): setattr(maxp, k, 1)
    for k in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, k, 0)
    maxp.compile(font)
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\000\001\000\000"
    out = os.path.join(out_dir, os.path.splitext(os.path.basename(path))[0] + ".ttf")
    font.save(out + ".tmp")
    os.replace(out + ".tmp", out)

for p in sys.argv[2:]:
    convert(p, sys.argv[1])
