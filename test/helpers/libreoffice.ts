/**
 * Converting a document with LibreOffice (headless `soffice --convert-to`), for the tests that check the DOCX as
 * LibreOffice lays it out (test/docx/consumers.test.ts) and the DOCX benchmark. powerbook itself never runs LibreOffice,
 * so this lives with the tests and does not ship.
 *
 * Each conversion runs with a private, throw-away user profile (`-env:UserInstallation`), so conversions running at
 * the same time don't wait on each other's profile lock, and is killed (with its children) after a timeout.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export class LibreOfficeError extends Error {
  constructor(
    message: string,
    readonly details: { command: string; exitCode?: number | null; stderr?: string } = { command: 'soffice' },
  ) {
    super(message);
    this.name = 'LibreOfficeError';
  }
}

export interface ConvertOptions {
  /** Kill the conversion after this many milliseconds (default 120 s). */
  timeoutMs?: number;
  /** The soffice executable (default $SOFFICE or "soffice" on the PATH). */
  soffice?: string;
  /** `--infilter`: how to read the input (a CSV's separator and character set: "Text - txt - csv (StarCalc):44,34,76,1"). */
  infilter?: string;
  /** The files the conversion writes into `outDir` (default `<input name>.<format>`): a spreadsheet's sheets as CSV are one each. */
  outputs?: string[];
}

/**
 * Converts `docxPath` into `outDir` (created if needed) and returns the path of the (first) file written, e.g.
 * `outDir/name.pdf`. `format` is what `--convert-to` takes: an extension, or an extension with a filter and its options
 * ("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1": every sheet, a CSV each).
 */
export async function convertWithLibreOffice(docxPath: string, outDir: string, format: string, options: ConvertOptions = {}): Promise<string> {
  const soffice = options.soffice ?? process.env.SOFFICE ?? 'soffice';
  const timeoutMs = options.timeoutMs ?? 120_000;
  const input = resolve(docxPath);
  if (!existsSync(input)) throw new LibreOfficeError(`找不到要转换的文件：${input}`, { command: soffice });
  await mkdir(outDir, { recursive: true });
  const profile = await mkdtemp(join(tmpdir(), 'lo-profile-'));
  const args = [
    `-env:UserInstallation=${pathToFileURL(profile).href}`,
    '--headless',
    '--nologo',
    '--nodefault',
    '--nolockcheck',
    '--norestore',
    ...(options.infilter ? [`--infilter=${options.infilter}`] : []),
    '--convert-to',
    format,
    '--outdir',
    resolve(outDir),
    input,
  ];
  const command = `${soffice} ${args.join(' ')}`;
  const outputs = (options.outputs ?? [`${basename(input, extname(input))}.${format.split(':')[0]}`]).map((o) => join(resolve(outDir), o));
  const output = outputs[0]!;
  try {
    await new Promise<void>((resolvePromise, reject) => {
      let stderr = '';
      let settled = false;
      const child = spawn(soffice, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      const finish = (error?: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolvePromise();
      };
      const timer = setTimeout(() => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
        finish(new LibreOfficeError(`LibreOffice 转换超时（${Math.round(timeoutMs / 1000)} 秒）：${input}`, { command, stderr }));
      }, timeoutMs);
      child.stdout?.on('data', () => {});
      child.stderr?.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      child.on('error', (err: NodeJS.ErrnoException) => {
        finish(
          err.code === 'ENOENT'
            ? new LibreOfficeError(
                `找不到 LibreOffice（${soffice}）：请安装 LibreOffice（Debian/Ubuntu：apt-get install libreoffice-writer-nogui），或用环境变量 SOFFICE 指定 soffice 的路径。`,
                { command },
              )
            : new LibreOfficeError(`无法启动 LibreOffice（${soffice}）：${err.message}`, { command }),
        );
      });
      child.on('close', (code) => {
        if (code !== 0) finish(new LibreOfficeError(`LibreOffice 转换失败（退出码 ${code}）：${input}\n${stderr.trim()}`, { command, exitCode: code, stderr }));
        else if (outputs.some((o) => !existsSync(o))) finish(new LibreOfficeError(`LibreOffice 没有写出 ${outputs.filter((o) => !existsSync(o)).join('、')}：${stderr.trim() || '无输出'}`, { command, exitCode: code, stderr }));
        else finish();
      });
    });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  return output;
}
