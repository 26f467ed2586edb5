#!/usr/bin/env node
// powerbook command-line entry. The TypeScript sources in src/ are compiled to lib/ by `npm ci` (prepare) or `npm run build`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../lib/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('powerbook: 尚未编译，请先运行 npm run build（not built yet: run `npm run build`）\n');
  process.exit(2);
}

// `build` makes many short-lived objects (the DOCX page layout above all): it runs in a Node process of its own with a
// larger young generation, a flag V8 takes only at start-up. Same arguments, same terminal, same exit status. (16 MB
// semi-spaces: for the 1,000-power benchmark the same CPU time as 32 MB, within the noise, and 80 MB less memory.)
const args = process.argv.slice(2);
// A heap may grow to twice what was live after a collection, not four times: the layout's garbage dies young-ish
// (src/render/docx/heap.ts does the same at run time when started without it).
const FLAGS = ['--max-semi-space-size=16', '--heap-growing-percent=100'];
if (args.includes('build') && !process.env.POWERBOOK_CHILD && !process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) {
  const child = spawn(process.execPath, [...process.execArgv, ...FLAGS, fileURLToPath(import.meta.url), ...args], {
    stdio: 'inherit', env: { ...process.env, POWERBOOK_CHILD: '1' },
  });
  // Ctrl-C reaches both processes: the child stops (leaving previous outputs intact), then this one with its status.
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => { child.kill(s); });
  child.on('error', (e) => { process.stderr.write(`powerbook: ${e.message}\n`); process.exit(2); });
  child.on('exit', (code, signal) => { process.exitCode = code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1) : 2); });
} else {
  const { run } = await import(main.href);
  process.exitCode = await run(args);
}
