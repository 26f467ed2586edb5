/**
 * `model`: compiles the checked repository into the compendium's document model. The only stage that turns domain data
 * into document structure; backends (DOCX, PDF, HTML) take its output and nothing else.
 */
import { DEFAULT_PARTS, type Config, type Law, type PartName, type Power } from '../domain/types.js';
import type { Loaded, Repository, RuleDoc } from '../load/repository.js';
import { Anchors } from './anchors.js';
import { markdownToBlocks, type MarkdownContext } from './markdown.js';
import type { Block, DocumentModel, Figure, Section } from './model.js';
import { appendix, byCategory, catalogue, cover, flowchartBlocks, partHeading, partNumber, ruleBlocks, statusTable } from './parts.js';
import { numberToChinese } from '../domain/numerals.js';
import { inForce } from '../domain/power.js';
import { normaliseQuotes } from './typography.js';
import { landscapeLeadIns } from './orientation.js';
import { revisionBlocks, type RevisionNotes } from './revisions.js';
import { resolveXref } from '../domain/xref.js';
import type { LawLibrary } from '../library/types.js';
import { Citations, libraryXref } from '../check/rules/citations-resolve.js';
import { citedLibraryLaws, legalBasisTexts, librarySource } from './citations.js';

export type FlowchartFigure = Pick<Figure, 'svg' | 'png' | 'width' | 'height'>;

export interface BuildInput {
  repo: Repository;
  config: Config;
  laws: Loaded<Law>[];
  powers: Loaded<Power>[];
  rules: RuleDoc[];
  /** Rendered flowcharts by power id: one drawing, or its pages in order (a long procedure cut to be legible on A4). */
  figures: Map<string, FlowchartFigure | FlowchartFigure[]>;
  /** Creation timestamp (ISO), from SOURCE_DATE_EPOCH or the compendium's date: never the clock, so builds repeat. */
  created: string;
  /** 修订说明 against the previous edition (compendium.revision_base), made by `powerbook diff`: the appendix's last chapter. */
  revisions?: RevisionNotes;
  /** The law library: titles of the texts cited from it, their quotes (compendium.quote_legal_bases), the law index. */
  library?: LawLibrary;
}

export function creationDate(config: Config, env: NodeJS.ProcessEnv = process.env): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `${config.compendium.date}T00:00:00Z`;
}

