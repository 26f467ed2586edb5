/**
 * 实施主体 and 承办机构 consistent with the department: a power's body (实施主体) is the department or one of the units
 * powerbook.yaml lists (department.units: 内设科室, 下属单位 acting in their own name), and its unit (承办机构) one of
 * them — a power copied from another county's list, or a 科室 renamed in one file and not in the others, shows here.
 * Without a list of units only the body is checked (against the department). Powers 暂停 or 取消 are not checked: they
 * may name a unit that no longer exists.
 */
import { inForce } from '../../domain/power.js';
import { defineRule } from '../context.js';

/** Names compared as written, but for spaces (ASCII and full-width) a clerk may have typed inside or around them. */
const key = (s: string) => s.replace(/[\s\u3000]+/g, '');

export const powerBodyUnit = defineRule({
  id: 'power-body-unit',
  check(ctx) {
    const dept = ctx.config?.department;
    if (!dept?.name) return;
    const units = (dept.units ?? []).filter((u) => typeof u === 'string' && u.trim() !== '');
    const known = new Set([dept.name, ...units].map(key));
    for (const p of ctx.powers) {
      const d = p.data;
      if (!inForce(d)) continue;
      if (typeof d.body === 'string' && !known.has(key(d.body))) {
        if (units.length) ctx.report(p.source, () => p.source.rangeAt(['body']), 'body', { name: d.name, body: d.body, department: dept.name, units });
        else ctx.report(p.source, () => p.source.rangeAt(['body']), 'bodyNoUnits', { name: d.name, body: d.body, department: dept.name });
      }
      if (units.length && typeof d.unit === 'string' && !known.has(key(d.unit))) {
        ctx.report(p.source, () => p.source.rangeAt(['unit']), 'unit', { name: d.name, unit: d.unit, units });
      }
    }
  },
});
