/**
 * 修订说明 for `build`: the diff of the powers against the revision named in powerbook.yaml (compendium.revision_base),
 * as the appendix's table wants it — added, removed (取消, with those whose status became 取消/暂停), changed.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/message.js';
import type { RevisionEntry, RevisionNotes } from '../document/revisions.js';
import type { Repository } from '../load/repository.js';
import { diffRevisions } from './diff.js';
import { alikeNote, changeText, label } from './format/words.js';
import { ReviewError } from './git.js';
import type { ItemDiff, RepoDiff } from './types.js';

function entry(it: ItemDiff, details: string[]): RevisionEntry {
  return { id: it.id, name: it.name, ...(it.group ? { category: it.group } : {}), details };
}

const byId = (a: RevisionEntry, b: RevisionEntry) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function revisionNotes(d: RepoDiff): RevisionNotes {
  const powers = d.items.filter((i) => i.kind === 'power');
  const lines = (it: ItemDiff) => it.changes.map((c) => `${label(c, 'zh')}：${changeText(c, 'zh')}`);
  const base = d.base.rev === d.base.commit ? d.base.short! : `${d.base.rev}，${d.base.short}`;
  return {
    base,
    added: powers.filter((i) => i.status === 'added').map((i) => entry(i, [`新增${alikeNote(i, 'zh')}`])).sort(byId),
    removed: [
      ...powers.filter((i) => i.status === 'removed').map((i) => entry(i, ['取消'])),
      ...powers.filter((i) => i.status !== 'removed' && i.cancelled).map((i) => entry(i, lines(i))),
    ].sort(byId),
    changed: powers.filter((i) => i.status !== 'added' && i.status !== 'removed' && !i.cancelled).map((i) => {
      const renumbered = i.oldId && i.oldId !== i.id ? [`事项编码：${i.oldId} → ${i.id}`] : [];
      return entry(i, [...renumbered, ...lines(i)]);
    }).sort(byId),
  };
}

/**
 * The notes for the repository at `repo.root` (its working tree) against `compendium.revision_base`; a revision git does
 * not have is a diagnostic (rule `revision-base`) at that line of powerbook.yaml, saying how to fetch it.
 */
export function revisionNotesFor(repo: Repository, env: NodeJS.ProcessEnv): { notes?: RevisionNotes; diagnostics: Diagnostic[] } {
  const base = repo.config?.data.compendium.revision_base;
  if (!repo.config || !base) return { diagnostics: [] };
  try {
    return { notes: revisionNotes(diffRevisions(repo.root, { base, env })), diagnostics: [] };
  } catch (e) {
    if (!(e instanceof ReviewError)) throw e;
    const src = repo.config.source;
    return {
      diagnostics: [diag(src.path, src.rangeAt(['compendium', 'revision_base']), 'revision-base', 'unavailable', { reason: { zh: e.zh, en: e.en } })],
    };
  }
}
