/** What a semantic rule sees: the loaded repository, indexes, the stage, and a way to report. */
import type { RuleId } from '../diagnostics/rules.js';
import type { Diagnostic, MessagePair, Range, Severity } from '../diagnostics/diagnostic.js';
import type { Config, Law, Power, Stage } from '../domain/types.js';
import type { Loaded, Repository, RuleDoc } from '../load/repository.js';
import type { SourceFile } from '../load/source.js';
import type { LawLibrary } from '../library/types.js';
import type { Citations } from './rules/citations-resolve.js';

export interface CheckContext {
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
  /** Report a problem; `severity` overrides the rule's default for this one report (stage-dependent rules). */
  report(source: SourceFile | string, range: Range | (() => Range), m: MessagePair, severity?: Severity): void;
}

/** A rule's id, default severity and documentation are in diagnostics/rules.ts; this is its code. */
export interface Rule {
  id: RuleId;
  /**
   * The rule looks at one power at a time (ctx.powers, nothing else of the context): it then runs where each power
   * is loaded (check/power.ts), in the worker threads of a large repository, and not again over the repository.
   */
  perPower?: boolean;
  check(ctx: CheckContext): void;
}

export type { Diagnostic };
