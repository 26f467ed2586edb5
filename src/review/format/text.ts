/** `diff --format text`: for a terminal, counts first, then each item with its changes, long texts as line diffs. */
import pc from 'picocolors';
import type { Lang } from '../../diagnostics/diagnostic.js';
import type { Change, RepoDiff } from '../types.js';
import { DIFF_KINDS } from '../types.js';
import { changeCount, changeText, countLine, diffLines, itemTitle, KIND_WORDS, label, libraryProblem, provisionsHeading, provisionTitle, revisionLabel, statusWord } from './words.js';

export function formatDiffText(d: RepoDiff, opts: { lang: Lang; color?: boolean }): string {
  const { lang } = opts;
  const en = lang === 'en';
  const c = pc.createColors(Boolean(opts.color));
  const out: string[] = [];
  out.push(en ? `Compared ${revisionLabel(d.base, lang)} → ${revisionLabel(d.head, lang)}` : `比较 ${revisionLabel(d.base, lang)} → ${revisionLabel(d.head, lang)}`);
  for (const k of DIFF_KINDS) out.push(countLine(d, k, lang));
  const problem = libraryProblem(d, lang);
  if (problem) out.push(c.yellow(problem));
  if (!changeCount(d)) {
    out.push(en ? 'No change to powers, laws, rules or powerbook.yaml.' : '职权、法律、制度和 powerbook.yaml 均无变化。');
    return out.join('\n') + '\n';
  }
  const changeLines = (ch: Change[], indent: string) => {
    for (const x of ch) {
      out.push(`${indent}${label(x, lang)}${en ? ': ' : '：'}${changeText(x, lang)}`);
      if (x.long) for (const l of diffLines(x.before, x.after)) out.push(`${indent}  ${l.startsWith('+') ? c.green(l) : l.startsWith('-') ? c.red(l) : c.dim(l)}`);
    }
  };
  for (const k of DIFF_KINDS) {
    const items = d.items.filter((i) => i.kind === k);
    if (!items.length) continue;
    out.push('', c.bold(en ? KIND_WORDS[k].en : KIND_WORDS[k].zh));
    const width = Math.max(...items.map((i) => statusWord(k, i.status, lang).length));
    for (const it of items) {
      const word = statusWord(k, it.status, lang);
      const pad = ' '.repeat(Math.max(0, (width - word.length) * (en ? 1 : 2)));
      const colour = it.status === 'added' ? c.green : it.status === 'removed' ? c.red : c.yellow;
      const file = it.oldFile && it.oldFile !== it.file ? `${it.oldFile} → ${it.file}` : it.file;
      out.push(`  ${colour(word)}${pad}  ${itemTitle(it, lang)}  ${c.dim(file)}`);
      changeLines(it.changes, '      ');
    }
  }
  if (d.config.length) {
    out.push('', c.bold('powerbook.yaml'));
    changeLines(d.config, '  ');
  }
  if (d.provisions.length) {
    out.push('', c.bold(provisionsHeading(d, lang)));
    for (const p of d.provisions) {
      out.push(`  ${provisionTitle(d, p, lang)}`);
      for (const l of diffLines(p.before, p.after)) out.push(`    ${l.startsWith('+') ? c.green(l) : l.startsWith('-') ? c.red(l) : c.dim(l)}`);
    }
  }
  if (d.unreadable.length) {
    out.push('', en ? 'Not compared (the file does not parse; run powerbook validate):' : '未比较（文件无法解析，请运行 powerbook validate 查看）：');
    for (const u of d.unreadable) out.push(`  ${u.side === 'base' ? (en ? 'base' : '比较基准') : (en ? 'head' : '当前')}  ${u.file}`);
  }
  return out.join('\n') + '\n';
}
