import type { Rule } from '../context.js';
import { articleKey, articleLabel } from '../../domain/numerals.js';
import { listedArticles } from '../../domain/law.js';

/** 职权法定: every power rests on at least one legal basis. */
export const powerLegalBasisRequired: Rule = {
  id: 'power-legal-basis-required',
  perPower: true,
  check(ctx) {
    for (const p of ctx.powers) {
      if (p.data.legal_bases?.length) continue;
      const has = p.data.legal_bases !== undefined;
      ctx.report(p.source, p.source.rangeAt(has ? ['legal_bases'] : ['id'], { key: true }), {
        zh: `职权"${p.data.name}"没有实施依据`, en: `Power "${p.data.name}" cites no legal basis`,
        hintZh: '在 legal_bases 下写出法律依据：law（法律登记编号）和 article（条），如 article: 第十二条',
        hintEn: 'Add legal_bases with law (registry id) and article, e.g. article: 第十二条',
      });
    }
  },
};

/** What a laws/ id looks like (a title is Chinese). */
export const LAW_ID = /^[a-z0-9][a-z0-9-]*$/;

/** A cited law exists in laws/ (or, by its title, in the law library: see citation-unknown). */
export const lawUnknown: Rule = {
  id: 'law-unknown',
  check(ctx) {
    for (const p of ctx.powers) {
      (p.data.legal_bases ?? []).forEach((b, i) => {
        // With a law library, a title (not a laws/ id) that it does not hold is citation-unknown (and with a library
        // that could not be opened, law-library-path says why).
        if ((ctx.library || ctx.libraryUnavailable) && !LAW_ID.test(b.law)) return;
        const t = ctx.citations.target(b.law);
        if (t.kind === 'local' || t.kind === 'broken') return;
        ctx.report(p.source, p.source.rangeAt(['legal_bases', i, 'law']), {
          zh: `实施依据引用的法律"${b.law}"未登记`, en: `Cited law "${b.law}" is not registered in laws/`,
          ...(LAW_ID.test(b.law)
            ? { hintZh: `在 laws/${b.law}.yaml 登记这部法律，或改正编号`, hintEn: `Register it as laws/${b.law}.yaml or fix the id` }
            : { hintZh: '在 powerbook.yaml 中用 law_library 指定法规库（LawRefBook/Laws 的克隆），或在 laws/ 下登记这部法律', hintEn: 'Point law_library in powerbook.yaml at a law library (a clone of LawRefBook/Laws), or register the law under laws/' }),
        });
      });
    }
  },
};

/** A cited article exists when the law lists its articles. */
export const articleUnknown: Rule = {
  id: 'article-unknown',
  check(ctx) {
    for (const p of ctx.powers) {
      (p.data.legal_bases ?? []).forEach((b, i) => {
        const t = ctx.citations.target(b.law);
        const law = t.kind === 'local' ? t.law : undefined;
        if (!law || b.article === undefined) return;
        const key = articleKey(b.article);
        if (key === null) {
          ctx.report(p.source, p.source.rangeAt(['legal_bases', i, 'article']), {
            zh: `条号"${b.article}"写法无法识别`, en: `Article number "${b.article}" cannot be read`,
            hintZh: '写成"第十二条"或数字 12', hintEn: 'Write it as 第十二条 or 12',
          });
          return;
        }
        const listed = listedArticles(law.data);
        if (!listed || listed.has(key)) return;
        const title = law.data.title;
        ctx.report(p.source, p.source.rangeAt(['legal_bases', i, 'article']), {
          zh: `《${title}》没有${articleLabel(b.article)}（登记的条文中找不到）`,
          en: `${title} has no article ${key} among its listed articles`,
          hintZh: `核对条号；如法律已修改、条文重新编号，请按现行文本更正，或在 ${law.source.path} 中补登这一条`,
          hintEn: `Check the number against the current text, or add the article to ${law.source.path}`,
        });
      });
    }
  },
};
