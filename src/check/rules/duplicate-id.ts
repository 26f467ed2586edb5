import { defineRule } from '../context.js';
import type { SourceFile } from '../../load/source.js';

/** 编号重复: the same id in two files of a kind (powers, laws, rules). */
export const duplicateId = defineRule({
  id: 'duplicate-id',
  check(ctx) {
    const kinds: ['power' | 'law' | 'rule', { data: { id?: unknown }; source: SourceFile }[]][] = [
      ['power', ctx.powers], ['law', ctx.laws], ['rule', ctx.rules],
    ];
    for (const [kind, items] of kinds) {
      const first = new Map<string, SourceFile>();
      for (const it of items) {
        const id = String(it.data.id);
        const prev = first.get(id);
        if (!prev) { first.set(id, it.source); continue; }
        ctx.report(it.source, it.source.rangeAt(['id']), kind, { id, previous: prev.path });
      }
    }
  },
});
