// The web form at contribute/new/ (issue #21): a person fills it in for a new
// case study, and the file it writes passes `commonplace check` unchanged in a
// copy of the repository's content; a problem is named at its field and in
// the summary; a draft survives a reload; and the page passes axe, fits a
// phone and explains the Word form without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, launch, watchErrors, axeViolations } from './harness.mjs';

const REPO = process.env.COMMONPLACE_REPO;
const BIN = process.env.COMMONPLACE_BIN;
const FORM = 'contribute/new/';

// A copy of the repository's content whose site.yaml names a GitHub
// repository (whatever the shipped one says), so the form offers its
// "new file" page; `check` runs on this copy too.
const ROOT = mkdtempSync(join(tmpdir(), 'commonplace-form-'));
const GITHUB = 'https://github.com/example-org/evidence';
function copyContent(root) {
  for (const part of ['content', 'casestudies']) cpSync(join(REPO, part), join(root, part), { recursive: true });
  const yaml = readFileSync(join(REPO, 'site.yaml'), 'utf8').replace(/^repository:\n(?:[ \t]+.*\n|#.*\n)*/m, '');
  writeFileSync(join(root, 'site.yaml'), `${yaml}\nrepository:\n  url: ${GITHUB}\n  branch: main\n`);
}

let site, browser;
before(async () => { copyContent(ROOT); site = await startSite(ROOT); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); rmSync(ROOT, { recursive: true, force: true }); });

// A control by its label, with or without the "(required)" its label carries.
function field(scope, name) {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByLabel(new RegExp(`^${escaped}( \\(required\\))?$`));
}

async function openForm(options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  const errors = watchErrors(page);
  await page.goto(site.base + FORM);
  return { context, page, errors };
}

// Fills in every kind of field the form has: text, radios, checkboxes,
// years, and each repeatable group.
async function fillCaseStudy(page) {
  await field(page, 'Title').fill('Riverside Stories: a "living archive" with the town library');
  await field(page, 'Summary').fill('A university history department and a town library collect and share\nresidents\' stories of the river.');
  await page.locator('#f-partnership_type-community-university').check();
  await page.locator('#f-status-active').check();
  await field(page, 'From').fill('2019');
  await field(page, 'To').fill('2023');
  // Places (none at first): add one.
  await page.getByRole('button', { name: 'Add a place' }).click();
  await field(page.locator('#f-places-items li').last(), 'Place').fill('Riverside');
  await field(page.locator('#f-places-items li').last(), 'Region').selectOption('wales');
  // Partners: the first item is there from the start; add a second.
  const partners = page.locator('#f-partners-items > li');
  assert.equal(await partners.count(), 1);
  await field(partners.nth(0), 'Name').fill('Riverside University');
  await field(partners.nth(0), 'Kind of partner').selectOption('university');
  await field(partners.nth(0), 'Role').fill('Trains volunteers: oral history.');
  await page.getByRole('button', { name: 'Add a partner' }).click();
  await field(partners.nth(1), 'Name').fill('Riverside Town Library');
  await field(partners.nth(1), 'Kind of partner').selectOption('cultural-institution');
  await field(partners.nth(1), 'Kind of cultural institution').selectOption('library-archive');
  await page.locator('#f-activities input[type=checkbox]').nth(0).check();
  await page.locator('#f-activities input[type=checkbox]').nth(2).check();
  await page.getByRole('button', { name: 'Add funding' }).click();
  await field(page.locator('#f-funding-items li').last(), 'Funder').fill('Heritage Fund');
  await field(page.locator('#f-funding-items li').last(), 'Amount (£)').fill('40000');
  await page.locator('#f-enablers input[type=checkbox]').first().check();
  await page.getByRole('button', { name: 'Add an impact' }).click();
  await field(page.locator('#f-impacts-items li').last(), 'Area').selectOption('cultural');
  await field(page.locator('#f-impacts-items li').last(), 'Level').selectOption('community');
  await field(page.locator('#f-impacts-items li').last(), 'What changed').fill('Stories reached 300 people.');
  await page.getByRole('button', { name: 'Add a figure' }).click();
  const figure = page.locator('#f-figures-items li').last();
  await field(figure, 'What the number counts').fill('Stories recorded');
  await field(figure, 'Number').fill('120');
  await field(figure, 'Source').selectOption('cup-report');
  await field(figure, 'Where in the source').fill('p. 12');
  const source = page.locator('#f-sources-items li').last();
  await field(source, 'Source').selectOption('cup-report');
  await field(source, 'Where in the source').fill('Ch 7, p. 12');
  await field(page, 'What the partnership does').fill('Volunteers record stories.\n\n> It changed how we see the river.\n\nA resident, in [the report](https://example.org/report).');
  await page.locator('#f-body-2').fill('A public archive.');
}

test('the form writes a case study that `commonplace check` accepts unchanged', async () => {
  const { context, page, errors } = await openForm();
  await fillCaseStudy(page);
  // The file name is made from the title.
  assert.equal(await field(page, 'File name').inputValue(), 'riverside-stories-a-living-archive-with-the-town-library');
  await page.getByRole('button', { name: 'Make the file' }).click();
  await page.locator('#cf-output').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#cf-summary').isHidden(), true);
  const shown = await page.locator('#cf-text').inputValue();

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#cf-download').click()]);
  const slug = 'riverside-stories-a-living-archive-with-the-town-library';
  assert.equal(download.suggestedFilename(), slug + '.md');
  const file = readFileSync(await download.path(), 'utf8');
  assert.equal(file, shown);
  // Front matter in the scaffold's order, then the body under its headings.
  assert.match(file, /^---\ntitle: "Riverside Stories: a \\"living archive\\" with the town library"\nsummary: ".*\\n.*"\npartnership_type: [a-z-]+\nstatus: active\nyears: \{start: 2019, end: 2023\}\nplaces:\n  - name: "Riverside"\n    region: wales\npartners:\n  - name: "Riverside University"\n    kind: university\n/);
  assert.match(file, /\n  - name: "Riverside Town Library"\n    kind: cultural-institution\n    ci_category: library-archive\n/);
  assert.match(file, /\nfunding:\n  - funder: "Heritage Fund"\n    amount_gbp: 40000\n/);
  assert.match(file, /\nemergence: \[\]\n/);
  assert.match(file, /\nsources:\n  - source: cup-report\n    locator: "Ch 7, p. 12"\nanonymised: false\nupdated: \d{4}-\d{2}-\d{2}\n---\n## What the partnership does\n\nVolunteers record stories\.\n/);
  assert.match(file, /\n## What changed\n\nA public archive\.\n$/);

  // The "new file" link of site.yaml's GitHub repository carries the same file.
  const href = await page.locator('#cf-open').getAttribute('href');
  const url = new URL(href);
  assert.equal(url.origin + url.pathname, GITHUB + '/new/main');
  assert.equal(url.searchParams.get('filename'), `casestudies/${slug}.md`);
  assert.equal(url.searchParams.get('value'), file);

  // Into a copy of the repository's content, then `commonplace check`.
  const root = mkdtempSync(join(tmpdir(), 'commonplace-form-check-'));
  try {
    copyContent(root);
    writeFileSync(join(root, 'casestudies', slug + '.md'), file);
    let report;
    try {
      report = execFileSync(BIN, ['check', '--root', root, '--format', 'json'], { encoding: 'utf8', timeout: 60000 });
    } catch (e) {
      assert.fail(`check failed (exit ${e.status}):\n${e.stdout}\n${e.stderr}`);
    }
    const result = JSON.parse(report);
    assert.equal(result.errors, 0, report);
    // Not even a warning about the new file (a source without a locator, no impacts).
    const ours = result.diagnostics.filter((d) => d.path === `casestudies/${slug}.md`);
    assert.deepEqual(ours, []);
    // And `check` did read it: the same file with a mistyped term is refused at its line.
    writeFileSync(join(root, 'casestudies', slug + '.md'), file.replace('kind: university', 'kind: universty'));
    assert.throws(() => execFileSync(BIN, ['check', '--root', root], { encoding: 'utf8', timeout: 60000, stdio: 'pipe' }),
      (e) => e.status === 1 && (e.stdout + e.stderr).includes(`casestudies/${slug}.md`) && (e.stdout + e.stderr).includes("did you mean 'university'?"));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a problem is named at its field and in the summary, which links to it', async () => {
  const { context, page, errors } = await openForm();
  // As the person types: a year out of range, shown once they leave the field.
  const from = field(page, 'From');
  await from.fill('20');
  await from.press('Tab');
  const fromError = page.locator('#f-years-start-error');
  await fromError.waitFor({ state: 'visible' });
  assert.match(await fromError.textContent(), /four-digit year from 1800 to 2100/);
  assert.equal(await from.getAttribute('aria-invalid'), 'true');
  assert.match(await from.getAttribute('aria-describedby'), /\bf-years-start-error\b/);
  await from.fill('2024');
  await field(page, 'To').fill('2020');
  await field(page, 'To').press('Tab');
  assert.match(await page.locator('#f-years-end-error').textContent(), /before the start year/);
  assert.equal(await fromError.isHidden(), true);
  assert.equal(await from.getAttribute('aria-invalid'), null);

  // A file name that is taken, and one check would refuse.
  const slug = field(page, 'File name');
  await slug.fill('barton-hill-micro-campus');
  await slug.press('Tab');
  await page.locator('#f-slug-error').filter({ hasText: 'already exists' }).waitFor();
  await slug.fill('Bad Name');
  assert.match(await page.locator('#f-slug-error').textContent(), /lowercase letters, digits and single hyphens/);

  // A partner's cultural-institution category on a university.
  const partner = page.locator('#f-partners-items > li').first();
  await field(partner, 'Kind of partner').selectOption('university');
  await field(partner, 'Kind of cultural institution').selectOption('museum-gallery-collection');
  assert.match(await partner.locator('.cf-error:visible').first().textContent(), /Only for a partner whose kind is Cultural institution/);

  // An unsafe link in the story.
  await field(page, 'How it works').fill('See [this](javascript:alert(1)).');
  await field(page, 'How it works').press('Tab');
  assert.match(await page.locator('#f-body-1-error').textContent(), /would be removed/);

  // "Make the file": no file, and a summary naming every problem, linked.
  await page.getByRole('button', { name: 'Make the file' }).click();
  const summary = page.locator('#cf-summary');
  await summary.waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cf-summary');
  assert.equal(await page.locator('#cf-output').isHidden(), true);
  const items = await summary.locator('li').allTextContents();
  assert.ok(items.includes('Title: This is required: write something here.'), items.join('\n'));
  assert.ok(items.some((t) => t.startsWith('Partnership type: Choose one.')), items.join('\n'));
  assert.ok(items.some((t) => /^Partner 1: Name: /.test(t)), items.join('\n'));
  assert.ok(items.some((t) => /^Source 1: Source: Choose one/.test(t)), items.join('\n'));
  assert.equal(await field(page, 'Title').getAttribute('aria-invalid'), 'true');
  await summary.getByRole('link', { name: /^Title:/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-title');
  // Fixing a problem takes it off the summary as the person types.
  await field(page, 'Title').fill('A partnership');
  assert.equal(await summary.getByRole('link', { name: /^Title:/ }).count(), 0);
  assert.equal(await field(page, 'Title').getAttribute('aria-invalid'), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a draft survives a reload, and "Discard draft" clears it', async () => {
  const { context, page, errors } = await openForm();
  await field(page, 'Title').fill('Draft partnership');
  await page.locator('#f-drivers input[type=checkbox]').nth(1).check();
  await page.getByRole('button', { name: 'Add a place' }).click();
  await field(page.locator('#f-places-items li').last(), 'Place').fill('Aberystwyth');
  await field(page.locator('#f-places-items li').last(), 'Place').press('Tab');
  await page.locator('#cf-draft-status').filter({ hasText: 'Draft saved' }).waitFor();
  await page.reload();
  await page.locator('#cf-draft-status').filter({ hasText: 'restored' }).waitFor();
  assert.equal(await field(page, 'Title').inputValue(), 'Draft partnership');
  assert.equal(await field(page, 'File name').inputValue(), 'draft-partnership');
  assert.equal(await page.locator('#f-drivers input[type=checkbox]').nth(1).isChecked(), true);
  assert.equal(await page.locator('#f-places-items li').count(), 1);
  assert.equal(await field(page.locator('#f-places-items li').last(), 'Place').inputValue(), 'Aberystwyth');
  // Discarding asks first, then clears the form and the stored draft.
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Discard draft' }).click();
  await page.locator('#cf-draft-status').filter({ hasText: 'discarded' }).waitFor();
  assert.equal(await field(page, 'Title').inputValue(), '');
  assert.equal(await page.locator('#f-places-items li').count(), 0);
  await page.reload();
  assert.equal(await field(page, 'Title').inputValue(), '');
  assert.equal(await page.locator('#f-partners-items li').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('axe finds nothing on the form, with its groups open and problems shown, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { context, page, errors } = await openForm({ colorScheme });
    for (const name of ['Add a place', 'Add funding', 'Add an impact', 'Add a figure']) {
      await page.getByRole('button', { name }).click();
    }
    await page.getByRole('button', { name: 'Make the file' }).click();
    await page.locator('#cf-summary').waitFor({ state: 'visible' });
    assert.deepEqual(await axeViolations(page), [], colorScheme);
    assert.deepEqual(errors, []);
    await context.close();
    // Filled in, with the file shown.
    const filled = await openForm({ colorScheme });
    await fillCaseStudy(filled.page);
    await filled.page.getByRole('button', { name: 'Make the file' }).click();
    await filled.page.locator('#cf-output').waitFor({ state: 'visible' });
    assert.deepEqual(await axeViolations(filled.page), [], colorScheme);
    assert.deepEqual(filled.errors, []);
    await filled.context.close();
  }
});

test('on a 390 px phone nothing scrolls sideways; without JavaScript the page explains the Word form', async () => {
  const phone = await openForm({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await fillCaseStudy(phone.page);
  await phone.page.getByRole('button', { name: 'Make the file' }).click();
  await phone.page.locator('#cf-output').waitFor({ state: 'visible' });
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow}px wider than the screen`);
  await phone.context.close();

  const { context, page } = await openForm({ javaScriptEnabled: false });
  assert.equal(await page.locator('#cf-form').isHidden(), true);
  const nojs = page.locator('#cf-nojs');
  assert.equal(await nojs.isVisible(), true);
  const link = nojs.getByRole('link', { name: 'case-study submission form' });
  assert.match(await link.getAttribute('href'), /worksheets\/case-study-submission-form\/$/);
  await context.close();
});

test('/contribute/ links to the form', async () => {
  const { context, page } = await openForm();
  await page.goto(site.base + 'contribute/');
  await page.getByRole('link', { name: /web form/i }).first().click();
  await page.waitForURL(/contribute\/new\/$/);
  await context.close();
});
