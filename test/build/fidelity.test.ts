/**
 * The compendium says only what the repository says, and prints it as an office writes it: checked in the files the
 * build produces — the DOCX's document.xml, the PDF's text (pdftotext) and the site's HTML — for a small repository
 * with cancelled and suspended powers, missing facts, a title typed with its 《》, ASCII quotes, （一） items on single
 * lines and a list numbered "1)".
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/repo.js';
import { CANCELLED, DRAFTY, fidelityRepo, SUSPENDED } from './fidelity-repo.js';

const ENV = { SOURCE_DATE_EPOCH: '1700000000' };

/** Paragraph texts of a DOCX's document.xml, in order. */
function docxParagraphs(file: string): string[] {
  const xml = new TextDecoder().decode(unzipSync(readFileSync(file))['word/document.xml']);
  return (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []).map((p) => (p.match(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join(''))
    .map((t) => t.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'"));
}

const squash = (s: string) => s.replace(/\s+/g, '');

describe('build: what is printed is what was written, as an office writes it', () => {
  let out: string;
  let paras: string[];
  let docx: string;
  let pdf: string;
  let site: Map<string, string>;
  beforeAll(async () => {
    const repo = await fidelityRepo();
    out = tempDir('pb-fid-out-');
    const r = await cli(['build', repo, '--format', 'docx,pdf,html', '--out', out], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    const base = readdirSync(out).find((f) => f.endsWith('.docx'))!;
    paras = docxParagraphs(path.join(out, base));
    docx = paras.join('\n');
    pdf = execFileSync('pdftotext', ['-raw', path.join(out, base.replace(/\.docx$/, '.pdf')), '-'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    site = new Map(readdirSync(path.join(out, 'site'), { recursive: true }).map(String).filter((f) => f.endsWith('.html'))
      .map((f) => [f, readFileSync(path.join(out, 'site', f), 'utf8')]));
  }, 240_000);

  it('leaves cancelled and suspended powers out of the catalogue, the flowcharts and the site, and lists them with date and reason', () => {
    for (const text of [docx, squash(pdf)]) {
      for (const p of [CANCELLED, SUSPENDED]) {
        // Named once: in the 取消、暂停事项 table, with its status, date and reason; no heading, no flowchart.
        expect(text.split(squash(p.name)).length - 1, p.id).toBe(1);
        expect(text).toContain(squash(p.reason));
        expect(text).toContain(p.date);
        expect(text).not.toContain(`${p.name}权力运行流程图`);
      }
      expect(text).toContain('取消、暂停事项');
    }
    const cancelledRow = paras.findIndex((t) => t === CANCELLED.id);
    expect(paras.slice(cancelledRow, cancelledRow + 6)).toEqual([CANCELLED.id, CANCELLED.name, '行政许可', '取消', CANCELLED.date, CANCELLED.reason]);
    expect(docx).toMatch(/本目录共收录职权2项/);
    expect(site.has(`powers/${CANCELLED.id}.html`)).toBe(false);
    expect(site.has(`powers/${SUSPENDED.id}.html`)).toBe(false);
    expect(site.has(`powers/${DRAFTY.id}.html`)).toBe(true);
    const catalogue = [...site.entries()].find(([f, h]) => !f.includes('/') && h.includes('取消、暂停事项'));
    expect(catalogue, 'the site shows the 取消、暂停事项 table').toBeDefined();
    expect(catalogue![1]).toContain(CANCELLED.reason);
  });

  it('prints 未填写 for a fee and a statutory time limit nobody entered, never 不收费 or 无', () => {
    const page = site.get(`powers/${DRAFTY.id}.html`)!;
    expect(page).toContain('未填写');
    expect(page).toContain('法定：未填写');
    expect(page).not.toContain('不收费');
    expect(page).not.toMatch(/法定：无|承诺：无/);
    // In the DOCX and the PDF: the draft power's information table says 未填写 for both.
    const at = docx.indexOf(`${DRAFTY.name}基本信息`);
    expect(at).toBeGreaterThan(0);
    expect(docx).toContain('法定：未填写');
    expect(squash(pdf)).toContain('法定：未填写');
    expect(docx).not.toMatch(/法定：无|承诺：无/);
    expect(pdf).not.toMatch(/法定：无|承诺：无/);
  });

  it('prints a law title typed with its 《》 with one pair, also where the author put 《》 around a reference', () => {
    for (const text of [docx, squash(pdf), ...site.values()]) {
      expect(text).not.toContain('《《');
      expect(text).not.toContain('》》');
    }
    expect(docx).toContain('《中华人民共和国行政许可法》');
    expect(docx).toContain('依据《中华人民共和国行政许可法》制定本制度');
  });

  it('prints Chinese quotation marks, whatever was typed', () => {
    for (const text of [docx, squash(pdf)]) {
      expect(text).toContain('推进“决策公开”');
      expect(text).toContain('所称‘重大决策’');
      expect(text).toContain('需要“专家论证”');
      expect(text).not.toMatch(/"决策公开"|'重大决策'/);
    }
    const rulePage = [...site.entries()].find(([f]) => f.startsWith('rules/'))![1];
    expect(rulePage).toContain('“决策公开”');
  });

  it('never doubles punctuation where the compendium joins texts (an opinion ending with 。 and its result)', () => {
    for (const text of [docx, squash(pdf)]) expect(text).not.toMatch(/[。；，、：][。；，、：]/);
    expect(docx).toContain('符合法律法规规定。');
    expect(docx).toContain('结论：通过');
  });

  it('keeps each （一） item the author put on its own line a paragraph of its own, and the list labels as written', () => {
    const items = ['（一）涉及群众切身利益的事项；', '（二）需要“专家论证”的事项；', '（三）其他重大事项。'];
    for (const item of items) expect(paras, item).toContain(item);
    expect(paras.find((p) => p.startsWith('第一条'))).toMatch(/是指下列事项：$/);
    for (const item of ['1)提出建议；', '2)合法性审查；', '3)集体讨论决定。']) expect(paras, item).toContain(item);
    expect(docx).not.toMatch(/[●○■]\s*[123]\)/);
    // The PDF: each item starts its own line.
    const lines = pdf.split('\n').map(squash);
    for (const item of ['（一）涉及', '（二）需要', '（三）其他', '1)提出建议', '2)合法性审查']) expect(lines.some((l) => l.startsWith(item)), item).toBe(true);
    const rulePage = [...site.entries()].find(([f]) => f.startsWith('rules/'))![1];
    expect(rulePage).toMatch(/<ol class="labelled"><li><p[^>]*>1\)提出建议；<\/p><\/li>/);
  });

  it('wrote its manifest last, listing every output with its hash', () => {
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { outputs: { path: string }[] };
    expect(m.outputs.map((o) => o.path)).toEqual(expect.arrayContaining([expect.stringMatching(/\.docx$/), expect.stringMatching(/\.pdf$/), 'site/index.html']));
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(existsSync(path.join(out, 'site', 'index.html'))).toBe(true);
  });
});
