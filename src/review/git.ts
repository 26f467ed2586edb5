/**
 * git, through the `git` program itself (child_process): where the rule repository sits in a git work tree, which
 * revision to compare with, the files of a revision and their contents. No library: the few plumbing commands used
 * here (rev-parse, merge-base, ls-tree, cat-file --batch) are stable, and git's own answer is the one CI sees.
 */
import { spawnSync } from 'node:child_process';

/** A problem with git or a revision, said plainly (exit status 2): never git's stack of messages. */
export class ReviewError extends Error {
  constructor(readonly zh: string, readonly en: string) { super(en); this.name = 'ReviewError'; }
}

const FETCH_HINT_ZH = '在 GitHub Actions 中给 actions/checkout 加上 `fetch-depth: 0`；在 GitLab CI 中设置变量 `GIT_DEPTH: 0`；在本机运行 `git fetch --unshallow`（或 `git fetch origin 默认分支`）';
const FETCH_HINT_EN = 'in GitHub Actions give actions/checkout `fetch-depth: 0`; in GitLab CI set the variable `GIT_DEPTH: 0`; locally run `git fetch --unshallow` (or `git fetch origin <default branch>`)';

function git(cwd: string, args: string[], input?: string | Buffer): { ok: boolean; out: Buffer; err: string } {
  const r = spawnSync('git', args, {
    cwd, input, maxBuffer: 1 << 30, windowsHide: true,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
  });
  if (r.error) {
    if ((r.error as NodeJS.ErrnoException).code === 'ENOENT') throw new ReviewError('未找到 git：请先安装 git（Debian/Ubuntu：apt-get install git）', 'git not found: install git first');
    throw new ReviewError(`无法运行 git：${r.error.message}`, `Could not run git: ${r.error.message}`);
  }
  return { ok: r.status === 0, out: r.stdout, err: r.stderr.toString('utf8') };
}

function text(cwd: string, args: string[]): string | null {
  const r = git(cwd, args);
  return r.ok ? r.out.toString('utf8').trim() : null;
}

/** The git work tree holding the rule repository at `dir`. */
export interface GitPlace {
  /** The work tree's top directory. */
  top: string;
  /** The rule repository's path inside it ('' or 'sub/dir/'), as git writes it. */
  prefix: string;
  shallow: boolean;
  /** sha1 or sha256 */
  objectFormat: 'sha1' | 'sha256';
}

export function gitPlace(dir: string): GitPlace {
  const r = git(dir, ['rev-parse', '--show-toplevel', '--show-prefix', '--is-shallow-repository', '--show-object-format']);
  if (!r.ok) {
    if (/dubious ownership/i.test(r.err)) {
      throw new ReviewError(`git 拒绝读取 ${dir}：仓库的所有者不是当前用户。如确认可信，运行 git config --global --add safe.directory '${dir}'`,
        `git refuses to read ${dir}: the repository is owned by another user. If you trust it, run git config --global --add safe.directory '${dir}'`);
    }
    if (!/not a git repository/i.test(r.err) && r.err.trim()) {
      const first = r.err.trim().split('\n')[0]!.replace(/^fatal:\s*/, '');
      throw new ReviewError(`无法读取 ${dir} 的 git 仓库：${first}`, `Could not read the git repository of ${dir}: ${first}`);
    }
    throw new ReviewError(`${dir} 不在 git 仓库中：比较修订需要制度库的 git 历史（git clone 得到的目录，或先 git init 并提交）`,
      `${dir} is not inside a git repository: comparing revisions needs the rule repository's git history`);
  }
  const [top, prefix, shallow, fmt] = r.out.toString('utf8').split('\n');
  return { top: top!, prefix: prefix ?? '', shallow: shallow === 'true', objectFormat: fmt === 'sha256' ? 'sha256' : 'sha1' };
}

