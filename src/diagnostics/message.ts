/**
 * Messages by key, as ESLint's `meta.messages`: every diagnostic names its rule id and one message key of that rule's
 * catalogue (diagnostics/messages.ts), with the values of the template's `{placeholders}`. TypeScript checks that the
 * key exists for the rule and that exactly the template's placeholders are given. Both languages are rendered when the
 * diagnostic is made (it may be made in a worker thread and is printed in either language).
 */
import type { Diagnostic, Range, Severity } from './diagnostic.js';
import { MESSAGES, PHRASES, type Localised, type MessageTemplate } from './messages.js';
import { RULE_META, type RuleId } from './rules.js';

type Catalogue = typeof MESSAGES;

/** The message keys of a rule (of several rules: the keys they all have). */
export type MessageKey<Id extends RuleId> = keyof Catalogue[Id] & string;

/** Names of the `{placeholders}` in a template string. */
type Names<S> = S extends `${string}{${infer P}}${infer R}` ? P | Names<R> : never;
type EntryNames<E> = E extends unknown ? { [F in keyof E]-?: Names<E[F]> }[keyof E] : never;
type Entry<Id extends RuleId, K extends string> = Catalogue[Id] extends infer C ? (C extends Record<K, infer E> ? E : never) : never;

/**
 * A placeholder's value: text or a number (the same in both languages), a pair by language (Localised, e.g. a phrase
 * of messages.ts PHRASES), or a list (joined with 、 in Chinese, ", " in English). undefined renders as nothing; a hint
 * that renders empty is left out.
 */
export type ParamValue = string | number | Localised | readonly string[] | undefined;

export type MessageParams<Id extends RuleId, K extends string> = { [P in EntryNames<Entry<Id, K>>]: ParamValue };

/** The arguments after the key: the params (optional when the template has none), then a severity overriding the default. */
export type MessageArgs<Id extends RuleId, K extends string> = [EntryNames<Entry<Id, K>>] extends [never]
  ? [params?: Record<string, never>, severity?: Severity]
  : [params: MessageParams<Id, K>, severity?: Severity];

/**
 * Longest value put into a message: a value quoted from a hostile file (a key of a million characters) is cut with
 * "…", so that no message is longer than a few hundred characters.
 */
export const MAX_PARAM = 300;

/** Control and bidirectional-override characters as U+FFFD (one for one), for text from a file printed to a terminal. */
export function terminalSafe(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
}

function value(v: ParamValue, lang: 'zh' | 'en'): string {
  if (v === undefined) return '';
  const s = Array.isArray(v) ? v.join(PHRASES.listSeparator[lang]) : typeof v === 'object' && v !== null ? (v as Localised)[lang] : String(v);
  // Control and bidirectional-override characters quoted from a file would act on the terminal: shown as U+FFFD.
  const safe = terminalSafe(s);
  return safe.length > MAX_PARAM ? `${safe.slice(0, MAX_PARAM - 1)}…` : safe;
}

/** Fills a template's `{name}` placeholders (one pass: a value's own braces are left alone). */
export function fill(template: string, params: Record<string, ParamValue> | undefined, lang: 'zh' | 'en'): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => value(params?.[name], lang));
}

/**
 * The diagnostic `key` of rule `rule` at `range` of `file`, with the rule's default severity (diagnostics/rules.ts)
 * unless `severity` is given. powerbook.yaml's `lint:` is applied later, to every diagnostic (severity.ts).
 * TypeScript checks the key and the params: `diag(file, at, 'file-missing', 'missing', { ref })`.
 */
export const diag: <Id extends RuleId, K extends MessageKey<Id>>(file: string, range: Range, rule: Id, key: K, ...args: MessageArgs<Id, K>) => Diagnostic =
  (file, range, rule, key, ...args) => diagnostic(file, range, rule, key, ...(args as [Record<string, ParamValue> | undefined, Severity | undefined]));

/** `diag` unchecked, for code that passes a report on (check/index.ts, the rules' context). Throws on an unknown key. */
export function diagnostic(file: string, range: Range, rule: RuleId, key: string, params?: Record<string, ParamValue>, severity?: Severity): Diagnostic {
  const all = MESSAGES[rule] as Record<string, MessageTemplate>;
  const m = Object.prototype.hasOwnProperty.call(all, key) ? all[key] : undefined;
  if (!m) throw new Error(`no message "${key}" for rule ${rule}`);
  const d: Diagnostic = {
    file, start: range.start, rule, severity: severity ?? RULE_META[rule].severity,
    message: fill(m.zh, params, 'zh'), messageEn: fill(m.en, params, 'en'), messageId: key,
  };
  if (range.end) d.end = range.end;
  const hint = m.hintZh === undefined ? '' : fill(m.hintZh, params, 'zh');
  const hintEn = m.hintEn === undefined ? '' : fill(m.hintEn, params, 'en');
  if (hint) d.hint = hint;
  if (hintEn) d.hintEn = hintEn;
  return d;
}
