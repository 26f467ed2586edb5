// Runs a Node command in a fresh process and returns wall time (ms), peak memory (MB) and CPU time (ms). A command that
// starts Node processes of its own is measured with them:
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

/**
 * Runs a Node command and measures its whole process tree (Chromium's processes too, which rss.cjs does not reach):
 * every 0.2 s, the CPU time (user + system, from /proc/<pid>/stat) of each process it started, kept per process until it
 * ends, and the memory of the tree as the sum of each process's proportional set size (PSS, /proc/<pid>/smaps_rollup:
 * shared pages, as Chromium's processes share them, counted once in all). Linux only; elsewhere `tree` is undefined.
 * Returns runNode's figures with `tree: { cpuMs, mb, processes }`.
 */
export async function runTree(args, opts = {}) {
  const { spawn } = await import('node:child_process');
  const { readdirSync, readFileSync } = await import('node:fs');
  const t = process.hrtime.bigint();
  const child = spawn(process.execPath, ['-r', RSS, ...args], { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '', stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
  const tick = 100 / 1000; // jiffies of /proc/<pid>/stat: USER_HZ, 100 on Linux
  const cpu = new Map();
  let peak = 0, linux = true, ticks = 0;
  // CPU times every 200 ms (cheap); the PSS once a second: reading smaps_rollup makes the kernel walk each process's
  // pages (≈ 300 ms of system time for 50 processes holding a few GB), which at 5 Hz took a core of the 2 from the
  // build it measured (1,000 powers: 92 s of system time in a 316 s build).
  const sample = () => {
    let entries;
    try { entries = readdirSync('/proc'); } catch { linux = false; return; }
    const parents = new Map(), times = new Map();
    for (const d of entries) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const s = readFileSync(`/proc/${d}/stat`, 'utf8');
        const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
        parents.set(Number(d), Number(f[1]));
        times.set(Number(d), (Number(f[11]) + Number(f[12])) / tick);
      } catch { /* ended meanwhile */ }
    }
    const tree = new Set([child.pid]);
    for (let grew = true; grew;) {
      grew = false;
      for (const [pid, ppid] of parents) if (tree.has(ppid) && !tree.has(pid)) { tree.add(pid); grew = true; }
    }
    let pss = 0;
    const memory = ticks++ % 5 === 0;
    for (const pid of tree) {
      if (times.has(pid)) cpu.set(pid, Math.max(cpu.get(pid) ?? 0, times.get(pid)));
      if (memory) try { pss += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0); } catch { /* ended */ }
    }
    peak = Math.max(peak, pss);
  };
  const timer = setInterval(sample, 200);
  const status = await new Promise((resolve) => child.on('close', (code) => resolve(code)));
  clearInterval(timer);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  // The Node processes' own figures at exit (rss.cjs): exact, where the sampling may miss their last 0.2 s.
  const nodeCpuMs = perProcess(stderr, 'PB_CPU') / 1000;
  const sampledNode = [...cpu.keys()].filter((pid) => stderr.includes(` ${pid}\n`)).reduce((n, pid) => n + cpu.get(pid), 0);
  const treeCpu = [...cpu.values()].reduce((a, b) => a + b, 0) - sampledNode + nodeCpuMs;
  return {
    ms, status, stdout, stderr, mb: perProcess(stderr, 'PB_MAXRSS') / 1024, cpuMs: nodeCpuMs,
    tree: linux ? { cpuMs: treeCpu, mb: peak / 1024, processes: cpu.size } : undefined,
  };
}
