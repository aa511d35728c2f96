// Lighthouse scores for the home page, a case study and the search page,
// with Debian's Chromium, against the built site served on 127.0.0.1 the
// way a static host serves it (gzip when asked, a strict CSP, a cache
// header for assets). Prints a Markdown table for BENCHMARKS.md.
//   node run.mjs SITE_DIR [runs]
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, extname, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const dir = process.argv[2];
const runs = Number(process.argv[3] || 3);
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
};
const PREFIX = '/evidence/';
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const path = decodeURIComponent(url.pathname);
  if (!path.startsWith(PREFIX)) { res.writeHead(404); res.end(); return; }
  const rel = normalize(path.slice(PREFIX.length));
  if (rel.startsWith('..')) { res.writeHead(400); res.end(); return; }
  let file = join(dir, rel);
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  let status = 200;
  if (!existsSync(file)) { status = 404; file = join(dir, '404.html'); }
  let body = readFileSync(file);
  const headers = {
    'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
    'Content-Security-Policy': "default-src 'self'",
    'Cache-Control': extname(file) === '.html' ? 'no-cache' : 'public, max-age=86400',
  };
  if (/\bgzip\b/.test(req.headers['accept-encoding'] || '') && body.length > 1024) {
    body = gzipSync(body, { level: 9 });
    headers['Content-Encoding'] = 'gzip';
  }
  res.writeHead(status, headers);
  res.end(body);
});
await new Promise((resolve) => server.listen(Number(process.env.PORT || 8123), '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}${PREFIX}`;

const PAGES = {
  Home: '',
  'Case study': 'casestudies/barton-hill-micro-campus/',
  Search: 'search/?q=museum',
};
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
try {
  for (const formFactor of ['mobile', 'desktop']) {
    console.log(`\n${formFactor === 'mobile' ? 'Mobile (Lighthouse default: Moto G Power, slow 4G, 4× CPU slowdown)' : 'Desktop (Lighthouse desktop preset)'}, median of ${runs} runs:\n`);
    console.log('| Page | Performance | Accessibility | Best practices | SEO | LCP | TBT | CLS |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const [name, path] of Object.entries(PAGES)) {
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, []]));
      const lcp = [], tbt = [], cls = [];
      for (let i = 0; i < runs; i++) {
        const config = formFactor === 'desktop'
          ? { extends: 'lighthouse:default', settings: { formFactor: 'desktop', screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false }, throttling: { rttMs: 40, throughputKbps: 10240, cpuSlowdownMultiplier: 1, requestLatencyMs: 0, downloadThroughputKbps: 0, uploadThroughputKbps: 0 } } }
          : undefined;
        const result = await lighthouse(base + path, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES }, config);
        const lhr = result.lhr;
        for (const c of CATEGORIES) scores[c].push(Math.round(lhr.categories[c].score * 100));
        lcp.push(lhr.audits['largest-contentful-paint'].numericValue);
        tbt.push(lhr.audits['total-blocking-time'].numericValue);
        cls.push(lhr.audits['cumulative-layout-shift'].numericValue);
        if (i === 0) {
          for (const c of CATEGORIES) {
            for (const ref of lhr.categories[c].auditRefs) {
              const a = lhr.audits[ref.id];
              if (ref.weight > 0 && a.score !== null && a.score < 1) console.error(`  ${name} ${c}: ${a.id} ${a.score} ${a.displayValue || ''}`);
            }
          }
        }
      }
      console.log(`| ${name} | ${CATEGORIES.map((c) => median(scores[c])).join(' | ')} | ${(median(lcp) / 1000).toFixed(2)} s | ${Math.round(median(tbt))} ms | ${median(cls).toFixed(3)} |`);
    }
  }
} finally {
  await chrome.kill();
  server.close();
}
