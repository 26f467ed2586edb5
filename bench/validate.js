// Benchmark: `powerbook validate` (schema + every semantic check) on 10,000 powers, 500 laws and 200 rules, against
// ajv-cli validating the same power files against the same schema alone. Cold processes, alternated, median of 3.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepository } from './generate.js';
import { median, runNode } from './measure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function run({ runs = 3 } = {}) {
  const dir = path.join(ROOT, 'bench/.data/validate-10k');
  if (!existsSync(path.join(dir, 'powers/XK-00000.yaml'))) generateRepository(dir, { powers: 10000, laws: 500, rules: 200 });
  const pb = [], ajv = [];
  for (let i = 0; i < runs; i++) {
    const a = runNode([path.join(ROOT, 'bin/powerbook.js'), 'validate', dir, '--stage', 'submit', '--format', 'json']);
    if (a.status !== 0) throw new Error(`powerbook validate failed (${a.status}): ${a.stdout.slice(0, 500)} ${a.stderr.slice(0, 500)}`);
    pb.push(a);
    const b = runNode([path.join(ROOT, 'node_modules/ajv-cli/dist/index.js'), 'validate', '--spec=draft2020', '-s', path.join(ROOT, 'schemas/power.schema.json'),
      '-d', `${dir}/powers/*.yaml`, '-c', 'ajv-formats'], { cwd: ROOT });
    if (b.status !== 0) throw new Error(`ajv-cli failed (${b.status}): ${b.stderr.slice(0, 500)}`);
    ajv.push(b);
  }
  const pbMs = median(pb.map((r) => r.ms)), ajvMs = median(ajv.map((r) => r.ms));
  const pbMb = Math.max(...pb.map((r) => r.mb));
  console.log('validate: 10,000 powers + 500 laws + 200 rules (schema + all semantic checks), cold process, median of ' + runs);
  console.log(`  powerbook validate : ${(pbMs / 1000).toFixed(2)} s, peak ${pbMb.toFixed(0)} MB   (target < 2 s, < 500 MB)`);
  console.log(`  ajv-cli (powers, schema only): ${(ajvMs / 1000).toFixed(2)} s, peak ${Math.max(...ajv.map((r) => r.mb)).toFixed(0)} MB`);
  console.log(`  ratio powerbook / ajv-cli: ${(pbMs / ajvMs).toFixed(2)}  (target <= 1.00)`);
  return { pbMs, ajvMs, ratio: pbMs / ajvMs, pbMb };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
