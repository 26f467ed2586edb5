/** Two versions of powerbook.yaml: the department, the compendium (its date above all), the stage dates. */
import microdiff from 'microdiff';
import type { Change, Words } from '../types.js';
import { Changes, w } from './fields.js';

const LABELS: Record<string, Words> = {
  'department.name': w('部门名称', 'department'), 'department.code': w('部门代码', 'department code'), 'department.parent': w('上级机关', 'parent authority'),
  'department.address': w('部门地址', 'department address'), 'department.phone': w('部门电话', 'department phone'),
  'compendium.title': w('汇编标题', 'compendium title'), 'compendium.subtitle': w('汇编副标题', 'compendium subtitle'),
  'compendium.edition': w('版次', 'edition'), 'compendium.date': w('汇编日期', 'compendium date'), 'compendium.preface': w('编制说明文件', 'preface file'),
  'compendium.parts': w('汇编组成部分', 'compendium parts'), 'compendium.show_risks_in_public': w('公开廉政风险点', 'risk points in public'),
  'compendium.revision_base': w('修订说明的比较基准', 'revision notes base'),
  'stages.draft_by': w('起草完成日期', 'drafts due'), 'stages.legality_review_by': w('合法性审查完成日期', 'legality review due'),
  'stages.deliberation_by': w('集体审议完成日期', 'deliberation due'), 'stages.submit_by': w('报送日期', 'submission due'),
  'stages.publish_by': w('公布日期', 'publication due'),
  department: w('部门', 'department'), compendium: w('汇编', 'compendium'), stages: w('工作节点', 'stage dates'),
  law_library: w('法规库', 'law library'), roles: w('本单位在法律中的称谓', 'roles'), lint: w('检查规则的级别', 'rule levels'),
  fonts: w('字体', 'fonts'), 'compendium.quote_legal_bases': w('印出所引条文', 'quote legal bases'),
};

export function compareConfigs(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): Change[] {
  const c = new Changes();
  const x = a ?? {}, y = b ?? {};
  // Two levels (section.key) are what a reader knows by name; deeper values are shown whole.
  const paths = new Set<string>();
  for (const d of microdiff(x, y)) paths.add(d.path.slice(0, 2).join('.'));
  for (const p of [...paths].sort()) {
    const [k1, k2] = p.split('.');
    const get = (o: Record<string, unknown>) => (k2 === undefined ? o[k1!] : (o[k1!] as Record<string, unknown> | undefined)?.[k2]);
    const label = LABELS[p] ?? (k1 === 'lint' && k2 !== undefined ? w(`检查规则 ${k2} 的级别`, `level of rule ${k2}`) : w(p, p));
    c.value(p, label, get(x), get(y));
  }
  return c.list;
}
