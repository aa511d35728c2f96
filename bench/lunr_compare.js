// Loads two serialised lunr 2.3.9 indexes of the same documents (ours and
// the one lunr.js built) in node, and reports for each the median time of
// lunr.Index.load over several loads, then whether the two give the same
// top-10 refs, in the same order, for a set of queries.
//   node lunr_compare.js ours.json theirs.json [LOADS] [REFS.json]
// REFS.json maps the short refs of `commonplace index --compact-refs` back
// to the documents' ids, so its rankings can be compared with lunr.js's.
// Prints tab-separated lines: "load <file> <median ms>" and
// "rankings <queries> <identical>".
'use strict';
const fs = require('fs');
const lunr = require('/usr/share/javascript/lunr/lunr.js');

const [ours, theirs] = process.argv.slice(2, 4);
const loads = Number(process.argv[4] || 5);
const refs = process.argv[5] ? JSON.parse(fs.readFileSync(process.argv[5], 'utf8')) : null;

function loadMedian(file) {
  const text = fs.readFileSync(file, 'utf8');
  const times = [];
  let index;
  for (let i = 0; i < loads; i++) {
    const start = process.hrtime.bigint();
    index = lunr.Index.load(JSON.parse(text));
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(['load', file, times[Math.floor(times.length / 2)].toFixed(1)].join('\t'));
  return index;
}

const a = loadMedian(ours);
const b = loadMedian(theirs);
const queries = [
  'partnership', 'museum volunteers', 'community research', 'title:library', 'heritage^5 health',
  '+council -museum', 'evalu*', 'partnersip~1', 'co-production', 'long-term funding',
  'the and of', 'young people schools', 'summary:impact', 'archive collection exhibition',
  'civic university', 'power', 'trust relationship', 'themes:health', 'train*', 'budget value',
];
let same = 0;
for (const q of queries) {
  const ra = a.search(q).slice(0, 10).map((r) => (refs ? refs[r.ref] : r.ref)).join(' ');
  const rb = b.search(q).slice(0, 10).map((r) => r.ref).join(' ');
  if (ra === rb) same++;
  else console.error(`rankings differ for ${JSON.stringify(q)}:\n  ours   ${ra}\n  lunr.js ${rb}`);
}
console.log(['rankings', queries.length, same].join('\t'));
