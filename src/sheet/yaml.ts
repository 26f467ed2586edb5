/**
 * A power as the text of powers/ID.yaml, laid out as the examples are: a comment naming it, block style, time limits
 * and fees in flow style ({days: 20, unit: 工作日}), a step's next in brackets, multi-line quotes as literal blocks,
 * no line folded, a value that any YAML reader could take for other than text quoted ("2022-12-30", "yes",
 * "000117001000"). The same power gives the same bytes (an import run twice writes nothing the second time).
 */
import type { Document, YAMLMap, YAMLSeq } from 'yaml';
import { createRequire } from 'node:module';
import type { PowerOut } from './power.js';

type YamlLib = typeof import('yaml');
let lib: YamlLib | undefined;
const yaml = (): YamlLib => (lib ??= createRequire(import.meta.url)('yaml') as YamlLib);

export function powerYaml(p: PowerOut): string {
  const Y = yaml();
  // Strings that YAML 1.1 readers (editors, older tools) would take for dates, booleans or numbers are quoted.
  const doc: Document = new Y.Document(p, { version: '1.1' });
  const flow = (path: string[]) => {
    const n = doc.getIn(path, true);
    if (Y.isMap(n) || Y.isSeq(n)) n.flow = true;
  };
  flow(['time_limit', 'statutory']);
  flow(['time_limit', 'promised']);
  const fees = p.fees as Record<string, unknown> | undefined;
  if (fees && Object.keys(fees).length === 1) flow(['fees']);
  const steps = doc.getIn(['procedure', 'steps'], true) as YAMLSeq<YAMLMap> | undefined;
  for (const s of steps?.items ?? []) {
    const next = s.get('next', true);
    if (Y.isSeq(next)) next.flow = true;
    const t = s.get('time_limit', true);
    if (Y.isMap(t)) t.flow = true;
  }
  const contents = doc.contents as YAMLMap;
  contents.commentBefore = ` ${p.category ? `${String(p.category)}：` : ''}${String(p.name)}`;
  return doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: false });
}
