/**
 * Finding and starting the system Chromium. powerbook never downloads a browser: it depends on puppeteer-core, which
 * has no browser and no install script, and uses Debian's /usr/bin/chromium, or the one named by POWERBOOK_CHROMIUM /
 * PUPPETEER_EXECUTABLE_PATH.
 */
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export class ChromiumMissingError extends Error {
  constructor(readonly executablePath: string) {
    super(
      `未找到 Chromium：请运行 sudo apt-get install -y chromium（Chromium not found at ${executablePath}: ` +
        'run sudo apt-get install -y chromium, or set POWERBOOK_CHROMIUM to its path）',
    );
    this.name = 'ChromiumMissingError';
  }
}

/** The browser to use; throws ChromiumMissingError if it is not an executable file. */
export function chromiumPath(explicit?: string): string {
  const path = explicit || process.env.POWERBOOK_CHROMIUM || process.env.PUPPETEER_EXECUTABLE_PATH || DEFAULT_CHROMIUM;
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new ChromiumMissingError(path);
  }
  return path;
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchedBrowser {
  browser: Browser;
  /** Stop the browser and delete its profile. Never throws, never leaves the process behind. */
  close(): Promise<void>;
}

export async function launchChromium(executablePath: string): Promise<LaunchedBrowser> {
  // Loaded here, not at the top: a warm build served from the cache must not pay for importing puppeteer.
  const { default: puppeteer } = await import('puppeteer-core');
  // A fresh profile per run: no state shared with another run or with the user's browser.
  const userDataDir = mkdtempSync(join(tmpdir(), 'powerbook-chromium-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      args: ARGS,
      userDataDir,
      pipe: true,
      protocolTimeout: 120_000,
    });
  } catch (err) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw new Error(`Chromium (${executablePath}) failed to start: ${(err as Error).message}`, { cause: err });
  }
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= (async () => {
    const proc = browser.process();
    try {
      await Promise.race([browser.close(), delay(5_000)]);
    } catch { /* already gone */ }
    // A browser that did not close in time (or a crashed one's leftovers) is killed, and waited for, so that
    // neither a process nor a profile directory outlives the run.
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGKILL');
      await Promise.race([exited, delay(2_000)]);
    }
    rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
  })());
  return { browser, close };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
