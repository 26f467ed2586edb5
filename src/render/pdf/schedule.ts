/**
 * Which chunk to work on next (index.ts runs `slots` tasks at once; a task on a chunk not loaded yet loads it first,
 * in a page of its own that its later prints reuse).
 *
 * A body chunk's real print needs its first page number, i.e. the page counts of all body chunks before it, from
 * their real prints or from drafts; the first body chunk needs none, the 目录 needs them all. So:
 *   1. a real print that can start, the highest chunk first (it continues the chain of real prints that started
 *      last; the lower ones can start at any time);
 *   2. else a draft of the lowest chunk whose count a later one waits for (never the last body chunk);
 *   3. else loading the next chunk that will be printed.
 * With two slots on a 1,000-power document of 5 body chunks: one slot prints chunk 1 while the other drafts chunks 2
 * and 3; then both print, from the top (docs/architecture.md).
 */

export interface ChunkStatus {
  body: boolean;
  /** Loading started (a task on a chunk not loaded loads it first). */
  loaded: boolean;
  /** In a task now. */
  busy: boolean;
  /** Its page count is known (from a draft or a real print). */
  known: boolean;
  prints: number;
  /** true: must be printed (again) now; false: done; undefined: cannot be printed yet (numbers not known). */
  due: boolean | undefined;
}

export type Task = { kind: 'real' | 'draft' | 'load'; chunk: number };

export function nextTask(status: readonly ChunkStatus[], maxPrints: number): Task | undefined {
  for (let c = status.length - 1; c >= 0; c--) {
    const s = status[c]!;
    if (!s.busy && s.due === true && s.prints < maxPrints) return { kind: 'real', chunk: c };
  }
  const firstBody = status.findIndex((s) => s.body);
  const lastBody = status.map((s) => s.body).lastIndexOf(true);
  for (let c = firstBody + 1; firstBody >= 0 && c < lastBody; c++) {
    const s = status[c]!;
    if (s.body && !s.known && !s.busy && s.prints === 0 && status.slice(c + 1).some((x) => x.due !== false)) return { kind: 'draft', chunk: c };
  }
  // Nothing to print: load the next chunk that will be (the body in order, then the rest).
  const order = [...status.keys()].sort((a, b) => Number(!status[a]!.body) - Number(!status[b]!.body) || a - b);
  for (const c of order) if (!status[c]!.loaded && !status[c]!.busy && status[c]!.due !== false) return { kind: 'load', chunk: c };
  return undefined;
}
