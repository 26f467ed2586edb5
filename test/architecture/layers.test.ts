/**
 * The tree's layering (docs/architecture.md): dependency-cruiser with .dependency-cruiser.cjs over src/ must find no
 * cycle and no import of a higher layer; every layer folder says what it owns and what it may import.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const config = require(path.join(ROOT, '.dependency-cruiser.cjs')) as { forbidden: { name: string }[] };

function cruise(args: string[]): { status: number; out: string } {
  try {
    const out = execFileSync(process.execPath, [path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, out };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { status: err.status, out: `${err.stdout}${err.stderr}` };
  }
}

describe('src/ layers', () => {
  it('has no import cycle and no import of a higher layer (npx depcruise src)', () => {
    const r = cruise(['src']);
    expect(r.out).toContain('no dependency violations found');
    expect(r.status).toBe(0);
  });

  it('the check can fail: an upward import in a scratch file is reported', () => {
    const r = cruise(['--validate', '.dependency-cruiser.cjs', 'test/architecture/fixtures']);
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/layer-domain/);
  });

  it('every layer has a README saying what it owns and what it may import', () => {
    const layers = (config.forbidden.map((f) => /^layer-(.+)$/.exec(f.name)?.[1]).filter(Boolean) as string[]);
    expect(layers.length).toBeGreaterThan(8);
    for (const l of layers) {
      const readme = path.join(ROOT, 'src', l, 'README.md');
      expect(existsSync(readme), `src/${l}/README.md`).toBe(true);
      expect(readFileSync(readme, 'utf8')).toMatch(/may import/i);
    }
  });
});
