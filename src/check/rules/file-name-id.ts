import path from 'node:path';
import type { Fix } from '../../diagnostics/diagnostic.js';
import { defineRule } from '../context.js';
import { idPattern, type SchemaKind } from '../schema.js';
import type { SourceFile } from '../../load/source.js';
import { yamlText } from '../../load/yaml.js';

/**
 * 文件名与编号一致: powers/XK-001.yaml holds id XK-001, so that files are found by id. The fix offered is always one
 * that is valid: the file renamed to its id (unless that name is taken), or the id changed to the file name only when
 * the file name is a valid id of its kind (a file named 行政许可.yaml does not make 行政许可 an id) and not in use.
 */
export const fileNameId = defineRule({
  id: 'file-name-id',
  check(ctx) {
    const files = new Set([...ctx.repo.powers, ...ctx.repo.laws, ...ctx.repo.rules].map((it) => it.source.path.toLowerCase()));
    const groups: [SchemaKind, { data: { id: unknown }; source: SourceFile }[], Map<string, unknown>][] = [
      ['power', ctx.powers, ctx.powersById], ['law', ctx.laws, ctx.lawsById], ['rule', ctx.rules, ctx.rulesById],
    ];
    for (const [kind, items, byId] of groups) {
      for (const it of items) {
        const id = String(it.data.id);
        const base = path.posix.basename(it.source.path).replace(/\.(ya?ml|md)$/i, '');
        if (base === id) continue;
        const ext = path.posix.extname(it.source.path);
        const dir = path.posix.dirname(it.source.path);
        const target = `${dir === '.' ? '' : `${dir}/`}${id}${ext}`;
        const renamable = !files.has(target.toLowerCase());
        const baseIsId = (idPattern(kind)?.test(base) ?? true) && !byId.has(base);
        const at = it.source.rangeAt(['id']);
        const fixes: Fix[] = [];
        if (renamable) fixes.push({ rename: target });
        if (baseIsId && at.end) fixes.push({ start: at.start, end: at.end, text: yamlText(base) });
        const key = renamable ? (baseIsId ? 'mismatch' : 'rename') : baseIsId ? 'changeId' : 'renameTaken';
        const d = ctx.report(it.source, at, key, { base, id, ext });
        if (fixes.length) d.fixes = fixes;
      }
    }
  },
});
