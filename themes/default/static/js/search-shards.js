// A Lunr 2.3.9 index read from term-partitioned shards (the layout
// search::BuildLunrShards writes: manifest.json and shards/*.json). For each
// query it fetches only the shards holding the terms the query can match,
// assembles a lunr.Index of those terms alone and lets lunr.js answer.
//
// Scores and order equal the full index's: lunr's score for a document is a
// dot product of the query vector with the document's field vectors, and the
// query vector holds only the query's own (expanded) terms, so a field
// vector that holds just those terms gives the same sum, added in the same
// order. Every term a clause can expand to is in the shards fetched for it:
// a word or a prefix names a range of terms, and the shards are ranges.
// Fuzzy terms and leading wildcards can match anywhere: they fetch every
// shard.
//
// Used by search-worker.js (importScripts) and by the parity tests (node).
(function (global) {
  'use strict';

  // shards: new CommonplaceShards(lunr, manifest, fetchShard), where
  // fetchShard(fileName) resolves to the parsed shard (a JSON array).
  function CommonplaceShards(lunr, manifest, fetchShard) {
    this.lunr = lunr;
    this.manifest = manifest;
    this.fetchShard = fetchShard;
    this.pipeline = lunr.Pipeline.load(manifest.pipeline);
    this.loaded = [];   // by shard number: its parsed entries
    this.pending = [];  // by shard number: a promise of them
    this.scale = Math.pow(10, manifest.decimals);
  }

  // The number of the shard that holds `term` if the index has it: the last
  // whose bound is at or before it (bounds are sorted, the first is "").
  CommonplaceShards.prototype.shardOf = function (term) {
    var bounds = this.manifest.bounds, lo = 0, hi = bounds.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (bounds[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  // The shard numbers a query built by `fn` (as for lunr.Index#query)
  // needs, ascending. Throws what lunr would (lunr.QueryParseError).
  CommonplaceShards.prototype.shardsFor = function (fn) {
    var lunr = this.lunr, bounds = this.manifest.bounds;
    var query = new lunr.Query(this.manifest.fields);
    fn.call(query, query);
    var need = {}, all = false, self = this;
    query.clauses.forEach(function (clause) {
      var terms = clause.usePipeline
        ? self.pipeline.runString(clause.term, { fields: clause.fields })
        : [clause.term];
      terms.forEach(function (term) {
        var star = term.indexOf(lunr.Query.wildcard);
        if (clause.editDistance > 0 || star === 0) { all = true; return; }
        if (star < 0) { need[self.shardOf(term)] = true; return; }
        var prefix = term.slice(0, star);
        var i = self.shardOf(prefix);
        need[i] = true;
        // Later shards whose first term still starts with the prefix hold
        // more of its terms; the first that does not starts past them all.
        for (i++; i < bounds.length && bounds[i].slice(0, prefix.length) === prefix; i++) need[i] = true;
      });
    });
    var out = [];
    for (var i = 0; i < bounds.length; i++) if (all || need[i]) out.push(i);
    return { shards: out, negated: query.isNegated() };
  };

  CommonplaceShards.prototype.load = function (numbers) {
    var self = this;
    return Promise.all(numbers.map(function (i) {
      if (!self.pending[i]) {
        self.pending[i] = Promise.resolve(self.fetchShard(self.manifest.shards[i])).then(function (entries) {
          self.loaded[i] = entries;
          return entries;
        }, function (e) {
          self.pending[i] = null;  // a failed fetch may be tried again
          throw e;
        });
      }
      return self.pending[i];
    }));
  };

  // A lunr.Index of the terms of the given (loaded) shards. With
  // `negated`, every document gets its field vectors, as a query of only
  // prohibited terms returns every document. Field vectors are added
  // document by document, field by field, as the full index holds them
  // (their order is the order of a negated query's results).
  CommonplaceShards.prototype.assemble = function (numbers, negated) {
    var lunr = this.lunr, m = this.manifest, fields = m.fields, nf = fields.length;
    var n = m.documents, scale = this.scale, refs = this.refStrings();
    var invertedIndex = Object.create(null), terms = [];
    var byField = [];  // by field, by document: [termIndex, score, …] or undefined
    for (var f = 0; f < nf; f++) byField.push(new Array(n));
    var metadata = {};  // lunr copies a posting's metadata; these have none
    for (var s = 0; s < numbers.length; s++) {
      var entries = this.loaded[numbers[s]];
      for (var e = 0; e < entries.length; e++) {
        var entry = entries[e], term = entry[0], index = entry[1];
        var posting = { _index: index };
        for (f = 0; f < nf; f++) {
          var list = entry[2 + f], byRef = {}, vectors = byField[f];
          posting[fields[f]] = byRef;
          if (!list) continue;
          for (var k = 0, doc = 0; k < list.length; k += 2) {
            doc += list[k];
            byRef[refs[doc]] = metadata;
            (vectors[doc] || (vectors[doc] = [])).push(index, list[k + 1] / scale);
          }
        }
        invertedIndex[term] = posting;
        terms.push(term);
      }
    }
    var fieldVectors = {};
    for (var d = 0; d < n; d++) {
      for (f = 0; f < nf; f++) {
        var flat = byField[f][d];
        if (!flat && !negated) continue;
        fieldVectors[fields[f] + '/' + refs[d]] = new lunr.Vector(sortedPairs(flat || []));
      }
    }
    return new lunr.Index({
      invertedIndex: invertedIndex,
      fieldVectors: fieldVectors,
      tokenSet: lunr.TokenSet.fromArray(terms),
      fields: fields,
      pipeline: this.pipeline
    });
  };

  // [index, value, …] in ascending index order, as lunr.Vector needs.
  function sortedPairs(flat) {
    for (var i = 2; i < flat.length; i += 2) {
      if (flat[i] < flat[i - 2]) break;
    }
    if (i >= flat.length) return flat;
    var pairs = [];
    for (i = 0; i < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
    pairs.sort(function (a, b) { return a[0] - b[0]; });
    var out = [];
    for (i = 0; i < pairs.length; i++) out.push(pairs[i][0], pairs[i][1]);
    return out;
  }

  // Each document's ref as a string, by number.
  CommonplaceShards.prototype.refStrings = function () {
    if (!this.refs) {
      this.refs = this.manifest.refs || [];
      for (var d = this.refs.length; d < this.manifest.documents; d++) this.refs.push(String(d));
    }
    return this.refs;
  };

  // The assembled index for a set of shards, kept for the next few queries:
  // while someone types, the words' shards seldom change.
  CommonplaceShards.prototype.indexFor = function (numbers, negated) {
    var key = numbers.join(',') + (negated ? '-' : '');
    this.recent = this.recent || [];
    for (var i = 0; i < this.recent.length; i++) {
      if (this.recent[i].key === key) return this.recent[i].index;
    }
    var index = this.assemble(numbers, negated);
    this.recent.unshift({ key: key, index: index });
    if (this.recent.length > 4) this.recent.pop();
    return index;
  };

  // Resolves to {index, results}: the partial index and its answer to the
  // query `fn` builds (see lunr.Index#query), exactly the full index's.
  CommonplaceShards.prototype.query = function (fn) {
    var plan = this.shardsFor(fn), self = this;
    return this.load(plan.shards).then(function () {
      var index = self.indexFor(plan.shards, plan.negated);
      return { index: index, results: index.query(fn) };
    });
  };

  // lunr.Index#search: a query string in lunr's syntax.
  CommonplaceShards.prototype.search = function (q) {
    var lunr = this.lunr;
    return this.query(function (query) { new lunr.QueryParser(q, query).parse(); });
  };

  if (typeof module !== 'undefined' && module.exports) module.exports = CommonplaceShards;
  else global.CommonplaceShards = CommonplaceShards;
})(this);
