// Preloaded into benchmarked Node processes (and the processes they start, through execArgv): reports the process's
// peak resident memory (KB) and CPU time (µs) on exit, with its pid. Worker threads report too (the same process, at
// the time they end): measure.js keeps the last figure of each process and adds up the processes.
process.on('exit', () => {
  const u = process.resourceUsage();
  require('node:fs').writeSync(2, `\nPB_MAXRSS ${u.maxRSS} ${process.pid}\nPB_CPU ${u.userCPUTime + u.systemCPUTime} ${process.pid}\n`);
});
