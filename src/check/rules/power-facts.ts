/**
 * The facts a power must state, as far as the stage requires (check/stages.ts): whether it charges fees, its statutory
 * time limit, and for a power 暂停 or 取消 the date and the reason. A missing fact is never printed as a fact (a missing
 * fee is not 不收费, a missing time limit is not 无): the compendium prints 未填写 until the stage requires it.
 */
import { defineRule } from '../context.js';
import { severityAt } from '../stages.js';

const FEES_FREE = 'fees: {charged: false}';
const FEES_CHARGED = 'fees: {charged: true, standard: 收费标准, basis: 收费依据}';

/** 收费: stated from stage review; when charged, with its standard and basis. */
export const powerFees = defineRule({
  id: 'power-fees',
  check(ctx) {
    const sev = severityAt(ctx.stage, 'power-fees');
    for (const p of ctx.powers) {
      const f = p.data.fees;
      const name = p.data.name;
      if (!f) {
        ctx.report(p.source, () => p.source.rangeAt(['id']), 'missing', { name, free: FEES_FREE, charged: FEES_CHARGED }, sev);
      } else if (f.charged && (!f.standard || !f.basis)) {
        const missingZh = [!f.standard && 'standard（收费标准）', !f.basis && 'basis（收费依据）'].filter(Boolean).join('、');
        const missingEn = [!f.standard && 'standard', !f.basis && 'basis'].filter(Boolean).join(' and ');
        ctx.report(p.source, () => p.source.rangeAt(['fees', 'charged']), 'incomplete', { name, missingZh, missingEn }, sev);
      }
    }
  },
});

/** 法定时限: stated from stage review, as days or as 未规定 (the law sets none). */
export const powerTimeLimit = defineRule({
  id: 'power-time-limit',
  check(ctx) {
    const sev = severityAt(ctx.stage, 'power-time-limit');
    for (const p of ctx.powers) {
      if (p.data.time_limit?.statutory !== undefined) continue;
      ctx.report(p.source, () => p.source.rangeAt(p.data.time_limit ? ['time_limit'] : ['id'], { key: true }), 'missing',
        { name: p.data.name, example: 'time_limit: {statutory: {days: 20, unit: 工作日}}' }, sev);
    }
  },
});

/** 暂停/取消: the date and the reason, which the 取消、暂停事项 table prints. */
export const powerStatus = defineRule({
  id: 'power-status',
  check(ctx) {
    const sev = severityAt(ctx.stage, 'power-status');
    for (const p of ctx.powers) {
      const d = p.data;
      if (d.status !== '暂停' && d.status !== '取消') continue;
      const missing = [!d.status_date && 'status_date', !d.status_reason && 'status_reason'].filter(Boolean) as string[];
      if (!missing.length) continue;
      const missingZh = missing.map((m) => (m === 'status_date' ? `${d.status}日期（status_date）` : `${d.status}理由（status_reason）`)).join('和');
      ctx.report(p.source, () => p.source.rangeAt(['status']), 'incomplete', {
        name: d.name, status: d.status, statusEn: d.status === '取消' ? 'cancelled' : 'suspended', missingZh, missingEn: missing.join(' and '),
      }, sev);
    }
  },
});
