/**
 * Paragraph and character styles of the compendium DOCX (GB/T 9704 layout).
 *
 * Every line of running text is exactly one grid line (`linePitch`, 22 to a page), so Word, WPS and LibreOffice
 * put the same lines on each page.
 *
 * Headings are styled by what they are (`headingLook`), as GB/T 9704 orders them: a part title (第一部分 …) and a
 * rule's title 二号 小标宋 centred; an area of rules (一、职权法定类制度) 三号 黑体; inside a text 一、 三号 黑体,
 * （一） 三号 楷体, 1. and （1） 三号 仿宋 (not bold: GB/T 9704 asks 仿宋, and the PDF, whose free 仿宋 has no bold face, prints it so). Headings the 目录 lists use a style with an outline level, so a
 * TOC field (`\o "1-5"`: Word takes every style whose definition has an outline level in that range) and the
 * navigation pane pick them up: parts, areas and rule titles styles of their own (PB Part Heading, PB Area Heading,
 * PB Rule Title), the others Word's built-in "heading 1" … "heading 5". Headings the model keeps out of the 目录 use
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
import type { Heading } from '../../document/model.js';
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

/** How a heading looks, from what it is: its role, an area of rules, or else its level's usual role. */
export type HeadingLook = 'part' | 'title' | 'area' | 'chapter' | 'section' | 'item' | 'subitem';

const LEVEL_LOOK: readonly HeadingLook[] = ['part', 'chapter', 'section', 'item', 'subitem'];

export function headingLook(h: Pick<Heading, 'level' | 'role' | 'unit'>): HeadingLook {
  if (h.unit?.kind === 'area') return 'area';
  return h.role ?? LEVEL_LOOK[h.level - 1] ?? 'subitem';
}

/** The styles of their own of the 目录's parts, areas and rule titles, and the outline level each has. */
const OWN_TOC_STYLES: Partial<Record<HeadingLook, { id: string; name: string; outline: number }>> = {
  part: { id: 'PbPart', name: 'PB Part Heading', outline: 0 },
  area: { id: 'PbArea', name: 'PB Area Heading', outline: 1 },
  title: { id: 'PbRuleTitle', name: 'PB Rule Title', outline: 2 },
};

/** Look-alikes without an outline level, for headings the 目录 leaves out. */
const PLAIN_STYLES: Record<HeadingLook, { id: string; name: string }> = {
  part: { id: 'PbTitleHeading', name: 'PB Title Heading (not in TOC)' },
  title: { id: 'PbTitleHeading', name: 'PB Title Heading (not in TOC)' },
  area: { id: 'PbChapter', name: 'PB Chapter 一、 (not in TOC)' },
  chapter: { id: 'PbChapter', name: 'PB Chapter 一、 (not in TOC)' },
  section: { id: 'PbSection', name: 'PB Section （一） (not in TOC)' },
  item: { id: 'PbItem', name: 'PB Item 1. (not in TOC)' },
  subitem: { id: 'PbSubitem', name: 'PB Subitem （1） (not in TOC)' },
};

/**
 * A heading's paragraph style, and the outline level to write on the paragraph itself when the style's isn't the
 * heading's (a 目录 heading at another depth than its style's; a heading out of the 目录 but in the outline).
 */
export function headingStyle(h: Pick<Heading, 'level' | 'role' | 'unit' | 'toc' | 'outline'>): { id: string; outlineLevel?: number } {
  const look = headingLook(h);
  if (!h.toc) return { id: PLAIN_STYLES[look].id, ...(h.outline ? { outlineLevel: h.level - 1 } : {}) };
  const own = OWN_TOC_STYLES[look];
  if (own) return { id: own.id, ...(own.outline !== h.level - 1 ? { outlineLevel: h.level - 1 } : {}) };
  return { id: builtInHeadingId(h.level) };
}

const builtInHeadingId = (level: number): string => `Heading${level}`;
export const tocStyleId = (level: number): string => `TOC${level}`;

