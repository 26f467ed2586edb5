// Generates a synthetic but realistic rule repository (powers with procedures and risk points, laws with articles,
// rules with cross references) for the benchmarks. Deterministic for a given size.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const CATS = [['行政许可', 'XK'], ['行政处罚', 'CF'], ['行政强制', 'QZ'], ['行政检查', 'JC'], ['行政确认', 'QR'], ['行政奖励', 'JL'], ['其他行政权力', 'QT']];
const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
function cn(n) {
  if (n < 10) return CN[n];
  if (n < 20) return '十' + (n % 10 ? CN[n % 10] : '');
  if (n < 100) return CN[Math.floor(n / 10)] + '十' + (n % 10 ? CN[n % 10] : '');
  const h = Math.floor(n / 100), r = n % 100;
  return CN[h] + '百' + (r === 0 ? '' : r < 10 ? '零' + CN[r] : (r < 20 ? '一' : '') + cn(r));
}
const ART = 60;
// Flowchart labels vary among 40 variants, so that a large repository has many distinct diagrams (and images) without
// rendering thousands of them before a benchmark can run.
const VARIANTS = Array.from({ length: 40 }, (_, k) => `类型${k + 1}`);

function law(i) {
  const arts = [];
  for (let a = 1; a <= ART; a++) arts.push(`  - number: 第${cn(a)}条\n    text: "第${a}条的条文内容：县级以上人民政府商务主管部门负责本行政区域内的监督管理工作，依法履行职责，规范市场秩序。"`);
  return `id: law-${i}\ntitle: 示例商务管理法规第${i}号\nshort_title: 示例法规${i}\nlevel: ${i % 3 ? '部门规章' : '行政法规'}\nissuer: 商务部\ndoc_number: 商务部令2012年第${i}号\npromulgated: 2012-09-21\neffective: 2012-11-01\nstatus: 现行有效\narticles:\n${arts.join('\n')}\n`;
}

// `varied`: names, steps and rules as different as a real department's (long names that wrap, Latin letters and
// digits among the Chinese, steps with text, rules with headings of every level), for the checks of the page form.
const LONG = ['对未按照规定办理备案登记且逾期不改正的单用途商业预付卡发卡企业的行政处罚', '对报废机动车回收企业未如实记录并上传回收信息的处罚', '中小企业开拓国际市场资金（含ISO 9001认证补助）审核拨付'];

function power(i, nLaws, varied = false) {
  const [cat, prefix] = CATS[i % CATS.length];
  const id = `${prefix}-${String(i).padStart(5, '0')}`;
  const nSteps = 6 + (i % 9);
  const steps = [];
  for (let s = 0; s < nSteps; s++) {
    const last = s === nSteps - 1;
    const next = last ? '      end: true' : s === 0
      ? `      next:\n        - to: s${s + 1}\n          when: 材料齐全\n        - to: fix\n          when: 材料不全`
      : `      next: [s${s + 1}]`;
    const risk = s % 3 === 1 ? `\n      risks:\n        - level: ${['高', '中', '低'][s % 3]}\n          description: 环节${s}存在徇私舞弊、滥用职权的风险\n          controls:\n            - 实行集体研究\n            - 全程留痕，纪检监察全程监督` : '';
    const work = varied ? `\n      description: 自收到材料之日起${5 + s}个工作日内完成第${s + 1}环节的审查，依照${id}的办理规程和GB/T 9704—2012的要求制作文书，并录入政务服务平台。\n      duty: 对${2025 - s}年度的办理情况负责，发现问题在${24 + s}小时内报告。` : '';
    const limit = varied && s % 4 === 2 ? `"收到申请材料之日起${10 + s}个工作日内（情况复杂的经批准可延长${s + 5}个工作日）"` : `{ days: ${1 + (s % 3)}, unit: 工作日 }`;
    steps.push(`    - id: s${s}\n      name: 第${s + 1}环节办理（${VARIANTS[i % VARIANTS.length]}）\n      actor: 承办科室经办人${s}\n      time_limit: ${limit}${work}\n${next}${risk}`);
  }
  steps.push('    - id: fix\n      name: 一次性告知补正\n      actor: 窗口受理人员\n      next: [s0]');
  const bases = [0, 1].map((k) => `  - law: law-${(i + k * 7) % nLaws}\n    article: 第${cn(1 + ((i + k) % ART))}条`).join('\n');
  const disc = cat === '行政处罚' ? `discretion:\n  - circumstance: 初次违法且危害后果轻微并及时改正\n    level: 轻微\n    penalty: 不予处罚\n  - circumstance: 一般违法情节\n    level: 一般\n    penalty: 处一万元以上二万元以下罚款\n  - circumstance: 情节严重\n    level: 严重\n    penalty: 处二万元以上三万元以下罚款\n` : '';
  const name = varied && i % 3 !== 2 ? `${LONG[i % LONG.length]}（第${i}项）` : `示例职权事项第${i}项`;
  return `id: ${id}\nname: ${name}\ncategory: ${cat}\nbody: 株洲市商务局\nunit: 市场秩序科\npost: 科长\nlegal_bases:\n${bases}\nconditions:\n  - 申请人依法设立\n  - 具备相应的经营场所和设施\nmaterials:\n  - 申请书\n  - 营业执照复印件\ntime_limit:\n  statutory: { days: 20, unit: 工作日 }\n  promised: { days: 10, unit: 工作日 }\nfees:\n  charged: false\n${disc}procedure:\n  steps:\n${steps.join('\n')}\nresponsibilities:\n  - 受理责任：公示依法应当提交的材料，一次性告知补正材料\n  - 审查责任：对申请材料进行审查，提出意见\naccountability:\n  - 对符合法定条件的申请不予受理的\n  - 索取或者收受他人财物的\nsupervision:\n  unit: 株洲市商务局机关纪委\n  phone: 0731-28000000\nstatus: 有效\n`;
}

