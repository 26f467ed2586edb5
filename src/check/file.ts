/**
 * The work done for one file: read, decode, parse, check against its schema. A pure function of the file, so that a
 * large repository can spread it over worker threads (load/pool.ts) and get the same result as in-process.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/message.js';
import { checkPower } from './power.js';
import { checkSchema, type SchemaKind } from './schema.js';
import { checkQuotes } from './quotes.js';
import { checkHidden } from './hidden.js';
import type { Power } from '../domain/types.js';
import { readText } from '../load/read.js';
import type { Listed } from '../load/files.js';
import { SourceFile } from '../load/source.js';
import { parseYaml, splitFrontMatter } from '../load/yaml.js';
import { bareTitle } from '../domain/law.js';

export interface FileJob extends Listed { kind: SchemaKind }

export interface LoadOptions {
  /**
   * Keep of a power's data only what the checks over the whole repository use (SLIM_POWER_KEYS), once the checks of
   * the power alone have run: `validate` needs no more, and a large repository then takes a fraction of the memory.
   */
  slim?: boolean;
}

/** What of a power the checks across files, and validate's flowchart check, read. */
export const SLIM_POWER_KEYS = ['id', 'name', 'category', 'body', 'unit', 'legal_bases', 'flowchart', 'fees', 'time_limit', 'status', 'status_date', 'status_reason'] as const;

export interface FileResult {
  rel: string;
  abs: string;
  kind: SchemaKind;
  /** False when the file could not be read or decoded at all. */
  readable: boolean;
  /** Parsed data (also when it fails the schema; undefined when it did not parse). */
  data?: unknown;
  schemaValid: boolean;
  diagnostics: Diagnostic[];
  /** A valid power: the diagnostics of the rules that look at one power alone (check/power.ts), before `lint` settings. */
  checked?: Diagnostic[];
  /** Rules (Markdown): offsets of the front matter and body. */
  yamlOffset?: number;
  yamlEnd?: number;
  bodyOffset?: number;
  /** Text is sent back only when small files need it later (rules), to keep large repositories cheap. */
  text?: string;
}

const START = { start: { line: 1, column: 1 } };

export function loadFile(job: FileJob, opts: LoadOptions = {}): { result: FileResult; source?: SourceFile } {
  const diagnostics: Diagnostic[] = [];
  const result: FileResult = { rel: job.rel, abs: job.abs, kind: job.kind, readable: false, schemaValid: false, diagnostics };
  const text = readText(job, diagnostics);
  if (text === null) return { result };
  result.readable = true;
  const source = new SourceFile(job.rel, job.abs, text);
  if (job.kind === 'rule') {
    result.text = text;
    const fm = splitFrontMatter(text);
    if (!fm) {
      diagnostics.push(diag(job.rel, START, 'front-matter-missing', 'missing'));
      result.bodyOffset = 0;
      return { result, source };
    }
    source.yamlOffset = result.yamlOffset = fm.yamlOffset;
    source.yamlEnd = result.yamlEnd = fm.yamlEnd;
    result.bodyOffset = fm.bodyOffset;
  } else if (text.trim() === '') {
    diagnostics.push(diag(job.rel, START, 'empty-file', 'empty'));
    return { result, source };
  }
  const parsed = parseYaml(source, diagnostics);
  if (!parsed.ok) return { result, source };
  if (job.kind === 'law') normaliseLaw(parsed.data);
  result.data = parsed.data;
  result.schemaValid = checkSchema(job.kind, parsed.data, source, diagnostics);
  checkQuotes(job.kind, parsed.data, source, diagnostics);
  checkHidden(parsed.data, source, diagnostics);
  if (job.kind === 'power' && result.schemaValid) {
    result.checked = checkPower({ data: parsed.data as Power, source, valid: true });
    if (opts.slim) {
      const data = parsed.data as Record<string, unknown>;
      result.data = Object.fromEntries(SLIM_POWER_KEYS.filter((k) => k in data).map((k) => [k, data[k]]));
      // Nor its text: it is read again in the rare case that a check across files reports on it (as for workers).
      return { result };
    }
  }
  return { result, source };
}

/** Titles typed with their book-title marks (《…》) are kept without them: output adds them once (domain/law.ts). */
function normaliseLaw(data: unknown): void {
  if (!data || typeof data !== 'object') return;
  const law = data as Record<string, unknown>;
  for (const key of ['title', 'short_title']) if (typeof law[key] === 'string') law[key] = bareTitle(law[key] as string);
}
