import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fixCMapText, fixToUnicode } from '../../src/render/pdf/tounicode.js';

const cmap = (body: string) => `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n${body}\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend`;

describe('ToUnicode CMaps of the flowcharts', () => {
  it('maps Kangxi radicals and compatibility ideographs in destinations to the unified ideographs, not the sources', () => {
    // <2F2F> is the source code 0x2F2F (a glyph), which must stay; ⼯ U+2F2F → 工 U+5DE5, ⽇ U+2F47 → 日 U+65E5.
    const text = cmap('3 beginbfchar\n<2F2F> <2F2F>\n<05> <2F47>\n<06> <4F5C>\nendbfchar');
    const fixed = fixCMapText(text);
    expect(fixed).toContain('<2F2F> <5DE5>');
    expect(fixed).toContain('<05> <65E5>');
    expect(fixed).toContain('<06> <4F5C>');
  });

  it('splits a consecutive range over radicals into single characters and keeps other ranges', () => {
    const fixed = fixCMapText(cmap('2 beginbfrange\n<10> <11> <2F00>\n<20> <21> <4E00>\nendbfrange'));
    expect(fixed).toContain('<20> <21> <4E00>');
    expect(fixed).toMatch(/beginbfchar\n<10> <4E00>\n<11> <4E28>\nendbfchar/);
  });

  it('leaves a CMap without radicals as it is, and rewrites a Flate stream that has them', () => {
    const plain = cmap('1 beginbfchar\n<4C> <6D32>\nendbfchar');
    expect(fixCMapText(plain)).toBe(plain);
    expect(fixToUnicode(deflateSync(Buffer.from(plain)), 'FlateDecode')).toBeUndefined();
    const out = fixToUnicode(deflateSync(Buffer.from(cmap('1 beginbfchar\n<4C> <2F47>\nendbfchar'))), 'FlateDecode');
    expect(inflateSync(out!).toString('latin1')).toContain('<4C> <65E5>');
  });
});
