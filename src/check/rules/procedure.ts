import { defineRule, type CheckContext } from '../context.js';
import type { Power } from '../../domain/types.js';
import type { Loaded } from '../../load/repository.js';
import { procedureGraph } from '../../domain/procedure.js';

function each(ctx: Pick<CheckContext, 'powers'>, f: (p: Loaded<Power>, g: ReturnType<typeof procedureGraph>) => void): void {
  for (const p of ctx.powers) if (p.data.procedure?.steps?.length) f(p, procedureGraph(p.data));
}

export const procedureUnknownStep = defineRule({
  id: 'procedure-unknown-step',
  perPower: true,
  check(ctx) {
    each(ctx, (p, g) => {
      for (const u of g.unknown) {
        const path = u.from === null ? ['procedure', 'start'] : ['procedure', 'steps', u.from, 'next', u.index];
        ctx.report(p.source, p.source.rangeAt(u.from === null ? path : [...path, ...(u.object ? ['to'] : [])]), 'unknownStep', { target: u.target, steps: g.ids });
      }
      for (const d of g.duplicates) {
        ctx.report(p.source, p.source.rangeAt(['procedure', 'steps', d, 'id']), 'duplicateStep', { id: p.data.procedure.steps[d].id });
      }
    });
  },
});

export const procedureUnreachable = defineRule({
  id: 'procedure-unreachable',
  perPower: true,
  check(ctx) {
    each(ctx, (p, g) => {
      for (const i of g.unreachable) {
        const s = p.data.procedure.steps[i];
        ctx.report(p.source, p.source.rangeAt(['procedure', 'steps', i, 'id']), 'unreachable', { name: s.name, id: s.id, startName: g.startName, start: g.start });
      }
    });
  },
});

export const procedureNoEnd = defineRule({
  id: 'procedure-no-end',
  perPower: true,
  check(ctx) {
    each(ctx, (p, g) => {
      if (!g.ends.length) {
        ctx.report(p.source, p.source.rangeAt(['procedure', 'steps'], { key: true }), 'noEndStep');
        return;
      }
      for (const i of g.noEnd) {
        if (g.unreachable.includes(i)) continue;
        const s = p.data.procedure.steps[i];
        ctx.report(p.source, p.source.rangeAt(['procedure', 'steps', i, 'id']), 'noPathToEnd', { name: s.name, id: s.id });
      }
    });
  },
});

export const procedureNoActor = defineRule({
  id: 'procedure-no-actor',
  perPower: true,
  check(ctx) {
    for (const p of ctx.powers) {
      (p.data.procedure?.steps ?? []).forEach((s, i) => {
        if (s.actor?.trim()) return;
        ctx.report(p.source, p.source.rangeAt(['procedure', 'steps', i, 'id']), 'noActor', { name: s.name });
      });
    }
  },
});
