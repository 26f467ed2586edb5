/**
 * A file the schema rejects is never compiled. With `schema` lowered (warning) or off in lint, validate lets the build
 * go on; the build then names each file it left out (compendium-file-omitted) instead of dropping it unseen.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { edit, validRepo } from '../helpers/repo.js';

describe('build with the schema check lowered', () => {
  it('says which file it left out, and still builds the rest', async () => {
    const dir = await validRepo();
    const power = readFileSync(path.join(dir, 'powers/XK-001.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'powers/XK-002.yaml'), power.replace(/^id: XK-001$/m, 'id: XK-002').replace(/^name: .*$/m, 'name: 123'));
    edit(dir, 'powerbook.yaml', (s) => s.replace(/^lint:\n/m, "lint:\n  schema: off\n"));
    const v = await cli(['validate', dir]);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    const out = path.join(dir, 'dist');
    const b = await cli(['build', dir, '--format', 'docx', '--out', out]);
    expect(b.code, b.stdout + b.stderr).toBe(0);
    const text = b.stdout + b.stderr;
    expect(text).toMatch(/powers\/XK-002\.yaml[\s\S]*职权文件不符合格式要求，没有编入汇编\s+compendium-file-omitted/);
    expect(text).not.toMatch(/XK-001\.yaml[\s\S]*compendium-file-omitted/);
    expect(existsSync(path.join(out, '测试市商务局规范权力运行制度汇编.docx'))).toBe(true);
  });

  it('is a rule like the others: lint can turn it off', async () => {
    const dir = await validRepo();
    writeFileSync(path.join(dir, 'powers/XK-002.yaml'), 'id: XK-002\nname: 123\n');
    edit(dir, 'powerbook.yaml', (s) => s.replace(/^lint:\n/m, "lint:\n  schema: off\n  compendium-file-omitted: off\n"));
    const b = await cli(['build', dir, '--format', 'docx', '--out', path.join(dir, 'dist')]);
    expect(b.code, b.stdout + b.stderr).toBe(0);
    expect(b.stdout + b.stderr).not.toContain('compendium-file-omitted');
  });
});
