/**
 * Page numbers (GB/T 9704): 四号 半角宋体 "— N —" below the text block, on the outer side — odd pages at the right,
 * even pages at the left — one character in from the edge of the text block. The document has different odd and
 * even footers (w:evenAndOddHeaders); the cover has none.
 *
 * A landscape page (a wide table) is bound turned a quarter to the left, its head at the binding edge of a right-hand
 * sheet and at the outer edge of a left-hand one (GB/T 9704 §10.3): its number stands where the portrait reader
 * expects it, at the foot of the sheet as bound — in the landscape page's left margin, turned to read down the page,
 * 7 mm from the text block, one character from its bottom corner on odd pages and from its top corner on even ones. It
 * is a text box anchored in the footer's (empty) line, which takes no room from the text.
 */
import { AlignmentType, Footer, ImportedXmlComponent, PageNumber, Paragraph, TextRun, type ParagraphChild } from '#docx';
import type { LayoutProfile } from '../../domain/profile.js';
import { runFonts } from './fonts.js';
import { ptToHalfPoints, ptToTwips, type Geometry } from './geometry.js';
import { StyleId } from './styles.js';

const EM_DASH = '\u2014';

function pageNumberParagraph(profile: LayoutProfile, side: 'odd' | 'even'): Paragraph {
  const run = { font: runFonts(profile, 'pageNumber'), size: ptToHalfPoints(profile.sizePt.pageNumber) };
  const oneChar = ptToTwips(profile.sizePt.pageNumber);
  return new Paragraph({
    style: StyleId.footer,
    alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    indent: side === 'odd' ? { right: oneChar, left: 0 } : { left: oneChar, right: 0 },
    children: [
      new TextRun({ ...run, text: `${EM_DASH} ` }),
      new TextRun({ ...run, children: [PageNumber.CURRENT] }),
      new TextRun({ ...run, text: ` ${EM_DASH}` }),
    ],
  });
}

export interface SectionFooters {
  default: Footer;
  even: Footer;
}

/** The odd (default) and even footers with the page number. */
export function pageNumberFooters(profile: LayoutProfile): SectionFooters {
  return {
    default: new Footer({ children: [pageNumberParagraph(profile, 'odd')] }),
    even: new Footer({ children: [pageNumberParagraph(profile, 'even')] }),
  };
}

const EMU_PER_TWIP = 635;
const EMU_PER_MM = 36000;
const xmlAttr = (v: string): string => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The number's text box on a landscape page: anchored to the page, turned to read down it (DrawingML `vert`). */
function landscapeNumberXml(profile: LayoutProfile, g: Geometry, side: 'odd' | 'even'): string {
  const page = g.landscape;
  const size = profile.sizePt.pageNumber;
  const f = runFonts(profile, 'pageNumber');
  const rPr = `<w:rPr><w:rFonts w:ascii="${xmlAttr(f.ascii)}" w:hAnsi="${xmlAttr(f.hAnsi)}" w:eastAsia="${xmlAttr(f.eastAsia)}" w:cs="${xmlAttr(f.cs)}" w:hint="eastAsia"/><w:sz w:val="${ptToHalfPoints(size)}"/><w:szCs w:val="${ptToHalfPoints(size)}"/></w:rPr>`;
  const run = (content: string) => `<w:r>${rPr}${content}</w:r>`;
  // The box: a line of the number's size across (turned, its width on the page), as long as "— 9999 —" down.
  const across = Math.round(size * 1.5 * 20 * EMU_PER_TWIP);
  const along = Math.round(size * 6 * 20 * EMU_PER_TWIP);
  const oneChar = Math.round(size * 20 * EMU_PER_TWIP);
  // Its middle 7 mm left of the text block; one character from the block's bottom (odd) or top (even) corner.
  const x = Math.round(page.margin.left * EMU_PER_TWIP - profile.pageNumberOffsetMm * EMU_PER_MM - across / 2);
  const top = page.margin.top * EMU_PER_TWIP;
  const bottom = (page.pageHeight - page.margin.bottom) * EMU_PER_TWIP;
  const y = side === 'odd' ? bottom - oneChar - along : top + oneChar;
  const align = side === 'odd' ? 'right' : 'left';
  const paragraph =
    `<w:p><w:pPr><w:pStyle w:val="${StyleId.footer}"/><w:jc w:val="${align}"/></w:pPr>` +
    `${run('<w:t xml:space="preserve">\u2014 </w:t>')}${run('<w:fldChar w:fldCharType="begin"/>')}${run('<w:instrText xml:space="preserve"> PAGE </w:instrText>')}` +
    `${run('<w:fldChar w:fldCharType="separate"/>')}${run('<w:t>1</w:t>')}${run('<w:fldChar w:fldCharType="end"/>')}${run('<w:t xml:space="preserve"> \u2014</w:t>')}</w:p>`;
  return (
    '<w:r><w:drawing>' +
    '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">' +
    '<wp:simplePos x="0" y="0"/>' +
    `<wp:positionH relativeFrom="page"><wp:posOffset>${x}</wp:posOffset></wp:positionH>` +
    `<wp:positionV relativeFrom="page"><wp:posOffset>${Math.round(y)}</wp:posOffset></wp:positionV>` +
    `<wp:extent cx="${across}" cy="${along}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>` +
    `<wp:docPr id="1" name="页码 ${side === 'odd' ? '单页' : '双页'}"/><wp:cNvGraphicFramePr/>` +
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
    '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/>' +
    `<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${across}" cy="${along}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>` +
    `<wps:txbx><w:txbxContent>${paragraph}</w:txbxContent></wps:txbx>` +
    '<wps:bodyPr rot="0" vert="vert" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr" anchorCtr="0"><a:noAutofit/></wps:bodyPr>' +
    '</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>'
  );
}

/**
 * The odd and even footers of a landscape page (see the top of this file). `forLayout`: the footers as docx's page
 * layout is given them, the line without its text box (which it does not lay out, and which takes no room).
 */
export function landscapePageNumberFooters(profile: LayoutProfile, g: Geometry, forLayout = false): SectionFooters {
  const footer = (side: 'odd' | 'even') => new Footer({
    children: [new Paragraph({
      style: StyleId.footer,
      children: forLayout ? [] : [ImportedXmlComponent.fromXmlString(landscapeNumberXml(profile, g, side)) as unknown as ParagraphChild],
    })],
  });
  return { default: footer('odd'), even: footer('even') };
}

/** Empty footers, for a cover that follows numbered pages (a first cover has none at all). */
export function emptyFooters(): SectionFooters {
  return {
    default: new Footer({ children: [new Paragraph({ style: StyleId.footer, children: [] })] }),
    even: new Footer({ children: [new Paragraph({ style: StyleId.footer, children: [] })] }),
  };
}
