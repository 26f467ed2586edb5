import type { Diagnostic } from '../diagnostic.js';
import { RULE_IDS, RULE_META, HOMEPAGE, ruleHelpUri, type Severity } from '../rules.js';
import { joinPath, pick, type FormatOptions } from './options.js';

/** SARIF's names of the levels. */
function level(s: Severity): 'error' | 'warning' | 'note' {
  return s === 'info' ? 'note' : s;
}

/** SARIF 2.1.0 for code scanning (GitHub, GitLab). */
export function formatSarif(diags: Diagnostic[], opts: FormatOptions): string {
  const en = opts.lang === 'en';
  const all = RULE_IDS.map((id) => ({ id, ...RULE_META[id] }));
  const index = new Map<string, number>(all.map((r, i) => [r.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'powerbook',
          version: opts.toolVersion,
          informationUri: HOMEPAGE,
          // Every rule id of diagnostics/rules.ts, with its default level; helpUri is its row of the README's rule table.
          rules: all.map((r) => ({
            id: r.id, shortDescription: { text: en ? r.en : r.zh }, fullDescription: { text: `${r.zh} / ${r.en}` },
            helpUri: ruleHelpUri(r.id), defaultConfiguration: { level: level(r.severity) },
          })),
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
          level: level(d.severity),
          message: { text: hint ? `${message}（${hint}）` : message },
          locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(joinPath(opts.base, d.file)) }, region } }],
        };
      }),
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
