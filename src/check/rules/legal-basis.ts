import { defineRule } from '../context.js';
import { articleKey, articleLabel } from '../../domain/numerals.js';
import { bookTitle, listedArticles } from '../../domain/law.js';

/** 职权法定: every power rests on at least one legal basis. */
export const powerLegalBasisRequired = defineRule({
  id: 'power-legal-basis-required',
  perPower: true,
  check(ctx) {
    for (const p of ctx.powers) {
      if (p.data.legal_bases?.length) continue;
      const has = p.data.legal_bases !== undefined;
      ctx.report(p.source, p.source.rangeAt(has ? ['legal_bases'] : ['id'], { key: true }), 'missing', { name: p.data.name });
    }
  },
});

/** What a laws/ id looks like (a title is Chinese). */
export const LAW_ID = /^[a-z0-9][a-z0-9-]*$/;

/** A cited law exists in laws/ (or, by its title, in the law library: see citation-unknown). */
export const lawUnknown = defineRule({
  id: 'law-unknown',
  check(ctx) {
    for (const p of ctx.powers) {
      (p.data.legal_bases ?? []).forEach((b, i) => {
        // With a law library, a title (not a laws/ id) that it does not hold is citation-unknown (and with a library
        // that could not be opened, law-library-path says why).
        if ((ctx.library || ctx.libraryUnavailable) && !LAW_ID.test(b.law)) return;
        const t = ctx.citations.target(b.law);
        if (t.kind === 'local' || t.kind === 'broken') return;
        ctx.report(p.source, p.source.rangeAt(['legal_bases', i, 'law']), LAW_ID.test(b.law) ? 'unregistered' : 'unregisteredTitle', { law: b.law });
      });
    }
  },
});

/** A cited article exists when the law lists its articles. */
export const articleUnknown = defineRule({
  id: 'article-unknown',
  check(ctx) {
    for (const p of ctx.powers) {
      (p.data.legal_bases ?? []).forEach((b, i) => {
        const t = ctx.citations.target(b.law);
        const law = t.kind === 'local' ? t.law : undefined;
        if (!law || b.article === undefined) return;
        const key = articleKey(b.article);
        if (key === null) {
          ctx.report(p.source, p.source.rangeAt(['legal_bases', i, 'article']), 'unreadable', { article: b.article });
          return;
        }
        const listed = listedArticles(law.data);
        if (!listed || listed.has(key)) return;
        ctx.report(p.source, p.source.rangeAt(['legal_bases', i, 'article']), 'notListed', {
          title: law.data.title, label: articleLabel(b.article), key, lawFile: law.source.path,
        });
      });
    }
  },
});
