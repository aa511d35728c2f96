// The case-study finder at scale: bytes transferred when it opens, and how
// long applying and removing a filter takes, in Debian's Chromium.
//   node bench/finder.mjs SITE_DIR      (a site built from bench/gen_corpus.py)
// Needs tests/browser's npm packages (run tests/browser/run.sh once).
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const dir = process.argv[2];
if (!dir) { console.error('usage: node bench/finder.mjs SITE_DIR'); process.exit(2); }

const types = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css' };
let gzipped = 0;
const server = createServer((req, res) => {
  let file = join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) { res.writeHead(404); res.end(); return; }
  const body = readFileSync(file);
  gzipped += gzipSync(body, { level: 9 }).length;
  res.writeHead(200, { 'Content-Type': types[extname(file)] || 'application/octet-stream' });
  res.end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  const byKind = {};
  page.on('response', async (r) => {
    const u = new URL(r.url()).pathname;
    const kind = u.endsWith('/') || u.endsWith('.html') ? 'page' : u.includes('/cards/') ? 'cards' : u.endsWith('facets.json') ? 'facets' : 'other';
    try { byKind[kind] = (byKind[kind] || 0) + gzipSync(await r.body(), { level: 9 }).length; } catch { /* redirects */ }
  });
  gzipped = 0;
  await page.goto(base + 'casestudies/');
  await page.locator('.finder-status').filter({ hasText: /match/ }).waitFor({ timeout: 60000 });
  console.log(`opening casestudies/: ${(gzipped / 1024).toFixed(0)} KiB gzipped in all;`,
    Object.entries(byKind).map(([k, v]) => `${k} ${(v / 1024).toFixed(0)} KiB`).join(', '));
  // Apply and remove filters: time from the click to the new status text.
  const times = [];
  await page.evaluate(() => document.querySelectorAll('details.finder-group').forEach((d) => { d.open = true; }));
  // The first 20 options that give case studies when nothing is chosen.
  const indexes = await page.evaluate(() => [...document.querySelectorAll('.finder-group input[type=checkbox]')]
    .map((b, i) => (b.disabled ? -1 : i)).filter((i) => i >= 0).slice(0, 20));
  for (const i of indexes) {
    for (let twice = 0; twice < 2; twice++) {  // apply, then remove
      const t = await page.evaluate(async (index) => {
        const input = document.querySelectorAll('.finder-group input[type=checkbox]')[index];
        const finder = document.getElementById('finder');
        const before = finder.dataset.draws;
        const start = performance.now();
        input.click();
        // A draw ends by setting data-draws; wait for the frame after it.
        for (let k = 0; k < 5000 && finder.dataset.draws === before; k++) await new Promise((r) => setTimeout(r, 0));
        await new Promise((r) => requestAnimationFrame(() => r()));
        return performance.now() - start;
      }, i);
      times.push(t);
    }
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)], max = times[times.length - 1];
  console.log(`filter applied or removed (${times.length} changes): median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms`);
} finally {
  await browser.close();
  server.close();
}
