/**
 * Synthetic document models for the DOCX backend's tests and benchmark: a cover, a front section with the TOC, body
 * sections with headings at all five levels, a 40-row table, a landscape table, a flowchart (SVG + PNG), lists, a
 * quote, footnotes, links and references.
 */
import { deflateSync } from 'node:zlib';
import type { Block, DocumentModel, Heading, Inline, Paragraph, Table } from '../../src/document/model.js';

const SENTENCES = [
  '为规范行政权力运行，加强对权力运行的监督制约，根据有关法律法规和规章，结合本局实际，制定本制度。',
  '各科室应当按照职权法定的原则，全面清理本单位行使的行政权力，编制职权目录，明确每项权力的实施依据。',
  '办理行政许可事项，应当在法定期限内作出决定；不能在规定期限内作出决定的，经本局负责人批准，可以延长十个工作日。',
  '对重大行政决策，应当经过公众参与、专家论证、合法性审查和集体讨论决定等程序，并将决策结果向社会公开。',
  '年度绩效评估结果作为评先评优、干部任用和责任追究的重要依据，评估情况在局内部予以通报。',
];

export function text(s: string, extra: Partial<Extract<Inline, { type: 'text' }>> = {}): Inline {
  return { type: 'text', text: s, ...extra };
}

export function para(children: Inline[] | string, extra: Partial<Paragraph> = {}): Paragraph {
  return { type: 'paragraph', children: typeof children === 'string' ? [text(children)] : children, ...extra };
}

/** A body paragraph of `n` sentences, starting at sentence `seed`. */
export function filler(n: number, seed = 0): Paragraph {
  return para(Array.from({ length: n }, (_, i) => SENTENCES[(seed + i) % SENTENCES.length]!).join(''));
}

export function heading(level: Heading['level'], number: string | undefined, title: string, anchor: string, extra: Partial<Heading> = {}): Heading {
  return { type: 'heading', level, ...(number ? { number } : {}), children: [text(title)], anchor, toc: true, outline: true, ...extra };
}

function cell(s: string, extra: object = {}) {
  return { children: [text(s)], ...extra };
}

export function catalogueTable(rows: number): Table {
  const categories = ['行政许可', '行政处罚', '行政检查', '行政确认'];
  return {
    type: 'table',
    caption: '表1　职权目录',
    widths: [2, 5, 2, 6, 2],
    headerRows: 1,
    rows: [
      { header: true, cells: ['事项编码', '事项名称', '权力类别', '实施依据', '办理时限'].map((s) => cell(s)) },
      { cells: [cell('行政许可（3项）', { colSpan: 5, align: 'left' })] },
      ...Array.from({ length: rows - 2 }, (_, i) => ({
        cells: [
          cell(`QL-${String(i + 1).padStart(3, '0')}`),
          cell(`单用途商业预付卡发卡企业备案第${i + 1}项`),
          cell(categories[i % categories.length]!, { align: 'center' as const }),
          cell('《单用途商业预付卡管理办法（试行）》（商务部令2012年第9号）第七条'),
          cell(`${(i % 20) + 1}个工作日`, { align: 'center' as const }),
        ],
      })),
    ],
  };
}

export function landscapeTable(): Table {
  const head = ['事项编码', '事项名称', '办理环节', '廉政风险点', '风险等级', '防控措施', '责任科室', '监督电话'];
  return {
    type: 'table',
    caption: '表2　廉政风险点及防控措施',
    landscape: true,
    headerRows: 1,
    widths: [2, 4, 2, 6, 1.5, 6, 2, 2.5],
    rows: [
      { header: true, cells: head.map((s) => cell(s)) },
      ...Array.from({ length: 6 }, (_, i) => ({
        cells: [
          cell(`XK-${i + 1}`),
          cell('对外贸易经营者备案登记'),
          cell(['受理', '审查', '决定', '送达', '受理', '审查'][i]!),
          cell('未按规定时限办理，或者对不符合条件的申请予以备案'),
          cell(['高', '中', '低'][i % 3]!, { align: 'center' as const }),
          cell('实行一次性告知、限时办结，办理过程网上留痕，纪检人员定期抽查'),
          cell('对外贸易科'),
          cell('0731-28888888'),
        ],
      })),
      { cells: [cell('合并单元格（纵向）', { rowSpan: 2 }), cell('第二行'), ...Array.from({ length: 6 }, () => cell('—'))] },
      { cells: [cell('第三行'), ...Array.from({ length: 6 }, () => cell('—'))] },
    ],
  };
}

