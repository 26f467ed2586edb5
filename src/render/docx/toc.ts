/**
 * The 目录: a real Word TOC field (`TOC \o "1-5" \h \z`) whose result is written in advance — one entry per heading
 * with `toc: true`, linked to the heading's bookmark, and a PAGEREF field for its page. docx's page layout
 * (`docx/layout`) works out the pages while the document is written and fills the PAGEREF results in, clean, so
 * Word, WPS and LibreOffice show the numbers as they open the file, without asking to update fields. Word's
 * "Update Table" rebuilds the same list from the heading styles.
 */
import {
  InternalHyperlink,
  LeaderType,
  PageReference,
  Paragraph,
  Run,
  Tab,
  TabStopType,
  TextRun,
  type FileChild,
  type ParagraphChild,
} from '#docx';
import type { DocumentModel, TocBlock } from '../../document/model.js';
import { walk } from '../../document/walk.js';
import type { BlockScope, RenderContext, TocEntry } from './context.js';
export type { TocEntry } from './context.js';
import { fieldChar, InstructionText } from './fields.js';
import type { RunRole } from './fonts.js';
import { pageOf } from './geometry.js';
import { headingText } from './headings.js';
import { withBreaksForTokens } from '../../document/unbroken.js';
import { roleMetrics } from './fonts.js';
import { runOptions } from './inlines.js';
import { StyleId, tocStyleId } from './styles.js';
import type { BookmarkNames } from './bookmarks.js';


export const TOC_INSTRUCTION = ' TOC \\o "1-5" \\h \\z ';

/** The headings the TOC lists, in document order (each anchor once, and only one that carries a bookmark). */
export function tocEntriesOf(model: DocumentModel, names: BookmarkNames): TocEntry[] {
  const out: TocEntry[] = [];
  const seen = new Set<string>();
  walk(model, {
    block(b) {
      if (b.type !== 'heading' || !b.toc || seen.has(b.anchor)) return;
      const bookmark = names.get(b.anchor);
      if (bookmark === undefined) return;
      seen.add(b.anchor);
      out.push({ level: b.level, text: headingText(b), bookmark, anchor: b.anchor });
    },
  });
  return out;
}

const entryRole = (level: number): RunRole => (level === 1 ? 'heading1' : 'body');

export function renderToc(ctx: RenderContext, toc: TocBlock, entries: readonly TocEntry[], scope: BlockScope, pageBreakBefore: boolean): FileChild[] {
  const title = new Paragraph({
    style: StyleId.tocTitle,
    ...(pageBreakBefore ? { pageBreakBefore: true } : {}),
    children: [new TextRun(runOptions(ctx, { role: 'title' }, { text: toc.title }))],
  });
  const textWidth = pageOf(ctx.geometry, scope.orientation).textWidth;
  const begin = (role: RunRole): ParagraphChild[] => [
    new Run({ ...runOptions(ctx, { role }), children: [fieldChar('begin')] }) as TextRun,
    new Run({ ...runOptions(ctx, { role }), children: [new InstructionText(TOC_INSTRUCTION)] }) as TextRun,
    new Run({ ...runOptions(ctx, { role }), children: [fieldChar('separate')] }) as TextRun,
  ];
  const end = (role: RunRole): ParagraphChild => new Run({ ...runOptions(ctx, { role }), children: [fieldChar('end')] }) as TextRun;

  if (entries.length === 0) {
    // An empty field for Word to fill in ("Update Table").
    return [title, new Paragraph({ style: tocStyleId(1), children: [...begin('body'), end('body')] })];
  }
  const paragraphs = entries.map((entry, i) => {
    const role = entryRole(entry.level);
    const format = { role };
    // A line break before a code that Word or LibreOffice would break across lines (document/unbroken.ts).
    const em = ctx.profile.sizePt.body * 20;
    const room = (textWidth - (entry.level - 1) * ctx.geometry.charWidth) / em;
    const m = roleMetrics(ctx.profile, role);
    const lines = withBreaksForTokens([{ type: 'text', text: entry.text }], room, ctx.geometry.charSpacing / em, room, m.metrics, m.agree);
    const linked: ParagraphChild[] = [
      ...lines.map((x) => (x.type === 'break' ? new TextRun({ ...runOptions(ctx, format), break: 1 }) : new TextRun(runOptions(ctx, format, { text: x.type === 'text' ? x.text : '' })))),
      ...(ctx.tocPageNumbers
        ? [
            new TextRun(runOptions(ctx, format, { children: [new Tab()] })),
            // Laying the TOC out on its own (layout.ts), the numbers are written as the field's result would show them.
            ctx.tocNumbers ? new TextRun(ctx.tocNumbers.get(entry.bookmark) ?? '') : (new PageReference(entry.bookmark, { hyperlink: true }) as TextRun),
          ]
        : []),
    ];
    return new Paragraph({
      style: tocStyleId(entry.level),
      tabStops: [{ type: TabStopType.RIGHT, position: textWidth, leader: LeaderType.DOT }],
      children: [
        ...(i === 0 ? begin(role) : []),
        new InternalHyperlink({ anchor: entry.bookmark, children: linked }),
        ...(i === entries.length - 1 ? [end(role)] : []),
      ],
    });
  });
  return [title, ...paragraphs];
}
