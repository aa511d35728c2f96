// The journeys practitioners take, end to end in Chromium, under the path
// prefix and the strict CSP of the harness.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, launch, watchErrors } from './harness.mjs';

let site, browser;
before(async () => { site = await startSite(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

async function newPage(options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  return { context, page, errors: watchErrors(page) };
}

test('home → browse by theme → case study → principle → worksheet download', async () => {
  const { context, page, errors } = await newPage();
  await page.goto(site.base);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Browse' }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByRole('link', { name: /^Enablers/ }).first().click();
  await page.getByRole('link', { name: /^Trust\b/ }).first().click();
  assert.match(await page.locator('h1').textContent(), /Trust/);
  // The term page lists case studies: open the first.
  await page.locator('.card-list .card a').first().click();
  assert.match(page.url(), /\/evidence\/casestudies\/[a-z0-9-]+\/$/);
  const principleLink = page.locator('a[href*="principles/"]').filter({ hasNotText: /^Principles$/ }).first();
  await principleLink.click();
  assert.match(page.url(), /\/evidence\/principles\/[a-z0-9-]+\/$/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Worksheets' }).click();
  await page.locator('main a[href*="worksheets/"]').first().click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /Word document/ }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.docx$/);
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  assert.equal(readFileSync(path).subarray(0, 2).toString(), 'PK');  // a zip package
  assert.deepEqual(errors, []);
  await context.close();
});

test('home → search with filters → result', async () => {
  const { context, page, errors } = await newPage();
  await page.goto(site.base);
  await page.getByRole('searchbox', { name: 'Search this site' }).fill('museum');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/search\/\?q=museum/);
  await page.locator('#search-results li').first().waitFor();
  const all = await page.locator('#search-results li').count();
  assert.ok(all > 1, `only ${all} result(s) for "museum"`);
  // Only case studies: fewer results, all of that kind, and the URL says so.
  await page.locator('#search-filters-box summary').click();
  await page.locator('input[name="kind"][value="case-study"]').check();
  await page.waitForURL(/kind=case-study/);
  const kinds = await page.locator('#search-results li .card-meta').allTextContents();
  assert.ok(kinds.length > 0 && kinds.length <= all);
  for (const k of kinds) assert.match(k, /Case study/i);
  const status = await page.locator('#search-status').textContent();
  assert.match(status, /\d+ result/);
  // The shared URL restores the same search.
  const shared = page.url();
  await page.goto(shared);
  await page.locator('#search-results li').first().waitFor();
  assert.ok(await page.locator('input[name="kind"][value="case-study"]').isChecked());
  await page.locator('#search-results li a').first().click();
  assert.match(page.url(), /\/evidence\/casestudies\/[a-z0-9-]+\/$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('search answers practical questions about the content in its top results', async () => {
  const { context, page, errors } = await newPage();
  const top = async (q, n) => {
    await page.goto(site.base + 'search/?q=' + encodeURIComponent(q));
    await page.locator('#search-results .result-title a').first().waitFor();
    const hrefs = await page.locator('#search-results .result-title a').evaluateAll(
      (links) => links.map((a) => new URL(a.href).pathname));
    return hrefs.slice(0, n);
  };
  // Which university first gained the Platinum Engage Watermark? (the about page says)
  assert.equal((await top('which university first gained the Platinum Engage Watermark', 1))[0],
    '/evidence/about/');
  assert.equal((await top('Platinum Engage Watermark', 1))[0], '/evidence/about/');
  // What did the Ideas Fund give Round 2 projects? (the Hull case study)
  assert.ok((await top('what the Ideas Fund gave Round 2 projects', 3))
    .includes('/evidence/casestudies/ideas-fund-hull/'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a bad query explains itself instead of failing', async () => {
  const { context, page, errors } = await newPage();
  await page.goto(site.base + 'search/?q=title%3A');
  await page.waitForFunction(() => document.querySelector('#search-status').textContent.length > 0);
  assert.ok((await page.locator('#search-status').textContent()).length > 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('statistics → evidence-map cell → the case studies behind it', async () => {
  const { context, page, errors } = await newPage();
  await page.goto(site.base + 'statistics/');
  await page.getByRole('link', { name: 'Evidence map', exact: true }).click();
  assert.ok(await page.locator('svg.chart-heatmap a').count() > 0);  // its cells are links
  // The first non-empty cell of the static map's table. The explorer script
  // hides that map when it starts, so the cell is followed by its address,
  // not clicked: a click would race the script.
  const cell = page.locator('#em-static table td a').first();
  const count = Number(await cell.textContent());
  await page.goto(new URL(await cell.getAttribute('href'), page.url()).href);
  assert.match(page.url(), /statistics\/evidence-map\/[a-z0-9-]+\/[a-z0-9-]+\/$/);
  assert.equal(await page.locator('.card-list .card').count(), count);
  await page.locator('.card-list .card a').first().click();
  assert.match(page.url(), /\/casestudies\//);
  assert.deepEqual(errors, []);
  await context.close();
});

test('downloads behind every statistics table exist', async () => {
  const { context, page } = await newPage();
  await page.goto(site.base + 'statistics/comparisons/');
  const links = await page.locator('.downloads a').evaluateAll((as) => as.map((a) => a.href));
  assert.ok(links.length >= 6);
  for (const l of links) {
    const res = await page.request.get(l);
    assert.equal(res.status(), 200, l);
    if (l.endsWith('.json')) JSON.parse(await res.text());
  }
  await context.close();
});

test('search finds what practitioners type: joined words, demonyms, exact words first, only matched words marked', async () => {
  const { context, page, errors } = await newPage();
  const ask = async (q) => {
    await page.goto(site.base + 'search/?q=' + encodeURIComponent(q));
    await page.locator('#search-status').filter({ hasText: /result/ }).waitFor();
    return page.locator('#search-results li');
  };
  // "coproduction" finds the pages that write co-production.
  let results = await ask('coproduction');
  assert.ok(await results.count() > 0, 'nothing for "coproduction"');
  const top3 = async () => (await page.locator('#search-results .result-title a').evaluateAll(
    (links) => links.map((a) => new URL(a.href).pathname))).slice(0, 3).join(' ');
  assert.match(await top3(), /co-?production/, 'no co-production page in the top 3');
  // "welsh" finds the Welsh partnerships in the top 3.
  results = await ask('welsh');
  const top = (await results.locator('.result-title').allTextContents()).slice(0, 3).join(' | ');
  assert.match(top, /North Wales Policy Lab|Cardiff/, top);
  // A shared (submitted) query is not a prefix search: only whole words and
  // their stems are marked, never "community" for "co".
  results = await ask('co-production funding');
  const marked = await page.locator('#search-results mark').allTextContents();
  assert.ok(marked.length > 0);
  for (const m of marked) assert.match(m.toLowerCase(), /^(co|product\w*|fund\w*)$/, `marked "${m}"`);
  // Stop words are never marked.
  await ask('how to evaluate impact');
  assert.match(await top3(), /evaluation-and-impact/);
  for (const m of await page.locator('#search-results mark').allTextContents()) {
    assert.doesNotMatch(m.toLowerCase(), /^(how|to)$/);
  }
  // A misspelling gets a suggestion from the index's own words.
  await page.goto(site.base + 'search/?q=' + encodeURIComponent('partnershp'));
  await page.locator('#search-status').filter({ hasText: /No results/ }).waitFor();
  const suggestion = page.locator('#search-status button');
  assert.match(await suggestion.textContent(), /^partnership/);
  await suggestion.click();
  await page.locator('#search-status').filter({ hasText: /\d+ results? for/ }).waitFor();
  // A result shows the passage that matched, under its section's heading,
  // which links to that section; the passage holds a matched word.
  await ask('relational');
  const passage = page.locator('#search-results .result-passage').first();
  await passage.waitFor();
  // lunr's stemmer makes "relational" and "relate" one word, "relat".
  assert.match((await passage.locator('mark').first().textContent()).toLowerCase(), /^relat/);
  const section = passage.locator('a.result-section');
  if (await section.count()) {
    const href = await section.getAttribute('href');
    assert.match(href, /#[a-z0-9-]+$/);
    await section.click();
    const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
    assert.equal(await page.locator(`[id="${id}"]`).count(), 1, `no section ${id}`);
    await page.goBack();
  }
  // Words next to punctuation are found and marked, without the punctuation
  // ("trust," marks "trust").
  await ask('trust');
  const trustMarks = await page.locator('#search-results mark').allTextContents();
  for (const m of trustMarks) assert.match(m, /^trust\w*$/i, `marked "${m}"`);
  assert.ok(await page.locator('#search-results .result-passage mark').count() > 0, 'no passage marks "trust"');
  // A true count, paged 20 at a time.
  await ask('university');
  const status = await page.locator('#search-status').textContent();
  const m = status.match(/^1–20 of (\d+) results/);
  assert.ok(m && Number(m[1]) > 20, status);
  await page.getByRole('button', { name: 'Next results' }).click();
  await page.locator('#search-status').filter({ hasText: /^21–/ }).waitFor();
  assert.equal(await page.locator('#search-results li').count(), Math.min(20, Number(m[1]) - 20));
  assert.match(page.url(), /[?&]q=university/);
  // The phone layout: nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 800 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 390);
  assert.deepEqual(errors, []);
  await context.close();
});
