/**
 * What a clerk typing YAML in Word, WPS or Notepad gets wrong, recognised in the source text, so that the message names
 * the mistake and its fix instead of the parser's English ("Implicit keys need to be on a single line"): a full-width
 * colon after a field name, U+3000 ideographic spaces as indentation or after a colon, ": " inside an unquoted value,
 * a quote that is not closed or is followed by more text, a full-width dash as a list marker, tabs.
 *
 * Used where the parser failed (load/yaml.ts: around each error's position, and over the whole file for the mistakes
 * that cannot be anything else), and where a file parsed but its schema failed in a way such a mistake explains
 * (check/schema.ts: a text where a mapping or a list was expected, a mapping where a text was, an unknown key holding
 * U+3000 or "："). Every diagnostic carries its fix (Diagnostic.fixes): the line as it should be.
 */
import type { Diagnostic, Fix } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/message.js';
import type { SourceFile } from './source.js';

/** The ids these recognisers report: a file with one of them gets no other YAML or schema message after it. */
export const TYPIST_RULES: ReadonlySet<string> = new Set([
  'yaml-fullwidth-colon', 'yaml-ideographic-space', 'yaml-colon-in-value', 'yaml-unbalanced-quote', 'yaml-fullwidth-dash', 'tab-indent',
]);

/** One line of the YAML part of a file. */
export interface Line {
  /** Offsets in the file's text: the line's first character, and the end of its text (before "\r\n" or "\n"). */
  start: number;
  end: number;
  text: string;
  /** Inside a block scalar (| or >) or a quoted scalar that began on an earlier line: text, not structure. */
  content: boolean;
}

export interface Scanned {
  lines: Line[];
  /** Quoted scalars running over several lines (unusual in this format): where each opens and on which lines. */
  longQuotes: { at: number; quote: string; first: number; last: number }[];
}

