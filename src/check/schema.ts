/** Schema validation (ajv, draft 2020-12) with each error mapped to its YAML position and told in Chinese by field title. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { makeDiagnostic, type Diagnostic, type MessagePair } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../load/source.js';
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

type Sch = { title?: string; description?: string; properties?: Record<string, Sch>; enum?: unknown[]; type?: string | string[] };

function pathOf(instancePath: string): string[] {
  if (!instancePath) return [];
  return instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const TYPE_ZH: Record<string, string> = {
  string: '文字', number: '数字', integer: '整数', boolean: '是或否（true/false）', object: '一组字段', array: '列表（每项以 "- " 开头）', null: '空',
};

function fieldName(e: ErrorObject, p: string[]): { zh: string; en: string } {
  const s = e.parentSchema as Sch | undefined;
  const key = p.length ? p[p.length - 1] : '';
  const keyLabel = /^\d+$/.test(key) ? `第 ${Number(key) + 1} 项` : key;
  const title = s?.title;
  return { zh: title ? `"${title}"${key && !/^\d+$/.test(key) ? `（${key}）` : ''}` : `"${keyLabel || '文件'}"`, en: `"${p.join('.') || 'document'}"` };
}

function describe(e: ErrorObject, p: string[]): MessagePair {
  const f = fieldName(e, p);
  const s = e.parentSchema as Sch | undefined;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const key = String(params.missingProperty);
      const sub = s?.properties?.[key];
      const t = sub?.title ? `"${sub.title}"（${key}）` : `"${key}"`;
      return {
        zh: `缺少必填项 ${t}`, en: `Missing required field "${key}"`,
        hintZh: sub?.description ? `${key}: ${sub.description}` : `请补上 ${key}`, hintEn: `Add "${key}"`,
      };
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys(s?.properties ?? {});
      const near = closest(key, allowed);
      return {
        zh: `不认识的字段"${key}"`, en: `Unknown field "${key}"`,
        hintZh: near ? `是不是要写"${near}"？` : `这里可用的字段：${allowed.join('、')}`,
        hintEn: near ? `Did you mean "${near}"?` : `Allowed here: ${allowed.join(', ')}`,
      };
    }
    case 'type': {
      const types = String(params.type).split(',');
      return { zh: `${f.zh}应为${types.map((t) => TYPE_ZH[t] ?? t).join('或')}`, en: `${f.en} must be ${types.join(' or ')}`, hintZh: s?.description, };
    }
    case 'enum': {
      const list = (params.allowedValues as unknown[]).map(String);
      const near = closest(String(e.data), list);
      return {
        zh: `${f.zh}的值"${String(e.data)}"不在可选范围内`, en: `${f.en}: "${String(e.data)}" is not one of the allowed values`,
        hintZh: `${near ? `是不是"${near}"？` : ''}可选：${list.join('、')}`, hintEn: `Allowed: ${list.join(', ')}`,
      };
    }
    case 'const':
      return { zh: `${f.zh}的值应为"${String(params.allowedValue)}"`, en: `${f.en} must be "${String(params.allowedValue)}"` };
    case 'format':
      if (params.format === 'date') return {
        zh: `${f.zh}不是有效的日期："${String(e.data)}"`, en: `${f.en} is not a valid date: "${String(e.data)}"`,
        hintZh: '日期写成 YYYY-MM-DD，如 2010-11-20', hintEn: 'Write dates as YYYY-MM-DD, e.g. 2010-11-20',
      };
      return { zh: `${f.zh}的格式不对（应为 ${String(params.format)}）`, en: `${f.en} must be a valid ${String(params.format)}` };
    case 'pattern':
      return { zh: `${f.zh}的写法不对："${String(e.data)}"`, en: `${f.en} does not match the expected form: "${String(e.data)}"`, hintZh: s?.description, hintEn: `Pattern: ${String(params.pattern)}` };
    case 'minLength':
      return { zh: `${f.zh}不能为空`, en: `${f.en} must not be empty`, hintZh: s?.description };
    case 'maxLength':
      return { zh: `${f.zh}太长，最多 ${String(params.limit)} 个字`, en: `${f.en} is too long (max ${String(params.limit)})` };
    case 'minItems':
      return { zh: `${f.zh}至少要有 ${String(params.limit)} 项`, en: `${f.en} needs at least ${String(params.limit)} item(s)`, hintZh: s?.description };
    case 'maxItems':
      return { zh: `${f.zh}最多 ${String(params.limit)} 项`, en: `${f.en} allows at most ${String(params.limit)} item(s)` };
    case 'uniqueItems':
      return { zh: `${f.zh}中有重复的项`, en: `${f.en} has duplicate items` };
    case 'minimum': case 'exclusiveMinimum': case 'maximum': case 'exclusiveMaximum':
      return { zh: `${f.zh}应${String(params.comparison)} ${String(params.limit)}`, en: `${f.en} must be ${String(params.comparison)} ${String(params.limit)}` };
    case 'anyOf': case 'oneOf':
      return { zh: `${f.zh}的写法不对`, en: `${f.en} has the wrong form`, hintZh: s?.description, hintEn: s?.description ? undefined : undefined };
    default:
      return { zh: `${f.zh}${e.message ?? '不符合要求'}`, en: `${f.en} ${e.message ?? 'is invalid'}` };
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

/** Validates `data` against the schema of `kind`; appends diagnostics at their positions in `source`. Returns whether valid. */
export function checkSchema(kind: SchemaKind, data: unknown, source: SourceFile, diags: Diagnostic[]): boolean {
  const v = validator(kind);
  if (v(data)) return true;
  const seen = new Set<string>();
  for (const e of prune(v.errors ?? [])) {
    const p = pathOf(e.instancePath);
    const params = e.params as Record<string, unknown>;
    let range;
    if (e.keyword === 'additionalProperties') range = source.rangeAt([...p, String(params.additionalProperty)], { key: true });
    else if (e.keyword === 'required') range = p.length ? source.rangeAt(p, { key: true }) : { start: { line: 1, column: 1 } };
    else range = source.rangeAt(p);
    const m = describe(e, p);
    const k = `${range.start.line}:${range.start.column}:${m.zh}`;
    if (seen.has(k)) continue;
    seen.add(k);
    diags.push(makeDiagnostic(source.path, range, 'schema', 'error', m));
  }
  return false;
}
