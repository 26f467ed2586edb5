/**
 * `powerbook import`: a published power list (.xlsx/.csv) into powers/ID.yaml files of a rule repository, then those
 * files validated at once, with the law library when one is set (repealed texts, deleted or moved articles, quotes
 * that differ from the text in force). Files are written atomically, an existing file with other content is never
 * overwritten without `force`, and a file that would be written as it already is is left alone: importing the same
 * list twice writes nothing the second time.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/message.js';
import { checkCitationsOf } from '../check/index.js';
import { decode } from '../load/decode.js';
import { CONFIG_FILE } from '../load/repository.js';
import { readSource } from '../load/repository.js';
import { importPowerList, readColumnMap, type ImportedPower, type SheetImport } from '../sheet/index.js';
import { writeFilesAtomic } from '../util/write.js';
import { validate } from './index.js';

export { columnLetter, SheetNotFoundError, WORDINGS, type Field, type RowRange } from '../sheet/index.js';

export interface ImportOptions {
  /** The spreadsheet, absolute. */
  file: string;
  /** As the messages name it (relative to the working directory). */
  display: string;
  sheet?: string;
  /** --map: the column map, absolute, and as shown. */
  map?: { abs: string; display: string };
  /** The rule repository the powers go into (its powers/ folder), absolute. */
  into: string;
  force?: boolean;
  /** --law-library, POWERBOOK_LAW_LIBRARY's environment and what their paths are relative to. */
  lawLibrary?: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Whether a file's bytes are `text` but for line ends, a byte order mark or the encoding (GBK, UTF-16). */
function sameText(bytes: Uint8Array, text: string): boolean {
  const d = decode(bytes).text;
  return d !== null && d.replace(/\r\n/g, '\n') === text;
}

/** powers/ cannot be written (not a folder, no permission, the disk full): nothing of the list was written. */
export class ImportWriteError extends Error {
  constructor(readonly dir: string, readonly code: string, readonly detail: string) { super(`cannot write ${dir}: ${detail}`); }
}

export type WriteStatus = 'written' | 'unchanged' | 'overwritten' | 'kept';

export interface WrittenPower extends ImportedPower {
  /** powers/ID.yaml, relative to the repository. */
  target: string;
  status: WriteStatus;
  /** Kept because a folder (or other non-file) stands where the file would go; --force does not replace it. */
  notFile?: true;
}

export interface ImportOutcome {
  sheet?: SheetImport;
  /** Problems of the list and the map (file:row:column). */
  diagnostics: Diagnostic[];
  powers: WrittenPower[];
  /** The validation of the repository after writing, on the imported files (undefined: no powerbook.yaml there). */
  validation?: { diagnostics: Diagnostic[]; library: boolean };
  /** Whether `into` is a rule repository (has powerbook.yaml). */
  repository: boolean;
  /** 0: every power written or already so; 1: a row or the file could not be read, or a file was kept. */
  exitCode: 0 | 1;
}

/** Rules of validate already said by the import's own report of what each power lacks (sheet-missing). */
const SAID_BY_IMPORT = new Set(['power-fees', 'power-time-limit']);

