import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/repo.js';
import { requireTool } from '../helpers/tools.js';
import { loadRepository } from '../../src/check/load.js';

const EXAMPLE = 'examples/zhuzhou-commerce';
const NAME = '株洲市商务局规范权力运行制度汇编';
const ENV = { SOURCE_DATE_EPOCH: '1700000000' };

describe('powerbook build --format docx on the example', () => {
  let out: string;
  let docx: string;
  let plain: string;
  beforeAll(async () => {
    requireTool('pandoc', 'unzip', 'soffice', 'pdfinfo', 'pdftotext');
    out = tempDir('pb-build-');
    const r = await cli(['build', EXAMPLE, '--out', out, '--stage', 'submit'], { env: ENV });
    expect(r.stderr).toContain('DOCX');
    expect(r.code).toBe(0);
    docx = path.join(out, `${NAME}.docx`);
    plain = execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', docx], { encoding: 'utf8', maxBuffer: 1 << 26 });
  });

  it('pandoc reads the title, the TOC and every power, rule and law', async () => {
    const { repo } = await loadRepository(EXAMPLE);
    expect(plain).toContain(NAME);
    expect(plain).toContain('目');
    for (const p of repo.powers) expect(plain).toContain(p.data.name);
    for (const r of repo.rules) expect(plain).toContain(r.data.title);
    for (const l of repo.laws) expect(plain).toContain(l.data.title);
    for (const h of ['第一部分', '职权目录', '第二部分', '权力运行流程图', '第三部分', '规范权力运行制度', '法律依据索引', '合法性审查与集体审议情况']) expect(plain).toContain(h);
    expect(plain).toContain('二〇二五年十一月');
  });

  it('has the catalogue table with its header and one flowchart image per power', async () => {
    const { repo } = await loadRepository(EXAMPLE);
    const header = plain.indexOf('序号');
    expect(header).toBeGreaterThan(0);
    for (const h of ['事项编码', '事项名称', '权力类别', '实施依据', '承办机构', '法定/承诺时限', '收费']) expect(plain.indexOf(h, header) - header).toBeLessThan(2000);
    const media = tempDir('pb-media-');
    execFileSync('pandoc', ['-f', 'docx', '-t', 'markdown', `--extract-media=${media}`, docx, '-o', path.join(media, 'x.md')]);
    const files = readdirSync(path.join(media, 'media'));
    expect(files.some((f) => f.endsWith('.png'))).toBe(true);
    // Every power's figure is in the document as SVG with a PNG fallback (powers with the same procedure share one image).
    const xml = execFileSync('unzip', ['-p', docx, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(xml.match(/<asvg:svgBlip /g)?.length ?? (xml.match(/svgBlip/g)?.length ?? 0)).toBeGreaterThanOrEqual(repo.powers.length);
    const svgs = execFileSync('unzip', ['-l', docx], { encoding: 'utf8' }).match(/word\/media\/\S+\.svg/g) ?? [];
    expect(svgs.length).toBeGreaterThanOrEqual(8);
    const one = execFileSync('unzip', ['-p', docx, svgs[0]!], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(one).toContain('<svg');
    expect(one).toContain('开始');
  });

  it('LibreOffice converts it to an A4 PDF whose text has every power and the page numbers "— N —"', () => {
    const pdfDir = tempDir('pb-lo-');
    execFileSync('soffice', [`-env:UserInstallation=file://${pdfDir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', pdfDir, docx], { timeout: 240_000, stdio: 'ignore' });
    const pdf = path.join(pdfDir, `${NAME}.pdf`);
    expect(existsSync(pdf)).toBe(true);
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(text).toContain('成品油零售经营资格审批');
    expect(text).toMatch(/—\s?1\s?—/);
    expect(text).toMatch(/— 2\d —/);
    // The TOC's page numbers are the real ones: 第二部分 is on the page whose footer says so.
    const pages = text.split('\f');
    const tocLine = pages.slice(0, 5).join('\n').split('\n').find((l) => l.includes('第二部分 权力运行流程图'))!;
    const claimed = Number(/(\d+)\s*$/.exec(tocLine)![1]);
    const real = pages.findIndex((p, i) => i > 4 && p.includes('第二部分 权力运行流程图'));
    expect(pages[real]).toMatch(new RegExp(`—\\s?${claimed}\\s?—`));
  });

  it('writes a manifest with the tool version, the inputs and the output hash', () => {
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(m.tool.name).toBe('powerbook');
    expect(m.created).toBe('2023-11-14T22:13:20Z');
    expect(m.inputs.map((i: { path: string }) => i.path)).toContain('powers/XK-001.yaml');
    expect(m.outputs[0].path).toBe(`${NAME}.docx`);
    expect(m.outputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect('repository' in m).toBe(true);
  });

  it('is byte-identical when built again with the same SOURCE_DATE_EPOCH', async () => {
    const again = tempDir('pb-build2-');
    const r = await cli(['build', EXAMPLE, '--out', again], { env: ENV });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(again, `${NAME}.docx`)).equals(readFileSync(docx))).toBe(true);
  });
});

describe('build stops on errors and never leaves half a file', () => {
  it('errors stop the build with the same diagnostics as validate, and the previous output stays intact', async () => {
    const out = tempDir('pb-bad-');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'previous.docx'), 'previous');
    const r = await cli(['build', 'examples/mistakes', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('article-unknown');
    expect(r.stderr).toContain('未生成汇编');
    expect(readdirSync(out)).toEqual(['previous.docx']);
    expect(readFileSync(path.join(out, 'previous.docx'), 'utf8')).toBe('previous');
  });

  it('rejects an unknown format with exit 2', async () => {
    const r = await cli(['build', EXAMPLE, '--format', 'docx,odt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format');
  });
});
