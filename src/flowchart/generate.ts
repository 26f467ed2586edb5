/**
 * 权力运行流程图: a power's procedure → Mermaid `flowchart TD` source.
 *
 * Each step's box carries its name, actor, time limit, description (内容) and duty (责任), wrapped by display width.
 *
 * Node ids are generated (n0, n1, …) in a fixed order, never taken from the YAML, and every piece of YAML text goes
 * through quotedLabel (escape.ts), so no step name can add nodes, edges, clicks, classes, directives or markup.
 * The output is a pure function of the input: same power, same text, same cache key.
 *
 * A long procedure drawn as one picture would have to be shrunk to fit an A4 page until its text is unreadable
 * (14 steps: about 3 pt). For print, `powerToMermaidPages` cuts the drawing into pages, each of which fits the page
 * at a legible size (FLOWCHART_MIN_FONT_PT): it estimates where Mermaid's layout puts every node (layout.ts) and
 * cuts between bands of it; an edge that crosses a cut ends at an off-page connector (转第2页（A）) and starts again
 * on the other page from its partner (接第1页（A）), as in a hand-drawn flowchart.
 */
import { formatTimeLimit } from '../domain/time.js';
import type { Power, ProcedureStep, RiskPoint } from '../domain/types.js';
import { FLOWCHART_PAGE } from './config.js';
import { chineseQuotes } from '../domain/quotes.js';
import { quotedLabel } from './escape.js';
import { DIAMOND_HEIGHT, EDGE_GAP, estimateTops, labelHeight, paginate, stepBoxHeight, TERMINAL_HEIGHT } from './layout.js';
import { procedureGraph } from './procedure-graph.js';
import { DEFAULT_WRAP_UNITS, textWidth, wrapText } from './wrap.js';

export { validateMermaidSource, type MermaidSyntaxError } from './validate.js';

export interface FlowchartOptions {
  /** Label line width in display units (CJK = 2). */
  wrapUnits?: number;
}

