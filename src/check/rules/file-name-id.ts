import path from 'node:path';
import { defineRule } from '../context.js';

/** 文件名与编号一致: powers/XK-001.yaml holds id XK-001, so that files are found by id. */
export const fileNameId = defineRule({
  id: 'file-name-id',
  check(ctx) {
    for (const it of [...ctx.powers, ...ctx.laws, ...ctx.rules]) {
      const id = String(it.data.id);
      const base = path.posix.basename(it.source.path).replace(/\.(ya?ml|md)$/i, '');
      if (base === id) continue;
      const ext = path.posix.extname(it.source.path);
      ctx.report(it.source, it.source.rangeAt(['id']), 'mismatch', { base, id, ext });
    }
  },
});
