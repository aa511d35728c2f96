// The search engine, off the main thread: loads lunr.js, the index and the
// result store, then answers queries. Parsing and loading the index is the
// slow part of client-side search (hundreds of milliseconds on a slow
// phone); here it never blocks scrolling or typing.
//
// Messages in:  {type: 'load', root}      root: the site's absolute base URL
//               {type: 'search', id, q, live}  live: typed, not submitted
// Messages out: {type: 'ready'} | {type: 'failed'}
//               {type: 'results', id, docs: [{doc: store entry, title, summary:
//                 [[start, end], …] of the words lunr matched}], best first,
//                 suggestion: "did you mean" text when nothing matched}
//               {type: 'results', id, error: 'message'} for a query lunr cannot parse
'use strict';
var index = null;
var store = null;

// Lunr's own query syntax (fields, presence, boosts, wildcards) is passed
// through as written; anything else is read as plain words.
function syntaxFree(q) { return !/[:+^~*]|(^|\s)-/.test(q); }

// Plain words: each matches as itself and as what lunr's stemmer makes of
// it. Only the word being typed, once it has 3 letters, also matches as a
// prefix, and at a tenth of the weight, so "fund" finds "funding" while it
// is typed but an exact or stemmed match always ranks first. A submitted or
// shared query has no wildcard at all.
function plainQuery(q, live) {
  var tokens = lunr.tokenizer(q);
  var typing = live && !/\s$/.test(q);
  return index.query(function (qb) {
    tokens.forEach(function (t, i) {
      var word = t.toString();
      qb.term(word, { boost: 10 });
      if (typing && i === tokens.length - 1 && word.length >= 3) {
        qb.term(word, { boost: 1, usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
      }
    });
  });
}

function search(q, live) {
  var results = syntaxFree(q) ? plainQuery(q, live) : index.search(q);
  // Pages that match more of the query's words come first, then lunr's
  // score. lunr alone ranks a page with any of the words: for "Platinum
  // Engage Watermark" short pages that merely say "engagement" in their
  // title would beat the one page that answers the question. (Stop words
  // match nothing, so they never count.)
  var matched = function (r) { return Object.keys(r.matchData.metadata).length; };
  return results
    .map(function (r, i) { return { r: r, n: matched(r), i: i }; })
    .sort(function (a, b) { return b.n - a.n || a.i - b.i; })
    .map(function (x) { return x.r; });
}

// Where in `text` the words lunr matched are: [start, end) pairs of the
// tokens whose form after lunr's pipeline is one of the matched terms.
function ranges(text, terms) {
  var out = [];
  if (!text) return out;
  lunr.tokenizer(text).forEach(function (token) {
    var pos = token.metadata.position;
    var forms = index.pipeline.run([token]);
    for (var i = 0; i < forms.length; i++) {
      if (terms[forms[i].toString()]) { out.push([pos[0], pos[0] + pos[1]]); break; }
    }
  });
  return out;
}

// Did you mean: for each word the index does not hold, the index term
// within two edits that most pages use, shown as a word a page uses.
var surface = null;
function editDistance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  var prev = [], cur = [];
  for (var j = 0; j <= b.length; j++) prev[j] = j;
  for (var i = 1; i <= a.length; i++) {
    cur = [i];
    var best = i;
    for (var k = 1; k <= b.length; k++) {
      cur[k] = Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + (a[i - 1] === b[k - 1] ? 0 : 1));
      best = Math.min(best, cur[k]);
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length];
}
function pagesWith(term) {
  var posting = index.invertedIndex[term], refs = {};
  Object.keys(posting).forEach(function (field) {
    if (field !== '_index') Object.keys(posting[field]).forEach(function (r) { refs[r] = 1; });
  });
  return Object.keys(refs).length;
}
function suggest(q) {
  if (!syntaxFree(q)) return '';
  if (!surface) {
    surface = {};
    Object.keys(store).forEach(function (ref) {
      var d = store[ref];
      lunr.tokenizer(d.title + ' ' + (d.summary || '')).forEach(function (t) {
        var word = t.toString();
        var form = index.pipeline.run([t]).map(String)[0];
        if (form && !surface[form] && /^[a-z]+$/.test(word)) surface[form] = word;
      });
    });
  }
  var changed = false;
  var words = lunr.tokenizer(q).map(function (t) {
    var word = t.toString();
    var form = index.pipeline.run([t]).map(String)[0];
    if (!form || index.invertedIndex[form] || word.length < 3) return word;
    var best = null, bestD = 3, bestN = 0;
    Object.keys(index.invertedIndex).forEach(function (term) {
      if (!surface[term]) return;
      var d = editDistance(form, term, 2);
      if (d > 2) return;
      var n = pagesWith(term);
      if (d < bestD || (d === bestD && n > bestN)) { best = term; bestD = d; bestN = n; }
    });
    if (!best) return word;
    changed = true;
    return surface[best];
  });
  return changed ? words.join(' ') : '';
}

self.onmessage = function (event) {
  var m = event.data || {};
  if (m.type === 'load') {
    try {
      importScripts(m.root + 'assets/lunr.min.js');
    } catch (e) {
      self.postMessage({ type: 'failed' });
      return;
    }
    Promise.all([
      fetch(m.root + 'search/index.json').then(function (r) { return r.json(); }),
      fetch(m.root + 'search/store.json').then(function (r) { return r.json(); })
    ]).then(function (parts) {
      index = lunr.Index.load(parts[0]);
      store = parts[1].docs;
      self.postMessage({ type: 'ready' });
    }).catch(function () {
      self.postMessage({ type: 'failed' });
    });
  } else if (m.type === 'search' && index) {
    try {
      var docs = [];
      search(m.q, m.live).forEach(function (r) {
        var d = store[r.ref];
        if (!d) return;
        var terms = r.matchData.metadata;
        docs.push({ doc: d, title: ranges(d.title, terms), summary: ranges(d.summary, terms) });
      });
      self.postMessage({ type: 'results', id: m.id, docs: docs, suggestion: docs.length ? '' : suggest(m.q) });
    } catch (e) {
      if (e && e.name === 'QueryParseError') {
        self.postMessage({ type: 'results', id: m.id, error: e.message });
      } else {
        throw e;
      }
    }
  }
};
