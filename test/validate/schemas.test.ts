import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_KINDS, schemaPath } from '../../src/check/schema.js';

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
