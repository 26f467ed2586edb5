/** The diagnostics of drawing: a flowchart that failed to render, one that prints too small to read on A4. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/message.js';
import { FLOWCHART_MIN_FONT_PT } from './config.js';

export function renderFailure(file: string, range: { start: { line: number; column: number } }, error: string): Diagnostic {
  return diag(file, range, 'flowchart-render', 'failed', { error });
}

export function smallText(file: string, range: { start: { line: number; column: number } }, pt: number, handDrawn: boolean): Diagnostic {
  return diag(file, range, 'flowchart-small-text', handDrawn ? 'handDrawn' : 'generated', { size: pt.toFixed(1), min: FLOWCHART_MIN_FONT_PT });
}
