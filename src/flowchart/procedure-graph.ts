/**
 * The shape of a power's procedure, independent of Mermaid: which step starts, where each step goes (and on what
 * condition), which steps finish, and which transitions go back (补正 → 受理) so they can be drawn as loops.
 * The data comes from YAML that may not have passed validation yet, so nothing here trusts it: unknown targets
 * are dropped (the validator reports them), duplicates resolve to the first step with that id.
 */
import type { NextStep, ProcedureStep } from '../domain/types.js';

export interface Transition {
  /** Index of the target step. */
  to: number;
  when?: string;
  /** Goes to a step that is still being walked from (a loop); drawn as a dashed back edge. */
  back: boolean;
}

export interface StepNode {
  step: ProcedureStep;
  next: Transition[];
  /** `end: true`, or no usable `next`. */
  ends: boolean;
}

export interface ProcedureGraph {
  nodes: StepNode[];
  /** Index of the first step, or -1 when there are no steps. */
  start: number;
}

export function procedureGraph(steps: readonly ProcedureStep[], startId?: string): ProcedureGraph {
  const index = new Map<string, number>();
  steps.forEach((s, i) => { if (typeof s?.id === 'string' && !index.has(s.id)) index.set(s.id, i); });

  const nodes: StepNode[] = steps.map((step) => {
    const next: Transition[] = [];
    for (const entry of Array.isArray(step?.next) ? step.next : []) {
      const { to, when } = normaliseNext(entry);
      const target = to === undefined ? undefined : index.get(to);
      if (target !== undefined) next.push({ to: target, when, back: false });
    }
    return { step, next, ends: step?.end === true || next.length === 0 };
  });

  const named = startId === undefined ? undefined : index.get(startId);
  const start = steps.length === 0 ? -1 : named ?? 0;
  markBackEdges(nodes, start);
  return { nodes, start };
}

function normaliseNext(entry: string | NextStep | unknown): { to?: string; when?: string } {
  if (typeof entry === 'string') return { to: entry };
  if (entry && typeof entry === 'object') {
    const { to, when } = entry as { to?: unknown; when?: unknown };
    return {
      to: typeof to === 'string' ? to : undefined,
      when: when === undefined || when === null || when === '' ? undefined : String(when),
    };
  }
  return {};
}

/**
 * Depth-first walk from the start step (then from any step not reached, in file order): an edge to a step on the
 * current path is a back edge. Iterative, so a 1,000-step procedure cannot overflow the stack.
 */
function markBackEdges(nodes: StepNode[], start: number): void {
  const state = new Uint8Array(nodes.length); // 0 unseen, 1 on the path, 2 done
  const roots = start >= 0 ? [start, ...nodes.keys()] : [];
  for (const root of roots) {
    if (state[root] !== 0) continue;
    const stack: { node: number; edge: number }[] = [{ node: root, edge: 0 }];
    state[root] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const edges = nodes[top.node].next;
      if (top.edge >= edges.length) { state[top.node] = 2; stack.pop(); continue; }
      const t = edges[top.edge++];
      if (state[t.to] === 1) t.back = true;
      else if (state[t.to] === 0) { state[t.to] = 1; stack.push({ node: t.to, edge: 0 }); }
    }
  }
}
