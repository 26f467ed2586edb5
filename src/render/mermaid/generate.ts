/**
 * 权力运行流程图: a power's procedure → Mermaid `flowchart TD` source.
 *
 * Node ids are generated (n0, n1, …) in a fixed order, never taken from the YAML, and every piece of YAML text goes
 * through quotedLabel (escape.ts), so no step name can add nodes, edges, clicks, classes, directives or markup.
 * The output is a pure function of the input: same power, same text, same cache key.
 */
import type { Power, ProcedureStep, RiskPoint, TimeLimit } from '../../model/repository.js';
import { quotedLabel } from './escape.js';
import { procedureGraph, type Transition } from './procedure-graph.js';
import { DEFAULT_WRAP_UNITS, wrapText } from './wrap.js';

export { validateMermaidSource, type MermaidSyntaxError } from './validate.js';

export interface FlowchartOptions {
  /** Label line width in display units (CJK = 2). */
  wrapUnits?: number;
}

type Level = RiskPoint['level'];
const LEVELS: readonly Level[] = ['高', '中', '低'];
/** Fixed class names, chosen by level lookup, so a level string from YAML never reaches the source. */
const RISK_CLASS: Record<Level, string> = { 高: 'riskHigh', 中: 'riskMid', 低: 'riskLow' };
/** Colour for the screen, line weight and dash pattern for black-and-white printing. */
const RISK_STYLE: Record<Level, string> = {
  高: 'fill:#fde0dc,stroke:#c62828,stroke-width:3px,color:#000',
  中: 'fill:#fff3cd,stroke:#e08e00,stroke-width:2px,stroke-dasharray:6 3,color:#000',
  低: 'fill:#e3f2fd,stroke:#1565c0,stroke-width:1.5px,stroke-dasharray:2 2,color:#000',
};

export const START_LABEL = '开始';
export const END_LABEL = '办结';
export const DECISION_LABEL = '判断';
/** Edge label for an unconditional `next` leaving a decision diamond. */
export const OTHERWISE_LABEL = '其他';
export const LEGEND_TITLE = '图例：廉政风险等级';

export function riskMarker(level: Level): string {
  return `⚠ ${level}风险`;
}

export function powerToMermaid(power: Power, opts: FlowchartOptions = {}): string {
  const wrap = (text: string) => wrapText(text, opts.wrapUnits ?? DEFAULT_WRAP_UNITS);
  const steps: readonly ProcedureStep[] = Array.isArray(power?.procedure?.steps) ? power.procedure.steps : [];
  const graph = procedureGraph(steps, power?.procedure?.start);

  let counter = 0;
  const nextId = () => `n${counter++}`;
  const nodeLines: string[] = [];
  const edgeLines: string[] = [];
  const classed = new Map<Level, string[]>();

  const startId = nextId();
  nodeLines.push(`  ${startId}([${quotedLabel([START_LABEL])}])`);

  // Ids first, so edges can point forward.
  const stepIds = graph.nodes.map(() => nextId());
  const decisionIds = graph.nodes.map((n) => (n.next.filter((t) => t.when !== undefined).length >= 2 ? nextId() : undefined));
  const endId = graph.nodes.some((n) => n.ends) || graph.nodes.length === 0 ? nextId() : undefined;

  graph.nodes.forEach((node, i) => {
    const level = highestRisk(node.step?.risks);
    nodeLines.push(`  ${stepIds[i]}[${quotedLabel(stepLabel(node.step, level, wrap))}]`);
    if (level) classed.set(level, [...(classed.get(level) ?? []), stepIds[i]]);
    const diamond = decisionIds[i];
    if (diamond) {
      nodeLines.push(`  ${diamond}{${quotedLabel([DECISION_LABEL])}}`);
      edgeLines.push(edge(stepIds[i], diamond, false));
      for (const t of node.next) edgeLines.push(transition(diamond, t, stepIds, t.when ?? OTHERWISE_LABEL, wrap));
    } else {
      for (const t of node.next) edgeLines.push(transition(stepIds[i], t, stepIds, t.when, wrap));
    }
    if (node.ends && endId) edgeLines.push(edge(stepIds[i], endId, false));
  });

  if (endId) nodeLines.push(`  ${endId}([${quotedLabel([END_LABEL])}])`);
  edgeLines.unshift(edge(startId, graph.start >= 0 ? stepIds[graph.start] : endId!, false));

  const out = ['flowchart TD', ...nodeLines];
  if (classed.size) out.push(...legend(nextId, classed));
  out.push(...edgeLines);
  for (const level of LEVELS) {
    const ids = classed.get(level);
    if (!ids) continue;
    out.push(`  classDef ${RISK_CLASS[level]} ${RISK_STYLE[level]}`);
    out.push(`  class ${ids.join(',')} ${RISK_CLASS[level]}`);
  }
  return out.join('\n') + '\n';
}

function stepLabel(step: ProcedureStep | undefined, level: Level | undefined, wrap: (t: string) => string[]): string[] {
  const lines = wrap(text(step?.name) || text(step?.id) || '（未命名环节）');
  if (step?.actor !== undefined && text(step.actor)) lines.push(...wrap(`承办：${text(step.actor)}`));
  const limit = timeLimit(step?.time_limit);
  if (limit) lines.push(...wrap(`时限：${limit}`));
  if (level) lines.push(riskMarker(level));
  return lines;
}

function timeLimit(limit: TimeLimit | string | undefined): string {
  if (limit === undefined || limit === null) return '';
  if (typeof limit === 'object') {
    if (limit.days === undefined || limit.days === null) return '';
    return `${text(limit.days)}个${limit.unit ? text(limit.unit) : '工作日'}`;
  }
  return text(limit);
}

/** The most severe known level among a step's risks; unknown levels (unvalidated YAML) are ignored. */
function highestRisk(risks: readonly RiskPoint[] | undefined): Level | undefined {
  if (!Array.isArray(risks)) return undefined;
  return LEVELS.find((level) => risks.some((r) => r?.level === level));
}

function transition(from: string, t: Transition, stepIds: string[], when: string | undefined, wrap: (t: string) => string[]): string {
  return edge(from, stepIds[t.to], t.back, when === undefined ? undefined : wrap(when));
}

/** Back edges are dotted, so a loop (补正 → 受理) reads as a return rather than as the main line. */
function edge(from: string, to: string, back: boolean, label?: string[]): string {
  const arrow = back ? '-.->' : '-->';
  return label ? `  ${from} ${arrow}|${quotedLabel(label)}| ${to}` : `  ${from} ${arrow} ${to}`;
}

function legend(nextId: () => string, classed: Map<Level, string[]>): string[] {
  const lines = [`  subgraph ${nextId()}[${quotedLabel([LEGEND_TITLE])}]`, '    direction LR'];
  for (const level of LEVELS) {
    if (!classed.has(level)) continue;
    const id = nextId();
    lines.push(`    ${id}[${quotedLabel([riskMarker(level)])}]`);
    classed.get(level)!.push(id);
  }
  lines.push('  end');
  return lines;
}

/** YAML values are untyped until validated: numbers, booleans or null can arrive where a string is expected. */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value.trim() : String(value);
}
