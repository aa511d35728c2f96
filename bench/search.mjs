// Search at scale, side by side with Pagefind, in one run: for each of the
// same 20 queries, the bytes a first visit transfers (a fresh browser
// context each time) and how long an answer takes once its files are cached.
//   node bench/search.mjs SITE_DIR [SHIPPED_SITE_DIR]
// SITE_DIR: a site built by `commonplace build` (bench/gen_corpus.py makes
// one of 10,000 case studies). Pagefind (npm `pagefind`, see
// bench/package.json: `npm ci --prefix bench`) indexes the same built pages
// into SITE_DIR/pagefind/. SHIPPED_SITE_DIR, when given, is the shipped
// content's site: its first query is measured too.
// Byte counts are gzip -9 of each response body (Pagefind's index and
// fragment files are already compressed, so they count as they are).
// Prints Markdown for BENCHMARKS.md.
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const [dir, shipped] = process.argv.slice(2);
if (!dir) { console.error('usage: node bench/search.mjs SITE_DIR [SHIPPED_SITE_DIR]'); process.exit(2); }

const QUERIES = [
  'museum', 'community research', 'funding evaluation', 'young people', 'long-term partnership',
  'heritage health', 'trust power', 'volunteers students', 'local council policy', 'civic university',
  'co-production', 'training workshop', 'archive collection exhibition', 'budget value',
  'knowledge exchange', 'evidence impact', 'schools families', 'library', 'theatre', 'charity network',
];
const RESULTS = 20;       // results a page of ours shows
const PAGEFIND_UI = 5;    // results Pagefind's own UI loads first

const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.json': 'application/json', '.css': 'text/css', '.wasm': 'application/wasm' };
const BENCH_PAGE = `<!doctype html><meta charset="utf-8"><title>bench</title><script type="module">
window.pagefindSearch = async (q, n) => {
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.options({ excerptLength: 30 });
  const start = performance.now();
  const search = await pagefind.search(q);
  const data = await Promise.all(search.results.slice(0, n).map((r) => r.data()));
  return { total: search.results.length, ms: performance.now() - start, first: data.map((d) => d.url) };
};
</script>`;

function serve(root) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/__bench/pagefind.html') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(BENCH_PAGE);
      return;
    }
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'Content-Type': types[extname(file)] || 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const kb = (n) => (n / 1024).toFixed(1);

// Bytes by kind of every response `page` receives while `fn` runs.
async function counted(context, classify, fn) {
  const bytes = {};
  const pending = [];
  const page = await context.newPage();
  page.on('response', (r) => pending.push((async () => {
    const kind = classify(new URL(r.url()).pathname);
    if (!kind) return;
    let body;
    try { body = await r.body(); } catch { return; }
    const gz = Math.min(body.length, gzipSync(body, { level: 9 }).length);
    bytes[kind] = (bytes[kind] || 0) + gz;
  })()));
  const out = await fn(page);
  await Promise.all(pending);
  await page.close();
  return { bytes, out };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});

// Ours: the real search page, one fresh context per query.
const oursKind = (p) => (/\/search\/.+\.json$/.test(p) ? 'data'
  : /(lunr\.min\.js|search-worker\.js|search-shards\.js|search\.js)$/.test(p) ? 'code' : null);
async function ours(root, label) {
  const server = await serve(root);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const rows = [];
  for (const q of QUERIES) {
    const context = await browser.newContext();
    const { bytes, out } = await counted(context, oursKind, async (page) => {
      await page.goto(base + 'search/?q=' + encodeURIComponent(q));
      await page.locator('#search-status').filter({ hasText: /result|No results/ }).waitFor({ timeout: 120000 });
      return page.locator('#search-status').textContent();
    });
    rows.push({ q, data: bytes.data || 0, code: bytes.code || 0, status: out });
    await context.close();
  }
  // Answers once the files are cached: the worker itself, asked each query
  // as typed (a live query: the last word is also a prefix) and submitted.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + 'search/');
  const times = await page.evaluate(async (queries) => {
    const root = new URL(document.documentElement.getAttribute('data-root') || '', location.href).href;
    const worker = new Worker(root + 'assets/js/search-worker.js');
    let id = 0;
    const ask = (msg) => new Promise((resolve) => {
      const mine = ++id;
      worker.onmessage = (e) => { if (e.data.id === mine || e.data.type !== 'results') resolve(e.data); };
      worker.postMessage({ ...msg, id: mine });
    });
    await ask({ type: 'load', root });
    const none = { kinds: [], type: '', nation: '' };
    const out = [];
    for (const q of queries) {
      for (const live of [true, false]) {
        await ask({ type: 'search', q, live, filters: none, page: 0 });  // fetches what it needs
        await ask({ type: 'search', q: 'zzzz', live: false, filters: none, page: 0 });  // forget the answer
        const start = performance.now();
        await ask({ type: 'search', q, live, filters: none, page: 0 });  // asked again, files cached
        out.push(performance.now() - start);
      }
    }
    worker.terminate();
    return out;
  }, QUERIES);
  await context.close();
  server.close();
  return { label, rows, times };
}

