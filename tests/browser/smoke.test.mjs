// The shipped site loads under a path prefix and a strict CSP, every page
// type is reachable from the home page by links, and nothing errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, launch, watchErrors } from './harness.mjs';

let site, browser;
before(async () => { site = await startSite(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

test('home page loads with no console or CSP errors', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  const res = await page.goto(site.base, { waitUntil: 'load' });
  assert.equal(res.status(), 200);
  assert.equal(await page.locator('h1').count(), 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test('every page type is reachable from the home page by links', async () => {
  const page = await browser.newPage();
  const seen = new Set();
  const queue = [site.base];
  const kinds = new Set();
  // Breadth-first over internal links, bounded.
  while (queue.length && seen.size < 200) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const res = await page.goto(url, { waitUntil: 'domcontentloaded' });
    assert.equal(res.status(), 200, `${url} answered ${res.status()}`);
    const path = new URL(url).pathname.slice('/evidence/'.length);
    kinds.add(path.split('/')[0] || 'home');
    if (path.split('/').length > 3) continue;  // deep pages: sampled, not walked
    // Links, and the targets of GET forms (the header's search box).
    // (getAttribute: an SVG link's href is not a string.)
    const links = await page.$$eval('a[href], form[action]', (els) => els.map((e) =>
      new URL(e.getAttribute(e.tagName === 'FORM' ? 'action' : 'href'), document.baseURI).href));
    for (const l of links) {
      const u = new URL(l);
      u.hash = '';
      if (u.origin === site.origin && u.pathname.startsWith('/evidence/') && u.pathname.endsWith('/')) {
        queue.push(u.href);
      }
    }
  }
  for (const k of ['home', 'casestudies', 'browse', 'principles', 'sources', 'search', 'about',
    'statistics', 'worksheets', 'recommendations', 'resources']) {
    assert.ok(kinds.has(k), `no page of kind ${k} reached (reached: ${[...kinds].join(', ')})`);
  }
  await page.close();
});
