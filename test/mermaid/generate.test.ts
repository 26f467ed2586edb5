import { describe, expect, it } from 'vitest';
import type { Power } from '../../src/domain/types.js';
import { decodeLabelEntities } from '../../src/flowchart/escape.js';
import { DECISION_LABEL, END_LABEL, estimatedHeight, LEGEND_TITLE, powerToMermaid, powerToMermaidPages, START_LABEL, validateMermaidSource } from '../../src/flowchart/generate.js';
import { FLOWCHART_PAGE } from '../../src/flowchart/config.js';
import { nodeMermaid } from '../../src/flowchart/node-mermaid.js';
import { charWidth } from '../../src/flowchart/wrap.js';
import { bigPower, hostilePower } from './fixtures.js';
import { chineseQuotes } from '../../src/domain/quotes.js';

interface Vertex { id: string; text: string; type: string; classes: string[]; labelType: string }
interface Edge { start: string; end: string; text: string; stroke: string; labelType: string }
interface FlowDb {
  getVertices(): Map<string, Vertex>;
  getEdges(): Edge[];
  getClasses(): Map<string, unknown>;
  getSubGraphs(): { id: string; title: string; nodes: string[] }[];
  getDirection(): string;
  getTooltip(id: string): string | undefined;
}

/** Mermaid's own reading of the source: what the diagram really contains. */
async function parse(src: string): Promise<FlowDb> {
  const mermaid = await nodeMermaid();
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(src);
  return diagram.db as unknown as FlowDb;
}

/** A label as Mermaid stores it → the lines the reader sees (Mermaid's placeholders, then our entities). */
function labelLines(text: string): string[] {
  // Split on the line separator first: a clerk's own backslash is still an entity at this point.
  return text.split('\\n').map((l) => decodeLabelEntities(l.replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';')));
}

