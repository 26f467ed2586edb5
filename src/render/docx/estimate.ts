/**
 * The TOC's page numbers: docx's page layout (`docx/layout`, `estimatePageNumbersWith`) lays the pages out as Word
 * does, measuring text with the font files given for the names the DOCX uses (Fandol for 仿宋_GB2312, 黑体,
 * 楷体_GB2312, 宋体; Noto Serif CJK for 方正小标宋简体), and docx writes the PAGEREF results clean.
 *
 * The estimator is wrapped so the pages it worked out can be reported (and checked against LibreOffice's).
 */
import type { EstimatedPageNumbers, File, PageNumberEstimator } from '#docx';
import { estimatePageNumbersWith } from '#docx/layout';
import type { LayoutProfile } from '../../domain/profile.js';
import { loadEstimatorFonts } from './fonts.js';

const cache = new Map<string, PageNumberEstimator>();

export interface CapturingEstimator {
  estimator: PageNumberEstimator;
  /** What the last layout worked out, once the document has been packed. */
  result(): EstimatedPageNumbers | undefined;
  missingFonts: string[];
}

/**
 * Thrown by a layout-only estimator (`capturingEstimator` with `layoutOnly`) once it has the pages: docx would go on
 * writing the numbers into the fields of a document that is only laid out (`layOutOnly`).
 */
const LAID_OUT = new Error('DOCX: laid out');

/** Lays a document out: formats its body, which has docx call its (layout-only) estimator, and stops there. */
export function layOutOnly(doc: File): void {
  try {
    doc.Document.View.prepForXml({ file: doc, viewWrapper: doc.Document, stack: [] });
  } catch (e) {
    if (e !== LAID_OUT) throw e;
  }
}

export function capturingEstimator(profile: LayoutProfile, fontFiles: Partial<Record<string, string>> | undefined, guess: boolean, layoutOnly = false): CapturingEstimator {
  const { fonts, missing, key } = loadEstimatorFonts(profile, fontFiles);
  const cacheKey = `${guess}|${key}`;
  let base = cache.get(cacheKey);
  if (!base) {
    base = estimatePageNumbersWith({ fonts, guess });
    cache.set(cacheKey, base);
  }
  const inner = base;
  let last: EstimatedPageNumbers | undefined;
  const estimator: PageNumberEstimator = Object.assign(
    (body: Parameters<PageNumberEstimator>[0], context: Parameters<PageNumberEstimator>[1]) => {
      last = inner(body, context);
      if (layoutOnly) throw LAID_OUT;
      return last;
    },
    inner.listNumbers ? { listNumbers: inner.listNumbers } : {},
  );
  return { estimator, result: () => last, missingFonts: missing };
}
