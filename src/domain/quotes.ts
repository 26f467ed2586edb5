/**
 * Quotation marks as a Chinese text prints them: “” outside, ‘’ inside. Clerks type ASCII quotes ("…", '…'), curly ones
 * turned the wrong way by an input method, or full-width ＂; in a text with Chinese in it, the double ones become “”
 * and the single ones ‘’, alternately opening and closing. Left as typed: a text without Chinese (an English title, a
 * URL), an apostrophe between Latin letters or digits (Women's, 5'), and a kind of quote whose count in the text is odd
 * (which is open and which closes cannot be known: the author fixes it).
 *
 * The text may come in runs (bold, links…): the runs are one text for pairing, and come back as runs of the same
 * lengths. `skip[i]` leaves run i as it is (code) and out of the pairing.
 */

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;
const DOUBLE = new Set(['"', '“', '”', '＂']);
const SINGLE = new Set(["'", '‘', '’']);
const LATIN = /[A-Za-z0-9]/;

export function chineseQuotes(runs: readonly string[], skip: readonly boolean[] = []): string[] {
  const live = runs.map((r, i) => (skip[i] ? '' : r));
  const text = live.join('');
  if (!CJK.test(text) || !/["'“”‘’＂]/.test(text)) return [...runs];
  const chars = [...text];
  const isApostrophe = (i: number) => LATIN.test(chars[i - 1] ?? '') && LATIN.test(chars[i + 1] ?? '');
  const doubles: number[] = [], singles: number[] = [];
  chars.forEach((c, i) => {
    if (DOUBLE.has(c)) doubles.push(i);
    else if (SINGLE.has(c) && !isApostrophe(i)) singles.push(i);
  });
  const out = [...chars];
  if (doubles.length % 2 === 0) doubles.forEach((at, k) => { out[at] = k % 2 ? '”' : '“'; });
  if (singles.length % 2 === 0) singles.forEach((at, k) => { out[at] = k % 2 ? '’' : '‘'; });
  // Back into runs of the same lengths (quotes are one UTF-16 unit each: lengths do not change).
  const joined = out.join('');
  let at = 0;
  return runs.map((r, i) => {
    if (skip[i]) return r;
    const piece = joined.slice(at, at + r.length);
    at += r.length;
    return piece;
  });
}
