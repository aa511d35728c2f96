// The evidence map: every cell, in the chart and the table, links to the case
// studies behind it; without JavaScript the default map and its links are
// there; the explorer changes axes and filters, with counts checked against
// counts computed here from the case studies' front matter; the choice
// survives in the URL; at 320 px the map is a list with no sideways scroll;
// and axe finds nothing in any of these states.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startSite, launch, openPage, axeViolations } from './harness.mjs';

const REPO = process.env.COMMONPLACE_REPO;
const MAP = 'statistics/evidence-map/';

// Front matter of every case study, and the vocabularies' terms, as JSON.
function content() {
  const py = `
import json, pathlib, yaml
root = pathlib.Path(${JSON.stringify(REPO)})
cases = []
for f in sorted((root / 'casestudies').glob('*.md')):
    cases.append(yaml.safe_load(f.read_text().split('---', 2)[1]))
vocabs = {}
for f in (root / 'content/vocabularies').glob('*.yaml'):
    v = yaml.safe_load(f.read_text())
    vocabs[v['id']] = v['terms']
print(json.dumps({'cases': cases, 'vocabs': vocabs}, default=str))
`;
  return JSON.parse(execFileSync('python3', ['-c', py], { encoding: 'utf8' }));
}

const data = content();
const label = (vocab, id) => data.vocabs[vocab].find((t) => t.id === id).label;

// The terms a case study records in a vocabulary, with their broader terms.
function termsOf(cs, vocab) {
  const raw = {
    enablers: cs.enablers || [],
    drivers: cs.drivers || [],
    barriers: cs.barriers || [],
    'impact-areas': (cs.impacts || []).map((i) => i.area),
    'partnership-types': cs.partnership_type ? [cs.partnership_type] : [],
    'partner-kinds': (cs.partners || []).map((p) => p.kind),
    regions: (cs.places || []).map((p) => p.region),
  }[vocab];
  const parent = Object.fromEntries(data.vocabs[vocab].map((t) => [t.id, t.parent || '']));
  const out = new Set();
  for (let t of raw.filter(Boolean)) {
    for (let d = 0; d < 16 && t; d++, t = parent[t]) out.add(t);
  }
  return out;
}

function expectedCount(rows, r, cols, c, filters = {}) {
  return data.cases.filter((cs) => termsOf(cs, rows).has(r) && termsOf(cs, cols).has(c) &&
    Object.entries(filters).every(([vocab, ids]) => ids.some((id) => termsOf(cs, vocab).has(id)))).length;
}

