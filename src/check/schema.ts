/** Schema validation (ajv, draft 2020-12) with each error mapped to its YAML position and told in Chinese by field title. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { compareDiagnostics, type Diagnostic, type Range } from '../diagnostics/diagnostic.js';
import { diag, fill } from '../diagnostics/message.js';
import { SCHEMA_WORDS, type Localised } from '../diagnostics/messages.js';
import type { SourceFile } from '../load/source.js';
import { explainKey, explainValue, MAX_MISTAKES } from '../load/typist.js';
import { yamlText } from '../load/yaml.js';
import { closest } from './suggest.js';

export type SchemaKind = 'config' | 'law' | 'power' | 'rule';
export const SCHEMA_KINDS: readonly SchemaKind[] = ['config', 'law', 'power', 'rule'];

export const SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schemas');

export function schemaPath(kind: SchemaKind): string {
  return path.join(SCHEMA_DIR, `${kind}.schema.json`);
}

/** Options of the validators, here and in scripts/compile-schemas.mjs (which writes them precompiled). */
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: false } as const;
export const AJV_FORMATS = ['date', 'email', 'uri'];

const require = createRequire(import.meta.url);
const compiled = new Map<SchemaKind, ValidateFunction>();
let ajv: Ajv2020 | undefined;

/** SHA-256 of a schema file, which a precompiled validator must have been made from. */
export function schemaHash(kind: SchemaKind): string {
  return createHash('sha256').update(readFileSync(schemaPath(kind))).digest('hex');
}

/**
 * The validator of `kind`: the one `npm run build` precompiled into lib/check/validators/ (ajv's standalone code,
 * which saves each thread of a large repository the import of ajv and the compiling), when it was made from the
 * schema as it is now; else compiled here.
 */
function validator(kind: SchemaKind): ValidateFunction {
  let v = compiled.get(kind);
  if (!v) {
    const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'validators', `${kind}.cjs`);
    const pre = existsSync(file) ? (require(file) as ValidateFunction & { schemaSha256?: string }) : undefined;
    if (pre && pre.schemaSha256 === schemaHash(kind)) {
      v = pre;
    } else {
      if (!ajv) {
        const { Ajv2020: A } = require('ajv/dist/2020') as typeof import('ajv/dist/2020.js');
        const addFormats = require('ajv-formats') as (a: Ajv2020, formats: string[]) => Ajv2020;
        ajv = addFormats(new A(AJV_OPTIONS), AJV_FORMATS);
      }
      v = ajv.compile(JSON.parse(readFileSync(schemaPath(kind), 'utf8')));
    }
    compiled.set(kind, v);
  }
  return v;
}

const idPatterns = new Map<SchemaKind, RegExp | null>();

/** The pattern an id of `kind` must match (the schema's `id`), for suggestions that must be valid ids. */
export function idPattern(kind: SchemaKind): RegExp | null {
  let re = idPatterns.get(kind);
  if (re === undefined) {
    const id = (JSON.parse(readFileSync(schemaPath(kind), 'utf8')) as { properties?: { id?: { pattern?: string } } }).properties?.id;
    re = id?.pattern ? new RegExp(id.pattern, 'u') : null;
    idPatterns.set(kind, re);
  }
  return re;
}

type Sch = { title?: string; description?: string; properties?: Record<string, Sch>; enum?: unknown[]; type?: string | string[] };

