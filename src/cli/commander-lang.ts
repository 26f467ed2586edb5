/**
 * commander's own words in the CLI's language: the help's headings, its "(default: …)" and "(choices: …)", the help
 * option and command, and the errors it reports for bad usage (unknown option or command, missing or extra arguments,
 * a value not among the choices). Done with commander's configuration (configureHelp, helpOption, helpCommand) and
 * its errors' codes (exitOverride): commander itself is not changed. English keeps commander's own text.
 */
import { Help, type Argument, type Command, type CommanderError, type Option } from 'commander';
import type { Lang } from '../diagnostics/diagnostic.js';

const TITLES: Record<string, string> = {
  'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：',
};

/** commander's usage words in Chinese. */
function usageZh(s: string): string {
  return s.replace(/\[options\]/g, '[选项]').replace(/\[command\]/g, '[命令]');
}

function extra(description: string, choices: readonly string[] | undefined, defaultValue: unknown, showDefault: boolean, defaultDescription: string | undefined): string {
  const info: string[] = [];
  if (choices) info.push(`可选：${choices.join('、')}`);
  const shown = defaultValue !== undefined && showDefault && !(Array.isArray(defaultValue) && !defaultValue.length);
  if (shown) info.push(`默认：${defaultDescription ?? (typeof defaultValue === 'string' ? defaultValue : JSON.stringify(defaultValue))}`);
  if (!info.length) return description;
  return `${description}（${info.join('；')}）`;
}

/** Columns a text takes in a terminal: Chinese characters and full-width forms take two (commander counts one). */
function displayWidth(s: string): number {
  // eslint-disable-next-line no-control-regex
  const plain = s.replace(/\x1b\[\d*(;\d*)*m/g, '');
  let w = 0;
  for (const ch of plain) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) || ch.codePointAt(0)! >= 0x20000 ? 2 : 1;
  return w;
}

const WIDE = '\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef';
/** Punctuation that does not begin a line (it stays with the character before it). */
const NO_LINE_START = /^[，。、；：？！）》」』”’]/;

/**
 * commander's wrapping, breaking between Chinese characters too (commander breaks at spaces only, so a Chinese
 * description would run past the width, or break at its one space).
 */
function boxWrap(str: string, width: number): string {
  if (width < 40) return str;
  const chunk = new RegExp(`\\s*(?:[${WIDE}]|[^\\s${WIDE}]+)`, 'g');
  return str.split(/\r?\n/).map((raw) => {
    const out: string[] = [];
    let line: string[] = [];
    const width_ = (cs: readonly string[]) => displayWidth(cs.join(''));
    for (const c of raw.match(chunk) ?? []) {
      if (!line.length || width_([...line, c]) <= width) { line.push(c); continue; }
      // Punctuation that may not start a line takes the word or character before it along.
      const carry = NO_LINE_START.test(c.trimStart()) && line.length > 1 ? [line.pop()!.trimStart()] : [];
      out.push(line.join(''));
      line = [...carry, c.trimStart()];
    }
    out.push(line.join(''));
    return out.join('\n');
  }).join('\n');
}

/** Sets the help of `program` (and of every command added after this call, which inherit it) to speak `lang`. */
export function localiseCommander(program: Command, lang: Lang): Command {
  if (lang === 'en') {
    return program.helpOption('-h, --help', 'display help for command').helpCommand('help [command]', 'display help for command')
      .configureHelp({ displayWidth, boxWrap });
  }
  return program
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [command]', '显示某个命令的帮助')
    .configureHelp({
      displayWidth,
      boxWrap,
      styleTitle: (title: string) => TITLES[title] ?? title,
      commandUsage: (cmd: Command) => usageZh(Help.prototype.commandUsage.call(new Help(), cmd)),
      subcommandTerm: (cmd: Command) => usageZh(Help.prototype.subcommandTerm.call(new Help(), cmd)),
      optionDescription: (o: Option) => extra(o.description, o.argChoices, o.defaultValue,
        o.required || o.optional || (o.isBoolean() && typeof o.defaultValue === 'boolean'), o.defaultValueDescription),
      argumentDescription: (a: Argument) => extra(a.description, a.argChoices, a.defaultValue, true, a.defaultValueDescription),
    });
}

/** Whether an error of commander is only its help or version having been shown (not a usage error). */
export function isHelpShown(e: CommanderError): boolean {
  return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || (e.code === 'commander.help' && e.exitCode === 0);
}

/** "(Did you mean x?)" / "(Did you mean one of x, y?)" as the names suggested. */
function suggested(message: string): string[] {
  const m = /\(Did you mean (?:one of )?(.+?)\?\)/.exec(message);
  return m ? m[1]!.split(', ') : [];
}

/**
 * The line a usage error of commander is printed as: in Chinese from the error's code and the names in its message,
 * followed by where to read the usage; in English, commander's message. Anything not recognised is printed as
 * commander wrote it (a newer commander's new message is then English, not lost).
 */
export function usageMessage(e: CommanderError, lang: Lang, command: string): string {
  // `command`: the names of the (sub)command given, e.g. "laws show".
  const help = command ? `powerbook ${command} --help` : 'powerbook --help';
  if (lang === 'en') return `${e.message.replace(/^error: /, 'powerbook: ')}\n(see ${help})\n`;
  const q = [...e.message.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
  const near = suggested(e.message);
  const mean = near.length ? `（是不是 ${near.join('、')}？）` : '';
  let zh: string | undefined;
  switch (e.code) {
    case 'commander.unknownOption': zh = `不认识的选项 ${q[0]}${mean}`; break;
    case 'commander.unknownCommand': zh = `不认识的命令 ${q[0]}${mean}`; break;
    case 'commander.missingArgument': zh = `缺少参数 ${q[0]}`; break;
    case 'commander.optionMissingArgument': zh = `选项 ${q[0]} 后面缺少值`; break;
    case 'commander.missingMandatoryOptionValue': zh = `缺少必须写的选项 ${q[0]}`; break;
    case 'commander.conflictingOption': zh = `选项不能同时使用：${e.message.replace(/^error: /, '')}`; break;
    case 'commander.excessArguments': {
      const m = /Expected (\d+) arguments? but got (\d+)/.exec(e.message);
      zh = m ? `参数太多：${command ? `命令 ${command} ` : ''}最多 ${m[1]} 个，给了 ${m[2]} 个` : undefined;
      break;
    }
    case 'commander.invalidArgument': {
      const m = /Allowed choices are (.+)\.$/.exec(e.message);
      const allowed = m ? `，可选：${m[1]!.split(', ').join('、')}` : '';
      if (q.length >= 2) zh = e.message.includes('command-argument') ? `参数 ${q[1]} 的值 "${q[0]}" 无效${allowed}` : `选项 ${q[0]} 的值 "${q[1]}" 无效${allowed}`;
      break;
    }
    case 'commander.help': zh = '请写出要运行的命令'; break;
  }
  return `powerbook: ${zh ?? e.message.replace(/^error: /, '')}\n（用法见 ${help}）\n`;
}
