// Builds a lunr.js 2.3.9 index (Debian's libjs-lunr) over the same
// documents and fields as `commonplace index`, and writes its JSON.
//   node lunr_index.js docs.json index.json
'use strict';
const fs = require('fs');
const lunr = require('/usr/share/javascript/lunr/lunr.js');
const docs = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const idx = lunr(function () {
  this.ref('id');
  this.field('title', { boost: 10 });
  this.field('summary', { boost: 5 });
  this.field('body');
  this.field('themes', { boost: 3 });
  for (const d of docs) this.add(d);
});
fs.writeFileSync(process.argv[3], JSON.stringify(idx));
