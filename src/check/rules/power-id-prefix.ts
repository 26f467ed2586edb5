import { defineRule } from '../context.js';
import type { PowerCategory } from '../../domain/types.js';

export const CATEGORY_PREFIX: Record<PowerCategory, string> = {
  行政许可: 'XK', 行政处罚: 'CF', 行政强制: 'QZ', 行政征收: 'ZS', 行政给付: 'JF',
  行政检查: 'JC', 行政确认: 'QR', 行政奖励: 'JL', 行政裁决: 'CJ', 其他行政权力: 'QT',
};

/** 事项编码 carries the category prefix (XK- 许可, CF- 处罚 …), so that a reader can tell the category from the code. */
export const powerIdPrefix = defineRule({
  id: 'power-id-prefix',
  perPower: true,
  check(ctx) {
    for (const p of ctx.powers) {
      const want = CATEGORY_PREFIX[p.data.category];
      if (!want || String(p.data.id).toUpperCase().startsWith(want)) continue;
      ctx.report(p.source, p.source.rangeAt(['id']), 'mismatch', { category: p.data.category, prefix: want, id: String(p.data.id) });
    }
  },
});
