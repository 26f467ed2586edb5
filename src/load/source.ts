/** A file of the repository, decoded, with a way to turn offsets and YAML paths into line:column. */
import type { Document, Node as YamlNode, Pair } from 'yaml';
import { yamlLib } from './yaml-lib.js';
import { indexYaml, type PosNode, type PosPair } from './positions.js';
import type { Position } from '../diagnostics/diagnostic.js';

export type PathKey = string | number;

export const YAML_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true, keepSourceTokens: false } as const;

export class SourceFile {
  private textCache: string | undefined;
  private textLoader: (() => string) | undefined;
  private lineStartsCache: number[] | undefined;
  private docCache: Document.Parsed | undefined;
  /** Positions from js-yaml's parse (load/positions.ts); null: not covered; undefined: not yet asked for. */
  private positionsCache: PosNode | null | undefined;

  constructor(
    /** Relative to the repository root, forward slashes. */
    readonly path: string,
    readonly absPath: string,
    /** Decoded text (BOM removed), or a function that reads it when first needed. */
    text: string | (() => string),
    /** Offset in `text` where the YAML source starts (after a Markdown file's opening "---"). */
    public yamlOffset = 0,
    /** Offset in `text` where the YAML source ends (default: end of text). */
    public yamlEnd?: number,
  ) {
    if (typeof text === 'string') this.textCache = text; else this.textLoader = text;
  }

  /** Decoded text. Large repositories are checked without keeping every file's text: it is read again when needed. */
  get text(): string {
    if (this.textCache === undefined) { this.textCache = this.textLoader!(); this.textLoader = undefined; }
    return this.textCache;
  }

  /** The YAML document with source positions; parsed on first use (only files with something to report need it). */
  get doc(): Document.Parsed {
    this.docCache ??= yamlLib().parseDocument(this.text.slice(this.yamlOffset, this.yamlEnd), YAML_OPTIONS);
    return this.docCache;
  }
  set doc(d: Document.Parsed) { this.docCache = d; }

  /**
   * Positions from js-yaml's parse of the file (load/positions.ts), when it has the shapes they cover: then nodeAt and
   * rangeAt answer from them, and the file is not parsed with `yaml`. Computed on first use (only files with something
   * to report need them), by js-yaml again: a fifth of a `yaml` parse, and a clean file costs nothing. (Recording the
   * events during the load's own parse instead cost a clean repository of 10,000 powers 14 % more CPU and 80 MB more
   * memory, for 0.1 s saved on 1,000 files with findings.)
   */
  get positions(): PosNode | undefined {
    if (this.positionsCache === undefined) this.positionsCache = this.docCache ? null : indexYaml(this.text.slice(this.yamlOffset, this.yamlEnd)) ?? null;
    return this.positionsCache ?? undefined;
  }

  private get lineStarts(): number[] {
    if (!this.lineStartsCache) {
      const text = this.text;
      const starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStartsCache = starts;
    }
    return this.lineStartsCache;
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

  /** A 1-based line and column back to an offset in `text` (the inverse of `position`). */
  offset(p: Position): number {
    const s = this.lineStarts[p.line - 1];
    return s === undefined ? this.text.length : Math.min(s + p.column - 1, this.text.length);
  }

  lineText(line: number): string {
    const s = this.lineStarts[line - 1] ?? this.text.length;
    const e = this.lineStarts[line] ?? this.text.length;
    return this.text.slice(s, e).replace(/\r?\n$/, '');
  }

  /** The YAML node at `path`, or the nearest existing ancestor (its range as `yaml`'s node.range). */
  nodeAt(path: readonly PathKey[]): { node: { range?: readonly number[] | null } | null; pair: unknown; depth: number } {
    return this.positions ? this.posAt(this.positions, path) : this.yamlNodeAt(path);
  }

  private posAt(root: PosNode, path: readonly PathKey[]): { node: PosNode; pair: PosPair | null; depth: number } {
    let node = root;
    let pair: PosPair | null = null;
    let depth = 0;
    for (const key of path) {
      if (node.kind === 'map') {
        const p = node.pairs!.find((it) => it.key === String(key));
        if (!p) break;
        pair = p;
        node = p.value;
      } else if (node.kind === 'seq' && (typeof key === 'number' || /^\d+$/.test(String(key)))) {
        const item = node.items![Number(key)];
        if (item === undefined) break;
        pair = null;
        node = item;
      } else break;
      depth++;
    }
    return { node, pair, depth };
  }

  private yamlNodeAt(path: readonly PathKey[]): { node: YamlNode | null; pair: Pair | null; depth: number } {
    let node: unknown = this.doc.contents ?? null;
    let pair: Pair | null = null;
    let depth = 0;
    const { isMap, isPair, isSeq } = yamlLib();
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
    if (this.positions) {
      // As below, from js-yaml's positions: every key there is a scalar.
      const { node, pair, depth } = this.posAt(this.positions, path);
      const exact = depth === path.length;
      const target = pair && (opts.key || !exact || node.kind !== 'scalar') ? pair.keyNode : node;
      return { start: this.position(this.yamlOffset + target.range[0]), end: this.position(this.yamlOffset + target.range[1]) };
    }
    const { node, pair, depth } = this.yamlNodeAt(path);
    const exact = depth === path.length;
    let target: YamlNode | null = node;
    const { isMap, isScalar, isSeq } = yamlLib();
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
  if (yamlLib().isScalar(k)) return String(k.value);
  return typeof k === 'string' ? k : undefined;
}
