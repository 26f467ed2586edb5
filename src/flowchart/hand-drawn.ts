/**
 * Hand-written flowcharts (`flowchart: XK-001.mmd` in a power): the file must be inside the repository, exist, and parse
 * with Mermaid's own parser. Async, and loads Mermaid only when some power has one.
 */
import path from 'node:path';
import { makeDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { readReferenced } from '../load/repository.js';
import type { Power } from '../domain/types.js';
import type { Loaded, Repository } from '../load/repository.js';
import type { SourceFile } from '../load/source.js';

export interface HandDrawn { power: Loaded<Power>; file: SourceFile }

/** Reads every power's hand-written .mmd (reporting missing or outside paths). */
export function readHandDrawn(repo: Repository, powers: Loaded<Power>[], diags: Diagnostic[]): Map<string, HandDrawn> {
  const out = new Map<string, HandDrawn>();
  for (const p of powers) {
    if (!p.data.flowchart) continue;
    const file = readReferenced(repo, p.source.path, p.data.flowchart, diags, p.source.rangeAt(['flowchart']));
    if (file) out.set(String(p.data.id), { power: p, file });
  }
  return out;
}

export async function checkHandDrawn(handDrawn: Map<string, HandDrawn>, diags: Diagnostic[]): Promise<void> {
  if (!handDrawn.size) return;
  const { validateMermaidSource } = await import('./validate.js');
  for (const { power, file } of handDrawn.values()) {
    const err = await validateMermaidSource(file.text);
    if (!err) continue;
    diags.push(makeDiagnostic(file.path, { start: { line: err.line, column: err.column } }, 'flowchart-syntax', 'error', {
      zh: `流程图语法错误（Mermaid）：${err.message.split('\n')[0]}`, en: `Flowchart syntax error (Mermaid): ${err.message.split('\n')[0]}`,
      hintZh: `这是职权 ${power.data.id}（${path.posix.basename(power.source.path)}）的手绘流程图；对照 Mermaid flowchart 语法改正，或删除 flowchart 字段改用自动生成`,
      hintEn: `Hand-drawn flowchart of ${power.data.id}; fix the Mermaid syntax or remove the flowchart field to generate it`,
    }));
  }
}
