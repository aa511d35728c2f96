// A bilingual site (tests/fixtures/bilingual, a made-up site with
// languages: [cy, en]): Welsh at the root and English under en/, served
// under a path prefix. The switcher keeps the reader on the same item in
// the other language, hreflang links and the sitemaps name both, search
// works in each language with its own index and words, every element
// whose language differs from the page's says so, and axe and the Nu HTML
// Checker find nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startSite, launch, axeViolations, openPage, htmlFiles, nuCheckerErrors } from './harness.mjs';

const FIXTURE = join(process.env.COMMONPLACE_REPO, 'tests/fixtures/bilingual');
let site, browser;
before(async () => {
  site = await startSite(FIXTURE);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  site?.close();
});

test('the switcher keeps the reader on the same case study in the other language', { timeout: 60000 }, async () => {
  const { context, page, errors } = await openPage(browser, site.base + 'casestudies/food-project/');
  try {
    assert.equal(await page.getAttribute('html', 'lang'), 'cy');
    assert.equal(await page.textContent('h1'), 'Prosiect perllan');
    assert.equal(await page.getAttribute('link[hreflang="en"]', 'href'), site.base + 'en/casestudies/food-project/');
    await page.click('.language-switcher a[hreflang="en"]');
    await page.waitForURL(site.base + 'en/casestudies/food-project/');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.textContent('h1'), 'Orchard project');
    await page.click('.language-switcher a[hreflang="cy"]');
    await page.waitForURL(site.base + 'casestudies/food-project/');
    assert.equal(await page.textContent('h1'), 'Prosiect perllan');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// Words the fixture has in one language only. Wherever one of them is a
// page's text, the language the browser gives that text (the nearest lang
// attribute) must be that language, whatever the page's own.
const ONLY_IN = {
  en: ['Parent power', 'Made-up parents in Fakeford.', 'Placements', 'Activities', 'The Fixture Guide',
       'A made-up guide, not translated.', 'Fixture principles', 'Social', 'Wales', 'Anything else',
       'A Made-up Toolkit', 'Funders', 'Pay community partners on time.', 'Online', 'Place', 'North'],
  cy: ['Prosiect perllan', 'Rhannu grym', 'Cymuned–prifysgol', 'Pecyn Cymorth y Safle Prawf',
       'Pecyn cymorth ffug ar gyfer profion.', 'Mathau o bartneriaeth', 'Cynllunio cyfarfod cyntaf',
       'Ystafell dawel', 'Caffi trwsio', 'Wyneb yn wyneb', 'Heb ei gofnodi'],
};

test('every element in another language than its page says which', { timeout: 120000 }, async () => {
  const paths = ['', 'casestudies/', 'casestudies/parent-power/', 'casestudies/food-project/',
                 'principles/', 'principles/shared-power/', 'resources/', 'browse/', 'browse/activities/',
                 'browse/partnership-types/community-university/', 'about/',
                 'statistics/comparisons/', 'statistics/cross-tabulations/', 'statistics/regions/',
                 'worksheets/', 'worksheets/meeting-plan/', 'worksheets/meeting-plan/print/', 'sources/fixture-2025/',
                 'statistics/datasets/meetings/', 'casestudies/caffi-trwsio/', 'en/casestudies/caffi-trwsio/',
                 'en/casestudies/',
                 'en/worksheets/meeting-plan/print/',
                 'recommendations/', 'recommendations/funders/', 'en/recommendations/funders/',
                 'en/', 'en/casestudies/parent-power/', 'en/casestudies/food-project/', 'en/resources/', 'en/about/'];
  let checked = 0;
  for (const path of paths) {
    const { context, page } = await openPage(browser, site.base + path);
    try {
      const pageLang = await page.getAttribute('html', 'lang');
      // The switcher names each language in that language.
      for (const link of await page.locator('.language-switcher [lang]').all()) {
        const lang = await link.getAttribute('lang');
        assert.equal(await link.textContent(), lang === 'cy' ? 'Cymraeg' : 'English', path);
      }
      // Each text node that is (or begins) one of the one-language strings,
      // with the language it is in.
      const found = await page.evaluate((onlyIn) => {
        const out = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const text = n.textContent.trim().replace(/\.$/, '');
          for (const [lang, words] of Object.entries(onlyIn)) {
            if (!words.some((w) => text === w.replace(/\.$/, ''))) continue;
            const el = n.parentElement.closest('[lang]');
            out.push({ text, want: lang, got: el ? el.getAttribute('lang') : '' });
          }
        }
        return out;
      }, ONLY_IN);
      for (const f of found) assert.equal(f.got, f.want, `${path}: "${f.text}"`);
      checked += found.filter((f) => f.want !== pageLang).length;
      if (path === 'casestudies/parent-power/') {
        // English only: on the Welsh site, a Welsh notice and English text marked as English.
        assert.equal(pageLang, 'cy');
        assert.match(await page.textContent('.language-notice'), /Nid yw'r dudalen hon wedi'i chyfieithu/);
        assert.equal(await page.getAttribute('h1', 'lang'), 'en');
        assert.equal(await page.getAttribute('section.body', 'lang'), 'en');
      } else if (path === 'en/casestudies/caffi-trwsio/') {
        // Welsh only: on the English site, an English notice and Welsh text marked as Welsh.
        assert.equal(pageLang, 'en');
        assert.match(await page.textContent('.language-notice'), /not been translated into English yet/);
        assert.equal(await page.getAttribute('section.body', 'lang'), 'cy');
      } else {
        assert.equal(await page.locator('.language-notice').count(), 0, path);
      }
      assert.deepEqual(await axeViolations(page), [], path);
    } finally {
      await context.close();
    }
  }
  // The check saw text in another language than its page, many times over.
  assert.ok(checked >= 15, `only ${checked} strings in another language were found`);
});

test('search works in each language, from its own index', { timeout: 60000 }, async () => {
  const cases = [
    { path: 'search/?q=perllan', title: 'Prosiect perllan', status: /canlyniad/ },
    { path: 'en/search/?q=orchard', title: 'Orchard project', status: /result/ },
    // English stemming finds "planted" from "plant"; the Welsh index has no
    // English stemmer, so Welsh words are matched as written.
    { path: 'en/search/?q=plant', title: 'Orchard project', status: /result/ },
  ];
  for (const c of cases) {
    const { context, page, errors } = await openPage(browser, site.base + c.path);
    try {
      await page.locator('#search-results .result-title a').first().waitFor();
      assert.equal(await page.locator('#search-results .result-title a').first().textContent(), c.title);
      assert.match(await page.textContent('#search-status'), c.status);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
  // An English-only case study found on the Welsh site: its title and
  // summary say they are English, the interface around them is Welsh.
  {
    const { context, page } = await openPage(browser, site.base + 'search/?q=parent');
    try {
      const title = page.locator('#search-results .result-title a').first();
      await title.waitFor();
      assert.equal(await title.textContent(), 'Parent power');
      assert.equal(await title.getAttribute('lang'), 'en');
      assert.equal(await page.locator('#search-results li p[lang="en"]').first().textContent(),
                   'Made-up parents in Fakeford.');
      assert.equal(await page.locator('#search-results .card-meta').first().getAttribute('lang'), null);
    } finally {
      await context.close();
    }
  }
  // No English result on the Welsh site for an English word only the English text has.
  const { context, page } = await openPage(browser, site.base + 'search/?q=orchard');
  try {
    await page.waitForFunction(() => /“orchard”/.test(document.getElementById('search-status').textContent));
    assert.equal(await page.locator('#search-results li').count(), 0);
    assert.match(await page.textContent('#search-status'), /Dim canlyniadau/);
  } finally {
    await context.close();
  }
});

test('the sitemaps list each language with its alternates', { timeout: 30000 }, async () => {
  const root = await (await fetch(site.base + 'sitemap.xml')).text();
  const en = await (await fetch(site.base + 'en/sitemap.xml')).text();
  assert.match(root, new RegExp(`<loc>${site.base}casestudies/food-project/</loc>`));
  assert.match(root, new RegExp(`hreflang="en" href="${site.base}en/casestudies/food-project/"`));
  assert.match(en, new RegExp(`<loc>${site.base}en/casestudies/food-project/</loc>`));
  const robots = await (await fetch(site.base + 'robots.txt')).text();
  assert.match(robots, new RegExp(`Sitemap: ${site.base}en/sitemap.xml`));
});

test('the Nu HTML Checker finds no errors in either language', { timeout: 300000 }, () => {
  const files = htmlFiles(site.dir);
  assert.ok(files.some((f) => f.includes('/en/')) && files.length > 60, `only ${files.length} pages built`);
  const errors = nuCheckerErrors(site.dir, files);
  assert.deepEqual(errors.slice(0, 20), [], `${errors.length} error(s)`);
});
