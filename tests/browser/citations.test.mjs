// "Cite this": every case study, finding, principle, source and page offers
// APA and Harvard text and RIS, BibTeX and CSL-JSON downloads, and carries
// Highwire Press citation_* meta tags. Each download is parsed back with
// citation-js (its RIS and BibTeX parsers, and CSL-JSON as it reads it) and
// must agree with the meta tags and the page: title, authors, date, address.
// One download is also clicked in Chromium under the strict CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';
import { createRequire } from 'node:module';
import { startSite, launch } from './harness.mjs';

const require = createRequire(import.meta.url);
const { Cite } = require('@citation-js/core');
require('@citation-js/plugin-bibtex');
require('@citation-js/plugin-ris');

const repo = process.env.COMMONPLACE_REPO;

function decodeEntities(s) {
  return s.replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot|apos);/gi, (m, e) => {
    const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e.toLowerCase()];
    if (named) return named;
    return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/** The citation_* meta tags of a page, name → [contents]. */
function highwire(html) {
  const tags = {};
  for (const m of html.matchAll(/<meta name="(citation_[a-z_]+)" content="([^"]*)">/g)) {
    (tags[m[1]] ||= []).push(decodeEntities(m[2]));
  }
  return tags;
}

/** The downloads of a page's "Cite this" block: file name → decoded text. */
function downloads(html) {
  const files = {};
  for (const m of html.matchAll(/<a href="(data:[^"]*)" download="([^"]*)">/g)) {
    const url = decodeEntities(m[1]);
    files[decodeEntities(m[2])] = decodeURIComponent(url.slice(url.indexOf(',') + 1));
  }
  return files;
}

const name = (a) => a.literal || (a.given ? `${a.family}, ${a.given}` : a.family);
const date = (item) => (item.issued?.['date-parts']?.[0] || []).map((n, i) => (i ? String(n).padStart(2, '0') : String(n))).join('/');

/** Every page that must offer a citation, from the content files themselves. */
function citablePages() {
  const stems = (dir) => readdirSync(join(repo, dir)).filter((f) => f.endsWith('.md')).map((f) => basename(f, '.md'));
  const sources = [...readFileSync(join(repo, 'content/sources.yaml'), 'utf8').matchAll(/^- id: (\S+)$/gm)].map((m) => m[1]);
  return [
    ...stems('casestudies').map((s) => `casestudies/${s}/`),
    ...stems('content/findings').map((s) => `findings/${s}/`),
    ...stems('content/principles').map((s) => `principles/${s}/`),
    ...sources.map((s) => `sources/${s}/`),
    ...stems('content/pages').map((s) => `${s}/`),
  ];
}

test('every citable item exports APA, Harvard, RIS, BibTeX and CSL-JSON that parse back and agree with its meta tags', async () => {
  const site = await startSite(repo);
  try {
    const pages = citablePages();
    assert.ok(pages.length > 50, `expected the shipped content, found ${pages.length} citable pages`);
    let reports = 0;
    for (const url of pages) {
      const file = join(site.dir, url, 'index.html');
      assert.ok(existsSync(file), `${url} was not built`);
      const html = readFileSync(file, 'utf8');
      const meta = highwire(html);
      const where = `${url}:`;
      assert.equal(meta.citation_title?.length, 1, `${where} one citation_title`);
      const title = meta.citation_title[0];
      const authors = meta.citation_author || [];
      assert.ok(authors.length > 0, `${where} citation_author`);
      const published = meta.citation_publication_date?.[0] || '';
      const address = meta.citation_public_url?.[0];
      assert.ok(address, `${where} citation_public_url`);
      const h1 = decodeEntities(html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/)[1].replace(/<[^>]+>/g, '').trim());
      assert.equal(title, h1, `${where} the citation's title is the page's`);
      if (url.startsWith('sources/')) {
        reports++;
      } else {
        // A page of the site is cited at its permanent (canonical) address.
        const canonical = decodeEntities(html.match(/<link rel="canonical" href="([^"]*)">/)[1]);
        assert.equal(address, canonical, `${where} the citation's address is the canonical one`);
        assert.equal(canonical, site.base + url);
      }

      const files = downloads(html);
      const stem = url.split('/').filter(Boolean).pop();
      assert.deepEqual(Object.keys(files).sort(), [`${stem}.bib`, `${stem}.json`, `${stem}.ris`], `${where} three downloads`);
      for (const [fileName, text] of Object.entries(files)) {
        const items = new Cite(fileName.endsWith('.json') ? JSON.parse(text) : text).data;
        assert.equal(items.length, 1, `${where} ${fileName} holds one item`);
        const item = items[0];
        assert.equal(item.title, title, `${where} ${fileName} title`);
        assert.deepEqual(item.author.map(name), authors, `${where} ${fileName} authors`);
        assert.equal(item.URL, address, `${where} ${fileName} URL`);
        // BibTeX carries a year and month, not the day.
        const parsed = date(item);
        assert.ok(published.startsWith(parsed) && (parsed !== '' || published === ''),
          `${where} ${fileName} date ${parsed} against ${published}`);
        if (!fileName.endsWith('.bib')) assert.equal(parsed, published, `${where} ${fileName} full date`);
      }

      // The text to paste names the same item.
      const block = html.slice(html.indexOf('id="cite-heading"'));
      const apa = decodeEntities(block.match(/<dt>APA \(7th edition\)<\/dt>\s*<dd class="citation">([\s\S]*?)<\/dd>/)[1]);
      const harvard = decodeEntities(block.match(/<dt>Harvard<\/dt>\s*<dd class="citation">([\s\S]*?)<\/dd>/)[1]);
      for (const text of [apa, harvard]) {
        assert.ok(text.includes(`<i>${title}</i>`), `${where} the title in italics: ${text}`);
        assert.ok(text.includes(address), `${where} the address: ${text}`);
        assert.ok(text.includes(published ? published.slice(0, 4) : 'n'), `${where} the year: ${text}`);
      }
    }
    assert.ok(reports >= 5, 'the five reports are citable');
  } finally {
    site.close();
  }
});

test('a reader downloads the RIS file in Chromium under the strict CSP', async () => {
  const site = await startSite(repo);
  const browser = await launch();
  try {
    const page = await browser.newPage({ acceptDownloads: true });
    const slug = readdirSync(join(repo, 'casestudies')).filter((f) => f.endsWith('.md')).sort()[0].replace(/\.md$/, '');
    await page.goto(`${site.base}casestudies/${slug}/`);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 15000 }),
      page.getByRole('link', { name: 'Download RIS' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `${slug}.ris`);
    const text = readFileSync(await download.path(), 'utf8');
    const [item] = new Cite(text).data;
    assert.equal(item.title, await page.locator('h1').innerText());
  } finally {
    await browser.close();
    site.close();
  }
});
