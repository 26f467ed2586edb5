/** The procedure (办理流程) as a graph: edges, start, end steps, and what is unreachable or cannot finish. */
import type { NextStep, Power, ProcedureStep } from './types.js';

export interface Edge { from: number; to: number; when?: string }

export interface ProcedureGraph {
  ids: string[];
  start: string;
  startName: string;
  startIndex: number;
  edges: Edge[];
  ends: number[];
  unknown: { from: number | null; index: number; target: string; object: boolean }[];
  duplicates: number[];
  unreachable: number[];
  noEnd: number[];
}

export function normaliseNext(n: string | NextStep): NextStep {
  return typeof n === 'string' ? { to: n } : n;
}

export function isEndStep(s: ProcedureStep): boolean {
  return s.end === true || !s.next || s.next.length === 0;
}

const graphs = new WeakMap<Power, ProcedureGraph>();

/** The graph of a power's procedure (computed once per power). */
export function procedureGraph(power: Power): ProcedureGraph {
  let g = graphs.get(power);
  if (!g) { g = buildGraph(power); graphs.set(power, g); }
  return g;
}

function buildGraph(power: Power): ProcedureGraph {
  const steps = power.procedure.steps;
  const index = new Map<string, number>();
  const duplicates: number[] = [];
  steps.forEach((s, i) => (index.has(String(s.id)) ? duplicates.push(i) : index.set(String(s.id), i)));
  const unknown: ProcedureGraph['unknown'] = [];
  const edges: Edge[] = [];
  const startId = power.procedure.start ?? String(steps[0].id);
  let startIndex = index.get(String(startId));
  if (startIndex === undefined) { unknown.push({ from: null, index: 0, target: String(startId), object: false }); startIndex = 0; }
  steps.forEach((s, i) => {
    (s.next ?? []).forEach((raw, k) => {
      const n = normaliseNext(raw);
      const to = index.get(String(n.to));
      if (to === undefined) unknown.push({ from: i, index: k, target: String(n.to), object: typeof raw !== 'string' });
      else edges.push({ from: i, to, when: n.when });
    });
  });
  const ends = steps.map((s, i) => (isEndStep(s) ? i : -1)).filter((i) => i >= 0);
  const out = steps.map(() => [] as number[]);
  const inn = steps.map(() => [] as number[]);
  for (const e of edges) { out[e.from].push(e.to); inn[e.to].push(e.from); }
  const reach = walk([startIndex], out);
  const canEnd = walk(ends, inn);
  return {
    ids: steps.map((s) => String(s.id)),
    start: String(startId),
    startName: steps[startIndex]?.name ?? String(startId),
    startIndex,
    edges,
    ends,
    unknown,
    duplicates,
    unreachable: steps.map((_, i) => i).filter((i) => !reach.has(i)),
    noEnd: steps.map((_, i) => i).filter((i) => !canEnd.has(i)),
  };
}

function walk(from: number[], adj: number[][]): Set<number> {
  const seen = new Set<number>(from);
  const stack = [...from];
  while (stack.length) {
    const i = stack.pop()!;
    for (const j of adj[i]) if (!seen.has(j)) { seen.add(j); stack.push(j); }
  }
  return seen;
}
