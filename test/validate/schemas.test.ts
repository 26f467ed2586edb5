import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { AJV_FORMATS, AJV_OPTIONS, SCHEMA_KINDS, schemaHash, schemaPath } from '../../src/check/schema.js';

type Node = Record<string, unknown>;

/** Every property schema, at every depth, with its JSON path. */
function properties(node: unknown, at: string, out: [string, Node][] = []): [string, Node][] {
  if (!node || typeof node !== 'object') return out;
  const n = node as Node;
  for (const [k, v] of Object.entries((n.properties ?? {}) as Record<string, Node>)) { out.push([`${at}.${k}`, v]); properties(v, `${at}.${k}`, out); }
  for (const key of ['items', 'additionalProperties']) if (n[key] && typeof n[key] === 'object') properties(n[key], `${at}.${key}`, out);
  for (const key of ['anyOf', 'oneOf', 'allOf']) (n[key] as unknown[] | undefined)?.forEach((s, i) => properties(s, `${at}.${key}[${i}]`, out));
  for (const [k, v] of Object.entries((n.$defs ?? {}) as Record<string, Node>)) { out.push([`${at}.$defs.${k}`, v]); properties(v, `${at}.$defs.${k}`, out); }
  return out;
}

describe('published JSON Schemas', () => {
  for (const kind of SCHEMA_KINDS) {
    it(`${kind}: draft 2020-12, and every property has a Chinese title and description`, () => {
      const s = JSON.parse(readFileSync(schemaPath(kind), 'utf8'));
      expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      const props = properties(s, kind);
      expect(props.length).toBeGreaterThan(3);
      for (const [p, v] of props) {
        expect(v.title, `${p}.title`).toMatch(/[\u4e00-\u9fa5]/);
        expect(v.description, `${p}.description`).toMatch(/[\u4e00-\u9fa5]/);
      }
    });
  }
});

describe('the validators precompiled by npm run build (lib/check/validators)', () => {
  const require = createRequire(import.meta.url);
  const { Ajv2020 } = require('ajv/dist/2020');
  const addFormats = require('ajv-formats');
  const example = (dir: string, ext: string) => readdirSync(path.join('examples/zhuzhou-commerce', dir)).filter((f) => f.endsWith(ext)).map((f) => path.join('examples/zhuzhou-commerce', dir, f));
  const samples: Record<string, unknown[]> = {
    config: [jsYaml.load(readFileSync('examples/zhuzhou-commerce/powerbook.yaml', 'utf8'))],
    law: example('laws', '.yaml').map((f) => jsYaml.load(readFileSync(f, 'utf8'))),
    power: example('powers', '.yaml').map((f) => jsYaml.load(readFileSync(f, 'utf8'))),
    rule: example('rules', '.md').map((f) => jsYaml.load(readFileSync(f, 'utf8').split(/^---\s*$/m)[1]!)),
  };
  /** Deterministic damage: drop, retype and add fields, at the top and one level down. */
  function mutations(data: unknown): unknown[] {
    const out: unknown[] = [data, null, [], 'text', {}];
    const obj = data as Record<string, unknown>;
    for (const k of Object.keys(obj)) {
      const { [k]: _, ...rest } = obj;
      out.push(rest, { ...obj, [k]: 42 }, { ...obj, [k]: [] }, { ...obj, [k]: { nope: true } }, { ...obj, [`${k}x`]: 'extra' });
      const v = obj[k];
      if (Array.isArray(v) && v[0] && typeof v[0] === 'object') out.push({ ...obj, [k]: [{ ...v[0], bogus: 1 }, 'x', 3] });
      if (v && typeof v === 'object' && !Array.isArray(v)) for (const j of Object.keys(v)) out.push({ ...obj, [k]: { ...(v as object), [j]: -1 } });
    }
    return out;
  }

  for (const kind of SCHEMA_KINDS) {
    it(`${kind}: made from the schema as it is, and gives the errors ajv gives compiling it`, () => {
      const file = path.resolve('lib/check/validators', `${kind}.cjs`);
      expect(existsSync(file), 'run npm run build first').toBe(true);
      const pre = require(file);
      expect(pre.schemaSha256).toBe(schemaHash(kind));
      const ajv = addFormats(new Ajv2020(AJV_OPTIONS), AJV_FORMATS);
      const fresh = ajv.compile(JSON.parse(readFileSync(schemaPath(kind), 'utf8')));
      let errors = 0;
      for (const sample of samples[kind]!) {
        for (const data of mutations(sample)) {
          const a = pre(data), b = fresh(data);
          expect(a).toBe(b);
          expect(JSON.stringify(pre.errors)).toBe(JSON.stringify(fresh.errors));
          errors += fresh.errors?.length ?? 0;
        }
      }
      expect(errors).toBeGreaterThan(20);
    });
  }
});
