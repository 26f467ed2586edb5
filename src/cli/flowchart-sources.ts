/** The Mermaid source of each power's 权力运行流程图: its hand-written .mmd, or generated from its procedure. */
import type { HandDrawn } from '../check/flowcharts.js';
import type { Loaded, Power } from '../model/repository.js';
import { powerToMermaid } from '../render/mermaid/generate.js';

export interface FlowchartSource { id: string; power: Loaded<Power>; source: string; handDrawn: boolean }

export function flowchartSources(powers: Loaded<Power>[], handDrawn: Map<string, HandDrawn>): FlowchartSource[] {
  return powers.map((p) => {
    const hd = handDrawn.get(String(p.data.id));
    return { id: String(p.data.id), power: p, source: hd ? hd.file.text : powerToMermaid(p.data), handDrawn: Boolean(hd) };
  });
}
