/**
 * What `powerbook rollup` reads: for each department, the JSON its CI publishes — `status --format json` (required)
 * and `validate --format json` (optional) — from a folder of downloaded artifacts or over http(s); or the department's
 * rule repository itself, checked here. The departments' runners do the work; the roll-up reads their outputs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE } from '../../load/repository.js';
import { validate } from '../../pipeline/index.js';
import { STAGE_IDS } from '../../check/stages.js';
import { ReviewError } from '../git.js';
import { repositoryStatus, STATUS_KIND, STATUS_VERSION, type StatusReport } from '../status.js';

/** One diagnostic as `validate --format json` writes it. */
export interface ValidateEntry { file: string; line: number; column: number; rule: string; severity: 'error' | 'warning' | 'info'; message: string; messageZh?: string; messageEn?: string }

export interface DepartmentInput {
  /** The folder, repository or URL it came from, as given. */
  source: string;
  status: StatusReport;
  validate?: ValidateEntry[];
}

export const STATUS_FILES = ['powerbook-status.json', 'status.json'];
export const VALIDATE_FILES = ['powerbook-validate.json', 'validate.json'];

function checkStatus(data: unknown, where: string): StatusReport {
  const s = data as Partial<StatusReport> | null;
  if (!s || typeof s !== 'object' || s.kind !== STATUS_KIND) {
    throw new ReviewError(`${where} 不是 powerbook status 的 JSON 输出（应由 powerbook status --format json 生成）`, `${where} is not the JSON output of powerbook status (made by powerbook status --format json)`);
  }
  if (s.version !== STATUS_VERSION) {
    throw new ReviewError(`${where} 的格式版本为 ${String(s.version)}，本版本 powerbook 读取版本 ${STATUS_VERSION}：请用相同版本的 powerbook 生成`, `${where} has format version ${String(s.version)}; this powerbook reads version ${STATUS_VERSION}`);
  }
  const bad = statusShapeError(s as Record<string, unknown>);
  if (bad) {
    throw new ReviewError(`${where} 不是完整的 powerbook status JSON 输出：${bad.path} ${bad.zh}（应由 powerbook status --format json 生成，不要手工修改）`,
      `${where} is not a whole powerbook status JSON output: ${bad.path} ${bad.en} (made by powerbook status --format json, not edited by hand)`);
  }
  return s as StatusReport;
}

type Check = (v: unknown) => boolean;
const str: Check = (v) => typeof v === 'string';
const count: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const date: Check = (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
const stageKey: Check = (v) => typeof v === 'string' && (STAGE_IDS as readonly string[]).includes(v);
const opt = (c: Check): Check => (v) => v === undefined || c(v);
const nullable = (c: Check): Check => (v) => v === null || c(v);
const obj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The fields the roll-up reads, each of the type status writes: a file from another department's CI (edited by hand,
 * from another tool, damaged) is said at its field, never shown as NaN or "many", never an internal error.
 */
