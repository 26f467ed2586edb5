/** A file of the repository, decoded, with a way to turn offsets and YAML paths into line:column. */
import { isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode, type Pair } from 'yaml';
import type { Position } from '../diagnostic.js';

export type PathKey = string | number;

export class SourceFile {
  /** 0-based offsets of the start of each line. */
  private readonly lineStarts: number[];

  constructor(
    /** Relative to the repository root, forward slashes. */
    readonly path: string,
    readonly absPath: string,
    /** Decoded text (BOM removed). */
    readonly text: string,
    /** The YAML document (whole file, or the front matter of a Markdown file). */
    public doc?: Document.Parsed,
    /** Offset in `text` where the YAML source of `doc` starts. */
    public yamlOffset = 0,
  ) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
    this.lineStarts = starts;
  }

  get lineCount(): number { return this.lineStarts.length; }

  /** Offset in `text` to a 1-based line and column (columns count UTF-16 units; a CR before LF is not counted). */
  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0, hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid; else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.lineStarts[lo] + 1 };
  }

  lineText(line: number): string {
    const s = this.lineStarts[line - 1] ?? this.text.length;
    const e = this.lineStarts[line] ?? this.text.length;
    return this.text.slice(s, e).replace(/\r?\n$/, '');
  }

  /** The YAML node at `path`, or the nearest existing ancestor. */
  nodeAt(path: readonly PathKey[]): { node: YamlNode | null; pair: Pair | null; depth: number } {
    let node: unknown = this.doc?.contents ?? null;
    let pair: Pair | null = null;
    let depth = 0;
    for (const key of path) {
      if (isMap(node)) {
        const p = node.items.find((it) => isPair(it) && keyString(it.key) === String(key));
        if (!p) break;
        pair = p as Pair;
        node = p.value;
      } else if (isSeq(node) && typeof key === 'number' || (isSeq(node) && /^\d+$/.test(String(key)))) {
        const item = (node as { items: unknown[] }).items[Number(key)];
        if (item === undefined) break;
        pair = null;
        node = item;
      } else break;
      depth++;
    }
    return { node: (node as YamlNode) ?? null, pair, depth };
  }

  /**
   * Range of the value at `path` (or its key when `key` is set). Missing paths fall back to the nearest ancestor's key.
   */
  rangeAt(path: readonly PathKey[], opts: { key?: boolean } = {}): { start: Position; end: Position } {
    if (!this.doc) return { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
    const { node, pair, depth } = this.nodeAt(path);
    const exact = depth === path.length;
    let target: YamlNode | null = node;
    if ((opts.key || !exact) && pair && isScalar(pair.key)) target = pair.key as YamlNode;
    if (exact && !opts.key && node && isScalar(node) === false && pair && isScalar(pair.key) && (isMap(node) || isSeq(node))) {
      // A whole map or sequence: point at its key, which is where a reader looks.
      target = pair.key as YamlNode;
    }
    const range = target?.range ?? node?.range;
    if (!range) return { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
    return {
      start: this.position(this.yamlOffset + range[0]),
      end: this.position(this.yamlOffset + range[1]),
    };
  }
}

function keyString(k: unknown): string | undefined {
  if (isScalar(k)) return String(k.value);
  return typeof k === 'string' ? k : undefined;
}
