// Child of bench/laws.js: opens the law library (then searches), printing what it measured as one JSON line: wall
// time and this process's CPU time (all threads) of the opening, and of each search.
// Usage: node bench/laws-child.js LIBRARY CACHE_DIR [QUERY…]
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const [lib, cacheDir, ...queries] = process.argv.slice(2);
const t0 = performance.now();
const { openLibrary } = await import('../lib/library/index.js');
const t1 = performance.now(), c1 = cpu();
const library = await openLibrary([lib], { cacheDir });
const t2 = performance.now(), c2 = cpu();
const searches = [];
for (const q of queries) {
  const s = performance.now(), c = cpu();
  const hits = library.search(q, { limit: 20 });
  searches.push({ q, ms: performance.now() - s, cpuMs: cpu() - c, hits: hits.length });
}
console.log(JSON.stringify({ importMs: t1 - t0, openMs: t2 - t1, openCpuMs: c2 - c1, cache: library.stats.cache, files: library.stats.files, searches }));
