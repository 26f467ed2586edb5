/**
 * Hand-written flowcharts (`flowchart: XK-001.mmd` in a power): the file must be inside the repository, exist, and parse
 * with Mermaid's own parser. Async, and loads Mermaid only when some power has one.
 */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/message.js';
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
    diags.push(diag(file.path, { start: { line: err.line, column: err.column } }, 'flowchart-syntax', 'syntax', {
      detail: err.message.split('\n')[0], power: String(power.data.id), file: path.posix.basename(power.source.path),
    }));
  }
}
