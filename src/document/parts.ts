/** The compendium's parts (封面, 职权目录, 权力运行流程图, 制度, 附录), each a function from checked data to blocks. */
import { numberToChinese } from '../domain/numerals.js';
import { POWER_CATEGORIES, RULE_AREAS, type Config, type Law, type Power, type ProcedureStep } from '../domain/types.js';
import type { Loaded, RuleDoc } from '../load/repository.js';
import type { Anchors } from './anchors.js';
import type { Block, Figure, Heading, Inline, Paragraph, Table, TableCell, TableRow } from './model.js';
import { chineseDate, legalBasisText, timeLimitText } from './text.js';
import { feesText, NOT_FILLED, powerTimeLimits } from './facts.js';
import { inForce } from '../domain/power.js';
import { markdownToBlocks, type MarkdownContext } from './markdown.js';
import { ruleTree } from '../load/mdast.js';
import { articleText, bookTitle } from '../domain/law.js';
import { libraryLevel, type CitedLibraryLaw, type LegalBasisTexts } from './citations.js';

const t = (text: string, extra: Partial<Inline & { bold: boolean }> = {}): Inline => ({ type: 'text', text, ...extra } as Inline);
const para = (text: string, extra: Partial<Paragraph> = {}): Paragraph => ({ type: 'paragraph', children: [t(text)], indent: true, ...extra });
const cell = (text: string) => ({ children: lines(text) });
function lines(text: string): Inline[] {
  const out: Inline[] = [];
  text.split('\n').forEach((l, i) => { if (i) out.push({ type: 'break' }); out.push(t(l)); });
  return out;
}

export function partHeading(number: string | undefined, text: string, anchor: string): Heading {
  return { type: 'heading', level: 1, role: 'part', number, children: [t(text)], anchor, toc: true, outline: true, pageBreakBefore: true };
}

/** 第一部分 … */
export function partNumber(n: number): string {
  return `第${numberToChinese(n)}部分`;
}

export function cover(config: Config): Block[] {
  const c = config.compendium;
  // Department, title, subtitle, edition, date: each once (the backends place them on the page).
  const out: Block[] = [
    { type: 'paragraph', children: [t(config.department.name)], style: 'cover-dept', align: 'center', indent: false },
    { type: 'paragraph', children: [t(c.title)], style: 'title', align: 'center', indent: false },
  ];
  if (c.subtitle) out.push({ type: 'paragraph', children: [t(c.subtitle)], style: 'subtitle', align: 'center', indent: false });
  if (c.edition) out.push({ type: 'paragraph', children: [t(`（${c.edition}）`)], style: 'subtitle', align: 'center', indent: false });
  out.push({ type: 'paragraph', children: [t(chineseDate(c.date))], style: 'cover-date', align: 'center', indent: false });
  return out;
}

/** Powers in force grouped by category, in the catalogue's order, each group by id. 暂停/取消 powers are not among them. */
export function byCategory(powers: Loaded<Power>[]): [string, Power[]][] {
  return POWER_CATEGORIES.map((cat) => [cat, powers.map((p) => p.data).filter((p) => p.category === cat && inForce(p)).sort((a, b) => cmp(a.id, b.id))] as [string, Power[]])
    .filter(([, ps]) => ps.length > 0);
}

/** Powers 暂停 or 取消, by id: listed in their own table, never printed as if in force. */
export function notInForce(powers: Loaded<Power>[]): Power[] {
  return powers.map((p) => p.data).filter((p) => !inForce(p)).sort((a, b) => cmp(a.id, b.id));
}

function cmp(a: string, b: string): number { return a < b ? -1 : a > b ? 1 : 0; }

