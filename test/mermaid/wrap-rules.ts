/**
 * The line-breaking rules a flowchart label must keep, checked on lines however they were made (wrapText's output,
 * or the rows Mermaid drew in Chromium), and generated label texts that try to break them. Written apart from
 * src/flowchart/wrap.ts, with its own lists, so that a rule the implementation forgot is still caught.
 */

/** Closing punctuation: never at the start of a line. */
export const CLOSING = [...'，。、；：？！）》」』】〕”’…—,.;:?!)'];
/** Opening punctuation: never at the end of a line. */
export const OPENING = [...'（《「『【〔“‘('];
/** What must stay on one line: a number with its unit or its 第, a date, a code. */
export const WHOLE = /第[0-9一二三四五六七八九十百千]+[条款项章节]|[0-9]+(?:\.[0-9]+)?(?:个工作日|工作日|万元|日|元|个月|%)|[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日|[A-Z]{2}-[0-9]{3}/g;
const LETTER = /[\p{L}\p{N}\p{So}]/u;

/** Characters of a line that are not punctuation or spaces. */
export function letterCount(line: string): number {
  return [...line].filter((c) => LETTER.test(c)).length;
}

/**
 * What is wrong with the lines one paragraph was broken into (empty: nothing). `paragraph` is the text they came
 * from; `fits(word)` whether a word that must stay whole fits on a line at all (if not, it may be cut).
 */
export function breakProblems(paragraph: string, lines: readonly string[], fits: (word: string) => boolean = () => true): string[] {
  const problems: string[] = [];
  const squash = (s: string) => s.replace(/\s+/g, '');
  if (squash(lines.join('')) !== squash(paragraph)) problems.push(`text changed: ${JSON.stringify(lines)} from ${JSON.stringify(paragraph)}`);
  lines.forEach((line, k) => {
    if (k > 0 && CLOSING.includes([...line.trim()][0] ?? '')) problems.push(`line ${k + 1} starts with closing punctuation: ${JSON.stringify(lines)}`);
    if (k < lines.length - 1 && OPENING.includes([...line.trim()].at(-1) ?? '')) problems.push(`line ${k + 1} ends with opening punctuation: ${JSON.stringify(lines)}`);
  });
  if (lines.length > 1 && letterCount(lines[lines.length - 1]) < 2 && letterCount(paragraph) >= 4) {
    problems.push(`last line has one character alone: ${JSON.stringify(lines)}`);
  }
  // A number with its unit, a code: within one line (no line end strictly inside it).
  const ends: number[] = [];
  let at = 0;
  for (const line of lines.slice(0, -1)) ends.push((at += squash(line).length));
  for (const m of squash(paragraph).matchAll(WHOLE)) {
    if (fits(m[0]) && ends.some((e) => e > m.index! && e < m.index! + m[0].length)) problems.push(`"${m[0]}" split across lines: ${JSON.stringify(lines)}`);
  }
  return problems;
}

/** A small deterministic random number generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['受理', '审查', '申请材料', '法定形式', '现场核查', '集体审议', '合法性审查', '当事人', '行政处罚', '听证', '送达', '决定书',
  '承办科室负责人', '分管局领导', '政务服务窗口', '立案', '调查取证', '陈述申辩', '不予受理', '补正', '公示', '归档', '监督检查', '整改'];
const NUMBERS = ['20个工作日', '5日', '第十二条', '第三十二条', '3.5万元', '10%', '2024年1月1日', '15个工作日', '第3款', '50元'];
const CODES = ['XK-001号', 'CF-012号', 'QT-002事项'];
const LATIN = ['PDF', 'Word', 'WPS', 'e-mail', 'OA', 'WWWWWWWW', 'mmmmmm'];
const PUNCT = ['，', '。', '、', '；', '：', '！？', '……', '——', '。”'];

/**
 * Label texts that press on every rule: long runs of names, numbers with units, codes, Latin words, punctuation
 * runs and brackets, in random order.
 */
export function hostileTexts(count: number, seed = 14): string[] {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const parts: string[] = [];
    const n = 2 + Math.floor(rnd() * 14);
    for (let i = 0; i < n; i++) {
      const r = rnd();
      if (r < 0.4) parts.push(pick(WORDS));
      else if (r < 0.55) parts.push(pick(NUMBERS));
      else if (r < 0.62) parts.push(pick(CODES));
      else if (r < 0.7) parts.push(` ${pick(LATIN)} `);
      else if (r < 0.85) parts.push(pick(PUNCT));
      else if (r < 0.9) parts.push(`《${pick(WORDS)}》`);
      else if (r < 0.95) parts.push(`（${pick(WORDS)}${pick(NUMBERS)}）`);
      else parts.push(`“${pick(WORDS)}”`);
    }
    out.push(parts.join('').replace(/\s+/g, ' ').trim());
  }
  return out;
}
