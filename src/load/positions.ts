/**
 * Source positions of a file that js-yaml parsed, taken from the same parse (js-yaml's `listener`, which reports where
 * each node opens and closes), with the ranges that the `yaml` package's Document gives its nodes: what SourceFile.rangeAt
 * and nodeAt need, without parsing the file a second time with `yaml` (which took about 1 ms a power file, most of
 * `validate`'s time on a repository whose every power has something to report).
 *
 * Only the plain shapes are indexed: block and flow mappings and sequences of scalars with scalar keys, comments at the
 * end of a line or before the first content. Anything else (a comment line further down, an explicit key `? `, a pair
 * in a flow sequence, a list entry left empty, tags, a key that is not a scalar, keep chomping `|+`…) gives no index,
 * and the file's positions come from `yaml` as before. test/validate/positions.test.ts compares every path's range
 * with `yaml`'s on every YAML file of the examples and on the shapes a clerk types.
 */

import jsYaml from 'js-yaml';

export interface PosNode {
  kind: 'map' | 'seq' | 'scalar';
  /** Offsets in the YAML source: where the node starts and where its value ends, as `yaml`'s node.range[0] and [1]. */
  range: [number, number];
  /** Where the node ends with what trails it on its line (comment, line break), as `yaml`'s node.range[2]. */
  end: number;
  pairs?: PosPair[];
  items?: PosNode[];
}

export interface PosPair { key: string; keyNode: PosNode; value: PosNode }

/** A node as the listener saw it. */
interface Event { open: number; close: number; kind: string | null; result: unknown; tag: string | null; children: Event[] }

/** The recorder to pass as js-yaml's `listener`, and the root event once the parse is done. */
export function recorder(): { listener: (type: 'open' | 'close', state: { position: number; kind: string | null; result: unknown }) => void; root: () => Event | undefined } {
  const stack: Event[] = [{ open: 0, close: 0, kind: null, result: null, tag: null, children: [] }];
  return {
    listener(type, state) {
      if (type === 'open') { stack.push({ open: state.position, close: -1, kind: null, result: null, tag: null, children: [] }); return; }
      const e = stack.pop()!;
      e.close = state.position;
      e.kind = state.kind;
      e.result = state.result;
      e.tag = (state as { tag?: string | null }).tag ?? null; // js-yaml's state has it; its types do not say so
      stack[stack.length - 1]!.children.push(e);
    },
    root: () => (stack.length === 1 && stack[0]!.children.length === 1 ? stack[0]!.children[0] : undefined),
  };
}

/**
 * The positions of a YAML source parsed on its own (a file loaded in a worker, or whose data was dropped after its
 * checks, that a check across files reports on), or undefined when js-yaml does not read it or its shape is not covered.
 */
export function indexYaml(src: string): PosNode | undefined {
  if (/[&*]/.test(src)) return undefined;
  const rec = recorder();
  let data: unknown;
  try {
    data = jsYaml.load(src, { schema: jsYaml.CORE_SCHEMA, json: false, listener: rec.listener });
  } catch {
    return undefined;
  }
  return positionsOf(src, rec.root(), data);
}

class Unsupported extends Error {}

const isSpace = (c: number) => c === 0x20 || c === 0x09;
const isBreak = (c: number) => c === 0x0a || c === 0x0d;

/**
 * The positions of `src` from the events of its parse (`data` the parsed value), or undefined when the file has a
 * shape this does not index.
 */