function pathOf(instancePath: string): string[] {
  if (!instancePath) return [];
  return instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const W = SCHEMA_WORDS;

/** The field as a clerk knows it: by its Chinese title (and key), else its key or position; in English by its path. */
function fieldName(e: ErrorObject, p: string[]): Localised {
  const s = e.parentSchema as Sch | undefined;
  const key = p.length ? p[p.length - 1] : '';
  const index = /^\d+$/.test(key);
  const label = index ? fill(W.item, { n: Number(key) + 1 }, 'zh') : key;
  const zh = s?.title
    ? (key && !index ? fill(W.titled, { title: s.title, key }, 'zh') : fill(W.named, { name: s.title }, 'zh'))
    : fill(W.named, { name: label || W.document.zh }, 'zh');
  return { zh, en: fill(W.path, { path: p.join('.') || W.document.en }, 'en') };
}

/** A required field's name: its title (and key) if its schema has one. */
function requiredName(key: string, sub: Sch | undefined): Localised {
  return {
    zh: sub?.title ? fill(W.titled, { title: sub.title, key }, 'zh') : fill(W.named, { name: key }, 'zh'),
    en: fill(W.path, { path: key }, 'en'),
  };
}

function typeNames(types: string[]): Localised {
  const zh = W.typesZh as Record<string, string | undefined>;
  return { zh: types.map((t) => zh[t] ?? t).join(W.or.zh), en: types.join(W.or.en) };
}

/** The suggestion of a hint as its fix: the text at `range` (a key or a value) replaced by `text`. */
function withFix(d: Diagnostic, range: Range, text: string): Diagnostic {
  if (range.end) d.fixes = [{ start: range.start, end: range.end, text: yamlText(text) }];
  return d;
}

/**
 * A field typed by its Chinese name (名称 for `name`: keys are Latin, the editor shows the titles): the one free field
 * whose title holds the key, or is held by it, by at least two characters.
 */
function byTitle(key: string, free: readonly string[], props: Record<string, Sch>): string | undefined {
  const k = key.replace(/\s/g, '');
  if (!/[\u4e00-\u9fff]/.test(k) || [...k].length < 2) return undefined;
  const hits = free.filter((f) => {
    const t = props[f]?.title?.replace(/\s/g, '');
    return t && [...t].length >= 2 && (t.includes(k) || k.includes(t));
  });
  return hits.length === 1 ? hits[0] : undefined;
}

/** An ajv error as the diagnostic a clerk reads, at `range` of `file`. */
function describe(file: string, range: Range, e: ErrorObject, p: string[]): Diagnostic {
  const field = fieldName(e, p);
  const s = e.parentSchema as Sch | undefined;
  const params = e.params as Record<string, unknown>;
  const description = s?.description;
  switch (e.keyword) {
    case 'required': {
      const key = String(params.missingProperty);
      const sub = s?.properties?.[key];
      return sub?.description
        ? diag(file, range, 'schema', 'requiredDescribed', { field: requiredName(key, sub), key, description: sub.description })
        : diag(file, range, 'schema', 'required', { field: requiredName(key, sub), key });
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys(s?.properties ?? {});
      // A key already there is no suggestion: renaming to it would make a duplicate.
      const present = e.data && typeof e.data === 'object' ? Object.keys(e.data as object) : [];
      const free = allowed.filter((k) => !present.includes(k));
      const near = closest(key, free);
      if (near) return withFix(diag(file, range, 'schema', 'unknownFieldNear', { key, near }), range, near);
      const titled = byTitle(key, free, s?.properties ?? {});
      if (titled) return withFix(diag(file, range, 'schema', 'unknownFieldTitle', { key, near: titled, title: s?.properties?.[titled]?.title ?? '' }), range, titled);
      return diag(file, range, 'schema', 'unknownField', { key, allowed });
    }
    case 'type':
      return diag(file, range, 'schema', 'type', { field, types: typeNames(String(params.type).split(',')), description });
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const value = String(e.data);
      const near = typeof e.data === 'string' ? closest(value, allowed) : undefined;
      return near ? withFix(diag(file, range, 'schema', 'enumNear', { field, value, near, allowed }), range, near) : diag(file, range, 'schema', 'enum', { field, value, allowed });
    }
    case 'const':
      return diag(file, range, 'schema', 'const', { field, value: String(params.allowedValue) });
    case 'format':
      if (params.format === 'date') return diag(file, range, 'schema', 'date', { field, value: String(e.data) });
      return diag(file, range, 'schema', 'format', { field, format: String(params.format) });
    case 'pattern':
      return diag(file, range, 'schema', 'pattern', { field, value: String(e.data), description, pattern: String(params.pattern) });
    case 'minLength':
      return diag(file, range, 'schema', 'minLength', { field, description });
    case 'maxLength':
      return diag(file, range, 'schema', 'maxLength', { field, limit: String(params.limit) });
    case 'minItems':
      return diag(file, range, 'schema', 'minItems', { field, limit: String(params.limit), description });
    case 'maxItems':
      return diag(file, range, 'schema', 'maxItems', { field, limit: String(params.limit) });
    case 'uniqueItems':
      return diag(file, range, 'schema', 'uniqueItems', { field });
    case 'minimum': case 'exclusiveMinimum': case 'maximum': case 'exclusiveMaximum':
      return diag(file, range, 'schema', 'limit', { field, comparison: String(params.comparison), limit: String(params.limit) });
    case 'anyOf': case 'oneOf':
      return diag(file, range, 'schema', 'wrongForm', { field, description });
    default:
      return diag(file, range, 'schema', 'other', { field, problem: e.message ?? W.invalid });
  }
}

