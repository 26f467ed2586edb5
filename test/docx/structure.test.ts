/**
 * The compendium DOCX, read as XML: page setup, grid, fonts of every run, tables, figures, footnotes, page numbers,
 * TOC field and document properties.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { renderDocx, renderDocxWithReport, type DocxRenderReport } from '../../src/render/docx/index.js';
import { GB9704 } from '../../src/domain/profile.js';
import { sampleModel } from './fixture.js';
import { parts, runsOf } from './helpers.js';

let docx: Buffer;
let report: DocxRenderReport;
let xml: Map<string, string>;
let document: string;
let styles: string;

beforeAll(async () => {
  ({ buffer: docx, report } = await renderDocxWithReport(sampleModel(), { profile: GB9704 }));
  xml = parts(docx);
  document = xml.get('word/document.xml')!;
  styles = xml.get('word/styles.xml')!;
}, 60_000);

const sectPrs = (): string[] => document.match(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g) ?? [];

describe('page setup (GB/T 9704)', () => {
  it('is A4 with margins 37/35/28/26 mm in every section', () => {
    const sections = sectPrs();
    // cover, front, body 1, body 2 split after its landscape table (landscape: the part title and heading that lead up
    // to the table go with it; then portrait)
    expect(sections).toHaveLength(5);
    // The bottom margin ends the text block after its last whole grid line (geometry.ts): 35.3 mm on a portrait page
    // (22 lines of 579 twips), 35.2 mm on a landscape one (13 of 601).
    for (const s of sections) {
      const bottom = s.includes('w:orient="landscape"') ? 11906 - 2098 - 13 * 601 : 16838 - 2098 - 22 * 579;
      expect(s).toMatch(new RegExp(`<w:pgMar w:top="2098" w:right="1474" w:bottom="${bottom}" w:left="1587"`));
    }
    const sizes = sections.map((s) => /<w:pgSz [^>]*>/.exec(s)![0]);
    expect(sizes.filter((s) => s.includes('w:w="11906" w:h="16838" w:orient="portrait"'))).toHaveLength(4);
    expect(sizes.filter((s) => s.includes('w:w="16838" w:h="11906" w:orient="landscape"'))).toHaveLength(1);
  });

  it('has a 22-line × 28-character document grid', () => {
    for (const s of sectPrs()) {
      // A landscape page's grid fills its 138 mm text block with 13 whole lines (LibreOffice lays out whole grid lines).
      const pitch = s.includes('w:orient="landscape"') ? Math.floor(7824 / 13) : 579;
      expect(s).toContain(`<w:docGrid w:type="linesAndChars" w:linePitch="${pitch}" w:charSpace="-842"/>`);
    }
    // 22 lines of 579 twips fill the text block (225 mm less 0.3 mm); lines are exact grid lines.
    expect(22 * 579).toBe(16838 - 2098 - 2002);
    expect(styles).toMatch(/<w:pPrDefault><w:pPr>.*<w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"\/>/);
  });

  it('sets the body in 三号 仿宋 with the East Asian language zh-CN', () => {
    const defaults = /<w:docDefaults>[\s\S]*<\/w:docDefaults>/.exec(styles)![0];
    expect(defaults).toContain('w:eastAsia="仿宋_GB2312"');
    expect(defaults).toContain('<w:sz w:val="32"/>');
    expect(defaults).toContain('w:eastAsia="zh-CN"');
  });
});

describe('page numbers', () => {
  it('differ on odd and even pages, and the cover has none', () => {
    expect(xml.get('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const [cover, front, ...rest] = sectPrs();
    expect(cover).not.toContain('w:footerReference');
    // The front matter (目录) has empty footers: no page number.
    expect(front).not.toContain('w:start=');
    for (const s of rest) {
      expect(s).toMatch(/<w:footerReference w:type="default"/);
      expect(s).toMatch(/<w:footerReference w:type="even"/);
    }
    // Numbering starts at 1 in the first body section, and goes on after it.
    expect(rest[0]).toContain('<w:pgNumType w:start="1" w:fmt="decimal"/>');
    for (const s of rest.slice(1)) expect(s).not.toContain('w:start=');
  });

  it('is "— PAGE —" in 四号 宋体, right on odd pages and left on even ones, one character in', () => {
    const footers = [...xml.entries()].filter(([name]) => /^word\/footer\d+\.xml$/.test(name)).map(([, x]) => x);
    expect(footers.length).toBeGreaterThanOrEqual(2);
    const odd = footers.find((f) => f.includes('<w:jc w:val="right"/>'))!;
    const even = footers.find((f) => f.includes('<w:jc w:val="left"/>'))!;
    expect(odd).toContain('<w:ind w:left="0" w:right="280"/>');
    expect(even).toContain('<w:ind w:left="280" w:right="0"/>');
    for (const f of [odd, even]) {
      expect(f).toContain('— </w:t>');
      expect(f).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
      expect(f).toContain(' —</w:t>');
      expect(f).toContain('w:eastAsia="宋体"');
      expect(f).toContain('<w:sz w:val="28"/>');
    }
  });
});

describe('fonts', () => {
  it('names East Asian and Latin fonts on every run of every story', () => {
    const stories = [...xml.entries()].filter(([name]) => /^word\/(document|footnotes|footer\d+)\.xml$/.test(name));
    let count = 0;
    for (const [name, x] of stories) {
      for (const run of runsOf(x)) {
        count++;
        const fonts = /<w:rFonts [^>]*\/>/.exec(run)?.[0];
        expect(fonts, `${name}: ${run.slice(0, 200)}`).toBeDefined();
        expect(fonts).toMatch(/w:eastAsia="[^"]+"/);
        expect(fonts).toMatch(/w:ascii="[^"]+"/);
        expect(fonts).toMatch(/w:hAnsi="[^"]+"/);
      }
    }
    expect(count).toBeGreaterThan(400);
  });

  it('uses the official font of each role', () => {
    // The paragraph (up to the text) of the last run with exactly this text: headings come after the TOC and refs.
    const para = (text: string): string => {
      const i = document.lastIndexOf(`>${text}</w:t>`);
      expect(i, text).toBeGreaterThan(0);
      return document.slice(document.lastIndexOf('<w:p>', i), i);
    };
    expect(para('规范权力运行制度汇编')).toContain('w:eastAsia="方正小标宋简体"'); // title
    expect(para('职权法定')).toContain('w:eastAsia="方正小标宋简体"'); // part
    expect(para('廉政风险防控')).toContain('w:eastAsia="黑体"'); // 一、
    expect(para('公开的方式')).toContain('w:eastAsia="楷体_GB2312"'); // （一）
    const item = /<w:pStyle w:val="Heading4"\/>[\s\S]*?<\/w:p>/.exec(document)![0];
    expect(item).toContain('>对外贸易经营者备案登记</w:t>');
    expect(item).toContain('w:eastAsia="仿宋_GB2312"'); // 1.
    expect(item).not.toContain('<w:b/>'); // not bold (GB/T 9704 §7.3.3), as the PDF prints it
    expect(para('申请条件')).toContain('w:eastAsia="仿宋_GB2312"'); // （1）
    expect(para('powerbook build')).toContain('w:ascii="Courier New"'); // code
  });
});

describe('headings', () => {
  it('are in heading styles with outline levels, and bookmarked', () => {
    for (let level = 1; level <= 5; level++) {
      expect(styles).toMatch(new RegExp(`<w:style w:type="paragraph" w:styleId="Heading${level}">[\\s\\S]*?<w:outlineLvl w:val="${level - 1}"/>`));
    }
    // Parts have a style of their own, with an outline level.
    expect(styles).toMatch(/<w:style w:type="paragraph" w:styleId="PbPart">[\s\S]*?<w:outlineLvl w:val="0"\/>/);
    // A heading kept out of the TOC has a look-alike style without an outline level.
    const hidden = /<w:style w:type="paragraph" w:styleId="PbChapter">[\s\S]*?<\/w:style>/.exec(styles)![0];
    expect(hidden).not.toContain('w:outlineLvl');
    // …but, being in the outline (navigation pane, PDF bookmarks), an outline level of its own.
    expect(document).toMatch(/<w:pStyle w:val="PbChapter"\/><w:outlineLvl w:val="1"\/><\/w:pPr><w:bookmarkStart w:name="ch_hidden/);
    expect(document).toMatch(/<w:pStyle w:val="Heading5"\/><\/w:pPr><w:bookmarkStart w:name="sub_cond_[0-9a-f]{8}" w:id="\d+"\/>/);
    expect(document).toContain('<w:bookmarkStart w:name="intro" w:id="');
  });

  it('render the model number before the text', () => {
    expect(document).toContain('>第一部分　</w:t>');
    expect(document).toContain('>一、</w:t>');
    expect(document).toContain('>（一）</w:t>');
    expect(document).toContain('>1.</w:t>');
    expect(document).toContain('>（1）</w:t>');
  });

  it('start a part on a new page', () => {
    // 编制说明 opens the first body section (already a new page); 第一部分 follows it in that section.
    expect(document).toMatch(/<w:pStyle w:val="PbPart"\/><w:pageBreakBefore\/><\/w:pPr><w:bookmarkStart w:name="part_1_/);
  });
});

describe('table of contents', () => {
  it('is a TOC field with the entries and their page numbers written clean', () => {
    expect(document).toContain('<w:instrText xml:space="preserve"> TOC \\o &quot;1-5&quot; \\h \\z </w:instrText>');
    const entries = document.match(/<w:pStyle w:val="TOC\d"\/>[\s\S]*?<\/w:p>/g)!;
    expect(entries).toHaveLength(report.toc.length);
    expect(report.toc.map((e) => e.text)).toContain('第一部分　职权法定');
    expect(report.toc.map((e) => e.text)).not.toContain('三、不列入目录的说明');
    expect(report.pageNumbers).toBe('estimated');
    for (const [i, entry] of report.toc.entries()) {
      expect(entry.page, entry.text).toMatch(/^\d+$/);
      expect(entries[i]).toContain(`>${entry.text}</w:t>`);
      expect(entries[i]).toMatch(new RegExp(`PAGEREF \\w+ \\\\h</w:instrText><w:fldChar w:fldCharType="separate"/><w:t xml:space="preserve">${entry.page}</w:t>`));
    }
    // The fields are written clean (no field is marked dirty); the document asks Word to update them as it opens it, so
    // Word's 目录 takes Word's own pagination (README).
    expect(document).not.toContain('w:dirty="true"');
    expect(xml.get('word/settings.xml')).toMatch(/<w:updateFields(?: w:val="(?:true|1|on)")?\/>/);
  });

  it('gives pages in document order, parts on a new page', () => {
    const pages = report.toc.map((e) => Number(e.page));
    expect([...pages].sort((a, b) => a - b)).toEqual(pages);
    expect(pages[0]).toBe(1); // the TOC pages are not numbered; the body starts at 1
  });
});

describe('tables', () => {
  const tables = (): string[] => document.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];

  it('repeat header rows, keep short rows whole, and are as wide as the text to a character', () => {
    const [catalogue, risks] = tables();
    expect(catalogue!.match(/<w:tr>/g)).toHaveLength(40);
    expect(catalogue!.match(/<w:tblHeader\/>/g)).toHaveLength(1);
    // every row of this table is short (a quarter of a page or less): none breaks across pages
    expect(catalogue!.match(/<w:cantSplit\/>/g)).toHaveLength(40);
    const grid = [...catalogue!.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    const width = grid.reduce((a, b) => a + b, 0);
    expect(width).toBeLessThanOrEqual(11906 - 1587 - 1474);
    expect(width).toBeGreaterThan(11906 - 1587 - 1474 - 240);
    // each column holds whole characters of 12 pt and a quarter of one, within the cell margins
    for (const w of grid) expect((w - 170 - 60) % 240).toBe(0);
    // widths [2, 5, 2, 6, 2], to a character
    expect(Math.abs(grid[1]! - 2.5 * grid[0]!)).toBeLessThanOrEqual(2.5 * 240);
    expect(catalogue).toContain('<w:gridSpan w:val="5"/>');
    expect(catalogue).toMatch(/<w:tblBorders>[\s\S]*<w:insideH w:val="single"/);
    // the landscape table is as wide as a landscape page's text, with a vertical merge
    const wide = [...risks!.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(wide.reduce((a, b) => a + b, 0)).toBeGreaterThan(16838 - 1587 - 1474 - 240);
    expect(risks).toContain('<w:vMerge w:val="restart"/>');
    expect(risks).toMatch(/<w:vMerge\/>|<w:vMerge w:val="continue"\/>/);
  });

  it('are set in the table size (小四) and their captions go above them', () => {
    expect(styles).toMatch(/<w:style w:type="paragraph" w:styleId="PbTableText">[\s\S]*?<w:sz w:val="24"\/>/);
    const caption = document.indexOf('>表1　职权目录</w:t>');
    expect(caption).toBeGreaterThan(0);
    expect(document.indexOf('<w:tbl>')).toBeGreaterThan(caption);
  });

  it('put a landscape table in a landscape section of its own', () => {
    const landscape = sectPrs().findIndex((s) => s.includes('w:orient="landscape"'));
    const bodies = document.split(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/);
    expect(bodies[landscape]).toContain('表2　廉政风险点及防控措施');
    // with the part title and heading that lead up to it
    expect(bodies[landscape]).toContain('>公开透明</w:t>');
    expect(bodies[landscape]).toContain('>廉政风险防控</w:t>');
    expect(bodies[landscape]).not.toContain('政务公开制度');
  });
});

describe('figures', () => {
  it('embed the SVG with the PNG as fallback, fitted to the text block, caption below', () => {
    expect([...xml.keys()].filter((n) => n.startsWith('word/media/')).sort()).toEqual(['word/media/image1.png', 'word/media/image1.svg']);
    expect(document).toContain('<asvg:svgBlip');
    const extent = /<wp:extent cx="(\d+)" cy="(\d+)"\/>/.exec(document)!;
    const [cx, cy] = [Number(extent[1]), Number(extent[2])];
    expect(cx / cy).toBeCloseTo(480 / 640, 2);
    expect(cx).toBeLessThanOrEqual(156 * 36000); // 156 mm in EMU
    expect(cy).toBeLessThanOrEqual(225 * 36000);
    expect(document.indexOf('>图1　对外贸易经营者备案登记流程图</w:t>')).toBeGreaterThan(document.indexOf('<asvg:svgBlip'));
    expect(document).toContain('<w:bookmarkStart w:name="fig_flow_1_');
  });

  it('carry the real picture bytes, the PNG stored as it is and the SVG deflated', () => {
    const figure = sampleModel().sections.flatMap((s) => s.blocks).find((b) => b.type === 'figure')!;
    const media = unzipSync(docx, { filter: (f) => f.name.startsWith('word/media/') });
    expect(Buffer.from(media['word/media/image1.png']!).equals(Buffer.from(figure.png as Uint8Array))).toBe(true);
    expect(new TextDecoder().decode(media['word/media/image1.svg'])).toBe(figure.svg);
    const methods = new Map<string, number>();
    unzipSync(docx, { filter: (f) => (methods.set(f.name, f.compression), false) });
    expect(methods.get('word/media/image1.png')).toBe(0);
    expect(methods.get('word/media/image1.svg')).toBe(8);
    expect(methods.get('word/document.xml')).toBe(8);
  });

  it('are written once when the same picture is shown twice', async () => {
    const model = sampleModel();
    const body = model.sections.find((s) => s.blocks.some((b) => b.type === 'figure'))!;
    const figure = body.blocks.find((b) => b.type === 'figure')!;
    body.blocks.push({ ...figure, anchor: 'fig-again', png: new Uint8Array(figure.png as Uint8Array) });
    const twice = parts(await renderDocx(model, { profile: GB9704, tocPageNumbers: false }));
    expect([...twice.keys()].filter((n) => n.startsWith('word/media/')).sort()).toEqual(['word/media/image1.png', 'word/media/image1.svg']);
    expect(twice.get('word/document.xml')!.match(/<asvg:svgBlip/g)).toHaveLength(2);
  }, 60_000);
});

describe('inline content', () => {
  it('has footnotes, hyperlinks, references, breaks and character formats', () => {
    const footnotes = xml.get('word/footnotes.xml')!;
    expect(footnotes).toContain('<w:footnote w:id="1">');
    expect(footnotes).toContain('商务部门户网站，访问于2024年6月。');
    expect(document).toContain('<w:footnoteReference w:id="1"/>');
    expect(xml.get('word/_rels/document.xml.rels')).toContain('Target="http://www.mofcom.gov.cn/" TargetMode="External"');
    // a reference with an anchor links to the heading's bookmark; one without stays text
    const anchor = /<w:bookmarkStart w:name="(ch_catalogue_[0-9a-f]{8})"/.exec(document)![1];
    expect(document).toContain(`<w:hyperlink w:history="1" w:anchor="${anchor}"><w:r><w:rPr><w:rStyle w:val="PbRef"/>`);
    expect(document).toContain('>《中华人民共和国行政许可法》</w:t>');
    expect(/<w:br\/><\/w:r><w:r><w:rPr>(?:(?!<\/w:r>).)*<w:t xml:space="preserve">换行后的文字。/.test(document)).toBe(true);
    for (const tag of ['<w:b/>', '<w:i/>', '<w:u w:val="single"/>', '<w:strike/>', '<w:vertAlign w:val="superscript"/>']) {
      expect(document).toContain(tag);
    }
  });

  it('writes lists with their labels and quotes in 楷体', () => {
    expect(document).toContain('>1.</w:t>');
    expect(document).toContain('>○ </w:t>'); // nested unordered list
    const quote = document.indexOf('第九条');
    expect(document.slice(document.lastIndexOf('<w:p>', quote), quote)).toContain('<w:pStyle w:val="Quote"/>');
    expect(document.slice(document.lastIndexOf('<w:p>', quote), quote)).toContain('w:eastAsia="楷体_GB2312"');
  });
});

describe('document properties', () => {
  it('come from the model, dated with its date', () => {
    const core = xml.get('docProps/core.xml')!;
    expect(core).toContain('<dc:title>株洲市商务局规范权力运行制度汇编</dc:title>');
    expect(core).toContain('<dc:subject>规范权力运行制度建设</dc:subject>');
    expect(core).toContain('<dc:creator>株洲市商务局</dc:creator>');
    expect(core).toContain('<cp:keywords>制度汇编; 权力运行; 职权目录</cp:keywords>');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-06-30T08:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2024-06-30T08:00:00Z</dcterms:modified>');
  });
});
