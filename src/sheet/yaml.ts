/**
 * A power as the text of powers/ID.yaml, laid out as the examples are: a comment naming it, block style, time limits
 * and fees in flow style ({days: 20, unit: 工作日}), a step's next and time limit in brackets, multi-line quotes as
 * literal blocks, no line folded, a value that any YAML reader could take for other than text quoted ("2022-12-30",
 * "yes", "000117001000"). The same power gives the same bytes (an import run twice writes nothing the second time).
 *
 * js-yaml's dump, key by key (flowLevel puts a step's `next` and `time_limit`, four levels down, in flow style): the
 * loader's fast path already uses js-yaml, and it writes a 1,000-row list's files several times faster than `yaml`.
 */
import jsYaml from 'js-yaml';
import type { PowerOut } from './power.js';

const OPTIONS: jsYaml.DumpOptions = { lineWidth: -1, noRefs: true, quotingType: '"', flowLevel: 4 };

function dump(v: unknown, flowLevel = OPTIONS.flowLevel): string {
  return jsYaml.dump(v, { ...OPTIONS, flowLevel }).trimEnd();
}

export function powerYaml(p: PowerOut): string {
  const out = [`# ${p.category ? `${String(p.category)}：` : ''}${String(p.name)}`];
  for (const [key, value] of Object.entries(p)) {
    if (key === 'fees' && Object.keys(value as object).length === 1) out.push(`fees: ${dump(value, 0)}`);
    // time_limit's statutory and promised in flow style, its note as any text.
    else if (key === 'time_limit') out.push(dump({ time_limit: value }, 2));
    else out.push(dump({ [key]: value }));
  }
  return `${out.join('\n')}\n`;
}
