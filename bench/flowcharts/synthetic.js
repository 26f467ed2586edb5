// Synthetic powers for the flowchart benchmark: 8–20 steps each, with decisions, 补正 loops, early ends and risks.
// Deterministic (seeded), so every run renders the same 300 diagrams; each is distinct (numbered first step).

const NAMES = ['申请', '受理', '初审', '现场核查', '专家评审', '复审', '集体审议', '合法性审查', '审批', '制作决定书',
  '用印', '送达', '公示', '立卷归档', '事后监管', '听证告知', '陈述申辩', '调查取证', '案件审理', '执行'];
const ACTORS = ['申请人', '政务服务窗口', '市场建设科经办人', '科室负责人', '分管局领导', '局务会', '法规科', '执法支队', '办公室', '档案员'];
const WHENS = [['符合条件', '不符合条件'], ['材料齐全', '材料不齐全'], ['准予', '不予'], ['无异议', '有异议', '需补充材料']];
const LEVELS = ['高', '中', '低'];

function prng(seed) {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

export function syntheticPower(index) {
  const rand = prng(index * 7919 + 17);
  const count = 8 + rand(13); // 8..20
  const steps = [];
  for (let i = 0; i < count; i++) {
    const step = {
      id: `s${i}`,
      name: i === 0 ? `申请（第${index + 1}项）` : NAMES[(i + rand(4)) % NAMES.length],
      actor: ACTORS[rand(ACTORS.length)],
    };
    if (rand(3) > 0) step.time_limit = { days: 1 + rand(20), unit: rand(4) === 0 ? '自然日' : '工作日' };
    if (rand(4) === 0) step.risks = [{ level: LEVELS[rand(3)], description: '风险', controls: ['防控'] }];
    if (i === count - 1) step.end = true;
    else if (i > 1 && rand(4) === 0) {
      const whens = WHENS[rand(WHENS.length)];
      step.next = whens.map((when, k) => ({
        when,
        // first: onward; second: back (a loop) or to the last step (an early end); third: onward again
        to: k === 0 ? `s${i + 1}` : k === 1 ? (rand(2) ? `s${Math.max(1, i - 1 - rand(i - 1))}` : `s${count - 1}`) : `s${Math.min(count - 1, i + 2)}`,
      }));
    } else step.next = [`s${i + 1}`];
    steps.push(step);
  }
  return {
    id: `XK-${String(index + 1).padStart(3, '0')}`,
    name: `合成事项${index + 1}`,
    category: '行政许可',
    body: '株洲市商务局',
    unit: '市场建设科',
    legal_bases: [{ law: 'xingzheng-xuke-fa', article: '第十二条' }],
    procedure: { steps },
  };
}
