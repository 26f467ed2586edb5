/**
 * `powerbook diff`: two revisions of a rule repository compared item by item — powers, laws and rules added, removed,
 * renamed, moved and changed field by field — through git itself. Only the files whose bytes differ are parsed.
 */
import type { Law, LegalBasisRef, Power, RuleMeta } from '../domain/types.js';
import type { LawLibrary } from '../library/types.js';
import { normaliseTitle } from '../check/rules/citations-resolve.js';
import { compareConfigs } from './compare/config.js';
import { compareLaws } from './compare/law.js';
import { comparePowers } from './compare/power.js';
import { compareRules } from './compare/rule.js';
import { commitInfos, defaultBase, gitPlace, requireCommit, type CommitInfo } from './git.js';
import { idOf, pairItems } from './match.js';
import { changedProvisions, libraryTexts, registryTexts, type LocalLaws, type ProvisionTexts } from './provisions.js';
import { commitSnapshot, parseFile, readFiles, worktreeSnapshot, type ItemKind, type Parsed, type Snapshot } from './snapshot.js';
import { DIFF_KINDS, ITEM_STATUSES, type Change, type Counts, type DiffKind, type ItemDiff, type RepoDiff, type RevisionInfo, type Words } from './types.js';

export interface DiffOptions {
  /** A revision (branch, tag, sha); default: the merge base with the default branch. */
  base?: string;
  /** A revision; default: the working tree. */
  head?: string;
  env?: NodeJS.ProcessEnv;
  /** Where cited provisions' texts come from (default: each revision's laws/ registry). */
  provisions?: ProvisionSource;
}

/** The texts of cited provisions on each side, given each side's laws/ (by id or title), the laws whose files changed and the compendium dates. */
export type ProvisionSource = (lawsA: LocalLaws, lawsB: LocalLaws, changedLaws: Set<string>, dates: { base?: string; head?: string }) => ProvisionTexts;

const KIND_ORDER: Record<DiffKind, number> = { power: 0, law: 1, rule: 2 };
const STATUS_ORDER = Object.fromEntries(ITEM_STATUSES.map((s, i) => [s, i])) as Record<ItemDiff['status'], number>;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A side's parsed files, parsed once per blob (the same bytes on both sides are parsed once). */
class Side {
  constructor(readonly snap: Snapshot, private readonly parsedByOid: Map<string, Parsed>) {}
  private lawIndex: Map<string, Law> | undefined;
  private lawTitles: Map<string, Law> | undefined;

  parse(rel: string): Parsed | undefined {
    const f = this.snap.files.get(rel);
    if (!f) return undefined;
    const hit = this.parsedByOid.get(`${f.kind}:${f.oid}`);
    if (hit) return hit.rel === rel ? hit : { ...hit, rel };
    readFiles(this.snap, [rel]);
    const p = parseFile(this.snap, rel);
    if (p) this.parsedByOid.set(`${f.kind}:${f.oid}`, p);
    return p;
  }

  /** Parses many files at once (one `git cat-file` for a commit). */
  parseAll(rels: string[]): Parsed[] {
    readFiles(this.snap, rels.filter((r) => { const f = this.snap.files.get(r); return f && !this.parsedByOid.has(`${f.kind}:${f.oid}`); }));
    return rels.map((r) => this.parse(r)).filter((p): p is Parsed => p !== undefined);
  }

  rels(kind: ItemKind): string[] {
    return [...this.snap.files.values()].filter((f) => f.kind === kind).map((f) => f.rel).sort(cmp);
  }

  /** A law by id (all of a side's law files are read at once: a registry holds tens of laws, not thousands). */
  law = (id: string): Law | undefined => {
    if (!this.lawIndex) {
      this.lawIndex = new Map();
      for (const p of this.parseAll(this.rels('law'))) { const i = idOf(p); if (i !== undefined && p.data && !this.lawIndex.has(i)) this.lawIndex.set(i, p.data as unknown as Law); }
    }
    return this.lawIndex.get(id);
  };

