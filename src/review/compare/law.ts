/** Two versions of a registered law (laws/*.yaml): its facts, its status (repealed!), its articles by number. */
import { articleKey } from '../../domain/numerals.js';
import type { Law } from '../../domain/types.js';
import type { Change, Words } from '../types.js';
import { Changes, w } from './fields.js';

const FIELDS: Record<string, Words> = {
  title: w('名称', 'title'), short_title: w('简称', 'short title'), level: w('效力层级', 'level'), issuer: w('制定机关', 'issuer'),
  doc_number: w('文号', 'document number'), promulgated: w('公布日期', 'promulgated'), effective: w('施行日期', 'in force from'),
  status: w('状态', 'status'), status_date: w('状态日期', 'status date'), replaced_by: w('被取代为', 'replaced by'),
  amendments: w('修改情况', 'amendment'), articles: w('条文', 'article'),
};

type Article = NonNullable<Law['articles']>[number];

/** Articles by their normalised number (第九条 and 9 are the same article). */
export function articlesByKey(l: Law): Map<string, Article> {
  const m = new Map<string, Article>();
  for (const a of Array.isArray(l.articles) ? l.articles : []) {
    const k = articleKey(a.number) ?? String(a.number);
    if (!m.has(k)) m.set(k, a);
  }
  return m;
}

const label = (a: Article) => (typeof a.number === 'number' ? `第${a.number}条` : String(a.number));

export function compareLaws(a: Law, b: Law): Change[] {
  const c = new Changes();
  for (const k of ['title', 'short_title', 'level', 'issuer', 'doc_number', 'promulgated', 'effective'] as const) c.value(k, FIELDS[k]!, a[k], b[k]);
  c.value('status', FIELDS.status!, a.status, b.status, String, (_x, y) => (y === '已废止' ? w('已废止：引用它的职权须改依据', 'repealed: powers citing it need another basis') : undefined));
  c.value('status_date', FIELDS.status_date!, a.status_date, b.status_date);
  c.value('replaced_by', FIELDS.replaced_by!, a.replaced_by, b.replaced_by);
  c.strings('amendments', FIELDS.amendments!, a.amendments, b.amendments, (x) => {
    const m = x as { date?: string; kind?: string; note?: string };
    return [m.date, m.kind, m.note].filter(Boolean).join(' ');
  });
  const xa = articlesByKey(a), xb = articlesByKey(b);
  for (const [k, x] of xa) if (!xb.has(k)) c.push({ path: `articles[${k}]`, label: w(`${label(x)}`, `article ${label(x)}`), op: 'removed', before: x.text, long: true });
  for (const [k, y] of xb) {
    const x = xa.get(k);
    if (!x) c.push({ path: `articles[${k}]`, label: w(`${label(y)}`, `article ${label(y)}`), op: 'added', after: y.text, long: true });
    else if (x.text !== y.text) c.push({ path: `articles[${k}]`, label: w(`${label(y)}条文`, `text of ${label(y)}`), op: 'changed', before: x.text, after: y.text, long: true });
  }
  const ra = a as unknown as Record<string, unknown>, rb = b as unknown as Record<string, unknown>;
  for (const k of [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort()) if (!(k in FIELDS) && k !== 'id') c.value(k, w(k, k), ra[k], rb[k]);
  return c.list;
}
