/**
 * Fonts of the PDF: a repository's own font files (powerbook.yaml `fonts`) serve their roles and are embedded —
 * TrueType as a named CID TrueType font — while the roles left to the system are reported as substitutes.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { copyExample, tempDir } from '../helpers/repo.js';
import { fontFilesFromConfig, outlineFormat, planFonts } from '../../src/render/pdf/fonts.js';
import { GB9704 } from '../../src/domain/profile.js';
import { bboxPages, footer, pdffonts } from './helpers.js';
import { requireTool } from '../helpers/tools.js';

const EXAMPLE = 'examples/zhuzhou-commerce';
const NAME = '株洲市商务局规范权力运行制度汇编';
const TTF = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const fc = (family: string) => {
  requireTool('fc-match');
  return execFileSync('fc-match', ['-f', '%{file}', family], { encoding: 'utf8' });
};

describe('font files of the repository', () => {
  it('are resolved inside the repository; unknown roles and missing or outside files are reported, not fatal', () => {
    const root = tempDir('pb-fonts-');
    mkdirSync(path.join(root, 'fonts'));
    copyFileSync(TTF, path.join(root, 'fonts', 'page.ttf'));
    const r = fontFilesFromConfig(root, { pageNumber: 'fonts/page.ttf', body: 'fonts/none.ttf', title: '../outside.ttf', bogus: 'fonts/page.ttf' });
    expect(r.files).toEqual({ pageNumber: path.join(root, 'fonts', 'page.ttf') });
    expect(r.problems).toEqual(['fonts.body: fonts/none.ttf', 'fonts.title: ../outside.ttf', 'fonts.bogus']);
  });

  it('tells TrueType from CFF outlines', () => {
    expect(outlineFormat(TTF)).toBe('truetype');
    // scripts/install-system-deps.sh serves Fandol from its TrueType conversion (the .otf files are CFF).
    expect(outlineFormat(fc('FandolFang'))).toBe('truetype');
    expect(outlineFormat('/usr/local/share/fonts/fandol/FandolFang-Regular.otf')).toBe('cff');
    expect(outlineFormat(fc('Noto Serif CJK SC'))).toBe('cff'); // a collection (.ttc) of CFF fonts
  });

  it('come first in their role\'s family list, from a file:// URL; a body file also serves tables', () => {
    const plan = planFonts(GB9704, { body: '/x/正文 字体.ttf' });
    expect(plan.families.body.startsWith('"pb-file-body", ')).toBe(true);
    expect(plan.families.table.startsWith('"pb-file-table", ')).toBe(true);
    expect(plan.faces).toContain('src: url("file:///x/%E6%AD%A3%E6%96%87%20%E5%AD%97%E4%BD%93.ttf") format("truetype")');
    // The official name stays in every list, before the free families.
    expect(plan.families.heading1).toMatch(/"黑体", "FandolHei"/);
  });

  it('serve the PDF: a TrueType file is embedded as CID TrueType, the summary no longer warns for its role', async () => {
    const repo = tempDir('pb-fontrepo-');
    copyExample(EXAMPLE, repo);
    mkdirSync(path.join(repo, 'fonts'));
    copyFileSync(TTF, path.join(repo, 'fonts', 'page-numbers.ttf'));
    copyFileSync(fc('FandolKai'), path.join(repo, 'fonts', 'kai.otf'));
    const config = path.join(repo, 'powerbook.yaml');
    writeFileSync(config, `${readFileSync(config, 'utf8')}\nfonts:\n  pageNumber: fonts/page-numbers.ttf\n  heading2: fonts/kai.otf\n  caption: fonts/nothing.ttf\n`);
    const out = tempDir('pb-fontout-');
    const r = await cli(['build', repo, '--format', 'pdf', '--out', out], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('页码 page-numbers.ttf');
    expect(r.stderr).not.toMatch(/警告：PDF 页码字体/);
    expect(r.stderr).not.toMatch(/警告：PDF 楷体标题字体/);
    expect(r.stderr).toMatch(/警告：PDF 正文字体 仿宋_GB2312 未安装/);
    expect(r.stderr).toContain('警告：fonts.caption');
    const pdf = path.join(out, `${NAME}.pdf`);
    const fonts = pdffonts(pdf);
    const dejavu = fonts.filter((f) => f.name.includes('DejaVuSans'));
    expect(dejavu.length).toBeGreaterThan(0);
    for (const f of dejavu) expect(f.type).toMatch(/CID TrueType/);
    for (const f of fonts) expect(f.emb).toBe('yes');
    // The numbers are still there, in the given font.
    const first = bboxPages(pdf).map((b) => footer(b)).find(Boolean);
    expect(first?.n).toBe(1);
  });
});
