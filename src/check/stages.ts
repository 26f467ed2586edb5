/**
 * The work plan's stages (工作阶段) and what must be present by the end of each: ONE table, which `validate --stage`
 * enforces (each check asks `isRequired(stage, requirement)`) and `powerbook status` reads (what blocks the next stage,
 * against the dates in powerbook.yaml `stages:`).
 *
 * A requirement applies from its stage on: at `submit`, everything of draft, review and deliberation holds too.
 * Before its stage a missing item is reported as information (severity `info`), so a draft still sees what lies ahead.
 */
import type { RuleId } from '../diagnostics/rules.js';
import type { Stage } from '../domain/types.js';

export type { Stage };

/** The keys of powerbook.yaml `stages:`, one per stage: the day by which that stage is done. */
export type StageDateKey = 'draft_by' | 'legality_review_by' | 'deliberation_by' | 'submit_by' | 'publish_by';

export type RequirementId =
  | 'format'
  | 'stage-dates'
  | 'power-status'
  | 'power-fees'
  | 'power-time-limit'
  | 'legality-review-record'
  | 'legality-review-on-time'
  | 'legality-review-passed'
  | 'deliberation-record'
  | 'deliberation-after-review'
  | 'deliberation-on-time'
  | 'deliberation-passed'
  | 'reviews-before-submit'
  | 'no-draft-mark';

export interface StageRequirement {
  id: RequirementId;
  /** The diagnostic ids that report this requirement unmet (a `status` command maps diagnostics back to it). */
  rules: RuleId[];
  /** What an unmet requirement is at and after its stage: `error` blocks the stage, `warning` is a missed date. */
  severity: 'error' | 'warning';
  zh: string;
  en: string;
}

export interface StageDef {
  id: Stage;
  /** powerbook.yaml `stages.<dateKey>`: the plan's date for the end of this stage. */
  dateKey: StageDateKey;
  zh: string;
  en: string;
  /** What this stage adds to the ones before it. */
  adds: StageRequirement[];
}