export function buildDocument(input: BuildInput): DocumentModel {
  const { config, powers, laws, rules } = input;
  const anchors = new Anchors();
  // Only powers in force have a page of their own to link to; a reference to a 暂停/取消 power prints its name unlinked.
  const powerAnchors = new Map(powers.filter((p) => inForce(p.data)).map((p) => [String(p.data.id), anchors.make('pw', String(p.data.id))]));
  const lawAnchors = new Map<string, string>();
  const ruleAnchors = new Map(rules.map((r) => [String(r.data.id), anchors.make('rule', String(r.data.id))]));
  const powersById = new Map(powers.map((p) => [String(p.data.id), p]));
  const lawsById = new Map(laws.map((l) => [l.data.id, l]));
  const citations: Citations = new Citations({ laws, lawsById, brokenLaws: new Set(), library: input.library, date: config.compendium.date });
  const bases = legalBasisTexts(citations, config.compendium.quote_legal_bases === true);
  const footnotes: DocumentModel['footnotes'] = [];
  const md: MarkdownContext = {
    root: input.repo.root, powers: powersById, laws: lawsById, powerAnchors, lawAnchors, anchors, footnotes,
    lawByTitle(target, article) {
      const t = citations.target(target);
      if (t.kind === 'local') {
        const r = resolveXref({ raw: '', kind: 'law', target: t.law.data.id, article, index: 0 }, powersById, lawsById);
        return r.ok ? r.text : undefined;
      }
      const r = libraryXref(citations, target, article);
      return r?.ok ? r.text : undefined;
    },
  };

  const parts: PartName[] = config.compendium.parts ?? [...DEFAULT_PARTS];
  const sections: Section[] = [];
  let body: Block[] = [];
  let partNo = 0;
  const flushBody = () => { if (body.length) sections.push({ kind: 'body', orientation: 'portrait', blocks: body }); body = []; };

  for (const part of parts) {
    switch (part) {
      case 'cover':
        sections.push({ kind: 'cover', orientation: 'portrait', blocks: cover(config) });
        break;
      case 'toc':
        flushBody();
        sections.push({ kind: 'front', orientation: 'portrait', blocks: [{ type: 'toc', title: '目　录' }] });
        break;
      case 'preface': {
        const file = config.compendium.preface;
        const text = file ? [...input.repo.texts.values()].find((t) => t.path === file.replace(/^\.\//, '')) : undefined;
        if (!text) break;
        body.push({ ...partHeading(undefined, '编制说明', anchors.make('part', 'preface')), unit: { kind: 'preface', id: 'preface' } });
        body.push(...markdownToBlocks(text.text, md, { file: text.path, anchorPrefix: 'pre', dropTitle: '编制说明', baseLevel: 2 }));
        break;
      }
      case 'catalogue': {
        const { intro, table } = catalogue(powers, bases, powerAnchors);
        body.push({ ...partHeading(partNumber(++partNo), '职权目录', anchors.make('part', 'catalogue')), unit: { kind: 'part', id: 'catalogue' } }, ...intro, table);
        const off = statusTable(powers);
        if (off) {
          body.push({ type: 'heading', level: 2, role: 'chapter', children: [{ type: 'text', text: '取消、暂停事项' }], anchor: anchors.make('part', 'status'), toc: true, outline: true, pageBreakBefore: true });
          body.push({ type: 'paragraph', children: [{ type: 'text', text: `以下${off.rows.length - 1}项职权已取消或暂停行使，不列入职权目录和权力运行流程图。` }], indent: true }, off);
        }
        break;
      }
      case 'flowcharts': {
        body.push({ ...partHeading(partNumber(++partNo), '权力运行流程图', anchors.make('part', 'flowcharts')), unit: { kind: 'part', id: 'flowcharts' } });
        let i = 0;
        for (const [, ps] of byCategory(powers)) for (const p of ps) {
          body.push(...flowchartBlocks(p, `${numberToChinese(++i)}、`, powerAnchors.get(String(p.id))!, input.figures.get(String(p.id)), anchors, bases));
        }
        break;
      }
      case 'rules':
        body.push({ ...partHeading(partNumber(++partNo), '规范权力运行制度', anchors.make('part', 'rules')), unit: { kind: 'part', id: 'rules' } });
        body.push(...ruleBlocks(rules, md, ruleAnchors));
        break;
      case 'appendix':
        body.push({ ...partHeading(undefined, '附　录', anchors.make('part', 'appendix')), unit: { kind: 'appendix', id: 'appendix' } });
        body.push(...appendix(laws, powers, rules, anchors, lawAnchors, input.library ? libraryIndex(input.library, powers, citations, config.compendium.date) : undefined, (ref) => {
          const t = citations.target(ref);
          return t.kind === 'local' ? t.law.data.id : undefined;
        }));
        if (input.revisions) body.push(...revisionBlocks(input.revisions, anchors, '三、'));
        break;
    }
  }
  flushBody();
  return normaliseQuotes({
    meta: {
      title: config.compendium.title,
      subject: '规范权力运行制度汇编',
      author: config.department.name,
      keywords: ['制度汇编', '权力清单', '职权目录', '权力运行流程图', config.department.name],
      created: input.created,
      lang: 'zh-CN',
      showRisksInPublic: config.compendium.show_risks_in_public === true,
    },
    sections: landscapeLeadIns(sections),
    footnotes,
  });
}

/** The library texts the powers cite, and where they come from (the site, the DOCX and the PDF all print it). */
function libraryIndex(lib: LawLibrary, powers: Loaded<Power>[], citations: Citations, date: string) {
  const src = librarySource(lib);
  const from = src.commit ? `提交 ${src.commit.slice(0, 12)}` : src.newest ? `收录文本至 ${src.newest}` : '';
  return {
    laws: citedLibraryLaws(powers, citations),
    note: `法律、法规文本取自法规库${from ? `（${from}）` : ''}，按汇编日期 ${date} 施行的版本引用。`,
  };
}
