/**
 * Positions of a file js-yaml parsed (src/load/positions.ts) against those of the `yaml` package's Document, which
 * they replace where they cover the file: for every path of every file (and paths that miss: a key or an item that is
 * not there, a level below a text), `rangeAt` (value and key) and `nodeAt` must give the same. The files: the
 * examples' YAML and rules' front matter, a power as `import` writes it, and shapes a clerk types (CRLF, flow
 * collections, block texts, quoted keys, values on the next line, spaces after a value, no line break at the end).
 * The shapes not covered (comment lines below the first content, explicit keys, empty list entries, tags, |+) must fall
 * back to `yaml`, and the covered ones must be covered (else validate would parse every file twice again).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SourceFile, YAML_OPTIONS, type PathKey } from '../../src/load/source.js';
import { parseYaml, splitFrontMatter } from '../../src/load/yaml.js';
import { powerYaml } from '../../src/sheet/yaml.js';
import type { PowerOut } from '../../src/sheet/power.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Every path of `data`, and paths beside and below them that are not there. */
function paths(data: unknown): PathKey[][] {
  const out: PathKey[][] = [];
  const visit = (v: unknown, p: PathKey[]) => {
    out.push(p);
    if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, [...p, i]));
      out.push([...p, v.length], [...p, String(v.length - 1)], [...p, 'missing']);
    } else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) visit((v as Record<string, unknown>)[k], [...p, k]);
      out.push([...p, 'missing'], [...p, 'missing', 0], [...p, 0]);
    } else out.push([...p, 'below']);
  };
  visit(data, []);
  return out;
}