const LABEL = '"[^"]*"';
const ID = 'n\\d+';
const LINE_GRAMMAR = [
  /^flowchart TD$/,
  new RegExp(`^  ${ID}(\\(\\[${LABEL}\\]\\)|\\[${LABEL}\\]|\\{${LABEL}\\})$`),
  new RegExp(`^  ${ID} (-->|-\\.->)(\\|${LABEL}\\|)? ${ID}$`),
  // The legend: above 开始, its samples side by side (invisible links).
  new RegExp(`^  ${ID} ~~~ ${ID}$`),
  new RegExp(`^ {4}${ID}( ~~~ ${ID})+$`),
  new RegExp(`^  subgraph ${ID}\\[${LABEL}\\]$`),
  /^ {4}direction LR$/,
  new RegExp(`^ {4}${ID}\\[${LABEL}\\]$`),
  /^ {2}end$/,
  /^ {2}classDef (riskHigh|riskMid|riskLow|offPage) [a-z:#0-9,. -]+$/,
  new RegExp(`^  class ${ID}(,${ID})* (riskHigh|riskMid|riskLow|offPage)$`),
];

function expectWellFormed(src: string): void {
  const lines = src.trimEnd().split('\n');
  for (const line of lines) expect(LINE_GRAMMAR.some((re) => re.test(line)), line).toBe(true);
  for (const label of src.match(/"[^"]*"/g) ?? []) {
    const inner = label.slice(1, -1).replace(/#\d+;/g, '').replace(/\\n/g, '');
    // Everything Mermaid could read as syntax is an entity; what is left is plain text.
    expect(inner, label).not.toMatch(/["#&<>%`\\:;\u0000-\u001f]/);
  }
}

describe('powerToMermaid', () => {
  it('draws start, steps, decision, loops, end and a risk legend', async () => {
    const power = bigPower();
    const src = powerToMermaid(power);
    expectWellFormed(src);
    expect(await validateMermaidSource(src)).toBeNull();

    const db = await parse(src);
    const vertices = [...db.getVertices().values()];
    // The name is the label's lines before the 承办/时限/risk lines (a long name is wrapped over several).
    const nameOf = (v: Vertex) => {
      const lines = labelLines(v.text);
      const end = lines.findIndex((l) => /^(承办：|时限：|⚠ )/.test(l));
      return lines.slice(0, end < 0 ? undefined : end).join('');
    };
    const byText = (name: string) => vertices.filter((v) => nameOf(v) === name);
    const steps = power.procedure.steps;

    expect(byText(START_LABEL)[0].type).toBe('stadium');
    expect(byText(END_LABEL)).toHaveLength(1);
    for (const step of steps) expect(byText(step.name), step.name).toHaveLength(1);
    // shouli (3 conditions), fushen and shenpi (2 each) get a diamond.
    const diamonds = vertices.filter((v) => v.type === 'diamond');
    expect(diamonds).toHaveLength(3);
    expect(diamonds.every((d) => labelLines(d.text)[0] === DECISION_LABEL)).toBe(true);

    const edges = db.getEdges();
    const id = (name: string) => byText(name)[0].id;
    const edge = (from: string, to: string) => edges.find((e) => e.start === from && e.end === to);
    // Conditions are on the edges leaving the diamond after 受理.
    const shouliDiamond = edge(id('受理'), diamonds[0].id);
    expect(shouliDiamond).toBeDefined();
    const fromDiamond = edges.filter((e) => e.start === diamonds[0].id).map((e) => labelLines(e.text).join(''));
    expect(fromDiamond).toEqual(['材料齐全、符合法定形式', '材料不齐全', '不属于本机关职权范围']);
    // Loops are dotted back edges: 补正 → 受理, and 复审 → 初审 through its diamond.
    expect(edge(id('一次性告知补正材料'), id('受理'))?.stroke).toBe('dotted');
    const back = edges.filter((e) => e.stroke === 'dotted');
    expect(back.map((e) => e.end).sort()).toEqual([id('初审'), id('受理')].sort());
    // Every step that ends leads to 办结.
    for (const name of ['出具不予受理决定书', '送达不予许可决定书', '办结归档']) expect(edge(id(name), id(END_LABEL))).toBeDefined();

    // Time limit and actor lines, risk marker and class.
    expect(labelLines(byText('受理')[0].text)).toEqual(['受理', '承办：政务服务', '窗口工作人员', '时限：1个工作日', '⚠ 中风险']);
    expect(labelLines(byText('一次性告知补正材料')[0].text)).toContain('时限：5个自然日');
    expect(byText('现场核查')[0].classes).toEqual(['riskHigh']);
    expect(byText('初审')[0].classes).toEqual(['riskLow']);
    expect([...db.getClasses().keys()].sort()).toEqual(['riskHigh', 'riskLow', 'riskMid']);
    const legend = db.getSubGraphs();
    expect(legend).toHaveLength(1);
    expect(legend[0].title).toBe(LEGEND_TITLE);
    expect(legend[0].nodes).toHaveLength(3);
  });

  it('is deterministic and uses generated ids only', () => {
    const a = powerToMermaid(bigPower());
    expect(powerToMermaid(bigPower())).toBe(a);
    const ids = [...a.matchAll(/\b(n\d+)\b/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBeGreaterThan(25);
    expect(a).not.toMatch(/\b(shouli|buzheng|xianchang)\b/);
  });

  it('keeps hostile text inside labels: no extra nodes, edges, clicks, classes or directives', async () => {
    const power = hostilePower();
    const src = powerToMermaid(power);
    expectWellFormed(src);
    expect(await validateMermaidSource(src)).toBeNull();

    const db = await parse(src);
    const vertices = [...db.getVertices().values()];
    const steps = power.procedure.steps;
    const diamonds = steps.filter((s) => (s.next ?? []).filter((n) => typeof n === 'object' && n.when).length >= 2).length;
    const legendItems = new Set(steps.flatMap((s) => s.risks ?? []).map((r) => r.level)).size;
    // + 1: the legend's subgraph is linked (invisibly) above 开始, which makes Mermaid list it as a vertex too.
    expect(vertices).toHaveLength(steps.length + 2 + diamonds + legendItems + 1);
    const subgraphs = new Set(db.getSubGraphs().map((g) => g.id));
    expect(vertices.every((v) => /^n\d+$/.test(v.id) && (v.labelType === 'string' || subgraphs.has(v.id)))).toBe(true);
    expect(vertices.some((v) => v.classes.includes('clickable'))).toBe(false);
    expect(vertices.every((v) => db.getTooltip(v.id) === undefined)).toBe(true);
    expect([...db.getClasses().keys()].every((c) => ['riskHigh', 'riskMid', 'riskLow'].includes(c))).toBe(true);
    expect(db.getDirection()).toBe('TB');
    expect(db.getSubGraphs()).toHaveLength(1);

    // Every hostile text comes back, character for character (whitespace aside: wrapping breaks at spaces; quotation
    // marks in Chinese text as the compendium prints them, domain/quotes.ts).
    const squash = (t: string) => t.replace(/\s+/g, '');
    const printed = (t: string) => squash(chineseQuotes([t])[0]!);
    const texts = vertices.map((v) => squash(labelLines(v.text).join('')));
    for (const step of steps) {
      expect(texts.some((t) => t.startsWith(printed(step.name))), step.name).toBe(true);
      expect(texts.some((t) => t.includes(printed(`承办：${step.actor}`))), step.actor).toBe(true);
    }
    const edgeTexts = db.getEdges().map((e) => squash(labelLines(e.text).join('')));
    const whens = steps.flatMap((s) => (s.next ?? []).flatMap((n) => (typeof n === 'object' && n.when ? [n.when] : [])));
    expect(whens.length).toBeGreaterThan(5);
    for (const when of whens) expect(edgeTexts, when).toContain(printed(when));
  });

  it('survives random text made of Mermaid syntax characters', async () => {
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const alphabet = [...'"\'#&;:<>%`\\[](){}|-.=*_~!/ \n\t', 'ﬂ', '°', '¶', 'ß', '审', '批', '-->', '%%', ':::', 'click', 'end', '#quot;', '&amp;', '<br>', '\u2028'];
    const word = () => Array.from({ length: 1 + rand(30) }, () => alphabet[rand(alphabet.length)]).join('');
    for (let round = 0; round < 40; round++) {
      const steps = Array.from({ length: 3 }, (_, i) => ({
        id: word(), name: word(), actor: word(), time_limit: word(),
        next: i < 2 ? [{ to: 'x', when: word() }] : [],
        risks: [{ level: '高' as const, description: word(), controls: [] }],
      }));
      steps.forEach((s, i) => { s.id = `s${i}`; if (i < 2) s.next = [{ to: `s${i + 1}`, when: s.next[0].when }, { to: 's0', when: word() }]; });
      const power = { ...bigPower(), procedure: { steps } } as Power;
      const src = powerToMermaid(power);
      expectWellFormed(src);
      expect(await validateMermaidSource(src), src).toBeNull();
      const db = await parse(src);
      expect(db.getVertices().size).toBe(3 + 2 + 2 + 1 + 1);
    }
  });

  it('handles a procedure without steps and one without an end', async () => {
    const empty = powerToMermaid({ ...bigPower(), procedure: { steps: [] } });
    expect(empty).toBe(`flowchart TD\n  n0(["${START_LABEL}"])\n  n1(["${END_LABEL}"])\n  n0 --> n1\n`);
    const loop = powerToMermaid({ ...bigPower(), procedure: { steps: [{ id: 'a', name: '甲', next: ['b'] }, { id: 'b', name: '乙', next: ['a'] }] } });
    expect(loop).not.toContain(END_LABEL);
    expect(loop).toContain('n2 -.-> n1');
    expect(await validateMermaidSource(loop)).toBeNull();
  });

  it('starts at procedure.start and ignores unknown targets', () => {
    const src = powerToMermaid({ ...bigPower(), procedure: { start: 'b', steps: [{ id: 'a', name: '甲', next: ['nowhere'] }, { id: 'b', name: '乙', next: ['a'] }] } });
    expect(src).toContain('n0 --> n2');
    expect(src).toContain('n1 --> n3'); // 甲 has no usable next: it ends
    expect(src).not.toContain('nowhere');
  });

  it('wraps long labels by display width', () => {
    const name = '对申请人提交的全部申请材料进行实质审查并提出初步审查意见';
    const src = powerToMermaid({ ...bigPower(), procedure: { steps: [{ id: 'a', name, end: true }] } });
    const label = /n1\["([^"]*)"\]/.exec(src)![1].split('\\n');
    expect(label.join('')).toBe(name);
    expect(label.length).toBeGreaterThan(1);
    for (const line of label) expect([...line].reduce((n, c) => n + charWidth(c.codePointAt(0)!), 0)).toBeLessThanOrEqual(22);
  });
});

describe('powerToMermaidPages', () => {
  /** Every page's nodes: their ids and label lines. */
  async function pagesOf(power: Power, maxHeightPx?: number) {
    const srcs = powerToMermaidPages(power, maxHeightPx === undefined ? {} : { maxHeightPx });
    const dbs = [];
    for (const src of srcs) {
      expectWellFormed(src);
      expect(await validateMermaidSource(src), src).toBeNull();
      dbs.push(await parse(src));
    }
    return { srcs, dbs };
  }

  it('gives a short procedure as one page, the same as the whole drawing', () => {
    const short = { ...bigPower(), procedure: { steps: bigPower().procedure.steps.slice(0, 3).map((s, i) => (i === 2 ? { ...s, next: undefined, end: true } : s)) } } as Power;
    expect(powerToMermaidPages(short)).toEqual([powerToMermaid(short)]);
    expect(estimatedHeight(short)).toBeLessThan(FLOWCHART_PAGE.maxHeightPx);
  });

  it('cuts a 22-step procedure into pages, every step on exactly one, linked by matching off-page connectors', async () => {
    const power = bigPower();
    expect(estimatedHeight(power)).toBeGreaterThan(FLOWCHART_PAGE.maxHeightPx);
    const { srcs, dbs } = await pagesOf(power);
    expect(srcs.length).toBeGreaterThanOrEqual(2);
    const texts = dbs.map((db) => [...db.getVertices().values()].map((v) => labelLines(v.text).join('')));
    for (const step of power.procedure.steps) {
      const on = texts.filter((page) => page.some((t) => t.startsWith(step.name))).length;
      expect(on, step.name).toBe(1);
    }
    // 开始 on the first page only, 办结 once; the legend heads the first page only.
    expect(texts.flat().filter((t) => t === START_LABEL)).toHaveLength(1);
    expect(texts[0]).toContain(START_LABEL);
    expect(dbs.map((db) => db.getSubGraphs().length)).toEqual(srcs.map((_, k) => (k === 0 ? 1 : 0)));
    // Each "转第N页（X）" on page P has an "接第…P…页（X）" on page N, and back.
    const outs = texts.flatMap((page, p) => page.flatMap((t) => { const m = /^转第(\d+)页（([A-Z]+)）$/.exec(t); return m ? [{ from: p + 1, to: Number(m[1]), letter: m[2] }] : []; }));
    const ins = texts.flatMap((page, p) => page.flatMap((t) => { const m = /^接第([\d、]+)页（([A-Z]+)）$/.exec(t); return m ? [{ at: p + 1, from: m[1].split('、').map(Number), letter: m[2] }] : []; }));
    expect(outs.length).toBeGreaterThan(0);
    for (const o of outs) {
      const partner = ins.find((i) => i.letter === o.letter);
      expect(partner, o.letter).toBeDefined();
      expect(partner!.at).toBe(o.to);
      expect(partner!.from).toContain(o.from);
    }
    for (const i of ins) for (const from of i.from) expect(outs.some((o) => o.letter === i.letter && o.from === from && o.to === i.at)).toBe(true);
    // Each in-connector leads somewhere on its page.
    dbs.forEach((db) => {
      const vs = [...db.getVertices().values()];
      for (const v of vs.filter((v) => labelLines(v.text).join('').startsWith('接第'))) expect(db.getEdges().some((e) => e.start === v.id)).toBe(true);
    });
    expect(powerToMermaidPages(power)).toEqual(srcs); // deterministic
  });

  it('keeps hostile text inside labels on every page, however small the pages', async () => {
    for (const max of [300, 600, 1200]) {
      const { srcs, dbs } = await pagesOf(hostilePower(), max);
      expect(srcs.length).toBeGreaterThan(1);
      for (const db of dbs) {
        expect([...db.getClasses().keys()].every((c) => ['riskHigh', 'riskMid', 'riskLow', 'offPage'].includes(c))).toBe(true);
        expect([...db.getVertices().values()].some((v) => v.classes.includes('clickable'))).toBe(false);
      }
    }
  });
});
