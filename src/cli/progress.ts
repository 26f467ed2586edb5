/** Progress: a bar on a terminal (cli-progress), nothing in CI or when piped (the summary says what happened). */
import cliProgress from 'cli-progress';
import type { Io } from './io.js';

export interface Progress { start(total: number, label: string): void; tick(done: number, total: number): void; stop(): void }

export function progress(io: Io): Progress {
  if (!io.isTTY || io.env.CI) return { start() {}, tick() {}, stop() {} };
  let bar: cliProgress.SingleBar | undefined;
  return {
    start(total, label) {
      bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {value}/{total}`, hideCursor: true, clearOnComplete: true, stream: process.stderr }, cliProgress.Presets.shades_classic);
      bar.start(total, 0);
    },
    tick(done) { bar?.update(done); },
    stop() { bar?.stop(); bar = undefined; },
  };
}