export interface PagedFlowchartOptions extends FlowchartOptions {
  /** The tallest a page's drawing may be, in Mermaid's CSS px (default: FLOWCHART_PAGE.maxHeightPx). */
  maxHeightPx?: number;
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
const CONNECTOR_CLASS = 'offPage';
const CONNECTOR_STYLE = 'fill:#fff,stroke:#333,stroke-width:1px,stroke-dasharray:3 2,color:#000';

export const START_LABEL = '开始';
export const END_LABEL = '办结';
export const DECISION_LABEL = '判断';
/** Edge label for an unconditional `next` leaving a decision diamond. */
export const OTHERWISE_LABEL = '其他';
export const LEGEND_TITLE = '图例：廉政风险等级';

export function riskMarker(level: Level): string {
  return `⚠ ${level}风险`;
}

/** Off-page connector labels: where the line goes to, and where it comes from. */
export function connectorOut(page: number, letter: string): string {
  return `转第${page}页（${letter}）`;
}
export function connectorIn(pages: readonly number[], letter: string): string {
  return `接第${pages.join('、')}页（${letter}）`;
}

interface Node {
  id: string;
  /** Mermaid declaration after the id: `["…"]`, `{"…"}`, `(["…"])`. */
  shape: string;
  height: number;
  level?: Level;
  /** Index of the node it must stay on the same page with (a decision diamond with its step). */
  with?: number;
}

interface Edge {
  from: number;
  to: number;
  back: boolean;
  label?: string[];
}

interface Graph { nodes: Node[]; edges: Edge[]; nextId: () => string }

/** The whole procedure as one drawing (screen, the `flowchart` command, the public site). */
export function powerToMermaid(power: Power, opts: FlowchartOptions = {}): string {
  return powerToMermaidPages(power, { ...opts, maxHeightPx: Infinity })[0];
}

/**
 * The procedure as one or more drawings, each at most `maxHeightPx` tall by estimate (for the compendium's pages).
 * One page gives exactly what powerToMermaid gives.
 */
export function powerToMermaidPages(power: Power, opts: PagedFlowchartOptions = {}): string[] {
  const graph = buildGraph(power, opts);
  const { nodes, edges } = graph;
  const tops = topsOf(graph);
  const maxHeight = opts.maxHeightPx ?? FLOWCHART_PAGE.maxHeightPx;
  const pageOf = Number.isFinite(maxHeight) ? paginate(nodes, tops, maxHeight, { legend: nodes.some((n) => n.level) }) : nodes.map(() => 0);
  const pages = Math.max(...pageOf) + 1;

  // Off-page connectors: one letter per target node, in the order edges are drawn.
  const letters = new Map<number, string>();
  const sourcesOf = new Map<number, Set<number>>();
  for (const e of edges) {
    if (pageOf[e.from] === pageOf[e.to]) continue;
    if (!letters.has(e.to)) letters.set(e.to, letterName(letters.size));
    const s = sourcesOf.get(e.to) ?? new Set<number>();
    s.add(pageOf[e.from]);
    sourcesOf.set(e.to, s);
  }
  const connectorIds = new Map<string, string>();
  const connector = (key: string) => connectorIds.get(key) ?? (connectorIds.set(key, graph.nextId()), connectorIds.get(key)!);

  const levels = new Set(nodes.map((n) => n.level).filter((l): l is Level => l !== undefined));
  const out: string[] = [];
  for (let page = 0; page < pages; page++) {
    const on = (i: number) => pageOf[i] === page;
    const lines = ['flowchart TD'];
    const classed = new Map<Level, string[]>();
    const connectors: string[] = [];
    // In-connectors first, so Mermaid ranks them at the top of the page.
    for (const [target, letter] of letters) {
      if (!on(target)) continue;
      const id = connector(`in:${target}`);
      lines.push(`  ${id}([${quotedLabel([connectorIn([...sourcesOf.get(target)!].sort((a, b) => a - b).map((p) => p + 1), letter)])}])`);
      connectors.push(id);
    }
    nodes.forEach((n, i) => {
      if (!on(i)) return;
      lines.push(`  ${n.id}${n.shape}`);
      if (n.level) classed.set(n.level, [...(classed.get(n.level) ?? []), n.id]);
    });
    const edgeLines: string[] = [];
    const outDone = new Set<string>();
    for (const e of edges) {
      const from = on(e.from), to = on(e.to);
      if (from && to) edgeLines.push(edgeLine(nodes[e.from].id, nodes[e.to].id, e.back, e.label));
      else if (from) {
        const id = connector(`out:${page}:${e.to}`);
        if (!outDone.has(id)) {
          outDone.add(id);
          lines.push(`  ${id}([${quotedLabel([connectorOut(pageOf[e.to] + 1, letters.get(e.to)!)])}])`);
          connectors.push(id);
        }
        edgeLines.push(edgeLine(nodes[e.from].id, id, e.back, e.label));
      } else if (to) {
        const id = connector(`in:${e.to}`);
        const line = edgeLine(id, nodes[e.to].id, false);
        if (!edgeLines.includes(line)) edgeLines.push(line);
      }
    }
    if (page === 0 && levels.size) {
      // The legend, for the levels of the whole drawing, heads its first page: an invisible link puts it above
      // 开始 and as wide as the drawing, not beside it.
      const legendId = graph.nextId();
      lines.push(...legend(legendId, graph.nextId, levels, classed));
      edgeLines.unshift(`  ${legendId} ~~~ ${nodes[0].id}`);
    }
    lines.push(...edgeLines);
    for (const level of LEVELS) {
      const ids = classed.get(level);
      if (!ids) continue;
      lines.push(`  classDef ${RISK_CLASS[level]} ${RISK_STYLE[level]}`);
      lines.push(`  class ${ids.join(',')} ${RISK_CLASS[level]}`);
    }
    if (connectors.length) {
      lines.push(`  classDef ${CONNECTOR_CLASS} ${CONNECTOR_STYLE}`);
      lines.push(`  class ${connectors.join(',')} ${CONNECTOR_CLASS}`);
    }
    out.push(lines.join('\n') + '\n');
  }
  return out;
}

function topsOf({ nodes, edges }: Graph): number[] {
  return estimateTops(nodes.map((n) => n.height), edges.filter((e) => !e.back).map((e) => ({ from: e.from, to: e.to, gap: EDGE_GAP + labelHeight(e.label) })));
}

/** The estimated height (CSS px) of the whole drawing, without its legend (tests compare it with Mermaid's). */
export function estimatedHeight(power: Power, opts: FlowchartOptions = {}): number {
  const graph = buildGraph(power, opts);
  const tops = topsOf(graph);
  return Math.max(0, ...graph.nodes.map((n, i) => tops[i] + n.height));
}

/** Each node's estimated height and top and the page it is put on (tests compare them with Mermaid's). */
export function estimatedLayout(power: Power, opts: PagedFlowchartOptions = {}): { id: string; height: number; top: number; page: number }[] {
  const graph = buildGraph(power, opts);
  const tops = topsOf(graph);
  const maxHeight = opts.maxHeightPx ?? FLOWCHART_PAGE.maxHeightPx;
  const pageOf = paginate(graph.nodes, tops, maxHeight, { legend: graph.nodes.some((n) => n.level) });
  return graph.nodes.map((n, i) => ({ id: n.id, height: n.height, top: tops[i], page: pageOf[i] }));
}

function buildGraph(power: Power, opts: FlowchartOptions): Graph {
  // Quotation marks as the compendium prints them (“” ‘’ in Chinese text), as the document model does.
  const wrap = (text: string) => wrapText(chineseQuotes([text])[0]!, opts.wrapUnits ?? DEFAULT_WRAP_UNITS);
  const fill = (text: string, width: number) => wrapText(chineseQuotes([text])[0]!, width, { fill: true });
  const steps: readonly ProcedureStep[] = Array.isArray(power?.procedure?.steps) ? power.procedure.steps : [];
  const g = procedureGraph(steps, power?.procedure?.start);

  let counter = 0;
  const nextId = () => `n${counter++}`;
  const nodes: Node[] = [];
  const edges: Edge[] = [];
  const add = (n: Omit<Node, 'id'>, id = nextId()) => nodes.push({ ...n, id }) - 1;

  const start = add({ shape: `([${quotedLabel([START_LABEL])}])`, height: TERMINAL_HEIGHT });
  // Ids first (in the order of the source), so edges can point forward.
  const stepIds = g.nodes.map(() => nextId());
  const diamondIds = g.nodes.map((n) => (n.next.filter((t) => t.when !== undefined).length >= 2 ? nextId() : undefined));
  const endId = g.nodes.some((n) => n.ends) || g.nodes.length === 0 ? nextId() : undefined;

  const stepAt: number[] = [];
  const pending: Edge[] = [];
  g.nodes.forEach((node, i) => {
    const level = highestRisk(node.step?.risks);
    const label = stepLabel(node.step, level, wrap, fill);
    stepAt[i] = add({ shape: `[${quotedLabel(label)}]`, height: stepBoxHeight(label.length), ...(level ? { level } : {}) }, stepIds[i]);
    const diamondId = diamondIds[i];
    if (diamondId) {
      const d = add({ shape: `{${quotedLabel([DECISION_LABEL])}}`, height: DIAMOND_HEIGHT, with: stepAt[i] }, diamondId);
      pending.push({ from: stepAt[i], to: d, back: false });
      for (const t of node.next) pending.push({ from: d, to: -1 - t.to, back: t.back, label: wrap(t.when ?? OTHERWISE_LABEL) });
    } else {
      for (const t of node.next) pending.push({ from: stepAt[i], to: -1 - t.to, back: t.back, ...(t.when === undefined ? {} : { label: wrap(t.when) }) });
    }
    if (node.ends && endId) pending.push({ from: stepAt[i], to: -Infinity, back: false });
  });
  const end = endId ? add({ shape: `([${quotedLabel([END_LABEL])}])`, height: TERMINAL_HEIGHT }, endId) : -1;
  const resolve = (to: number) => (to === -Infinity ? end : to < 0 ? stepAt[-1 - to] : to);
  edges.push({ from: start, to: g.start >= 0 ? stepAt[g.start] : end, back: false });
  for (const e of pending) edges.push({ ...e, to: resolve(e.to) });
  return { nodes, edges, nextId };
}

function stepLabel(step: ProcedureStep | undefined, level: Level | undefined, wrap: (t: string) => string[], fill: (t: string, width: number) => string[]): string[] {
  const paragraphs = [text(step?.name) || text(step?.id) || '（未命名环节）'];
  if (step?.actor !== undefined && text(step.actor)) paragraphs.push(`承办：${text(step.actor)}`);
  const limit = formatTimeLimit(step?.time_limit);
  if (limit) paragraphs.push(`时限：${limit}`);
  // What the step does and the duty it carries, as written (the step table beside the drawing has them too).
  if (text(step?.description)) paragraphs.push(`内容：${text(step?.description)}`);
  if (text(step?.duty)) paragraphs.push(`责任：${text(step?.duty)}`);
  // Each paragraph balanced on its own sets the box's width; a paragraph of several lines then fills that width,
  // as text in a box does (the same number of lines).
  const balanced = paragraphs.map(wrap);
  const width = Math.max(...balanced.flat().map(textWidth));
  const lines = balanced.flatMap((b, k) => (b.length > 1 ? fill(paragraphs[k]!, width) : b));
  if (level) lines.push(riskMarker(level));
  return lines;
}

/** The most severe known level among a step's risks; unknown levels (unvalidated YAML) are ignored. */
function highestRisk(risks: readonly RiskPoint[] | undefined): Level | undefined {
  if (!Array.isArray(risks)) return undefined;
  return LEVELS.find((level) => risks.some((r) => r?.level === level));
}

/** Back edges are dotted, so a loop (补正 → 受理) reads as a return rather than as the main line. */
function edgeLine(from: string, to: string, back: boolean, label?: string[]): string {
  const arrow = back ? '-.->' : '-->';
  return label ? `  ${from} ${arrow}|${quotedLabel(label)}| ${to}` : `  ${from} ${arrow} ${to}`;
}

function legend(id: string, nextId: () => string, levels: Set<Level>, classed: Map<Level, string[]>): string[] {
  const lines = [`  subgraph ${id}[${quotedLabel([LEGEND_TITLE])}]`, '    direction LR'];
  const items: string[] = [];
  for (const level of LEVELS) {
    if (!levels.has(level)) continue;
    const item = nextId();
    lines.push(`    ${item}[${quotedLabel([riskMarker(level)])}]`);
    classed.set(level, [...(classed.get(level) ?? []), item]);
    items.push(item);
  }
  // Invisible links keep the samples side by side.
  if (items.length > 1) lines.push(`    ${items.join(' ~~~ ')}`);
  lines.push('  end');
  return lines;
}

/** A, B, …, Z, AA, AB, … */
function letterName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** YAML values are untyped until validated: numbers, booleans or null can arrive where a string is expected. */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value.trim() : String(value);
}
