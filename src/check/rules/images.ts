import path from 'node:path';
import { existsSync } from 'node:fs';
import type { Rule } from '../context.js';
import { insideRoot } from '../../load/files.js';

const IMAGE = /!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

/** Images in a rule's Markdown must be PNG or SVG files inside the repository (they are bound into the compendium). */
export const imageUnresolved: Rule = {
  id: 'image-unresolved',
  check(ctx) {
    for (const r of ctx.repo.rules) {
      for (const m of r.body.matchAll(IMAGE)) {
        const url = m[2];
        const at = () => {
          const o = r.bodyOffset + (m.index ?? 0);
          return { start: r.source.position(o), end: r.source.position(o + m[0].length) };
        };
        if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
          ctx.report(r.source, at, {
            zh: `图片"${url}"是网络地址，汇编中不会下载`, en: `Image "${url}" is remote and will not be fetched`,
            hintZh: '把图片文件放进仓库（如 rules/images/），用相对路径引用', hintEn: 'Put the file in the repository and use a relative path',
          });
          continue;
        }
        let decoded = url;
        try { decoded = decodeURI(url); } catch { /* keep as written */ }
        const abs = path.resolve(ctx.repo.root, path.dirname(r.source.path), decoded);
        if (!insideRoot(ctx.repo.root, abs)) {
          ctx.report(r.source, at, { zh: `图片"${url}"在仓库之外，已拒绝`, en: `Image "${url}" is outside the repository`, hintZh: '把图片复制进仓库', hintEn: 'Copy the image into the repository' });
        } else if (!existsSync(abs)) {
          ctx.report(r.source, at, { zh: `图片"${url}"不存在`, en: `Image "${url}" does not exist`, hintZh: '检查文件名和路径（相对于本制度文件）', hintEn: 'Check the path (relative to this rule file)' });
        } else if (!/\.(png|svg)$/i.test(decoded)) {
          ctx.report(r.source, at, { zh: `图片"${url}"不是 PNG 或 SVG`, en: `Image "${url}" is not PNG or SVG`, hintZh: '另存为 PNG 格式', hintEn: 'Save it as PNG' }, 'warning');
        }
      }
    }
  },
};
