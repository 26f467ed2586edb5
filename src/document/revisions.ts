/**
 * 修订说明 (revision notes): an appendix table of the powers added, cancelled (取消) and changed since the previous edition,
 * in the order a reviewer reads them. The notes are made by `powerbook diff` (src/review) and handed in as plain data:
 * the document model does not know git.
 */
import { numberToChinese } from '../domain/numerals.js';
import type { Anchors } from './anchors.js';
import type { Block, Inline, TableRow } from './model.js';

export interface RevisionEntry {
  id: string;
  name: string;
  category?: string;
  /** What changed, one line each (修订情况): 法定办理时限：20个工作日 → 15个工作日（缩短 5 个工作日）. */
  details: string[];
}

export interface RevisionNotes {
  /** The previous edition as named in powerbook.yaml (a tag), with its commit. */
  base: string;
  added: RevisionEntry[];
  /** Removed powers, and powers whose status became 取消 or 暂停. */
  removed: RevisionEntry[];
  changed: RevisionEntry[];
}

const t = (text: string): Inline => ({ type: 'text', text });
function cellText(text: string) {
  const children: Inline[] = [];
  text.split('\n').forEach((l, i) => { if (i) children.push({ type: 'break' }); children.push(t(l)); });
  return { children };
}

/** The appendix chapter: a heading numbered `number` (三、), a sentence of counts, one table grouped by kind of change. */
export function revisionBlocks(notes: RevisionNotes, anchors: Anchors, number: string): Block[] {
  const n = { a: notes.added.length, r: notes.removed.length, c: notes.changed.length };
  const out: Block[] = [
    { type: 'heading', level: 2, role: 'chapter', number, children: [t('修订说明')], anchor: anchors.make('app', 'revisions'), toc: true, outline: true, pageBreakBefore: true },
    {
      type: 'paragraph', indent: true,
      children: [t(n.a + n.r + n.c
        ? `与上一版（${notes.base}）相比，本汇编新增职权${n.a}项，取消职权${n.r}项，调整职权${n.c}项，列表如下。`
        : `与上一版（${notes.base}）相比，本汇编所列职权没有变化。`)],
    },
  ];
  if (!(n.a + n.r + n.c)) return out;
  const rows: TableRow[] = [{ header: true, cells: ['序号', '事项编码', '事项名称', '修订情况'].map(cellText) }];
  const groups: [string, RevisionEntry[]][] = [['新增职权', notes.added], ['取消职权', notes.removed], ['调整职权', notes.changed]];
  let gi = 0;
  for (const [title, list] of groups) {
    if (!list.length) continue;
    rows.push({ cells: [{ children: [{ type: 'text', text: `${numberToChinese(++gi)}、${title}（${list.length}项）`, bold: true }], colSpan: 4 }] });
    list.forEach((e, i) => rows.push({ cells: [cellText(String(i + 1)), cellText(e.id), cellText(e.category ? `${e.name}（${e.category}）` : e.name), cellText(e.details.join('\n'))] }));
  }
  out.push({ type: 'table', rows, headerRows: 1, widths: [7, 13, 30, 50], fontSize: 'small', caption: '职权修订情况表' });
  return out;
}
