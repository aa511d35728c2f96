// The search engine, off the main thread: loads lunr.js, the index and the
// result store, then answers queries. Parsing and loading the index is the
// slow part of client-side search (hundreds of milliseconds on a slow
// phone); here it never blocks scrolling or typing.
//
// Messages in:  {type: 'load', root}      root: the site's absolute base URL
//               {type: 'search', id, q}
// Messages out: {type: 'ready'} | {type: 'failed'}
//               {type: 'results', id, docs: [store entries, best first]}
//               {type: 'results', id, error: 'message'} for a query lunr cannot parse
'use strict';
var index = null;
var store = null;

function syntaxFree(q) { return !/[:+\-^~*]/.test(q); }

function search(q) {
  var results = index.search(q);
  if (!results.length && syntaxFree(q)) {
    // As-you-type: the last word may be unfinished.
    results = index.search(q.trim() + '*');
  }
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
      search(m.q).forEach(function (r) { if (store[r.ref]) docs.push(store[r.ref]); });
      self.postMessage({ type: 'results', id: m.id, docs: docs });
    } catch (e) {
      if (e && e.name === 'QueryParseError') {
        self.postMessage({ type: 'results', id: m.id, error: e.message });
      } else {
        throw e;
      }
    }
  }
};
