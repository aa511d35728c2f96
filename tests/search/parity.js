// Parity oracle: builds a lunr.js index from the same documents, loads the
// index our C++ wrote, runs every query on both and compares the top 10.
// Usage: node parity.js fields.json docs.json ours.json queries.json [positions]
// A document's "boost" member, when present, is its document boost;
// "positions" builds with metadataWhitelist ['position'].
// Prints a JSON report (with "identical": whether our file is exactly
// JSON.stringify of lunr's index); exits 1 on any difference.
const fs = require('fs');
const lunr = require('lunr');
const [fieldsFile, docsFile, oursFile, queriesFile, mode] = process.argv.slice(2);
const fields = JSON.parse(fs.readFileSync(fieldsFile, 'utf8'));
const docs = JSON.parse(fs.readFileSync(docsFile, 'utf8'));
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));

const warnings = [];
const warn = console.warn;
console.warn = (...a) => warnings.push(a.join(' '));
const ours = lunr.Index.load(JSON.parse(fs.readFileSync(oursFile, 'utf8')));
console.warn = warn;

const theirs = lunr(function () {
  this.ref('id');
  if (mode === 'positions') this.metadataWhitelist = ['position'];
  for (const f of fields) this.field(f.name, { boost: f.boost });
  for (const d of docs) this.add(d, d.boost === undefined ? undefined : { boost: d.boost });
});
const identical = JSON.stringify(theirs) === fs.readFileSync(oursFile, 'utf8');

// Structural comparison of the two serialisations.
const a = JSON.parse(JSON.stringify(theirs));
const b = JSON.parse(fs.readFileSync(oursFile, 'utf8'));
const structural = [];
if (JSON.stringify(a.fields) !== JSON.stringify(b.fields)) structural.push('fields differ');
if (a.invertedIndex.length !== b.invertedIndex.length) {
  structural.push(`term count ${a.invertedIndex.length} vs ${b.invertedIndex.length}`);
} else {
  for (let i = 0; i < a.invertedIndex.length; i++) {
    const [ta, pa] = a.invertedIndex[i], [tb, pb] = b.invertedIndex[i];
    if (ta !== tb || pa._index !== pb._index) { structural.push(`term ${i}: ${ta}/${pa._index} vs ${tb}/${pb._index}`); break; }
    for (const f of a.fields) {
      if (Object.keys(pa[f]).sort().join() !== Object.keys(pb[f]).sort().join()) { structural.push(`postings of ${ta}.${f}`); break; }
    }
  }
}
const va = new Map(a.fieldVectors), vb = new Map(b.fieldVectors);
for (const [k, v] of va) {
  if (JSON.stringify(v) !== JSON.stringify(vb.get(k))) { structural.push(`vector ${k}`); break; }
}

const failures = [];
let compared = 0;
for (const q of queries) {
  let ra, rb, ea = null, eb = null;
  try { ra = theirs.search(q).slice(0, 10); } catch (e) { ea = e.name; }
  try { rb = ours.search(q).slice(0, 10); } catch (e) { eb = e.name; }
  compared++;
  if (ea || eb) {
    if (ea !== eb) failures.push({ q, error: [ea, eb] });
    continue;
  }
  const same = ra.length === rb.length && ra.every((r, i) => r.ref === rb[i].ref &&
    Math.abs(r.score - rb[i].score) <= 1e-4 * Math.abs(r.score));
  if (!same) failures.push({ q, lunr: ra.map((r) => [r.ref, r.score]), ours: rb.map((r) => [r.ref, r.score]) });
}
const report = { compared, identical, failures: failures.slice(0, 5), failureCount: failures.length, warnings, structural,
  nonEmpty: queries.filter((q) => { try { return theirs.search(q).length > 0; } catch (e) { return false; } }).length };
process.stdout.write(JSON.stringify(report) + '\n');
process.exit(failures.length || warnings.length || structural.length ? 1 : 0);
