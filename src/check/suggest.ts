/**
 * "Did you mean": a candidate offered only when the value is a plausible slip for it, never a guess that changes the
 * meaning. 较轻 is not a slip for 较重 (one character apart, the opposite level): a clerk who wrote it is told the
 * allowed values instead.
 *
 * Plausible slips:
 * - the same text but for width, spaces, case or surrounding quotes and marks (行政许可 typed as " 行政许可", ＸＫ, 《…》);
 * - a Chinese text typed with a pinyin input method that picked a homophone (行政检察 for 行政检查, 一版 for 一般):
 *   the same syllables, character by character (pinyin-pro reads them);
 * - the allowed value shortened or lengthened (许可 for 行政许可, 行政许可事项 for 行政许可), when only one value fits;
 * - a Latin word a few keystrokes off (warnign for warning), by edit distance.
 * A tie between two candidates is no suggestion.
 */
import { createRequire } from 'node:module';

type Pinyin = typeof import('pinyin-pro').pinyin;
let pinyinFn: Pinyin | undefined;
/** pinyin-pro, loaded when a Chinese value is compared (a clean run never loads its dictionary). */
function pinyin(s: string): string[] {
  pinyinFn ??= (createRequire(import.meta.url)('pinyin-pro') as typeof import('pinyin-pro')).pinyin;
  return pinyinFn(s, { toneType: 'none', type: 'array', v: true });
}

const HAN = /[\u3400-\u9fff]/;

/** The text without what does not change its meaning: width (NFKC), case, spaces, quotes and book-title marks. */
function normal(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\s"'“”‘’《》〈〉「」]/g, '');
}

/** Whether `word` is `candidate` typed with homophones: as long, the same syllables, every differing character Chinese. */
function homophone(word: string, candidate: string): boolean {
  const a = [...word], b = [...candidate];
  if (a.length !== b.length || word === candidate) return false;
  const diff = a.map((c, i) => c !== b[i]);
  if (diff.some((d, i) => d && !(HAN.test(a[i]!) && HAN.test(b[i]!)))) return false;
  const pa = pinyin(word), pb = pinyin(candidate);
  return pa.length === pb.length && pa.every((p, i) => p === pb[i]);
}

/** "Did you mean": the one candidate `word` is a plausible slip for (see above), or undefined. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.includes(word)) return undefined;
  const one = (xs: readonly string[]) => (xs.length === 1 ? xs[0] : undefined);
  const w = normal(word);
  if (!w) return undefined;
  const same = one(candidates.filter((c) => normal(c) === w));
  if (same !== undefined) return same;
  if (HAN.test(word)) {
    const homo = one(candidates.filter((c) => homophone(w, normal(c))));
    if (homo !== undefined) return homo;
    // Shortened or lengthened: at least two characters in common, one candidate only.
    return [...w].length >= 2 ? one(candidates.filter((c) => normal(c).includes(w) || w.includes(normal(c)))) : undefined;
  }
  let best: string[] = [];
  let bestD = Infinity;
  for (const c of candidates) {
    if (HAN.test(c)) continue;
    const d = distance(w, normal(c));
    if (d < bestD) { bestD = d; best = [c]; } else if (d === bestD) best.push(c);
  }
  const limit = Math.max(1, Math.floor(Math.max(w.length, 2) / 3));
  return bestD <= limit ? one(best) : undefined;
}

/** Edit distance counting a swap of two neighbours as one edit (optimal string alignment): "uint" is one slip from "unit". */
function distance(a: string, b: string): number {
  if (a === b) return 0;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
