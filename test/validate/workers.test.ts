/**
 * A repository over the size where loading is spread over worker threads (load/pool.ts), full of mistakes: the
 * compiled CLI gives the same diagnostics with the workers as without, with powerbook.yaml's `lint` settings applied
 * to the checks that ran in the workers.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKER_THRESHOLD } from '../../src/check/pool.js';
import { copyExample, tempDir } from '../helpers/repo.js';
import type { JsonDiag } from '../helpers/cli.js';

const BIN = path.resolve('bin/powerbook.js');

function validate(dir: string, env: Record<string, string> = {}): { out: string; diags: JsonDiag[] } {
  let out: string;
  try {
    out = execFileSync(process.execPath, [BIN, 'validate', dir, '--format', 'json', '--stage', 'submit'], { env: { ...process.env, LANG: 'zh_CN.UTF-8', ...env }, encoding: 'utf8', maxBuffer: 1 << 28 });
  } catch (e) {
    out = (e as { stdout: string }).stdout;
  }
  return { out, diags: JSON.parse(out) as JsonDiag[] };
}

describe('validate on a large repository, loaded by worker threads', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('pb-workers-');
    copyExample('examples/mistakes', dir);
    const cfg = path.join(dir, 'powerbook.yaml');
    writeFileSync(cfg, readFileSync(cfg, 'utf8').replace('lint:\n', 'lint:\n  procedure-no-actor: warning\n  power-id-prefix: off\n'));
    const originals = readdirSync(path.join(dir, 'powers')).filter((f) => f.endsWith('.yaml')).sort();
    for (let i = 0; i < WORKER_THRESHOLD + 100; i++) {
      const text = readFileSync(path.join(dir, 'powers', originals[i % originals.length]!), 'utf8');
      const id = `QT-${String(i).padStart(5, '0')}`;
      writeFileSync(path.join(dir, 'powers', `${id}.yaml`), text.replace(/^id:.*$/m, `id: ${id}`));
    }
  });

  it('gives the diagnostics it gives loading in one thread, byte for byte', () => {
    const threaded = validate(dir);
    const single = validate(dir, { POWERBOOK_NO_WORKERS: '1' });
    expect(threaded.diags.length).toBeGreaterThan(1000);
    expect(threaded.out).toBe(single.out);
  });

  it('applies lint settings to the checks of each power alone, wherever they ran', () => {
    const { diags } = validate(dir);
    const rules = new Set(diags.map((d) => d.rule));
    for (const r of ['procedure-unknown-step', 'procedure-unreachable', 'time-limit-promised', 'schema']) expect(rules, r).toContain(r);
    expect(rules).not.toContain('power-id-prefix');
    const noActor = diags.filter((d) => d.rule === 'procedure-no-actor');
    expect(noActor.length).toBeGreaterThan(10);
    expect(new Set(noActor.map((d) => d.severity))).toEqual(new Set(['warning']));
  });
});