export function positionsOf(src: string, root: Event | undefined, data: unknown): PosNode | undefined {
  if (!root) return undefined;
  // A comment on a line of its own after the first content: `yaml` counts some of them into the range of the
  // collection before them, by rules of indentation and blank lines not worth copying here. A lone CR: js-yaml breaks
  // lines there, `yaml` does not.
  if (/\n[ \t]*#/.test(src.slice(skipSpace(src, 0))) || /\r(?!\n)/.test(src) || src.charCodeAt(0) === 0xfeff) return undefined;
  try {
    // js-yaml reads the text with a line break added when it has none at its end: offsets are in that text.
    if (/[\r\n]$/.test(src) || !src) return node(src, root, data);
    return clamp(node(src + '\n', root, data), src.length);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

function clamp(n: PosNode, max: number): PosNode {
  n.range = [Math.min(n.range[0], max), Math.min(n.range[1], max)];
  n.end = Math.min(n.end, max);
  for (const p of n.pairs ?? []) { clamp(p.keyNode, max); clamp(p.value, max); }
  for (const i of n.items ?? []) clamp(i, max);
  return n;
}

/** First content offset at or after `i`: spaces, line breaks and comments skipped. */
function skipSpace(src: string, i: number): number {
  for (;;) {
    const c = src.charCodeAt(i);
    if (isSpace(c) || isBreak(c)) { i++; continue; }
    if (c === 0x23) { while (i < src.length && !isBreak(src.charCodeAt(i))) i++; continue; }
    return i;
  }
}

/** After a value ending at `i`: its trailing spaces, comment and one line break (`yaml`'s range[2]). */
function trailing(src: string, i: number): number {
  let j = i;
  while (isSpace(src.charCodeAt(j))) j++;
  if (src.charCodeAt(j) === 0x23) while (j < src.length && !isBreak(src.charCodeAt(j))) j++;
  if (src.charCodeAt(j) === 0x0d && src.charCodeAt(j + 1) === 0x0a) return j + 2;
  if (isBreak(src.charCodeAt(j))) return j + 1;
  return j >= src.length ? j : i;
}

/**
 * The event of the node itself: a value in a block is first read as a would-be key (a text, a flow collection), an
 * event inside the value's with the same result; attempts that read nothing have no kind.
 */
function innermost(e: Event): Event {
  let cur = e;
  for (;;) {
    const inner = cur.children.filter((c) => c.kind !== null);
    if (inner.length !== 1 || inner[0]!.result !== cur.result || inner[0]!.kind !== cur.kind) return cur;
    cur = inner[0]!;
  }
}

function node(src: string, outer: Event, data: unknown): PosNode {
  const e = innermost(outer);
  if (e.tag !== null && e.tag !== '?' && !e.tag.startsWith('tag:yaml.org,2002:')) throw new Unsupported();
  if (e.kind === 'mapping') return mapping(src, e, data);
  if (e.kind === 'sequence') return sequence(src, e, data);
  if (e.kind === 'scalar') return scalar(src, e);
  throw new Unsupported();
}

function scalar(src: string, e: Event): PosNode {
  if (e.children.some((c) => c.kind !== null)) throw new Unsupported();
  const start = skipSpace(src, e.open);
  const c = src.charCodeAt(start);
  if (c === 0x21 || c === 0x26 || c === 0x2a) throw new Unsupported(); // a tag, an anchor, an alias
  let end = e.close;
  if (c === 0x7c || c === 0x3e) {
    // A block scalar (| or >): `yaml` ends it after its last line that is not empty (for keep chomping, + , after
    // every line of the block). js-yaml stops after the empty lines too.
    if (/^[|>][0-9]*\+|^[|>]\+/.test(src.slice(start, start + 3))) throw new Unsupported();
    let j = end;
    while (j > start && (isSpace(src.charCodeAt(j - 1)) || isBreak(src.charCodeAt(j - 1)))) j--;
    // Spaces after the last character of content (on its line, or lines of spaces after it): `yaml` counts some of
    // them in, by rules not copied here.
    // (js-yaml may stop after the next line's indentation: that is not the block's.)
    let k = end;
    while (k > j && isSpace(src.charCodeAt(k - 1))) k--;
    if (/[ \t]/.test(src.slice(j, k))) throw new Unsupported();
    // j: end of the last character of content; include its line break.
    if (src.charCodeAt(j) === 0x0d && src.charCodeAt(j + 1) === 0x0a) j += 2;
    else if (isBreak(src.charCodeAt(j))) j += 1;
    end = j;
    return { kind: 'scalar', range: [start, end], end };
  }
  // A plain scalar: js-yaml may stop after the spaces and line breaks that follow it.
  if (c !== 0x22 && c !== 0x27) while (end > start && (isSpace(src.charCodeAt(end - 1)) || isBreak(src.charCodeAt(end - 1)))) end--;
  if (end < start) throw new Unsupported();
  return { kind: 'scalar', range: [start, end], end: trailing(src, end) };
}

/** An empty value (`key:` and nothing): `yaml` puts it after the indicator and the spaces after it. */
function empty(src: string, e: Event): PosNode {
  let at = e.open;
  while (isSpace(src.charCodeAt(at))) at++;
  if (!isBreak(src.charCodeAt(at)) && at < src.length) throw new Unsupported(); // a comment after it
  return { kind: 'scalar', range: [at, at], end: at };
}

function isFlow(src: string, start: number): boolean {
  const c = src.charCodeAt(start);
  return c === 0x5b || c === 0x7b;
}

function mapping(src: string, e: Event, data: unknown): PosNode {
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Unsupported();
  const start = skipSpace(src, e.open);
  const flow = isFlow(src, start);
  const kids = e.children;
  if (kids.length % 2 !== 0 || kids.length / 2 !== Object.keys(data).length) throw new Unsupported();
  const pairs: PosPair[] = [];
  const record = data as Record<string, unknown>;
  for (let i = 0; i < kids.length; i += 2) {
    const k = kids[i]!, v = kids[i + 1]!;
    if (k.kind !== 'scalar') throw new Unsupported();
    const keyNode = scalar(src, k);
    const key = String(k.result);
    if (!(key in record)) throw new Unsupported();
    let value: PosNode;
    if (v.kind === null) {
      if (flow || record[key] !== null) throw new Unsupported();
      value = empty(src, v);
    } else value = node(src, v, record[key]);
    pairs.push({ key, keyNode, value });
  }
  if (!flow) {
    if (!pairs.length || pairs[0]!.keyNode.range[0] !== start) throw new Unsupported();
    const last = pairs[pairs.length - 1]!.value;
    return { kind: 'map', range: [start, last.end], end: last.end, pairs };
  }
  if (src.charCodeAt(e.close - 1) !== 0x7d) throw new Unsupported();
  return { kind: 'map', range: [start, e.close], end: trailing(src, e.close), pairs };
}

function sequence(src: string, e: Event, data: unknown): PosNode {
  if (!Array.isArray(data)) throw new Unsupported();
  const start = skipSpace(src, e.open);
  const flow = isFlow(src, start);
  if (e.children.length !== data.length) throw new Unsupported();
  const items = e.children.map((c, i) => {
    if (c.kind === null) throw new Unsupported();
    return node(src, c, data[i]);
  });
  if (!flow) {
    if (!items.length || src.charCodeAt(start) !== 0x2d) throw new Unsupported();
    const last = items[items.length - 1]!;
    return { kind: 'seq', range: [start, last.end], end: last.end, items };
  }
  if (src.charCodeAt(e.close - 1) !== 0x5d) throw new Unsupported();
  return { kind: 'seq', range: [start, e.close], end: trailing(src, e.close), items };
}