/** 职权目录: one table, grouped by category, header repeated, in a landscape section. */
export function catalogue(powers: Loaded<Power>[], laws: LegalBasisTexts, powerAnchors: Map<string, string>): { intro: Block[]; table: Table } {
  const groups = byCategory(powers);
  // 备注 as the published lists have it, when some power has one; its room comes from the two wide columns (事项名称,
  // 实施依据), so that the narrow ones (序号, 编码, 类别, 时限, 收费) are not narrowed into breaking their words.
  const remarks = groups.some(([, ps]) => ps.some((p) => p.remark !== undefined && p.remark.trim() !== ''));
  const heads = ['序号', '事项编码', '事项名称', '权力类别', '实施依据', '承办机构', '法定/承诺时限', '收费', ...(remarks ? ['备注'] : [])];
  const header: TableRow = { header: true, cells: heads.map(cell) };
  const rows: TableRow[] = [header];
  let n = 0;
  groups.forEach(([cat, ps], gi) => {
    rows.push({ group: true, cells: [{ children: [t(`${numberToChinese(gi + 1)}、${cat}（${ps.length}项）`, { bold: true })], colSpan: heads.length }] });
    for (const p of ps) {
      n++;
      rows.push({
        cells: [
          cell(String(n)), cell(String(p.id)),
          { children: [{ type: 'ref', kind: 'power', target: String(p.id), anchor: powerAnchors.get(String(p.id)), text: p.name }] },
          cell(p.category),
          cell((p.legal_bases ?? []).map((b) => legalBasisText(b, laws.title(b))).join('\n')),
          cell([p.unit, p.post].filter(Boolean).join('\n')),
          cell(powerTimeLimits(p)), cell(feesText(p, false)),
          ...(remarks ? [cell(p.remark?.trim() ?? '')] : []),
        ],
      });
    }
  });
  const off = notInForce(powers);
  const intro = [para(`本目录共收录职权${n}项，分为${groups.length}类：${groups.map(([c, ps]) => `${c}${ps.length}项`).join('，')}。${off.length ? `另有取消、暂停事项${off.length}项，不列入本目录，见本部分之后的取消、暂停事项表。` : ''}`)];
  // With 备注: 序号 holds its two characters and 权力类别 its four (行政许可) on a line of 小四 on the landscape page.
  const widths = remarks ? [5.5, 9, 17.8, 9.2, 22.5, 11, 11, 8, 10] : [5, 9, 22, 8, 30, 11, 11, 8];
  return { intro, table: { type: 'table', rows, headerRows: 1, widths, landscape: true, fontSize: 'small' } };
}

/** 取消、暂停事项: the powers no longer exercised, with the date and the reason; none, no table. */
export function statusTable(powers: Loaded<Power>[]): Table | undefined {
  const off = notInForce(powers);
  if (!off.length) return undefined;
  const rows: TableRow[] = [{ header: true, cells: ['序号', '事项编码', '事项名称', '权力类别', '状态', '日期', '理由及依据'].map(cell) }];
  off.forEach((p, i) => rows.push({
    cells: [cell(String(i + 1)), cell(String(p.id)), cell(p.name), cell(p.category), cell(p.status!), cell(p.status_date ?? NOT_FILLED), cell(p.status_reason ?? NOT_FILLED)],
  }));
  return { type: 'table', rows, headerRows: 1, widths: [5, 9, 22, 9, 6, 11, 38], landscape: true, fontSize: 'small', caption: '取消、暂停事项' };
}

/** The drawing of a figure, without its place in the document. */
export type FigureArt = Omit<Figure, 'type' | 'anchor' | 'alt' | 'caption'>;

