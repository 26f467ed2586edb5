/**
 * commander's own words speak the CLI's language: usage errors (unknown option or command, missing argument, too many
 * arguments, a value not among the choices) and the help (headings, defaults, choices, the help option and command)
 * are Chinese by default and English with --lang en or an English locale; a usage error exits 2, as the CLI's own do.
 * Run as a clerk runs it: the built CLI, as a process.
 */
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/clerk.js';

/** commander's English, which must not appear in Chinese output. */
const ENGLISH = /Usage:|Options:|Commands:|Arguments:|display help for command|output the version number|error: |unknown option|unknown command|missing required argument|too many arguments|Did you mean|Allowed choices|\(default:|\(choices:/;

const USAGE_ERRORS: { args: string[]; zh: string; en: RegExp }[] = [
  { args: ['validate', '--bogus'], zh: 'powerbook: 不认识的选项 --bogus\n（用法见 powerbook validate --help）\n', en: /^powerbook: unknown option '--bogus'\n\(see powerbook validate --help\)\n$/ },
  { args: ['valdate'], zh: 'powerbook: 不认识的命令 valdate（是不是 validate？）\n（用法见 powerbook --help）\n', en: /^powerbook: unknown command 'valdate'\n\(Did you mean validate\?\)/ },
  { args: ['laws', 'show'], zh: 'powerbook: 缺少参数 law\n（用法见 powerbook laws show --help）\n', en: /^powerbook: missing required argument 'law'\n\(see powerbook laws show --help\)\n$/ },
  { args: ['validate', 'a', 'b'], zh: 'powerbook: 参数太多：命令 validate 最多 1 个，给了 2 个\n（用法见 powerbook validate --help）\n', en: /^powerbook: too many arguments for 'validate'\. Expected 1 argument but got 2\./ },
  { args: ['validate', '--stage'], zh: 'powerbook: 选项 --stage <stage> 后面缺少值\n（用法见 powerbook validate --help）\n', en: /^powerbook: option '--stage <stage>' argument missing/ },
  { args: ['validate', '--stage', 'final'], zh: 'powerbook: 选项 --stage <stage> 的值 "final" 无效，可选：draft、review、deliberation、submit、publish\n（用法见 powerbook validate --help）\n', en: /^powerbook: option '--stage <stage>' argument 'final' is invalid\. Allowed choices are draft, review, deliberation, submit, publish\./ },
  { args: ['schema'], zh: 'powerbook: 缺少必须写的选项 --out <dir>\n（用法见 powerbook schema --help）\n', en: /^powerbook: required option '--out <dir>' not specified/ },
];

describe("commander's messages in the CLI's language", () => {
  it.each(USAGE_ERRORS)('$args: Chinese by default, English with --lang en or an English locale, exit 2', ({ args, zh, en }) => {
    const z = runBin(args);
    expect([z.code, z.stdout, z.stderr]).toEqual([2, '', zh]);
    for (const r of [runBin(['--lang', 'en', ...args]), runBin(args, { env: { LANG: 'en_US.UTF-8' } })]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(en);
      expect(r.stderr).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('the help: headings, defaults, choices, the help option and command in Chinese; commander\'s English with --lang en', () => {
    const top = runBin(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/^用法： powerbook \[选项\] \[命令\]\n/);
    for (const s of ['\n选项：\n', '\n命令：\n', '-V, --version', '显示版本号', '-h, --help', '显示帮助', 'help [命令]', '显示某个命令的帮助', '消息语言（可选：zh、en）']) expect(top.stdout).toContain(s);
    const sub = runBin(['validate', '--help']);
    expect(sub.code).toBe(0);
    // (A description wrapped over lines is read joined.)
    const joined = sub.stdout.replace(/\n {2,}/g, '');
    for (const s of ['用法： powerbook validate [选项] [path]', '\n参数：\n', '\n选项：\n']) expect(sub.stdout).toContain(s);
    expect(joined).toContain('检查阶段（可选：draft、review、deliberation、submit、publish；默认：draft）');
    for (const r of [top, sub, runBin(['laws', '--help']), runBin(['help', 'build'])]) {
      expect(r.stdout).not.toMatch(ENGLISH);
      expect(r.code).toBe(0);
    }
    const en = runBin(['--lang', 'en', 'validate', '--help']);
    en.stdout = en.stdout.replace(/\n {2,}/g, ' ');
    for (const s of ['Usage: powerbook validate [options] [path]', 'Options:', 'Arguments:', '(choices: "draft", "review", "deliberation", "submit", "publish", default: "draft")', 'display help for command']) expect(en.stdout).toContain(s);
  });

  it('the help lines up and wraps by display width (a Chinese character is two columns)', () => {
    const lines = runBin(['--help']).stdout.split('\n');
    const cols = (s: string) => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
    // Every command's description starts in the same column, and no line runs past commander's 80 columns.
    const starts = lines.filter((l) => /^ {2}[a-z]/.test(l) && lines.indexOf(l) > lines.indexOf('命令：')).map((l) => cols(/^ {2}\S.*?\s{2,}/.exec(l)![0]));
    expect(new Set(starts).size).toBe(1);
    for (const l of lines) expect(cols(l), l).toBeLessThanOrEqual(80);
  });

  it('a bare powerbook shows the help and is a usage error (2); --version and --help are not (0)', () => {
    const bare = runBin([]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('用法： powerbook [选项] [命令]');
    expect(bare.stderr).toContain('powerbook: 请写出要运行的命令');
    expect(runBin(['--version']).code).toBe(0);
    expect(runBin(['help']).code).toBe(0);
  });

  it("the CLI's own usage errors exit 2 too, in the same language", () => {
    const r = runBin(['validate', '/no/such/dir']);
    expect([r.code, r.stderr]).toEqual([2, 'powerbook: 路径不存在：/no/such/dir\n']);
    expect(runBin(['--lang', 'en', 'validate', '/no/such/dir']).stderr).toBe('powerbook: No such file or directory: /no/such/dir\n');
  });
});
