// `commonplace serve` from a file saved to the page reloaded, in Debian's
// Chromium: opens a case study's page, appends a line to its file, and
// times until the reloaded page (DOMContentLoaded) shows the line.
//   node bench/serve_reload.mjs COMMONPLACE ROOT [RUNS]
// COMMONPLACE is the built binary, ROOT a repository (a bench/gen_corpus.py
// corpus). The edited file is restored at the end. Needs tests/browser's
// npm packages (run tests/browser/run.sh once). Prints the median and each
// run as "key value" lines, with the server's own rebuild times.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const [bin, root, runsArg] = process.argv.slice(2);
if (!bin || !root) {
  console.error('usage: node bench/serve_reload.mjs COMMONPLACE ROOT [RUNS]');
  process.exit(2);
}
const runs = Number(runsArg || 5);

// A free port on 127.0.0.1 (serve listens there only).
const port = await new Promise((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
});
const cases = readdirSync(join(root, 'casestudies')).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
const file = join(root, 'casestudies', cases[0]);
const original = readFileSync(file, 'utf8');
const slug = (original.match(/^slug:\s*"?([^"\n]+)"?\s*$/m) || [])[1] || cases[0].replace(/\.md$/, '');

let log = '';
const server = spawn(bin, ['serve', '--root', root, '--port', String(port), '--max-seconds', '1800'],
  { stdio: ['ignore', 'pipe', 'pipe'] });
for (const s of [server.stdout, server.stderr]) s.on('data', (d) => { log += String(d); });
const base = `http://127.0.0.1:${port}/`;
const deadline = (ms) => Date.now() + ms;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let browser;
try {
  // The first build: bounded.
  for (const end = deadline(600000); ; await sleep(250)) {
    if (Date.now() > end) throw new Error('serve did not answer within 600 s');
    if (server.exitCode !== null) throw new Error('serve exited:\n' + log);
    try { if ((await fetch(base)).ok) break; } catch { /* not listening yet */ }
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const page = await browser.newPage();
  await page.goto(`${base}casestudies/${slug}/`, { timeout: 60000 });
  const times = [];
  for (let r = 0; r < runs; r++) {
    await sleep(1500);  // the page's status poll has seen the current version
    const marker = `Edited for the reload benchmark, run ${r} ${Date.now()}.`;
    const saved = Date.now();
    writeFileSync(file, `${original}\n${marker}\n`);
    await page.waitForFunction((m) => document.body && document.body.textContent.includes(m), marker,
      { timeout: 120000, polling: 20 });
    const shown = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return performance.timeOrigin + nav.domContentLoadedEventEnd;
    });
    times.push(shown - saved);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const rebuilds = [...log.matchAll(/rebuilt \d+ files in (\d+) ms/g)].map((m) => Number(m[1]));
  console.log(`case_studies ${cases.length}`);
  console.log(`saved_to_reloaded_median_ms ${sorted[Math.floor(sorted.length / 2)].toFixed(0)}`);
  console.log(`saved_to_reloaded_ms ${times.map((t) => t.toFixed(0)).join(',')}`);
  console.log(`server_rebuild_ms ${rebuilds.slice(1).join(',')}`);  // the first is the initial build
} finally {
  writeFileSync(file, original);
  if (browser) await browser.close();
  server.kill('SIGTERM');
}
