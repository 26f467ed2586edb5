/**
 * Where Mermaid's top-down layout (dagre) will put each node, estimated without a browser, and the cutting of a
 * drawing into pages by those estimates (generate.ts).
 *
 * The figures are measured on Mermaid 11 with this project's settings (config.ts: 16 px text, rankSpacing 28,
 * padding 8): a box of L lines is 15.4 + 17.6·L px tall, a decision diamond 65, a rounded terminal 34; the gap between
 * two linked nodes is the rank spacing plus the height of the edge's label. dagre gives all the nodes of one rank the
 * rank's height, so a node's top is the longest path to it (back edges left out, as dagre reverses them). The
 * estimate errs high, which makes a page a little emptier rather than its text smaller.
 */

export const LINE_HEIGHT = 17.6;
export const EDGE_GAP = 28;
export const TERMINAL_HEIGHT = 34;
export const DIAMOND_HEIGHT = 65;
/** The legend box under a drawing: title, one row of samples, padding. */
export const LEGEND_HEIGHT = 90;

export function stepBoxHeight(lines: number): number {
  return 15.4 + LINE_HEIGHT * lines;
}

export function labelHeight(label: readonly string[] | undefined): number {
  return label && label.length ? LINE_HEIGHT * label.length + 4 : 0;
}

/** Longest-path tops over the forward (non-back) edges; a cycle left in (never from generate.ts) is broken by order. */
export function estimateTops(heights: readonly number[], edges: readonly { from: number; to: number; gap: number }[]): number[] {
  const n = heights.length;
  const outs: { to: number; gap: number }[][] = heights.map(() => []);
  const indeg = new Int32Array(n);
  for (const e of edges) {
    if (e.from < 0 || e.to < 0 || e.from === e.to) continue;
    outs[e.from].push({ to: e.to, gap: e.gap });
    indeg[e.to]++;
  }
  const top = new Float64Array(n);
  const done = new Uint8Array(n);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (indeg[i] === 0) queue.push(i);
  let seen = 0;
  for (;;) {
    while (queue.length) {
      const u = queue.shift()!;
      done[u] = 1;
      seen++;
      for (const { to, gap } of outs[u]) {
        top[to] = Math.max(top[to], top[u] + heights[u] + gap);
        if (--indeg[to] === 0) queue.push(to);
      }
    }
    if (seen >= n) break;
    // A cycle: release its first node in order.
    const next = [...Array(n).keys()].find((i) => !done[i])!;
    indeg[next] = 0;
    queue.push(next);
  }
  return [...top];
}

/**
 * A page number for each node: bands of the estimated layout, as few as fit `maxHeight` each (with the room a page's
 * off-page connectors, top and bottom, and the legend on the first take), then evened out, so that a 2-page drawing is two half
 * pages rather than a full one and a scrap. A node with `with` stays on its partner's page (a decision diamond with
 * its step).
 */
export function paginate(nodes: readonly { height: number; with?: number }[], tops: readonly number[], maxHeight: number, opts: { legend?: boolean } = {}): number[] {
  const connector = TERMINAL_HEIGHT + EDGE_GAP;
  const legend = opts.legend ? LEGEND_HEIGHT + EDGE_GAP : 0;
  // Units: a node and the nodes kept with it, in order of their estimated tops.
  const unitOf = nodes.map((n, i) => (n.with !== undefined && n.with >= 0 && n.with < nodes.length ? n.with : i));
  const byUnit = new Map<number, { top: number; bottom: number; members: number[] }>();
  nodes.forEach((n, i) => {
    const u = byUnit.get(unitOf[i]) ?? { top: Infinity, bottom: -Infinity, members: [] };
    u.top = Math.min(u.top, tops[i]);
    u.bottom = Math.max(u.bottom, tops[i] + n.height);
    u.members.push(i);
    byUnit.set(unitOf[i], u);
  });
  const units = [...byUnit.values()].sort((a, b) => a.top - b.top || a.members[0] - b.members[0]);
  if (!units.length) return [];
  const bottom = Math.max(...units.map((u) => u.bottom));

  /** Start indices of each page when no page's content is taller than `cap` (nor its room). */
  const pack = (cap: number): number[] => {
    const starts = [0];
    let pageTop = units[0].top;
    for (let k = 1; k < units.length; k++) {
      const first = starts.length === 1;
      // The last page has no out-connector at its foot: if all that is left fits, it is the last.
      const head = first ? legend : connector;
      if (bottom - pageTop <= Math.min(cap, maxHeight - head)) break;
      // Room if this page is not the last (an out-connector at its foot).
      const room = maxHeight - connector - head;
      if (units[k].bottom - pageTop > Math.min(cap, room)) { starts.push(k); pageTop = units[k].top; }
    }
    return starts;
  };
  const whole = bottom - units[0].top;
  if (whole + legend <= maxHeight) return nodes.map(() => 0);
  const starts = pack(Infinity);
  // Even out: the smallest cap that still needs no more pages.
  let lo = whole / starts.length, hi = maxHeight;
  for (let k = 0; k < 24 && hi - lo > 1; k++) {
    const mid = (lo + hi) / 2;
    if (pack(mid).length <= starts.length) hi = mid; else lo = mid;
  }
  const even = pack(hi).length <= starts.length ? pack(hi) : starts;
  const page = new Array<number>(nodes.length).fill(0);
  even.forEach((start, p) => {
    const end = p + 1 < even.length ? even[p + 1] : units.length;
    for (let k = start; k < end; k++) for (const m of units[k].members) page[m] = p;
  });
  return page;
}