/** 权力运行流程图: per power, a heading, its flowchart (one figure per page of it) and its step table. */
export function flowchartBlocks(p: Power, number: string, anchor: string, figure: FigureArt | FigureArt[] | undefined, anchors: Anchors, laws: LegalBasisTexts): Block[] {
  const out: Block[] = [{ type: 'heading', level: 2, role: 'chapter', number, children: [t(`${p.name}（${p.id}）`)], anchor, toc: true, outline: true, pageBreakBefore: true, unit: { kind: 'power', id: String(p.id), category: p.category } }];
  out.push(powerInfoTable(p, laws));
  const pages = figure === undefined ? [] : Array.isArray(figure) ? figure : [figure];
  if (pages.length) {
    // A drawing cut into pages: one figure per page, "（1/2）", "（2/2）", the off-page connectors inside them linking up.
    pages.forEach((art, k) => {
      const of = pages.length > 1 ? `（${k + 1}/${pages.length}）` : '';
      const name = `${p.name}权力运行流程图${of}`;
      out.push({ type: 'figure', anchor: anchors.make('fig', k ? `${p.id}-${k + 1}` : String(p.id)), alt: name, caption: name, ...art });
    });
  } else {
    out.push(para('（流程图未能生成，见构建摘要。）', { indent: false }));
  }
  const rows: TableRow[] = [{ header: true, cells: [cell('环节'), cell('承办岗位'), cell('时限'), cell('办理内容及责任'), { ...cell('风险点'), risk: true }, { ...cell('防控措施'), risk: true }] }];
  for (const s of p.procedure.steps) {
    const risks = s.risks ?? [];
    rows.push({
      cells: [
        cell(s.name), cell(s.actor ?? ''), cell(timeLimitText(s.time_limit)), stepWork(s),
        { ...cell(risks.map((r) => `【${r.level}】${r.description}`).join('\n')), risk: true },
        { ...cell(risks.flatMap((r) => r.controls).map((c, i) => `${i + 1}. ${c}`).join('\n')), risk: true },
      ],
    });
  }
  out.push({ type: 'table', rows, headerRows: 1, widths: [10, 12, 12, 30, 18, 18], fontSize: 'small', caption: `${p.name}办理环节及廉政风险防控表`, captionWithoutRisks: `${p.name}办理环节表` });
  return out;
}

/** 办理内容及责任: what the step does (description) and the duty it carries (duty, 责任), as the author wrote them. */
function stepWork(s: ProcedureStep): TableCell {
  const children: Inline[] = [];
  if (s.description) children.push(...lines(s.description));
  if (s.duty) {
    if (children.length) children.push({ type: 'break' });
    children.push(t('责任：', { bold: true }), ...lines(s.duty));
  }
  return { children };
}

/** 事项基本信息: the facts of a power a reader needs, with the text of each cited article where the registry has it. */
function powerInfoTable(p: Power, laws: LegalBasisTexts): Table {
  const bases: Inline[] = [];
  (p.legal_bases ?? []).forEach((b, i) => {
    if (i) bases.push({ type: 'break' });
    bases.push(t(legalBasisText(b, laws.title(b)), { bold: true }));
    const text = laws.text(b);
    if (text) { bases.push({ type: 'break' }); bases.push(...lines(text)); }
  });
  const row = (label: string, value: Inline[] | string): TableRow => ({ cells: [cell(label), typeof value === 'string' ? cell(value) : { children: value }] });
  const list = (xs: string[] | undefined) => (xs ?? []).map((x, i) => `${i + 1}. ${x}`).join('\n');
  const rows: TableRow[] = [
    row('事项编码', String(p.id)), row('权力类别', p.category), row('实施主体', p.body),
    row('承办机构', [p.unit, p.post].filter(Boolean).join('　')), row('实施依据', bases),
  ];
  if (p.conditions?.length) rows.push(row('申请条件', list(p.conditions)));
  if (p.materials?.length) rows.push(row('申请材料', list(p.materials)));
  rows.push(row('办理时限', powerTimeLimits(p)), row('收费', feesText(p)));
  if (p.discretion?.length) rows.push(row('裁量基准', p.discretion.map((d) => `${d.level ? `【${d.level}】` : ''}${clause(d.circumstance)}：${d.penalty}`).join('\n')));
  if (p.responsibilities?.length) rows.push(row('责任事项', list(p.responsibilities)));
  if (p.accountability?.length) rows.push(row('追责情形', list(p.accountability)));
  const s = p.supervision;
  if (s) rows.push(row('监督方式', [s.unit, s.phone && `电话：${s.phone}`, s.email && `邮箱：${s.email}`, s.address && `地址：${s.address}`].filter(Boolean).join('\n')));
  if (p.remark?.trim()) rows.push(row('备注', p.remark.trim()));
  return { type: 'table', rows, headerRows: 0, widths: [18, 82], fontSize: 'small', caption: `${p.name}基本信息` };
}

