// Shared helpers for the browser suites: build the site into a temporary
// folder under a path prefix, serve it on 127.0.0.1 with a strict CSP, and
// launch Debian's Chromium through playwright-core.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, existsSync, statSync, rmSync, cpSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, extname, normalize } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const PREFIX = '/evidence/';
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.xml': 'application/xml', '.svg': 'image/svg+xml',
  '.csv': 'text/csv', '.md': 'text/markdown', '.txt': 'text/plain',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/**
 * Serves `dir` at PREFIX (or `prefix`) on 127.0.0.1 (ephemeral port) with CSP
 * default-src 'self' (or, with `{ csp: false }`, no CSP at all: the payload suite
 * checks that the pages themselves are safe, not that the policy blocks what they
 * let through). A missing file is answered with the site's 404.html, as hosts do.
 */
export async function serve(dir, { csp = true, prefix = PREFIX } = {}) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let path = decodeURIComponent(url.pathname);
    const send = (status, file) => {
      res.writeHead(status, {
        'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
        ...(csp ? { 'Content-Security-Policy': "default-src 'self'" } : {}),
      });
      res.end(readFileSync(file));
    };
    if (!path.startsWith(prefix)) { res.writeHead(404); res.end('outside prefix'); return; }
    let rel = normalize(path.slice(prefix.length));
    if (rel.startsWith('..')) { res.writeHead(400); res.end(); return; }
    let file = join(dir, rel);
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!path.endsWith('/')) { res.writeHead(301, { Location: path + '/' }); res.end(); return; }
      file = join(file, 'index.html');
    }
    if (!existsSync(file)) { send(404, join(dir, '404.html')); return; }
    send(200, file);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { server, origin: `http://127.0.0.1:${port}`, base: `http://127.0.0.1:${port}${prefix}` };
}

// Every folder buildSite made, removed when the test process exits (however
// the suite ends), so runs do not fill /tmp.
const builtDirs = [];
process.on('exit', () => {
  for (const dir of builtDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * Builds the repository's site (or `root`) into a temporary folder for `baseUrl`
 * (null: site.yaml's own setting).
 */
export function buildSite(baseUrl, root = process.env.COMMONPLACE_REPO) {
  const out = mkdtempSync(join(tmpdir(), 'commonplace-browser-'));
  builtDirs.push(out);
  execFileSync(process.env.COMMONPLACE_BIN,
    ['build', '--root', root, '--out', join(out, 'site'),
      ...(baseUrl === null ? [] : ['--base-url', baseUrl]), '--quiet'],
    { stdio: 'inherit', timeout: 120000 });
  return join(out, 'site');
}

/**
 * Starts a server first (to learn its port), then builds for that address, or,
 * with `{ baseUrl: false }`, with no --base-url (site.yaml's own setting).
 */
export async function startSite(root, { csp = true, prefix = PREFIX, baseUrl = true } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), 'commonplace-serve-'));
  const srv = await serve(tmp, { csp, prefix });
  let dir;
  try {
    dir = buildSite(baseUrl ? srv.base : null, root);
  } catch (e) {  // a failed build must not leave the server holding the process open
    srv.server.close();
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  cpSync(dir, tmp, { recursive: true });
  return { ...srv, dir: tmp, close: () => { srv.server.close(); rmSync(tmp, { recursive: true, force: true }); } };
}

export async function launch(options = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
    timeout: 60000,
    ...options,
  });
}

/** Collects console errors and CSP violations of a page. */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** One page of each type, as site-relative paths (the suites visit them all). */
export const PAGE_TYPES = {
  home: '',
  'case-study index': 'casestudies/',
  'case study': 'casestudies/barton-hill-micro-campus/',
  'anonymised case study': 'casestudies/cup-applied-theatre/',
  browse: 'browse/',
  vocabulary: 'browse/enablers/',
  term: 'browse/enablers/trust/',
  principles: 'principles/',
  principle: 'principles/qmul-adapt/',
  recommendations: 'recommendations/',
  audience: 'recommendations/community-partners/',
  resources: 'resources/',
  sources: 'sources/',
  source: 'sources/cup-report/',
  page: 'about/',
  'accessibility statement': 'accessibility/',
  'contribute form': 'contribute/new/',
  search: 'search/?q=museum',
  worksheets: 'worksheets/',
  worksheet: 'worksheets/who-needs-to-be-in-the-room/',
  'worksheet print': 'worksheets/who-needs-to-be-in-the-room/print/',
  statistics: 'statistics/',
  distribution: 'statistics/impact-areas/',
  comparisons: 'statistics/comparisons/',
  'evidence map': 'statistics/evidence-map/',
  'evidence cell': 'statistics/evidence-map/trust/social/',
  dataset: 'statistics/datasets/cup-interviewees-career-stage/',
  'open data': 'data/',
  'link health': 'maintainers/links/',
  'not found': 'no-such-page/',
};

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.2 A/AA violations on the page, one line each. */
export async function axeViolations(page) {
  // evaluate() runs outside the page's CSP, so axe needs no inline script.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}; e.g. ${v.nodes[0].target.join(' ')}`);
  });
}

/** Opens `url` in a new browser context; the caller closes the context. */
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  const errors = watchErrors(page);
  await page.goto(url);
  return { context, page, errors };
}

// Every .html file under `dir`.
export function htmlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...htmlFiles(p));
    else if (name.endsWith('.html')) out.push(p);
  }
  return out;
}

// The Nu HTML Checker's errors in `files` (of a site built into `dir`), as
// "path:line: message".
export function nuCheckerErrors(dir, files) {
  const vnu = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');
  let report;
  try {
    report = execFileSync('java', ['-jar', vnu, '--errors-only', '--format', 'json', ...files],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300000, maxBuffer: 64 << 20 });
  } catch (e) {
    report = e.stderr || e.stdout;  // vnu exits 1 and writes JSON to stderr when it finds errors
  }
  const messages = report.trim() ? JSON.parse(report).messages : [];
  return messages.filter((m) => m.type === 'error')
    .map((m) => `${m.url.replace('file:' + dir, '')}:${m.lastLine}: ${m.message}`);
}