function rule(i, nPowers, nLaws = 50, varied = false) {
  const areas = ['职权法定', '公开透明', '绩效评估', '查究问责'];
  const p = (k) => `${CATS[k % CATS.length][1]}-${String(k).padStart(5, '0')}`;
  const para = `本单位依照[[power:${p(i % nPowers)}]]和[[law:law-${i % Math.min(50, nLaws)}#第三条]]的规定，建立健全规范权力运行制度，明确职责分工，加强监督检查，确保权力在阳光下运行。`;
  const numbers = `各科室应当于${2025 + (i % 2)}年${1 + (i % 12)}月${10 + (i % 18)}日前报送第${i + 1}批材料，涉及${p((i + 3) % nPowers)}和${p((i + 5) % nPowers)}等事项的，按照ISO 9001质量管理体系和GB/T 19001—2016的要求，在${3 + (i % 7)}个工作日内办结，费用不超过${100 * (i + 1)}元。`;
  const body = varied
    ? Array.from({ length: 5 }, (_, k) => `# 第${k + 1}章\n\n${para}\n\n## 第${k + 1}节\n\n${numbers}\n\n### 具体要求\n\n${para}${numbers}\n\n#### 补充规定\n\n${numbers}\n\n1. 第一项要求：严格依法办事，${numbers}\n2. 第二项要求：全程公开透明。\n`).join('\n')
    : Array.from({ length: 6 }, (_, k) => `# 第${k + 1}部分\n\n${para}\n\n- 第一项要求：严格依法办事。\n- 第二项要求：全程公开透明。\n`).join('\n');
  return `---\nid: ZD-${String(i).padStart(3, '0')}\ntitle: 示例制度第${i}号\narea: ${areas[i % 4]}\nversion: "1.0"\nlegality_review:\n  reviewer: 法规科\n  date: 2025-10-20\n  opinion: 符合法律法规规定\n  result: 通过\ndeliberation:\n  meeting: 局长办公会议\n  date: 2025-11-05\n  result: 通过\n---\n\n${body}`;
}

export function generateRepository(dir, { powers = 10000, laws = 500, rules = 200, varied = false } = {}) {
  rmSync(dir, { recursive: true, force: true });
  for (const d of ['laws', 'powers', 'rules']) mkdirSync(path.join(dir, d), { recursive: true });
  writeFileSync(path.join(dir, 'powerbook.yaml'), `department:\n  name: 株洲市商务局\ncompendium:\n  title: 株洲市商务局规范权力运行制度汇编\n  date: 2025-11-20\nstages:\n  submit_by: 2025-11-30\n`);
  for (let i = 0; i < laws; i++) writeFileSync(path.join(dir, 'laws', `law-${i}.yaml`), law(i));
  for (let i = 0; i < powers; i++) {
    const text = power(i, laws, varied);
    writeFileSync(path.join(dir, 'powers', `${text.slice(4, text.indexOf('\n'))}.yaml`), text);
  }
  for (let i = 0; i < rules; i++) writeFileSync(path.join(dir, 'rules', `ZD-${String(i).padStart(3, '0')}.md`), rule(i, powers, laws, varied));
  return dir;
}
