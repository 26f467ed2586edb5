/**
 * The bookmarks (document outline) of the merged PDF: from the model's headings, as Chromium makes them from a page's
 * h1–h6, pointing at the named destinations of the printed chunks.
 */
import type { DocumentModel } from '../../document/model.js';
import { plainText, walk } from '../../document/walk.js';
import { tocMark } from './html.js';
import { textString } from './pdfraw.js';

/** A bookmark to write: its title, its depth (1 = h1) and the named destination it points at. */
export interface Bookmark { title: string; level: number; target: string }

/**
 * The bookmarks of a model, as Chromium makes them from a page's headings (h1–h6, by level, in document order, titled
 * with the heading's text): every heading, and the title of each 目录 (html.ts gives it the id tocMark(n)).
 */
export function bookmarksOf(model: DocumentModel): Bookmark[] {
  const out: Bookmark[] = [];
  let tocs = 0;
  walk(model, {
    block(b) {
      if (b.type === 'heading') {
        // As in the HTML: the number, a space unless it ends in 、 . ）, the text (a line break adds nothing).
        const num = b.number ? `${b.number}${/[、.）]$/.test(b.number) ? '' : ' '}` : '';
        out.push({ title: `${num}${plainText(b.children, '')}`.replace(/[ \t\r\n]+/g, ' ').trim(), level: Math.min(6, Math.max(1, b.level)), target: b.anchor });
      } else if (b.type === 'toc') out.push({ title: b.title, level: 1, target: tocMark(tocs++) });
    },
  });
  return out;
}

/**
 * The outline's objects: each bookmark under the nearest one before it of a lower level, all open (as Chromium writes
 * them), pointing at the explicit destination `dest(target)` (in the merged file's numbers); bookmarks without a
 * destination are left out. `alloc` gives object numbers.
 */
export function outlineObjects(marks: readonly Bookmark[], dest: (target: string) => string | undefined, alloc: () => number): { objects: [number, string][]; root: number; count: number } {
  interface Node { num: number; title: string; dest: string; level: number; kids: Node[] }
  const root: Node = { num: 0, title: '', dest: '', level: 0, kids: [] };
  const stack: Node[] = [root];
  for (const m of marks) {
    const d = dest(m.target);
    if (!d) continue;
    while (stack.length > 1 && stack.at(-1)!.level >= m.level) stack.pop();
    const node: Node = { num: 0, title: m.title, dest: d, level: m.level, kids: [] };
    stack.at(-1)!.kids.push(node);
    stack.push(node);
  }
  if (!root.kids.length) return { objects: [], root: 0, count: 0 };
  // Numbers in document order (depth first), the root first.
  const number = (n: Node) => { n.num = alloc(); n.kids.forEach(number); };
  number(root);
  const objects: [number, string][] = [];
  const write = (n: Node, parent: number, prev?: Node, next?: Node): number => {
    let total = 0;
    n.kids.forEach((k, i) => { total += 1 + write(k, n.num, n.kids[i - 1], n.kids[i + 1]); });
    const family = n.kids.length ? `\n/First ${n.kids[0]!.num} 0 R\n/Last ${n.kids.at(-1)!.num} 0 R\n/Count ${total}` : '';
    objects.push([n.num, n === root
      ? `<</Type /Outlines${family}>>`
      : `<</Title ${textString(n.title)}\n/Parent ${parent} 0 R${prev ? `\n/Prev ${prev.num} 0 R` : ''}${next ? `\n/Next ${next.num} 0 R` : ''}${family}\n/Dest ${n.dest}>>`]);
    return total;
  };
  const count = write(root, 0);
  objects.sort((a, b) => a[0] - b[0]);
  return { objects, root: root.num, count };
}
