/**
 * A landscape table (职权目录, 取消、暂停事项, 法律依据索引) takes the headings and the short introduction before it onto its
 * landscape pages: left in the portrait flow, they filled a page of their own, nearly empty, before the table.
 * Done in the model (Section.orientation), so that the DOCX and the PDF both print them so.
 */
import type { Block, Section } from './model.js';

/** How many blocks before a landscape table may go with it: a part heading, a chapter heading, an introduction. */
const LEAD_IN = 3;

export function landscapeLeadIns(sections: Section[]): Section[] {
  const out: Section[] = [];
  for (const s of sections) {
    if (s.kind !== 'body' || s.orientation !== 'portrait') { out.push(s); continue; }
    let rest: Block[] = [...s.blocks];
    for (;;) {
      const t = rest.findIndex((b) => b.type === 'table' && b.landscape === true);
      if (t < 0) break;
      // Back over headings and paragraphs, to the one that starts a page or at most LEAD_IN blocks.
      let from = t;
      while (from > 0 && t - from < LEAD_IN) {
        const b = rest[from - 1]!;
        if (b.type !== 'heading' && b.type !== 'paragraph') break;
        from--;
        if (b.type === 'heading' && b.pageBreakBefore) break;
      }
      // Landscape tables one after another (with their own lead-ins) share the pages.
      let to = t + 1;
      while (to < rest.length && rest[to]!.type === 'table' && (rest[to] as { landscape?: boolean }).landscape) to++;
      if (from > 0) out.push({ ...s, blocks: rest.slice(0, from) });
      out.push({ ...s, orientation: 'landscape', blocks: rest.slice(from, to) });
      rest = rest.slice(to);
    }
    if (rest.length || !s.blocks.length) out.push({ ...s, blocks: rest });
  }
  return out;
}
