/**
 * Paragraph and character styles of the compendium DOCX (GB/T 9704 layout).
 *
 * Every line of running text is exactly one grid line (`linePitch`, 22 to a page), so Word, WPS and LibreOffice
 * put the same lines on each page. Headings use Word's built-in "heading 1" … "heading 5" styles with an outline
 * level, so they enter the TOC field (\o "1-5") and the navigation pane; headings the model keeps out of the TOC use
 * look-alike styles without an outline level.
 */
import {
  AlignmentType,
  ImportedXmlComponent,
  LineRuleType,
  type IParagraphStyleOptions,
  type ICharacterStyleOptions,
  type IStylesOptions,
  type IRunStylePropertiesOptions,
} from '#docx';
import type { LayoutProfile } from '../../domain/profile.js';
import { EAST_ASIAN_LANGUAGE, runFonts, type RunRole } from './fonts.js';
import { ptToHalfPoints, ptToTwips, type Geometry } from './geometry.js';

export const StyleId = {
  normal: 'Normal',
  body: 'PbBody',
  title: 'Title',
  subtitle: 'Subtitle',
  coverDept: 'PbCoverDept',
  coverDate: 'PbCoverDate',
  caption: 'Caption',
  note: 'PbNote',
  signature: 'PbSignature',
  quote: 'Quote',
  tocTitle: 'PbTocTitle',
  tableText: 'PbTableText',
  tableHeader: 'PbTableHeader',
  figure: 'PbFigure',
  footnoteText: 'FootnoteText',
  footer: 'Footer',
  hyperlink: 'Hyperlink',
  internalRef: 'PbRef',
  footnoteReference: 'FootnoteReference',
  code: 'PbCode',
} as const;

export const headingStyleId = (level: number, toc: boolean): string => (toc ? `Heading${level}` : `PbHeading${level}`);
export const tocStyleId = (level: number): string => `TOC${level}`;

/** Sizes derived from the profile for the parts GB/T 9704 leaves open (notes, captions: 四号 with the defaults). */
export function noteSizePt(profile: LayoutProfile): number {
  return Math.max(profile.sizePt.table, profile.sizePt.body - 2);
}

/** The text role (font) of each paragraph style, for runs that docx writes without fonts of their own. */
export function styleRoles(): Record<string, RunRole> {
  const roles: Record<string, RunRole> = {
    [StyleId.title]: 'title',
    [StyleId.tocTitle]: 'title',
    [StyleId.subtitle]: 'heading2',
    [StyleId.coverDept]: 'heading1',
    [StyleId.caption]: 'heading1',
    [StyleId.quote]: 'quote',
    [StyleId.tableText]: 'table',
    [StyleId.tableHeader]: 'heading1',
    [StyleId.footer]: 'pageNumber',
  };
  for (let level = 1; level <= 5; level++) {
    const role = headingRole(level);
    roles[headingStyleId(level, true)] = role;
    roles[headingStyleId(level, false)] = role;
  }
  roles[tocStyleId(1)] = 'heading1';
  return roles;
}

/** The font role of a heading level: part 小标宋, 一、 黑体, （一） 楷体, 1. and （1） 仿宋. */
export function headingRole(level: number): RunRole {
  return level === 1 ? 'title' : level === 2 ? 'heading1' : level === 3 ? 'heading2' : 'body';
}

export function runStyle(profile: LayoutProfile, role: RunRole, sizePt: number, extra: IRunStylePropertiesOptions = {}): IRunStylePropertiesOptions {
  return { font: runFonts(profile, role), size: ptToHalfPoints(sizePt), language: EAST_ASIAN_LANGUAGE, ...extra };
}

