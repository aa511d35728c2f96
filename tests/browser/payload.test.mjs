// Hostile content: a fixture repository with script payloads planted in
// every field of a case study, a principle, a resource, a dataset
// (descriptor and CSV), and in the source, vocabulary, recommendation, page
// and site settings they show with. It is built with the commonplace binary
// and served WITHOUT a Content-Security-Policy, so nothing but the
// generator's own escaping stands between a payload and the reader. Every
// generated page is visited, and the search page searched for the payloads:
// no dialog may open, no payload may set window.__pwned, no element may carry
// an event handler or a javascript: URL, no script may be anything but the
// site's own, and no request may leave the site's host. The CSV downloads
// must not start a cell with a spreadsheet formula.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, relative, sep } from 'node:path';
import { startSite, launch, PREFIX } from './harness.mjs';

// A word every planted field holds, so a search finds them all.
const MARK = 'zqxpayload';
const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '<img src=x onerror="window.__pwned=1">',
  'javascript:alert(1)',
  '</script><script>alert(1)</script>',
  '{{=<% %>=}}',
  '{{{title}}}',
  '=HYPERLINK("http://evil.example/","x")',
  "' onmouseover=alert(1) '",
  '" onfocus="window.__pwned=1" autofocus="',
  '<svg onload=alert(1)>',
  '<iframe src=javascript:alert(1)>',
  '\u2028</title><script>window.__pwned=1</script>',
];
const TEXT = `${MARK} ${PAYLOADS.join(' ')}`;
const q = (s) => JSON.stringify(s);  // a JSON string is a YAML double-quoted scalar
const FORMULA = '=HYPERLINK("http://evil.example/","x")';

// Markdown: the fixture allows raw HTML, so the sanitiser is under test
// too. There a raw <img> must name a file that exists (the link checker
// fails the build otherwise), so Markdown fields get the payloads with the
// site's icon for `x`; its handlers would fire on load or on error.
const ICON = `${PREFIX}assets/img/icon.svg`;
const md = (s) => s.replaceAll('src=x', `src=${ICON}`);
const MD_TEXT = md(TEXT);

// Markdown bodies: payloads as prose, in code, and as raw HTML.
function body() {
  const icon = ICON;
  return `## Heading ${MARK} <script>alert(1)</script> {{=<% %>=}}

${MD_TEXT}

Inline \`</script><script>alert(1)</script>\` and *${md(PAYLOADS[1])}* and [a link](https://example.org/?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E "${PAYLOADS[8]}").

    </script><script>alert(1)</script>

<div title="x" onmouseover="alert(1)" style="background:url(javascript:alert(1))">raw ${MARK}</div>

<img src="${icon}" onload="window.__pwned=1" onerror=alert(1) alt="${MARK}">

<svg><script>alert(1)</script></svg> <iframe srcdoc="<script>alert(1)</script>"></iframe>
<math><mtext><table><mglyph><style><img src="${icon}" onload=alert(1)></style></mglyph></table></mtext></math>
<a href="https://example.org/" onclick="alert(1)">raw link ${MARK}</a> <form action="x"><button formaction="y">b</button></form>
<p>unclosed <b title='a"b' onclick=alert(1)>bold
`;
}

