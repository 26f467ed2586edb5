/** `powerbook schema --out DIR`: writes the JSON Schemas so that editors and other tools can use them. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Lang } from '../diagnostics/diagnostic.js';
import { SCHEMA_KINDS, schemaPath } from '../check/schema.js';
import type { Io } from './io.js';
import { writeFileAtomic } from '../util/write.js';

export function schemaCommand(io: Io, lang: Lang, out: string): number {
  const dir = path.resolve(io.cwd, out);
  for (const kind of SCHEMA_KINDS) {
    const file = path.join(dir, `${kind}.schema.json`);
    writeFileAtomic(file, readFileSync(schemaPath(kind)));
    io.stdout(`${path.relative(io.cwd, file) || file}\n`);
  }
  io.stderr(lang === 'en' ? `Wrote ${SCHEMA_KINDS.length} schemas to ${out}\n` : `已写出 ${SCHEMA_KINDS.length} 个 Schema 到 ${out}\n`);
  return 0;
}
