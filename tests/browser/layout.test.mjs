// How the site behaves on a phone, from the keyboard, in print and with
// JavaScript turned off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, launch, watchErrors, PAGE_TYPES } from './harness.mjs';

let site, browser;
before(async () => { site = await startSite(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

test('phone (390×844): no page scrolls sideways and the menu is usable', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const problems = [];
  for (const [type, path] of Object.entries(PAGE_TYPES)) {
    await page.goto(site.base + path, { waitUntil: 'load' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) problems.push(`${type}: ${overflow}px wider than the screen`);
  }
  // Every menu item is visible, on screen and big enough to tap (WCAG 2.2: 24×24).
  await page.goto(site.base);
  const items = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
  const n = await items.count();
  assert.ok(n >= 6);
  for (let i = 0; i < n; ++i) {
    const box = await items.nth(i).boundingBox();
    const name = await items.nth(i).textContent();
    if (!box || box.x < 0 || box.x + box.width > 390) problems.push(`menu item ${name} is off screen`);
    else if (box.height < 24 || box.width < 24) problems.push(`menu item ${name} is ${box.width}×${box.height}`);
  }
  await items.filter({ hasText: 'Statistics' }).tap();
  await page.waitForURL(/statistics\/$/);
  await context.close();
  assert.deepEqual(problems, []);
});

test('keyboard: the skip link comes first and works, focus is always visible', async () => {
  const page = await browser.newPage();
  await page.goto(site.base + 'casestudies/');
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => document.activeElement.textContent.trim());
  assert.equal(first, 'Skip to main content');
  assert.ok(await page.locator('.skip-link').isVisible(), 'the skip link shows when focused');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  // Tab through the page: every control gets a visible focus indicator.
  const seen = new Set();
  for (let i = 0; i < 60; ++i) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      const s = getComputedStyle(el);
      const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
      return { tag: el.tagName, text: (el.textContent || el.value || '').trim().slice(0, 40), visible };
    });
    if (f.tag === 'BODY') break;
    seen.add(f.tag);
    assert.ok(f.visible, `no visible focus on <${f.tag}> "${f.text}"`);
  }
  assert.ok(seen.has('A'));
  // The search page's controls are reachable and usable from the keyboard.
  await page.goto(site.base + 'search/');
  await page.locator('#search-q').focus();
  await page.keyboard.type('trust');
  await page.locator('#search-results li').first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'BUTTON');
  await page.close();
});

test('print: no navigation or search, and external links are written out', async () => {
  const page = await browser.newPage();
  await page.emulateMedia({ media: 'print' });
  await page.goto(site.base + 'resources/');
  for (const sel of ['.site-header', '.site-footer', '.skip-link']) {
    assert.equal(await page.locator(sel).first().isVisible(), false, `${sel} prints`);
  }
  const after = await page.locator('main a[href^="http"]').first()
    .evaluate((a) => getComputedStyle(a, '::after').content);
  assert.match(after, /attr\(href\)|https?:/);
  // Charts and tables print; download links do not.
  await page.goto(site.base + 'statistics/impact-areas/');
  assert.ok(await page.locator('svg[role="img"]').isVisible());
  assert.equal(await page.locator('.downloads').first().isVisible(), false);
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 1000);
  await page.close();
});

test('without JavaScript everything but live search works', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const [type, path] of Object.entries(PAGE_TYPES)) {
    const res = await page.goto(site.base + path);
    assert.equal(res.status(), type === 'not found' ? 404 : 200, type);
    assert.equal(await page.locator('h1').count(), 1, `${type} has one h1`);
  }
  await page.goto(site.base + 'casestudies/');
  assert.ok(await page.locator('.card-list .card').count() >= 30);
  await page.goto(site.base + 'search/?q=museum');
  assert.ok(await page.getByText('Search needs JavaScript').isVisible());
  await context.close();
});

test('under the strict CSP no page logs an error or a violation', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  for (const [type, path] of Object.entries(PAGE_TYPES)) {
    if (type === 'not found') continue;
    await page.goto(site.base + path, { waitUntil: 'load' });
  }
  assert.deepEqual(errors, []);
  await page.goto(site.base + 'search/', { waitUntil: 'load' });
  assert.equal(await page.locator('#search-nojs').isVisible(), false,
               'the no-JavaScript notice is hidden once search can run');
  await page.close();
});
