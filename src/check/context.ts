/** What a semantic rule sees: the loaded repository, indexes, the stage, and a way to report. */
import type { RuleId } from '../diagnostics/rules.js';
import type { Diagnostic, MessagePair, Range, Severity } from '../diagnostics/diagnostic.js';
import { diagnostic, type MessageArgs, type MessageKey, type ParamValue } from '../diagnostics/message.js';
import type { Config, Law, Power, Stage } from '../domain/types.js';
import type { Loaded, Repository, RuleDoc } from '../load/repository.js';
import type { SourceFile } from '../load/source.js';
import type { LawLibrary } from '../library/types.js';
import type { Citations } from './rules/citations-resolve.js';

export interface CheckContext<Id extends RuleId = RuleId> {
  repo: Repository;
  config?: Config;
  stage: Stage;
  /** The compendium's date (YYYY-MM-DD), the day on which laws must be in force. */
  date?: string;
  /** Valid (schema-checked) items only. */
  laws: Loaded<Law>[];
  powers: Loaded<Power>[];
  rules: RuleDoc[];
  lawsById: Map<string, Loaded<Law>>;
  powersById: Map<string, Loaded<Power>>;
  rulesById: Map<string, RuleDoc>;
  /**
   * Ids of files that exist but failed to parse or to match the schema (by their id, else their file name). References to
   * them are not reported as unresolved: the file's own errors say what is wrong, and one mistake gives one message.
   */
  broken: { power: Set<string>; law: Set<string> };
  /** The law library, when one is set (powerbook.yaml law_library, POWERBOOK_LAW_LIBRARY, --law-library). */
  library?: LawLibrary;
  /** A library is set but none of its paths exists: that is reported once, at the setting, and not at each citation. */
  libraryUnavailable?: boolean;
  /** What each legal basis's `law:` names (a laws/ file or a library text), looked up once. */
  citations: Citations;
  /**
   * Reports the message `key` of the rule's catalogue (diagnostics/messages.ts) with its placeholders' values; a
   * severity after them overrides the rule's default for this one report (stage-dependent rules). Returns the
   * diagnostic, to which a rule may add the fixes its hint suggests.
   */
  report<K extends MessageKey<Id>>(source: SourceFile | string, range: Range | (() => Range), key: K, ...args: MessageArgs<Id, K>): Diagnostic;
  /** Reports a message already rendered from the catalogue (the citation rules: diagnostics/citation-messages.ts). */
  reportPair(source: SourceFile | string, range: Range | (() => Range), m: MessagePair, severity?: Severity): void;
}

/** A rule's id, default severity and documentation are in diagnostics/rules.ts, its messages in messages.ts; this is its code. */
export interface Rule<Id extends RuleId = RuleId> {
  id: Id;
  /**
   * The rule looks at one power at a time (ctx.powers, nothing else of the context): it then runs where each power
   * is loaded (check/power.ts), in the worker threads of a large repository, and not again over the repository.
   */
  perPower?: boolean;
  check(ctx: CheckContext<Id>): void;
}

/** A rule, its context typed by its id (so that `ctx.report` takes the keys and placeholders of that id's messages). */
export function defineRule<Id extends RuleId>(rule: Rule<Id>): Rule<Id> {
  return rule;
}

/** The `report` of a rule's context: each report becomes a diagnostic of the rule's id, pushed to `out`. */
export function reporter<Id extends RuleId>(id: Id, out: Diagnostic[]): CheckContext<Id>['report'] {
  return ((source: SourceFile | string, range: Range | (() => Range), key: string, params?: Record<string, ParamValue>, severity?: Severity) => {
    const d = diagnostic(typeof source === 'string' ? source : source.path, typeof range === 'function' ? range() : range, id, key, params, severity);
    out.push(d);
    return d;
  }) as CheckContext<Id>['report'];
}

export type { Diagnostic };
