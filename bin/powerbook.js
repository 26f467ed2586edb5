#!/usr/bin/env node
// powerbook command-line entry. The TypeScript sources in src/ are compiled to lib/ by `npm ci` (prepare) or `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

const main = new URL('../lib/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('powerbook: 尚未编译，请先运行 npm run build（not built yet: run `npm run build`）\n');
  process.exit(2);
}

const args = process.argv.slice(2);
// `build` makes many short-lived objects (the DOCX page layout above all): its heap may grow to twice what was live
// after a collection, not four times (V8 reads the flag each time it sets a limit, so setting it now works). It is
// added to execArgv as if given on the command line, so that src/render/docx/heap.ts leaves it as it is. (Builds used
// to run in a child process started with this flag and 32 MB semi-spaces; 16 MB, V8's default here, took the same
// CPU time for 80 MB less, and the child's parent held 50 MB more.)
if (args.includes('build') && !process.execArgv.some((a) => /^--heap[-_]growing[-_]percent\b/.test(a))) {
  setFlagsFromString('--heap-growing-percent=100');
  process.execArgv.push('--heap-growing-percent=100');
}
const { run } = await import(main.href);
process.exitCode = await run(args);
