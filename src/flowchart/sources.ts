/** The Mermaid source of each power's 权力运行流程图: its hand-written .mmd, or generated from its procedure. */
import type { HandDrawn } from './hand-drawn.js';
import type { Power } from '../domain/types.js';
import type { Loaded } from '../load/repository.js';
import { powerToMermaid, powerToMermaidPages } from './generate.js';
import type { PagedItem } from './paged.js';

export interface FlowchartSource {
  id: string;
  power: Loaded<Power>;
  /** The whole drawing (screen, the `flowchart` command). */
  source: string;
  handDrawn: boolean;
  /** For print: the drawing cut into pages that are legible on A4 (a hand-drawn one is never cut). */
  paged: PagedItem;
}

export function flowchartSources(powers: Loaded<Power>[], handDrawn: Map<string, HandDrawn>): FlowchartSource[] {
  return powers.map((p) => {
    const id = String(p.data.id);
    const hd = handDrawn.get(id);
    if (hd) return { id, power: p, source: hd.file.text, handDrawn: true, paged: { id, pages: hd.file.text } };
    return { id, power: p, source: powerToMermaid(p.data), handDrawn: false, paged: { id, pages: (fit) => powerToMermaidPages(p.data, fit) } };
  });
}
