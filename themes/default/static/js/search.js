// The search page: loads the Lunr index only when someone starts to search,
// shows results as they type, filters them, keeps the query in the URL and
// announces the result count. Everything from the index and the result
// store is treated as untrusted text (textContent only, never innerHTML).
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  if (!form || !input || !status || !list || typeof lunr === 'undefined') return;
  // The notice for readers without JavaScript is ordinary markup (a
  // <noscript> would also show when lunr.js fails to load); hide it now
  // that search can run.
  var nojs = document.getElementById('search-nojs');
  if (nojs) nojs.hidden = true;

  var base = document.documentElement.getAttribute('data-root') || '';
  var index = null;
  var store = null;
  var loading = null;
  var timer = null;

  function load() {
    if (loading) return loading;
    status.textContent = 'Loading the search index…';
    loading = Promise.all([
      fetch(base + 'search/index.json').then(function (r) { return r.json(); }),
      fetch(base + 'search/store.json').then(function (r) { return r.json(); })
    ]).then(function (parts) {
      index = lunr.Index.load(parts[0]);
      store = parts[1].docs;
    }).catch(function () {
      status.textContent = 'The search index could not be loaded. Try browsing instead.';
      loading = null;
    });
    return loading;
  }

  function filters() {
    var kinds = [];
    form.querySelectorAll('input[name="kind"]:checked').forEach(function (c) { kinds.push(c.value); });
    return {
      kinds: kinds,
      type: (form.querySelector('select[name="type"]') || {}).value || '',
      nation: (form.querySelector('select[name="nation"]') || {}).value || ''
    };
  }

  function accept(doc, f) {
    if (f.kinds.length && f.kinds.indexOf(doc.kind) < 0) return false;
    if (f.type && doc.type !== f.type) return false;
    if (f.nation && (doc.nations || []).indexOf(f.nation) < 0) return false;
    return true;
  }

  // Words of the query, for highlighting (lower case, without syntax).
  function queryWords(q) {
    return q.toLowerCase().split(/[\s\-]+/).map(function (w) {
      return w.replace(/^[+\-]/, '').replace(/^[a-z]+:/, '').replace(/[\^~].*$/, '').replace(/\*/g, '');
    }).filter(function (w) { return w.length > 1; });
  }

  // Appends `text` to `el`, wrapping words that start with a query word in <mark>.
  function highlight(el, text, words) {
    if (!words.length) { el.textContent = text; return; }
    var parts = text.split(/(\s+)/);
    parts.forEach(function (part) {
      var lower = part.toLowerCase().replace(/^\W+/, '');
      var hit = words.some(function (w) { return lower.indexOf(w.slice(0, Math.max(3, w.length - 2))) === 0; });
      if (hit) {
        var m = document.createElement('mark');
        m.textContent = part;
        el.appendChild(m);
      } else {
        el.appendChild(document.createTextNode(part));
      }
    });
  }

  function syntaxFree(q) { return !/[:+\-^~*]/.test(q); }

  function search(q) {
    try {
      var results = index.search(q);
      if (!results.length && syntaxFree(q)) {
        // As-you-type: the last word may be unfinished.
        results = index.search(q.trim() + '*');
      }
      return { results: results };
    } catch (e) {
      if (e && e.name === 'QueryParseError') return { error: e.message };
      throw e;
    }
  }

  function updateUrl(q, f) {
    var params = new URLSearchParams();
    if (q) params.set('q', q);
    f.kinds.forEach(function (k) { params.append('kind', k); });
    if (f.type) params.set('type', f.type);
    if (f.nation) params.set('nation', f.nation);
    var qs = params.toString();
    history.replaceState(null, '', location.pathname + (qs ? '?' + qs : ''));
  }

  function render() {
    var q = input.value.trim();
    var f = filters();
    updateUrl(q, f);
    list.textContent = '';
    if (!q) { status.textContent = ''; return; }
    var out = search(q);
    if (out.error) {
      status.textContent = 'That search could not be understood (' + out.error + '). ' +
        'Try removing special characters such as : ^ ~ * + -';
      return;
    }
    var words = queryWords(q);
    var shown = 0;
    out.results.forEach(function (r) {
      var doc = store[r.ref];
      if (!doc || !accept(doc, f) || shown >= 50) return;
      shown++;
      var li = document.createElement('li');
      var h = document.createElement('h2');
      h.className = 'result-title';
      var a = document.createElement('a');
      a.href = base + doc.url;
      highlight(a, doc.title, words);
      h.appendChild(a);
      var kind = document.createElement('p');
      kind.className = 'card-meta';
      kind.textContent = doc.kindLabel;
      var summary = document.createElement('p');
      highlight(summary, doc.summary || '', words);
      li.appendChild(h);
      li.appendChild(kind);
      li.appendChild(summary);
      list.appendChild(li);
    });
    status.textContent = shown === 0 ? 'No results for “' + q + '”.'
      : shown + (shown === 1 ? ' result' : ' results') + ' for “' + q + '”.';
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(function () { load().then(function () { if (index) render(); }); }, 150);
  }

  // Fill the form from the URL, so shared links show the same results.
  var params = new URLSearchParams(location.search);
  input.value = params.get('q') || '';
  var kinds = params.getAll('kind');
  form.querySelectorAll('input[name="kind"]').forEach(function (c) { c.checked = kinds.indexOf(c.value) >= 0; });
  ['type', 'nation'].forEach(function (name) {
    var s = form.querySelector('select[name="' + name + '"]');
    if (s && params.get(name)) s.value = params.get(name);
  });

  input.addEventListener('input', schedule);
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { input.value = ''; schedule(); }
  });
  form.addEventListener('change', schedule);
  form.addEventListener('submit', function (e) { e.preventDefault(); schedule(); });
  if (input.value) schedule();
})();
