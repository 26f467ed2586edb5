/**
 * Puppeteer must never download a browser: powerbook uses Debian's Chromium
 * (/usr/bin/chromium). This file is read by puppeteer's install script and at run time.
 */
module.exports = {
  skipDownload: true,
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
};
