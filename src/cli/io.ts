/** The CLI's connection to the world, injectable so that tests call commands without spawning a process. */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Lang } from '../diagnostics/diagnostic.js';
import type { OutDirProblem } from '../util/outdir.js';
import { writeFileAtomic } from '../util/write.js';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

export function processIo(): Io {
  // `powerbook validate | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); });
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
  };
}

/** `--lang` wins; otherwise English when the locale is English, else Simplified Chinese. */
export function resolveLang(opt: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (opt === 'en' || opt === 'zh') return opt;
  const loc = env.POWERBOOK_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en/i.test(loc) ? 'en' : 'zh';
}

/** A usage or environment problem: printed as one line, exit status 2. */
export class UsageError extends Error {
  constructor(readonly zh: string, readonly en: string) { super(en); }
}

const WHY: Record<string, { zh: string; en: string }> = {
  EACCES: { zh: '没有写入权限', en: 'permission denied' }, EPERM: { zh: '没有写入权限', en: 'permission denied' },
  EROFS: { zh: '只读文件系统', en: 'read-only file system' }, ENOSPC: { zh: '磁盘已满', en: 'no space left on the device' },
  ENOTDIR: { zh: '路径中有一段是文件，不是目录', en: 'a part of the path is a file, not a directory' },
  EEXIST: { zh: '路径中有一段是文件，不是目录', en: 'a part of the path is a file, not a directory' },
};

/**
 * A command's report written to `-o FILE` (relative to the working directory), atomically: a path that is a directory,
 * lies under a file or cannot be written is a usage error saying so, never a stack trace.
 */
export function writeReport(io: Io, given: string, data: string | Uint8Array, flag = '-o'): void {
  const file = path.resolve(io.cwd, given);
  let isDir = false;
  try { isDir = statSync(file).isDirectory(); } catch { /* not there yet */ }
  if (isDir) throw new UsageError(`${flag} ${given} 是一个目录：请写出文件名，例如 ${path.join(given, 'report.md')}`, `${flag} ${given} is a directory: give a file name, e.g. ${path.join(given, 'report.md')}`);
  try {
    writeFileAtomic(file, data);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const why = WHY[code] ?? { zh: (e as Error).message, en: (e as Error).message };
    throw new UsageError(`无法写入 ${given}：${why.zh}`, `Cannot write ${given}: ${why.en}`);
  }
}

/** An output folder that cannot be used (util/outdir.ts), said with the option that named it. */
export function outDirError(p: OutDirProblem, given: string, flag = '--out'): UsageError {
  switch (p.kind) {
    case 'not-a-directory':
      return new UsageError(`输出目录 ${given} 是一个文件，不是目录：请用 ${flag} 指定一个目录，或先移走这个文件`, `The output path ${given} is a file, not a directory: give ${flag} a directory, or move the file away`);
    case 'under-a-file':
      return new UsageError(`输出目录 ${given} 无法创建：${p.file} 是一个文件，不是目录。请用 ${flag} 指定别的目录`, `Cannot create the output directory ${given}: ${p.file} is a file, not a directory. Give ${flag} another directory`);
    case 'not-writable':
      return new UsageError(`输出目录 ${given} 无法写入（${p.dir}：${p.code === 'EROFS' ? '只读文件系统' : '没有写入权限'}）。请用 ${flag} 指定一个可写的目录`, `Cannot write to the output directory ${given} (${p.dir}: ${p.code === 'EROFS' ? 'read-only file system' : 'permission denied'}). Give ${flag} a writable directory`);
  }
}