export async function importList(opts: ImportOptions): Promise<ImportOutcome> {
  const diagnostics: Diagnostic[] = [];
  const repository = existsSync(path.join(opts.into, CONFIG_FILE));
  let map;
  if (opts.map) {
    const read: Diagnostic[] = [];
    const src = readSource({ rel: opts.map.display, abs: opts.map.abs }, read);
    // A map saved in GBK or UTF-16 was decoded all the same: that is no error for a file the repository does not keep.
    diagnostics.push(...(src ? read.filter((d) => d.rule !== 'encoding') : read));
    map = src ? readColumnMap(src, diagnostics) : undefined;
    if (!map) return { diagnostics: diagnostics.sort(compareDiagnostics), powers: [], repository, exitCode: 1 };
  }
  const bytes = new Uint8Array(readFileSync(opts.file));
  const sheet = await importPowerList({
    bytes, file: opts.display, ext: path.extname(opts.file), ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}), ...(map ? { map } : {}),
  });
  diagnostics.push(...sheet.diagnostics);
  const powers: WrittenPower[] = [];
  const writes: { file: string; data: string }[] = [];
  const powersDir = path.join(opts.into, 'powers');
  const dirStat = statSync(powersDir, { throwIfNoEntry: false });
  if (dirStat && !dirStat.isDirectory() && sheet.powers.length) throw new ImportWriteError(powersDir, 'ENOTDIR', 'not a directory');
  for (const p of sheet.powers) {
    const target = `powers/${p.id}.yaml`;
    const abs = path.join(opts.into, 'powers', `${p.id}.yaml`);
    let status: WriteStatus = 'written';
    const st = statSync(abs, { throwIfNoEntry: false });
    if (st && !st.isFile()) {
      // A folder (or a pipe, a socket) in the file's place: never replaced, with or without --force.
      status = 'kept';
      diagnostics.push(diag(p.file, { start: { line: p.rows.first, column: 1 } }, 'sheet-exists', 'notFile', { file: target, row: p.rows.first, name: p.name }));
      powers.push({ ...p, target, status, notFile: true });
      continue;
    }
    const existing = st ? readFileSync(abs, 'utf8') : undefined;
    // The same text saved again by Notepad or WPS on Windows (CRLF, a byte order mark, GBK) is no hand edit: unchanged, left as it is.
    if (existing === p.yaml || (st && sameText(readFileSync(abs), p.yaml))) status = 'unchanged';
    else if (existing !== undefined && !opts.force) {
      status = 'kept';
      diagnostics.push(diag(p.file, { start: { line: p.rows.first, column: 1 } }, 'sheet-exists', 'differs', { file: target, row: p.rows.first, name: p.name }));
    } else {
      if (existing !== undefined) status = 'overwritten';
      writes.push({ file: abs, data: p.yaml });
    }
    powers.push({ ...p, target, status });
  }
  // All the files or none: a list half written into powers/ would be taken for the whole list.
  try {
    writeFilesAtomic(writes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const detail = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    throw new ImportWriteError(path.join(opts.into, 'powers'), code, detail);
  }
  const failed = diagnostics.some((d) => d.severity === 'error' && d.rule.startsWith('sheet-')) || powers.some((p) => p.status === 'kept');
  const outcome: ImportOutcome = { sheet, diagnostics: diagnostics.sort(compareDiagnostics), powers, repository, exitCode: failed ? 1 : 0 };
  const imported = new Set(powers.filter((p) => p.status !== 'kept').map((p) => p.target));
  if (repository && imported.size) outcome.validation = await validateImported(opts, imported);
  return outcome;
}

/** validate() of the repository, its diagnostics on the imported files; their citations checked even where the file lacks other fields. */
async function validateImported(opts: ImportOptions, imported: Set<string>): Promise<ImportOutcome['validation']> {
  const validated = await validate(opts.into, {
    ...(opts.lawLibrary ? { lawLibrary: opts.lawLibrary } : {}), ...(opts.env ? { env: opts.env } : {}), ...(opts.cwd ? { cwd: opts.cwd } : {}),
  });
  const { repo } = validated;
  const invalid = repo.powers.filter((p) => !p.valid && imported.has(p.source.path));
  const unavailable = validated.diagnostics.some((d) => d.rule === 'law-library-path');
  const more = checkCitationsOf(repo, invalid, { ...(validated.library ? { library: validated.library } : {}), ...(unavailable ? { libraryUnavailable: true } : {}) });
  const keep = (d: Diagnostic) => (imported.has(d.file) && !(d.severity === 'info' && SAID_BY_IMPORT.has(d.rule))) || d.rule === 'law-library-path';
  const diagnostics = [...validated.diagnostics.filter(keep), ...more].sort(compareDiagnostics);
  return { diagnostics, library: Boolean(validated.library) };
}
