import type { CheckContext, Rule } from '../context.js';
import { findXrefs, resolveXref } from '../../domain/xref.js';
import type { SourceFile } from '../../load/source.js';
import { libraryXref } from './citations-resolve.js';

function checkText(ctx: CheckContext, source: SourceFile, text: string, offset: number): void {
  for (const x of findXrefs(text)) {
    let r: { ok: true } | { ok: false; zh: string; en: string; hintZh?: string; hintEn?: string } = resolveXref(x, ctx.powersById, ctx.lawsById);
    if (r.ok || (x.kind === 'power' && ctx.broken.power.has(x.target)) || (x.kind === 'law' && ctx.broken.law.has(x.target))) continue;
    if (x.kind === 'law' && !ctx.lawsById.has(x.target)) {
      // A laws/ file named by its title, as a legal basis may name it; else a text of the library.
      const t = ctx.citations.target(x.target);
      if (t.kind === 'local') r = resolveXref({ ...x, target: t.law.data.id }, ctx.powersById, ctx.lawsById);
      else r = libraryXref(ctx.citations, x.target, x.article) ?? r;
    }
    if (r.ok) continue;
    const start = source.position(offset + x.index), end = source.position(offset + x.index + x.raw.length);
    ctx.report(source, { start, end }, { zh: `交叉引用 ${x.raw} 无法解析：${r.zh}`, en: `Cross reference ${x.raw} does not resolve: ${r.en}`, hintZh: r.hintZh, hintEn: r.hintEn });
  }
}

/** [[power:…]] and [[law:…#…]] in Markdown, and the `powers` list of a rule, resolve. */
export const xrefUnresolved: Rule = {
  id: 'xref-unresolved',
  check(ctx) {
    for (const r of ctx.repo.rules) {
      checkText(ctx, r.source, r.body, r.bodyOffset);
      (r.data?.powers ?? []).forEach((id, i) => {
        if (ctx.powersById.has(String(id)) || ctx.broken.power.has(String(id))) return;
        ctx.report(r.source, r.source.rangeAt(['powers', i]), {
          zh: `相关职权"${id}"不存在`, en: `Related power "${id}" does not exist`, hintZh: '核对事项编码', hintEn: 'Check the power id',
        });
      });
    }
    for (const t of ctx.repo.texts.values()) checkText(ctx, t, t.text, 0);
  },
};