/** 规范权力运行制度: grouped by the work plan's four areas (and 其他). */
export function ruleBlocks(rules: RuleDoc[], ctx: MarkdownContext, ruleAnchors: Map<string, string>): Block[] {
  const out: Block[] = [];
  let gi = 0;
  for (const area of RULE_AREAS) {
    const rs = rules.filter((r) => r.data.area === area).sort((a, b) => cmp(String(a.data.id), String(b.data.id)));
    if (!rs.length) continue;
    gi++;
    out.push({ type: 'heading', level: 2, role: 'chapter', number: `${numberToChinese(gi)}、`, children: [t(area === '其他' ? '其他制度' : `${area}类制度`)], anchor: ctx.anchors.make('area', String(gi)), toc: true, outline: true, unit: { kind: 'area', id: area } });
    rs.forEach((r) => {
      const d = r.data;
      out.push({ type: 'heading', level: 3, role: 'title', children: [t(d.title)], anchor: ruleAnchors.get(String(d.id))!, toc: true, outline: true, pageBreakBefore: true, unit: { kind: 'rule', id: String(d.id), category: area } });
      const meta = [d.number, versionText(d.version), d.adopted ? `${chineseDate(d.adopted, true)}通过` : ''].filter(Boolean).join('　');
      if (meta) out.push({ type: 'paragraph', children: [t(meta)], align: 'center', indent: false, style: 'subtitle' });
      out.push(...markdownToBlocks(r.body, ctx, { file: r.source.path, anchorPrefix: `r_${d.id}`, baseLevel: 4, tree: ruleTree(r) }));
      out.push(para(reviewLine(r), { style: 'note', indent: false }));
    });
  }
  return out;
}

/** A clause to be followed by our own punctuation (：, ；), without the one its author ended it with. */
function clause(text: string): string {
  return text.trim().replace(/[。；，、：;,:.]+$/, '');
}

/** "1.0" → 第1.0版; "第一版" or "2025年修订版" as written. */
function versionText(v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  const s = String(v);
  return /^第|版$/.test(s) ? s : `第${s}版`;
}

function reviewLine(r: RuleDoc): string {
  const lr = r.data.legality_review, dl = r.data.deliberation;
  // Only what the records say: no reviewer or meeting is named that nobody entered, no result printed that was not.
  const a = lr?.date ? `${chineseDate(lr.date, true)}经${lr.reviewer ?? ''}合法性审查${lr.result ? `（${lr.result}）` : ''}` : '未经合法性审查';
  const b = dl?.date ? `${chineseDate(dl.date, true)}经${dl.meeting ?? ''}集体审议${dl.result ? `（${dl.result}）` : ''}` : '未经集体审议';
  return `（本制度${a}，${b}。）`;
}

/**
 * The opinion as written, and the result on a line of its own ("结论：通过"): not joined into one sentence, which gave
 * "符合法律法规规定。；通过" when the opinion ends with its own full stop.
 */
function opinionAndResult(opinion: string | undefined, result: string | undefined): string {
  return [opinion?.trim(), result ? `结论：${result}` : ''].filter(Boolean).join('\n') || '—';
}

/** 附录: 法律依据索引, 合法性审查与集体审议情况. */
export interface LibraryIndex {
  /** The library texts the powers cite, with the version in force on the compendium's date. */
  laws: CitedLibraryLaw[];
  /** A line saying where the texts come from (the library's commit or date) and on which date they are taken. */
  note: string;
}

