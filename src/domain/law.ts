/** Facts about a registered law derived from its data. */
import { articleKey } from './numerals.js';
import type { Law } from './types.js';

const articleKeys = new WeakMap<Law, Set<string>>();

/** Normalised keys of the law's listed articles ("12", "12-1"), or null when it lists none (then nothing can be checked). */
export function listedArticles(law: Law): Set<string> | null {
  if (!law.articles?.length) return null;
  let s = articleKeys.get(law);
  if (!s) {
    s = new Set(law.articles.map((a) => articleKey(a.number)).filter((k): k is string => k !== null));
    articleKeys.set(law, s);
  }
  return s;
}

/** The article's text, when the registry lists it. */
export function articleText(law: Law, ref: string | number): string | undefined {
  const key = articleKey(ref);
  return law.articles?.find((a) => articleKey(a.number) === key)?.text;
}
