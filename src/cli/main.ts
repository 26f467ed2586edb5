/** The command line: commander parses, the commands do the work, this file maps outcomes to exit statuses. */
import { Command, CommanderError, Option } from 'commander';
import type { Lang } from '../diagnostics/diagnostic.js';
import { ChromiumMissingError } from '../browser/chromium.js';
// Commands are imported when run: `validate` must not pay for loading the DOCX, PDF and Chromium code.
import { processIo, resolveLang, UsageError, type Io } from './io.js';
import { isHelpShown, localiseCommander, usageMessage } from './commander-lang.js';
import { VERSION } from '../util/version.js';
import { STAGE_IDS } from '../check/stages.js';

/** A repeatable option's values, in order. */
function collect(value: string, previous: string[]): string[] { return [...previous, value]; }

export async function run(argv: string[], io: Io = processIo()): Promise<number> {
  const langArg = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const langOpt = langArg < 0 ? undefined : argv[langArg].includes('=') ? argv[langArg].split('=')[1] : argv[langArg + 1];
  const lang: Lang = resolveLang(langOpt, io.env);
  const t = (zh: string, en: string) => (lang === 'en' ? en : zh);
  let code = 0;

  const program = new Command('powerbook')
    .description(t('规范权力运行制度汇编工具：校验制度库，生成制度汇编（DOCX/PDF）', 'Validate a rule repository and build its compendium (DOCX/PDF)'))
    .version(VERSION, '-V, --version', t('显示版本号', 'output the version number'))
    .addOption(new Option('--lang <lang>', t('消息语言', 'message language')).choices(['zh', 'en']))
    .exitOverride()
    // commander's error messages are printed by the catch below, in the CLI's language (commander-lang.ts).
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => {} })
    .showHelpAfterError(false);
  // Before the commands are added: they inherit the help's language.
  localiseCommander(program, lang);

  program.command('validate')
    .description(t('检查制度库：格式、引用、法律效力、流程图、审查与审议记录', 'Check a rule repository: format, references, laws in force, procedures, review records'))
    .argument('[path]', t('制度库目录，或其中的文件、子目录（只显示它的问题；制度库从它往上找 powerbook.yaml）；不写则为当前目录所在的整个制度库',
      "the repository, or a file or folder in it (only its problems are shown; the repository is found upwards from it by its powerbook.yaml); default: the whole repository holding the current folder"))
    .addOption(new Option('--stage <stage>', t('检查阶段', 'stage')).choices([...STAGE_IDS]).default('draft'))
    .addOption(new Option('-f, --format <format>', t('输出格式', 'output format')).choices(['stylish', 'json', 'github', 'sarif', 'gitlab']).default('stylish'))
    .option('--max-warnings <n>', t('警告超过 n 个时以状态 1 退出', 'exit 1 when warnings exceed n'))
    .option('-o, --output <file>', t('把结果写入文件', 'write the report to a file'))
    .option('--color', t('强制彩色输出', 'force colour'))
    .option('--no-color', t('不用彩色', 'no colour'))
    .option('--law-library <path>', t('法规库目录（优先于环境变量 POWERBOOK_LAW_LIBRARY 和 powerbook.yaml 的 law_library；可写多次）', 'law library directory (wins over POWERBOOK_LAW_LIBRARY and law_library in powerbook.yaml; repeatable)'), collect, [])
    .action(async (dir: string, opts) => { code = await (await import('./validate.js')).validateCommand(io, lang, dir, opts); });

  program.command('build')
    .description(t('生成制度汇编（先检查，有错误则不生成）', 'Build the compendium (validates first; errors stop the build)'))
    .argument('[dir]', t('制度库目录', 'repository directory'), '.')
    .option('-f, --format <formats>', t('输出格式，可用逗号连写：docx、pdf、html', 'output formats, comma-separated: docx, pdf, html'), 'docx')
    .option('-o, --out <dir>', t('输出目录', 'output directory'), 'dist')
    .addOption(new Option('--stage <stage>', t('检查阶段', 'stage')).choices([...STAGE_IDS]).default('draft'))
    .option('--no-cache', t('不用缓存（流程图、DOCX 排版），全部重新生成', 'use no cache (flowcharts, DOCX page layout): make everything again'))
    .option('--law-library <path>', t('法规库目录（优先于环境变量 POWERBOOK_LAW_LIBRARY 和 powerbook.yaml 的 law_library；可写多次）', 'law library directory (wins over POWERBOOK_LAW_LIBRARY and law_library in powerbook.yaml; repeatable)'), collect, [])
    .action(async (dir: string, opts) => { code = await (await import('./build.js')).buildCommand(io, lang, dir, opts); });

  program.command('export')
    .description(t('导出向社会公布的权力清单和责任清单：xlsx（每个清单一个工作表）或 csv（一个清单）', 'Export the lists a department publishes (权力清单, 责任清单): xlsx (a sheet per list) or csv (one list)'))
    .argument('<format>', t('导出格式：xlsx 或 csv', 'format: xlsx or csv'))
    .argument('[dir]', t('制度库目录（也可用 -C）', 'repository directory (or -C)'))
    .option('-C, --dir <dir>', t('制度库目录', 'repository directory'))
    .option('-o, --out <file>', t('输出文件（默认 dist/<部门>权力清单和责任清单.xlsx 或 dist/<部门>行政权力清单.csv）；写已有目录则放在其中', 'output file (default dist/<department>权力清单和责任清单.xlsx or dist/<department>行政权力清单.csv); an existing directory: the file goes in it'))
    .option('--list <list>', t('csv 导出哪个清单：powers（权力清单，默认）、duties（责任清单）、status（取消、暂停事项）', 'csv: which list: powers (default), duties, status (cancelled or suspended powers)'))
    .addOption(new Option('--stage <stage>', t('检查阶段', 'stage')).choices([...STAGE_IDS]).default('draft'))
    .option('--law-library <path>', t('法规库目录（优先于环境变量 POWERBOOK_LAW_LIBRARY 和 powerbook.yaml 的 law_library；可写多次）', 'law library directory (wins over POWERBOOK_LAW_LIBRARY and law_library in powerbook.yaml; repeatable)'), collect, [])
    .action(async (format: string, dir: string | undefined, opts) => { code = await (await import('./export.js')).exportCommand(io, lang, format, dir, opts); });

  program.command('schema')
    .description(t('导出 JSON Schema（供编辑器提示和其他工具使用）', 'Write the JSON Schemas (for editors and other tools)'))
    .requiredOption('--out <dir>', t('输出目录', 'output directory'))
    .action(async (opts: { out: string }) => { code = (await import('./schema.js')).schemaCommand(io, lang, opts.out); });

  program.command('init')
    .description(t('新建一个制度库（配置、示例职权、法律、制度、CI 配置、编辑器提示）', 'Scaffold a new rule repository'))
    .argument('[dir]', t('目标目录', 'target directory'), '.')
    .option('--department <name>', t('部门名称', 'department name'))
    .option('--force', t('覆盖已有文件', 'overwrite existing files'))
    .option('--package <spec>', t('CI 安装 powerbook 的来源（git 地址、.tgz 地址或包名）；不写则由 CI 变量 POWERBOOK_PACKAGE 提供', 'where CI installs powerbook from (git URL, .tgz URL or package name); default: the CI variable POWERBOOK_PACKAGE'))
    .action(async (dir: string, opts: { department?: string; force?: boolean; package?: string }) => { code = (await import('./init.js')).initCommand(io, lang, dir, opts); });

  program.command('flowchart')
    .description(t('生成权力运行流程图（Mermaid 源文件、SVG 或 PNG）', 'Write the power-operation flowcharts (Mermaid source, SVG or PNG)'))
    .argument('[ids...]', t('事项编码（不写则全部）；第一个也可以是制度库目录', 'power ids (default: all); the first may be the repository directory'))
    .option('-C, --dir <dir>', t('制度库目录', 'repository directory'))
    .option('-f, --format <formats>', t('输出格式：mmd、svg、png，可用逗号连写', 'output formats: mmd, svg, png (comma-separated)'), 'svg')
    .option('-o, --out <dir>', t('输出目录', 'output directory'), 'flowcharts')
    .option('--pages', t('按汇编的分页输出（长流程拆成几页，每页在 A4 上清晰可读：编码-1、编码-2…）', 'write the pages the compendium prints (a long procedure cut into pages legible on A4: ID-1, ID-2, …)'))
    .option('--no-cache', t('不用缓存，全部重新绘制', 'render everything again'))
    .action(async (ids: string[], opts) => { code = await (await import('./flowchart.js')).flowchartCommand(io, lang, ids, opts); });

  program.command('diff')
    .description(t('比较制度库的两个 git 修订：职权、法律、制度的新增、取消、重新编号和逐项修改', 'Compare two git revisions of the rule repository: powers, laws and rules added, removed, renamed and changed field by field'))
    .argument('[base]', t('比较基准（分支、标签或提交；默认：与默认分支的合并基点）', 'base revision (branch, tag or commit; default: the merge base with the default branch)'))
    .argument('[head]', t('比较对象（默认：工作区）', 'head revision (default: the working tree)'))
    .option('-C, --dir <dir>', t('制度库目录', 'repository directory'), '.')
    .addOption(new Option('-f, --format <format>', t('输出格式', 'output format')).choices(['text', 'markdown', 'json']).default('text'))
    .option('-o, --output <file>', t('把结果写入文件', 'write the report to a file'))
    .option('--max-chars <n>', t('markdown 最多 n 个字符（合并请求评论的上限）', 'markdown: at most n characters (a pull request comment\'s limit)'))
    .option('--exit-code', t('有变化时以状态 1 退出', 'exit 1 when something changed'))
    .option('--color', t('强制彩色输出', 'force colour'))
    .option('--no-color', t('不用彩色', 'no colour'))
    .option('--law-library <path>', t('法规库目录：两个修订的汇编日期不同时，比较所引条文在两个日期施行的文本（优先于环境变量 POWERBOOK_LAW_LIBRARY 和 powerbook.yaml 的 law_library；可写多次）', 'law library directory: when the two revisions\' compendium dates differ, the cited provisions are compared as in force on each date (wins over POWERBOOK_LAW_LIBRARY and law_library in powerbook.yaml; repeatable)'), collect, [])
    .action(async (base: string | undefined, head: string | undefined, opts) => { code = await (await import('./diff.js')).diffCommand(io, lang, base, head, opts); });

  program.command('status')
    .description(t('对照工作方案各阶段日期查看进度：已完成、还有几天、已逾期，卡在哪里', 'Where the repository stands against the work plan\'s stage dates: done, due in N days, overdue, and what blocks the next stage'))
    .argument('[dir]', t('制度库目录', 'repository directory'), '.')
    .option('--at <date>', t('按这一天计算（YYYY-MM-DD，默认今天）', 'as of this day (YYYY-MM-DD, default today)'))
    .addOption(new Option('-f, --format <format>', t('输出格式', 'output format')).choices(['text', 'markdown', 'json']).default('text'))
    .option('-o, --output <file>', t('把结果写入文件', 'write the report to a file'))
    .option('--law-library <path>', t('法规库目录：据此列出所引法律的废止和修订（优先于环境变量 POWERBOOK_LAW_LIBRARY 和 powerbook.yaml 的 law_library；可写多次）', 'law library directory: the cited laws repealed or amended are judged by it (wins over POWERBOOK_LAW_LIBRARY and law_library in powerbook.yaml; repeatable)'), collect, [])
    .action(async (dir: string, opts) => { code = await (await import('./status.js')).statusCommand(io, lang, dir, opts); });

  program.command('rollup')
    .description(t('汇总各部门 CI 发布的进度和检查结果（status、validate 的 JSON），或各部门的制度库：网页、Excel、JSON', 'Roll up the departments\' published status and validate JSON (or their repositories): HTML page, xlsx and JSON'))
    .argument('<sources...>', t('各部门的 CI 产物文件夹、制度库目录或网址（http/https）', 'each department\'s artifact folder, repository or http(s) URL'))
    .option('-o, --out <dir>', t('输出目录', 'output directory'), 'rollup')
    .option('-f, --format <formats>', t('输出格式，可用逗号连写：html、xlsx、json', 'output formats, comma-separated: html, xlsx, json'), 'html,xlsx,json')
    .option('--at <date>', t('按这一天计算逾期（YYYY-MM-DD，默认今天）', 'count overdue stages as of this day (YYYY-MM-DD, default today)'))
    .action(async (sources: string[], opts) => { code = await (await import('./rollup.js')).rollupCommand(io, lang, sources, opts); });

  program.command('import')
    .description(t('导入已公布的权力清单（.xlsx 或 .csv）：每项职权写成 powers/编码.yaml，随即检查（设置了法规库时对照法规库）', 'Import a published power list (.xlsx or .csv): one powers/ID.yaml per power, checked at once (against the law library when one is set)'))
    .argument('<file>', t('权力清单文件（.xlsx 或 .csv；.xls 请先另存为 .xlsx）', 'the power list (.xlsx or .csv; save an .xls as .xlsx first)'))
    .option('--sheet <name>', t('只导入这个工作表（默认：每个找得到表头的工作表）', 'import this sheet only (default: every sheet with a header)'))
    .option('--map <file>', t('列对应文件（YAML）：表头所在行、各字段在哪一列，改正自动识别的结果', 'column map (YAML): the header row and the column of each field, overriding what was detected'))
    .option('--into <dir>', t('制度库目录（写入其 powers/）', 'repository directory (its powers/ is written)'), '.')
    .option('--force', t('覆盖内容不同的已有文件', 'overwrite existing files with other content'))
    .option('--law-library <path>', t('法规库目录（优先于环境变量 POWERBOOK_LAW_LIBRARY 和 powerbook.yaml 的 law_library；可写多次）', 'law library directory (wins over POWERBOOK_LAW_LIBRARY and law_library in powerbook.yaml; repeatable)'), collect, [])
    .addOption(new Option('-f, --format <format>', t('输出格式', 'output format')).choices(['stylish', 'json']).default('stylish'))
    .option('--color', t('强制彩色输出', 'force colour'))
    .option('--no-color', t('不用彩色', 'no colour'))
    .action(async (file: string, opts) => { code = await (await import('./import.js')).importCommand(io, lang, file, opts); });

  program.command('rules')
    .description(t('列出全部检查规则及其级别（默认级别、随消息或阶段不同的级别；-C 时按制度库的 lint 设置）', 'List every check rule with its severity (the default, where it differs by message or stage; with -C as the repository\'s lint: sets it)'))
    .option('-f, --format <format>', t('输出格式：text 或 json（含两种语言和每条规则的消息）', 'output format: text or json (both languages and each rule\'s messages)'), 'text')
    .option('-C, --dir <dir>', t('制度库目录：按其 powerbook.yaml 的 lint 设置列出级别', "repository directory: the severities as its powerbook.yaml's lint: sets them"))
    .action(async (opts) => { code = (await import('./rules.js')).rulesCommand(io, lang, opts); });

  // `laws`: the law library (LawRefBook/Laws clone). Every subcommand takes --law-library, -C and --no-cache.
  const laws = program.command('laws')
    .description(t('法规库（LawRefBook/Laws 的克隆）：查看条文、列出法规、全文搜索、检查法规库', 'The law library (a LawRefBook/Laws clone): show an article, list laws, search, check the library'));
  const lawsCommand = (name: string, zh: string, en: string) => laws.command(name).description(t(zh, en))
    .option('--law-library <path>', t('法规库目录（优先于环境变量 POWERBOOK_LAW_LIBRARY 和 powerbook.yaml 的 law_library；可写多次）', 'law library directory (wins over POWERBOOK_LAW_LIBRARY and law_library in powerbook.yaml; repeatable)'), collect, [])
    .option('-C, --dir <dir>', t('制度库目录：读取其 powerbook.yaml 的 law_library，索引缓存放在其 .powerbook/cache/laws', "repository directory: its powerbook.yaml's law_library is read and the index cached under its .powerbook/cache/laws"), '.')
    .option('--no-cache', t('不读也不写索引缓存，全部重新解析', 'neither read nor write the index cache: parse everything'))
    .addOption(new Option('-f, --format <format>', t('输出格式', 'output format')).choices(['text', 'json']).default('text'));
  lawsCommand('check-library', '检查法规库：按目录统计、版本、法规、学到的废止条款、每处缺陷（文件:行）', 'Check the library: counts by folder, versions, laws, repeals learned, every defect (file:line)')
    .argument('[path]', t('法规库目录（不写则按 --law-library、环境变量、powerbook.yaml 的顺序）', 'law library directory (default: --law-library, the environment, powerbook.yaml)'))
    .action(async (p: string | undefined, opts) => { code = await (await import('./laws.js')).checkLibraryCommand(io, lang, p, opts); });
  lawsCommand('show', '显示某日有效的条文（含款、项），或法规的文头、版本、施行日期、废止情况和条数', "Show an article (with its 款 and 项) as in force on a date, or a law's header, versions, entry into force, repeal and article count")
    .argument('<law>', t('法规标题：全称、简称、带或不带“中华人民共和国”、可带书名号', 'title: full or short, with or without 中华人民共和国, with or without 《》'))
    .argument('[article]', t('条号：第九条、9、第一百二十条之一', 'article: 第九条, 9, 第一百二十条之一'))
    .option('--at <date>', t('日期 YYYY-MM-DD（默认今天）', 'date YYYY-MM-DD (default: today)'))
    .action(async (law: string, article: string | undefined, opts) => { code = await (await import('./laws.js')).showCommand(io, lang, law, article, opts); });
  lawsCommand('list', '列出法规：标题、版本、施行日期、被谁废止、废止了什么', 'List the laws: titles, versions, entry into force, repealed by, repeals')
    .option('--at <date>', t('日期 YYYY-MM-DD：标出当日有效的版本', 'date YYYY-MM-DD: mark the version in force that day'))
    .option('--cited', t('只列出本制度库（-C）的职权所引的法律法规，及引用它们的职权和条款', "only the laws the repository's (-C) powers cite, with the powers and provisions citing each"))
    .action(async (opts) => { code = await (await import('./laws.js')).listCommand(io, lang, opts); });
  lawsCommand('search', '全文搜索条文（按相关度排序）', 'Full-text search of the articles, ranked')
    .argument('<words...>', t('要找的词（空格分开的词都要算上）', 'words to find (each word separated by spaces counts)'))
    .option('--at <date>', t('只搜当日有效的版本（默认每部法规的最新版本）', "search the versions in force on that date (default: each law's latest)"))
    .option('--limit <n>', t('最多显示几条（默认 20）', 'how many results at most (default 20)'))
    .action(async (words: string[], opts) => { code = await (await import('./laws.js')).searchCommand(io, lang, words, opts); });
  lawsCommand('coverage', '清单遗漏：所引法律法规中点名本部门（powerbook.yaml 的 roles）而没有职权引用的条文', "Missing powers: provisions of the cited laws that name the department's roles (powerbook.yaml roles:) but that no power cites")
    .option('--role <role>', t('本部门在法律中的称谓（代替 powerbook.yaml 的 roles；可写多次）', "the department's role as the laws name it (instead of powerbook.yaml's roles; repeatable)"), collect, [])
    .action(async (opts) => { code = await (await import('./coverage.js')).coverageCommand(io, lang, opts); });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (isHelpShown(e)) return 0;
      // The (sub)command the error is about, for where its usage is: "laws show".
      const names: string[] = [];
      let cmd: Command = program;
      for (const a of argv) {
        const sub = cmd.commands.find((c) => c.name() === a);
        if (sub) { names.push(a); cmd = sub; }
      }
      const command = names.join(' ');
      io.stderr(usageMessage(e, lang, command));
      return 2;
    }
    if (e instanceof UsageError) {
      io.stderr(`powerbook: ${lang === 'en' ? e.en : e.zh}\n`);
      return 2;
    }
    if (e instanceof ChromiumMissingError) {
      io.stderr(`powerbook: ${e.message}\n`);
      return 2;
    }
    const msg = e instanceof Error ? e.message : String(e);
    io.stderr(t(`powerbook: 内部错误：${msg}\n（这是 powerbook 的缺陷，请把这条消息和命令报告给维护者；设置 POWERBOOK_DEBUG=1 可看到详细信息）\n`,
      `powerbook: internal error: ${msg}\n(this is a bug in powerbook; please report it with the command; POWERBOOK_DEBUG=1 shows details)\n`));
    if (io.env.POWERBOOK_DEBUG && e instanceof Error) io.stderr(`${e.stack}\n`);
    return 2;
  }
}
