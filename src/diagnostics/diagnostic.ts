/** One thing that is wrong (or worth saying) about a rule repository. Like vfile-message. */
import type { RuleId, Severity } from './rules.js';

export type { RuleId, Severity, SeveritySetting } from './rules.js';

export interface Position {
  line: number; // 1-based
  column: number; // 1-based
}

export interface Diagnostic {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  start: Position;
  end?: Position;
  /** Stable rule id, e.g. `power-legal-basis-required` (diagnostics/rules.ts). */
  rule: RuleId;
  /** The key of the message in the rule's catalogue (diagnostics/messages.ts), e.g. `missing`. */
  messageId?: string;
  severity: Severity;
  /** Message in Simplified Chinese. */
  message: string;
  /** Message in English. */
  messageEn: string;
  /** What to do about it (Chinese / English). */
  hint?: string;
  hintEn?: string;
  /**
   * What the hint suggests, as changes an editor (or a test) can apply: each one alone is a way to fix it. Every fix
   * offered is valid under the schema it is for (test/validate/hints.test.ts applies each and validates again).
   */
  fixes?: Fix[];
}

/**
 * One way to fix a diagnostic: replace the text of the file from `start` to `end` (end excluded; columns as in
 * Position, in the decoded text) by `text`, or rename the file to `rename` (relative to the repository root).
 */
export type Fix = { start: Position; end: Position; text: string } | { rename: string };

export type Lang = 'zh' | 'en';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Deterministic order: by file, then line, column, rule id, message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.start.line !== b.start.line) return a.start.line - b.start.line;
  if (a.start.column !== b.start.column) return a.start.column - b.start.column;
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  if (a.severity !== b.severity) return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

export function countBySeverity(diags: readonly Diagnostic[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diags) out[d.severity]++;
  return out;
}

export interface Range { start: Position; end?: Position }

/** A message already rendered in both languages from the catalogue (diagnostics/citation-messages.ts renders them so). */
export interface MessagePair { zh: string; en: string; hintZh?: string; hintEn?: string }

export function diagnosticFromPair(file: string, range: Range, rule: RuleId, severity: Severity, m: MessagePair): Diagnostic {
  const d: Diagnostic = { file, start: range.start, rule, severity, message: m.zh, messageEn: m.en };
  if (range.end) d.end = range.end;
  if (m.hintZh) d.hint = m.hintZh;
  if (m.hintEn) d.hintEn = m.hintEn;
  return d;
}
