/** The CLI's connection to the world, injectable so that tests call commands without spawning a process. */
import type { Lang } from '../diagnostics/diagnostic.js';

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