let site, browser;
before(async () => { site = await startSite(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

const open = (options = {}, query = '') => openPage(browser, site.base + MAP + query, options);


async function headingLevels(page) {
  return page.$$eval('h1, h2, h3, h4, h5, h6', (hs) => hs.map((h) => Number(h.tagName[1])));
}

function noSkips(levels) {
  for (let i = 1; i < levels.length; i++) {
    assert.ok(levels[i] <= levels[i - 1] + 1, `heading h${levels[i]} after h${levels[i - 1]}: ${levels}`);
  }
}

// The explorer's table as {row term: {column term: count}}, and each cell's link.
async function readTable(page) {
  return page.evaluate(() => {
    const table = document.querySelector('#em-live table');
    const cols = [...table.querySelectorAll('thead th[data-term]')].map((th) => th.dataset.term);
    const counts = {}, links = {};
    for (const tr of table.querySelectorAll('tbody tr')) {
      counts[tr.dataset.term] = {};
      links[tr.dataset.term] = {};
      [...tr.querySelectorAll('td')].forEach((td, j) => {
        counts[tr.dataset.term][cols[j]] = Number(td.textContent.trim());
        const a = td.querySelector('a');
        links[tr.dataset.term][cols[j]] = a ? a.getAttribute('href') : null;
      });
    }
    return { cols, counts, links };
  });
}

test('without JavaScript, the default map is there and every chart and table cell links to its page', async () => {
  const { context, page, errors } = await open({ javaScriptEnabled: false });
  const href = '../../' + MAP + 'trust/social/';
  const chart = page.locator(`#em-static svg a[href="${href}"]`);
  const n = expectedCount('enablers', 'trust', 'impact-areas', 'social');
  assert.ok(n > 0);
  assert.equal(await chart.getAttribute('aria-label'),
    `${n} case ${n === 1 ? 'study' : 'studies'}: ${label('enablers', 'trust')} × Social`);
  const cell = page.locator(`#em-static table a[href="${href}"]`);
  assert.equal((await cell.textContent()).trim(), String(n));
  // Every non-empty table cell links, and the chart has as many links.
  const tableLinks = await page.locator('#em-static tbody td a').count();
  const nonEmpty = await page.$$eval('#em-static tbody td', (tds) => tds.filter((td) => td.textContent.trim() !== '0').length);
  assert.equal(tableLinks, nonEmpty);
  assert.equal(await page.locator('#em-static svg a').count(), nonEmpty);
  // No label is cut short, in the chart or anywhere.
  const svgText = await page.locator('#em-static svg').textContent();
  assert.ok(!svgText.includes('…'), 'a chart label is cut');
  assert.ok(svgText.replace(/\s+/g, ' ').includes('Enabling conditions for university–cultural institution work'));
  // Narrower rows name their broader term.
  assert.ok(await page.locator('#em-static tr[data-parent="ci-enabling-conditions"]').count() > 0);
  noSkips(await headingLevels(page));
  // The chart's link leads to the cell page, whose case studies are the count.
  await chart.click();
  await page.waitForURL(/trust\/social\/$/);
  assert.equal(await page.locator('h1').textContent(), `${label('enablers', 'trust')} and Social`);
  assert.equal(await page.locator('.card-list > li').count(), n);
  noSkips(await headingLevels(page));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the explorer changes axes and filters, with counts from the case studies and links to the finder', async () => {
  const { context, page, errors } = await open({ viewport: { width: 1280, height: 900 } });
  await page.waitForSelector('#em-live table');
  assert.equal(await page.locator('#em-static').isHidden(), true);
  assert.deepEqual(await axeViolations(page), []);
  noSkips(await headingLevels(page));

  // The default map: counts as the front matter gives them, links to the cell pages.
  let t = await readTable(page);
  for (const [r, row] of Object.entries(t.counts)) {
    for (const [c, n] of Object.entries(row)) {
      assert.equal(n, expectedCount('enablers', r, 'impact-areas', c), `${r} × ${c}`);
      if (n) assert.equal(t.links[r][c], `../../${MAP}${r}/${c}/`);
    }
  }

  // Broader terms are folded; unfolding one shows its narrower terms.
  const toggle = page.locator('#em-live table tbody button[data-term="ci-enabling-conditions"]');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.locator('#em-live tbody tr[data-parent="ci-enabling-conditions"]').count(), 0);
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const narrower = data.vocabs.enablers.filter((x) => x.parent === 'ci-enabling-conditions').length;
  assert.equal(await page.locator('#em-live tbody tr[data-parent="ci-enabling-conditions"]').count(), narrower);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.term), 'ci-enabling-conditions');

  // Drivers × impact areas, in Wales.
  await page.selectOption('#em-rows', 'drivers');
  await page.check('#em-nation-wales');
  await page.waitForURL(/nation=wales/);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('rows'), 'drivers');
  assert.equal(url.searchParams.get('cols'), 'impact-areas');
  assert.match(await page.locator('#em-status').textContent(), /Drivers × Impact areas/);
  assert.match(await page.locator('.evidence-map h2').textContent(), /Drivers × Impact areas/);
  // Unfold every broader driver, then compare every cell.
  const folded = page.locator('#em-live table tbody button[aria-expanded="false"]');
  while (await folded.count()) await folded.first().click();
  t = await readTable(page);
  let checked = 0;
  for (const [r, row] of Object.entries(t.counts)) {
    for (const [c, n] of Object.entries(row)) {
      assert.equal(n, expectedCount('drivers', r, 'impact-areas', c, { regions: ['wales'] }), `${r} × ${c} in Wales`);
      if (n) {
        assert.equal(t.links[r][c], `../../casestudies/?driver=${r}&impact=${c}&nation=wales`);
        checked++;
      }
    }
  }
  assert.ok(checked > 0, 'no case study in Wales records a driver and an impact area');

  // Columns by partner kind: the partner-kind filter stands aside; partnership type narrows.
  await page.selectOption('#em-cols', 'partner-kinds');
  assert.equal(await page.locator('#em-partner-university').isDisabled(), true);
  assert.equal(await page.locator('#em-nation-wales').isDisabled(), false);
  const type = data.cases.find((cs) => termsOf(cs, 'regions').has('wales'))?.partnership_type;
  await page.check(`#em-type-${type}`);
  t = await readTable(page);
  for (const [r, row] of Object.entries(t.counts)) {
    for (const [c, n] of Object.entries(row)) {
      assert.equal(n, expectedCount('drivers', r, 'partner-kinds', c,
        { regions: ['wales'], 'partnership-types': [type] }), `${r} × ${c}`);
    }
  }
  assert.deepEqual(await axeViolations(page), []);
  noSkips(await headingLevels(page));

  // The URL round-trip: a fresh page at the same address shows the same map.
  const same = await context.newPage();
  await same.goto(page.url());
  await same.waitForSelector('#em-live table');
  assert.equal(await same.inputValue('#em-rows'), 'drivers');
  assert.equal(await same.inputValue('#em-cols'), 'partner-kinds');
  assert.equal(await same.isChecked('#em-nation-wales'), true);
  assert.equal(await same.isChecked(`#em-type-${type}`), true);
  const top = (counts) => Object.fromEntries(Object.entries(counts).filter(([r]) =>
    !data.vocabs.drivers.find((x) => x.id === r).parent));
  assert.deepEqual(top((await readTable(same)).counts), top(t.counts));
  // Back goes to each earlier choice: before the type, then before the columns.
  await page.goBack();
  assert.equal(await page.isChecked(`#em-type-${type}`), false);
  assert.equal(await page.inputValue('#em-cols'), 'partner-kinds');
  await page.goBack();
  assert.equal(new URL(page.url()).searchParams.get('cols'), 'impact-areas');
  assert.equal(await page.inputValue('#em-cols'), 'impact-areas');
  assert.deepEqual(errors, []);
  await context.close();
});

test('at 320 px the map is a readable list with no sideways scroll', async () => {
  for (const js of [true, false]) {
    for (const query of js ? ['', '?rows=drivers&cols=impact-areas&nation=wales'] : ['']) {
      const { context, page, errors } = await open({ viewport: { width: 320, height: 640 }, javaScriptEnabled: js }, query);
      const scope = js ? '#em-live' : '#em-static';
      if (js) await page.waitForSelector('#em-live .em-list');
      assert.equal(await page.locator(`${scope} .em-list`).isVisible(), true, `list (${js}, ${query})`);
      assert.equal(await page.locator(`${scope} table`).isVisible(), false);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 320,
        `sideways scroll (${js ? 'JS' : 'no JS'} ${query})`);
      const first = page.locator(`${scope} .em-list li a[href*="/"]`).nth(1);
      assert.ok((await first.boundingBox()).width <= 320);
      if (js) assert.deepEqual(await axeViolations(page), [], query);
      assert.deepEqual(errors, []);
      await context.close();
    }
  }
});