// --- A small PNG (a framed box), encoded by hand ------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc(body));
  return Buffer.concat([len, body, sum]);
}
export function framedPng(width: number, height: number): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3, 255);
    row[0] = 0;
    for (let x = 0; x < width; x++) {
      const edge = x < 4 || y < 4 || x >= width - 4 || y >= height - 4;
      if (edge) row.fill(0, 1 + x * 3, 4 + x * 3);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export const FLOWCHART_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="640" viewBox="0 0 480 640">
<rect x="0" y="0" width="480" height="640" fill="#ffffff"/>
<rect x="140" y="40" width="200" height="80" rx="12" fill="#ffffff" stroke="#000000" stroke-width="3"/>
<text x="240" y="90" font-size="28" text-anchor="middle" font-family="FandolHei">受理申请</text>
<line x1="240" y1="120" x2="240" y2="260" stroke="#000000" stroke-width="3"/>
<rect x="140" y="260" width="200" height="80" fill="#ffffff" stroke="#000000" stroke-width="3"/>
<text x="240" y="310" font-size="28" text-anchor="middle" font-family="FandolHei">审查材料</text>
<line x1="240" y1="340" x2="240" y2="480" stroke="#000000" stroke-width="3"/>
<rect x="140" y="480" width="200" height="80" rx="12" fill="#ffffff" stroke="#000000" stroke-width="3"/>
<text x="240" y="530" font-size="28" text-anchor="middle" font-family="FandolHei">作出决定</text>
</svg>`;

// --- The sample model ----------------------------------------------------------------------------------------------

export function sampleModel(): DocumentModel {
  const cover: Block[] = [
    para('株洲市商务局', { style: 'cover-dept', indent: false }),
    para('规范权力运行制度汇编', { style: 'title', indent: false }),
    para('（送审稿）', { style: 'subtitle', indent: false }),
    para('二〇二四年六月', { style: 'cover-date', indent: false }),
  ];
  const front: Block[] = [{ type: 'toc', title: '目　录' }];
  const preface: Block[] = [
    heading(1, undefined, '编制说明', 'intro'),
    filler(4),
    filler(3, 2),
    para([text('本汇编共收录制度'), text('二十项', { bold: true }), text('，详见'), { type: 'ref', kind: 'power', target: 'XK-001', anchor: 'ch-catalogue', text: '职权目录' }, text('。')]),
  ];
  const body1: Block[] = [
    heading(1, '第一部分', '职权法定', 'part-1'),
    heading(2, '一、', '职权目录', 'ch-catalogue'),
    filler(3, 1),
    para([
      text('加粗', { bold: true }),
      text('、'),
      text('倾斜', { italic: true }),
      text('、'),
      text('下划线', { underline: true }),
      text('、'),
      text('删除线', { strike: true }),
      text('、上标m'),
      text('2', { superscript: true }),
      text('、代码'),
      text('powerbook build', { code: true }),
      text('，依据见商务部网站'),
      { type: 'link', url: 'http://www.mofcom.gov.cn/', children: [text('www.mofcom.gov.cn')] },
      { type: 'footnoteRef', id: 1 },
      text('。另见'),
      { type: 'ref', kind: 'law', target: 'law-xzxkf', text: '《中华人民共和国行政许可法》' },
      text('第十二条。'),
      { type: 'break' },
      text('换行后的文字。'),
    ]),
    catalogueTable(40),
    heading(3, '（一）', '行政许可', 'sec-permit'),
    filler(2, 3),
    heading(4, '1.', '对外贸易经营者备案登记', 'item-trade'),
    filler(2, 4),
    heading(5, '（1）', '申请条件', 'sub-cond'),
    {
      type: 'list',
      ordered: true,
      items: [
        [para('依法办理工商登记或者其他执业手续；')],
        [
          para('提交下列材料：'),
          {
            type: 'list',
            ordered: false,
            items: [[para('对外贸易经营者备案登记表；')], [para('营业执照复印件。')]],
          },
        ],
        [para('法律、行政法规规定的其他条件。')],
      ],
    },
    { type: 'quote', children: [para('第九条　从事货物进出口或者技术进出口的对外贸易经营者，应当向国务院对外贸易主管部门或者其委托的机构办理备案登记。')] },
    heading(2, '二、', '权力运行流程图', 'ch-flow'),
    filler(2),
    {
      type: 'figure',
      anchor: 'fig-flow-1',
      caption: '图1　对外贸易经营者备案登记流程图',
      alt: '受理申请、审查材料、作出决定三个环节的流程图',
      svg: FLOWCHART_SVG,
      png: framedPng(240, 320),
      width: 480,
      height: 640,
    },
    filler(3),
    heading(2, '三、', '不列入目录的说明', 'ch-hidden', { toc: false }),
    filler(2, 1),
  ];
  const body2: Block[] = [
    heading(1, '第二部分', '公开透明', 'part-2'),
    heading(2, '一、', '廉政风险防控', 'ch-risk'),
    filler(3, 2),
    landscapeTable(),
    heading(2, '二、', '政务公开制度', 'ch-open'),
    filler(5, 3),
    filler(5, 1),
    { type: 'pageBreak' },
    heading(3, '（一）', '公开的范围', 'sec-scope'),
    filler(6),
    filler(6, 2),
    heading(3, '（二）', '公开的方式', 'sec-way'),
    filler(4, 4),
    para('株洲市商务局', { style: 'signature' }),
    para('2024年6月30日', { style: 'signature' }),
  ];
  return {
    meta: {
      title: '株洲市商务局规范权力运行制度汇编',
      subject: '规范权力运行制度建设',
      showRisksInPublic: false,
      author: '株洲市商务局',
      keywords: ['制度汇编', '权力运行', '职权目录'],
      created: '2024-06-30T08:00:00Z',
      lang: 'zh-CN',
    },
    sections: [
      { kind: 'cover', orientation: 'portrait', blocks: cover },
      { kind: 'front', orientation: 'portrait', blocks: front },
      { kind: 'body', orientation: 'portrait', blocks: [...preface, ...body1] },
      { kind: 'body', orientation: 'portrait', blocks: body2 },
    ],
    footnotes: [{ id: 1, children: [text('商务部门户网站，访问于2024年6月。')] }],
  };
}

const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cn = (n: number): string => (n <= 10 ? CHINESE_NUMBERS[n - 1]! : n < 20 ? `十${CHINESE_NUMBERS[n - 11]!}` : `${CHINESE_NUMBERS[Math.floor(n / 10) - 1]}十${n % 10 ? CHINESE_NUMBERS[(n % 10) - 1] : ''}`);

/**
 * A long compendium for the benchmark: `parts` parts of chapters with text and a table each — about 10 pages a
 * part.
 */
export function bigModel(parts: number): DocumentModel {
  const base = sampleModel();
  const body = Array.from({ length: parts }, (_, p): { kind: 'body'; orientation: 'portrait'; blocks: Block[] } => {
    const blocks: Block[] = [heading(1, `第${cn(p + 1)}部分`, `制度第${p + 1}编`, `p${p}`)];
    for (let c = 1; c <= 4; c++) {
      blocks.push(heading(2, `${cn(c)}、`, `第${p + 1}编第${c}章的规定`, `p${p}c${c}`));
      for (let s = 1; s <= 2; s++) {
        blocks.push(heading(3, `（${cn(s)}）`, `第${p + 1}编第${c}章第${s}节`, `p${p}c${c}s${s}`));
        blocks.push(filler(5, p + c + s), filler(4, c));
      }
      if (c === 2) blocks.push(catalogueTable(12));
    }
    return { kind: 'body', orientation: 'portrait', blocks };
  });
  return { ...base, sections: [base.sections[0]!, base.sections[1]!, ...body] };
}

/** A model whose table ends a section exactly at the foot of a page: docx closes that section with an empty paragraph, which takes a page of its own. */
export function sectionEndingInFullTable(): DocumentModel {
  const base = sampleModel();
  const body = (blocks: Block[]) => ({ kind: 'body' as const, orientation: 'portrait' as const, blocks });
  return {
    ...base,
    sections: [base.sections[0]!, base.sections[1]!, body([heading(1, undefined, '表格一节', 'full-table'), catalogueTable(11)]), body([heading(1, undefined, '其后一节', 'after-table'), filler(2)])],
  };
}

/** A model with footnotes in several runs (numbered on across them). */
export function footnotesInRuns(): DocumentModel {
  const base = sampleModel();
  const blocks: Block[] = [];
  for (let i = 0; i < 4; i++) {
    blocks.push(heading(2, `${'一二三四'[i]}、`, `第${i + 1}项`, `fn-${i}`, { pageBreakBefore: true }), filler(3, i));
    blocks.push(para([{ type: 'text', text: `见注释${i + 2}` }, { type: 'footnoteRef', id: i + 2 }, { type: 'text', text: '。' }]));
  }
  return {
    ...base,
    sections: [...base.sections, { kind: 'body', orientation: 'portrait', blocks }],
    footnotes: [...base.footnotes, ...[0, 1, 2, 3].map((i) => ({ id: i + 2, children: [{ type: 'text' as const, text: `第${i + 2}个注释的内容，说明出处和依据。`.repeat(3) }] }))],
  };
}
