/**
 * Which library files are not law texts, by where they sit and what they are: the site's folder pages (`_index.md`,
 * front matter only), the maintainers' template, court cases (案例/), and the guide and technical standard of 其他/.
 */

export type SkipReason = 'folder-page' | 'template' | 'court-case' | 'guide' | 'standard' | 'no-text';

export const SKIP_REASONS: Record<SkipReason, { zh: string; en: string }> = {
  'folder-page': { zh: '网站目录页（_index.md），不是法律文本', en: "the site's folder page (_index.md), not a law text" },
  template: { zh: '维护者的法律法规模版，不是法律文本', en: "the maintainers' template, not a law text" },
  'court-case': { zh: '案例，不是法律文本', en: 'a court case, not a law text' },
  guide: { zh: '指南或攻略，不是法律文本', en: 'a guide, not a law text' },
  standard: { zh: '技术标准，不是法律文本', en: 'a technical standard, not a law text' },
  'no-text': { zh: '没有标题和正文，不是法律文本', en: 'no title and no text: not a law text' },
};

/** The top folder a file is counted under: `行政法规`, `DLC/浙江地方法规`, `.` for the root. */
export function folderOf(rel: string): string {
  const parts = rel.split('/');
  if (parts.length === 1) return '.';
  if (parts[0] === 'DLC' && parts.length > 2) return `DLC/${parts[1]}`;
  return parts[0]!;
}

/** Why a file is left out of the index, judged from its path and its first lines; undefined for a law text. */
export function skipReason(rel: string, text: string): SkipReason | undefined {
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  if (name === '_index.md') return 'folder-page';
  if (/^法律法规模[版板]\.md$/.test(name)) return 'template';
  if (/^---\s*\n[\s\S]*?\n---/.test(text) && /^---\s*\n\s*(?:book|title|weight)/.test(text)) return 'folder-page';
  const top = rel.split('/')[0];
  if (top === '案例') return 'court-case';
  if (top === '其他') return /标准/.test(name) ? 'standard' : 'guide';
  if (!/^\s*#\s/m.test(text)) return 'no-text';
  return undefined;
}