export function buildStyles(profile: LayoutProfile, g: Geometry): IStylesOptions {
  const { sizePt } = profile;
  const line = { line: g.linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  const twoChars = Math.round(2 * g.charWidth);
  const note = noteSizePt(profile);
  const tableLine = ptToTwips(Math.round(sizePt.table * 1.5));
  const noteLine = ptToTwips(Math.round(note * 1.5));

  const para = (
    id: string,
    name: string,
    role: RunRole,
    size: number,
    paragraph: IParagraphStyleOptions['paragraph'],
    run: IRunStylePropertiesOptions = {},
    extra: Partial<IParagraphStyleOptions> = {},
  ): IParagraphStyleOptions => ({
    id,
    name,
    basedOn: StyleId.normal,
    next: StyleId.body,
    quickFormat: true,
    paragraph,
    run: runStyle(profile, role, size, run),
    ...extra,
  });

  const headingParagraph = (level: number, toc: boolean): IParagraphStyleOptions['paragraph'] => {
    const outline = toc ? { outlineLevel: level - 1 } : {};
    if (level === 1) {
      return { alignment: AlignmentType.CENTER, keepNext: true, keepLines: true, spacing: { ...line, after: g.linePitch }, ...outline };
    }
    return { alignment: AlignmentType.JUSTIFIED, keepNext: true, keepLines: true, spacing: line, indent: { firstLine: twoChars }, ...outline };
  };
  const headingStyles: IParagraphStyleOptions[] = [];
  for (let level = 1; level <= 5; level++) {
    for (const toc of [true, false]) {
      headingStyles.push(
        para(
          headingStyleId(level, toc),
          toc ? `heading ${level}` : `PB Heading ${level} (not in TOC)`,
          headingRole(level),
          level === 1 ? sizePt.title : sizePt.heading,
          headingParagraph(level, toc),
          { bold: level === 4, color: '000000' },
        ),
      );
    }
  }

  const tocStyles: IParagraphStyleOptions[] = [1, 2, 3, 4, 5].map((level) =>
    para(
      tocStyleId(level),
      `toc ${level}`,
      level === 1 ? 'heading1' : 'body',
      sizePt.body,
      { spacing: line, indent: { left: Math.round((level - 1) * g.charWidth), right: 0 } },
      {},
      { next: StyleId.normal, quickFormat: false, uiPriority: 39, unhideWhenUsed: true },
    ),
  );

  const paragraphStyles: IParagraphStyleOptions[] = [
    {
      id: StyleId.normal,
      name: 'Normal',
      quickFormat: true,
      paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: line },
      run: runStyle(profile, 'body', sizePt.body),
    },
    para(StyleId.body, 'PB Body', 'body', sizePt.body, { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: twoChars } }),
    para(StyleId.title, 'Title', 'title', sizePt.title, { alignment: AlignmentType.CENTER, spacing: { ...line, after: g.linePitch } }),
    para(StyleId.subtitle, 'Subtitle', 'heading2', sizePt.body, { alignment: AlignmentType.CENTER }),
    para(StyleId.coverDept, 'PB Cover Department', 'heading1', sizePt.body, { alignment: AlignmentType.CENTER }),
    para(StyleId.coverDate, 'PB Cover Date', 'body', sizePt.body, { alignment: AlignmentType.CENTER }),
    // A caption takes one grid line, so the text after it stays on the grid.
    para(StyleId.caption, 'caption', 'heading1', note, { alignment: AlignmentType.CENTER, spacing: line }),
    para(StyleId.note, 'PB Note', 'body', note, {
      indent: { firstLine: Math.round(2 * note * 20) },
      spacing: { line: noteLine, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    }),
    para(StyleId.signature, 'PB Signature', 'body', sizePt.body, {
      alignment: AlignmentType.RIGHT,
      indent: { right: Math.round(4 * g.charWidth) },
    }),
    para(StyleId.quote, 'Quote', 'quote', sizePt.body, {
      indent: { left: twoChars, right: twoChars, firstLine: twoChars },
    }),
    para(StyleId.tocTitle, 'PB TOC Title', 'title', sizePt.title, {
      alignment: AlignmentType.CENTER,
      spacing: { ...line, after: g.linePitch },
    }),
    para(StyleId.tableText, 'PB Table Text', 'table', sizePt.table, {
      alignment: AlignmentType.LEFT,
      spacing: { line: tableLine, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    }),
    para(StyleId.tableHeader, 'PB Table Header', 'heading1', sizePt.table, {
      alignment: AlignmentType.CENTER,
      spacing: { line: tableLine, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    }),
    para(StyleId.figure, 'PB Figure', 'body', sizePt.body, {
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
    }),
    para(StyleId.footnoteText, 'footnote text', 'body', note, {
      spacing: { line: noteLine, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    }, {}, { quickFormat: false, semiHidden: true, unhideWhenUsed: true }),
    para(StyleId.footer, 'footer', 'pageNumber', sizePt.pageNumber, {
      spacing: { line: ptToTwips(sizePt.pageNumber), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    }, {}, { quickFormat: false, semiHidden: true, unhideWhenUsed: true }),
    ...headingStyles,
    ...tocStyles,
  ];

  const characterStyles: ICharacterStyleOptions[] = [
    { id: StyleId.hyperlink, name: 'Hyperlink', basedOn: 'DefaultParagraphFont', run: { underline: { type: 'single' } } },
    { id: StyleId.internalRef, name: 'PB Reference', basedOn: 'DefaultParagraphFont', run: {} },
    { id: StyleId.footnoteReference, name: 'footnote reference', basedOn: 'DefaultParagraphFont', run: { superScript: true } },
    { id: StyleId.code, name: 'PB Code', basedOn: 'DefaultParagraphFont', run: { font: runFonts(profile, 'code') } },
  ];

  return {
    importedStyles: [
      ImportedXmlComponent.fromXmlString(docDefaultsXml(profile, g)),
      ImportedXmlComponent.fromXmlString(DEFAULT_PARAGRAPH_FONT),
      ImportedXmlComponent.fromXmlString(TABLE_NORMAL),
    ],
    paragraphStyles,
    characterStyles,
  };
}

const xmlAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The document defaults, written as XML because docx's options have no paragraph `snapToGrid` or `widowControl`:
 *
 * - Text doesn't snap to the document grid (paragraphs: its lines; runs: its characters), and runs are condensed by
 *   `charSpacing` instead, so a line holds `grid.chars` characters in Word and in LibreOffice alike (LibreOffice 7
 *   lays a negative `charSpace` out as two grid cells per character, 14 to a line). Line heights are exact grid
 *   lines, so 22 lines fill a page anyway. The section's w:docGrid still says 22 × 28 (Word's Page Setup shows it).
 * - No widow/orphan control (Word's default when it is absent, but LibreOffice's is on): every page has 22 lines.
 * - Punctuation overflow written as on, Word's default. LibreOffice reads w:overflowPunct the other way round (on =
 *   no hanging punctuation; absent = hanging, its own default), so with it written LibreOffice breaks lines as docx's
 *   layout of Word's pages does (which hangs no punctuation): a comma that doesn't fit takes the character before it
 *   to the next line. Whether Word itself hangs a comma past the margin here is not verified (no Word at hand).
 */
export function docDefaultsXml(profile: LayoutProfile, g: Geometry): string {
  const f = runFonts(profile, 'body');
  const size = ptToHalfPoints(profile.sizePt.body);
  return (
    '<w:docDefaults>' +
    '<w:rPrDefault><w:rPr>' +
    `<w:rFonts w:ascii="${xmlAttr(f.ascii)}" w:hAnsi="${xmlAttr(f.hAnsi)}" w:eastAsia="${xmlAttr(f.eastAsia)}" w:cs="${xmlAttr(f.cs)}" w:hint="eastAsia"/>` +
    '<w:snapToGrid w:val="0"/>' +
    (g.charSpacing !== 0 ? `<w:spacing w:val="${g.charSpacing}"/>` : '') +
    `<w:sz w:val="${size}"/><w:szCs w:val="${size}"/>` +
    `<w:lang w:val="${EAST_ASIAN_LANGUAGE.value}" w:eastAsia="${EAST_ASIAN_LANGUAGE.eastAsia}" w:bidi="ar-SA"/>` +
    '</w:rPr></w:rPrDefault>' +
    '<w:pPrDefault><w:pPr>' +
    '<w:widowControl w:val="0"/>' +
    '<w:overflowPunct w:val="1"/>' +
    '<w:snapToGrid w:val="0"/>' +
    `<w:spacing w:before="0" w:after="0" w:line="${g.linePitch}" w:lineRule="exact"/>` +
    '<w:jc w:val="both"/>' +
    '</w:pPr></w:pPrDefault>' +
    '</w:docDefaults>'
  );
}

const DEFAULT_PARAGRAPH_FONT =
  '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>' +
  '<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>';

const TABLE_NORMAL =
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/>' +
  '<w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>' +
  '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>';