function statusShapeError(s: Record<string, unknown>): { path: string; zh: string; en: string } | undefined {
  const want: { path: string; zh: string; en: string }[] = [];
  const at = (path: string, v: unknown, c: Check, zh: string, en: string) => { if (!c(v)) want.push({ path, zh, en }); };
  const TEXT = ['应为文字', 'must be text'] as const, COUNT = ['应为非负整数', 'must be a whole number, 0 or more'] as const;
  const DATE = ['应为日期 YYYY-MM-DD', 'must be a date YYYY-MM-DD'] as const, STAGE = ['应为阶段名（draft、review、deliberation、submit、publish）', 'must be a stage (draft, review, deliberation, submit, publish)'] as const;
  const LIST = ['应为列表', 'must be a list'] as const, OBJ = ['应为对象', 'must be an object'] as const;
  at('department', s.department, opt(str), ...TEXT);
  at('title', s.title, opt(str), ...TEXT);
  at('compendiumDate', s.compendiumDate, opt(date), ...DATE);
  at('at', s.at, date, ...DATE);
  at('repository', s.repository, (v) => v === null || v === undefined || (obj(v) && str(v.commit)), '应为 null 或 {commit, dirty}', 'must be null or {commit, dirty}');
  at('reached', s.reached, nullable(stageKey), ...STAGE);
  at('next', s.next, nullable(stageKey), ...STAGE);
  if (!Array.isArray(s.stages)) at('stages', s.stages, () => false, ...LIST);
  else {
    s.stages.forEach((x: unknown, i) => {
      const p = `stages[${i}]`;
      if (!obj(x)) { at(p, x, () => false, ...OBJ); return; }
      at(`${p}.key`, x.key, stageKey, ...STAGE);
      at(`${p}.label`, x.label, (v) => obj(v) && str(v.zh) && str(v.en), '应为 {zh, en}', 'must be {zh, en}');
      at(`${p}.state`, x.state, (v) => ['done', 'due', 'overdue', 'open'].includes(v as string), '应为 done、due、overdue 或 open', 'must be done, due, overdue or open');
      at(`${p}.errors`, x.errors, count, ...COUNT);
      at(`${p}.due`, x.due, opt(date), ...DATE);
    });
  }
  const laws = s.laws, powers = s.powers, rules = s.rules, risks = s.risks;
  if (!obj(laws)) at('laws', laws, () => false, ...OBJ);
  else {
    for (const k of ['repealed', 'changed'] as const) {
      const l = laws[k];
      if (!Array.isArray(l)) { at(`laws.${k}`, l, () => false, ...LIST); continue; }
      l.forEach((x: unknown, i) => {
        const p = `laws.${k}[${i}]`;
        if (!obj(x)) { at(p, x, () => false, ...OBJ); return; }
        at(`${p}.title`, x.title, str, ...TEXT);
        at(`${p}.date`, x.date, opt(date), ...DATE);
        at(`${p}.by`, x.by, opt(str), ...TEXT);
        at(`${p}.powers`, x.powers, (v) => Array.isArray(v) && v.every(str), '应为文字的列表', 'must be a list of texts');
      });
    }
  }
  at('powers.total', obj(powers) ? powers.total : undefined, count, ...COUNT);
  at('rules.total', obj(rules) ? rules.total : undefined, count, ...COUNT);
  at('rules.byReview.deliberated', obj(rules) && obj(rules.byReview) ? rules.byReview.deliberated : undefined, count, ...COUNT);
  for (const k of ['高', '中', '低']) at(`risks.${k}`, obj(risks) ? risks[k] : undefined, count, ...COUNT);
  return want[0];
}

function checkValidate(data: unknown, where: string): ValidateEntry[] {
  const entry = (d: unknown) => {
    if (!d || typeof d !== 'object') return false;
    const e = d as Record<string, unknown>;
    return typeof e.rule === 'string' && typeof e.file === 'string' && typeof e.message === 'string' && ['error', 'warning', 'info'].includes(e.severity as string) &&
      Number.isSafeInteger(e.line) && Number.isSafeInteger(e.column);
  };
  if (!Array.isArray(data) || !data.every(entry)) {
    throw new ReviewError(`${where} 不是 powerbook validate 的 JSON 输出（应由 powerbook validate --format json 生成）`, `${where} is not the JSON output of powerbook validate --format json`);
  }
  return data as ValidateEntry[];
}

function parseJson(text: string, where: string): unknown {
  try { return JSON.parse(text); } catch (e) {
    throw new ReviewError(`${where} 不是有效的 JSON：${(e as Error).message}`, `${where} is not valid JSON: ${(e as Error).message}`);
  }
}

const isDir = (p: string) => { try { return statSync(p).isDirectory(); } catch { return false; } };
const firstFile = (dir: string, names: string[]) => names.map((n) => path.join(dir, n)).find((p) => existsSync(p));

/** A folder of artifacts, a rule repository, or a folder of either (one sub-folder per department). */
async function readDir(dir: string, shown: string, at: string | undefined): Promise<DepartmentInput[]> {
  const statusFile = firstFile(dir, STATUS_FILES);
  if (statusFile) {
    const validateFile = firstFile(dir, VALIDATE_FILES);
    return [{
      source: shown,
      status: checkStatus(parseJson(readFileSync(statusFile, 'utf8'), statusFile), statusFile),
      ...(validateFile ? { validate: checkValidate(parseJson(readFileSync(validateFile, 'utf8'), validateFile), validateFile) } : {}),
    }];
  }
  if (existsSync(path.join(dir, CONFIG_FILE))) {
    // The repository itself: checked as its CI would (status, and validate at stage review as the CI templates do).
    const status = await repositoryStatus(dir, { at });
    const { diagnostics } = await validate(dir, { stage: 'review', slim: true });
    return [{ source: shown, status, validate: diagnostics.map((d) => ({ file: d.file, line: d.start.line, column: d.start.column, rule: d.rule, severity: d.severity, message: d.message, messageZh: d.message, messageEn: d.messageEn })) }];
  }
  const subs = readdirSync(dir).filter((n) => !n.startsWith('.')).sort().filter((n) => isDir(path.join(dir, n)) && (firstFile(path.join(dir, n), STATUS_FILES) || existsSync(path.join(dir, n, CONFIG_FILE))));
  if (!subs.length) {
    throw new ReviewError(`${shown} 中既没有 powerbook-status.json（CI 产物），也不是制度库（没有 powerbook.yaml），其下的文件夹也不是`,
      `${shown} holds no powerbook-status.json (a CI artifact), is not a rule repository (no powerbook.yaml), and neither are its folders`);
  }
  const out: DepartmentInput[] = [];
  for (const n of subs) out.push(...await readDir(path.join(dir, n), `${shown.replace(/[\\/]+$/, '')}/${n}`, at));
  return out;
}

