/**
 * What `powerbook diff` finds between two revisions of a rule repository: plain data (also its JSON output), which the
 * formatters (text, Markdown, JSON) and the 修订说明 appendix read.
 */

export interface Words { zh: string; en: string }

/** One change of one field of an item, e.g. 法定办理时限 20个工作日 → 15个工作日（缩短 5 个工作日）. */
export interface Change {
  /** Where in the item, as a path of keys: `time_limit.statutory`, `procedure.steps[s3].risks[0].level`, `legal_bases[law-id]`. */
  path: string;
  /** What it is: 法定办理时限, 环节"审查"的时限, 实施依据. */
  label: Words;
  op: 'added' | 'removed' | 'changed';
  /** The value before and after, written as the compendium writes it; absent when it was not there. */
  before?: string;
  after?: string;
  /** A short comment: 缩短 5 个工作日, 风险等级降低. */
  note?: Words;
  /** A long text (a rule's body, a step's description): shown collapsed, with a line diff. */
  long?: boolean;
}

export type ItemStatus = 'added' | 'removed' | 'renamed' | 'moved' | 'changed';
export const ITEM_STATUSES: readonly ItemStatus[] = ['added', 'removed', 'renamed', 'moved', 'changed'];

export type DiffKind = 'power' | 'law' | 'rule';
export const DIFF_KINDS: readonly DiffKind[] = ['power', 'law', 'rule'];

export interface ItemDiff {
  kind: DiffKind;
  status: ItemStatus;
  /** The id on the head side (on the base side for a removed item). */
  id: string;
  name: string;
  /** A power's category, a law's level, a rule's area. */
  group?: string;
  file: string;
  /** Renamed or moved: the id and file it had on the base side. */
  oldId?: string;
  oldFile?: string;
  /** Renamed or moved with nothing else changed. */
  identical?: boolean;
  /** Field by field (empty for added and removed items). */
  changes: Change[];
  /** Added: a removed item with the same content but for its id and name (not taken for the same item: a hint to the reviewer). */
  alike?: { id: string; name: string };
  /** A power whose status became 取消 or 暂停: listed with the cancelled ones in the 修订说明. */
  cancelled?: boolean;
}

/** A cited provision (law + article) whose text differs between the two revisions. */
export interface ProvisionChange {
  law: string;
  title: string;
  article: string;
  before?: string;
  after?: string;
  /** Powers (head side) that cite it. */
  powers: string[];
  /** Where the texts came from: the repository's laws/ registry of each revision, or the law library at each date. */
  source: 'registry' | 'library';
  /** The compendium dates the texts are read at (library). */
  dates?: { base?: string; head?: string };
  /** The versions of the library read on each side: the version's date (2016-11-07), or its file's name when it has none. */
  versions?: { base?: string; head?: string };
  /** Where the base's text stands in the head's version when not under the same number: moved to another article, or deleted. */
  now?: { kind: 'moved'; to: string } | { kind: 'deleted' };
}

export interface RevisionInfo {
  /** As given (v2024, HEAD~1, a sha), or how it was found (merge-base(origin/main)); 'WORKTREE' for the working tree. */
  rev: string;
  commit?: string;
  short?: string;
  /** Commit date (ISO). */
  committed?: string;
  subject?: string;
  worktree: boolean;
  /** compendium.date in powerbook.yaml at that revision. */
  compendiumDate?: string;
}

export type Counts = Record<ItemStatus, number> & { total: number };

export interface RepoDiff {
  base: RevisionInfo;
  head: RevisionInfo;
  /** The rule repository's path inside the git work tree ('' at the top). */
  prefix: string;
  counts: Record<DiffKind, Counts>;
  /** Sorted: powers, laws, rules; in each, added, removed, renamed, moved, changed; then by id. */
  items: ItemDiff[];
  /** powerbook.yaml, field by field. */
  config: Change[];
  provisions: ProvisionChange[];
  /**
   * The law library, when one is set and the two compendium dates differ (the only case it is read): read, or not
   * (its path does not exist: `problem` says so, and the provisions are compared in each revision's laws/ only).
   */
  library?: { read: boolean; problem?: Words };
  /** Files that could not be parsed on one side: their changes are not shown (validate says what is wrong). */
  unreadable: { side: 'base' | 'head'; file: string }[];
}
