import path from 'node:path';
import type { Rule } from '../context.js';

/** 文件名与编号一致: powers/XK-001.yaml holds id XK-001, so that files are found by id. */
export const fileNameId: Rule = {
  id: 'file-name-id',
  check(ctx) {
    for (const it of [...ctx.powers, ...ctx.laws, ...ctx.rules]) {
      const id = String(it.data.id);
      const base = path.posix.basename(it.source.path).replace(/\.(ya?ml|md)$/i, '');
      if (base === id) continue;
      const ext = path.posix.extname(it.source.path);
      ctx.report(it.source, it.source.rangeAt(['id']), {
        zh: `文件名"${base}"与编号"${id}"不一致`, en: `File name "${base}" does not match id "${id}"`,
        hintZh: `把文件改名为 ${id}${ext}，或把编号改为 ${base}`, hintEn: `Rename the file to ${id}${ext}, or change the id to ${base}`,
      });
    }
  },
};
