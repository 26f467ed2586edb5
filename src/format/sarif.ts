import type { Diagnostic } from '../diagnostic.js';
import { RULES, BUILTIN_IDS } from '../check/registry.js';
import { joinPath, pick, type FormatOptions } from './index.js';

/** SARIF 2.1.0 for code scanning (GitHub, GitLab). */
export function formatSarif(diags: Diagnostic[], opts: FormatOptions): string {
  const en = opts.lang === 'en';
  const all = [
    ...RULES.map((r) => ({ id: r.id, zh: r.description.zh, en: r.description.en })),
    ...Object.entries(BUILTIN_IDS).map(([id, d]) => ({ id, zh: d.zh, en: d.en })),
  ].sort((a, b) => (a.id < b.id ? -1 : 1));
  const index = new Map(all.map((r, i) => [r.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'powerbook',
          version: opts.toolVersion,
          informationUri: 'https://powerbook.dev',
          rules: all.map((r) => ({ id: r.id, shortDescription: { text: en ? r.en : r.zh }, fullDescription: { text: `${r.zh} / ${r.en}` } })),
        },
      },
      columnKind: 'utf16CodeUnits',
      results: diags.map((d) => {
        const { message, hint } = pick(d, opts.lang);
        const region: Record<string, number> = { startLine: d.start.line, startColumn: d.start.column };
        if (d.end) { region.endLine = d.end.line; region.endColumn = d.end.column; }
        return {
          ruleId: d.rule,
          ruleIndex: index.get(d.rule),
          level: d.severity === 'info' ? 'note' : d.severity,
          message: { text: hint ? `${message}（${hint}）` : message },
          locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(joinPath(opts.base, d.file)) }, region } }],
        };
      }),
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
