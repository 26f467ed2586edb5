import path from 'node:path';
import { existsSync } from 'node:fs';
import { defineRule } from '../context.js';
import { insideRoot } from '../../load/files.js';

const IMAGE = /!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

/** Images in a rule's Markdown must be PNG or SVG files inside the repository (they are bound into the compendium). */
export const imageUnresolved = defineRule({
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
          ctx.report(r.source, at, 'remote', { url });
          continue;
        }
        let decoded = url;
        try { decoded = decodeURI(url); } catch { /* keep as written */ }
        const abs = path.resolve(ctx.repo.root, path.dirname(r.source.path), decoded);
        if (!insideRoot(ctx.repo.root, abs)) {
          ctx.report(r.source, at, 'outside', { url });
        } else if (!existsSync(abs)) {
          ctx.report(r.source, at, 'missing', { url });
        } else if (!/\.(png|svg)$/i.test(decoded)) {
          ctx.report(r.source, at, 'notPngSvg', { url }, 'warning');
        }
      }
    }
  },
});
