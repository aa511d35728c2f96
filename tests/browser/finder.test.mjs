// The case-study finder: filters give exactly the case studies the content
// says they should (computed here from casestudies/*.md, never typed in),
// the state lives in the URL, back and forward work, the page works without
// JavaScript and at phone width, and axe finds nothing in any state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startSite, launch, openPage, axeViolations } from './harness.mjs';

const REPO = process.env.COMMONPLACE_REPO;

// Front matter of every case study, and the regions vocabulary, as JSON
// (python3-yaml is one of the test dependencies).
function content() {
  const py = `
import json, pathlib, yaml
root = pathlib.Path(${JSON.stringify(REPO)})
cases = []
for f in sorted((root / 'casestudies').glob('*.md')):
    text = f.read_text()
    cases.append(yaml.safe_load(text.split('---', 2)[1]))
regions = yaml.safe_load((root / 'content/vocabularies/regions.yaml').read_text())['terms']
print(json.dumps({'cases': cases, 'regions': regions}, default=str))
`;
  return JSON.parse(execFileSync('python3', ['-c', py], { encoding: 'utf8' }));
}

const data = content();
const parent = Object.fromEntries(data.regions.map((t) => [t.id, t.parent || '']));
function nationOf(region) {
  let r = region;
  for (let i = 0; i < 8 && parent[r]; i++) r = parent[r];
  return r;
}
const expected = (pred) => data.cases.filter(pred).map((c) => c.title).sort();

let site, browser;
before(async () => { site = await startSite(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

const open = (options = {}, query = '') => openPage(browser, site.base + 'casestudies/' + query, options);

async function titles(page) {
  return (await page.locator('.finder-results .card-title').allTextContents()).map((t) => t.trim()).sort();
}


async function choose(page, legend, label) {
  const group = page.locator('details.finder-group', { has: page.locator('legend', { hasText: legend }) });
  if (!(await group.evaluate((d) => d.open))) await group.locator('summary').click();
  await group.getByLabel(new RegExp('^' + label + ' \\(\\d+\\)$')).check();
}

test('filters combine as AND across groups and OR within one, with counts, and the URL keeps them', async () => {
  const { context, page, errors } = await open();
  const status = page.locator('.finder-status');
  await status.waitFor();
  assert.match(await status.textContent(), new RegExp(`^${data.cases.length} case studies match`));
  assert.deepEqual(await axeViolations(page), []);

  // Nation (a broader term: every region in it counts).
  await choose(page, 'Nation', 'England');
  const inEngland = (c) => (c.places || []).some((p) => p.region && nationOf(p.region) === 'england');
  assert.deepEqual(await titles(page), expected(inEngland));
  assert.match(page.url(), /[?&]nation=england\b/);

  // AND with a partner kind.
  await choose(page, 'Partner kind', 'Local government');
  const withCouncil = (c) => (c.partners || []).some((p) => p.kind === 'local-government');
  const both = expected((c) => inEngland(c) && withCouncil(c));
  assert.ok(both.length > 0, 'the fixture needs an English case study with a council partner');
  assert.deepEqual(await titles(page), both);
  assert.match(page.url(), /partner=local-government/);
  assert.match(await status.textContent(), new RegExp(`^${both.length} case stud(y|ies) match`));

  // OR within a group: add a second nation.
  await choose(page, 'Nation', 'Wales');
  const inWales = (c) => (c.places || []).some((p) => p.region && nationOf(p.region) === 'wales');
  assert.deepEqual(await titles(page), expected((c) => (inEngland(c) || inWales(c)) && withCouncil(c)));
  assert.match(page.url(), /nation=england(%2C|,)wales/);

  // An option that would give nothing stays visible and is disabled.
  const disabled = page.locator('.finder-group input[type=checkbox]:disabled');
  assert.ok(await disabled.count() > 0);
  assert.deepEqual(await axeViolations(page), []);

  // Back and forward walk through the states.
  await page.goBack();
  assert.deepEqual(await titles(page), both);
  await page.goBack();
  assert.deepEqual(await titles(page), expected(inEngland));
  await page.goForward();
  assert.deepEqual(await titles(page), both);

  // The shared address gives the same view in a fresh page.
  const shared = page.url();
  const second = await context.newPage();
  await second.goto(shared);
  await second.locator('.finder-status').waitFor();
  assert.deepEqual(await titles(second), both);
  assert.equal(await second.getByLabel(/^Local government \(\d+\)$/).first().isChecked(), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('words narrow the list, and clearing brings everything back', async () => {
  const { context, page, errors } = await open();
  await page.locator('.finder-status').waitFor();
  await page.getByLabel('Words in the title, summary or places').fill('museum');
  const want = expected((c) => `${c.title} ${c.summary}`.toLowerCase().includes('museum'));
  await page.waitForFunction((n) => document.querySelectorAll('.finder-results .card').length === n, want.length);
  // Places and type labels are searched too, so the page may hold more.
  for (const t of want) assert.ok((await titles(page)).includes(t), t);
  assert.match(page.url(), /q=museum/);
  await page.getByRole('button', { name: 'Clear all filters' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('.finder-results .card').length === n,
    Math.min(50, data.cases.length));
  assert.deepEqual(errors, []);
  await context.close();
});

test('without JavaScript the full list is there, and at 320 px nothing scrolls sideways', async () => {
  const noJs = await open({ javaScriptEnabled: false });
  const cards = await noJs.page.locator('#all-cases .card').count();
  assert.equal(cards, data.cases.length);
  assert.equal(await noJs.page.locator('#finder').isVisible(), false);
  await noJs.context.close();

  const phone = await open({ viewport: { width: 320, height: 640 } }, '?partner=university');
  await phone.page.locator('.finder-status').waitFor();
  const wide = await phone.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 320, `page is ${wide}px wide at 320px`);
  assert.deepEqual(await axeViolations(phone.page), []);
  // Keyboard: tab reaches the first filter group's summary and opens it.
  await phone.page.getByLabel('Words in the title, summary or places').focus();
  await phone.page.keyboard.press('Tab');
  await phone.page.keyboard.press('Tab');
  await phone.page.keyboard.press('Enter');
  assert.equal(await phone.page.locator('details.finder-group').first().evaluate((d) => d.open), true);
  assert.deepEqual(phone.errors, []);
  await phone.context.close();
});
