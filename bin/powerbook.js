#!/usr/bin/env node
// powerbook command-line entry. The TypeScript sources in src/ are compiled to lib/ by `npm ci` (prepare) or `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../lib/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('powerbook: 尚未编译，请先运行 npm run build（not built yet: run `npm run build`）\n');
  process.exit(2);
}
const { run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