function fixture() {
  const src = [{ source: 'src-one', locator: TEXT }];
  const files = {
    'site.yaml': `title: ${q('Payload site ' + PAYLOADS[4])}
tagline: ${q(TEXT)}
description: ${q(TEXT)}
base_url: https://example.org/
author: ${q(TEXT)}
licence: {name: ${q(TEXT)}, url: "https://example.org/licence?a=%22%3E"}
navigation:
  - {title: ${q('Case studies ' + PAYLOADS[0])}, url: casestudies/}
  - {title: Search, url: search/}
footer: ${q(`${MARK} ${PAYLOADS[0]} [about](about/) ${md(PAYLOADS[1])}`)}
markdown: {allow_raw_html: true}
`,
    'content/sources.yaml': `- id: src-one
  kind: report
  authors: [${q(TEXT)}, ${q(FORMULA)}]
  title: ${q('Source ' + TEXT)}
  publisher: ${q(TEXT)}
  year: ${q('2025 ' + PAYLOADS[0])}
  url: ${q('https://example.org/report?x="><script>alert(1)</script>')}
  licence: ${q(TEXT)}
  note: ${q(TEXT)}
`,
    'content/vocabularies/partnership-types.yaml': vocab('partnership-types', ['community-university']),
    'content/vocabularies/partner-kinds.yaml': vocab('partner-kinds', ['university', 'voluntary-community']),
    'content/vocabularies/regions.yaml': vocab('regions', ['england']),
    'content/vocabularies/activities.yaml': vocab('activities', ['co-produced-research']),
    'content/vocabularies/impact-areas.yaml': vocab('impact-areas', ['social']),
    'content/vocabularies/principle-groups.yaml': vocab('principle-groups', ['core']),
    'content/vocabularies/resource-kinds.yaml': vocab('resource-kinds', ['network']),
    'content/vocabularies/topics.yaml': vocab('topics', ['civic-engagement']),
    'content/vocabularies/audiences.yaml': vocab('audiences', ['universities']),
    'content/principles/shared-power.md': `---
title: ${q('Principle ' + TEXT)}
group: core
order: 1
summary: ${q(TEXT)}
sources: ${JSON.stringify(src)}
---
${body()}`,
    'casestudies/payload-case.md': `---
title: ${q('Case ' + TEXT)}
summary: ${q(TEXT)}
partnership_type: community-university
status: active
years: {start: 2019, end: 2021}
places:
  - {name: ${q(TEXT)}, region: england}
partners:
  - {name: ${q(TEXT)}, kind: university, role: ${q(TEXT)}}
  - {name: ${q(FORMULA)}, kind: voluntary-community, role: ${q(FORMULA)}}
activities: [co-produced-research]
funding:
  - {funder: ${q(TEXT)}, programme: ${q(TEXT)}, amount_gbp: 1000, note: ${q(TEXT)}}
impacts:
  - {area: social, note: ${q(TEXT)}}
principles: [shared-power]
figures:
  - {label: ${q(TEXT)}, value: 40, unit: ${q(TEXT)}, source: src-one, locator: ${q(TEXT)}}
sources: ${JSON.stringify(src)}
updated: 2026-01-01
---
${body()}`,
    'casestudies/formula-case.md': `---
title: ${q(FORMULA)}
summary: ${q(`+${MARK} @SUM(1) -cmd|calc ${PAYLOADS[8]}`)}
partnership_type: community-university
status: ended
partners:
  - {name: ${q('@SUM(A1:A9)')}, kind: university}
impacts: [{area: social}]
principles: [shared-power]
sources: ${JSON.stringify(src)}
updated: 2026-01-02
---
${MARK} ${PAYLOADS[0]} ${PAYLOADS[4]}
`,
    'content/resources.yaml': `- id: payload-network
  title: ${q('Resource ' + TEXT)}
  organisation: ${q(TEXT)}
  kind: network
  url: ${q('https://example.org/?q="><img src=x onerror=alert(1)>&r=\'onmouseover=alert(1)')}
  url_printed: ${q('javascript:alert(1)')}
  url_note: ${q(TEXT)}
  description: ${q(TEXT)}
  topics: [civic-engagement]
  sources: ${JSON.stringify(src)}
`,
    'content/recommendations/universities.yaml': `audience: universities
items:
  - id: universities-payload
    text: ${q(`${MD_TEXT} *${PAYLOADS[8]}*`)}
    themes: [civic-engagement]
    sources: ${JSON.stringify(src)}
`,
    'content/pages/about.md': `---
title: ${q('About ' + TEXT)}
summary: ${q(TEXT)}
---
${body()}`,
    'content/datasets/payload-data.yaml': `id: payload-data
title: ${q('Dataset ' + TEXT)}
description: ${q(TEXT)}
note: ${q(TEXT)}
sources: ${JSON.stringify(src)}
weight: n
columns:
  - {id: kind, label: ${q('Kind ' + TEXT)}, type: category, description: ${q(TEXT)}}
  - {id: who, label: ${q('Who ' + TEXT)}, type: category}
  - {id: comment, label: ${q(TEXT)}, type: text}
  - {id: n, label: ${q('Count ' + TEXT)}, type: integer}
summaries: [kind, who]
crosstabs:
  - [kind, who]
totals:
  - {label: ${q('All ' + TEXT)}, value: 10, locator: ${q(TEXT)}}
`,
    'content/datasets/payload-data.csv': csv([
      ['kind', 'who', 'comment', 'n'],
      [PAYLOADS[0], PAYLOADS[1], TEXT, '1'],
      [PAYLOADS[4], FORMULA, PAYLOADS[8], '2'],
      [FORMULA, '@SUM(A1:A2)', '+1+1', '3'],
      [`${MARK} ${PAYLOADS[2]}`, '-2+3', PAYLOADS[5], '4'],
    ]),
  };
  return files;
}

function vocab(id, terms) {
  return `id: ${id}
title: ${q(id + ' ' + TEXT)}
description: ${q(TEXT)}
terms:
${terms.map((t) => `  - {id: ${t}, label: ${q(t + ' ' + PAYLOADS[(t.length) % PAYLOADS.length])}, description: ${q(TEXT)}}`).join('\n')}
`;
}

function csv(rows) {
  return rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n';
}

// Parses CSV text into rows of fields (RFC 4180 quoting).
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

