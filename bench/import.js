// Benchmark: `powerbook import` of a 1,000-row power list (.xlsx), as a county publishes it: two title rows, the header,
// category cells merged over their blocks, 法定依据 cells of two laws with the article text pasted (a few hundred
// characters), an arrow-chain procedure, time limits, fees, numbered 责任事项 and 追责情形. Aim (issue 15): under 3 s.
// Each run a fresh process into an empty powers/ (every file written, then the 1,000 files validated); then the same
// import again (every file unchanged); then, when the law library is beside the project, with it (index warm: the
// 1,000 powers' 2,000 citations checked against it).
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { median, runNode } from './measure.js';
import { writeResults } from './laws.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.join(ROOT, 'bench/.data/import-1000');
const LIBRARY = path.resolve(ROOT, '../shared/laws-lib');
const AIM_MS = 3000;

const CATS = ['行政许可', '行政处罚', '行政强制', '行政检查', '行政确认', '行政奖励', '其他行政权力'];
const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
function cn(n) {
  if (n < 10) return CN[n];
  if (n < 20) return '十' + (n % 10 ? CN[n % 10] : '');
  return CN[Math.floor(n / 10)] + '十' + (n % 10 ? CN[n % 10] : '');
}


/**
 * The first paragraph (款) of each article of a library text, by article label, so that the pasted texts are the real
 * ones (as in a real list, they match the text in force); a stand-in text when the library is not there.
 */
function articles(file) {
  const out = new Map();
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^(第[零一二三四五六七八九十百]+条)\s+(.+)$/.exec(line.trim());
    if (m && !out.has(m[1])) out.set(m[1], m[2]);
  }
  return out;
}

/** The list: `rows` powers, in blocks of one category (its cell merged down the block). */
export async function generateList(file, rows = 1000) {
  const permits = articles(path.join(LIBRARY, '行政法/行政许可法(2019-04-23).md'));
  const penalties = articles(path.join(LIBRARY, '行政法/行政处罚法(2021-01-22).md'));
  const text = (m, label) => m.get(label) ?? '行政机关应当依照法定的权限、范围、条件和程序实施本项职权，在法定期限内作出决定。';
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('行政权力清单');
  const header = ['序号', '事项编码', '权力类别', '事项名称', '子项', '法定依据', '实施主体', '承办机构', '办理流程', '办理时限', '收费依据及标准', '责任事项', '追责情形', '备注'];
  ws.addRow(['某市商务局行政权力清单']);
  ws.mergeCells(1, 1, 1, header.length);
  ws.addRow(['填报单位：某市商务局　　更新时间：2025年6月30日']);
  ws.mergeCells(2, 1, 2, header.length);
  ws.addRow(header);
  const block = Math.ceil(rows / CATS.length);
  for (let i = 0; i < rows; i++) {
    const cat = CATS[Math.floor(i / block)];
    const a = `第${cn(1 + (i % 80))}条`, b = `第${cn(1 + ((i * 7) % 85))}条`;
    const bases = [
      `1.《中华人民共和国行政许可法》（2003年8月27日第十届全国人民代表大会常务委员会第四次会议通过　根据2019年4月23日第十三届全国人民代表大会常务委员会第十次会议修正）${a}：${text(permits, a)}`,
      `2.《中华人民共和国行政处罚法》${b}第一款：${text(penalties, b)}`,
    ].join('\n');
    ws.addRow([
      { formula: 'ROW()-3', result: i + 1 }, i % 2 ? `${['XK', 'CF', 'QZ', 'JC', 'QR', 'JL', 'QT'][CATS.indexOf(cat)]}-${String(5000 + i).padStart(4, '0')}` : null,
      cat, `示例职权事项第${i + 1}项（${cat}）`, i % 5 === 0 ? `子项甲${i}\n子项乙${i}` : null, bases,
      '某市商务局', ['市场秩序科', '流通业发展科', '对外贸易科'][i % 3], '受理→审查→决定→送达→归档',
      '法定时限：20个工作日；承诺时限：10个工作日', i % 4 ? '不收费' : '无',
      '1.受理阶段责任：公示依法应当提交的材料；一次性告知补正材料。\n2.审查阶段责任：对申请材料进行审查，提出审查意见。\n3.决定阶段责任：依法作出决定。\n4.送达阶段责任：制发并送达文书。',
      '1.对符合法定条件的申请不予受理的；\n2.对不符合法定条件的申请准予许可的；\n3.索取或者收受他人财物的；\n4.其他违反法律法规规章规定的行为。',
      i % 10 === 0 ? '承接上级下放事项' : null,
    ]);
  }
  for (let s = 0; s < CATS.length; s++) {
    const first = 4 + s * block, last = Math.min(4 + rows - 1, first + block - 1);
    if (last > first) ws.mergeCells(first, 3, last, 3);
  }
  await wb.xlsx.writeFile(file);
}

