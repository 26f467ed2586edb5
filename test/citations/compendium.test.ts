/**
 * The example compendium (compendium.quote_legal_bases: true) quotes the cited provisions from the law library, as in
 * force on its date, in the DOCX (read with unzip), the PDF (read with pdftotext) and the site; the law index lists
 * each library text's version in force, its 令 number and its entry into force, and names where the texts come from.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/repo.js';

const EXAMPLE = 'examples/zhuzhou-commerce';
const NAME = '株洲市商务局规范权力运行制度汇编';
const squeeze = (s: string) => s.replace(/\s+/g, '');

/** Texts of the library (../shared/laws-lib) that the example's powers cite; none of them is typed in the example. */
const QUOTED = [
  // XK-001: 行政许可法 第四十二条第一款 (2019-04-23 text)
  '除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定。',
  // JF-001: 对外贸易法 第五十七条 (2022-12-30 text; 第五十八条 before the 2022 amendment)
  '国家扶持和促进中小企业开展对外贸易。',
];

describe('the example compendium quotes its legal bases from the law library', () => {
  let out: string;
  let xml: string;
  let pdf: string;
  beforeAll(async () => {
    out = tempDir('pb-quote-');
    const r = await cli(['build', EXAMPLE, '--out', out, '--stage', 'submit', '--format', 'docx,pdf,html'], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
    expect(r.code, r.stderr).toBe(0);
    xml = execFileSync('unzip', ['-p', path.join(out, `${NAME}.docx`), 'word/document.xml'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    pdf = execFileSync('pdftotext', [path.join(out, `${NAME}.pdf`), '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  }, 900_000);

  it('the example types no national law: laws/ holds only what the library lacks', () => {
    expect(readFileSync(path.join(EXAMPLE, 'powerbook.yaml'), 'utf8')).toMatch(/^law_library: \.\.\/\.\.\/\.\.\/shared\/laws-lib$/m);
    const typed = execFileSync('ls', [path.join(EXAMPLE, 'laws')], { encoding: 'utf8' }).trim().split('\n');
    expect(typed).toEqual(['danyongtu-yufuka-banfa.yaml', 'xingzheng-shenpi-baoliu-jueding.yaml']);
  });

  it('DOCX: word/document.xml holds the articles’ text from the library', () => {
    const text = xml.replace(/<[^>]+>/g, '');
    for (const q of QUOTED) expect(text).toContain(q);
  });

  it('PDF: pdftotext gives the articles’ text back', () => {
    for (const q of QUOTED) expect(squeeze(pdf)).toContain(q);
  });

  it('site: the power page quotes the article', () => {
    const page = readFileSync(path.join(out, 'site', 'powers', 'XK-001.html'), 'utf8');
    expect(page).toContain(QUOTED[0]);
  });

  it('the law index: version in force, 令 number, entry into force; and where the texts come from', () => {
    // The table's cells in order (the DOCX; pdftotext interleaves the columns of a table).
    const text = xml.replace(/<[^>]+>/g, '');
    const index = text.slice(text.lastIndexOf('法律依据索引'));
    expect(index).toContain('《报废机动车回收管理办法》行政法规国务院国务院令第715号2019-04-222019-06-01现行有效CF-002、CF-003、CF-004、CF-005、JC-002');
    // 行政处罚法: the 2021 revision, in force from 2021-07-15 (a date the file's name does not give).
    expect(index).toMatch(/《中华人民共和国行政处罚法》法律全国人民代表大会2021-01-222021-07-15现行有效/);
    expect(squeeze(pdf.slice(pdf.lastIndexOf('法律依据索引')))).toContain('法律、法规文本取自法规库（收录文本至');
    const site = readFileSync(path.join(out, 'site', 'laws.html'), 'utf8');
    // What a reader of the page sees: its text, without the markup (dates sit in nobr spans).
    expect(site.replace(/<[^>]+>/g, '')).toMatch(/法律、法规文本取自法规库（收录文本至 \d{4}-\d{2}-\d{2}），按汇编日期 2025-11-20 施行的版本引用/);
  });

  it('coverage.json beside the outputs: provisions naming the bureau that no power cites', () => {
    const file = path.join(out, 'coverage.json');
    expect(existsSync(file)).toBe(true);
    const r = JSON.parse(readFileSync(file, 'utf8'));
    expect(r.roles).toEqual(['商务主管部门', '负责报废机动车回收管理的部门']);
    const law = r.laws.find((l: { title: string }) => l.title === '报废机动车回收管理办法');
    expect(law.cited).toContain('第十九条');
    expect(law.candidates.map((c: { article: string }) => c.article)).toContain('第七条');
    expect(law.candidates.map((c: { article: string }) => c.article)).not.toContain('第十九条');
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(JSON.stringify(manifest)).toContain('coverage.json');
  });
});
