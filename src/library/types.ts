/**
 * The law library (a clone of LawRefBook/Laws): what the index holds and what check/, document/ and the `laws`
 * commands may ask of it. library/ owns reading, parsing (unified + remark-parse), indexing and caching; it imports
 * only util, diagnostics, domain and load.
 */

/** A position in a library file (1-based), relative to the library root, '/'-separated. */
export interface LibPos { file: string; line: number; column?: number }

/** A dated event of a text's header: `2022年12月30日第十三届……第二次修正`. */
export interface LawEvent { date: string; kind: '通过' | '公布' | '修正' | '修订' | '施行' | '其他'; text: string; /** 令 number when the line names one (国务院令第715号, 主席令第二十二号). */ order?: string }

export interface LibItem { label: string; text: string }
export interface LibClause { text: string; items: LibItem[]; /** Line of the 款 in the file. */ line?: number }
export interface LibArticle {
  /** Normalised key as domain/numerals articleKey gives it: "9", "120-1" (第一百二十条之一). */
  key: string;
  /** As printed: 第九条. */
  label: string;
  /** 款: the first is the article's own paragraph (without the 第X条 label); 项 inside each. */
  clauses: LibClause[];
  /** Chapter path (编/章/节 headings) for display. */
  chapter?: string;
  line: number;
  /** The file holding the article when it is not the version's own (民法典's articles are in eight files). */
  file?: string;
}

/** One file = one version of one text. */
export interface LawVersion {
  id: string;              // stable: the file path relative to the library root
  file: string;            // same
  folder: string;          // top folder (宪法相关法, 行政法规, DLC/浙江地方法规/…)
  title: string;           // full official title from `#`
  /** Short title from the file name, without the date. */
  shortTitle: string;
  /** The version's date: from the file name, else the last header event other than 施行 (民法典: 2020-05-28). */
  date?: string;
  /** Entry into force: 施行 header line; else final article's 自…起施行 when later than `date`; else `date`. */
  inForce?: string;
  inForceSource: 'header' | 'final-article' | 'file-date' | 'unknown';
  issuer?: string;
  order?: string;          // 令 number of the 公布 event
  events: LawEvent[];
  articles: LibArticle[];
  /** The text stops early (header lists amendments, few articles…): a citation past its end is not "no such article". */
  truncated: boolean;
  /** Repeal clauses found in this text. */
  repeals: RepealClause[];
  /** `一、二、` sections of a text that has no articles (decisions, amendments): keys `§1`, `§2`… */
  sections?: LibArticle[];
  /** The files of a law kept in several (民法典: 总则, 物权编…), in article order; `file` is the first. */
  parts?: string[];
  /** Line of the `#` title. */
  titleLine?: number;
  /** How many articles (or sections) it has, known without reading them. */
  articleCount?: number;
  /** Other files holding this same version (same title and date in another folder). */
  duplicates?: string[];
}

/** 「……《X》同时废止」: `title` repealed from the repealing version's entry into force. */
export interface RepealClause { title: string; date?: string; issuer?: string; at: LibPos; text: string }

/** A law: all versions of one title (民法典's eight files are one law). */
export interface LibLaw {
  title: string;
  shortTitle: string;
  /** Oldest first. */
  versions: LawVersion[];
  /** Set when a repeal clause of another text names this law. */
  repealedBy?: { version: LawVersion; date: string; clause: RepealClause };
}

export interface LibraryDefect { at: LibPos; kind: string; zh: string; en: string }

export interface LibraryStats {
  files: number;
  indexed: number;
  skipped: { file: string; reason: string }[];
  byFolder: Record<string, { files: number; indexed: number }>;
  versions: number;
  laws: number;
  repealsLearned: number;
  defects: LibraryDefect[];
  /** git commit of the library when it is a git checkout, else undefined. */
  commit?: string;
  cache: { hit: number; parsed: number };
}

export type TitleMatch =
  | { kind: 'found'; law: LibLaw }
  | { kind: 'ambiguous'; candidates: LibLaw[] }
  | { kind: 'unknown'; suggestions: string[] }
  /** Named by a repeal clause but not in the library (e.g. 报废汽车回收管理办法 2001). */
  | { kind: 'repealed-only'; title: string; repealedBy: { version: LawVersion; date: string; clause: RepealClause } };

export interface LawLibrary {
  roots: string[];
  stats: LibraryStats;
  laws: LibLaw[];
  /** Full title, short title, with or without 中华人民共和国, with 《》. */
  find(title: string): TitleMatch;
  /** The version in force on `date` (YYYY-MM-DD): latest whose inForce ≤ date; undefined when none yet. */
  versionAt(law: LibLaw, date: string): LawVersion | undefined;
  /** Repealed on `date`? */
  repealedAt(law: LibLaw, date: string): { version: LawVersion; date: string; clause: RepealClause } | undefined;
  article(version: LawVersion, key: string): LibArticle | undefined;
  /** Full-text search over articles, ranked. */
  search(words: string, opts?: { limit?: number; at?: string }): { law: LibLaw; version: LawVersion; article: LibArticle; score: number }[];
}

/**
 * Opens the library at `roots` (one or more clones), reading the cached index under `cacheDir` when it is current
 * (keyed by the git commit, else by each file's size and mtime; only changed files parsed again). Never throws for bad
 * content: defects are in `stats.defects`. Throws LibraryPathError for a root that does not exist or is no directory.
 */
export type OpenLibrary = (roots: string[], opts?: { cacheDir?: string }) => Promise<LawLibrary>;
