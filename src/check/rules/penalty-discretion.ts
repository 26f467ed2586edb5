import { defineRule } from '../context.js';

/** 行政处罚 needs 裁量基准 (discretion standards). */
export const penaltyDiscretionRequired = defineRule({
  id: 'penalty-discretion-required',
  perPower: true,
  check(ctx) {
    for (const p of ctx.powers) {
      if (p.data.category !== '行政处罚' || p.data.discretion?.length) continue;
      ctx.report(p.source, p.source.rangeAt(['category']), 'missing', { name: p.data.name });
    }
  },
});
