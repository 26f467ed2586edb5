/**
 * Inline content (text runs, references, links, footnote references, line breaks) as DOCX runs. Every run names its
 * East Asian and Latin fonts (by role), so Word/WPS pick the official fonts whatever the styles say.
 */
import { ExternalHyperlink, FootnoteReferenceRun, InternalHyperlink, TextRun, type ParagraphChild } from '#docx';
import type { Inline, TextRun as ModelTextRun } from '../../document/model.js';
import type { RenderContext } from './context.js';
import { runFonts, type RunRole } from './fonts.js';
import { ptToHalfPoints } from './geometry.js';
import { StyleId } from './styles.js';

export interface InlineFormat {
  role: RunRole;
  /** Size in points, when it isn't the paragraph style's. */
  sizePt?: number;
  /** Bold for all of the text (headings, table headers), on top of the runs' own. */
  bold?: boolean;
}

type RunOptions = ConstructorParameters<typeof TextRun>[0] & object;

/** The options of a run of a role: its fonts, and its size when the format gives one. */
export function runOptions(ctx: RenderContext, format: InlineFormat, extra: Partial<Exclude<RunOptions, string>> = {}): Exclude<RunOptions, string> {
  return {
    font: runFonts(ctx.profile, format.role),
    ...(format.sizePt === undefined ? {} : { size: ptToHalfPoints(format.sizePt) }),
    ...(format.bold ? { bold: true } : {}),
    ...extra,
  };
}

/** Runs for text that may hold line breaks ("\n"), as Word writes a soft line break. */
function textRuns(ctx: RenderContext, format: InlineFormat, text: string, extra: Partial<Exclude<RunOptions, string>>): TextRun[] {
  const parts = text.replace(/\r\n?/g, '\n').split('\n');
  return parts.map((part, i) => new TextRun(runOptions(ctx, format, { ...extra, text: part, ...(i > 0 ? { break: 1 } : {}) })));
}

function styledRuns(ctx: RenderContext, format: InlineFormat, run: ModelTextRun, style?: string): TextRun[] {
  const role: RunRole = run.code ? 'code' : format.role;
  return textRuns(ctx, { ...format, role }, run.text, {
    ...(run.bold || format.bold ? { bold: true } : {}),
    ...(run.italic ? { italics: true } : {}),
    ...(run.underline ? { underline: { type: 'single' } } : {}),
    ...(run.strike ? { strike: true } : {}),
    ...(run.superscript ? { superScript: true } : {}),
    ...(run.code ? { style: StyleId.code } : style ? { style } : {}),
  });
}

/** Inline content inside a hyperlink: runs only (a link or reference inside it keeps its text). */
function flatRuns(ctx: RenderContext, format: InlineFormat, inlines: readonly Inline[], style: string): TextRun[] {
  return inlines.flatMap((inline): TextRun[] => {
    switch (inline.type) {
      case 'text':
        return styledRuns(ctx, format, inline, style);
      case 'ref':
        return textRuns(ctx, format, inline.text, { style });
      case 'link':
        return flatRuns(ctx, format, inline.children, style);
      case 'break':
        return [new TextRun(runOptions(ctx, format, { break: 1 }))];
      case 'footnoteRef':
        return [new TextRun(runOptions(ctx, format, { text: String(inline.id), superScript: true }))];
    }
  });
}

/** Renders inline content as the children of a paragraph. */
export function renderInlines(ctx: RenderContext, inlines: readonly Inline[], format: InlineFormat): ParagraphChild[] {
  return inlines.flatMap((inline): ParagraphChild[] => {
    switch (inline.type) {
      case 'text':
        return styledRuns(ctx, format, inline);
      case 'ref': {
        const name = inline.anchor === undefined ? undefined : ctx.bookmarks.get(inline.anchor);
        const runs = textRuns(ctx, format, inline.text, { style: StyleId.internalRef });
        return name === undefined ? runs : [new InternalHyperlink({ anchor: name, children: runs })];
      }
      case 'link': {
        const runs = flatRuns(ctx, format, inline.children, StyleId.hyperlink);
        const children = runs.length > 0 ? runs : textRuns(ctx, format, inline.url, { style: StyleId.hyperlink });
        return [new ExternalHyperlink({ link: inline.url, children })];
      }
      case 'footnoteRef':
        return ctx.footnoteIds.has(inline.id)
          ? [footnoteReference(ctx, format, inline.id)]
          : [new TextRun(runOptions(ctx, format, { text: `[${inline.id}]`, superScript: true }))];
      case 'break':
        return [new TextRun(runOptions(ctx, format, { break: 1 }))];
    }
  });
}

/** A footnote reference: docx's run, which carries the FootnoteReference style; fonts are added when packaging. */
function footnoteReference(_ctx: RenderContext, _format: InlineFormat, id: number): FootnoteReferenceRun {
  return new FootnoteReferenceRun(id);
}
