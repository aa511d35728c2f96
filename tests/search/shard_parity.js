// Shards against the full index: builds lunr.js's own index of the same
// documents, answers every query with it and with the shards (assembled by
// the site's own search-shards.js), and compares every result: the same
// documents, in the same order, with the same scores (exactly) and the same
// matched terms in each field.
// Usage: node shard_parity.js fields.json docs.json SHARD_DIR queries.json
// Prints a JSON report; exits 1 on any difference.
'use strict';
const fs = require('fs');
const path = require('path');
const lunr = require('lunr');
const CommonplaceShards = require(path.join(__dirname, '../../themes/default/static/js/search-shards.js'));

const [fieldsFile, docsFile, dir, queriesFile] = process.argv.slice(2);
const fields = JSON.parse(fs.readFileSync(fieldsFile, 'utf8'));
const docs = JSON.parse(fs.readFileSync(docsFile, 'utf8'));
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));

const full = lunr(function () {
  // An index written for a language other than English (its manifest's
  // pipeline is empty) used the trimmer alone; lunr.js must do the same.
  if (!manifest.pipeline.includes('stemmer')) {
    this.pipeline.reset();
    this.pipeline.add(lunr.trimmer);
    this.searchPipeline.reset();
  }
  this.ref('id');
  for (const f of fields) this.field(f.name, { boost: f.boost });
  for (const d of docs) this.add(d, d.boost === undefined ? undefined : { boost: d.boost });
});
let fetched = 0;
const shards = new CommonplaceShards(lunr, manifest, (name) => {
  fetched++;
  return JSON.parse(fs.readFileSync(path.join(dir, 'shards', name), 'utf8'));
});

const describe = (results) => results.map((r) => [r.ref, r.score,
  Object.keys(r.matchData.metadata).sort().map((t) => t + ':' + Object.keys(r.matchData.metadata[t]).sort().join('+')).join(' ')]);

(async () => {
  const failures = [];
  let nonEmpty = 0, results = 0, partial = 0;
  for (const q of queries) {
    let a, b, ea = null, eb = null;
    try { a = describe(full.search(q)); } catch (e) { ea = e.name; }
    try {
      const plan = shards.shardsFor((query) => new lunr.QueryParser(q, query).parse());
      if (plan.shards.length < manifest.shards.length) partial++;
      b = describe((await shards.search(q)).results);
    } catch (e) { eb = e.name; }
    if (ea || eb) {
      if (ea !== eb) failures.push({ q, error: [ea, eb] });
      continue;
    }
    if (a.length) nonEmpty++;
    results += a.length;
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      const at = a.findIndex((x, i) => JSON.stringify(x) !== JSON.stringify(b[i]));
      failures.push({ q, count: [a.length, b.length], first: at, full: a[at], shards: b[at] });
    }
  }
  const report = { compared: queries.length, nonEmpty, results, partial, shardCount: manifest.shards.length,
    fetched, failureCount: failures.length, failures: failures.slice(0, 5) };
  process.stdout.write(JSON.stringify(report) + '\n');
  process.exit(failures.length ? 1 : 0);
})();
