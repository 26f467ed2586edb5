/**
 * Puppeteer must never download a browser. powerbook itself depends on puppeteer-core (no browser, no install script);
 * the full `puppeteer` comes in only as the peer of @mermaid-js/mermaid-cli, a devDependency (the `mmdc` baseline of
 * bench/flowcharts.js), and reads this file at install and at run time. Debian's /usr/bin/chromium is used.
 */
module.exports = {
  skipDownload: true,
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
};
