// The search engine, off the main thread. It loads lunr.js and the index's
// small manifest; each query then fetches only the index shards its words
// need (search-shards.js) and the result files of the page of results
// shown. Parsing and scoring never block scrolling or typing.
//
// Messages in:  {type: 'load', root}     root: the site's absolute base URL
//               {type: 'search', id, q, live, filters: {kinds, type, nation}, page}
//                 live: typed, not submitted; page: 0-based page of PAGE results
// Messages out: {type: 'ready'} | {type: 'failed'}
//               {type: 'results', id, total, first, docs: [{title, kindLabel, url,
//                 summary, marks: {title, summary}: [[start, end], …] of the words
//                 lunr matched there, passage: {anchor, heading, text, marks} or
//                 null}], suggestion: "did you mean" text when nothing matched}
//               {type: 'results', id, error: 'message'} for a query lunr cannot parse
//               {type: 'results', id, failed: true} when a file could not be fetched
'use strict';
var PAGE = 20;
var root = '';
var shards = null;
var cached = null;  // the last query's ranked results, for turning pages
var files = {};     // fetched JSON files by URL (promises)

function getJson(url) {
  if (!files[url]) {
    files[url] = fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ': ' + r.status);
      return r.json();
    });
    files[url].catch(function () { delete files[url]; });
  }
  return files[url];
}

// Lunr's own query syntax (fields, presence, boosts, wildcards) is passed
// through as written; anything else is read as plain words.
function syntaxFree(q) { return !/[:+^~*]|(^|\s)-/.test(q); }