/** The font role and weight of a heading's look: 小标宋 for titles, 黑体, 楷体, 仿宋. */
export function lookFormat(look: HeadingLook): { role: RunRole; bold?: boolean } {
  switch (look) {
    case 'part':
    case 'title':
      return { role: 'title' };
    case 'area':
    case 'chapter':
      return { role: 'heading1' };
    case 'section':
      return { role: 'heading2' };
    case 'item':
      return { role: 'body' };
    case 'subitem':
      return { role: 'body' };
  }
}

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
  for (const look of Object.keys(PLAIN_STYLES) as HeadingLook[]) {
    roles[PLAIN_STYLES[look].id] = lookFormat(look).role;
    const own = OWN_TOC_STYLES[look];
    if (own) roles[own.id] = lookFormat(look).role;
  }
  for (let level = 1; level <= 5; level++) roles[builtInHeadingId(level)] = lookFormat(LEVEL_LOOK[level - 1]!).role;
  roles[tocStyleId(1)] = 'heading1';
  return roles;
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

  // Headings keep with what follows them and are never split; titles centred with a blank line after them, the others
  // indented two characters as running text.
  const headingParagraph = (look: HeadingLook, outline: number | undefined): IParagraphStyleOptions['paragraph'] => {
    const outlineLevel = outline === undefined ? {} : { outlineLevel: outline };
    if (look === 'part' || look === 'title') {
      return { alignment: AlignmentType.CENTER, keepNext: true, keepLines: true, spacing: { ...line, after: g.linePitch }, ...outlineLevel };
    }
    return { alignment: AlignmentType.JUSTIFIED, keepNext: true, keepLines: true, spacing: line, indent: { firstLine: twoChars }, ...outlineLevel };
  };
  const headingStyle = (id: string, name: string, look: HeadingLook, outline: number | undefined): IParagraphStyleOptions => {
    const format = lookFormat(look);
    const size = look === 'part' || look === 'title' ? sizePt.title : sizePt.heading;
    return para(id, name, format.role, size, headingParagraph(look, outline), { bold: format.bold === true, color: '000000' });
  };
  const headingStyles: IParagraphStyleOptions[] = [];
  for (let level = 1; level <= 5; level++) headingStyles.push(headingStyle(builtInHeadingId(level), `heading ${level}`, LEVEL_LOOK[level - 1]!, level - 1));
  for (const look of Object.keys(OWN_TOC_STYLES) as HeadingLook[]) {
    const own = OWN_TOC_STYLES[look]!;
    headingStyles.push(headingStyle(own.id, own.name, look, own.outline));
  }
  const plain = new Set<string>();
  for (const look of Object.keys(PLAIN_STYLES) as HeadingLook[]) {
    const { id, name } = PLAIN_STYLES[look];
    if (plain.has(id)) continue;
    plain.add(id);
    headingStyles.push(headingStyle(id, name, look, undefined));
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
    // A caption's lines stay together (a long power's flowchart caption takes two): never "…处罚权力" at the foot of
    // the drawing's page and "运行流程图（1/4）" at the top of the next.
    para(StyleId.caption, 'caption', 'heading1', note, { alignment: AlignmentType.CENTER, spacing: line, keepLines: true }),
    para(StyleId.note, 'PB Note', 'body', note, {
      keepLines: true,
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
    // Tables are off the body's grid: their characters keep their full width (no condensing, as in the PDF), so a
    // column holds a whole number of them (tables.ts).
    para(StyleId.tableText, 'PB Table Text', 'table', sizePt.table, {
      alignment: AlignmentType.LEFT,
      spacing: { line: tableLine, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    }, { characterSpacing: 0 }),
    para(StyleId.tableHeader, 'PB Table Header', 'heading1', sizePt.table, {
      alignment: AlignmentType.CENTER,
      spacing: { line: tableLine, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    }, { characterSpacing: 0 }),
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
 * - No extra space between Chinese and Latin letters or digits (w:autoSpaceDE, w:autoSpaceDN off): every character
 *   keeps its cell of the 28-character grid, and Word, LibreOffice and docx's layout break the lines alike.
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
    '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>' +
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
