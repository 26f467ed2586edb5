/**
 * The rule repository as loaded and schema-checked: plain data plus the source map of each file.
 * Keys are English; values are Chinese as the clerks write them. See docs/format.md.
 */

export type PowerCategory =
  | '行政许可' | '行政处罚' | '行政强制' | '行政征收' | '行政给付'
  | '行政检查' | '行政确认' | '行政奖励' | '行政裁决' | '其他行政权力';

export const POWER_CATEGORIES: readonly PowerCategory[] = [
  '行政许可', '行政处罚', '行政强制', '行政征收', '行政给付',
  '行政检查', '行政确认', '行政奖励', '行政裁决', '其他行政权力',
];

export type LawLevel = '法律' | '行政法规' | '地方性法规' | '部门规章' | '地方政府规章' | '规范性文件' | '党内法规';
export const LAW_LEVELS: readonly LawLevel[] = ['法律', '行政法规', '地方性法规', '部门规章', '地方政府规章', '规范性文件', '党内法规'];

export type LawStatus = '现行有效' | '已修订' | '已废止';

export type RuleArea = '职权法定' | '公开透明' | '绩效评估' | '查究问责' | '其他';
export const RULE_AREAS: readonly RuleArea[] = ['职权法定', '公开透明', '绩效评估', '查究问责', '其他'];

/** The work plan's stages, in order (check/stages.ts says what each requires). */
export type Stage = 'draft' | 'review' | 'deliberation' | 'submit' | 'publish';

export type PartName = 'cover' | 'toc' | 'preface' | 'catalogue' | 'flowcharts' | 'rules' | 'appendix';
export const DEFAULT_PARTS: readonly PartName[] = ['cover', 'toc', 'preface', 'catalogue', 'flowcharts', 'rules', 'appendix'];

/** powerbook.yaml */
export interface Config {
  department: {
    name: string; code?: string; parent?: string; address?: string; phone?: string;
    /** 内设科室、下属单位: a power's body (实施主体) is the department or one of them, its unit (承办机构) one of them (power-body-unit). */
    units?: string[];
  };
  compendium: {
    title: string;
    subtitle?: string;
    edition?: string;
    /** ISO date (YYYY-MM-DD): the compendium's date; laws are checked as in force at this date. */
    date: string;
    preface?: string;
    parts?: PartName[];
    show_risks_in_public?: boolean;
    /** A git tag or commit of the previous edition: build adds a 修订说明 appendix (powers added, removed, changed since). */
    revision_base?: string;
    /** Quote each cited provision's text from the law library on the power pages (as in force on `date`). */
    quote_legal_bases?: boolean;
  };
  stages?: {
    draft_by?: string;
    legality_review_by?: string;
    deliberation_by?: string;
    submit_by?: string;
    publish_by?: string;
  };
  lint?: Record<string, string>;
  fonts?: Record<string, string>;
  layout?: string;
  /** The law library (a clone of LawRefBook/Laws): one path or several, relative to the repository. */
  law_library?: string | string[];
  /** The department's roles as the laws name them (商务主管部门…): `laws coverage` looks for provisions naming them. */
  roles?: string[];
}

/** 法律依据登记: laws/*.yaml */
export interface Law {
  id: string;
  title: string;
  short_title?: string;
  level: LawLevel;
  issuer: string;
  doc_number?: string;
  promulgated?: string;
  effective: string;
  amendments?: { date: string; kind?: string; note?: string }[];
  status: LawStatus;
  status_date?: string;
  replaced_by?: string;
  articles?: { number: string | number; text: string }[];
}

export interface LegalBasisRef {
  /** A laws/ id, or a title (full, short, with or without 中华人民共和国 or 《》) that the law library or laws/ holds. */
  law: string;
  /** 第十二条 or 12 */
  article?: string | number;
  clause?: string | number;
  item?: string | number;
  /** Pins a version of a library text: the version's date (YYYY-MM-DD), as in its file name. */
  version?: string;
  /** The text the department relied on: compared with the text in force on the compendium's date. */
  quote?: string;
  note?: string;
}

export interface TimeLimit { days: number; unit?: '工作日' | '自然日' }

export interface RiskPoint { level: '高' | '中' | '低'; description: string; controls: string[] }

export interface NextStep { to: string; when?: string }

/** 办理环节 */
export interface ProcedureStep {
  id: string;
  name: string;
  actor?: string;
  time_limit?: TimeLimit | string;
  description?: string;
  next?: (string | NextStep)[];
  end?: boolean;
  risks?: RiskPoint[];
  duty?: string;
}

/** 职权: powers/*.yaml */
export interface Power {
  id: string;
  name: string;
  category: PowerCategory;
  subitems?: string[];
  body: string;
  unit: string;
  post?: string;
  legal_bases: LegalBasisRef[];
  conditions?: string[];
  materials?: string[];
  /** `statutory: 未规定` says the law sets none; a missing `statutory` is a fact not yet entered (printed 未填写). */
  time_limit?: { statutory?: TimeLimit | '未规定'; promised?: TimeLimit; note?: string };
  fees?: { charged: boolean; standard?: string; basis?: string };
  discretion?: { circumstance: string; level?: '轻微' | '一般' | '较重' | '严重'; penalty: string; basis?: LegalBasisRef }[];
  procedure: { start?: string; steps: ProcedureStep[] };
  flowchart?: string;
  responsibilities?: string[];
  accountability?: string[];
  supervision?: { phone?: string; unit?: string; email?: string; address?: string };
  /** 暂停/取消: left out of the in-force catalogue and flowcharts, listed in the 取消、暂停事项 table instead. */
  status?: '有效' | '暂停' | '取消';
  status_date?: string;
  status_reason?: string;
  /** 备注: what the published list's 备注 column says of the power, printed in the 职权目录 and the exported lists. */
  remark?: string;
}

export interface Review {
  reviewer?: string;
  date?: string;
  opinion?: string;
  result?: '通过' | '修改后通过' | '不通过';
}
export interface Deliberation {
  meeting?: string;
  date?: string;
  result?: '通过' | '修改后通过' | '不通过';
  attendees?: string;
}

/** 制度: rules/*.md (front matter + Markdown body) */
export interface RuleMeta {
  id: string;
  title: string;
  area: RuleArea;
  number?: string;
  version?: string;
  adopted?: string;
  powers?: string[];
  legality_review?: Review;
  deliberation?: Deliberation;
}

