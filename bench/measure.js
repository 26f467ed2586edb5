// Runs a Node command in a fresh process and returns wall time (ms), peak memory (MB) and CPU time (ms). A command that
// starts Node processes of its own (`build` runs in a child with V8 flags, bin/powerbook.js) is measured with them:
// the peak memory and CPU time of each process (rss.cjs reports them) are added up.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RSS = fileURLToPath(new URL('./rss.cjs', import.meta.url));

/** The largest figure each process reported for `name`, added up over the processes. */
function perProcess(stderr, name) {
  const byPid = new Map();
  for (const m of stderr.matchAll(new RegExp(`${name} (\\d+) (\\d+)`, 'g'))) byPid.set(m[2], Math.max(byPid.get(m[2]) ?? 0, Number(m[1])));
  return byPid.size ? [...byPid.values()].reduce((a, b) => a + b, 0) : NaN;
}

export function runNode(args, opts = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', RSS, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const stderr = r.stderr ?? '';
  return { ms, mb: perProcess(stderr, 'PB_MAXRSS') / 1024, cpuMs: perProcess(stderr, 'PB_CPU') / 1000, status: r.status, stdout: r.stdout, stderr };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
