import type { CheckContext, Rule } from '../context.js';
import type { Power } from '../../domain/types.js';
import type { Loaded } from '../../load/repository.js';
import { procedureGraph } from '../../domain/procedure.js';

function each(ctx: CheckContext, f: (p: Loaded<Power>, g: ReturnType<typeof procedureGraph>) => void): void {
  for (const p of ctx.powers) if (p.data.procedure?.steps?.length) f(p, procedureGraph(p.data));
}

export const procedureUnknownStep: Rule = {
  id: 'procedure-unknown-step',
  perPower: true,
  check(ctx) {
    each(ctx, (p, g) => {
      for (const u of g.unknown) {
        const path = u.from === null ? ['procedure', 'start'] : ['procedure', 'steps', u.from, 'next', u.index];
        ctx.report(p.source, p.source.rangeAt(u.from === null ? path : [...path, ...(u.object ? ['to'] : [])]), {
          zh: `环节"${u.target}"不存在`, en: `Step "${u.target}" does not exist`,
          hintZh: `可用的环节：${g.ids.join('、')}`, hintEn: `Known steps: ${g.ids.join(', ')}`,
        });
      }
      for (const d of g.duplicates) {
        ctx.report(p.source, p.source.rangeAt(['procedure', 'steps', d, 'id']), {
          zh: `环节编号"${p.data.procedure.steps[d].id}"重复`, en: `Duplicate step id "${p.data.procedure.steps[d].id}"`,
          hintZh: '同一流程中每个环节的编号必须唯一', hintEn: 'Step ids must be unique within a procedure',
        });
      }
    });
  },
};

export const procedureUnreachable: Rule = {
  id: 'procedure-unreachable',
  perPower: true,
  check(ctx) {
    each(ctx, (p, g) => {
      for (const i of g.unreachable) {
        const s = p.data.procedure.steps[i];
        ctx.report(p.source, p.source.rangeAt(['procedure', 'steps', i, 'id']), {
          zh: `环节"${s.name}"（${s.id}）从起始环节"${g.startName}"无法到达`, en: `Step "${s.id}" cannot be reached from the start "${g.start}"`,
          hintZh: '在前面某个环节的 next 中加上它，或删除这个环节', hintEn: 'Add it to some earlier step\'s next, or remove it',
        });
      }
    });
  },
};

export const procedureNoEnd: Rule = {
  id: 'procedure-no-end',
  perPower: true,
  check(ctx) {
    each(ctx, (p, g) => {
      if (!g.ends.length) {
        ctx.report(p.source, p.source.rangeAt(['procedure', 'steps'], { key: true }), {
          zh: '办理流程没有办结环节', en: 'The procedure has no end step',
          hintZh: '给最后一个环节加上 end: true，或去掉它的 next', hintEn: 'Mark the last step with end: true',
        });
        return;
      }
      for (const i of g.noEnd) {
        if (g.unreachable.includes(i)) continue;
        const s = p.data.procedure.steps[i];
        ctx.report(p.source, p.source.rangeAt(['procedure', 'steps', i, 'id']), {
          zh: `从环节"${s.name}"（${s.id}）出发走不到办结环节`, en: `No path from step "${s.id}" to an end step`,
          hintZh: '检查 next，避免只能来回循环的环节', hintEn: 'Check next: the step only leads into a loop',
        });
      }
    });
  },
};

export const procedureNoActor: Rule = {
  id: 'procedure-no-actor',
  perPower: true,
  check(ctx) {
    for (const p of ctx.powers) {
      (p.data.procedure?.steps ?? []).forEach((s, i) => {
        if (s.actor?.trim()) return;
        ctx.report(p.source, p.source.rangeAt(['procedure', 'steps', i, 'id']), {
          zh: `环节"${s.name}"没有写承办岗位（actor）`, en: `Step "${s.name}" has no actor`,
          hintZh: '写明由哪个岗位或人员办理，如 actor: 窗口受理人员', hintEn: 'Say who handles it, e.g. actor: 窗口受理人员',
        });
      });
    }
  },
};
