/**
 * Files as a clerk on Chinese Windows saves them (Notepad/WPS: GBK or UTF-16 "Unicode", CRLF line ends), the built CLI
 * run on them as a separate process (bin/powerbook.js, as installed), and the fixes a diagnostic suggests applied.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';

export const BIN = path.resolve('bin/powerbook.js');

export type ClerkEncoding = 'utf8' | 'gbk' | 'utf16le';

export interface Saved { encoding: ClerkEncoding; crlf: boolean }

/** Writes `text` (written with "\n") as saved by the clerk's editor. */
export function saveAs(file: string, text: string, how: Saved): void {
  const t = how.crlf ? text.replace(/\r?\n/g, '\r\n') : text;
  const bytes = how.encoding === 'utf8' ? Buffer.from(t, 'utf8')
    : how.encoding === 'gbk' ? iconv.encode(t, 'gbk')
      : Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(t, 'utf16le')]);
  writeFileSync(file, bytes);
}

/** The text of a file saved by saveAs (line ends as saved). */
export function readAs(file: string, how: Saved): string {
  const bytes = readFileSync(file);
  if (how.encoding === 'utf8') return bytes.toString('utf8');
  if (how.encoding === 'gbk') return iconv.decode(bytes, 'gbk');
  return iconv.decode(bytes.subarray(2), 'utf16le');
}

export interface BinResult { code: number; stdout: string; stderr: string }

/** Runs the built CLI as a process, in `cwd`, with a Chinese locale unless `env` says otherwise. */
export function runBin(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): BinResult {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['POWERBOOK_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE']) delete env[k];
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? process.cwd(), env: { ...env, LANG: 'zh_CN.UTF-8', ...opts.env }, encoding: 'utf8', maxBuffer: 1 << 28,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export interface Position { line: number; column: number }
export interface TextFix { start: Position; end: Position; text: string }
export interface JsonDiagnostic {
  file: string; line: number; column: number; endLine?: number; endColumn?: number; rule: string; severity: string;
  message: string; messageZh: string; messageEn: string; hint?: string; fixes?: ({ rename: string } | TextFix)[];
}

/** `validate ... --format json` with the built CLI. */
export function validateBin(target: string, extra: string[] = [], opts: { cwd?: string; env?: Record<string, string> } = {}): { code: number; diags: JsonDiagnostic[]; stderr: string } {
  const r = runBin(['validate', target, '--format', 'json', ...extra], opts);
  return { code: r.code, diags: r.stdout ? JSON.parse(r.stdout) as JsonDiagnostic[] : [], stderr: r.stderr };
}

/**
 * `text` with the fixes applied (positions as the diagnostics give them: 1-based lines split at "\n", columns in UTF-16
 * units of the decoded text, the end excluded). Applied from the last to the first; they must not overlap.
 */
export function applyFixes(text: string, fixes: readonly TextFix[]): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const off = (p: Position) => starts[p.line - 1]! + p.column - 1;
  const sorted = [...fixes].sort((a, b) => off(b.start) - off(a.start));
  let out = text;
  let limit = Infinity;
  for (const f of sorted) {
    const s = off(f.start), e = off(f.end);
    if (e > limit) throw new Error(`overlapping fixes at ${f.start.line}:${f.start.column}`);
    out = out.slice(0, s) + f.text + out.slice(e);
    limit = s;
  }
  return out;
}