/** In the work plan's order (株洲市商务局工作方案: 起草 → 10月底合法性审查 → 集体审议 → 11月底报送 → 次年1月31日前公布). */
export const STAGES: readonly StageDef[] = [
  {
    id: 'draft', dateKey: 'draft_by', zh: '起草', en: 'draft',
    adds: [
      { id: 'format', rules: [], severity: 'error', zh: '每个文件符合格式，引用的法律、条文、职权都存在，办理流程完整', en: 'every file matches the format; cited laws, articles and powers exist; procedures are complete' },
      { id: 'deliberation-after-review', rules: ['rule-deliberation'], severity: 'error', zh: '已填的集体审议日期不早于合法性审查日期', en: 'a dated deliberation is not dated before the legality review' },
      { id: 'stage-dates', rules: ['stage-dates'], severity: 'warning', zh: 'powerbook.yaml 的工作节点日期按起草、审查、审议、报送、公布的先后排列', en: 'the stage dates in powerbook.yaml are in the order draft, review, deliberation, submit, publish' },
    ],
  },
  {
    id: 'review', dateKey: 'legality_review_by', zh: '合法性审查', en: 'legality review',
    adds: [
      { id: 'power-fees', rules: ['power-fees'], severity: 'error', zh: '每项职权写明是否收费（fees.charged）；收费的写明标准和依据', en: 'every power states whether it charges (fees.charged), and if so the standard and basis' },
      { id: 'power-time-limit', rules: ['power-time-limit'], severity: 'error', zh: '每项职权写明法定时限（time_limit.statutory：天数，或"未规定"）', en: 'every power states its statutory time limit (time_limit.statutory: days, or 未规定)' },
      { id: 'power-status', rules: ['power-status'], severity: 'error', zh: '取消、暂停的职权写明日期（status_date）和理由（status_reason）', en: 'a cancelled or suspended power gives its date (status_date) and reason (status_reason)' },
      { id: 'legality-review-record', rules: ['rule-legality-review'], severity: 'error', zh: '每项制度有合法性审查记录（日期和结论）', en: 'every rule has a legality review record (date and result)' },
      { id: 'legality-review-on-time', rules: ['rule-legality-review'], severity: 'warning', zh: '合法性审查日期不晚于 stages.legality_review_by', en: 'legality reviews are dated no later than stages.legality_review_by' },
    ],
  },
  {
    id: 'deliberation', dateKey: 'deliberation_by', zh: '集体审议', en: 'deliberation',
    adds: [
      { id: 'legality-review-passed', rules: ['rule-legality-review'], severity: 'error', zh: '每项制度的合法性审查结论为"通过"或"修改后通过"', en: 'every rule passed its legality review (通过 or 修改后通过)' },
      { id: 'deliberation-record', rules: ['rule-deliberation'], severity: 'error', zh: '每项制度有集体审议记录（日期和结论）', en: 'every rule has a collective deliberation record (date and result)' },
      { id: 'deliberation-on-time', rules: ['rule-deliberation'], severity: 'warning', zh: '集体审议日期不晚于 stages.deliberation_by', en: 'deliberations are dated no later than stages.deliberation_by' },
    ],
  },
  {
    id: 'submit', dateKey: 'submit_by', zh: '报送', en: 'submit',
    adds: [
      { id: 'deliberation-passed', rules: ['rule-deliberation'], severity: 'error', zh: '每项制度的集体审议结论为"通过"或"修改后通过"', en: 'every rule passed collective deliberation' },
      { id: 'reviews-before-submit', rules: ['rule-legality-review', 'rule-deliberation'], severity: 'error', zh: '审查、审议日期不晚于 stages.submit_by（未写时为汇编日期）', en: 'reviews and deliberations are dated no later than stages.submit_by (else the compendium date)' },
    ],
  },
  {
    id: 'publish', dateKey: 'publish_by', zh: '向社会公布', en: 'publish',
    adds: [
      { id: 'no-draft-mark', rules: ['compendium-draft-mark'], severity: 'error', zh: '汇编的标题、副标题、版次不再标"送审稿""征求意见稿""草案"等', en: 'the title, subtitle and edition no longer say 送审稿, 征求意见稿, 草案 or the like' },
    ],
  },
];

export const STAGE_IDS: readonly Stage[] = STAGES.map((s) => s.id);

export function isStage(s: string): s is Stage {
  return (STAGE_IDS as readonly string[]).includes(s);
}

export function stageDef(stage: Stage): StageDef {
  return STAGES.find((s) => s.id === stage)!;
}

/** Whether `stage` is `from` or later. */
export function atLeast(stage: Stage, from: Stage): boolean {
  return STAGE_IDS.indexOf(stage) >= STAGE_IDS.indexOf(from);
}

/** The stage from which a requirement applies. */
export function requiredFrom(id: RequirementId): Stage {
  return STAGES.find((s) => s.adds.some((r) => r.id === id))!.id;
}

/** Whether the requirement applies at `stage`. */
export function isRequired(stage: Stage, id: RequirementId): boolean {
  return atLeast(stage, requiredFrom(id));
}

/**
 * The severity a check gives an unmet requirement at `stage`: the requirement's own from its stage on, `info` before
 * (a reminder of what is coming).
 */
export function severityAt(stage: Stage, id: RequirementId): 'error' | 'warning' | 'info' {
  if (!isRequired(stage, id)) return 'info';
  return STAGES.flatMap((s) => s.adds).find((r) => r.id === id)!.severity;
}

/** Everything that must hold at the end of `stage` (its own requirements and those of the stages before), in order. */
export function stageRequirements(stage: Stage): (StageRequirement & { stage: Stage })[] {
  const out: (StageRequirement & { stage: Stage })[] = [];
  for (const s of STAGES) {
    for (const r of s.adds) out.push({ ...r, stage: s.id });
    if (s.id === stage) break;
  }
  return out;
}
