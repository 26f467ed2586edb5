/**
 * Where the compendium starts a new page before a heading, for every paged backend (DOCX, PDF) alike.
 *
 * A heading breaks the page when the model says so (`pageBreakBefore`), and by default a part or a document title (a
 * rule). Consecutive headings stay together: the break goes before the first of them when any of them breaks, and
 * never between them. So a part title is followed on its page by the first power's heading, and an area heading
 * (一、职权法定类制度) goes to the new page of the rule after it rather than staying alone at the foot of a page.
 */
import type { Block, Heading } from './model.js';

/** Whether a heading asks for a new page before it. */
export function asksForPage(h: Heading): boolean {
  return h.pageBreakBefore ?? (h.level === 1 || h.role === 'part' || h.role === 'title');
}

/** Whether block `i` of `blocks` is a heading that starts a new page (see the top of this file). */
export function startsPage(blocks: readonly Block[], i: number): boolean {
  const b = blocks[i];
  if (b?.type !== 'heading') return false;
  if (blocks[i - 1]?.type === 'heading') return false;
  for (let j = i; j < blocks.length; j++) {
    const h = blocks[j]!;
    if (h.type !== 'heading') return false;
    if (asksForPage(h)) return true;
  }
  return false;
}

/**
 * Which of a portrait section's blocks go on landscape pages: each wide table (`landscape`), and with it what leads up
 * to it from where its page starts (a part title, a heading and a few lines of introduction), when that is only
 * headings and paragraphs: they would otherwise stand alone on a portrait page before it.
 */
export function onLandscapePages(blocks: readonly Block[]): boolean[] {
  const wide = blocks.map((b) => b.type === 'table' && b.landscape === true);
  for (let k = 0; k < blocks.length; k++) {
    if (!wide[k] || wide[k - 1]) continue;
    for (let j = k - 1; j >= 0; j--) {
      const b = blocks[j]!;
      if (b.type !== 'heading' && b.type !== 'paragraph') break;
      if (startsPage(blocks, j)) {
        for (let i = j; i < k; i++) wide[i] = true;
        break;
      }
    }
  }
  return wide;
}
