/**
 * 办理流程 cells into procedure steps. Published lists write the procedure as an arrow chain (受理→审查→决定→送达,
 * 受理->审查, 受理—>审查, 受理＞审查), as numbered lines (1.受理：窗口接收材料 2.审查：…), or as one step a line.
 * Each step has its name (the text before a colon, or all of it) and what follows the colon as its description; a
 * time in brackets after the name (受理（1个工作日）) is the step's time limit. The chain is linear: each step leads to
 * the next, the last ends. Who acts at each step is not in these lists and is not invented (procedure-no-actor).
 */
import type { ProcedureStep } from '../domain/types.js';
import { readDays } from './facts.js';
import { joinLines, numbering, trimEndChars } from './lists.js';

// A run of dashes is tried from its first one only (linear on a cell of dashes).
const ARROW = /(?<![-—–－─=])[-—–－─=]+\s*[>＞》]|→|⟶|➔|➜|➝|➞|⇒|⇨|↓|＞|>/;
const STEP_ID = /^[A-Za-z0-9_\u4e00-\u9fff-]+$/;
/** A step name longer than this is a sentence, not a name: its first clause is the name, the rest the description. */
const NAME_MAX = 20;

export interface ParsedProcedure { steps: ProcedureStep[] }

function stripNumber(s: string): string {
  return s.replace(/^\s*(?:\d{1,3}\s*[.．、)）](?!\d)|[（(]\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[）)]|[①-⑳]|[一二三四五六七八九十]{1,3}\s*、|第[一二三四五六七八九十\d]{1,3}(?:步|环节)\s*[：:，,、.．]?)\s*/, '');
}

interface Part { name: string; description?: string; time?: string }

/** One step's text: name, then （time） and ：description. */
function part(text: string): Part | undefined {
  const t = trimEndChars(joinLines(stripNumber(text)), '；;。，,').trim();
  if (!t) return undefined;
  let name = t, description: string | undefined;
  const colon = /[：:]/.exec(t);
  if (colon && colon.index > 0 && colon.index <= NAME_MAX) { name = t.slice(0, colon.index).trim(); description = t.slice(colon.index + 1).trim() || undefined; }
  else if (t.length > NAME_MAX) {
    const clause = /[，,。；;]/.exec(t);
    if (clause && clause.index > 0 && clause.index <= NAME_MAX) { name = t.slice(0, clause.index); description = t; }
  }
  let time: string | undefined;
  const bracket = name.length <= NAME_MAX * 3 ? /^(.*?)\s*[（(]([^（）()]*?(?:日|天|工作日|即时|当场|小时|月)[^（）()]*)[）)]$/.exec(name) : null;
  if (bracket && bracket[1]) { name = bracket[1].trim(); time = bracket[2]!.trim(); }
  return { name, ...(description ? { description } : {}), ...(time ? { time } : {}) };
}

/** The steps of a 办理流程 cell, or undefined when it is not a chain or a list of steps (prose: reported). */
export function parseProcedure(cell: string): ParsedProcedure | undefined {
  const s = cell.trim();
  if (!s) return undefined;
  let texts: string[] | undefined;
  const arrowed = s.split(ARROW).map((x) => x.trim()).filter(Boolean);
  if (arrowed.length >= 2) texts = arrowed;
  else {
    const nums = numbering(s);
    if (nums) texts = nums.map((m, i) => s.slice(m.end, nums[i + 1]?.at ?? s.length));
    else {
      const lines = s.split('\n').map((l) => l.trim()).filter(Boolean);
      if (lines.length >= 2) texts = lines;
      else {
        // 受理、审查、决定、送达: short names in a row.
        const names = s.split(/[、，,；;]/).map((x) => x.trim()).filter(Boolean);
        if (names.length >= 2 && names.every((n) => n.length <= 8)) texts = names;
      }
    }
  }
  if (!texts) return undefined;
  const parts = texts.map(part).filter((p): p is Part => Boolean(p));
  if (parts.length < 2) return undefined;
  const ids = stepIds(parts.map((p) => p.name));
  const steps: ProcedureStep[] = parts.map((p, i) => {
    const step: ProcedureStep = { id: ids[i]!, name: p.name };
    if (p.time) step.time_limit = readDays(p.time) && /^\s*(?:[0-9０-９]+|[零〇一二两三四五六七八九十百]+)\s*个?\s*(?:工作日|自然日|日|天)\s*$/.test(p.time) ? readDays(p.time)! : p.time;
    if (p.description) step.description = p.description;
    if (i + 1 < parts.length) step.next = [ids[i + 1]!];
    return step;
  });
  return { steps };
}

/** A step's id: its name where the name is a valid, unique id (受理), else s1, s2 … by position. */
function stepIds(names: string[]): string[] {
  const count = new Map<string, number>();
  for (const n of names) count.set(n, (count.get(n) ?? 0) + 1);
  const taken = new Set<string>();
  return names.map((n, i) => {
    let id = STEP_ID.test(n) && count.get(n) === 1 && n.length <= 12 ? n : `s${i + 1}`;
    while (taken.has(id)) id = `${id}-${i + 1}`;
    taken.add(id);
    return id;
  });
}
