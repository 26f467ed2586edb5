// Runs a Node command in a fresh process and returns wall time (ms) and peak memory (MB).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RSS = fileURLToPath(new URL('./rss.cjs', import.meta.url));

export function runNode(args, opts = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', RSS, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const m = /PB_MAXRSS (\d+)/.exec(r.stderr ?? '');
  return { ms, mb: m ? Number(m[1]) / 1024 : NaN, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
