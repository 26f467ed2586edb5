/**
 * Page numbers (GB/T 9704): 四号 半角宋体 "— N —" below the text block, on the outer side — odd pages at the right,
 * even pages at the left — one character in from the edge of the text block. The document has different odd and
 * even footers (w:evenAndOddHeaders); the cover has none.
 */
import { AlignmentType, Footer, PageNumber, Paragraph, TextRun } from '#docx';
import type { LayoutProfile } from '../../domain/profile.js';
import { runFonts } from './fonts.js';
import { ptToHalfPoints, ptToTwips } from './geometry.js';
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

/** Empty footers, for a cover that follows numbered pages (a first cover has none at all). */
export function emptyFooters(): SectionFooters {
  return {
    default: new Footer({ children: [new Paragraph({ style: StyleId.footer, children: [] })] }),
    even: new Footer({ children: [new Paragraph({ style: StyleId.footer, children: [] })] }),
  };
}
