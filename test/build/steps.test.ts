/**
 * The example's procedure steps: every description and duty (135 and 64 of them) is in the compendium's text — the
 * DOCX's document.xml and the PDF's pdftotext — and no fact is printed that the example does not state.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRepository } from '../../src/check/load.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/repo.js';

const EXAMPLE = 'examples/zhuzhou-commerce';
const NAME = '株洲市商务局规范权力运行制度汇编';
const squash = (s: string) => s.replace(/\s+/g, '');

describe('the example compendium carries every step\'s description and duty', () => {
  let docx: string;
  let pdf: string;
  let steps: { power: string; description?: string; duty?: string }[];
  beforeAll(async () => {
    const out = tempDir('pb-steps-');
    const r = await cli(['build', EXAMPLE, '--format', 'docx,pdf', '--out', out, '--stage', 'submit'], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
    expect(r.code, r.stderr).toBe(0);
    const xml = new TextDecoder().decode(unzipSync(readFileSync(path.join(out, `${NAME}.docx`)))['word/document.xml']);
    docx = (xml.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('');
    // -raw: the text in the order it was drawn, so that a table cell's lines stay together.
    pdf = squash(execFileSync('pdftotext', ['-raw', path.join(out, `${NAME}.pdf`), '-'], { encoding: 'utf8', maxBuffer: 1 << 27 }));
    const { repo } = await loadRepository(EXAMPLE);
    steps = repo.powers.flatMap((p) => p.data.procedure.steps.map((s) => ({ power: String(p.data.id), description: s.description, duty: s.duty })));
  }, 400_000);

  it('in the DOCX', () => {
    const described = steps.filter((s) => s.description), dutied = steps.filter((s) => s.duty);
    expect(described.length).toBe(135);
    expect(dutied.length).toBe(64);
    for (const s of described) expect(docx, `${s.power}: ${s.description}`).toContain(s.description!.replace(/&/g, '&amp;'));
    for (const s of dutied) expect(docx, `${s.power}: ${s.duty}`).toContain(`责任：${s.duty!.replace(/&/g, '&amp;')}`);
  });

  it('in the PDF', () => {
    for (const s of steps) {
      if (s.description) expect(pdf, `${s.power}: ${s.description}`).toContain(squash(s.description));
      if (s.duty) expect(pdf, `${s.power}: ${s.duty}`).toContain(squash(s.duty));
    }
  });

  it('prints what the example states of fees and time limits, and nothing it does not', () => {
    for (const text of [docx, pdf]) {
      expect(text).not.toMatch(/法定：无|承诺：无|未填写/);
      expect(text).toContain('法定：未规定');
      expect(text).not.toMatch(/《《|》》|[。；][。；]/);
    }
    // XK-001 says why it charges nothing: the basis is printed with 不收费.
    expect(docx).toContain('不收费依据：《中华人民共和国行政许可法》第五十八条');
  });
});
