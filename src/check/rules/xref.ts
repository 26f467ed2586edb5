import { defineRule, type CheckContext } from '../context.js';
import { findXrefs, resolveXref } from '../../domain/xref.js';
import { articleLabel } from '../../domain/numerals.js';
import type { SourceFile } from '../../load/source.js';
import { libraryXref } from './citations-resolve.js';

function checkText(ctx: CheckContext<'xref-unresolved'>, source: SourceFile, text: string, offset: number): void {
  for (const x of findXrefs(text)) {
    let r = resolveXref(x, ctx.powersById, ctx.lawsById);
    if (r.ok || (x.kind === 'power' && ctx.broken.power.has(x.target)) || (x.kind === 'law' && ctx.broken.law.has(x.target))) continue;
    const start = source.position(offset + x.index), end = source.position(offset + x.index + x.raw.length);
    const at = { start, end }, raw = x.raw;
    if (x.kind === 'law' && !ctx.lawsById.has(x.target)) {
      // A laws/ file named by its title, as a legal basis may name it; else a text of the library.
      const t = ctx.citations.target(x.target);
      if (t.kind === 'local') r = resolveXref({ ...x, target: t.law.data.id }, ctx.powersById, ctx.lawsById);
      else {
        const lib = libraryXref(ctx.citations, x.target, x.article);
        if (lib?.ok) continue;
        if (lib) { ctx.reportPair(source, at, { zh: `${raw}：${lib.zh}`, en: `${raw}: ${lib.en}`, hintZh: lib.hintZh, hintEn: lib.hintEn }); continue; }
      }
    }
    if (r.ok) continue;
    if (r.reason === 'noArticle') ctx.report(source, at, 'noArticle', { raw, title: r.law.title, label: articleLabel(x.article!), key: r.key });
    else if (r.reason === 'badArticle') ctx.report(source, at, 'badArticle', { raw, article: x.article });
    else if (r.reason === 'unknownKind') ctx.report(source, at, 'unknownKind', { raw, kind: x.kind });
    else ctx.report(source, at, r.reason, { raw, target: x.target });
  }
}

/** [[power:…]] and [[law:…#…]] in Markdown, and the `powers` list of a rule, resolve. */
export const xrefUnresolved = defineRule({
  id: 'xref-unresolved',
  check(ctx) {
    for (const r of ctx.repo.rules) {
      checkText(ctx, r.source, r.body, r.bodyOffset);
      (r.data?.powers ?? []).forEach((id, i) => {
        if (ctx.powersById.has(String(id)) || ctx.broken.power.has(String(id))) return;
        ctx.report(r.source, r.source.rangeAt(['powers', i]), 'relatedPower', { id: String(id) });
      });
    }
    for (const t of ctx.repo.texts.values()) checkText(ctx, t, t.text, 0);
  },
});