// Pagefind over the same built pages.
async function pagefind(root) {
  const bin = new URL('./node_modules/.bin/pagefind', import.meta.url).pathname;
  if (!existsSync(bin)) throw new Error('Pagefind is not installed: npm ci --prefix bench');
  const start = process.hrtime.bigint();
  execFileSync(bin, ['--site', root, '--output-subdir', 'pagefind', '--quiet'], { stdio: 'inherit' });
  const indexSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const server = await serve(root);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const kind = (p) => (p.startsWith('/pagefind/') ? (/\.(js|wasm|pagefind)$/.test(p) && !/pf_/.test(p) ? 'code' : 'data') : null);
  const run = async (n) => {
    const rows = [];
    for (const q of QUERIES) {
      const context = await browser.newContext();
      const { bytes, out } = await counted(context, kind, async (page) => {
        await page.goto(base + '__bench/pagefind.html');
        await page.waitForFunction(() => window.pagefindSearch);
        return page.evaluate(([q, n]) => window.pagefindSearch(q, n), [q, n]);
      });
      rows.push({ q, data: bytes.data || 0, code: bytes.code || 0, status: `${out.total} results` });
      await context.close();
    }
    return rows;
  };
  const five = await run(PAGEFIND_UI);
  const twenty = await run(RESULTS);
  // Warm: the same page asks each query again.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + '__bench/pagefind.html');
  await page.waitForFunction(() => window.pagefindSearch);
  const times = [];
  for (const q of QUERIES) {
    await page.evaluate(([q, n]) => window.pagefindSearch(q, n), [q, PAGEFIND_UI]);
    times.push((await page.evaluate(([q, n]) => window.pagefindSearch(q, n), [q, PAGEFIND_UI])).ms);
  }
  await context.close();
  server.close();
  return { five, twenty, times, indexSeconds };
}

// lunr.js's own time for each query over the whole index (every shard
// assembled: the same terms and scores as the full index), in node: the
// floor under any answer time, since lunr.js does the scoring.
function lunrAlone(root) {
  const lunr = require('/usr/share/javascript/lunr/lunr.js');
  const Shards = require(new URL('../themes/default/static/js/search-shards.js', import.meta.url).pathname);
  const manifest = JSON.parse(readFileSync(join(root, 'search/manifest.json'), 'utf8'));
  const shards = new Shards(lunr, manifest, (name) => JSON.parse(readFileSync(join(root, 'search/shards', name), 'utf8')));
  const all = manifest.shards.map((_, i) => i);
  return shards.load(all).then(() => {
    const index = shards.assemble(all, false);
    return QUERIES.map((q) => {
      const fn = (query) => lunr.tokenizer(q).forEach((t) => query.term(t.toString(), { boost: 10 }));
      const times = [];
      for (let i = 0; i < 3; i++) {
        const start = performance.now();
        index.query(fn);
        times.push(performance.now() - start);
      }
      return median(times);
    });
  });
}

function summary(label, rows) {
  const total = rows.map((r) => r.data + r.code);
  const data = rows.map((r) => r.data);
  return `| ${label} | ${kb(median(data))} | ${kb(Math.max(...data))} | ${kb(median(total))} | ${kb(Math.max(...total))} |`;
}

try {
  const floor = await lunrAlone(dir);
  const a = await ours(dir, 'Commonplace');
  const p = await pagefind(dir);
  const s = shipped ? await ours(shipped, 'shipped') : null;
  console.log(`### Search: bytes per query and answer time (${QUERIES.length} queries, one run)\n`);
  console.log('KiB gzipped per query, each from a fresh browser (nothing cached). "Data" is the index,');
  console.log('result and filter files; "all" adds the search code (lunr.js and our scripts, or');
  console.log('Pagefind\'s script and WebAssembly).\n');
  console.log('| Site and tool | Data, median | Data, max | All, median | All, max |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(summary(`10,000: Commonplace (${RESULTS} results with passages)`, a.rows));
  console.log(summary(`10,000: Pagefind (${PAGEFIND_UI} results, its UI's first page)`, p.five));
  console.log(summary(`10,000: Pagefind (${RESULTS} results)`, p.twenty));
  if (s) console.log(summary(`shipped site: Commonplace, first query`, s.rows));
  console.log(`\nAnswer once cached (ms): Commonplace median ${median(a.times).toFixed(1)}, max ${Math.max(...a.times).toFixed(1)} ` +
    `(${a.times.length} answers, typed and submitted); Pagefind median ${median(p.times).toFixed(1)}, max ${Math.max(...p.times).toFixed(1)}. ` +
    `Pagefind indexed the site in ${p.indexSeconds.toFixed(1)} s. ` +
    `lunr.js alone, querying the whole index in node: median ${median(floor).toFixed(1)} ms, max ${Math.max(...floor).toFixed(1)} ms.\n`);
  console.log('| Query | Commonplace data | Commonplace status | Pagefind data (5) | Pagefind data (20) | Pagefind results |');
  console.log('|---|---:|---|---:|---:|---:|');
  a.rows.forEach((r, i) => console.log(`| ${r.q} | ${kb(r.data)} | ${r.status.replace(/\|/g, '/')} | ${kb(p.five[i].data)} | ${kb(p.twenty[i].data)} | ${p.five[i].status} |`));
  if (s) {
    console.log(`\nShipped site, answer once cached (ms): median ${median(s.times).toFixed(1)}, max ${Math.max(...s.times).toFixed(1)}.`);
    console.log('\nShipped site, first query, KiB gzipped (data + code): ' +
      s.rows.map((r) => `${r.q} ${kb(r.data)}+${kb(r.code)}`).join('; '));
  }
} finally {
  await browser.close();
}
