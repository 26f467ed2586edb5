// `npm run bench`: every benchmark, each printing its figure as a ratio against its peer.
// BENCH_ONLY=validate,flowcharts,docx,pdf,diff,laws,citations,export,import runs a subset (docx and pdf generate and warm repositories of thousands of
// powers first, which takes many minutes).
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const want = (name) => !only || only.has(name);

if (want('validate')) await (await import('./validate.js')).run();
if (want('flowcharts')) await (await import('./flowcharts.js')).run();
if (want('docx')) await (await import('./docx.js')).run();
if (want('pdf')) await (await import('./pdf.js')).run();
if (want('diff')) await (await import('./diff.js')).run();
if (want('laws')) await (await import('./laws.js')).run();
if (want('laws') || want('citations')) await (await import('./laws.js')).runCitations();
if (want('export')) await (await import('./export.js')).run();
if (want('import')) await (await import('./import.js')).run();