function walk(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

let repo, site, browser;
before(async () => {
  repo = mkdtempSync(join(tmpdir(), 'commonplace-payload-'));
  for (const [rel, text] of Object.entries(fixture())) {
    mkdirSync(dirname(join(repo, rel)), { recursive: true });
    writeFileSync(join(repo, rel), text);
  }
  cpSync(join(process.env.COMMONPLACE_REPO, 'themes'), join(repo, 'themes'), { recursive: true });
  site = await startSite(repo, { csp: false });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  site?.close();
  if (repo) rmSync(repo, { recursive: true, force: true });
});

/** A page that records dialogs, requests to other hosts and page errors. */
async function watchedPage(context, log) {
  const page = await context.newPage();
  page.on('dialog', async (d) => {
    log.push(`dialog (${d.type()}: ${d.message()}) on ${page.url()}`);
    await d.dismiss().catch(() => {});
  });
  page.on('request', (r) => {
    const u = r.url();
    if (u.startsWith('data:') || u.startsWith('blob:')) return;
    if (new URL(u).origin !== site.origin) log.push(`request to another host: ${u} from ${page.url()}`);
  });
  return page;
}

/** What a payload could have left in the DOM, as a list of findings. */
async function domFindings(page) {
  return page.evaluate(([origin, prefix]) => {
    const found = [];
    if (window.__pwned) found.push('window.__pwned is set');
    const own = `${origin}${prefix}assets/`;
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        const name = a.name.toLowerCase();
        if (name.startsWith('on')) found.push(`<${el.localName} ${name}> handler`);
        // The one data: URL the site writes is a citation download: an <a
        // download> of RIS, BibTeX or CSL-JSON, types no browser renders.
        const citation = el.localName === 'a' && name === 'href' && el.hasAttribute('download') &&
            /^data:(application\/x-research-info-systems|application\/x-bibtex|application\/vnd\.citationstyles\.csl\+json);charset=utf-8,/.test(a.value);
        if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data'].includes(name) && !citation &&
            /^\s*(javascript|vbscript|data):/i.test(a.value.replace(/[\u0000-\u0020]/g, ''))) {
          found.push(`<${el.localName} ${name}="${a.value}">`);
        }
        if (name === 'srcdoc' || name === 'style') found.push(`<${el.localName} ${name}>`);
      }
    }
    for (const s of document.querySelectorAll('script')) {
      if (s.type === 'application/ld+json') {
        try { JSON.parse(s.textContent); } catch (e) { found.push(`JSON-LD does not parse: ${e}`); }
      } else if (!s.src.startsWith(own) || s.textContent.trim()) {
        found.push(`script not the site's own: ${s.outerHTML.slice(0, 120)}`);
      }
    }
    for (const tag of ['iframe', 'object', 'embed', 'frame', 'base', 'meta[http-equiv="refresh"]']) {
      if (document.querySelector(tag)) found.push(`<${tag}> in the page`);
    }
    return found;
  }, [site.origin, PREFIX]);
}

test('no payload runs on any generated page, even without a CSP', { timeout: 300000 }, async (t) => {
  const log = [];
  const context = await browser.newContext();
  const page = await watchedPage(context, log);
  const pages = walk(site.dir).filter((f) => f.endsWith('.html'))
    .map((f) => relative(site.dir, f).split(sep).join('/'))
    .map((rel) => (rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel))
    .sort();
  assert.ok(pages.length > 20, `only ${pages.length} pages were built`);
  for (const path of ['', 'casestudies/payload-case/', 'principles/shared-power/', 'resources/',
    'statistics/datasets/payload-data/', 'about/', 'search/']) {
    assert.ok(pages.includes(path), `no page ${path} (built: ${pages.join(' ')})`);
  }
  for (const path of pages) {
    await page.goto(site.base + path, { waitUntil: 'load' });
    // Handlers that need a hover or a click never fire here, so the DOM is
    // checked for any handler attribute at all.
    for (const f of await domFindings(page)) log.push(`${path}: ${f}`);
  }
  t.diagnostic(`${pages.length} pages visited`);
  assert.deepEqual(log, []);
  await context.close();
});

test('searching for the payloads runs none of them', { timeout: 120000 }, async () => {
  const log = [];
  const context = await browser.newContext();
  const page = await watchedPage(context, log);
  for (const query of [MARK, ...PAYLOADS]) {
    await page.goto(`${site.base}search/?q=${encodeURIComponent(query)}`, { waitUntil: 'load' });
    // Results (or a message) appear once the worker has loaded the index.
    await page.waitForFunction(() => {
      const s = document.querySelector('#search-status');
      return s && s.textContent.length > 0 && !/^Loading/.test(s.textContent);
    }, null, { timeout: 15000 });
    if (query === MARK) {
      const n = await page.locator('#search-results li').count();
      assert.ok(n >= 3, `a search for ${MARK} found ${n} results`);
      // Hover every result, for mouse handlers.
      for (const li of await page.locator('#search-results li').all()) await li.hover();
    }
    for (const f of await domFindings(page)) log.push(`search ${q(query)}: ${f}`);
  }
  assert.deepEqual(log, []);
  await context.close();
});

test('no CSV download starts a cell with a spreadsheet formula', () => {
  const bad = [];
  for (const f of walk(site.dir).filter((p) => p.endsWith('.csv'))) {
    for (const row of parseCsv(readFileSync(f, 'utf8'))) {
      for (const cell of row) {
        // Spreadsheets skip leading spaces before reading a formula; a
        // minus is fine only as the sign of a number.
        const t = cell.replace(/^ +/, '');
        if (/^[=+@\t\r\n]/.test(t) || (t.startsWith('-') && Number.isNaN(Number(t)))) {
          bad.push(`${relative(site.dir, f)}: ${q(cell)}`);
        }
      }
    }
  }
  assert.deepEqual(bad, []);
});
