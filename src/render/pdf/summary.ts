/** The PDF's lines in the build summary: pages, the 目录's passes, the fonts by role and a warning per substitute. */
import type { FontRole } from '../../domain/profile.js';
import type { PdfReport } from './index.js';

const ROLE_ZH: Record<FontRole, string> = { body: '正文', title: '标题', heading1: '黑体标题', heading2: '楷体标题', pageNumber: '页码', table: '表格' };
const ROLE_EN: Record<FontRole, string> = { body: 'body', title: 'titles', heading1: 'headings (黑体)', heading2: 'headings (楷体)', pageNumber: 'page numbers', table: 'tables' };

export function pdfSummary(report: PdfReport, file: string, en: boolean, fontProblems: string[] = []): string[] {
  const secs = (report.millis / 1000).toFixed(1);
  const toc = en
    ? `TOC page numbers ${report.tocExact ? 'exact' : 'may be off by a page'} after ${report.tocPasses} pass${report.tocPasses > 1 ? 'es' : ''}`
    : `目录页码${report.tocExact ? '已核对' : '可能差一页'}（排版 ${report.tocPasses} 遍）`;
  const lines = [en
    ? `  PDF   ${file}  (${report.pages} pages, ${toc}, ${report.bookmarks} bookmarks, ${secs} s)`
    : `  PDF   ${file}（${report.pages} 页，${toc}，书签 ${report.bookmarks} 个，用时 ${secs} 秒）`];
  const used = report.fonts.map((f) => (en ? `${ROLE_EN[f.role]} ${f.used}` : `${ROLE_ZH[f.role]} ${f.used}`));
  lines.push(en ? `        fonts: ${used.join('; ')}` : `        字体：${used.join('；')}`);
  for (const f of report.fonts.filter((x) => x.substitute)) {
    lines.push(en
      ? `  warning: PDF ${ROLE_EN[f.role]}: ${f.requested} is not installed, ${f.used} stands in (give the font file under fonts.${f.role} in powerbook.yaml)`
      : `  警告：PDF ${ROLE_ZH[f.role]}字体 ${f.requested} 未安装，已用 ${f.used} 代替（可在 powerbook.yaml 的 fonts.${f.role} 指定字体文件）`);
  }
  for (const p of fontProblems) {
    lines.push(en ? `  warning: ${p}: not a font role, or no such file in the repository; ignored` : `  警告：${p}：不是字体角色，或仓库中没有这个文件，已忽略`);
  }
  return lines;
}
