/**
 * Markdown as mdast (unified + remark-parse + remark-gfm), the one reading of it that the checks (check/rules/
 * markdown.ts) and the document (document/markdown.ts) both use. A rule's body is parsed once per build: the tree is
 * kept with the rule (`ruleTree`) for as long as the rule is, and neither reader changes it.
 */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { RuleDoc } from './repository.js';

const processor = unified().use(remarkParse).use(remarkGfm);

/** The Markdown's tree. */
export function parseMarkdown(md: string): Root {
  return processor.parse(md) as Root;
}

const trees = new WeakMap<RuleDoc, Root>();

/** The tree of a rule's body, parsed the first time it is asked for. */
export function ruleTree(r: RuleDoc): Root {
  let t = trees.get(r);
  if (!t) {
    t = parseMarkdown(r.body);
    trees.set(r, t);
  }
  return t;
}
