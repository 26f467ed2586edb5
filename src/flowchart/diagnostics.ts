/** The diagnostics of drawing: a flowchart that failed to render, one that prints too small to read on A4. */
import { makeDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { FLOWCHART_MIN_FONT_PT } from './config.js';

export function renderFailure(file: string, range: { start: { line: number; column: number } }, error: string): Diagnostic {
  return makeDiagnostic(file, range, 'flowchart-render', 'error', {
    zh: `权力运行流程图绘制失败：${error}`, en: `The flowchart could not be rendered: ${error}`,
    hintZh: '检查办理流程的环节和标签；如是手绘流程图，先运行 powerbook validate 检查语法', hintEn: 'Check the procedure, or validate the hand-drawn .mmd',
  });
}

export function smallText(file: string, range: { start: { line: number; column: number } }, pt: number, handDrawn: boolean): Diagnostic {
  const size = pt.toFixed(1);
  return makeDiagnostic(file, range, 'flowchart-small-text', 'warning', {
    zh: `权力运行流程图印在 A4 纸上时文字只有约 ${size} 磅，小于 ${FLOWCHART_MIN_FONT_PT} 磅（六号），不易辨认`,
    en: `The flowchart's text prints at about ${size} pt on A4, below ${FLOWCHART_MIN_FONT_PT} pt, and is hard to read`,
    hintZh: handDrawn ? '手绘流程图不会自动分页：精简图中的环节和文字，或删去 flowchart 这一行，改由办理流程（procedure）自动生成流程图（过长时自动分页）' : '缩短环节名称、承办岗位和条件的文字，或减少并列的分支',
    hintEn: handDrawn ? 'A hand-drawn flowchart is not cut into pages: make it smaller, or remove the flowchart line so that one is generated from the procedure (cut into pages when long)' : 'Shorten the step, actor and condition texts, or reduce parallel branches',
  });
}