function noCommits(): ReviewError {
  return new ReviewError('这个 git 仓库还没有任何提交，没有可以比较的修订：请先提交一次（git add -A，git commit -m "第一版"），再运行 powerbook diff',
    'This git repository has no commit yet, so there is no revision to compare with: commit first (git add -A; git commit), then run powerbook diff');
}

/** The commit a revision names (a branch, tag, sha, HEAD~2 …), or null when git does not know it. */
export function resolveCommit(place: GitPlace, rev: string): string | null {
  if (!rev || rev.startsWith('-')) return null;
  return text(place.top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
}

/** Like resolveCommit, but a revision git does not know is an error that says why (a shallow clone) and what to do. */
export function requireCommit(place: GitPlace, rev: string): string {
  const sha = resolveCommit(place, rev);
  if (sha) return sha;
  const range = /^(.+?)\.\.\.?(.+)$/.exec(rev);
  if (range) {
    throw new ReviewError(`"${rev}"是一个范围：powerbook diff 比较两个修订，请分开写，例如 powerbook diff ${range[1]} ${range[2]}`,
      `"${rev}" is a range: powerbook diff compares two revisions; write them apart, e.g. powerbook diff ${range[1]} ${range[2]}`);
  }
  if (!place.shallow && !resolveCommit(place, 'HEAD')) throw noCommits();
  if (place.shallow) {
    throw new ReviewError(`找不到修订"${rev}"：这是一个浅克隆（shallow clone），没有取回它的历史。请${FETCH_HINT_ZH}`,
      `Revision "${rev}" not found: this is a shallow clone without its history. To fetch it, ${FETCH_HINT_EN}`);
  }
  throw new ReviewError(`找不到修订"${rev}"：请写分支名、标签或提交号（git tag、git branch -a 可列出）；如在别的远程仓库，先 git fetch`,
    `Revision "${rev}" not found: give a branch, tag or commit (see git tag, git branch -a); git fetch it first if it is remote`);
}

/** The branch a pull/merge request goes into, or the repository's default branch, as a revision git knows. */
export function defaultBranch(place: GitPlace, env: NodeJS.ProcessEnv): string | null {
  // CI tells the target of the request: GitHub (pull_request events) and GitLab (merge request pipelines). Then that
  // branch it is, or nothing: another branch would compare the request with the wrong base.
  const target = env.GITHUB_BASE_REF || env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME;
  if (target) return [`origin/${target}`, target].find((c) => resolveCommit(place, c)) ?? null;
  const candidates: string[] = [];
  const originHead = text(place.top, ['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD']);
  if (originHead) candidates.push(originHead.replace(/^refs\/remotes\//, ''));
  if (env.CI_DEFAULT_BRANCH) candidates.push(`origin/${env.CI_DEFAULT_BRANCH}`, env.CI_DEFAULT_BRANCH);
  const configured = text(place.top, ['config', '--get', 'init.defaultBranch']);
  for (const b of [configured, 'main', 'master']) if (b) candidates.push(`origin/${b}`, b);
  for (const c of candidates) if (resolveCommit(place, c)) return c;
  return null;
}

/**
 * BASE when none is given: where the current branch left the default branch (git merge-base), so that a pull request
 * shows only its own changes. GitLab's merge request pipelines name that commit themselves.
 */
export function defaultBase(place: GitPlace, env: NodeJS.ProcessEnv): { rev: string; commit: string } {
  if (env.CI_MERGE_REQUEST_DIFF_BASE_SHA) {
    const rev = env.CI_MERGE_REQUEST_DIFF_BASE_SHA;
    return { rev, commit: requireCommit(place, rev) };
  }
  const head = resolveCommit(place, 'HEAD');
  if (!head && !place.shallow) throw noCommits();
  const branch = defaultBranch(place, env);
  if (!branch) {
    if (place.shallow) {
      throw new ReviewError(`找不到默认分支，无法确定比较基准：这是一个浅克隆（shallow clone）。请${FETCH_HINT_ZH}；或直接写明 BASE，例如 powerbook diff v2024`,
        `No default branch to compare with: this is a shallow clone. ${FETCH_HINT_EN}; or name BASE, e.g. powerbook diff v2024`);
    }
    throw new ReviewError('找不到默认分支（main、master 或 origin/HEAD），无法确定比较基准：请写明 BASE，例如 powerbook diff v2024 或 powerbook diff HEAD~1',
      'No default branch (main, master or origin/HEAD) to compare with: name BASE, e.g. powerbook diff v2024 or powerbook diff HEAD~1');
  }
  if (!head) throw noCommits();
  const base = text(place.top, ['merge-base', head, branch]);
  if (!base) {
    if (place.shallow) {
      throw new ReviewError(`找不到当前分支与 ${branch} 的共同祖先：这是一个浅克隆（shallow clone），历史不全。请${FETCH_HINT_ZH}`,
        `No common ancestor of this branch and ${branch}: this is a shallow clone with part of the history. ${FETCH_HINT_EN}`);
    }
    throw new ReviewError(`当前分支与 ${branch} 没有共同祖先：请写明 BASE`, `This branch and ${branch} have no common ancestor: name BASE`);
  }
  return { rev: `merge-base(${branch})`, commit: base };
}

export interface CommitInfo { commit: string; short: string; date: string; subject: string }

/** Date and subject of commits, in one `git show`. */
export function commitInfos(place: GitPlace, commits: string[]): Map<string, CommitInfo> {
  const out = new Map<string, CommitInfo>();
  const s = text(place.top, ['show', '-s', '--no-show-signature', '--format=%H%x00%h%x00%cI%x00%s%x00', ...new Set(commits)]) ?? '';
  for (const rec of s.split('\0\n')) {
    const [c, short, date, subject] = rec.replace(/^\n/, '').split('\0');
    if (c) out.set(c, { commit: c, short: short!, date: date!, subject: subject ?? '' });
  }
  return out;
}

export interface TreeEntry { mode: string; oid: string; path: string }

/** Blobs under the rule repository in a commit (paths relative to the rule repository). */
export function listTree(place: GitPlace, commit: string): TreeEntry[] {
  const args = ['ls-tree', '-r', '-z', '--full-tree', commit];
  if (place.prefix) args.push('--', place.prefix.replace(/\/$/, ''));
  const r = git(place.top, args);
  if (!r.ok) throw new ReviewError(`无法列出修订 ${commit.slice(0, 12)} 的文件：${r.err.trim()}`, `Could not list the files of ${commit.slice(0, 12)}: ${r.err.trim()}`);
  const out: TreeEntry[] = [];
  for (const rec of r.out.toString('utf8').split('\0')) {
    if (!rec) continue;
    const tab = rec.indexOf('\t');
    const [mode, type, oid] = rec.slice(0, tab).split(' ');
    if (type !== 'blob') continue;
    const full = rec.slice(tab + 1);
    if (!full.startsWith(place.prefix)) continue;
    out.push({ mode: mode!, oid: oid!, path: full.slice(place.prefix.length) });
  }
  return out;
}

/** The contents of blobs, read in one `git cat-file --batch`. */
export function readBlobs(place: GitPlace, oids: string[]): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const wanted = [...new Set(oids)];
  if (!wanted.length) return out;
  const r = git(place.top, ['cat-file', '--batch'], wanted.join('\n') + '\n');
  if (!r.ok) throw new ReviewError(`无法读取 git 中的文件：${r.err.trim()}`, `Could not read files from git: ${r.err.trim()}`);
  const buf = r.out;
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(0x0a, pos);
    const header = buf.subarray(pos, nl).toString('utf8');
    const [oid, type, size] = header.split(' ');
    if (type === 'missing' || size === undefined) { pos = nl + 1; continue; }
    const n = Number(size);
    out.set(oid!, buf.subarray(nl + 1, nl + 1 + n));
    pos = nl + 1 + n + 1;
  }
  return out;
}
