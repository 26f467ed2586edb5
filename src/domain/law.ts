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

/**
 * A law's title as registered, without the book-title marks a clerk may have typed around it ("《中华人民共和国
 * 行政许可法》" → "中华人民共和国行政许可法"): the marks are added once, on output (bookTitle). Applied on load.
 */
export function bareTitle(title: string): string {
  let t = title.trim();
  while (/^[《〈<]/.test(t) && /[》〉>]$/.test(t) && balanced(t.slice(1, -1))) t = t.slice(1, -1).trim();
  return t;
}

/** 《title》 once; book-title marks inside it become 〈〉, as nested titles are written (《关于修改〈…〉的决定》). */
export function bookTitle(title: string): string {
  return `《${bareTitle(title).replace(/《/g, '〈').replace(/》/g, '〉')}》`;
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === '《' || c === '〈') depth++;
    else if (c === '》' || c === '〉') { if (--depth < 0) return false; }
  }
  return depth === 0;
}