/** The file parsed as validate parses it, and the paths whose positions differ from `yaml`'s. */
function compare(text: string, offset = 0, end?: number): { covered: boolean; differing: string[]; checked: number } {
  const fast = new SourceFile('f.yaml', '/f.yaml', text, offset, end);
  const parsed = parseYaml(fast, []);
  if (!parsed.ok) return { covered: false, differing: [], checked: 0 };
  const slow = new SourceFile('f.yaml', '/f.yaml', text, offset, end);
  slow.doc = parseDocument(text.slice(offset, end), YAML_OPTIONS);
  const differing: string[] = [];
  let checked = 0;
  if (!fast.positions) return { covered: false, differing, checked };
  for (const p of paths(parsed.data)) {
    for (const key of [false, true]) {
      checked++;
      const a = fast.rangeAt(p, { key }), b = slow.rangeAt(p, { key });
      if (JSON.stringify(a) !== JSON.stringify(b)) differing.push(`${JSON.stringify(p)}${key ? ' (key)' : ''}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
    }
    const na = fast.nodeAt(p), nb = slow.nodeAt(p);
    const ra = [na.depth, na.node?.range?.slice(0, 2)], rb = [nb.depth, nb.node?.range?.slice(0, 2)];
    if (JSON.stringify(ra) !== JSON.stringify(rb)) differing.push(`nodeAt ${JSON.stringify(p)}: ${JSON.stringify(ra)} ≠ ${JSON.stringify(rb)}`);
  }
  return { covered: true, differing, checked };
}

function filesUnder(dir: string, exts: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const abs = path.join(dir, name);
    if (statSync(abs).isDirectory()) out.push(...filesUnder(abs, exts));
    else if (exts.test(name)) out.push(abs);
  }
  return out.sort();
}

const crlf = (s: string) => s.replace(/\n/g, '\r\n');

/** Shapes the positions cover. */
const COVERED: Record<string, string> = {
  'block and flow': 'id: XK-001\nname: 示例\nlegal_bases:\n  - law: 中华人民共和国行政许可法\n    article: 第六十五条\ntime_limit:\n  statutory: {days: 20, unit: 工作日}\nprocedure:\n  steps:\n    - id: 受理\n      next: [审查, 决定]\n    - id: 审查\n',
  'a comment at the end of lines and at the top': '# 行政许可：示例\n\nid: XK-001   # 编码\nsteps:\n  - a  # 第一步\n  - [b, c] # 两步\n',
  'values on the next line, multi-line texts': 'a:\n  plain on\n  two lines\nb: plain\n  continued\nc: "double\n  quoted"\nd: \'single\n\n  quoted\'\ne: \'it\'\'s\'\n',
  'block texts': 'a: |\n  text\n\n  more\n\n\nb: >-\n  folded\nc:\n  - |\n    in a list\n\n  - >\n    x\nd: |2\n    indented\ne: |-\n  last',
  'empty values and nulls': 'a:\nb:   \nc: ~\nd: null\ne: \'\'\nf:\n  g:\n  h: 1\n',
  'keys of every kind': '1: one\n2.50: two\ntrue: t\nnull: n\n0x1F: hex\n\'3\': three\n"a\\tb": tab\nfoo bar: baz\n中文: 值\nk   : spaced\n',
  'lists at the top and nested': '- a\n- b: 1\n  c: 2\n- - nested\n  - list\n-   spaced   \n',
  'a list at its key\'s indentation': 'a:\n- b: 1\n  c:\n  - d\n  - e: f\n    g: h\n',
  'flow collections over lines': 'a: [\n  1,\n  2,\n]\nb: {c: 1, d: [x, {y: z}]}\ne: {}\nf: []\ng: {\n  h: 1,\n  i: 2\n}\n',
  'spaces, tabs, no line break at the end': 'a: 1\t\nb:\t2\nc: x   \nd:\n  - y\n  - z',
  'a scalar alone': 'just a text\n',
  'a document start': '---\na: 1\nb:\n- x\n',
  'flow collections of every kind': 'a: [one\n  two, three]\nb: {k: v\n  w}\nc: {"x y": 1, \'z\': 2}\nd: [ 1 ,  2 ]\ne: {  f :  g  }\nh: [1, 2,]\ni: [[1,\n  2], {j: [3,\n  4]}]\n',
  'a flow collection or a text alone': '{a: 1, b: [2]}\n',
  'empty values at the end': 'a: 1\nb:',
  'texts quoted over lines': 'a: "line one\n\n  line two \\\n  three"\nb: \'it\'\'s\n  here\'\nc: ""\nd: [\'\', ""]\n',
  'colons and hashes in values': 'url: http://x.y/z\ntime: 12:30\nh: b#c\nq: \'e # f\'\n',
};

/** Shapes left to `yaml`. */
const NOT_COVERED: Record<string, string> = {
  'a comment line below the first content': 'a:\n  b: 1\n  # 注释\nc: 2\n',
  'an explicit key': '? a\n: 1\n',
  'an empty list entry': 'a:\n  - 1\n  -\n  - 3\n',
  'a tag': 'a: !!str 1\n',
  'keep chomping': 'a: |+\n  keep\n\nb: 1\n',
  'a pair in a flow list': 'a: [b: 1]\n',
  'a lone CR': 'a: 1\rb: 2\n',
  'spaces after a block text': 'a: |\n  x\n  \n   \nb: 1\n',
  'spaces at the end of a block text': 'a: |\n  x   \nb: 1\n',
};

describe('positions from js-yaml', () => {
  it('give every path the range `yaml` gives it, for every YAML file of the examples and every rule\'s front matter', () => {
    let covered = 0, checked = 0;
    for (const file of filesUnder(path.join(ROOT, 'examples'), /\.(ya?ml|md)$/)) {
      const text = readFileSync(file, 'utf8');
      let offset = 0, end: number | undefined;
      if (file.endsWith('.md')) {
        const fm = splitFrontMatter(text);
        if (!fm) continue;
        ({ yamlOffset: offset, yamlEnd: end } = fm);
      }
      const fast = new SourceFile('f', file, text, offset, end);
      if (!parseYaml(fast, []).ok) continue; // the mistakes example's files that do not parse have no positions to compare
      for (const t of [text, crlf(text)]) {
        const r = compare(t, t === text ? offset : crlf(text.slice(0, offset)).length, end === undefined ? undefined : crlf(text.slice(0, end)).length);
        expect(r.differing, path.relative(ROOT, file)).toEqual([]);
        if (r.covered) covered++;
        checked += r.checked;
      }
    }
    // The examples have rules, laws and powers without comment lines: most of them are covered.
    expect(covered).toBeGreaterThan(80);
    expect(checked).toBeGreaterThan(20000);
  });

  it('cover a power as `import` writes it, and give the same ranges', () => {
    const power = {
      id: 'XK-5001', name: '示例职权事项第2项（行政许可）', category: '行政许可', body: '某市商务局', unit: '流通业发展科',
      legal_bases: [{ law: '中华人民共和国行政许可法', article: '第二条', quote: '本法所称行政许可，是指行政机关根据公民、法人或者其他组织的申请，经依法审查，准予其从事特定活动的行为。' },
        { law: '中华人民共和国行政处罚法', article: '第八条', clause: '第一款', quote: '公民、法人或者其他组织因违法行为受到行政处罚，其违法行为对他人造成损害的，应当依法承担民事责任。\n第二行' }],
      time_limit: { statutory: { days: 20, unit: '工作日' }, promised: { days: 10, unit: '工作日' } },
      fees: { basis: '不收费' }, remark: '2022-12-30',
      procedure: { steps: [{ id: '受理', name: '受理', next: ['审查'] }, { id: '审查', name: '审查' }] },
      responsibilities: ['受理阶段责任：公示依法应当提交的材料。', 'yes', '000117'],
    } as unknown as PowerOut;
    const text = powerYaml(power);
    for (const t of [text, crlf(text)]) {
      const r = compare(t);
      expect(r.covered).toBe(true);
      expect(r.differing).toEqual([]);
    }
  });

  for (const [name, text] of Object.entries(COVERED)) {
    it(`cover ${name}, LF and CRLF, with the ranges of \`yaml\``, () => {
      for (const t of [text, crlf(text)]) {
        const r = compare(t);
        expect(r.covered, JSON.stringify(t)).toBe(true);
        expect(r.differing, JSON.stringify(t)).toEqual([]);
      }
    });
  }

  for (const [name, text] of Object.entries(NOT_COVERED)) {
    it(`leave ${name} to \`yaml\``, () => {
      const r = compare(text);
      expect(r.covered).toBe(false);
      // …whose ranges are then the ones given.
      const f = new SourceFile('f.yaml', '/f.yaml', text);
      const parsed = parseYaml(f, []);
      const slow = new SourceFile('f.yaml', '/f.yaml', text);
      slow.doc = parseDocument(text, YAML_OPTIONS);
      for (const p of paths(parsed.data)) expect(f.rangeAt(p)).toEqual(slow.rangeAt(p));
    });
  }
});