export function appendix(laws: Loaded<Law>[], powers: Loaded<Power>[], rules: RuleDoc[], anchors: Anchors, lawAnchors: Map<string, string>, library?: LibraryIndex, localOf?: (ref: string) => string | undefined): Block[] {
  const citing = new Map<string, string[]>();
  for (const p of powers) for (const b of inForce(p.data) ? p.data.legal_bases ?? [] : []) {
    const id = localOf ? localOf(b.law) : b.law;
    if (id === undefined) continue;
    const list = citing.get(id) ?? [];
    if (!list.includes(String(p.data.id))) list.push(String(p.data.id));
    citing.set(id, list);
  }
  const LEVEL_ORDER = ['宪法', '法律', '行政法规', '地方性法规', '部门规章', '地方政府规章', '司法解释', '规范性文件', '党内法规'];
  const level = (s: string) => { const i = LEVEL_ORDER.indexOf(s); return i < 0 ? LEVEL_ORDER.length : i; };
  // A laws/ file and a library text in one list: by level, then by id (a laws/ file) or title (a library text).
  type Row = { level: string; key: string; cells: TableRow['cells'] };
  const rows: Row[] = laws.map((l) => {
    const d = l.data;
    const status = d.status === '现行有效' ? d.status : `${d.status}${d.status_date ? `（${d.status_date}）` : ''}`;
    const name = { children: [{ type: 'ref', kind: 'law', target: d.id, anchor: lawAnchors.get(d.id), text: bookTitle(d.title) } as Inline] };
    const version = library ? [cell('')] : [];
    return { level: d.level, key: d.id, cells: [name, cell(d.level), cell(d.issuer), cell(d.doc_number ?? ''), ...version, cell(d.effective), cell(status), cell((citing.get(d.id) ?? []).sort().join('、'))] };
  });
  for (const e of library?.laws ?? []) {
    const v = e.version, lv = libraryLevel(v);
    const status = e.repealed ? `已废止（${e.repealed.date}）` : v ? '现行有效' : '尚未施行';
    rows.push({ level: lv, key: e.law.title, cells: [cell(`《${e.law.title}》`), cell(lv), cell(v?.issuer ?? ''), cell(v?.order ?? ''), cell(v?.date ?? ''), cell(v?.inForce ?? ''), cell(status), cell([...e.citedBy].sort().join('、'))] });
  }
  rows.sort((a, b) => level(a.level) - level(b.level) || cmp(a.key, b.key));
  const header = library ? ['序号', '名称', '效力层级', '制定机关', '文号', '现行版本', '施行日期', '状态', '引用职权'] : ['序号', '名称', '效力层级', '制定机关', '文号', '施行日期', '状态', '引用职权'];
  const lawRows: TableRow[] = [{ header: true, cells: header.map(cell) }, ...rows.map((r, i) => ({ cells: [cell(String(i + 1)), ...r.cells] }))];
  const out: Block[] = [
    { type: 'heading', level: 2, role: 'chapter', number: '一、', children: [t('法律依据索引')], anchor: anchors.make('app', 'laws'), toc: true, outline: true },
    ...(library ? [para(library.note, { style: 'note', indent: false })] : []),
    { type: 'table', rows: lawRows, headerRows: 1, widths: library ? [5, 24, 8, 13, 14, 10, 10, 9, 12] : [5, 26, 9, 14, 16, 10, 10, 14], fontSize: 'small', landscape: true },
    { type: 'heading', level: 2, role: 'chapter', number: '二、', children: [t('合法性审查与集体审议情况')], anchor: anchors.make('app', 'reviews'), toc: true, outline: true, pageBreakBefore: true },
  ];
  const sortedRules = [...rules].sort((a, b) => RULE_AREAS.indexOf(a.data.area) - RULE_AREAS.indexOf(b.data.area) || cmp(String(a.data.id), String(b.data.id)));
  sortedRules.forEach((r, i) => {
    const d = r.data, lr = d.legality_review ?? {}, dl = d.deliberation ?? {};
    out.push(para(`${i + 1}. ${d.title}${d.number ? `（${d.number}）` : ''}`, { indent: false }));
    out.push({
      type: 'table', headerRows: 1, widths: [16, 28, 28, 28], fontSize: 'small',
      rows: [
        { header: true, cells: ['程序', '机构或会议', '日期', '意见与结论'].map(cell) },
        { cells: [cell('合法性审查'), cell(lr.reviewer ?? '—'), cell(lr.date ?? '—'), cell(opinionAndResult(lr.opinion, lr.result))] },
        { cells: [cell('集体审议'), cell([dl.meeting, dl.attendees ? `出席：${dl.attendees}` : ''].filter(Boolean).join('\n') || '—'), cell(dl.date ?? '—'), cell(opinionAndResult(undefined, dl.result))] },
      ],
    });
  });
  return out;
}
