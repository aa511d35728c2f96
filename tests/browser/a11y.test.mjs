// Accessibility and valid HTML: axe-core finds no WCAG 2.2 A/AA violation on
// any page type in light or dark mode, and the Nu HTML Checker finds no
// error in any generated page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startSite, launch, watchErrors, PAGE_TYPES, axeViolations, htmlFiles, nuCheckerErrors } from './harness.mjs';


let site, browser;
before(async () => { site = await startSite(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });


for (const scheme of ['light', 'dark']) {
  test(`axe: no WCAG 2.2 A/AA violations on any page type (${scheme})`, async () => {
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    const problems = [];
    for (const [type, path] of Object.entries(PAGE_TYPES)) {
      const errors = watchErrors(page);
      const res = await page.goto(site.base + path, { waitUntil: 'load' });
      assert.equal(res.status(), type === 'not found' ? 404 : 200, `${type}: ${path}`);
      if (type === 'search') await page.waitForSelector('#search-results li', { timeout: 10000 });
      for (const v of await axeViolations(page)) problems.push(`${type} (${path}): ${v}`);
      // The 404 page is meant to answer 404; nothing else may error.
      const real = errors.filter((e) => !(type === 'not found' && e.includes('404')));
      for (const e of real) problems.push(`${type} (${path}): console: ${e}`);
      errors.length = 0;
    }
    await context.close();
    assert.deepEqual(problems, []);
  });
}

test('the Nu HTML Checker finds no errors in any generated page', () => {
  const files = htmlFiles(site.dir);
  assert.ok(files.length > 300, `only ${files.length} pages built`);
  const errors = nuCheckerErrors(site.dir, files);
  assert.deepEqual(errors.slice(0, 20), [], `${errors.length} error(s)`);
});

test('no inline script or style anywhere (the CSP forbids them)', () => {
  const bad = [];
  for (const f of htmlFiles(site.dir)) {
    const html = readFileSync(f, 'utf8');
    // JSON-LD and the scripts' words (a JSON block) are data, not script;
    // everything else must come from a file.
    const scripts = html.match(/<script(?![^>]*\bsrc=)(?![^>]*application\/(?:ld\+)?json)[^>]*>/g) || [];
    if (scripts.length) bad.push(`${f}: inline <script>`);
    if (/<style[\s>]/.test(html)) bad.push(`${f}: <style> element`);
    if (/\sstyle="/.test(html)) bad.push(`${f}: style attribute`);
    if (/\son[a-z]+="/.test(html.replace(/<svg[\s\S]*?<\/svg>/g, ''))) bad.push(`${f}: inline event handler`);
  }
  assert.deepEqual(bad.slice(0, 20), []);
});
