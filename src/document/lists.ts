/**
 * 权力清单 and 责任清单 as a government portal publishes them (`powerbook export`, rendered by src/render/xlsx): a
 * title row, a header row, one row per power. The powers in force, in the 职权目录's order (by category, then by id), each
 * cell written as the compendium writes it — the same legal basis titles (《title》第X条, one a line), time limits, fees
 * and quotation marks. A power 暂停 or 取消 is not in either list: as in the compendium it is listed apart (取消、暂停事项),
 * with its date and reason. A fact nobody entered is printed as the compendium prints it (未填写), or left empty where
 * the compendium prints nothing (no 责任事项 written: none printed) — never made up.
 */
import { chineseQuotes } from '../domain/quotes.js';
import type { Config, Law, Power } from '../domain/types.js';
import type { LawLibrary } from '../library/types.js';
import type { Loaded } from '../load/repository.js';
import { Citations } from '../check/rules/citations-resolve.js';
import { legalBasisTexts, type LegalBasisTexts } from './citations.js';
import { feesText, NOT_FILLED, powerTimeLimits } from './facts.js';
import { byCategory, notInForce } from './parts.js';
import { legalBasisText } from './text.js';

export type ListKind = 'powers' | 'duties' | 'status';
export const LIST_KINDS: readonly ListKind[] = ['powers', 'duties', 'status'];

export interface ListColumn {
  /** The header as the published lists word it (序号, 事项编码, 法定依据…): an import finds its columns by these. */
  header: string;
  /** How many characters of the table's text fit across it (an ideograph is one). */
  width: number;
  /** Short values (序号, 编码, 类别, 主体) centred, text at the left. */
  align: 'center' | 'left';
  /** The column holds whole numbers (序号): a spreadsheet stores them as numbers, not text. */
  numeric?: boolean;
}

export interface PublishedList {
  kind: ListKind;
  /** The worksheet's name. */
  name: string;
  /** The title row, e.g. 株洲市商务局行政权力清单. */
  title: string;
  columns: readonly ListColumn[];
  /** One row per power, a string per column; lines within a cell separated by "\n"; '' for a cell with nothing. */
  rows: string[][];
}

export interface PublishedLists {
  department: string;
  /** ISO timestamp (SOURCE_DATE_EPOCH, else the compendium's date: document/build.ts creationDate), never the clock. */
  created: string;
  /** 权力清单 and 责任清单; 取消、暂停事项 only when some power is 暂停 or 取消. */
  lists: PublishedList[];
}

export interface ListsInput {
  config: Config;
  /** Valid (schema-checked) laws and powers. */
  laws: Loaded<Law>[];
  powers: Loaded<Power>[];
  /** The law library, for the full titles of the texts cited from it. */
  library?: LawLibrary;
  created: string;
}

const col = (header: string, width: number, align: ListColumn['align'] = 'left'): ListColumn => ({ header, width, align });
const NUMBER = { header: '序号', width: 3, align: 'center', numeric: true } as const satisfies ListColumn;

/** `1. text` lines, as the compendium numbers 责任事项 and 追责情形. */
const numbered = (xs: string[] | undefined) => (xs ?? []).map((x, i) => `${i + 1}. ${x}`).join('\n');

/** The published lists of the repository's powers. */
export function publishedLists(input: ListsInput): PublishedLists {
  const { config } = input;
  const dept = config.department.name;
  const citations = new Citations({
    laws: input.laws, lawsById: new Map(input.laws.map((l) => [l.data.id, l])), brokenLaws: new Set(), library: input.library, date: config.compendium.date,
  });
  const bases = legalBasisTexts(citations, false);
  const inForce = byCategory(input.powers).flatMap(([, ps]) => ps);
  const lists: PublishedList[] = [
    { kind: 'powers', name: '权力清单', title: `${dept}行政权力清单`, columns: POWER_COLUMNS, rows: inForce.map((p, i) => powerRow(p, i, bases)) },
    { kind: 'duties', name: '责任清单', title: `${dept}责任清单`, columns: DUTY_COLUMNS, rows: inForce.map((p, i) => dutyRow(p, i)) },
  ];
  const off = notInForce(input.powers);
  if (off.length) lists.push({ kind: 'status', name: '取消、暂停事项', title: `${dept}取消、暂停的行政权力事项`, columns: STATUS_COLUMNS, rows: off.map(statusRow) });
  for (const l of lists) l.rows = l.rows.map((r) => r.map((c) => (c === '' ? c : chineseQuotes([c])[0]!)));
  return { department: dept, created: input.created, lists };
}

/** 行政权力清单 (职权目录). */
export const POWER_COLUMNS: readonly ListColumn[] = [
  NUMBER, col('事项编码', 5, 'center'), col('权力类别', 5, 'center'), col('事项名称', 14), col('子项', 12), col('法定依据', 24),
  col('实施主体', 8, 'center'), col('承办机构', 7, 'center'), col('办理流程', 12), col('办理时限', 10), col('收费依据及标准', 12),
  col('备注', 8),
];

function powerRow(p: Power, i: number, bases: LegalBasisTexts): string[] {
  return [
    String(i + 1), String(p.id), p.category, p.name, (p.subitems ?? []).join('\n'),
    (p.legal_bases ?? []).map((b) => legalBasisText(b, bases.title(b))).join('\n'),
    p.body, p.unit,
    // The steps in the author's order, one a line: "1. 受理" (an import reads numbered lines as steps).
    (p.procedure?.steps ?? []).map((s, k) => `${k + 1}. ${s.name}`).join('\n'),
    powerTimeLimits(p), feesText(p), p.remark?.trim() ?? '',
  ];
}

/** 责任清单: the duties of each power and the cases in which someone answers for them. */
export const DUTY_COLUMNS: readonly ListColumn[] = [
  NUMBER, col('事项编码', 5, 'center'), col('权力类别', 5, 'center'), col('事项名称', 14), col('实施主体', 8, 'center'),
  col('承办机构', 7, 'center'), col('责任事项', 30), col('追责情形', 26), col('备注', 8),
];

function dutyRow(p: Power, i: number): string[] {
  return [String(i + 1), String(p.id), p.category, p.name, p.body, p.unit, numbered(p.responsibilities), numbered(p.accountability), p.remark?.trim() ?? ''];
}

/** 取消、暂停事项, as the compendium's table after the 职权目录. */
export const STATUS_COLUMNS: readonly ListColumn[] = [
  NUMBER, col('事项编码', 5, 'center'), col('权力类别', 5, 'center'), col('事项名称', 16), col('状态', 4, 'center'),
  col('日期', 6, 'center'), col('理由及依据', 25),
];

function statusRow(p: Power, i: number): string[] {
  return [String(i + 1), String(p.id), p.category, p.name, p.status!, p.status_date ?? NOT_FILLED, p.status_reason ?? NOT_FILLED];
}
