/** Runs the powerbook CLI in-process (the same code the binary runs) and captures its output. */
import { run } from '../../src/cli/main.js';

export interface CliResult { code: number; stdout: string; stderr: string }

export async function cli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  let stdout = '', stderr = '';
  const code = await run(args, {
    stdout: (s) => { stdout += s; },
    stderr: (s) => { stderr += s; },
    cwd: opts.cwd ?? process.cwd(),
    env: { LANG: 'zh_CN.UTF-8', ...opts.env },
    isTTY: false,
  });
  return { code, stdout, stderr };
}

export interface JsonDiag { file: string; line: number; column: number; rule: string; severity: string; message: string; messageEn: string; hint?: string }

export async function validateJson(dir: string, extra: string[] = []): Promise<{ code: number; diags: JsonDiag[]; stderr: string }> {
  const r = await cli(['validate', dir, '--format', 'json', ...extra]);
  return { code: r.code, diags: r.stdout ? JSON.parse(r.stdout) as JsonDiag[] : [], stderr: r.stderr };
}