/** Node's reasons a request failed, in words (the English ones stay as Node gives them). */
const FETCH_WHY: Record<string, string> = {
  ECONNREFUSED: '服务器拒绝连接（地址或端口不对，或服务没有运行）',
  ENOTFOUND: '找不到这个网址的服务器（检查域名）',
  EAI_AGAIN: '域名解析失败（检查网络）',
  ECONNRESET: '连接被中断',
  ETIMEDOUT: '连接超时',
  EHOSTUNREACH: '无法到达服务器',
  ENETUNREACH: '网络不通',
  'bad port': '网址中的端口无效',
  CERT_HAS_EXPIRED: '服务器的证书已过期',
  DEPTH_ZERO_SELF_SIGNED_CERT: '服务器的证书是自签名的，不受信任',
  SELF_SIGNED_CERT_IN_CHAIN: '服务器的证书链中有自签名证书，不受信任',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: '无法验证服务器的证书',
  ERR_TLS_CERT_ALTNAME_INVALID: '服务器的证书与域名不符',
};

async function fetchText(url: string, optional: boolean): Promise<string | undefined> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(30_000), redirect: 'follow', headers: { accept: 'application/json' } });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code ?? cause?.message ?? (e as Error).message;
    const why = (e as Error).name === 'TimeoutError' ? '30 秒内没有响应' : FETCH_WHY[code] ?? code;
    const whyEn = (e as Error).name === 'TimeoutError' ? 'no answer within 30 s' : cause?.code ?? cause?.message ?? (e as Error).message;
    throw new ReviewError(`无法读取 ${url}：${why}。请检查网址和网络，或把 CI 产物下载到本地后用文件夹汇总`, `Could not read ${url}: ${whyEn}. Check the address and the network, or download the CI artifacts and give their folder`);
  }
  if (optional && res.status === 404) return undefined;
  if (!res.ok) {
    throw new ReviewError(`无法读取 ${url}：服务器返回 ${res.status} ${res.statusText}${res.status === 401 || res.status === 403 ? '（需要登录或令牌：请把 CI 产物下载到本地后用文件夹汇总）' : ''}`,
      `Could not read ${url}: the server answered ${res.status} ${res.statusText}`);
  }
  return res.text();
}

/** A URL to a status JSON file, or to the folder (ending in /) holding powerbook-status.json and powerbook-validate.json. */
async function readUrl(url: string): Promise<DepartmentInput> {
  const statusUrl = /\.json($|\?)/i.test(url) ? url : `${url.replace(/\/?$/, '/')}${STATUS_FILES[0]}`;
  const status = checkStatus(parseJson((await fetchText(statusUrl, false))!, statusUrl), statusUrl);
  const validateUrl = new URL(VALIDATE_FILES[0]!, statusUrl).href;
  const v = await fetchText(validateUrl, true);
  return { source: url, status, ...(v !== undefined ? { validate: checkValidate(parseJson(v, validateUrl), validateUrl) } : {}) };
}

/** Every department of the sources, in the order given. `cwd` resolves relative folders. */
export async function readDepartments(sources: string[], cwd: string, at?: string): Promise<DepartmentInput[]> {
  const out: DepartmentInput[] = [];
  for (const s of sources) {
    if (/^https?:\/\//i.test(s)) { out.push(await readUrl(s)); continue; }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) throw new ReviewError(`只能读取 http(s) 网址或本地文件夹：${s}`, `Only http(s) URLs and local folders can be read: ${s}`);
    const abs = path.resolve(cwd, s);
    if (!isDir(abs)) {
      if (existsSync(abs)) {
        throw new ReviewError(`不是文件夹：${s}（请给出 CI 产物所在的文件夹、制度库或放着各部门文件夹的文件夹）`,
          `Not a folder: ${s} (give the folder of the CI artifacts, a rule repository, or a folder of department folders)`);
      }
      throw new ReviewError(`文件夹不存在：${s}`, `No such folder: ${s}`);
    }
    out.push(...await readDir(abs, s, at));
  }
  return out;
}