  /** A law as a citation's `law:` names it: a laws/ id, else a laws/ file's title or short title (as validate reads it). */
  lawByRef = (ref: string): Law | undefined => {
    const byId = this.law(ref);
    if (byId) return byId;
    if (!this.lawTitles) {
      this.lawTitles = new Map();
      for (const l of this.lawIndex!.values()) {
        for (const t of [l.title, l.short_title]) { const k = typeof t === 'string' ? normaliseTitle(t) : ''; if (k && !this.lawTitles.has(k)) this.lawTitles.set(k, l); }
      }
    }
    return this.lawTitles.get(normaliseTitle(ref));
  };

  /** The files of `rels` that name one of `ids` as a whole word (a cheap filter before parsing: law-3 is not law-35). */
  containing(rels: string[], ids: string[]): string[] {
    readFiles(this.snap, rels);
    const bs = ids.map((n) => Buffer.from(n));
    const words = ids.map((n) => new RegExp(`(?<![\\w-])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'u'));
    return rels.filter((r) => {
      const b = this.snap.bytes.get(r);
      if (b === undefined || !bs.some((n) => b.includes(n))) return false;
      const text = b.toString('utf8');
      return words.some((re) => re.test(text));
    });
  }
}

function nameOf(kind: DiffKind, p: Parsed): string {
  const d = p.data ?? {};
  return String((kind === 'law' || kind === 'rule' ? d.title : d.name) ?? idOf(p) ?? p.rel);
}

function groupOf(kind: DiffKind, p: Parsed): string | undefined {
  const d = p.data ?? {};
  const g = kind === 'power' ? d.category : kind === 'law' ? d.level : d.area;
  return typeof g === 'string' ? g : undefined;
}

function compare(kind: DiffKind, a: Parsed, b: Parsed, A: Side, B: Side): Change[] {
  if (kind === 'power') return comparePowers(a.data as unknown as Power, b.data as unknown as Power, A.law, B.law);
  if (kind === 'law') return compareLaws(a.data as unknown as Law, b.data as unknown as Law);
  return compareRules(a.data as unknown as RuleMeta, b.data as unknown as RuleMeta, a.body, b.body);
}

const CANCELLED = new Set(['取消', '暂停']);

function item(kind: DiffKind, status: ItemDiff['status'], a: Parsed | undefined, b: Parsed | undefined, changes: Change[]): ItemDiff {
  const cur = (b ?? a)!;
  const g = groupOf(kind, cur);
  const out: ItemDiff = { kind, status, id: idOf(cur) ?? cur.rel, name: nameOf(kind, cur), ...(g ? { group: g } : {}), file: cur.rel, changes };
  if (a && b && (status === 'renamed' || status === 'moved')) {
    out.oldId = idOf(a) ?? a.rel;
    out.oldFile = a.rel;
    out.identical = changes.length === 0;
  }
  if (kind === 'power' && b && CANCELLED.has(String(b.data?.status)) && !CANCELLED.has(String(a?.data?.status))) out.cancelled = true;
  return out;
}

function revisionInfo(rev: string, commit: string | undefined, infos: Map<string, CommitInfo>, config: Parsed | undefined): RevisionInfo {
  const info: RevisionInfo = { rev, worktree: commit === undefined };
  const c = commit ? infos.get(commit) : undefined;
  if (commit) Object.assign(info, { commit, short: c?.short ?? commit.slice(0, 7), committed: c?.date, subject: c?.subject });
  const date = (config?.data?.compendium as Record<string, unknown> | undefined)?.date;
  if (typeof date === 'string') info.compendiumDate = date;
  else if (date instanceof Date) info.compendiumDate = date.toISOString().slice(0, 10);
  return info;
}

/** Two revisions compared, with the cited provisions' texts from `opts.provisions` (default: each revision's laws/). */
export function diffRevisions(root: string, opts: DiffOptions = {}): RepoDiff {
  return startDiff(root, opts).finish(opts.provisions);
}

export interface LibraryDiffOptions extends Omit<DiffOptions, 'provisions'> {
  /** Opens the law library the settings name: undefined when none is set; `problem` when it is set but cannot be opened. */
  library: () => Promise<{ library?: LawLibrary; problem?: Words } | undefined>;
}

/**
 * Two revisions compared, the cited provisions read from the law library in force on each revision's compendium date.
 * The library is opened only when both revisions give a compendium date and the dates differ: on one date it gives
 * the same texts to both sides (and each revision's laws/ is compared as without it). git's problems are found first.
 */
export async function diffRevisionsWithLibrary(root: string, opts: LibraryDiffOptions): Promise<RepoDiff> {
  const started = startDiff(root, opts);
  const { base, head } = started.dates;
  const opened = base && head && base !== head ? await opts.library() : undefined;
  const lib = opened?.library;
  const d = started.finish(lib ? (la, lb, _changed, dates) => libraryTexts(lib, dates, la, lb) : undefined);
  if (opened) d.library = lib ? { read: true } : { read: false, ...(opened.problem ? { problem: opened.problem } : {}) };
  return d;
}

/** Everything but the cited provisions, whose source may depend on the two compendium dates. */
function startDiff(root: string, opts: DiffOptions): { dates: { base?: string; head?: string }; finish(provisions?: ProvisionSource): RepoDiff } {
  const env = opts.env ?? process.env;
  const place = gitPlace(root);
  const base = opts.base ? { rev: opts.base, commit: requireCommit(place, opts.base) } : defaultBase(place, env);
  const headCommit = opts.head ? requireCommit(place, opts.head) : undefined;
  const parsed = new Map<string, Parsed>();
  const A = new Side(commitSnapshot(place, root, base.commit), parsed);
  const B = new Side(headCommit ? commitSnapshot(place, root, headCommit) : worktreeSnapshot(place, root), parsed);

  const items: ItemDiff[] = [];
  const unreadable: RepoDiff['unreadable'] = [];
  const changedLaws = new Set<string>();
  const readable = (side: 'base' | 'head', p: Parsed | undefined): p is Parsed => {
    if (p && p.data) return true;
    if (p) unreadable.push({ side, file: p.rel });
    return false;
  };
  /** powerbook.yaml: absent (undefined), read (true) or there and unreadable (false, and named). */
  const configReadable = (side: 'base' | 'head', p: Parsed | undefined): boolean | undefined => (p === undefined ? undefined : readable(side, p));

  for (const kind of DIFF_KINDS) {
    const fa = new Map(A.rels(kind).map((r) => [r, A.snap.files.get(r)!]));
    const fb = new Map(B.rels(kind).map((r) => [r, B.snap.files.get(r)!]));
    const changed = [...fa.keys()].filter((r) => fb.has(r) && fb.get(r)!.oid !== fa.get(r)!.oid);
    const gone = [...fa.keys()].filter((r) => !fb.has(r));
    const arrived = [...fb.keys()].filter((r) => !fa.has(r));
    const pa = new Map(A.parseAll([...changed, ...gone]).map((p) => [p.rel, p]));
    const pb = new Map(B.parseAll([...changed, ...arrived]).map((p) => [p.rel, p]));
    const goneParsed: Parsed[] = [], arrivedParsed: Parsed[] = [];
    for (const r of changed) {
      const a = pa.get(r), b = pb.get(r);
      const okA = readable('base', a), okB = readable('head', b);
      if (!okA || !okB) continue;
      if (idOf(a) !== idOf(b)) {
        // Renumbered in place: the same file now holds another id.
        items.push(item(kind, 'renamed', a, b, compare(kind, a, b, A, B)));
        if (kind === 'law') { changedLaws.add(idOf(a) ?? ''); changedLaws.add(idOf(b) ?? ''); }
        continue;
      }
      const changes = compare(kind, a, b, A, B);
      if (kind === 'law') changedLaws.add(idOf(b) ?? '');
      // Only comments, spacing or quoting changed: the same data, nothing to tell a reviewer.
      if (changes.length) items.push(item(kind, 'changed', a, b, changes));
    }
    for (const r of gone) { const a = pa.get(r); if (readable('base', a)) goneParsed.push(a); }
    for (const r of arrived) { const b = pb.get(r); if (readable('head', b)) arrivedParsed.push(b); }
    const pairs = pairItems(goneParsed, arrivedParsed);
    for (const [a, b] of pairs.moved) items.push(item(kind, 'moved', a, b, compare(kind, a, b, A, B)));
    for (const [a, b] of pairs.renamed) items.push(item(kind, 'renamed', a, b, compare(kind, a, b, A, B)));
    for (const a of pairs.removed) items.push(item(kind, 'removed', a, undefined, []));
    const alike = new Map(pairs.alike.map(([a, b]) => [b, a]));
    for (const b of pairs.added) {
      const it = item(kind, 'added', undefined, b, []);
      const a = alike.get(b);
      if (a) it.alike = { id: idOf(a) ?? a.rel, name: nameOf(kind, a) };
      items.push(it);
    }
    if (kind === 'law') for (const [a, b] of [...pairs.moved, ...pairs.renamed]) { changedLaws.add(idOf(a) ?? ''); changedLaws.add(idOf(b) ?? ''); }
    if (kind === 'law') for (const x of [...pairs.removed, ...pairs.added]) changedLaws.add(idOf(x) ?? '');
  }
  items.sort((x, y) => KIND_ORDER[x.kind] - KIND_ORDER[y.kind] || STATUS_ORDER[x.status] - STATUS_ORDER[y.status] || cmp(x.id, y.id) || cmp(x.file, y.file));

  const counts = Object.fromEntries(DIFF_KINDS.map((k) => {
    const c = { added: 0, removed: 0, renamed: 0, moved: 0, changed: 0, total: B.rels(k).length } as Counts;
    for (const it of items) if (it.kind === k) c[it.status]++;
    return [k, c];
  })) as Record<DiffKind, Counts>;

  const cfgA = A.snap.files.has('powerbook.yaml') ? A.parse('powerbook.yaml') : undefined;
  const cfgB = B.snap.files.has('powerbook.yaml') ? B.parse('powerbook.yaml') : undefined;
  // A powerbook.yaml that does not parse on one side is named, not compared (as any other file): compared with nothing, every key would seem added.
  const cfgOk = configReadable('base', cfgA) !== false && configReadable('head', cfgB) !== false;
  const config = !cfgOk || cfgA?.oid === cfgB?.oid ? [] : compareConfigs(cfgA?.data, cfgB?.data);

  const dateOf = (c: Parsed | undefined) => revisionInfo('', undefined, new Map(), c).compendiumDate;
  const dates = { base: dateOf(cfgA), head: dateOf(cfgB) };

  const finish = (source?: ProvisionSource): RepoDiff => {
    // Cited provisions: the head's powers that cite a candidate law (all powers are read only when some law changed).
    changedLaws.delete('');
    const texts = (source ?? ((la, lb, changedL) => registryTexts(changedL, la, lb)))(A.lawByRef, B.lawByRef, changedLaws, dates);
    let provisions: RepoDiff['provisions'] = [];
    if (texts.candidates === 'all' || texts.candidates.size) {
      // A power citing a candidate law names it (its id, or for the library its title): the others need no parsing.
      const rels = texts.candidates === 'all' ? B.rels('power') : B.containing(B.rels('power'), [...texts.candidates]);
      const citations = B.parseAll(rels).filter((p) => p.data).map((p) => ({
        power: idOf(p) ?? p.rel, bases: (Array.isArray(p.data!.legal_bases) ? p.data!.legal_bases : []) as LegalBasisRef[],
      }));
      provisions = changedProvisions(citations, texts);
    }

    const infos = commitInfos(place, headCommit ? [base.commit, headCommit] : [base.commit]);
    return {
      base: revisionInfo(base.rev, base.commit, infos, cfgA),
      head: revisionInfo(opts.head ?? 'WORKTREE', headCommit, infos, cfgB),
      prefix: place.prefix,
      counts, items, config, provisions,
      unreadable: unreadable.sort((x, y) => cmp(x.side, y.side) || cmp(x.file, y.file)),
    };
  };
  return { dates, finish };
}
