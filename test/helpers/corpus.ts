/**
 * A repository where every rule id that `validate` can find fires: examples/mistakes (one mistake per semantic rule)
 * plus the broken files of FILES (problems of files and of typing, not of content), validated at stage publish (where
 * every stage's requirements apply). Shared by test/validate/lint.test.ts (lint: applies to every id) and
 * severities.test.ts (the severity `powerbook rules` prints is the one validate reports).
 */
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { RULE_IDS, type RuleId } from '../../src/diagnostics/rules.js';
import { copyExample } from './repo.js';

/** Ids `lint:` cannot reach, and why. */
export const NOT_SETTABLE: Partial<Record<RuleId, string>> = {
  'config-missing': 'reported when there is no powerbook.yaml: there is no lint: to set it in',
  'empty-repository': 'reported when the directory has no powerbook.yaml (nor anything else): no lint: either',
};
/**
 * Ids found only by `build` (and `export`): the flowcharts' (compile(), with Chromium), the 修订说明's (the command), and
 * compendium-file-omitted (test/build/omitted.test.ts); and `import`'s sheet-* ids.
 */
export const BUILD_ONLY: RuleId[] = [
  'flowchart-render', 'flowchart-small-text', 'revision-base', 'compendium-file-omitted',
  // `import`'s own: the spreadsheet read (test/sheet/import.test.ts).
  ...RULE_IDS.filter((id) => id.startsWith('sheet-')),
];
/** The stage the repository is validated at: the last, where every requirement of the stage table applies. */
export const STAGE = 'publish';

function aliasBomb(): string {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 0; i < 9; i++) {
    const prev = String.fromCharCode(97 + i), name = String.fromCharCode(98 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return lines.join('\n') + '\n';
}

/** Broken files added to a copy of examples/mistakes, for the ids it does not show. */
export const FILES: Record<string, string | Buffer> = {
  'laws/yaml-syntax.yaml': 'id: yaml-syntax\ntitle: 甲\narticles: [第一条\n',
  'laws/duplicate-key.yaml': 'id: duplicate-key\ntitle: 甲\ntitle: 乙\n',
  'laws/tab-indent.yaml': 'id: tab-indent\narticles:\n\t- number: 第一条\n',
  'laws/yaml-fullwidth-colon.yaml': 'id: yaml-fullwidth-colon\ntitle：全角冒号\n',
  'laws/yaml-ideographic-space.yaml': 'id: yaml-ideographic-space\n\u3000title: 全角空格\n',
  'laws/yaml-colon-in-value.yaml': 'id: yaml-colon-in-value\ntitle: 甲: 乙\n',
  'laws/yaml-unbalanced-quote.yaml': 'id: yaml-unbalanced-quote\ntitle: "没有结束的引号\n',
  'laws/yaml-fullwidth-dash.yaml': 'id: yaml-fullwidth-dash\ntitle: 甲\narticles:\n  － number: 第一条\n',
  'laws/alias-limit.yaml': aliasBomb(),
  'laws/binary-file.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
  'laws/empty-file.yaml': '\n',
  'laws/control-char.yaml': 'id: control-char\ntitle: 控制\u001b[31m字符\n',
  'laws/hidden-char.yaml': 'id: hidden-char\ntitle: "转义写出的\\x07控制字符"\n',
  'laws/encoding.yaml': iconv.encode('id: encoding\ntitle: 国标编码的法律\n', 'gb18030'),
  'laws/file-too-large.yaml': `id: file-too-large\n# ${'x'.repeat(1_100_000)}\n`,
  'laws/yaml-too-deep.yaml': `id: yaml-too-deep\narticles: ${'['.repeat(150)}${']'.repeat(150)}\n`,
};

/** Makes the repository in `dir` (empty): examples/mistakes and the broken files. */
export function brokenRepository(dir: string): void {
  copyExample('examples/mistakes', dir);
  for (const [rel, data] of Object.entries(FILES)) writeFileSync(path.join(dir, rel), data);
  symlinkSync('/etc/hostname', path.join(dir, 'laws/path-outside.yaml'));
  symlinkSync('nowhere.yaml', path.join(dir, 'laws/file-unreadable.yaml'));
  const power = readFileSync(path.join(dir, 'powers/XK-001.yaml'), 'utf8');
  // A hand-drawn flowchart that is not there (file-missing).
  writeFileSync(path.join(dir, 'powers/QT-001.yaml'), power.replace(/^id: .*$/m, 'id: QT-001').replace(/^category: .*$/m, '$&\nflowchart: not-there.mmd'));
  // Chinese quotation marks that do not pair up (text-unbalanced-quote).
  writeFileSync(path.join(dir, 'powers/QT-002.yaml'), power.replace(/^id: .*$/m, 'id: QT-002').replace(/^name: (.*)$/m, 'name: “$1'));
  // An image that is there but is a JPEG: image-unresolved at its variant's severity (a warning).
  writeFileSync(path.join(dir, 'rules/photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]));
  const rule = readFileSync(path.join(dir, 'rules/ZD-01.md'), 'utf8');
  writeFileSync(path.join(dir, 'rules/ZD-09.md'), rule.replace(/^id: .*$/m, 'id: ZD-09').replace(/^title: .*$/m, 'title: 带照片的制度') + '\n![照片](photo.jpg)\n');
}
