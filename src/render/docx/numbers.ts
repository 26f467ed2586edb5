/**
 * Page numbers written before they are known.
 *
 * The batches of a document are written while its pages are laid out (index.ts). The TOC shows page numbers: PAGEREF
 * fields, whose results docx writes as text. The batches are written with a stand-in for each number, a token of
 * private-use characters and digits (which XML writes as they are), and the numbers take the tokens' places once they
 * are worked out (`fill`): the text docx writes with the numbers. Where that would not be what docx writes — a field
 * that may show the number of pages (not `fits`), a bookmark without a number (docx leaves its field as it was), a
 * number asked for elsewhere than in the body's PAGEREF fields, a token the text has of its own — the document is
 * written again with the numbers.
 */
import type { EstimatedPageNumbers, PageNumberEstimator } from '#docx';

const OPEN = '\uE000';
const CLOSE = '\uE001';
const TOKEN = /\uE000(\d+)\uE001/g;

/** What docx asked stand-ins for while writing a batch (on whichever thread: see `absorb`). */
export interface StandInCounts {
  asked: number;
  fields: number;
  other: boolean;
}

export class PageNumberStandIns {
  private readonly bookmarks: string[];
  private readonly tokens = new Map<string, string>();
  /** How many stand-ins docx asked for (each is written once). */
  asked = 0;
  /** How many fields docx looked at that show a page number or a number of pages (it reads `pageCount` for each). */
  private fields = 0;
  /** Whether docx asked for something other than a bookmark's page. */
  private other = false;

  /**
   * @param names - The document's bookmark names in a fixed order (bookmarks.ts `entries`): a bookmark's stand-in is
   * its place in it, so the stand-ins of batches written on other threads (batch.ts) are the same.
   */
  constructor(names: readonly string[] = []) {
    this.bookmarks = [...names];
    names.forEach((name, index) => this.tokens.set(name, `${OPEN}${index}${CLOSE}`));
  }

  /** What docx asked for so far. */
  counts(): StandInCounts {
    return { asked: this.asked, fields: this.fields, other: this.other };
  }

  /** Adds what docx asked another thread's stand-ins for while writing a batch of this document. */
  absorb(c: StandInCounts): void {
    this.asked += c.asked;
    this.fields += c.fields;
    this.other ||= c.other;
  }

  /** What docx gets instead of the page numbers: a token for each bookmark's page. */
  readonly estimator: PageNumberEstimator = () => {
    const self = this;
    const bookmarks = {
      get(name: string): string {
        self.asked++;
        let token = self.tokens.get(name);
        if (token === undefined) {
          token = `${OPEN}${self.bookmarks.length}${CLOSE}`;
          self.tokens.set(name, token);
          self.bookmarks.push(name);
        }
        return token;
      },
      has(): boolean {
        self.other = true;
        return true;
      },
    };
    return {
      bookmarks,
      // No number of pages, which NUMPAGES fields show. docx reads it for each field that shows a page number or a
      // number of pages, and asks for a bookmark's page for each PAGEREF field it writes one in: a field it reads
      // it for but asks for no page for may show it.
      get pageCount() {
        self.fields++;
        return undefined;
      },
    } as unknown as EstimatedPageNumbers;
  };

  /** Whether the packages written so far have only numbers the stand-ins can take the place of (see above). */
  get fits(): boolean {
    return !this.other && this.fields === this.asked;
  }

  /**
   * The text with each token replaced by its bookmark's page as `numbers` gives it, or undefined when that would not
   * be the text docx writes with the numbers (see above).
   */
  fill(text: string, numbers: EstimatedPageNumbers): string | undefined {
    if (!this.fits) return undefined;
    let found = 0;
    let missing = false;
    const filled = text.replace(TOKEN, (token, index: string) => {
      found++;
      const name = this.bookmarks[Number(index)];
      const page = name === undefined || this.tokens.get(name) !== token ? undefined : numbers.bookmarks.get(name);
      if (page === undefined) missing = true;
      return page ?? token;
    });
    return missing || found !== this.asked ? undefined : filled;
  }
}
