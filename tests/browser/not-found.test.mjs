// The 404 page works wherever the site is served: under the path prefix that
// base_url names (two different ones) and at the root when none is set. A host answers every
// missing address, at any depth, with 404.html; from each, the page is styled
// and every link, stylesheet, script and form on it leads to something that
// exists. axe finds nothing on it at desktop and phone sizes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, launch, axeViolations, openPage } from './harness.mjs';

const SITES = [
  { prefix: '/evidence/', baseUrl: true },
  { prefix: '/org/civic/partnerships/', baseUrl: true },
  { prefix: '/', baseUrl: false },  // the shipped site.yaml sets no base_url
];
const MISSING = ['no-such-page', 'no-such-page/', 'casestudies/no-such-case/',
  'a/b/c/d/e.html', 'worksheets/who-needs-to-be-in-the-room/print/x/', 'feed.xml/x'];

let browser;
after(async () => { await browser?.close(); });

async function get(url) {
  return fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(10000) });
}

/** Every address a page refers to: links, stylesheets, scripts, images, forms. */
function references(html) {
  const out = [];
  for (const m of html.matchAll(/\s(?:href|src|action)="([^"]*)"/g)) {
    out.push(m[1].replaceAll('&amp;', '&'));
  }
  return out;
}

for (const { prefix, baseUrl } of SITES) {
  test(`the 404 page works under ${prefix}`, { timeout: 240000 }, async () => {
    const site = await startSite(undefined, { prefix, baseUrl });
    try {
      const problems = [];
      let checked = 0;
      for (const missing of MISSING) {
        const url = site.base + missing;
        const res = await get(url);
        assert.equal(res.status, 404, url);
        const html = await res.text();
        assert.match(html, /<h1>Page not found<\/h1>/, url);
        const refs = references(html);
        assert.ok(refs.some((r) => r.endsWith('assets/css/site.css')), `${url}: no stylesheet`);
        for (const ref of refs) {
          if (ref.startsWith('#')) {  // the skip link: its target is on this page
            if (!html.includes(` id="${ref.slice(1)}"`)) problems.push(`${url}: no ${ref} on the page`);
            continue;
          }
          const target = new URL(ref, url);
          if (target.origin !== site.origin) continue;  // the licence's own site, say
          target.hash = '';
          const r = await get(target.href);
          checked += 1;
          if (r.status !== 200) problems.push(`${url}: ${ref} → ${target.pathname}: HTTP ${r.status}`);
          else if (!target.pathname.startsWith(prefix)) problems.push(`${url}: ${ref} leaves ${prefix}`);
        }
      }
      assert.deepEqual(problems, []);
      assert.ok(checked >= MISSING.length * 10, `only ${checked} references followed`);

      browser ??= await launch();
      for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 700 }]) {
        const { context, page, errors } = await openPage(browser, site.base + 'casestudies/gone/', { viewport });
        // Styled: the site's stylesheet loaded and applies (the skip link is moved off screen).
        const sheets = await page.evaluate(() => [...document.styleSheets].map((s) => s.href));
        assert.ok(sheets.some((h) => h && h.endsWith('/assets/css/site.css')), sheets.join(' '));
        const skip = await page.locator('.skip-link').boundingBox();
        assert.ok(!skip || skip.y < 0 || skip.x < 0 || skip.height <= 1, `skip link on show: ${JSON.stringify(skip)}`);
        assert.deepEqual(await axeViolations(page), [], `${prefix} at ${viewport.width}px`);
        assert.deepEqual(errors.filter((e) => !e.includes('404')), []);
        await context.close();
      }
    } finally {
      site.close();
    }
  });
}