// Plain words: each matches as itself and as what lunr's stemmer makes of
// it. Only the word being typed, once it has 3 letters, also matches as a
// prefix, and at a tenth of the weight, so "fund" finds "funding" while it
// is typed but an exact or stemmed match always ranks first. A submitted or
// shared query has no wildcard at all.
function queryFor(q, live) {
  if (!syntaxFree(q)) return function (query) { new lunr.QueryParser(q, query).parse(); };
  // Punctuation typed around a word ("impact?") is trimmed, as the index
  // writer trimmed the pages' words.
  var tokens = lunr.tokenizer(q).map(function (t) { return lunr.trimmer(t); })
    .filter(function (t) { return t.toString().length > 0; });
  var typing = live && !/\s$/.test(q);
  return function (qb) {
    tokens.forEach(function (t, i) {
      var word = t.toString();
      qb.term(word, { boost: 10 });
      if (typing && i === tokens.length - 1 && word.length >= 3) {
        qb.term(word, { boost: 1, usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
      }
    });
  };
}

// Pages that match more of the query's words come first, then lunr's
// score. lunr alone ranks a page with any of the words: for "Platinum
// Engage Watermark" short pages that merely say "engagement" in their
// title would beat the one page that answers the question. (Stop words
// match nothing, so they never count.)
function rank(results) {
  var matched = function (r) { return Object.keys(r.matchData.metadata).length; };
  return results
    .map(function (r, i) { return { r: r, n: matched(r), i: i }; })
    .sort(function (a, b) { return b.n - a.n || a.i - b.i; })
    .map(function (x) { return x.r; });
}

// The terms lunr matched in one field of a result.
function termsIn(result, field) {
  var out = {}, meta = result.matchData.metadata;
  Object.keys(meta).forEach(function (term) { if (meta[term][field]) out[term] = true; });
  return out;
}

// The pipeline the index writer ran each word of a page through (trimmer,
// stop words, stemmer). The index's own pipeline is lunr's search-time one,
// the stemmer alone, which would leave "trust," unmatched. An index in a
// language other than English (the manifest's pipeline is empty) was
// written with the trimmer alone: no English stemmer or stop words.
var textPipeline = null;
var english = true;
function pageWords() {
  if (!textPipeline) {
    textPipeline = new lunr.Pipeline();
    if (english) textPipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
    else textPipeline.add(lunr.trimmer);
  }
  return textPipeline;
}

// Where in `text` the words lunr matched are: [start, end) pairs of the
// tokens whose form after the writer's pipeline is one of `terms`.
function marks(text, terms) {
  var out = [];
  if (!text) return out;
  lunr.tokenizer(text).forEach(function (token) {
    var pos = token.metadata.position;
    var forms = pageWords().run([token.clone()]);
    for (var i = 0; i < forms.length; i++) {
      if (terms[forms[i].toString()]) {
        // The word, without the punctuation around it ("trust," marks "trust").
        var word = token.toString();
        var lead = word.length - word.replace(/^[^\p{L}\p{N}]+/u, '').length;
        var trail = word.length - word.replace(/[^\p{L}\p{N}]+$/u, '').length;
        if (lead + trail >= pos[1]) lead = trail = 0;
        out.push([pos[0] + lead, pos[0] + pos[1] - trail]);
        break;
      }
    }
  });
  return out;
}

// The passage that matched: the sentence holding the body's first matched
// word, and the next one when that sentence is short, with its section.
var LONGEST = 320;
function passage(sections, terms) {
  if (!Object.keys(terms).length) return null;
  for (var s = 0; s < sections.length; s++) {
    var text = sections[s][2], hits = marks(text, terms);
    if (!hits.length) continue;
    var at = hits[0][0];
    var start = 0;
    var before = /[.!?]["”’)]?\s+(?=\S)/g, m;
    while ((m = before.exec(text)) && m.index + m[0].length <= at) start = m.index + m[0].length;
    var after = /[.!?]["”’)]?(?=\s|$)/g;
    after.lastIndex = hits[0][1];
    var end = text.length;
    if ((m = after.exec(text))) {
      end = m.index + m[0].length;
      if (end - start < 140 && (m = after.exec(text))) end = m.index + m[0].length;
    }
    // An ellipsis marks only a cut inside a sentence.
    var lead = false, tail = false;
    if (end - start > LONGEST) {
      // A long sentence: the stretch around the match, cut at spaces.
      var from = Math.max(start, at - 80);
      if (from > start) { from = text.indexOf(' ', from) + 1 || from; lead = true; }
      var to = Math.min(end, from + LONGEST);
      if (to < end) { to = text.lastIndexOf(' ', to); tail = true; }
      if (to <= hits[0][1]) to = hits[0][1];
      start = from;
      end = to;
    }
    var piece = (lead ? '…' : '') + text.slice(start, end).trim() + (tail ? '…' : '');
    return { anchor: sections[s][0], heading: sections[s][1], text: piece, marks: marks(piece, terms) };
  }
  return null;
}

// Filters need every result's kind, type and nations: one small file,
// fetched only when a filter is set.
function accepts(f) {
  if (!f || (!f.kinds.length && !f.type && !f.nation)) return Promise.resolve(null);
  return getJson(root + 'search/filters.json').then(function (all) {
    var kinds = f.kinds.map(function (k) { return all.kinds.indexOf(k); });
    var type = f.type ? all.types.indexOf(f.type) : -2;
    var nation = f.nation ? all.nations.indexOf(f.nation) : -2;
    return function (ref) {
      var p = all.pages, d = 3 * Number(ref);
      if (kinds.length && kinds.indexOf(p[d]) < 0) return false;
      if (type !== -2 && p[d + 1] !== type) return false;
      if (nation !== -2 && (nation < 0 || !(p[d + 2] & Math.pow(2, nation)))) return false;
      return true;
    };
  });
}

// Did you mean: for each word the index does not hold, the word of a
// title or summary within two edits that most pages use.
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
function suggest(q, index) {
  if (!syntaxFree(q)) return Promise.resolve('');
  return getJson(root + 'search/words.json').then(function (words) {
    var changed = false;
    var out = lunr.tokenizer(q).map(function (t) {
      var word = t.toString();
      var form = index.pipeline.run([t]).map(String)[0];
      // The query's own shards are loaded, so the index answers for its words.
      if (!form || index.invertedIndex[form] || word.length < 3) return word;
      var best = null, bestD = 3, bestN = 0;
      words.forEach(function (w) {
        var d = editDistance(form, w[0], 2);
        if (d > 2) return;
        if (d < bestD || (d === bestD && w[2] > bestN)) { best = w[1]; bestD = d; bestN = w[2]; }
      });
      if (!best) return word;
      changed = true;
      return best;
    });
    return changed ? out.join(' ') : '';
  });
}

function answer(m) {
  var key = JSON.stringify([m.q, !!m.live, m.filters]);
  var ranked = cached && cached.key === key ? Promise.resolve(cached)
    : Promise.all([shards.query(queryFor(m.q, m.live)), accepts(m.filters)]).then(function (parts) {
      var results = rank(parts[1] ? parts[0].results.filter(function (r) { return parts[1](r.ref); })
        : parts[0].results);
      cached = { key: key, index: parts[0].index, results: results };
      return cached;
    });
  return ranked.then(function (c) {
    var first = (m.page || 0) * PAGE;
    var page = c.results.slice(first, first + PAGE);
    return Promise.all([
      Promise.all(page.map(function (r) { return getJson(root + 'search/docs/' + r.ref + '.json'); })),
      c.results.length ? '' : suggest(m.q, c.index)
    ]).then(function (parts) {
      var docs = parts[0].map(function (d, i) {
        var r = page[i];
        return {
          title: d.title, kindLabel: d.kindLabel, url: d.url, summary: d.summary, lang: d.lang,
          marks: { title: marks(d.title, termsIn(r, 'title')),
                   summary: marks(d.summary, termsIn(r, 'summary')) },
          passage: passage(d.sections || [], termsIn(r, 'body'))
        };
      });
      return { type: 'results', id: m.id, total: c.results.length, first: first, docs: docs,
               suggestion: parts[1] };
    });
  });
}

self.onmessage = function (event) {
  var m = event.data || {};
  if (m.type === 'load') {
    root = m.root;
    try {
      importScripts(root + 'assets/lunr.min.js', root + 'assets/js/search-shards.js');
    } catch (e) {
      self.postMessage({ type: 'failed' });
      return;
    }
    getJson(root + 'search/manifest.json').then(function (manifest) {
      english = (manifest.pipeline || []).indexOf('stemmer') >= 0;
      shards = new CommonplaceShards(lunr, manifest, function (name) {
        return getJson(root + 'search/shards/' + name);
      });
      self.postMessage({ type: 'ready' });
    }).catch(function () {
      self.postMessage({ type: 'failed' });
    });
  } else if (m.type === 'search' && shards) {
    var fail = function (e) {
      if (e && e.name === 'QueryParseError') {
        self.postMessage({ type: 'results', id: m.id, error: e.message });
      } else {
        self.postMessage({ type: 'results', id: m.id, failed: true });
      }
    };
    try {
      answer(m).then(function (out) { self.postMessage(out); }, fail);
    } catch (e) {
      fail(e);
    }
  }
};
