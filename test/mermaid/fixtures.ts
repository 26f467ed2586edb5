/** Powers for the flowchart tests: a long realistic procedure and one whose every text is hostile. */
import type { Power, ProcedureStep } from '../../src/domain/types.js';

function power(id: string, steps: ProcedureStep[], start?: string): Power {
  return {
    id,
    name: '测试事项',
    category: '行政许可',
    body: '株洲市商务局',
    unit: '市场建设科',
    legal_bases: [{ law: 'xingzheng-xuke-fa', article: '第十二条' }],
    procedure: { start, steps },
  };
}

/** 22 steps: a decision with two conditions, a 补正 loop back to 受理, a 退回 loop, risks of every level. */
export function bigPower(): Power {
  const steps: ProcedureStep[] = [
    { id: 'shenqing', name: '申请', actor: '申请人', time_limit: '随时', next: ['shouli'] },
    {
      id: 'shouli', name: '受理', actor: '政务服务窗口工作人员', time_limit: { days: 1, unit: '工作日' },
      next: [{ to: 'chushen', when: '材料齐全、符合法定形式' }, { to: 'buzheng', when: '材料不齐全' }, { to: 'buyu', when: '不属于本机关职权范围' }],
      risks: [{ level: '中', description: '对符合条件的申请不予受理', controls: ['一次性告知'] }],
    },
    { id: 'buzheng', name: '一次性告知补正材料', actor: '窗口工作人员', time_limit: { days: 5, unit: '自然日' }, next: ['shouli'] },
    { id: 'buyu', name: '出具不予受理决定书', actor: '窗口工作人员', end: true },
    { id: 'chushen', name: '初审', actor: '市场建设科经办人', time_limit: { days: 3 }, next: ['xianchang'],
      risks: [{ level: '低', description: '审查不细', controls: ['双人审查'] }] },
    { id: 'xianchang', name: '现场核查', actor: '两名以上执法人员', time_limit: { days: 5 }, next: ['hechabaogao'],
      risks: [{ level: '高', description: '收受好处、降低标准', controls: ['全程记录', '廉政承诺'] }] },
    { id: 'hechabaogao', name: '出具核查报告', actor: '执法人员', next: ['fushen'] },
    { id: 'fushen', name: '复审', actor: '科室负责人', time_limit: { days: 2 },
      next: [{ to: 'jitishenyi', when: '符合条件' }, { to: 'chushen', when: '需补充审查' }] },
    { id: 'jitishenyi', name: '集体审议', actor: '局务会', next: ['hefaxing'] },
    { id: 'hefaxing', name: '合法性审查', actor: '法规科', time_limit: { days: 3 }, next: ['shenpi'] },
    { id: 'shenpi', name: '审批', actor: '分管局领导', time_limit: { days: 2 },
      next: [{ to: 'zhizheng', when: '准予许可' }, { to: 'buyuxuke', when: '不予许可' }],
      risks: [{ level: '高', description: '违规审批', controls: ['集体决策'] }] },
    { id: 'buyuxuke', name: '作出不予许可决定并说明理由', actor: '市场建设科', next: ['songda2'] },
    { id: 'songda2', name: '送达不予许可决定书', actor: '窗口工作人员', end: true },
    { id: 'zhizheng', name: '制作许可证件', actor: '市场建设科', time_limit: { days: 1 }, next: ['yongyin'] },
    { id: 'yongyin', name: '用印', actor: '办公室', next: ['songda'] },
    { id: 'songda', name: '送达许可证件', actor: '窗口工作人员', time_limit: { days: 10, unit: '工作日' }, next: ['gongkai'] },
    { id: 'gongkai', name: '公开许可结果', actor: '办公室', time_limit: { days: 7, unit: '工作日' }, next: ['guidang'] },
    { id: 'guidang', name: '立卷归档', actor: '档案员', next: ['jianguan'] },
    { id: 'jianguan', name: '事中事后监管', actor: '执法支队', next: ['pingjia'],
      risks: [{ level: '中', description: '监管不到位', controls: ['双随机'] }] },
    { id: 'pingjia', name: '好差评', actor: '申请人', next: ['zhenggai'] },
    { id: 'zhenggai', name: '问题整改', actor: '市场建设科', next: ['banjie'] },
    { id: 'banjie', name: '办结归档', actor: '档案员', end: true },
  ];
  return power('XK-001', steps);
}

/** Texts that would break or inject into a naively built Mermaid source or SVG. */
export const HOSTILE = [
  '"]; click n1 call alert(1); n9["x',
  '<script>alert("x")</script>',
  '<img src=x onerror=alert(1)>',
  'A --> B ::: evil ; C',
  '%%{init: {"theme":"dark","securityLevel":"loose"}}%%',
  '%% 注释 comment',
  '**粗体** _斜体_ `代码` # 标题',
  '#quot; #35; &lt; &amp; &#60; #60;',
  'ﬂ°°60¶ß',
  'back\\slash \\n not a newline',
  'style n1 fill:#f00;',
  'classDef x fill:#f00; class n1 x',
  'javascript:alert(document.cookie)',
  '[[子程序]] {{六边形}} ((圆)) |管道|',
  '第一行\n第二行 %% 注释',
  'tab\there',
  'end',
  'subgraph X',
  '<a href="javascript:alert(1)">链接</a>',
  '&#x3C;svg onload=alert(1)&#x3E;',
  'fa:fa-car $$x^2$$',
];

export function hostilePower(): Power {
  const steps: ProcedureStep[] = HOSTILE.map((text, i) => ({
    id: i === 0 ? 'n0' : i === 1 ? 'click' : `s${i}`,
    name: text,
    actor: HOSTILE[(i + 7) % HOSTILE.length],
    time_limit: i % 3 === 0 ? HOSTILE[(i + 3) % HOSTILE.length] : { days: i + 1 },
    next: i === HOSTILE.length - 1 ? [] : i % 4 === 1
      ? [{ to: `s${i + 1}`, when: HOSTILE[(i + 5) % HOSTILE.length] }, { to: i === 1 ? 'n0' : 'n0', when: HOSTILE[(i + 9) % HOSTILE.length] }]
      : [i + 1 === 1 ? 'click' : `s${i + 1}`],
    risks: i % 5 === 0 ? [{ level: (['高', '中', '低'] as const)[i % 3], description: text, controls: [text] }] : undefined,
  }));
  return power('CF-<script>', steps);
}
