/** Environment problems that end a command with one line and exit status 2. */
export class ChromiumMissing extends Error {
  readonly zh: string;
  readonly en: string;
  constructor(path: string) {
    const en = `Chromium not found at ${path}: install it with \`sudo apt-get install -y chromium\` (or set POWERBOOK_CHROMIUM)`;
    super(en);
    this.en = en;
    this.zh = `未找到 Chromium（${path}）：请运行 sudo apt-get install -y chromium 安装，或用 POWERBOOK_CHROMIUM 指定路径`;
  }
}