/** Keeps the errors a person should see: for a failed anyOf/oneOf, the branch that matched the value's type. */
function prune(errors: ErrorObject[]): ErrorObject[] {
  const alts = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  if (!alts.length) return errors;
  const drop = new Set<ErrorObject>();
  for (const alt of alts) {
    const branch = errors.filter((e) => e !== alt && e.schemaPath.startsWith(alt.schemaPath + '/'));
    const useful = branch.filter((e) => !(e.instancePath === alt.instancePath && e.keyword === 'type'));
    if (useful.length) {
      drop.add(alt);
      // Of the useful errors, keep those of the first branch that has any (one explanation, not several).
      const first = useful[0].schemaPath.slice(alt.schemaPath.length + 1).split('/')[0];
      for (const e of branch) if (!useful.includes(e) || !e.schemaPath.startsWith(`${alt.schemaPath}/${first}/`)) drop.add(e);
    } else {
      for (const e of branch) drop.add(e);
    }
  }
  return errors.filter((e) => !drop.has(e));
}

/**
 * powerbook.yaml's `lint:` settings: the schema lists the levels (for editors), but an unknown rule id or level is
 * reported by check/index.ts as config-unknown-rule, which names the rule and the levels, and does not make the whole
 * powerbook.yaml invalid (and with it the compendium's date, title and every other setting). `lint:` that is not a
 * mapping at all stays a schema error.
 */
function checkedElsewhere(kind: SchemaKind, e: ErrorObject): boolean {
  return kind === 'config' && (e.instancePath.startsWith('/lint/') || (e.instancePath === '/lint' && e.keyword !== 'type'));
}

/**
 * The typing mistakes (load/typist.ts) that explain schema errors of a file that parsed: a text where a mapping or a
 * list was expected (`statutory：20`, `－ 申请书`), a mapping where a text was (`- 申请书: 原件`), an unknown key with
 * U+3000 or a full-width colon in it. The clerk is told the mistake, not the schema's view of what it made.
 */
function typingMistakes(source: SourceFile, errors: readonly ErrorObject[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const e of errors) {
    const p = pathOf(e.instancePath);
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'type') {
      // The value's own text (rangeAt gives a mapping's or list's key, where a reader looks).
      const { node, depth } = source.nodeAt(p);
      const r = depth === p.length && node?.range ? null : source.rangeAt(p);
      const [from, to] = r ? [source.offset(r.start), source.offset(r.end)] : [source.yamlOffset + node!.range![0], source.yamlOffset + node!.range![1]];
      for (const d of explainValue(source, from, to, String(params.type).split(','), e.data)) out.push(d);
      if (out.length >= MAX_MISTAKES) break;
    } else if (e.keyword === 'additionalProperties' && /[\u3000\u00a0：]/.test(String(params.additionalProperty))) {
      const key = String(params.additionalProperty);
      const r = source.rangeAt([...p, key], { key: true });
      const d = explainKey(source, source.offset(r.start), source.offset(r.end), key);
      if (d) out.push(d);
    }
  }
  const seen = new Set<string>();
  return out.filter((d) => {
    const k = `${d.start.line}:${d.start.column}:${d.rule}`;
    return !seen.has(k) && Boolean(seen.add(k));
  }).sort(compareDiagnostics);
}

/** Validates `data` against the schema of `kind`; appends diagnostics at their positions in `source`. Returns whether valid. */
export function checkSchema(kind: SchemaKind, data: unknown, source: SourceFile, diags: Diagnostic[]): boolean {
  const v = validator(kind);
  if (v(data)) return true;
  const raw = (v.errors ?? []).filter((e) => !checkedElsewhere(kind, e));
  if (!raw.length) return true;
  const typed = typingMistakes(source, raw);
  if (typed.length) {
    for (const d of typed.slice(0, MAX_MISTAKES)) diags.push(d);
    return false;
  }
  const errors = prune(v.errors ?? []).filter((e) => !checkedElsewhere(kind, e));
  const seen = new Set<string>();
  const out: { e: ErrorObject; d: Diagnostic }[] = [];
  for (const e of errors) {
    const p = pathOf(e.instancePath);
    const params = e.params as Record<string, unknown>;
    let range;
    if (e.keyword === 'additionalProperties') range = source.rangeAt([...p, String(params.additionalProperty)], { key: true });
    else if (e.keyword === 'required') range = p.length ? source.rangeAt(p, { key: true }) : { start: { line: 1, column: 1 } };
    else range = source.rangeAt(p);
    const d = describe(source.path, range, e, p);
    const k = `${range.start.line}:${range.start.column}:${d.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ e, d });
  }
  // A required field that an unknown key is suggested to become (名称 → name) is not missing: one message, not two.
  const renamed = new Set(out.flatMap(({ e, d }) => (e.keyword === 'additionalProperties' && d.fixes?.[0] && 'text' in d.fixes[0] ? [`${e.instancePath}|${d.fixes[0].text}`] : [])));
  for (const { e, d } of out) {
    if (e.keyword === 'required' && renamed.has(`${e.instancePath}|${String((e.params as { missingProperty?: unknown }).missingProperty)}`)) continue;
    diags.push(d);
  }
  return false;
}