const FULLWIDTH_DASHES = '－—–﹣‐―';
/** Whitespace a clerk's editor may put where YAML wants spaces: ideographic space, no-break space. */
const ODD_SPACE = /[\u3000\u00a0]/;
const BLANK = /^[ \t\u3000\u00a0]*(#.*)?$/;

/** Typing mistakes said for one file at most: a file typed wrong throughout needs its first ones, not a thousand. */
export const MAX_MISTAKES = 50;

/** How far back the indentation a line should have is looked for (a file indented wrong throughout stays linear). */
const LOOK_BACK = 200;

const scans = new WeakMap<SourceFile, Scanned>();

/** Lines of the YAML part of `file`, each marked as structure or content (block scalars, multi-line quotes); once a file. */
export function scanLines(file: SourceFile): Scanned {
  let s = scans.get(file);
  if (!s) { s = scan(file); scans.set(file, s); }
  return s;
}

function scan(file: SourceFile): Scanned {
  const text = file.text;
  const end = file.yamlEnd ?? text.length;
  const lines: Line[] = [];
  const longQuotes: Scanned['longQuotes'] = [];
  let quote: { ch: string; at: number; first: number } | null = null;
  let scalarIndent = -1;
  for (let s = file.yamlOffset; s < end;) {
    const nl = text.indexOf('\n', s);
    const stop = nl < 0 || nl >= end ? end : nl;
    const e = stop > s && text[stop - 1] === '\r' ? stop - 1 : stop;
    const t = text.slice(s, e);
    const indent = /^ */.exec(t)![0].length;
    const blank = BLANK.test(t);
    let content = false;
    if (quote) content = true;
    else if (scalarIndent >= 0 && (blank || indent > scalarIndent)) content = true;
    else scalarIndent = -1;
    if (!content || quote) {
      // Find quotes that open a scalar, the end of a quote, a comment, a block scalar indicator.
      let expectValue = !quote;
      for (let j: number = quote ? 0 : indent; j < t.length; j++) {
        const ch: string = t[j]!;
        if (quote) {
          if (ch === '\\' && quote.ch === '"') { j++; continue; }
          if (ch === quote.ch) {
            if (quote.ch === "'" && t[j + 1] === "'") { j++; continue; }
            if (quote.first !== lines.length) longQuotes.push({ at: quote.at, quote: quote.ch, first: quote.first, last: lines.length });
            quote = null;
            expectValue = false;
          }
          continue;
        }
        if (ch === ' ' || ch === '\t') continue;
        if (ch === '#' && (j === 0 || /[ \t]/.test(t[j - 1]!))) break;
        if (expectValue && (ch === '-' || ch === '?') && /^[ \t]?$/.test(t[j + 1] ?? '')) continue;
        if (ch === ':' && /^[ \t]?$/.test(t[j + 1] ?? '')) { expectValue = true; continue; }
        if (ch === '[' || ch === '{' || ch === ',') { expectValue = true; continue; }
        if (expectValue && (ch === '"' || ch === "'")) { quote = { ch, at: s + j, first: lines.length }; continue; }
        if (expectValue && (ch === '|' || ch === '>') && /^[-+0-9]*[ \t]*(#.*)?$/.test(t.slice(j + 1))) { scalarIndent = indent; break; }
        expectValue = false;
      }
    }
    lines.push({ start: s, end: e, text: t, content });
    s = stop + 1;
  }
  if (quote) longQuotes.push({ at: quote.at, quote: quote.ch, first: quote.first, last: lines.length - 1 });
  return { lines, longQuotes };
}

/** The line of `lines` holding offset `at`. */
function lineIndex(lines: readonly Line[], at: number): number {
  let lo = 0, hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]!.start <= at) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/** How wide leading whitespace looks in an editor: an ideographic space is two columns, a tab one level (two). */
function visualWidth(ws: string): number {
  let w = 0;
  for (const ch of ws) w += ch === '\u3000' || ch === '\t' ? 2 : 1;
  return w;
}

const leadingWs = (t: string) => /^[ \t\u3000\u00a0]*/.exec(t)![0];

/** A line ending in ":" (or "- key:") opens a block: its children are indented further. */
function opensBlock(t: string): boolean {
  return /:[ \t]*(#.*)?$/.test(t) && !/^[ \t]*#/.test(t);
}

/**
 * The indentation line `i` should have: of the levels open there (the previous lines' and their ancestors', the
 * previous line's child level when it opens a block), the one nearest to how wide its whitespace looks.
 */
function intendedIndent(lines: readonly Line[], i: number): number {
  const visual = visualWidth(leadingWs(lines[i]!.text));
  const levels = new Set<number>([0]);
  let min = Infinity;
  let first = true;
  for (let j = i - 1; j >= 0 && j >= i - LOOK_BACK && min > 0; j--) {
    const l = lines[j]!;
    if (l.content || BLANK.test(l.text)) continue;
    const ind = visualWidth(leadingWs(l.text));
    const dash = /^[ \t\u3000]*-[ \t]/.test(l.text) ? 2 : 0;
    if (first) {
      levels.add(ind).add(ind + dash);
      if (opensBlock(l.text)) levels.add(ind + dash + 2);
      first = false;
      min = ind;
    } else if (ind < min) {
      levels.add(ind).add(ind + dash);
      min = ind;
    }
  }
  let best = 0;
  for (const lv of levels) if (Math.abs(lv - visual) < Math.abs(best - visual) || (Math.abs(lv - visual) === Math.abs(best - visual) && lv > best)) best = lv;
  return best;
}

/** How much of a long line a hint shows on each side of the change. */
const CONTEXT = 40;

/**
 * A replacement of `from`..`to` (offsets in the file) by `text`, as a Fix, and the line as it reads after it (for the
 * hint: cut to CONTEXT characters on each side of the change, "…" where cut, so that a line of megabytes stays short).
 */
function edit(file: SourceFile, line: Line, from: number, to: number, text: string): { fix: Fix; fixed: string } {
  const before = line.text.slice(0, from - line.start).trimStart(), after = line.text.slice(to - line.start).trimEnd();
  const head = before.length > CONTEXT ? `…${before.slice(-CONTEXT)}` : before;
  const tail = after.length > CONTEXT ? `${after.slice(0, CONTEXT)}…` : after;
  const shown = text.length > 2 * CONTEXT ? `${text.slice(0, CONTEXT)}…${text.slice(-CONTEXT)}` : text;
  return { fix: { start: file.position(from), end: file.position(to), text }, fixed: (head + shown + tail).trim() };
}

function withFix(d: Diagnostic, fix: Fix): Diagnostic {
  d.fixes = [fix];
  return d;
}

function at(file: SourceFile, from: number, to: number) {
  return { start: file.position(from), end: file.position(to) };
}

/** A field name as a clerk types it before a colon: no spaces, quotes or colons, not too long. */
const KEY = /^[^\s:：#'"“”\-－—–,，[\]{}][^\s:：#'"“”,，[\]{}]{0,29}$/;
/** A field name of this format (always Latin): a full-width colon after one cannot be meant as text. */
const LATIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `key：value` at the start of a line (after indentation and a list dash): the full-width colon. */
function fullwidthColon(file: SourceFile, line: Line, strict: boolean): Diagnostic | null {
  const m = /^([ \t\u3000\u00a0]*(?:-[ \t]+)?)([^:：]*?)[ \t\u3000]*：([ \t\u3000]*)/.exec(line.text);
  if (!m || !(strict ? LATIN_KEY : KEY).test(m[2]!)) return null;
  const colon = line.start + m[0].length - m[3]!.length - 1;
  const rest = line.text.slice(m[0].length);
  const { fix, fixed } = edit(file, line, colon, line.start + m[0].length, rest === '' || rest.startsWith('#') ? ':' : ': ');
  return withFix(diag(file.path, at(file, colon, colon + 1), 'yaml-fullwidth-colon', 'colon', { key: m[2]!, fixed }), fix);
}

/** Leading whitespace holding U+3000 (or a no-break space) before structure: a key or a list item. */
function oddIndent(file: SourceFile, lines: readonly Line[], i: number, strict: boolean): Diagnostic | null {
  const line = lines[i]!;
  const ws = leadingWs(line.text);
  if (!ODD_SPACE.test(ws)) return null;
  const rest = line.text.slice(ws.length);
  if (rest === '' || rest.startsWith('#')) return null;
  if (strict && !/^(-[ \t]|[^\s:：#]{1,30}[:：]([ \t\u3000]|$))/.test(rest)) return null;
  const spaces = intendedIndent(lines, i);
  const { fix, fixed } = edit(file, line, line.start, line.start + ws.length, ' '.repeat(spaces));
  const n = [...ws].filter((c) => ODD_SPACE.test(c)).length;
  const range = at(file, line.start, line.start + ws.length);
  const d = spaces
    ? diag(file.path, range, 'yaml-ideographic-space', 'indent', { n, spaces, fixed })
    : diag(file.path, range, 'yaml-ideographic-space', 'indentDelete', { n, fixed });
  return withFix(d, fix);
}

/** `key:` followed by U+3000 instead of a space. */
function oddSpaceAfterColon(file: SourceFile, line: Line): Diagnostic | null {
  const m = /^([ \t]*(?:-[ \t]+)?[^\s:：#'"]{1,30}:)([\u3000\u00a0]+)/.exec(line.text);
  if (!m) return null;
  const from = line.start + m[1]!.length, to = from + m[2]!.length;
  const { fix, fixed } = edit(file, line, from, to, ' ');
  return withFix(diag(file.path, at(file, from, to), 'yaml-ideographic-space', 'afterColon', { fixed }), fix);
}

/** `key:value` without the space YAML needs after the colon (parsed as one word). */
function noSpaceAfterColon(file: SourceFile, line: Line): Diagnostic | null {
  const m = /^([ \t]*(?:-[ \t]+)?[A-Za-z_][A-Za-z0-9_-]*:)(?=[^\s:/])/.exec(line.text);
  if (!m) return null;
  const from = line.start + m[1]!.length;
  const { fix, fixed } = edit(file, line, from, from, ' ');
  return withFix(diag(file.path, at(file, from - 1, from), 'yaml-syntax', 'noSpaceAfterColon', { fixed }), fix);
}

/** A full-width dash where a list item's "- " belongs. */
function fullwidthDash(file: SourceFile, line: Line): Diagnostic | null {
  const m = new RegExp(`^([ \\t]*)([${FULLWIDTH_DASHES}]{1,2})[ \\t\\u3000]?(?=\\S)`).exec(line.text);
  if (!m) return null;
  const from = line.start + m[1]!.length, to = line.start + m[0].length;
  const { fix, fixed } = edit(file, line, from, to, '- ');
  return withFix(diag(file.path, at(file, from, from + m[2]!.length), 'yaml-fullwidth-dash', 'dash', { dash: m[2]!, fixed }), fix);
}

/** `key: a: b`: the value's own ": " read as another mapping. In Chinese text the colon becomes "："; else the value is quoted. */
function colonInValue(file: SourceFile, line: Line, key: 'colon' | 'item'): Diagnostic | null {
  // A field's value follows its key; an item's text (read as a mapping) follows the dash.
  if (ODD_SPACE.test(leadingWs(line.text))) return null;
  const m = (key === 'colon' ? /^([ \t]*(?:-[ \t]+)?)(?:([^\s:#'"][^:#]*?):[ \t]+)?/ : /^([ \t]*(?:-[ \t]+)?)/).exec(line.text)!;
  const valueStart = m[0].length;
  const value = line.text.slice(valueStart).replace(/[ \t]+#.*$/, '').trimEnd();
  const colon = /:(?=[ \t]|$)/.exec(value);
  if (!colon || /^["'[{|>]/.test(value)) return null;
  const c = line.start + valueStart + colon.index;
  const before = value[colon.index - 1] ?? '';
  let fix: Fix, fixed: string;
  let howZh: string, howEn: string;
  if (/[\u3000-\u9fff\uff00-\uffef]/.test(before)) {
    const after = /^:[ \t]*/.exec(value.slice(colon.index))![0].length;
    ({ fix, fixed } = edit(file, line, c, c + after, '：'));
    howZh = '把值中的半角冒号改成全角冒号“：”'; howEn = 'Write the colon in the text as a full-width one (U+FF1A)';
  } else {
    const from = line.start + valueStart;
    ({ fix, fixed } = edit(file, line, from, from + value.length, JSON.stringify(value)));
    howZh = '给整个值加上双引号'; howEn = 'Put the whole value in double quotes';
  }
  return withFix(diag(file.path, at(file, c, c + 1), 'yaml-colon-in-value', key, { howZh, howEn, fixed }), fix);
}

/** `key: "text"more`: a value opening with a quote that closes before its end. Quotes in Chinese text are “”. */
function textAfterQuote(file: SourceFile, line: Line): Diagnostic | null {
  const m = /^([ \t]*(?:-[ \t]+)?(?:[^\s:#'"][^:#]*?:[ \t]+)?)(["'])/.exec(line.text);
  if (!m) return null;
  const q = m[2]!;
  const open = line.start + m[1]!.length;
  const close = line.text.indexOf(q, m[0].length);
  if (close < 0 || line.text.slice(close + 1).trim() === '' || line.text.slice(close + 1).trimStart().startsWith('#')) return null;
  const [l, r] = q === '"' ? ['“', '”'] : ['‘', '’'];
  const inner = line.text.slice(m[0].length, close);
  const { fix, fixed } = edit(file, line, open, line.start + close + 1, `${l}${inner}${r}`);
  return withFix(diag(file.path, at(file, open, open + 1), 'yaml-unbalanced-quote', 'textAfter', { quote: q, fixed }), fix);
}

/** A quote that opens a value and is not closed on its line: closed at the end of the line. */
function unclosedQuote(file: SourceFile, lines: readonly Line[], q: { at: number; quote: string }): Diagnostic {
  const line = lines[lineIndex(lines, q.at)]!;
  const end = line.start + line.text.trimEnd().length;
  const { fix, fixed } = edit(file, line, end, end, q.quote);
  return withFix(diag(file.path, at(file, q.at, q.at + 1), 'yaml-unbalanced-quote', 'unclosed', { quote: q.quote, fixed }), fix);
}

/**
 * A line indented further than the line before it, which holds a plain value: YAML reads it as that value's
 * continuation (`unit: 办公室` then `  post: 科长` makes the key "办公室 post"). Aligned with the line before.
 */
function overIndented(file: SourceFile, lines: readonly Line[], first: number, last: number): Diagnostic | null {
  const ind = (l: Line) => leadingWs(l.text).length;
  for (let j = first + 1; j <= last && j < lines.length; j++) {
    const l = lines[j]!;
    if (l.content || BLANK.test(l.text)) continue;
    if (ind(l) <= ind(lines[first]!)) return null;
    const { fix } = edit(file, l, l.start, l.start + ind(l), ' '.repeat(ind(lines[first]!)));
    return withFix(diag(file.path, at(file, l.start, l.start + ind(l)), 'yaml-syntax', 'overIndented', { previous: file.position(lines[first]!.start).line }), fix);
  }
  return null;
}

/** A "[" or "{" never closed: on the nearest line at or before `i` that opens more than it closes; closed at its end. */
function unclosedBracket(file: SourceFile, lines: readonly Line[], i: number): Diagnostic | null {
  for (let j = i; j >= 0 && j >= i - 20; j--) {
    const l = lines[j]!;
    if (l.content) continue;
    const t = l.text.replace(/"[^"]*"|'[^']*'/g, (m) => ' '.repeat(m.length)).replace(/[ \t]#.*$/, '');
    const stack: number[] = [];
    for (let k = 0; k < t.length; k++) {
      if (t[k] === '[' || t[k] === '{') stack.push(k);
      else if ((t[k] === ']' || t[k] === '}') && stack.length) stack.pop();
    }
    if (!stack.length) continue;
    const open = stack[stack.length - 1]!;
    const close = t[open] === '[' ? ']' : '}';
    const end = l.start + l.text.trimEnd().length;
    const { fix, fixed } = edit(file, l, end, end, stack.map((k) => (t[k] === '[' ? ']' : '}')).reverse().join(''));
    return withFix(diag(file.path, at(file, l.start + open, l.start + open + 1), 'yaml-syntax', 'unclosedFlow', { bracket: t[open]!, close, fixed }), fix);
  }
  return null;
}

/**
 * The mistakes that are unmistakable wherever they stand in the structure of a file that failed to parse: a Latin field
 * name with a full-width colon, U+3000 in the indentation of a key or list item, U+3000 after a key's colon, a
 * full-width dash opening an item where a list may start.
 */
export function scanFile(file: SourceFile, scanned: Scanned): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { lines } = scanned;
  let prev: Line | undefined;
  for (let i = 0; i < lines.length && out.length < MAX_MISTAKES; i++) {
    const line = lines[i]!;
    if (line.content || BLANK.test(line.text)) continue;
    const d = oddIndent(file, lines, i, true) ?? fullwidthColon(file, line, true) ?? oddSpaceAfterColon(file, line)
      ?? (prev && (opensBlock(prev.text) || /^[ \t]*[-－—–﹣‐―]/.test(prev.text)) ? fullwidthDash(file, line) : null);
    if (d) out.push(d);
    prev = line;
  }
  return out;
}

/** A problem the `yaml` parser reported, as `yaml` gives it (offsets relative to the YAML part). */
export interface ParserError { code: string; pos: [number, number]; message: string }

/**
 * The clerk's mistake behind one parser error, from the text around its position (the error's line; for a quote, the
 * quote that runs over lines); null when none is recognised.
 */
export function explainParserError(file: SourceFile, scanned: Scanned, err: ParserError): Diagnostic | null {
  const { lines } = scanned;
  const pos = file.yamlOffset + err.pos[0];
  const i = lineIndex(lines, pos);
  const line = lines[i]!;
  if (/quote/i.test(err.message) || err.code === 'UNEXPECTED_TOKEN' || err.code === 'MISSING_CHAR') {
    const q = scanned.longQuotes.find((x) => x.first <= i && i <= x.last + 1);
    if (q) return unclosedQuote(file, lines, q);
  }
  if (/flow|end with a [\]}]/i.test(err.message) && (err.code === 'BAD_INDENT' || err.code === 'MISSING_CHAR')) {
    const d = unclosedBracket(file, lines, i);
    if (d) return d;
  }
  switch (err.code) {
    case 'MULTILINE_IMPLICIT_KEY': {
      const own = oddIndent(file, lines, i, false) ?? fullwidthColon(file, line, false) ?? oddSpaceAfterColon(file, line)
        ?? fullwidthDash(file, line) ?? noSpaceAfterColon(file, line);
      return own ?? overIndented(file, lines, i, lineIndex(lines, file.yamlOffset + err.pos[1]));
    }
    case 'TAB_AS_INDENT': {
      const ws = leadingWs(line.text);
      const spaces = intendedIndent(lines, i);
      const { fix, fixed } = edit(file, line, line.start, line.start + ws.length, ' '.repeat(spaces));
      return withFix(diag(file.path, at(file, pos, pos + 1), 'tab-indent', 'tab', { spaces, fixed }), fix);
    }
    case 'BLOCK_AS_IMPLICIT_KEY':
      return colonInValue(file, line, 'colon') ?? overIndented(file, lines, i, i + 1);
    case 'UNEXPECTED_TOKEN':
      return textAfterQuote(file, line);
    default:
      return oddIndent(file, lines, i, false) ?? fullwidthColon(file, line, false) ?? oddSpaceAfterColon(file, line)
        ?? fullwidthDash(file, line) ?? noSpaceAfterColon(file, line);
  }
}

/**
 * A value of the wrong type that a typing mistake explains, the file having parsed: a text where a mapping or list
 * was expected (`statutory：20`, `－ 申请书`, lines of `名称：值`), or a mapping where a text was (`- 申请书: 原件`).
 * `from`..`to` is the value's range in the file.
 */
export function explainValue(file: SourceFile, from: number, to: number, expected: readonly string[], value: unknown): Diagnostic[] {
  const scanned = scanLines(file);
  const { lines } = scanned;
  const out: Diagnostic[] = [];
  const first = lineIndex(lines, from), last = lineIndex(lines, Math.max(from, to - 1));
  if (value && typeof value === 'object' && !Array.isArray(value) && expected.includes('array')) {
    // `－ key: value` items: a mapping whose keys begin with the dash, where a list was expected.
    for (let i = first; i <= last && out.length < MAX_MISTAKES; i++) {
      const d = lines[i]!.content ? null : fullwidthDash(file, lines[i]!);
      if (d) out.push(d);
    }
  } else if (typeof value === 'string' && (expected.includes('object') || expected.includes('array'))) {
    for (let i = first; i <= last && out.length < MAX_MISTAKES; i++) {
      const line = lines[i]!;
      if (line.content && i !== first) continue;
      const d = (expected.includes('object') ? fullwidthColon(file, line, false) ?? oddSpaceAfterColon(file, line) : null)
        ?? (expected.includes('array') ? fullwidthDash(file, line) : null)
        ?? (i === first ? null : oddIndent(file, lines, i, true));
      if (d) out.push(d);
    }
  } else if (value && typeof value === 'object' && !Array.isArray(value) && expected.includes('string') && Object.keys(value).length === 1) {
    const d = colonInValue(file, lines[first]!, 'item');
    if (d) out.push(d);
  }
  return out;
}

/** An unknown key that holds U+3000 (indentation typed into it) or a full-width colon (`unit： 工作日` in braces). */
export function explainKey(file: SourceFile, from: number, to: number, key: string): Diagnostic | null {
  const scanned = scanLines(file);
  const i = lineIndex(scanned.lines, from);
  const line = scanned.lines[i]!;
  if (ODD_SPACE.test(key)) {
    const lead = leadingWs(line.text);
    if (from - line.start <= lead.length) return oddIndent(file, scanned.lines, i, false);
  }
  const c = key.indexOf('：');
  if (c > 0 && KEY.test(key.slice(0, c).trim())) {
    const colon = from + file.text.slice(from, to).indexOf('：');
    const after = /^[ \t\u3000]*/.exec(file.text.slice(colon + 1))![0].length;
    const { fix, fixed } = edit(file, line, colon, colon + 1 + after, ': ');
    return withFix(diag(file.path, at(file, colon, colon + 1), 'yaml-fullwidth-colon', 'colon', { key: key.slice(0, c).trim(), fixed }), fix);
  }
  return null;
}
