/**
 * A draft read from the sheet → the power as powers/ID.yaml holds it (the format's keys in the order of
 * docs/format.md), and what it lacks: each field the format or a stage requires that the sheet did not give, with
 * the stage from which it is required (check/stages.ts). Nothing is filled in for it.
 */
import { requiredFrom, type RequirementId } from '../check/stages.js';
import type { LegalBasisRef, Stage } from '../domain/types.js';
import type { Field } from './header.js';
import type { Draft } from './rows.js';

/** The power as written: plain data, keys in the format's order. */
export type PowerOut = Record<string, unknown>;

export function toPower(d: Draft, id: string): PowerOut {
  const p: PowerOut = { id, name: d.name };
  if (d.category) p.category = d.category;
  if (d.subitems.length) p.subitems = d.subitems;
  if (d.body) p.body = d.body;
  if (d.unit) p.unit = d.unit;
  if (d.post) p.post = d.post;
  if (d.legalBases.length) {
    p.legal_bases = d.legalBases.map((b) => {
      const out: LegalBasisRef = { law: b.law };
      if (b.article) out.article = b.article;
      if (b.clause) out.clause = b.clause;
      if (b.item) out.item = b.item;
      if (b.quote) out.quote = b.quote;
      if (b.note) out.note = b.note;
      return out;
    });
  }
  if (d.conditions.length) p.conditions = d.conditions;
  if (d.materials.length) p.materials = d.materials;
  if (d.timeLimit && Object.keys(d.timeLimit).length) {
    const t: Record<string, unknown> = {};
    if (d.timeLimit.statutory !== undefined) t.statutory = d.timeLimit.statutory;
    if (d.timeLimit.promised !== undefined) t.promised = d.timeLimit.promised;
    if (d.timeLimit.note) t.note = d.timeLimit.note;
    p.time_limit = t;
  }
  if (d.fees?.charged !== undefined) {
    const f: Record<string, unknown> = { charged: d.fees.charged };
    if (d.fees.standard) f.standard = d.fees.standard;
    if (d.fees.basis) f.basis = d.fees.basis;
    p.fees = f;
  }
  if (d.steps?.length) p.procedure = { steps: d.steps };
  if (d.responsibilities.length) p.responsibilities = d.responsibilities;
  if (d.accountability.length) p.accountability = d.accountability;
  if (d.phone) p.supervision = { phone: d.phone };
  if (d.remark) p.remark = d.remark;
  if (d.status) p.status = d.status;
  if (d.statusDate) p.status_date = d.statusDate;
  if (d.statusReason) p.status_reason = d.statusReason;
  return p;
}

/** A field the power lacks, the stage that requires it and the column that would have given it. */
export interface Missing { field: MissingField; stage: Stage; column?: Field }

export type MissingField = 'category' | 'body' | 'unit' | 'legal_bases' | 'procedure' | 'actor' | 'discretion' | 'fees' | 'statutory' | 'status_date' | 'status_reason';

/** The names of the missing fields as the list's headers and the format call them. */
export const MISSING_NAMES: Record<MissingField, { zh: string; en: string }> = {
  category: { zh: '权力类别（category）', en: 'category' },
  body: { zh: '实施主体（body）', en: 'body (implementing authority)' },
  unit: { zh: '承办机构（unit）', en: 'unit (handling office)' },
  legal_bases: { zh: '实施依据（legal_bases）', en: 'legal bases (legal_bases)' },
  procedure: { zh: '办理流程（procedure）', en: 'procedure' },
  actor: { zh: '各环节承办人（procedure.steps[].actor）', en: 'each step\'s actor (procedure.steps[].actor)' },
  discretion: { zh: '裁量基准（discretion，行政处罚）', en: 'discretion standards (discretion, penalties)' },
  fees: { zh: '是否收费（fees）', en: 'fees' },
  statutory: { zh: '法定时限（time_limit.statutory）', en: 'statutory time limit (time_limit.statutory)' },
  status_date: { zh: '暂停或取消的日期（status_date）', en: 'the date it was suspended or cancelled (status_date)' },
  status_reason: { zh: '暂停或取消的理由（status_reason）', en: 'why it was suspended or cancelled (status_reason)' },
};

const FROM: Record<MissingField, RequirementId> = {
  category: 'format', body: 'format', unit: 'format', legal_bases: 'format', procedure: 'format', actor: 'format', discretion: 'format',
  fees: 'power-fees', statutory: 'power-time-limit', status_date: 'power-status', status_reason: 'power-status',
};

const COLUMN: Partial<Record<MissingField, Field>> = {
  category: 'category', body: 'body', unit: 'unit', legal_bases: 'legal_bases', procedure: 'procedure', fees: 'fees', statutory: 'time_limit',
  status_date: 'status_date', status_reason: 'status_reason',
};

/** What the power lacks, in the order of the stages and then of the format. */
export function missingOf(p: PowerOut): Missing[] {
  const out: MissingField[] = [];
  if (!p.category) out.push('category');
  if (!p.body) out.push('body');
  if (!p.unit) out.push('unit');
  if (!p.legal_bases) out.push('legal_bases');
  if (!p.procedure) out.push('procedure');
  else if ((p.procedure as { steps: { actor?: string }[] }).steps.some((s) => !s.actor)) out.push('actor');
  if (p.category === '行政处罚') out.push('discretion');
  if (!p.fees) out.push('fees');
  const tl = p.time_limit as { statutory?: unknown } | undefined;
  if (tl?.statutory === undefined) out.push('statutory');
  if (p.status === '暂停' || p.status === '取消') {
    if (!p.status_date) out.push('status_date');
    if (!p.status_reason) out.push('status_reason');
  }
  return out.map((field) => ({ field, stage: requiredFrom(FROM[field]), ...(COLUMN[field] ? { column: COLUMN[field] } : {}) }));
}

/** Fields the placeholder cells (无, /) of a draft stood for, by the missing field they leave. */
export function placeholderOf(d: Draft, m: MissingField): string | undefined {
  const col = COLUMN[m];
  if (!col) return undefined;
  return d.placeholders.get(col) ?? (m === 'statutory' ? d.placeholders.get('time_limit.statutory') : undefined);
}
