import type { Rule } from '../context.js';
import type { SourceFile } from '../../load/source.js';

/** 编号重复: the same id in two files of a kind (powers, laws, rules). */
export const duplicateId: Rule = {
  id: 'duplicate-id',
  check(ctx) {
    const kinds: [string, string, { data: { id?: unknown }; source: SourceFile }[]][] = [
      ['职权', 'power', ctx.powers], ['法律', 'law', ctx.laws], ['制度', 'rule', ctx.rules],
    ];
    for (const [zh, en, items] of kinds) {
      const first = new Map<string, SourceFile>();
      for (const it of items) {
        const id = String(it.data.id);
        const prev = first.get(id);
        if (!prev) { first.set(id, it.source); continue; }
        ctx.report(it.source, it.source.rangeAt(['id']), {
          zh: `${zh}编号"${id}"与 ${prev.path} 重复`, en: `${en} id "${id}" is already used by ${prev.path}`,
          hintZh: '每项的编号必须唯一，请改用新的编号', hintEn: 'Each id must be unique; choose another one',
        });
      }
    }
  },
};