function repo(dir, library) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'powerbook.yaml'), `department: { name: 某市商务局 }\ncompendium: { title: 某市商务局规范权力运行制度汇编, date: 2025-11-20 }\n${library ? `law_library: ${JSON.stringify(LIBRARY)}\n` : ''}`);
}

function importOnce(list, dir, fresh) {
  if (fresh) rmSync(path.join(dir, 'powers'), { recursive: true, force: true });
  const r = runNode([path.join(ROOT, 'bin/powerbook.js'), 'import', list, '--into', dir, '--format', 'json'], { env: { ...process.env, LANG: 'zh_CN.UTF-8' } });
  if (r.status !== 0 && r.status !== 1) throw new Error(`powerbook import failed (${r.status}): ${r.stderr.slice(0, 500)}`);
  const report = JSON.parse(r.stdout);
  return { ...r, report };
}

function measure(label, list, dir, fresh, runs) {
  const ms = [], cpu = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = importOnce(list, dir, fresh);
    ms.push(last.ms);
    cpu.push(last.cpuMs);
  }
  const byStatus = {};
  for (const p of last.report.powers) byStatus[p.status] = (byStatus[p.status] ?? 0) + 1;
  const v = last.report.validation;
  const line = `  ${label.padEnd(34)}: ${(median(ms) / 1000).toFixed(2)} s (CPU ${(median(cpu) / 1000).toFixed(2)} s, peak ${last.mb.toFixed(0)} MB)   ratio to the aim (3 s): ${(median(ms) / AIM_MS).toFixed(2)} (CPU: ${(median(cpu) / AIM_MS).toFixed(2)})   ` +
    `[${Object.entries(byStatus).map(([k, n]) => `${n} ${k}`).join(', ')}; ${v ? `${v.diagnostics.length} validation findings` : 'not validated'}]`;
  console.log(line);
  return { ms: median(ms), cpuMs: median(cpu), line };
}

export async function run({ runs = 3 } = {}) {
  mkdirSync(DATA, { recursive: true });
  const list = path.join(DATA, '某市商务局行政权力清单.xlsx');
  if (!existsSync(list)) await generateList(list);
  const dir = path.join(DATA, 'repo');
  console.log(`import: a 1,000-row power list (.xlsx, ${(statSync(list).size / 1024).toFixed(0)} KB), a fresh process each, median of ${runs}   (aim < 3 s; ${os.availableParallelism()} cores)`);
  repo(dir, false);
  const written = measure('into an empty powers/ (all written)', list, dir, true, runs);
  const lines = [
    `import: a 1,000-row power list (.xlsx, two laws with pasted text a row, merged categories), a fresh process each, median of ${runs}`,
    written.line,
    measure('again (all unchanged)', list, dir, false, runs).line,
  ];
  // For scale: `validate` of the repository the import wrote (what the import runs after writing). Every imported power
  // lacks what lists never say (who acts at each step: 5 findings a power), and each finding's line is looked up.
  const v = [];
  for (let i = 0; i < runs; i++) v.push(runNode([path.join(ROOT, 'bin/powerbook.js'), 'validate', dir, '--format', 'json']));
  const vMs = median(v.map((x) => x.ms)), vCpu = median(v.map((x) => x.cpuMs));
  lines.push(`  for scale, validate alone of the 1,000 files written: ${(vMs / 1000).toFixed(2)} s (CPU ${(vCpu / 1000).toFixed(2)} s): the import's own work is the rest, about ${((written.cpuMs - vCpu) / 1000).toFixed(2)} s CPU`);
  console.log(lines[lines.length - 1]);
  if (existsSync(LIBRARY)) {
    repo(dir, true);
    // The index is built once (cached under the repository), as a department's first validate does.
    importOnce(list, dir, true);
    lines.push(measure('with the law library (index warm)', list, dir, true, runs).line);
  }
  lines.push(`  load average ${os.loadavg()[0].toFixed(1)} at the end`);
  writeResults('import', lines);
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
